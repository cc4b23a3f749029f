/** Private helpers of the control use cases: who the actor is to an order or an appeal, the setup, 400s. */
import { controlSetupRow, existsInMunicipality, type ControlSettingRecord, type Queryable } from "@orientir/db";
import {
  NotFoundError,
  RU_CALENDAR,
  ValidationError,
  builtinCalendar,
  calendarFromData,
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
  return { settings: row.settings, calendar, today: localDate(now, row.timezone), heads: row.heads, change: row.change };
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
