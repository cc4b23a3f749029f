/**
 * `npm run audit:deps` (issue 9, part 8) without the network: the production tree taken from a lock
 * file (the workspaces' dependencies, not their devDependencies), the licences read from the
 * installed package.json files, and the decision on a saved `npm audit --json` report: fail on a
 * high or critical advisory, pass on lower ones, "not checked" when the registry could not be asked.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawnSync } from "node:child_process";
import { afterAll, describe, expect, it } from "vitest";
// @ts-expect-error: a plain ES module of the scripts, without types
import { auditDecision, exitCode, licenceOfManifest, licenceSummary, productionPackages, withLicences } from "../audit-deps.mjs";

const saved = JSON.parse(readFileSync(join(import.meta.dirname, "fixtures/npm-audit-high.json"), "utf8"));

/** A lock file of two workspaces: a production tree with a nested copy, a link between workspaces, a dev-only branch, an optional platform package. */
const LOCK = {
  lockfileVersion: 3,
  packages: {
    "": { name: "root", workspaces: ["packages/*"], devDependencies: { vitest: "^4" } },
    "packages/a": { name: "@x/a", dependencies: { lib: "^1", "@x/b": "*" }, devDependencies: { devonly: "^1" } },
    "packages/b": { name: "@x/b", dependencies: { other: "^2" }, optionalDependencies: { "@plat/linux": "1", "@plat/absent": "1" } },
    "node_modules/@x/a": { resolved: "packages/a", link: true },
    "node_modules/@x/b": { resolved: "packages/b", link: true },
    "node_modules/lib": {
      version: "1.2.0",
      license: "MIT",
      dependencies: { dep: "^1" },
      // an optional peer met only by a dev dependency is not production's (as i18next's typescript)
      peerDependencies: { devonly: "^1" },
      peerDependenciesMeta: { devonly: { optional: true } },
    },
    "node_modules/lib/node_modules/dep": { version: "1.0.0", license: "ISC" },
    "node_modules/dep": { version: "2.0.0", license: "MIT" },
    "node_modules/other": { version: "2.1.0", license: "Apache-2.0", dependencies: { dep: "^2", lib: "^1" } },
    "node_modules/@plat/linux": { version: "1.0.0", license: "MIT", optional: true },
    "node_modules/devonly": { version: "1.0.0", dev: true, license: "MIT", dependencies: { devdep: "1" } },
    "node_modules/devdep": { version: "1.0.0", dev: true, license: "MIT" },
    "node_modules/vitest": { version: "4.0.0", dev: true, license: "MIT" },
  },
};

