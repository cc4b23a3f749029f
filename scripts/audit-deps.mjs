#!/usr/bin/env node
// `npm run audit:deps`: the production dependencies (the tree reachable from the workspaces'
// `dependencies`, not their devDependencies) with their versions and licences, and the advisories
// the npm registry knows for them (`npm audit --omit=dev`). Exits 1 when an advisory is high or
// critical (or at the level given by --level), 0 otherwise. When the registry cannot be reached the
// advisories are reported as not checked: exit 0, or 2 with --strict.
//
//   node scripts/audit-deps.mjs [--strict] [--level low|moderate|high|critical] [--audit-file saved.json] [--json]
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export const SEVERITIES = ["info", "low", "moderate", "high", "critical"];

/** Where a package `name` required from the package at `from` (a path of the lock) is installed, by Node's lookup. */
function resolve(packages, from, name) {
  let base = from;
  for (;;) {
    const candidate = `${base ? `${base}/` : ""}node_modules/${name}`;
    if (packages[candidate]) return candidate;
    if (!base) return null;
    // up one node_modules level: "a/node_modules/b" → "a"; a workspace "packages/x" → the root
    const i = base.lastIndexOf("/node_modules/");
    base = i >= 0 ? base.slice(0, i) : base.startsWith("node_modules/") ? "" : "";
  }
}

/**
 * The packages of the lock file (lockfileVersion 2 or 3) that production reaches: from the root's
 * and each workspace's dependencies, optionalDependencies and required peerDependencies, transitively.
 * Workspaces themselves are not listed. Each: name, version, path in the lock, licence (from the
 * lock), and whether only optional edges reach it.
 */
export function productionPackages(lock) {
  const packages = lock.packages ?? {};
  const workspaces = Object.keys(packages).filter((k) => k === "" || !k.includes("node_modules/"));
  const found = new Map();
  const missing = [];
  const queue = [];
  const edges = (entry) => [
    ...Object.keys(entry.dependencies ?? {}).map((n) => [n, false]),
    // an optional peer (i18next's `typescript`) is the consumer's choice: production has it only when
    // something else of production requires it
    ...Object.keys(entry.peerDependencies ?? {})
      .filter((n) => !entry.peerDependenciesMeta?.[n]?.optional)
      .map((n) => [n, false]),
    ...Object.keys(entry.optionalDependencies ?? {}).map((n) => [n, true]),
  ];
  for (const w of workspaces) for (const [n, optional] of edges(packages[w])) queue.push([w, n, optional]);
  while (queue.length) {
    const [from, name, optional] = queue.shift();
    let at = resolve(packages, from, name);
    if (!at) {
      if (!optional) missing.push(`${name} (required by ${from || "the root"})`);
      continue;
    }
    if (packages[at].link) {
      at = packages[at].resolved;
      if (workspaces.includes(at)) continue; // a workspace: its dependencies are roots already
    }
    const prev = found.get(at);
    if (prev) {
      if (!optional) prev.optional = false;
      continue;
    }
    const entry = packages[at] ?? {};
    const pkgName = entry.name ?? at.slice(at.lastIndexOf("node_modules/") + "node_modules/".length);
    found.set(at, { name: pkgName, version: entry.version ?? "?", path: at, license: entry.license ?? null, optional });
    for (const [n, o] of edges(entry)) queue.push([at, n, optional || o]);
  }
  const list = [...found.values()].sort((a, b) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version));
  return { packages: list, missing };
}

/** A licence from a package.json: `license` as a string or {type}, or the old `licenses` array. */
export function licenceOfManifest(pkg) {
  const l = pkg?.license ?? pkg?.licenses;
  if (typeof l === "string" && l.trim()) return l.trim();
  if (l && typeof l === "object" && !Array.isArray(l) && typeof l.type === "string") return l.type;
  if (Array.isArray(l) && l.length) {
    const types = l.map((x) => (typeof x === "string" ? x : x?.type)).filter(Boolean);
    if (types.length) return types.length === 1 ? types[0] : `(${types.join(" OR ")})`;
  }
  return null;
}

/** Each package with its licence from its package.json under `root` when installed, else from the lock, else UNKNOWN. */
export function withLicences(packages, root) {
  return packages.map((p) => {
    const file = join(root, p.path, "package.json");
    let licence = null;
    let installed = false;
    if (existsSync(file)) {
      installed = true;
      try {
        licence = licenceOfManifest(JSON.parse(readFileSync(file, "utf8")));
      } catch {
        licence = null;
      }
    }
    return { ...p, installed, licence: licence ?? p.license ?? "UNKNOWN" };
  });
}

