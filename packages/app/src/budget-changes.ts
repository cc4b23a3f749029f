/**
 * A change of the budget as an event (220-п 5.4, 5.5): the finance department records it; the
 * deadlines it starts — every program in force brought into line within two months, the named
 * directions' draft orders within 30 days — are computed from it on the municipality's calendar.
 */
import {
  budgetProgramFacts,
  directionOrderFacts,
  directionsOfMunicipality,
  gasRegistrationFacts,
  getRow,
  getVersion,
  insertBudgetChange,
  insertGasRegistration,
  listBudgetChanges,
  workflowEventFacts,
  type BudgetChangeRecord,
  type BudgetProgramFactsRecord,
  type Queryable,
} from "@orientir/db";
import type {
  BudgetChange,
  BudgetChangeList,
  EventDeadline,
  EventDeadlineList,
  GasRegistration,
  GasRegistrationBody,
} from "@orientir/contracts";
import {
  ConflictError,
  NotFoundError,
  ValidationError,
  budgetChangeDeadlines,
  directionOrderDeadlines,
  ensure,
  gasRegistrationDeadlines,
  isIsoDate,
  parseBudgetChange,
  resource,
  workflowEventDeadlines,
  type BudgetProgramFacts,
  type IsoDate,
} from "@orientir/domain";
import type { AppContext, Caller } from "./context.ts";
import { audit } from "./audit.ts";
import { localDate, monitoringSetup } from "./monitoring/index.ts";

function programFacts(rows: BudgetProgramFactsRecord[]): BudgetProgramFacts[] {
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    responsibleDepartmentId: r.responsibleDepartmentId,
    endYear: r.endYear,
    inForceFrom: r.inForceFrom,
    amendmentDecrees: r.amendmentDecrees ?? [],
    directions: (r.directions ?? []).map((d) => ({
      id: d.id,
      code: d.code,
      coExecutorId: d.coExecutorId,
      orderDrafts: d.orderDrafts ?? [],
    })),
  }));
}

async function views(q: Queryable, municipalityId: string, rows: BudgetChangeRecord[], now: Date): Promise<BudgetChange[]> {
  const setup = await monitoringSetup(q, municipalityId);
  const today: IsoDate = localDate(now, setup.timezone);
  const programs = programFacts(await budgetProgramFacts(q, municipalityId));
  return rows.map((r) => {
    const change = { effectiveDate: r.effectiveDate, directionIds: r.directionIds ?? [] };
    return {
      id: r.id,
      kind: r.kind,
      number: r.number,
      documentDate: r.documentDate,
      effectiveDate: change.effectiveDate,
      directionIds: change.directionIds,
      note: r.note,
      createdAt: r.createdAt,
      deadlines: budgetChangeDeadlines(change, programs, setup.rules, setup.calendar, today),
    };
  });
}

/** A deadline a budget change started, as the reminders see it: keyed by the change, the rule, the program and the direction. */
export type BudgetChangeReminderItem = EventDeadline;

/** The title of a change: «решение о бюджете № 45 от 12.03.2026» or «изменение сводной бюджетной росписи от …». */
export function budgetChangeTitle(r: { kind: string; number: string | null; documentDate: string }): string {
  const [y, m, d] = r.documentDate.split("-");
  const date = `${d}.${m}.${y}`;
  return r.kind === "decision"
    ? `решение о бюджете № ${r.number ?? "—"} от ${date}`
    : `изменение сводной бюджетной росписи${r.number ? ` № ${r.number}` : ""} от ${date}`;
}

