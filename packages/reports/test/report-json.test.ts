/**
 * The parser of a program report (format 1) into the program it describes, without a database:
 * each report is made by the export's own mapping (`programReportFromDocument`), edited, parsed
 * back into the program, and the program's report made again must be the edited one.
 */
import { describe, expect, it } from "vitest";
import { programReportFromDocument, type ProgramDocument, type ProgramReport } from "@orientir/domain";
import { DEFAULT_IMPORT_LIMITS, looksLikeJson, parseProgramFile, parseProgramReportFile } from "@orientir/reports";
import { MUNICIPALITY_A, richProgram } from "./data.ts";

const context = { sources: MUNICIPALITY_A.budgetSources };
const reportOf = (doc: ProgramDocument, year: number, asOf: string) => programReportFromDocument(doc, year, asOf);
const parse = (r: unknown, doc: ProgramDocument, ctx = context) => parseProgramReportFile(Buffer.from(JSON.stringify(r)), doc, ctx);

/** Parses the edited report into the program; the program's report must then be the edited one. */
function roundTrip(doc: ProgramDocument, edited: ProgramReport) {
  const p = parse(edited, doc);
  expect(p.issues).toEqual([]);
  expect(reportOf(p.document, edited.year, edited.asOf)).toEqual(edited);
  return p;
}

