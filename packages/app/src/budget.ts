/**
 * The budget schedule (СБР) and cash execution of a program's directions and structural elements
 * (220-п, appendices 8 and 9): the year's schedule with its dated changes, the cash to date by
 * quarter and the rate, and the rules a new or changed row must keep. The rows themselves are
 * written through the generic resources `budgetSchedule` and `budgetExecution` (with `elementId`
 * for a structural element); `checkRules` calls `budgetRuleIssues`.
 */
import { getMunicipality, getRow, listRows, type Queryable, type Row } from "@orientir/db";
import {
  ELEMENT_KINDS,
  NotFoundError,
  ValidationError,
  cashOrderIssues,
  directionQuarterBudget,
  ensure,
  holderQuarterBudget,
  scheduleEntryIssues,
  scheduleInForce,
  sumQuarterBudgets,
  resource,
  type BudgetHolder,
  type FieldIssue,
  type QuarterBudget,
} from "@orientir/domain";
import type { DirectionBudget, ElementBudget, HolderBudget, ProgramBudget } from "@orientir/contracts";
import { todayIn, type AppContext, type Caller } from "./context.ts";
import { oneOf, text, textOrNull } from "./row-values.ts";
import type { RowReads } from "./resources.ts";

const QUARTERS = [1, 2, 3, 4] as const;

const scheduleDoc = (r: Row) => ({
  id: r.id,
  version: r.version,
  year: Number(r.year),
  source: String(r.source),
  amount: String(r.amount),
  effectiveDate: String(r.effectiveDate),
  reason: (r.reason as string | null) ?? null,
});
const cashDoc = (r: Row) => ({
  id: r.id,
  version: r.version,
  year: Number(r.year),
  quarter: Number(r.quarter),
  source: String(r.source),
  cash: String(r.cash),
});

type ScheduleOut = ReturnType<typeof scheduleDoc>;
type CashOut = ReturnType<typeof cashDoc>;

function holderOf(schedule: ScheduleOut[], cash: CashOut[]): BudgetHolder {
  return { budgetSchedule: schedule, budgetExecution: cash };
}
const none = (year: number, quarter: number) => ({ year, quarter, sources: [] as [], schedule: null, cash: null, rate: null });

function budgetOf(
  h: BudgetHolder,
  schedule: ScheduleOut[],
  cash: CashOut[],
  year: number,
  asOf: string,
  quarterOf: (q: number) => QuarterBudget | null,
): HolderBudget {
  return {
    schedule,
    cash,
    scheduleInForce: [...scheduleInForce(h.budgetSchedule ?? [], year, asOf)].map(([source, amount]) => ({ source, amount })),
    quarters: QUARTERS.map((q) => quarterOf(q) ?? none(year, q)),
  };
}

/**
 * A program's budget of a year, per direction and per structural element. A direction without
 * figures of its own shows the sum of its elements' (`directionQuarterBudget`).
 */
export async function programBudget(ctx: AppContext, caller: Caller, programId: string, year: number): Promise<ProgramBudget> {
  const { actor } = caller;
  ensure(actor, "read", { area: "monitoring", municipalityId: actor.municipalityId });
  const program = await getRow(ctx.db, resource("program"), programId);
  if (!program || program.municipalityId !== actor.municipalityId) throw new NotFoundError("муниципальная программа", programId);
  if (!Number.isInteger(year) || year < Number(program.startYear) || year > Number(program.endYear)) {
    throw new ValidationError([
      {
        path: "year",
        message: `Год ${year} вне срока программы ${text(program.startYear)}–${text(program.endYear)}`,
        messageEn: "Year outside the program's period",
      },
    ]);
  }
  const m = actor.municipalityId;
  const where = { programId: program.id };
  const [directions, elements, schedules, cashes] = await Promise.all([
    listRows(ctx.db, resource("direction"), { municipalityId: m, where }),
    listRows(ctx.db, resource("structuralElement"), { municipalityId: m, where }),
    listRows(ctx.db, resource("budgetSchedule"), { municipalityId: m, where: { ...where, year: String(year) } }),
    listRows(ctx.db, resource("budgetExecution"), { municipalityId: m, where: { ...where, year: String(year) } }),
  ]);
  const mu = await getMunicipality(ctx.db, actor.municipalityId);
  const today = todayIn(ctx, String(mu?.timezone ?? "Europe/Moscow"));
  const asOf = today < `${year}-12-31` ? (today < `${year}-01-01` ? `${year}-01-01` : today) : `${year}-12-31`;
  const sortS = (a: ScheduleOut, b: ScheduleOut) => a.effectiveDate.localeCompare(b.effectiveDate) || a.source.localeCompare(b.source);
  const sortC = (a: CashOut, b: CashOut) => a.quarter - b.quarter || a.source.localeCompare(b.source);
  const rowsOf = (directionId: string, elementId: string | null) => {
    const mine = (r: Row) => r.directionId === directionId && ((r.elementId as string | null) ?? null) === elementId;
    const schedule = schedules.filter(mine).map(scheduleDoc).sort(sortS);
    const cash = cashes.filter(mine).map(cashDoc).sort(sortC);
    return { schedule, cash, holder: holderOf(schedule, cash) };
  };
  const dirs = directions.map((d): DirectionBudget => {
    const own = rowsOf(d.id, null);
    const els = elements
      .filter((e) => e.directionId === d.id)
      .map((e): ElementBudget => {
        const r = rowsOf(d.id, e.id);
        return {
          id: e.id,
          code: text(e.code),
          name: text(e.name),
          kind: oneOf(ELEMENT_KINDS, e.kind, "structural_element.kind"),
          ...budgetOf(r.holder, r.schedule, r.cash, year, asOf, (q) => holderQuarterBudget(r.holder, year, q)),
        };
      });
    const elHolders = els.map((e) => holderOf(e.schedule, e.cash));
    return {
      id: d.id,
      code: text(d.code),
      name: text(d.name),
      coExecutorDepartmentId: textOrNull(d.coExecutorDepartmentId),
      ...budgetOf(own.holder, own.schedule, own.cash, year, asOf, (q) => directionQuarterBudget(own.holder, elHolders, year, q)),
      elements: els,
    };
  });
  const quarters = QUARTERS.map(
    (q) =>
      sumQuarterBudgets(
        dirs.map((d) => {
          const x = d.quarters[q - 1]!;
          return x.sources.length ? x : null;
        }),
        year,
        q,
      ) ?? none(year, q),
  );
  return { programId: program.id, programCode: text(program.code), year, asOf, quarters, directions: dirs };
}

