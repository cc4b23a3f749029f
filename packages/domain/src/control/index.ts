export * from "./registry.ts";
export * from "./orders.ts";
export * from "./appeals.ts";
export * from "./report.ts";
export * from "./notices.ts";
