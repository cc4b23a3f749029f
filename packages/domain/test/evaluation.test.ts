import { describe, expect, it } from "vitest";
import {
  evaluateProgramReport,
  evaluateReport,
  KALUGA_220P,
  methodologyFromJson,
  methodologyIssues,
  parseProgramReport,
  parseProgramReportJson,
  resolveMethodology,
  ValidationError,
  weakestDirection,
  type Methodology,
  type ProgramEvaluation,
  type TraceNode,
} from "../src/index.ts";
import { checkpoint, direction, element, report, value, WORKED_EXAMPLE } from "./evaluation-fixtures.ts";

/** One process element with the given metrics and no checkpoints, in one direction without funding. */
function metricsOnly(...metrics: ReturnType<typeof value>[]) {
  return report({ directions: [direction("D-1", [element("E-1", metrics)])] });
}

function el(r: ProgramEvaluation, d = 0, e = 0) {
  return r.directions[d]!.elements[e]!;
}

function allRules(n: TraceNode | null): string[] {
  if (!n) return [];
  return [...n.rules.map((r) => r.rule), ...n.children.flatMap(allRules)];
}

function validationIssues(fn: () => unknown): { path: string; message: string }[] {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    return (e as ValidationError).issues;
  }
  throw new Error("expected a ValidationError");
}

describe("the worked example of program-report-v1.md (golden)", () => {
  const r = evaluateProgramReport(WORKED_EXAMPLE);

  it("gives the levels, score and rating of the format", () => {
    expect(r.program).toBe("MP-05");
    expect(r.rating).toBe("high");
    expect(r.indicatorsLevel).toBe(100);
    expect(r.directions).toHaveLength(1);
    expect(r.directions[0]!.code).toBe("D-1");
    expect(r.directions[0]!.score).toBe(91.39238010310824);
    expect(r.directions[0]!.budgetLevel).toBe(98.38232118182624);
    expect(el(r).code).toBe("D-1.1");
    expect(el(r).metricsLevel).toBe(99.14634146341463);
    expect(el(r).checkpointsLevel).toBe(50);
    expect(el(r).checkpoints).toEqual({ due: 2, achieved: 1 });
    expect(r.scoreDisplay).toBe("95.70");
    expect(r.methodology).toMatchObject({ preset: "kaluga-220p", version: 1, overridden: [] });
  });

  it("carries the exact values, correctly rounded to a double; the format's example differs by 2 units in the last place (it was computed in binary floats)", () => {
    // Exact: Осэ = 0.7 × 4065000/41000... = 84.402439024390243902439… (period 02439); the nearest double is 84.40243902439025.
    // The format prints 84.40243902439023 and 95.69619005155411, the results of 0.7*x+0.3*50 in doubles.
    expect(el(r).score).toBe(84.40243902439025);
    expect(r.score).toBe(95.69619005155413);
    expect(Math.abs(el(r).score! - 84.40243902439023)).toBeLessThan(3e-14);
    expect(Math.abs(r.score - 95.69619005155411)).toBeLessThan(3e-14);
  });

  it("explains every step with its figures", () => {
    const text = r.trace.join("\n");
    expect(text).toContain("kaluga-220p");
    expect(text).toContain("П(M-1) = факт / план × 100 = 40650 / 41000 × 100 = ≈99,15");
    expect(text).toContain("КТсэ = КТф / КТп × 100 = 1 / 2 × 100 = 50");
    expect(text).toContain("достигнута досрочно");
    expect(text).toContain("не достигнута на дату расчета");
    expect(text).toContain("Осэ = 0,7 × Псэ + 0,3 × КТсэ = 0,7 × ≈99,15 + 0,3 × 50 = ≈84,40");
    expect(text).toContain("А = кассовое исполнение / план × 100 = 149876,12 / 152340,50 × 100 = ≈98,38");
    expect(text).toContain("Эн = 0,5 × mean(Осэ) + 0,5 × А = 0,5 × ≈84,40 + 0,5 × ≈98,38 = ≈91,39");
    expect(text).toContain("79,1 / 78,5 × 100 = ≈100,76 → 100");
    expect(text).toContain("уровень ≈100,76 выше 100 — принят равным 100");
    expect(text).toContain("ОЭмп = 0,5 × mean(Эн) + 0,5 × Имп = 0,5 × ≈91,39 + 0,5 × 100 = ≈95,70");
    expect(text).toContain("Уровень эффективности: высокий");
    // The tree: program → directions mean → direction → elements mean → element → metrics/checkpoints; budget; indicators.
    const e = r.explanation!;
    expect(e.level).toBe("program");
    expect(e.children.map((c) => c.level)).toEqual(["directions", "indicators"]);
    const dir = e.children[0]!.children[0]!;
    expect(dir.subject).toEqual({ code: "D-1", name: "Общее образование" });
    expect(dir.children.map((c) => c.level)).toEqual(["elements", "budget"]);
    expect(dir.children[0]!.children[0]!.children.map((c) => c.level)).toEqual(["metrics", "checkpoints"]);
    expect(dir.children[0]!.children[0]!.children[1]!.details).toHaveLength(2);
  });

  it("reads the same from JSON text", () => {
    expect(evaluateReport(parseProgramReportJson(JSON.stringify(WORKED_EXAMPLE))).score).toBe(r.score);
  });
});

