/**
 * /evaluation/strategy and /evaluation/plan (?id=&year=&achievedFrom=&negativeBelow=&worseThanPrevious=):
 * each indicator of the strategy (or the action plan) classed for a year as achieved, in progress or
 * negative deviation by the rule shown on the page with its thresholds; counts per goal and in total
 * ("24 достигнуто, 7 в процессе, 4 с отрицательными отклонениями", as in the slides of source 000);
 * the level of every indicator as bars, and plan versus result of each indicator over the years.
 */
import { useState, type FormEvent } from "react";
import { api, ApiError, given, qs, type QueryOf } from "../../lib/api.ts";
import { messages, useLang, useT } from "../../lib/i18n.tsx";
import { Link, navigate, useLocation } from "../../lib/router.tsx";
import { useLoad } from "../../lib/useLoad.ts";
import { Chart } from "../../components/Chart.tsx";
import { countsSentence, dec, STATUS_COLORS, STATUS_NAMES, type Counts, type IndicatorStatus, type SummaryView } from "./common.ts";
import "./evaluation.css";
import { Loading } from "../../components/Loading.tsx";

const M = messages({
  strategyTitle: ["Итоги реализации стратегии", "Strategy results"],
  planTitle: ["Итоги реализации плана мероприятий", "Action plan results"],
  ranking: ["Рейтинг программ", "Ranking of programs"],
  other: ["План мероприятий", "Action plan"],
  otherStrategy: ["Стратегия", "Strategy"],
  edit: ["Открыть документ", "Open the document"],
  loading: ["Загрузка…", "Loading…"],
  noStrategy: ["Стратегия еще не создана.", "No strategy yet."],
  noPlan: ["План мероприятий еще не создан.", "No action plan yet."],
  document: ["Документ", "Document"],
  year: ["Год", "Year"],
  print: ["Печать", "Print"],
  rule: ["Правило отнесения показателя", "Classification rule"],
  achievedFrom: ["Достигнут от, % плана", "Achieved from, % of plan"],
  negativeBelow: ["Отрицательное отклонение ниже, % плана", "Negative deviation below, % of plan"],
  worseThanPrevious: ["Факт хуже прошлогоднего — отрицательное отклонение", "A fact worse than last year's is a negative deviation"],
  apply: ["Применить пороги", "Apply thresholds"],
  reset: ["По умолчанию", "Defaults"],
  total: ["Итоги за {year} год", "Results for {year}"],
  byGoal: ["По целям", "By goal"],
  goal: ["Цель", "Goal"],
  noGoal: ["без цели", "no goal"],
  all: ["Всего", "Total"],
  achieved: ["Достигнуто", "Achieved"],
  inProgress: ["В процессе", "In progress"],
  negative: ["Отрицательные отклонения", "Negative deviations"],
  noData: ["Нет данных", "No data"],
  indicators: ["Показатели", "Indicators"],
  code: ["№", "No."],
  name: ["Показатель", "Indicator"],
  unit: ["Ед. изм.", "Unit"],
  plan: ["План", "Plan"],
  fact: ["Результат", "Result"],
  level: ["Уровень, %", "Level, %"],
  status: ["Оценка", "Class"],
  reason: ["Основание", "Reason"],
  levelsChart: ["Уровень достижения показателей за {year} год, % плана", "Level reached in {year}, % of plan"],
  levelSeries: ["Уровень, %", "Level, %"],
  achievedLine: ["Достигнут от", "Achieved from"],
  negativeLine: ["Отрицательное ниже", "Negative below"],
  planFact: ["План и результат по годам", "Plan and result over the years"],
  noIndicators: ["В документе нет показателей.", "The document has no indicators."],
});

type Kind = "strategy" | "plan";

/** GET /api/strategies/:id/summary or /api/action-plans/:id/summary. */
function loadSummary(kind: Kind, id: string, query: QueryOf<"/api/strategies/{id}/summary">): Promise<SummaryView> {
  const params = { path: { id }, query };
  return kind === "strategy" ? api.GET("/api/strategies/{id}/summary", { params }) : api.GET("/api/action-plans/{id}/summary", { params });
}
const API: Record<Kind, { list: "/api/strategies" | "/api/action-plans"; page: string }> = {
  strategy: { list: "/api/strategies", page: "/strategy" },
  plan: { list: "/api/action-plans", page: "/plan" },
};

export function StrategySummaryPage() {
  return <SummaryPage kind="strategy" />;
}
export function PlanSummaryPage() {
  return <SummaryPage kind="plan" />;
}

const STATUSES: IndicatorStatus[] = ["achieved", "inProgress", "negative", "noData"];

