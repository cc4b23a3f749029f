/**
 * Validation of whole documents (a program, a strategy, an action plan as one tree, references by
 * code or name): every row through the field rules of its resource spec, the period rules, the
 * references, duplicates, and for programs the cross-program and checkpoint rules. Each issue
 * carries the JSON path of what it is about, e.g. `directions[0].elements[1].funding[2].amount`.
 */
import { SWOT_KINDS } from "../model/enums.ts";
import type { ResourceSpec } from "../model/fields.ts";
import { resource } from "../model/resources.ts";
import type { ActionPlanDocument, FundingRow, ProgramDocument, StrategyDocument } from "../model/documents.ts";
import { checkpointWarnings, type CheckpointInput } from "./checkpoints.ts";
import { checkField, validateFields } from "./fields.ts";
import { isBlankText } from "./text.ts";
import { error, item, join, sameName, under, warning, type Issue } from "./issue.ts";
import { cashOrderIssues, scheduleEntryIssues, type CashRow } from "../monitoring/budget.ts";
import { crossProgramDuplicateIssues, periodOf, rowPeriodIssues, type OtherProgram, type Period } from "./rules.ts";

export interface ProgramContext {
  /** Names of the municipality's departments. */
  departments: string[];
  /** Codes of the municipality's budget sources. */
  budgetSources: string[];
  /** The other programs of the municipality (the program itself, by code, is ignored). */
  others: OtherProgram[];
  /** Codes or names of the strategy's indicators; without it references to them are not checked. */
  strategyIndicators?: string[];
}

export interface ActionPlanContext {
  departments: string[];
  budgetSources: string[];
  /** The strategy the plan carries out; without it goal, task and indicator references are not checked. */
  strategy?: StrategyDocument | null;
  /** Codes of the municipality's programs; without it program references are not checked. */
  programs?: string[];
}

interface Label {
  ru: string;
  en: string;
}

type Named = { code?: string | null; name?: string | null };

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

/** A resource spec as documents use it: references by code or name replace the id fields. */
const docSpecs = new Map<string, ResourceSpec>();
function docSpec(name: string): ResourceSpec {
  let s = docSpecs.get(name);
  if (!s) {
    const full = resource(name);
    s = { ...full, fields: full.fields.filter((f) => f.type.kind !== "ref") };
    docSpecs.set(name, s);
  }
  return s;
}

/** Index of the item a reference names: by code first, then by name; -1 when none. */
export function findByCodeOrName(ref: string, items: readonly Named[]): number {
  const t = ref.trim();
  const byCode = items.findIndex((x) => typeof x?.code === "string" && x.code.trim() === t);
  if (byCode >= 0) return byCode;
  const n = sameName(t);
  return items.findIndex((x) => typeof x?.name === "string" && sameName(x.name) === n);
}

function isBlankRef(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === "string" && isBlankText(v));
}

/** Collects issues while walking one document. */
class Walk {
  readonly issues: Issue[] = [];

  add(base: string, issues: Issue[]): void {
    this.issues.push(...under(base, issues));
  }

  /** The field and period rules of one row; returns its normalized values. */
  row(resourceName: string, obj: unknown, path: string, period: Period | null): Record<string, unknown> {
    const spec = docSpec(resourceName);
    if (!isObject(obj)) {
      this.issues.push(error(path, `${spec.label.ru}: ожидается объект`, `${spec.label.en}: an object is expected`));
      return {};
    }
    const input: Record<string, unknown> = {};
    for (const f of spec.fields) if (f.name in obj) input[f.name] = obj[f.name];
    const { value, issues } = validateFields(spec, input, "create");
    this.add(path, issues);
    this.add(path, rowPeriodIssues(resourceName, value, period));
    return value;
  }

  /** The items of a list; a missing list is empty, anything else but a list is an error. */
  list<T>(v: T[] | null | undefined, path: string): T[] {
    if (v === null || v === undefined) return [];
    if (!Array.isArray(v)) {
      this.issues.push(error(path, "Ожидается список", "A list is expected"));
      return [];
    }
    return v;
  }

