/**
 * Fast on real history (issue 16, parts 5 and 7):
 * `npx tsx bench/history.ts [--seconds S] [--municipalities N] [--parts http,probe,region,phases] [--explain] [--samples] [--profile FILE] [--profile-patch FILE] [--profile-tree FILE] [--profile-probe FILE]`
 * (or `npm run bench -- history`; DATABASE_URL or an embedded PostgreSQL in a temporary folder).
 * The data: one municipality stored through the application, copied by set-based SQL
 * (clone-municipality.ts) to the others, history added in bulk — a few minutes for the 300.
 *
 * Each figure beside its floor, measured in the same run on the same machine:
 * 1. the program page's main API call (GET /api/programs/:id/tree, signed in) vs a bare Fastify
 *    route answering the same JSON from one SQL query — throughput at 20 connections (floor ≥ 25 %);
 * 2. a PATCH of a metric value (the use case: permission, rules, locks, audit entry) vs a bare
 *    Fastify route doing one UPDATE plus one audit INSERT (≥ 40 %);
 * 3. the ranking of 25 programs with six years of values and monthly plans vs the plain SQL
 *    aggregate over the year's rows (≤ 10 ×) and vs the same ranking with one year of values (≤ 1.5 ×);
 * 4. the event loop during rankings of the six-year municipality (requests in a loop): its delay
 *    and a probe request's latency, with the compute workers and without them;
 * 5. N municipalities (default 300) of 25 programs (one year each) ranked from the database, several
 *    at a time, the computation in the worker pool; the ratio to the in-memory evaluation of the
 *    same reports in one thread.
 * The load average is printed with the table (the machine may be shared).
 *
 * The load comes from this process (fetch at 20 connections, `accept-encoding: identity` for both
 * sides), so both sides share the machine the same way. Prints a Markdown table.
 */
import { randomUUID } from "node:crypto";
import { createHash } from "node:crypto";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import inspector from "node:inspector/promises";
import type { AddressInfo } from "node:net";
import { availableParallelism, loadavg } from "node:os";
import Fastify from "fastify";
import pg from "pg";
import { evaluateReport, type ProgramDocument, type ProgramReport } from "@orientir/domain";
import { Db, listApprovedProgramVersions, type Streamable } from "@orientir/db";
import {
  createContext,
  evaluationRanking,
  seedMunicipalities,
  programsInForce,
  programRecordsByProgram,
  evaluationSetup,
  rankPrograms,
  type AppContext,
  type Caller,
} from "@orientir/app";
import { buildServer } from "@orientir/server";
import { computePool, computeWorkers } from "../packages/server/src/compute/pool.ts";
import { FULL_REGION, programDocument, programReport } from "./evaluation-region.ts";
import { benchDatabase, results, time, type Timing } from "./common.ts";
import { cloneMunicipality } from "./clone-municipality.ts";

const args = process.argv.slice(2);
const arg = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const SECONDS = Number(arg("--seconds") ?? 4);
/** What to measure (default: http,probe,region): the ranking always; http (tree and PATCH), probe (event loop), region, phases (of the ranking). */
const PARTS = new Set((arg("--parts") ?? "http,probe,region").split(","));
const REGION_N = Number(arg("--municipalities") ?? FULL_REGION.municipalities);
const CONNECTIONS = 20;
/** Runs fn under a CPU profile of this thread written to `file` (open it in Chrome's DevTools); no file, no profile. */
async function profiled<T>(file: string | undefined, fn: () => Promise<T>): Promise<T> {
  if (!file) return fn();
  const session = new inspector.Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.start");
  try {
    return await fn();
  } finally {
    const { profile: p } = await session.post("Profiler.stop");
    writeFileSync(file, JSON.stringify(p));
    session.disconnect();
  }
}

const ms = (x: number) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
const { rows, row, print } = results(ms);
const shape = { ...FULL_REGION, municipalities: 1 };
const YEARS = [2020, 2021, 2022, 2023, 2024, 2025];
const PASSWORD = "bench-password-1";

