/** When to remind about a deadline, and where a deadline stands today. Pure: the caller says what "today" is. */
import { isIsoDate, type IsoDate } from "../dates.ts";
import { addWorkingDays, nextWorkingDay, workingDaysBetween, type WorkingCalendar } from "../calendar/calendar.ts";

export interface ReminderMoment {
  kind: "before" | "due" | "overdue";
  date: IsoDate;
}

/**
 * The reminders of a deadline: `before` working days ahead of it (left out when `before` is 0),
 * on the due date itself, and on the first working day after it (when it is overdue).
 */
export function reminderMoments(due: IsoDate, cal: WorkingCalendar, options: { before: number }): ReminderMoment[] {
  const { before } = options;
  if (!Number.isInteger(before) || before < 0) {
    throw new RangeError(`Напоминание «за N рабочих дней»: N — целое неотрицательное, получено ${before}`);
  }
  const out: ReminderMoment[] = [];
  if (before > 0) out.push({ kind: "before", date: addWorkingDays(cal, due, -before) });
  out.push({ kind: "due", date: due });
  out.push({ kind: "overdue", date: nextWorkingDay(cal, due) });
  return out;
}

export type DeadlineState = "done" | "doneLate" | "upcoming" | "dueToday" | "overdue";

export interface DeadlineStatus {
  state: DeadlineState;
  /**
   * In working days (`workingDaysBetween`). Open deadlines: from today to the due date —
   * positive ahead of it, 0 on it, negative when overdue (−1 = one working day late).
   * Done deadlines: from the completion date to the due date — ≥ 0 for "done" (the margin),
   * negative for "doneLate" (working days late).
   */
  workingDaysLeft: number;
}

/**
 * Where a deadline stands on `today`: done (on or before the due date), done late, upcoming,
 * due today or overdue (from the day after the due date).
 */
export function deadlineState(due: IsoDate, today: IsoDate, doneAt: IsoDate | null | undefined, cal: WorkingCalendar): DeadlineStatus {
  for (const [name, d] of [
    ["due", due],
    ["today", today],
    ["doneAt", doneAt ?? due],
  ] as const) {
    if (!isIsoDate(d)) throw new RangeError(`${name}: не дата "${String(d)}" (ожидается ГГГГ-ММ-ДД)`);
  }
  if (doneAt) {
    return { state: doneAt <= due ? "done" : "doneLate", workingDaysLeft: workingDaysBetween(cal, doneAt, due) };
  }
  const workingDaysLeft = workingDaysBetween(cal, today, due);
  const state: DeadlineState = today === due ? "dueToday" : today < due ? "upcoming" : "overdue";
  return { state, workingDaysLeft };
}
