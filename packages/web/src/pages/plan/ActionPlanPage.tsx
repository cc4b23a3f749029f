/**
 * /plan: the action plan of the strategy — period; activities with funding by year and source
 * (exact totals in money, never floats), responsible department, expected result and the strategy
 * goal/task they serve; plan indicators by year; priority projects with their funding.
 */
import { okeiUnitColumn } from "../../components/OkeiUnits.tsx";
import { formatMoney, parseMoney, sumMoney, ZERO, type Money } from "@orientir/domain";
import { Grid, type GridColumn } from "../../components/Grid.tsx";
import { yearValueColumn } from "../../components/yearValueColumn.ts";
import { api, type Schema } from "../../lib/api.ts";
import { messages, useLang, useT } from "../../lib/i18n.tsx";
import { Link, navigate, useLocation } from "../../lib/router.tsx";
import { useLoad } from "../../lib/useLoad.ts";
import { FormDownload } from "../../components/FormDownload.tsx";
import { useMoneyUnit } from "../../lib/money.ts";
import { AddButton, deleteColumn, DocumentChoice, specColumn, years, type Option, type Row } from "../strategy/forms.tsx";
import { DeleteButton } from "../../components/DeleteButton.tsx";
import { Passport } from "../../components/Passport.tsx";
import { useCan } from "../../components/useCan.ts";
import { Loading } from "../../components/Loading.tsx";

/** The action plan with its rows nested (GET /api/action-plans/:id/tree). */
type PlanTree = Schema<"PlanTree">;

const M = messages({
  title: ["План мероприятий по реализации стратегии", "Action plan of the strategy"],
  loading: ["Загрузка…", "Loading…"],
  none: ["План мероприятий еще не создан.", "No action plan yet."],
  create: ["Создать план мероприятий", "Create the action plan"],
  choose: ["План", "Plan"],
  draft: ["Проект плана: не утвержден", "Draft plan: not approved"],
  period: ["Период", "Period"],
  approval: ["Документ об утверждении", "Approval document"],
  strategy: ["Стратегия", "Strategy"],
  edit: ["Изменить", "Edit"],
  history: ["История", "History"],
  activities: ["Мероприятия", "Activities"],
  activity: ["мероприятие", "activity"],
  code: ["№", "No."],
  name: ["Наименование", "Name"],
  goalTask: ["Цель / задача стратегии", "Strategy goal / task"],
  responsible: ["Ответственный", "Responsible"],
  expected: ["Ожидаемый результат", "Expected result"],
  term: ["Срок", "Term"],
  source: ["Источник", "Source"],
  fundingTitle: ["Финансирование, {unit}", "Funding, {unit}"],
  total: ["Всего", "Total"],
  activityTotal: ["итого", "total"],
  grandTotal: ["Итого по плану", "Plan total"],
  noFunding: ["без финансирования", "no funding"],
  funding: ["Финансирование", "Funding"],
  fundingOf: ["{name} — {source}", "{name} — {source}"],
  chooseSource: ["Источник финансирования", "Funding source"],
  open: ["Открыть", "Open"],
  indicators: ["Показатели плана", "Plan indicators"],
  indicator: ["показатель", "indicator"],
  unit: ["Ед. изм.", "Unit"],
  trend: ["Тенденция", "Trend"],
  base: ["Базовое", "Base"],
  strategyIndicator: ["Показатель стратегии", "Strategy indicator"],
  planFact: ["план / факт", "plan / fact"],
  values: ["Значения", "Values"],
  projects: ["Приоритетные проекты", "Priority projects"],
  project: ["проект", "project"],
  object: ["Объект", "Object"],
  works: ["Планируемые работы", "Planned works"],
  empty: ["нет", "none"],
  activityFunding: ["Финансирование мероприятий по годам и источникам, {unit}", "Funding of the activities by year and source, {unit}"],
  projectFunding: ["Финансирование приоритетных проектов, {unit}", "Funding of the priority projects, {unit}"],
  activityCol: ["Мероприятие", "Activity"],
  projectCol: ["Проект", "Project"],
  planCol: ["План", "Plan"],
  factCol: ["Факт", "Fact"],
  program: ["Программа", "Program"],
  readOnly: [
    "Только просмотр: план мероприятий ведет управление экономики.",
    "Read only: the economy department maintains the action plan.",
  ],
});

