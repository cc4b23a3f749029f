export * from "./view.ts";
export * from "./rules.ts";
export * from "./protocol.ts";
export * from "./participation.ts";
export * from "./survey.ts";
export * from "./scores.ts";
