export type { Database, Executor, Transaction } from "./database";
export { isDatabaseUnavailable, isUniqueViolation } from "./errors";
export { DUMMY_PASSWORD_HASH, hashPassword, needsRehash, verifyPassword } from "./password";
export * from "./queries/access";
export * from "./queries/audit";
export * from "./queries/bulletins";
export * from "./queries/commune-home";
export * from "./queries/criteria-sets";
export * from "./queries/evidence";
export * from "./queries/inbox";
export * from "./queries/jobs";
export * from "./queries/plan-tasks";
export * from "./queries/recognition";
export * from "./queries/report-page-stamp";
export * from "./queries/reports";
export * from "./queries/review";
export * from "./queries/schedules";
export * from "./queries/sign-in";
export * from "./queries/standing";
export * from "./queries/standing-version";
export * from "./queries/targets";
export * from "./queries/unit-attributes";
export * from "./queries/unit-clusters";
export * from "./queries/unit-history";
export * from "./queries/units";
export * from "./queries/users";
export * from "./queries/verdicts";
export type {
  PlanTaskStatus,
  ReevaluationStatus,
  ReportStatus,
  ReviewStatus,
  StandingSnapshot,
} from "./schema";
export { DEMO_PASSWORD, DEMO_USERS } from "./seed/demo-users";
export { THANH_HOA_NANG_CAO_SET_ID, THANH_HOA_NTM_SET_ID } from "./seed/thanh-hoa-adaptations";
export {
  COMMUNE_VILLAGE_CULTURAL_HOUSE_SHARE,
  COMMUNE_VILLAGE_PLAN,
  THANH_HOA_VILLAGE_ROLLUP_SET_ID,
  THANH_HOA_VILLAGE_SET_ID,
  thanhHoaVillageSets,
  VILLAGE_CULTURAL_HOUSE,
} from "./seed/thanh-hoa-villages";
export { thoXuanDemoUnits } from "./seed/tho-xuan";
export { DEMO_PERIODS, REVIEW_DATE, REVIEW_PERIOD } from "./seed/tho-xuan-review";
export { sharedReads } from "./shared-reads";
