/**
 * What the workflow pages share: the shapes of the workflow API's answers, dates, errors that cite
 * the rules of decree 220-п, and the panel of the steps the current user may take on a draft.
 * Which steps a user may take comes from the server (the domain's table of transitions narrowed by
 * the domain's permissions): nothing here names a role.
 */
import { formatDate, formatDateTime } from "../../lib/format.ts";
import { textOf } from "../../api/resources.ts";
import { useState, type FormEvent, type ReactNode } from "react";
import { WORKFLOW_ACTION_LABELS, WORKFLOW_STATE_LABELS, type WorkflowAction, type WorkflowState } from "@orientir/domain";
import { api, ApiError, errorBodyOf, type BodyOf, type ResponseOf, type Schema } from "../../lib/api.ts";
import { useSave } from "../../lib/query.ts";
import { messages, useLang, useT } from "../../lib/i18n.tsx";
import "./workflow.css";

/** A version of a program or of a direction's order (GET /api/programs/:id/versions). */
export type VersionView = ResponseOf<"get", "/api/programs/{id}/versions">["versions"][number];

/** A deadline of 220-п of the workflow (GET /api/workflows/:id). */
export type LegalDeadlineView = WorkflowView["legalDeadlines"][number];

/** The approval workflow of a version (GET /api/workflows/:id). */
export type WorkflowView = ResponseOf<"get", "/api/workflows/{id}">;

/** A change between two versions (of the diff and of the explanatory note). */
export type Change = Schema<"Change">;

export const CLOSED: readonly WorkflowState[] = ["approved", "published", "cancelled"];

const M = messages({
  rule: ["Правило: {rule}", "Rule: {rule}"],
  conflict: [
    "Данные изменил другой пользователь — ваши изменения не записаны.",
    "Someone else changed the data — your change was not saved.",
  ],
  conflictNow: ["Сейчас:", "Now:"],
  stage_economy: ["Управление экономики", "Economy department"],
  stage_finance: ["Управление финансов", "Finance department"],
  stage_audit: ["Контрольно-счетный орган", "Audit chamber"],
  positive: ["положительное", "positive"],
  negative: ["отрицательное", "negative"],
  periodFrom: ["Обсуждение с", "Discussion from"],
  periodTo: ["по", "to"],
  protocolDate: ["Дата протокола обсуждения", "Protocol date"],
  protocolNumber: ["Номер протокола", "Protocol number"],
  conclusionDocument: ["Заключение (номер, реквизиты)", "Conclusion (number, reference)"],
  conclusionDate: ["Дата заключения", "Conclusion date"],
  remarks: ["Замечания (каждое с новой строки)", "Remarks (one per line)"],
  remarksRequired: ["Замечания (каждое с новой строки), обязательно", "Remarks (one per line), required"],
  decreeNumber: ["Номер постановления (распоряжения)", "Decree (order) number"],
  decreeDate: ["Дата постановления (распоряжения)", "Decree (order) date"],
  confirm: ["Выполнить: {action}", "Do: {action}"],
  cancel: ["Отмена", "Cancel"],
  actionsTitle: ["Ваши действия", "Your actions"],
  answersTitle: ["Ответы на замечания (на каждое)", "Answers to the remarks (each one)"],
  remarkN: ["Замечание {n}", "Remark {n}"],
  answer: ["Ответ", "Answer"],
  noActions: ["Сейчас от вас действий не требуется.", "Nothing for you to do now."],
  done: ["Выполнено: {action}", "Done: {action}"],
});

/** 2026-05-15 → 15.05.2026; a timestamp keeps its time ("15.05.2026, 12:05"): lib/format.ts. */
export function fmtDate(iso: string | null | undefined): string {
  if (!iso) return "";
  return /^\d{4}-\d{2}-\d{2}$/.test(iso) ? formatDate(iso) : formatDateTime(iso);
}

export function useStateLabel(): (s: WorkflowState | null | undefined) => string {
  const { lang } = useLang();
  return (s) => (s ? (WORKFLOW_STATE_LABELS[s]?.[lang] ?? s) : "");
}
export function useActionLabel(): (a: WorkflowAction) => string {
  const { lang } = useLang();
  return (a) => WORKFLOW_ACTION_LABELS[a]?.[lang] ?? a;
}
export function useStageLabel(): (s: string) => string {
  const t = useT(M);
  return (s) => (s === "economy" || s === "finance" || s === "audit" ? t(`stage_${s}`) : s);
}

/** The rule an error of the API cites (422 RuleError), if any. */
export function ruleOf(e: unknown): string | null {
  const rule = errorBodyOf(e).rule;
  return typeof rule === "string" ? rule : null;
}
/** What the server holds now, sent with a 409 (stale write): the row of the kind the caller wrote. */
export function currentOf<T>(e: unknown): T | null {
  return e instanceof ApiError && e.status === 409 ? ((errorBodyOf(e).current as T | undefined) ?? null) : null;
}

