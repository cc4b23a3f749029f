/**
 * The event deadlines of decree 220-п (edition of 13.02.2026 N 73-п) that count from the entry into
 * force of a decree, from a review's conclusion or from a change of the budget. Each test names the
 * paragraph; the expected dates are counted by hand on the Russian production calendar.
 */
import { describe, expect, it } from "vitest";
import { ValidationError } from "../src/errors.ts";
import { RU_CALENDAR as RU } from "../src/calendar/index.ts";
import {
  DEADLINE_EVENTS,
  KALUGA_220P_DEADLINES,
  addMonths,
  deadlineState,
  dueDate,
  nominalDate,
  offsetText,
  parseDeadlineRules,
  reminderMoments,
  type DeadlineRule,
} from "../src/deadlines/index.ts";

const rule = (id: string): DeadlineRule => {
  const r = KALUGA_220P_DEADLINES.find((x) => x.id === id);
  if (!r) throw new Error(`no rule ${id}`);
  return r;
};
const due = (id: string, eventDate: string) => dueDate(rule(id), { eventDate }, RU);

describe("the rules are data citing their paragraph", () => {
  it.each([
    ["program.publication", "220-п п. 4.18", DEADLINE_EVENTS.decreeInForce, { workingDays: 5 }, "executor"],
    ["program.gasUpravlenie", "220-п п. 4.18.1", DEADLINE_EVENTS.decreeInForce, { days: 10 }, "executor"],
    ["direction.order", "220-п п. 1.7, 4.19", DEADLINE_EVENTS.decreeInForce, { days: 30 }, "coexecutor"],
    ["review.program.toFinance", "220-п п. 4.9", DEADLINE_EVENTS.economyConclusionPositive, { workingDays: 2 }, "executor"],
    ["review.program.toAuditChamber", "220-п п. 4.13", DEADLINE_EVENTS.financeConclusionPositive, { workingDays: 2 }, "executor"],
    ["budget.programs", "220-п п. 5.4", DEADLINE_EVENTS.budgetChanged, { months: 2 }, "executor"],
    ["budget.directions", "220-п п. 5.5", DEADLINE_EVENTS.budgetChanged, { days: 30 }, "coexecutor"],
    ["review.annual.toEconomy", "220-п п. 6.14", DEADLINE_EVENTS.annualFinanceConclusionReceived, { days: 2 }, "executor"],
  ] as const)("%s: %s — from «%s», term %j, by %s, with its completing event", (id, clause, event, offset, actor) => {
    const r = rule(id);
    expect(r).toMatchObject({ clause, anchor: { type: "event", event }, offset, actor });
    expect(r.completedBy).toMatch(/^[a-zA-Z]+$/);
  });

  it("the whole set, with months and completedBy, survives its JSON", () => {
    expect(parseDeadlineRules(JSON.parse(JSON.stringify(KALUGA_220P_DEADLINES)))).toEqual(KALUGA_220P_DEADLINES);
  });
});

describe("220-п п. 4.18: published within 5 working days of the decree's entry into force", () => {
  it("in force on Thu 30.04.2026: 1 May and the weekend do not count → Fri 08.05.2026", () => {
    expect(due("program.publication", "2026-04-30")).toBe("2026-05-08");
  });
});

describe("220-п п. 4.18.1: registered in ГАС «Управление» within 10 (calendar) days of the entry into force", () => {
  it("in force on 02.03.2026 → 12.03.2026", () => {
    expect(due("program.gasUpravlenie", "2026-03-02")).toBe("2026-03-12");
  });
  it("in force on 01.05.2026: the 10th day is Mon 11.05.2026, a day off (Victory Day moved) → Tue 12.05.2026", () => {
    expect(nominalDate(rule("program.gasUpravlenie"), { eventDate: "2026-05-01" }, RU)).toBe("2026-05-11");
    expect(due("program.gasUpravlenie", "2026-05-01")).toBe("2026-05-12");
  });
});

describe("220-п п. 1.7, 4.19: the co-executor's order on the direction within 30 days of the program's entry into force", () => {
  it("in force on 02.03.2026 → 01.04.2026", () => {
    expect(due("direction.order", "2026-03-02")).toBe("2026-04-01");
  });
  it("in force 04.03.2026 → Fri 03.04.2026; in force 05.03.2026 → the 30th day is Sat 04.04.2026 → Mon 06.04.2026", () => {
    expect(due("direction.order", "2026-03-04")).toBe("2026-04-03");
    expect(nominalDate(rule("direction.order"), { eventDate: "2026-03-05" }, RU)).toBe("2026-04-04");
    expect(due("direction.order", "2026-03-05")).toBe("2026-04-06");
  });
});

describe("220-п п. 4.9: the package to the finance department within 2 working days of the economy department's positive conclusion", () => {
  it("conclusion on Thu 30.04.2026 → Tue 05.05.2026 (1 May, the weekend not counted)", () => {
    expect(due("review.program.toFinance", "2026-04-30")).toBe("2026-05-05");
  });
});

