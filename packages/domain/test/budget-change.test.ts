/** 220-п 5.4 and 5.5: the deadlines a recorded change of the budget starts. */
import { describe, expect, it } from "vitest";
import { ValidationError } from "../src/errors.ts";
import { RU_CALENDAR as RU } from "../src/calendar/index.ts";
import {
  KALUGA_220P_DEADLINES,
  budgetChangeDeadlines,
  directionOrderDeadlines,
  gasRegistrationDeadlines,
  parseBudgetChange,
  type BudgetProgramFacts,
} from "../src/deadlines/index.ts";

const program = (over: Partial<BudgetProgramFacts> = {}): BudgetProgramFacts => ({
  id: "p1",
  code: "МП-1",
  responsibleDepartmentId: "dep-exec",
  endYear: 2030,
  inForceFrom: "2025-11-10",
  amendmentDecrees: [],
  directions: [
    { id: "d1", code: "1", coExecutorId: "dep-co1", orderDrafts: [] },
    { id: "d2", code: "2", coExecutorId: "dep-co2", orderDrafts: [] },
  ],
  ...over,
});
const change = { effectiveDate: "2026-03-17", directionIds: ["d2"] };

describe("220-п п. 5.4: every program in force is brought into line within two months of the budget change", () => {
  it("the decision in force on 17.03.2026: due 18.05.2026 (17 May is a Sunday), open and upcoming before it", () => {
    const items = budgetChangeDeadlines(change, [program()], KALUGA_220P_DEADLINES, RU, "2026-04-01");
    const p = items.find((i) => i.ruleId === "budget.programs")!;
    expect(p).toMatchObject({
      clause: "220-п п. 5.4",
      actor: "executor",
      programId: "p1",
      directionId: null,
      departmentId: "dep-exec",
      start: "2026-03-17",
      due: "2026-05-18",
      doneAt: null,
    });
    expect(p.status.state).toBe("upcoming");
  });

  it("is done by the first amendment approved on or after the change; an earlier amendment does not count", () => {
    const items = budgetChangeDeadlines(
      change,
      [program({ amendmentDecrees: ["2026-02-01", "2026-05-25", "2026-04-20"] })],
      KALUGA_220P_DEADLINES,
      RU,
      "2026-06-01",
    );
    expect(items.find((i) => i.ruleId === "budget.programs")).toMatchObject({ doneAt: "2026-04-20", status: { state: "done" } });
    const late = budgetChangeDeadlines(change, [program({ amendmentDecrees: ["2026-05-25"] })], KALUGA_220P_DEADLINES, RU, "2026-06-01");
    expect(late.find((i) => i.ruleId === "budget.programs")!.status.state).toBe("doneLate");
  });

  it("overdue without an amendment after the due date", () => {
    const items = budgetChangeDeadlines(change, [program()], KALUGA_220P_DEADLINES, RU, "2026-05-19");
    expect(items.find((i) => i.ruleId === "budget.programs")!.status).toEqual({ state: "overdue", workingDaysLeft: -1 });
  });

  it("only programs in force: not a draft, not one approved after the change, not one that ended before its year", () => {
    const programs = [
      program({ id: "draft", inForceFrom: null }),
      program({ id: "later", inForceFrom: "2026-03-18" }),
      program({ id: "ended", endYear: 2025 }),
      program({ id: "same-day", inForceFrom: "2026-03-17" }),
    ];
    expect(
      budgetChangeDeadlines(change, programs, KALUGA_220P_DEADLINES, RU, "2026-04-01").map((i) => `${i.programId}:${i.ruleId}`),
    ).toEqual(["same-day:budget.programs", "same-day:budget.directions"]);
  });
});

describe("220-п п. 5.5: the co-executor's draft order amending a named direction within 30 days of the budget change", () => {
  it("only the directions the change names; due 16.04.2026; done by a draft submitted on or after the change", () => {
    const items = budgetChangeDeadlines(change, [program()], KALUGA_220P_DEADLINES, RU, "2026-04-01");
    const d = items.filter((i) => i.ruleId === "budget.directions");
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({
      clause: "220-п п. 5.5",
      actor: "coexecutor",
      directionId: "d2",
      directionCode: "2",
      departmentId: "dep-co2",
      due: "2026-04-16",
      doneAt: null,
    });
    const withDraft = program({
      directions: [{ id: "d2", code: "2", coExecutorId: "dep-co2", orderDrafts: ["2026-03-01", "2026-04-10"] }],
    });
    expect(
      budgetChangeDeadlines(change, [withDraft], KALUGA_220P_DEADLINES, RU, "2026-04-20").find((i) => i.ruleId === "budget.directions"),
    ).toMatchObject({ doneAt: "2026-04-10", status: { state: "done", workingDaysLeft: 4 } });
  });

  it("a municipality without these rules gets no such deadlines", () => {
    const rules = KALUGA_220P_DEADLINES.filter((r) => !r.id.startsWith("budget."));
    expect(budgetChangeDeadlines(change, [program()], rules, RU, "2026-04-01")).toEqual([]);
  });
});

