/** Private helpers of the control use cases: who the actor is to an order or an appeal, the setup, 400s. */
import {
  COUNT_CAP,
  Db,
  controlSetupRow,
  existsInMunicipality,
  type ControlSettingRecord,
  type ControlSetupRow,
  type PageCursor,
  type Queryable,
} from "@orientir/db";
import {
  NotFoundError,
  RU_CALENDAR,
  ValidationError,
  builtinCalendar,
  calendarFromData,
  isIsoDate,
  type Actor,
  type IsoDate,
  type OrderParty,
  type WorkingCalendar,
} from "@orientir/domain";
import { localDate } from "../monitoring/index.ts";

export interface ControlSetup {
  settings: ControlSettingRecord;
  calendar: WorkingCalendar;
  today: IsoDate;
  /** The head of each department (department id → user id), who approves its answers to appeals. */
  heads: Map<string, string>;
  /** The municipality's change counter of its orders and appeals (`ControlSetupRow.change`). */
  change: string | null;
}

/**
 * The control settings, the working-day calendar (the municipality's own or the built-in one of its
 * country, as `monitoringSetup`), today in the municipality's time zone and the departments' heads,
 * in one statement (`controlSetupRow`).
 */
export async function controlSetup(q: Queryable, municipalityId: string, now: Date): Promise<ControlSetup> {
  const row = await controlSetupRow(q, municipalityId);
  if (row.timezone === null) throw new NotFoundError("муниципальное образование");
  let calendar: WorkingCalendar;
  if (row.calendar) calendar = calendarFromData(row.calendar);
  else {
    try {
      calendar = builtinCalendar(String(row.country));
    } catch {
      calendar = RU_CALENDAR;
    }
  }
  // kept for the pool's reads (a transaction's own Queryable lives only as long as it)
  if (row.setupChange !== null && q instanceof Db) {
    let kept = KEPT_SETUPS.get(q);
    if (!kept) KEPT_SETUPS.set(q, (kept = new Map<string, { row: ControlSetupRow; calendar: WorkingCalendar }>()));
    kept.delete(municipalityId);
    if (kept.size >= KEPT_SETUPS_BOUND) kept.delete(kept.keys().next().value!);
    kept.set(municipalityId, { row, calendar });
  }
  return { settings: row.settings, calendar, today: localDate(now, row.timezone), heads: row.heads, change: row.change };
}

/**
 * The setups last read (by `controlSetup`) per database and municipality, each with the setup
 * counter it was read under (`control_setup_change`). "My due items" read the counter in their own
 * statement and take the kept setup only while it is that number (`keptControlSetup`): no second
 * statement for the setup, exact in any number of processes (every write to the municipality, its
 * control settings, its calendar or its departments' heads sets a new number, in its transaction).
 */
const KEPT_SETUPS = new WeakMap<object, Map<string, { row: ControlSetupRow; calendar: WorkingCalendar }>>();
const KEPT_SETUPS_BOUND = 1000;

/**
 * The municipality's setup as `controlSetup` last read it through `q`, if it was read under the setup
 * counter `setupChange` (read by the caller's own statement); undefined otherwise — read it then.
 * Today is computed anew for `now`. Its `change` is null (not read with it).
 */
export function keptControlSetup(
  q: Queryable,
  municipalityId: string,
  setupChange: string | null | undefined,
  now: Date,
): ControlSetup | undefined {
  const kept = KEPT_SETUPS.get(q)?.get(municipalityId);
  if (!kept || setupChange == null || kept.row.setupChange !== setupChange || kept.row.timezone === null) return undefined;
  const { row, calendar } = kept;
  return { settings: row.settings, calendar, today: localDate(now, row.timezone!), heads: row.heads, change: null };
}

/**
 * The setup under the counter `setupChange` that the caller's own statement read: the one kept by
 * this process if it was read under that number, else read now (`controlSetup`).
 */
export async function controlSetupUnder(
  q: Queryable,
  municipalityId: string,
  setupChange: string | null | undefined,
  now: Date,
): Promise<ControlSetup> {
  return keptControlSetup(q, municipalityId, setupChange, now) ?? (await controlSetup(q, municipalityId, now));
}

