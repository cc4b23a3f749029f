/** Issue 10: a program's content versus the record of its execution (versions/content.ts). */
import { describe, expect, it } from "vitest";
import {
  classifyRowWrite,
  diffPrograms,
  executionFreeze,
  fieldClass,
  programContentState,
  withRecordOf,
  type ContentFacts,
  type ProgramDocument,
} from "../src/index.ts";

const IN_FORCE: ContentFacts["inForce"] = { number: 1, decreeNumber: "412-п", decreeDate: "2024-11-08" };

describe("the classification", () => {
  it("facts, forecasts, justifications and actual dates are the record of execution; plans, names and funding are content", () => {
    expect(fieldClass("metricValue", "fact")).toBe("execution");
    expect(fieldClass("metricValue", "plan")).toBe("content");
    expect(fieldClass("metricValue", "year")).toBe("key");
    expect(fieldClass("metricMonth", "forecast")).toBe("execution");
    expect(fieldClass("programIndicatorValue", "justification")).toBe("execution");
    expect(fieldClass("checkpoint", "actualDate")).toBe("execution");
    expect(fieldClass("checkpoint", "plannedDate")).toBe("content");
    expect(fieldClass("funding", "amount")).toBe("content");
    expect(fieldClass("budgetExecution", "cash")).toBe("execution");
    expect(fieldClass("metric", "name")).toBe("content");
  });

  it("tells what a write changes", () => {
    const row = { id: "v", version: 1, metricId: "m", programId: "p", year: 2026, plan: "10", fact: null, justification: null };
    expect(classifyRowWrite("metricValue", row, { ...row, fact: "9" })).toEqual({ content: [], execution: ["fact"] });
    expect(classifyRowWrite("metricValue", row, { ...row, plan: "10.000" })).toEqual({ content: [], execution: [] });
    expect(classifyRowWrite("metricValue", row, { ...row, plan: "11", fact: "9" })).toEqual({ content: ["plan"], execution: ["fact"] });
    expect(classifyRowWrite("metricValue", row, { ...row, year: 2027 }).content).toContain("year");
    // a value row created with a fact only is the record; with a plan it is content; removing a planned one too
    expect(classifyRowWrite("metricValue", null, { metricId: "m", year: 2026, fact: "3" })).toEqual({ content: [], execution: ["fact"] });
    expect(classifyRowWrite("metricValue", null, { metricId: "m", year: 2026, plan: "3" }).content).toEqual(["plan"]);
    expect(classifyRowWrite("metricValue", row, null).content).toEqual(["plan"]);
    // a resource wholly of content
    expect(classifyRowWrite("funding", null, { year: 2030, source: "local", amount: "1.00" }).content).toEqual(["*"]);
    expect(classifyRowWrite("funding", { amount: "1.00" }, { amount: "1" }).content).toEqual([]);
  });
});

describe("when the content may change", () => {
  it("a new program, a draft or an amendment with its preparer: yes; under review or in force: no, saying who can reopen it", () => {
    expect(programContentState({ inForce: null, drafts: [] })).toMatchObject({ mode: "new", editable: true });
    expect(
      programContentState({ inForce: null, drafts: [{ flow: "program", kind: "program", state: "discussion", number: 1 }] }),
    ).toMatchObject({ mode: "draft", editable: true });
    const review = programContentState({
      inForce: IN_FORCE,
      drafts: [{ flow: "program", kind: "amendment", state: "financeReview", number: 2 }],
    });
    expect(review).toMatchObject({
      mode: "review",
      editable: false,
      reopen: "вернуть проект на доработку может управление финансов (отрицательное заключение)",
    });
    expect(review.message).toContain("«Экспертиза управления финансов»");
    expect(
      programContentState({ inForce: IN_FORCE, drafts: [{ flow: "program", kind: "amendment", state: "auditRework", number: 2 }] }),
    ).toMatchObject({ mode: "amendment", editable: true });
    const inForce = programContentState({ inForce: IN_FORCE, drafts: [] });
    expect(inForce).toMatchObject({ mode: "inForce", editable: false });
    expect(inForce.message).toContain("постановление № 412-п от 08.11.2024");
    expect(inForce.reopen).toContain("ответственный исполнитель");
  });

  it("a direction's order being drafted opens that direction only", () => {
    const facts: ContentFacts = {
      inForce: IN_FORCE,
      drafts: [{ flow: "directionOrder", kind: "amendment", state: "draft", number: 2, directionCode: "2" }],
    };
    expect(programContentState(facts, "2").editable).toBe(true);
    expect(programContentState(facts, "1").editable).toBe(false);
    expect(programContentState(facts).editable).toBe(false);
  });
});

