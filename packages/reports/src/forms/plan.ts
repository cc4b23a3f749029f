/**
 * The forms of the action plan that carries out the strategy: appendices 1–3 of the decree on
 * the plan (source 000: activities with funding by year and source, indicators by year, priority
 * projects). Amounts are in thousands, as everywhere in Orientir.
 */
import { PROJECT_KINDS, formatMoney, parseMoney, type ActionPlanDocument, type FundingRow, type Money } from "@orientir/domain";
import { finalize, header, money, num, range, sum, text, type Cell, type FormDocument, type HeaderCell } from "./model.ts";
import { fileBase, fundingIndex, listedSources, moneyStr, moneyUnit, quote, sourceLabel, yearsOf, type FormContext } from "./common.ts";

export interface PlanFormInput {
  plan: ActionPlanDocument;
  /** The strategy's goals, to head the groups (an activity names its goal by code or name). */
  goals?: { code?: string | null; name: string }[];
  /** The municipality's programs, to name a program by its code. */
  programs?: { code: string; name: string }[];
  context?: FormContext;
}

const APPENDIX = (n: number, plan: ActionPlanDocument) =>
  `Приложение ${n} к постановлению об утверждении плана мероприятий${plan.approvalDocument ? ` (${plan.approvalDocument})` : ""}`;

const norm = (s: string) => s.trim().replace(/\s+/g, " ").toLowerCase();

/** Groups items by their goal, in the order of the strategy's goals; items of no known goal last. */
function byGoal<T extends { goal?: string | null }>(items: T[], goals: PlanFormInput["goals"]): { title: string | null; items: T[] }[] {
  const list = goals ?? [];
  const keyOf = (g: { code?: string | null; name: string }) => [g.code, g.name].filter((x): x is string => !!x).map(norm);
  const out: { title: string | null; items: T[] }[] = [];
  const placed = new Set<T>();
  list.forEach((g, i) => {
    const keys = keyOf(g);
    const mine = items.filter((it) => it.goal && keys.includes(norm(it.goal)));
    if (!mine.length) return;
    mine.forEach((m) => placed.add(m));
    out.push({ title: `Цель ${g.code ?? i + 1}. ${g.name}`, items: mine });
  });
  const rest = items.filter((it) => !placed.has(it));
  // goals not found in the list are named by the activity's own reference
  const named = new Map<string, T[]>();
  for (const it of rest) {
    const k = it.goal ?? "";
    named.set(k, [...(named.get(k) ?? []), it]);
  }
  for (const [k, its] of named) out.push({ title: k ? `Цель ${k}` : out.length ? "Мероприятия вне целей стратегии" : null, items: its });
  return out;
}

function usedSources(rows: FundingRow[]): string[] {
  return [...new Set(rows.map((f) => f.source))];
}

// ---- appendix 1: activities ------------------------------------------------------------------