/** Whether a setup of the municipality is kept (`keptControlSetup` may then spare its statement). */
export function hasKeptControlSetup(q: Queryable, municipalityId: string): boolean {
  return KEPT_SETUPS.get(q)?.has(municipalityId) === true;
}

/** Whether the actor belongs to the office: the office's role, or the department the control settings name. */
export function isOffice(actor: Actor, settings: ControlSettingRecord): boolean {
  if (actor.role === "office") return true;
  return settings.officeDepartmentId !== null && actor.departmentId === settings.officeDepartmentId;
}

/** The actor's parts in an order (or an appeal, whose assignee is its "executor"). */
export function partiesOf(
  actor: Actor,
  settings: ControlSettingRecord,
  subject?: {
    departmentId: string | null;
    userId: string | null;
    controllerId?: string | null;
    coexecutors?: readonly { departmentId: string | null; userId: string | null }[];
  },
): OrderParty[] {
  const out: OrderParty[] = [];
  const office = isOffice(actor, settings);
  if (office) out.push("office");
  if (!subject) return out;
  if ((actor.departmentId !== null && actor.departmentId === subject.departmentId) || actor.userId === subject.userId) out.push("executor");
  if (
    (subject.coexecutors ?? []).some(
      (c) => (c.departmentId !== null && c.departmentId === actor.departmentId) || (c.userId !== null && c.userId === actor.userId),
    )
  )
    out.push("coexecutor");
  if (office || (subject.controllerId != null && subject.controllerId === actor.userId)) out.push("controller");
  return out;
}

export function invalid(path: string, message: string, messageEn?: string): ValidationError {
  return new ValidationError([{ path, message, messageEn }]);
}

/** 400 naming the field unless the id is a row of the municipality. */
export async function requireIn(
  q: Queryable,
  table: Parameters<typeof existsInMunicipality>[1],
  municipalityId: string,
  id: string | null | undefined,
  path: string,
  what: string,
): Promise<void> {
  if (id === null || id === undefined) return;
  if (!(await existsInMunicipality(q, table, municipalityId, id))) throw invalid(path, `Нет такого объекта: ${what}`, `No such ${what}`);
}

export const blankToNull = (s: string | null | undefined): string | null =>
  s === undefined || s === null || s.trim() === "" ? null : s.trim();

/** A list's page size when the request names none (issue 15, part 6: "my due items" a page at a time). */
export const PAGE_SIZE = 50;

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The cursor of the next page: the last row's key (term or date), number and id, opaque to the client. */
export function encodeCursor(c: PageCursor): string {
  return Buffer.from(JSON.stringify([c.on, c.number, c.id]), "utf8").toString("base64url");
}

/** The cursor a request gives back (`after`), or null; a 400 naming `after` unless it is one of ours. */
export function decodeCursor(after: string | undefined): PageCursor | null {
  if (after === undefined) return null;
  let v: unknown;
  try {
    v = JSON.parse(Buffer.from(after, "base64url").toString("utf8"));
  } catch {
    v = null;
  }
  if (
    Array.isArray(v) &&
    v.length === 3 &&
    typeof v[0] === "string" &&
    isIsoDate(v[0]) &&
    typeof v[1] === "string" &&
    v[1].length <= 200 &&
    typeof v[2] === "string" &&
    UUID_RE.test(v[2])
  )
    return { on: v[0], number: v[1], id: v[2] };
  throw invalid(
    "after",
    "Неверное продолжение списка: запросите его первую страницу заново",
    "Invalid page cursor: ask for the first page again",
  );
}

/**
 * A page of a list read with one row more than its size (`rows`): its items, the cursor of the next
 * page, and the total counted with the first page (each row's `total`, up to COUNT_CAP + 1).
 */
export function pageOf<T extends { id: string; number: string; total?: number | null }>(
  rows: readonly T[],
  limit: number,
  first: boolean,
  keyOf: (row: T) => string,
): { rows: T[]; next: string | null; total: number | null; totalCapped: boolean } {
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  const next = rows.length > limit && last ? encodeCursor({ on: keyOf(last), number: last.number, id: last.id }) : null;
  if (!first) return { rows: page, next, total: null, totalCapped: false };
  const counted = rows[0]?.total ?? page.length;
  return { rows: page, next, total: Math.min(counted, COUNT_CAP), totalCapped: counted > COUNT_CAP };
}
