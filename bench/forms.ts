/**
 * Forms benchmark (issue 5): `npx tsx bench/forms.ts` (DATABASE_URL, or an embedded PostgreSQL in
 * a temporary folder).
 *
 * 1. The consolidated annual report of a municipality of 30 programs (5 directions × 4 elements ×
 *    6 metrics × 6 checkpoints each, the synthetic programs of the evaluation benchmark with
 *    funding): load every program and its evaluation, build the form, render XLSX, DOCX and PDF.
 * 2. Import of a plain-layout workbook of 10,000 rows into an empty program: reading the file,
 *    the preview (compare + a dry run of every row), the confirmation (every row written through
 *    the same use case as a single change, with its audit entry), and the same file again.
 *
 * `--report-only` / `--import-only` run one part (the memory of the import is measured best alone);
 * `--profile DIR` writes a CPU profile of the importing process into DIR; `--one-by-one` imports each
 * row through the use case of a single change (the path before the set-wise one, for comparison).
 * `--cpu-load N` makes the machine a loaded one, reproducibly: N child processes each burning a core
 * in a plain busy loop (ordinary priority) from just before the import's process starts until it
 * ends (`--cpu-load 2` on a 2-core machine: both cores contended beside the benchmark itself);
 * `--set-rows N`: rows checked before a set is sent to be written (default 1,000; a number above the
 * file's rows: one set written after every row is checked, as before the sets overlapped the checks).
 * `--runs N` imports the file N times, each into an empty program of its own (one row per run).
 * The load averages (1 min) before and at the end of each import are printed with the results.
 *
 * Prints a Markdown table for docs/PERFORMANCE.md: the median of the runs (minimum beside it) and
 * the peak resident memory of the process.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { spawn, type ChildProcess } from "node:child_process";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { createHash, randomUUID } from "node:crypto";
import { resource, type ProgramDocument } from "@orientir/domain";
import { Db, listRows } from "@orientir/db";
import {
  confirmProgramImport,
  createContext,
  insertMunicipalityDocument,
  municipalityFormData,
  previewProgramImport,
  type Caller,
  type ImportParser,
} from "@orientir/app";
import { FORMS, parseProgramWorkbook, renderForm, renderPlainWorkbook, plainRows } from "@orientir/reports";
import { FULL_REGION, programDocument, programReport } from "./evaluation-region.ts";
import { benchDatabase, results, time } from "./common.ts";

if (process.argv[2] === "--import-child") {
  // bench/forms.ts --import-child FILE DATABASE_URL MUNICIPALITY_ID PROGRAM_ID MODE
  const [, , , path, url, municipalityId, programId, mode, setRows] = process.argv;
  const options = { oneByOne: mode === "one-by-one", setRows: setRows ? Number(setRows) : undefined };
  const base = process.memoryUsage.rss();
  let peak = base;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 5);
  const db = new Db(url!, { max: 2 });
  const ctx = createContext(db);
  const caller: Caller = {
    actor: { userId: randomUUID(), login: "bench", municipalityId: municipalityId!, role: "economy", departmentId: null },
    requestId: null,
  };
  const content = readFileSync(path!);
  const parse: ImportParser = (current, context) => parseProgramWorkbook(content, current, context);
  // as the server's parser: the confirmation of the previewed file reuses the preview's plan
  parse.fileKey = createHash("sha256").update(content).digest("hex");
  const cpu = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  const c0 = cpu();
  const t0 = performance.now();
  const preview = await previewProgramImport(ctx, caller, programId!, parse, options);
  const t1 = performance.now();
  const c1 = cpu();
  if (!preview.valid) throw new Error(`invalid: ${JSON.stringify(preview.issues.slice(0, 3))}`);
  const result = await confirmProgramImport(ctx, caller, programId!, parse, preview.token, undefined, options);
  const t2 = performance.now();
  const c2 = cpu();
  const again = await previewProgramImport(ctx, caller, programId!, parse, options);
  const t3 = performance.now();
  if (again.summary.create + again.summary.update + again.summary.delete !== 0) throw new Error("the same file again changed something");
  clearInterval(sampler);
  await db.close();
  const mb = (x: number) => Math.round(x / 1024 / 1024);
  console.log(
    JSON.stringify({
      preview: t1 - t0,
      confirm: t2 - t1,
      again: t3 - t2,
      total: t2 - t0,
      cpuPreview: c1 - c0,
      cpuConfirm: c2 - c1,
      created: result.summary.create,
      peakMb: mb(peak),
      baseMb: mb(base),
    }),
  );
  process.exit(0);
}

const ms = (x: number) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));

/** The value of a numeric option (`--name N`), or `fallback`. */
function numberOption(name: string, fallback: number): number {
  const at = process.argv.indexOf(name);
  if (at < 0) return fallback;
  const n = Number(process.argv[at + 1]);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} expects a whole number, got ${process.argv[at + 1]}`);
  return n;
}

/**
 * N processes burning the CPU (each `for (;;) {}` at ordinary priority), for a reproducible loaded
 * machine; stop() ends them (they are also ended if this process exits first).
 */
function cpuLoad(n: number): { stop: () => void } {
  const burners: ChildProcess[] = Array.from({ length: n }, () => spawn(process.execPath, ["-e", "for (;;) {}"], { stdio: "ignore" }));
  const stop = () => {
    for (const b of burners) if (b.exitCode === null && b.signalCode === null) b.kill("SIGKILL");
  };
  process.once("exit", stop);
  return { stop };
}

const load1 = () => loadavg()[0]!.toFixed(2);
const { rows, row, print } = results(ms);

/** A synthetic program with funding of each element by year and source. */
function fundedProgram(p: number, executor: string): ProgramDocument {
  const doc = programDocument(programReport(FULL_REGION, 0, p), executor);
  for (const d of doc.directions) {
    d.elements.forEach((e, i) => {
      e.funding = [2025, 2026, 2027].flatMap((y) => [
        { year: y, source: "local", amount: `${1000 + i * 17 + p}.${String((y * 7 + i) % 100).padStart(2, "0")}` },
        { year: y, source: "regional", amount: `${500 + i * 3}.50` },
      ]);
    });
  }
  return doc;
}

/** A program of about 10,000 rows in the plain layout: 120 metrics with 6 yearly values and 72 months each. */
function bigProgram(executor: string): ProgramDocument {
  const doc = programDocument(programReport(FULL_REGION, 1, 0), executor);
  doc.code = "BIG-1";
  doc.name = "Программа на 10 000 строк";
  for (const d of doc.directions) {
    for (const e of d.elements) {
      e.funding = [2025, 2026, 2027, 2028, 2029, 2030].map((y) => ({ year: y, source: "local", amount: `${y}.25` }));
      for (const m of e.metrics) {
        m.values = [2025, 2026, 2027, 2028, 2029, 2030].map((y, k) => ({
          year: y,
          plan: String(100 + k),
          fact: y === 2025 ? "99.5" : null,
        }));
        m.months = [2025, 2026, 2027, 2028, 2029, 2030].flatMap((y) =>
          Array.from({ length: 12 }, (_, k) => ({ year: y, month: k + 1, plan: String(k * 10), fact: null, forecast: null })),
        );
      }
    }
  }
  return doc;
}

const { handle, dir, stop } = await benchDatabase("orientir-bench-forms-");
try {
  const db = new Db(handle.appUrl, { max: 4 });
  const ctx = createContext(db);
  const executor = "Управление образования";
  const base = {
    country: "RU",
    currency: "RUB",
    budgetSources: [
      { code: "regional", name: "Областной бюджет" },
      { code: "local", name: "Местный бюджет" },
    ],
    departments: [{ name: executor }],
  };

  // ---- 1. the consolidated report of 30 programs ---------------------------------------------------
  if (!process.argv.includes("--import-only")) {
    const { municipalityId } = await db.tx((q) =>
      insertMunicipalityDocument(q, {
        ...base,
        name: `Бенчмарк форм ${randomUUID().slice(0, 8)}`,
        programs: Array.from({ length: 30 }, (_, p) => fundedProgram(p, executor)),
      }),
    );
    const caller: Caller = {
      actor: { userId: randomUUID(), login: "bench", municipalityId, role: "economy", departmentId: null },
      requestId: null,
    };
    const form = FORMS.find((f) => f.id === "consolidated-report")!;
    if (form.scope !== "municipality") throw new Error("unreachable");
    const data = await municipalityFormData(ctx, caller, 2025);
    if (data.programs.length !== 30 || Object.keys(data.evaluations).length !== 30) throw new Error("not 30 evaluated programs");
    const build = async () => form.build({ ...(await municipalityFormData(ctx, caller, 2025)), context: data.context });
    row("consolidated report of 30 programs: load and evaluate", await time(5, () => municipalityFormData(ctx, caller, 2025)), "—");
    for (const format of ["xlsx", "docx", "pdf"] as const) {
      row(
        `consolidated report of 30 programs, whole request, ${format.toUpperCase()}`,
        await time(5, async () => renderForm(await build(), format)),
        "< 3,000 ms",
      );
    }
    const annual = FORMS.find((f) => f.id === "annual-report")!;
    if (annual.scope !== "program") throw new Error("unreachable");
    const one = data.programs[0]!;
    row(
      "annual report of one program (20 elements, 120 metrics), PDF",
      await time(5, () => renderForm(annual.build({ program: one, year: 2025, context: data.context }), "pdf")),
      "—",
    );
  }

  // ---- 2. import of 10,000 rows ---------------------------------------------------------------------
  if (!process.argv.includes("--report-only")) {
    const big = bigProgram(executor);
    const counts = [...plainRows(big).values()].reduce((a, r) => a + r.length, 0);
    const file = await renderPlainWorkbook(big);
    const path = join(dir ?? tmpdir(), `bench-import-${randomUUID().slice(0, 8)}.xlsx`);
    writeFileSync(path, file);
    console.error(`workbook: ${counts} rows, ${(file.length / 1024).toFixed(0)} KB`);
    const empty: ProgramDocument = { ...big, goals: [], stages: [], indicators: [], directions: [], coExecutors: [] };
    // the import runs in a process of its own, as a server would receive the file: its memory is the import's
    // --one-by-one: each row through the use case of a single change, as before the set-wise path (for comparison)
    const oneByOne = process.argv.includes("--one-by-one");
    const profileAt = process.argv.indexOf("--profile");
    const profile = profileAt > 0 ? ["--cpu-prof", `--cpu-prof-dir=${process.argv[profileAt + 1]}`] : [];
    const burners = numberOption("--cpu-load", 0);
    const runs = Math.max(1, numberOption("--runs", 1));
    const setRows = numberOption("--set-rows", 0);
    const runsOut: { r: Record<string, number>; before: string; after: string; busy: string }[] = [];
    for (let run = 0; run < runs; run++) {
      const target = await db.tx((q) =>
        insertMunicipalityDocument(q, { ...base, name: `Бенчмарк импорта ${randomUUID().slice(0, 8)}`, programs: [empty] }),
      );
      const programId = (await listRows(db, resource("program"), { municipalityId: target.municipalityId }))[0]!.id;
      const before = load1();
      const load = cpuLoad(burners);
      // the runnable threads of the whole machine (/proc/loadavg), sampled while the import runs
      const runnable: number[] = [];
      const sampling = setInterval(() => {
        const n = Number(readFileSync("/proc/loadavg", "utf8").split(" ")[3]?.split("/")[0]);
        if (Number.isFinite(n)) runnable.push(n - 1); // less this process, sampling
      }, 200);
      let child: { status: number | null; stdout: string };
      try {
        child = await new Promise((resolve, reject) => {
          const c = spawn(
            process.execPath,
            [
              ...profile,
              "--import",
              "tsx",
              new URL(import.meta.url).pathname,
              "--import-child",
              path,
              handle.appUrl,
              target.municipalityId,
              programId,
              oneByOne ? "one-by-one" : "set-wise",
              ...(setRows ? [String(setRows)] : []),
            ],
            { stdio: ["ignore", "pipe", "inherit"] },
          );
          let stdout = "";
          c.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
          c.on("error", reject).on("close", (status) => resolve({ status, stdout }));
        });
      } finally {
        load.stop();
        clearInterval(sampling);
      }
      const busy = runnable.length ? (runnable.reduce((a, b) => a + b, 0) / runnable.length).toFixed(1) : "?";
      const after = load1();
      if (child.status !== 0) throw new Error(`the import process failed (${child.status})`);
      const r = JSON.parse(child.stdout.trim().split("\n").pop()!) as Record<string, number>;
      console.error(
        `import run ${run + 1}/${runs} (--cpu-load ${burners}${setRows ? ` --set-rows ${setRows}` : ""}, load average ${before} → ${after}, runnable threads ${busy} on average): ` +
          `preview ${ms(r.preview!)} ms (CPU ${ms(r.cpuPreview!)} ms), confirmation ${ms(r.confirm!)} ms (CPU ${ms(r.cpuConfirm!)} ms), again ${ms(r.again!)} ms, peak ${r.peakMb} MB (${r.baseMb} MB)`,
      );
      runsOut.push({ r, before, after, busy });
    }
    const created = runsOut[0]!.r.created!;
    const median = (k: string) => {
      const xs = runsOut.map((x) => x.r[k]!).sort((a, b) => a - b);
      return runs === 1 ? `${ms(xs[0]!)} ms` : `${ms(xs[Math.floor(xs.length / 2)]!)} ms (min ${ms(xs[0]!)}, max ${ms(xs.at(-1)!)})`;
    };
    rows.push([
      `conditions: ${cpus().length} cores, --cpu-load ${burners} (busy-loop processes beside the benchmark)${setRows ? `, --set-rows ${setRows}` : ""}, ${runs} run(s), load average (1 min) before → after each import [runnable threads of the machine during it, mean]`,
      runsOut.map((x) => `${x.before} → ${x.after} [${x.busy}]`).join("; "),
      "—",
    ]);
    rows.push([
      `preview of the import of ${counts.toLocaleString("en")} new rows (read, check, compare, dry run of every row)`,
      median("preview"),
      "< 5,000 ms",
    ]);
    rows.push([
      `confirmation: ${created.toLocaleString("en")} rows written ${oneByOne ? "one by one through the single-change use case" : "set-wise by the single change's checks"}, with their audit entries`,
      median("confirm"),
      "< 5,000 ms",
    ]);
    rows.push(["preview + confirmation together", median("total"), "—"]);
    rows.push(["the same file again: preview finds no change", median("again"), "—"]);
    rows.push([
      "peak resident memory of the importing process (of it, before the import: Node with Orientir's modules loaded)",
      `${Math.max(...runsOut.map((x) => x.r.peakMb!))} MB at most (${Math.max(...runsOut.map((x) => x.r.baseMb!))} MB)`,
      "< 300 MB",
    ]);
    row(
      `reading the workbook of ${counts.toLocaleString("en")} rows (limits, parse, check every cell)`,
      await time(3, () => parseProgramWorkbook(file, empty)),
      "—",
    );
  }
  await db.close();
} finally {
  await stop();
}

print();