/** Every open or closed deadline started by the municipality's budget changes, for the reminder scan. */
export async function budgetChangeReminderItems(q: Queryable, municipalityId: string, now: Date): Promise<BudgetChangeReminderItem[]> {
  const out: BudgetChangeReminderItem[] = [];
  for (const v of await views(q, municipalityId, await listBudgetChanges(q, municipalityId), now)) {
    for (const d of v.deadlines) {
      out.push({
        ...d,
        changeId: v.id,
        changeTitle: budgetChangeTitle(v),
        key: `budgetChange:${v.id}:${d.ruleId}:${d.programId}:${d.directionId ?? ""}`,
      });
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
    id: r.id,
    code: r.code,
    responsibleDepartmentId: r.responsibleDepartmentId,
    lastDecree: r.lastDecree,
    directions: (r.directions ?? []).map((d) => ({
      id: d.id,
      code: d.code,
      coExecutorId: d.coExecutorId,
      orderDecrees: d.orderDecrees ?? [],
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
export async function budgetChanges(ctx: AppContext, caller: Caller): Promise<BudgetChangeList> {
  const { actor } = caller;
  ensure(actor, "read", { area: "monitoring", municipalityId: actor.municipalityId, step: "budgetChange" });
  return { items: await views(ctx.db, actor.municipalityId, await listBudgetChanges(ctx.db, actor.municipalityId), ctx.now()) };
}

/** Records a change of the budget (the finance department); the directions it names must be the municipality's. */
export async function recordBudgetChange(ctx: AppContext, caller: Caller, input: unknown): Promise<BudgetChange> {
  const { actor } = caller;
  ensure(actor, "create", { area: "monitoring", municipalityId: actor.municipalityId, step: "budgetChange" });
  const c = parseBudgetChange(input);
  return ctx.db.tx(async (q) => {
    const known = await directionsOfMunicipality(
      q,
      actor.municipalityId,
      c.directionIds.filter((id) => UUID.test(id)),
    );
    const unknown = c.directionIds.findIndex((id) => !known.has(id));
    if (unknown >= 0) {
      throw new ValidationError([
        { path: `directionIds[${unknown}]`, message: "Нет такого направления муниципальной программы", messageEn: "No such direction" },
      ]);
    }
    const row = await insertBudgetChange(q, { municipalityId: actor.municipalityId, ...c, createdBy: actor.userId });
    await audit(q, caller, { action: "budgetChange.create", objectType: "budgetChange", objectId: row.id, before: null, after: row });
    return (await views(q, actor.municipalityId, [row], ctx.now()))[0]!;
  });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// ---- 220-п 4.18.1: the program placed in ГАС «Управление» ------------------------------------------

/** The 4.18.1 deadline of each program's latest approved version, for the reminder scan and the list. */
export async function gasRegistrationItems(q: Queryable, municipalityId: string, now: Date): Promise<BudgetChangeReminderItem[]> {
  const setup = await monitoringSetup(q, municipalityId);
  const today: IsoDate = localDate(now, setup.timezone);
  const facts = (await gasRegistrationFacts(q, municipalityId)).map((r) => ({
    id: r.id,
    code: r.code,
    responsibleDepartmentId: r.responsibleDepartmentId,
    decreeDate: String(r.decreeDate),
    registeredOn: r.registeredOn,
    versionId: r.versionId,
  }));
  const versionOf = new Map(facts.map((f) => [f.id, f.versionId]));
  return gasRegistrationDeadlines(facts, setup.rules, setup.calendar, today).map((d) => ({
    ...d,
    changeId: versionOf.get(d.programId) ?? "",
    changeTitle: `постановление об утверждении программы (изменений) вступило в силу ${d.start.split("-").reverse().join(".")}`,
    key: `gas:${versionOf.get(d.programId) ?? ""}:${d.ruleId}`,
  }));
}

// ---- 220-п 4.9, 4.13, 4.18: tracked from the steps of a program's workflow ------------------------

const STEP_TITLES: Record<string, string> = {
  "review.program.toFinance": "положительное заключение управления экономики получено",
  "review.program.toAuditChamber": "заключение управления финансов получено",
  "program.publication": "постановление об утверждении программы (изменений) вступило в силу",
};

/**
 * The deadlines the steps of the programs' workflows started: the draft passed on after a positive
 * conclusion (4.9, 4.13), the approved program published (4.18). Keyed by the instance and the step,
 * so a second conclusion after a rework starts a deadline of its own.
 */
export async function workflowEventItems(q: Queryable, municipalityId: string, now: Date): Promise<BudgetChangeReminderItem[]> {
  const setup = await monitoringSetup(q, municipalityId);
  const today: IsoDate = localDate(now, setup.timezone);
  const facts = (await workflowEventFacts(q, municipalityId)).map((r) => ({
    instanceId: r.instanceId,
    flow: r.flow,
    programId: r.programId,
    programCode: r.code,
    responsibleDepartmentId: r.responsibleDepartmentId,
    steps: (r.steps ?? []).map((s) => ({ on: s.on, action: s.action, from: s.from, to: s.to, decree: s.decree })),
  }));
  return workflowEventDeadlines(facts, setup.rules, setup.calendar, today).map(({ instanceId, stepIndex, ...d }) => ({
    ...d,
    changeId: instanceId,
    changeTitle: `${STEP_TITLES[d.ruleId] ?? "событие согласования"} ${d.start.split("-").reverse().join(".")}`,
    key: `workflow:${instanceId}:${stepIndex}:${d.ruleId}`,
  }));
}

/**
 * The deadlines counted from events, with where they stand: placing in ГАС «Управление» (4.18.1),
 * the directions' orders (1.7, 4.19), what the budget changes started (5.4, 5.5) and the steps of
 * the programs' workflows (4.9, 4.13, 4.18); by due date.
 */
export async function eventDeadlines(ctx: AppContext, caller: Caller): Promise<EventDeadlineList> {
  const { actor } = caller;
  ensure(actor, "read", { area: "monitoring", municipalityId: actor.municipalityId, step: "gasRegistration" });
  const now = ctx.now();
  const items = [
    ...(await gasRegistrationItems(ctx.db, actor.municipalityId, now)),
    ...(await directionOrderReminderItems(ctx.db, actor.municipalityId, now)),
    ...(await budgetChangeReminderItems(ctx.db, actor.municipalityId, now)),
    ...(await workflowEventItems(ctx.db, actor.municipalityId, now)),
  ];
  items.sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : a.key < b.key ? -1 : 1));
  return { items };
}

/**
 * Records that an approved version of a program was placed in ГАС «Управление» on a day (its
 * executor or the administrator): not before its decree, not in the future, once.
 */
export async function recordGasRegistration(
  ctx: AppContext,
  caller: Caller,
  versionId: string,
  input: GasRegistrationBody,
): Promise<GasRegistration> {
  const { actor } = caller;
  return ctx.db.tx(async (q) => {
    const v = await getVersion(q, versionId);
    if (!v || v.municipalityId !== actor.municipalityId) throw new NotFoundError("редакция программы", versionId);
    const program = await getRow(q, resource("program"), v.programId);
    ensure(actor, "create", {
      area: "monitoring",
      municipalityId: actor.municipalityId,
      step: "gasRegistration",
      responsibleDepartmentId: (program?.responsibleDepartmentId as string | null | undefined) ?? null,
    });
    if (v.flow !== "program" || v.status !== "approved") {
      throw new ValidationError([
        {
          path: "versionId",
          message: "В ГАС «Управление» размещается утвержденная программа (изменения), 220-п п. 4.18.1",
          messageEn: "Only an approved program version is registered",
        },
      ]);
    }
    const today = localDate(ctx.now(), (await monitoringSetup(q, actor.municipalityId)).timezone);
    const on = input.registeredOn;
    if (!isIsoDate(on))
      throw new ValidationError([{ path: "registeredOn", message: "Укажите дату (ГГГГ-ММ-ДД)", messageEn: "A date is required" }]);
    if (on < String(v.decreeDate))
      throw new ValidationError([
        { path: "registeredOn", message: "Дата размещения не может быть раньше постановления", messageEn: "Not before the decree" },
      ]);
    if (on > today)
      throw new ValidationError([
        { path: "registeredOn", message: "Дата размещения не может быть в будущем", messageEn: "Not in the future" },
      ]);
    const note = typeof input.note === "string" && input.note.trim() !== "" ? input.note.trim() : null;
    const row = await insertGasRegistration(q, {
      municipalityId: actor.municipalityId,
      programId: v.programId,
      programVersionId: versionId,
      registeredOn: on,
      note,
      createdBy: actor.userId,
    });
    if (!row) throw new ConflictError("Эта редакция уже отмечена как размещенная в ГАС «Управление»");
    await audit(q, caller, {
      action: "gasRegistration.create",
      objectType: "programVersion",
      objectId: versionId,
      before: null,
      after: row,
    });
    return {
      id: row.id,
      municipalityId: row.municipalityId,
      programId: row.programId,
      programVersionId: row.programVersionId,
      registeredOn: row.registeredOn,
      note: row.note,
      createdBy: row.createdBy,
      createdAt: row.createdAt,
    };
  });
}
