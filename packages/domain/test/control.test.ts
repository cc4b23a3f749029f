/**
 * The pure rules of the control of orders and appeals (issue 15): numbering rules as data, the
 * order's transition table, deadlines on the working-day calendar, the terms of 59-ФЗ, the
 * permissions of the control area, the year-on-year change of the office's report.
 */
import { describe, expect, it } from "vitest";
import {
  DEFAULT_NUMBERING_RULES,
  ORDER_ACTIONS,
  ORDER_STATES,
  ORDER_TRANSITIONS,
  RU_CALENDAR,
  addDays,
  workingDaysBetween,
  answerDeadline,
  authorize,
  availableOrderActions,
  changeInWords,
  extendedDeadline,
  formatRegistrationNumber,
  isAnonymous,
  nextPeriodDue,
  numberingRuleIssues,
  orderDue,
  orderStanding,
  soonBound,
  orderTransition,
  personKey,
  purgeAfter,
  redirectionDeadline,
  trackingCodeFrom,
  yearChange,
  type Actor,
} from "@orientir/domain";

describe("numbering rules", () => {
  it("formats the number from the rule, the sequence and the year", () => {
    expect(formatRegistrationNumber(DEFAULT_NUMBERING_RULES.incoming, 22808, 2023)).toBe("Вх-22808/23");
    expect(formatRegistrationNumber(DEFAULT_NUMBERING_RULES.appeal, 7, 2023)).toBe("ОГ-0007/2023");
    expect(formatRegistrationNumber({ prefix: "01-13", pattern: "{prefix}/{seq4}-{yyyy}" }, 12345, 2026)).toBe("01-13/12345-2026");
    expect(() => formatRegistrationNumber(DEFAULT_NUMBERING_RULES.incoming, 0, 2023)).toThrow(RangeError);
  });
  it("refuses a rule without the sequence, without the year, or with an unknown placeholder", () => {
    expect(numberingRuleIssues({ prefix: "Вх", pattern: "{prefix}-{seq}/{yy}" })).toEqual([]);
    expect(numberingRuleIssues({ prefix: "Вх", pattern: "{prefix}/{yy}" })).toHaveLength(1);
    expect(numberingRuleIssues({ prefix: "Вх", pattern: "{prefix}-{seq}" })).toHaveLength(1);
    expect(numberingRuleIssues({ prefix: "Вх", pattern: "{prefix}-{seq}/{yy}-{dept}" })[0]).toContain("{dept}");
    expect(numberingRuleIssues({ prefix: "", pattern: "{seq}/{yy}" })).toHaveLength(1);
  });
});

describe("the lifecycle of an order", () => {
  it("has at most one transition per state, action and kind of order", () => {
    for (const s of ORDER_STATES)
      for (const a of ORDER_ACTIONS)
        for (const when of ["standing", "oneOff"] as const) {
          const n = ORDER_TRANSITIONS.filter(
            (t) => t.action === a && t.from.includes(s) && (t.when === undefined || t.when === when),
          ).length;
          expect(n, `${s} ${a} ${when}`).toBeLessThanOrEqual(1);
        }
  });
  it("removes an order from control only by the controller's acceptance of a report", () => {
    const toDone = ORDER_TRANSITIONS.filter((t) => t.to === "done");
    expect(toDone).toEqual([expect.objectContaining({ from: ["reported"], action: "accept", by: ["controller"] })]);
    expect(orderTransition("done", "report", "none")).toBeNull();
    expect(orderTransition("returned", "report", "none")?.to).toBe("reported");
    expect(orderTransition("inWork", "periodicReport", "none")).toBeNull();
    expect(orderTransition("inWork", "periodicReport", "monthly")?.to).toBe("inWork");
  });
  it("offers each party its own steps", () => {
    expect(availableOrderActions("issued", "none", ["executor"])).toEqual(["start", "requestExtension", "report"]);
    expect(availableOrderActions("reported", "none", ["controller"])).toEqual(["accept", "return", "reassign", "recordCheck"]);
    expect(availableOrderActions("reported", "none", ["executor"])).toEqual([]);
    expect(availableOrderActions("done", "none", ["executor", "controller", "office"])).toEqual([]);
  });
});

