export * from "./money.ts";
export * from "./dates.ts";
export * from "./model/index.ts";
