/**
 * The contracts of the API: every request and response shape, defined once as a zod schema,
 * named (`.meta({ id })`: the OpenAPI document's `components.schemas`), with its TypeScript type
 * inferred from it. The server validates by them; the app's use cases take and return their types.
 */
export * from "./common.ts";
export * from "./system.ts";
export * from "./auth.ts";
export * from "./resources.ts";
export * from "./documents.ts";
export * from "./views.ts";
export * from "./workflow.ts";
export * from "./monitoring.ts";
export * from "./evaluation.ts";
export * from "./forms.ts";
export * from "./deadlines.ts";
export * from "./portal.ts";
export * from "./control.ts";
export * from "./control-files.ts";
export * from "./home.ts";
export * from "./portal-participation.ts";
export * from "./portal-qa.ts";
export * from "./portal-discussions.ts";
