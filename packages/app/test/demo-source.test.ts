/**
 * The demo reproduces its sources where they give a value (issue 11, part 4): the appendices of
 * Kaluga's action plan in source 000 and the Kant strategy's sections III and IV in source 001 are
 * read here from copies of the source files (test/fixtures/sources/, from shared/domain/sources/) and compared with the demo's
 * data — the plan's indicators with their plan of 2020–2023 and responsible body, the activities'
 * funding, the priority projects with their kind, the eleven projects of the next plan; Kant's
 * problems and goals in its own words.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  KALUGA,
  KANT,
  NEXT_PLAN_PRIORITY_PROJECTS,
  SOURCE_PLAN_ACTIVITIES,
  SOURCE_PLAN_INDICATORS,
  SOURCE_PRIORITY_PROJECTS,
} from "@orientir/db/demo";

// copies of the project's source documents 000 and 001 (shared/domain/sources/, outside the repository),
// kept beside the test so that it runs from any clone
const SOURCES = new URL("./fixtures/sources/", import.meta.url);
const read = (file: string) => readFileSync(new URL(file, SOURCES), "utf8").split("\n");
const S000 = read("000_f94694af1a25ca89.txt");
const S001 = read("001_c49519f759f66a28.txt");

/** The tab-separated cells of the source line `line` (1-based, as cited in kaluga-source.ts). */
const cells = (line: number) => S000[line - 1]!.split("\t").map((c) => c.trim());
/**
 * A number as the source writes it: «347,150» (a decimal comma), «+1 872», «-2,537» people (a
 * thousands comma: a count of people has no fraction), «15 423,3».
 */
const num = (s: string, people = false) => Number(s.replace(/[+\s]/g, "").replace(",", people ? "" : "."));

describe("Kaluga, action plan 2021–2023, appendix 2 (source 000, lines 159–163)", () => {
  it("the five indicators: names, plan of 2020–2023 and the responsible body, as the source gives them", () => {
    SOURCE_PLAN_INDICATORS.forEach((ind, k) => {
      const c = cells(159 + k);
      expect(c[0]).toBe(String(k + 1));
      expect(c[1]).toBe(ind.name);
      const people = ind.unit === "чел.";
      expect([2020, 2021, 2022, 2023].map((y, j) => num(c[2 + j]!, people))).toEqual(
        [ind.plan[2020], ind.plan[2021], ind.plan[2022], ind.plan[2023]].map(Number),
      );
      expect(c[6]).toBe(ind.responsible);
    });
  });

  it("the demo's plan carries them: 2020 as the base, 2021–2023 as the plan; the population's figures are not facts", () => {
    const plan = KALUGA.actionPlan!;
    SOURCE_PLAN_INDICATORS.forEach((src, k) => {
      const ind = plan.indicators[k]!;
      expect(ind).toMatchObject({ code: src.code, name: src.name, baseValue: src.plan[2020] });
      expect(ind.values.map((v) => [v.year, v.plan])).toEqual([
        [2021, src.plan[2021]],
        [2022, src.plan[2022]],
        [2023, src.plan[2023]],
      ]);
    });
    expect(plan.indicators[0]!.values.every((v) => v.fact === null)).toBe(true);
    // the strategy's population indicator: 347,150 … 352,415 are its targets of 2020–2023, not facts
    const population = KALUGA.strategy!.indicators.find((i) => i.code === "С1.1")!;
    expect(population.values.filter((v) => v.year <= 2023).map((v) => [v.year, v.target, v.fact])).toEqual([
      [2020, "347.150", null],
      [2021, "348.055", null],
      [2022, "349.195", null],
      [2023, "352.415", null],
    ]);
  });
});

describe("Kaluga, appendix 1 (source 000, lines 139–141)", () => {
  it("activities 1–3: names, responsible and funding of 2021–2023", () => {
    SOURCE_PLAN_ACTIVITIES.forEach((a, k) => {
      const c = cells(139 + k);
      expect(c[1]).toBe(a.name);
      expect(c[5]).toBe(a.responsible);
      expect(c.slice(2, 5).map((x) => num(x.replace(/^[^\d]+/, "")))).toEqual(a.funding.map((f) => Number(f.amount)));
      const doc = KALUGA.actionPlan!.activities[k]!;
      expect(doc.name).toBe(a.name);
      expect(doc.funding).toEqual(a.funding);
    });
  });
});

describe("Kaluga, appendix 3 (source 000, lines 176–180)", () => {
  it("each project's object, kind («Приоритетному» / «Стратегическому»), term, responsible and funding", () => {
    SOURCE_PRIORITY_PROJECTS.forEach((p, k) => {
      const c = cells(176 + k);
      expect(c[2]).toBe(p.object);
      expect(c[3]).toBe(p.kind === "priority" ? "Приоритетному" : "Стратегическому");
      expect(c[4]).toBe(p.term);
      expect(c[6]).toBe(p.responsibleText);
      const amounts = [...c[5]!.matchAll(/(\d[\d ]*,\d)/g)].map((m) => num(m[1]!));
      expect(amounts).toEqual(p.funding.map((f) => Number(f.amount)));
      if (p.funding.length === 0) expect(c[5]).toBe("Финансирование не определено");
    });
    expect(SOURCE_PRIORITY_PROJECTS.map((p) => p.kind)).toEqual(["priority", "priority", "priority", "strategic", "strategic"]);
    expect(KALUGA.actionPlan!.priorityProjects.slice(0, 5).map((p) => p.name)).toEqual(SOURCE_PRIORITY_PROJECTS.map((p) => p.name));
  });

  it("the eleven priority projects of the new plan (lines 317–327) are the next plan's, in draft", () => {
    const start = S000.findIndex((l) => l.trim() === "ПРИОРИТЕТНЫЕ ПРОЕКТЫ НОВОГО ПЛАНА");
    const listed = S000.slice(start + 1)
      .filter((l) => l.trim() !== "")
      .slice(0, 11)
      .map((l) => l.replace(/^- /, "").trim());
    expect(NEXT_PLAN_PRIORITY_PROJECTS.map((n) => n.toUpperCase())).toEqual(listed);
    const next = KALUGA.nextActionPlans![0]!;
    expect(next.draft).toBe(true);
    expect(next.priorityProjects.map((p) => p.name)).toEqual([...NEXT_PLAN_PRIORITY_PROJECTS]);
    expect(next.priorityProjects.every((p) => p.funding.length === 0 && !p.object && !p.plannedWorks)).toBe(true);
  });
});

describe("Kant (source 001): the problems of section III and the goals in the source's words", () => {
  it("five problems, word for word, each answered by at least one priority", () => {
    const problems = KANT.strategy!.problems!;
    expect(problems).toHaveLength(5);
    for (const p of problems) {
      expect(S001).toContain(`${p.code}. ${p.name}`);
      expect(p.priorities.length).toBeGreaterThan(0);
    }
  });

  it("the strategic goals of section IV and every priority's goal are the source's text", () => {
    const text = S001.join("\n").toLowerCase();
    for (const g of KANT.strategy!.goals) expect(S001).toContain(g.name);
    for (const p of KANT.strategy!.priorities) {
      for (const part of p.goals[0]!.name.split("; ")) expect(text).toContain(part.toLowerCase());
    }
  });
});
