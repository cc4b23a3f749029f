export * from "./fields.ts";
export * from "./enums.ts";
export * from "./resources.ts";
export type * from "./documents.ts";