describe("rule 1: level of an indicator or metric", () => {
  it.each([
    // [trend, plan, fact, level, rule applied]
    ["increase", 200, 150, 75, null],
    ["increase", 41000, 40650, 99.14634146341463, null],
    ["decrease", 150, 200, 75, null],
    ["decrease", 10, 8, 100, "cap"],
    ["increase", 100, 120, 100, "cap"],
    ["increase", 0, 0.5, 50, "zero-divisor"],
    ["increase", 0, 3, 100, "zero-divisor+cap"],
    ["increase", 0, 0, 100, "plan-met"], // rule 10: fact equals plan, zero included
    ["decrease", 0, 0, 100, "plan-met"],
    ["decrease", 0.3, 0, 30, "zero-divisor"],
    ["decrease", 5, 0, 100, "zero-divisor+cap"],
    ["increase", 0.1, 0.3, 100, "cap"],
    ["increase", 0.3, 0.1, 33.333333333333336, null],
  ] as const)("%s plan %d fact %d → %d", (trend, plan, fact, level, rule) => {
    const r = evaluateReport(metricsOnly(value("M-1", plan, fact, trend)));
    expect(el(r).metrics[0]!.level).toBe(level);
    expect(el(r).metricsLevel).toBe(level);
    const metricNode = r.explanation!.children[0]!.children[0]!.children[0]!.children[0]!.children[0]!.children[0]!;
    expect(metricNode.level).toBe("metric");
    expect(metricNode.rules.map((x) => x.rule)).toEqual(rule ? rule.split("+") : []);
  });

  it("reads numbers as the decimals they are written as (0.1 + 0.2 is exactly 0.3)", () => {
    // fact 0.3 of plan 0.3 is exactly 100 % — not 99.99999999999999 as 0.1+0.2 in floats would suggest.
    const r = evaluateReport(metricsOnly(value("M-1", 0.3, 0.3)));
    expect(el(r).metricsLevel).toBe(100);
    expect(el(r).metrics[0]!.level).toBe(100);
  });
});