describe("220-п п. 4.13: the draft to the audit chamber within 2 working days of the finance department's conclusion", () => {
  it("conclusion on Fri 06.03.2026 → Wed 11.03.2026 (Mon 09.03.2026 is a day off for 8 March)", () => {
    expect(due("review.program.toAuditChamber", "2026-03-06")).toBe("2026-03-11");
  });
});

describe("220-п п. 5.4: programs brought into line within two months of the budget change", () => {
  it("the Duma's decision in force on 17.03.2026 → 17.05.2026 is a Sunday → Mon 18.05.2026", () => {
    expect(nominalDate(rule("budget.programs"), { eventDate: "2026-03-17" }, RU)).toBe("2026-05-17");
    expect(due("budget.programs", "2026-03-17")).toBe("2026-05-18");
  });
  it("31.12.2025 + 2 months ends on the last day of February (Civil Code art. 192): Sat 28.02.2026 → Mon 02.03.2026", () => {
    expect(nominalDate(rule("budget.programs"), { eventDate: "2025-12-31" }, RU)).toBe("2026-02-28");
    expect(due("budget.programs", "2025-12-31")).toBe("2026-03-02");
  });
});

describe("220-п п. 5.5: the draft order amending the direction within 30 days of the budget change", () => {
  it("budget changed on 17.03.2026 → Thu 16.04.2026", () => {
    expect(due("budget.directions", "2026-03-17")).toBe("2026-04-16");
  });
});

describe("220-п п. 6.14: the annual report to the economy department within 2 days of the finance conclusion", () => {
  it("conclusion received Thu 05.03.2026 → Sat 07.03 → after Sun 8 and Mon 9 March (day off) → Tue 10.03.2026", () => {
    expect(nominalDate(rule("review.annual.toEconomy"), { eventDate: "2026-03-05" }, RU)).toBe("2026-03-07");
    expect(due("review.annual.toEconomy", "2026-03-05")).toBe("2026-03-10");
  });
  it("conclusion received Mon 16.03.2026 → Wed 18.03.2026", () => {
    expect(due("review.annual.toEconomy", "2026-03-16")).toBe("2026-03-18");
  });
});

describe("reminders and overdue flags work for them like for the others", () => {
  it("220-п п. 4.18.1: reminder 2 working days ahead, due, overdue on the next working day; state by day", () => {
    const d = due("program.gasUpravlenie", "2026-05-01"); // 2026-05-12
    expect(reminderMoments(d, RU, { before: 2 })).toEqual([
      { kind: "before", date: "2026-05-07" },
      { kind: "due", date: "2026-05-12" },
      { kind: "overdue", date: "2026-05-13" },
    ]);
    expect(deadlineState(d, "2026-05-12", null, RU).state).toBe("dueToday");
    expect(deadlineState(d, "2026-05-13", null, RU)).toEqual({ state: "overdue", workingDaysLeft: -1 });
    expect(deadlineState(d, "2026-05-20", "2026-05-14", RU).state).toBe("doneLate");
  });
});

describe("month offsets", () => {
  it("addMonths keeps the day or clamps to the month's end, across years and backwards", () => {
    expect(addMonths("2026-01-31", 1)).toBe("2026-02-28");
    expect(addMonths("2024-12-31", 2)).toBe("2025-02-28");
    expect(addMonths("2023-12-31", 2)).toBe("2024-02-29");
    expect(addMonths("2026-11-15", 3)).toBe("2027-02-15");
    expect(addMonths("2026-03-31", -1)).toBe("2026-02-28");
  });
  it("offsetText names the unit", () => {
    expect([offsetText({ workingDays: 2 }), offsetText({ days: 10 }), offsetText({ months: 2 }), offsetText(undefined)]).toEqual([
      "2 раб. дн.",
      "10 дн.",
      "2 мес.",
      null,
    ]);
  });
  it("parseDeadlineRules checks months and completedBy and names the path", () => {
    const base = {
      id: "r",
      kind: "review",
      label: { ru: "a", en: "a" },
      actor: "executor",
      anchor: { type: "event", event: "budgetChanged" },
      clause: "220-п п. 5.4",
    };
    expect(parseDeadlineRules([{ ...base, offset: { months: 2 } }])[0]!.offset).toEqual({ months: 2 });
    const paths = (r: unknown) => {
      try {
        parseDeadlineRules([r]);
        return [];
      } catch (e) {
        expect(e).toBeInstanceOf(ValidationError);
        return (e as ValidationError).issues.map((i) => i.path);
      }
    };
    expect(paths({ ...base, offset: { months: 1.5 } })).toEqual(["[0].offset.months"]);
    expect(paths({ ...base, offset: { months: 2 }, completedBy: "" })).toEqual(["[0].completedBy"]);
  });
});
