/**
 * /evaluation?year=&asOf= — the ranking of all programs of the municipality for a year: place,
 * score, rating, the weakest direction, a link to each program's evaluation, and a bar chart.
 */
import { formatDate } from "../../lib/format.ts";
import { api, given, qs } from "../../lib/api.ts";
import { messages, useLang, useT } from "../../lib/i18n.tsx";
import { Link, navigate, useLocation } from "../../lib/router.tsx";
import { useLoad } from "../../lib/useLoad.ts";
import { Chart } from "../../components/Chart.tsx";
import { FormDownload } from "../../components/FormDownload.tsx";
import { completenessText, completenessTitle, dec, defaultYear, fmt, missingFactOf, range, RATING_NAMES } from "./common.ts";
import { EvaluationMode } from "./EvaluationMode.tsx";
import "./evaluation.css";
import { Loading } from "../../components/Loading.tsx";
import { DateField } from "../../components/DateField.tsx";

const M = messages({
  title: ["Оценка эффективности муниципальных программ", "Effectiveness of municipal programs"],
  loading: ["Загрузка…", "Loading…"],
  year: ["Год", "Year"],
  asOf: ["Дата расчета", "As of"],
  print: ["Печать", "Print"],
  none: ["В муниципальном образовании нет программ.", "The municipality has no programs."],
  place: ["Место", "Place"],
  code: ["Код", "Code"],
  name: ["Программа", "Program"],
  score: ["Оценка, %", "Score, %"],
  rating: ["Уровень эффективности", "Rating"],
  weakest: ["Самое слабое направление", "Weakest direction"],
  open: ["расшифровка", "details"],
  summary: ["за {year} год на {asOf}, методика {m}", "for {year} as of {asOf}, methodology {m}"],
  chart: ["Оценка эффективности программ, %", "Program scores, %"],
  strategy: ["Показатели стратегии", "Strategy indicators"],
  plan: ["Показатели плана мероприятий", "Action plan indicators"],
  data: ["Полнота данных", "Data"],
  noData: ["нет данных", "no data"],
  noneInForce: ["В {year} году не действовала ни одна муниципальная программа.", "No municipal program was in force in {year}."],
  notInForce: ["Не действовали в {year} году и не оцениваются: {list}.", "Not in force in {year}, not evaluated: {list}."],
  inForceNote: [
    "Оцениваются программы, действовавшие в {year} году, по редакции, действовавшей на дату расчета (для прошедшего года — на 31 декабря), с фактическими значениями из отчетов.",
    "Programs in force in {year} are evaluated, on the version in force on the date of calculation (31 December for a past year), with the facts as reported.",
  ],
  preliminary: [
    "Предварительная оценка: {year} год не завершен, показатели и индикаторы без фактического значения не учитываются.",
    "Preliminary evaluation: {year} has not ended; indicators and metrics without a fact are left out.",
  ],
  annual: [
    "Годовая оценка: показатель или индикатор без фактического значения считается равным 0.",
    "Annual evaluation: an indicator or metric without a fact counts as 0.",
  ],
});

