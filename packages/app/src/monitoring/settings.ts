/**
 * The municipality's monitoring settings: deadline rules, calendar, reminder lead time, and whether
 * a draft goes to review only with the attachments 220-п 4.7 requires.
 */
import { getMonitoringSettings, saveMonitoringSettings } from "@orientir/db";
import { ConflictError, ValidationError, calendarFromData, ensure, parseDeadlineRules, type FieldIssue } from "@orientir/domain";
import type { MonitoringSettings, MonitoringSettingsBody } from "@orientir/contracts";
import type { AppContext, Caller } from "../context.ts";
import { audit } from "../audit.ts";
import { monitoringSetup } from "./setup.ts";

export async function getSettings(ctx: AppContext, caller: Caller): Promise<MonitoringSettings> {
  ensure(caller.actor, "read", { area: "monitoring", municipalityId: caller.actor.municipalityId, step: "settings" });
  const s = await getMonitoringSettings(ctx.db, caller.actor.municipalityId);
  const setup = await monitoringSetup(ctx.db, caller.actor.municipalityId);
  return {
    version: s.version,
    reminderDaysBefore: s.reminderDaysBefore,
    requireDraftAttachments: s.requireDraftAttachments,
    deadlineRules: [...setup.rules],
    customRules: setup.customRules,
    calendar: s.calendar,
    customCalendar: setup.customCalendar,
    calendarInfo: { id: setup.calendar.id, name: setup.calendar.name, years: [...setup.calendar.years] },
    updatedAt: s.updatedAt,
  };
}

/**
 * Saves the municipality's deadline rules and calendar (null: back to the built-in ones) and how
 * many working days ahead reminders go out. Each is validated as a whole; an error names its path
 * (`deadlineRules[2].anchor.day`, `calendar.holidays[3]`).
 */
export async function updateSettings(ctx: AppContext, caller: Caller, input: MonitoringSettingsBody): Promise<MonitoringSettings> {
  const { actor } = caller;
  ensure(actor, "update", { area: "monitoring", municipalityId: actor.municipalityId, step: "settings" });
  const current = await getMonitoringSettings(ctx.db, actor.municipalityId);
  const next = {
    deadlineRules: input.deadlineRules !== undefined ? input.deadlineRules : current.deadlineRules,
    calendar: input.calendar !== undefined ? input.calendar : current.calendar,
    reminderDaysBefore: input.reminderDaysBefore ?? current.reminderDaysBefore,
    requireDraftAttachments: input.requireDraftAttachments ?? current.requireDraftAttachments,
  };
  const issues: FieldIssue[] = [];
  const prefix = (p: string, e: unknown) => {
    if (e instanceof ValidationError)
      issues.push(...e.issues.map((i) => ({ ...i, path: i.path ? (i.path.startsWith("[") ? `${p}${i.path}` : `${p}.${i.path}`) : p })));
    else throw e;
  };
  if (next.deadlineRules !== null) {
    try {
      next.deadlineRules = parseDeadlineRules(next.deadlineRules);
    } catch (e) {
      prefix("deadlineRules", e);
    }
  }
  if (next.calendar !== null) {
    try {
      calendarFromData(next.calendar);
    } catch (e) {
      prefix("calendar", e);
    }
  }
  if (!Number.isInteger(next.reminderDaysBefore) || next.reminderDaysBefore < 0 || next.reminderDaysBefore > 30) {
    issues.push({ path: "reminderDaysBefore", message: "За сколько рабочих дней напоминать: от 0 до 30" });
  }
  if (issues.length) throw new ValidationError(issues);
  await ctx.db.tx(async (q) => {
    const saved = await saveMonitoringSettings(q, actor.municipalityId, input.version, next);
    if (!saved) throw new ConflictError("Настройки сроков изменены другим пользователем. Обновите данные.");
    await audit(q, caller, {
      action: "monitoringSettings.update",
      objectType: "monitoringSettings",
      objectId: actor.municipalityId,
      before: current,
      after: saved,
    });
  });
  return getSettings(ctx, caller);
}
