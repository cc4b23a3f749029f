/**
 * The municipality's deadline rules and working-day calendar, and its local date.
 */
import { getMonitoringSettings, getMunicipality, type Queryable } from "@orientir/db";
import {
  KALUGA_220P_DEADLINES,
  NotFoundError,
  RU_CALENDAR,
  builtinCalendar,
  calendarFromData,
  parseDeadlineRules,
  type DeadlineRule,
  type IsoDate,
  type WorkingCalendar,
} from "@orientir/domain";

export interface MonitoringSetup {
  municipalityId: string;
  timezone: string;
  rules: readonly DeadlineRule[];
  calendar: WorkingCalendar;
  reminderDaysBefore: number;
  customRules: boolean;
  customCalendar: boolean;
}

/** The deadline rules and working-day calendar the municipality uses: its own, or the built-in ones. */
export async function monitoringSetup(q: Queryable, municipalityId: string): Promise<MonitoringSetup> {
  const [m, s] = await Promise.all([getMunicipality(q, municipalityId), getMonitoringSettings(q, municipalityId)]);
  if (!m) throw new NotFoundError("муниципальное образование");
  let calendar: WorkingCalendar;
  if (s.calendar) calendar = calendarFromData(s.calendar);
  else {
    try {
      calendar = builtinCalendar(String(m.country));
    } catch {
      calendar = RU_CALENDAR;
    }
  }
  return {
    municipalityId,
    timezone: String(m.timezone ?? "Europe/Moscow"),
    rules: s.deadlineRules ? parseDeadlineRules(s.deadlineRules) : KALUGA_220P_DEADLINES,
    calendar,
    reminderDaysBefore: s.reminderDaysBefore,
    customRules: s.deadlineRules !== null,
    customCalendar: s.calendar !== null,
  };
}

/**
 * The formatters of local dates, one per time zone: making an `Intl.DateTimeFormat` costs far more
 * than formatting with it (every control request asks for today).
 */
const LOCAL_DATE_FORMATS = new Map<string, Intl.DateTimeFormat>();

/** The local date of a moment in a time zone. */
export function localDate(at: Date | string, timeZone: string): IsoDate {
  const d = typeof at === "string" ? new Date(at) : at;
  let f = LOCAL_DATE_FORMATS.get(timeZone);
  if (!f) {
    // a time zone that does not exist throws here, as before, and is not kept
    f = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
    if (LOCAL_DATE_FORMATS.size >= 1000) LOCAL_DATE_FORMATS.clear();
    LOCAL_DATE_FORMATS.set(timeZone, f);
  }
  return f.format(d);
}
