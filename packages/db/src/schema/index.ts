export * from "./access";
export * from "./audit";
export * from "./units";