/** How many packages carry each licence, the most common first. */
export function licenceSummary(packages) {
  const counts = new Map();
  for (const p of packages) counts.set(p.licence, (counts.get(p.licence) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([licence, count]) => ({ licence, count }));
}

/**
 * What `npm audit --json` said: "unavailable" when it could not ask the registry (an error object,
 * or no report at all), else the vulnerable packages with their severity and advisories, and
 * whether any is at `level` or above (the decision to fail).
 */
export function auditDecision(report, level = "high") {
  const min = SEVERITIES.indexOf(level);
  if (min < 0) throw new Error(`unknown level: ${level}`);
  if (!report || typeof report !== "object" || report.error || !report.vulnerabilities) {
    const e = report?.error;
    const reason = e
      ? [e.code, e.summary].filter(Boolean).join(": ") || "npm audit failed"
      : typeof report?.message === "string"
        ? report.message
        : "npm audit gave no report";
    return { status: "unavailable", reason, vulnerable: [], failing: [], fail: false };
  }
  const vulnerable = Object.values(report.vulnerabilities)
    .map((v) => ({
      name: v.name,
      severity: SEVERITIES.includes(v.severity) ? v.severity : "critical", // an unknown severity is taken at its worst
      range: v.range ?? "",
      direct: !!v.isDirect,
      advisories: (v.via ?? [])
        .filter((x) => typeof x === "object")
        .map((x) => ({ title: x.title ?? "", url: x.url ?? "", severity: x.severity ?? "" })),
      through: (v.via ?? []).filter((x) => typeof x === "string"),
      fix:
        v.fixAvailable === true
          ? "yes"
          : v.fixAvailable && typeof v.fixAvailable === "object"
            ? `${v.fixAvailable.name}@${v.fixAvailable.version}`
            : "no",
    }))
    .sort((a, b) => SEVERITIES.indexOf(b.severity) - SEVERITIES.indexOf(a.severity) || a.name.localeCompare(b.name));
  const failing = vulnerable.filter((v) => SEVERITIES.indexOf(v.severity) >= min);
  return { status: "checked", reason: "", vulnerable, failing, fail: failing.length > 0 };
}

/** Runs `npm audit --omit=dev --json` in `root`; its parsed output, or an error object as npm gives one. */
export function runNpmAudit(root) {
  const r = spawnSync(process.platform === "win32" ? "npm.cmd" : "npm", ["audit", "--omit=dev", "--json"], {
    cwd: root,
    encoding: "utf8",
    timeout: 120_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.error) return { error: { code: r.error.code ?? "ESPAWN", summary: r.error.message } };
  try {
    return JSON.parse(r.stdout);
  } catch {
    return {
      error: { code: `exit ${r.status}`, summary: (r.stderr || r.stdout || "").trim().split("\n").slice(-3).join(" ") || "no output" },
    };
  }
}

/** The exit code: 1 for advisories at the level, 2 for advisories not checked under --strict, else 0. */
export function exitCode(decision, strict) {
  if (decision.fail) return 1;
  if (decision.status === "unavailable" && strict) return 2;
  return 0;
}

function parseArgs(argv) {
  const o = { strict: false, level: "high", auditFile: null, json: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--strict") o.strict = true;
    else if (a === "--json") o.json = true;
    else if (a === "--level") o.level = argv[++i];
    else if (a === "--audit-file") o.auditFile = argv[++i];
    else if (a === "--help" || a === "-h") o.help = true;
    else throw new Error(`unknown argument: ${a}`);
  }
  if (!SEVERITIES.includes(o.level)) throw new Error(`--level must be one of ${SEVERITIES.join(", ")}`);
  return o;
}

function main(argv) {
  const root = join(dirname(fileURLToPath(import.meta.url)), "..");
  let o;
  try {
    o = parseArgs(argv);
  } catch (e) {
    console.error(`audit:deps: ${e.message}`);
    return 64;
  }
  if (o.help) {
    console.log("usage: node scripts/audit-deps.mjs [--strict] [--level low|moderate|high|critical] [--audit-file saved.json] [--json]");
    return 0;
  }
  const lock = JSON.parse(readFileSync(join(root, "package-lock.json"), "utf8"));
  const { packages, missing } = productionPackages(lock);
  const listed = withLicences(packages, root);
  const report = o.auditFile ? JSON.parse(readFileSync(o.auditFile, "utf8")) : runNpmAudit(root);
  const decision = auditDecision(report, o.level);
  const code = exitCode(decision, o.strict);
  if (o.json) {
    console.log(JSON.stringify({ packages: listed, licences: licenceSummary(listed), missing, audit: decision, exitCode: code }, null, 2));
    return code;
  }
  console.log(`Production dependencies: ${listed.length} packages (from the lock file; * optional, - not installed here)\n`);
  const w = Math.max(...listed.map((p) => `${p.name}@${p.version}`.length), 10);
  for (const p of listed)
    console.log(`  ${`${p.name}@${p.version}`.padEnd(w)}  ${p.licence}${p.optional ? " *" : ""}${p.installed ? "" : " -"}`);
  console.log("\nLicences:");
  for (const l of licenceSummary(listed)) console.log(`  ${String(l.count).padStart(4)}  ${l.licence}`);
  if (missing.length) console.log(`\nRequired but not in the lock file: ${missing.join(", ")}`);
  console.log("");
  if (decision.status === "unavailable") {
    console.log(
      `Advisories: NOT CHECKED — the npm registry could not be asked (${decision.reason}).${o.strict ? " Failing (--strict)." : " Run again with network access, or with --strict to fail."}`,
    );
  } else if (!decision.vulnerable.length) {
    console.log("Advisories: none known for the production dependencies.");
  } else {
    console.log(`Advisories: ${decision.vulnerable.length} vulnerable package(s):`);
    for (const v of decision.vulnerable) {
      console.log(`  ${v.severity.toUpperCase().padEnd(8)} ${v.name} ${v.range}${v.direct ? " (direct)" : ""}; fix: ${v.fix}`);
      for (const a of v.advisories) console.log(`           ${a.title} ${a.url}`);
      if (v.through.length) console.log(`           through ${v.through.join(", ")}`);
    }
  }
  if (decision.fail) console.log(`\nFAIL: ${decision.failing.length} package(s) with an advisory of severity ${o.level} or above.`);
  return code;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) process.exitCode = main(process.argv.slice(2));
