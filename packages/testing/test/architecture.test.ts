/**
 * The layers of docs/ARCHITECTURE.md, enforced: which package may import which, the domain core
 * stays pure, and only the data layer speaks SQL.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const root = new URL("../../..", import.meta.url).pathname;

/** What each package may import of ours. */
const ALLOWED: Record<string, string[]> = {
  domain: [],
  contracts: ["domain"],
  db: ["domain"],
  app: ["domain", "db", "contracts"],
  reports: ["domain"],
  server: ["domain", "contracts", "app", "reports", "portal"],
  portal: ["domain"],
  web: ["domain", "contracts"],
  cli: ["domain", "contracts", "db", "app", "server", "reports", "portal"],
  testing: ["domain", "contracts", "db", "app", "server", "reports", "portal"],
};

function files(dir: string): string[] {
  const out: string[] = [];
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return out;
  }
  for (const e of entries) {
    if (e === "node_modules" || e === "dist") continue;
    const p = join(dir, e);
    if (statSync(p).isDirectory()) out.push(...files(p));
    else if (/\.(ts|tsx|mts)$/.test(e)) out.push(p);
  }
  return out;
}

function imports(source: string): string[] {
  const re = /(?:import|export)\s+(?:type\s+)?(?:[^'"]*?\sfrom\s+)?["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g;
  const out: string[] = [];
  for (const m of source.matchAll(re)) out.push((m[1] ?? m[2])!);
  return out;
}

const SQL = /\b(SELECT\s+[\w*"(].*\s+FROM\s|INSERT\s+INTO\s|UPDATE\s+\w+\s+SET\s|DELETE\s+FROM\s|CREATE\s+TABLE\s)/i;

describe("architecture", () => {
  for (const [pkg, allowed] of Object.entries(ALLOWED)) {
    it(`${pkg} imports only ${allowed.length ? allowed.join(", ") : "nothing of ours"}`, () => {
      const bad: string[] = [];
      for (const f of files(join(root, "packages", pkg, "src"))) {
        for (const spec of imports(readFileSync(f, "utf8"))) {
          const ours = /^@orientir\/([\w-]+)/.exec(spec);
          if (ours && ours[1] !== pkg && !allowed.includes(ours[1]!)) bad.push(`${relative(root, f)} imports ${spec}`);
          if (spec.startsWith(".")) {
            const target = relative(join(root, "packages"), join(f, "..", spec));
            const targetPkg = target.split("/")[0];
            if (targetPkg !== pkg && !target.startsWith("..")) bad.push(`${relative(root, f)} reaches into ${target} by a relative path`);
          }
        }
      }
      expect(bad).toEqual([]);
    });
  }

  it("the domain core is pure: no Node built-ins, no third-party packages", () => {
    const bad: string[] = [];
    for (const f of files(join(root, "packages/domain/src"))) {
      for (const spec of imports(readFileSync(f, "utf8"))) {
        if (!spec.startsWith(".")) bad.push(`${relative(root, f)} imports ${spec}`);
      }
      const text = readFileSync(f, "utf8");
      if (/\b(process\.|require\(|fetch\(|Date\.now\(|new Date\(\))/.test(text))
        bad.push(`${relative(root, f)} touches the environment (process, require, fetch or the clock)`);
    }
    expect(bad).toEqual([]);
  });

  it("the contracts are schemas only: of other packages they import zod alone, no Node built-ins", () => {
    const bad: string[] = [];
    for (const f of files(join(root, "packages/contracts/src"))) {
      for (const spec of imports(readFileSync(f, "utf8"))) {
        if (!spec.startsWith(".") && spec !== "zod" && spec !== "@orientir/domain") bad.push(`${relative(root, f)} imports ${spec}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it("only the data layer speaks SQL", () => {
    const bad: string[] = [];
    for (const pkg of Object.keys(ALLOWED).filter((p) => p !== "db" && p !== "testing")) {
      for (const f of files(join(root, "packages", pkg, "src"))) {
        const lines = readFileSync(f, "utf8").split("\n");
        lines.forEach((line, i) => {
          if (SQL.test(line)) bad.push(`${relative(root, f)}:${i + 1}`);
        });
      }
    }
    expect(bad).toEqual([]);
  });
});