/** A program's schedule in force at each quarter's end and cash to date, summed over its directions (for the plan-fact chart). */
export async function programBudgetByQuarter(
  q: Queryable,
  municipalityId: string,
  programId: string,
  year: number,
): Promise<{ quarter: number; schedule: string | null; cash: string | null }[]> {
  const where = { programId };
  const [directions, elements, schedules, cashes] = await Promise.all([
    listRows(q, resource("direction"), { municipalityId, where }),
    listRows(q, resource("structuralElement"), { municipalityId, where }),
    listRows(q, resource("budgetSchedule"), { municipalityId, where: { ...where, year: String(year) } }),
    listRows(q, resource("budgetExecution"), { municipalityId, where: { ...where, year: String(year) } }),
  ]);
  const holder = (directionId: string, elementId: string | null): BudgetHolder => {
    const mine = (r: Row) => r.directionId === directionId && ((r.elementId as string | null) ?? null) === elementId;
    return { budgetSchedule: schedules.filter(mine).map(scheduleDoc), budgetExecution: cashes.filter(mine).map(cashDoc) };
  };
  return QUARTERS.map((quarter) => {
    const qb = sumQuarterBudgets(
      directions.map((d) =>
        directionQuarterBudget(
          holder(d.id, null),
          elements.filter((e) => e.directionId === d.id).map((e) => holder(d.id, e.id)),
          year,
          quarter,
        ),
      ),
      year,
      quarter,
    );
    return { quarter, schedule: qb?.schedule ?? null, cash: qb?.cash ?? null };
  });
}

/**
 * The rules of a new or changed schedule entry or cash row: the element is one of the row's
 * direction; a schedule entry takes effect within its year; cumulative cash does not decrease from
 * a quarter to the next (against the other rows of the same direction or element, year and source).
 */
export async function budgetRuleIssues(reads: RowReads, spec: { name: string }, after: Record<string, unknown>): Promise<FieldIssue[]> {
  if (spec.name !== "budgetSchedule" && spec.name !== "budgetExecution") return [];
  const issues: FieldIssue[] = [];
  const elementId = (after.elementId as string | null | undefined) ?? null;
  if (elementId) {
    const el = await reads.getRow(resource("structuralElement"), elementId);
    if (el && el.directionId !== after.directionId) {
      issues.push({
        path: "elementId",
        message: "Структурный элемент другого направления",
        messageEn: "The structural element belongs to another direction",
      });
    }
  }
  if (spec.name === "budgetSchedule") {
    issues.push(...scheduleEntryIssues({ year: Number(after.year), effectiveDate: String(after.effectiveDate) }));
    return issues;
  }
  if (typeof after.cash !== "string" && typeof after.cash !== "number") return issues;
  const others = (
    await reads.listRows(resource("budgetExecution"), {
      municipalityId: String(after.municipalityId),
      where: { directionId: String(after.directionId), year: String(after.year), source: String(after.source) },
    })
  ).filter((r) => ((r.elementId as string | null) ?? null) === elementId && r.id !== after.id);
  issues.push(
    ...cashOrderIssues(
      { year: Number(after.year), quarter: Number(after.quarter), source: String(after.source), cash: String(after.cash) },
      others.map((r) => ({ year: Number(r.year), quarter: Number(r.quarter), source: String(r.source), cash: String(r.cash) })),
    ),
  );
  return issues;
}
