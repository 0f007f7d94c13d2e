import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "./root";

export type { AppRouter } from "./root";
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;

export type { PortalBulletin } from "./services/bulletins";
/** The public portal's JSON replies under /data/v1 (src/http/portal.ts), as the apps read them. */
export type {
  CommuneLevel,
  PortalCriterion,
  PortalHome,
  PortalOverview,
  PortalScorecard,
  PortalSearch,
} from "./services/portal";
