import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { addDays, fromDayNumber, toDayNumber } from "../src/dates.ts";
import { ValidationError } from "../src/errors.ts";
import {
  CalendarRangeError,
  KG_CALENDAR,
  RU_CALENDAR,
  addWorkingDays,
  builtinCalendar,
  calendarFromData,
  isWorkingDay,
  nextWorkingDay,
  previousWorkingDay,
  shiftToWorkingDay,
  workingDaysBetween,
  type WorkingCalendar,
} from "../src/calendar/index.ts";

const RU = RU_CALENDAR;
const days = (from: string, to: string) => {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
};
const working = (cal: WorkingCalendar, from: string, to: string) => days(from, to).filter((d) => isWorkingDay(cal, d));

describe("Russian calendar: holidays and transfers", () => {
  it("May 2025: 1–4 and 8–11 May are days off, 5–7 and 12 May working", () => {
    for (const d of [...days("2025-05-01", "2025-05-04"), ...days("2025-05-08", "2025-05-11")]) expect(isWorkingDay(RU, d), d).toBe(false);
    for (const d of ["2025-04-30", "2025-05-05", "2025-05-06", "2025-05-07", "2025-05-12"]) expect(isWorkingDay(RU, d), d).toBe(true);
    expect(working(RU, "2025-05-01", "2025-05-31")).toHaveLength(18);
  });

  it("2025 transfers: 23 Feb and 8 Mar moved to 8 May and 13 June, so 24 Feb and 10 Mar are working", () => {
    expect(isWorkingDay(RU, "2025-02-24")).toBe(true);
    expect(isWorkingDay(RU, "2025-03-10")).toBe(true);
    expect(isWorkingDay(RU, "2025-06-13")).toBe(false);
    expect(addWorkingDays(RU, "2025-06-11", 1)).toBe("2025-06-16");
  });

  it("Saturday 1 November 2025 is a working day; 3–4 November are days off; the week before has six working days", () => {
    expect(isWorkingDay(RU, "2025-11-01")).toBe(true);
    expect(isWorkingDay(RU, "2025-11-02")).toBe(false);
    expect(isWorkingDay(RU, "2025-11-03")).toBe(false);
    expect(isWorkingDay(RU, "2025-11-04")).toBe(false);
    expect(workingDaysBetween(RU, "2025-10-26", "2025-11-02")).toBe(6);
    expect(addWorkingDays(RU, "2025-10-31", 1)).toBe("2025-11-01");
    expect(addWorkingDays(RU, "2025-10-31", 2)).toBe("2025-11-05");
  });

  it("2024: working Saturdays 27 April, 2 November, 28 December; 29–30 April and 30–31 December off", () => {
    for (const d of ["2024-04-27", "2024-11-02", "2024-12-28"]) expect(isWorkingDay(RU, d), d).toBe(true);
    for (const d of ["2024-04-29", "2024-04-30", "2024-05-01", "2024-05-10", "2024-12-30", "2024-12-31"])
      expect(isWorkingDay(RU, d), d).toBe(false);
    expect(addWorkingDays(RU, "2024-04-26", 1)).toBe("2024-04-27");
    expect(addWorkingDays(RU, "2024-04-27", 1)).toBe("2024-05-02");
    expect(addWorkingDays(RU, "2024-12-27", 1)).toBe("2024-12-28");
  });

  it("New Year holidays: 31 Dec 2025 – 11 Jan 2026 are off, so the day after 30 Dec 2025 is 12 Jan 2026", () => {
    for (const d of days("2025-12-31", "2026-01-11")) expect(isWorkingDay(RU, d), d).toBe(false);
    expect(nextWorkingDay(RU, "2025-12-30")).toBe("2026-01-12");
    expect(previousWorkingDay(RU, "2026-01-12")).toBe("2025-12-30");
    expect(workingDaysBetween(RU, "2025-12-30", "2026-01-12")).toBe(1);
  });

  it("holidays falling on a weekend move to the next working day by law (2020: 23 Feb → 24 Feb)", () => {
    expect(isWorkingDay(RU, "2020-02-24")).toBe(false);
    expect(isWorkingDay(RU, "2021-06-14")).toBe(false);
    expect(isWorkingDay(RU, "2023-11-06")).toBe(false);
  });
});

