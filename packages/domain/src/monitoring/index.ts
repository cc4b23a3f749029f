export * from "./submissions.ts";
export * from "./deviations.ts";
export * from "./locks.ts";
export * from "./files.ts";
export * from "./tracking.ts";
export * from "./budget.ts";