interface Refs {
  departments: Option[];
  sources: Option[];
  programs: Option[];
  goals: Option[];
  tasks: Option[];
  strategyIndicators: Option[];
  strategies: Option[];
}

export function ActionPlanPage() {
  const t = useT(M);
  const { query } = useLocation();
  const can = useCan("plan", "actionPlan");
  const list = useLoad(() => api.GET("/api/action-plans"), []);
  // the plan in force first: a draft of the next plan is opened by choosing it
  const items = list.data?.items ?? [];
  const id = query.get("id") ?? (items.find((p) => !p.draft) ?? items[0])?.id ?? null;
  const tree = useLoad(() => (id ? api.GET("/api/action-plans/{id}/tree", { params: { path: { id } } }) : Promise.resolve(null)), [id]);
  const strategyId = tree.data?.strategyId ?? null;
  const refs = useLoad(async (): Promise<Refs> => {
    const [deps, srcs, progs, strategies] = await Promise.all([
      api.GET("/api/departments"),
      api.GET("/api/budget-sources"),
      api.GET("/api/programs"),
      api.GET("/api/strategies"),
    ]);
    const sId = strategyId ?? strategies.items[0]?.id;
    const s = sId ? await api.GET("/api/strategies/{id}/tree", { params: { path: { id: sId } } }) : null;
    const goals = s?.goals ?? [];
    const lbl = (r: { code: string | null; name: string | null }) => `${r.code ? `${r.code}. ` : ""}${r.name}`;
    return {
      departments: deps.items.map((d) => ({ value: d.id, label: d.name ?? "" })),
      sources: [...srcs.items].sort((a, b) => (a.ord ?? 0) - (b.ord ?? 0)).map((b) => ({ value: b.code ?? "", label: b.name ?? "" })),
      programs: progs.items.map((p) => ({ value: p.id, label: `${p.code} ${p.name}` })),
      goals: goals.map((g) => ({ value: g.id, label: lbl(g) })),
      tasks: goals.flatMap((g) => g.strategyTasks.map((task) => ({ value: task.id, label: lbl(task) }))),
      strategyIndicators: (s?.strategyIndicators ?? []).map((i) => ({ value: i.id, label: lbl(i) })),
      strategies: strategies.items.map((x) => ({ value: x.id, label: x.name ?? "" })),
    };
  }, [strategyId]);

  if (list.loading && !list.data) return <Loading />;
  if (list.error)
    return (
      <p className="banner error" role="alert">
        {list.error.message}
      </p>
    );
  if (!id)
    return (
      <section>
        <h1>{t("title")}</h1>
        <p className="muted">{t("none")}</p>
        {can("create") ? (
          <AddButton
            resource="actionPlan"
            preset={{}}
            options={{ strategyId: refs.data?.strategies ?? [] }}
            label={t("create")}
            onChanged={(r) => navigate(`/plan?id=${r.id}`)}
          />
        ) : null}
      </section>
    );
  return (
    <section data-testid="plan-page">
      <h1>{t("title")}</h1>
      <DocumentChoice label={t("choose")} items={list.data?.items} id={id} path="/plan" />
      {items.find((p) => p.id === id)?.draft ? (
        <p className="banner" data-testid="plan-draft">
          {t("draft")}
        </p>
      ) : null}
      {tree.error ? (
        <p className="banner error" role="alert">
          {tree.error.message}
        </p>
      ) : null}
      {refs.error ? (
        <p className="banner error" role="alert">
          {refs.error.message}
        </p>
      ) : null}
      {tree.data && refs.data ? <PlanView p={tree.data} refs={refs.data} /> : <Loading />}
    </section>
  );
}