describe("rule 9: null facts and levels below zero", () => {
  it.each([
    ["increase", -5, 3],
    ["increase", 5, -3],
    ["decrease", -5, 3],
    ["increase", 0, -3],
    ["decrease", 0.5, -1],
  ] as const)("%s plan %d fact %d (signs differ or ratio below zero) → 0", (trend, plan, fact) => {
    const r = evaluateReport(metricsOnly(value("M-1", plan, fact, trend)));
    expect(el(r).metrics[0]!.level).toBe(0);
    expect(allRules(r.explanation)).toContain("below-zero");
  });

  it("both negative: the ratio is positive and counts", () => {
    const r = evaluateReport(metricsOnly(value("M-1", -10, -5)));
    expect(el(r).metrics[0]!.level).toBe(50);
  });

  it("a null fact scores 0 in the evaluation of a year and is listed in warnings (missingFact zero, the default)", () => {
    const r = evaluateReport(metricsOnly(value("M-1", 100, 80), value("M-2", 100, null), value("M-3", 100, 60)));
    expect(el(r).metrics.map((m) => m.level)).toEqual([80, 0, 60]);
    expect(el(r).metricsLevel).toBe(140 / 3);
    expect(r.preliminary).toBe(false);
    expect(r.methodology.rules).toEqual({ missingFact: "zero", zeroEqualsZero: true });
    expect(r.warnings).toEqual([
      { kind: "metric", code: "M-2", name: "Показатель M-2", element: "E-1", missingFact: "zero", message: "нет фактического значения" },
    ]);
    expect(r.completeness).toEqual({ indicators: { withFact: 0, total: 0 }, metrics: { withFact: 2, total: 3 }, withFact: 2, total: 3 });
    expect(allRules(r.explanation)).toContain("missing-fact");
    expect(r.trace.join("\n")).toContain("факта нет → 0");
  });

  it("with missingFact exclude a null fact is left out of the mean: a preliminary evaluation", () => {
    const r = evaluateReport({
      ...metricsOnly(value("M-1", 100, 80), value("M-2", 100, null), value("M-3", 100, 60)),
      methodology: { preset: "kaluga-220p", missingFact: "exclude" },
    });
    expect(el(r).metrics.map((m) => m.level)).toEqual([80, null, 60]);
    expect(el(r).metricsLevel).toBe(70);
    expect(r.preliminary).toBe(true);
    expect(r.warnings.map((w) => [w.code, w.missingFact])).toEqual([["M-2", "exclude"]]);
    expect(r.trace.join("\n")).toContain("не учитываются (уровень не рассчитан): M-2");
    expect(r.trace.join("\n")).toContain("Предварительная оценка");
    expect(allRules(r.explanation)).toContain("null-fact");
    // the evaluator's option overrides the report's
    const pinned = { ...metricsOnly(value("M-1", 100, null)), methodology: { preset: "kaluga-220p", missingFact: "exclude" as const } };
    expect(evaluateReport(pinned, { missingFact: "zero" }).preliminary).toBe(false);
  });
});

describe("rules 2 and 4: means and the element's score", () => {
  it("Псэ is the mean of the metric levels; Осэ = 0.7 Псэ + 0.3 КТсэ", () => {
    const r = evaluateReport(
      report({
        directions: [
          direction("D-1", [
            element(
              "E-1",
              [value("M-1", 100, 90), value("M-2", 100, 70)],
              [
                checkpoint("2025-03-01", "2025-03-01"),
                checkpoint("2025-06-01", null),
                checkpoint("2025-09-01", "2025-09-02"),
                checkpoint("2025-10-01", null),
              ],
            ),
          ]),
        ],
      }),
    );
    expect(el(r).metricsLevel).toBe(80);
    expect(el(r).checkpointsLevel).toBe(50);
    expect(el(r).score).toBe(0.7 * 80 + 0.3 * 50);
  });

  it("an element without metrics has Псэ 100; one whose metrics lack facts has Псэ 0 (zero), or 100 in a preliminary evaluation (exclude)", () => {
    const lacking = evaluateReport(
      report({ directions: [direction("D-1", [element("E-1", [value("M-1", 10, null)], [checkpoint("2025-01-10", null)])])] }),
    );
    expect(el(lacking).metricsLevel).toBe(0);
    expect(el(lacking).score).toBe(0);
    expect(lacking.noData).toBe(true);
    for (const [metrics, missingFact] of [
      [[], "zero"],
      [[value("M-1", 10, null)], "exclude"],
    ] as const) {
      const r = evaluateReport({
        ...report({ directions: [direction("D-1", [element("E-1", [...metrics], [checkpoint("2025-01-10", null)])])] }),
        methodology: { preset: "kaluga-220p", missingFact },
      });
      expect(el(r).metricsLevel).toBe(100);
      expect(el(r).checkpointsLevel).toBe(0);
      expect(el(r).score).toBe(70);
      expect(allRules(r.explanation)).toContain("none-known");
    }
  });

  it("Имп is the mean level of the program's indicators", () => {
    const r = evaluateReport(
      report({
        indicators: [value("I-1", 100, 90), value("I-2", 50, 60, "decrease"), value("I-3", 1, null)],
        directions: [direction("D-1", [element("E-1", [value("M-1", 1, 1)])])],
      }),
    );
    expect(r.indicators.map((i) => i.level)).toEqual([90, 83.33333333333333, 0]);
    expect(r.indicatorsLevel).toBe(520 / 9); // (90 + 250/3 + 0) / 3, exact
    expect(r.warnings.map((w) => [w.kind, w.code])).toEqual([["indicator", "I-3"]]);
  });
});