describe("when the record of execution may change", () => {
  const reports = (programState: any, d: any) => [{ year: 2026, period: "Q1" as const, programState, directions: { d1: d } }];
  const march = { year: 2026, month: 3, fact: "2" };
  it("a direction's submitted part freezes its facts for the co-executor only; a submitted report for everyone", () => {
    expect(executionFreeze("metricMonth", march, "d1", "coexecutor", reports("open", "submitted"))?.reopen).toContain(
      "ответственный исполнитель",
    );
    expect(executionFreeze("metricMonth", march, "d1", "executor", reports("open", "submitted"))).toBeNull();
    expect(executionFreeze("metricMonth", march, "d1", "coexecutor", reports("open", "returned"))).toBeNull();
    expect(executionFreeze("metricMonth", { year: 2026, month: 4 }, "d1", "coexecutor", reports("open", "submitted"))).toBeNull();
    expect(executionFreeze("metricMonth", march, "d1", "executor", reports("submitted", "accepted"))?.reopen).toContain(
      "управление экономики",
    );
    expect(executionFreeze("budgetExecution", { year: 2026, quarter: 1 }, "d1", "finance", reports("submitted", "accepted"))).toBeNull();
  });
});

describe("facts are no change of a version", () => {
  const doc = (fact: string | null, plan = "10", actualDate: string | null = null): ProgramDocument =>
    ({
      code: "P",
      name: "P",
      responsibleExecutor: "E",
      coExecutors: [],
      startYear: 2025,
      endYear: 2030,
      goals: [],
      stages: [],
      indicators: [],
      directions: [
        {
          code: "1",
          name: "D",
          coExecutor: "C",
          budgetExecution: [],
          elements: [
            {
              code: "1.1",
              name: "E",
              kind: "process",
              tasks: [],
              funding: [],
              metrics: [
                {
                  code: "M",
                  name: "M",
                  unit: "ед.",
                  trend: "increase",
                  level: "МП",
                  values: [{ year: 2026, plan, fact }],
                  months: [{ year: 2026, month: 3, plan: "3", fact, forecast: null }],
                },
              ],
              checkpoints: [{ name: "К", plannedDate: "2026-03-20", actualDate }],
            },
          ],
        },
      ],
    }) as unknown as ProgramDocument;

  it("the diff and the amendment's explanatory note leave facts and actual dates out", () => {
    expect(diffPrograms(doc(null), doc("9", "10", "2026-03-19"))).toEqual([]);
    expect(diffPrograms(doc(null), doc("9", "11")).map((c) => c.field)).toEqual(["plan"]);
  });

  it("a withdrawn amendment gets the content in force back with today's facts", () => {
    const restored = withRecordOf(doc(null, "10"), doc("9", "15", "2026-03-19"));
    const m = restored.directions[0]!.elements[0]!.metrics[0]!;
    expect(m.values[0]).toMatchObject({ plan: "10", fact: "9" });
    expect(m.months[0]).toMatchObject({ plan: "3", fact: "9" });
    expect(restored.directions[0]!.elements[0]!.checkpoints[0]!.actualDate).toBe("2026-03-19");
  });
});
