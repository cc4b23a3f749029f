/**
 * The production calendars' data of both countries (calendar/data) against the official count of
 * working days of each year, and the Kyrgyz lunar holidays and Cabinet transfers against the
 * Labour Code.
 */
import { describe, expect, it } from "vitest";
import { addDays, dayOfWeek, makeDate } from "../src/dates.ts";
import {
  CALENDAR_SOURCES,
  KG_CALENDAR,
  KG_CALENDAR_YEARS,
  KG_YEARS,
  RU_CALENDAR,
  builtinCalendar,
  isWorkingDay,
  kgStatutoryDaysOff,
  workingDaysInYear,
} from "../src/calendar/index.ts";

const isWeekend = (d: string) => dayOfWeek(d) === 0 || dayOfWeek(d) === 6;
const weekdaysOf = (year: number) => {
  let n = 0;
  for (let d = makeDate(year, 1, 1); d <= makeDate(year, 12, 31); d = addDays(d, 1)) if (!isWeekend(d)) n++;
  return n;
};

describe("calendar data: one record per country and year, each with its sources", () => {
  it("covers exactly the years of each built-in calendar", () => {
    for (const country of ["RU", "KG"] as const) {
      const cal = builtinCalendar(country);
      const years = CALENDAR_SOURCES.filter((s) => s.country === country).map((s) => s.year);
      expect(years, country).toEqual(Array.from({ length: cal.years[1] - cal.years[0] + 1 }, (_, i) => cal.years[0] + i));
    }
  });

  it("every year names its sources; every year that is not provisional has an official count", () => {
    for (const s of CALENDAR_SOURCES) {
      expect(s.sources.length, `${s.country} ${s.year}`).toBeGreaterThan(0);
      for (const src of s.sources) expect(src.trim().length, `${s.country} ${s.year}`).toBeGreaterThan(10);
      if (!s.provisional) expect(s.official, `${s.country} ${s.year}`).not.toBeNull();
      if (s.official) expect(s.official.source, `${s.country} ${s.year}`).toMatch(/\S{4,}/);
    }
  });

  for (const s of CALENDAR_SOURCES.filter((s) => s.official && s.country === "RU")) {
    it(`RU ${s.year}: ${s.official!.workingDays} working days, as the official calendar`, () => {
      expect(workingDaysInYear(RU_CALENDAR, s.year)).toBe(s.official!.workingDays);
    });
  }

  for (const s of CALENDAR_SOURCES.filter((s) => s.official && s.country === "KG")) {
    it(`KG ${s.year}: the Ministry's ${s.official!.workingDays} working days (without the lunar holidays and transfers)`, () => {
      const y = KG_CALENDAR_YEARS.find((k) => k.year === s.year)!;
      expect(weekdaysOf(s.year) - kgStatutoryDaysOff(s.year, y.labourCode).length).toBe(s.official!.workingDays);
    });
  }
});