describe("deadlines", () => {
  it("counts working days on the calendar and moves calendar days off a day off", () => {
    // 2026: 8 March is a Sunday, its holiday moves to Monday 9 March
    expect(orderDue("2026-03-02", { kind: "workingDays", days: 5 }, RU_CALENDAR)).toBe("2026-03-10");
    expect(orderDue("2026-03-18", { kind: "calendarDays", days: 10 }, RU_CALENDAR)).toBe("2026-03-30");
    expect(orderDue("2026-03-18", { kind: "date", due: "2026-04-01" }, RU_CALENDAR)).toBe("2026-04-01");
    // the New Year holidays: from Monday 29 December 2025, 30 December is the 1st working day (31 December
    // 2025 and 1–11 January 2026 are off), 12–16 January the 2nd to 6th, 19–22 January the 7th to 10th
    expect(orderDue("2025-12-29", { kind: "workingDays", days: 10 }, RU_CALENDAR)).toBe("2026-01-22");
  });
  it("gives the next period's end for standing orders", () => {
    expect(nextPeriodDue("2026-01-31", "monthly")).toBe("2026-02-28");
    expect(nextPeriodDue("2026-12-31", "monthly")).toBe("2027-01-31");
    expect(nextPeriodDue("2026-03-31", "quarterly")).toBe("2026-06-30");
    expect(nextPeriodDue("2026-11-15", "quarterly")).toBe("2027-03-31");
  });
  it("says when an order is due soon, today, or overdue", () => {
    expect(orderStanding("2026-03-10", "2026-03-06", RU_CALENDAR, 2)).toBe("soon");
    // from 5 March two working days remain (6 and 10 March; 9 March is off): within the window
    expect(orderStanding("2026-03-10", "2026-03-05", RU_CALENDAR, 2)).toBe("soon");
    expect(orderStanding("2026-03-10", "2026-03-04", RU_CALENDAR, 2)).toBe("notYet");
    expect(orderStanding("2026-03-10", "2026-03-10", RU_CALENDAR, 2)).toBe("dueToday");
    expect(orderStanding("2026-03-10", "2026-03-11", RU_CALENDAR, 2)).toBe("overdue");
    // the same as counting the working days to the term (issue 15, part 6: only up to the window), every day of a year
    const count = (due: string, today: string, n: number) => (workingDaysBetween(RU_CALENDAR, today, due) <= n ? "soon" : "notYet");
    for (let i = 1; i <= 365; i++)
      for (const n of [0, 2, 3, 5])
        for (const ahead of [1, 2, 3, 4, 6, 9, 15, 40]) {
          const today = addDays("2026-01-01", i);
          const due = addDays(today, ahead);
          expect(orderStanding(due, today, RU_CALENDAR, n), `${today} → ${due}, ${n}`).toBe(count(due, today, n));
          // a list computes the window's end once (soonBound) and gives it to every row: the same answers
          expect(orderStanding(due, today, RU_CALENDAR, n, soonBound(today, RU_CALENDAR, n)), `${today} → ${due}, ${n}, bound`).toBe(
            count(due, today, n),
          );
        }
    // past the calendar's years there is no bound: the days are counted (calendar days as the fallback)
    const beyond = `${RU_CALENDAR.years[1] + 1}-03-02`;
    expect(soonBound(beyond, RU_CALENDAR, 2)).toBeNull();
    expect(orderStanding(addDays(beyond, 2), beyond, RU_CALENDAR, 2, null)).toBe("soon");
    expect(orderStanding(addDays(beyond, 9), beyond, RU_CALENDAR, 2, null)).toBe("notYet");
  });
});

