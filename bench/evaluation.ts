/**
 * Evaluation benchmark (issue 3): `npx tsx bench/evaluation.ts [--municipalities N] [--no-db]`.
 *
 * 1. In memory: a synthetic region of 300 municipalities × 25 programs × 5 directions × 4
 *    elements × 6 metrics × 6 checkpoints (+ 5 indicators per program) as format-1 reports;
 *    the whole region evaluated on one core, with scores only (as the ranking does) and with the
 *    full trace; then re-evaluation of one program after one fact changes.
 * 2. Database: one municipality of 25 such programs stored in PostgreSQL (DATABASE_URL, or an
 *    embedded server in a temporary folder); the ranking use case (load 25 program trees, build
 *    the reports, evaluate) against a plain SQL aggregate over the same rows as the floor.
 *
 * Prints a Markdown table for docs/PERFORMANCE.md. Timings: the median of repeated runs (the
 * minimum is printed beside it), after a warm-up.
 */
import { randomUUID } from "node:crypto";
import { evaluateReport, parseProgramReport, type ProgramReport } from "@orientir/domain";
import { Db } from "@orientir/db";
import { createContext, evaluateProgram, evaluationRanking, insertMunicipalityDocument } from "@orientir/app";
import { FULL_REGION, programDocument, programReport } from "./evaluation-region.ts";
import { benchDatabase, results, time } from "./common.ts";

const args = process.argv.slice(2);
const arg = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const shape = { ...FULL_REGION, municipalities: Number(arg("--municipalities") ?? FULL_REGION.municipalities) };
const ms = (x: number) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
const { rows, row, print } = results(ms);

// ---- 1. in memory ---------------------------------------------------------------------------

const programs = shape.municipalities * shape.programs;
const metrics = programs * shape.directions * shape.elements * shape.metrics;
console.error(`region: ${shape.municipalities} municipalities, ${programs} programs, ${metrics} metrics, ${metrics} checkpoints`);
const tGen = performance.now();
const reports: ProgramReport[] = [];
for (let m = 0; m < shape.municipalities; m++) for (let p = 0; p < shape.programs; p++) reports.push(programReport(shape, m, p));
console.error(`generated in ${ms(performance.now() - tGen)} ms`);

// Warm-up (JIT), then the measured runs.
for (let i = 0; i < Math.min(500, reports.length); i++) evaluateReport(reports[i]!, { trace: i % 2 === 0 });

row(`parse + check ${programs} format-1 reports`, await time(3, () => reports.map((r) => parseProgramReport(r))), "");
let checksum = 0;
row(
  `whole region, scores only (${programs} programs)`,
  await time(5, () => {
    checksum = 0;
    for (const r of reports) checksum += evaluateReport(r, { trace: false }).score;
  }),
  "< 2000 ms",
);
const scoresOnly = checksum;
row(
  `whole region, with the full trace`,
  await time(3, () => {
    checksum = 0;
    for (const r of reports) checksum += evaluateReport(r).score;
  }),
  "",
);
if (checksum !== scoresOnly) throw new Error("scores differ with and without the trace");

// Re-evaluation after one fact changes: one program, one metric's fact, the full result with trace.
const one = structuredClone(reports[7]!);
const metric = one.directions[2]!.elements[1]!.metrics[3]!;
let k = 0;
const before = evaluateReport(one).score;
row(
  "re-evaluation of one program after one fact changes (check + evaluate + trace)",
  await time(200, () => {
    metric.fact = Math.round(metric.plan * (0.5 + (k++ % 50) / 50) * 100) / 100;
    return evaluateReport(parseProgramReport(one));
  }),
  "< 20 ms",
);
metric.fact = metric.plan * 2;
if (evaluateReport(one).score === before && before !== 100) console.error("warning: the change did not move the score");

// ---- 2. database ----------------------------------------------------------------------------

