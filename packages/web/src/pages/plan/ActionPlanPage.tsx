/**
 * /plan: the action plan of the strategy — period; activities with funding by year and source
 * (exact totals in money, never floats), responsible department, expected result and the strategy
 * goal/task they serve; plan indicators by year; priority projects with their funding.
 */
import { useState } from "react";
import { formatMoneyRu, parseMoney, sumMoney, TREND_LABELS, ZERO, type Money } from "@orientir/domain";
import { api } from "../../lib/api.ts";
import { messages, useLang, useT } from "../../lib/i18n.tsx";
import { Link, navigate, useLocation } from "../../lib/router.tsx";
import { useLoad } from "../../lib/useLoad.ts";
import { AddButton, DeleteButton, labelOf, RecordForm, useCan, YearValuesForm, years, type Option, type Row } from "../strategy/forms.tsx";

const M = messages({
  title: ["План мероприятий по реализации стратегии", "Action plan of the strategy"],
  loading: ["Загрузка…", "Loading…"],
  none: ["План мероприятий еще не создан.", "No action plan yet."],
  create: ["Создать план мероприятий", "Create the action plan"],
  choose: ["План", "Plan"],
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
  fundingTitle: ["Финансирование, тыс. руб.", "Funding, thousands"],
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
  program: ["Программа", "Program"],
  readOnly: ["Только просмотр: план мероприятий ведет управление экономики.", "Read only: the economy department maintains the action plan."],
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
  const list = useLoad(() => api.get<{ items: Row[] }>("/api/action-plans"), []);
  const id = query.get("id") ?? list.data?.items[0]?.id ?? null;
  const tree = useLoad(() => (id ? api.get<Row>(`/api/action-plans/${id}/tree`) : Promise.resolve(null)), [id]);
  const strategyId: string | null = tree.data?.strategyId ?? null;
  const refs = useLoad(async (): Promise<Refs> => {
    const [deps, srcs, progs, strategies] = await Promise.all([
      api.get<{ items: Row[] }>("/api/departments"),
      api.get<{ items: Row[] }>("/api/budget-sources"),
      api.get<{ items: Row[] }>("/api/programs"),
      api.get<{ items: Row[] }>("/api/strategies"),
    ]);
    const sId = strategyId ?? strategies.items[0]?.id;
    const s = sId ? await api.get<Row>(`/api/strategies/${sId}/tree`) : null;
    const goals: Row[] = s?.goals ?? [];
    const lbl = (r: Row) => `${r.code ? `${r.code}. ` : ""}${r.name}`;
    return {
      departments: deps.items.map((d) => ({ value: d.id, label: d.name })),
      sources: [...srcs.items].sort((a, b) => (a.ord ?? 0) - (b.ord ?? 0)).map((b) => ({ value: b.code, label: b.name })),
      programs: progs.items.map((p) => ({ value: p.id, label: `${p.code} ${p.name}` })),
      goals: goals.map((g) => ({ value: g.id, label: lbl(g) })),
      tasks: goals.flatMap((g) => (g.strategyTasks ?? []).map((task: Row) => ({ value: task.id, label: lbl(task) }))),
      strategyIndicators: (s?.strategyIndicators ?? []).map((i: Row) => ({ value: i.id, label: lbl(i) })),
      strategies: strategies.items.map((x) => ({ value: x.id, label: x.name })),
    };
  }, [strategyId]);

  if (list.loading && !list.data) return <p className="muted">{t("loading")}</p>;
  if (list.error) return <p className="banner error" role="alert">{list.error.message}</p>;
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
      {list.data && list.data.items.length > 1 ? (
        <label className="inline">
          {t("choose")}{" "}
          <select value={id} onChange={(e) => navigate(`/plan?id=${e.target.value}`)}>
            {list.data.items.map((s) => (
              <option key={s.id} value={s.id}>{s.name}</option>
            ))}
          </select>
        </label>
      ) : null}
      {tree.error ? <p className="banner error" role="alert">{tree.error.message}</p> : null}
      {refs.error ? <p className="banner error" role="alert">{refs.error.message}</p> : null}
      {tree.data && refs.data ? <PlanView p={tree.data} refs={refs.data} reload={tree.reload} /> : <p className="muted">{t("loading")}</p>}
    </section>
  );
}

