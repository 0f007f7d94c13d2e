export * from "./criteria/model";
export * from "./format";
export * from "./text";
export * from "./unit";
