/** Validation: field rules from the resource specs, the rules of decree 220-п, whole documents. */
export { hasErrors, sameName, type Issue } from "./issue.ts";
export {
  validateFields,
  checkField,
  checkMoney,
  normalizeDecimal,
  normalizeInteger,
  decimalSizeIssue,
  isUuid,
  YEAR_MIN,
  YEAR_MAX,
  DECIMAL_MAX_INTEGER_DIGITS,
  DECIMAL_MAX_FRACTION_DIGITS,
} from "./fields.ts";
export { controlCharIndex, controlCharMessage, hasControlChars, isBlankText, trimText, valueText } from "./text.ts";
export {
  MIN_PROGRAM_YEARS,
  periodOf,
  periodOrderIssues,
  programPeriodIssues,
  yearInPeriodIssues,
  dateInPeriodIssues,
  baseYearIssues,
  subPeriodIssues,
  rowPeriodIssues,
  metricIssues,
  crossProgramDuplicateIssues,
  type Period,
  type OtherProgram,
} from "./rules.ts";
export { checkpointWarnings, checkpointGroupPath, CHECKPOINT_RULE, MIN_CHECKPOINTS_PER_YEAR, type CheckpointInput } from "./checkpoints.ts";
export {
  validateProgramDocument,
  validateStrategyDocument,
  validateActionPlanDocument,
  findByCodeOrName,
  type ProgramContext,
  type ActionPlanContext,
} from "./documents.ts";