function PlanView({ p, refs }: { p: PlanTree; refs: Refs }) {
  const t = useT(M);
  const can = useCan("plan", "actionPlan");
  const yrs = p.startYear !== null && p.endYear !== null ? years(p.startYear, p.endYear) : [];
  return (
    <>
      {!can("update") ? (
        <p className="muted" data-testid="read-only">
          {t("readOnly")}
        </p>
      ) : null}
      <Passport
        resource="actionPlan"
        row={p}
        fields={["name", "startYear", "endYear", "approvalDocument"]}
        items={[
          { label: t("period"), value: `${p.startYear}–${p.endYear}`, testId: "plan-period" },
          { label: t("approval"), value: p.approvalDocument || "—" },
          { label: t("strategy"), value: <Link to={`/strategy?id=${p.strategyId}`}>{t("open")}</Link> },
        ]}
        editable={can("update")}
        testId="plan"
      />
      <Activities p={p} refs={refs} yrs={yrs} />
      <PlanIndicators p={p} refs={refs} yrs={yrs} />
      <Projects p={p} refs={refs} yrs={yrs} />
    </>
  );
}

const money = (s: string | null | undefined): Money => (s ? parseMoney(String(s)) : ZERO);

/** A funding amount of an activity or a project (a year and a source). */
type FundingRow = Schema<"PlanActivityFundingNode"> | Schema<"PriorityProjectFundingNode">;

interface FundingLine<O extends Row> {
  key: string;
  kind: "line" | "subtotal";
  owner: O;
  source: string;
  first: boolean;
}

/**
 * Funding of activities or projects: a line per owner × source, amounts by year (thousands of the
 * municipality's currency), a subtotal per owner and totals per source and overall — all exact (bigint money, never floats).
 * Editors see a line for every source of the municipality so they can enter new amounts; emptying a
 * cell deletes its record.
 */
function FundingGrid<O extends Row>({
  owners,
  fundingOf,
  resourceName,
  parentField,
  ownerHeader,
  ownerLabel,
  yrs,
  sources,
  canEdit,
  testId,
}: {
  owners: O[];
  fundingOf: (owner: O) => FundingRow[];
  resourceName: string;
  parentField: string;
  ownerHeader: string;
  ownerLabel: (owner: O) => string;
  yrs: number[];
  sources: Option[];
  canEdit: boolean;
  testId: string;
}) {
  const t = useT(M);
  const unit = useMoneyUnit();
  const sourceLabel = (code: string) => sources.find((s) => s.value === code)?.label ?? code;
  const lines: FundingLine<O>[] = [];
  for (const o of owners) {
    const used = new Set(fundingOf(o).map((f) => String(f.source)));
    const codes = [
      ...sources.map((s) => s.value).filter((c) => canEdit || used.has(c)),
      ...[...used].filter((u) => !sources.some((s) => s.value === u)),
    ];
    codes.forEach((c, i) => lines.push({ key: `${o.id}:${c}`, kind: "line", owner: o, source: c, first: i === 0 }));
    lines.push({ key: `${o.id}:total`, kind: "subtotal", owner: o, source: "", first: codes.length === 0 });
  }
  const rowsOf = (l: FundingLine<O>, y?: number) =>
    fundingOf(l.owner).filter((f) => (l.kind === "subtotal" || f.source === l.source) && (y === undefined || f.year === y));
  const sum = (rows: FundingRow[]) => formatMoney(sumMoney(rows.map((f) => money(f.amount))));
  const columns: GridColumn<FundingLine<O>>[] = [
    {
      key: "owner",
      header: ownerHeader,
      width: 280,
      value: (l) => (l.first ? ownerLabel(l.owner) : ""),
      render: (l) => (l.first ? <strong>{ownerLabel(l.owner)}</strong> : ""),
    },
    { key: "source", header: t("source"), value: (l) => (l.kind === "subtotal" ? t("activityTotal") : sourceLabel(l.source)) },
    ...yrs.map((y): GridColumn<FundingLine<O>> => ({
      key: `y${y}`,
      header: String(y),
      group: t("fundingTitle", { unit }),
      kind: "money",
      total: true,
      value: (l) => {
        const rows = rowsOf(l, y);
        if (l.kind === "subtotal") return sum(rows);
        return rows.length ? sum(rows) : null;
      },
      editable: (l) => canEdit && l.kind === "line",
      target: (l) => {
        if (l.kind !== "line") return null;
        const f = rowsOf(l, y)[0];
        return f
          ? { resource: resourceName, id: f.id, version: f.version, field: "amount", record: f, deleteWhenEmpty: true }
          : { resource: resourceName, create: { [parentField]: l.owner.id, year: y, source: l.source }, field: "amount" };
      },
    })),
    { key: "total", header: t("total"), kind: "money", total: true, value: (l) => sum(rowsOf(l)) },
  ];
  const usedSources = sources.filter((s) => owners.some((o) => fundingOf(o).some((f) => f.source === s.value)));
  return (
    <div style={{ overflowX: "auto" }}>
      <Grid
        label={t("fundingTitle", { unit })}
        testId={testId}
        rows={lines}
        rowKey={(l) => l.key}
        columns={columns}
        rowClass={(l) => (l.kind === "subtotal" ? "subtotal" : undefined)}
        totals={[
          ...usedSources.map((s) => ({
            label: `${t("grandTotal")}: ${s.label}`,
            filter: (l: FundingLine<O>) => l.kind === "line" && l.source === s.value,
          })),
          { label: t("grandTotal"), filter: (l: FundingLine<O>) => l.kind === "line" },
        ]}
      />
    </div>
  );
}

