export * from "./money.ts";
export * from "./dates.ts";
export * from "./model/index.ts";
export * from "./policies/index.ts";
export * from "./errors.ts";
export * from "./validation/index.ts";
export * from "./calendar/index.ts";
export * from "./deadlines/index.ts";
