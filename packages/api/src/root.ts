import { auditRouter } from "./routers/audit";
import { authRouter } from "./routers/auth";
import { reportRouter } from "./routers/report";
import { unitRouter } from "./routers/unit";
import { userRouter } from "./routers/user";
import { createCallerFactory, createTRPCRouter } from "./trpc";

export const appRouter = createTRPCRouter({
  audit: auditRouter,
  auth: authRouter,
  report: reportRouter,
  unit: unitRouter,
  user: userRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
