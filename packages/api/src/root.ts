import { auditRouter } from "./routers/audit";
import { authRouter } from "./routers/auth";
import { unitRouter } from "./routers/unit";
import { userRouter } from "./routers/user";
import { createCallerFactory, createTRPCRouter } from "./trpc";

export const appRouter = createTRPCRouter({
  audit: auditRouter,
  auth: authRouter,
  unit: unitRouter,
  user: userRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
