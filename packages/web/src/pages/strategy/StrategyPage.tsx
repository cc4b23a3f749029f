/**
 * /strategy: the strategy of social and economic development — period, stages, mission, SWOT,
 * the main problems with the priorities that answer them, the tree priorities → goals → tasks →
 * activities, risks, and indicators with targets by year.
 * The economy department (and the administrator) edits it; the rights come from the domain policy.
 */
import { okeiUnitColumn } from "../../components/OkeiUnits.tsx";
import { useState } from "react";
import { SWOT_KINDS, SWOT_LABELS } from "@orientir/domain";
import { api, type Schema } from "../../lib/api.ts";
import { messages, useLang, useT } from "../../lib/i18n.tsx";
import { Link, navigate, useLocation } from "../../lib/router.tsx";
import { useLoad } from "../../lib/useLoad.ts";
import { Grid, type GridColumn } from "../../components/Grid.tsx";
import { yearValueColumn } from "../../components/yearValueColumn.ts";
import { DeleteButton } from "../../components/DeleteButton.tsx";
import { Passport } from "../../components/Passport.tsx";
import { labelOf, RecordForm } from "../../components/RecordForm.tsx";
import { useCan } from "../../components/useCan.ts";
import { AddButton, Collapsible, DocumentChoice, EditableItem, specColumn, years, type Option } from "./forms.tsx";
import { Loading } from "../../components/Loading.tsx";

/** The strategy with its rows nested (GET /api/strategies/:id/tree). */
type StrategyTree = Schema<"StrategyTree">;

const M = messages({
  title: ["Стратегия социально-экономического развития", "Strategy of social and economic development"],
  loading: ["Загрузка…", "Loading…"],
  none: ["Стратегия еще не создана.", "No strategy yet."],
  create: ["Создать стратегию", "Create the strategy"],
  choose: ["Стратегия", "Strategy"],
  period: ["Период реализации", "Period"],
  approval: ["Документ об утверждении", "Approval document"],
  mission: ["Миссия", "Mission"],
  vision: ["Видение", "Vision"],
  editPassport: ["Изменить", "Edit"],
  stages: ["Этапы реализации", "Stages"],
  stage: ["этап", "stage"],
  swot: ["SWOT-анализ", "SWOT analysis"],
  swotItem: ["пункт", "item"],
  tree: ["Приоритеты, цели, задачи и мероприятия", "Priorities, goals, tasks and activities"],
  priority: ["приоритет", "priority"],
  goal: ["цель", "goal"],
  task: ["задача", "task"],
  activity: ["мероприятие", "activity"],
  goalsWithout: ["Цели вне приоритетов", "Goals outside priorities"],
  expected: ["Ожидаемый результат", "Expected result"],
  term: ["срок", "term"],
  problems: ["Проблемы развития", "Problems of development"],
  problem: ["проблема", "problem"],
  problemName: ["Проблема", "Problem"],
  answeredBy: ["Приоритеты, отвечающие на нее", "Priorities answering it"],
  link: ["приоритет", "priority"],
  risks: ["Риски и способы их снижения", "Risks and their mitigation"],
  risk: ["риск", "risk"],
  riskName: ["Риск", "Risk"],
  mitigation: ["Способ снижения", "Mitigation"],
  indicators: ["Показатели стратегии", "Strategy indicators"],
  indicator: ["показатель", "indicator"],
  code: ["№", "No."],
  name: ["Наименование", "Name"],
  unit: ["Ед. изм.", "Unit"],
  trend: ["Тенденция", "Trend"],
  base: ["Базовое значение", "Base value"],
  goalCol: ["Цель", "Goal"],
  targets: ["Целевые значения по годам", "Targets by year"],
  factShort: ["факт {v}", "fact {v}"],
  editValues: ["Значения", "Values"],
  actions: ["Действия", "Actions"],
  history: ["История", "History"],
  empty: ["нет", "none"],
  readOnly: ["Только просмотр: стратегию ведет управление экономики.", "Read only: the economy department maintains the strategy."],
});