function PlanView({ p, refs, reload }: { p: Row; refs: Refs; reload(): void }) {
  const t = useT(M);
  const can = useCan("plan", "actionPlan");
  const [editing, setEditing] = useState(false);
  const yrs = years(Number(p.startYear), Number(p.endYear));
  return (
    <>
      {!can("update") ? <p className="muted" data-testid="read-only">{t("readOnly")}</p> : null}
      {editing ? (
        <RecordForm
          resource="actionPlan"
          row={p}
          fields={["name", "startYear", "endYear", "approvalDocument"]}
          onDone={() => (setEditing(false), reload())}
          onCancel={() => setEditing(false)}
        />
      ) : (
        <div className="card">
          <h2 style={{ marginTop: 0 }} data-testid="plan-name">{p.name}</h2>
          <dl className="passport">
            <dt>{t("period")}</dt>
            <dd data-testid="plan-period">{p.startYear}–{p.endYear}</dd>
            <dt>{t("approval")}</dt>
            <dd>{p.approvalDocument || "—"}</dd>
            <dt>{t("strategy")}</dt>
            <dd>
              <Link to={`/strategy?id=${p.strategyId}`}>{t("open")}</Link>
            </dd>
          </dl>
          <div className="toolbar">
            {can("update") ? (
              <button type="button" className="secondary" onClick={() => setEditing(true)}>{t("edit")}</button>
            ) : null}
            <Link to={`/audit?objectId=${p.id}`}>{t("history")}</Link>
          </div>
        </div>
      )}
      <Activities p={p} refs={refs} yrs={yrs} reload={reload} />
      <PlanIndicators p={p} refs={refs} yrs={yrs} reload={reload} />
      <Projects p={p} refs={refs} yrs={yrs} reload={reload} />
    </>
  );
}

const money = (s: string | null | undefined): Money => (s ? parseMoney(String(s)) : ZERO);
const fmt = (m: Money) => formatMoneyRu(m);

/** Funding rows of one activity or project grouped by source: amounts per year and totals, exact. */
function groupFunding(rows: Row[], yrs: number[], sources: Option[]) {
  const used = [...new Set(rows.map((r) => String(r.source)))];
  const order = [...sources.map((s) => s.value).filter((s) => used.includes(s)), ...used.filter((u) => !sources.some((s) => s.value === u))];
  const bySource = order.map((src) => {
    const mine = rows.filter((r) => r.source === src);
    const perYear = yrs.map((y) => sumMoney(mine.filter((r) => Number(r.year) === y).map((r) => money(r.amount))));
    return { source: src, label: sources.find((s) => s.value === src)?.label ?? src, perYear, total: sumMoney(mine.map((r) => money(r.amount))) };
  });
  const perYear = yrs.map((y) => sumMoney(rows.filter((r) => Number(r.year) === y).map((r) => money(r.amount))));
  return { bySource, perYear, total: sumMoney(rows.map((r) => money(r.amount))) };
}

