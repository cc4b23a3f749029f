/**
 * The reader of the cells (sheet-reader.ts, issue 16 part 7): the values exceljs's model gave the
 * import — dates by the cell's number format, booleans, errors, formulas' cached results, shared
 * strings with their escapes and rich runs, inline strings, merged ranges — read from the XML.
 */
import { describe, expect, it } from "vitest";
import { readWorkbook } from "../src/index.ts";
import { hostileWorkbook, sheetXml } from "./hostile.ts";

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const STYLES = `<?xml version="1.0" encoding="UTF-8"?><styleSheet ${NS}><numFmts count="1"><numFmt numFmtId="164" formatCode="dd.mm.yyyy"/></numFmts><cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="14"/><xf numFmtId="4"/></cellXfs></styleSheet>`;
const STRINGS = `<?xml version="1.0" encoding="UTF-8"?><sst ${NS} count="2" uniqueCount="2"><si><t>a_x000D_b &amp; _x005F_x0041_</t></si><si><r><t>ri</t></r><r><rPr><b/></rPr><t xml:space="preserve">ch </t></r><rPh><t>фонетика</t></rPh></si></sst>`;

describe("the cells read from the sheet's XML", () => {
  it("gives each kind of cell its plain value, a missing row empty, the other cells of a merged range empty", async () => {
    const rows =
      `<row r="1"><c r="A1" s="1"><v>45292</v></c><c r="B1" s="2"><v>45292.75</v></c><c r="C1" s="3"><v>45292</v></c>` +
      `<c r="D1" t="b"><v>1</v></c><c r="E1" t="e"><v>#N/A</v></c><c r="F1"><f>A1*2</f><v>3.5</v></c>` +
      `<c r="G1" t="str"><f>"a"&amp;"b"</f><v>a&amp;b</v></c><c r="H1" t="inlineStr"><is><t>x &lt;y&gt;</t></is></c>` +
      `<c r="I1" t="s"><v>0</v></c><c r="J1" t="s"><v>1</v></c><c r="K1" t="s"><v>7</v></c><c r="L1" s="1"/></row>` +
      `<row r="3"><c r="A3" t="inlineStr"><is><t>главная</t></is></c><c r="B3" t="inlineStr"><is><t>скрытая</t></is></c><c r="C3"><v>-1.5e2</v></c></row>` +
      `<row r="4"><c r="A4" t="inlineStr"><is><t>x</t></is></c><c r="B4" t="inlineStr"><is><t>под объединением</t></is></c></row>`;
    const buf = await hostileWorkbook({
      "xl/worksheets/sheet1.xml": sheetXml(rows, '<mergeCells count="2"><mergeCell ref="A3:B3"/><mergeCell ref="A4:C4"/></mergeCells>'),
      "xl/styles.xml": STYLES,
      "xl/sharedStrings.xml": STRINGS,
    });
    const [sheet, ...rest] = await readWorkbook(buf);
    expect(rest).toEqual([]);
    expect(sheet!.name).toBe("Лист1");
    expect(sheet!.rows).toEqual([
      ["2024-01-01", "2024-01-01", 45292, true, null, 3.5, "a&b", "x <y>", "a\rb & _x0041_", "rich ", null],
      [],
      ["главная", null, -150],
      ["x"],
    ]);
  });

  it("the 1904 date system of a workbook that declares it", async () => {
    const workbook = `<?xml version="1.0" encoding="UTF-8"?><workbook ${NS} xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><workbookPr date1904="1"/><sheets><sheet name="Даты" sheetId="1" r:id="rId1"/></sheets></workbook>`;
    const rels = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`;
    const buf = await hostileWorkbook({
      "xl/workbook.xml": workbook,
      "xl/_rels/workbook.xml.rels": rels,
      "xl/styles.xml": STYLES,
      "xl/worksheets/sheet1.xml": sheetXml('<row r="1"><c r="A1" s="1"><v>43830</v></c></row>'),
    });
    expect(await readWorkbook(buf)).toEqual([{ name: "Даты", rows: [["2024-01-01"]] }]);
  });
});
