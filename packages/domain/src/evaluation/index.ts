/** Effectiveness evaluation (decree 220-п): methodology as data, format-1 reports, exact evaluator with trace, indicator classes. */
export {
  type Rational,
  parseDecimal as parseRational,
  fromNumber as rationalFromNumber,
  toNumber as rationalToNumber,
  toFixed as rationalToFixed,
} from "./rational.ts";
export * from "./methodology.ts";
export * from "./report.ts";
export * from "./resolve.ts";
export * from "./evaluate.ts";
export * from "./classify.ts";
export * from "./from-document.ts";
export * from "./in-force.ts";
