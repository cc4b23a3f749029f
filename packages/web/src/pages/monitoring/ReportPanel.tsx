/**
 * The report of a program for a period: its state and each direction's, the steps the current
 * user may take now (the server answers them from the same permission rules), the history of
 * steps (who, when, comment) and the deadlines of 220-п for the period.
 */
import { useState, type FormEvent } from "react";
import { api, ApiError, errorBodyOf, type FieldIssue, type InitOf, type Schema } from "../../lib/api.ts";
import { save } from "../../lib/query.ts";
import { messages, useLang, useT } from "../../lib/i18n.tsx";
import { actionName, DEADLINE_STATES, directionStateName, formatDate, pick, programStateName, type SubmissionAction } from "./common.ts";

const M = messages({
  report: ["Отчет", "Report"],
  state: ["Состояние", "State"],
  directions: ["Направления", "Directions"],
  direction: ["Направление", "Direction"],
  actions: ["Действия", "Actions"],
  none: ["нет доступных действий", "no actions available"],
  history: ["История", "History"],
  when: ["Когда", "When"],
  who: ["Кто", "Who"],
  step: ["Шаг", "Step"],
  change: ["Состояние", "State"],
  comment: ["Комментарий", "Comment"],
  noHistory: ["Шагов еще не было", "No steps yet"],
  deadlines: ["Сроки (220-п)", "Deadlines (Decree 220-p)"],
  what: ["Что", "What"],
  due: ["Срок", "Due"],
  doneOn: ["Исполнено", "Done on"],
  commentFor: ["Комментарий (что доработать)", "Comment (what to rework)"],
  conclusionFor: ["Заключение", "Conclusion"],
  confirm: ["Подтвердить", "Confirm"],
  cancel: ["Отмена", "Cancel"],
  financeConclusion: ["Заключение управления финансов", "Finance department's conclusion"],
  economyConclusion: ["Заключение управления экономики", "Economy department's conclusion"],
  submitted: ["представлено {at}", "submitted {at}"],
  working: ["раб. дн. осталось: {n}", "working days left: {n}"],
});

/** A program's report of a period with its directions, steps and deadlines. */
export type ReportView = Schema<"ReportView">;

/** A program's report of a period: the path of /api/monitoring/programs/:id/reports/:year/:period. */
export type ReportAt = InitOf<"get", "/api/monitoring/programs/{id}/reports/{year}/{period}">["params"]["path"];

const NEEDS_COMMENT = new Set<SubmissionAction>(["returnDirection", "return"]);
const NEEDS_CONCLUSION = new Set<SubmissionAction>(["financeReview", "control"]);

interface Props {
  report: ReportView;
  /** The report: program, year, period. */
  at: ReportAt;
  /** The new report after a step. */
  onChanged: (r: ReportView) => void;
  /** The refusal of a step (the justification issues go beside the cells). */
  onRefused: (issues: FieldIssue[]) => void;
}

