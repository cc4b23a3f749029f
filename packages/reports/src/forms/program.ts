/**
 * The forms of a municipal program: appendices 1–9 of the procedure of decree 220-п
 * (source 004). Column order, headings and the numbering of columns follow the source forms.
 */
import type { DirectionDoc, ElementDoc, MetricDoc, ProgramDocument } from "@orientir/domain";
import { holderQuarterBudget } from "@orientir/domain";
import {
  date,
  empty,
  finalize,
  header,
  money,
  num,
  range,
  ratio,
  sum,
  text,
  type Cell,
  type FormDocument,
  type HeaderCell,
  type Range,
  type TableSection,
} from "./model.ts";
import {
  MONTHS_SHORT,
  ROMAN,
  classificationSuffix,
  fileBase,
  fundingIndex,
  listedSources,
  moneyStr,
  moneyUnit,
  OTHER_SOURCE,
  quote,
  sourceLabel,
  yearsOf,
  type BudgetSourceRef,
  type FormContext,
  type ProgramEvaluationInput,
  RATING_SHORT_LABELS,
} from "./common.ts";

export interface ProgramFormInput {
  program: ProgramDocument;
  /** The year of a yearly form (monthly plan, process plan, monitoring, annual report). */
  year?: number;
  /** The quarter of the monitoring (1–3, cumulative; 4 is the whole year). */
  quarter?: number;
  context?: FormContext;
  /** The evaluation of effectiveness of the year (annual report, 220-п 6.12.6); computed elsewhere, never by a form. */
  evaluation?: ProgramEvaluationInput | null;
  /** The main results of the year as the executor wrote them (annual report, 220-п 6.12.3). */
  mainResults?: string | null;
}

const APPENDIX = (n: number) =>
  `Приложение ${n} к Порядку принятия решения о разработке муниципальных программ, их формирования и реализации (постановление № 220-п)`;

const KIND_TITLES = { project: "Комплекс проектных мероприятий", process: "Комплекс процессных мероприятий" } as const;

function yearOf(input: ProgramFormInput): number {
  const p = input.program;
  if (input.year !== undefined) return input.year;
  return Math.min(Math.max(p.startYear, 2000), p.endYear);
}

const term = (a?: number | null, b?: number | null) => (a && b ? (a === b ? `${a}` : `${a}–${b}`) : a ? `с ${a}` : b ? `до ${b}` : "");

const elementsOfKind = (d: DirectionDoc, kind: "project" | "process") => d.elements.filter((e) => e.kind === kind);

/** The complexes of a direction in the order of its structure (appendix 3): project complexes, then process ones. */
const orderedElements = (d: DirectionDoc) => [...elementsOfKind(d, "project"), ...elementsOfKind(d, "process")];

/**
 * «Комплекс процессных мероприятий "Наименование"» (appendices 8 and 9); a name that already
 * begins with the kind («Комплекс процессных мероприятий 1.1») is not prefixed a second time.
 */
export function complexTitle(e: Pick<ElementDoc, "kind" | "name">): string {
  const kind = KIND_TITLES[e.kind];
  return e.name.trim().toLowerCase().startsWith(kind.toLowerCase()) ? e.name : `${kind} ${quote(e.name)}`;
}

/**
 * The reason for a deviation of funding entered in monitoring beside the cash execution of a holder
 * (a direction, a complex) for the year's quarter, by source (appendices 8 and 9, «Комментарий»).
 */
function deviationReasons(
  h: { budgetExecution?: { year: number; quarter: number; source: string; deviationReason?: string | null }[] },
  year: number,
  quarter: number,
): Map<string, string> {
  const out = new Map<string, string>();
  for (const b of h.budgetExecution ?? [])
    if (b.year === year && b.quarter === quarter && b.deviationReason?.trim()) out.set(b.source, b.deviationReason.trim());
  return out;
}

/** The sources a holder of funding (a direction, a complex) uses: its funding, schedule and cash. */
function sourcesOfHolder(h: {
  funding?: { source: string }[];
  budgetSchedule?: { source: string }[];
  budgetExecution?: { source: string }[];
}) {
  return new Set([...(h.funding ?? []), ...(h.budgetSchedule ?? []), ...(h.budgetExecution ?? [])].map((x) => x.source));
}

function usedSources(p: ProgramDocument): Set<string> {
  const s = new Set<string>();
  for (const d of p.directions) {
    for (const e of d.elements) for (const f of e.funding) s.add(f.source);
    for (const b of d.budgetExecution ?? []) s.add(b.source);
    for (const b of d.budgetSchedule ?? []) s.add(b.source);
    for (const e of d.elements) for (const b of [...(e.budgetExecution ?? []), ...(e.budgetSchedule ?? [])]) s.add(b.source);
  }
  return s;
}

// ---- appendix 1: passport ------------------------------------------------------------------