/** An error of the API: its message, the rule it cites, the issues by field; for 409 what holds now. */
export function ErrorBox<C>({ error, describeCurrent }: { error: unknown; describeCurrent?: (current: C) => ReactNode }) {
  const t = useT(M);
  if (!error) return null;
  const e = error instanceof Error ? error : new Error(textOf(error) ?? "");
  const rule = ruleOf(e);
  const current = currentOf<C>(e);
  const issues = e instanceof ApiError ? e.issues : [];
  return (
    <div className="banner error" role="alert" data-testid="workflow-error">
      {e instanceof ApiError && e.status === 409 ? <strong>{t("conflict")} </strong> : null}
      <span>{e.message}</span>
      {rule ? (
        <div className="rule-cite" data-testid="error-rule">
          {t("rule", { rule })}
        </div>
      ) : null}
      {issues.length > 0 && !(issues.length === 1 && issues[0]!.message === e.message) ? (
        <ul className="issues">
          {issues.map((i, n) => (
            <li key={n}>
              {i.message}
              {i.path ? <small className="muted"> ({i.path})</small> : null}
            </li>
          ))}
        </ul>
      ) : null}
      {current && describeCurrent ? (
        <div data-testid="conflict-current">
          {t("conflictNow")} {describeCurrent(current)}
        </div>
      ) : null}
    </div>
  );
}

interface StepForm {
  periodFrom: string;
  periodTo: string;
  protocolDate: string;
  protocolNumber: string;
  conclusionDocument: string;
  conclusionDate: string;
  remarks: string;
  decreeNumber: string;
  decreeDate: string;
}
const EMPTY: StepForm = {
  periodFrom: "",
  periodTo: "",
  protocolDate: "",
  protocolNumber: "",
  conclusionDocument: "",
  conclusionDate: "",
  remarks: "",
  decreeNumber: "",
  decreeDate: "",
};

