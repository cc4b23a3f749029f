import { afterAll, describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../src/main.ts";
// the worked example of /work/shared/formats/program-report-v1.md, as the domain's evaluation tests have it
import { WORKED_EXAMPLE as example } from "../../domain/test/evaluation-fixtures.ts";

const root = new URL("../../..", import.meta.url).pathname;
const bin = join(root, "packages/cli/bin/orientir.mjs");
const dir = mkdtempSync(join(tmpdir(), "orientir-evaluate-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(args: string[], input?: string) {
  return spawnSync(process.execPath, [bin, ...args], { encoding: "utf8", input, env: { ...process.env, DATABASE_URL: "" } });
}

describe("npx orientir evaluate", () => {
  it("evaluates a report file and prints the result document of format 1", () => {
    const file = join(dir, "report.json");
    writeFileSync(file, JSON.stringify(example, null, 2));
    const r = run(["evaluate", file]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({
      program: "MP-05",
      rating: "high",
      indicatorsLevel: 100,
      methodology: { preset: "kaluga-220p", version: 1 },
      directions: [
        {
          code: "D-1",
          score: 91.39238010310824,
          budgetLevel: 98.38232118182624,
          elements: [{ code: "D-1.1", metricsLevel: 99.14634146341463, checkpointsLevel: 50 }],
        },
      ],
    });
    // Exact arithmetic: the double nearest to 95.696190051554132…, see docs/EVALUATION.md.
    expect(doc.score).toBe(95.69619005155413);
    expect(doc.trace.join("\n")).toContain("КТсэ = КТф / КТп × 100 = 1 / 2 × 100 = 50");
  });

  it("reads standard input with -, and prints the trace alone with --trace", () => {
    const r = run(["evaluate", "-", "--compact"], JSON.stringify(example));
    expect(r.status).toBe(0);
    expect(r.stdout.trim().split("\n")).toHaveLength(1);
    expect(JSON.parse(r.stdout).score).toBe(95.69619005155413);
    const t = run(["evaluate", "-", "--trace"], JSON.stringify(example));
    expect(t.status).toBe(0);
    expect(t.stdout).toContain("Уровень эффективности: высокий");
    expect(() => JSON.parse(t.stdout)).toThrow();
  });

  it("a report with missing facts and a zero plan: the format's results, by the report's options and by the flags", () => {
    const r = structuredClone(example) as any;
    r.indicators[0].fact = null; // no fact: level 0 and a warning (rule 9)
    r.directions[0].elements[0].metrics.push({
      code: "M-2",
      name: "Число несчастных случаев",
      unit: "ед.",
      trend: "decrease",
      plan: 0,
      fact: 0,
    });
    const text = JSON.stringify(r);
    const def = run(["evaluate", "-"], text);
    expect(def.stderr).toBe("");
    const d = JSON.parse(def.stdout);
    expect(d.indicatorsLevel).toBe(0);
    expect(d.warnings).toEqual([expect.objectContaining({ kind: "indicator", code: "I-1", missingFact: "zero" })]);
    expect(d.preliminary).toBe(false);
    expect(d.directions[0].elements[0].metrics).toEqual([
      { code: "M-1", level: 99.14634146341463 },
      { code: "M-2", level: 100 },
    ]);
    expect(d.completeness).toMatchObject({ withFact: 2, total: 3 });
    expect(d.methodology.rules).toEqual({ missingFact: "zero", zeroEqualsZero: true });
    // the flags override: a preliminary evaluation leaves I-1 out; the literal reading gives M-2 0
    const flags = JSON.parse(run(["evaluate", "-", "--missing-fact", "exclude", "--zero-equals-zero=false"], text).stdout);
    expect(flags.preliminary).toBe(true);
    expect(flags.indicatorsLevel).toBeNull();
    expect(flags.directions[0].elements[0].metrics[1]).toEqual({ code: "M-2", level: 0 });
    expect(flags.methodology.rules).toEqual({ missingFact: "exclude", zeroEqualsZero: false });
    // the report's own options, as the format says
    r.methodology = { preset: "kaluga-220p", missingFact: "exclude", zeroEqualsZero: false };
    expect(JSON.parse(run(["evaluate", "-"], JSON.stringify(r)).stdout)).toEqual(flags);
    const bad = run(["evaluate", "-", "--missing-fact", "skip"], text);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("--missing-fact needs zero or exclude");
  }, 180_000);

  it("refuses an invalid document naming the field and the reason, with a non-zero exit", () => {
    const bad = structuredClone(example) as any;
    bad.directions[0].elements[0].metrics[0].fact = "40650";
    bad.directions[0].funding.cash = "149876.123";
    const r = run(["evaluate", "-"], JSON.stringify(bad));
    expect(r.status).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("directions[0].elements[0].metrics[0].fact: должно быть числом JSON, а не строкой");
    expect(r.stderr).toContain("directions[0].funding.cash: не более 2 знаков после точки");
    const syntax = run(["evaluate", "-"], "{ no");
    expect(syntax.status).toBe(1);
    expect(syntax.stderr).toContain("не является JSON");
    const weights = run(
      ["evaluate", "-"],
      JSON.stringify({ ...example, methodology: { preset: "kaluga-220p", weights: { directionBudget: 0.4 } } }),
    );
    expect(weights.status).toBe(1);
    expect(weights.stderr).toContain("methodology.weights.directionElements: сумма весов directionElements + directionBudget");
  });

  it("evaluates a report naming a municipality's own methodology given its definition (--methodology)", async () => {
    const { KALUGA_220P } = await import("@orientir/domain");
    const own = {
      ...KALUGA_220P,
      id: "gorod-a",
      version: 3,
      name: "Методика города А",
      parameters: { ...KALUGA_220P.parameters, programDirections: "0.8", programIndicators: "0.2" },
    };
    const file = join(dir, "own.json");
    writeFileSync(file, JSON.stringify(own));
    const input = JSON.stringify({ ...example, methodology: { preset: "gorod-a", version: 3 } });
    const unknown = run(["evaluate", "-"], input);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain("methodology.preset: неизвестная методика «gorod-a»");
    const r = run(["evaluate", "-", "--methodology", file], input);
    expect(r.stderr).toBe("");
    const doc = JSON.parse(r.stdout);
    expect(doc.methodology).toMatchObject({ preset: "gorod-a", version: 3 });
    expect(doc.score).toBe(0.8 * 91.39238010310824 + 0.2 * 100);
    const badFile = join(dir, "bad.json");
    writeFileSync(badFile, JSON.stringify({ ...own, root: { ...own.root, kind: "median" } }));
    const bad = run(["evaluate", "-", "--methodology", badFile], input);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain("--methodology.root.kind");
  });

  it("explains itself and refuses wrong usage", async () => {
    const out: string[] = [];
    const io = { out: (s: string) => out.push(s), err: (s: string) => out.push(s) };
    expect(await main(["evaluate", "--help"], io)).toBe(0);
    expect(out.join("\n")).toContain("orientir evaluate FILE");
    expect(run(["--help"]).stdout).toContain("evaluate FILE|-");
    expect(run(["evaluate"]).status).toBe(2);
    expect(run(["evaluate", "a.json", "b.json"]).status).toBe(2);
    const missing = run(["evaluate", join(dir, "nope.json")]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain("cannot read");
  });
});
