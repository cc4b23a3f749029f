/**
 * /monitoring?program=ID&year=2026&period=Q1 — «Мониторинг»: the report of a program for a period
 * (Q1–Q3 cumulative, or the annual report) with its steps, and the facts of the period entered in
 * the shared Grid. A locked period (220-п 6.16) shows as locked; the server refuses any change of
 * it, and the refusal stands beside the cell.
 */
import { useEffect, useState } from "react";
import { DIRECTION_REPORT_STATE_LABELS, type Action } from "@orientir/domain";
import { api } from "../../lib/api.ts";
import { messages, useLang, useT } from "../../lib/i18n.tsx";
import { navigate, useLocation } from "../../lib/router.tsx";
import { useSession } from "../../lib/session.tsx";
import { useLoad } from "../../lib/useLoad.ts";
import { currentPeriod, formatDate, monitoringUrl, periodName, REPORT_PERIODS, type ReportPeriod } from "./common.ts";
import { AnnualResults, BudgetFacts, CheckpointFacts, IndicatorFacts, MetricFacts, type CanRow } from "./FactsSections.tsx";
import { ReportPanel } from "./ReportPanel.tsx";
import { FormDownload } from "../../components/FormDownload.tsx";
import { ReadOnlyReasonContext, type ReadOnlyReason } from "../../components/Grid.tsx";
import "./monitoring.css";
import { Loading } from "../../components/Loading.tsx";

const M = messages({
  title: ["Мониторинг", "Monitoring"],
  program: ["Программа", "Program"],
  year: ["Год", "Year"],
  period: ["Период", "Period"],
  loading: ["Загрузка…", "Loading…"],
  noPrograms: ["Программ нет", "No programs"],
  locked: ["Период закрыт", "The period is locked"],
  lockedText: [
    "{title}: заключение получено {at}, изменения за отчетный период не вносятся (220-п п. 6.16).",
    "{title}: the conclusion was recorded on {at}; the period's data may not be changed (Decree 220-p, 6.16).",
  ],
  monitoringForm: ["Форма мониторинга", "Monitoring form"],
  annualForm: ["Годовой отчет", "Annual report"],
  frozen: ["Данные заморожены", "The data is frozen"],
  reportFrozen: [
    "{title}: отчет представлен — его данные заморожены до возврата на доработку; вернуть отчет может {who}.",
    "{title}: the report is submitted — its data is frozen until it is returned for rework (by the {who}).",
  ],
  directionFrozen: [
    "{title}, направление {code}: информация {state} — факты заморожены для соисполнителя до возврата на доработку; вернуть направление может ответственный исполнитель.",
    "{title}, direction {code}: the information is {state} — its facts are frozen for the co-executor until the responsible executor returns it.",
  ],
  economyWho: ["управление экономики", "economy department"],
  financeWho: ["управление финансов", "finance department"],
  refused: [
    "Отчет не представлен: укажите обоснование отклонения у отмеченных значений.",
    "Not submitted: give a justification beside the marked values.",
  ],
});

