/**
 * What the reviewer of an amendment refining the reporting year checks against the record of
 * execution (decree 220-п 4.16, 4.22). Reported, not refused: the economy and finance departments
 * judge each mismatch in their conclusion; the page of the version lists them beside the diff.
 *
 * - 4.16: "изменения …, затрагивающие уточнение индикаторов муниципальной программы, объемов
 *   финансирования в соответствии с показателями сводной бюджетной росписи за отчетный финансовый
 *   год … Индикаторы в проекте должны соответствовать годовому отчету". Read here: the funding of
 *   the reporting year of each structural element (of each direction, where the schedule is kept for
 *   the direction), by source, equals the budget schedule in force on 31 December of that year; an
 *   indicator whose reporting-year value the draft refines is refined to the value of the annual
 *   report (its fact for that year), not to another figure.
 * - 4.22 (second paragraph): "Уточнение показателей направлений муниципальной программы,
 *   соответствующих показателям региональных проектов, не допускается без уточнения показателей
 *   региональных проектов". A metric corresponds to a regional project when its source of value
 *   (appendix 5: «методика расчета показателей, соглашение, региональный проект, муниципальная
 *   программа») names one; the regional project's own values are not held here, so every refined
 *   plan value of such a metric is listed for the reviewer to check against the regional project.
 */
import type { BudgetScheduleDoc, FundingRow, ProgramDocument } from "../model/documents.ts";
import { formatMoney, formatMoneyRu, parseMoney, isMoney, money } from "../money.ts";
import { NOTE_SOURCE_PHRASES } from "./note.ts";
import { scheduleInForce } from "../monitoring/budget.ts";
import { decimalOf, formatDecimalRu } from "./numbers.ts";

export type ConformityRule = "220-п 4.16" | "220-п 4.22";

export interface ConformityIssue {
  rule: ConformityRule;
  /** Where, in the document's terms: `directions[1].elements[2].funding.2025.local`, `indicators[И1].2025`, … */
  path: string;
  message: string;
  messageEn: string;
  /** The value the record of execution gives (the schedule, the annual report); null where there is none. */
  expected: string | null;
  /** The value of the draft; null where the draft has none. */
  actual: string | null;
}

/** A metric whose value comes from a regional project (220-п appendix 5, «источник значения показателя»). */
export function isRegionalProjectMetric(m: { valueSource?: string | null }): boolean {
  return /регионал\S*\s+проект/i.test(m.valueSource ?? "");
}

function fundingBySource(rows: readonly FundingRow[], year: number): Map<string, bigint> {
  const out = new Map<string, bigint>();
  for (const r of rows) {
    if (r.year !== year || !isMoney(r.amount)) continue;
    out.set(r.source, (out.get(r.source) ?? 0n) + parseMoney(r.amount));
  }
  return out;
}

function compareFunding(
  path: string,
  what: string,
  funding: Map<string, bigint>,
  schedule: BudgetScheduleDoc[] | undefined,
  year: number,
  out: ConformityIssue[],
): boolean {
  const entries = (schedule ?? []).filter((e) => e.year === year);
  if (entries.length === 0) return false;
  const inForce = scheduleInForce(entries, year, `${year}-12-31`);
  for (const source of [...new Set([...inForce.keys(), ...funding.keys()])].sort()) {
    const sbr = inForce.has(source) ? parseMoney(inForce.get(source)!) : 0n;
    const plan = funding.get(source) ?? 0n;
    if (sbr === plan) continue;
    const expected = formatMoney(money(sbr));
    const actual = formatMoney(money(plan));
    out.push({
      rule: "220-п 4.16",
      path: `${path}.funding.${year}.${source}`,
      // in Russian words and figures: «из областного бюджета 250,25», not «(regional) 250.25»
      message: `${what}: финансирование ${year} года ${NOTE_SOURCE_PHRASES[source] ?? `(источник ${source})`} ${formatMoneyRu(money(plan))} не совпадает со сводной бюджетной росписью на 31.12.${year} — ${formatMoneyRu(money(sbr))} (220-п, п. 4.16)`,
      messageEn: `${what}: funding of ${year} (${source}) ${actual} differs from the budget schedule on 31.12.${year}, ${expected} (220-п 4.16)`,
      expected,
      actual,
    });
  }
  return true;
}

