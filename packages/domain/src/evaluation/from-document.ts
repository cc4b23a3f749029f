/**
 * A stored program's year as a format-1 report: the one mapping used by the export
 * (`npx orientir export-report`), the evaluation API and the ranking, so that all of them give
 * the same numbers as `npx orientir evaluate` on the exported file.
 *
 * For year Y as of date D (D at or after 31 December of Y: the annual report):
 * - indicators and metrics: those with a plan for Y; plan and fact of Y (a missing fact is null).
 *   Before the end of Y, a metric with a monthly plan takes the latest month that ended on or
 *   before D (plan and fact of that month) and is left out when no month has ended yet;
 * - elements: those whose period (start/end year) includes Y; a direction whose elements all lie
 *   in other years is not carried out in Y and is left out (a direction with no element at all
 *   stays, and the report's validation names it);
 * - checkpoints: those planned within Y (the evaluator counts the ones due by D);
 * - funding: the budget schedule and cash execution of the direction for Y, summed over the
 *   sources, of the latest quarter (cumulative) that ended on or before D; none: no funding.
 */
import { compareDates, daysInMonth, makeDate, type IsoDate } from "../dates.ts";
import type { ProgramDocument } from "../model/documents.ts";
import { formatMoney, parseMoney, type Money } from "../money.ts";
import { PROGRAM_REPORT_FORMAT, type ProgramReport, type ReportMethodology, type ReportValue } from "./report.ts";
import { holderQuarterBudget } from "../monitoring/budget.ts";

const blank = (s: string | null | undefined): boolean => s === null || s === undefined || String(s).trim() === "";

const QUARTER_END = ["", "03-31", "06-30", "09-30", "12-31"];

function lastDayOfMonth(year: number, month: number): IsoDate {
  return makeDate(year, month, daysInMonth(year, month));
}

export function programReportFromDocument(
  doc: ProgramDocument,
  year: number,
  asOf: IsoDate,
  methodology: ReportMethodology = { preset: "kaluga-220p" },
): ProgramReport {
  const wholeYear = compareDates(asOf, makeDate(year, 12, 31)) >= 0;
  const indicators: ReportValue[] = [];
  doc.indicators.forEach((ind, i) => {
    const v = ind.values.find((x) => x.year === year);
    if (!v || blank(v.plan)) return;
    indicators.push({
      code: ind.code ?? `И-${i + 1}`,
      name: ind.name,
      unit: ind.unit,
      trend: ind.trend,
      plan: Number(v.plan),
      fact: blank(v.fact) ? null : Number(v.fact),
    });
  });
  const directions = doc.directions.flatMap((d) => {
    const elements = d.elements
      .filter((e) => (e.startYear == null || e.startYear <= year) && (e.endYear == null || e.endYear >= year))
      .map((e) => {
        const metrics: ReportValue[] = [];
        e.metrics.forEach((m, i) => {
          const code = m.code ?? `${e.code}.П-${i + 1}`;
          const months = m.months.filter((x) => x.year === year && !blank(x.plan));
          if (!wholeYear && months.length > 0) {
            const ended = months.filter((x) => compareDates(lastDayOfMonth(year, x.month), asOf) <= 0).sort((a, b) => b.month - a.month)[0];
            if (!ended) return;
            metrics.push({
              code,
              name: m.name,
              unit: m.unit,
              trend: m.trend,
              plan: Number(ended.plan),
              fact: blank(ended.fact) ? null : Number(ended.fact),
            });
            return;
          }
          const v = m.values.find((x) => x.year === year);
          if (!v || blank(v.plan)) return;
          metrics.push({
            code,
            name: m.name,
            unit: m.unit,
            trend: m.trend,
            plan: Number(v.plan),
            fact: blank(v.fact) ? null : Number(v.fact),
          });
        });
        const checkpoints = e.checkpoints
          .filter((c) => c.plannedDate.slice(0, 4) === String(year))
          .map((c) => ({ name: c.name, planned: c.plannedDate, actual: blank(c.actualDate) ? null : c.actualDate! }));
        return { code: e.code, kind: e.kind, name: e.name, metrics, checkpoints };
      });
    // a direction whose elements all lie in other years is not carried out in Y; one with no
    // element at all is an incomplete program, and the report says so (it cannot be evaluated)
    if (elements.length === 0 && d.elements.length > 0) return [];
    const rows = (d.budgetExecution ?? []).filter(
      (b) => b.year === year && (wholeYear || compareDates(`${year}-${QUARTER_END[b.quarter]}`, asOf) <= 0),
    );
    let funding: { plan: string; cash: string } | null = null;
    if (rows.length > 0) {
      // of the latest reported quarter, for each source with a row in it: the year's schedule in
      // force at the quarter's end and the cash to date (the rows a report's funding goes back to)
      const quarter = Math.max(...rows.map((b) => b.quarter));
      const reported = new Set(rows.filter((b) => b.quarter === quarter).map((b) => b.source));
      let plan = 0n;
      let cash = 0n;
      for (const s of holderQuarterBudget(d, year, quarter)?.sources ?? []) {
        if (!reported.has(s.source)) continue;
        plan += parseMoney(s.schedule ?? "0");
        cash += parseMoney(s.cash ?? "0");
      }
      funding = { plan: formatMoney(plan as Money), cash: formatMoney(cash as Money) };
    }
    const out: ProgramReport["directions"][number] = { code: d.code, name: d.name, funding, elements };
    if (d.coExecutor) out.coExecutor = d.coExecutor;
    return [out];
  });
  return {
    format: PROGRAM_REPORT_FORMAT,
    program: { code: doc.code, name: doc.name },
    year,
    asOf,
    methodology,
    indicators,
    directions,
  };
}

/** The default date of calculation: today, but not later than 31 December of the year. */
export function defaultAsOf(year: number, today: IsoDate): IsoDate {
  const end = makeDate(year, 12, 31);
  return compareDates(today, end) < 0 ? today : end;
}
