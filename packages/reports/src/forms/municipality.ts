/**
 * The consolidated annual report of a municipality (сводный годовой доклад, 220-п п. 6.18): per
 * program the use of budget allocations, the achievement of its indicators, and the evaluation
 * of its effectiveness with its rating. The evaluation is an input: a form does not compute it.
 */
import { directionQuarterBudget, formatMoney, parseMoney, type DirectionDoc, type Money, type ProgramDocument } from "@orientir/domain";
import { finalize, header, money, num, range, ratio, sum, text, type Cell, type FormDocument, type HeaderCell } from "./model.ts";
import { RATING_SHORT_LABELS, fileBase, moneyUnit, quote, type FormContext, type ProgramEvaluationInput } from "./common.ts";

export interface MunicipalityFormInput {
  municipality: { name: string; currency?: string };
  programs: ProgramDocument[];
  year: number;
  /** Evaluation of each program by program code; a program without one shows «—». */
  evaluations?: Record<string, ProgramEvaluationInput>;
  /** Codes of programs without data for the year: «нет данных» instead of a score. */
  noData?: string[];
  context?: FormContext;
}

/** Whether a fact reaches its plan in the indicator's desired direction. */
export function achieved(trend: "increase" | "decrease", plan: string, fact: string): boolean {
  const p = Number(plan);
  const f = Number(fact);
  return trend === "increase" ? f >= p : f <= p;
}

/** A direction's money of the year: planned (its complexes' funding), the schedule in force at the year's end and the cash of the year. */
function directionMoney(d: DirectionDoc, year: number) {
  let planned = 0n;
  for (const e of d.elements) for (const f of e.funding) if (f.year === year) planned += parseMoney(f.amount);
  // its own figures, or the sum of its complexes' when it has none (220-п, appendix 9)
  const qb = directionQuarterBudget(d, d.elements, year, 4);
  return { planned, schedule: qb?.schedule ? parseMoney(qb.schedule) : 0n, cash: qb?.cash ? parseMoney(qb.cash) : 0n };
}

const moneyString = (x: bigint) => formatMoney(x as Money);

function programMoney(p: ProgramDocument, year: number) {
  let planned = 0n;
  let schedule = 0n;
  let cash = 0n;
  for (const d of p.directions) {
    const m = directionMoney(d, year);
    planned += m.planned;
    schedule += m.schedule;
    cash += m.cash;
  }
  return { planned: moneyString(planned), schedule: moneyString(schedule), cash: moneyString(cash) };
}

/** «достигнуто», «не достигнуто» or «нет данных» for a plan and fact of the year. */
function achievement(trend: "increase" | "decrease", v: { plan?: string | null; fact?: string | null } | undefined): string {
  return v?.plan != null && v?.fact != null ? (achieved(trend, v.plan, v.fact) ? "достигнуто" : "не достигнуто") : "нет данных";
}

/** Places by score, highest first; equal scores share a place. */
export function ranks(scores: Record<string, number>): Record<string, number> {
  const sorted = Object.entries(scores).sort((a, b) => b[1] - a[1]);
  const out: Record<string, number> = {};
  let place = 0;
  let prev: number | null = null;
  sorted.forEach(([code, score], i) => {
    if (prev === null || score !== prev) place = i + 1;
    prev = score;
    out[code] = place;
  });
  return out;
}

