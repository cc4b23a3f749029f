import { describe, expect, it } from "vitest";
import { ValidationError } from "../src/errors.ts";
import { RU_CALENDAR as RU } from "../src/calendar/index.ts";
import {
  KALUGA_220P_DEADLINES,
  deadlinesForPeriod,
  dueDate,
  nominalDate,
  parseDeadlineRules,
  type DeadlineRule,
} from "../src/deadlines/index.ts";

const rule = (id: string): DeadlineRule => {
  const r = KALUGA_220P_DEADLINES.find((x) => x.id === id);
  if (!r) throw new Error(`no rule ${id}`);
  return r;
};
const quarterly = ["monitoring.finance", "monitoring.coexecutor", "monitoring.publication", "monitoring.control"];
const dues = (ids: string[], period: { year: number; quarter?: number }) => ids.map((id) => dueDate(rule(id), period, RU));

describe("the 220-п rule set", () => {
  it("every rule cites its clause and ids are unique", () => {
    const ids = KALUGA_220P_DEADLINES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of KALUGA_220P_DEADLINES) expect(r.clause, r.id).toMatch(/^220-п п\. \d+\.\d+/);
  });

  it("is valid data: parsing its JSON gives it back", () => {
    expect(parseDeadlineRules(JSON.parse(JSON.stringify(KALUGA_220P_DEADLINES)))).toEqual(KALUGA_220P_DEADLINES);
  });
});

describe("quarterly monitoring (220-п 6.6–6.9), days off move to the next working day", () => {
  it("2025", () => {
    expect(dues(quarterly, { year: 2025, quarter: 1 })).toEqual(["2025-04-15", "2025-04-21", "2025-04-25", "2025-04-30"]);
    expect(dues(quarterly, { year: 2025, quarter: 2 })).toEqual(["2025-07-15", "2025-07-21", "2025-07-25", "2025-07-30"]);
    expect(dues(quarterly, { year: 2025, quarter: 3 })).toEqual(["2025-10-15", "2025-10-20", "2025-10-27", "2025-10-30"]);
  });

  it("2026", () => {
    expect(dues(quarterly, { year: 2026, quarter: 1 })).toEqual(["2026-04-15", "2026-04-20", "2026-04-27", "2026-04-30"]);
    expect(dues(quarterly, { year: 2026, quarter: 2 })).toEqual(["2026-07-15", "2026-07-20", "2026-07-27", "2026-07-30"]);
    expect(dues(quarterly, { year: 2026, quarter: 3 })).toEqual(["2026-10-15", "2026-10-20", "2026-10-26", "2026-10-30"]);
  });

  it("is for quarters I–III only (6.5) and needs a quarter", () => {
    expect(() => dueDate(rule("monitoring.finance"), { year: 2025, quarter: 4 }, RU)).toThrow(/6\.6/);
    expect(() => dueDate(rule("monitoring.finance"), { year: 2025 }, RU)).toThrow(/квартал/);
  });

  it("a municipality may monitor Q4 too: due in January of the next year, day clamped to the month", () => {
    const q4: DeadlineRule = { ...rule("monitoring.control"), quarters: [1, 2, 3, 4] };
    expect(dueDate(q4, { year: 2025, quarter: 4 }, RU)).toBe("2026-01-30");
    const day31: DeadlineRule = { ...q4, anchor: { type: "monthAfterQuarter", day: 31 } };
    expect(nominalDate(day31, { year: 2025, quarter: 1 }, RU)).toBe("2025-04-30");
  });
});

describe("annual report (220-п 6.10, 6.11, 6.19, 6.21)", () => {
  const annual = ["annual.coexecutor", "annual.report", "annual.consolidated", "annual.publication"];
  it("for the reporting year 2024, due in 2025", () => {
    expect(dues(annual, { year: 2024 })).toEqual(["2025-02-05", "2025-02-17", "2025-05-26", "2025-06-02"]);
  });
  it("for the reporting year 2025, due in 2026", () => {
    expect(dues(annual, { year: 2025 })).toEqual(["2026-02-05", "2026-02-16", "2026-05-25", "2026-06-01"]);
  });
});

describe("legal dates of the current year (220-п 4.1, 4.6, 4.16)", () => {
  const legal = ["legal.approval", "legal.programList", "legal.reviews"];
  it("2025 and 2026", () => {
    expect(dues(legal, { year: 2025 })).toEqual(["2025-04-01", "2025-07-15", "2025-08-01"]);
    expect(dues(legal, { year: 2026 })).toEqual(["2026-04-01", "2026-07-15", "2026-08-03"]);
  });

  it("moving off a day off is a rule option: next (default), previous or keep", () => {
    const r = rule("legal.reviews");
    expect(dueDate({ ...r, onDayOff: "previous" }, { year: 2026 }, RU)).toBe("2026-07-31");
    expect(dueDate({ ...r, onDayOff: "keep" }, { year: 2026 }, RU)).toBe("2026-08-01");
  });
});