export function passportForm(input: ProgramFormInput): FormDocument {
  const p = input.program;
  const ctx = input.context ?? {};
  const years = yearsOf(p.startYear, p.endYear);
  const width = 3 + years.length;
  const unit = moneyUnit(ctx);
  const fund = fundingIndex(p.directions.flatMap((d) => d.elements.flatMap((e) => e.funding)));
  const all = listedSources(ctx, usedSources(p), false);
  const budget = all.filter((s) => s.code !== "other");
  const other = all.filter((s) => s.code === "other");
  const body: Cell[][] = [];
  const row = (label: string, value: string) => body.push([text(label), text(value, { colSpan: width - 1 })]);
  row("1. Ответственный исполнитель муниципальной программы", p.responsibleExecutor);
  row("2. Соисполнители муниципальной программы", p.coExecutors.join("\n"));
  row(
    "3. Цель муниципальной программы",
    p.goals
      .map(
        (g) =>
          g.name +
          (g.targetValue ? ` (${g.targetValue}${g.unit ? " " + g.unit : ""}${g.targetYear ? ` к ${g.targetYear} году` : ""})` : ""),
      )
      .join("\n"),
  );
  row(
    "4. Направления муниципальной программы/соисполнитель муниципальной программы",
    p.directions.map((d, i) => `${i + 1}. ${d.name} / ${d.coExecutor}`).join("\n"),
  );
  row(
    "5. Сроки и этапы реализации муниципальной программы",
    [`${p.startYear}–${p.endYear} годы`, ...p.stages.map((s) => `${s.name}: ${s.startYear}–${s.endYear} годы`)].join("\n"),
  );
  const fundingBlock = (label: string, sources: BudgetSourceRef[], note?: string) => {
    const first = body.length;
    const rows = 2 + sources.length + (note ? 1 : 0);
    body.push([
      text(label, { rowSpan: rows }),
      text(`Источник финансирования, ${unit}`, { bold: true }),
      text("Всего", { bold: true, align: "center" }),
      ...years.map((y) => text(`${y} год`, { bold: true, align: "center" })),
    ]);
    const totalRow = body.length;
    const srcFrom = totalRow + 1;
    const srcTo = totalRow + sources.length;
    body.push([
      text("Всего, в том числе:", { bold: true }),
      sum([range(totalRow, 3, totalRow, width - 1)], { bold: true }),
      ...years.map((_, i) => (sources.length ? sum([range(srcFrom, 3 + i, srcTo, 3 + i)], { bold: true }) : money("0.00", { bold: true }))),
    ]);
    for (const s of sources) {
      const r = body.length;
      body.push([text(sourceLabel(s)), sum([range(r, 3, r, width - 1)]), ...years.map((y) => money(moneyStr(fund.get(`${y}:${s.code}`))))]);
    }
    if (note) body.push([text(note, { colSpan: width - 1 })]);
    return first;
  };
  fundingBlock("6. Объемы финансирования муниципальной программы за счет бюджетных ассигнований", budget);
  if (other.length || p.otherSources) {
    fundingBlock(
      "7. Объемы финансирования муниципальной программы за счет иных источников (справочно)",
      other,
      p.otherSources ?? undefined,
    );
  }
  const section = finalize({ columns: [40, 30, 14, ...years.map(() => 12)], header: [], numbered: false, body });
  return {
    form: "passport",
    title: [APPENDIX(1), "ПАСПОРТ", "муниципальной программы", quote(p.name)],
    landscape: true,
    sheetName: "Паспорт",
    fileName: fileBase("Паспорт", p.code),
    sections: [section],
  };
}

// ---- appendix 2: indicators --------------------------------------------------------------------

const normName = (s: string) => s.trim().replace(/\s+/g, " ").toLowerCase();

/**
 * The program's indicators grouped by the goal they measure (220-п, 2.1.2: indicators of the
 * achievement of the goals), in the order of the goals; an indicator of no known goal comes last,
 * under «Индикаторы вне целей программы» when there are groups before it. With no goal named at
 * all the list is not grouped (title null).
 */
export function indicatorsByGoal(p: ProgramDocument): { title: string | null; items: ProgramDocument["indicators"] }[] {
  const out: { title: string | null; items: ProgramDocument["indicators"] }[] = [];
  const placed = new Set<unknown>();
  p.goals.forEach((g, k) => {
    const keys = [g.code, g.name].filter((x): x is string => !!x).map(normName);
    const mine = p.indicators.filter((ind) => !placed.has(ind) && ind.goal && keys.includes(normName(ind.goal)));
    if (!mine.length) return;
    mine.forEach((m) => placed.add(m));
    out.push({ title: `Цель ${k + 1}. ${g.name}`, items: mine });
  });
  const rest = p.indicators.filter((ind) => !placed.has(ind));
  if (rest.length) out.push({ title: out.length ? "Индикаторы вне целей программы" : null, items: rest });
  return out;
}

export function indicatorsForm(input: ProgramFormInput): FormDocument {
  const p = input.program;
  const years = yearsOf(p.startYear, p.endYear);
  const width = 4 + years.length;
  const head: HeaderCell[][] = [
    [
      header("N п/п", { rowSpan: 3 }),
      header("Наименование индикатора", { rowSpan: 3 }),
      header("Ед. изм.", { rowSpan: 3 }),
      header("Значение по годам", { colSpan: 1 + years.length }),
    ],
    [
      header(`Год, предшествующий году разработки муниципальной программы (${p.startYear - 1})`, { rowSpan: 2 }),
      header("Годы реализации муниципальной программы", { colSpan: years.length }),
    ],
    years.map((y, i) => header(`${i + 1}-й год (${y})`)),
  ];
  const body: Cell[][] = [[text(`Муниципальная программа ${quote(p.name)}`, { colSpan: width, bold: true })]];
  let i = 0;
  for (const group of indicatorsByGoal(p)) {
    if (group.title) body.push([text(group.title, { colSpan: width, bold: true })]);
    for (const ind of group.items) {
      const byYear = new Map(ind.values.map((v) => [v.year, v.plan ?? null]));
      body.push([
        text(`${++i}`, { align: "center" }),
        text(ind.name),
        text(ind.unit, { align: "center" }),
        num(ind.baseValue),
        ...years.map((y) => num(byYear.get(y))),
      ]);
    }
  }
  return {
    form: "indicators",
    title: [APPENDIX(2), "Индикаторы достижения целей муниципальной программы", quote(p.name)],
    landscape: years.length > 3,
    sheetName: "Индикаторы",
    fileName: fileBase("Индикаторы", p.code),
    sections: [finalize({ columns: [6, 50, 10, 16, ...years.map(() => 11)], header: head, numbered: true, body })],
  };
}

