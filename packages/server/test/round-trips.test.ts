/**
 * Few round trips (issue 16, part 2): the program page's main reads and a single-cell edit each
 * take a small, bounded number of SQL statements, whatever the size of the program, and no request
 * holds more than two of the pool's connections. Counted on the pool (a hook, not a timer).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAudit } from "@orientir/db";
import { createTestApp, logStatements, type Client, type StatementLog, type TestApp } from "@orientir/testing";

let app: TestApp;
let economy: Client;
let admin: Client;
let log: StatementLog;
let mp1 = "";
let mp2 = "";

beforeAll(async () => {
  app = await createTestApp();
  economy = await app.as("economy");
  admin = await app.as("admin");
  const items = (await economy.get("/api/programs")).body.items;
  mp1 = items.find((p: any) => p.code === "MP-1").id;
  mp2 = items.find((p: any) => p.code === "MP-2").id;
  expect((await admin.post(`/api/programs/${mp1}/versions/in-force`, { decreeNumber: "101-п", decreeDate: "2024-12-10" })).status).toBe(
    201,
  );
  log = logStatements(app.ctx.db);
});

afterAll(async () => {
  log?.stop();
  await app?.close();
});

/** The statements of one request (after one unmeasured run, so that caches of the process are warm). */
async function measure(run: () => Promise<{ status: number }>, expected = 200) {
  expect((await run()).status).toBe(expected);
  log.reset();
  const r = await run();
  expect(r.status).toBe(expected);
  return { statements: log.work(), all: log.statements.length, maxHeld: log.maxHeld };
}

const LEVEL = "МП";
const metricsOf = (tree: any) => tree.directions.flatMap((d: any) => d.structuralElements.flatMap((e: any) => e.metrics));

/**
 * What a request may ask of the pool: statements besides BEGIN/COMMIT, and connections at once.
 * The session's look-up is not among them: the process keeps the session (the warm-up run looked it up).
 */
const BOUND = { tree: 1, evaluation: 5, ranking: 4, patch: 3, connections: 2 };
/** A PATCH's round trips in all, BEGIN and COMMIT included (issue 16, part 7). */
const PATCH_ROUND_TRIPS = 3;

