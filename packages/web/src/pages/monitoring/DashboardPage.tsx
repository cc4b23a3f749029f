/**
 * /dashboard — «Контроль», the companion of the home page: my tasks and deadlines (overdue ones
 * flagged), overdue reports by department, metrics off plan by more than a threshold, overdue
 * checkpoints, and plan versus fact charts: a metric by month and a program by quarter.
 */
import { formatPercent } from "../../lib/format.ts";
import { useState, type ReactNode } from "react";
import { Chart } from "../../components/Chart.tsx";
import { api, type Schema } from "../../lib/api.ts";
import { messages, useLang, useT } from "../../lib/i18n.tsx";
import { Link } from "../../lib/router.tsx";
import { useLoad } from "../../lib/useLoad.ts";
import { DEADLINE_STATES, formatDate, monitoringUrl, MONTHS_SHORT, num, periodName, pick, programStateName, actionName } from "./common.ts";
import "./monitoring.css";
import { useMoneyUnit } from "../../lib/money.ts";
import { Loading as Skeleton } from "../../components/Loading.tsx";

const M = messages({
  title: ["Контроль", "Control"],
  today: ["Сегодня {d}", "Today {d}"],
  myTasks: ["Мои задачи и сроки", "My tasks and deadlines"],
  noTasks: ["Сроков, по которым нужно действовать, нет", "No deadlines to act on"],
  what: ["Что", "What"],
  due: ["Срок", "Due"],
  state: ["Состояние", "State"],
  left: ["осталось раб. дн.: {n}", "working days left: {n}"],
  waiting: ["Отчеты, ждущие моего шага", "Reports waiting for my step"],
  overdueReports: ["Просроченные отчеты по подразделениям", "Overdue reports by department"],
  noOverdue: ["Просроченных сроков нет", "Nothing overdue"],
  department: ["Подразделение", "Department"],
  count: ["Просрочено", "Overdue"],
  offPlan: ["Показатели, отклонившиеся от плана", "Metrics off plan"],
  threshold: ["Порог отклонения, %", "Threshold, %"],
  year: ["Год", "Year"],
  unfavourableOnly: ["только неблагоприятные", "unfavourable only"],
  noOffPlan: ["Отклонений больше порога нет", "No deviations above the threshold"],
  metric: ["Показатель", "Metric"],
  program: ["Программа", "Program"],
  when: ["Период", "Period"],
  plan: ["План", "Plan"],
  fact: ["Факт", "Fact"],
  forecast: ["Прогноз", "Forecast"],
  deviation: ["Отклонение, %", "Deviation, %"],
  justification: ["Обоснование", "Justification"],
  forYear: ["за год", "year"],
  overdueCheckpoints: ["Просроченные контрольные точки", "Overdue checkpoints"],
  noCheckpoints: ["Просроченных контрольных точек нет", "No overdue checkpoints"],
  checkpoint: ["Контрольная точка", "Checkpoint"],
  planned: ["Плановая дата", "Planned date"],
  late: ["Опоздание, раб. дн.", "Late, working days"],
  charts: ["План и факт", "Plan and fact"],
  metricChart: ["{metric}: план и факт по месяцам {year} года", "{metric}: plan and fact by month, {year}"],
  programChart: [
    "{program}: роспись и кассовое исполнение по кварталам {year} года, {unit}",
    "{program}: budget schedule and cash by quarter, {year}, {unit}",
  ],
  schedule: ["Роспись", "Schedule"],
  cash: ["Кассовое исполнение", "Cash execution"],
  funding: ["Финансовое обеспечение на год", "Funding of the year"],
  atPlan: ["Показатели на уровне плана на конец квартала", "Metrics at plan at the quarter's end"],
  atPlanOf: ["{a} из {b} (факт внесен: {f})", "{a} of {b} (fact entered: {f})"],
  quarter: ["{q} кв.", "Q{q}"],
  noMetrics: ["В программе нет показателей", "The program has no metrics"],
  loading: ["Загрузка…", "Loading…"],
  direction: ["напр. {d}", "dir. {d}"],
  eventDeadlines: ["Сроки от событий", "Deadlines counted from events"],
  eventHint: [
    "Передача проекта (220-п пп. 4.9, 4.13), размещение на сайте (4.18) и в ГАС «Управление» (4.18.1), распоряжения о направлениях (1.7, 4.19), приведение в соответствие с бюджетом (5.4, 5.5)",
    "Passing the draft on (220-p 4.9, 4.13), publication (4.18), GAS «Upravlenie» (4.18.1), directions' orders (1.7, 4.19), alignment with the budget (5.4, 5.5)",
  ],
  noEvents: ["Открытых сроков от событий нет", "No open deadlines counted from events"],
});

