export * from "./money.ts";
export * from "./dates.ts";
export * from "./model/index.ts";
export * from "./policies/index.ts";
export * from "./errors.ts";
export { validateFields } from "./validation/fields.ts";
export type { Issue } from "./validation/issue.ts";
