export * from "./rules.ts";
export * from "./due.ts";
export * from "./reminders.ts";
export * from "./budget-change.ts";
export * from "./workflow-events.ts";
