/** The calendars shipped with Orientir, assembled from the plain data in ./data. */
import { addDays, dayOfWeek, makeDate, yearOf, type IsoDate } from "../dates.ts";
import { isWorkingDay, type WorkingCalendar } from "./calendar.ts";
import { KG_CALENDAR_YEARS, KG_PUBLIC_HOLIDAYS, KG_PUBLIC_HOLIDAYS_2025, KG_YEARS, type KgLabourCode } from "./data/kg.ts";
import { RU_CALENDAR_YEARS, RU_PUBLIC_HOLIDAYS } from "./data/ru.ts";

function ruCalendar(): WorkingCalendar {
  const years = RU_CALENDAR_YEARS;
  const base: WorkingCalendar = {
    id: "ru",
    country: "RU",
    name: "Производственный календарь Российской Федерации (пятидневная рабочая неделя)",
    weekend: [0, 6],
    holidays: years.flatMap((y) => y.off),
    workingWeekends: years.flatMap((y) => y.work),
    years: [years[0]!.year, years[years.length - 1]!.year],
  };
  // Labour Code art. 95: a working day directly preceding a non-working public holiday is one
  // hour shorter. As the official calendars apply it, a Saturday made working by a transfer is
  // also shortened when only days off separate it from the holiday (27 April 2024, 1 November 2025).
  // Derived here from the data above rather than listed.
  const isHoliday = (d: IsoDate) => RU_PUBLIC_HOLIDAYS.includes(d.slice(5));
  const short: IsoDate[] = [];
  const last = makeDate(base.years[1], 12, 31);
  for (let d = makeDate(base.years[0], 1, 1); d <= last; d = addDays(d, 1)) {
    if (!isWorkingDay(base, d)) continue;
    let next = addDays(d, 1);
    if (!isHoliday(next) && base.weekend.includes(dayOfWeek(d))) {
      while (next <= last && !isHoliday(next) && !isWorkingDay(base, next)) next = addDays(next, 1);
    }
    if (isHoliday(next)) short.push(d);
  }
  return { ...base, shortDays: short };
}

/**
 * Weekdays that are days off in Kyrgyzstan by the Labour Code alone (no lunar holidays, no
 * transfers): the count the Ministry of Labour publishes is the year's weekdays minus these.
 */
export function kgStatutoryDaysOff(year: number, code: KgLabourCode): IsoDate[] {
  const isWeekend = (d: IsoDate) => dayOfWeek(d) === 0 || dayOfWeek(d) === 6;
  if (code === "ТК КР 2025") {
    // No move: a holiday on a Saturday or Sunday is simply lost.
    return [...new Set(KG_PUBLIC_HOLIDAYS_2025.map((h) => `${year}-${h.date}`))].filter((d) => !isWeekend(d)).sort();
  }
  const dates = KG_PUBLIC_HOLIDAYS.map((h) => `${year}-${h.date}`);
  const taken = new Set<IsoDate>(dates);
  const off: IsoDate[] = [];
  for (const d of dates) {
    if (!isWeekend(d)) {
      off.push(d);
      continue;
    }
    // Art. 113: the day off moves to the next day that is neither a weekend nor a holiday.
    let moved = addDays(d, 1);
    while (isWeekend(moved) || taken.has(moved)) moved = addDays(moved, 1);
    taken.add(moved);
    if (yearOf(moved) === year) off.push(moved);
  }
  return [...new Set(off)].sort();
}

function kgCalendar(): WorkingCalendar {
  const years = KG_CALENDAR_YEARS;
  const holidays = new Set<IsoDate>();
  const workingWeekends: IsoDate[] = [];
  for (const y of years) {
    for (const d of kgStatutoryDaysOff(y.year, y.labourCode)) holidays.add(d);
    for (const h of y.lunar) holidays.add(h.dayOff);
    for (const d of y.transfers.off) holidays.add(d);
  }
  // A transfer's working day is a Saturday or Sunday, or a weekday that was off by law (e.g. the
  // day a weekend holiday had moved to) and is worked instead of another.
  for (const y of years) {
    for (const d of y.transfers.work) {
      if (dayOfWeek(d) === 0 || dayOfWeek(d) === 6) workingWeekends.push(d);
      else holidays.delete(d);
    }
  }
  return {
    id: "kg",
    country: "KG",
    name: "Производственный календарь Кыргызской Республики (пятидневная рабочая неделя)",
    weekend: [0, 6],
    holidays: [...holidays].sort(),
    workingWeekends: workingWeekends.sort(),
    years: KG_YEARS,
  };
}

/** The Russian production calendar, 2013–2027 (2027 provisional until the transfer decree). */
export const RU_CALENDAR: WorkingCalendar = ruCalendar();

/**
 * The Kyrgyz production calendar: the Labour Code's holidays, Orozo ait and Kurman ait, and the
 * Cabinet's transfers, for the years of `KG_YEARS` only (see data/kg.ts for why).
 */
export const KG_CALENDAR: WorkingCalendar = kgCalendar();

export const BUILTIN_CALENDARS: Readonly<Record<string, WorkingCalendar>> = { RU: RU_CALENDAR, KG: KG_CALENDAR };

/** The built-in calendar of a country ("RU", "KG"; case-insensitive). */
export function builtinCalendar(country: string): WorkingCalendar {
  const cal = BUILTIN_CALENDARS[country.toUpperCase()];
  if (!cal) {
    throw new RangeError(`Нет встроенного календаря для страны «${country}»; есть: ${Object.keys(BUILTIN_CALENDARS).join(", ")}`);
  }
  return cal;
}