describe("working-day arithmetic", () => {
  it("addWorkingDays: n = 0 keeps a working day or moves to the next one; negative n goes back", () => {
    expect(addWorkingDays(RU, "2025-05-05", 0)).toBe("2025-05-05");
    expect(addWorkingDays(RU, "2025-05-03", 0)).toBe("2025-05-05");
    expect(addWorkingDays(RU, "2025-04-30", 1)).toBe("2025-05-05");
    expect(addWorkingDays(RU, "2025-05-03", 1)).toBe("2025-05-05");
    expect(addWorkingDays(RU, "2025-05-12", -1)).toBe("2025-05-07");
    expect(addWorkingDays(RU, "2025-05-05", -1)).toBe("2025-04-30");
    expect(() => addWorkingDays(RU, "2025-05-05", 1.5)).toThrow(RangeError);
  });

  it("workingDaysBetween counts (a, b]: a excluded, b included; negative when b < a", () => {
    expect(workingDaysBetween(RU, "2025-06-06", "2025-06-06")).toBe(0);
    expect(workingDaysBetween(RU, "2025-06-06", "2025-06-09")).toBe(1); // Friday → Monday
    expect(workingDaysBetween(RU, "2025-06-09", "2025-06-06")).toBe(-1);
    expect(workingDaysBetween(RU, "2025-06-07", "2025-06-08")).toBe(0); // a weekend
    expect(workingDaysBetween(RU, "2025-04-30", "2025-05-12")).toBe(4); // 5, 6, 7, 12 May
  });

  it("shiftToWorkingDay moves a day off forward (the default) or backward", () => {
    expect(shiftToWorkingDay(RU, "2025-05-03")).toBe("2025-05-05");
    expect(shiftToWorkingDay(RU, "2025-05-03", "backward")).toBe("2025-04-30");
    expect(shiftToWorkingDay(RU, "2025-05-06", "backward")).toBe("2025-05-06");
  });

  it("next/previous working day are strictly after/before the date", () => {
    expect(nextWorkingDay(RU, "2025-05-05")).toBe("2025-05-06");
    expect(previousWorkingDay(RU, "2025-05-05")).toBe("2025-04-30");
  });

  it("dates outside the calendar's years are an error that names the years covered", () => {
    expect(() => isWorkingDay(RU, "2012-12-31")).toThrow(CalendarRangeError);
    expect(() => isWorkingDay(RU, "2028-01-03")).toThrow(/2013–2027/);
    expect(() => addWorkingDays(RU, "2027-12-30", 5)).toThrow(CalendarRangeError);
    expect(() => workingDaysBetween(RU, "2020-01-01", "2030-01-01")).toThrow(/2013–2027/);
    expect(() => isWorkingDay(RU, "2025-02-30")).toThrow(/ГГГГ-ММ-ДД/);
  });

  const first = toDayNumber("2014-01-01");
  const last = toDayNumber("2026-12-31");
  const anyDate = fc.integer({ min: first, max: last }).map(fromDayNumber);

  it("property: workingDaysBetween(d, addWorkingDays(d, n)) === n for a working day d", () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: -200, max: 200 }), (d0, n) => {
        const d = shiftToWorkingDay(RU, d0);
        expect(workingDaysBetween(RU, d, addWorkingDays(RU, d, n))).toBe(n);
      }),
      { numRuns: 300 },
    );
  });

  it("property: n ≥ 1 working days after any date is a later working day; n = 0 is idempotent", () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: 1, max: 60 }), (d, n) => {
        const r = addWorkingDays(RU, d, n);
        expect(r > d).toBe(true);
        expect(isWorkingDay(RU, r)).toBe(true);
        expect(addWorkingDays(RU, r, 0)).toBe(r);
        expect(workingDaysBetween(RU, d, r)).toBe(n);
      }),
      { numRuns: 300 },
    );
  });

  it("property: workingDaysBetween is additive and antisymmetric", () => {
    fc.assert(
      fc.property(anyDate, anyDate, anyDate, (a, b, c) => {
        expect(workingDaysBetween(RU, a, b) + workingDaysBetween(RU, b, c)).toBe(workingDaysBetween(RU, a, c));
        expect(workingDaysBetween(RU, b, a) + workingDaysBetween(RU, a, b)).toBe(0);
      }),
      { numRuns: 100 },
    );
  });
});