/** The one-year document with five earlier years of values, monthly plans for all six, checkpoints and budget rows each year (2025 as it was). */
function withHistory(doc: ProgramDocument): ProgramDocument {
  const scaled = (v: string | null | undefined, k: number) => (v === null || v === undefined ? null : (Number(v) * k).toFixed(2));
  const years = <T extends { year: number }>(vs: T[], make: (v: T, y: number) => T) =>
    YEARS.flatMap((y) => (y === 2025 ? vs : vs.map((v) => make(v, y))));
  return {
    ...doc,
    startYear: 2020,
    indicators: doc.indicators.map((i) => ({
      ...i,
      baseYear: 2019,
      values: years(i.values, (v, y) => ({ ...v, year: y, plan: scaled(v.plan, 0.9), fact: scaled(v.fact, 0.9) })),
    })),
    directions: doc.directions.map((d) => ({
      ...d,
      budgetExecution: YEARS.flatMap((y) =>
        (d.budgetExecution ?? []).flatMap((b) =>
          y === 2025 ? [b] : [1, 2, 3, 4].map((q) => ({ ...b, year: y, quarter: q, cash: scaled(b.cash, q / 4)! })),
        ),
      ),
      elements: d.elements.map((e) => ({
        ...e,
        metrics: e.metrics.map((m) => ({
          ...m,
          values: years(m.values, (v, y) => ({ ...v, year: y, plan: scaled(v.plan, 0.95), fact: scaled(v.fact, 0.95) })),
          months: YEARS.flatMap((y) =>
            Array.from({ length: 12 }, (_, k) => ({
              year: y,
              month: k + 1,
              plan: scaled(m.values[0]!.plan, (k + 1) / 12),
              fact: y < 2025 || k < 11 ? scaled(m.values[0]!.fact, (k + 1) / 12) : null,
            })),
          ),
        })),
        checkpoints: YEARS.flatMap((y) =>
          y === 2025
            ? e.checkpoints
            : e.checkpoints.map((c) => ({
                ...c,
                plannedDate: `${y}${c.plannedDate.slice(4)}`,
                actualDate: c.actualDate ? `${y}${c.actualDate.slice(4)}` : null,
              })),
        ),
      })),
    })),
  };
}

/**
 * CPU time (ms) used so far by the embedded PostgreSQL of this run: its postmaster (found by its
 * data folder) and its children, the backends (NaN with DATABASE_URL). Moves far less with the
 * machine's load than throughput does.
 */
function postgresCpuMs(): number {
  if (!database.dir) return NaN;
  const stats: { pid: number; ppid: number; ticks: number }[] = [];
  let postmaster = -1;
  for (const d of readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const f = readFileSync(`/proc/${d}/stat`, "utf8");
      const v = f.slice(f.lastIndexOf(")") + 2).split(" ");
      stats.push({ pid: Number(d), ppid: Number(v[1]), ticks: Number(v[11]) + Number(v[12]) });
      if (readFileSync(`/proc/${d}/cmdline`, "utf8").includes(database.dir)) postmaster = Number(d);
    } catch {
      /* gone meanwhile */
    }
  }
  return stats.filter((x) => x.pid === postmaster || x.ppid === postmaster).reduce((a, x) => a + x.ticks * 10, 0);
}

/** Requests at `CONNECTIONS` at once for SECONDS: completed per second (each must answer `ok`), and CPU per request of this process and of PostgreSQL. */
async function load(
  make: (worker: number) => Promise<Response>,
  seconds = SECONDS,
): Promise<{ rps: number; p99: number; cpu: { node: number; pg: number } }> {
  const c0 = process.cpuUsage();
  const pg0 = postgresCpuMs();
  const end = performance.now() + seconds * 1000;
  const lat: number[] = [];
  let failed = 0;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async (_, w) => {
      while (performance.now() < end) {
        const t0 = performance.now();
        const r = await make(w);
        await r.arrayBuffer();
        if (!r.ok) failed++;
        lat.push(performance.now() - t0);
      }
    }),
  );
  if (failed) throw new Error(`${failed} requests failed`);
  lat.sort((a, b) => a - b);
  const c = process.cpuUsage(c0);
  const cpu = { node: (c.user + c.system) / 1000 / lat.length, pg: (postgresCpuMs() - pg0) / lat.length };
  return { rps: lat.length / seconds, p99: lat[Math.floor(lat.length * 0.99)]!, cpu };
}

