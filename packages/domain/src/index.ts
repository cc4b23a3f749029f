export * from "./money.ts";
export * from "./model/index.ts";