export function StrategyPage() {
  const t = useT(M);
  const { query } = useLocation();
  const list = useLoad(() => api.GET("/api/strategies"), []);
  const id = query.get("id") ?? list.data?.items[0]?.id ?? null;
  const tree = useLoad(() => (id ? api.GET("/api/strategies/{id}/tree", { params: { path: { id } } }) : Promise.resolve(null)), [id]);
  const can = useCan("strategy", "strategy");

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
          <AddButton resource="strategy" preset={{}} label={t("create")} onChanged={(r) => navigate(`/strategy?id=${r.id}`)} />
        ) : null}
      </section>
    );
  return (
    <section data-testid="strategy-page">
      <h1>{t("title")}</h1>
      <DocumentChoice label={t("choose")} items={list.data?.items} id={id} path="/strategy" />
      {tree.error ? (
        <p className="banner error" role="alert">
          {tree.error.message}
        </p>
      ) : null}
      {tree.data ? <StrategyView s={tree.data} /> : <Loading />}
    </section>
  );
}

function StrategyView({ s }: { s: StrategyTree }) {
  const t = useT(M);
  const { lang } = useLang();
  const canStrategy = useCan("strategy", "strategy");
  const editable = canStrategy("update");
  const goals = s.goals;
  const goalOptions: Option[] = goals.map((g) => ({ value: g.id, label: `${g.code ? `${g.code}. ` : ""}${g.name}` }));
  const priorityOptions: Option[] = s.priorities.map((p) => ({ value: p.id, label: `${p.code ? `${p.code}. ` : ""}${p.name}` }));
  return (
    <>
      {!editable ? (
        <p className="muted" data-testid="read-only">
          {t("readOnly")}
        </p>
      ) : null}
      <Passport
        resource="strategy"
        row={s}
        fields={["name", "startYear", "endYear", "mission", "vision", "approvalDocument"]}
        items={[
          { label: t("period"), value: `${s.startYear}–${s.endYear}`, testId: "strategy-period" },
          { label: t("approval"), value: s.approvalDocument || "—" },
          { label: t("mission"), value: s.mission || "—", multiline: true },
          { label: t("vision"), value: s.vision || "—", multiline: true },
        ]}
        editable={editable}
        testId="strategy"
      />

      <Stages s={s} />
      <Swot s={s} lang={lang} />
      <Problems s={s} priorityOptions={priorityOptions} />

      <div className="section">
        <h2>{t("tree")}</h2>
        <div className="tree" data-testid="strategy-tree">
          {s.priorities.map((p) => (
            <PriorityNode key={p.id} p={p} goals={goals.filter((g) => g.priorityId === p.id)} s={s} priorityOptions={priorityOptions} />
          ))}
          {goals.some((g) => !g.priorityId) || !s.priorities.length ? (
            <Collapsible title={<strong>{t("goalsWithout")}</strong>}>
              {goals
                .filter((g) => !g.priorityId)
                .map((g) => (
                  <GoalNode key={g.id} g={g} priorityOptions={priorityOptions} />
                ))}
              <AddGoal s={s} priorityId={null} />
            </Collapsible>
          ) : null}
          <AddIf area="priority">
            <AddButton
              resource="priority"
              preset={{ strategyId: s.id }}
              fields={["code", "name", "description", "ord"]}
              label={t("priority")}
            />
          </AddIf>
        </div>
      </div>

      <Risks s={s} />
      <Indicators s={s} goalOptions={goalOptions} />
    </>
  );
}

/** Renders children only if the user may create rows of this resource. */
function AddIf({ area, children }: { area: string; children: React.ReactNode }) {
  const can = useCan("strategy", area);
  return can("create") ? <>{children}</> : null;
}

