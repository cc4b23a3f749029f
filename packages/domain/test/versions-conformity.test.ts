/**
 * 220-п 4.16: the values of an amendment refining the reporting year match the budget schedule (СБР)
 * on 31 December and the annual report; 4.22: the metrics of regional projects are refined only
 * with the regional project's. The check reports every mismatch for the reviewer.
 */
import { describe, expect, it } from "vitest";
import type { ElementDoc, ProgramDocument } from "../src/model/documents.ts";
import { isRegionalProjectMetric, reportingYearConformity } from "../src/versions/conformity.ts";

const element = (over: Partial<ElementDoc> = {}): ElementDoc => ({
  code: "1.1",
  name: "Комплекс процессных мероприятий",
  kind: "process",
  tasks: [],
  metrics: [
    {
      code: "П1",
      name: "Число мест",
      unit: "мест",
      trend: "increase",
      level: "МП",
      valueSource: "Методика расчета",
      values: [{ year: 2025, plan: "100", fact: "100" }],
      months: [],
    },
    {
      code: "П2",
      name: "Доля дорог в нормативном состоянии",
      unit: "%",
      trend: "increase",
      level: "ФП в НП",
      valueSource: "Региональный проект «Региональная и местная дорожная сеть»",
      values: [
        { year: 2025, plan: "80", fact: "81" },
        { year: 2026, plan: "82" },
      ],
      months: [],
    },
  ],
  checkpoints: [],
  funding: [
    { year: 2025, source: "local", amount: "1000.00" },
    { year: 2025, source: "regional", amount: "500.00" },
    { year: 2026, source: "local", amount: "1200.00" },
  ],
  budgetSchedule: [
    { year: 2025, source: "local", amount: "900.00", effectiveDate: "2025-01-01" },
    { year: 2025, source: "local", amount: "1000.00", effectiveDate: "2025-10-15" },
    { year: 2025, source: "regional", amount: "500.00", effectiveDate: "2025-01-01" },
    // a change dated after the year's end is not the schedule on 31 December
    { year: 2025, source: "regional", amount: "450.00", effectiveDate: "2026-01-20" },
  ],
  ...over,
});
const program = (el: ElementDoc, indicatorPlan2025 = "50"): ProgramDocument => ({
  code: "МП-1",
  name: "Программа",
  responsibleExecutor: "Управление",
  coExecutors: [],
  startYear: 2024,
  endYear: 2030,
  goals: [],
  stages: [],
  indicators: [
    {
      code: "И1",
      name: "Индикатор",
      unit: "%",
      trend: "increase",
      baseYear: 2023,
      values: [{ year: 2025, plan: indicatorPlan2025, fact: "47.5" }],
    },
  ],
  directions: [{ code: "1", name: "Направление", coExecutor: "Управление", elements: [el] }],
});

describe("220-п п. 4.16: funding of the reporting year = the budget schedule on 31 December", () => {
  it("the draft's funding equal to the schedule in force on 31.12.2025: no mismatch", () => {
    expect(reportingYearConformity(program(element()), program(element()), 2025)).toEqual([]);
  });
  it("a source off the schedule is reported with both amounts and the paragraph", () => {
    const el = element({
      funding: [
        { year: 2025, source: "local", amount: "950.00" },
        { year: 2025, source: "regional", amount: "500.00" },
      ],
    });
    expect(reportingYearConformity(program(el), program(element()), 2025)).toEqual([
      expect.objectContaining({
        rule: "220-п 4.16",
        path: "directions[1].elements[1.1].funding.2025.local",
        expected: "1000.00",
        actual: "950.00",
      }),
    ]);
  });
  it("a source in the schedule that the draft does not fund is a mismatch too", () => {
    const el = element({ funding: [{ year: 2025, source: "local", amount: "1000.00" }] });
    const issues = reportingYearConformity(program(el), program(element()), 2025);
    expect(issues.map((i) => [i.path, i.expected, i.actual])).toEqual([
      ["directions[1].elements[1.1].funding.2025.regional", "500.00", "0.00"],
    ]);
    // the message in Russian words and figures, not the source's code nor "500.00" (issue 13)
    expect(issues[0]!.message).toContain("из областного бюджета 0,00 не совпадает");
    expect(issues[0]!.message).toContain("на 31.12.2025 — 500,00");
    expect(issues[0]!.message).not.toMatch(/regional|500\.00|0\.00/);
  });
  it("an element without a schedule of its own is summed into its direction's schedule", () => {
    const el = element({ budgetSchedule: [] });
    const p = program(el);
    p.directions[0]!.budgetSchedule = [
      { year: 2025, source: "local", amount: "1000.00", effectiveDate: "2025-01-01" },
      { year: 2025, source: "regional", amount: "600.00", effectiveDate: "2025-01-01" },
    ];
    expect(reportingYearConformity(p, null, 2025).map((i) => [i.path, i.expected, i.actual])).toEqual([
      ["directions[1].funding.2025.regional", "600.00", "500.00"],
    ]);
  });
});

describe("220-п п. 4.16: refined indicators correspond to the annual report", () => {
  it("an indicator refined to the annual report's value: no mismatch; an unrefined one is not judged", () => {
    expect(reportingYearConformity(program(element(), "47.5"), program(element()), 2025)).toEqual([]);
    expect(reportingYearConformity(program(element()), program(element()), 2025)).toEqual([]);
  });
  it("refined to another figure: reported", () => {
    const issues = reportingYearConformity(program(element(), "48"), program(element()), 2025);
    expect(issues).toEqual([expect.objectContaining({ rule: "220-п 4.16", path: "indicators[И1].2025", expected: "47.5", actual: "48" })]);
  });
});

describe("220-п п. 4.22: metrics of regional projects are refined only with the regional project", () => {
  it("a metric's source naming a regional project marks it", () => {
    expect(isRegionalProjectMetric({ valueSource: "Региональный проект «Чистая вода»" })).toBe(true);
    expect(isRegionalProjectMetric({ valueSource: "региональных проектов" })).toBe(true);
    expect(isRegionalProjectMetric({ valueSource: "Методика расчета показателей" })).toBe(false);
    expect(isRegionalProjectMetric({ valueSource: null })).toBe(false);
  });
  it("a refined plan of such a metric is listed; a refined plan of another metric is not", () => {
    const refined = element();
    refined.metrics[0]!.values[0]!.plan = "110";
    refined.metrics[1]!.values[0]!.plan = "78";
    const issues = reportingYearConformity(program(refined), program(element()), 2025);
    expect(issues).toEqual([
      expect.objectContaining({ rule: "220-п 4.22", path: "directions[1].elements[1.1].metrics[П2].2025", expected: "80", actual: "78" }),
    ]);
  });
});