describe("rule 3: checkpoints due and achieved as of the date", () => {
  it.each([
    // [planned, actual, asOf, due, achieved]
    ["2025-06-30", "2025-06-30", "2025-06-30", 1, 1], // planned on asOf is due; achieved on asOf counts
    ["2025-06-30", "2025-06-01", "2025-06-30", 1, 1], // early counts
    ["2025-06-30", "2025-07-01", "2025-06-30", 1, 0], // achieved after asOf does not count
    ["2025-06-30", "2025-07-01", "2025-12-31", 1, 1], // late but before asOf counts
    ["2025-06-30", null, "2025-12-31", 1, 0],
    ["2025-07-01", "2025-06-01", "2025-06-30", 0, 0], // not yet due: not counted even if achieved
  ] as const)("planned %s actual %s as of %s → due %d achieved %d", (planned, actual, asOf, due, achieved) => {
    const r = evaluateReport(report({ asOf, directions: [direction("D-1", [element("E-1", [], [checkpoint(planned, actual)])])] }));
    expect(el(r).checkpoints).toEqual({ due, achieved });
    expect(el(r).checkpointsLevel).toBe(due === 0 ? 100 : (achieved / due) * 100);
    if (due === 0) expect(allRules(r.explanation)).toContain("no-checkpoints-due");
  });

  it("a project complex has КТсэ 100 whatever its checkpoints", () => {
    const r = evaluateReport(
      report({ directions: [direction("D-1", [element("E-1", [value("M-1", 100, 50)], [checkpoint("2025-01-01", null)], "project")])] }),
    );
    expect(el(r).checkpointsLevel).toBe(100);
    expect(el(r).score).toBe(0.7 * 50 + 0.3 * 100);
    expect(r.trace.join("\n")).toContain("комплекс проектных мероприятий — КТсэ принят равным 100");
  });
});

describe("rules 5 and 7: budget and the direction's score", () => {
  it.each([
    ["1000.00", "800.00", 80],
    ["1000.00", "1200.00", 100],
    ["1000.00", "0.00", 0],
    ["0.03", "0.01", 33.333333333333336],
  ] as const)("plan %s cash %s → А %d", (plan, cash, a) => {
    const r = evaluateReport(report({ directions: [direction("D-1", [element("E-1", [value("M-1", 1, 1)])], { plan, cash })] }));
    expect(r.directions[0]!.budgetLevel).toBe(a);
    expect(r.directions[0]!.score).toBe(0.5 * 100 + 0.5 * a);
  });

  it("a direction with a funding plan of zero, or no funding, has no А and Эн = mean(Осэ)", () => {
    for (const funding of [{ plan: "0.00", cash: "5.00" }, { plan: "0", cash: "0" }, null]) {
      const r = evaluateReport(
        report({
          directions: [direction("D-1", [element("E-1", [value("M-1", 100, 60)]), element("E-2", [value("M-2", 100, 80)])], funding)],
        }),
      );
      expect(r.directions[0]!.budgetLevel).toBeNull();
      expect(r.directions[0]!.score).toBe((0.7 * 60 + 0.3 * 100 + 0.7 * 80 + 0.3 * 100) / 2);
      expect(allRules(r.explanation)).toEqual(expect.arrayContaining(["no-funding", "part-absent"]));
      expect(r.trace.join("\n")).toContain("направление без финансирования, А не рассчитывается");
    }
  });
});

describe("rule 8: the program's score", () => {
  it("ОЭмп = 0.5 mean(Эн) + 0.5 Имп", () => {
    const r = evaluateReport(
      report({
        indicators: [value("I-1", 100, 60)],
        directions: [
          direction("D-1", [element("E-1", [value("M-1", 100, 100)])]),
          direction("D-2", [element("E-2", [value("M-2", 100, 50)])]),
        ],
      }),
    );
    expect(r.directions.map((d) => d.score)).toEqual([100, 65]);
    expect(r.score).toBe(0.5 * 82.5 + 0.5 * 60);
    expect(weakestDirection(r)!.code).toBe("D-2");
  });

  it("without indicators (exclude: without indicators with a known fact), ОЭмп = mean(Эн) and indicatorsLevel is null", () => {
    const zero = evaluateReport(
      report({ indicators: [value("I-1", 10, null)], directions: [direction("D-1", [element("E-1", [value("M-1", 100, 90)])])] }),
    );
    expect(zero.indicatorsLevel).toBe(0);
    expect(zero.score).toBe(0.5 * (0.7 * 90 + 0.3 * 100));
    for (const [indicators, missingFact] of [
      [[], "zero"],
      [[value("I-1", 10, null)], "exclude"],
    ] as const) {
      const r = evaluateReport({
        ...report({ indicators: [...indicators], directions: [direction("D-1", [element("E-1", [value("M-1", 100, 90)])])] }),
        methodology: { preset: "kaluga-220p", missingFact },
      });
      expect(r.indicatorsLevel).toBeNull();
      expect(r.score).toBe(0.7 * 90 + 0.3 * 100);
      expect(allRules(r.explanation)).toContain("part-absent");
    }
  });
});