type Activity = Schema<"PlanActivityNode">;

function Activities({ p, refs, yrs }: { p: PlanTree; refs: Refs; yrs: number[] }) {
  const t = useT(M);
  const unit = useMoneyUnit();
  const { lang } = useLang();
  const can = useCan("plan", "planActivity");
  const canFunding = useCan("plan", "planActivityFunding");
  const acts = p.planActivities;
  const col = (f: string, o: { width?: number; options?: Option[] } = {}) =>
    specColumn<Activity>("planActivity", f, lang, { canEdit: can("update"), ...o });
  const columns: GridColumn<Activity>[] = [
    col("code", { width: 60 }),
    col("name", { width: 300 }),
    col("goalId", { options: refs.goals, width: 200 }),
    col("taskId", { options: refs.tasks, width: 200 }),
    col("responsibleDepartmentId", { options: refs.departments, width: 200 }),
    col("executingBody", { width: 220 }),
    col("expectedResult", { width: 240 }),
    col("term", { width: 100 }),
    col("programId", { options: refs.programs, width: 160 }),
    {
      key: "__links",
      header: "",
      value: () => null,
      render: (a) => (
        <span className="nowrap">
          {a.goalId ? <Link to={`/strategy?id=${p.strategyId}`}>{t("strategy")}</Link> : null}{" "}
          {a.programId ? <Link to={`/programs/${a.programId}`}>{t("program")}</Link> : null}{" "}
          <Link to={`/audit?objectId=${a.id}`}>{t("history")}</Link>
          {can("delete") ? <DeleteButton resource="planActivity" row={a} name={String(a.name ?? "")} /> : null}
        </span>
      ),
    },
  ];
  return (
    <div className="section">
      <h2>{t("activities")}</h2>
      <FormDownload path={`/api/action-plans/${p.id}/forms/plan-activities`} form="plan-activities" />
      <div style={{ overflowX: "auto" }}>
        <Grid
          label={t("activities")}
          testId="plan-activities"
          rows={acts}
          rowKey={(r) => r.id}
          columns={columns}
          newRow={can("create") ? { resource: "planActivity", data: { planId: p.id }, label: t("activity") } : undefined}
        />
      </div>
      <h3>{t("activityFunding", { unit })}</h3>
      <FundingGrid
        testId="plan-funding"
        owners={acts}
        fundingOf={(a) => a.planActivityFunding}
        resourceName="planActivityFunding"
        parentField="activityId"
        ownerHeader={t("activityCol")}
        ownerLabel={(a) => `${a.code ? `${a.code}. ` : ""}${a.name}`}
        yrs={yrs}
        sources={refs.sources}
        canEdit={canFunding("update") && canFunding("create")}
      />
    </div>
  );
}

type Indicator = Schema<"PlanIndicatorNode">;

