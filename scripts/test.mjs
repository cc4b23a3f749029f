#!/usr/bin/env node
// Runs every check of `npm test`: the type check, the linter, the formatter's check, then the vitest
// suite (domain, database, API, browser), and ends with the plain line "N passed, N failed" that CI reads.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const resultsDir = join(root, ".test-results");
mkdirSync(resultsDir, { recursive: true });
const jsonFile = join(resultsDir, "vitest.json");
rmSync(jsonFile, { force: true });

let passed = 0;
let failed = 0;

/** Runs one check (a node script with its arguments); it counts as one passed or one failed test. */
function check(title, script, args) {
  console.log(`== ${title}`);
  const run = spawnSync(process.execPath, [join(root, script), ...args], { cwd: root, stdio: "inherit" });
  if (run.status === 0) passed += 1;
  else {
    failed += 1;
    console.log(`== FAILED: ${title}`);
  }
}

// `typescript` is the TypeScript 6 API that typescript-eslint needs; the compiler is TypeScript 7 (@typescript/native).
check("type check (tsc --noEmit)", "node_modules/@typescript/native/bin/tsc", ["-p", "tsconfig.json", "--noEmit"]);
check("lint (eslint --max-warnings 0)", "node_modules/eslint/bin/eslint.js", [".", "--max-warnings", "0"]);
check("format (prettier --check)", "node_modules/prettier/bin/prettier.cjs", ["--check", "."]);

if (existsSync(join(root, "packages/web/index.html"))) {
  console.log("== web app build (for the browser tests)");
  const web = spawnSync("npm", ["run", "build:web"], { cwd: root, stdio: "inherit", shell: process.platform === "win32" });
  if (web.status === 0) passed += 1;
  else failed += 1;
}

console.log("== vitest");
const args = [
  join(root, "node_modules/vitest/vitest.mjs"),
  "run",
  "--reporter=default",
  "--reporter=json",
  `--outputFile.json=${jsonFile}`,
  ...process.argv.slice(2),
];
const vt = spawnSync(process.execPath, args, {
  cwd: root,
  stdio: "inherit",
  env: { ...process.env, FORCE_COLOR: process.env.CI ? "0" : process.env.FORCE_COLOR },
});

let vitestCounted = false;
try {
  const report = JSON.parse(readFileSync(jsonFile, "utf8"));
  passed += report.numPassedTests ?? 0;
  failed += report.numFailedTests ?? 0;
  // A test file that failed to load has no failed test but is a failure all the same.
  for (const file of report.testResults ?? []) {
    if (file.status === "failed" && (file.assertionResults ?? []).every((a) => a.status !== "failed")) failed += 1;
  }
  vitestCounted = true;
} catch {
  // no report: vitest itself crashed
}
if (!vitestCounted || (vt.status !== 0 && failed === 0)) failed += 1;

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && vt.status === 0 ? 0 : 1);
