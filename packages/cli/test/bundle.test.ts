/**
 * The CLI and server compiled ahead of time (scripts/build-server.mjs): the bundle is built, answers
 * as the sources do, finds the files it reads at run time (the migrations, the import worker), and
 * is not run once a source it was made of has changed. Built into a folder of this test's own, so
 * that the bundle other tests' processes run is never swapped under them.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { BUILTIN_CALENDARS, addWorkingDays, workingDaysBetween } from "@orientir/domain";
import { bundleStaleReason, MANIFEST } from "../bin/bundle.mjs";
import { useFixtureDatabase } from "./helpers.ts";

const root = new URL("../../..", import.meta.url).pathname;
const outdir = join(root, "packages/cli/dist", `test-${process.pid}`);

const database = useFixtureDatabase();

beforeAll(() => {
  const r = spawnSync(process.execPath, [join(root, "scripts/build-server.mjs"), "--outdir", outdir], { encoding: "utf8" });
  expect(r.status, r.stderr).toBe(0);
}, 120_000);

afterAll(() => rmSync(outdir, { recursive: true, force: true }));

/** The bundle's main() on these arguments, in a process of its own. */
function runBundle(args: string[], env: NodeJS.ProcessEnv = process.env) {
  const entry = pathToFileURL(join(outdir, "orientir.mjs")).href;
  const script = `const { main } = await import(${JSON.stringify(entry)}); process.exit(await main(${JSON.stringify(args)}));`;
  return spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8", env });
}

describe("the bundle compiled ahead of time", () => {
  it("is built with its manifest, made of our sources only", () => {
    for (const file of ["orientir.mjs", "orientir.mjs.map", "import-worker.mjs", MANIFEST])
      expect(existsSync(join(outdir, file)), file).toBe(true);
    const manifest = JSON.parse(readFileSync(join(outdir, MANIFEST), "utf8")) as { builtAt: number; inputs: string[] };
    expect(manifest.inputs).toContain("packages/cli/src/main.ts");
    expect(manifest.inputs).toContain("packages/server/src/http.ts");
    expect(manifest.inputs.filter((f) => f.includes("node_modules"))).toEqual([]);
    // third-party packages are imported from node_modules, not copied in
    const serve = readdirSync(outdir).find((f) => /^serve-\w+\.mjs$/.test(f));
    expect(readFileSync(join(outdir, serve ?? "serve.mjs"), "utf8")).toMatch(/^import \w+ from "fastify";$/m);
    expect(bundleStaleReason(outdir)).toBeNull();
  });

  it("answers --help and workdays as the sources do", () => {
    const help = runBundle(["--help"]);
    expect(help.status).toBe(0);
    for (const cmd of ["serve", "migrate", "workdays add DATE N", "import FILE"]) expect(help.stdout).toContain(cmd);
    const ru = BUILTIN_CALENDARS.RU!;
    const add = runBundle(["workdays", "add", "2025-12-30", "3"]);
    expect([add.status, add.stdout.trim(), add.stderr]).toEqual([0, addWorkingDays(ru, "2025-12-30", 3), ""]);
    const between = runBundle(["workdays", "between", "2024-12-31", "2025-12-31"]);
    expect([between.status, between.stdout.trim()]).toEqual([0, String(workingDaysBetween(ru, "2024-12-31", "2025-12-31"))]);
    const bad = runBundle(["frobnicate"]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("unknown command: frobnicate");
  });

  it("finds the migrations from the bundle", () => {
    const r = runBundle(["migrate"], { ...process.env, DATABASE_URL: database.ownerUrl, DATABASE_APP_URL: database.url });
    expect(r.stderr).toBe("");
    expect([r.status, r.stdout]).toEqual([0, expect.stringContaining("up to date")]);
  }, 60_000);

  it("starts the import worker bundled as an entry of its own", async () => {
    const worker = new Worker(new URL(pathToFileURL(join(outdir, "import-worker.mjs")).href));
    try {
      const first = await new Promise<unknown>((resolve, reject) => {
        worker.once("message", resolve);
        worker.once("error", reject);
      });
      expect(first).toEqual({ ready: true });
    } finally {
      await worker.terminate();
    }
  });

  it("is stale once a source it was made of changes, or when it is missing", () => {
    const dir = join(outdir, "stale");
    mkdirSync(dir);
    expect(bundleStaleReason(dir)).toBe("not built");
    const source = join(dir, "source.ts");
    writeFileSync(source, "export {};\n");
    const input = source.slice(root.length);
    writeFileSync(join(dir, MANIFEST), JSON.stringify({ builtAt: Date.now(), inputs: [input] }));
    utimesSync(source, new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
    expect(bundleStaleReason(dir)).toBeNull();
    utimesSync(source, new Date(), new Date(Date.now() + 60_000));
    expect(bundleStaleReason(dir)).toBe(`${input} changed`);
    rmSync(source);
    expect(bundleStaleReason(dir)).toBe(`${input} is gone`);
  });
});
