/**
 * /programs/:id/evaluation?year=&asOf= — the effectiveness of a municipal program for a year as of
 * a date (decree 220-п, the municipality's methodology): score, rating, the level of every
 * direction and element, the indicators, and the trace as a drill-down tree.
 */
import { formatDate } from "../../lib/format.ts";
import { api, given, qs } from "../../lib/api.ts";
import { messages, useLang, useT } from "../../lib/i18n.tsx";
import { Link, navigate, useLocation } from "../../lib/router.tsx";
import { useLoad } from "../../lib/useLoad.ts";
import { Chart } from "../../components/Chart.tsx";
import { completenessText, completenessTitle, dec, defaultYear, fmt, missingFactOf, range, RATING_NAMES } from "./common.ts";
import { TraceTree } from "./TraceTree.tsx";
import { EvaluationMode } from "./EvaluationMode.tsx";
import "./evaluation.css";
import { Loading } from "../../components/Loading.tsx";
import { DateField } from "../../components/DateField.tsx";

const M = messages({
  title: ["Оценка эффективности программы", "Program effectiveness"],
  programs: ["Муниципальные программы", "Municipal programs"],
  ranking: ["Рейтинг программ", "Ranking of programs"],
  loading: ["Загрузка…", "Loading…"],
  year: ["Год", "Year"],
  asOf: ["Дата расчета", "As of"],
  asOfHint: ["пусто — сегодня (не позднее 31 декабря года)", "empty — today (at most 31 December of the year)"],
  print: ["Печать", "Print"],
  score: ["Оценка эффективности (ОЭмп)", "Effectiveness score (OEmp)"],
  rating: ["Уровень эффективности", "Rating"],
  methodology: ["Методика", "Methodology"],
  overridden: ["измененные параметры: {list}", "overridden parameters: {list}"],
  computedAsOf: ["за {year} год на {asOf}", "for {year} as of {asOf}"],
  directions: ["Направления и структурные элементы", "Directions and structural elements"],
  code: ["Код", "Code"],
  name: ["Наименование", "Name"],
  direction: ["Эн — направление", "En — direction"],
  budget: ["А — бюджет", "A — budget"],
  element: ["Осэ — элемент", "Ose — element"],
  metrics: ["Псэ — показатели", "Pse — metrics"],
  checkpoints: ["КТсэ — контрольные точки", "KTse — checkpoints"],
  cpCount: ["{a} из {d}", "{a} of {d}"],
  noFunding: ["нет финансирования", "no funding"],
  indicators: ["Индикаторы программы (Imp = {v})", "Program indicators (Imp = {v})"],
  noIndicators: ["Нет индикаторов с фактом за год.", "No indicators with a fact for the year."],
  level: ["Уровень, %", "Level, %"],
  chart: ["Оценка направлений (Эн), %", "Direction scores (En), %"],
  trace: ["Расшифровка расчета", "How the score was computed"],
  traceHint: [
    "Каждый шаг: исходные числа, примененное правило и результат. Числа с «≈» округлены для показа; уровень эффективности определяется по неокругленной оценке.",
    "Each step: the numbers that went in, the rule applied and the result. Numbers marked “≈” are rounded for display; the rating is taken on the unrounded score.",
  ],
  traceText: ["Расшифровка текстом", "Trace as text"],
  noData: ["нет данных", "no data"],
  noDataHint: [
    "За {year} год нет ни одного фактического значения индикаторов и показателей: оценка не рассчитывается.",
    "No indicator or metric has a fact for {year}: there is no score.",
  ],
  preliminary: [
    "Предварительная оценка: показатели и индикаторы без фактического значения не учитываются (год не завершен).",
    "Preliminary evaluation: indicators and metrics without a fact are left out (the year has not ended).",
  ],
  annual: ["Годовая оценка: без фактического значения — уровень 0.", "Annual evaluation: without a fact the level is 0."],
  inForce: [
    "Редакция {n} (постановление № {decree} от {date}), действовавшая на дату расчета",
    "Version {n} (decree No. {decree} of {date}) in force on the date of calculation",
  ],
  notInForce: [
    "Программа не действовала в {year} году (нет утвержденной редакции на эту дату): расчет по текущему проекту, не официальная оценка.",
    "The program was not in force in {year} (no approved version on that date): computed on the current draft, not an official evaluation.",
  ],
  warnings: ["Без фактического значения ({n}): {list}", "Without a fact ({n}): {list}"],
});