function today(): string {
  const d = new Date();
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/** Takes a step of a workflow (POST /api/workflows/:id/steps): the workflow as it is after it. */
function postStep(id: string, body: BodyOf<"post", "/api/workflows/{id}/steps">) {
  return api.POST("/api/workflows/{id}/steps", { params: { path: { id } }, body });
}

/**
 * The steps the current user may take on a workflow now, each with the inputs it needs. A step
 * is posted with the workflow's version; a stale one (409) shows the workflow as it is now.
 */
export function ActionPanel({ wf, onDone }: { wf: WorkflowView; onDone: (next: WorkflowView) => void }) {
  const t = useT(M);
  const actionLabel = useActionLabel();
  const stateLabel = useStateLabel();
  const [open, setOpen] = useState<WorkflowAction | null>(null);
  const [form, setForm] = useState<StepForm>(EMPTY);
  const [answers, setAnswers] = useState<string[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  // the step is a mutation: on success every read (the draft, its note, the queues) and the bell are fetched again
  const step = useSave((body: Parameters<typeof postStep>[1]) => postStep(wf.id, body));
  const busy = step.busy;
  const set = (k: keyof StepForm) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [k]: e.target.value }));
  const start = (a: WorkflowAction) => {
    setOpen(a);
    setError(null);
    setDone(null);
    setForm({ ...EMPTY, conclusionDate: today(), decreeDate: today(), protocolDate: today(), periodFrom: today() });
    setAnswers(a === "resubmit" ? (lastNegative?.remarks ?? []).map(() => "") : []);
  };
  // the remarks a resubmission answers: those of the last negative conclusion
  const lastNegative = [...wf.conclusions].reverse().find((c) => c.result === "negative") ?? null;
  const action = wf.actions.find((a) => a.action === open);
  const requires = new Set(action?.requires ?? []);
  const isConclusion = open === "positiveConclusion" || open === "negativeConclusion";
  const issue = (field: string) => (error instanceof ApiError ? error.issueFor(field) : undefined);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!open) return;
    const input: Record<string, unknown> = {};
    if (requires.has("period")) input.period = { from: form.periodFrom, to: form.periodTo };
    if (requires.has("protocol"))
      input.protocol = { date: form.protocolDate, ...(form.protocolNumber.trim() ? { number: form.protocolNumber.trim() } : {}) };
    if (requires.has("conclusion") || isConclusion)
      input.conclusion = { document: form.conclusionDocument, ...(form.conclusionDate ? { date: form.conclusionDate } : {}) };
    const remarks = form.remarks
      .split("\n")
      .map((s) => s.trim())
      .filter(Boolean);
    if (requires.has("remarks") || (isConclusion && remarks.length)) input.remarks = remarks;
    if (requires.has("decree")) input.decree = { number: form.decreeNumber, date: form.decreeDate };
    if (open === "resubmit" && answers.length) input.answers = answers;
    setError(null);
    try {
      const next = await step.run({ version: wf.version, action: open, ...(Object.keys(input).length ? { input } : {}) });
      setDone(actionLabel(open));
      setOpen(null);
      onDone(next);
    } catch (err) {
      setError(err);
    }
  };
  const field = (key: keyof StepForm, label: string, type: string, name: string) => (
    <label className={issue(name) ? "invalid" : ""}>
      <span>{label}</span>
      <input name={key} type={type} value={form[key]} onChange={set(key)} aria-invalid={issue(name) ? true : undefined} />
      {issue(name) ? <span className="error field-error">{issue(name)}</span> : null}
    </label>
  );
  return (
    <div className="wf-actions" data-testid="workflow-actions">
      <h4>{t("actionsTitle")}</h4>
      {done ? (
        <p className="ok" role="status">
          {t("done", { action: done })}
        </p>
      ) : null}
      {wf.actions.length === 0 ? <p className="muted">{t("noActions")}</p> : null}
      <div className="toolbar">
        {wf.actions.map((a) => (
          <button
            key={a.action}
            type="button"
            className={a.action === "negativeConclusion" || a.action === "cancel" ? "secondary" : ""}
            aria-pressed={open === a.action}
            data-testid={`action-${a.action}`}
            onClick={() => start(a.action)}
          >
            {actionLabel(a.action)}
          </button>
        ))}
      </div>
      {open ? (
        <form className="card step-form" onSubmit={(e) => void submit(e)} data-testid={`step-form-${open}`} aria-label={actionLabel(open)}>
          {requires.has("period") ? (
            <div className="row">
              {field("periodFrom", t("periodFrom"), "date", "period.from")}
              {field("periodTo", t("periodTo"), "date", "period.to")}
            </div>
          ) : null}
          {requires.has("protocol") ? (
            <div className="row">
              {field("protocolDate", t("protocolDate"), "date", "protocol.date")}
              {field("protocolNumber", t("protocolNumber"), "text", "protocol.number")}
            </div>
          ) : null}
          {requires.has("conclusion") || isConclusion ? (
            <div className="row">
              {field("conclusionDocument", t("conclusionDocument"), "text", "conclusion.document")}
              {field("conclusionDate", t("conclusionDate"), "date", "conclusion.date")}
            </div>
          ) : null}
          {requires.has("remarks") || isConclusion ? (
            <label className={issue("remarks") ? "invalid" : ""}>
              <span>{requires.has("remarks") ? t("remarksRequired") : t("remarks")}</span>
              <textarea name="remarks" rows={4} value={form.remarks} onChange={set("remarks")} />
              {issue("remarks") ? <span className="error field-error">{issue("remarks")}</span> : null}
            </label>
          ) : null}
          {requires.has("decree") ? (
            <div className="row">
              {field("decreeNumber", t("decreeNumber"), "text", "decree.number")}
              {field("decreeDate", t("decreeDate"), "date", "decree.date")}
            </div>
          ) : null}
          {open === "resubmit" && lastNegative && answers.length ? (
            <fieldset className="answers" data-testid="remark-answers">
              <legend>{t("answersTitle")}</legend>
              {lastNegative.remarks.map((r, i) => (
                <label key={i} className={issue(`input.answers[${i}]`) ? "invalid" : ""}>
                  <span>
                    {t("remarkN", { n: i + 1 })}: {r}
                  </span>
                  <textarea
                    name={`answer-${i}`}
                    rows={2}
                    aria-label={`${t("answer")} ${i + 1}`}
                    value={answers[i] ?? ""}
                    onChange={(e) => setAnswers((a) => a.map((x, k) => (k === i ? e.target.value : x)))}
                  />
                  {issue(`input.answers[${i}]`) ? <span className="error field-error">{issue(`input.answers[${i}]`)}</span> : null}
                </label>
              ))}
            </fieldset>
          ) : null}
          <ErrorBox error={error} describeCurrent={(c: WorkflowView) => <strong>{stateLabel(c.state)}</strong>} />
          <div className="toolbar">
            <button type="submit" disabled={busy} data-testid="step-submit">
              {t("confirm", { action: actionLabel(open) })}
            </button>
            <button
              type="button"
              className="secondary"
              onClick={() => {
                const current = currentOf<WorkflowView>(error);
                if (current) onDone(current);
                setOpen(null);
              }}
            >
              {t("cancel")}
            </button>
          </div>
        </form>
      ) : null}
    </div>
  );
}

