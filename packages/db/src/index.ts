export type { Database, Executor, Transaction } from "./database";
export * from "./queries/units";
export { thoXuanDemoUnits } from "./seed/tho-xuan";
