/**
 * The evaluation API on the fixture (packages/testing/src/fixture.ts): numbers worked out by hand,
 * the same numbers from the command line (`export-report | evaluate`) and from the domain on the
 * exported report, a changed fact changing the score and the trace, the ranking, the strategy and
 * plan summaries, and bad input.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { evaluateProgramReport } from "@orientir/domain";
import { createTestApp, type Client, type TestApp } from "@orientir/testing";

const root = new URL("../../..", import.meta.url).pathname;
const bin = join(root, "packages/cli/bin/orientir.mjs");

let app: TestApp;
let admin: Client;
let economy: Client;
let finance: Client;
let mp1 = "";
let mp2 = "";

function cli(args: string[], input?: string) {
  return spawnSync(process.execPath, [bin, ...args], { encoding: "utf8", input, env: { ...process.env, DATABASE_URL: app.ctx.db.url } });
}

beforeAll(async () => {
  app = await createTestApp();
  economy = await app.as("economy");
  finance = await app.as("finance");
  admin = await app.as("admin");
  const items = (await economy.get("/api/programs")).body.items;
  mp1 = items.find((p: any) => p.code === "MP-1").id;
  mp2 = items.find((p: any) => p.code === "MP-2").id;
  // Both programs are in force from decrees of December 2024: the years 2025–2030 are evaluated on them.
  for (const [id, n] of [
    [mp1, "101-п"],
    [mp2, "102-п"],
  ]) {
    const r = await admin.post(`/api/programs/${id}/versions/in-force`, { decreeNumber: n, decreeDate: "2024-12-10" });
    expect(r.status).toBe(201);
  }
});

afterAll(async () => {
  await app?.close();
});

describe("evaluation of a stored program", () => {
  it("gives the numbers worked out by hand for MP-1, 2025", async () => {
    const r = await economy.get(`/api/programs/${mp1}/evaluation?year=2025&asOf=2025-12-31`);
    expect(r.status).toBe(200);
    const e = r.body;
    // Indicator И1: plan 55, fact 54 → 54/55 × 100. Metric П1: 11 of 11 → 100. Checkpoints all in 2026 → none due → 100.
    expect(e.indicators).toEqual([{ code: "И1", level: (54 / 55) * 100 }]);
    expect(e.indicatorsLevel).toBe(98.18181818181819);
    for (const d of e.directions) {
      expect(d.elements[0]).toMatchObject({ metricsLevel: 100, checkpointsLevel: 100, score: 100, checkpoints: { due: 0, achieved: 0 } });
      // Budget 2025, quarter 4: cash 950.00 of schedule 1000.50 → 94.9525237381309…
      expect(d.budgetLevel).toBe(94.95252373813094);
      expect(d.score).toBe(97.47626186906547); // (100 + 94.952…) / 2
    }
    // ОЭмп = 0.5 × 97.476… + 0.5 × 98.181… = 97.829040…
    expect(e.score).toBeCloseTo(97.82904002543, 10);
    expect(e.scoreDisplay).toBe("97.83");
    expect(e.rating).toBe("high");
    expect(e.methodology).toMatchObject({ preset: "kaluga-220p", version: 1 });
    expect(e.trace.join("\n")).toContain("А = кассовое исполнение / план × 100 = 950,00 / 1000,50 × 100 = ≈94,95");
    expect(e.explanation.level).toBe("program");
  });

  it("the API, the domain on the exported report and the command line give the same numbers", async () => {
    const api = (await economy.get(`/api/programs/${mp1}/evaluation?year=2025&asOf=2025-12-31`)).body;
    const report = (await economy.get(`/api/programs/${mp1}/evaluation-report?year=2025&asOf=2025-12-31`)).body;
    expect(report.format).toBe("orientir.program-report/1");
    expect(report.directions[0].funding).toEqual({ plan: "1000.50", cash: "950.00" });
    const exported = cli(["export-report", "MP-1", "--year", "2025", "--as-of", "2025-12-31", "--municipality", "Город А"]);
    expect(exported.stderr).toBe("");
    expect(exported.status).toBe(0);
    expect(JSON.parse(exported.stdout)).toEqual(report);
    const evaluated = cli(["evaluate", "-"], exported.stdout);
    expect(evaluated.status).toBe(0);
    const fromCli = JSON.parse(evaluated.stdout);
    const { programId, inForce, ...apiDoc } = api;
    expect(programId).toBe(mp1);
    expect(inForce).toMatchObject({ number: 1, decreeDate: "2024-12-10" });
    expect(fromCli).toEqual(apiDoc);
    expect(evaluateProgramReport(report)).toEqual(apiDoc);
    // the rules of the export: the flags, as the API's query
    const pre = cli([
      "export-report",
      "MP-1",
      "--year",
      "2025",
      "--as-of",
      "2025-12-31",
      "--municipality",
      "Город А",
      "--missing-fact",
      "exclude",
      "--zero-equals-zero",
      "false",
    ]);
    expect(pre.stderr).toBe("");
    expect(JSON.parse(pre.stdout)).toEqual(
      (await economy.get(`/api/programs/${mp1}/evaluation-report?year=2025&asOf=2025-12-31&missingFact=exclude&zeroEqualsZero=false`)).body,
    );
    expect(JSON.parse(pre.stdout).methodology).toMatchObject({ missingFact: "exclude", zeroEqualsZero: false });
  }, 90_000);

  it("a changed fact changes the score, the rating and the trace", async () => {
    const tree = (await economy.get(`/api/programs/${mp1}/tree`)).body;
    const value = tree.programIndicators[0].programIndicatorValues.find((v: any) => v.year === 2025);
    const before = (await economy.get(`/api/programs/${mp1}/evaluation?year=2025&asOf=2025-12-31`)).body;
    const upd = await economy.patch(`/api/program-indicator-values/${value.id}`, { version: value.version, fact: "40" });
    expect(upd.status).toBe(200);
    try {
      const after = (await economy.get(`/api/programs/${mp1}/evaluation?year=2025&asOf=2025-12-31`)).body;
      expect(after.indicatorsLevel).toBe((40 / 55) * 100);
      expect(after.score).toBeLessThan(before.score);
      // 0.5 × 97.476… + 0.5 × 72.727… = 85.10…: from high to satisfactory
      expect(after.score).toBeCloseTo(0.5 * 97.47626186906547 + 0.5 * ((40 / 55) * 100), 10);
      expect(before.rating).toBe("high");
      expect(after.rating).toBe("satisfactory");
      expect(after.trace.join("\n")).toContain("40 / 55 × 100");
    } finally {
      const restore = await economy.patch(`/api/program-indicator-values/${value.id}`, { version: upd.body.version, fact: "54" });
      expect(restore.status).toBe(200);
    }
  });

  it("a direction without funding for the year has no А; a mid-year date takes the quarter that ended", async () => {
    const midYear = (await economy.get(`/api/programs/${mp1}/evaluation-report?year=2026&asOf=2026-05-15`)).body;
    expect(midYear.directions[0].funding).toEqual({ plan: "1000.50", cash: "200.10" });
    // Months 3, 6, 9, 12 of 2026 are planned; by 15 May only March has ended: plan 3, fact unknown.
    expect(midYear.directions[0].elements[0].metrics).toEqual([expect.objectContaining({ plan: 3, fact: null })]);
    const early = (await economy.get(`/api/programs/${mp1}/evaluation?year=2026&asOf=2026-02-01`)).body;
    expect(early.directions.every((d: any) => d.budgetLevel === null)).toBe(true);
    expect(early.trace.join("\n")).toContain("направление без финансирования");
    // Checkpoint planned 2026-03-20 is due by 2026-05-15 and not achieved: КТсэ 0.
    const may = (await economy.get(`/api/programs/${mp1}/evaluation?year=2026&asOf=2026-05-15`)).body;
    expect(may.directions[0].elements[0].checkpoints).toEqual({ due: 1, achieved: 0 });
    expect(may.directions[0].elements[0].checkpointsLevel).toBe(0);
  });

  it("refuses bad input naming the field", async () => {
    const noYear = await economy.get(`/api/programs/${mp1}/evaluation`);
    expect(noYear.status).toBe(400);
    expect(JSON.stringify(noYear.body.error.issues)).toContain("year");
    const badDate = await economy.get(`/api/programs/${mp1}/evaluation?year=2025&asOf=31.12.2025`);
    expect(badDate.status).toBe(400);
    expect(JSON.stringify(badDate.body.error.issues)).toContain("asOf");
    const badDay = await economy.get(`/api/programs/${mp1}/evaluation?year=2025&asOf=2025-02-30`);
    expect(badDay.status).toBe(400);
    expect(badDay.body.error.issues[0].path).toMatch(/(^|\.)asOf$/);
    const bad = await economy.get(`/api/strategies/00000000-0000-0000-0000-000000000000/summary?achievedFrom=90&negativeBelow=95`);
    expect([400, 404]).toContain(bad.status);
  });
});

describe("ranking of the municipality's programs", () => {
  it("orders by score with rating and weakest direction; a program that cannot be evaluated says why", async () => {
    // MP-2: direction 2 gets less cash, so it is the weakest and MP-2 ranks below MP-1.
    const tree = (await finance.get(`/api/programs/${mp2}/tree`)).body;
    const dir2 = tree.directions.find((d: any) => d.code === "2");
    const row = dir2.budgetExecution.find((b: any) => b.year === 2025 && b.quarter === 4);
    const upd = await finance.patch(`/api/budget-execution/${row.id}`, { version: row.version, cash: "500.25" });
    expect(upd.status).toBe(200);
    const r = await economy.get("/api/evaluation/ranking?year=2025&asOf=2025-12-31");
    expect(r.status).toBe(200);
    // the methodology by its title, not its preset code
    expect(r.body.methodology).toBe(
      "«Оценка эффективности муниципальных программ (постановление 220-п, приложение 1 к порядку оценки)», версия 1",
    );
    const [first, second] = r.body.items;
    expect(first).toMatchObject({ code: "MP-1", place: 1, rating: "high", error: null });
    expect(second).toMatchObject({ code: "MP-2", place: 2, error: null });
    expect(second.weakestDirection).toMatchObject({ code: "2", score: (100 + 50) / 2 }); // 500.25 / 1000.50 = 50 %
    const single = (await economy.get(`/api/programs/${mp2}/evaluation?year=2025&asOf=2025-12-31`)).body;
    expect(second.score).toBe(single.score);
    expect(second.rating).toBe(single.rating);

    expect(r.body.notInForce).toEqual([]);
    expect(first.completeness).toEqual({
      indicators: { withFact: 1, total: 1 },
      metrics: { withFact: 2, total: 2 },
      withFact: 3,
      total: 3,
    });
    expect(first.inForce).toMatchObject({ number: 1, decreeNumber: "101-п", decreeDate: "2024-12-10" });

    // A program in force whose direction has no elements cannot be evaluated; the ranking says where, after those with a score.
    const deps = (await economy.get("/api/departments")).body.items;
    const p = await economy.post("/api/programs", {
      code: "MP-8",
      name: "Неполная",
      responsibleDepartmentId: deps[0].id,
      startYear: 2025,
      endYear: 2030,
    });
    expect(p.status).toBe(201);
    expect(
      (
        await economy.post("/api/directions", {
          programId: p.body.id,
          code: "1",
          name: "Пустое направление",
          coExecutorDepartmentId: dir2.coExecutorDepartmentId,
        })
      ).status,
    ).toBe(201);
    expect(
      (await admin.post(`/api/programs/${p.body.id}/versions/in-force`, { decreeNumber: "108-п", decreeDate: "2024-12-10" })).status,
    ).toBe(201);
    const again = (await economy.get("/api/evaluation/ranking?year=2025&asOf=2025-12-31")).body.items;
    expect(again.map((x: any) => x.code)).toEqual(["MP-1", "MP-2", "MP-8"]);
    const broken = again.find((x: any) => x.code === "MP-8");
    expect(broken).toMatchObject({ place: null, score: null, rating: null });
    expect(broken.error).toContain("directions[0].elements");
    const single2 = await economy.get(`/api/programs/${p.body.id}/evaluation?year=2025`);
    expect(single2.status).toBe(400);
    expect(single2.body.error.issues[0].path).toBe("directions[0].elements");
  });
});

describe("strategy and action-plan summaries", () => {
  it("classes the indicators and counts them per goal and in total, with the plan/fact series", async () => {
    const sid = (await economy.get("/api/strategies")).body.items[0].id;
    const s = await economy.get(`/api/strategies/${sid}/summary`);
    expect(s.status).toBe(200);
    // С1 2025: target 60, fact 58 → 96.67 %: not achieved, not below 90 %, above the base 40 → in progress.
    expect(s.body.year).toBe(2025);
    expect(s.body.counts).toEqual({ achieved: 0, inProgress: 1, negative: 0, noData: 0, total: 1 });
    expect(s.body.byGoal).toEqual([{ goal: "1", counts: s.body.counts }]);
    expect(s.body.indicators[0]).toMatchObject({ code: "С1", status: "inProgress", levelDisplay: "96.67" });
    expect(s.body.series[0].values).toEqual([{ year: 2025, plan: "60", fact: "58" }]);
    expect(s.body.rule).toContain("не ниже 100\u00a0%");
    const strict = await economy.get(`/api/strategies/${sid}/summary?achievedFrom=100&negativeBelow=97`);
    expect(strict.body.counts.negative).toBe(1);
    const lenient = await economy.get(`/api/strategies/${sid}/summary?achievedFrom=95&worseThanPrevious=false`);
    expect(lenient.body.counts.achieved).toBe(1);
    const wrong = await economy.get(`/api/strategies/${sid}/summary?achievedFrom=90&negativeBelow=95`);
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.issues[0].path).toBe("thresholds.negativeBelow");

    const pid = (await economy.get("/api/action-plans")).body.items[0].id;
    const p = await economy.get(`/api/action-plans/${pid}/summary?year=2025`);
    expect(p.status).toBe(200);
    // ПП1 2025: plan 55, fact 56 → achieved; it names no goal.
    expect(p.body.counts).toEqual({ achieved: 1, inProgress: 0, negative: 0, noData: 0, total: 1 });
    expect(p.body.byGoal).toEqual([{ goal: null, counts: p.body.counts }]);
    expect((await economy.get(`/api/action-plans/${pid}/summary?year=2027`)).body.counts.noData).toBe(1);
  });
});

describe("the municipality's own methodology", () => {
  it("new parameters become a new version; the programs are evaluated by it; the CLI agrees given its definition", async () => {
    const before = (await economy.get(`/api/programs/${mp1}/evaluation?year=2025&asOf=2025-12-31`)).body;
    expect(before.rating).toBe("high"); // 97.83 ≥ 95
    const created = await economy.post("/api/evaluation/methodologies", {
      basedOn: { preset: "kaluga-220p" },
      parameters: { ratingHigh: "98", ratingSatisfactory: "85" },
      comment: "решение 2026 года",
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ preset: "kaluga-220p", version: 2, builtin: false, isDefault: false });
    // Not chosen yet: still version 1.
    expect((await economy.get(`/api/programs/${mp1}/evaluation?year=2025&asOf=2025-12-31`)).body.methodology.version).toBe(1);
    const settings = (await economy.get("/api/evaluation/settings")).body;
    const saved = await economy.request("PUT", "/api/evaluation/settings", {
      version: settings.version,
      preset: "kaluga-220p",
      presetVersion: null,
    });
    expect(saved.status).toBe(200);
    const after = (await economy.get(`/api/programs/${mp1}/evaluation?year=2025&asOf=2025-12-31`)).body;
    expect(after.methodology).toMatchObject({ preset: "kaluga-220p", version: 2, parameters: { ratingHigh: "98" } });
    expect(after.score).toBe(before.score);
    expect(after.rating).toBe("satisfactory"); // 97.83 < 98
    expect(after.trace.join("\n")).toContain("не ниже 98 — высокий");
    const list = (await economy.get("/api/evaluation/methodologies")).body;
    expect(list.items.find((m: any) => m.isDefault)).toMatchObject({ preset: "kaluga-220p", version: 2 });

    // The exported report pins the version; the CLI needs the definition to evaluate it, and then agrees.
    const exported = cli(["export-report", "MP-1", "--year", "2025", "--as-of", "2025-12-31", "--municipality", "Город А"]);
    expect(JSON.parse(exported.stdout).methodology).toEqual({
      preset: "kaluga-220p",
      version: 2,
      missingFact: "zero",
      zeroEqualsZero: true,
    });
    const without = cli(["evaluate", "-"], exported.stdout);
    expect(without.status).toBe(1);
    expect(without.stderr).toContain("methodology.version");
    const file = join(mkdtempSync(join(tmpdir(), "orientir-m-")), "methodologies.json");
    writeFileSync(file, JSON.stringify(list));
    const withDef = cli(["evaluate", "-", "--methodology", file], exported.stdout);
    expect(withDef.stderr).toBe("");
    const { programId: _id, inForce: _v, ...apiDoc } = after;
    expect(JSON.parse(withDef.stdout)).toEqual(apiDoc);

    // A bad tree is refused with the path; a stale settings version is a conflict.
    const bad = await economy.post("/api/evaluation/methodologies", { parameters: { elementMetrics: "0.6" } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues[0].path).toBe("parameters.elementMetrics");
    const unknown = await economy.post("/api/evaluation/methodologies", { parameters: { bonus: "1" } });
    expect(unknown.body.error.issues[0].path).toBe("parameters.bonus");
    const stale = await economy.request("PUT", "/api/evaluation/settings", {
      version: settings.version,
      preset: "kaluga-220p",
      presetVersion: 1,
    });
    expect(stale.status).toBe(409);
    const missing = await economy.request("PUT", "/api/evaluation/settings", {
      version: saved.body.version,
      preset: "kaluga-220p",
      presetVersion: 9,
    });
    expect(missing.status).toBe(400);
    expect(missing.body.error.issues[0].path).toBe("presetVersion");

    // Thresholds of the indicator classes are the municipality's too.
    const sid = (await economy.get("/api/strategies")).body.items[0].id;
    const t = await economy.request("PUT", "/api/evaluation/settings", {
      version: saved.body.version,
      preset: "kaluga-220p",
      presetVersion: 1,
      thresholds: { negativeBelow: "97" },
    });
    expect(t.status).toBe(200);
    const summary = (await economy.get(`/api/strategies/${sid}/summary`)).body;
    expect(summary.thresholds).toEqual({ achievedFrom: "100", negativeBelow: "97", worseThanPrevious: true });
    expect(summary.counts.negative).toBe(1); // 96.67 % < 97 %
    expect((await economy.get(`/api/programs/${mp1}/evaluation?year=2025&asOf=2025-12-31`)).body.rating).toBe("high"); // back to version 1
    // The audit log has both changes.
    const log = (await economy.get("/api/audit?limit=50")).body.items.map((e: any) => e.action);
    expect(log).toEqual(expect.arrayContaining(["evaluationMethodology.create", "evaluationSetting.update"]));
  }, 60_000);
});