function ruDate(d: string): string {
  return d.split("-").reverse().join(".");
}

export function ProgramEvaluationPage({ params }: { params: Record<string, string> }) {
  const t = useT(M);
  const { lang } = useLang();
  const { query } = useLocation();
  const program = useLoad(() => api.GET("/api/programs/{id}", { params: { path: { id: params.id! } } }), [params.id]);
  const p = program.data;
  const year =
    Number(query.get("year")) || (p ? defaultYear(p.startYear ?? new Date().getFullYear(), p.endYear ?? new Date().getFullYear()) : null);
  const asOf = query.get("asOf") ?? "";
  // rule 9: "" — by the date (preliminary during the year, annual after it), "zero", "exclude"
  const missingFact = query.get("missingFact") ?? "";
  const ev = useLoad(
    () =>
      year
        ? api.GET("/api/programs/{id}/evaluation", {
            params: { path: { id: params.id! }, query: { year, ...given({ asOf, missingFact: missingFactOf(missingFact) }) } },
          })
        : Promise.resolve(null),
    [params.id, year, asOf, missingFact],
  );
  const go = (y: number | null, d: string, mf = missingFact) =>
    navigate(`/programs/${params.id}/evaluation${qs({ year: y, asOf: d, missingFact: mf })}`, { replace: true });

  if (program.error) return <p className="error">{program.error.message}</p>;
  if (!p) return <Loading />;
  const e = ev.data;
  return (
    <div className="evaluation">
      <p className="crumbs">
        <Link to="/programs">{t("programs")}</Link> / <Link to={`/programs/${p.id}`}>{p.code}</Link> /{" "}
        <Link to={`/evaluation${qs({ year })}`}>{t("ranking")}</Link>
      </p>
      <h1 data-testid="evaluation-title">
        {t("title")}: {p.code} «{p.name}»
      </h1>
      <div className="toolbar">
        <label className="inline">
          {t("year")}
          <select name="year" value={year ?? ""} onChange={(x) => go(Number(x.target.value), asOf)}>
            {range(p.startYear ?? 0, p.endYear ?? -1).map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </label>
        <label className="inline" title={t("asOfHint")}>
          {t("asOf")}
          <DateField name="asOf" aria-label={t("asOf")} required value={asOf} onChange={(x) => go(year, x)} />
        </label>
        <EvaluationMode value={missingFact} onChange={(mf) => go(year, asOf, mf)} />
        <button type="button" className="secondary" onClick={() => window.print()}>
          {t("print")}
        </button>
      </div>
      {ev.error ? (
        <p className="banner error" role="alert">
          {ev.error.message}
        </p>
      ) : null}
      {!e ? (
        <Loading />
      ) : (
        <>
          {e.inForce ? null : (
            <p className="banner" data-testid="not-in-force">
              {t("notInForce", { year: e.year })}
            </p>
          )}
          <p
            className={e.preliminary ? "banner" : "muted"}
            data-testid="evaluation-kind"
            data-preliminary={e.preliminary ? "true" : "false"}
          >
            {e.preliminary ? t("preliminary") : t("annual")}
            {e.inForce
              ? ` ${t("inForce", { n: e.inForce.number, decree: e.inForce.decreeNumber, date: lang === "ru" ? ruDate(e.inForce.decreeDate) : e.inForce.decreeDate })}.`
              : ""}
          </p>
          {e.noData ? (
            <p className="banner" data-testid="no-data">
              {t("noDataHint", { year: e.year })}
            </p>
          ) : null}
          <section className="score-card card" aria-busy={ev.loading}>
            <div>
              <div className="muted">{t("score")}</div>
              <div className="score-big" data-testid="score" data-value={e.score ?? ""}>
                {e.noData ? t("noData") : dec(e.scoreDisplay, lang)}
              </div>
              <div className="muted" data-testid="as-of">
                {t("computedAsOf", { year: e.year, asOf: formatDate(e.asOf) })}
              </div>
              <div className="muted" data-testid="completeness" title={completenessTitle(e.completeness, lang)}>
                {completenessText(e.completeness, lang)}
              </div>
            </div>
            <div>
              <div className="muted">{t("rating")}</div>
              {e.rating ? (
                <div className={`rating rating-${e.rating}`} data-testid="rating" data-rating={e.rating}>
                  {lang === "ru" ? e.ratingLabel : RATING_NAMES[e.rating][1]}
                </div>
              ) : (
                <div className="muted" data-testid="rating" data-rating="">
                  {t("noData")}
                </div>
              )}
            </div>
            <div>
              <div className="muted">{t("methodology")}</div>
              <div>
                {e.methodology.preset} v{e.methodology.version}
                {e.methodology.name ? <div className="muted small">{e.methodology.name}</div> : null}
                {e.methodology.overridden.length ? (
                  <div className="small">{t("overridden", { list: e.methodology.overridden.join(", ") })}</div>
                ) : null}
              </div>
            </div>
          </section>

          {e.warnings.length ? (
            <p className="muted small" data-testid="warnings">
              {t("warnings", { n: e.warnings.length, list: e.warnings.map((w) => w.code).join(", ") })}
            </p>
          ) : null}

          <h2>{t("directions")}</h2>
          <table className="data eval-table" data-testid="directions">
            <thead>
              <tr>
                <th>{t("code")}</th>
                <th>{t("name")}</th>
                <th>{t("direction")}</th>
                <th>{t("budget")}</th>
                <th>{t("element")}</th>
                <th>{t("metrics")}</th>
                <th>{t("checkpoints")}</th>
              </tr>
            </thead>
            <tbody>
              {e.directions.flatMap((d) => [
                <tr key={d.code} className="direction-row" data-testid={`direction-${d.code}`}>
                  <td>{d.code}</td>
                  <td>{d.name}</td>
                  <td className="num strong" data-testid="direction-score">
                    {fmt(d.score, lang)}
                  </td>
                  <td className="num">
                    {d.budgetLevel === null ? <span className="muted">{t("noFunding")}</span> : fmt(d.budgetLevel, lang)}
                  </td>
                  <td />
                  <td />
                  <td />
                </tr>,
                ...d.elements.map((el) => (
                  <tr key={`${d.code}/${el.code}`} className="element-row" data-testid={`element-${el.code}`}>
                    <td>{el.code}</td>
                    <td className="indent">{el.name}</td>
                    <td />
                    <td />
                    <td className="num">{fmt(el.score, lang)}</td>
                    <td className="num">{fmt(el.metricsLevel, lang)}</td>
                    <td className="num">
                      {fmt(el.checkpointsLevel, lang)}{" "}
                      <span className="muted small">({t("cpCount", { a: el.checkpoints.achieved, d: el.checkpoints.due })})</span>
                    </td>
                  </tr>
                )),
              ])}
            </tbody>
          </table>

          <h2>{t("indicators", { v: fmt(e.indicatorsLevel, lang) })}</h2>
          {e.indicators.length ? (
            <table className="data eval-table" data-testid="indicators">
              <thead>
                <tr>
                  <th>{t("code")}</th>
                  <th>{t("level")}</th>
                </tr>
              </thead>
              <tbody>
                {e.indicators.map((i) => (
                  <tr key={i.code}>
                    <td>{i.code}</td>
                    <td className="num">{fmt(i.level, lang)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p className="muted">{t("noIndicators")}</p>
          )}

          {e.directions.length ? (
            <Chart
              title={t("chart")}
              testId="chart-directions"
              unit="%"
              height={240}
              categories={e.directions.map((d) => `${d.code}. ${d.name}`)}
              series={[
                { name: t("direction"), kind: "bar", values: e.directions.map((d) => d.score) },
                { name: t("budget"), kind: "bar", values: e.directions.map((d) => d.budgetLevel) },
              ]}
            />
          ) : null}

          <h2>{t("trace")}</h2>
          <p className="muted">{t("traceHint")}</p>
          {e.explanation ? <TraceTree key={`${e.year}/${e.asOf}`} root={e.explanation} /> : null}
          <details className="trace-text no-print">
            <summary>{t("traceText")}</summary>
            <pre data-testid="trace-text">{e.trace.join("\n")}</pre>
          </details>
        </>
      )}
    </div>
  );
}