const database = await benchDatabase("orientir-bench-history-");
const owner = new pg.Pool({ connectionString: database.handle.url, max: 10 });
const db = new Db(database.handle.appUrl, { max: 20 });
try {
  // ---- the data. Stored through the application once ("Шесть лет", one year of values), then copied
  // by set-based SQL (bench/clone-municipality.ts) to "Один год" and the region's municipalities;
  // then five earlier years of values, monthly plans, checkpoints and budget rows added to "Шесть лет"
  // in bulk (INSERT … SELECT … generate_series). The region keeps one year.
  const reports: ProgramReport[] = Array.from({ length: shape.programs }, (_, p) => programReport(shape, 0, p));
  const executor = "Управление образования";
  const muni = (name: string, docs: ProgramDocument[]) => ({
    name,
    country: "RU",
    currency: "RUB",
    budgetSources: [{ code: "local", name: "Местный бюджет" }],
    departments: [{ name: executor }],
    programs: docs,
  });
  const oneYear = reports.map((r) => programDocument(r, executor));
  const sixYears = oneYear.map(withHistory);
  const t0 = performance.now();
  const seedCtx = createContext(db);
  const names = { six: "Шесть лет", one: "Один год" };
  await seedMunicipalities(
    seedCtx,
    [muni(names.six, oneYear)],
    [
      { login: "economy", fullName: "Экономист", memberships: [{ municipality: names.six, role: "economy" }] },
      { login: "admin", fullName: "Администратор", memberships: [{ municipality: names.six, role: "admin" }] },
    ],
    PASSWORD,
  );
  const sixId = (await owner.query<{ id: string }>(`SELECT id FROM municipality WHERE name = $1`, [names.six])).rows[0]!.id;
  const tSeed = performance.now() - t0;
  const [oneId, ...region] = await cloneMunicipality(owner, sixId, 1 + REGION_N);
  await owner.query(`UPDATE municipality SET name = $2 WHERE id = $1`, [oneId, names.one]);
  const tClone = performance.now() - t0 - tSeed;
  const ids = new Map([
    [names.six, sixId],
    [names.one, oneId!],
  ]);
  const history = [sixId];
  for (const sql of [
    `UPDATE program SET start_year = 2020 WHERE municipality_id = ANY($1)`,
    `INSERT INTO metric_month (municipality_id, program_id, direction_id, metric_id, year, month, plan, fact)
     SELECT municipality_id, program_id, direction_id, metric_id, y, m, round(plan * 0.95 * m / 12, 2),
       CASE WHEN y < 2025 OR m < 12 THEN round(fact * 0.95 * m / 12, 2) END
     FROM metric_value, generate_series(2020, 2025) y, generate_series(1, 12) m WHERE municipality_id = ANY($1) AND year = 2025`,
    `INSERT INTO metric_value (municipality_id, program_id, direction_id, metric_id, year, plan, fact)
     SELECT municipality_id, program_id, direction_id, metric_id, y, round(plan * 0.95, 2), round(fact * 0.95, 2)
     FROM metric_value, generate_series(2020, 2024) y WHERE municipality_id = ANY($1) AND year = 2025`,
    `INSERT INTO program_indicator_value (municipality_id, program_id, indicator_id, year, plan, fact)
     SELECT municipality_id, program_id, indicator_id, y, round(plan * 0.9, 2), round(fact * 0.9, 2)
     FROM program_indicator_value, generate_series(2020, 2024) y WHERE municipality_id = ANY($1) AND year = 2025`,
    `INSERT INTO checkpoint (municipality_id, program_id, direction_id, element_id, activity_id, name, planned_date, actual_date, ord)
     SELECT municipality_id, program_id, direction_id, element_id, activity_id, name,
       (planned_date - make_interval(years => 2025 - y))::date, (actual_date - make_interval(years => 2025 - y))::date, ord
     FROM checkpoint, generate_series(2020, 2024) y WHERE municipality_id = ANY($1) AND planned_date >= '2025-01-01'`,
    `INSERT INTO budget_execution (municipality_id, program_id, direction_id, element_id, year, quarter, source, cash)
     SELECT municipality_id, program_id, direction_id, element_id, y, q, source, round(cash * q / 4, 2)
     FROM budget_execution, generate_series(2020, 2024) y, generate_series(1, 4) q WHERE municipality_id = ANY($1) AND year = 2025`,
    `INSERT INTO budget_schedule (municipality_id, program_id, direction_id, element_id, year, source, amount, effective_date)
     SELECT municipality_id, program_id, direction_id, element_id, y, source, amount, make_date(y, 1, 1)
     FROM budget_schedule, generate_series(2020, 2024) y WHERE municipality_id = ANY($1) AND year = 2025`,
  ])
    await owner.query(sql, [history]);
  // every program in force from a decree of December 2019, its snapshot the program with its history
  // ("Шесть лет") or its one year (the others; the region's copied from "Один год" in one statement)
  const version = (municipalityId: string, code: string, doc: ProgramDocument) =>
    owner.query(
      `INSERT INTO program_version (municipality_id, program_id, flow, number, kind, status, document, decree_number, decree_date, approved_at)
       SELECT municipality_id, id, 'program', 1, 'program', 'approved', $3::jsonb, '1-п', '2019-12-10', now() FROM program WHERE municipality_id = $1 AND code = $2`,
      [municipalityId, code, JSON.stringify(doc)],
    );
  for (const d of sixYears) await version(sixId, d.code, d);
  for (const d of oneYear) await version(oneId!, d.code, d);
  await owner.query(
    `INSERT INTO program_version (municipality_id, program_id, flow, number, kind, status, document, decree_number, decree_date, approved_at)
     SELECT p.municipality_id, p.id, 'program', 1, 'program', 'approved', v.document, '1-п', '2019-12-10', now()
     FROM program p JOIN program t ON t.municipality_id = $1 AND t.code = p.code JOIN program_version v ON v.program_id = t.id
     WHERE p.municipality_id = ANY($2)`,
    [oneId, region],
  );
  await owner.query("VACUUM ANALYZE");
  const monthly = await owner.query<{ n: number }>(`SELECT count(*)::int AS n FROM metric_month WHERE municipality_id = $1`, [sixId]);
  const counted = monthly.rows[0]!.n;
  const tData = performance.now() - t0;
  console.error(
    `stored "${names.six}" through the application in ${ms(tSeed)} ms, copied it ${1 + REGION_N} times by SQL in ${ms(tClone)} ms, ` +
      `all data ready in ${ms(tData)} ms (${counted} monthly plans in "${names.six}")`,
  );
  rows.push([
    `the data: one municipality (25 programs) stored through the application / copied ${1 + REGION_N} × by set-based SQL / with history and versions`,
    `${ms(tSeed)} / ${ms(tClone)} / ${ms(tData)} ms`,
    "",
  ]);

  const callerOf = (municipalityId: string): Caller => ({
    actor: { userId: randomUUID(), login: "bench", municipalityId, role: "economy", departmentId: null },
    requestId: null,
  });

  // ---- 3. the ranking: six years vs one year vs the plain SQL aggregate (in this thread: the computation's own cost)
  const local: AppContext = createContext(db);
  const six = callerOf(ids.get(names.six)!);
  const one = callerOf(ids.get(names.one)!);
  const r6 = await evaluationRanking(local, six, 2025, "2025-12-31");
  const r1 = await evaluationRanking(local, one, 2025, "2025-12-31");
  const inMemory = new Map(reports.map((r) => [r.program.code, evaluateReport(r, { trace: false }).score]));
  for (const [r, what] of [
    [r6, "six years"],
    [r1, "one year"],
  ] as const) {
    if (r.items.length !== reports.length || r.items.some((i) => i.error)) throw new Error(`${what}: not every program ranked`);
    for (const it of r.items)
      if (inMemory.get(it.code) !== it.score) throw new Error(`${what} ${it.code}: ${it.score} ≠ ${inMemory.get(it.code)}`);
  }
  const floorSql = `
    WITH mv AS (
      SELECT v.program_id, avg(least(greatest(v.fact / nullif(v.plan, 0), 0), 1)) AS lvl
      FROM metric_value v WHERE v.municipality_id = $1 AND v.year = 2025 AND v.fact IS NOT NULL GROUP BY v.program_id),
    iv AS (
      SELECT v.program_id, avg(least(greatest(v.fact / nullif(v.plan, 0), 0), 1)) AS lvl
      FROM program_indicator_value v WHERE v.municipality_id = $1 AND v.year = 2025 AND v.fact IS NOT NULL GROUP BY v.program_id),
    kt AS (
      SELECT c.program_id, count(*) FILTER (WHERE c.actual_date <= '2025-12-31') AS achieved, count(*) AS due
      FROM checkpoint c WHERE c.municipality_id = $1 AND c.planned_date BETWEEN '2025-01-01' AND '2025-12-31' GROUP BY c.program_id),
    be AS (
      SELECT b.program_id, sum(b.cash) AS cash FROM budget_execution b
      WHERE b.municipality_id = $1 AND b.year = 2025 AND b.quarter = 4 GROUP BY b.program_id),
    bs AS (
      SELECT s.program_id, sum(s.amount) AS plan FROM budget_schedule s
      WHERE s.municipality_id = $1 AND s.year = 2025 GROUP BY s.program_id)
    SELECT p.id, p.code, mv.lvl, iv.lvl AS ind, kt.due, kt.achieved, be.cash / nullif(bs.plan, 0) AS a
    FROM program p LEFT JOIN mv ON mv.program_id = p.id LEFT JOIN iv ON iv.program_id = p.id
      LEFT JOIN kt ON kt.program_id = p.id LEFT JOIN be ON be.program_id = p.id LEFT JOIN bs ON bs.program_id = p.id
    WHERE p.municipality_id = $1 ORDER BY p.code`;
  if ((await db.query(floorSql, [six.actor.municipalityId])).rows.length !== reports.length) throw new Error("floor: wrong row count");
  // the three warmed up as they are then timed, so that what is timed is the steady state (the
  // compiler's optimised code, plans and buffers warm) of each, not its first runs
  const runs: (() => Promise<unknown>)[] = [
    () => evaluationRanking(local, six, 2025, "2025-12-31"),
    () => evaluationRanking(local, one, 2025, "2025-12-31"),
    () => db.query(floorSql, [six.actor.municipalityId]),
  ];
  for (let i = 0; i < 20; i++) for (const run of runs) await run();
  // --profile FILE: a CPU profile of this thread while the rankings are timed (open it in Chrome's DevTools)
  const profile = arg("--profile");
  const session = profile ? new inspector.Session() : null;
  if (session) {
    session.connect();
    await session.post("Profiler.enable");
    await session.post("Profiler.start");
  }
  // the three timed in turns (six years, one year, the floor), so that a change of the shared
  // machine's load falls on all three alike
  const samples: [number[], number[], number[]] = [[], [], []];
  const cpu = [0, 0, 0];
  for (let i = 0; i < 11; i++)
    for (let k = 0; k < 3; k++) {
      const t = performance.now();
      const c0 = process.cpuUsage();
      await runs[k]!();
      const c = process.cpuUsage(c0);
      samples[k]!.push(performance.now() - t);
      cpu[k]! += (c.user + c.system) / 1000;
    }
  // --samples: every timed run, in the order run (to stderr), to see the spread behind each median
  if (args.includes("--samples"))
    for (const [k, what] of ["six-year ranking", "one-year ranking", "SQL aggregate"].entries())
      console.error(`${what}: ${samples[k]!.map((x) => x.toFixed(1)).join(" ")} ms`);
  const [tRank6, tRank1, tFloor] = samples.map((xs) => {
    xs.sort((a, b) => a - b);
    return { median: xs[Math.floor(xs.length / 2)]!, min: xs[0]! };
  }) as [Timing, Timing, Timing];
  if (session) {
    const { profile: p } = await session.post("Profiler.stop");
    writeFileSync(profile!, JSON.stringify(p));
    session.disconnect();
  }
  if (PARTS.has("phases")) {
    // where a ranking's time goes (--parts phases): its reads and its computation, each alone
    const mid = six.actor.municipalityId;
    // beside the wall time, this process's CPU time per run (all its threads; PostgreSQL's not): on a
    // shared, loaded machine the wall time moves with the load far more than the CPU time does
    const phase = async (what: string, fn: () => unknown) => {
      const c0 = process.cpuUsage();
      const t = await time(11, fn);
      const c = process.cpuUsage(c0);
      row(`phase of the six-year ranking: ${what}`, t, "");
      rows.push([`the same phase: CPU time of this process per run`, `${ms((c.user + c.system) / 1000 / 11)} ms`, ""]);
    };
    await phase("programsInForce (the versions, then one statement streamed a program at a time, each merged)", () =>
      programsInForce(db, mid, 2025, "2025-12-31", { onlyYear: true }),
    );
    const ids = (await db.query<{ id: string }>(`SELECT id FROM program WHERE municipality_id = $1`, [mid])).rows.map((r) => r.id);
    const drain = async (q: Streamable) => {
      for await (const { records } of programRecordsByProgram(q, mid, { year: 2025, months: "none", only: ids }))
        if (!records) throw new Error("no record");
    };
    await phase("of it, the record's statement alone (programRecordsByProgram: read, parsed, indexed)", () => drain(db));
    // the record's statement as sent, to time it alone (PostgreSQL and the transfer, its text not parsed) and to explain it
    let sent: [string, unknown[] | undefined] | null = null;
    const spy: Streamable = {
      query: (text, values) => db.query(text, values),
      stream: (text, values) => {
        sent = [text, values];
        return db.stream(text, values);
      },
    };
    await drain(spy);
    if (!sent) throw new Error("the record's statement was not seen");
    const [text, values] = sent as [string, unknown[] | undefined];
    await phase("of it, its SQL alone (PostgreSQL and the transfer; the JSON text not parsed)", () => db.query(text, values));
    if (args.includes("--explain")) {
      // --explain: the plan of the record's statement on these rows (EXPLAIN (ANALYZE, BUFFERS)), to stderr
      const plan = await db.query<{ "QUERY PLAN": string }>(`EXPLAIN (ANALYZE, BUFFERS) ${text}`, values);
      console.error(`${text}\n${plan.rows.map((r) => r["QUERY PLAN"]).join("\n")}`);
    }
    await phase("of it, the versions in force (listApprovedProgramVersions, snapshots cached)", () =>
      listApprovedProgramVersions(db, { municipalityId: mid }, "2025-12-31"),
    );
    const pin = await programsInForce(db, mid, 2025, "2025-12-31", { onlyYear: true });
    const setup = await evaluationSetup(db, mid);
    // for comparison: what sending the merged documents to a worker would cost (it is sent the
    // versions' text, written once per version and year, and each program's row as read)
    await phase("structuredClone of the merged documents (for comparison: not sent)", () => structuredClone(pin));
    await phase("JSON.stringify of the merged documents (for comparison: not sent)", () => pin.map((p) => JSON.stringify(p.doc)));
    await phase("rankPrograms (reports checked and evaluated)", () =>
      rankPrograms({
        programs: pin,
        year: 2025,
        asOf: "2025-12-31",
        reportMethodology: { ...setup.methodology, missingFact: "zero", zeroEqualsZero: true },
        methodologies: setup.methodologies,
        methodology: "",
      }),
    );
  }
  row("ranking of 25 programs, six years of values and monthly plans (2025)", tRank6, "");
  rows.push(["the same: CPU time of this process per ranking (PostgreSQL's not counted)", `${ms(cpu[0]! / 11)} ms`, ""]);
  row("the same ranking, one year of values", tRank1, "");
  row("plain SQL aggregate over the year's rows (floor)", tFloor, "");
  rows.push(["ratio six-year ranking / SQL aggregate", `**${(tRank6.median / tFloor.median).toFixed(1)} ×**`, "≤ 10 ×"]);
  rows.push(["load average (1 min) while the rankings were timed", loadavg()[0]!.toFixed(1), `${availableParallelism()} cores`]);
  rows.push(["ratio six-year ranking / one-year ranking", `**${(tRank6.median / tRank1.median).toFixed(2)} ×**`, "≤ 1.5 ×"]);

  // ---- the servers: Orientir (with its worker pool) and the bare Fastify floors
  const app = createContext(db);
  const server = await buildServer(app);
  await server.listen({ port: 0, host: "127.0.0.1" });
  const base = `http://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  const floor = Fastify({ logger: false });
  const floorPool = new pg.Pool({ connectionString: database.handle.appUrl, max: 20 });
  await owner.query(`CREATE TABLE IF NOT EXISTS bench_answer (id uuid PRIMARY KEY, j text NOT NULL)`);
  await owner.query(`GRANT SELECT ON bench_answer TO orientir_app`);
  floor.get<{ Params: { id: string } }>("/tree/:id", async (req, reply) => {
    const r = await floorPool.query<{ j: string }>(`SELECT j FROM bench_answer WHERE id = $1`, [req.params.id]);
    return reply.type("application/json; charset=utf-8").send(r.rows[0]!.j);
  });
  floor.patch<{ Params: { id: string }; Body: { fact: string } }>("/metric-values/:id", async (req) => {
    const c = await floorPool.connect();
    try {
      await c.query("BEGIN");
      const u = await c.query<{ id: string; municipality_id: string }>(
        `UPDATE metric_value SET fact = $2, version = version + 1, updated_at = now() WHERE id = $1 RETURNING *`,
        [req.params.id, req.body.fact],
      );
      const row = u.rows[0]!;
      const hash = createHash("sha256").update(JSON.stringify(row)).digest("hex");
      await c.query(
        `INSERT INTO audit_log (municipality_id, actor_login, action, object_type, object_id, after, prev_hash, hash) VALUES ($1, 'bench', 'metricValue.update', 'metricValue', $2, $3, '', $4)`,
        [row.municipality_id, row.id, JSON.stringify(row), hash],
      );
      await c.query("COMMIT");
      return row;
    } catch (e) {
      await c.query("ROLLBACK");
      throw e;
    } finally {
      c.release();
    }
  });
  await floor.listen({ port: 0, host: "127.0.0.1" });
  const floorBase = `http://127.0.0.1:${(floor.server.address() as AddressInfo).port}`;

  const login = async (who: string) => {
    const r = await fetch(`${base}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ login: who, password: PASSWORD }),
    });
    const body = (await r.json()) as { csrfToken: string };
    return { cookie: r.headers.getSetCookie()[0]!.split(";")[0]!, csrf: body.csrfToken };
  };
  const economy = await login("economy");
  const admin = await login("admin");
  const identity = { "accept-encoding": "identity" };

  if (PARTS.has("http")) {
    // ---- 1. the program page's tree vs the same JSON from one SQL query
    const programId = r6.items[0]!.programId;
    const treeUrl = `${base}/api/programs/${programId}/tree?months=none`;
    const answer = await (await fetch(treeUrl, { headers: { cookie: economy.cookie, ...identity } })).text();
    await owner.query(`INSERT INTO bench_answer (id, j) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET j = excluded.j`, [
      programId,
      answer,
    ]);
    const full = await (await fetch(`${base}/api/programs/${programId}/tree`, { headers: { cookie: economy.cookie, ...identity } })).text();
    console.error(`tree: ${(answer.length / 1024).toFixed(0)} KB (with every monthly plan: ${(full.length / 1024).toFixed(0)} KB)`);
    const floorTree = await load(() => fetch(`${floorBase}/tree/${programId}`, { headers: identity }));
    // --profile-tree FILE: a CPU profile of this process (the server's thread) while the program page's tree is served
    const ourTree = await profiled(arg("--profile-tree"), () =>
      load(() => fetch(treeUrl, { headers: { cookie: economy.cookie, ...identity } })),
    );
    rows.push([
      `bare Fastify: the tree's JSON (${(answer.length / 1024).toFixed(0)} KB) from one SQL query, 20 connections`,
      `${floorTree.rps.toFixed(0)} req/s (p99 ${ms(floorTree.p99)} ms)`,
      "",
    ]);
    rows.push([
      "GET /api/programs/:id/tree?months=none (the program page), 20 connections",
      `${ourTree.rps.toFixed(0)} req/s (p99 ${ms(ourTree.p99)} ms)`,
      "",
    ]);
    rows.push(["ratio tree / floor (throughput)", `**${((100 * ourTree.rps) / floorTree.rps).toFixed(0)} %**`, "≥ 25 %"]);

    // ---- 2. PATCH of one metric value vs one UPDATE + one audit INSERT (each connection its own row)
    const mvs = (
      await owner.query(
        `SELECT v.id, v.version FROM metric_value v JOIN program p ON p.id = v.program_id WHERE p.municipality_id = $1 AND v.year = 2025 ORDER BY v.id LIMIT $2`,
        [six.actor.municipalityId, CONNECTIONS * 2],
      )
    ).rows as { id: string; version: number }[];
    const versions = mvs.map((m) => m.version);
    let n = 0;
    // --profile-patch FILE: a CPU profile of this process (the server's thread) while the PATCHes run
    const ourPatch = await profiled(arg("--profile-patch"), () =>
      load((w) =>
        fetch(`${base}/api/metric-values/${mvs[w]!.id}`, {
          method: "PATCH",
          headers: { cookie: admin.cookie, "x-csrf-token": admin.csrf, "content-type": "application/json", ...identity },
          body: JSON.stringify({ version: versions[w], fact: String(100 + (n++ % 50)) }),
        }).then(async (r) => {
          const b = (await r.clone().json()) as { version: number };
          if (r.ok) versions[w] = b.version;
          return r;
        }),
      ),
    );
    const floorPatch = await load((w) =>
      fetch(`${floorBase}/metric-values/${mvs[CONNECTIONS + w]!.id}`, {
        method: "PATCH",
        headers: { "content-type": "application/json", ...identity },
        body: JSON.stringify({ fact: String(100 + (n++ % 50)) }),
      }),
    );
    rows.push([
      "bare Fastify: one UPDATE + one audit INSERT in a transaction, 20 connections",
      `${floorPatch.rps.toFixed(0)} req/s (p99 ${ms(floorPatch.p99)} ms)`,
      "",
    ]);
    rows.push([
      "PATCH /api/metric-values/:id (use case, rules, audit chain), 20 connections",
      `${ourPatch.rps.toFixed(0)} req/s (p99 ${ms(ourPatch.p99)} ms)`,
      "",
    ]);
    rows.push(["ratio PATCH / floor (throughput)", `**${((100 * ourPatch.rps) / floorPatch.rps).toFixed(0)} %**`, "≥ 40 %"]);
    // CPU per request (this process — server, floor and load generator alike — and PostgreSQL): what a PATCH costs beside its floor whatever the load
    const perRequest = (x: { cpu: { node: number; pg: number } }) =>
      `Node ${x.cpu.node.toFixed(2)} ms + PostgreSQL ${x.cpu.pg.toFixed(2)} ms`;
    rows.push(["CPU per request: bare Fastify (UPDATE + audit INSERT)", perRequest(floorPatch), ""]);
    rows.push(["CPU per request: PATCH /api/metric-values/:id", perRequest(ourPatch), ""]);
    rows.push([
      "ratio of CPU per request, floor / PATCH",
      `**${((100 * (floorPatch.cpu.node + floorPatch.cpu.pg)) / (ourPatch.cpu.node + ourPatch.cpu.pg)).toFixed(0)} %**`,
      "",
    ]);
  }
  if (PARTS.has("probe")) {
    // ---- 4. the event loop while rankings of the six-year municipality run (4 in a loop), with and without the workers
    const probeDuring = async (label: string) => {
      const h = monitorEventLoopDelay({ resolution: 10 });
      const end = performance.now() + SECONDS * 1000;
      let rankings = 0;
      const rankers = Array.from({ length: 4 }, async () => {
        while (performance.now() < end) {
          const r = await fetch(`${base}/api/evaluation/ranking?year=2025&asOf=2025-12-31`, {
            headers: { cookie: economy.cookie, ...identity },
          });
          await r.arrayBuffer();
          if (!r.ok) throw new Error(`ranking: ${r.status}`);
          rankings++;
        }
      });
      const probes: number[] = [];
      h.enable();
      const prober = (async () => {
        while (performance.now() < end) {
          const t = performance.now();
          const r = await fetch(`${base}/api/health`, { headers: identity });
          await r.arrayBuffer();
          probes.push(performance.now() - t);
          await new Promise((res) => setTimeout(res, 20));
        }
      })();
      await Promise.all([...rankers, prober]);
      h.disable();
      probes.sort((a, b) => a - b);
      const p = (q: number) => probes[Math.min(probes.length - 1, Math.floor(probes.length * q))]!;
      rows.push([
        `during rankings of the six-year municipality (${(rankings / SECONDS).toFixed(1)}/s), ${label}: probe GET /api/health median / p99 / max`,
        `${ms(p(0.5))} / ${ms(p(0.99))} / ${ms(p(1))} ms`,
        "< 50 ms",
      ]);
      rows.push([`the same: event-loop delay p99 / max (${label})`, `${ms(h.percentile(99) / 1e6)} / ${ms(h.max / 1e6)} ms`, ""]);
    };
    // --profile-probe FILE: a CPU profile of this process's main thread while the probe runs beside rankings in the workers
    const probeProfile = arg("--profile-probe");
    const probeSession = probeProfile ? new inspector.Session() : null;
    if (probeSession) {
      probeSession.connect();
      await probeSession.post("Profiler.enable");
      await probeSession.post("Profiler.start");
    }
    await probeDuring("ranking in the worker pool");
    if (probeSession) {
      const { profile: p } = await probeSession.post("Profiler.stop");
      writeFileSync(probeProfile!, JSON.stringify(p));
      probeSession.disconnect();
    }
    const offload = app.offload;
    app.offload = undefined;
    await probeDuring("ranking in the event loop (no workers, for comparison)");
    app.offload = offload;
  }

  if (PARTS.has("region")) {
    // ---- 5. the region from the database: every municipality's ranking (its reads here, its
    // computation in the worker pool), `parallel` municipalities at a time
    const pool = computePool()!;
    const regionCallers = region.map((id) => callerOf(id));
    const parallel = 2 * Math.max(1, computeWorkers());
    const rankRegion = async () => {
      let next = 0;
      let ranked = 0;
      await Promise.all(
        Array.from({ length: parallel }, async () => {
          while (next < regionCallers.length) {
            const r = await evaluationRanking(app, regionCallers[next++]!, 2025, "2025-12-31");
            if (r.items.length !== reports.length || r.items.some((i) => i.score === null))
              throw new Error("region: not every program ranked");
            ranked += r.items.length;
          }
        }),
      );
      return ranked;
    };
    const runs = REGION_N >= 50 ? 1 : 3;
    const tRegion = await time(runs, rankRegion);
    const regionReports = regionCallers.flatMap(() => reports);
    const tMemory = await time(runs, () => regionReports.map((r) => evaluateReport(r, { trace: false })));
    row(
      `${REGION_N} municipalities × 25 programs (one year each) ranked from the database, ${pool.load().workers} worker(s), ${parallel} municipalities at a time`,
      tRegion,
      "",
    );
    row(`the same ${REGION_N * 25} reports evaluated in memory (one thread)`, tMemory, "");
    rows.push(["ratio database region / in memory", `${(tRegion.median / tMemory.median).toFixed(1)} ×`, ""]);
  }
  await server.close();
  await floor.close();
  await floorPool.end();
  await computePool()?.close();
  // the results before the database stops: a connection the stop ends must not take them with it
  console.log(
    `load average (1, 5, 15 min) at the end: ${loadavg()
      .map((x) => x.toFixed(1))
      .join(", ")}; ${availableParallelism()} cores`,
  );
  print();
} finally {
  await db.close();
  await owner.end();
  await database.stop();
}
