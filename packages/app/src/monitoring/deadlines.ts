/**
 * The 220-п deadlines of a program and of the municipality, who must act on them, and the calendar
 * of a year's due dates.
 */
import { monitoringFacts, type ProgramMonitoringFacts, type Queryable, type Recipient } from "@orientir/db";
import {
  CalendarRangeError,
  ValidationError,
  dueDate,
  offsetText,
  programDeadlines,
  ruleQuarters,
  type DeadlineItem,
  type IsoDate,
  type MessageLang,
  type ProgramFacts,
  type ProgramReportState,
} from "@orientir/domain";
import type { CalendarDeadline, DeadlineCalendar, ProgramDeadlines } from "@orientir/contracts";
import type { AppContext, Caller } from "../context.ts";
import { type MonitoringSetup, monitoringSetup, localDate } from "./setup.ts";
import { readMonitoring, loadProgram, checkYear } from "./shared.ts";
import { text } from "../row-values.ts";

/** The monitoring facts as the domain's ProgramFacts (dates in the municipality's time zone). */
export function programFactsOf(f: ProgramMonitoringFacts, timeZone: string): ProgramFacts[] {
  const d = (v: unknown) => (v ? localDate(text(v), timeZone) : null);
  return f.programs.map((p) => {
    const reports: ProgramFacts["reports"] = {};
    for (const s of f.submissions.filter((x) => x.programId === p.id)) {
      const directions: ProgramFacts["reports"][string]["directions"] = {};
      for (const ds of f.directionSubmissions.filter((x) => x.submissionId === s.id)) {
        directions[String(ds.directionId)] = { state: ds.state, submittedOn: d(ds.submittedAt) };
      }
      const reachedOn: Partial<Record<ProgramReportState, IsoDate>> = {};
      for (const [state, field] of [
        ["compiled", "compiledAt"],
        ["submitted", "submittedAt"],
        ["financeReviewed", "financeReviewedAt"],
        ["controlled", "controlledAt"],
      ] as const) {
        const v = d(s[field]);
        if (v) reachedOn[state] = v;
      }
      reports[`${s.year}:${s.period}`] = { state: s.state, reachedOn, directions, sentToEconomyOn: d(s.sentToEconomyAt) };
    }
    const financeData: Record<string, IsoDate> = {};
    for (const x of f.financeData) {
      if (f.directions.some((dd) => dd.id === x.directionId && dd.programId === p.id))
        financeData[`${x.directionId}:${x.year}:${x.quarter}`] = d(x.lastChange)!;
    }
    return {
      id: p.id,
      code: p.code,
      responsibleDepartmentId: p.responsibleDepartmentId,
      startYear: p.startYear,
      endYear: p.endYear,
      inForceFrom: p.inForceFrom,
      directions: f.directions
        .filter((x) => x.programId === p.id)
        .map((x) => ({ id: x.id, code: x.code, coExecutorDepartmentId: x.coExecutorDepartmentId })),
      reports,
      financeData,
    };
  });
}

/** The tracked deadlines of every program of the municipality for the reports of the given years. */
export async function municipalityDeadlineItems(
  q: Queryable,
  setup: MonitoringSetup,
  years: number[],
  today: IsoDate,
  programId?: string,
): Promise<{ items: DeadlineItem[]; facts: ProgramMonitoringFacts }> {
  const facts = await monitoringFacts(q, setup.municipalityId, years, programId);
  const items: DeadlineItem[] = [];
  for (const p of programFactsOf(facts, setup.timezone)) {
    for (const y of years) items.push(...programDeadlines(p, setup.rules, setup.calendar, y, today).items);
  }
  // by date, then as a person reads them: program, rule, direction (codes compared as numbers where they are)
  const byCode = (a: string | null, b: string | null) => (a ?? "").localeCompare(b ?? "", "ru", { numeric: true });
  items.sort((a, b) =>
    a.due < b.due
      ? -1
      : a.due > b.due
        ? 1
        : byCode(a.programCode, b.programCode) ||
          byCode(a.ruleId, b.ruleId) ||
          byCode(a.directionCode, b.directionCode) ||
          byCode(a.key, b.key),
  );
  return { items, facts };
}

/** Who must act on a deadline: members of the role, of the department the item names. */
export function recipientsOf(item: Pick<DeadlineItem, "actor" | "departmentId">, members: Recipient[]): Recipient[] {
  return members.filter((m) => {
    if (item.actor === "coexecutor")
      return (m.role === "coexecutor" || m.role === "executor") && item.departmentId !== null && m.departmentId === item.departmentId;
    if (item.actor === "executor") return m.role === "executor" && (item.departmentId === null || m.departmentId === item.departmentId);
    return m.role === item.actor;
  });
}

/** A program's deadlines of a year, each named in `lang` (the rule's own label in that language). */
export async function programDeadlinesOf(
  ctx: AppContext,
  caller: Caller,
  programId: string,
  year: number,
  lang: MessageLang = "ru",
): Promise<ProgramDeadlines> {
  readMonitoring(caller.actor);
  const program = await loadProgram(ctx.db, caller.actor, programId);
  checkYear(program, year);
  const setup = await monitoringSetup(ctx.db, caller.actor.municipalityId);
  const today = localDate(ctx.now(), setup.timezone);
  const { items, facts } = await municipalityDeadlineItems(ctx.db, setup, [year], today, program.id);
  const names = new Map(facts.departments.map((d) => [d.id, d.name]));
  return {
    items: items.map((i) => ({
      ...i,
      label: setup.rules.find((r) => r.id === i.ruleId)?.label[lang] ?? i.label,
      departmentName: i.departmentId ? (names.get(i.departmentId) ?? null) : null,
    })),
    today,
    calendar: setup.calendar.id,
  };
}

/** The due dates of every rule of the municipality for a year's reports (a calendar of the year). */
export async function deadlineCalendar(ctx: AppContext, caller: Caller, year: number, lang: MessageLang = "ru"): Promise<DeadlineCalendar> {
  readMonitoring(caller.actor);
  if (!Number.isInteger(year) || year < 1900 || year > 2200) throw new ValidationError([{ path: "year", message: "Укажите год" }]);
  const setup = await monitoringSetup(ctx.db, caller.actor.municipalityId);
  const items: CalendarDeadline[] = [];
  for (const rule of setup.rules) {
    const periods: { period: string; dp: { year: number; quarter?: number } | null }[] =
      rule.kind === "quarterly"
        ? ruleQuarters(rule).map((q) => ({ period: `Q${q}`, dp: { year, quarter: q } }))
        : rule.kind === "annual"
          ? [{ period: "annual", dp: { year } }]
          : rule.kind === "legal"
            ? [{ period: String(year), dp: { year } }]
            : [{ period: "event", dp: null }];
    for (const { period, dp } of periods) {
      let due: string | null = null;
      let note: string | null = null;
      if (dp) {
        try {
          due = dueDate(rule, dp, setup.calendar);
        } catch (e) {
          if (!(e instanceof CalendarRangeError)) throw e;
          note = e.message;
        }
      } else {
        const o = offsetText(rule.offset);
        note = o ? `${o} от события` : null;
      }
      items.push({ ruleId: rule.id, kind: rule.kind, label: rule.label[lang], clause: rule.clause, actor: rule.actor, period, due, note });
    }
  }
  items.sort((a, b) => (a.due ?? "9999").localeCompare(b.due ?? "9999"));
  return { items, calendar: { id: setup.calendar.id, name: setup.calendar.name, years: [...setup.calendar.years] } };
}