describe("Kyrgyz calendar", () => {
  it("has its own holidays; until 2024 one on a weekend moves to the next working day, from 2025 it does not", () => {
    expect(isWorkingDay(KG_CALENDAR, "2025-03-21")).toBe(false); // Nooruz, Friday
    expect(isWorkingDay(KG_CALENDAR, "2025-05-05")).toBe(false); // Constitution Day
    expect(isWorkingDay(RU, "2025-05-05")).toBe(true);
    expect(isWorkingDay(KG_CALENDAR, "2024-09-02")).toBe(false); // 31 Aug 2024 is a Saturday (Labour Code of 2004)
    expect(isWorkingDay(KG_CALENDAR, "2025-09-01")).toBe(true); // 31 Aug 2025 is a Sunday (Labour Code of 2025: no move)
    expect(isWorkingDay(KG_CALENDAR, "2024-11-07")).toBe(false);
    expect(isWorkingDay(KG_CALENDAR, "2025-11-07")).toBe(true); // a working holiday from 2025
    expect(isWorkingDay(KG_CALENDAR, "2025-11-01")).toBe(false); // no Russian transfers
  });

  it("has the lunar holidays: 31 March 2025 (Orozo ait) and 6 June 2025 (Kurman ait) are days off", () => {
    expect(isWorkingDay(KG_CALENDAR, "2025-03-31")).toBe(false);
    expect(isWorkingDay(KG_CALENDAR, "2025-06-06")).toBe(false);
    expect(isWorkingDay(RU, "2025-03-31")).toBe(true);
    expect(addWorkingDays(KG_CALENDAR, "2025-03-28", 1)).toBe("2025-04-01");
    expect(addWorkingDays(KG_CALENDAR, "2025-06-05", 1)).toBe("2025-06-09");
  });

  it("covers 2013–2027 and says so outside them", () => {
    expect(KG_CALENDAR.years).toEqual([2013, 2027]);
    expect(isWorkingDay(KG_CALENDAR, "2026-01-05")).toBe(false);
    expect(() => isWorkingDay(KG_CALENDAR, "2028-01-05")).toThrow(CalendarRangeError);
    expect(() => isWorkingDay(KG_CALENDAR, "2012-12-28")).toThrow(/2013–2027/);
  });

  it("is chosen by country code", () => {
    expect(builtinCalendar("kg")).toBe(KG_CALENDAR);
    expect(builtinCalendar("RU")).toBe(RU);
    expect(() => builtinCalendar("FR")).toThrow(/RU, KG/);
  });
});

describe("calendarFromData", () => {
  it("accepts the built-in calendar as JSON and computes the same working days", () => {
    const cal = calendarFromData(JSON.parse(JSON.stringify(RU)));
    expect(cal.years).toEqual([2013, 2027]);
    expect(workingDaysBetween(cal, "2013-01-01", "2027-12-31")).toBe(workingDaysBetween(RU, "2013-01-01", "2027-12-31"));
  });

  it("defaults the weekend to Saturday and Sunday", () => {
    const cal = calendarFromData({ id: "x", country: "RU", name: "X", holidays: [], workingWeekends: [], years: [2025, 2025] });
    expect(cal.weekend).toEqual([0, 6]);
    expect(isWorkingDay(cal, "2025-05-01")).toBe(true);
  });

  it("names every invalid field by its path", () => {
    const bad = {
      id: "",
      country: "RU",
      name: "Калуга",
      holidays: ["2025-01-01", "2025-02-30", "2025-01-01", "2031-01-01"],
      workingWeekends: ["2025-11-03", "2025-11-01"],
      years: [2025, 2026],
    };
    let error: unknown;
    try {
      calendarFromData(bad);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    const paths = (error as ValidationError).issues.map((i) => i.path).sort();
    expect(paths).toEqual(["holidays[1]", "holidays[2]", "holidays[3]", "id", "workingWeekends[0]"].sort());
    const msg = (error as ValidationError).issues.find((i) => i.path === "holidays[1]")!.message;
    expect(msg).toContain("2025-02-30");
  });

  it("rejects inverted years, missing lists and a date both off and working", () => {
    const issues = (json: unknown) => {
      try {
        calendarFromData(json);
        return [];
      } catch (e) {
        return (e as ValidationError).issues.map((i) => i.path);
      }
    };
    expect(issues({ id: "x", country: "RU", name: "X", holidays: [], workingWeekends: [], years: [2026, 2025] })).toEqual(["years"]);
    expect(issues({ id: "x", country: "RU", name: "X", years: [2025, 2025] })).toEqual(["holidays", "workingWeekends"]);
    expect(
      issues({ id: "x", country: "RU", name: "X", holidays: ["2025-11-01"], workingWeekends: ["2025-11-01"], years: [2025, 2025] }),
    ).toEqual(["workingWeekends[0]"]);
    expect(issues([1, 2])).toEqual([""]);
    // A broken weekend is reported once, not again on every working weekend day.
    expect(
      issues({ id: "x", country: "RU", name: "X", weekend: [0, 7], holidays: [], workingWeekends: ["2025-11-01"], years: [2025, 2025] }),
    ).toEqual(["weekend[1]"]);
    expect(
      issues({ id: "x", country: "RU", name: "X", weekend: [0, 1, 2, 3, 4, 5, 6], holidays: [], workingWeekends: [], years: [2025, 2025] }),
    ).toEqual(["weekend"]);
  });
});
