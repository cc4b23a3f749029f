/**
 * Start-up times (issue 16, part 6), each a real process started the way a user starts it:
 * - `orientir --help` and `orientir workdays add …`, from the bundle compiled ahead of time and
 *   from the TypeScript sources (ORIENTIR_FROM_SOURCE=1), beside `node -e 0` (Node's own start);
 * - `orientir serve` on an existing data folder (the embedded PostgreSQL initialised and stopped):
 *   from the spawn to the first 200 of /api/health; and the embedded PostgreSQL's own start on that
 *   folder (startEmbedded, in this process), which the server waits for.
 *
 *   npx tsx bench/startup.ts [--runs N]      (or npm run bench -- startup; 7 runs of each by default:
 *                                             the median and the minimum)
 *
 * Needs the bundle: `node scripts/build-server.mjs` (npm ci runs it). Prints the machine's load
 * average before and after, as the other helpers' jobs may share the machine.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { freePort, startEmbedded } from "@orientir/db";
import { results, time, type Timing } from "./common.ts";

const root = new URL("..", import.meta.url).pathname;
const bin = join(root, "packages/cli/bin/orientir.mjs");
const runsArg = process.argv.indexOf("--runs");
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 7;
const ms = (x: number) => x.toFixed(0);
const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(" / ");

const ahead = spawnSync(
  process.execPath,
  ["-e", 'import("./packages/cli/bin/bundle.mjs").then((m) => console.log(m.bundleStaleReason() ?? "current"))'],
  {
    cwd: root,
    encoding: "utf8",
  },
);
if (ahead.stdout.trim() !== "current") {
  console.error(`the bundle is ${ahead.stdout.trim()}: run node scripts/build-server.mjs first`);
  process.exit(2);
}

const baseEnv = (): NodeJS.ProcessEnv => {
  const env = { ...process.env };
  delete env.DATABASE_URL;
  delete env.DATABASE_APP_URL;
  delete env.ORIENTIR_FROM_SOURCE;
  return env;
};

/** One command run to its end: fails the benchmark if it does not succeed. */
function run(args: string[], env: NodeJS.ProcessEnv = baseEnv()): void {
  const r = spawnSync(process.execPath, args, { cwd: root, env, stdio: ["ignore", "ignore", "pipe"], encoding: "utf8" });
  if (r.status !== 0) throw new Error(`${args.join(" ")} ended with ${r.status}: ${r.stderr}`);
}

/** `orientir serve` on the folder: ms from the spawn to the first 200 of /api/health; then stopped (SIGTERM) with its PostgreSQL. */
/** The CPU time (user + system, ms) a process has used so far, on Linux; NaN elsewhere. */
function cpuMs(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime, stime in ticks of 1/100 s
  } catch {
    return NaN;
  }
}

interface ServeRun {
  ms: number;
  cpuMs: number;
}

async function serveOnce(dataDir: string, pgPort: number, env: NodeJS.ProcessEnv = baseEnv(), timeoutMs = 60_000): Promise<ServeRun> {
  const httpPort = await freePort();
  const t0 = performance.now();
  const child = spawn(process.execPath, [bin, "serve"], {
    cwd: root,
    env: {
      ...env,
      ORIENTIR_DATA_DIR: dataDir,
      PORT: String(httpPort),
      HOST: "127.0.0.1",
      ORIENTIR_PG_PORT: String(pgPort),
      ORIENTIR_NO_DEMO: "1",
    },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let log = "";
  child.stderr.on("data", (c: Buffer) => (log += c.toString("utf8")));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  let elapsed = -1;
  let cpu = NaN;
  try {
    while (performance.now() - t0 < timeoutMs) {
      if (child.exitCode !== null) throw new Error(`serve ended with ${child.exitCode}: ${log}`);
      try {
        const r = await fetch(`http://127.0.0.1:${httpPort}/api/health`, { signal: AbortSignal.timeout(1000) });
        if (r.status === 200) {
          elapsed = performance.now() - t0;
          cpu = cpuMs(child.pid);
          break;
        }
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 5));
    }
    if (elapsed < 0) throw new Error(`serve did not answer in ${timeoutMs} ms: ${log}`);
    return { ms: elapsed, cpuMs: cpu };
  } finally {
    child.kill("SIGTERM");
    await exited;
  }
}

/** The median and the minimum of samples. */
function timing(samples: number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)]!, min: sorted[0]! };
}

