/**
 * The deadlines of a program's reports and where each stands: which step of the monitoring cycle
 * completes each rule of the municipality's rule set, who must act, and the reminders due today.
 * Pure: the caller gives the facts (submission states with the dates they were reached, the
 * finance department's data) and today's date.
 */
import { addDays, compareDates, daysInMonth, makeDate, type IsoDate } from "../dates.ts";
import { CalendarRangeError, type WorkingCalendar } from "../calendar/calendar.ts";
import { dueDate, nominalDate, ruleQuarters, type DeadlinePeriod } from "../deadlines/due.ts";
import type { DeadlineRule } from "../deadlines/rules.ts";
import { deadlineState, reminderMoments, type DeadlineState } from "../deadlines/reminders.ts";
import { periodQuarter, programStateRank, type DirectionReportState, type ProgramReportState, type ReportPeriod } from "./submissions.ts";

/** What completes a rule for one program and period. */
export type Completion =
  /** each direction's co-executor submits its part */
  | { level: "direction" }
  /** the program's report reaches this state */
  | { level: "program"; reached: ProgramReportState }
  /** the finance department has entered the budget data of every direction */
  | { level: "finance" }
  /** the executor sent the annual report on to the economy department (220-п 6.14): that step, or its conclusion */
  | { level: "sentToEconomy" };

/** Review rules are counted from an event: the date the report reached a state. */
export interface ReviewTracking {
  completion: Completion;
  /** The state whose date is the event the rule counts from. */
  eventState: ProgramReportState;
}

const BY_ID: Record<string, Completion | ReviewTracking> = {
  "monitoring.finance": { level: "finance" },
  "monitoring.coexecutor": { level: "direction" },
  "monitoring.publication": { level: "program", reached: "submitted" },
  "monitoring.control": { level: "program", reached: "controlled" },
  "annual.coexecutor": { level: "direction" },
  "annual.report": { level: "program", reached: "submitted" },
  "review.annual.finance": { completion: { level: "program", reached: "financeReviewed" }, eventState: "submitted" },
  "review.annual.economy": { completion: { level: "program", reached: "controlled" }, eventState: "financeReviewed" },
  "review.annual.toEconomy": { completion: { level: "sentToEconomy" }, eventState: "financeReviewed" },
};

/**
 * How the monitoring cycle completes a rule: by its id for the rules of 220-п, otherwise by its
 * kind and actor (a municipality's own quarterly or annual rule for the co-executor, the executor,
 * the finance or the economy department). Null: the rule is not about a program's report (legal
 * dates, the review of draft programs, the consolidated report and publications).
 */
export function trackingOf(rule: DeadlineRule): Completion | ReviewTracking | null {
  const known = BY_ID[rule.id];
  if (known) return known;
  if (rule.id in KNOWN_UNTRACKED) return null;
  if (rule.kind !== "quarterly" && rule.kind !== "annual") return null;
  switch (rule.actor) {
    case "coexecutor":
      return { level: "direction" };
    case "executor":
      return { level: "program", reached: "submitted" };
    case "finance":
      return rule.kind === "quarterly" ? { level: "finance" } : null;
    case "economy":
      return { level: "program", reached: "controlled" };
    default:
      return null;
  }
}

const KNOWN_UNTRACKED: Record<string, true> = { "annual.consolidated": true, "annual.publication": true };

export interface ProgramFacts {
  id: string;
  code: string;
  responsibleDepartmentId: string;
  startYear: number;
  endYear: number;
  /**
   * The day the program's approval takes effect (the decree of its first approved version), null
   * while it has none: reports are due only for the periods that end on or after it (a draft
   * raises only its own review deadlines, which the workflow keeps).
   */
  inForceFrom: IsoDate | null;
  directions: { id: string; code: string; coExecutorDepartmentId: string }[];
  /** Per period key `${year}:${period}`: the report's state and the dates (local) each state was last reached. */
  reports: Record<
    string,
    {
      state: ProgramReportState;
      reachedOn: Partial<Record<ProgramReportState, IsoDate>>;
      directions: Record<string, { state: DirectionReportState; submittedOn: IsoDate | null }>;
      /** The day the executor last sent the annual report to the economy department (220-п 6.14). */
      sentToEconomyOn?: IsoDate | null;
    }
  >;
  /** Per `${directionId}:${year}:${quarter}`: the date the finance department last changed the data. */
  financeData: Record<string, IsoDate>;
}

