export * from "./build";
export * from "./model";
export * from "./text";
