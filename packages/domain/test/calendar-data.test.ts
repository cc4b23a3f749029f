/** Cross-checks of the Russian production-calendar data against the official totals and the Labour Code. */
import { describe, expect, it } from "vitest";
import { dayOfWeek, daysInMonth, makeDate } from "../src/dates.ts";
import { RU_CALENDAR, RU_CALENDAR_YEARS, RU_PUBLIC_HOLIDAYS, isWorkingDay, workingDaysInYear } from "../src/calendar/index.ts";

/** Official annual totals of working days for a five-day week (производственный календарь). */
const OFFICIAL_TOTALS: Record<number, number> = {
  2013: 247,
  2014: 247,
  2015: 247,
  2016: 247,
  2017: 247,
  2018: 247,
  2019: 247,
  2020: 248,
  2021: 247,
  2022: 247,
  2023: 247,
  2024: 248,
  2025: 247,
  2026: 247,
};

const isWeekend = (d: string) => dayOfWeek(d) === 0 || dayOfWeek(d) === 6;

describe("Russian production calendar data", () => {
  it("covers 2013–2027, one entry per year", () => {
    expect(RU_CALENDAR.years).toEqual([2013, 2027]);
    expect(RU_CALENDAR_YEARS.map((y) => y.year)).toEqual(Array.from({ length: 15 }, (_, i) => 2013 + i));
  });

  for (const [year, total] of Object.entries(OFFICIAL_TOTALS)) {
    it(`${year} has ${total} working days`, () => {
      expect(workingDaysInYear(RU_CALENDAR, Number(year))).toBe(total);
    });
  }

  it("2027 is provisional (no transfer decree yet): the Labour Code alone gives 249 working days", () => {
    const y2027 = RU_CALENDAR_YEARS.find((y) => y.year === 2027)!;
    expect(y2027.provisional).toBe(true);
    expect(y2027.decree).toBeNull();
    expect(workingDaysInYear(RU_CALENDAR, 2027)).toBe(249);
  });

  it("every final year names its decree", () => {
    for (const y of RU_CALENDAR_YEARS.filter((y) => !y.provisional))
      expect(y.decree, String(y.year)).toMatch(/^Постановление Правительства РФ от \d\d\.\d\d\.\d{4} N \d+$/);
  });

  it("days off are weekdays of their year, working days are weekends, no duplicates", () => {
    for (const y of RU_CALENDAR_YEARS) {
      for (const d of y.off) {
        expect(d.startsWith(`${y.year}-`), d).toBe(true);
        expect(isWeekend(d), d).toBe(false);
      }
      for (const d of y.work) {
        expect(d.startsWith(`${y.year}-`), d).toBe(true);
        expect(isWeekend(d), d).toBe(true);
      }
      expect(new Set(y.off).size).toBe(y.off.length);
    }
  });

  it("every public holiday of art. 112 falling on a weekday is a day off", () => {
    for (const y of RU_CALENDAR_YEARS) {
      for (const md of RU_PUBLIC_HOLIDAYS) {
        const d = `${y.year}-${md}`;
        if (!isWeekend(d)) expect(isWorkingDay(RU_CALENDAR, d), d).toBe(false);
      }
    }
  });

  it("the transfers balance: extra days off = working weekends + holidays on weekends (at most two from January)", () => {
    for (const y of RU_CALENDAR_YEARS.filter((y) => !y.provisional)) {
      const holidays = RU_PUBLIC_HOLIDAYS.map((md) => `${y.year}-${md}`);
      const extraOff = y.off.filter((d) => !holidays.includes(d)).length;
      const januaryOnWeekend = holidays.filter((d) => d.slice(5, 7) === "01" && isWeekend(d)).length;
      const otherOnWeekend = holidays.filter((d) => d.slice(5, 7) !== "01" && isWeekend(d)).length;
      expect(extraOff, String(y.year)).toBe(y.work.length + Math.min(2, januaryOnWeekend) + otherOnWeekend);
    }
  });

  it("2025 by month matches the official calendar", () => {
    const perMonth = Array.from({ length: 12 }, (_, m) => {
      let n = 0;
      for (let d = 1; d <= daysInMonth(2025, m + 1); d++) if (isWorkingDay(RU_CALENDAR, makeDate(2025, m + 1, d))) n++;
      return n;
    });
    expect(perMonth).toEqual([17, 20, 21, 22, 18, 19, 23, 21, 22, 23, 19, 22]);
  });

  it("pre-holiday shortened days of 2024 and 2025 match the official lists", () => {
    const short = RU_CALENDAR.shortDays ?? [];
    expect(short.filter((d) => d.startsWith("2024"))).toEqual([
      "2024-02-22",
      "2024-03-07",
      "2024-04-27",
      "2024-05-08",
      "2024-06-11",
      "2024-11-02",
      "2024-12-28",
    ]);
    expect(short.filter((d) => d.startsWith("2025"))).toEqual(["2025-03-07", "2025-04-30", "2025-06-11", "2025-11-01"]);
  });
});
