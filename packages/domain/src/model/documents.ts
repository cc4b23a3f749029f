/**
 * Documents: a whole strategy, action plan or program as one nested tree, with references by
 * code or name instead of database ids. One shape serves the demo data, import and export
 * (JSON and the Excel forms), and the snapshots of approved versions that diffs compare.
 * Numbers of indicators and metrics are decimal strings; amounts are money strings.
 */
import type { ElementKind, MetricLevel, ProjectKind, SwotKind, Trend } from "./enums.ts";

export interface YearPlanFact {
  year: number;
  plan?: string | null;
  fact?: string | null;
  /** Justification of a deviation of the fact from the plan (annual report). */
  justification?: string | null;
}

export interface FundingRow {
  year: number;
  /** Code of the municipality's budget source, e.g. "federal", "regional", "local", "other". */
  source: string;
  amount: string;
}

// ---- strategy -------------------------------------------------------------------------

export interface StrategyActivityDoc {
  code?: string | null;
  name: string;
  expectedResult?: string | null;
  term?: string | null;
}
export interface StrategyTaskDoc {
  code?: string | null;
  name: string;
  activities: StrategyActivityDoc[];
}
export interface GoalDoc {
  code?: string | null;
  name: string;
  description?: string | null;
  tasks: StrategyTaskDoc[];
}
export interface PriorityDoc {
  code?: string | null;
  name: string;
  description?: string | null;
  goals: GoalDoc[];
}
export interface StrategyIndicatorDoc {
  code?: string | null;
  name: string;
  unit: string;
  okei?: string | null;
  trend: Trend;
  baseYear?: number | null;
  baseValue?: string | null;
  /** Code (or name) of the goal it measures. */
  goal?: string | null;
  values: { year: number; target?: string | null; fact?: string | null }[];
}
export interface StrategyDocument {
  name: string;
  startYear: number;
  endYear: number;
  mission?: string | null;
  vision?: string | null;
  approvalDocument?: string | null;
  stages: { name: string; startYear: number; endYear: number; description?: string | null }[];
  swot: Record<SwotKind, string[]>;
  priorities: PriorityDoc[];
  /** Goals that belong to no priority. */
  goals: GoalDoc[];
  risks: { name: string; mitigation?: string | null }[];
  indicators: StrategyIndicatorDoc[];
  /** The main problems of the town's development, each with the codes (or names) of the priorities that answer it. */
  problems?: StrategyProblemDoc[];
}
export interface StrategyProblemDoc {
  code?: string | null;
  name: string;
  description?: string | null;
  /** Codes (or names) of the priorities that answer the problem. */
  priorities: string[];
}

// ---- action plan ----------------------------------------------------------------------

export interface PlanActivityDoc {
  code?: string | null;
  name: string;
  /** Strategy goal and task by code or name. */
  goal?: string | null;
  task?: string | null;
  /** Department name. */
  responsible?: string | null;
  /** Code of the municipal program that carries it. */
  program?: string | null;
  /** The executing municipal body / structural unit (appendix 1, column 7 of source 000). */
  executingBody?: string | null;
  expectedResult?: string | null;
  term?: string | null;
  funding: FundingRow[];
}
export interface PlanIndicatorDoc {
  code?: string | null;
  name: string;
  unit: string;
  trend: Trend;
  baseValue?: string | null;
  goal?: string | null;
  strategyIndicator?: string | null;
  /** Department name of the responsible executor (appendix 2). */
  responsible?: string | null;
  values: YearPlanFact[];
}
export interface PriorityProjectDoc {
  name: string;
  /** Priority or strategic (appendix 3 of source 000); none given is a priority project. */
  kind?: ProjectKind | null;
  object?: string | null;
  plannedWorks?: string | null;
  term?: string | null;
  responsible?: string | null;
  funding: FundingRow[];
}
export interface ActionPlanDocument {
  name: string;
  startYear: number;
  endYear: number;
  approvalDocument?: string | null;
  /** A plan not yet approved (the draft of the next plan); absent or false: approved. */
  draft?: boolean;
  activities: PlanActivityDoc[];
  indicators: PlanIndicatorDoc[];
  priorityProjects: PriorityProjectDoc[];
}

// ---- municipal program ------------------------------------------------------------------

