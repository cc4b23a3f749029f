export * from "./database.ts";
export * from "./fixture.ts";
export * from "./api.ts";
export * from "./browser.ts";
export * from "./processes.ts";
export * from "./statements.ts";
export * from "./axe.ts";