const dir = mkdtempSync(join(tmpdir(), "audit-deps-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the production tree and its licences", () => {
  it("follows dependencies from each workspace through nested copies and links, and leaves devDependencies out", () => {
    const { packages, missing } = productionPackages(LOCK);
    expect(packages.map((p: any) => `${p.name}@${p.version}${p.optional ? "*" : ""}`)).toEqual([
      "@plat/linux@1.0.0*",
      "dep@1.0.0",
      "dep@2.0.0",
      "lib@1.2.0",
      "other@2.1.0",
    ]);
    expect(missing).toEqual([]); // an optional dependency absent from the lock is not missing
    const broken = structuredClone(LOCK) as any;
    delete broken.packages["node_modules/other"];
    expect(productionPackages(broken).missing).toEqual(["other (required by packages/b)"]);
  });

  it("reads each licence from the installed package.json, falls back to the lock, and says UNKNOWN when neither has one", () => {
    const write = (path: string, pkg: object) => {
      mkdirSync(join(dir, path), { recursive: true });
      writeFileSync(join(dir, path, "package.json"), JSON.stringify(pkg));
    };
    write("node_modules/lib", { name: "lib", license: "BSD-3-Clause" }); // the installed file wins over the lock's MIT
    write("node_modules/dep", { name: "dep", licenses: [{ type: "MIT" }, { type: "Apache-2.0" }] });
    write("node_modules/other", { name: "other" });
    const lock = structuredClone(LOCK) as any;
    delete lock.packages["node_modules/other"].license;
    const listed = withLicences(productionPackages(lock).packages, dir);
    const by = Object.fromEntries(listed.map((p: any) => [`${p.name}@${p.version}`, [p.licence, p.installed]]));
    expect(by).toEqual({
      "@plat/linux@1.0.0": ["MIT", false],
      "dep@1.0.0": ["ISC", false],
      "dep@2.0.0": ["(MIT OR Apache-2.0)", true],
      "lib@1.2.0": ["BSD-3-Clause", true],
      "other@2.1.0": ["UNKNOWN", true],
    });
    expect(licenceSummary(listed)).toEqual([
      { licence: "(MIT OR Apache-2.0)", count: 1 },
      { licence: "BSD-3-Clause", count: 1 },
      { licence: "ISC", count: 1 },
      { licence: "MIT", count: 1 },
      { licence: "UNKNOWN", count: 1 },
    ]);
    expect(licenceOfManifest({ license: { type: "MIT" } })).toBe("MIT");
    expect(licenceOfManifest({ license: "  " })).toBeNull();
  });
});

describe("the decision on the advisories", () => {
  it("a high advisory fails, listed worst first with its titles; lower ones alone pass", () => {
    const d = auditDecision(saved);
    expect(d.status).toBe("checked");
    expect(d.vulnerable.map((v: any) => `${v.severity} ${v.name}`)).toEqual(["high xlsx", "moderate minimatch", "low brace-expansion"]);
    expect(d.vulnerable[0].advisories.map((a: any) => a.title)).toEqual([
      "Prototype Pollution in sheetJS",
      "SheetJS Regular Expression Denial of Service (ReDoS)",
    ]);
    expect(d.vulnerable[1]).toMatchObject({ through: ["brace-expansion"], fix: "glob@9.0.0" });
    expect(d.failing.map((v: any) => v.name)).toEqual(["xlsx"]);
    expect(exitCode(d, false)).toBe(1);

    const lower = structuredClone(saved);
    delete lower.vulnerabilities.xlsx;
    expect(exitCode(auditDecision(lower), false)).toBe(0);
    expect(exitCode(auditDecision(lower, "moderate"), false)).toBe(1);
    const critical = structuredClone(lower);
    critical.vulnerabilities.minimatch.severity = "critical";
    expect(exitCode(auditDecision(critical), false)).toBe(1);
    const strange = structuredClone(lower);
    strange.vulnerabilities.minimatch.severity = "severe"; // not a severity npm knows: taken at its worst
    expect(auditDecision(strange).fail).toBe(true);
    expect(exitCode(auditDecision({ auditReportVersion: 2, vulnerabilities: {}, metadata: {} }), true)).toBe(0);
  });

  it("a registry that cannot be asked: not checked, exit 0, or 2 with --strict", () => {
    for (const report of [
      { error: { code: "ENOAUDIT", summary: "Your configured registry does not support audit requests." } },
      { message: "405 Method Not Allowed" },
      null,
    ]) {
      const d = auditDecision(report);
      expect(d.status).toBe("unavailable");
      expect(d.reason).not.toBe("");
      expect(exitCode(d, false)).toBe(0);
      expect(exitCode(d, true)).toBe(2);
    }
    expect(auditDecision({ error: { code: "ENOAUDIT", summary: "no audit" } }).reason).toBe("ENOAUDIT: no audit");
  });

  it("the script on this repository with the saved report: lists the production packages, fails on the advisory", () => {
    const script = join(import.meta.dirname, "../audit-deps.mjs");
    const r = spawnSync(process.execPath, [script, "--audit-file", join(import.meta.dirname, "fixtures/npm-audit-high.json"), "--json"], {
      encoding: "utf8",
    });
    expect(r.status).toBe(1);
    const out = JSON.parse(r.stdout);
    const names = out.packages.map((p: any) => p.name);
    expect(names).toEqual(expect.arrayContaining(["exceljs", "fastify", "pg"]));
    // devDependencies of the workspaces are not production dependencies; xlsx is gone from the tree
    for (const dev of ["vitest", "typescript", "fast-check", "xlsx"]) expect(names).not.toContain(dev);
    expect(out.packages.find((p: any) => p.name === "exceljs").licence).toBe("MIT");
    const ok = spawnSync(process.execPath, [script, "--audit-file", join(dir, "empty.json")], { encoding: "utf8", input: "" });
    expect(ok.status).not.toBe(0); // a missing saved file is an error, not a pass
  });
});