describe("parseBudgetChange (the record the finance department enters)", () => {
  it("«решение о бюджете № 45 от 12.03.2026», in force on 17.03.2026", () => {
    expect(
      parseBudgetChange({
        kind: "decision",
        number: " 45 ",
        documentDate: "2026-03-12",
        effectiveDate: "2026-03-17",
        directionIds: ["d2", "d2"],
      }),
    ).toEqual({
      kind: "decision",
      number: "45",
      documentDate: "2026-03-12",
      effectiveDate: "2026-03-17",
      directionIds: ["d2"],
      note: null,
    });
  });
  it("names every bad field", () => {
    const paths = (j: unknown) => {
      try {
        parseBudgetChange(j);
        return [];
      } catch (e) {
        expect(e).toBeInstanceOf(ValidationError);
        return (e as ValidationError).issues.map((i) => i.path);
      }
    };
    expect(paths({ kind: "x", documentDate: "2026-13-01", effectiveDate: "", directionIds: [1] })).toEqual([
      "kind",
      "documentDate",
      "effectiveDate",
      "directionIds",
    ]);
    expect(paths({ kind: "decision", number: "  ", documentDate: "2026-03-12", effectiveDate: "2026-03-11" })).toEqual([
      "number",
      "effectiveDate",
    ]);
    expect(paths({ kind: "budgetList", documentDate: "2026-03-12", effectiveDate: "2026-03-12" })).toEqual([]);
  });
});

describe("220-п п. 1.7, 4.19: each direction's order within 30 days of the program's (amendment's) entry into force", () => {
  const p = {
    id: "p1",
    code: "МП-1",
    responsibleDepartmentId: "dep-exec",
    lastDecree: "2026-03-05",
    directions: [
      { id: "d1", code: "1", coExecutorId: "dep-co1", orderDecrees: ["2026-01-20", "2026-03-20"] },
      { id: "d2", code: "2", coExecutorId: "dep-co2", orderDecrees: ["2026-01-20"] },
    ],
  };
  it("the decree of 05.03.2026: the 30th day is Sat 04.04.2026 → Mon 06.04.2026; an order before the decree does not count", () => {
    const items = directionOrderDeadlines([p], KALUGA_220P_DEADLINES, RU, "2026-04-07");
    expect(items.map((i) => [i.directionCode, i.clause, i.due, i.doneAt, i.status.state, i.departmentId])).toEqual([
      ["1", "220-п п. 1.7, 4.19", "2026-04-06", "2026-03-20", "done", "dep-co1"],
      ["2", "220-п п. 1.7, 4.19", "2026-04-06", null, "overdue", "dep-co2"],
    ]);
  });
  it("a program never approved has none", () => {
    expect(directionOrderDeadlines([{ ...p, lastDecree: null }], KALUGA_220P_DEADLINES, RU, "2026-04-07")).toEqual([]);
  });
});

describe("220-п п. 4.18.1: placed in ГАС «Управление» within 10 days of the decree's entry into force", () => {
  const p = { id: "p1", code: "МП-1", responsibleDepartmentId: "dep-exec", decreeDate: "2026-05-01", registeredOn: null };
  it("the decree of 01.05.2026: the 10th day is Mon 11.05.2026, a day off → 12.05.2026; overdue on the 13th; done when registered", () => {
    expect(gasRegistrationDeadlines([p], KALUGA_220P_DEADLINES, RU, "2026-05-13")[0]).toMatchObject({
      clause: "220-п п. 4.18.1",
      actor: "executor",
      departmentId: "dep-exec",
      due: "2026-05-12",
      doneAt: null,
      status: { state: "overdue", workingDaysLeft: -1 },
    });
    expect(gasRegistrationDeadlines([{ ...p, registeredOn: "2026-05-08" }], KALUGA_220P_DEADLINES, RU, "2026-05-13")[0]!.status.state).toBe(
      "done",
    );
  });
});
