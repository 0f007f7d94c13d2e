export * from "./access";
export * from "./audit";
export * from "./criteria-sets";
export * from "./jobs";
export * from "./plan";
export * from "./reporting";
export * from "./unit-attributes";
export * from "./units";