export function ReportPanel({ report, at, onChanged, onRefused }: Props) {
  const t = useT(M);
  const { lang } = useLang();
  const [asking, setAsking] = useState<{ action: SubmissionAction; directionId: string | null } | null>(null);
  const [text, setText] = useState("");
  const [error, setError] = useState<{ message: string; issues: FieldIssue[]; where: string; rule: string | null } | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (action: SubmissionAction, directionId: string | null, extra: { comment?: string; conclusion?: string } = {}) => {
    setBusy(true);
    setError(null);
    try {
      const r = await save(() =>
        api.POST("/api/monitoring/programs/{id}/reports/{year}/{period}/transitions", {
          params: { path: at },
          body: { action, directionId, ...extra },
        }),
      );
      setAsking(null);
      setText("");
      onRefused([]);
      onChanged(r);
    } catch (e) {
      if (e instanceof ApiError) {
        setError({ message: e.message, issues: e.issues, where: directionId ?? "program", rule: errorBodyOf(e).rule ?? null });
        onRefused(e.issues);
      } else setError({ message: String(e), issues: [], where: directionId ?? "program", rule: null });
    } finally {
      setBusy(false);
    }
  };

  const click = (action: SubmissionAction, directionId: string | null) => {
    if (NEEDS_COMMENT.has(action) || NEEDS_CONCLUSION.has(action)) {
      setAsking({ action, directionId });
      setText("");
      setError(null);
    } else void run(action, directionId);
  };

  const submitAsked = (e: FormEvent) => {
    e.preventDefault();
    if (!asking) return;
    void run(asking.action, asking.directionId, NEEDS_COMMENT.has(asking.action) ? { comment: text } : { conclusion: text });
  };

  const buttons = (actions: SubmissionAction[], directionId: string | null) =>
    actions.length ? (
      actions.map((a) => (
        <button
          key={a}
          type="button"
          className={a.startsWith("return") ? "secondary" : ""}
          disabled={busy}
          data-testid={`action-${a}${directionId ? `-${directionId}` : ""}`}
          onClick={() => click(a, directionId)}
        >
          {actionName(a, lang)}
        </button>
      ))
    ) : (
      <span className="muted">{t("none")}</span>
    );

  const askForm = (directionId: string | null) =>
    asking && asking.directionId === directionId ? (
      <form className="ask" onSubmit={submitAsked} data-testid="action-form">
        <label>
          {NEEDS_COMMENT.has(asking.action) ? t("commentFor") : t("conclusionFor")} — {actionName(asking.action, lang)}
          <textarea
            name={NEEDS_COMMENT.has(asking.action) ? "comment" : "conclusion"}
            rows={3}
            value={text}
            onChange={(e) => setText(e.target.value)}
            autoFocus
          />
        </label>
        {error &&
        error.where === (directionId ?? "program") &&
        error.issues.some((i) => i.path === "comment" || i.path === "conclusion") ? (
          <p className="error" role="alert">
            {error.issues.find((i) => i.path === "comment" || i.path === "conclusion")!.message}
          </p>
        ) : null}
        <div className="toolbar">
          <button type="submit" disabled={busy} data-testid="action-confirm">
            {t("confirm")}
          </button>
          <button type="button" className="secondary" onClick={() => setAsking(null)}>
            {t("cancel")}
          </button>
        </div>
      </form>
    ) : null;

  const errorAt = (where: string) =>
    error && error.where === where && !(asking && error.issues.some((i) => i.path === "comment" || i.path === "conclusion")) ? (
      <div className="banner error" role="alert" data-testid="report-error">
        <strong>{error.message}</strong>
        {error.rule && !error.message.includes(error.rule) ? <span> ({error.rule})</span> : null}
        {error.issues.some((i) => !i.path.endsWith(".justification")) ? (
          <ul>
            {error.issues
              .filter((i) => !i.path.endsWith(".justification"))
              .map((i, k) => (
                <li key={k}>{i.message}</li>
              ))}
          </ul>
        ) : null}
      </div>
    ) : null;

  const dirCode = (id: string | null) => report.directions.find((d) => d.directionId === id)?.code;

  return (
    <section className="card report" data-testid="report">
      <h2 data-testid="report-title">{report.title}</h2>
      <p>
        {t("state")}:{" "}
        <strong data-testid="report-state" data-state={report.state}>
          {programStateName(report.state, lang)}
        </strong>
      </p>
      {report.financeConclusion ? (
        <p data-testid="finance-conclusion">
          <strong>{t("financeConclusion")}:</strong> {report.financeConclusion}
        </p>
      ) : null}
      {report.economyConclusion ? (
        <p data-testid="economy-conclusion">
          <strong>{t("economyConclusion")}:</strong> {report.economyConclusion}
        </p>
      ) : null}
      <div className="toolbar" data-testid="report-actions">
        {buttons(report.actions, null)}
      </div>
      {askForm(null)}
      {errorAt("program")}

      <h3>{t("directions")}</h3>
      <table className="data" aria-label={t("directions")}>
        <thead>
          <tr>
            <th>{t("direction")}</th>
            <th>{t("state")}</th>
            <th>{t("actions")}</th>
          </tr>
        </thead>
        <tbody>
          {report.directions.map((d) => (
            <tr key={d.directionId} data-testid={`direction-${d.code}`}>
              <td>
                {d.code}. {d.name}
              </td>
              <td data-testid={`direction-state-${d.code}`} data-state={d.state}>
                {directionStateName(d.state, lang)}
                {d.submittedAt ? <div className="muted small">{t("submitted", { at: formatDate(d.submittedAt, true) })}</div> : null}
              </td>
              <td>
                <div className="toolbar">{buttons(d.actions, d.directionId)}</div>
                {askForm(d.directionId)}
                {errorAt(d.directionId)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <h3>{t("history")}</h3>
      {report.transitions.length === 0 ? (
        <p className="muted">{t("noHistory")}</p>
      ) : (
        <table className="data" aria-label={t("history")} data-testid="report-history">
          <thead>
            <tr>
              <th>{t("when")}</th>
              <th>{t("who")}</th>
              <th>{t("step")}</th>
              <th>{t("change")}</th>
              <th>{t("comment")}</th>
            </tr>
          </thead>
          <tbody>
            {report.transitions.map((tr) => (
              <tr key={tr.id} data-action={tr.action}>
                <td>{formatDate(tr.at, true)}</td>
                <td title={tr.actorLogin ?? undefined}>{tr.actorName ?? tr.actorLogin}</td>
                <td>
                  {actionName(tr.action, lang)}
                  {tr.directionId ? ` (${t("direction").toLowerCase()} ${dirCode(tr.directionId) ?? ""})` : ""}
                </td>
                <td className="muted">
                  {tr.directionId ? directionStateName(tr.fromState, lang) : programStateName(tr.fromState, lang)} →{" "}
                  {tr.directionId ? directionStateName(tr.toState, lang) : programStateName(tr.toState, lang)}
                </td>
                <td>{tr.comment}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h3>{t("deadlines")}</h3>
      <table className="data" aria-label={t("deadlines")} data-testid="report-deadlines">
        <thead>
          <tr>
            <th>{t("what")}</th>
            <th>{t("due")}</th>
            <th>{t("state")}</th>
            <th>{t("doneOn")}</th>
          </tr>
        </thead>
        <tbody>
          {report.deadlines.map((d) => (
            <tr key={d.key} className={`deadline ${d.state}`}>
              <td>
                {d.label}
                {d.directionCode ? `, ${t("direction").toLowerCase()} ${d.directionCode}` : ""}{" "}
                <span className="muted small">({d.clause})</span>
              </td>
              <td>{formatDate(d.due)}</td>
              <td className={`deadline-state ${d.state}`}>
                {pick(DEADLINE_STATES[d.state], lang, d.state)}
                {d.state === "upcoming" ? <div className="muted small">{t("working", { n: d.workingDaysLeft })}</div> : null}
              </td>
              <td>{formatDate(d.doneOn)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
