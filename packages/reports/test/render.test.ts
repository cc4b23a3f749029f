/** The renderers' own rules: texts never become formulas, wide forms are landscape, long tables repeat their header. */
import { describe, expect, it } from "vitest";
import JSZip from "jszip";
import { FORMS, escapeXstring, finalize, header, layout, money, range, renderForm, sum, text, type FormDocument } from "../src/index.ts";
import { municipality, readDocxTables, readPdfPages, readXlsx, squeeze } from "./data.ts";

const HOSTILE = ["=1+2", "+7", "-3", "@SUM(A1)", "\tTAB", "\rCR", "=cmd|' /C calc'!A0", "a\r\nb", "_x0041_", "обычный текст"];

function hostileDoc(): FormDocument {
  return {
    form: "test",
    title: ["=Заголовок"],
    landscape: false,
    sheetName: "Проверка",
    fileName: "test",
    sections: [
      finalize({
        columns: [30, 12],
        header: [[header("-Текст"), header("+Число")]],
        numbered: true,
        body: HOSTILE.map((h, i) => [text(h), money(`${i}.50`)]),
      }),
    ],
  };
}

describe("formula injection", () => {
  it("a text beginning with = + - @ tab or CR is a text cell in the XLSX, never a formula, and reads back unchanged", async () => {
    const { buffer } = await renderForm(hostileDoc(), "xlsx");
    const x = await readXlsx(buffer);
    expect(x.cell("A1")?.v).toBe("=Заголовок");
    expect(x.cell("A1")?.f).toBeUndefined();
    expect(x.cell("A3")?.v).toBe("-Текст");
    HOSTILE.forEach((h, i) => {
      const c = x.cell(`A${5 + i}`)!;
      expect(c.t).toBe("s");
      expect(c.f).toBeUndefined();
      expect(c.v).toBe(h);
    });
    // no <f> element anywhere in the sheet: this document has no totals
    const zip = await JSZip.loadAsync(buffer);
    const sheet = await zip.file("xl/worksheets/sheet1.xml")!.async("string");
    expect(sheet).not.toMatch(/<f>|<f /);
    // a carriage return is written as _x000D_, so that an XML parser cannot turn it into a line feed
    const strings = await zip.file("xl/sharedStrings.xml")!.async("string");
    expect(strings).not.toContain("\r");
    expect(strings).toContain("_x000D_CR");
  });

  it("escapes OOXML _xHHHH_ sequences and carriage returns", () => {
    expect(escapeXstring("_x0041_")).toBe("_x005F_x0041_");
    expect(escapeXstring("a\rb")).toBe("a_x000D_b");
    expect(escapeXstring("=SUM(A1)")).toBe("=SUM(A1)");
  });

  it("the same texts stay texts in the DOCX and PDF", async () => {
    const docx = await renderForm(hostileDoc(), "docx");
    const xml = await (await JSZip.loadAsync(docx.buffer)).file("word/document.xml")!.async("string");
    const tables = (await readDocxTables(docx.buffer)).tables;
    expect(tables[0]!.slice(2).map((r) => r[0])).toEqual(HOSTILE.map((h) => h.replace(/\r\n|\r/g, "\n")));
    expect(xml).not.toMatch(/<w:fldSimple|<w:instrText/);
    const pdf = squeeze((await readPdfPages((await renderForm(hostileDoc(), "pdf")).buffer)).join(""));
    for (const h of HOSTILE) expect(pdf).toContain(squeeze(h));
  });
});

describe("layout", () => {
  it("wide forms are landscape in every format, narrow ones portrait", async () => {
    const wide = hostileDoc();
    wide.landscape = true;
    const x = await JSZip.loadAsync((await renderForm(wide, "xlsx")).buffer);
    expect(await x.file("xl/worksheets/sheet1.xml")!.async("string")).toMatch(/orientation="landscape"/);
    const d = await JSZip.loadAsync((await renderForm(wide, "docx")).buffer);
    const xml = await d.file("word/document.xml")!.async("string");
    expect(xml).toMatch(/w:orient="landscape"/);
    expect(xml).toMatch(/<w:pgSz w:w="16838" w:h="11906"/);
    const narrow = await JSZip.loadAsync((await renderForm(hostileDoc(), "docx")).buffer);
    expect(await narrow.file("word/document.xml")!.async("string")).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    const pdf = (await renderForm(wide, "pdf")).buffer.toString("latin1");
    expect(pdf).toMatch(/\/MediaBox \[0 0 841\.89 595\.28\]/);
  });

  it("a long table continues on the next pages with its header repeated (PDF, DOCX, XLSX print titles)", async () => {
    const rows = Array.from({ length: 150 }, (_, i) => [
      text(`Строка ${i + 1} с достаточно длинным названием мероприятия`),
      money(`${i}.25`),
    ]);
    const doc: FormDocument = {
      form: "long",
      title: ["Длинная таблица"],
      landscape: false,
      sheetName: "Длинная",
      fileName: "long",
      sections: [
        finalize({
          columns: [40, 14],
          header: [[header("Наименование мероприятия"), header("Сумма")]],
          numbered: true,
          body: [...rows, [text("Итого"), sum([range(0, 1, 149, 1)])]],
        }),
      ],
    };
    const pages = await readPdfPages((await renderForm(doc, "pdf")).buffer);
    expect(pages.length).toBeGreaterThan(2);
    for (const p of pages) expect(squeeze(p)).toContain("Наименованиемероприятия");
    expect(squeeze(pages.at(-1)!)).toContain(squeeze("11 212,50")); // 0.25 + 1.25 + … + 149.25
    const d = await JSZip.loadAsync((await renderForm(doc, "docx")).buffer);
    const xml = await d.file("word/document.xml")!.async("string");
    expect(xml.match(/<w:tblHeader\/>/g)?.length).toBe(2); // the header row and the numbering row
    const x = await JSZip.loadAsync((await renderForm(doc, "xlsx")).buffer);
    expect(await x.file("xl/workbook.xml")!.async("string")).toMatch(/_xlnm\.Print_Titles/);
  });

  it("a row that overflows the grid or overlapping spans is refused", () => {
    expect(() => layout([[text("a"), text("b"), text("c")]], 2)).toThrow(/wider/);
    expect(() => layout([[text("a", { rowSpan: 2 }), text("b")], [text("c", { colSpan: 2 })]], 2)).toThrow(/wider|overlap/);
  });

  it("every form of a program without directions, indicators or money still renders", async () => {
    const empty = {
      code: "MP-0",
      name: "Пустая",
      responsibleExecutor: "",
      coExecutors: [],
      startYear: 2026,
      endYear: 2026,
      goals: [],
      stages: [],
      indicators: [],
      directions: [],
    };
    const m = municipality();
    for (const f of FORMS) {
      const doc =
        f.scope === "program"
          ? f.build({ program: empty, year: 2026 })
          : f.scope === "plan"
            ? f.build({ plan: { name: "Пустой", startYear: 2026, endYear: 2026, activities: [], indicators: [], priorityProjects: [] } })
            : f.build({ municipality: m, programs: [], year: 2026 });
      for (const fmt of ["xlsx", "docx", "pdf"] as const) {
        const r = await renderForm(doc, fmt);
        expect(r.buffer.length, `${f.id}.${fmt}`).toBeGreaterThan(1000);
      }
    }
  });
});