// ---- appendix 3: structure of a direction ------------------------------------------------------

/** «Направление "…"» with its section of the classification of expenditure (1.3.4), when given. */
export function directionTitle(d: Pick<DirectionDoc, "name" | "budgetClassification">): string {
  const bc = d.budgetClassification?.trim();
  return `Направление ${quote(d.name)}${bc ? classificationSuffix(bc) : ""}`;
}

function metricsOfTask(e: ElementDoc, taskKey: string | null | undefined): string {
  if (!taskKey) return "";
  return e.metrics
    .filter((m) => m.task && m.task === taskKey)
    .map((m) => m.name)
    .join("; ");
}
const taskKey = (t: { code?: string | null; name: string }) => t.code ?? t.name;

export function structureForm(input: ProgramFormInput): FormDocument {
  const p = input.program;
  const body: Cell[][] = [];
  for (const d of p.directions) {
    body.push([text(directionTitle(d), { colSpan: 6, bold: true })]);
    for (const kind of ["project", "process"] as const) {
      const els = elementsOfKind(d, kind);
      if (!els.length) continue;
      body.push([text(KIND_TITLES[kind], { colSpan: 6, bold: true })]);
      els.forEach((e, k) => {
        // the co-executor (or the element's responsible body) and, as their own role, the participants (1.3.3)
        const who = [e.responsible ?? d.coExecutor, ...(e.participants?.length ? [`Участники: ${e.participants.join("; ")}`] : [])].join(
          "\n",
        );
        const when = term(e.startYear ?? p.startYear, e.endYear ?? p.endYear);
        body.push([
          text(`${k + 1}`, { align: "center", bold: true }),
          text(e.name, { bold: true }),
          text(e.tasks.map((t) => t.name).join("\n")),
          text(
            e.tasks
              .map((t) => metricsOfTask(e, taskKey(t)))
              .filter(Boolean)
              .join("\n"),
          ),
          text(who),
          text(when, { align: "center" }),
        ]);
        let j = 0;
        for (const t of e.tasks) {
          for (const a of t.activities) {
            j++;
            body.push([
              text(`${k + 1}.${j}`, { align: "center" }),
              text(a.name, { indent: 1 }),
              text(t.name),
              text(metricsOfTask(e, taskKey(t))),
              text(who),
              text(when, { align: "center" }),
            ]);
          }
        }
      });
    }
  }
  const head = [
    [
      header("N п/п"),
      header(
        "Наименование направления муниципальной программы/наименование структурного элемента/наименование мероприятия, входящего в состав структурного элемента",
      ),
      header("Задача структурного элемента, решение которой обеспечивается реализацией структурного элемента"),
      header("Связь задачи структурного элемента с показателем направления муниципальной программы"),
      header("Соисполнитель/участник"),
      header("Срок реализации"),
    ],
  ];
  return {
    form: "structure",
    title: [APPENDIX(3), "Структура направления муниципальной программы", quote(p.name)],
    landscape: true,
    sheetName: "Структура",
    fileName: fileBase("Структура", p.code),
    sections: [finalize({ columns: [7, 45, 35, 35, 25, 12], header: head, numbered: true, body })],
  };
}

// ---- appendix 4: funding -----------------------------------------------------------------------

