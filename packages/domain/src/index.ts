export * from "./criteria/model";
export * from "./format";
export * from "./official";
export * from "./text";
export * from "./unit";
