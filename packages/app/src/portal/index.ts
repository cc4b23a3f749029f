export * from "./publications.ts";
export * from "./residents.ts";
export * from "./participation.ts";
export * from "./demo.ts";
export * from "./notify.ts";
export * from "./protocol.ts";
export * from "./hearings.ts";
export * from "./follow.ts";
