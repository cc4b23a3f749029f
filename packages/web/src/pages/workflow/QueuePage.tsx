/**
 * /workflow — my approval tasks: the drafts waiting on me (a review, a rework, an approval, a
 * publication), each with its term by the working-day calendar, overdue ones flagged; and the
 * legal dates of decree 220-п this year (1 April, 15 July, 1 August).
 */
import { FLOW_LABELS, KIND_LABELS } from "@orientir/domain";
import { api } from "../../lib/api.ts";
import { messages, useLang, useT } from "../../lib/i18n.tsx";
import { Link } from "../../lib/router.tsx";
import { useLoad } from "../../lib/useLoad.ts";
import { fmtDate, LegalDeadlines, useActionLabel } from "./common.tsx";
import { Loading } from "../../components/Loading.tsx";

const M = messages({
  title: ["Согласование", "Approval"],
  intro: [
    "Проекты программ, изменений и распоряжений, по которым сейчас нужно ваше действие. Сроки — в рабочих днях по производственному календарю.",
    "Drafts of programs, amendments and orders waiting on you. Terms are in working days of the calendar.",
  ],
  today: ["Сегодня {d}", "Today {d}"],
  empty: ["Сейчас задач согласования нет.", "No approval tasks now."],
  program: ["Программа", "Program"],
  what: ["Проект", "Draft"],
  stage: ["Этап", "Stage"],
  since: ["На этапе с", "Since"],
  due: ["Срок", "Due"],
  todo: ["Что сделать", "To do"],
  overdue: ["просрочено", "overdue"],
  version: ["редакция {n}", "version {n}"],
  direction: ["направление {c}", "direction {c}"],
  legal: ["Сроки 220-п в этом году", "Dates of Decree 220-p this year"],
  loading: ["Загрузка…", "Loading…"],
  open: ["Открыть", "Open"],
});

export function QueuePage() {
  const t = useT(M);
  const { lang } = useLang();
  const actionLabel = useActionLabel();
  const q = useLoad(() => api.GET("/api/workflow/queue"), []);
  const items = [...(q.data?.items ?? [])].sort(
    (a, b) => Number(b.overdue) - Number(a.overdue) || String(a.dueDate ?? "9999").localeCompare(String(b.dueDate ?? "9999")),
  );
  return (
    <section>
      <h1>{t("title")}</h1>
      <p className="muted">{t("intro")}</p>
      {q.error ? (
        <p className="error" role="alert">
          {q.error.message}
        </p>
      ) : null}
      {!q.data && !q.error ? <Loading /> : null}
      {q.data ? <p className="muted">{t("today", { d: fmtDate(q.data.today) })}</p> : null}
      {q.data && items.length === 0 ? (
        <p className="muted" data-testid="queue-empty">
          {t("empty")}
        </p>
      ) : null}
      {items.length ? (
        <table className="data" aria-label={t("title")} data-testid="workflow-queue">
          <thead>
            <tr>
              <th>{t("program")}</th>
              <th>{t("what")}</th>
              <th>{t("stage")}</th>
              <th>{t("since")}</th>
              <th>{t("due")}</th>
              <th>{t("todo")}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((i) => (
              <tr key={i.workflowId} className={i.overdue ? "overdue-row" : ""} data-testid={`queue-${i.programCode}`}>
                <td>
                  <Link to={`/programs/${i.programId}/versions`}>{i.programCode}</Link> {i.programName}
                </td>
                <td>
                  {FLOW_LABELS[i.flow][lang]}: {KIND_LABELS[i.kind][lang].toLowerCase()}, {t("version", { n: i.versionNumber })}
                  {i.directionCode ? <>, {t("direction", { c: i.directionCode })}</> : null}
                </td>
                <td>{i.stateLabel}</td>
                <td>{fmtDate(i.since)}</td>
                <td className={i.overdue ? "overdue" : ""}>
                  {fmtDate(i.dueDate)}
                  {i.dueClause ? <small className="muted"> ({i.dueClause})</small> : null}
                  {i.overdue ? <strong className="overdue-flag"> {t("overdue")}</strong> : null}
                </td>
                <td>
                  {i.actions.map(actionLabel).join("; ")}{" "}
                  <Link to={`/programs/${i.programId}/versions#wf-${i.workflowId}`}>{t("open")}</Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {q.data?.legalDeadlines.length ? (
        <>
          <h2>{t("legal")}</h2>
          <LegalDeadlines items={q.data.legalDeadlines} />
        </>
      ) : null}
    </section>
  );
}