export function planActivitiesForm(input: PlanFormInput): FormDocument {
  const p = input.plan;
  const ctx = input.context ?? {};
  const years = yearsOf(p.startYear, p.endYear);
  const width = 6 + years.length;
  const sources = listedSources(ctx, usedSources(p.activities.flatMap((a) => a.funding)), false);
  const body: Cell[][] = [];
  let n = 0;
  for (const group of byGoal(p.activities, input.goals)) {
    if (group.title) body.push([text(group.title, { colSpan: width, bold: true })]);
    for (const a of group.items) {
      n++;
      const fund = fundingIndex(a.funding);
      const mine = sources.filter((s) => a.funding.some((f) => f.source === s.code));
      const span = Math.max(1, mine.length);
      const lead = [text(a.code ?? `${n}`, { rowSpan: span, align: "center" }), text(a.name, { rowSpan: span })];
      const tail = [
        text(a.responsible, { rowSpan: span }),
        // column 7 of source 000: the executing municipal body / structural unit
        text(a.executingBody, { rowSpan: span }),
        text(a.expectedResult, { rowSpan: span }),
      ];
      if (!mine.length) {
        body.push([...lead, text("—", { align: "center" }), ...years.map(() => money(null)), ...tail]);
        continue;
      }
      mine.forEach((s, i) => {
        const cells = [
          text(sourceLabel(s)),
          ...years.map((y) => money(fund.has(`${y}:${s.code}`) ? moneyStr(fund.get(`${y}:${s.code}`)) : null)),
        ];
        body.push(i === 0 ? [...lead, ...cells, ...tail] : cells);
      });
    }
  }
  const last = body.length - 1;
  body.push([
    text("Итого по плану мероприятий", { colSpan: 3, bold: true }),
    ...years.map((_, i) => (last >= 0 ? sum([range(0, 3 + i, last, 3 + i)], { bold: true }) : money("0.00", { bold: true }))),
    text("", { colSpan: 3 }),
  ]);
  const head: HeaderCell[][] = [
    [
      header("№ п/п", { rowSpan: 2 }),
      header("Наименование мероприятия", { rowSpan: 2 }),
      header(`Источники финансирования (${moneyUnit(ctx)})`, { colSpan: 1 + years.length }),
      header("Ответственный исполнитель", { rowSpan: 2 }),
      header("Исполнительный муниципальный орган/структурное подразделение", { rowSpan: 2 }),
      header("Ожидаемый результат", { rowSpan: 2 }),
    ],
    [header("Источник"), ...years.map((y) => header(`${y}`))],
  ];
  return {
    form: "plan-activities",
    title: [APPENDIX(1, p), `План мероприятий на ${p.startYear} - ${p.endYear} годы`, quote(p.name)],
    landscape: true,
    sheetName: "Мероприятия",
    fileName: fileBase("План_мероприятий", p.startYear, p.endYear),
    sections: [finalize({ columns: [7, 45, 25, ...years.map(() => 13), 30, 30, 35], header: head, numbered: true, body })],
  };
}

// ---- appendix 2: indicators -------------------------------------------------------------------

/**
 * «Наименование показателя (индикатора), ед. измерения»: the unit is appended unless the name
 * already ends with it («Численность населения, тыс. чел.», «… (тыс. чел.)»), so it is not doubled.
 */
export function nameWithUnit(name: string, unit: string): string {
  const n = name.trim();
  const u = unit.trim();
  if (!u) return n;
  const low = norm(n);
  const lu = norm(u);
  if (low.endsWith(`, ${lu}`) || low.endsWith(`(${lu})`) || low.endsWith(` ${lu}`)) return n;
  return `${n}, ${u}`;
}

export function planIndicatorsForm(input: PlanFormInput): FormDocument {
  const p = input.plan;
  const years = yearsOf(p.startYear, p.endYear);
  const width = 4 + years.length;
  const body: Cell[][] = [];
  let n = 0;
  for (const group of byGoal(p.indicators, input.goals)) {
    if (group.title) body.push([text(group.title, { colSpan: width, bold: true })]);
    for (const ind of group.items) {
      n++;
      const v = new Map(ind.values.map((x) => [x.year, x.plan ?? null]));
      body.push([
        text(ind.code ?? `${n}`, { align: "center" }),
        text(nameWithUnit(ind.name, ind.unit)),
        num(ind.baseValue),
        ...years.map((y) => num(v.get(y))),
        text(ind.responsible),
      ]);
    }
  }
  const head: HeaderCell[][] = [
    [
      header("№ п/п", { rowSpan: 2 }),
      header("Наименование показателя (индикатора), ед. измерения", { rowSpan: 2 }),
      header("Значение показателя (индикатора) по годам", { colSpan: 1 + years.length }),
      header("Ответственный исполнитель", { rowSpan: 2 }),
    ],
    [header(`${p.startYear - 1} (базовое значение)`), ...years.map((y) => header(`${y}`))],
  ];
  return {
    form: "plan-indicators",
    title: [APPENDIX(2, p), `Перечень показателей плана мероприятий на ${p.startYear} - ${p.endYear} годы`, quote(p.name)],
    landscape: years.length > 3,
    sheetName: "Показатели плана",
    fileName: fileBase("Показатели_плана", p.startYear, p.endYear),
    sections: [finalize({ columns: [7, 50, 14, ...years.map(() => 12), 30], header: head, numbered: true, body })],
  };
}