  /** A reference by code or name to one of `items`; `what` names what is looked for. */
  ref(v: unknown, items: readonly Named[], path: string, label: Label, what: Label, required = false): number {
    if (isBlankRef(v)) {
      if (required) this.issues.push(error(path, `Поле «${label.ru}» обязательно`, `Field "${label.en}" is required`));
      return -1;
    }
    if (typeof v !== "string") {
      this.issues.push(
        error(path, `Поле «${label.ru}»: ожидается код или наименование`, `Field "${label.en}": a code or name is expected`),
      );
      return -1;
    }
    const i = findByCodeOrName(v, items);
    if (i < 0) {
      this.issues.push(
        error(
          path,
          `Поле «${label.ru}»: не найдено (${what.ru}) «${v.trim()}» — по коду или наименованию`,
          `Field "${label.en}": no ${what.en} "${v.trim()}" by code or name`,
        ),
      );
    }
    return i;
  }

  /**
   * A reference to a name in a plain list (departments, strategy indicators: compared as names;
   * with `exact`, budget source codes: compared exactly).
   */
  inList(v: unknown, names: readonly string[], path: string, label: Label, what: Label, required = false, exact = false): boolean {
    return (
      this.ref(
        v,
        names.map((name) => (exact ? { code: name } : { code: name, name })),
        path,
        label,
        what,
        required,
      ) >= 0
    );
  }

  /** Errors on the second and later items with an equal key (null keys are skipped). */
  unique(
    keys: (string | null)[],
    pathOf: (i: number) => string,
    ru: (k: string) => string,
    en: (k: string) => string,
    rule?: string,
  ): void {
    const seen = new Set<string>();
    keys.forEach((k, i) => {
      if (k === null) return;
      if (seen.has(k)) this.issues.push(error(pathOf(i), ru(k), en(k), rule));
      seen.add(k);
    });
  }

  uniqueCodes(items: readonly Named[], base: string, label: Label): void {
    this.unique(
      items.map((x) => (isObject(x) && typeof x.code === "string" && x.code.trim() ? x.code.trim() : null)),
      (i) => `${item(base, i)}.code`,
      (k) => `${label.ru}: код «${k}» повторяется`,
      (k) => `${label.en}: code "${k}" is repeated`,
    );
  }

  uniqueYears(rows: Record<string, unknown>[], base: string, rule?: string): void {
    this.unique(
      rows.map((r) => (typeof r.year === "number" ? String(r.year) : null)),
      (i) => `${item(base, i)}.year`,
      (k) => `Значение за ${k} год указано дважды`,
      (k) => `The value for ${k} is given twice`,
      rule,
    );
  }

  /** Funding rows: fields, period, known budget source, one row per (year, source). */
  funding(
    resourceName: string,
    rows: FundingRow[] | null | undefined,
    base: string,
    period: Period | null,
    sources: readonly string[],
    rule?: string,
  ): void {
    const values = this.list(rows, base).map((r, i) => {
      const path = item(base, i);
      const v = this.row(resourceName, r, path, period);
      if (typeof v.source === "string") {
        this.inList(
          v.source,
          sources,
          join(path, "source"),
          { ru: "Источник", en: "Source" },
          { ru: "источник финансирования", en: "funding source" },
          false,
          true,
        );
      }
      return v;
    });
    this.unique(
      values.map((v) => (typeof v.year === "number" && typeof v.source === "string" ? `${v.year}|${v.source}` : null)),
      (i) => `${item(base, i)}.source`,
      (k) => `Финансирование за ${k.split("|")[0]} год из источника «${k.split("|")[1]}» указано дважды`,
      (k) => `Funding for ${k.split("|")[0]} from source "${k.split("|")[1]}" is given twice`,
      rule,
    );
  }

