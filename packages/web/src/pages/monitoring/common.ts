/** What the monitoring pages share: periods, labels, saving a cell with the server's rule message beside it. */
import { formatDate as formatDateOnly, formatDateTime, formatNumber } from "../../lib/format.ts";
import {
  DIRECTION_REPORT_STATE_LABELS,
  PROGRAM_REPORT_STATE_LABELS,
  REPORT_PERIOD_LABELS,
  REPORT_PERIODS,
  resource as resourceSpec,
  SUBMISSION_ACTION_LABELS,
  type ReportPeriod,
  type SubmissionAction,
} from "@orientir/domain";
import { ApiError, errorBodyOf } from "../../lib/api.ts";
import { createRow, updateRow, type StoredRow } from "../../api/resources.ts";
import type { Lang } from "../../lib/i18n.tsx";

export type Row = StoredRow;

export { REPORT_PERIODS, type ReportPeriod, type SubmissionAction };

export const MONTHS: [string, string][] = [
  ["январь", "January"],
  ["февраль", "February"],
  ["март", "March"],
  ["апрель", "April"],
  ["май", "May"],
  ["июнь", "June"],
  ["июль", "July"],
  ["август", "August"],
  ["сентябрь", "September"],
  ["октябрь", "October"],
  ["ноябрь", "November"],
  ["декабрь", "December"],
];
export const MONTHS_SHORT: [string, string][] = [
  ["янв", "Jan"],
  ["фев", "Feb"],
  ["мар", "Mar"],
  ["апр", "Apr"],
  ["май", "May"],
  ["июн", "Jun"],
  ["июл", "Jul"],
  ["авг", "Aug"],
  ["сен", "Sep"],
  ["окт", "Oct"],
  ["ноя", "Nov"],
  ["дек", "Dec"],
];

export const pick = (l: { ru: string; en: string } | [string, string] | undefined, lang: Lang, fallback = ""): string =>
  !l ? fallback : Array.isArray(l) ? l[lang === "ru" ? 0 : 1] : lang === "ru" ? l.ru : l.en;

export function periodName(p: ReportPeriod, lang: Lang): string {
  return pick(REPORT_PERIOD_LABELS[p], lang);
}
export function actionName(a: string, lang: Lang): string {
  return pick(SUBMISSION_ACTION_LABELS[a as SubmissionAction], lang, a);
}
export function programStateName(s: string, lang: Lang): string {
  return pick(PROGRAM_REPORT_STATE_LABELS[s as keyof typeof PROGRAM_REPORT_STATE_LABELS], lang, s);
}
export function directionStateName(s: string, lang: Lang): string {
  return pick(DIRECTION_REPORT_STATE_LABELS[s as keyof typeof DIRECTION_REPORT_STATE_LABELS], lang, s);
}

/** The months a period's own entries cover (each month is reported in the first report covering it; Q4 in the annual one). */
export function periodMonths(p: ReportPeriod): number[] {
  const last = p === "annual" ? 12 : Number(p.slice(1)) * 3;
  return [last - 2, last - 1, last];
}
export function periodLastMonth(p: ReportPeriod): number {
  return p === "annual" ? 12 : Number(p.slice(1)) * 3;
}

/** The period being reported now: the quarter just ended (January–March: last year's annual report). */
export function currentPeriod(today = new Date()): { year: number; period: ReportPeriod } {
  const m = today.getMonth() + 1;
  const y = today.getFullYear();
  if (m <= 3) return { year: y - 1, period: "annual" };
  return { year: y, period: (["Q1", "Q2", "Q3"] as const)[Math.floor((m - 1) / 3) - 1]! };
}

export const DEADLINE_STATES: Record<string, [string, string]> = {
  done: ["исполнено", "done"],
  doneLate: ["исполнено с опозданием", "done late"],
  upcoming: ["предстоит", "upcoming"],
  dueToday: ["срок сегодня", "due today"],
  overdue: ["просрочено", "overdue"],
};

/** dd.mm.yyyy of an ISO date (or of a timestamp, with the time): lib/format.ts. */
export function formatDate(iso: string | null | undefined, withTime = false): string {
  if (!iso) return "";
  return withTime ? formatDateTime(iso) : formatDateOnly(iso);
}

/** A decimal in the reader's notation ("10 733 643,52"). */
export const num = (v: string | number | null | undefined): string => formatNumber(v, { maxDigits: 6 });

/**
 * Writes one field of a record (PATCH with its version) or creates the record with `create`
 * data. A refusal by a rule of the decree (e.g. the period lock of 6.16) is shown beside the cell
 * with its whole message, naming the rule.
 */
export async function saveCell(
  res: string,
  record: Row | null | undefined,
  create: Record<string, unknown> | null,
  field: string,
  value: string | null,
): Promise<void> {
  const spec = resourceSpec(res);
  try {
    if (record) await updateRow(spec, record.id, record.version, { [field]: value });
    else if (value !== null && create) await createRow(spec, { ...create, [field]: value });
  } catch (e) {
    throw besideCell(e, field);
  }
}

/** An API error whose rule message goes beside the cell of `field`. */
export function besideCell(e: unknown, field: string): unknown {
  if (e instanceof ApiError && errorBodyOf(e).rule && !e.issueFor(field)) {
    return new ApiError(e.status, e.code, e.message, [{ path: field, message: e.message }], e.body);
  }
  return e;
}

export function ruleOf(e: unknown): string | null {
  return errorBodyOf(e).rule ?? null;
}

export function monitoringUrl(programId: string, year: number, period: string): string {
  return `/monitoring?program=${encodeURIComponent(programId)}&year=${year}&period=${period}`;
}
