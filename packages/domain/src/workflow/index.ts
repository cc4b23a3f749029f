export * from "./definition.ts";
export * from "./engine.ts";
export * from "./legal-deadlines.ts";
export * from "./attachments.ts";
export * from "./stepper.ts";
