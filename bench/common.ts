/** What the benchmarks share: timing repeated runs, the table of results, a database to run against. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort, migrate, resolveDatabase, type DatabaseHandle } from "@orientir/db";

export interface Timing {
  median: number;
  min: number;
}

/** fn run `runs` times one after the other: the median and the minimum of its times in ms. */
export async function time(runs: number, fn: () => unknown): Promise<Timing> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  return { median: samples[Math.floor(samples.length / 2)]!, min: samples[0]! };
}

/**
 * The rows of the Markdown table for docs/PERFORMANCE.md (measurement, time, target): row() adds a
 * timing (and reports it on stderr at once), rows.push() any other line; print() writes the table
 * to stdout. ms formats a time in milliseconds.
 */
export function results(ms: (x: number) => string) {
  const rows: [string, string, string][] = [];
  return {
    rows,
    row: (what: string, t: Timing, target: string) => {
      rows.push([what, `${ms(t.median)} ms (min ${ms(t.min)})`, target]);
      console.error(`${what}: ${ms(t.median)} ms (min ${ms(t.min)})`);
    },
    print: () => {
      console.log("| measurement | time | target |\n|---|---|---|");
      for (const [a, b, c] of rows) console.log(`| ${a} | ${b} | ${c} |`);
    },
  };
}

/**
 * The database of a benchmark, migrated: DATABASE_URL, or an embedded PostgreSQL in a temporary
 * folder (dir; named from prefix) on a free port. stop() stops it and removes the folder.
 */
export async function benchDatabase(prefix: string): Promise<{ handle: DatabaseHandle; dir: string | null; stop: () => Promise<void> }> {
  const dir = process.env.DATABASE_URL ? null : mkdtempSync(join(tmpdir(), prefix));
  if (dir) process.env.ORIENTIR_PG_PORT = String(await freePort());
  const handle = await resolveDatabase({ dataDir: dir ?? undefined });
  const stop = async () => {
    await handle.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  };
  try {
    await migrate(handle.url, () => {});
  } catch (e) {
    await stop();
    throw e;
  }
  return { handle, dir, stop };
}