describe("rule 10: plan met exactly, zero included (zeroEqualsZero)", () => {
  // "number of accidents": plan 0, fact 0 is the plan met
  it.each([
    ["decrease", true, 100],
    ["increase", true, 100],
    ["decrease", false, 0],
    ["increase", false, 0],
  ] as const)("%s plan 0 fact 0, zeroEqualsZero %s → %d", (trend, zeroEqualsZero, level) => {
    const r = evaluateReport({ ...metricsOnly(value("M-1", 0, 0, trend)), methodology: { preset: "kaluga-220p", zeroEqualsZero } });
    expect(el(r).metrics[0]!.level).toBe(level);
    expect(r.methodology.rules.zeroEqualsZero).toBe(zeroEqualsZero);
    expect(allRules(r.explanation)).toContain(zeroEqualsZero ? "plan-met" : "zero-divisor");
    expect(r.trace[0]).toContain(`zeroEqualsZero = ${zeroEqualsZero}`);
  });

  it("the option of the evaluator overrides the report's; where only the divisor is zero the decree's rule still applies", () => {
    expect(el(evaluateReport(metricsOnly(value("M-1", 0, 0, "decrease")), { zeroEqualsZero: false })).metricsLevel).toBe(0);
    expect(el(evaluateReport(metricsOnly(value("M-1", 0, 2, "decrease")))).metricsLevel).toBe(0); // 0 / 2
    expect(el(evaluateReport(metricsOnly(value("M-1", 0, 0.4)))).metricsLevel).toBe(40); // 0.4 / 1
  });

  it("a zero-accident metric no longer drops a program from high to satisfactory (issue 10)", () => {
    const program = (zeroEqualsZero: boolean) =>
      evaluateReport({
        ...report({
          indicators: [value("I-1", 100, 99)],
          directions: [
            direction("D-1", [element("E-1", [value("M-1", 100, 100), value("M-2", 0, 0, "decrease")])], { plan: "100.00", cash: "98.00" }),
          ],
        }),
        methodology: { preset: "kaluga-220p", zeroEqualsZero },
      });
    expect(program(true).rating).toBe("high");
    expect(program(true).score).toBe(0.5 * (0.5 * 100 + 0.5 * 98) + 0.5 * 99);
    expect(program(false).rating).toBe("satisfactory");
  });
});

describe("missing data never raises a score (issue 10)", () => {
  const full = () =>
    report({
      indicators: [value("I-1", 100, 97), value("I-2", 50, 49)],
      directions: [
        direction("D-1", [element("E-1", [value("M-1", 100, 96), value("M-2", 10, 9)], [checkpoint("2025-03-01", "2025-03-01")])], {
          plan: "1000.00",
          cash: "990.00",
        }),
        direction("D-2", [element("E-2", [value("M-3", 20, 19)])], { plan: "500.00", cash: "495.00" }),
      ],
    });
  const blank = () => {
    const r = full();
    for (const i of r.indicators) i.fact = null;
    for (const d of r.directions) for (const e of d.elements) for (const m of e.metrics) m.fact = null;
    return r;
  };

  it("every fact empty: the annual evaluation is low, lists every value in warnings and says there is no data", () => {
    const before = evaluateReport(full());
    const r = evaluateReport(blank());
    expect(before.rating).toBe("high");
    expect(r.score).toBeLessThan(before.score);
    expect(r.rating).toBe("unsatisfactory");
    expect(r.indicatorsLevel).toBe(0);
    expect(r.warnings.map((w) => w.code)).toEqual(["M-1", "M-2", "M-3", "I-1", "I-2"]);
    expect(r.completeness).toMatchObject({ withFact: 0, total: 5 });
    expect(r.noData).toBe(true);
    expect(before.noData).toBe(false);
    expect(r.trace.join("\n")).toContain("Данные: 0 из 5");
  });

  it("a preliminary evaluation (exclude) is marked as such and counts the data the same way", () => {
    const r = evaluateReport(blank(), { missingFact: "exclude" });
    expect(r.preliminary).toBe(true);
    expect(r.noData).toBe(true);
    expect(r.completeness.withFact).toBe(0);
  });
});