/** The legal dates of the year (220-п 4.1, 4.6, 4.16, 4.17) that apply, with the days left. */
export function LegalDeadlines({ items }: { items: LegalDeadlineView[] }) {
  const { lang } = useLang();
  const t = useT(LM);
  if (!items.length) return null;
  return (
    <ul className="legal-deadlines" data-testid="legal-deadlines">
      {items.map((d) => (
        <li key={`${d.key}-${d.date}`} className={d.passed ? "passed" : d.daysLeft <= 30 ? "soon" : ""}>
          <strong>{fmtDate(d.date)}</strong> — {lang === "ru" ? d.ru : d.en} <small className="muted">({d.clause})</small>{" "}
          <span className="muted">{d.passed ? t("passed") : t("left", { n: d.daysLeft })}</span>
        </li>
      ))}
    </ul>
  );
}
const LM = messages({
  passed: ["срок прошел", "passed"],
  left: ["осталось дней: {n}", "{n} days left"],
});

/** The steps taken on a workflow and the conclusions with their remarks. */
export function WorkflowHistory({ wf }: { wf: WorkflowView }) {
  const t = useT(HM);
  const stateLabel = useStateLabel();
  const actionLabel = useActionLabel();
  const stageLabel = useStageLabel();
  const tm = useT(M);
  return (
    <div className="wf-history">
      <h4>{t("steps")}</h4>
      {wf.history.length === 0 ? <p className="muted">{t("noSteps")}</p> : null}
      {wf.history.length ? (
        <table className="data" aria-label={t("steps")} data-testid="workflow-history">
          <thead>
            <tr>
              <th>№</th>
              <th>{t("when")}</th>
              <th>{t("who")}</th>
              <th>{t("step")}</th>
              <th>{t("from")}</th>
              <th>{t("to")}</th>
              <th>{t("due")}</th>
            </tr>
          </thead>
          <tbody>
            {wf.history.map((h) => (
              <tr key={h.seq}>
                <td className="num">{h.seq}</td>
                <td>{fmtDate(h.at)}</td>
                {/* a person by their name, never by their login */}
                <td>{h.actorName ?? ""}</td>
                <td>{actionLabel(h.action)}</td>
                <td>{stateLabel(h.from)}</td>
                <td>{stateLabel(h.to)}</td>
                <td>{fmtDate(h.dueDate)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {wf.conclusions.length ? (
        <>
          <h4>{t("conclusions")}</h4>
          <ul className="conclusions" data-testid="workflow-conclusions">
            {wf.conclusions.map((c) => (
              <li key={c.id} className={c.result} data-testid={`conclusion-${c.stage}-${c.result}`}>
                <strong>{stageLabel(c.stage)}</strong>: {t("conclusion")} {tm(c.result)} — {c.document}, {fmtDate(c.date)}
                {c.authorName ? <span className="muted"> ({c.authorName})</span> : null}
                {c.remarks.length ? (
                  <ol className="remarks">
                    {c.remarks.map((r, i) => (
                      <li key={i}>
                        {r}
                        {c.answers?.[i] ? (
                          <div className="answer" data-testid="remark-answer">
                            {t("answer")}: {c.answers[i]}
                          </div>
                        ) : null}
                      </li>
                    ))}
                  </ol>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}
const HM = messages({
  steps: ["Ход согласования", "Steps"],
  noSteps: ["Шагов пока нет: проект у разработчика.", "No steps yet: the draft is with its author."],
  when: ["Когда", "When"],
  who: ["Кто", "Who"],
  step: ["Шаг", "Step"],
  from: ["Из этапа", "From"],
  to: ["В этап", "To"],
  due: ["Срок следующего этапа", "Next term"],
  conclusions: ["Заключения", "Conclusions"],
  conclusion: ["заключение", "conclusion"],
  answer: ["Ответ разработчика", "The preparer's answer"],
});

/** The state of a workflow with its term: since when, until when, overdue flagged. */
export function Term({ wf }: { wf: Pick<WorkflowView, "since" | "dueDate" | "dueClause" | "overdue"> }) {
  const t = useT(TM);
  return (
    <span className="term">
      {t("since", { d: fmtDate(wf.since) })}
      {wf.dueDate ? (
        <>
          {", "}
          <span className={wf.overdue ? "overdue" : ""} data-testid="due-date">
            {t("due", { d: fmtDate(wf.dueDate) })}
            {wf.dueClause ? <small className="muted"> ({wf.dueClause})</small> : null}
          </span>
          {wf.overdue ? <strong className="overdue-flag"> {t("overdue")}</strong> : null}
        </>
      ) : null}
    </span>
  );
}
const TM = messages({
  since: ["с {d}", "since {d}"],
  due: ["срок — {d}", "due {d}"],
  overdue: ["просрочено", "overdue"],
});
