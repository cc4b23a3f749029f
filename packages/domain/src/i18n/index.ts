export * from "./catalog.ts";
export * from "./audit.ts";