/** Repeats a measurement that returns its own time (the embedded PostgreSQL's start). */
async function timed(runs: number, once: () => Promise<number>): Promise<Timing> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) samples.push(await once());
  return timing(samples);
}

const out = results(ms);
// the server serves packages/web/dist when it is there (npm start builds it): @fastify/static loads then
const webBuilt = existsSync(join(root, "packages/web/dist/index.html"));
const loadBefore = load();
console.error(`load average (1 / 5 / 15 min) before: ${loadBefore}; ${RUNS} runs of each`);

out.row("`node -e 0` (Node's own start, the floor)", await time(RUNS, () => run(["-e", "0"])), "—");
out.row("`orientir --help`, compiled ahead of time", await time(RUNS, () => run([bin, "--help"])), "< 300 ms");
out.row(
  "`orientir --help`, from the TypeScript sources (tsx)",
  await time(RUNS, () => run([bin, "--help"], { ...baseEnv(), ORIENTIR_FROM_SOURCE: "1" })),
  "—",
);
out.row(
  "`orientir workdays add 2026-12-01 5`, compiled ahead of time",
  await time(RUNS, () => run([bin, "workdays", "add", "2026-12-01", "5"])),
  "—",
);
out.row(
  "`orientir workdays add 2026-12-01 5`, from the TypeScript sources (tsx)",
  await time(RUNS, () => run([bin, "workdays", "add", "2026-12-01", "5"], { ...baseEnv(), ORIENTIR_FROM_SOURCE: "1" })),
  "—",
);

const dataDir = mkdtempSync(join(tmpdir(), "orientir-bench-startup-"));
try {
  const pgPort = await freePort();
  // the first start initialises the data folder and applies the migrations: not measured
  await serveOnce(dataDir, pgPort, baseEnv(), 180_000);
  out.row(
    "embedded PostgreSQL's own start on the existing folder (startEmbedded)",
    await timed(RUNS, async () => {
      const t0 = performance.now();
      const pg = await startEmbedded({ dataDir: join(dataDir, "pg"), port: pgPort, persistent: true });
      const elapsed = performance.now() - t0;
      await pg.stop();
      return elapsed;
    }),
    "—",
  );
  // the compiled and the TypeScript server in turn, so that both see the same changes of the machine's load
  const compiled: ServeRun[] = [];
  const source: ServeRun[] = [];
  for (let i = 0; i < RUNS; i++) {
    compiled.push(await serveOnce(dataDir, pgPort));
    source.push(await serveOnce(dataDir, pgPort, { ...baseEnv(), ORIENTIR_FROM_SOURCE: "1" }));
  }
  const serveRow = (what: string, runs: ServeRun[], target: string) => {
    out.row(`${what}: spawn → first 200 of /api/health`, timing(runs.map((r) => r.ms)), target);
    out.row(`${what}: CPU time of the process until then (user + system)`, timing(runs.map((r) => r.cpuMs)), "—");
  };
  serveRow("`orientir serve` on the existing folder, compiled ahead of time", compiled, "< 1,500 ms");
  serveRow("`orientir serve` on the existing folder, from the TypeScript sources (tsx)", source, "—");
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}

out.rows.push(["load average (1 / 5 / 15 min) before / after", `${loadBefore} / ${load()}`, "—"]);
out.rows.push(["web app served (packages/web/dist built)", webBuilt ? "yes" : "no", "—"]);
out.print();
