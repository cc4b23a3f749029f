export * from "./view.ts";
export * from "./rules.ts";
