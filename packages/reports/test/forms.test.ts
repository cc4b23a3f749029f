/**
 * Every form in every format, read back with a second parser (SheetJS for XLSX, the XML of the
 * DOCX opened with JSZip, the text of the PDF extracted by unpdf) and compared with the table
 * model; then the spreadsheets compared with the source data itself.
 */
import { describe, expect, it } from "vitest";
import { formatMoney, parseMoney, type Money, type ProgramDocument } from "@orientir/domain";
import { FORMS, colName, displayText, layout, numberFormat, renderForm, sheetPlan, type FormDef, type FormDocument } from "../src/index.ts";
import { municipality, richProgram, readDocxTables, readPdfPages, readXlsx, serialToIso, squeeze } from "./data.ts";
import { decodeCell, encodeCell } from "./xlsx.ts";

const M = municipality();
const P = M.programs[0]!;
const GOALS = M.strategy!.priorities.flatMap((x) => x.goals);
const EVALUATIONS = { "MP-1": { score: 91.2345, rating: "satisfactory" as const } };

function build(f: FormDef, program: ProgramDocument = P, year = 2026): FormDocument {
  if (f.scope === "program") return f.build({ program, year, quarter: 1, context: { sources: M.budgetSources, currency: "RUB" } });
  if (f.scope === "plan")
    return f.build({ plan: M.actionPlan!, goals: GOALS, programs: M.programs, context: { sources: M.budgetSources } });
  return f.build({ municipality: M, programs: M.programs, year: 2025, evaluations: EVALUATIONS, context: { sources: M.budgetSources } });
}

const docs = FORMS.map((f) => ({ f, doc: build(f) }));

/** Evaluates a SUM(...) formula on the cells read back. */
function evalSum(formula: string, get: (a1: string) => unknown): number {
  const m = /^SUM\((.*)\)$/.exec(formula);
  if (!m) return formula === "0" ? 0 : NaN;
  let total = 0;
  for (const part of m[1]!.split(",")) {
    const [a, b = a] = part.split(":") as [string, string?];
    const pa = decodeCell(a);
    const pb = decodeCell(b);
    for (let r = pa.r; r <= pb.r; r++) for (let c = pa.c; c <= pb.c; c++) total += Number(get(encodeCell({ r, c })) ?? 0);
  }
  return total;
}