describe("statements per request (issue 16, part 2)", () => {
  it("the program's tree: one statement, whatever the program holds", async () => {
    const m = await measure(() => economy.get(`/api/programs/${mp1}/tree`));
    expect(m.statements.length).toBeLessThanOrEqual(BOUND.tree);
    expect(m.maxHeld).toBeLessThanOrEqual(BOUND.connections);
    // a bigger program takes the same statements: MP-2 (a draft) with metrics and values more
    const small = await measure(() => economy.get(`/api/programs/${mp2}/tree`));
    const tree = (await economy.get(`/api/programs/${mp2}/tree`)).body;
    const element = tree.directions[0].structuralElements[0];
    for (let i = 0; i < 3; i++) {
      const metric = await admin.post(`/api/metrics`, {
        elementId: element.id,
        name: `Добавленный ${i}`,
        unit: "ед.",
        trend: "increase",
        level: LEVEL,
      });
      expect(metric.status, JSON.stringify(metric.body)).toBe(201);
      for (const year of [2025, 2026])
        expect((await admin.post(`/api/metric-values`, { metricId: metric.body.id, year, plan: "10" })).status).toBe(201);
    }
    const bigger = await measure(() => economy.get(`/api/programs/${mp2}/tree`));
    expect(metricsOf((await economy.get(`/api/programs/${mp2}/tree`)).body).length).toBe(metricsOf(tree).length + 3);
    expect(small.statements.length).toBe(m.statements.length);
    expect(bigger.statements.length).toBe(m.statements.length);
  });

  it("the program's evaluation with its trace, reading only the year's rows", async () => {
    const m = await measure(() => economy.get(`/api/programs/${mp1}/evaluation?year=2025&asOf=2025-12-31`));
    expect(m.statements.length).toBeLessThanOrEqual(BOUND.evaluation);
    expect(m.maxHeld).toBeLessThanOrEqual(BOUND.connections);
    const load = m.statements.find((s) => s.includes("FROM metric_value"));
    expect(load).toMatch(/FROM metric_value WHERE program_id = \$1 AND year = \$\d/);
    expect(load).toMatch(/FROM metric_month WHERE program_id = \$1 AND year = \$\d/);
  });

  it("the ranking of the municipality's programs, reading only the year's rows", async () => {
    const m = await measure(() => economy.get(`/api/evaluation/ranking?year=2025&asOf=2025-12-31`));
    expect(m.statements.length).toBeLessThanOrEqual(BOUND.ranking);
    expect(m.maxHeld).toBeLessThanOrEqual(BOUND.connections);
    // each metric's value of the year read with the metric (a lateral join), of the municipality and the year only
    expect(m.statements.find((s) => s.includes("FROM metric_value"))).toMatch(
      /FROM metric_value WHERE metric_value\.municipality_id = \$1 AND metric_value\.metric_id = metric\.id AND metric_value\.year = \$\d/,
    );
    // a whole year takes each metric's value of the year: no monthly plan is read
    expect(m.statements.some((s) => s.includes("FROM metric_month"))).toBe(false);
    // during the year, the year's monthly plans (of each program, as its row is computed)
    const during = await measure(() => economy.get(`/api/evaluation/ranking?year=2025&asOf=2025-06-30`));
    expect(during.statements.find((s) => s.includes("FROM metric_month"))).toMatch(
      /FROM metric_month WHERE "program_id" = parent\.id AND year = \$\d/,
    );
  });

  it("the consolidated (annual) report reads only the year it reports", async () => {
    const m = await measure(() => economy.get(`/api/municipality/forms/consolidated-report?year=2025&format=xlsx`));
    const reads = m.statements.filter((s) => /FROM (metric_value|program_indicator_value|checkpoint|budget_execution) /.test(s));
    expect(reads.length).toBeGreaterThan(0);
    for (const s of reads) {
      expect(s).toMatch(
        /FROM metric_value WHERE metric_value\.municipality_id = \$1 AND metric_value\.metric_id = metric\.id AND metric_value\.year = \$\d/,
      );
      expect(s).toMatch(/FROM checkpoint WHERE "program_id" = parent\.id AND planned_date >= make_date\(\$\d/);
      expect(s).not.toMatch(/FROM metric_month/);
    }
  });

  it("a PATCH of one metric value: each row it checks is read once", async () => {
    const tree = (await economy.get(`/api/programs/${mp1}/tree`)).body;
    const mv = tree.directions[0].structuralElements[0].metrics[0].metricValues.find((v: any) => v.year === 2026);
    let version = mv.version;
    let fact = 1;
    const m = await measure(async () => {
      const r = await admin.patch(`/api/metric-values/${mv.id}`, { version, fact: String(fact++) });
      version = r.body.version;
      return r;
    });
    expect(m.statements.length).toBeLessThanOrEqual(BOUND.patch);
    expect(m.maxHeld).toBeLessThanOrEqual(BOUND.connections);
    expect(m.statements.filter((s) => /^UPDATE metric_value/.test(s))).toHaveLength(1);
    // the audit entry in one statement (lock, head, hash, INSERT in `audit_append`)
    expect(m.all).toBeLessThanOrEqual(PATCH_ROUND_TRIPS);
    // the row's lock and everything its rules read: one round trip (`row_context`), with the BEGIN
    expect(m.statements.filter((s) => /^BEGIN;\s*SELECT row_context\(/.test(s))).toHaveLength(1);
    expect(m.all - m.statements.length).toBe(0); // no BEGIN nor COMMIT of their own
    expect(m.statements.some((s) => /FOR UPDATE$/.test(s))).toBe(false);
    // the audit entry in one statement (lock, head, hash, INSERT in `audit_append`), sent with the COMMIT
    expect(m.statements.filter((s) => /^SELECT audit_append\(/.test(s))).toHaveLength(1);
    expect(m.statements.find((s) => /^SELECT audit_append\(/.test(s))).toMatch(/;\s*COMMIT$/);
    expect(new Set(m.statements).size).toBe(m.statements.length); // nothing read twice
    // the entries hashed in PostgreSQL verify as the ones hashed here did
    const chain = await verifyAudit(app.ctx.db);
    expect(chain.checked).toBeGreaterThan(0);
    expect(chain.breaks).toEqual([]);
  });

  it("reads issued together by one request still hold one connection (and a transaction a second)", async () => {
    log.reset();
    // the evaluation's reads and the session's: several at once inside the request, one connection
    const rs = await Promise.all([1, 2, 3].map(() => economy.get(`/api/programs/${mp1}/evaluation?year=2025&asOf=2025-12-31`)));
    for (const r of rs) expect(r.status).toBe(200);
    // three requests at once: each at most two, so at most six together (the pool has five)
    expect(log.maxHeld).toBeLessThanOrEqual(5);
  });
});

describe("the tree reads the monthly plans on demand (issue 16, part 1)", () => {
  it("all of them by default, none with months=none, one year's with months=YYYY", async () => {
    const all = metricsOf((await economy.get(`/api/programs/${mp1}/tree`)).body);
    const months = all.flatMap((m: any) => m.metricMonths);
    expect(months.length).toBeGreaterThan(0);
    const none = await economy.get(`/api/programs/${mp1}/tree?months=none`);
    expect(none.status).toBe(200);
    for (const m of metricsOf(none.body)) expect(m).not.toHaveProperty("metricMonths");
    const year = months[0].year;
    const one = metricsOf((await economy.get(`/api/programs/${mp1}/tree?months=${year}`)).body).flatMap((m: any) => m.metricMonths);
    expect(one).toEqual(months.filter((x: any) => x.year === year));
    expect((await economy.get(`/api/programs/${mp1}/tree?months=12`)).status).toBe(400);
  });

  it("the tree's rows are the rows the resource routes give (same fields, decimals as strings, ISO times)", async () => {
    const tree = (await economy.get(`/api/programs/${mp1}/tree`)).body;
    const mv = tree.directions[0].structuralElements[0].metrics[0].metricValues[0];
    const listed = (await economy.get(`/api/metric-values?metricId=${mv.metricId}`)).body.items.find((x: any) => x.id === mv.id);
    expect(mv).toEqual(listed);
    // the root row is the tree without its children (every list) and warnings
    const root = Object.fromEntries(Object.entries(tree).filter(([k, v]) => !Array.isArray(v) && k !== "warnings"));
    expect(Object.keys(tree)).toEqual(expect.arrayContaining(["directions", "programGoals", "programAnnualReports"]));
    expect(root).toEqual((await economy.get(`/api/programs/${mp1}`)).body);
  });
});
