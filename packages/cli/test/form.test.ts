/** `npx orientir form`: the list of forms, and forms of the fixture's database written to files. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readXlsx } from "../../reports/test/xlsx.ts";
import JSZip from "jszip";
import ExcelJS from "exceljs";
import { FORMS } from "@orientir/reports";
import { MUNICIPALITY_A } from "@orientir/testing";
import { Db } from "@orientir/db";
import { createContext, seedVersionsInForce } from "@orientir/app";
import { main } from "../src/main.ts";
import { capture, useFixtureDatabase } from "./helpers.ts";

const fixture = useFixtureDatabase();
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "orientir-form-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("npx orientir form", () => {
  it("--list names every form with its scope and source", async () => {
    const c = capture();
    expect(await main(["form", "--list"], c.io)).toBe(0);
    expect(c.out).toHaveLength(FORMS.length + 2); // and office-report, workbook
    expect(c.out.at(-1)).toMatch(/^workbook /);
    for (const f of FORMS) expect(c.out.find((l) => l.startsWith(f.id + " "))).toContain(f.source);
    const help = capture();
    expect(await main(["form", "--help"], help.io)).toBe(0);
    expect(help.out.join("\n")).toContain("orientir form");
  });

  it("writes a program's form in each format, read back from the file", async () => {
    const xlsx = join(dir, "indicators.xlsx");
    const c = capture();
    expect(await main(["form", "indicators", "--program", "MP-1", "--municipality", "Город А", "--out", xlsx], c.io)).toBe(0);
    const rows = (await readXlsx(readFileSync(xlsx))).rows;
    const ind = MUNICIPALITY_A.programs[0]!.indicators[0]!;
    const row = rows.find((r) => r[1] === ind.name)!;
    expect(row.slice(2, 10)).toEqual([ind.unit, Number(ind.baseValue), ...ind.values.map((v) => Number(v.plan))]);

    const docx = join(dir, "funding.docx");
    expect(
      await main(["form", "funding", "--program", "MP-1", "--municipality", "Город А", "--format", "docx", "--out", docx], capture().io),
    ).toBe(0);
    const xml = await (await JSZip.loadAsync(readFileSync(docx))).file("word/document.xml")!.async("string");
    expect(xml).toContain("Финансовое обеспечение направления муниципальной программы");
    expect(xml).toContain("1\u00a0000,50");

    const pdf = join(dir, "passport.pdf");
    expect(await main(["form", "passport", "--program", "MP-1", "--municipality", "Город А", "--out", pdf], capture().io)).toBe(0);
    expect(readFileSync(pdf).subarray(0, 5).toString("latin1")).toBe("%PDF-");
  });

  it("the action plan's and the municipality's forms", async () => {
    const plan = join(dir, "plan.xlsx");
    expect(await main(["form", "plan-activities", "--municipality", "Город А", "--out", plan], capture().io)).toBe(0);
    expect(JSON.stringify((await readXlsx(readFileSync(plan))).rows)).toContain("Мероприятие плана");
    const svod = join(dir, "svod.xlsx");
    // the consolidated report holds the programs in force in the year: Б's program from a decree of December 2024
    const db = new Db(fixture.url);
    try {
      expect(await seedVersionsInForce(createContext(db), "Город Б", "adminb", () => ({ number: "1-п", date: "2024-12-10" }))).toEqual([
        "MP-1",
      ]);
    } finally {
      await db.close();
    }
    expect(await main(["form", "consolidated-report", "--year", "2025", "--municipality", "Город Б", "--out", svod], capture().io)).toBe(0);
    const text = JSON.stringify((await readXlsx(readFileSync(svod))).rows);
    expect(text).toContain("Программа Б1");
    expect(text).not.toContain("Программа А1");
  });

  it("a program's workbook edited and imported: preview first, --yes applies, the same file again changes nothing", async () => {
    const file = join(dir, "mp-1.xlsx");
    expect(await main(["form", "workbook", "--program", "MP-1", "--municipality", "Город А", "--out", file], capture().io)).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(file) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet("Значения индикаторов")!;
    ws.eachRow((row) => {
      if (row.getCell(1).value === "И1" && row.getCell(2).value === 2026) row.getCell(3).value = 66.6;
    });
    const edited = join(dir, "mp-1-edited.xlsx");
    writeFileSync(edited, Buffer.from(await wb.xlsx.writeBuffer()));
    const preview = capture();
    expect(await main(["import", edited, "--program", "MP-1", "--municipality", "Город А"], preview.io)).toBe(0);
    expect(preview.out[0]).toBe("layout: plain; create 0, update 1, delete 0");
    expect(preview.out[1]).toMatch(/^update Индикатор «Индикатор А1» — 2026 — План: "60" → "66.6" \[Значения индикаторов, row \d+\]$/);
    expect(preview.err.join("\n")).toContain("--yes");
    const apply = capture();
    expect(await main(["import", edited, "--program", "MP-1", "--municipality", "Город А", "--yes"], apply.io)).toBe(0);
    expect(apply.err.join("\n")).toContain("applied: create 0, update 1, delete 0");
    const again = capture();
    expect(await main(["import", edited, "--program", "MP-1", "--municipality", "Город А"], again.io)).toBe(0);
    expect(again.out).toEqual(["layout: plain; create 0, update 0, delete 0"]);
    const bad = join(dir, "bad.xlsx");
    writeFileSync(bad, "not a workbook");
    const refused = capture();
    expect(await main(["import", bad, "--program", "MP-1", "--municipality", "Город А", "--yes"], refused.io)).toBe(1);
    expect(refused.err.join("\n")).toMatch(/не является книгой Excel/);
  });

  it("refuses what it cannot do, naming the problem", async () => {
    const cases: [string[], number, RegExp][] = [
      [["form"], 2, /missing FORM/],
      [["form", "nope", "--out", "x.xlsx"], 2, /unknown form: nope/],
      [["form", "passport", "--out", "x.xlsx"], 2, /--program CODE/],
      [["form", "passport", "--program", "MP-1", "--out", "x.csv"], 2, /--format must be one of/],
      [["form", "passport", "--program", "MP-1", "--out", join(dir, "x.xlsx")], 1, /несколько муниципальных образований/],
      [["form", "passport", "--program", "MP-9", "--municipality", "Город А", "--out", join(dir, "x.xlsx")], 1, /MP-9.*не найдена/],
      [["form", "monitoring", "--program", "MP-1", "--quarter", "5", "--out", "x.xlsx"], 2, /--quarter/],
    ];
    for (const [args, code, msg] of cases) {
      const c = capture();
      expect(await main(args, c.io), args.join(" ")).toBe(code);
      expect(c.err.join("\n"), args.join(" ")).toMatch(msg);
    }
  });
});