describe("59-ФЗ", () => {
  it("the terms: 7 days to redirect, 30 to answer (moved off a day off), one extension of at most 30", () => {
    expect(redirectionDeadline("2026-03-03")).toBe("2026-03-10");
    expect(answerDeadline("2026-03-03", RU_CALENDAR)).toBe("2026-04-02");
    expect(answerDeadline("2026-03-07", RU_CALENDAR)).toBe("2026-04-06"); // 6 April is a Monday; 30 days give Monday 6 April
    expect(answerDeadline("2026-03-05", RU_CALENDAR)).toBe("2026-04-06"); // Saturday 4 April → Monday 6 April
    expect(extendedDeadline("2026-04-02", "2026-05-02")).toEqual({ ok: true, due: "2026-05-02" });
    expect(extendedDeadline("2026-04-02", "2026-05-03").ok).toBe(false);
    expect(extendedDeadline("2026-04-02", "2026-04-01").ok).toBe(false);
  });
  it("an appeal without a name or without any address is anonymous", () => {
    expect(isAnonymous({ authorName: "Иванов", authorAddress: null, authorEmail: "a@b.ru" })).toBe(false);
    expect(isAnonymous({ authorName: "Иванов", authorAddress: " ", authorEmail: null })).toBe(true);
    expect(isAnonymous({ authorName: null, authorAddress: "Калуга", authorEmail: null })).toBe(true);
  });
  it("normalises authors, makes tracking codes, dates the purge", () => {
    expect(personKey("  Петров  П.П. ")).toBe(personKey("петров п п"));
    expect(personKey("Алёна")).toBe("алена");
    expect(trackingCodeFrom(new Uint8Array(12).fill(0))).toBe("2222-2222-2222");
    expect(trackingCodeFrom(Uint8Array.from([31, 32, 63, 0, 1, 2, 3, 4, 5, 6, 7, 8]))).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$/);
    expect(purgeAfter("2026-03-12", "ordinary")).toBe("2031-12-31");
  });
});

describe("permissions of the control", () => {
  const actor = (role: Actor["role"], departmentId: string | null = null): Actor => ({
    userId: "u",
    login: role,
    municipalityId: "m",
    role,
    departmentId,
  });
  const t = (parties: ("executor" | "coexecutor" | "controller" | "office")[], step?: "start" | "accept" | "reassign") =>
    ({ area: "control", municipalityId: "m", part: "order", parties, step }) as const;
  it("the office and the Head put orders on control; each step is its party's; nothing is deleted", () => {
    expect(authorize(actor("executor", "d"), "create", t(["office"])).allowed).toBe(true);
    expect(authorize(actor("executor", "d"), "create", t([])).allowed).toBe(false);
    expect(authorize(actor("head"), "create", t([])).allowed).toBe(true);
    expect(authorize(actor("viewer"), "update", t(["executor"], "start")).allowed).toBe(true);
    expect(authorize(actor("executor", "d"), "update", t(["executor"], "accept")).allowed).toBe(false);
    expect(authorize(actor("economy"), "update", t(["controller"], "accept")).allowed).toBe(true);
    expect(authorize(actor("economy"), "update", t(["office"], "reassign")).allowed).toBe(true);
    expect(authorize(actor("admin"), "delete", t([])).allowed).toBe(false);
    expect(authorize({ ...actor("admin"), municipalityId: "other" }, "read", t([])).allowed).toBe(false);
  });
  it("an appeal's personal data: the assigned staff and the office only, not the administrator", () => {
    const pd = (parties: ("executor" | "office")[]) =>
      ({ area: "control", municipalityId: "m", part: "appeal", parties, personalData: true }) as const;
    expect(authorize(actor("executor", "d"), "read", pd(["executor"])).allowed).toBe(true);
    expect(authorize(actor("economy", "o"), "read", pd(["office"])).allowed).toBe(true);
    expect(authorize(actor("admin"), "read", pd([])).allowed).toBe(false);
    expect(authorize(actor("head"), "read", pd([])).allowed).toBe(false);
    expect(authorize(actor("viewer"), "read", { area: "control", municipalityId: "m", part: "appeal", parties: [] }).allowed).toBe(true);
  });
});

describe("the office's report", () => {
  it("compares the year with the previous one as source 003 writes it", () => {
    expect(yearChange(6553, 6667)).toEqual({ diff: -114, percent: -1.7 });
    expect(changeInWords(6553, 6667)).toBe("меньше, чем в прошлом году, на 2 %");
    expect(changeInWords(110, 100)).toBe("больше, чем в прошлом году, на 10 %");
    expect(changeInWords(1000, 1001)).toBe("на уровне прошлого года");
    expect(yearChange(5, 0).percent).toBeNull();
  });
});