  /**
   * The budget of a direction or an element: the year's schedule entries (fields, a known source,
   * effective within their year, one a day per source) and cumulative cash (fields, a known
   * source, one row per quarter and source, never decreasing from a quarter to the next).
   */
  budget(
    h: { budgetSchedule?: unknown; budgetExecution?: unknown },
    base: string,
    period: Period | null,
    sources: readonly string[],
  ): void {
    const source = (v: Record<string, unknown>, path: string) => {
      if (typeof v.source === "string")
        this.inList(
          v.source,
          sources,
          join(path, "source"),
          { ru: "Источник", en: "Source" },
          { ru: "источник финансирования", en: "funding source" },
          false,
          true,
        );
    };
    const sBase = join(base, "budgetSchedule");
    const entries = this.list(h.budgetSchedule as unknown[] | undefined, sBase).map((r, i) => {
      const path = item(sBase, i);
      const v = this.row("budgetSchedule", r, path, period);
      source(v, path);
      if (typeof v.year === "number" && typeof v.effectiveDate === "string")
        this.add(path, asIssues(scheduleEntryIssues({ year: v.year, effectiveDate: v.effectiveDate })));
      return v;
    });
    this.unique(
      entries.map((v) =>
        typeof v.year === "number" && typeof v.source === "string" && typeof v.effectiveDate === "string"
          ? `${v.source}|${v.effectiveDate}`
          : null,
      ),
      (i) => `${item(sBase, i)}.effectiveDate`,
      (k) => `Изменение росписи по источнику «${k.split("|")[0]}» с ${k.split("|")[1]} указано дважды`,
      (k) => `The schedule of "${k.split("|")[0]}" from ${k.split("|")[1]} is given twice`,
    );
    const cBase = join(base, "budgetExecution");
    const cash = this.list(h.budgetExecution as unknown[] | undefined, cBase).map((r, i) => {
      const path = item(cBase, i);
      const v = this.row("budgetExecution", r, path, period);
      source(v, path);
      return v;
    });
    this.unique(
      cash.map((v) =>
        typeof v.year === "number" && typeof v.quarter === "number" && typeof v.source === "string"
          ? `${v.year}|${v.quarter}|${v.source}`
          : null,
      ),
      (i) => `${item(cBase, i)}.quarter`,
      (k) => `Кассовое исполнение за ${k.split("|")[1]} квартал ${k.split("|")[0]} года по источнику «${k.split("|")[2]}» указано дважды`,
      (k) => `Cash of Q${k.split("|")[1]} ${k.split("|")[0]} from "${k.split("|")[2]}" is given twice`,
    );
    const isCashRow = (v: Record<string, unknown>): v is Record<string, unknown> & CashRow =>
      typeof v.year === "number" && typeof v.quarter === "number" && typeof v.source === "string" && typeof v.cash === "string";
    const rows = cash.filter(isCashRow);
    cash.forEach((v, i) => {
      if (!isCashRow(v)) return;
      // reported once, on the later quarter
      const earlier = rows.filter((o) => o.quarter < v.quarter);
      this.add(item(cBase, i), asIssues(cashOrderIssues(v, earlier)));
    });
  }
}

const asIssues = (xs: { path: string; message: string; messageEn?: string }[]): Issue[] =>
  xs.map((x) => error(x.path, x.message, x.messageEn ?? x.message));

const DEPARTMENT: Label = { ru: "структурное подразделение", en: "department" };

// ---- program --------------------------------------------------------------------------------------

