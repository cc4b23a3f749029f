/**
 * A change of the budget as an event (220-п 5.4, 5.5): the finance department records it; the
 * deadlines it starts — every program in force brought into line within two months, the named
 * directions' draft orders within 30 days — are computed from it on the municipality's calendar.
 */
import { budgetProgramFacts, directionOrderFacts, directionsOfMunicipality, insertBudgetChange, listBudgetChanges, type Queryable, type Row } from "@orientir/db";
import {
  ValidationError,
  budgetChangeDeadlines,
  directionOrderDeadlines,
  ensure,
  parseBudgetChange,
  type BudgetChangeDeadline,
  type BudgetProgramFacts,
  type IsoDate,
} from "@orientir/domain";
import type { AppContext, Caller } from "./context.ts";
import { audit } from "./audit.ts";
import { localDate, monitoringSetup } from "./monitoring.ts";

export interface BudgetChangeView {
  id: string;
  kind: string;
  number: string | null;
  documentDate: string;
  effectiveDate: string;
  directionIds: string[];
  note: string | null;
  createdAt: string;
  deadlines: BudgetChangeDeadline[];
}

function programFacts(rows: Row[]): BudgetProgramFacts[] {
  return rows.map((r) => ({
    id: String(r.id),
    code: String(r.code),
    responsibleDepartmentId: String(r.responsibleDepartmentId),
    endYear: Number(r.endYear),
    inForceFrom: (r.inForceFrom as string | null) ?? null,
    amendmentDecrees: (r.amendmentDecrees as string[]) ?? [],
    directions: ((r.directions as { id: string; code: string; coExecutorId: string | null; orderDrafts: string[] | null }[]) ?? []).map((d) => ({
      id: d.id, code: d.code, coExecutorId: d.coExecutorId, orderDrafts: d.orderDrafts ?? [],
    })),
  }));
}

async function views(q: Queryable, municipalityId: string, rows: Row[], now: Date): Promise<BudgetChangeView[]> {
  const setup = await monitoringSetup(q, municipalityId);
  const today: IsoDate = localDate(now, setup.timezone);
  const programs = programFacts(await budgetProgramFacts(q, municipalityId));
  return rows.map((r) => {
    const change = { effectiveDate: String(r.effectiveDate), directionIds: ((r.directionIds as string[]) ?? []).map(String) };
    return {
      id: String(r.id),
      kind: String(r.kind),
      number: (r.number as string | null) ?? null,
      documentDate: String(r.documentDate),
      effectiveDate: change.effectiveDate,
      directionIds: change.directionIds,
      note: (r.note as string | null) ?? null,
      createdAt: String(r.createdAt),
      deadlines: budgetChangeDeadlines(change, programs, setup.rules, setup.calendar, today),
    };
  });
}

/** A deadline a budget change started, as the reminders see it: keyed by the change, the rule, the program and the direction. */
export interface BudgetChangeReminderItem extends BudgetChangeDeadline {
  key: string;
  changeId: string;
  changeTitle: string;
}

/** The title of a change: «решение о бюджете № 45 от 12.03.2026» or «изменение сводной бюджетной росписи от …». */
export function budgetChangeTitle(r: { kind: string; number: string | null; documentDate: string }): string {
  const [y, m, d] = r.documentDate.split("-");
  const date = `${d}.${m}.${y}`;
  return r.kind === "decision" ? `решение о бюджете № ${r.number ?? "—"} от ${date}` : `изменение сводной бюджетной росписи${r.number ? ` № ${r.number}` : ""} от ${date}`;
}

/** Every open or closed deadline started by the municipality's budget changes, for the reminder scan. */
export async function budgetChangeReminderItems(q: Queryable, municipalityId: string, now: Date): Promise<BudgetChangeReminderItem[]> {
  const out: BudgetChangeReminderItem[] = [];
  for (const v of await views(q, municipalityId, await listBudgetChanges(q, municipalityId), now)) {
    for (const d of v.deadlines) {
      out.push({ ...d, changeId: v.id, changeTitle: budgetChangeTitle(v), key: `budgetChange:${v.id}:${d.ruleId}:${d.programId}:${d.directionId ?? ""}` });
    }
  }
  return out;
}

/**
 * The orders on directions due after a program's latest decree (220-п 1.7, 4.19), for the reminder
 * scan: keyed by the program's decree date and the direction, so a new amendment starts new ones.
 */
export async function directionOrderReminderItems(q: Queryable, municipalityId: string, now: Date): Promise<BudgetChangeReminderItem[]> {
  const setup = await monitoringSetup(q, municipalityId);
  const today: IsoDate = localDate(now, setup.timezone);
  const programs = (await directionOrderFacts(q, municipalityId)).map((r) => ({
    id: String(r.id),
    code: String(r.code),
    responsibleDepartmentId: String(r.responsibleDepartmentId),
    lastDecree: (r.lastDecree as string | null) ?? null,
    directions: ((r.directions as { id: string; code: string; coExecutorId: string | null; orderDecrees: string[] | null }[]) ?? []).map((d) => ({
      id: d.id, code: d.code, coExecutorId: d.coExecutorId, orderDecrees: d.orderDecrees ?? [],
    })),
  }));
  return directionOrderDeadlines(programs, setup.rules, setup.calendar, today).map((d) => ({
    ...d,
    changeId: "",
    changeTitle: `постановление об утверждении программы (изменений) вступило в силу ${d.start.split("-").reverse().join(".")}`,
    key: `decree:${d.start}:${d.ruleId}:${d.programId}:${d.directionId ?? ""}`,
  }));
}

/** The recorded changes of the budget, newest first, each with the deadlines it started and where they stand. */
export async function budgetChanges(ctx: AppContext, caller: Caller): Promise<{ items: BudgetChangeView[] }> {
  const { actor } = caller;
  ensure(actor, "read", { area: "monitoring", municipalityId: actor.municipalityId, step: "budgetChange" });
  return { items: await views(ctx.db, actor.municipalityId, await listBudgetChanges(ctx.db, actor.municipalityId), ctx.now()) };
}

/** Records a change of the budget (the finance department); the directions it names must be the municipality's. */
export async function recordBudgetChange(ctx: AppContext, caller: Caller, input: unknown): Promise<BudgetChangeView> {
  const { actor } = caller;
  ensure(actor, "create", { area: "monitoring", municipalityId: actor.municipalityId, step: "budgetChange" });
  const c = parseBudgetChange(input);
  return ctx.db.tx(async (q) => {
    const known = await directionsOfMunicipality(q, actor.municipalityId, c.directionIds.filter((id) => UUID.test(id)));
    const unknown = c.directionIds.findIndex((id) => !known.has(id));
    if (unknown >= 0) {
      throw new ValidationError([{ path: `directionIds[${unknown}]`, message: "Нет такого направления муниципальной программы", messageEn: "No such direction" }]);
    }
    const row = await insertBudgetChange(q, { municipalityId: actor.municipalityId, ...c, createdBy: actor.userId });
    await audit(q, caller, { action: "budgetChange.create", objectType: "budgetChange", objectId: String(row.id), before: null, after: row });
    return (await views(q, actor.municipalityId, [row], ctx.now()))[0]!;
  });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