describe("reviews counted in working days from an event", () => {
  it("finance 10 and economy 15 working days after the annual report arrives on 17 Feb 2025 (24 Feb and 10 Mar 2025 were working)", () => {
    expect(dueDate(rule("review.annual.finance"), { eventDate: "2025-02-17" }, RU)).toBe("2025-03-03");
    expect(dueDate(rule("review.annual.economy"), { eventDate: "2025-02-17" }, RU)).toBe("2025-03-10");
  });

  it("a 5-working-day program review across the May 2025 holidays and the New Year 2026", () => {
    expect(dueDate(rule("review.program.economy"), { eventDate: "2025-04-29" }, RU)).toBe("2025-05-12");
    expect(dueDate(rule("review.program.finance"), { eventDate: "2025-12-26" }, RU)).toBe("2026-01-14");
  });

  it("an event on a day off: counting starts from the next working day", () => {
    expect(dueDate(rule("review.annual.rework"), { eventDate: "2025-11-02" }, RU)).toBe("2025-11-11");
  });

  it("needs the event date", () => {
    expect(() => dueDate(rule("review.annual.finance"), { year: 2025 }, RU)).toThrow(/annualReportReceived/);
  });

  it("calendar-day offsets land on a working day like fixed dates", () => {
    const r: DeadlineRule = { ...rule("program.publication"), offset: { days: 10 } };
    expect(dueDate(r, { eventDate: "2025-04-28" }, RU)).toBe("2025-05-12");
  });
});

describe("deadlinesForPeriod", () => {
  it("a quarter: its quarterly deadlines, in order", () => {
    const list = deadlinesForPeriod(KALUGA_220P_DEADLINES, 2025, 2, RU);
    expect(list.map((d) => [d.rule.id, d.due])).toEqual([
      ["monitoring.finance", "2025-07-15"],
      ["monitoring.coexecutor", "2025-07-21"],
      ["monitoring.publication", "2025-07-25"],
      ["monitoring.control", "2025-07-30"],
    ]);
    expect(list[1]!.nominal).toBe("2025-07-20");
    expect(deadlinesForPeriod(KALUGA_220P_DEADLINES, 2025, 4, RU)).toEqual([]);
  });

  it("a year: quarters I–III, the annual report on it and the legal dates, sorted; no event-based reviews", () => {
    const list = deadlinesForPeriod(KALUGA_220P_DEADLINES, 2025, undefined, RU);
    // legal dates: 4.1 (15 July), 4.6 (1 August), 4.16–4.17 and 4.22 (1 April: programs and directions)
    expect(list).toHaveLength(12 + 4 + 4);
    expect(list.every((d) => d.rule.kind !== "review")).toBe(true);
    const sorted = [...list].sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : 0));
    expect(list.map((d) => d.due)).toEqual(sorted.map((d) => d.due));
    expect(list[0]).toMatchObject({ due: "2025-04-01", rule: { id: "legal.approval" } });
    expect(list[list.length - 1]).toMatchObject({ due: "2026-06-01", rule: { id: "annual.publication" } });
  });
});

describe("parseDeadlineRules", () => {
  const good = {
    id: "r",
    kind: "annual",
    label: { ru: "Отчет", en: "Report" },
    actor: "executor",
    anchor: { type: "fixedDate", month: 2, day: 15, yearOffset: 1 },
    clause: "220-п п. 6.11",
  };
  const paths = (json: unknown) => {
    try {
      parseDeadlineRules(json);
      return [];
    } catch (e) {
      expect(e).toBeInstanceOf(ValidationError);
      return (e as ValidationError).issues.map((i) => i.path);
    }
  };

  it("accepts a valid rule and defaults yearOffset to 0", () => {
    const [r] = parseDeadlineRules([{ ...good, anchor: { type: "fixedDate", month: 4, day: 1 } }]);
    expect(r!.anchor).toEqual({ type: "fixedDate", month: 4, day: 1, yearOffset: 0 });
  });

  it("names the path of each error", () => {
    expect(paths({})).toEqual([""]);
    expect(paths([good, { ...good }])).toEqual(["[1].id"]);
    expect(paths([{ ...good, kind: "monthly" }])).toEqual(["[0].kind"]);
    expect(paths([{ ...good, anchor: { type: "fixedDate", month: 2, day: 30, yearOffset: 1 } }])).toEqual(["[0].anchor.day"]);
    expect(paths([{ ...good, anchor: { type: "fixedDate", month: 13, day: 1 } }])).toEqual(["[0].anchor.month"]);
    expect(
      paths([
        { ...good, clause: "" },
        { ...good, id: "s", label: { ru: "Отчет" } },
      ]),
    ).toEqual(["[0].clause", "[1].label.en"]);
    expect(paths([{ ...good, anchor: { type: "event", event: "x" }, offset: { workingDays: 5 } }])).toEqual(["[0].anchor.type"]);
    expect(paths([{ ...good, kind: "review", anchor: { type: "event", event: "x" } }])).toEqual(["[0].offset"]);
    expect(paths([{ ...good, kind: "review", anchor: { type: "event", event: "x" }, offset: { workingDays: 2.5 } }])).toEqual([
      "[0].offset.workingDays",
    ]);
    expect(paths([{ ...good, quarters: [1] }])).toEqual(["[0].quarters"]);
    expect(paths([{ ...good, kind: "quarterly", anchor: { type: "monthAfterQuarter", day: 15 }, quarters: [1, 5] }])).toEqual([
      "[0].quarters[1]",
    ]);
    expect(paths([{ ...good, onDayOff: "later" }])).toEqual(["[0].onDayOff"]);
    expect(paths([42])).toEqual(["[0]"]);
  });
});
