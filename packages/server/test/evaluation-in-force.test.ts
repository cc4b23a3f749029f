/**
 * What is evaluated (issue 10, parts 4 and 5), reproduced on the API: only programs in force in
 * the year are ranked and in the consolidated report, on the version in force then; a program
 * without data shows «нет данных», never a score; missing facts never raise a score; the
 * options of rules 9 and 10 come from the request or the municipality's settings.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { municipalityFormData, operatorCaller } from "@orientir/app";
import { createTestApp, type Client, type TestApp } from "@orientir/testing";

let app: TestApp;
let admin: Client;
let economy: Client;
let mp1 = "";
let mp2 = "";
let draft = "";

beforeAll(async () => {
  app = await createTestApp();
  admin = await app.as("admin");
  economy = await app.as("economy");
  const items = (await economy.get("/api/programs")).body.items;
  mp1 = items.find((p: any) => p.code === "MP-1").id;
  mp2 = items.find((p: any) => p.code === "MP-2").id;
  for (const [id, n] of [
    [mp1, "101-п"],
    [mp2, "102-п"],
  ]) {
    expect((await admin.post(`/api/programs/${id}/versions/in-force`, { decreeNumber: n, decreeDate: "2024-12-10" })).status).toBe(201);
  }
  // a draft program created today, 2026–2031, with no data at all
  const deps = (await economy.get("/api/departments")).body.items;
  const created = await economy.post("/api/programs", {
    code: "MP-9",
    name: "Новая программа",
    responsibleDepartmentId: deps[0].id,
    startYear: 2026,
    endYear: 2031,
  });
  expect(created.status).toBe(201);
  draft = created.body.id;
});

afterAll(async () => {
  await app?.close();
});

/** Every fact of a program for a year (indicators and metrics, yearly and monthly) set to empty. */
async function clearFacts(programId: string, year: number): Promise<void> {
  const tree = (await admin.get(`/api/programs/${programId}/tree`)).body;
  const patch = async (path: string, row: any) => {
    if (row.year !== year || row.fact === null) return;
    const r = await admin.patch(`/api/${path}/${row.id}`, { version: row.version, fact: null });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
  };
  for (const i of tree.programIndicators) for (const v of i.programIndicatorValues) await patch("program-indicator-values", v);
  for (const d of tree.directions)
    for (const e of d.structuralElements)
      for (const m of e.metrics) {
        for (const v of m.metricValues) await patch("metric-values", v);
        for (const v of m.metricMonths ?? []) await patch("metric-months", v);
      }
}

describe("only programs in force in the year are evaluated (issue 10, part 4)", () => {
  it("a draft program created today, 2026–2031, with no data does not rank for 2025 and is not in the consolidated report", async () => {
    const r = await economy.get("/api/evaluation/ranking?year=2025");
    expect(r.status).toBe(200);
    expect(r.body.items.map((x: any) => x.code)).toEqual(["MP-1", "MP-2"]);
    expect(r.body.notInForce).toEqual([{ programId: draft, code: "MP-9", name: "Новая программа" }]);
    expect(r.body.preliminary).toBe(false); // 2025 has ended: the annual evaluation
    const data = await municipalityFormData(app.ctx, await operatorCaller(app.ctx.db, "Город А"), 2025);
    expect(data.programs.map((p) => p.code)).toEqual(["MP-1", "MP-2"]);
    expect(Object.keys(data.evaluations).sort()).toEqual(["MP-1", "MP-2"]);
    // not in force in 2026 either: it has no approved version
    expect((await economy.get("/api/evaluation/ranking?year=2026")).body.items.map((x: any) => x.code)).not.toContain("MP-9");
    // its own page: no data for 2025, no score; not an official evaluation
    const own = await economy.get(`/api/programs/${draft}/evaluation-report?year=2025`);
    expect(own.status).toBe(400); // a program without directions cannot be evaluated at all
  });

  it("a program approved after the year was not in force in it", async () => {
    const deps = (await economy.get("/api/departments")).body.items;
    const late = await economy.post("/api/programs", {
      code: "MP-7",
      name: "Поздняя",
      responsibleDepartmentId: deps[0].id,
      startYear: 2025,
      endYear: 2030,
    });
    expect(
      (await admin.post(`/api/programs/${late.body.id}/versions/in-force`, { decreeNumber: "7-п", decreeDate: "2026-02-01" })).status,
    ).toBe(201);
    const r = (await economy.get("/api/evaluation/ranking?year=2025")).body;
    expect(r.items.map((x: any) => x.code)).not.toContain("MP-7");
    expect(r.notInForce.map((x: any) => x.code)).toContain("MP-7");
  });
});