function SummaryPage({ kind }: { kind: Kind }) {
  const t = useT(M);
  const { lang } = useLang();
  const { path, query } = useLocation();
  const list = useLoad(() => api.GET(API[kind].list), [kind]);
  const goals = useLoad(() => api.GET("/api/goals").catch(() => ({ items: [] })), []);
  const id = query.get("id") ?? list.data?.items[0]?.id ?? null;
  const params = {
    year: query.get("year") ?? "",
    achievedFrom: query.get("achievedFrom") ?? "",
    negativeBelow: query.get("negativeBelow") ?? "",
    worseThanPrevious: query.get("worseThanPrevious") ?? "",
  };
  const summary = useLoad(
    () =>
      id
        ? loadSummary(
            kind,
            id,
            given({
              ...params,
              year: params.year ? Number(params.year) : null,
              worseThanPrevious:
                params.worseThanPrevious === "true" || params.worseThanPrevious === "false" ? params.worseThanPrevious : null,
            }),
          )
        : Promise.resolve(null),
    [kind, id, ...Object.values(params)],
  );
  const go = (patch: Record<string, string | null>) => {
    const next = { id, ...params, ...patch };
    navigate(`${path}${qs(next)}`, { replace: true });
  };
  const goalName = (g: string | null) => {
    if (g === null) return t("noGoal");
    const found = goals.data?.items.find((x) => x.code === g || x.name === g);
    return found && found.code === g ? `${g}. ${found.name}` : g;
  };

  if (list.error) return <p className="error">{list.error.message}</p>;
  if (!list.data) return <Loading />;
  const s = summary.data;
  const yearsOf = s ? [...new Set([...s.years, s.year])].sort((a, b) => a - b) : [];
  return (
    <div className="evaluation">
      <h1 data-testid="summary-title">
        {kind === "strategy" ? t("strategyTitle") : t("planTitle")}
        {s ? `: ${s.name}` : ""}
      </h1>
      <p className="crumbs">
        <Link to={`/evaluation${qs({ year: s?.year })}`}>{t("ranking")}</Link> ·{" "}
        {kind === "strategy" ? (
          <Link to={`/evaluation/plan${qs({ year: s?.year })}`}>{t("other")}</Link>
        ) : (
          <Link to={`/evaluation/strategy${qs({ year: s?.year })}`}>{t("otherStrategy")}</Link>
        )}{" "}
        · <Link to={`${API[kind].page}${qs({ id })}`}>{t("edit")}</Link>
      </p>
      {!list.data.items.length ? <p className="muted">{kind === "strategy" ? t("noStrategy") : t("noPlan")}</p> : null}
      <div className="toolbar">
        {list.data.items.length > 1 ? (
          <label className="inline">
            {t("document")}
            <select value={id ?? ""} onChange={(x) => go({ id: x.target.value })}>
              {list.data.items.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        {s ? (
          <label className="inline">
            {t("year")}
            <select name="year" value={s.year} onChange={(x) => go({ year: x.target.value })}>
              {yearsOf.map((y) => (
                <option key={y} value={y}>
                  {y}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <button type="button" className="secondary" onClick={() => window.print()}>
          {t("print")}
        </button>
      </div>
      {summary.error ? <ErrorBanner error={summary.error} /> : null}
      {s ? (
        <>
          <section className="card rule-card" data-testid="rule">
            <h2>{t("rule")}</h2>
            <p data-testid="rule-text">{s.rule}</p>
            <Thresholds
              key={JSON.stringify(s.thresholds)}
              value={s.thresholds}
              onApply={(v) => go(v)}
              onReset={() => go({ achievedFrom: null, negativeBelow: null, worseThanPrevious: null })}
            />
          </section>

          <h2>{t("total", { year: s.year })}</h2>
          <p className="counts-sentence" data-testid="counts">
            {countsSentence(s.counts, lang)}
          </p>
          <p className="muted" data-testid="completeness">
            {lang === "ru"
              ? `данные: ${s.counts.total - s.counts.noData} из ${s.counts.total}`
              : `data: ${s.counts.total - s.counts.noData} of ${s.counts.total}`}
          </p>
          <CountsTable
            rows={[
              ...s.byGoal.map((g) => ({ key: g.goal ?? "-", label: goalName(g.goal), counts: g.counts })),
              { key: "total", label: t("all"), counts: s.counts },
            ]}
          />

          {s.indicators.length ? (
            <>
              <Chart
                title={t("levelsChart", { year: s.year })}
                testId="chart-levels"
                unit="%"
                height={300}
                categories={s.indicators.map((i) => (i.code ? `${i.code}. ${i.name}` : i.name))}
                series={[
                  { name: t("levelSeries"), kind: "bar", values: s.indicators.map((i) => i.levelDisplay), color: "#1f5fa8" },
                  {
                    name: t("achievedLine"),
                    kind: "line",
                    values: s.indicators.map(() => s.thresholds.achievedFrom),
                    color: STATUS_COLORS.achieved,
                  },
                  {
                    name: t("negativeLine"),
                    kind: "line",
                    values: s.indicators.map(() => s.thresholds.negativeBelow),
                    color: STATUS_COLORS.negative,
                  },
                ]}
              />

              <h2>{t("indicators")}</h2>
              <table className="data eval-table" data-testid="summary-indicators">
                <thead>
                  <tr>
                    <th>{t("code")}</th>
                    <th>{t("name")}</th>
                    <th>{t("goal")}</th>
                    <th>{t("plan")}</th>
                    <th>{t("fact")}</th>
                    <th>{t("level")}</th>
                    <th>{t("status")}</th>
                    <th>{t("reason")}</th>
                  </tr>
                </thead>
                <tbody>
                  {s.indicators.map((i, n) => (
                    <tr key={n} data-testid={`indicator-${i.code ?? n}`} data-status={i.status}>
                      <td>{i.code}</td>
                      <td>{i.name}</td>
                      <td>{i.goal ?? "—"}</td>
                      <td className="num">{dec(i.plan, lang)}</td>
                      <td className="num">{dec(i.fact, lang)}</td>
                      <td className="num">{dec(i.levelDisplay, lang)}</td>
                      <td>
                        <span className={`status status-${i.status}`}>{STATUS_NAMES[i.status][lang === "ru" ? 0 : 1]}</span>
                      </td>
                      <td className="small">{i.reason}</td>
                    </tr>
                  ))}
                </tbody>
              </table>

              <h2>{t("planFact")}</h2>
              <div className="chart-cards">
                {s.series.map((x, n) => {
                  const status = s.indicators[n]?.status ?? "noData";
                  return (
                    <div className="card chart-card" key={n} data-status={status}>
                      <Chart
                        title={`${x.code ? `${x.code}. ` : ""}${x.name}`}
                        testId={`chart-indicator-${x.code ?? n}`}
                        unit={x.unit}
                        height={220}
                        categories={x.values.map((v) => String(v.year))}
                        series={[
                          { name: t("plan"), kind: "line", values: x.values.map((v) => v.plan), color: "#8a94a3" },
                          { name: t("fact"), kind: "bar", values: x.values.map((v) => v.fact), color: STATUS_COLORS[status] },
                        ]}
                      />
                    </div>
                  );
                })}
              </div>
            </>
          ) : (
            <p className="muted">{t("noIndicators")}</p>
          )}
        </>
      ) : id && !summary.error ? (
        <Loading />
      ) : null}
    </div>
  );
}

function CountsTable({ rows }: { rows: { key: string; label: string; counts: Counts }[] }) {
  const t = useT(M);
  return (
    <table className="data eval-table counts" data-testid="counts-table">
      <thead>
        <tr>
          <th>{t("goal")}</th>
          {STATUSES.map((st) => (
            <th key={st}>{t(st)}</th>
          ))}
          <th>{t("all")}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key} data-testid={`counts-${r.key}`} className={r.key === "total" ? "total" : ""}>
            <td>{r.label}</td>
            {STATUSES.map((st) => (
              <td key={st} className="num" data-status={st}>
                <span className={`dot status-${st}`} /> {r.counts[st]}
              </td>
            ))}
            <td className="num">{r.counts.total}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Thresholds({
  value,
  onApply,
  onReset,
}: {
  value: SummaryView["thresholds"];
  onApply: (v: Record<string, string>) => void;
  onReset: () => void;
}) {
  const t = useT(M);
  const [achievedFrom, setAchieved] = useState(value.achievedFrom);
  const [negativeBelow, setNegative] = useState(value.negativeBelow);
  const [worse, setWorse] = useState(value.worseThanPrevious);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onApply({
      achievedFrom: achievedFrom.trim().replace(",", "."),
      negativeBelow: negativeBelow.trim().replace(",", "."),
      worseThanPrevious: String(worse),
    });
  };
  return (
    <form className="thresholds" onSubmit={submit} data-testid="thresholds">
      <label className="inline">
        {t("achievedFrom")}
        <input name="achievedFrom" inputMode="decimal" size={6} value={achievedFrom} onChange={(e) => setAchieved(e.target.value)} />
      </label>
      <label className="inline">
        {t("negativeBelow")}
        <input name="negativeBelow" inputMode="decimal" size={6} value={negativeBelow} onChange={(e) => setNegative(e.target.value)} />
      </label>
      <label className="inline check">
        <input type="checkbox" name="worseThanPrevious" checked={worse} onChange={(e) => setWorse(e.target.checked)} />
        {t("worseThanPrevious")}
      </label>
      <button type="submit">{t("apply")}</button>
      <button type="button" className="secondary" onClick={onReset}>
        {t("reset")}
      </button>
    </form>
  );
}

function ErrorBanner({ error }: { error: Error }) {
  return (
    <div className="banner error" role="alert">
      {error.message}
      {error instanceof ApiError && error.issues.length ? (
        <ul>
          {error.issues.map((i, n) => (
            <li key={n}>
              {i.path}: {i.message}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
