import { describe, expect, it } from "vitest";
import {
  ValidationError,
  evaluateReport,
  parseProgramReport,
  programReportFromDocument,
  type ElementDoc,
  type ProgramDocument,
} from "../src/index.ts";

const el = (code: string, startYear: number, endYear: number): ElementDoc => ({
  code,
  name: `Элемент ${code}`,
  kind: "process",
  startYear,
  endYear,
  tasks: [],
  metrics: [
    {
      code: `${code}.1`,
      name: "Показатель",
      unit: "ед.",
      trend: "increase",
      level: "МП",
      values: [2026, 2029].map((year) => ({ year, plan: "10", fact: "9" })),
      months: [],
    },
  ],
  checkpoints: [],
  funding: [],
});

const program = (second: ElementDoc[]): ProgramDocument => ({
  code: "MP-9",
  name: "Программа",
  responsibleExecutor: "Управление",
  coExecutors: [],
  startYear: 2025,
  endYear: 2030,
  goals: [],
  stages: [],
  indicators: [],
  directions: [
    { code: "1", name: "Первое", coExecutor: "Управление", elements: [el("1.1", 2025, 2030)] },
    {
      code: "2",
      name: "Второе",
      coExecutor: "Управление",
      elements: second,
      budgetExecution: [{ year: 2026, quarter: 4, source: "local", schedule: "100.00", cash: "50.00" }],
    },
  ],
});

describe("a stored program's year as a report of format 1", () => {
  it("leaves out a direction whose elements all lie in other years", () => {
    const doc = program([el("2.1", 2025, 2027)]);
    const in2026 = programReportFromDocument(doc, 2026, "2026-12-31");
    expect(in2026.directions.map((d) => d.code)).toEqual(["1", "2"]);
    expect(in2026.directions[1]!.funding).toEqual({ plan: "100.00", cash: "50.00" });
    const in2029 = programReportFromDocument(doc, 2029, "2029-12-31");
    expect(in2029.directions.map((d) => d.code)).toEqual(["1"]);
    // and the year is evaluated on what is carried out in it
    expect(evaluateReport(parseProgramReport(JSON.parse(JSON.stringify(in2029)))).score).toBeGreaterThan(0);
  });

  it("keeps a direction with no element at all, so that the report names the incomplete program", () => {
    const r = programReportFromDocument(program([]), 2026, "2026-12-31");
    expect(r.directions.map((d) => d.code)).toEqual(["1", "2"]);
    expect(() => parseProgramReport(JSON.parse(JSON.stringify(r)))).toThrow(ValidationError);
  });
});