export function fundingForm(input: ProgramFormInput): FormDocument {
  const p = input.program;
  const ctx = input.context ?? {};
  const years = yearsOf(p.startYear, p.endYear);
  const width = 4 + years.length;
  const all = listedSources(ctx, usedSources(p), false);
  // «иные источники» only for a complex (and its direction) that has such funding
  const sourcesFor = (used: Set<string>) => all.filter((s) => s.code !== OTHER_SOURCE || used.has(OTHER_SOURCE));
  const body: Cell[][] = [];
  /** Pushes a block «ВСЕГО, в т.ч.» + one row per source; returns the row of each source by code. */
  const block = (name: Cell, who: string, sources: BudgetSourceRef[], values: (source: string, year: number) => Cell) => {
    const total = body.length;
    const k = sources.length;
    body.push([
      { ...name, rowSpan: k + 1 },
      text(who, { rowSpan: k + 1 }),
      text("ВСЕГО, в т.ч.", { bold: true }),
      sum([range(total, 4, total, width - 1)], { bold: true }),
      ...years.map((_, i) => (k ? sum([range(total + 1, 4 + i, total + k, 4 + i)], { bold: true }) : money("0.00", { bold: true }))),
    ]);
    const rows = new Map<string, { index: number; row: Cell[] }>();
    for (const s of sources) {
      const r = body.length;
      const row = [text(sourceLabel(s)), sum([range(r, 4, r, width - 1)]), ...years.map((y) => values(s.code, y))];
      rows.set(s.code, { index: r, row });
      body.push(row);
    }
    return rows;
  };
  for (const d of p.directions) {
    const dirUsed = new Set(d.elements.flatMap((e) => e.funding.map((f) => f.source)));
    // the direction's rows are sums of its elements' rows: filled once the elements are placed
    const dir = block(text(directionTitle(d), { bold: true }), d.coExecutor, sourcesFor(dirUsed), () => sum([]));
    const elementRows: Map<string, { index: number }>[] = [];
    for (const kind of ["project", "process"] as const) {
      const els = elementsOfKind(d, kind);
      if (!els.length) continue;
      body.push([text(KIND_TITLES[kind], { colSpan: width, bold: true })]);
      for (const e of els) {
        const fund = fundingIndex(e.funding);
        const used = new Set(e.funding.map((f) => f.source));
        elementRows.push(
          block(text(e.name), e.responsible ?? d.coExecutor, sourcesFor(used), (src, y) => money(moneyStr(fund.get(`${y}:${src}`)))),
        );
      }
    }
    // each source row of the direction is the sum of the same source's row of every element
    for (const [code, { row }] of dir) {
      years.forEach((_, yi) => {
        row[2 + yi] = sum(elementRows.flatMap((rows) => (rows.has(code) ? [range(rows.get(code)!.index, 4 + yi)] : [])));
      });
    }
  }
  const head: HeaderCell[][] = [
    [
      header("Наименование структурного элемента", { rowSpan: 2 }),
      header("Ответственный исполнитель, соисполнители", { rowSpan: 2 }),
      header("Источники финансового обеспечения", { rowSpan: 2 }),
      header(`Всего (${moneyUnit(ctx)})`, { rowSpan: 2 }),
      header("В том числе по годам реализации", { colSpan: years.length }),
    ],
    years.map((y, i) => header(`${i + 1}-й год (${y})`)),
  ];
  return {
    form: "funding",
    title: [APPENDIX(4), "Финансовое обеспечение направления муниципальной программы", quote(p.name)],
    landscape: true,
    sheetName: "Финансовое обеспечение",
    fileName: fileBase("Финансовое_обеспечение", p.code),
    sections: [finalize({ columns: [40, 25, 30, 15, ...years.map(() => 14)], header: head, numbered: true, body })],
  };
}

// ---- appendix 5: metrics -----------------------------------------------------------------------

export function metricsForm(input: ProgramFormInput): FormDocument {
  const p = input.program;
  const years = yearsOf(p.startYear, p.endYear);
  const width = 5 + years.length;
  const body: Cell[][] = [];
  for (const d of p.directions) {
    body.push([text(`Направление ${quote(d.name)}`, { colSpan: width, bold: true })]);
    let i = 0;
    for (const e of orderedElements(d)) {
      for (const m of e.metrics) {
        const byYear = new Map(m.values.map((v) => [v.year, v.plan ?? null]));
        body.push([
          text(`${++i}`, { align: "center" }),
          text(m.name),
          text(m.unit, { align: "center" }),
          num(m.baseValue),
          ...years.map((y) => num(byYear.get(y))),
          text(m.valueSource),
        ]);
      }
    }
  }
  const head: HeaderCell[][] = [
    [
      header("N п/п", { rowSpan: 3 }),
      header("Наименование показателя", { rowSpan: 3 }),
      header("Единица измерения", { rowSpan: 3 }),
      header("Значения показателя по годам реализации муниципальной программы", { colSpan: 1 + years.length }),
      header("Источник значения показателя (методика расчета показателей, соглашение, региональный проект, муниципальная программа)", {
        rowSpan: 3,
      }),
    ],
    [header("Базовое значение", { rowSpan: 2 }), header("Годы реализации", { colSpan: years.length })],
    years.map((y) => header(`${y} год`)),
  ];
  return {
    form: "metrics",
    title: [APPENDIX(5), "Сведения о показателях направления муниципальной программы", quote(p.name)],
    landscape: true,
    sheetName: "Показатели",
    fileName: fileBase("Показатели", p.code),
    sections: [finalize({ columns: [6, 45, 12, 12, ...years.map(() => 11), 30], header: head, numbered: true, body })],
  };
}

// ---- appendix 6: monthly plan of metrics ---------------------------------------------------------

const unitOkei = (m: MetricDoc) => (m.okei ? `${m.unit} (${m.okei})` : m.unit);

export function monthlyPlanForm(input: ProgramFormInput): FormDocument {
  const p = input.program;
  const year = yearOf(input);
  const body: Cell[][] = [];
  for (const d of p.directions) {
    body.push([text(`Направление ${quote(d.name)}`, { colSpan: 16, bold: true })]);
    let i = 0;
    for (const e of orderedElements(d)) {
      for (const m of e.metrics) {
        const byMonth = new Map(m.months.filter((x) => x.year === year).map((x) => [x.month, x.plan ?? null]));
        body.push([
          text(`${++i}`, { align: "center" }),
          text(m.name),
          text(m.level, { align: "center" }),
          text(unitOkei(m), { align: "center" }),
          ...Array.from({ length: 12 }, (_, k) => num(byMonth.get(k + 1))),
        ]);
      }
    }
  }
  const head: HeaderCell[][] = [
    [
      header("N п/п", { rowSpan: 2 }),
      header("Наименование показателя", { rowSpan: 2 }),
      header("Уровень показателя", { rowSpan: 2 }),
      header("Единица измерения (по ОКЕИ)", { rowSpan: 2 }),
      header("Плановые значения по месяцам", { colSpan: 11 }),
      header(`На дату 31.12.${year}`, { rowSpan: 2 }),
    ],
    MONTHS_SHORT.map((m) => header(m)),
  ];
  return {
    form: "monthly-plan",
    title: [APPENDIX(6), "План достижения показателей направления", `муниципальной программы ${quote(p.name)} на ${year} год`],
    landscape: true,
    sheetName: `Помесячный план ${year}`,
    fileName: fileBase("Помесячный_план", p.code, year),
    sections: [finalize({ columns: [6, 40, 10, 12, ...Array.from({ length: 11 }, () => 8), 11], header: head, numbered: true, body })],
  };
}