export interface MetricDoc {
  code?: string | null;
  name: string;
  unit: string;
  okei?: string | null;
  trend: Trend;
  baseYear?: number | null;
  baseValue?: string | null;
  valueSource?: string | null;
  level: MetricLevel;
  /** Code or name of the element's task it is linked to. */
  task?: string | null;
  values: YearPlanFact[];
  /** Monthly plan: month 1..11 = end of that month, 12 = on 31 December. */
  months: {
    year: number;
    month: number;
    plan?: string | null;
    fact?: string | null;
    forecast?: string | null;
    justification?: string | null;
  }[];
}
export interface CheckpointDoc {
  name: string;
  /** Code or name of the activity it confirms. */
  activity?: string | null;
  plannedDate: string;
  actualDate?: string | null;
  responsible?: string | null;
  documentKind?: string | null;
  informationSystem?: string | null;
  /** Monitoring: results / problems of the checkpoint (appendices 8 and 9). */
  comment?: string | null;
  /**
   * The confirming documents actually attached to the checkpoint (their names), filled by the
   * forms from the stored documents; never part of an approved snapshot.
   */
  documents?: string[];
}
export interface ElementDoc {
  code: string;
  name: string;
  kind: ElementKind;
  responsible?: string | null;
  startYear?: number | null;
  endYear?: number | null;
  /** Participants of the element (1.3.3): bodies and organisations, not co-executors. */
  participants?: string[];
  tasks: { code?: string | null; name: string; activities: { code?: string | null; name: string; description?: string | null }[] }[];
  metrics: MetricDoc[];
  checkpoints: CheckpointDoc[];
  funding: FundingRow[];
  /** The element's budget schedule (the year's amount by source, each change dated). */
  budgetSchedule?: BudgetScheduleDoc[];
  /** The element's cash execution by year, quarter (cumulative) and source. */
  budgetExecution?: BudgetExecutionDoc[];
}
/** An entry of the year's budget schedule (СБР): the amount in force from `effectiveDate`. */
export interface BudgetScheduleDoc {
  year: number;
  source: string;
  amount: string;
  effectiveDate: string;
  reason?: string | null;
}
/**
 * Cash execution from the start of the year to the quarter's end. `schedule`, on export, is the
 * year's schedule in force at the quarter's end (derived from `budgetSchedule`); a document
 * without `budgetSchedule` (the former shape) has its schedule taken from these values.
 */
export interface BudgetExecutionDoc {
  year: number;
  quarter: number;
  source: string;
  schedule?: string | null;
  cash: string;
  /** Monitoring: the reason for a deviation of funding (appendices 8 and 9, «Комментарий»). */
  deviationReason?: string | null;
}
export interface DirectionDoc {
  code: string;
  name: string;
  /** Department name of the co-executor that owns the direction. */
  coExecutor: string;
  /** 1.3.4: the section (subsection) of the classification of expenditure, e.g. «0701 Дошкольное образование». */
  budgetClassification?: string | null;
  elements: ElementDoc[];
  /** The direction's budget schedule (the year's amount by source, each change dated). */
  budgetSchedule?: BudgetScheduleDoc[];
  /** The direction's cash execution by year, quarter (cumulative) and source. */
  budgetExecution?: BudgetExecutionDoc[];
}
export interface ProgramIndicatorDoc {
  code?: string | null;
  name: string;
  unit: string;
  okei?: string | null;
  trend: Trend;
  baseYear: number;
  baseValue?: string | null;
  /** Code or name of the program goal. */
  goal?: string | null;
  /** Code or name of the corresponding strategy indicator, where one corresponds. */
  strategyIndicator?: string | null;
  values: YearPlanFact[];
}
export interface ProgramDocument {
  code: string;
  name: string;
  /** Department name of the responsible executor. */
  responsibleExecutor: string;
  coExecutors: string[];
  startYear: number;
  endYear: number;
  otherSources?: string | null;
  /** Code (or name) of the strategy goal the program serves. */
  strategyGoal?: string | null;
  /**
   * The program's annual reports: the main results of each year (6.12.3), written by the executor —
   * record of execution, outside the version diff.
   */
  annualReports?: { year: number; mainResults: string | null }[];
  goals: { code?: string | null; name: string; targetValue?: string | null; unit?: string | null; targetYear?: number | null }[];
  stages: { name: string; startYear: number; endYear: number }[];
  indicators: ProgramIndicatorDoc[];
  directions: DirectionDoc[];
}

// ---- municipality -------------------------------------------------------------------------

export interface MunicipalityDocument {
  name: string;
  country: string;
  currency: string;
  budgetSources: { code: string; name: string; formLabel?: string | null }[];
  departments: { name: string; shortName?: string | null }[];
  strategy?: StrategyDocument | null;
  actionPlan?: ActionPlanDocument | null;
  /** Further action plans of the same strategy, e.g. the next plan in draft. */
  nextActionPlans?: ActionPlanDocument[];
  programs: ProgramDocument[];
}
