export * from "./publications.ts";
export * from "./residents.ts";
export * from "./participation.ts";