function PlanIndicators({ p, refs, yrs }: { p: PlanTree; refs: Refs; yrs: number[] }) {
  const t = useT(M);
  const { lang } = useLang();
  const can = useCan("plan", "planIndicator");
  const canValues = useCan("plan", "planIndicatorValue");
  const inds = p.planIndicators;
  const col = (f: string, o: { width?: number; options?: Option[] } = {}) =>
    specColumn<Indicator>("planIndicator", f, lang, { canEdit: can("update"), ...o });
  const valueOf = (ind: Indicator, y: number) => ind.planIndicatorValues.find((v) => v.year === y);
  const yearCols = (field: "plan" | "fact", group: string) =>
    yrs.map((y) =>
      yearValueColumn<Indicator>({
        key: `${field}${y}`,
        header: String(y),
        group,
        year: y,
        resource: "planIndicatorValue",
        field,
        valueOf: (ind) => valueOf(ind, y),
        parent: (ind) => ({ indicatorId: ind.id }),
        editable: () => canValues("update") && canValues("create"),
      }),
    );
  const columns: GridColumn<Indicator>[] = [
    col("code", { width: 60 }),
    col("name", { width: 280 }),
    okeiUnitColumn(col("unit", { width: 70 })),
    col("trend"),
    col("baseValue", { width: 80 }),
    col("goalId", { options: refs.goals, width: 180 }),
    col("strategyIndicatorId", { options: refs.strategyIndicators, width: 180 }),
    col("responsibleDepartmentId", { options: refs.departments, width: 200 }),
    ...yearCols("plan", t("planCol")),
    ...yearCols("fact", t("factCol")),
  ];
  if (can("delete")) columns.push(deleteColumn<Indicator>("planIndicator"));
  return (
    <div className="section">
      <h2>{t("indicators")}</h2>
      <FormDownload path={`/api/action-plans/${p.id}/forms/plan-indicators`} form="plan-indicators" />
      <div style={{ overflowX: "auto" }}>
        <Grid
          label={t("indicators")}
          testId="plan-indicators"
          rows={inds}
          rowKey={(r) => r.id}
          columns={columns}
          newRow={can("create") ? { resource: "planIndicator", data: { planId: p.id }, label: t("indicator") } : undefined}
        />
      </div>
    </div>
  );
}

type Project = Schema<"PriorityProjectNode">;

function Projects({ p, refs, yrs }: { p: PlanTree; refs: Refs; yrs: number[] }) {
  const t = useT(M);
  const unit = useMoneyUnit();
  const { lang } = useLang();
  const can = useCan("plan", "priorityProject");
  const canFunding = useCan("plan", "priorityProjectFunding");
  const projects = p.priorityProjects;
  const col = (f: string, o: { width?: number; options?: Option[] } = {}) =>
    specColumn<Project>("priorityProject", f, lang, { canEdit: can("update"), ...o });
  const columns: GridColumn<Project>[] = [
    col("name", { width: 260 }),
    col("object", { width: 200 }),
    col("plannedWorks", { width: 260 }),
    col("term", { width: 100 }),
    col("responsibleDepartmentId", { options: refs.departments, width: 200 }),
    col("kind", { width: 160 }),
  ];
  if (can("delete")) columns.push(deleteColumn<Project>("priorityProject"));
  return (
    <div className="section">
      <h2>{t("projects")}</h2>
      <FormDownload path={`/api/action-plans/${p.id}/forms/priority-projects`} form="priority-projects" />
      <div style={{ overflowX: "auto" }}>
        <Grid
          label={t("projects")}
          testId="priority-projects"
          rows={projects}
          rowKey={(r) => r.id}
          columns={columns}
          newRow={can("create") ? { resource: "priorityProject", data: { planId: p.id }, label: t("project") } : undefined}
        />
      </div>
      <h3>{t("projectFunding", { unit })}</h3>
      <FundingGrid
        testId="project-funding"
        owners={projects}
        fundingOf={(x) => x.priorityProjectFunding}
        resourceName="priorityProjectFunding"
        parentField="projectId"
        ownerHeader={t("projectCol")}
        ownerLabel={(x) => x.name ?? ""}
        yrs={yrs}
        sources={refs.sources}
        canEdit={canFunding("update") && canFunding("create")}
      />
    </div>
  );
}