export interface DeadlineItem {
  /** Stable identity of this deadline for this program, period and direction (reminders are keyed by it). */
  key: string;
  ruleId: string;
  label: string;
  clause: string;
  /** The role that must act. */
  actor: string;
  /** The department that must act (a direction's co-executor, the program's executor), if one. */
  departmentId: string | null;
  programId: string;
  programCode: string;
  directionId: string | null;
  directionCode: string | null;
  year: number;
  period: ReportPeriod;
  nominal: IsoDate;
  due: IsoDate;
  state: DeadlineState;
  doneOn: IsoDate | null;
  workingDaysLeft: number;
}

export const reportKey = (year: number, period: ReportPeriod) => `${year}:${period}`;

function reached(program: ProgramFacts, year: number, period: ReportPeriod, state: ProgramReportState): IsoDate | null {
  const r = program.reports[reportKey(year, period)];
  if (!r || programStateRank(r.state) < programStateRank(state)) return null;
  return r.reachedOn[state] ?? null;
}

/**
 * The tracked deadlines of one program for the reports of `year` (Q1–Q3 of the year, and the
 * annual report on it), with their state on `today`. Deadlines the calendar does not cover are left
 * out (`skipped` counts them).
 */
export function programDeadlines(
  program: ProgramFacts,
  rules: readonly DeadlineRule[],
  cal: WorkingCalendar,
  year: number,
  today: IsoDate,
): { items: DeadlineItem[]; skipped: number } {
  const items: DeadlineItem[] = [];
  let skipped = 0;
  if (year < program.startYear || year > program.endYear) return { items, skipped };
  // 220-п reports exist only for a program in force, for the periods ending after it took effect
  const inForceFrom = program.inForceFrom;
  if (inForceFrom === null) return { items, skipped };
  const inForceDuring = (period: ReportPeriod) => {
    const q = periodQuarter(period);
    const end = q === undefined ? makeDate(year, 12, 31) : makeDate(year, q * 3, daysInMonth(year, q * 3));
    return compareDates(end, inForceFrom) >= 0;
  };
  for (const rule of rules) {
    const tracking = trackingOf(rule);
    if (!tracking) continue;
    const review = "eventState" in tracking ? tracking : null;
    const completion = review ? review.completion : (tracking as Completion);
    const periods: { period: ReportPeriod; dp: DeadlinePeriod | null }[] = [];
    if (rule.kind === "quarterly") {
      for (const q of ruleQuarters(rule)) if (q <= 3) periods.push({ period: `Q${q}` as ReportPeriod, dp: { year, quarter: q } });
    } else if (rule.kind === "annual") {
      periods.push({ period: "annual", dp: { year } });
    } else if (rule.kind === "review") {
      // counted from the date the annual report reached the event state (unknown until then)
      const event = review ? reached(program, year, "annual", review.eventState) : null;
      periods.push({ period: "annual", dp: event ? { eventDate: event } : null });
    }
    for (const { period, dp } of periods) {
      if (!dp || !inForceDuring(period)) continue;
      let nominal: IsoDate;
      let due: IsoDate;
      try {
        nominal = nominalDate(rule, dp, cal);
        due = dueDate(rule, dp, cal);
      } catch (e) {
        if (e instanceof CalendarRangeError) {
          skipped++;
          continue;
        }
        throw e;
      }
      const base = {
        ruleId: rule.id,
        label: rule.label.ru,
        clause: rule.clause,
        actor: rule.actor,
        programId: program.id,
        programCode: program.code,
        year,
        period,
        nominal,
        due,
      };
      const status = (doneOn: IsoDate | null) => {
        try {
          return deadlineState(due, today, doneOn, cal);
        } catch (e) {
          if (e instanceof CalendarRangeError) return null;
          throw e;
        }
      };
      const push = (directionId: string | null, directionCode: string | null, departmentId: string | null, doneOn: IsoDate | null) => {
        const s = status(doneOn);
        if (!s) {
          skipped++;
          return;
        }
        items.push({
          ...base,
          key: `${rule.id}:${program.id}:${year}:${period}:${directionId ?? "-"}:${due}`,
          departmentId,
          directionId,
          directionCode,
          state: s.state,
          doneOn,
          workingDaysLeft: s.workingDaysLeft,
        });
      };
      if (completion.level === "direction") {
        const report = program.reports[reportKey(year, period)];
        for (const d of program.directions) {
          // a direction is done once its part was submitted, and stays done while the report moves on
          const ds = report?.directions[d.id];
          const done = ds && (ds.state === "submitted" || ds.state === "accepted") ? ds.submittedOn : null;
          push(d.id, d.code, d.coExecutorDepartmentId, done);
        }
      } else if (completion.level === "program") {
        const dept = rule.actor === "executor" ? program.responsibleDepartmentId : null;
        push(null, null, dept, reached(program, year, period, completion.reached));
      } else if (completion.level === "sentToEconomy") {
        // sent on or after the finance conclusion; the economy department's conclusion shows it arrived in any case
        const sent = program.reports[reportKey(year, period)]?.sentToEconomyOn ?? null;
        const from = reached(program, year, period, "financeReviewed");
        const done = sent && from && sent >= from ? sent : reached(program, year, period, "controlled");
        push(null, null, rule.actor === "executor" ? program.responsibleDepartmentId : null, done);
      } else {
        const quarter = periodQuarter(period) ?? 4;
        const dates = program.directions.map((d) => program.financeData[`${d.id}:${year}:${quarter}`] ?? null);
        const done = program.directions.length > 0 && dates.every(Boolean) ? dates.reduce((a, b) => (a! > b! ? a : b)) : null;
        push(null, null, null, done);
      }
    }
  }
  items.sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : a.key < b.key ? -1 : 1));
  return { items, skipped };
}