describe("program report (format 1) into a program", () => {
  it.each([
    [2025, "2025-12-31"],
    [2026, "2026-12-31"],
    [2026, "2026-07-01"],
    [2026, "2026-01-10"],
  ])("the program's own report of %i as of %s changes nothing", (year, asOf) => {
    const doc = richProgram();
    const p = parse(reportOf(doc, year, asOf), doc);
    expect(p.issues).toEqual([]);
    expect(p.layout).toBe("report-json");
    expect(p.deleteMissing).toBe(false);
    expect(p.document).toEqual(doc);
  });

  it("several sources in the quarter: the difference goes to the local budget, and the notes say so", () => {
    const doc = richProgram();
    const r = reportOf(doc, 2026, "2026-12-31");
    // quarter 4 of direction 1: local 2100.00 / 2050.75 and federal 0.01 / 0.00
    expect(r.directions[0]!.funding).toEqual({ plan: "2100.01", cash: "2050.75" });
    r.directions[0]!.funding = { plan: "2200.01", cash: "2000.00" };
    const p = roundTrip(doc, r);
    const rows = p.document.directions[0]!.budgetExecution!.filter((b) => b.year === 2026 && b.quarter === 4);
    expect(rows).toEqual([
      { year: 2026, quarter: 4, source: "local", schedule: "2200.00", cash: "2000.00" },
      { year: 2026, quarter: 4, source: "federal", schedule: "0.01", cash: "0.00" },
    ]);
    expect(p.notes!.slice(1)).toEqual([
      expect.stringMatching(/^directions\[0\]\.funding\.plan: .*разница 100\.00 тыс\. отнесена на местный бюджет/),
      expect.stringMatching(/^directions\[0\]\.funding\.cash: .*разница -50\.75 тыс\. отнесена на местный бюджет/),
    ]);
    expect(p.origins.get(rows[0]!)).toEqual({
      sheet: "JSON",
      row: 0,
      columns: { "": "directions[0].funding", schedule: "directions[0].funding.plan", cash: "directions[0].funding.cash" },
    });
  });

  it("a sum below what the other sources hold is refused at its path", () => {
    const doc = richProgram();
    const r = reportOf(doc, 2026, "2026-12-31");
    r.directions[0]!.funding = { plan: "0.00", cash: "2050.75" };
    const p = parse(r, doc);
    expect(p.issues).toEqual([
      {
        sheet: "JSON",
        row: 0,
        column: "directions[0].funding.plan",
        reason: expect.stringContaining("местный бюджет стал бы отрицательным (-0.01)"),
      },
    ]);
    expect(p.document).toBe(doc);
    expect(p.present).toEqual([]);
  });

  it("several sources without a local row: a local row takes a surplus; a shortfall is refused", () => {
    const doc = richProgram();
    const d = doc.directions[0]!;
    d.budgetExecution = d.budgetExecution!.filter((b) => !(b.year === 2026 && b.quarter === 4 && b.source === "local"));
    d.budgetExecution.push({ year: 2026, quarter: 4, source: "regional", schedule: "10.00", cash: "5.00" });
    const r = reportOf(doc, 2026, "2026-12-31");
    expect(r.directions[0]!.funding).toEqual({ plan: "10.01", cash: "5.00" });
    r.directions[0]!.funding = { plan: "20.01", cash: "5.00" };
    const p = roundTrip(doc, r);
    expect(p.document.directions[0]!.budgetExecution).toContainEqual({
      year: 2026,
      quarter: 4,
      source: "local",
      schedule: "10.00",
      cash: "0.00",
    });

    r.directions[0]!.funding = { plan: "1.00", cash: "5.00" };
    expect(parse(r, doc).issues).toEqual([
      { sheet: "JSON", row: 0, column: "directions[0].funding.plan", reason: expect.stringContaining("строки местного бюджета нет") },
    ]);
  });

  it("no rows of the year: a local row of the latest quarter ended by the date; none ended yet, or no local budget: refused", () => {
    const doc = richProgram();
    const r = reportOf(doc, 2027, "2027-08-01");
    expect(r.directions[1]!.funding).toBeNull();
    r.directions[1]!.funding = { plan: "500.00", cash: "120.50" };
    const p = roundTrip(doc, r);
    expect(p.document.directions[1]!.budgetExecution).toContainEqual({
      year: 2027,
      quarter: 2,
      source: "local",
      schedule: "500.00",
      cash: "120.50",
    });

    const early = { ...reportOf(doc, 2027, "2027-02-01"), directions: r.directions };
    expect(parse(early, doc).issues).toEqual([
      {
        sheet: "JSON",
        row: 0,
        column: "directions[1].funding",
        reason: expect.stringContaining("не закончился ни один квартал 2027 года"),
      },
    ]);
    const kant = { sources: [{ code: "republican", name: "Республиканский бюджет" }] };
    expect(parse(r, doc, kant).issues).toEqual([
      { sheet: "JSON", row: 0, column: "directions[1].funding", reason: expect.stringContaining("нет местного бюджета") },
    ]);
  });

  it("funding null leaves the rows as they are", () => {
    const doc = richProgram();
    const r = reportOf(doc, 2026, "2026-12-31");
    r.directions[0]!.funding = null;
    expect(parse(r, doc).document).toEqual(doc);
  });

  it("a code-less indicator or metric is known by the code the export gives it; it cannot be renamed by a report", () => {
    const doc = richProgram();
    doc.indicators[1]!.code = null;
    doc.directions[0]!.elements[1]!.metrics[0]!.code = null;
    const r = reportOf(doc, 2025, "2025-12-31");
    expect(r.indicators[1]!.code).toBe("И-2");
    expect(r.directions[0]!.elements[1]!.metrics[0]!.code).toBe("1.1.П-1");
    r.indicators[1]!.fact = 1190;
    r.directions[0]!.elements[1]!.metrics[0]!.plan = 12;
    const p = roundTrip(doc, r);
    expect(p.document.indicators).toHaveLength(2);
    expect(p.document.indicators[1]!.values.find((v) => v.year === 2025)!.fact).toBe("1190");

    r.indicators[1]!.name = "Другое имя";
    expect(parse(r, doc).issues).toEqual([
      { sheet: "JSON", row: 0, column: "indicators[1].name", reason: expect.stringContaining("без кода") },
    ]);
  });

  it("numbers equal to the stored ones keep the stored text; new items get what the program needs", () => {
    const doc = richProgram();
    const r = reportOf(doc, 2026, "2026-12-31");
    r.indicators.push({ code: "И3", name: "Новый индикатор", unit: "%", trend: "increase", plan: 0.000001, fact: null });
    r.directions.push({
      code: "3",
      name: "Новое направление",
      coExecutor: "Комитет по культуре",
      funding: null,
      elements: [
        {
          code: "3.1",
          kind: "project",
          name: "Проект",
          metrics: [],
          checkpoints: [{ name: "Старт", planned: "2026-02-01", actual: null }],
        },
      ],
    });
    const p = roundTrip(doc, r);
    expect(p.document.indicators[2]).toEqual({
      code: "И3",
      name: "Новый индикатор",
      unit: "%",
      trend: "increase",
      baseYear: 2024,
      values: [{ year: 2026, plan: "0.000001", fact: null }],
    });
    expect(p.document.indicators[1]!.values.find((v) => v.year === 2026)!.plan).toBe("1180.5");
    expect(p.document.directions[2]).toMatchObject({
      code: "3",
      coExecutor: "Комитет по культуре",
      elements: [{ code: "3.1", kind: "project", checkpoints: [{ name: "Старт", plannedDate: "2026-02-01", actualDate: null }] }],
    });
  });

  it("what a report cannot place is refused at its path", () => {
    const doc = richProgram();
    // a monthly plan of which no month has ended by the date
    const feb = reportOf(doc, 2026, "2026-02-15");
    expect(feb.directions[0]!.elements.find((e) => e.code === "1.1")!.metrics).toEqual([]);
    feb.directions[0]!.elements[1]!.metrics.push({
      code: "П1",
      name: "Показатель 1 А1",
      unit: "ед.",
      trend: "increase",
      plan: 1,
      fact: null,
    });
    expect(parse(feb, doc).issues).toEqual([
      {
        sheet: "JSON",
        row: 0,
        column: "directions[0].elements[1].metrics[0]",
        reason: expect.stringContaining("ни один месяц не закончился"),
      },
    ]);
    // an element outside its period, a new direction without a co-executor, a year outside the program
    const r = reportOf(doc, 2028, "2028-12-31");
    r.directions[0]!.elements.push({ code: "1.0", kind: "project", name: "x", metrics: [], checkpoints: [] });
    r.directions.push({
      code: "9",
      name: "Без соисполнителя",
      funding: null,
      elements: [{ code: "9.1", kind: "process", name: "y", metrics: [], checkpoints: [] }],
    });
    expect(parse(r, doc).issues.map((i) => [i.column, i.reason])).toEqual([
      ["directions[0].elements[1]", expect.stringContaining("(2025–2027) не включает год отчета 2028")],
      ["directions[2].coExecutor", expect.stringContaining("укажите соисполнителя")],
    ]);
    expect(parse({ ...r, year: 2031 }, doc).issues).toEqual([
      { sheet: "JSON", row: 0, column: "year", reason: expect.stringContaining("вне срока реализации программы (2025–2030)") },
    ]);
  });

  it("a file that is not a report: empty, too large, not UTF-8, not JSON, not format 1", () => {
    const doc = richProgram();
    const reasons = (b: Buffer) =>
      parseProgramReportFile(b, doc, context, {
        ...DEFAULT_IMPORT_LIMITS,
        maxBytes: 1000,
        maxUncompressedBytes: 0,
        maxEntries: 0,
        maxRows: 0,
        maxRowsPerSheet: 0,
        maxSheets: 0,
      }).issues.map((i) => [i.column, i.reason]);
    expect(reasons(Buffer.alloc(0))).toEqual([["", "Файл пуст"]]);
    expect(reasons(Buffer.from(`{"a":"${"x".repeat(2000)}"}`))).toEqual([["", "Файл больше 0 МБ"]]);
    expect(reasons(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]))).toEqual([["", "Файл не является текстом в кодировке UTF-8"]]);
    expect(reasons(Buffer.from("{ nope"))).toEqual([["", expect.stringContaining("Файл не является JSON")]]);
    expect(reasons(Buffer.from('{"format": "x"}'))[0]).toEqual([
      "format",
      expect.stringContaining('должно быть "orientir.program-report/1"'),
    ]);
  });

  it("a file is told to be JSON by its name or its first character", async () => {
    expect(looksLikeJson(Buffer.from("\ufeff \n\t{}"), null)).toBe(true);
    expect(looksLikeJson(Buffer.from("[]"), "report.JSON")).toBe(true);
    expect(looksLikeJson(Buffer.from("PK\u0003\u0004"), "program.xlsx")).toBe(false);
    const doc = richProgram();
    expect((await parseProgramFile(Buffer.from(JSON.stringify(reportOf(doc, 2025, "2025-12-31"))), undefined, doc, context)).layout).toBe(
      "report-json",
    );
    expect((await parseProgramFile(Buffer.from("PK\u0003\u0004"), "x.xlsx", doc, context)).layout).toBe("unknown");
  });
});
