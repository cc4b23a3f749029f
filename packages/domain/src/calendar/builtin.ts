/** The calendars shipped with Orientir, assembled from the plain data in ./data. */
import { addDays, dayOfWeek, makeDate, type IsoDate } from "../dates.ts";
import { isWorkingDay, type WorkingCalendar } from "./calendar.ts";
import { KG_PUBLIC_HOLIDAYS, KG_YEARS } from "./data/kg.ts";
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

function kgCalendar(): WorkingCalendar {
  const holidays: IsoDate[] = [];
  const taken = new Set<IsoDate>();
  const isDayOff = (d: IsoDate) => dayOfWeek(d) === 0 || dayOfWeek(d) === 6 || taken.has(d);
  for (let y = KG_YEARS[0]; y <= KG_YEARS[1]; y++) {
    const dates = KG_PUBLIC_HOLIDAYS.map((h) => `${y}-${h.date}`);
    for (const d of dates) taken.add(d);
    for (const d of dates) {
      holidays.push(d);
      if (dayOfWeek(d) === 0 || dayOfWeek(d) === 6) {
        // The day off moves to the next day that is neither a weekend nor a holiday.
        let moved = addDays(d, 1);
        while (isDayOff(moved)) moved = addDays(moved, 1);
        taken.add(moved);
        holidays.push(moved);
      }
    }
  }
  const lastYear = KG_YEARS[1];
  return {
    id: "kg",
    country: "KG",
    name: "Календарь рабочих дней Кыргызской Республики (без Орозо айт и Курман айт)",
    weekend: [0, 6],
    holidays: [...new Set(holidays)].filter((d) => d <= makeDate(lastYear, 12, 31)).sort(),
    workingWeekends: [],
    years: [KG_YEARS[0], lastYear],
  };
}

/** The Russian production calendar, 2013–2027 (2027 provisional until the transfer decree). */
export const RU_CALENDAR: WorkingCalendar = ruCalendar();

/** The Kyrgyz calendar of fixed public holidays, 2013–2027. */
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