// ---- appendix 7: plan of a process complex with checkpoints --------------------------------------

const joinDistinct = (xs: (string | null | undefined)[]) => [...new Set(xs.filter((x): x is string => !!x))].join("; ");

export function processPlanForm(input: ProgramFormInput): FormDocument {
  const p = input.program;
  const year = yearOf(input);
  const inYear = (c: { plannedDate: string }) => c.plannedDate.startsWith(`${year}-`);
  type Line = { no: string; name: string; task?: boolean; cps?: ElementDoc["checkpoints"] };
  const lines: Line[] = [];
  let t = 0;
  for (const d of p.directions) {
    for (const e of elementsOfKind(d, "process")) {
      const cps = e.checkpoints.filter(inYear);
      const used = new Set<string>();
      for (const task of e.tasks) {
        t++;
        lines.push({ no: `${t}`, name: `Задача ${quote(task.name)} структурного элемента ${quote(e.name)}`, task: true });
        task.activities.forEach((a, j) => {
          const key = a.code ?? a.name;
          const mine = cps.filter((c) => c.activity === key || (c.activity && c.activity === a.name));
          mine.forEach((c) => used.add(c.name + c.plannedDate));
          lines.push({ no: `${t}.${j + 1}`, name: a.name, cps: mine.sort((x, y) => x.plannedDate.localeCompare(y.plannedDate)) });
        });
      }
      const rest = cps.filter((c) => !used.has(c.name + c.plannedDate));
      if (rest.length) {
        t++;
        lines.push({ no: `${t}`, name: `Контрольные точки структурного элемента ${quote(e.name)} без мероприятия`, task: true });
        lines.push({
          no: `${t}.1`,
          name: "Контрольные точки без мероприятия",
          cps: rest.sort((x, y) => x.plannedDate.localeCompare(y.plannedDate)),
        });
      }
    }
  }
  const n = Math.max(4, ...lines.map((l) => l.cps?.length ?? 0));
  const width = 5 + n;
  // an activity takes two rows: the names of its checkpoints, then their dates
  const body: Cell[][] = lines.flatMap((l): Cell[][] =>
    l.task
      ? [[text(l.no, { align: "center", bold: true }), text(l.name, { colSpan: width - 1, bold: true })]]
      : [
          [
            text(l.no, { align: "center", rowSpan: 2 }),
            text(l.name, { rowSpan: 2 }),
            ...Array.from({ length: n }, (_, k) => text(l.cps![k]?.name ?? "")),
            text(joinDistinct(l.cps!.map((c) => c.responsible)), { rowSpan: 2 }),
            text(joinDistinct(l.cps!.map((c) => c.documentKind)), { rowSpan: 2 }),
            text(joinDistinct(l.cps!.map((c) => c.informationSystem)), { rowSpan: 2 }),
          ],
          Array.from({ length: n }, (_, k) => date(l.cps![k]?.plannedDate ?? null, { align: "center" })),
        ],
  );
  const head: HeaderCell[][] = [
    [
      header("N п/п", { rowSpan: 2 }),
      header("Наименование процессного мероприятия, входящего в состав структурного элемента", { rowSpan: 2 }),
      header("Дата наступления контрольной точки", { colSpan: n }),
      header("Ответственный исполнитель", { rowSpan: 2 }),
      header("Вид подтверждающего документа", { rowSpan: 2 }),
      header("Информационная система (источник данных)", { rowSpan: 2 }),
    ],
    Array.from({ length: n }, (_, k) => header(`Контрольная точка ${k + 1}`)),
  ];
  return {
    form: "process-plan",
    title: [
      APPENDIX(7),
      `План реализации комплекса процессных мероприятий в ${year} финансовом году`,
      `муниципальной программы ${quote(p.name)}`,
    ],
    landscape: true,
    sheetName: `План КПМ ${year}`,
    fileName: fileBase("План_КПМ", p.code, year),
    sections: [finalize({ columns: [7, 40, ...Array.from({ length: n }, () => 12), 25, 25, 20], header: head, numbered: true, body })],
  };
}

// ---- appendices 8 and 9: monitoring and the annual report ----------------------------------------

