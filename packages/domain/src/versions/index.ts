export * from "./diff.ts";
export * from "./note.ts";
export * from "./rules.ts";
export { decimalDelta, formatDecimalRu, formatDeltaRu } from "./numbers.ts";
export * from "./content.ts";
export * from "./conformity.ts";