/** All rules of a municipal program document (decree 220-п). Errors and warnings, with JSON paths. */
export function validateProgramDocument(doc: ProgramDocument, ctx: ProgramContext): Issue[] {
  const w = new Walk();
  if (!isObject(doc)) return [error("", "Ожидается документ муниципальной программы", "A program document is expected")];
  const program = w.row("program", doc, "", null);
  const period = periodOf(program);

  w.inList(
    doc.responsibleExecutor,
    ctx.departments,
    "responsibleExecutor",
    { ru: "Ответственный исполнитель", en: "Responsible executor" },
    DEPARTMENT,
    true,
  );
  const coExecutors = w.list(doc.coExecutors, "coExecutors");
  coExecutors.forEach((c, i) =>
    w.inList(c, ctx.departments, item("coExecutors", i), { ru: "Соисполнитель", en: "Co-executor" }, DEPARTMENT, true),
  );
  w.unique(
    coExecutors.map((c) => (typeof c === "string" ? sameName(c) : null)),
    (i) => item("coExecutors", i),
    () => "Соисполнитель указан дважды",
    () => "The co-executor is listed twice",
  );

  const goals = w.list(doc.goals, "goals");
  goals.forEach((g, i) => w.row("programGoal", g, item("goals", i), period));
  w.uniqueCodes(goals, "goals", { ru: "Цели", en: "Goals" });
  w.list(doc.stages, "stages").forEach((s, i) => w.row("programStage", s, item("stages", i), period));

  const indicators = w.list(doc.indicators, "indicators");
  w.uniqueCodes(indicators, "indicators", { ru: "Индикаторы", en: "Indicators" });
  indicators.forEach((ind, i) => {
    const path = item("indicators", i);
    w.row("programIndicator", ind, path, period);
    if (!isObject(ind)) return;
    w.ref(ind.goal, goals, join(path, "goal"), { ru: "Цель программы", en: "Program goal" }, { ru: "цель программы", en: "program goal" });
    if (ctx.strategyIndicators && !isBlankRef(ind.strategyIndicator)) {
      w.inList(
        ind.strategyIndicator,
        ctx.strategyIndicators,
        join(path, "strategyIndicator"),
        { ru: "Показатель стратегии", en: "Strategy indicator" },
        { ru: "показатель стратегии", en: "strategy indicator" },
      );
    }
    const values = w
      .list(ind.values, join(path, "values"))
      .map((v, j) => w.row("programIndicatorValue", v, item(join(path, "values"), j), period));
    w.uniqueYears(values, join(path, "values"), "220-п 2.1.2");
  });

  const checkpoints: CheckpointInput[] = [];
  const directions = w.list(doc.directions, "directions");
  w.uniqueCodes(directions, "directions", { ru: "Направления", en: "Directions" });
  const executors = [doc.responsibleExecutor, ...coExecutors].filter((x): x is string => typeof x === "string").map(sameName);
  directions.forEach((dir, d) => {
    const dPath = item("directions", d);
    w.row("direction", dir, dPath, period);
    if (!isObject(dir)) return;
    w.budget(dir, dPath, period, ctx.budgetSources);
    const coLabel = { ru: "Соисполнитель", en: "Co-executor" };
    if (
      w.inList(dir.coExecutor, ctx.departments, join(dPath, "coExecutor"), coLabel, DEPARTMENT, true) &&
      !executors.includes(sameName(dir.coExecutor))
    ) {
      w.issues.push(
        warning(
          join(dPath, "coExecutor"),
          `Соисполнитель направления «${dir.coExecutor.trim()}» не указан среди соисполнителей программы и не является ответственным исполнителем`,
          `The direction's co-executor "${dir.coExecutor.trim()}" is neither a co-executor of the program nor its responsible executor`,
          "220-п 1.3.2",
        ),
      );
    }
    const elements = w.list(dir.elements, join(dPath, "elements"));
    w.uniqueCodes(elements, join(dPath, "elements"), { ru: "Структурные элементы", en: "Structural elements" });
    elements.forEach((el, e) => {
      const ePath = item(join(dPath, "elements"), e);
      // the participants are a list in the document and one per line in the row (220-п 1.3.3)
      const participants = isObject(el) ? el.participants : undefined;
      const asRow =
        isObject(el) && Array.isArray(participants) && participants.every((x) => typeof x === "string")
          ? { ...el, participants: participants.join("\n") }
          : el;
      const element = w.row("structuralElement", asRow, ePath, period);
      if (!isObject(el)) return;
      if (!isBlankRef(el.responsible)) {
        w.inList(el.responsible, ctx.departments, join(ePath, "responsible"), { ru: "Ответственный", en: "Responsible" }, DEPARTMENT);
      }

      const tasks = w.list(el.tasks, join(ePath, "tasks"));
      const activities: { code?: string | null; name?: string | null; path: string }[] = [];
      tasks.forEach((t, ti) => {
        const tPath = item(join(ePath, "tasks"), ti);
        w.row("elementTask", t, tPath, period);
        if (!isObject(t)) return;
        w.list(t.activities, join(tPath, "activities")).forEach((a, ai) => {
          const aPath = item(join(tPath, "activities"), ai);
          w.row("elementActivity", a, aPath, period);
          if (isObject(a)) activities.push({ code: a.code, name: a.name, path: aPath });
        });
      });

      w.list(el.metrics, join(ePath, "metrics")).forEach((m, mi) => {
        const mPath = item(join(ePath, "metrics"), mi);
        w.row("metric", m, mPath, period);
        if (!isObject(m)) return;
        w.ref(
          m.task,
          tasks,
          join(mPath, "task"),
          { ru: "Задача", en: "Task" },
          { ru: "задача структурного элемента", en: "task of the element" },
        );
        const values = w
          .list(m.values, join(mPath, "values"))
          .map((v, j) => w.row("metricValue", v, item(join(mPath, "values"), j), period));
        w.uniqueYears(values, join(mPath, "values"), "220-п прил. 5");
        const months = w
          .list(m.months, join(mPath, "months"))
          .map((v, j) => w.row("metricMonth", v, item(join(mPath, "months"), j), period));
        w.unique(
          months.map((v) => (typeof v.year === "number" && typeof v.month === "number" ? `${v.year}|${v.month}` : null)),
          (j) => `${item(join(mPath, "months"), j)}.month`,
          (k) => `Месяц ${k.split("|")[1]} ${k.split("|")[0]} года указан дважды`,
          (k) => `Month ${k.split("|")[1]} of ${k.split("|")[0]} is given twice`,
          "220-п прил. 6",
        );
      });

      w.list(el.checkpoints, join(ePath, "checkpoints")).forEach((c, ci) => {
        const cPath = item(join(ePath, "checkpoints"), ci);
        const v = w.row("checkpoint", c, cPath, period);
        if (!isObject(c)) return;
        const a = w.ref(
          c.activity,
          activities,
          join(cPath, "activity"),
          { ru: "Мероприятие", en: "Activity" },
          { ru: "мероприятие структурного элемента", en: "activity of the element" },
        );
        if (typeof v.plannedDate !== "string" || typeof v.name !== "string") return;
        if (a >= 0) checkpoints.push({ name: v.name, plannedDate: v.plannedDate, activityKey: activities[a]!.path, elementKey: ePath });
        else if (isBlankRef(c.activity) && element.kind === "process")
          checkpoints.push({ name: v.name, plannedDate: v.plannedDate, activityKey: null, elementKey: ePath });
      });

      w.funding("funding", el.funding, join(ePath, "funding"), period, ctx.budgetSources, "220-п прил. 4");
      w.budget(el, ePath, period, ctx.budgetSources);
    });
  });

  if (typeof program.code === "string") {
    w.issues.push(
      ...crossProgramDuplicateIssues(
        {
          code: program.code,
          goals: goals.map((g) => (isObject(g) && typeof g.name === "string" ? g.name : "")),
          indicators: indicators.map((x) => (isObject(x) && typeof x.name === "string" ? x.name : "")),
        },
        ctx.others,
      ),
    );
  }
  w.issues.push(...checkpointWarnings(checkpoints));
  return w.issues;
}

