import { auditRouter } from "./routers/audit";
import { authRouter } from "./routers/auth";
import { bulletinRouter } from "./routers/bulletin";
import { communeRouter } from "./routers/commune";
import { criteriaSetRouter } from "./routers/criteria-set";
import { planningRouter } from "./routers/planning";
import { recognitionRouter } from "./routers/recognition";
import { reportRouter } from "./routers/report";
import { reviewRouter } from "./routers/review";
import { unitRouter } from "./routers/unit";
import { userRouter } from "./routers/user";
import { createCallerFactory, createTRPCRouter } from "./trpc";

export const appRouter = createTRPCRouter({
  audit: auditRouter,
  auth: authRouter,
  bulletin: bulletinRouter,
  commune: communeRouter,
  criteriaSet: criteriaSetRouter,
  planning: planningRouter,
  recognition: recognitionRouter,
  report: reportRouter,
  review: reviewRouter,
  unit: unitRouter,
  user: userRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