export type ReminderKind = "before" | "due" | "overdue";

/** An overdue reminder is not sent for deadlines missed longer ago than this (days after the overdue date). */
export const OVERDUE_REMINDER_WINDOW_DAYS = 30;

/**
 * Which reminder of an open deadline is due on `today`: the one `before` working days ahead (from
 * that day until the due date), on the due date, or once it is overdue (from the first working
 * day after the due date, for OVERDUE_REMINDER_WINDOW_DAYS days). Null for a done deadline.
 * Several scheduler runs on one day give the same answer, so the reminder's key makes it once.
 */
export function reminderDue(
  item: Pick<DeadlineItem, "due" | "state">,
  today: IsoDate,
  cal: WorkingCalendar,
  before: number,
): { kind: ReminderKind; date: IsoDate } | null {
  if (item.state === "done" || item.state === "doneLate") return null;
  let moments;
  try {
    moments = reminderMoments(item.due, cal, { before });
  } catch (e) {
    if (e instanceof CalendarRangeError) return null;
    throw e;
  }
  const overdue = moments.find((m) => m.kind === "overdue")!;
  if (today >= overdue.date) return today <= addDays(overdue.date, OVERDUE_REMINDER_WINDOW_DAYS) ? overdue : null;
  if (today === item.due) return moments.find((m) => m.kind === "due")!;
  const early = moments.find((m) => m.kind === "before");
  if (early && today >= early.date && today < item.due) return early;
  return null;
}
