/**
 * Reports as submissions (decree 220-п, section 6): the quarterly monitoring of I–III quarters
 * (cumulative, 6.5) and the annual report (6.10–6.17), one per program × year × period.
 *
 * A co-executor prepares the part of its direction and submits it to the responsible executor
 * (6.7, 6.10); the executor accepts it or returns it for rework with a comment, compiles the
 * program's report once every direction is accepted, and submits it (publication 6.8; the annual
 * report goes to the finance department, 6.11). The finance department reviews an annual report
 * (6.13); the economy department controls the monitoring (6.9) or gives its conclusion on the
 * annual report (6.15); either may return it for rework (6.17). Once the conclusion is recorded
 * the period is locked (6.16).
 *
 * Who may take each step is decided in policies/permissions.ts (area "monitoring"); this file
 * says which steps exist and which states they lead from and to.
 */
import { RuleError, ValidationError } from "../errors.ts";
import type { Label } from "../model/fields.ts";
import { trimText } from "../validation/text.ts";

export const REPORT_PERIODS = ["Q1", "Q2", "Q3", "annual"] as const;
export type ReportPeriod = (typeof REPORT_PERIODS)[number];

export const REPORT_PERIOD_LABELS: Record<ReportPeriod, Label> = {
  Q1: { ru: "мониторинг за I квартал", en: "monitoring, Q1" },
  Q2: { ru: "мониторинг за I полугодие", en: "monitoring, Q1–Q2" },
  Q3: { ru: "мониторинг за 9 месяцев", en: "monitoring, Q1–Q3" },
  annual: { ru: "годовой отчет", en: "annual report" },
};

export function isReportPeriod(s: unknown): s is ReportPeriod {
  return typeof s === "string" && (REPORT_PERIODS as readonly string[]).includes(s);
}

/** The quarter of a quarterly period (1–3); undefined for the annual report. */
export function periodQuarter(p: ReportPeriod): 1 | 2 | 3 | undefined {
  return p === "annual" ? undefined : (Number(p.slice(1)) as 1 | 2 | 3);
}

/** The last month a period covers, counted cumulatively from January (3, 6, 9 or 12). */
export function periodLastMonth(p: ReportPeriod): number {
  return p === "annual" ? 12 : periodQuarter(p)! * 3;
}

export function periodLabel(year: number, p: ReportPeriod): string {
  return `${REPORT_PERIOD_LABELS[p].ru} ${year} года`;
}

export const PROGRAM_REPORT_STATES = ["open", "compiled", "submitted", "financeReviewed", "controlled"] as const;
export type ProgramReportState = (typeof PROGRAM_REPORT_STATES)[number];
export const PROGRAM_REPORT_STATE_LABELS: Record<ProgramReportState, Label> = {
  open: { ru: "сбор информации соисполнителей", en: "collecting the directions" },
  compiled: { ru: "сформирован ответственным исполнителем", en: "compiled" },
  submitted: { ru: "представлен", en: "submitted" },
  financeReviewed: { ru: "экспертиза управления финансов проведена", en: "reviewed by the finance department" },
  controlled: { ru: "заключение управления экономики получено", en: "concluded by the economy department" },
};

export const DIRECTION_REPORT_STATES = ["draft", "submitted", "returned", "accepted"] as const;
export type DirectionReportState = (typeof DIRECTION_REPORT_STATES)[number];
export const DIRECTION_REPORT_STATE_LABELS: Record<DirectionReportState, Label> = {
  draft: { ru: "готовится", en: "draft" },
  submitted: { ru: "представлена ответственному исполнителю", en: "submitted" },
  returned: { ru: "возвращена на доработку", en: "returned for rework" },
  accepted: { ru: "принята", en: "accepted" },
};

/** How far a program report has got: a later state includes the earlier ones. */
export function programStateRank(s: ProgramReportState): number {
  return PROGRAM_REPORT_STATES.indexOf(s);
}

export const SUBMISSION_ACTIONS = [
  "submitDirection",
  "acceptDirection",
  "returnDirection",
  "compile",
  "submit",
  "return",
  "financeReview",
  "control",
  "sendToEconomy",
] as const;
export type SubmissionAction = (typeof SUBMISSION_ACTIONS)[number];

