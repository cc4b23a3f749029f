import { describe, expect, it } from "vitest";
import {
  actionPlanIndicators,
  classificationRule,
  classifyIndicator,
  DEFAULT_CLASSIFICATION,
  latestFactYear,
  strategyIndicators,
  summarizeIndicators,
  thresholdIssues,
  type ClassifiableIndicator,
} from "../src/index.ts";

function ind(
  trend: "increase" | "decrease",
  values: [number, string | null, string | null][],
  baseValue: string | null = null,
  goal: string | null = "G-1",
): ClassifiableIndicator {
  return { code: "X", name: "Индикатор", trend, goal, baseValue, values: values.map(([year, plan, fact]) => ({ year, plan, fact })) };
}

describe("strategy and plan indicators: achieved, in progress, negative deviation", () => {
  it.each([
    // [trend, values, base, status]
    ["increase", [[2024, "100", "100"]], null, "achieved"],
    ["increase", [[2024, "100", "120"]], null, "achieved"],
    ["increase", [[2024, "100", "99.99"]], null, "inProgress"],
    ["increase", [[2024, "100", "90"]], null, "inProgress"], // exactly at the lower threshold
    ["increase", [[2024, "100", "89.99"]], null, "negative"],
    ["decrease", [[2024, "10", "9"]], null, "achieved"],
    ["decrease", [[2024, "10", "11"]], null, "inProgress"], // 90.90…%
    ["decrease", [[2024, "10", "12"]], null, "negative"], // 83.3%
    [
      "increase",
      [
        [2023, "90", "97"],
        [2024, "100", "95"],
      ],
      null,
      "negative",
    ], // fell from the previous year's fact
    ["increase", [[2024, "100", "95"]], "96", "negative"], // worse than the base value
    ["increase", [[2024, "100", "95"]], "94", "inProgress"],
    [
      "decrease",
      [
        [2023, "12", "10.5"],
        [2024, "10", "10.8"],
      ],
      null,
      "negative",
    ], // 92.6 %, but rose against the trend
    ["increase", [[2024, "100", null]], null, "noData"],
    ["increase", [[2024, null, "5"]], null, "noData"],
    ["increase", [[2023, "100", "100"]], null, "noData"],
    ["increase", [[2024, "0", "0"]], null, "negative"], // zero target taken as 1: 0 / 1 × 100 = 0 %
  ] as const)("%s %j base %s → %s", (trend, values, base, status) => {
    const c = classifyIndicator(
      ind(
        trend,
        values.map((v) => [...v]),
        base,
      ),
      2024,
    );
    expect(c.status).toBe(status);
    expect(c.reason.length).toBeGreaterThan(5);
  });

  it("the thresholds are parameters", () => {
    const i = ind("increase", [[2024, "100", "97"]]);
    expect(classifyIndicator(i, 2024).status).toBe("inProgress");
    expect(classifyIndicator(i, 2024, { achievedFrom: "95", negativeBelow: "90", worseThanPrevious: true }).status).toBe("achieved");
    expect(classifyIndicator(i, 2024, { achievedFrom: "100", negativeBelow: "98", worseThanPrevious: true }).status).toBe("negative");
    const falling = ind("increase", [
      [2023, "90", "99"],
      [2024, "100", "97"],
    ]);
    expect(classifyIndicator(falling, 2024).status).toBe("negative");
    expect(classifyIndicator(falling, 2024, { ...DEFAULT_CLASSIFICATION, worseThanPrevious: false }).status).toBe("inProgress");
    expect(thresholdIssues({ achievedFrom: "90", negativeBelow: "95", worseThanPrevious: true })[0]!.path).toBe("thresholds.negativeBelow");
    expect(thresholdIssues({ achievedFrom: "abc", negativeBelow: "95", worseThanPrevious: true })[0]!.path).toBe("thresholds.achievedFrom");
    expect(classificationRule()).toContain("не ниже 100\u00a0%");
  });

  it("counts per goal and for the whole strategy (24 achieved, 7 in progress, 4 negative, as in source 000)", () => {
    const items: ClassifiableIndicator[] = [];
    const add = (n: number, fact: string, goal: string) => {
      for (let k = 0; k < n; k++) items.push({ ...ind("increase", [[2022, "100", fact]], null, goal), code: `${goal}-${fact}-${k}` });
    };
    add(20, "101", "G-1");
    add(4, "100", "G-2");
    add(5, "95", "G-1");
    add(2, "91", "G-2");
    add(3, "50", "G-2");
    add(1, "80", "G-3");
    const s = summarizeIndicators(items, 2022);
    expect(s.counts).toEqual({ achieved: 24, inProgress: 7, negative: 4, noData: 0, total: 35 });
    expect(s.byGoal).toEqual([
      { goal: "G-1", counts: { achieved: 20, inProgress: 5, negative: 0, noData: 0, total: 25 } },
      { goal: "G-2", counts: { achieved: 4, inProgress: 2, negative: 3, noData: 0, total: 9 } },
      { goal: "G-3", counts: { achieved: 0, inProgress: 0, negative: 1, noData: 0, total: 1 } },
    ]);
    expect(s.rule).toContain("Отрицательное отклонение");
  });

  it("reads strategy (target) and action-plan (plan) indicators", () => {
    const st = strategyIndicators({
      indicators: [
        {
          code: "S-1",
          name: "Численность населения",
          unit: "тыс. чел.",
          trend: "increase",
          goal: "Цель 1",
          baseValue: "300",
          values: [
            { year: 2023, target: "330", fact: "331.2" },
            { year: 2024, target: "335" },
          ],
        },
      ],
    });
    expect(st[0]!.values).toEqual([
      { year: 2023, plan: "330", fact: "331.2" },
      { year: 2024, plan: "335", fact: null },
    ]);
    expect(classifyIndicator(st[0]!, 2023).status).toBe("achieved");
    expect(latestFactYear(st)).toBe(2023);
    const ap = actionPlanIndicators({
      indicators: [
        { code: "P-1", name: "Очередь в детсады", unit: "чел.", trend: "decrease", values: [{ year: 2024, plan: "0", fact: "12" }] },
      ],
    });
    const c = classifyIndicator(ap[0]!, 2024);
    expect(c.levelDisplay).toBe("0.00"); // 0 / 12 × 100
    expect(c.status).toBe("negative");
  });
});
