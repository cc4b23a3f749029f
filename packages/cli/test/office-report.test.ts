/**
 * `npx orientir form office-report --year 2023 --format docx --out FILE` (issue 15, part 5): on the
 * demo registry of the office, the file carries every count source 003 gives for 2023 and 2022 and
 * the −2 % of the appeals; bad arguments are refused with a usage error.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import JSZip from "jszip";
import { Db } from "@orientir/db";
import { createContext, seedControlDemo } from "@orientir/app";
import { MUNICIPALITY_A } from "@orientir/testing";
import { main } from "../src/main.ts";
import { capture, useFixtureDatabase } from "./helpers.ts";

const fixture = useFixtureDatabase();
let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "orientir-office-"));
  const db = new Db(fixture.url);
  await seedControlDemo(createContext(db), MUNICIPALITY_A.name);
  await db.close();
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("npx orientir form office-report", () => {
  it("writes the 2023 report with source 003's numbers", async () => {
    const out = join(dir, "office-2023.docx");
    const c = capture();
    expect(
      await main(
        ["form", "office-report", "--year", "2023", "--format", "docx", "--municipality", MUNICIPALITY_A.name, "--out", out],
        c.io,
      ),
    ).toBe(0);
    const xml = (await (await JSZip.loadAsync(readFileSync(out))).file("word/document.xml")!.async("string")).replace(/<[^>]+>/g, "");
    for (const sentence of [
      "поступило 22808 (2022 г. - 23142) обращений от юридических лиц",
      "индивидуальных поручений Главы – 1079 (2022 г. - 1064)",
      "исходящих – 3997 (2022 г. - 4829)",
      "прочих – 1543 (2022 г. - 1674)",
      "Обработано более 8 тысяч контрольных документов",
      "поставлено на контроль 1959 поручений",
      "на контроле находятся 4 поручения",
      "зарегистрировано 6553 письменных",
      "меньше, чем в прошлом году, на 2 % (2022 г. – 6667)",
    ])
      expect(xml).toContain(sentence);
    const pdf = join(dir, "office-2023.pdf");
    expect(await main(["form", "office-report", "--year", "2023", "--municipality", MUNICIPALITY_A.name, "--out", pdf], capture().io)).toBe(
      0,
    );
    expect(readFileSync(pdf).subarray(0, 5).toString("latin1")).toBe("%PDF-");
  }, 120_000);

  it("refuses arguments that do not apply", async () => {
    const c = capture();
    expect(await main(["form", "office-report", "--program", "MP-1", "--out", join(dir, "x.docx")], c.io)).not.toBe(0);
    expect(c.err.join("\n")).toContain("--program does not apply");
    const y = capture();
    expect(await main(["form", "office-report", "--year", "20x3", "--out", join(dir, "x.docx")], y.io)).not.toBe(0);
    expect(y.err.join("\n")).toContain("--year");
    const l = capture();
    expect(await main(["form", "--list"], l.io)).toBe(0);
    expect(l.out.some((s) => s.startsWith("office-report "))).toBe(true);
  });
});