export function RankingPage() {
  const t = useT(M);
  const { lang } = useLang();
  const { query } = useLocation();
  const programs = useLoad(() => api.GET("/api/programs"), []);
  const items = programs.data?.items ?? [];
  const from = items.length ? Math.min(...items.map((p) => p.startYear ?? new Date().getFullYear())) : new Date().getFullYear();
  const to = items.length ? Math.max(...items.map((p) => p.endYear ?? new Date().getFullYear())) : new Date().getFullYear();
  const year = Number(query.get("year")) || (programs.data ? defaultYear(from, to) : null);
  const asOf = query.get("asOf") ?? "";
  // rule 9: "" — by the date (preliminary during the year, annual after it), "zero", "exclude"
  const missingFact = query.get("missingFact") ?? "";
  const ranking = useLoad(
    () =>
      year
        ? api.GET("/api/evaluation/ranking", { params: { query: { year, ...given({ asOf, missingFact: missingFactOf(missingFact) }) } } })
        : Promise.resolve(null),
    [year, asOf, missingFact],
  );
  const go = (y: number | null, d: string, mf = missingFact) =>
    navigate(`/evaluation${qs({ year: y, asOf: d, missingFact: mf })}`, { replace: true });
  const r = ranking.data;
  const scored = r?.items.filter((i) => i.score !== null) ?? [];

  return (
    <div className="evaluation">
      <h1>{t("title")}</h1>
      <p className="crumbs">
        <Link to={`/evaluation/strategy${qs({ year })}`}>{t("strategy")}</Link> ·{" "}
        <Link to={`/evaluation/plan${qs({ year })}`}>{t("plan")}</Link>
      </p>
      <div className="toolbar">
        <label className="inline">
          {t("year")}
          <select name="year" value={year ?? ""} onChange={(x) => go(Number(x.target.value), asOf)}>
            {range(Math.min(from, year ?? from), Math.max(to, year ?? to)).map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </label>
        <label className="inline">
          {t("asOf")}
          <DateField name="asOf" aria-label={t("asOf")} required value={asOf} onChange={(x) => go(year, x)} />
        </label>
        <EvaluationMode value={missingFact} onChange={(mf) => go(year, asOf, mf)} />
        <button type="button" className="secondary" onClick={() => window.print()}>
          {t("print")}
        </button>
        {year ? <FormDownload path="/api/municipality/forms/consolidated-report" form="consolidated-report" params={{ year }} /> : null}
      </div>
      {programs.error ? <p className="banner error">{programs.error.message}</p> : null}
      {ranking.error ? (
        <p className="banner error" role="alert">
          {ranking.error.message}
        </p>
      ) : null}
      {!r ? (
        <Loading />
      ) : !r.items.length ? (
        <>
          <p className="muted" data-testid="ranking-empty">
            {r.notInForce.length ? t("noneInForce", { year: r.year }) : t("none")}
          </p>
          {r.notInForce.length ? (
            <p className="muted" data-testid="ranking-not-in-force">
              {t("notInForce", { year: r.year, list: r.notInForce.map((p) => p.code).join(", ") })}
            </p>
          ) : null}
        </>
      ) : (
        <>
          <p className="muted" data-testid="ranking-summary">
            {t("summary", { year: r.year, asOf: formatDate(r.asOf), m: r.methodology })}
          </p>
          <p className={r.preliminary ? "banner" : "muted"} data-testid="ranking-kind" data-preliminary={r.preliminary ? "true" : "false"}>
            {r.preliminary ? t("preliminary", { year: r.year }) : t("annual")} {t("inForceNote", { year: r.year })}
          </p>
          {r.notInForce.length ? (
            <p className="muted" data-testid="ranking-not-in-force">
              {t("notInForce", { year: r.year, list: r.notInForce.map((p) => p.code).join(", ") })}
            </p>
          ) : null}
          <table className="data eval-table" data-testid="ranking">
            <thead>
              <tr>
                <th>{t("place")}</th>
                <th>{t("code")}</th>
                <th>{t("name")}</th>
                <th>{t("score")}</th>
                <th>{t("data")}</th>
                <th>{t("rating")}</th>
                <th>{t("weakest")}</th>
              </tr>
            </thead>
            <tbody>
              {r.items.map((i) => {
                const href = `/programs/${i.programId}/evaluation${qs({ year: r.year, asOf, missingFact })}`;
                return (
                  <tr key={i.programId} data-testid={`rank-${i.code}`}>
                    <td className="num">{i.place ?? "—"}</td>
                    <td>
                      <Link to={href}>{i.code}</Link>
                    </td>
                    <td>
                      <Link to={href}>{i.name}</Link>
                    </td>
                    <td className="num strong" data-testid="rank-score" data-value={i.score ?? ""}>
                      {i.noData ? <span className="muted">{t("noData")}</span> : dec(i.scoreDisplay, lang)}
                    </td>
                    <td
                      className="muted"
                      data-testid="rank-data"
                      title={i.completeness ? completenessTitle(i.completeness, lang) : undefined}
                    >
                      {completenessText(i.completeness, lang)}
                    </td>
                    <td data-testid="rank-rating" data-rating={i.rating ?? ""}>
                      {i.rating ? (
                        <span className={`rating rating-${i.rating}`}>{RATING_NAMES[i.rating][lang === "ru" ? 0 : 1]}</span>
                      ) : i.noData ? (
                        <span className="muted">{t("noData")}</span>
                      ) : (
                        <span className="error">{i.error}</span>
                      )}
                    </td>
                    <td data-testid="rank-weakest">
                      {i.weakestDirection ? (
                        <>
                          {i.weakestDirection.code} {i.weakestDirection.name} — {fmt(i.weakestDirection.score, lang)}
                        </>
                      ) : (
                        "—"
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {scored.length ? (
            <Chart
              title={t("chart")}
              testId="chart-ranking"
              unit="%"
              height={Math.max(240, 40 + scored.length * 12)}
              categories={scored.map((i) => i.code)}
              series={[{ name: t("score"), kind: "bar", values: scored.map((i) => i.scoreDisplay) }]}
            />
          ) : null}
        </>
      )}
    </div>
  );
}