function financeSection(p: ProgramDocument, ctx: FormContext, year: number, quarter: number, annual: boolean): TableSection {
  const budget = listedSources(ctx, usedSources(p), false).filter((s) => s.code !== OTHER_SOURCE);
  const otherSrc = listedSources(ctx, [], true).find((s) => s.code === OTHER_SOURCE)!;
  // «иные источники» only where such funding exists (220-п, appendices 8 and 9, note <2>)
  const elementHasOther = (e: ElementDoc) => sourcesOfHolder(e).has(OTHER_SOURCE);
  const directionHasOther = (d: DirectionDoc) => sourcesOfHolder(d).has(OTHER_SOURCE) || d.elements.some(elementHasOther);
  const sourcesFor = (withOther: boolean) => (withOther ? [...budget, otherSrc] : budget);
  const body: Cell[][] = [];
  const ratioCell = (r: number) => ratio({ row: r, col: 3 }, { row: r, col: 2 }, { align: "right" });
  /** Rows of a holder: its total row and the row of each source by code. */
  type Block = { total: number; rows: Map<string, Cell[]>; rowIndex: Map<string, number> };
  const block = (
    label: string,
    indent: number,
    sources: BudgetSourceRef[],
    values: (code: string) => [Cell, Cell, Cell],
    comments: Map<string, string> = new Map(),
  ): Block => {
    const total = body.length;
    const k = sources.length;
    const totalCol = (col: number) => (k ? sum([range(total + 1, col, total + k, col)], { bold: true }) : money("0.00", { bold: true }));
    body.push([text(label, { bold: true, indent }), totalCol(1), totalCol(2), totalCol(3), ratioCell(total), text("")]);
    const rows = new Map<string, Cell[]>();
    const rowIndex = new Map<string, number>();
    for (const s of sources) {
      const r = body.length;
      const row: Cell[] = [text(sourceLabel(s), { indent: indent + 1 }), ...values(s.code), ratioCell(r), text(comments.get(s.code) ?? "")];
      rows.set(s.code, row);
      rowIndex.set(s.code, r);
      body.push(row);
    }
    return { total, rows, rowIndex };
  };
  const programSources = sourcesFor(p.directions.some(directionHasOther));
  const prog = block(`Муниципальная программа ${quote(p.name)} (всего), в том числе`, 0, programSources, () => [sum([]), sum([]), sum([])]);
  const dirBlocks: Block[] = [];
  for (const d of p.directions) {
    // the year's schedule in force at the quarter's end and the cash to date, of the direction itself
    const dirBudget = holderQuarterBudget(d, year, quarter);
    const exec = new Map((dirBudget?.sources ?? []).map((b) => [b.source, b]));
    const dir = block(
      `направление ${quote(d.name)}. ${d.coExecutor}`,
      0,
      sourcesFor(directionHasOther(d)),
      (code) => [sum([]), money(exec.get(code)?.schedule ?? null), money(exec.get(code)?.cash ?? null)],
      deviationReasons(d, year, quarter),
    );
    dirBlocks.push(dir);
    const elBlocks: Block[] = [];
    let elementsHaveBudget = false;
    for (const e of orderedElements(d)) {
      const fund = fundingIndex(e.funding.filter((f) => f.year === year));
      // a complex (structural element) has its own schedule and cash (220-п, appendices 8 and 9)
      const elBudget = holderQuarterBudget(e, year, quarter);
      if (elBudget) elementsHaveBudget = true;
      const eb = new Map((elBudget?.sources ?? []).map((b) => [b.source, b]));
      elBlocks.push(
        block(
          complexTitle(e),
          1,
          sourcesFor(elementHasOther(e)),
          (code) => [
            money(moneyStr(fund.get(`${year}:${code}`))),
            money(eb.get(code)?.schedule ?? null),
            money(eb.get(code)?.cash ?? null),
          ],
          deviationReasons(e, year, quarter),
        ),
      );
    }
    // the direction's planned amount of a source is the sum of its complexes' rows of that source
    const ofElements = (code: string, col: number) =>
      elBlocks.flatMap((b) => (b.rowIndex.has(code) ? [range(b.rowIndex.get(code)!, col)] : []));
    for (const [code, row] of dir.rows) {
      row[1] = sum(ofElements(code, 1));
      // a direction without figures of its own has the sum of its complexes'
      if (!dirBudget && elementsHaveBudget) {
        row[2] = sum(ofElements(code, 2));
        row[3] = sum(ofElements(code, 3));
      }
    }
  }
  // program rows: the total is the sum of the direction totals, a source row the sum of the directions' rows of it
  const progTotalRow = body[prog.total]!;
  for (let col = 1; col <= 3; col++)
    progTotalRow[col] = sum(
      dirBlocks.map((b) => range(b.total, col)),
      { bold: true },
    );
  for (const [code, row] of prog.rows) {
    for (let col = 1; col <= 3; col++)
      row[col] = sum(dirBlocks.flatMap((b) => (b.rowIndex.has(code) ? [range(b.rowIndex.get(code)!, col)] : [])));
  }
  const head: HeaderCell[][] = [
    [
      header("Наименование муниципальной программы, направления муниципальной программы и источника финансового обеспечения", {
        rowSpan: 2,
      }),
      header(`Объем финансового обеспечения, ${moneyUnit(ctx).replace("руб.", "рублей")}`, { colSpan: 2 }),
      header(`Исполнение, ${moneyUnit(ctx).replace("руб.", "рублей")}`),
      header("Процент исполнения, (4) / (3) x 100", { rowSpan: 2 }),
      header("Комментарий", { rowSpan: 2 }),
    ],
    [
      header(annual ? `Предусмотрено программой/направлением на 31.12.${year}` : "Предусмотрено программой/направлением"),
      header("Сводная бюджетная роспись"),
      header("Кассовое исполнение"),
    ],
  ];
  return finalize({
    columns: [55, 18, 18, 18, 14, 30],
    header: head,
    numbered: true,
    body,
    notes: [
      "Комментарий: указываются причины отклонения (при наличии отклонений).",
      "Иные источники: собственные средства организаций, средства фондов, средства физических лиц, привлеченные средства, за исключением бюджетных ассигнований (при наличии).",
    ],
  });
}