/** The funding rows of one owner: a row per source and a total row; cells are numbers in тыс. руб. */
function FundingRows({
  lead,
  leadCols,
  rows,
  yrs,
  sources,
  testId,
}: {
  lead: (rowSpan: number) => React.ReactNode;
  leadCols: number;
  rows: Row[];
  yrs: number[];
  sources: Option[];
  testId: string;
}) {
  const t = useT(M);
  const g = groupFunding(rows, yrs, sources);
  void leadCols;
  if (!g.bySource.length)
    return (
      <tr data-testid={testId}>
        {lead(1)}
        <td className="muted">{t("noFunding")}</td>
        {yrs.map((y) => (
          <td key={y} />
        ))}
        <td className="num">{fmt(ZERO)}</td>
      </tr>
    );
  const span = g.bySource.length + 1;
  return (
    <>
      {g.bySource.map((s, i) => (
        <tr key={s.source} data-testid={i === 0 ? testId : undefined} data-source={s.source}>
          {i === 0 ? lead(span) : null}
          <td>{s.label}</td>
          {s.perYear.map((m, j) => (
            <td key={yrs[j]} className="num">{m === ZERO ? "" : fmt(m)}</td>
          ))}
          <td className="num">{fmt(s.total)}</td>
        </tr>
      ))}
      <tr className="subtotal">
        <td><em>{t("activityTotal")}</em></td>
        {g.perYear.map((m, j) => (
          <td key={yrs[j]} className="num"><em>{fmt(m)}</em></td>
        ))}
        <td className="num" data-testid="funding-total"><strong>{fmt(g.total)}</strong></td>
      </tr>
    </>
  );
}

/** Chooses a source, then edits that source's amounts by year in one batch. */
function FundingEditor({
  resourceName,
  parentField,
  owner,
  rows,
  yrs,
  sources,
  onDone,
  onCancel,
}: {
  resourceName: string;
  parentField: string;
  owner: Row;
  rows: Row[];
  yrs: number[];
  sources: Option[];
  onDone(): void;
  onCancel(): void;
}) {
  const t = useT(M);
  const [source, setSource] = useState(sources[0]?.value ?? "");
  const label = sources.find((s) => s.value === source)?.label ?? source;
  return (
    <div className="card" style={{ margin: "8px 0" }}>
      <label className="inline">
        {t("chooseSource")}{" "}
        <select name="source" value={source} onChange={(e) => setSource(e.target.value)}>
          {sources.map((s) => (
            <option key={s.value} value={s.value}>{s.label}</option>
          ))}
        </select>
      </label>
      <YearValuesForm
        key={source}
        resource={resourceName}
        parentField={parentField}
        parentId={owner.id}
        rows={rows.filter((r) => r.source === source)}
        yearList={yrs}
        valueFields={["amount"]}
        preset={{ source }}
        title={t("fundingOf", { name: owner.name, source: label })}
        onDone={onDone}
        onCancel={onCancel}
      />
    </div>
  );
}