// ---- strategy ---------------------------------------------------------------------------------------

/** Every goal of a strategy: those under priorities, then those under none. */
function strategyGoals(doc: StrategyDocument): { goal: StrategyDocument["goals"][number]; path: string }[] {
  const out: { goal: StrategyDocument["goals"][number]; path: string }[] = [];
  (Array.isArray(doc.priorities) ? doc.priorities : []).forEach((p, pi) => {
    if (isObject(p) && Array.isArray(p.goals)) p.goals.forEach((g, gi) => out.push({ goal: g, path: `priorities[${pi}].goals[${gi}]` }));
  });
  (Array.isArray(doc.goals) ? doc.goals : []).forEach((g, gi) => out.push({ goal: g, path: `goals[${gi}]` }));
  return out;
}

/** Rules of a strategy document: fields, period, stages and target years within it, references. */
export function validateStrategyDocument(doc: StrategyDocument): Issue[] {
  const w = new Walk();
  if (!isObject(doc)) return [error("", "Ожидается документ стратегии", "A strategy document is expected")];
  const period = periodOf(w.row("strategy", doc, "", null));
  w.list(doc.stages, "stages").forEach((s, i) => w.row("strategyStage", s, item("stages", i), period));

  if (doc.swot !== undefined && doc.swot !== null) {
    if (!isObject(doc.swot)) w.issues.push(error("swot", "SWOT: ожидается объект с разделами", "SWOT: an object of sections is expected"));
    else {
      const spec = docSpec("swotItem");
      const text = spec.fields.find((f) => f.name === "text")!;
      for (const kind of Object.keys(doc.swot)) {
        if (!(SWOT_KINDS as readonly string[]).includes(kind)) {
          w.issues.push(
            error(
              join("swot", kind),
              `Неизвестный раздел SWOT «${kind}»; допустимы: ${SWOT_KINDS.join(", ")}`,
              `Unknown SWOT section "${kind}"`,
            ),
          );
          continue;
        }
        const items = w.list((doc.swot as Record<string, string[]>)[kind], join("swot", kind));
        items.forEach((t, i) =>
          w.add(
            item(join("swot", kind), i),
            checkField(spec, text, t).issues.map((x) => ({ ...x, path: "" })),
          ),
        );
      }
    }
  }

  const priorities = w.list(doc.priorities, "priorities");
  w.uniqueCodes(priorities, "priorities", { ru: "Приоритеты", en: "Priorities" });
  priorities.forEach((p, i) => w.row("priority", p, item("priorities", i), period));
  w.list(doc.goals, "goals");
  const goals = strategyGoals(doc);
  w.unique(
    goals.map(({ goal }) => (isObject(goal) && typeof goal.code === "string" && goal.code.trim() ? goal.code.trim() : null)),
    (i) => `${goals[i]!.path}.code`,
    (k) => `Цели: код «${k}» повторяется`,
    (k) => `Goals: code "${k}" is repeated`,
  );
  for (const { goal, path } of goals) {
    w.row("goal", goal, path, period);
    if (!isObject(goal)) continue;
    w.list(goal.tasks, join(path, "tasks")).forEach((t, ti) => {
      const tPath = item(join(path, "tasks"), ti);
      w.row("strategyTask", t, tPath, period);
      if (!isObject(t)) return;
      w.list(t.activities, join(tPath, "activities")).forEach((a, ai) =>
        w.row("strategyActivity", a, item(join(tPath, "activities"), ai), period),
      );
    });
  }
  w.list(doc.risks, "risks").forEach((r, i) => w.row("risk", r, item("risks", i), period));
  if (doc.problems !== undefined && doc.problems !== null) {
    w.list(doc.problems, "problems").forEach((pr, i) => {
      const path = item("problems", i);
      w.row("strategyProblem", pr, path, period);
      if (!isObject(pr)) return;
      w.list(pr.priorities, join(path, "priorities")).forEach((ref, j) =>
        w.ref(
          ref,
          priorities,
          item(join(path, "priorities"), j),
          { ru: "Приоритет", en: "Priority" },
          { ru: "приоритет стратегии", en: "strategy priority" },
        ),
      );
    });
  }

  const indicators = w.list(doc.indicators, "indicators");
  w.unique(
    indicators.map((x) => (isObject(x) && typeof x.name === "string" && x.name.trim() ? sameName(x.name) : null)),
    (i) => `${item("indicators", i)}.name`,
    () => "Показатель стратегии с таким наименованием уже есть",
    () => "A strategy indicator with this name already exists",
  );
  const goalItems = goals.map(({ goal }) => goal);
  indicators.forEach((ind, i) => {
    const path = item("indicators", i);
    w.row("strategyIndicator", ind, path, period);
    if (!isObject(ind)) return;
    w.ref(ind.goal, goalItems, join(path, "goal"), { ru: "Цель", en: "Goal" }, { ru: "цель стратегии", en: "strategy goal" });
    const values = w
      .list(ind.values, join(path, "values"))
      .map((v, j) => w.row("strategyIndicatorValue", v, item(join(path, "values"), j), period));
    w.uniqueYears(values, join(path, "values"));
  });
  return w.issues;
}