describe("a later amendment does not rewrite a past year's score (issue 10, part 4)", () => {
  it("an amendment approved in 2026 changing the plan of 2025 and 2026: 2025 is evaluated on version 1, 2026 on version 2", async () => {
    const before2025 = (await economy.get(`/api/programs/${mp2}/evaluation?year=2025`)).body;
    const before2026 = (await economy.get(`/api/programs/${mp2}/evaluation?year=2026&asOf=2026-11-30`)).body;
    const v1 = (await economy.get(`/api/programs/${mp2}/versions`)).body.versions.find((v: any) => v.flow === "program" && v.number === 1);
    const doc = (await economy.get(`/api/versions/${v1.id}`)).body.document;
    for (const i of doc.indicators)
      for (const v of i.values) if (v.plan !== null && v.plan !== undefined) v.plan = String(Number(v.plan) * 2);
    // the amendment as the workflow stores it when approved (decree of 1 March 2026)
    await app.ctx.db.query(
      `INSERT INTO program_version (municipality_id, program_id, flow, number, kind, status, based_on_id, document, decree_number, decree_date, approved_at)
       SELECT municipality_id, program_id, 'program', 2, 'amendment', 'approved', id, $2::jsonb, '260-п', '2026-03-01', now() FROM program_version WHERE id = $1`,
      [v1.id, JSON.stringify(doc)],
    );
    const after2025 = (await economy.get(`/api/programs/${mp2}/evaluation?year=2025`)).body;
    expect(after2025.inForce).toMatchObject({ number: 1 });
    expect(after2025.score).toBe(before2025.score);
    expect(after2025.indicators).toEqual(before2025.indicators);
    const after2026 = (await economy.get(`/api/programs/${mp2}/evaluation?year=2026&asOf=2026-11-30`)).body;
    expect(after2026.inForce).toMatchObject({ number: 2, decreeNumber: "260-п", decreeDate: "2026-03-01" });
    const report2026 = (await economy.get(`/api/programs/${mp2}/evaluation-report?year=2026&asOf=2026-11-30`)).body;
    const report2026before = (await economy.get(`/api/programs/${mp2}/evaluation-report?year=2026&asOf=2026-02-28`)).body;
    expect(report2026.indicators[0].plan).toBe(report2026before.indicators[0].plan * 2);
    expect(before2026.inForce).toMatchObject({ number: 1 });
    // the ranking of 2025 is that of version 1
    const ranking = (await economy.get("/api/evaluation/ranking?year=2025")).body.items.find((x: any) => x.code === "MP-2");
    expect(ranking.score).toBe(before2025.score);
  });
});