if (!args.includes("--no-db")) {
  const database = await benchDatabase("orientir-bench-");
  try {
    const db = new Db(database.handle.appUrl, { max: 4 });
    const ctx = createContext(db);
    const executor = "Управление образования";
    const name = `Бенчмарк ${randomUUID().slice(0, 8)}`;
    const stored = reports.slice(0, shape.programs);
    const tLoad = performance.now();
    const { municipalityId } = await db.tx((q) =>
      insertMunicipalityDocument(q, {
        name,
        country: "RU",
        currency: "RUB",
        budgetSources: [{ code: "local", name: "Местный бюджет" }],
        departments: [{ name: executor }],
        programs: stored.map((r) => programDocument(r, executor)),
      }),
    );
    // in force from a decree of December 2024: the ranking evaluates only programs in force in the year
    for (const r of stored) {
      await db.query(
        `INSERT INTO program_version (municipality_id, program_id, flow, number, kind, status, document, decree_number, decree_date, approved_at)
         SELECT municipality_id, id, 'program', 1, 'program', 'approved', $3::jsonb, '1-п', '2024-12-10', now() FROM program WHERE municipality_id = $1 AND code = $2`,
        [municipalityId, r.program.code, JSON.stringify(programDocument(r, executor))],
      );
    }
    console.error(`stored ${stored.length} programs in ${ms(performance.now() - tLoad)} ms`);
    const caller = {
      actor: { userId: randomUUID(), login: "bench", municipalityId, role: "economy" as const, departmentId: null },
      requestId: null,
    };
    const ranking = await evaluationRanking(ctx, caller, 2025, "2025-12-31");
    if (ranking.items.length !== stored.length) throw new Error(`ranked ${ranking.items.length} of ${stored.length} programs`);
    const broken = ranking.items.filter((i) => i.error);
    if (broken.length) throw new Error(`not evaluated: ${broken.map((b) => b.error).join("; ")}`);
    // The database path gives the in-memory numbers.
    const inMemory = new Map(stored.map((r) => [r.program.code, evaluateReport(r, { trace: false }).score]));
    for (const it of ranking.items)
      if (!it.noData && inMemory.get(it.code) !== it.score)
        throw new Error(`${it.code}: ${it.score} in the database, ${inMemory.get(it.code)} in memory`);
    for (let i = 0; i < 3; i++) await evaluationRanking(ctx, caller, 2025, "2025-12-31");
    const tRank = await time(15, () => evaluationRanking(ctx, caller, 2025, "2025-12-31"));
    row(`database ranking of one municipality (${stored.length} programs)`, tRank, "< 200 ms");
    const floorSql = `
      WITH mv AS (
        SELECT v.program_id, avg(least(greatest(v.fact / nullif(v.plan, 0), 0), 1)) AS lvl
        FROM metric_value v WHERE v.municipality_id = $1 AND v.year = 2025 AND v.fact IS NOT NULL GROUP BY v.program_id),
      iv AS (
        SELECT v.program_id, avg(least(greatest(v.fact / nullif(v.plan, 0), 0), 1)) AS lvl
        FROM program_indicator_value v WHERE v.municipality_id = $1 AND v.year = 2025 AND v.fact IS NOT NULL GROUP BY v.program_id),
      kt AS (
        SELECT c.program_id, count(*) FILTER (WHERE c.planned_date <= '2025-12-31') AS due,
               count(*) FILTER (WHERE c.planned_date <= '2025-12-31' AND c.actual_date <= '2025-12-31') AS achieved
        FROM checkpoint c WHERE c.municipality_id = $1 GROUP BY c.program_id),
      be AS (
        SELECT b.program_id, sum(b.cash) / nullif(sum(b.schedule), 0) AS a
        FROM budget_execution b WHERE b.municipality_id = $1 AND b.year = 2025 AND b.quarter = 4 GROUP BY b.program_id)
      SELECT p.id, p.code, mv.lvl, iv.lvl AS ind, kt.due, kt.achieved, be.a
      FROM program p LEFT JOIN mv ON mv.program_id = p.id LEFT JOIN iv ON iv.program_id = p.id
        LEFT JOIN kt ON kt.program_id = p.id LEFT JOIN be ON be.program_id = p.id
      WHERE p.municipality_id = $1 ORDER BY p.code`;
    const floorRows = (await db.query(floorSql, [municipalityId])).rows.length;
    if (floorRows !== stored.length) throw new Error(`floor query returned ${floorRows} rows`);
    const tFloor = await time(15, () => db.query(floorSql, [municipalityId]));
    row("plain SQL aggregate over the same rows (floor)", tFloor, "");
    rows.push(["ratio ranking / floor", `${(tRank.median / tFloor.median).toFixed(1)} ×`, ""]);
    const firstId = ranking.items[0]!.programId;
    row(
      "database evaluation of one program with its trace (API of the program page)",
      await time(15, () => evaluateProgram(ctx, caller, firstId, 2025, "2025-12-31")),
      "",
    );
    await db.close();
  } finally {
    await database.stop();
  }
}

print();
