/**
 * Issue 11: the demo carries the fields the forms read — checked against source 000 where the source
 * gives them (appendix 1 column 7, appendix 2 «Ответственный исполнитель», appendix 3 kinds) and the
 * municipality's wording of the local budget.
 */
import { describe, expect, it } from "vitest";
import { KALUGA } from "../src/seed/demo/index.ts";

describe("the demo's values of the forms' fields", () => {
  const plan = KALUGA.actionPlan!;
  it("source 000, appendix 2: indicators 1–4 are the economy department's, 5 the education department's", () => {
    const by = (code: string) => plan.indicators.find((i) => i.code === code)?.responsible;
    expect(["1", "2", "3", "4"].map(by)).toEqual(Array(4).fill("Управление экономики"));
    expect(by("5")).toBe("Управление образования");
  });
  it("source 000, appendix 3: three priority projects, then the strategic ones (до 1300 мест; 1000 мест)", () => {
    const kinds = plan.priorityProjects.filter((p) => p.name.includes("Развитие образования в Калуге") || p.name.includes("на 1000 мест"));
    expect(kinds.map((p) => p.kind)).toEqual(["priority", "priority", "priority", "strategic", "strategic"]);
  });
  it("source 000, appendix 1, column 7 as printed; the local budget named as Kaluga's forms name it", () => {
    expect(plan.activities.find((a) => a.code === "2")?.executingBody).toBe(
      "«Создание и реализация муниципальных программ в сфере образования и культуры»",
    );
    expect(KALUGA.budgetSources.find((s) => s.code === "local")?.formLabel).toBe("средства бюджета городского округа города Калуги");
  });
  it("every direction of Kaluga's programs has its section of the classification; each program its strategy goal", () => {
    for (const p of KALUGA.programs) {
      expect(p.strategyGoal, p.code).toBeTruthy();
      for (const d of p.directions) expect(d.budgetClassification, `${p.code} ${d.code}`).toMatch(/^\d{4} /);
    }
  });
  it("participants of a complex (1.3.3) are listed apart from its responsible body", () => {
    const el = KALUGA.programs.find((p) => p.code === "МП-01")!.directions[0]!.elements.find((e) => e.code === "1.1")!;
    expect(el.participants).toContain("Муниципальные общеобразовательные организации города Калуги");
    expect(el.participants).not.toContain(el.responsible);
  });
});