// ---- appendix 3: priority projects -------------------------------------------------------------

const PROJECT_GROUP_TITLES: Record<(typeof PROJECT_KINDS)[number], string> = {
  priority: "Приоритетные проекты",
  strategic: "Стратегические проекты",
};

export function priorityProjectsForm(input: PlanFormInput): FormDocument {
  const p = input.plan;
  const ctx = input.context ?? {};
  const sources = listedSources(ctx, usedSources(p.priorityProjects.flatMap((x) => x.funding)), false);
  const body: Cell[][] = [];
  // grouped as the source marks them: priority projects, then strategic ones, each numbered from 1
  const groups = PROJECT_KINDS.map((kind) => ({ kind, items: p.priorityProjects.filter((x) => (x.kind ?? "priority") === kind) })).filter(
    (g) => g.items.length,
  );
  const titled = groups.length > 1 || groups.some((g) => g.kind !== "priority");
  for (const g of groups) {
    if (titled) body.push([text(PROJECT_GROUP_TITLES[g.kind], { colSpan: 8, bold: true })]);
    g.items.forEach((pp, i) => {
      const totals = new Map<string, bigint>();
      for (const f of pp.funding) totals.set(f.source, (totals.get(f.source) ?? 0n) + parseMoney(f.amount));
      const mine = sources.filter((s) => totals.has(s.code));
      const span = Math.max(1, mine.length);
      const lead = [
        text(`${i + 1}`, { rowSpan: span, align: "center" }),
        text(pp.name, { rowSpan: span }),
        text(pp.object, { rowSpan: span }),
        text(pp.plannedWorks, { rowSpan: span }),
        text(pp.term, { rowSpan: span, align: "center" }),
      ];
      const tail = [text(pp.responsible, { rowSpan: span })];
      if (!mine.length) {
        body.push([...lead, text("Финансирование не определено", { colSpan: 2 }), ...tail]);
        return;
      }
      mine.forEach((s, k) => {
        const cells = [text(sourceLabel(s)), money(formatMoney(totals.get(s.code)! as Money))];
        body.push(k === 0 ? [...lead, ...cells, ...tail] : cells);
      });
    });
  }
  const last = body.length - 1;
  body.push([
    text("Итого", { colSpan: 6, bold: true }),
    last >= 0 ? sum([range(0, 6, last, 6)], { bold: true }) : money("0.00", { bold: true }),
    text(""),
  ]);
  const head: HeaderCell[][] = [
    [
      header("№ п/п", { rowSpan: 2 }),
      header("Наименование и наименование объекта", { rowSpan: 2 }),
      header("Муниципальный объект", { rowSpan: 2 }),
      header("Планируемые мероприятия", { rowSpan: 2 }),
      header("Срок реализации проекта", { rowSpan: 2 }),
      header(`Источники финансирования (${moneyUnit(ctx)})`, { colSpan: 2 }),
      header("Ответственный исполнитель", { rowSpan: 2 }),
    ],
    [header("Источник"), header("Сумма")],
  ];
  return {
    form: "priority-projects",
    title: [APPENDIX(3, p), `Перечень приоритетных проектов на ${p.startYear} - ${p.endYear} годы`, quote(p.name)],
    landscape: true,
    sheetName: "Приоритетные проекты",
    fileName: fileBase("Приоритетные_проекты", p.startYear, p.endYear),
    sections: [finalize({ columns: [7, 40, 30, 35, 14, 25, 15, 30], header: head, numbered: true, body })],
  };
}