// ---- action plan -----------------------------------------------------------------------------------

/** Rules of an action plan document: fields, period, references, funding, target years. */
export function validateActionPlanDocument(doc: ActionPlanDocument, ctx: ActionPlanContext): Issue[] {
  const w = new Walk();
  if (!isObject(doc)) return [error("", "Ожидается документ плана мероприятий", "An action plan document is expected")];
  const period = periodOf(w.row("actionPlan", doc, "", null));
  const strategy = isObject(ctx.strategy) ? ctx.strategy : null;
  const goals = strategy
    ? strategyGoals(strategy)
        .map(({ goal }) => goal)
        .filter(isObject)
    : [];
  const allTasks = goals.flatMap((g) => (Array.isArray(g.tasks) ? g.tasks : []));
  const GOAL = { ru: "Цель стратегии", en: "Strategy goal" };
  const GOAL_WHAT = { ru: "цель стратегии", en: "strategy goal" };
  const RESPONSIBLE = { ru: "Ответственный", en: "Responsible" };

  const activities = w.list(doc.activities, "activities");
  w.uniqueCodes(activities, "activities", { ru: "Мероприятия", en: "Activities" });
  activities.forEach((a, i) => {
    const path = item("activities", i);
    w.row("planActivity", a, path, period);
    if (!isObject(a)) return;
    if (strategy) {
      const g = w.ref(a.goal, goals, join(path, "goal"), GOAL, GOAL_WHAT);
      const tasks = g >= 0 && Array.isArray(goals[g]!.tasks) ? goals[g]!.tasks : allTasks;
      w.ref(
        a.task,
        tasks,
        join(path, "task"),
        { ru: "Задача стратегии", en: "Strategy task" },
        g >= 0 ? { ru: "задача этой цели", en: "task of this goal" } : { ru: "задача стратегии", en: "strategy task" },
      );
    }
    if (!isBlankRef(a.responsible)) w.inList(a.responsible, ctx.departments, join(path, "responsible"), RESPONSIBLE, DEPARTMENT);
    if (ctx.programs && !isBlankRef(a.program)) {
      w.inList(
        a.program,
        ctx.programs,
        join(path, "program"),
        { ru: "Муниципальная программа", en: "Municipal program" },
        { ru: "муниципальная программа", en: "municipal program" },
      );
    }
    w.funding("planActivityFunding", a.funding, join(path, "funding"), period, ctx.budgetSources);
  });

  const indicators = w.list(doc.indicators, "indicators");
  w.uniqueCodes(indicators, "indicators", { ru: "Показатели", en: "Indicators" });
  const strategyIndicators = strategy && Array.isArray(strategy.indicators) ? strategy.indicators : [];
  indicators.forEach((ind, i) => {
    const path = item("indicators", i);
    w.row("planIndicator", ind, path, period);
    if (!isObject(ind)) return;
    if (strategy) {
      w.ref(ind.goal, goals, join(path, "goal"), GOAL, GOAL_WHAT);
      w.ref(
        ind.strategyIndicator,
        strategyIndicators,
        join(path, "strategyIndicator"),
        { ru: "Показатель стратегии", en: "Strategy indicator" },
        { ru: "показатель стратегии", en: "strategy indicator" },
      );
    }
    const values = w
      .list(ind.values, join(path, "values"))
      .map((v, j) => w.row("planIndicatorValue", v, item(join(path, "values"), j), period));
    w.uniqueYears(values, join(path, "values"));
  });

  w.list(doc.priorityProjects, "priorityProjects").forEach((p, i) => {
    const path = item("priorityProjects", i);
    w.row("priorityProject", p, path, period);
    if (!isObject(p)) return;
    if (!isBlankRef(p.responsible)) w.inList(p.responsible, ctx.departments, join(path, "responsible"), RESPONSIBLE, DEPARTMENT);
    w.funding("priorityProjectFunding", p.funding, join(path, "funding"), period, ctx.budgetSources);
  });
  return w.issues;
}