describe("forms × formats read back equal to the table model", () => {
  it("the registry names 13 forms of the three scopes", () => {
    expect(FORMS.map((f) => f.id)).toEqual([
      "passport",
      "indicators",
      "structure",
      "funding",
      "metrics",
      "monthly-plan",
      "process-plan",
      "monitoring",
      "annual-report",
      "plan-activities",
      "plan-indicators",
      "priority-projects",
      "consolidated-report",
    ]);
    expect(new Set(FORMS.map((f) => f.scope))).toEqual(new Set(["program", "plan", "municipality"]));
  });

  for (const { f, doc } of docs) {
    describe(f.id, () => {
      it("xlsx: values, number formats, formulas with their results, merged headers", async () => {
        const { buffer } = await renderForm(doc, "xlsx");
        const x = await readXlsx(buffer);
        const plan = sheetPlan(doc);
        const v = (a1: string) => x.cell(a1)?.v;
        expect(v("A1")).toBe(doc.title[0]);
        doc.sections.forEach((s, si) => {
          const sp = plan.sections[si]!;
          const width = s.columns.length;
          for (const row of layout(s.header, width)) {
            for (const p of row) {
              const a1 = `${colName(p.col + 1)}${sp.headerRow + p.row}`;
              expect(v(a1), a1).toBe(p.cell.text);
              if (p.rowSpan > 1 || p.colSpan > 1) {
                expect(x.merges, `merge at ${a1}`).toContainEqual({
                  s: { r: sp.headerRow + p.row - 1, c: p.col },
                  e: { r: sp.headerRow + p.row + p.rowSpan - 2, c: p.col + p.colSpan - 1 },
                });
              }
            }
          }
          if (sp.numberingRow) for (let c = 0; c < width; c++) expect(v(`${colName(c + 1)}${sp.numberingRow}`)).toBe(c + 1);
          for (const row of layout(s.body, width)) {
            for (const p of row) {
              const a1 = `${colName(p.col + 1)}${sp.bodyRow + p.row}`;
              const got = x.cell(a1);
              const c = p.cell;
              if (p.rowSpan > 1 || p.colSpan > 1) {
                expect(x.merges).toContainEqual({
                  s: { r: sp.bodyRow + p.row - 1, c: p.col },
                  e: { r: sp.bodyRow + p.row + p.rowSpan - 2, c: p.col + p.colSpan - 1 },
                });
              }
              switch (c.kind) {
                case "text":
                  expect(got?.v ?? "", a1).toBe(c.text);
                  if (c.text) expect(got?.t, a1).toBe("s");
                  expect(got?.f, a1).toBeUndefined();
                  break;
                case "empty":
                  expect(got?.v ?? "").toBe("");
                  break;
                case "number":
                  if (c.value === null) expect(got?.v).toBeUndefined();
                  else {
                    expect(got?.t, a1).toBe("n");
                    expect(got?.v, a1).toBe(Number(c.value));
                    expect(got?.z, a1).toBe(numberFormat(c.decimals));
                  }
                  break;
                case "money":
                  if (c.value === null) expect(got?.v).toBeUndefined();
                  else {
                    expect(got?.t, a1).toBe("n");
                    expect(got?.v, a1).toBe(Number(c.value));
                    expect(got?.z, a1).toBe("#,##0.00");
                  }
                  break;
                case "date":
                  if (c.value === null) expect(got?.v).toBeUndefined();
                  else {
                    expect(got?.t, a1).toBe("n");
                    expect(serialToIso(got!.v as number), a1).toBe(c.value);
                  }
                  break;
                case "sum":
                  expect(got?.f, a1).toMatch(/^SUM\(|^0$/);
                  expect(got?.v, a1).toBe(Number(c.value));
                  // the formula, evaluated on the cells read back, gives the cached result
                  expect(evalSum(got!.f!, v), a1).toBeCloseTo(Number(c.value), 2);
                  break;
                case "ratio":
                  expect(got?.f, a1).toContain("*100");
                  expect(got?.v, a1).toBe(c.value === null ? "—" : Number(c.value));
                  break;
              }
            }
          }
        });
      });

      it("docx: every table reads back cell by cell", async () => {
        const { buffer } = await renderForm(doc, "docx");
        const d = await readDocxTables(buffer);
        for (const t of doc.title.slice(1)) expect(d.paragraphs).toContain(t);
        expect(d.tables).toHaveLength(doc.sections.length);
        doc.sections.forEach((s, si) => {
          const expected = [
            ...s.header.map((r) => r.map((c) => displayText(c))),
            ...(s.numbered ? [s.columns.map((_, i) => String(i + 1))] : []),
            ...s.body.map((r) => r.map((c) => displayText(c))),
          ];
          expect(d.tables[si]).toEqual(expected);
        });
      });

      it("pdf: every cell's text in order, with Cyrillic fonts embedded", async () => {
        const { buffer } = await renderForm(doc, "pdf");
        expect(buffer.toString("latin1")).toMatch(/\/FontFile2/);
        expect(buffer.toString("latin1")).toMatch(/DejaVuSansCondensed/);
        const text = squeeze((await readPdfPages(buffer)).join(""));
        let at = 0;
        const expectNext = (s: string) => {
          const want = squeeze(s);
          if (!want) return;
          const i = text.indexOf(want, at);
          expect(i, `«${s}» after position ${at}`).toBeGreaterThanOrEqual(0);
          at = i + want.length;
        };
        for (const t of doc.title) expectNext(t);
        for (const s of doc.sections) {
          for (const r of s.header) for (const c of r) expectNext(displayText(c));
          for (const r of s.body) for (const c of r) expectNext(displayText(c));
        }
      });
    });
  }
});

// ---- the spreadsheets against the source data ------------------------------------------------------

async function sheetRows(id: string, program = P): Promise<unknown[][]> {
  const f = FORMS.find((x) => x.id === id)!;
  const { buffer } = await renderForm(build(f, program), "xlsx");
  return (await readXlsx(buffer)).rows;
}
const m = (s: string) => parseMoney(s);
const sumOf = (xs: string[]) => Number(formatMoney(xs.reduce((a, b) => a + m(b), 0n) as Money));
const rowWith = (rows: unknown[][], col: number, value: unknown, from = 0) => {
  const i = rows.findIndex((r, k) => k >= from && r[col] === value);
  if (i < 0) throw new Error(`no row with ${String(value)} in column ${col}`);
  return i;
};
const years = [2025, 2026, 2027, 2028, 2029, 2030];
const elements = P.directions.flatMap((d) => d.elements);

describe("the spreadsheets hold the source data", () => {
  it("passport: executor, co-executors, budget totals by year", async () => {
    const rows = await sheetRows("passport");
    expect(rows[rowWith(rows, 0, "1. Ответственный исполнитель муниципальной программы")]![1]).toBe(P.responsibleExecutor);
    expect(rows[rowWith(rows, 0, "2. Соисполнители муниципальной программы")]![1]).toBe(P.coExecutors.join("\n"));
    const total = rowWith(rows, 1, "Всего, в том числе:");
    const budget = elements.flatMap((e) => e.funding).filter((f) => f.source !== "other");
    expect(rows[total]![2]).toBe(sumOf(budget.map((f) => f.amount)));
    years.forEach((y, i) => expect(rows[total]![3 + i]).toBe(sumOf(budget.filter((f) => f.year === y).map((f) => f.amount))));
    const federal = rowWith(rows, 1, "средства федерального бюджета");
    expect(rows[federal]![3]).toBe(12345678.91);
  });

  it("indicators: base value and the plan of every year", async () => {
    const rows = await sheetRows("indicators");
    for (const ind of P.indicators) {
      const r = rows[rowWith(rows, 1, ind.name)]!;
      expect(r[2]).toBe(ind.unit);
      expect(r[3]).toBe(Number(ind.baseValue));
      years.forEach((y, i) => expect(r[4 + i]).toBe(Number(ind.values.find((v) => v.year === y)!.plan)));
    }
  });

  it("structure: every element and activity with its task and executor", async () => {
    const rows = await sheetRows("structure");
    for (const e of elements) {
      const r = rows[rowWith(rows, 1, e.name)]!;
      expect(r[4]).toBe(e.responsible);
      for (const t of e.tasks) for (const a of t.activities) expect(rows[rowWith(rows, 1, a.name)]![2]).toBe(t.name);
    }
  });

  it("funding: every element's amounts by source and year, totals as sums", async () => {
    const rows = await sheetRows("funding");
    for (const e of elements) {
      const top = rowWith(rows, 0, e.name);
      expect(rows[top]![2]).toBe("ВСЕГО, в т.ч.");
      expect(rows[top]![3]).toBe(sumOf(e.funding.map((f) => f.amount)));
      for (const src of M.budgetSources.filter((s) => s.code !== "other")) {
        const label = {
          federal: "средства федерального бюджета",
          regional: "средства областного бюджета",
          local: "средства местного бюджета",
        }[src.code]!;
        const r = rows[rowWith(rows, 2, label, top)]!;
        years.forEach((y, i) =>
          expect(r[4 + i]).toBe(sumOf(e.funding.filter((f) => f.year === y && f.source === src.code).map((f) => f.amount))),
        );
      }
    }
    for (const d of P.directions) {
      const r = rows[rowWith(rows, 0, `Направление «${d.name}»`)]!;
      expect(r[3]).toBe(sumOf(d.elements.flatMap((e) => e.funding).map((f) => f.amount)));
    }
  });

  it("metrics: base value, plans by year, source of the value", async () => {
    const rows = await sheetRows("metrics");
    for (const e of elements) {
      for (const mt of e.metrics) {
        const r = rows[rowWith(rows, 1, mt.name)]!;
        expect(r[3]).toBe(Number(mt.baseValue));
        years.forEach((y, i) => {
          const plan = mt.values.find((v) => v.year === y)?.plan;
          expect(r[4 + i]).toBe(plan == null ? null : Number(plan));
        });
        expect(r[4 + years.length]).toBe(mt.valueSource);
      }
    }
  });

  it("monthly plan: the plan of every month of the year", async () => {
    const rows = await sheetRows("monthly-plan");
    for (const e of elements) {
      for (const mt of e.metrics) {
        const r = rows[rowWith(rows, 1, mt.name)]!;
        expect(r[2]).toBe(mt.level);
        for (let k = 1; k <= 12; k++) {
          const plan = mt.months.find((x) => x.year === 2026 && x.month === k)?.plan;
          expect(r[3 + k]).toBe(plan == null ? null : Number(plan));
        }
      }
    }
  });

  it("process plan: the names of the checkpoints of every activity above their dates (appendix 7)", async () => {
    const rows = await sheetRows("process-plan");
    const e = elements.find((x) => x.kind === "process")!;
    const at = rowWith(rows, 1, e.tasks[0]!.activities[0]!.name);
    const names = rows[at]!;
    const dates = rows[at + 1]!;
    const cps = [...e.checkpoints].sort((x, y) => x.plannedDate.localeCompare(y.plannedDate));
    cps.forEach((c, k) => {
      expect(names[2 + k]).toBe(c.name);
      expect(serialToIso(dates[2 + k] as number)).toBe(c.plannedDate);
    });
    expect(names[6]).toBe(e.responsible);
  });

  it("monitoring: planned, budget schedule and cash execution of the quarter", async () => {
    const rows = await sheetRows("monitoring");
    const top = rowWith(rows, 0, `Муниципальная программа «${P.name}» (всего), в том числе`);
    const planned2026 = elements.flatMap((e) => e.funding).filter((f) => f.year === 2026);
    expect(rows[top]![1]).toBe(sumOf(planned2026.map((f) => f.amount)));
    const q1 = P.directions.flatMap((d) => d.budgetExecution ?? []).filter((b) => b.year === 2026 && b.quarter === 1);
    expect(rows[top]![2]).toBe(sumOf(q1.map((b) => b.schedule!)));
    expect(rows[top]![3]).toBe(sumOf(q1.map((b) => b.cash)));
    const d = P.directions[0]!;
    const dt = rowWith(rows, 0, `направление «${d.name}». ${d.coExecutor}`);
    const local = rows[rowWith(rows, 0, "средства местного бюджета", dt)]!;
    expect(local[2]).toBe(1000.5);
    expect(local[3]).toBe(200.1);
    expect(local[4]).toBe(20);
  });

  it("monitoring: a complex (structural element) has its own schedule in force at the quarter's end, cash and rate; a direction without its own has the sum of its complexes'", async () => {
    const p = richProgram();
    const d = p.directions[0]!;
    const [project, process] = [d.elements[0]!, d.elements[1]!];
    project.budgetSchedule = [
      { year: 2026, source: "local", amount: "100.00", effectiveDate: "2026-01-01", reason: "решение о бюджете" },
      { year: 2026, source: "local", amount: "80.00", effectiveDate: "2026-03-31", reason: "изменение" },
      { year: 2026, source: "local", amount: "999.00", effectiveDate: "2026-04-01", reason: "после квартала" },
    ];
    project.budgetExecution = [{ year: 2026, quarter: 1, source: "local", cash: "20.00" }];
    process.budgetSchedule = [{ year: 2026, source: "federal", amount: "50.00", effectiveDate: "2026-02-01" }];
    process.budgetExecution = [{ year: 2026, quarter: 1, source: "federal", cash: "5.00" }];
    const rows = await sheetRows("monitoring", p);
    const pt = rowWith(rows, 0, `Комплекс проектных мероприятий «${project.name}»`);
    expect(rows[pt]!.slice(2, 5)).toEqual([80, 20, 25]);
    const pl = rowWith(rows, 0, "средства местного бюджета", pt);
    expect(rows[pl]!.slice(2, 5)).toEqual([80, 20, 25]);
    // a name that already says «Комплекс процессных мероприятий» is not prefixed a second time
    expect(rows.some((r) => String(r[0]).startsWith("Комплекс процессных мероприятий «Комплекс"))).toBe(false);
    const ct = rowWith(rows, 0, process.name);
    expect(rows[ct]!.slice(2, 5)).toEqual([50, 5, 10]);
    // the direction's own figures stand; without them the direction sums its complexes
    const dt = rowWith(rows, 0, `направление «${d.name}». ${d.coExecutor}`);
    expect(rows[rowWith(rows, 0, "средства местного бюджета", dt)]![2]).toBe(1000.5);
    d.budgetExecution = [];
    d.budgetSchedule = [];
    const summed = await sheetRows("monitoring", p);
    const dt2 = rowWith(summed, 0, `направление «${d.name}». ${d.coExecutor}`);
    expect(summed[dt2]!.slice(2, 5)).toEqual([130, 25, 19.23]);
    // no complex shows «—» any more
    for (const r of summed) if (String(r[0]).startsWith("Комплекс")) expect(r.slice(1, 4)).not.toContain("—");
  });

  it("annual report: execution at the year end, indicators with plan, fact and justification", async () => {
    const rows = await sheetRows("annual-report");
    const d = P.directions[0]!;
    const dt = rowWith(rows, 0, `направление «${d.name}». ${d.coExecutor}`);
    const local = rows[rowWith(rows, 0, "средства местного бюджета", dt)]!;
    expect(local[2]).toBe(2100);
    expect(local[3]).toBe(2050.75);
    const ind = P.indicators[1]!;
    const r = rows[rowWith(rows, 1, ind.name)]!;
    expect(r[3]).toBe(1185.25); // the fact of the year before
    expect(r[4]).toBe(Number(ind.values.find((v) => v.year === 2026)!.plan));
  });

  it("annual report of 2025: the justification of a deviation", async () => {
    const f = FORMS.find((x) => x.id === "annual-report")!;
    const { buffer } = await renderForm(build(f, P, 2025), "xlsx");
    const rows = (await readXlsx(buffer)).rows as unknown[][];
    const r = rows[rowWith(rows, 1, P.indicators[0]!.name)]!;
    expect(r.slice(4, 7)).toEqual([55, 54, "Отклонение из-за переноса сроков"]);
  });

  it("action plan: activities by source and year, with the plan's totals", async () => {
    const rows = await sheetRows("plan-activities");
    const a = M.actionPlan!.activities[1]!;
    const first = rowWith(rows, 1, a.name);
    expect(rows[first]![2]).toBe("средства областного бюджета");
    expect(rows[first]![3]).toBe(110153.8);
    expect(rows[first + 1]![2]).toBe("средства местного бюджета");
    expect(rows[first + 1]!.slice(3, 6)).toEqual([18325.9, null, 0.5]);
    expect(rows[first]![7]).toBe("Отдел капитального строительства");
    const total = rows[rowWith(rows, 0, "Итого по плану мероприятий")]!;
    [2024, 2025, 2026].forEach((y, i) =>
      expect(total[3 + i]).toBe(
        sumOf(
          M.actionPlan!.activities.flatMap((x) => x.funding)
            .filter((f) => f.year === y)
            .map((f) => f.amount),
        ),
      ),
    );
  });

  it("action plan indicators and priority projects", async () => {
    const ind = await sheetRows("plan-indicators");
    const r = ind[rowWith(ind, 1, "Показатель плана, %")]!;
    expect(r.slice(3, 6)).toEqual([null, 55, null]);
    const pp = await sheetRows("priority-projects");
    expect(pp[rowWith(pp, 1, "Приоритетный проект")]!.slice(5, 7)).toEqual(["средства областного бюджета", 1500]);
    expect(pp[rowWith(pp, 1, "Детский сад на 300 мест")]![5]).toBe("Финансирование не определено");
  });

  it("consolidated report: money of each program, indicators achieved, score, level and place", async () => {
    const rows = await sheetRows("consolidated-report");
    for (const p of M.programs) {
      const r = rows[rowWith(rows, 1, `${p.code} «${p.name}»`)]!;
      const els = p.directions.flatMap((d) => d.elements);
      expect(r[3]).toBe(
        sumOf(
          els
            .flatMap((e) => e.funding)
            .filter((f) => f.year === 2025)
            .map((f) => f.amount),
        ),
      );
      const q4 = p.directions.flatMap((d) => d.budgetExecution ?? []).filter((b) => b.year === 2025 && b.quarter === 4);
      expect(r[4]).toBe(sumOf(q4.map((b) => b.schedule!)));
      expect(r[5]).toBe(sumOf(q4.map((b) => b.cash)));
      expect(r[7]).toBe(p.indicators.length);
    }
    const mp1 = rows[rowWith(rows, 1, `MP-1 «${P.name}»`)]!;
    expect(mp1.slice(8, 12)).toEqual([1, 91.23, "удовлетворительный", 1]); // И1: 54 of 55 missed, И2 (decrease): 1185.25 ≤ 1190.5 achieved
    const mp2 = rows[rowWith(rows, 1, `MP-2 «${M.programs[1]!.name}»`)]!;
    expect(mp2.slice(9, 12)).toEqual(["—", "—", "—"]);
  });

  it("a program in force without data for the year shows «нет данных», never a score", async () => {
    const f = FORMS.find((x) => x.id === "consolidated-report")!;
    if (f.scope !== "municipality") throw new Error();
    const doc = f.build({ municipality: M, programs: M.programs, year: 2025, noData: [P.code] });
    const { buffer } = await renderForm(doc, "xlsx");
    const rows = (await readXlsx(buffer)).rows;
    expect(rows[rowWith(rows, 1, `MP-1 «${P.name}»`)]!.slice(9, 11)).toEqual(["нет данных", "нет данных"]);
    expect(rows[rowWith(rows, 1, `MP-2 «${M.programs[1]!.name}»`)]!.slice(9, 11)).toEqual(["—", "—"]);
  });

  it("without evaluations the consolidated report still renders, with «—»", async () => {
    const f = FORMS.find((x) => x.id === "consolidated-report")!;
    if (f.scope !== "municipality") throw new Error();
    const doc = f.build({ municipality: M, programs: M.programs, year: 2025 });
    const { buffer } = await renderForm(doc, "xlsx");
    const rows = (await readXlsx(buffer)).rows as unknown[][];
    expect(rows[rowWith(rows, 1, `MP-1 «${P.name}»`)]!.slice(9, 12)).toEqual(["—", "—", "—"]);
  });
});