describe("missing data never gives a high score (issue 10, parts 4 and 5)", () => {
  it("every fact of MP-1 for 2025 empty: «нет данных», no score, every value warned of; it ranks below the programs with data", async () => {
    const before = (await economy.get(`/api/programs/${mp1}/evaluation?year=2025`)).body;
    expect(before.rating).toBe("high");
    expect(before.noData).toBe(false);
    await clearFacts(mp1, 2025);
    const e = (await economy.get(`/api/programs/${mp1}/evaluation?year=2025`)).body;
    expect(e.noData).toBe(true);
    expect(e).toMatchObject({ score: null, scoreDisplay: null, rating: null, ratingLabel: "нет данных", preliminary: false });
    expect(e.completeness).toEqual({ indicators: { withFact: 0, total: 1 }, metrics: { withFact: 0, total: 2 }, withFact: 0, total: 3 });
    expect(e.warnings).toHaveLength(3);
    expect(e.warnings.map((w: any) => w.kind).sort()).toEqual(["indicator", "metric", "metric"]);
    expect(e.warnings.every((w: any) => w.missingFact === "zero" && w.message === "нет фактического значения")).toBe(true);
    expect(e.indicatorsLevel).toBe(0);
    const ranking = (await economy.get("/api/evaluation/ranking?year=2025")).body.items;
    expect(ranking.map((x: any) => [x.code, x.place, x.noData])).toEqual([
      ["MP-2", 1, false],
      ["MP-1", null, true],
    ]);
    expect(ranking[1]).toMatchObject({ score: null, rating: null, error: null, completeness: { withFact: 0, total: 3 } });
    // in the consolidated report: no score, «нет данных»
    const data = await municipalityFormData(app.ctx, await operatorCaller(app.ctx.db, "Город А"), 2025);
    expect(data.evaluations["MP-1"]).toBeUndefined();
    expect(data.noData).toEqual(["MP-1"]);
  });

  it("a preliminary evaluation on request (missingFact=exclude) is marked; zeroEqualsZero and bad values are read", async () => {
    const p = (await economy.get(`/api/programs/${mp2}/evaluation?year=2025&missingFact=exclude&zeroEqualsZero=false`)).body;
    expect(p.preliminary).toBe(true);
    expect(p.methodology.rules).toEqual({ missingFact: "exclude", zeroEqualsZero: false });
    const report = (await economy.get(`/api/programs/${mp2}/evaluation-report?year=2025&missingFact=exclude`)).body;
    expect(report.methodology).toMatchObject({ missingFact: "exclude", zeroEqualsZero: true });
    // during the year the default is the preliminary evaluation
    expect((await economy.get(`/api/programs/${mp2}/evaluation?year=2026&asOf=2026-05-15`)).body.preliminary).toBe(true);
    const bad = await economy.get(`/api/programs/${mp2}/evaluation?year=2025&missingFact=skip`);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.error.issues)).toContain("missingFact");
  });

  it("the municipality's settings choose the rules; the request overrides them", async () => {
    const s = (await economy.get("/api/evaluation/settings")).body;
    expect(s).toMatchObject({ missingFact: null, zeroEqualsZero: true });
    const saved = await economy.request("PUT", "/api/evaluation/settings", {
      version: s.version,
      preset: "kaluga-220p",
      presetVersion: null,
      missingFact: "exclude",
      zeroEqualsZero: false,
    });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ missingFact: "exclude", zeroEqualsZero: false });
    expect((await economy.get(`/api/programs/${mp2}/evaluation?year=2025`)).body.methodology.rules).toEqual({
      missingFact: "exclude",
      zeroEqualsZero: false,
    });
    expect((await economy.get(`/api/programs/${mp2}/evaluation?year=2025&missingFact=zero`)).body.preliminary).toBe(false);
    const back = await economy.request("PUT", "/api/evaluation/settings", {
      version: saved.body.version,
      preset: "kaluga-220p",
      presetVersion: null,
    });
    expect(back.body).toMatchObject({ missingFact: null, zeroEqualsZero: true });
  });
});

describe("the ranking follows the record of execution (issue 16: nothing of an earlier ranking kept stale)", () => {
  it("a changed fact changes the program's place in the ranking at once, and its score is its evaluation's", async () => {
    const rank = async () => (await economy.get(`/api/evaluation/ranking?year=2025&asOf=2025-12-31`)).body.items as any[];
    const scoreOf = async (id: string) => (await economy.get(`/api/programs/${id}/evaluation?year=2025&asOf=2025-12-31`)).body.score;
    const first = await rank();
    const scored = first.find((i) => i.score !== null);
    expect(scored).toBeDefined();
    expect(scored.score).toBe(await scoreOf(scored.programId));
    // a metric value of 2025 with a plan, its fact set far from the plan
    const tree = (await economy.get(`/api/programs/${scored.programId}/tree`)).body;
    const metric = tree.directions
      .flatMap((d: any) => d.structuralElements.flatMap((e: any) => e.metrics))
      .find((m: any) => m.metricValues.some((v: any) => v.year === 2025 && v.plan !== null && Number(v.plan) > 0));
    expect(metric).toBeDefined();
    const value = metric.metricValues.find((v: any) => v.year === 2025);
    // far on the wrong side of the plan, so that the level of the metric falls
    const fact = metric.trend === "decrease" ? String(Number(value.plan) * 10) : "0";
    const upd = await admin.patch(`/api/metric-values/${value.id}`, { version: value.version, fact, justification: "Проверка рейтинга" });
    expect(upd.status, JSON.stringify(upd.body)).toBe(200);
    try {
      const changed = (await rank()).find((i) => i.programId === scored.programId);
      expect(changed.score).toBe(await scoreOf(scored.programId));
      expect(changed.score).not.toBe(scored.score);
    } finally {
      const back = await admin.patch(`/api/metric-values/${value.id}`, {
        version: upd.body.version,
        fact: value.fact,
        justification: value.justification,
      });
      expect(back.status, JSON.stringify(back.body)).toBe(200);
    }
    expect((await rank()).find((i) => i.programId === scored.programId).score).toBe(scored.score);
  });
});