export const SUBMISSION_ACTION_LABELS: Record<SubmissionAction, Label> = {
  submitDirection: { ru: "Представить информацию по направлению", en: "Submit the direction" },
  acceptDirection: { ru: "Принять информацию по направлению", en: "Accept the direction" },
  returnDirection: { ru: "Вернуть направление на доработку", en: "Return the direction for rework" },
  compile: { ru: "Сформировать отчет программы", en: "Compile the program's report" },
  submit: { ru: "Представить отчет", en: "Submit the report" },
  return: { ru: "Вернуть отчет на доработку", en: "Return the report for rework" },
  financeReview: { ru: "Заключение управления финансов", en: "Finance department's conclusion" },
  control: { ru: "Заключение управления экономики", en: "Economy department's conclusion" },
  sendToEconomy: {
    ru: "Направить годовой отчет в управление экономики",
    en: "Send the annual report to the economy department",
  },
};

/**
 * The steps of the monitoring cycle for permissions: who takes a step is the same whatever the
 * action within it (accepting or returning a direction is the executor's review of it).
 */
export type MonitoringStep = "submitDirection" | "reviewDirection" | "compile" | "financeReview" | "economyReview";

export function isSubmissionAction(s: unknown): s is SubmissionAction {
  return typeof s === "string" && (SUBMISSION_ACTIONS as readonly string[]).includes(s);
}

export const SUBMISSION_RULES = {
  coexecutor: "220-п п. 6.7, 6.10",
  compile: "220-п п. 6.8, 6.11",
  finance: "220-п п. 6.13",
  economy: "220-п п. 6.9, 6.15",
  rework: "220-п п. 6.17",
  toEconomy: "220-п п. 6.14",
  lock: "220-п п. 6.16",
} as const;

export interface SubmissionRequest {
  action: SubmissionAction;
  period: ReportPeriod;
  programState: ProgramReportState;
  /** The direction's state (direction actions only). */
  directionState?: DirectionReportState;
  /** The states of every direction of the program (for compile). */
  directionStates?: readonly DirectionReportState[];
  comment?: string | null;
  conclusion?: string | null;
}

export interface SubmissionOutcome {
  step: MonitoringStep;
  programState: ProgramReportState;
  directionState?: DirectionReportState;
  /** The period is locked by this step (220-п 6.16). */
  locks: boolean;
}

/** Which step of the cycle an action is, given where the report stands (for the permission check). */
export function stepOf(action: SubmissionAction, period: ReportPeriod, programState: ProgramReportState): MonitoringStep {
  switch (action) {
    case "submitDirection":
      return "submitDirection";
    case "acceptDirection":
    case "returnDirection":
      return "reviewDirection";
    case "compile":
    case "submit":
    case "sendToEconomy":
      return "compile";
    case "financeReview":
      return "financeReview";
    case "control":
      return "economyReview";
    case "return":
      // an annual report is with the finance department first, then with the economy department
      return period === "annual" && programState === "submitted" ? "financeReview" : "economyReview";
  }
}

/** A text as written, without spaces and invisible characters at its ends ("" when it shows nothing). */
const text = (s: string | null | undefined) => (typeof s === "string" ? trimText(s) : "");

function refuse(message: string, rule: string): never {
  throw new RuleError(message, rule);
}

/**
 * Checks an action against the state machine and answers the new states. Throws RuleError when
 * the report is not in a state that allows it, ValidationError when a required comment or
 * conclusion is missing.
 */