export function MonitoringPage() {
  const t = useT(M);
  const { lang } = useLang();
  const { query } = useLocation();
  const { can, actor } = useSession();
  const programs = useLoad(() => api.GET("/api/programs"), []);
  const sources = useLoad(() => api.GET("/api/budget-sources"), []);
  const list = [...(programs.data?.items ?? [])].sort((a, b) => String(a.code).localeCompare(String(b.code), "ru", { numeric: true }));
  const now = currentPeriod();
  const programId = query.get("program") ?? list[0]?.id ?? null;
  const program = list.find((p) => p.id === programId) ?? null;
  const years: number[] = [];
  if (program) for (let y = Number(program.startYear); y <= Number(program.endYear) && years.length < 30; y++) years.push(y);
  const qYear = Number(query.get("year"));
  const year = qYear && (!years.length || years.includes(qYear)) ? qYear : years.includes(now.year) ? now.year : (years[0] ?? now.year);
  const qPeriod = query.get("period") as ReportPeriod | null;
  const period: ReportPeriod = qPeriod && (REPORT_PERIODS as readonly string[]).includes(qPeriod) ? qPeriod : now.period;

  const choose = (p: { program?: string; year?: number; period?: string }) =>
    navigate(monitoringUrl(p.program ?? programId ?? "", p.year ?? year, p.period ?? period), { replace: true });

  const tree = useLoad(
    () =>
      programId
        ? api.GET("/api/programs/{id}/tree", { params: { path: { id: programId }, query: { inForce: "1" } } })
        : Promise.resolve(null),
    [programId],
  );
  const reportKey = programId ? `${programId}/${year}/${period}` : "";
  const report = useLoad(
    () =>
      programId
        ? api.GET("/api/monitoring/programs/{id}/reports/{year}/{period}", { params: { path: { id: programId, year, period } } })
        : Promise.resolve(null),
    [reportKey],
  );
  // the refused justifications of the report shown (another report starts without them)
  const [issuesOf, setIssuesOf] = useState<{ report: string; issues: Record<string, string> }>({ report: reportKey, issues: {} });
  const issues = issuesOf.report === reportKey ? issuesOf.issues : {};
  const setIssues = (list: Record<string, string>) => setIssuesOf({ report: reportKey, issues: list });

  const p = tree.data;
  // submitted means frozen (issue 10): a locked period, a submitted report, a co-executor's submitted direction
  const r = report.data;
  const reportFrozen =
    r && (r.state === "submitted" || r.state === "financeReviewed")
      ? t("reportFrozen", { title: r.title, who: t(r.period === "annual" && r.state === "submitted" ? "financeWho" : "economyWho") })
      : null;
  const frozenFor = (directionCoExecutorId: string | null, directionId?: string | null, resource?: string): string | null => {
    if (!r) return null;
    if (r.locked) return t("lockedText", { title: r.title, at: formatDate(r.locked.lockedAt, true) });
    // the budget figures are the finance department's own data: only the lock closes them
    if (resource === "budgetExecution" || resource === "budgetSchedule") return null;
    if (reportFrozen) return reportFrozen;
    if (actor?.role !== "coexecutor") return null;
    const d = r.directions.find(
      (x) =>
        (directionId ? x.directionId === directionId : x.coExecutorDepartmentId === directionCoExecutorId) &&
        (x.state === "submitted" || x.state === "accepted"),
    );
    return d ? t("directionFrozen", { title: r.title, code: d.code, state: DIRECTION_REPORT_STATE_LABELS[d.state][lang] }) : null;
  };
  const canRow: CanRow = (action: Action, resource, directionCoExecutorId) =>
    p !== null &&
    can(action, {
      area: "program",
      municipalityId: p.municipalityId,
      resource,
      responsibleDepartmentId: p.responsibleDepartmentId,
      directionCoExecutorId,
    }) &&
    (action === "read" || frozenFor(directionCoExecutorId, undefined, resource) === null);
  const reason: ReadOnlyReason = (target) => {
    const directionId = (target.record?.directionId ?? target.create?.directionId ?? null) as string | null;
    return directionId
      ? frozenFor(null, directionId, target.resource)
      : r?.locked || reportFrozen
        ? frozenFor(null, undefined, target.resource)
        : null;
  };
  // the banner: what is frozen for the caller now (a locked period has its own banner)
  const ownDirection =
    actor?.role === "coexecutor" ? r?.directions.find((d) => d.coExecutorDepartmentId === actor.departmentId) : undefined;
  const ownFrozen = r && !r.locked ? (reportFrozen ?? (ownDirection ? frozenFor(null, ownDirection.directionId) : null)) : null;
  const justificationIssues = Object.keys(issues).length > 0;

  return (
    <section className="monitoring">
      <h1>{t("title")}</h1>
      <div className="toolbar selectors">
        <label>
          {t("program")}
          <select data-testid="choose-program" value={programId ?? ""} onChange={(e) => choose({ program: e.target.value })}>
            {list.map((x) => (
              <option key={x.id} value={x.id}>
                {x.code}. {x.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("year")}
          <select data-testid="choose-year" value={year} onChange={(e) => choose({ year: Number(e.target.value) })}>
            {years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("period")}
          <select data-testid="choose-period" value={period} onChange={(e) => choose({ period: e.target.value })}>
            {REPORT_PERIODS.map((x) => (
              <option key={x} value={x}>
                {periodName(x, lang)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {programId ? (
        <div className="toolbar" data-testid="monitoring-forms">
          <FormDownload
            path={`/api/programs/${programId}/forms/monitoring`}
            form="monitoring"
            label={t("monitoringForm")}
            params={{ year, quarter: period === "annual" ? 4 : Number(period.slice(1)) }}
          />
          <FormDownload
            path={`/api/programs/${programId}/forms/annual-report`}
            form="annual-report"
            label={t("annualForm")}
            params={{ year }}
          />
        </div>
      ) : null}
      {programs.data && list.length === 0 ? <p className="muted">{t("noPrograms")}</p> : null}
      {(programs.loading && !programs.data) || (tree.loading && !tree.data) ? <Loading /> : null}
      {tree.error ? <p className="error">{tree.error.message}</p> : null}
      {report.error ? (
        <p className="error" role="alert">
          {report.error.message}
        </p>
      ) : null}
      {report.data?.locked ? (
        <div className="banner locked" role="status" data-testid="period-locked">
          <strong>{t("locked")}.</strong> {t("lockedText", { title: report.data.title, at: formatDate(report.data.locked.lockedAt, true) })}
        </div>
      ) : null}
      {ownFrozen ? (
        <div className="banner locked" role="status" data-testid="facts-frozen">
          <strong>{t("frozen")}.</strong> {ownFrozen}
        </div>
      ) : null}
      {report.data ? (
        <ReportPanel
          report={report.data}
          at={{ id: programId!, year, period }}
          // the transition's answer at once; its mutation has the program's data fetched again
          onChanged={(r) => report.setData(r)}
          onRefused={(list) =>
            setIssues(Object.fromEntries(list.filter((i) => i.path.endsWith(".justification")).map((i) => [i.path, i.message])))
          }
        />
      ) : null}
      {justificationIssues ? (
        <div className="banner error" role="alert" data-testid="justification-needed">
          {t("refused")}
        </div>
      ) : null}
      {p && p.id === programId ? (
        <ReadOnlyReasonContext.Provider value={reason}>
          <MetricFacts program={p} year={year} period={period} can={canRow} issues={issues} />
          <CheckpointFacts program={p} year={year} period={period} can={canRow} issues={issues} />
          <IndicatorFacts program={p} year={year} period={period} can={canRow} issues={issues} />
          {period === "annual" ? <AnnualResults program={p} year={year} period={period} can={canRow} issues={issues} /> : null}
          <BudgetFacts
            program={p}
            year={year}
            period={period}
            can={canRow}

            issues={issues}
            sources={(sources.data?.items ?? []).map((s) => ({ code: s.code ?? "", name: s.name ?? "" }))}
          />
        </ReadOnlyReasonContext.Provider>
      ) : null}
    </section>
  );
}

/** /programs/:id/monitoring/:year/:period — the link of a notification — opens the monitoring page. */
export function MonitoringLinkPage({ params }: { params: Record<string, string> }) {
  useEffect(() => {
    navigate(monitoringUrl(params.id ?? "", Number(params.year), params.period ?? ""), { replace: true });
  }, [params.id, params.year, params.period]);
  return null;
}