function Activities({ p, refs, yrs, reload }: { p: Row; refs: Refs; yrs: number[]; reload(): void }) {
  const t = useT(M);
  const can = useCan("plan", "planActivity");
  const canFunding = useCan("plan", "planActivityFunding");
  const [editOf, setEditOf] = useState<string | null>(null);
  const [fundingOf, setFundingOf] = useState<string | null>(null);
  const acts: Row[] = p.planActivities ?? [];
  const all = acts.flatMap((a) => a.planActivityFunding ?? []);
  const grand = groupFunding(all, yrs, refs.sources);
  const options = { goalId: refs.goals, taskId: refs.tasks, responsibleDepartmentId: refs.departments, programId: refs.programs };
  const editable = can("update") || can("delete") || canFunding("update");
  const name = (opts: Option[], v: unknown) => opts.find((o) => o.value === v)?.label;
  return (
    <div className="section">
      <h2>{t("activities")}</h2>
      <div style={{ overflowX: "auto" }}>
        <table className="data" data-testid="plan-activities">
          <thead>
            <tr>
              <th rowSpan={2}>{t("code")}</th>
              <th rowSpan={2}>{t("name")}</th>
              <th rowSpan={2}>{t("goalTask")}</th>
              <th rowSpan={2}>{t("responsible")}</th>
              <th rowSpan={2}>{t("expected")}</th>
              <th rowSpan={2}>{t("term")}</th>
              <th rowSpan={2}>{t("source")}</th>
              <th colSpan={yrs.length + 1}>{t("fundingTitle")}</th>
            </tr>
            <tr>
              {yrs.map((y) => (
                <th key={y}>{y}</th>
              ))}
              <th>{t("total")}</th>
            </tr>
          </thead>
          <tbody>
            {acts.map((a) => (
              <FundingRows
                key={a.id}
                testId="plan-activity"
                rows={a.planActivityFunding ?? []}
                yrs={yrs}
                sources={refs.sources}
                leadCols={6}
                lead={(span) => (
                  <>
                    <td rowSpan={span}>{a.code ?? ""}</td>
                    <td rowSpan={span}>
                      <span data-testid="activity-name">{a.name}</span>
                      {a.programId ? (
                        <div className="muted">
                          {t("program")}: <Link to={`/programs/${a.programId}`}>{name(refs.programs, a.programId) ?? "…"}</Link>
                        </div>
                      ) : null}
                      {editable ? (
                        <div className="item-actions" style={{ marginLeft: 0 }}>
                          {can("update") ? (
                            <button type="button" className="link" onClick={() => setEditOf(a.id)}>{t("edit")}</button>
                          ) : null}
                          {canFunding("update") ? (
                            <button type="button" className="link" onClick={() => setFundingOf(a.id)}>{t("funding")}</button>
                          ) : null}
                          {can("delete") ? <DeleteButton resource="planActivity" row={a} onDone={reload} /> : null}
                        </div>
                      ) : null}
                    </td>
                    <td rowSpan={span}>
                      {a.goalId ? <Link to={`/strategy?id=${p.strategyId}`}>{name(refs.goals, a.goalId) ?? "…"}</Link> : "—"}
                      {a.taskId ? <div className="muted">{name(refs.tasks, a.taskId)}</div> : null}
                    </td>
                    <td rowSpan={span}>{name(refs.departments, a.responsibleDepartmentId) ?? "—"}</td>
                    <td rowSpan={span}>{a.expectedResult || "—"}</td>
                    <td rowSpan={span}>{a.term || "—"}</td>
                  </>
                )}
              />
            ))}
            {acts.length ? (
              <>
                {grand.bySource.map((s, i) => (
                  <tr key={s.source} className="total">
                    {i === 0 ? (
                      <td colSpan={6} rowSpan={grand.bySource.length + 1}>
                        <strong>{t("grandTotal")}</strong>
                      </td>
                    ) : null}
                    <td>{s.label}</td>
                    {s.perYear.map((m, j) => (
                      <td key={yrs[j]} className="num">{fmt(m)}</td>
                    ))}
                    <td className="num">{fmt(s.total)}</td>
                  </tr>
                ))}
                <tr className="total">
                  {!grand.bySource.length ? (
                    <td colSpan={6}>
                      <strong>{t("grandTotal")}</strong>
                    </td>
                  ) : null}
                  <td><strong>{t("total")}</strong></td>
                  {grand.perYear.map((m, j) => (
                    <td key={yrs[j]} className="num"><strong>{fmt(m)}</strong></td>
                  ))}
                  <td className="num" data-testid="plan-grand-total"><strong>{fmt(grand.total)}</strong></td>
                </tr>
              </>
            ) : (
              <tr>
                <td colSpan={8 + yrs.length} className="muted">{t("empty")}</td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      {acts
        .filter((a) => a.id === editOf)
        .map((a) => (
          <RecordForm key={a.id} resource="planActivity" row={a} options={options} title={a.name} onDone={() => (setEditOf(null), reload())} onCancel={() => setEditOf(null)} />
        ))}
      {acts
        .filter((a) => a.id === fundingOf)
        .map((a) => (
          <FundingEditor
            key={a.id}
            resourceName="planActivityFunding"
            parentField="activityId"
            owner={a}
            rows={a.planActivityFunding ?? []}
            yrs={yrs}
            sources={refs.sources}
            onDone={() => (setFundingOf(null), reload())}
            onCancel={() => setFundingOf(null)}
          />
        ))}
      {can("create") ? <AddButton resource="planActivity" preset={{ planId: p.id }} options={options} label={t("activity")} onChanged={reload} /> : null}
    </div>
  );
}

function PlanIndicators({ p, refs, yrs, reload }: { p: Row; refs: Refs; yrs: number[]; reload(): void }) {
  const t = useT(M);
  const { lang } = useLang();
  const can = useCan("plan", "planIndicator");
  const canValues = useCan("plan", "planIndicatorValue");
  const [editOf, setEditOf] = useState<string | null>(null);
  const [valuesOf, setValuesOf] = useState<string | null>(null);
  const inds: Row[] = p.planIndicators ?? [];
  const options = { goalId: refs.goals, strategyIndicatorId: refs.strategyIndicators };
  const editable = can("update") || can("delete") || canValues("update");
  return (
    <div className="section">
      <h2>{t("indicators")}</h2>
      <div style={{ overflowX: "auto" }}>
        <table className="data" data-testid="plan-indicators">
          <thead>
            <tr>
              <th rowSpan={2}>{t("code")}</th>
              <th rowSpan={2}>{t("name")}</th>
              <th rowSpan={2}>{t("unit")}</th>
              <th rowSpan={2}>{t("trend")}</th>
              <th rowSpan={2}>{t("base")}</th>
              <th rowSpan={2}>{t("strategyIndicator")}</th>
              <th colSpan={yrs.length}>{t("planFact")}</th>
              {editable ? <th rowSpan={2} /> : null}
            </tr>
            <tr>
              {yrs.map((y) => (
                <th key={y}>{y}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {inds.map((ind) => {
              const vals = new Map<number, Row>((ind.planIndicatorValues ?? []).map((v: Row) => [Number(v.year), v]));
              const tl = TREND_LABELS[ind.trend as "increase"];
              return (
                <tr key={ind.id} data-testid="plan-indicator">
                  <td>{ind.code ?? ""}</td>
                  <td>{ind.name}</td>
                  <td>{ind.unit}</td>
                  <td>{tl ? labelOf(tl, lang) : ind.trend}</td>
                  <td className="num">{ind.baseValue ?? "—"}</td>
                  <td>{refs.strategyIndicators.find((o) => o.value === ind.strategyIndicatorId)?.label ?? "—"}</td>
                  {yrs.map((y) => {
                    const v = vals.get(y);
                    return (
                      <td key={y} className="num" data-year={y}>
                        {v ? `${v.plan ?? "—"} / ${v.fact ?? "—"}` : ""}
                      </td>
                    );
                  })}
                  {editable ? (
                    <td className="nowrap">
                      {canValues("update") ? (
                        <button type="button" className="link" onClick={() => setValuesOf(ind.id)}>{t("values")}</button>
                      ) : null}
                      {can("update") ? (
                        <button type="button" className="link" onClick={() => setEditOf(ind.id)}>{t("edit")}</button>
                      ) : null}
                      {can("delete") ? <DeleteButton resource="planIndicator" row={ind} onDone={reload} /> : null}
                    </td>
                  ) : null}
                </tr>
              );
            })}
            {!inds.length ? (
              <tr>
                <td colSpan={6 + yrs.length} className="muted">{t("empty")}</td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
      {inds
        .filter((i) => i.id === editOf)
        .map((ind) => (
          <RecordForm key={ind.id} resource="planIndicator" row={ind} options={options} title={ind.name} onDone={() => (setEditOf(null), reload())} onCancel={() => setEditOf(null)} />
        ))}
      {inds
        .filter((i) => i.id === valuesOf)
        .map((ind) => (
          <YearValuesForm
            key={ind.id}
            resource="planIndicatorValue"
            parentField="indicatorId"
            parentId={ind.id}
            rows={ind.planIndicatorValues ?? []}
            yearList={yrs}
            valueFields={["plan", "fact"]}
            title={ind.name}
            onDone={() => (setValuesOf(null), reload())}
            onCancel={() => setValuesOf(null)}
          />
        ))}
      {can("create") ? <AddButton resource="planIndicator" preset={{ planId: p.id }} options={options} label={t("indicator")} onChanged={reload} /> : null}
    </div>
  );
}

function Projects({ p, refs, yrs, reload }: { p: Row; refs: Refs; yrs: number[]; reload(): void }) {
  const t = useT(M);
  const can = useCan("plan", "priorityProject");
  const canFunding = useCan("plan", "priorityProjectFunding");
  const [editOf, setEditOf] = useState<string | null>(null);
  const [fundingOf, setFundingOf] = useState<string | null>(null);
  const projects: Row[] = p.priorityProjects ?? [];
  const options = { responsibleDepartmentId: refs.departments };
  const editable = can("update") || can("delete") || canFunding("update");
  return (
    <div className="section">
      <h2>{t("projects")}</h2>
      <div style={{ overflowX: "auto" }}>
        <table className="data" data-testid="priority-projects">
          <thead>
            <tr>
              <th rowSpan={2}>{t("name")}</th>
              <th rowSpan={2}>{t("object")}</th>
              <th rowSpan={2}>{t("works")}</th>
              <th rowSpan={2}>{t("term")}</th>
              <th rowSpan={2}>{t("responsible")}</th>
              <th rowSpan={2}>{t("source")}</th>
              <th colSpan={yrs.length + 1}>{t("fundingTitle")}</th>
            </tr>
            <tr>
              {yrs.map((y) => (
                <th key={y}>{y}</th>
              ))}
              <th>{t("total")}</th>
            </tr>
          </thead>
          <tbody>
            {projects.map((pr) => (
              <FundingRows
                key={pr.id}
                testId="priority-project"
                rows={pr.priorityProjectFunding ?? []}
                yrs={yrs}
                sources={refs.sources}
                leadCols={5}
                lead={(span) => (
                  <>
                    <td rowSpan={span}>
                      {pr.name}
                      {editable ? (
                        <div className="item-actions" style={{ marginLeft: 0 }}>
                          {can("update") ? (
                            <button type="button" className="link" onClick={() => setEditOf(pr.id)}>{t("edit")}</button>
                          ) : null}
                          {canFunding("update") ? (
                            <button type="button" className="link" onClick={() => setFundingOf(pr.id)}>{t("funding")}</button>
                          ) : null}
                          {can("delete") ? <DeleteButton resource="priorityProject" row={pr} onDone={reload} /> : null}
                        </div>
                      ) : null}
                    </td>
                    <td rowSpan={span}>{pr.object || "—"}</td>
                    <td rowSpan={span}>{pr.plannedWorks || "—"}</td>
                    <td rowSpan={span}>{pr.term || "—"}</td>
                    <td rowSpan={span}>{refs.departments.find((d) => d.value === pr.responsibleDepartmentId)?.label ?? "—"}</td>
                  </>
                )}
              />
            ))}
            {!projects.length ? (
              <tr>
                <td colSpan={7 + yrs.length} className="muted">{t("empty")}</td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
      {projects
        .filter((x) => x.id === editOf)
        .map((pr) => (
          <RecordForm key={pr.id} resource="priorityProject" row={pr} options={options} title={pr.name} onDone={() => (setEditOf(null), reload())} onCancel={() => setEditOf(null)} />
        ))}
      {projects
        .filter((x) => x.id === fundingOf)
        .map((pr) => (
          <FundingEditor
            key={pr.id}
            resourceName="priorityProjectFunding"
            parentField="projectId"
            owner={pr}
            rows={pr.priorityProjectFunding ?? []}
            yrs={yrs}
            sources={refs.sources}
            onDone={() => (setFundingOf(null), reload())}
            onCancel={() => setFundingOf(null)}
          />
        ))}
      {can("create") ? <AddButton resource="priorityProject" preset={{ planId: p.id }} options={options} label={t("project")} onChanged={reload} /> : null}
    </div>
  );
}