describe("Kyrgyz calendar: lunar holidays and transfers", () => {
  it("the range is the years of the data, without gaps", () => {
    expect(KG_CALENDAR.years).toEqual(KG_YEARS);
    expect(KG_CALENDAR_YEARS.map((y) => y.year)).toEqual(Array.from({ length: KG_YEARS[1] - KG_YEARS[0] + 1 }, (_, i) => KG_YEARS[0] + i));
  });

  it("each year has Orozo ait and Kurman ait (a provisional year may lack them and says so), each day off a weekday of the year on or after the holiday, each with a source", () => {
    for (const y of KG_CALENDAR_YEARS) {
      if (y.provisional && y.lunar.length === 0) expect(y.note ?? "", String(y.year)).toMatch(/Орозо айт/);
      else expect(y.lunar.map((h) => h.name).sort(), String(y.year)).toEqual(["Курман айт", "Орозо айт"]);
      for (const h of y.lunar) {
        expect(h.date.startsWith(`${y.year}-`), h.date).toBe(true);
        expect(h.dayOff >= h.date, h.dayOff).toBe(true);
        expect(isWeekend(h.dayOff), h.dayOff).toBe(false);
        if (!isWeekend(h.date)) expect(h.dayOff, h.date).toBe(h.date);
        expect(isWorkingDay(KG_CALENDAR, h.dayOff), h.dayOff).toBe(false);
        expect(h.source.length).toBeGreaterThan(10);
      }
    }
  });

  it("under the Labour Code of 2004 a lunar holiday on a weekend moves to the next working day (art. 113)", () => {
    for (const y of KG_CALENDAR_YEARS.filter((y) => y.labourCode === "ТК КР 2004")) {
      const statutory = new Set(kgStatutoryDaysOff(y.year, y.labourCode));
      for (const h of y.lunar.filter((h) => isWeekend(h.date))) {
        let next = addDays(h.date, 1);
        while (isWeekend(next) || statutory.has(next)) next = addDays(next, 1);
        expect(h.dayOff, h.date).toBe(next);
      }
    }
  });

  it("transfers: days off are working weekdays by law; working days are weekends or days off by law; all of their year", () => {
    for (const y of KG_CALENDAR_YEARS) {
      const statutory = new Set(kgStatutoryDaysOff(y.year, y.labourCode));
      for (const d of y.transfers.off) {
        expect(d.startsWith(`${y.year}-`) && !isWeekend(d) && !statutory.has(d), d).toBe(true);
        expect(isWorkingDay(KG_CALENDAR, d), d).toBe(false);
      }
      for (const d of y.transfers.work) {
        expect(d.startsWith(`${y.year}-`) && (isWeekend(d) || statutory.has(d)), d).toBe(true);
        expect(isWorkingDay(KG_CALENDAR, d), d).toBe(true);
      }
      expect(y.transfers.source.length, String(y.year)).toBeGreaterThan(10);
    }
  });

  it("each year's count = the Labour Code's count − the lunar days off − the transfers' days off + their working days", () => {
    for (const y of KG_CALENDAR_YEARS) {
      const statutory = new Set(kgStatutoryDaysOff(y.year, y.labourCode));
      const extraOff = new Set([...y.lunar.map((h) => h.dayOff), ...y.transfers.off].filter((d) => !statutory.has(d)));
      const lawCount = y.official ? y.official.workingDays : weekdaysOf(y.year) - statutory.size;
      expect(workingDaysInYear(KG_CALENDAR, y.year), String(y.year)).toBe(lawCount - extraOff.size + y.transfers.work.length);
    }
  });

  it("2024: Orozo ait on Wednesday 10 April; Kurman ait on Sunday 16 June, so Monday 17 June is off; 1–5 May off, 6 and 11 May worked; 248 working days", () => {
    expect(isWorkingDay(KG_CALENDAR, "2024-04-10")).toBe(false);
    for (let d = "2024-05-01"; d <= "2024-05-05"; d = addDays(d, 1)) expect(isWorkingDay(KG_CALENDAR, d), d).toBe(false);
    expect(isWorkingDay(KG_CALENDAR, "2024-05-06")).toBe(true);
    expect(isWorkingDay(KG_CALENDAR, "2024-05-11")).toBe(true);
    expect(isWorkingDay(KG_CALENDAR, "2024-05-09")).toBe(false);
    expect(isWorkingDay(KG_CALENDAR, "2024-06-17")).toBe(false);
    expect(isWorkingDay(KG_CALENDAR, "2024-06-18")).toBe(true);
    // The four days off moved from holidays on a weekend (the Ministry's calendar).
    for (const d of ["2024-01-08", "2024-04-08", "2024-09-02"]) expect(isWorkingDay(KG_CALENDAR, d), d).toBe(false);
    expect(kgStatutoryDaysOff(2024, "ТК КР 2004")).toContain("2024-05-06");
    expect(workingDaysInYear(KG_CALENDAR, 2024)).toBe(248);
  });

  it("2025 (Labour Code of 2025): 31 March and 6 June off; 1–9 May off; 23 Feb, 7 Apr, 7 Nov worked; no move of 31 Aug (Sunday)", () => {
    expect(isWorkingDay(KG_CALENDAR, "2025-03-31")).toBe(false);
    expect(isWorkingDay(KG_CALENDAR, "2025-06-06")).toBe(false);
    for (let d = "2025-05-01"; d <= "2025-05-09"; d = addDays(d, 1)) expect(isWorkingDay(KG_CALENDAR, d), d).toBe(false);
    for (const d of ["2025-02-24", "2025-04-07", "2025-09-01", "2025-11-07", "2025-03-10"])
      expect(isWorkingDay(KG_CALENDAR, d), d).toBe(true);
    for (let d = "2025-01-01"; d <= "2025-01-07"; d = addDays(d, 1)) expect(isWorkingDay(KG_CALENDAR, d), d).toBe(false);
    expect(isWorkingDay(KG_CALENDAR, "2025-01-11")).toBe(true);
  });

  it("2026 and the years without lunar data stay in the calendar, provisional: 8–9 January 2026 and Orozo ait (20 March) off; 2013–2027 covered", () => {
    expect(KG_YEARS).toEqual([2013, 2027]);
    for (const d of ["2026-01-08", "2026-01-09", "2026-03-20"]) expect(isWorkingDay(KG_CALENDAR, d), d).toBe(false);
    expect(isWorkingDay(KG_CALENDAR, "2026-03-19")).toBe(true);
    for (const y of KG_CALENDAR_YEARS.filter((y) => y.year !== 2024)) expect(y.provisional, String(y.year)).toBe(true);
  });
});