function Stages({ s }: { s: StrategyTree }) {
  const t = useT(M);
  const can = useCan("strategy", "strategyStage");
  const stages = s.strategyStages;
  return (
    <div className="section">
      <h2>{t("stages")}</h2>
      {stages.length ? (
        <ul className="plain" data-testid="stages">
          {stages.map((st) => (
            <li key={st.id}>
              <EditableItem resource="strategyStage" row={st} canEdit={can("update")} canDelete={can("delete")}>
                <strong>{st.name}</strong> ({st.startYear}–{st.endYear}){st.description ? ` — ${st.description}` : ""}
              </EditableItem>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t("empty")}</p>
      )}
      {can("create") ? <AddButton resource="strategyStage" preset={{ strategyId: s.id }} label={t("stage")} /> : null}
    </div>
  );
}

function Swot({ s, lang }: { s: StrategyTree; lang: "ru" | "en" }) {
  const t = useT(M);
  const can = useCan("strategy", "swotItem");
  const items = s.swotItems;
  return (
    <div className="section">
      <h2>{t("swot")}</h2>
      <div className="swot">
        {SWOT_KINDS.map((k) => (
          <div className="card" key={k} data-testid={`swot-${k}`}>
            <h3>{labelOf(SWOT_LABELS[k], lang)}</h3>
            <ul>
              {items
                .filter((i) => i.kind === k)
                .map((i) => (
                  <li key={i.id}>
                    <EditableItem resource="swotItem" row={i} fields={["text", "ord"]} canEdit={can("update")} canDelete={can("delete")}>
                      {i.text}
                    </EditableItem>
                  </li>
                ))}
            </ul>
            {can("create") ? (
              <AddButton resource="swotItem" preset={{ strategyId: s.id, kind: k }} fields={["text"]} label={t("swotItem")} />
            ) : null}
          </div>
        ))}
      </div>
    </div>
  );
}

function PriorityNode({
  p,
  goals,
  s,
  priorityOptions,
}: {
  p: Schema<"PriorityNode">;
  goals: Schema<"GoalNode">[];
  s: StrategyTree;
  priorityOptions: Option[];
}) {
  const t = useT(M);
  const can = useCan("strategy", "priority");
  return (
    <Collapsible
      testId="priority"
      title={
        <EditableItem resource="priority" row={p} canEdit={can("update")} canDelete={can("delete")}>
          <span className="kind">{t("priority")}</span>
          <strong>
            {p.code ? `${p.code}. ` : ""}
            {p.name}
          </strong>
          {p.description ? <div className="expected">{p.description}</div> : null}
        </EditableItem>
      }
    >
      {goals.map((g) => (
        <GoalNode key={g.id} g={g} priorityOptions={priorityOptions} />
      ))}
      <AddGoal s={s} priorityId={p.id} />
    </Collapsible>
  );
}

function AddGoal({ s, priorityId }: { s: StrategyTree; priorityId: string | null }) {
  const t = useT(M);
  const can = useCan("strategy", "goal");
  if (!can("create")) return null;
  return (
    <AddButton
      resource="goal"
      preset={priorityId ? { strategyId: s.id, priorityId } : { strategyId: s.id }}
      fields={["code", "name", "description", "ord"]}
      label={t("goal")}
    />
  );
}

function GoalNode({ g, priorityOptions }: { g: Schema<"GoalNode">; priorityOptions: Option[] }) {
  const t = useT(M);
  const can = useCan("strategy", "goal");
  const canTask = useCan("strategy", "strategyTask");
  return (
    <Collapsible
      testId="goal"
      title={
        <EditableItem
          resource="goal"
          row={g}
          fields={["priorityId", "code", "name", "description", "ord"]}
          options={{ priorityId: priorityOptions }}
          canEdit={can("update")}
          canDelete={can("delete")}
        >
          <span className="kind">{t("goal")}</span>
          <span data-testid="goal-name">
            {g.code ? `${g.code}. ` : ""}
            {g.name}
          </span>
          {g.description ? <div className="expected">{g.description}</div> : null}
        </EditableItem>
      }
    >
      {g.strategyTasks.map((task) => (
        <TaskNode key={task.id} task={task} />
      ))}
      {canTask("create") ? <AddButton resource="strategyTask" preset={{ goalId: g.id }} label={t("task")} /> : null}
    </Collapsible>
  );
}

function TaskNode({ task }: { task: Schema<"StrategyTaskNode"> }) {
  const t = useT(M);
  const can = useCan("strategy", "strategyTask");
  const canAct = useCan("strategy", "strategyActivity");
  return (
    <Collapsible
      testId="task"
      title={
        <EditableItem resource="strategyTask" row={task} canEdit={can("update")} canDelete={can("delete")}>
          <span className="kind">{t("task")}</span>
          {task.code ? `${task.code}. ` : ""}
          {task.name}
        </EditableItem>
      }
    >
      <ul>
        {task.strategyActivities.map((a) => (
          <li key={a.id} data-testid="activity">
            <EditableItem resource="strategyActivity" row={a} canEdit={canAct("update")} canDelete={canAct("delete")}>
              <span className="kind">{t("activity")}</span>
              {a.code ? `${a.code}. ` : ""}
              {a.name}
              {a.term ? (
                <span className="muted">
                  {" "}
                  ({t("term")}: {a.term})
                </span>
              ) : null}
              {a.expectedResult ? (
                <div className="expected">
                  {t("expected")}: {a.expectedResult}
                </div>
              ) : null}
            </EditableItem>
          </li>
        ))}
      </ul>
      {canAct("create") ? <AddButton resource="strategyActivity" preset={{ taskId: task.id }} label={t("activity")} /> : null}
    </Collapsible>
  );
}

/** The main problems of the town's development, each with the priorities that answer it. */
function Problems({ s, priorityOptions }: { s: StrategyTree; priorityOptions: Option[] }) {
  const t = useT(M);
  const can = useCan("strategy", "strategyProblem");
  const canLink = useCan("strategy", "strategyProblemPriority");
  const problems = s.strategyProblems;
  const priorityName = new Map(priorityOptions.map((o) => [o.value, o.label]));
  if (!problems.length && !can("create")) return null;
  return (
    <div className="section">
      <h2>{t("problems")}</h2>
      <table className="data" data-testid="problems">
        <thead>
          <tr>
            <th>{t("problemName")}</th>
            <th>{t("answeredBy")}</th>
          </tr>
        </thead>
        <tbody>
          {problems.map((pr) => (
            <tr key={pr.id} data-testid="problem">
              <td>
                <EditableItem resource="strategyProblem" row={pr} canEdit={can("update")} canDelete={can("delete")}>
                  {pr.code ? `${pr.code}. ` : ""}
                  {pr.name}
                </EditableItem>
              </td>
              <td>
                <ul className="plain">
                  {pr.strategyProblemPriorities.map((l) => (
                    <li key={l.id} data-testid="problem-priority">
                      <EditableItem resource="strategyProblemPriority" row={l} canEdit={false} canDelete={canLink("delete")}>
                        {priorityName.get(l.priorityId ?? "") ?? "—"}
                      </EditableItem>
                    </li>
                  ))}
                </ul>
                {canLink("create") ? (
                  <AddButton
                    resource="strategyProblemPriority"
                    preset={{ problemId: pr.id }}
                    options={{ priorityId: priorityOptions }}
                    label={t("link")}
                  />
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {can("create") ? <AddButton resource="strategyProblem" preset={{ strategyId: s.id }} label={t("problem")} /> : null}
    </div>
  );
}

function Risks({ s }: { s: StrategyTree }) {
  const t = useT(M);
  const can = useCan("strategy", "risk");
  const risks = s.risks;
  return (
    <div className="section">
      <h2>{t("risks")}</h2>
      <table className="data" data-testid="risks">
        <thead>
          <tr>
            <th>{t("riskName")}</th>
            <th>{t("mitigation")}</th>
          </tr>
        </thead>
        <tbody>
          {risks.map((r) => (
            <tr key={r.id}>
              <td>
                <EditableItem resource="risk" row={r} canEdit={can("update")} canDelete={can("delete")}>
                  {r.name}
                </EditableItem>
              </td>
              <td>{r.mitigation || "—"}</td>
            </tr>
          ))}
          {!risks.length ? (
            <tr>
              <td colSpan={2} className="muted">
                {t("empty")}
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
      {can("create") ? <AddButton resource="risk" preset={{ strategyId: s.id }} label={t("risk")} /> : null}
    </div>
  );
}

type Indicator = Schema<"StrategyIndicatorNode">;

function Indicators({ s, goalOptions }: { s: StrategyTree; goalOptions: Option[] }) {
  const t = useT(M);
  const { lang } = useLang();
  const can = useCan("strategy", "strategyIndicator");
  const canValues = useCan("strategy", "strategyIndicatorValue");
  const [editOf, setEditOf] = useState<string | null>(null);
  const inds = s.strategyIndicators;
  const yrs = s.startYear !== null && s.endYear !== null ? years(s.startYear, s.endYear) : [];
  const col = (f: string, o: { width?: number; options?: Option[] } = {}) =>
    specColumn<Indicator>("strategyIndicator", f, lang, { canEdit: can("update"), ...o });
  const valueOf = (ind: Indicator, y: number) => ind.strategyIndicatorValues.find((v) => v.year === y);
  const columns: GridColumn<Indicator>[] = [
    col("code", { width: 60 }),
    col("name", { width: 300 }),
    okeiUnitColumn(col("unit", { width: 80 }), "okei"),
    col("trend"),
    col("baseYear", { width: 70 }),
    col("baseValue", { width: 90 }),
    col("goalId", { options: goalOptions, width: 200 }),
    ...yrs.map((y) =>
      yearValueColumn<Indicator>({
        key: `y${y}`,
        header: String(y),
        group: t("targets"),
        year: y,
        resource: "strategyIndicatorValue",
        field: "target",
        valueOf: (ind) => valueOf(ind, y),
        parent: (ind) => ({ indicatorId: ind.id }),
        editable: () => canValues("update") && canValues("create"),
      }),
    ),
  ];
  if (can("update") || can("delete"))
    columns.push({
      key: "__actions",
      header: "",
      value: () => null,
      render: (ind) => (
        <span className="nowrap">
          <Link to={`/audit?objectId=${ind.id}`}>{t("history")}</Link>
          {can("update") ? (
            <button type="button" className="link" onClick={() => setEditOf(ind.id)}>
              {t("editPassport")}
            </button>
          ) : null}
          {can("delete") ? <DeleteButton resource="strategyIndicator" row={ind} name={String(ind.name ?? "")} /> : null}
        </span>
      ),
    });
  return (
    <div className="section">
      <h2>{t("indicators")}</h2>
      <div style={{ overflowX: "auto" }}>
        <Grid
          label={t("indicators")}
          testId="indicators"
          rows={inds}
          rowKey={(r) => r.id}
          columns={columns}
          newRow={can("create") ? { resource: "strategyIndicator", data: { strategyId: s.id }, label: t("indicator") } : undefined}
        />
      </div>
      {inds
        .filter((i) => i.id === editOf)
        .map((ind) => (
          <RecordForm
            key={ind.id}
            resource="strategyIndicator"
            row={ind}
            options={{ goalId: goalOptions }}
            title={ind.name}
            onDone={() => setEditOf(null)}
            onCancel={() => setEditOf(null)}
          />
        ))}
    </div>
  );
}
