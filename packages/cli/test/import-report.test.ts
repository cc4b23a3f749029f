/** `npx orientir export-report … > FILE.json` and `npx orientir import FILE.json`: a program's year both ways. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../src/main.ts";
import { capture, useFixtureDatabase } from "./helpers.ts";

useFixtureDatabase();
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "orientir-import-report-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const place = ["--municipality", "Город А"];

async function exportReport(): Promise<string> {
  const c = capture();
  expect(await main(["export-report", "MP-1", "--year", "2026", "--as-of", "2026-12-31", ...place], c.io)).toBe(0);
  return c.out.join("\n");
}

describe("npx orientir import FILE.json", () => {
  it("the exported report imports as no change; an edited one previews its edit, applies with --yes, and exports as edited", async () => {
    const file = join(dir, "mp-1-2026.json");
    const text = await exportReport();
    writeFileSync(file, text);
    const same = capture();
    expect(await main(["import", file, "--program", "MP-1", ...place], same.io)).toBe(0);
    expect(same.out[0]).toBe("layout: report-json; create 0, update 0, delete 0");
    expect(same.out[1]).toMatch(/^note: Отчет формата 1 за 2026 год на 31\.12\.2026: .*не удаляются/);
    expect(same.out).toHaveLength(2);

    const r = JSON.parse(text);
    r.directions[1].elements[0].metrics[0].fact = 9;
    const edited = join(dir, "mp-1-2026-edited.json");
    writeFileSync(edited, JSON.stringify(r, null, 2));
    const preview = capture();
    expect(await main(["import", edited, "--program", "MP-1", ...place], preview.io)).toBe(0);
    expect(preview.out[0]).toBe("layout: report-json; create 0, update 1, delete 0");
    expect(preview.out[2]).toBe('update Показатель «Показатель 2 А1» — 2026 — Факт: null → "9" [directions[1].elements[0].metrics[0]]');
    expect(preview.err.join("\n")).toContain("--yes");
    const apply = capture();
    expect(await main(["import", edited, "--program", "MP-1", ...place, "--yes"], apply.io)).toBe(0);
    expect(apply.err.join("\n")).toContain("applied: create 0, update 1, delete 0");
    expect(JSON.parse(await exportReport())).toEqual(r);
    const again = capture();
    expect(await main(["import", edited, "--program", "MP-1", ...place], again.io)).toBe(0);
    expect(again.out[0]).toBe("layout: report-json; create 0, update 0, delete 0");
  });

  it("a report of another program, or one not a number where a number is due: every error by its path, nothing applied", async () => {
    const r = JSON.parse(await exportReport());
    r.program.code = "MP-2";
    const other = join(dir, "other.json");
    writeFileSync(other, JSON.stringify(r));
    const refused = capture();
    expect(await main(["import", other, "--program", "MP-1", ...place, "--yes"], refused.io)).toBe(1);
    expect(refused.err).toEqual(["error: program.code: отчет программы «MP-2», а загружается в программу «MP-1»"]);

    r.program.code = "MP-1";
    r.indicators[0].plan = "много";
    const bad = join(dir, "bad.txt");
    writeFileSync(bad, ` ${JSON.stringify(r)}`);
    const c = capture();
    expect(await main(["import", bad, "--program", "MP-1", ...place, "--yes"], c.io)).toBe(1);
    expect(c.err).toEqual(["error: indicators[0].plan: отчет формата 1: должно быть числом JSON, а не строкой"]);
    expect(c.err.join("\n")).not.toContain("applied");
  });
});
