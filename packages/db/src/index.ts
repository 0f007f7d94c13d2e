export type { Database, Executor, Transaction } from "./database";
export { isUniqueViolation } from "./errors";
export { hashPassword, verifyPassword } from "./password";
export * from "./queries/access";
export * from "./queries/audit";
export * from "./queries/units";
export { DEMO_PASSWORD, DEMO_USERS } from "./seed/demo-users";
export { thoXuanDemoUnits } from "./seed/tho-xuan";