export function consolidatedReportForm(input: MunicipalityFormInput): FormDocument {
  const { year } = input;
  const ctx: FormContext = { currency: input.municipality.currency, ...input.context };
  const programs = [...input.programs].sort((a, b) => a.code.localeCompare(b.code, "ru", { numeric: true }));
  const evals = input.evaluations ?? {};
  const place = ranks(Object.fromEntries(Object.entries(evals).map(([k, v]) => [k, v.score])));
  const body: Cell[][] = [];
  programs.forEach((p, i) => {
    const m = programMoney(p, year);
    const withFact = p.indicators.filter((ind) => ind.values.some((v) => v.year === year && v.fact != null && v.plan != null));
    const done = withFact.filter((ind) => {
      const v = ind.values.find((x) => x.year === year)!;
      return achieved(ind.trend, v.plan!, v.fact!);
    });
    const ev = evals[p.code];
    const none = !ev && (input.noData ?? []).includes(p.code) ? "нет данных" : "—";
    const r = body.length;
    body.push([
      text(`${i + 1}`, { align: "center" }),
      text(`${p.code} ${quote(p.name)}`),
      text(p.responsibleExecutor),
      money(m.planned),
      money(m.schedule),
      money(m.cash),
      ratio({ row: r, col: 5 }, { row: r, col: 4 }),
      num(String(p.indicators.length)),
      num(String(done.length)),
      ev ? num(ev.score.toFixed(2)) : text(none, { align: "center" }),
      text(ev ? RATING_SHORT_LABELS[ev.rating] : none, { align: "center" }),
      ev ? num(String(ev.place ?? place[p.code])) : text("—", { align: "center" }),
    ]);
  });
  const last = body.length - 1;
  const t = body.length;
  const total = (col: number) => (last >= 0 ? sum([range(0, col, last, col)], { bold: true }) : money("0.00", { bold: true }));
  body.push([
    text("Итого по муниципальным программам", { colSpan: 3, bold: true }),
    total(3),
    total(4),
    total(5),
    ratio({ row: t, col: 5 }, { row: t, col: 4 }, { bold: true }),
    num(String(programs.reduce((a, p) => a + p.indicators.length, 0)), { bold: true }),
    text("", { colSpan: 4 }),
  ]);
  const unit = moneyUnit(ctx).replace("руб.", "рублей");
  const head: HeaderCell[][] = [
    [
      header("N п/п", { rowSpan: 2 }),
      header("Наименование муниципальной программы", { rowSpan: 2 }),
      header("Ответственный исполнитель", { rowSpan: 2 }),
      header(`Объем финансового обеспечения, ${unit}`, { colSpan: 2 }),
      header(`Исполнение, ${unit}`),
      header("Процент исполнения, (6) / (5) x 100", { rowSpan: 2 }),
      header("Индикаторы", { colSpan: 2 }),
      header("Оценка эффективности, %", { rowSpan: 2 }),
      header("Уровень эффективности", { rowSpan: 2 }),
      header("Место в рейтинге", { rowSpan: 2 }),
    ],
    [
      header(`Предусмотрено программой на 31.12.${year}`),
      header("Сводная бюджетная роспись"),
      header("Кассовое исполнение"),
      header("всего"),
      header("достигнуто"),
    ],
  ];
  // the indicators of every program with their plan and fact
  const indBody: Cell[][] = [];
  for (const p of programs) {
    indBody.push([text(`${p.code} ${quote(p.name)}`, { colSpan: 7, bold: true })]);
    p.indicators.forEach((ind, i) => {
      const v = ind.values.find((x) => x.year === year);
      const state = achievement(ind.trend, v);
      indBody.push([
        text(`${i + 1}`, { align: "center" }),
        text(ind.name),
        text(ind.unit, { align: "center" }),
        num(v?.plan),
        num(v?.fact),
        text(state),
        text(v?.justification ?? ""),
      ]);
    });
  }
  // 6.18.2: the metrics of the directions with plan, fact and the justification of a deviation
  const metBody: Cell[][] = [];
  for (const p of programs) {
    metBody.push([text(`${p.code} ${quote(p.name)}`, { colSpan: 7, bold: true })]);
    for (const d of p.directions) {
      metBody.push([text(`Направление ${quote(d.name)}`, { colSpan: 7, bold: true, indent: 1 })]);
      let i = 0;
      for (const e of [...d.elements.filter((x) => x.kind === "project"), ...d.elements.filter((x) => x.kind === "process")]) {
        for (const m of e.metrics) {
          const v = m.values.find((x) => x.year === year);
          metBody.push([
            text(`${++i}`, { align: "center" }),
            text(m.name),
            text(m.unit, { align: "center" }),
            num(v?.plan),
            num(v?.fact),
            text(achievement(m.trend, v)),
            text(v?.justification ?? ""),
          ]);
        }
      }
    }
  }
  // 6.18.3: the use of budget allocations by direction, with each program's evaluation and rating
  const dirBody: Cell[][] = [];
  programs.forEach((p, i) => {
    const ev = evals[p.code];
    const none = !ev && (input.noData ?? []).includes(p.code) ? "нет данных" : "—";
    const pr = dirBody.length;
    const dirs = p.directions.map((d) => directionMoney(d, year));
    const n = dirs.length;
    const col = (c: number) => (n ? sum([range(pr + 1, c, pr + n, c)], { bold: true }) : money("0.00", { bold: true }));
    dirBody.push([
      text(`${i + 1}`, { align: "center", bold: true }),
      text(`${p.code} ${quote(p.name)}`, { bold: true }),
      text(p.responsibleExecutor),
      col(3),
      col(4),
      col(5),
      ratio({ row: pr, col: 5 }, { row: pr, col: 4 }, { bold: true }),
      ev ? num(ev.score.toFixed(2)) : text(none, { align: "center" }),
      text(ev ? RATING_SHORT_LABELS[ev.rating] : none, { align: "center" }),
    ]);
    p.directions.forEach((d, k) => {
      const r = dirBody.length;
      const m = dirs[k]!;
      dirBody.push([
        text(`${i + 1}.${k + 1}`, { align: "center" }),
        text(`направление ${quote(d.name)}`, { indent: 1 }),
        text(d.coExecutor),
        money(moneyString(m.planned)),
        money(moneyString(m.schedule)),
        money(moneyString(m.cash)),
        ratio({ row: r, col: 5 }, { row: r, col: 4 }),
        text("", { colSpan: 2 }),
      ]);
    });
  });
  return {
    form: "consolidated-report",
    title: [
      "Сводный годовой доклад о ходе реализации и об оценке эффективности муниципальных программ",
      `${input.municipality.name} за ${year} год`,
    ],
    landscape: true,
    sheetName: `Сводный доклад ${year}`,
    fileName: fileBase("Сводный_доклад", year),
    sections: [
      finalize({
        title: ["Использование бюджетных ассигнований и оценка эффективности муниципальных программ"],
        columns: [6, 45, 28, 15, 15, 15, 11, 10, 10, 12, 18, 10],
        header: head,
        numbered: true,
        body,
      }),
      achievementTable("Сведения о достижении индикаторов муниципальных программ", "Наименование индикатора", year, indBody),
      achievementTable("Сведения о достижении показателей направлений муниципальных программ", "Наименование показателя", year, metBody),
      finalize({
        title: ["Использование бюджетных ассигнований в разрезе направлений муниципальных программ"],
        columns: [7, 45, 28, 15, 15, 15, 11, 12, 18],
        header: [
          [
            header("N п/п", { rowSpan: 2 }),
            header("Наименование муниципальной программы, направления муниципальной программы", { rowSpan: 2 }),
            header("Ответственный исполнитель, соисполнитель", { rowSpan: 2 }),
            header(`Объем финансового обеспечения, ${unit}`, { colSpan: 2 }),
            header(`Исполнение, ${unit}`),
            header("Процент исполнения, (6) / (5) x 100", { rowSpan: 2 }),
            header("Оценка эффективности, %", { rowSpan: 2 }),
            header("Уровень эффективности", { rowSpan: 2 }),
          ],
          [
            header(`Предусмотрено программой/направлением на 31.12.${year}`),
            header("Сводная бюджетная роспись"),
            header("Кассовое исполнение"),
          ],
        ],
        numbered: true,
        body: dirBody,
      }),
    ],
  };
}

/** A table of the year's plan, fact and achievement with the justification of deviations (6.18.1 indicators, 6.18.2 metrics). */
function achievementTable(title: string, nameHeading: string, year: number, body: Cell[][]) {
  return finalize({
    title: [title],
    columns: [6, 50, 10, 14, 14, 16, 45],
    header: [
      [
        header("N п/п", { rowSpan: 2 }),
        header(nameHeading, { rowSpan: 2 }),
        header("Ед. изм.", { rowSpan: 2 }),
        header(`Значение за ${year} год`, { colSpan: 2 }),
        header("Достижение", { rowSpan: 2 }),
        header("Обоснование отклонений (при наличии)", { rowSpan: 2 }),
      ],
      [header("план"), header("факт")],
    ],
    numbered: true,
    body,
  });
}