describe("rules 6 and 10: rating on the unrounded score", () => {
  // Program = 0.5 × 100 (one perfect element, no funding) + 0.5 × indicator level.
  const withIndicator = (fact: number) =>
    evaluateReport(
      report({ indicators: [value("I-1", 100, fact)], directions: [direction("D-1", [element("E-1", [value("M-1", 1, 1)])])] }),
    );
  it.each([
    [90, 95, "95.00", "high"],
    [89.992, 94.996, "95.00", "satisfactory"], // displays 95.00, but is below 95
    [89.9999999999999, 94.99999999999994, "95.00", "satisfactory"],
    [60, 80, "80.00", "satisfactory"],
    [59.99, 79.995, "80.00", "unsatisfactory"], // half up for display only
    [10, 55, "55.00", "unsatisfactory"],
    [100, 100, "100.00", "high"],
  ] as const)("indicator %d → score %d shown %s rated %s", (fact, score, shown, rating) => {
    const r = withIndicator(fact);
    expect(r.score).toBe(score);
    expect(r.scoreDisplay).toBe(shown);
    expect(r.rating).toBe(rating);
  });
});

describe("methodology: weights, presets, versions", () => {
  it("weights of the report override the preset's and are recorded", () => {
    const r = evaluateProgramReport({
      ...WORKED_EXAMPLE,
      methodology: { preset: "kaluga-220p", weights: { elementMetrics: 0.5, elementCheckpoints: 0.5 } },
    });
    expect(el(r).score).toBe(74.57317073170732); // (99.146341463414634… + 50) / 2 = 74.573170731707317…
    expect(r.methodology.overridden).toEqual(["elementMetrics", "elementCheckpoints"]);
    expect(r.methodology.parameters.elementMetrics).toBe("0.5");
    expect(r.trace[0]).toContain("из отчета: elementMetrics, elementCheckpoints");
  });

  it("weights of one sum must add up to 1", () => {
    const issues = validationIssues(() =>
      evaluateProgramReport({ ...WORKED_EXAMPLE, methodology: { preset: "kaluga-220p", weights: { elementMetrics: 0.6 } } }),
    );
    expect(issues[0]!.path).toBe("methodology.weights.elementMetrics");
    expect(issues[0]!.message).toContain("должна быть равна 1, а равна 0.9");
  });

  it("an unknown preset, version or weight names the field", () => {
    expect(validationIssues(() => evaluateProgramReport({ ...WORKED_EXAMPLE, methodology: { preset: "moscow" } }))[0]).toMatchObject({
      path: "methodology.preset",
    });
    expect(
      validationIssues(() => evaluateProgramReport({ ...WORKED_EXAMPLE, methodology: { preset: "kaluga-220p", version: 7 } }))[0],
    ).toMatchObject({ path: "methodology.version" });
    expect(
      validationIssues(() =>
        evaluateProgramReport({ ...WORKED_EXAMPLE, methodology: { preset: "kaluga-220p", weights: { budget: 0.5 } } }),
      )[0],
    ).toMatchObject({ path: "methodology.weights.budget" });
    expect(
      validationIssues(() =>
        evaluateProgramReport({ ...WORKED_EXAMPLE, methodology: { preset: "kaluga-220p", weights: { directionBudget: 1.5 } } }),
      )[0],
    ).toMatchObject({ path: "methodology.weights.directionBudget" });
  });

  it("a municipality's own preset and version is used and recorded", () => {
    const own: Methodology = {
      ...KALUGA_220P,
      version: 2,
      parameters: { ...KALUGA_220P.parameters, ratingHigh: "90", programDirections: "0.8", programIndicators: "0.2" },
    };
    const r = evaluateProgramReport(WORKED_EXAMPLE, { methodologies: [own] });
    expect(r.methodology.version).toBe(2);
    expect(r.score).toBe(0.8 * 91.39238010310824 + 0.2 * 100);
    const v1 = evaluateProgramReport({ ...WORKED_EXAMPLE, methodology: { preset: "kaluga-220p", version: 1 } }, { methodologies: [own] });
    expect(v1.methodology.version).toBe(1);
    expect(v1.score).toBe(95.69619005155413);
  });

  it("a methodology tree is checked: scopes, parameters, weights", () => {
    expect(methodologyIssues(KALUGA_220P)).toEqual([]);
    const bad: Methodology = {
      ...KALUGA_220P,
      parameters: { ...KALUGA_220P.parameters, levelCap: "hundred" },
      root: {
        id: "program",
        kind: "mean",
        symbol: "X",
        label: "x",
        over: "metrics",
        whenEmpty: "nothing",
        item: { id: "metric", kind: "ratio", symbol: "П", label: "p", source: "funding", onZeroDivisor: "param", cap: "levelCap" },
      },
    };
    const paths = methodologyIssues(bad).map((i) => i.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        "methodology.parameters.levelCap",
        "methodology.root.over",
        "methodology.root.whenEmpty",
        "methodology.root.item",
      ]),
    );
    expect(() => resolveMethodology({ preset: "kaluga-220p" }, [bad])).toThrow(ValidationError);
  });

  it("a methodology from JSON is checked for its shape, naming the path", () => {
    expect(methodologyFromJson(JSON.parse(JSON.stringify(KALUGA_220P)))).toEqual(KALUGA_220P);
    const broken = JSON.parse(JSON.stringify(KALUGA_220P));
    broken.root.parts[0].level.item.kind = "median";
    broken.root.parts[1].weight = 7;
    broken.parameters.levelCap = 100;
    const paths = validationIssues(() => methodologyFromJson(broken)).map((i) => i.path);
    expect(paths).toEqual(
      expect.arrayContaining(["methodology.parameters", "methodology.root.parts[0].level.item.kind", "methodology.root.parts[1].weight"]),
    );
    expect(validationIssues(() => methodologyFromJson([]))[0]!.path).toBe("methodology");
    const scope = JSON.parse(JSON.stringify(KALUGA_220P));
    scope.root.parts[1].level.over = "metrics"; // a mean over metrics at the program: wrong scope
    expect(validationIssues(() => methodologyFromJson(scope))[0]!.path).toBe("methodology.root.parts[1].level.over");
  });

  it("the methodology is data: a tree without the budget level gives Эн = mean(Осэ) for every direction", () => {
    const root = structuredClone(KALUGA_220P.root);
    if (root.kind !== "weightedSum") throw new Error("root");
    const dirs = root.parts[0]!.level;
    if (dirs.kind !== "mean" || dirs.item.kind !== "weightedSum") throw new Error("shape");
    dirs.item.parts = [{ weight: "one", level: dirs.item.parts[0]!.level }];
    const noBudget: Methodology = {
      ...KALUGA_220P,
      id: "no-budget",
      parameters: { ...KALUGA_220P.parameters, one: "1" },
      weightNames: [],
      root,
    };
    const r = evaluateProgramReport({ ...WORKED_EXAMPLE, methodology: { preset: "no-budget" } }, { methodologies: [noBudget] });
    expect(r.directions[0]!.budgetLevel).toBeNull();
    expect(r.directions[0]!.score).toBe(84.40243902439025);
    expect(r.methodology.preset).toBe("no-budget");
  });
});