/**
 * The mismatches of a draft refining the reporting year `year` with the budget schedule and the
 * annual report (4.16), and the refined metrics of regional projects (4.22). `inForce` is the
 * version in force (null for a new program: nothing is refined then, only the funding is compared).
 */
export function reportingYearConformity(draft: ProgramDocument, inForce: ProgramDocument | null, year: number): ConformityIssue[] {
  const out: ConformityIssue[] = [];
  // 4.16, funding: the element's own schedule where it has one for the year, else the direction's against its elements' sum
  for (const d of draft.directions) {
    const dirPath = `directions[${d.code}]`;
    const unscheduled: FundingRow[] = [];
    for (const e of d.elements) {
      const own = compareFunding(
        `${dirPath}.elements[${e.code}]`,
        `Структурный элемент ${e.code}`,
        fundingBySource(e.funding, year),
        e.budgetSchedule,
        year,
        out,
      );
      if (!own) unscheduled.push(...e.funding);
    }
    if (unscheduled.length > 0) {
      compareFunding(dirPath, `Направление ${d.code}`, fundingBySource(unscheduled, year), d.budgetSchedule, year, out);
    }
  }
  // 4.16, indicators: a refined reporting-year value equals the annual report's
  const before = new Map((inForce?.indicators ?? []).map((i) => [i.code ?? i.name, i]));
  for (const ind of draft.indicators) {
    const key = ind.code ?? ind.name;
    const v = ind.values.find((x) => x.year === year);
    const was = before.get(key)?.values.find((x) => x.year === year);
    const plan = decimalOf(v?.plan ?? null);
    if (!inForce || plan === null || plan === decimalOf(was?.plan ?? null)) continue;
    const fact = decimalOf(v?.fact ?? null);
    if (fact === plan) continue;
    out.push({
      rule: "220-п 4.16",
      path: `indicators[${key}].${year}`,
      message:
        fact === null
          ? `Индикатор ${key}: значение ${year} года уточнено до ${formatDecimalRu(plan)}, а в годовом отчете за ${year} год значения нет (220-п, п. 4.16)`
          : `Индикатор ${key}: значение ${year} года уточнено до ${formatDecimalRu(plan)}, в годовом отчете — ${formatDecimalRu(fact)} (220-п, п. 4.16)`,
      messageEn: `Indicator ${key}: the value of ${year} refined to ${plan}, the annual report gives ${fact ?? "none"} (220-п 4.16)`,
      expected: fact,
      actual: plan,
    });
  }
  // 4.22: refined plan values of metrics of regional projects
  if (inForce) {
    const metricsBefore = new Map<string, Map<number, string | null>>();
    for (const d of inForce.directions)
      for (const e of d.elements)
        for (const m of e.metrics)
          metricsBefore.set(`${d.code}/${e.code}/${m.code ?? m.name}`, new Map(m.values.map((x) => [x.year, decimalOf(x.plan ?? null)])));
    for (const d of draft.directions)
      for (const e of d.elements)
        for (const m of e.metrics) {
          if (!isRegionalProjectMetric(m)) continue;
          const was = metricsBefore.get(`${d.code}/${e.code}/${m.code ?? m.name}`);
          if (!was) continue;
          for (const v of m.values) {
            const plan = decimalOf(v.plan ?? null);
            const old = was.get(v.year) ?? null;
            if (plan === old) continue;
            const key = m.code ?? m.name;
            out.push({
              rule: "220-п 4.22",
              path: `directions[${d.code}].elements[${e.code}].metrics[${key}].${v.year}`,
              message: `Показатель ${key} соответствует показателю регионального проекта (${m.valueSource}): план ${v.year} года ${old === null ? "—" : formatDecimalRu(old)} → ${plan === null ? "—" : formatDecimalRu(plan)} уточняется только вместе с показателями регионального проекта (220-п, п. 4.22)`,
              messageEn: `Metric ${key} follows a regional project: its plan of ${v.year} may be refined only together with the regional project's (220-п 4.22)`,
              expected: old,
              actual: plan,
            });
          }
        }
  }
  return out;
}