/** A reporting deadline of a program (my tasks, overdue reports). */
type Deadline = Schema<"Deadline">;

/** A metric of the program chosen for the chart, with its direction's code. */
interface MetricLite {
  id: string;
  code: string | null;
  name: string | null;
  unit: string | null;
  directionCode: string | null;
}

function Loading<T>({ l, children }: { l: { data: T | null; error: Error | null; loading: boolean }; children: (d: T) => ReactNode }) {
  if (l.error)
    return (
      <p className="error" role="alert">
        {l.error.message}
      </p>
    );
  if (!l.data) return <Skeleton />;
  return <>{children(l.data)}</>;
}

export function DashboardPage() {
  const t = useT(M);
  const { lang } = useLang();
  const thisYear = new Date().getFullYear();
  const tasks = useLoad(() => api.GET("/api/monitoring/dashboard/my-tasks"), []);
  const overdue = useLoad(() => api.GET("/api/monitoring/dashboard/overdue-reports"), []);
  const checkpoints = useLoad(() => api.GET("/api/monitoring/dashboard/overdue-checkpoints"), []);
  const events = useLoad(() => api.GET("/api/event-deadlines"), []);
  const [threshold, setThreshold] = useState("10");
  const [offYear, setOffYear] = useState(thisYear);
  const [unfavourable, setUnfavourable] = useState(false);
  const thr = /^\d+([.,]\d+)?$/.test(threshold.trim()) ? threshold.trim().replace(",", ".") : "10";
  const offPlan = useLoad(
    () =>
      api.GET("/api/monitoring/dashboard/metrics-off-plan", {
        params: { query: { year: offYear, threshold: Number(thr), ...(unfavourable ? { unfavourableOnly: "true" } : {}) } },
      }),
    [offYear, thr, unfavourable],
  );
  const stateCell = (d: Deadline) => (
    <td className={`deadline-state ${d.state}`} data-state={d.state}>
      {pick(DEADLINE_STATES[d.state], lang, d.state)}
      {d.state === "upcoming" ? <div className="muted small">{t("left", { n: d.workingDaysLeft })}</div> : null}
    </td>
  );
  const yearsAround = [thisYear - 2, thisYear - 1, thisYear, thisYear + 1];

  return (
    <section className="dashboard">
      <h1>{t("title")}</h1>
      {tasks.data ? <p className="muted">{t("today", { d: formatDate(tasks.data.today) })}</p> : null}
      <div className="panels">
        <section className="card panel" data-testid="my-tasks">
          <h2>{t("myTasks")}</h2>
          <Loading l={tasks}>
            {(d) => (
              <>
                {d.reports.length ? (
                  <>
                    <h3>{t("waiting")}</h3>
                    <ul data-testid="waiting-reports">
                      {d.reports.map((r) => (
                        <li key={r.id}>
                          <Link to={monitoringUrl(r.programId, r.year, r.period)}>{r.title}</Link>{" "}
                          <span className="muted">
                            ({programStateName(r.state, lang)}: {r.actions.map((a) => actionName(a, lang)).join(", ")})
                          </span>
                        </li>
                      ))}
                    </ul>
                  </>
                ) : null}
                {d.items.length === 0 ? (
                  <p className="muted">{t("noTasks")}</p>
                ) : (
                  <table className="data" aria-label={t("myTasks")}>
                    <thead>
                      <tr>
                        <th>{t("what")}</th>
                        <th>{t("due")}</th>
                        <th>{t("state")}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {[...d.items]
                        .sort((a, b) => a.due.localeCompare(b.due))
                        .map((i) => (
                          <tr key={i.key} className={`deadline ${i.state}`} data-testid="task">
                            <td>
                              <Link to={monitoringUrl(i.programId, i.year, i.period)}>{i.title}</Link>
                            </td>
                            <td>{formatDate(i.due)}</td>
                            {stateCell(i)}
                          </tr>
                        ))}
                    </tbody>
                  </table>
                )}
              </>
            )}
          </Loading>
        </section>

        <section className="card panel" data-testid="event-deadlines">
          <h2>{t("eventDeadlines")}</h2>
          <p className="muted small">{t("eventHint")}</p>
          <Loading l={events}>
            {(d) => {
              const open = d.items.filter((i) => i.status.state !== "done" && i.status.state !== "doneLate");
              return open.length === 0 ? (
                <p className="muted">{t("noEvents")}</p>
              ) : (
                <table className="data" aria-label={t("eventDeadlines")}>
                  <thead>
                    <tr>
                      <th>{t("what")}</th>
                      <th>{t("due")}</th>
                      <th>{t("state")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {open.map((i) => (
                      <tr key={i.key} className={`deadline ${i.status.state}`} data-testid="event-deadline">
                        <td>
                          <Link to={`/programs/${i.programId}`}>
                            {i.programCode}
                            {i.directionCode ? ` (${t("direction", { d: i.directionCode })})` : ""}: {i.label}
                          </Link>
                          <div className="muted small">
                            {i.changeTitle}; {i.clause}
                          </div>
                        </td>
                        <td>{formatDate(i.due)}</td>
                        <td className={`deadline-state ${i.status.state}`} data-state={i.status.state}>
                          {pick(DEADLINE_STATES[i.status.state], lang, i.status.state)}
                          {i.status.state === "upcoming" ? (
                            <div className="muted small">{t("left", { n: i.status.workingDaysLeft })}</div>
                          ) : null}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              );
            }}
          </Loading>
        </section>

        <section className="card panel" data-testid="overdue-reports">
          <h2>{t("overdueReports")}</h2>
          <Loading l={overdue}>
            {(d) =>
              d.groups.length === 0 ? (
                <p className="muted">{t("noOverdue")}</p>
              ) : (
                <table className="data" aria-label={t("overdueReports")}>
                  <thead>
                    <tr>
                      <th>{t("department")}</th>
                      <th>{t("count")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {d.groups.map((g) => (
                      <tr key={g.departmentId ?? g.role} data-testid="overdue-group">
                        <td>
                          <details>
                            <summary>{g.name}</summary>
                            <ul className="small">
                              {g.items.map((i) => (
                                <li key={i.key}>
                                  <Link to={monitoringUrl(i.programId, i.year, i.period)}>
                                    {i.programCode}
                                    {i.directionCode ? ` (${t("direction", { d: i.directionCode })})` : ""}: {i.label},{" "}
                                    {periodName(i.period, lang)} {i.year}
                                  </Link>{" "}
                                  — {formatDate(i.due)}
                                </li>
                              ))}
                            </ul>
                          </details>
                        </td>
                        <td className="num late-count">{g.count}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )
            }
          </Loading>
        </section>

        <section className="card panel" data-testid="metrics-off-plan">
          <h2>{t("offPlan")}</h2>
          <div className="toolbar">
            <label>
              {t("threshold")}
              <input
                type="number"
                min={0}
                max={1000}
                step="any"
                value={threshold}
                onChange={(e) => setThreshold(e.target.value)}
                data-testid="threshold"
              />
            </label>
            <label>
              {t("year")}
              <select value={offYear} onChange={(e) => setOffYear(Number(e.target.value))} data-testid="off-plan-year">
                {yearsAround.map((y) => (
                  <option key={y} value={y}>
                    {y}
                  </option>
                ))}
              </select>
            </label>
            <label>
              <input type="checkbox" checked={unfavourable} onChange={(e) => setUnfavourable(e.target.checked)} />
              {t("unfavourableOnly")}
            </label>
          </div>
          <Loading l={offPlan}>
            {(d) =>
              d.items.length === 0 ? (
                <p className="muted" data-testid="off-plan-none">
                  {t("noOffPlan")}
                </p>
              ) : (
                <table className="data" aria-label={t("offPlan")}>
                  <thead>
                    <tr>
                      <th>{t("program")}</th>
                      <th>{t("metric")}</th>
                      <th>{t("when")}</th>
                      <th>{t("plan")}</th>
                      <th>{t("fact")}</th>
                      <th>{t("deviation")}</th>
                      <th>{t("justification")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {d.items.map((r) => (
                      <tr key={r.id} data-testid="off-plan-row" className={r.unfavourable ? "deadline overdue" : ""}>
                        <td>
                          {r.programCode}
                          {r.directionCode ? `, ${t("direction", { d: r.directionCode })}` : ""}
                        </td>
                        <td>{[r.metricCode, r.metricName].filter(Boolean).join(" ")}</td>
                        <td>{r.month ? pick(MONTHS_SHORT[r.month - 1], lang) : t("forYear")}</td>
                        <td className="num">{num(r.plan)}</td>
                        <td className="num">{num(r.fact)}</td>
                        <td className={`num ${r.unfavourable ? "late-count" : ""}`}>{formatPercent(r.deviationPercent)}</td>
                        <td>{r.justification ?? ""}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )
            }
          </Loading>
        </section>

        <section className="card panel" data-testid="overdue-checkpoints">
          <h2>{t("overdueCheckpoints")}</h2>
          <Loading l={checkpoints}>
            {(d) =>
              d.items.length === 0 ? (
                <p className="muted">{t("noCheckpoints")}</p>
              ) : (
                <table className="data" aria-label={t("overdueCheckpoints")}>
                  <thead>
                    <tr>
                      <th>{t("program")}</th>
                      <th>{t("checkpoint")}</th>
                      <th>{t("planned")}</th>
                      <th>{t("late")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {d.items.map((c) => (
                      <tr key={c.id} data-testid="overdue-checkpoint">
                        <td>
                          {c.programCode}, {t("direction", { d: c.directionCode })}
                          <div className="muted small">{c.departmentName}</div>
                        </td>
                        <td>{c.name}</td>
                        <td>{formatDate(c.plannedDate)}</td>
                        <td className="num late-count">{c.workingDaysLate ?? "—"}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )
            }
          </Loading>
        </section>
      </div>
      <PlanFactCharts />
    </section>
  );
}

function PlanFactCharts() {
  const t = useT(M);
  const unit = useMoneyUnit();
  const { lang } = useLang();
  const programs = useLoad(() => api.GET("/api/programs"), []);
  const list = [...(programs.data?.items ?? [])].sort((a, b) => String(a.code).localeCompare(String(b.code), "ru", { numeric: true }));
  const [programId, setProgramId] = useState<string | null>(null);
  const pid = programId ?? list[0]?.id ?? null;
  const [year, setYear] = useState(new Date().getFullYear());
  const [metricId, setMetricId] = useState<string | null>(null);
  const tree = useLoad(() => (pid ? api.GET("/api/programs/{id}/tree", { params: { path: { id: pid } } }) : Promise.resolve(null)), [pid]);
  const metrics = (tree.data?.directions ?? []).flatMap((d) =>
    d.structuralElements.flatMap((e) =>
      e.metrics.map((m): MetricLite => ({ id: m.id, code: m.code, name: m.name, unit: m.unit, directionCode: d.code })),
    ),
  );
  const mid = metricId && metrics.some((m) => m.id === metricId) ? metricId : (metrics[0]?.id ?? null);
  const metric = metrics.find((m) => m.id === mid);
  const years: number[] = [];
  const { startYear, endYear } = tree.data ?? {};
  if (typeof startYear === "number" && typeof endYear === "number")
    for (let y = startYear; y <= endYear && years.length < 30; y++) years.push(y);
  const mpf = useLoad(
    () =>
      mid ? api.GET("/api/monitoring/metrics/{id}/plan-fact", { params: { path: { id: mid }, query: { year } } }) : Promise.resolve(null),
    [mid, year],
  );
  const ppf = useLoad(
    () =>
      pid ? api.GET("/api/monitoring/programs/{id}/plan-fact", { params: { path: { id: pid }, query: { year } } }) : Promise.resolve(null),
    [pid, year],
  );
  const program = list.find((p) => p.id === pid);
  const months = MONTHS_SHORT.map((m) => pick(m, lang));
  const quarters = [1, 2, 3, 4].map((q) => t("quarter", { q: lang === "ru" ? ["I", "II", "III", "IV"][q - 1]! : q }));
  return (
    <section className="card charts" data-testid="charts">
      <h2>{t("charts")}</h2>
      <div className="toolbar">
        <label>
          {t("program")}
          <select
            value={pid ?? ""}
            onChange={(e) => {
              setProgramId(e.target.value);
              setMetricId(null);
            }}
            data-testid="chart-program"
          >
            {list.map((p) => (
              <option key={p.id} value={p.id}>
                {p.code}. {p.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("year")}
          <select value={year} onChange={(e) => setYear(Number(e.target.value))} data-testid="chart-year">
            {(years.length ? years : [year]).map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("metric")}
          <select value={mid ?? ""} onChange={(e) => setMetricId(e.target.value)} data-testid="chart-metric-choice">
            {metrics.map((m) => (
              <option key={m.id} value={m.id}>
                {t("direction", { d: m.directionCode ?? "" })}: {[m.code, m.name].filter(Boolean).join(" ")}
              </option>
            ))}
          </select>
        </label>
      </div>
      {tree.data && metrics.length === 0 ? <p className="muted">{t("noMetrics")}</p> : null}
      {mpf.data && metric ? (
        <Chart
          testId="chart-metric"
          title={t("metricChart", { metric: [metric.code, metric.name].filter(Boolean).join(" "), year })}
          unit={metric.unit ?? undefined}
          categories={months}
          series={[
            { name: t("plan"), kind: "line", values: mpf.data.months.map((m) => m.plan) },
            { name: t("fact"), kind: "bar", values: mpf.data.months.map((m) => m.fact) },
            { name: t("forecast"), kind: "line", values: mpf.data.months.map((m) => m.forecast) },
          ]}
        />
      ) : null}
      {ppf.data && program ? (
        <>
          <Chart
            testId="chart-program"
            title={t("programChart", { program: String(program.code), year, unit })}
            categories={quarters}
            series={[
              { name: t("funding"), kind: "line", values: quarters.map(() => ppf.data!.funding ?? null) },
              { name: t("schedule"), kind: "bar", values: ppf.data.quarters.map((q) => q.schedule) },
              { name: t("cash"), kind: "bar", values: ppf.data.quarters.map((q) => q.cash) },
            ]}
          />
          <table className="data small" aria-label={t("atPlan")} data-testid="program-metrics-at-plan">
            <caption>{t("atPlan")}</caption>
            <tbody>
              <tr>
                {ppf.data.quarters.map((q, i) => (
                  <td key={q.quarter}>
                    <strong>{quarters[i]}</strong>: {t("atPlanOf", { a: q.metricsAtPlan, b: q.metricsPlanned, f: q.metricsWithFact })}
                  </td>
                ))}
              </tr>
            </tbody>
          </table>
        </>
      ) : null}
    </section>
  );
}