export function planSubmission(r: SubmissionRequest): SubmissionOutcome {
  const step = stepOf(r.action, r.period, r.programState);
  const ps = r.programState;
  const psLabel = PROGRAM_REPORT_STATE_LABELS[ps].ru;
  const annual = r.period === "annual";
  const needText = (field: "comment" | "conclusion", value: string | null | undefined, message: string) => {
    if (!text(value)) throw new ValidationError([{ path: field, message, messageEn: `${field} is required` }]);
  };
  const ds = r.directionState;
  const isDirection = r.action === "submitDirection" || r.action === "acceptDirection" || r.action === "returnDirection";
  if (isDirection && ds === undefined)
    throw new ValidationError([{ path: "directionId", message: "Укажите направление", messageEn: "directionId is required" }]);

  switch (r.action) {
    case "submitDirection":
      if (ps !== "open")
        refuse(`Отчет программы уже ${psLabel}: информацию по направлению представить нельзя`, SUBMISSION_RULES.coexecutor);
      if (ds !== "draft" && ds !== "returned")
        refuse(`Информация по направлению уже ${DIRECTION_REPORT_STATE_LABELS[ds!].ru}`, SUBMISSION_RULES.coexecutor);
      return { step, programState: ps, directionState: "submitted", locks: false };
    case "acceptDirection":
      if (ps !== "open") refuse(`Отчет программы уже ${psLabel}`, SUBMISSION_RULES.compile);
      if (ds !== "submitted")
        refuse(
          `Принять можно только представленную информацию (сейчас: ${DIRECTION_REPORT_STATE_LABELS[ds!].ru})`,
          SUBMISSION_RULES.compile,
        );
      return { step, programState: ps, directionState: "accepted", locks: false };
    case "returnDirection":
      needText("comment", r.comment, "Укажите, что доработать");
      if (ps !== "open" && ps !== "compiled")
        refuse(`Отчет программы уже ${psLabel}: направление вернуть нельзя`, SUBMISSION_RULES.compile);
      if (ds !== "submitted" && ds !== "accepted")
        refuse(
          `Вернуть можно только представленную или принятую информацию (сейчас: ${DIRECTION_REPORT_STATE_LABELS[ds!].ru})`,
          SUBMISSION_RULES.compile,
        );
      return { step, programState: "open", directionState: "returned", locks: false };
    case "compile": {
      if (ps !== "open") refuse(`Отчет программы уже ${psLabel}`, SUBMISSION_RULES.compile);
      const states = r.directionStates ?? [];
      const pending = states.filter((s) => s !== "accepted").length;
      if (pending > 0)
        refuse(`Не принята информация по ${pending} из ${states.length} направлений: сформировать отчет нельзя`, SUBMISSION_RULES.compile);
      return { step, programState: "compiled", locks: false };
    }
    case "submit":
      if (ps !== "compiled") refuse(`Представить можно сформированный отчет (сейчас: ${psLabel})`, SUBMISSION_RULES.compile);
      return { step, programState: "submitted", locks: false };
    case "return":
      needText("comment", r.comment, "Укажите замечания");
      if (ps !== "submitted" && !(annual && ps === "financeReviewed"))
        refuse(`Вернуть можно представленный отчет (сейчас: ${psLabel})`, SUBMISSION_RULES.rework);
      return { step, programState: "compiled", locks: false };
    case "financeReview":
      if (!annual) refuse("Экспертизу управления финансов проходит только годовой отчет", SUBMISSION_RULES.finance);
      needText("conclusion", r.conclusion, "Укажите заключение управления финансов");
      if (ps !== "submitted")
        refuse(`Экспертиза проводится по представленному годовому отчету (сейчас: ${psLabel})`, SUBMISSION_RULES.finance);
      return { step, programState: "financeReviewed", locks: false };
    case "sendToEconomy":
      // 6.14: within 2 days of the finance department's conclusion; the state stays, the step is dated
      if (!annual)
        refuse("В управление экономики после заключения управления финансов направляется годовой отчет", SUBMISSION_RULES.toEconomy);
      if (ps !== "financeReviewed")
        refuse(`Годовой отчет направляется после заключения управления финансов (сейчас: ${psLabel})`, SUBMISSION_RULES.toEconomy);
      return { step, programState: ps, locks: false };
    case "control":
      needText("conclusion", r.conclusion, "Укажите заключение управления экономики");
      if (annual && ps !== "financeReviewed")
        refuse(`Заключение по годовому отчету дается после экспертизы управления финансов (сейчас: ${psLabel})`, SUBMISSION_RULES.economy);
      if (!annual && ps !== "submitted")
        refuse(`Контроль проводится по представленному мониторингу (сейчас: ${psLabel})`, SUBMISSION_RULES.economy);
      return { step, programState: "controlled", locks: true };
  }
}

/** The actions open in this state (what the interface may offer; permissions decide whose they are). */
export function availableSubmissionActions(
  period: ReportPeriod,
  programState: ProgramReportState,
  directionState?: DirectionReportState,
): SubmissionAction[] {
  const out: SubmissionAction[] = [];
  for (const action of SUBMISSION_ACTIONS) {
    const isDirection = action === "submitDirection" || action === "acceptDirection" || action === "returnDirection";
    if (isDirection !== (directionState !== undefined)) continue;
    try {
      planSubmission({ action, period, programState, directionState, comment: "x", conclusion: "x", directionStates: [] });
      out.push(action);
    } catch {
      /* not open */
    }
  }
  return out;
}
