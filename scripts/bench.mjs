#!/usr/bin/env node
// `npm run bench`: runs every benchmark under bench/ (or the ones named: npm run bench -- forms),
// one after another, each in its own process; their numbers go to docs/PERFORMANCE.md by hand.
import { spawnSync } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const files = readdirSync(join(root, "bench"))
  .filter((f) => f.endsWith(".ts"))
  .sort();
// a file that another benchmark imports (a data generator) is not a benchmark of its own
const sources = files.map((f) => readFileSync(join(root, "bench", f), "utf8"));
const all = files.filter((f) => !sources.some((s) => s.includes(`"./${f}"`)));
const wanted = process.argv.slice(2);
const chosen = wanted.length ? all.filter((f) => wanted.some((w) => f === w || f === `${w}.ts`)) : all;
if (wanted.length && chosen.length !== wanted.length) {
  console.error(`unknown benchmark among: ${wanted.join(", ")}; there are: ${all.map((f) => f.replace(/\.ts$/, "")).join(", ")}`);
  process.exit(2);
}
let failed = 0;
for (const f of chosen) {
  console.log(`== bench/${f}`);
  const r = spawnSync(process.execPath, ["--import", "tsx", join("bench", f)], { cwd: root, stdio: "inherit" });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