function directionMonthlySection(d: DirectionDoc, year: number, annual: boolean): TableSection {
  const body: Cell[][] = [];
  let i = 0;
  for (const e of orderedElements(d)) {
    for (const m of e.metrics) {
      const months = new Map(m.months.filter((x) => x.year === year).map((x) => [x.month, x]));
      body.push([
        text(`${++i}`, { rowSpan: 3, align: "center" }),
        text(m.name, { bold: true }),
        text(unitOkei(m), { rowSpan: 3, align: "center" }),
        empty({ colSpan: 12 }),
      ]);
      body.push([text("План"), ...Array.from({ length: 12 }, (_, k) => num(months.get(k + 1)?.plan))]);
      body.push([
        text("Факт/прогноз"),
        ...Array.from({ length: 12 }, (_, k) => num(months.get(k + 1)?.fact ?? months.get(k + 1)?.forecast)),
      ]);
    }
  }
  return finalize({
    title: [
      `Отчет о ходе реализации направления ${quote(d.name)}`,
      `Сведения об исполнении помесячного плана достижения показателей направления в ${year} году`,
    ],
    columns: [6, 40, 12, ...Array.from({ length: 11 }, () => 8), 10],
    header: [
      [
        header("N п/п", { rowSpan: 2 }),
        // appendix 8 heads the column «Показатели», appendix 9 «Показатели направления»
        header(annual ? "Показатели направления" : "Показатели", { rowSpan: 2 }),
        header("Единица измерения (по ОКЕИ)", { rowSpan: 2 }),
        header("Значения по месяцам", { colSpan: 11 }),
        header("На конец года", { rowSpan: 2 }),
      ],
      MONTHS_SHORT.map((m) => header(m)),
    ],
    numbered: true,
    body,
  });
}

function directionCheckpointsSection(d: DirectionDoc, year: number, annual: boolean): TableSection {
  const body: Cell[][] = [];
  const inYear = (c: { plannedDate: string }) => c.plannedDate.startsWith(`${year}-`);
  let t = 0;
  for (const e of orderedElements(d)) {
    const cps = e.checkpoints.filter(inYear);
    const used = new Set<unknown>();
    const cpRows = (no: string, list: typeof cps) =>
      list.forEach((c, m) => {
        used.add(c);
        body.push([
          text(`${no}.${m + 1}`),
          text(`Контрольная точка ${quote(c.name)}`, { indent: 2 }),
          date(c.plannedDate, { align: "center" }),
          date(c.actualDate, { align: "center" }),
          text(c.responsible),
          // the documents actually attached to the checkpoint (220-п, appendices 8 and 9)
          text((c.documents ?? []).join("\n")),
          text(c.comment),
        ]);
      });
    for (const task of e.tasks) {
      t++;
      body.push([
        text(`${t}`, { bold: true }),
        text(`Задача ${quote(task.name)} структурного элемента ${quote(e.name)}`, { colSpan: 6, bold: true }),
      ]);
      task.activities.forEach((a, j) => {
        const key = a.code ?? a.name;
        body.push([text(`${t}.${j + 1}`), text(`Мероприятие ${quote(a.name)}`, { colSpan: 6, indent: 1 })]);
        cpRows(
          `${t}.${j + 1}`,
          cps.filter((c) => c.activity === key || c.activity === a.name).sort((x, y) => x.plannedDate.localeCompare(y.plannedDate)),
        );
      });
    }
    const rest = cps.filter((c) => !used.has(c));
    if (rest.length) {
      t++;
      body.push([
        text(`${t}`, { bold: true }),
        text(`Структурный элемент ${quote(e.name)}: контрольные точки без мероприятия`, { colSpan: 6, bold: true }),
      ]);
      cpRows(`${t}`, rest);
    }
  }
  return finalize({
    title: ["Сведения о выполнении (достижении) мероприятий и контрольных точек"],
    columns: [8, 45, 13, 13, 25, 25, 30],
    header: [
      [
        header("N"),
        header("Наименование мероприятия (результата)/контрольной точки"),
        header("Плановая дата наступления контрольной точки"),
        header("Фактическая дата наступления контрольной точки"),
        header("Ответственный исполнитель (должность)"),
        header("Подтверждающий документ"),
        header(`Комментарий (результаты/${annual ? " " : ""}проблемы, возникшие в ходе реализации мероприятия)`),
      ],
    ],
    numbered: true,
    body,
  });
}

function directionSections(p: ProgramDocument, year: number, annual: boolean): TableSection[] {
  return p.directions.flatMap((d) => [directionMonthlySection(d, year, annual), directionCheckpointsSection(d, year, annual)]);
}

export function monitoringForm(input: ProgramFormInput): FormDocument {
  const p = input.program;
  const year = yearOf(input);
  const quarter = Math.min(Math.max(input.quarter ?? 1, 1), 4);
  const period = quarter === 4 ? `${year} год` : `${ROMAN[quarter - 1]} квартал ${year} года`;
  return {
    form: "monitoring",
    title: [APPENDIX(8), "Форма мониторинга реализации муниципальной программы (квартальная)", `за ${period} (нарастающим итогом)`],
    info: [
      `Наименование муниципальной программы: ${p.name}`,
      `Ответственный исполнитель муниципальной программы: ${p.responsibleExecutor}`,
    ],
    landscape: true,
    sheetName: `Мониторинг ${quarter} кв ${year}`,
    fileName: fileBase("Мониторинг", p.code, year, `${quarter}кв`),
    sections: [financeSection(p, input.context ?? {}, year, quarter, false), ...directionSections(p, year, false)],
  };
}