describe("the format-1 parser names the field and the reason", () => {
  it("reads the options of rules 9 and 10 and refuses others", () => {
    const ok = parseProgramReport({
      ...WORKED_EXAMPLE,
      methodology: { preset: "kaluga-220p", missingFact: "exclude", zeroEqualsZero: false },
    });
    expect(ok.methodology).toEqual({ preset: "kaluga-220p", missingFact: "exclude", zeroEqualsZero: false });
    const issues = validationIssues(() =>
      parseProgramReport({ ...WORKED_EXAMPLE, methodology: { preset: "kaluga-220p", missingFact: "skip", zeroEqualsZero: "yes" } }),
    );
    expect(issues.map((i) => i.path)).toEqual(["methodology.missingFact", "methodology.zeroEqualsZero"]);
  });

  const base = () => structuredClone(WORKED_EXAMPLE) as any;
  it.each([
    ["not an object", () => 42, "(документ)", "объектом"],
    ["wrong format", (d: any) => ((d.format = "orientir.program-report/2"), d), "format", "orientir.program-report/1"],
    ["year missing", (d: any) => (delete d.year, d), "year", "обязательное"],
    ["year not an integer", (d: any) => ((d.year = 2025.5), d), "year", "целым"],
    ["bad asOf", (d: any) => ((d.asOf = "2025-02-30"), d), "asOf", "ГГГГ-ММ-ДД"],
    ["unknown top field", (d: any) => ((d.extra = 1), d), "extra", "неизвестное поле"],
    [
      "fact as a string",
      (d: any) => ((d.directions[0].elements[0].metrics[0].fact = "40650"), d),
      "directions[0].elements[0].metrics[0].fact",
      "не строкой",
    ],
    [
      "fact missing",
      (d: any) => (delete d.directions[0].elements[0].metrics[0].fact, d),
      "directions[0].elements[0].metrics[0].fact",
      "обязательное",
    ],
    ["plan null", (d: any) => ((d.indicators[0].plan = null), d), "indicators[0].plan", "не может быть null"],
    ["bad trend", (d: any) => ((d.indicators[0].trend = "up"), d), "indicators[0].trend", "increase"],
    ["bad kind", (d: any) => ((d.directions[0].elements[0].kind = "other"), d), "directions[0].elements[0].kind", "project"],
    ["amount as a number", (d: any) => ((d.directions[0].funding.plan = 152340.5), d), "directions[0].funding.plan", "десятичной строкой"],
    [
      "amount with 3 decimals",
      (d: any) => ((d.directions[0].funding.cash = "1.234"), d),
      "directions[0].funding.cash",
      "не более 2 знаков",
    ],
    ["negative amount", (d: any) => ((d.directions[0].funding.cash = "-1.00"), d), "directions[0].funding.cash", "отрицательной"],
    ["amount with a comma", (d: any) => ((d.directions[0].funding.cash = "1,5"), d), "directions[0].funding.cash", "не является суммой"],
    [
      "bad checkpoint date",
      (d: any) => ((d.directions[0].elements[0].checkpoints[1].actual = "20.07.2025"), d),
      "directions[0].elements[0].checkpoints[1].actual",
      "ГГГГ-ММ-ДД",
    ],
    ["no directions", (d: any) => ((d.directions = []), d), "directions", "нет ни одного направления"],
    ["no elements", (d: any) => ((d.directions[0].elements = []), d), "directions[0].elements", "нет ни одного структурного элемента"],
    [
      "duplicate direction",
      (d: any) => (d.directions.push(structuredClone(d.directions[0])), (d.directions[1].elements[0].code = "X"), d),
      "directions[1].code",
      "уже есть",
    ],
    [
      "duplicate element",
      (d: any) => (d.directions.push({ ...structuredClone(d.directions[0]), code: "D-2" }), d),
      "directions[1].elements[0].code",
      "уже есть",
    ],
    ["empty code", (d: any) => ((d.program.code = " "), d), "program.code", "пустым"],
    [
      "weight as string",
      (d: any) => ((d.methodology.weights = { elementMetrics: "0.7" }), d),
      "methodology.weights.elementMetrics",
      "от 0 до 1",
    ],
  ])("%s", (_name, mutate, path, reason) => {
    const issues = validationIssues(() => parseProgramReport((mutate as (d: any) => unknown)(base())));
    const hit = issues.find((i) => i.path === path);
    expect(hit, JSON.stringify(issues)).toBeDefined();
    expect(hit!.message).toContain(reason);
  });

  it("lists every problem at once", () => {
    const d = base();
    d.year = "2025";
    d.indicators[0].fact = "x";
    d.directions[0].elements[0].checkpoints[0].planned = null;
    const paths = validationIssues(() => parseProgramReport(d)).map((i) => i.path);
    expect(paths).toEqual(["year", "indicators[0].fact", "directions[0].elements[0].checkpoints[0].planned"]);
  });

  it("JSON syntax errors are reported as such", () => {
    expect(validationIssues(() => parseProgramReportJson("{ not json"))[0]!.message).toContain("не является JSON");
  });

  it("accepts a direction without funding (absent or null) and without coExecutor", () => {
    const d = base();
    delete d.directions[0].funding;
    delete d.directions[0].coExecutor;
    expect(parseProgramReport(d).directions[0]!.funding).toBeNull();
  });
});
