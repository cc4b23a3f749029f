/**
 * Issue 15, part 4: the office's annual report carries its charts — the documents by kind (the year
 * beside the previous one), the main topics of the appeals, the execution by department — as
 * native Word charts in the DOCX (their numbers the table's) and drawn in the PDF; the tables and
 * the prose of source 003 stay as they were.
 */
import { describe, expect, it } from "vitest";
import JSZip from "jszip";
import { officeReportCharts, officeReportForm, renderForm, type OfficeReportInput } from "@orientir/reports";
import { readDocxTables, readPdfPages, squeeze } from "./data.ts";

const counts = (k: number) => ({
  incoming: Math.round(22808 * k),
  headOrders: Math.round(1079 * k),
  outgoing: Math.round(3997 * k),
  other: Math.round(1543 * k),
  controlDocuments: Math.round(8120 * k),
  meetingOrders: Math.round(1959 * k),
  broadcastOrders: 4,
  appeals: Math.round(6553 * k),
  collectiveAppeals: Math.round(410 * k),
});

const input: OfficeReportInput = {
  municipality: "Калуга",
  year: 2023,
  current: counts(1),
  previous: { ...counts(1), incoming: 23142, headOrders: 1064, outgoing: 4829, other: 1674, appeals: 6667 },
  topics: [
    { code: "0003", title: "Жилищно-коммунальная сфера", count: 3100, previous: 3200 },
    { code: "0002", title: "Социальная сфера", count: 1200, previous: 1150 },
  ],
  discipline: [{ department: "Управление образования", total: 40, onTime: 30, late: 6, overdue: 4, extended: 3, returned: 2 }],
};

describe("the office's report has charts", () => {
  it("charts the year beside the previous one with the table's numbers", () => {
    const c = officeReportCharts(input);
    expect(c.documents.categories[0]).toBe("От юридических лиц");
    expect(c.documents.series.map((s) => [s.name, s.values[0]])).toEqual([
      ["2022 г.", 23142],
      ["2023 г.", 22808],
    ]);
    expect(c.topics.series[1]!.values).toEqual([3100, 1200]);
    expect(c.discipline.series.map((s) => s.values[0])).toEqual([30, 6, 4]);
    expect(officeReportForm(input).sections.map((s) => s.chart?.title)).toEqual([c.documents.title, c.topics.title, c.discipline.title]);
  });

  it("DOCX: three native charts with their numbers; the tables and the text unchanged", async () => {
    const { buffer } = await renderForm(officeReportForm(input), "docx");
    const zip = await JSZip.loadAsync(buffer);
    const charts = Object.keys(zip.files).filter((f) => /^word\/charts\/chart\d+\.xml$/.test(f));
    expect(charts).toHaveLength(3);
    const xml = await Promise.all(charts.sort().map((f) => zip.file(f)!.async("string")));
    const all = xml.join("\n");
    for (const v of ["23142", "22808", "1064", "1079", "4829", "3997", "6667", "6553", "3100"]) expect(all).toContain(`<c:v>${v}</c:v>`);
    expect(all).toContain("Жилищно-коммунальная сфера");
    const { paragraphs, tables } = await readDocxTables(buffer);
    expect(paragraphs.join("\n")).toContain("поступило 22808 (2022 г. - 23142) обращений от юридических лиц");
    expect(tables).toHaveLength(3);
    expect(squeeze(tables[0]![2]!.join("|"))).toContain("23142|22808|-334|-1,4");
  });

  it("PDF: the charts are drawn with their titles, legends and values", async () => {
    const { buffer } = await renderForm(officeReportForm(input), "pdf");
    const text = squeeze((await readPdfPages(buffer)).join("\n"));
    expect(text).toContain(squeeze("Документы, поручения и обращения: 2022 и 2023 годы"));
    expect(text).toContain(squeeze("Основные темы обращений граждан: 2022 и 2023 годы"));
    expect(text).toContain(squeeze("Исполнение поручений со сроком в 2023 году"));
    expect(text).toContain(squeeze("Поручения прямых эфиров"));
    expect(text).toContain(squeeze("23 142"));
  });
});