function indicatorsAchievementSection(p: ProgramDocument, year: number): TableSection {
  const body: Cell[][] = p.indicators.map((ind, i) => {
    const v = new Map(ind.values.map((x) => [x.year, x]));
    return [
      text(`${i + 1}`, { align: "center" }),
      text(ind.name),
      text(ind.unit, { align: "center" }),
      num(v.get(year - 1)?.fact ?? (ind.baseYear === year - 1 ? ind.baseValue : null)),
      num(v.get(year)?.plan),
      num(v.get(year)?.fact),
      text(v.get(year)?.justification ?? ""),
    ];
  });
  return finalize({
    title: ["Сведения о достижении значений индикаторов"],
    columns: [6, 45, 10, 14, 12, 12, 40],
    header: [
      [
        header("N п/п", { rowSpan: 3 }),
        header("Наименование индикатора", { rowSpan: 3 }),
        header("Ед. изм.", { rowSpan: 3 }),
        header("Значения индикатора", { colSpan: 3 }),
        header("Обоснование отклонений значений индикатора на конец отчетного года (при наличии)", { rowSpan: 3 }),
      ],
      [header(`Год, предшествующий отчетному (${year - 1})`, { rowSpan: 2 }), header(`Отчетный год (${year})`, { colSpan: 2 })],
      [header("план"), header("факт")],
    ],
    numbered: true,
    body,
  });
}

/**
 * 6.12.2: the metrics of the directions with plan and fact of the year and the justification of a
 * deviation (the form of appendix 9 shows their months; this table carries the justification).
 */
function metricsAchievementSection(p: ProgramDocument, year: number): TableSection {
  const body: Cell[][] = [];
  for (const d of p.directions) {
    body.push([text(`Направление ${quote(d.name)}`, { colSpan: 7, bold: true })]);
    let i = 0;
    for (const e of orderedElements(d)) {
      for (const m of e.metrics) {
        const v = m.values.find((x) => x.year === year);
        const last = m.values.find((x) => x.year === year - 1);
        body.push([
          text(`${++i}`, { align: "center" }),
          text(m.name),
          text(unitOkei(m), { align: "center" }),
          num(last?.fact ?? (m.baseYear === year - 1 ? m.baseValue : null)),
          num(v?.plan),
          num(v?.fact),
          text(v?.justification ?? ""),
        ]);
      }
    }
  }
  return finalize({
    title: ["Сведения о достижении значений показателей направлений муниципальной программы"],
    columns: [6, 45, 12, 14, 12, 12, 40],
    header: [
      [
        header("N п/п", { rowSpan: 3 }),
        header("Наименование показателя", { rowSpan: 3 }),
        header("Единица измерения (по ОКЕИ)", { rowSpan: 3 }),
        header("Значения показателя", { colSpan: 3 }),
        header("Обоснование отклонений значений показателя на конец отчетного года (при наличии)", { rowSpan: 3 }),
      ],
      [header(`Год, предшествующий отчетному (${year - 1})`, { rowSpan: 2 }), header(`Отчетный год (${year})`, { colSpan: 2 })],
      [header("план"), header("факт")],
    ],
    numbered: true,
    body,
  });
}

/** 6.12.3: the main results of the program's implementation in the year, as the executor wrote them. */
function mainResultsSection(results: string, year: number): TableSection {
  return finalize({
    title: [`Основные результаты реализации муниципальной программы в ${year} году`],
    columns: [100],
    header: [],
    numbered: false,
    body: results
      .split(/\r?\n/)
      .map((x) => x.trim())
      .filter(Boolean)
      .map((line) => [text(line)]),
  });
}

/** 6.12.6: the evaluation of effectiveness with its rating, when the report is given one. */
function evaluationSection(e: ProgramEvaluationInput, year: number): TableSection {
  return finalize({
    title: [`Оценка эффективности реализации муниципальной программы за ${year} год`],
    columns: [45, 20, 30],
    header: [[header("Показатель оценки"), header("Значение"), header("Уровень эффективности")]],
    numbered: false,
    body: [
      [
        text("Оценка эффективности реализации муниципальной программы (ОЭмп), %"),
        num(e.score.toFixed(2), { align: "right" }),
        text(RATING_SHORT_LABELS[e.rating], { align: "center" }),
      ],
    ],
  });
}

export function annualReportForm(input: ProgramFormInput): FormDocument {
  const p = input.program;
  const year = yearOf(input);
  return {
    form: "annual-report",
    title: [APPENDIX(9), "Годовой отчет о ходе реализации муниципальной программы", `за ${year} год`],
    info: [
      `Наименование муниципальной программы: ${p.name}`,
      `Ответственный исполнитель муниципальной программы: ${p.responsibleExecutor}`,
    ],
    landscape: true,
    sheetName: `Годовой отчет ${year}`,
    fileName: fileBase("Годовой_отчет", p.code, year),
    sections: [
      financeSection(p, input.context ?? {}, year, 4, true),
      indicatorsAchievementSection(p, year),
      metricsAchievementSection(p, year),
      // 6.12.3 after the indicators (6.12.1) and metrics (6.12.2), as the decree lists them
      ...(input.mainResults?.trim() ? [mainResultsSection(input.mainResults, year)] : []),
      ...directionSections(p, year, true),
      ...(input.evaluation ? [evaluationSection(input.evaluation, year)] : []),
    ],
  };
}

export type { Range };
