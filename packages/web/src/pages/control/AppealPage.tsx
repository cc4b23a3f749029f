/**
 * /control/appeals/:id: an appeal (issue 15, part 3) — its term, state and author (to those allowed,
 * each showing logged by the server), and the steps the user may take now (the server says which:
 * assign, redirect within 7 days, extend once, answer, stop the correspondence on a repeated one),
 * each with what it needs.
 */
import { useState, type FormEvent } from "react";
import { APPEAL_CHANNEL_LABELS } from "@orientir/domain";
import { api, type ApiError } from "../../lib/api.ts";
import { save } from "../../lib/query.ts";
import { messages, useLang, useT } from "../../lib/i18n.tsx";
import { Link } from "../../lib/router.tsx";
import { useLoad } from "../../lib/useLoad.ts";
import { ANSWER_ROUND_STATES, APPEAL_STATE_NAMES, APPEAL_STEP_NAMES, fmtDate, type AppealStepName } from "./appealLabels.ts";
import { AppealFiles } from "./AppealFiles.tsx";
import "../strategy/pages.css";
import { DateField } from "../../components/DateField.tsx";

const M = messages({
  back: ["Обращения граждан", "Citizens' appeals"],
  channel: ["Канал", "Channel"],
  received: ["Поступило", "Received"],
  registered: ["Зарегистрировано", "Registered"],
  due: ["Срок ответа", "Due"],
  state: ["Состояние", "State"],
  extended: ["срок продлен", "term extended"],
  topic: ["Тема", "Topic"],
  district: ["Территория", "District"],
  author: ["Автор", "Author"],
  hidden: ["персональные данные скрыты", "personal data hidden"],
  anonymous: ["анонимное: регистрируется без ответа", "anonymous: registered, not answered"],
  collective: ["коллективное, подписавших", "collective, signatories"],
  repeated: ["повторное обращение", "repeated appeal"],
  redirectedTo: ["Перенаправлено", "Redirected to"],
  answeredOn: ["Дата ответа", "Answered on"],
  act: ["Действия", "Actions"],
  department: ["Подразделение-исполнитель", "Executor department"],
  body: ["Орган, которому направляется обращение", "Body the appeal goes to"],
  newDue: ["Новый срок (не более 30 дней сверх)", "New term (at most 30 days more)"],
  reason: ["Основание (автор уведомляется)", "Reason (the author is notified)"],
  answer: ["Текст ответа", "Answer"],
  none: ["Нет доступных действий", "No actions available"],
  feedback: ["Отзыв автора об ответе", "The author's feedback"],
  template: ["Шаблон ответа", "Answer template"],
  letter: ["Письмо с ответом", "Answer letter"],
  fb_satisfied: ["удовлетворен", "satisfied"],
  fb_notSatisfied: ["не удовлетворен", "not satisfied"],
  remark: ["Замечание (возвращается исполнителю)", "Remark (goes back to the executor)"],
  approval: ["Утверждение ответа", "Approval of the answer"],
  round: ["Проект", "Draft"],
  remarkShown: ["замечание", "remark"],
});

const empty = { department: "", redirectedTo: "", newDue: "", reason: "", answerText: "", templateCode: "" };

export function AppealPage({ params }: { params: Record<string, string> }) {
  const t = useT(M);
  const { lang } = useLang();
  const L = lang === "ru" ? "ru" : "en";
  const id = params.id ?? "";
  const a = useLoad(() => api.GET("/api/appeals/{id}", { params: { path: { id } } }), [id]);
  const deps = useLoad(() => api.GET("/api/departments"), []);
  const [action, setAction] = useState<AppealStepName | null>(null);
  const [form, setForm] = useState(empty);
  const [error, setError] = useState<string | null>(null);
  const [templates, setTemplates] = useState<{ code: string; title: string }[]>([]);
  const draft = async (template: string | null) => {
    setError(null);
    try {
      const r = await api.GET("/api/appeals/{id}/answer-draft", {
        params: { path: { id }, query: template ? { template } : {} },
      });
      setTemplates(r.templates);
      setForm((f) => ({ ...f, answerText: r.text, templateCode: r.template }));
    } catch (err) {
      setError((err as ApiError).message);
    }
  };
  const choose = (x: AppealStepName) => {
    setAction(x);
    if (x === "answer" && !form.answerText) void draft(null);
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!a.data || !action) return;
    setError(null);
    try {
      const next = await save(() =>
        api.POST("/api/appeals/{id}/steps", {
          params: { path: { id } },
          body: {
            action,
            version: a.data!.version,
            ...(action === "assign" ? { assignedDepartmentId: form.department || null } : {}),
            ...(action === "redirect" ? { redirectedTo: form.redirectedTo || null } : {}),
            ...(action === "extend" ? { newDue: form.newDue || null, reason: form.reason || null } : {}),
            ...(action === "answer" ? { answerText: form.answerText || null, templateCode: form.templateCode || null } : {}),
            ...(action === "stop" || action === "returnAnswer" ? { reason: form.reason || null } : {}),
          },
        }),
      );
      a.setData(next);
      setAction(null);
      setForm(empty);
    } catch (err) {
      setError((err as ApiError).message);
    }
  };
  if (a.error)
    return (
      <div className="banner error" role="alert">
        {(a.error as ApiError).message}
      </div>
    );
  const d = a.data;
  if (!d) return null;
  const departments = deps.data?.items ?? [];
  const deptName = (x: string | null) => (x ? (departments.find((p) => p.id === x)?.name ?? x) : "—");
  return (
    <section data-testid="appeal-page">
      <p>
        <Link to="/control/appeals">{t("back")}</Link>
      </p>
      <h1>{d.number}</h1>
      <p>
        {t("channel")}: {APPEAL_CHANNEL_LABELS[d.channel][L]} · {t("received")}: {fmtDate(d.receivedOn)} · {t("registered")}:{" "}
        {fmtDate(d.registeredOn)}
      </p>
      <p>
        {t("due")}: <strong data-testid="appeal-due">{fmtDate(d.due)}</strong>
        {d.extended ? ` (${t("extended")})` : ""} · {t("state")}:{" "}
        <strong data-testid="appeal-state">{APPEAL_STATE_NAMES[d.state][L]}</strong>
      </p>
      <p>
        {t("topic")}: {d.topicTitle ?? d.topicCode} · {t("district")}: {d.district ?? "—"} · {t("department")}:{" "}
        {deptName(d.assignedDepartmentId)}
      </p>
      <p data-testid="appeal-author">
        {t("author")}:{" "}
        {d.anonymous
          ? t("anonymous")
          : d.author
            ? [d.author.name, d.author.address, d.author.email].filter(Boolean).join(", ")
            : t("hidden")}
        {d.collective ? ` · ${t("collective")}: ${d.signatories}` : ""}
        {d.repeatedOf ? (
          <>
            {" · "}
            <Link to={`/control/appeals/${d.repeatedOf}`}>{t("repeated")}</Link>
          </>
        ) : null}
      </p>
      <blockquote className="card">{d.text}</blockquote>
      {d.author ? <AppealFiles id={d.id} /> : null}
      {d.redirectedTo ? (
        <p>
          {t("redirectedTo")}: {d.redirectedTo}
        </p>
      ) : null}
      {d.answeredOn ? (
        <p>
          {t("answeredOn")}: {fmtDate(d.answeredOn)}
          {d.state === "answered" && d.author ? (
            <>
              {" · "}
              {t("letter")}: <a href={`/api/appeals/${d.id}/answer/file?format=docx`}>DOCX</a> ·{" "}
              <a href={`/api/appeals/${d.id}/answer/file?format=pdf`}>PDF</a>
            </>
          ) : null}
        </p>
      ) : null}
      {d.feedback ? (
        <p data-testid="appeal-feedback">
          {t("feedback")}: <strong>{t(`fb_${d.feedback}`)}</strong>
          {d.feedbackComment ? ` — ${d.feedbackComment}` : ""}
        </p>
      ) : null}
      {d.answers.length ? (
        <div className="card" data-testid="appeal-answers">
          <h2>{t("approval")}</h2>
          <ol>
            {d.answers.map((r) => (
              <li key={r.round}>
                {t("round")} {r.round}: <strong>{ANSWER_ROUND_STATES[r.state][L]}</strong>
                {r.decidedAt ? ` (${fmtDate(r.decidedAt.slice(0, 10))})` : ""}
                {r.remark ? ` — ${t("remarkShown")}: ${r.remark}` : ""}
                {r.text ? <blockquote>{r.text}</blockquote> : null}
              </li>
            ))}
          </ol>
        </div>
      ) : null}
      <div className="card">
        <h2>{t("act")}</h2>
        {d.actions.length === 0 ? <p className="muted">{t("none")}</p> : null}
        {d.actions.map((x) => (
          <button
            key={x}
            type="button"
            className={action === x ? "" : "secondary"}
            onClick={() => choose(x)}
            data-testid={`appeal-action-${x}`}
          >
            {APPEAL_STEP_NAMES[x][L]}
          </button>
        ))}
        {action ? (
          <form onSubmit={(e) => void submit(e)} className="filters" data-testid="appeal-step-form">
            {action === "assign" ? (
              <label>
                {t("department")}
                <select value={form.department} onChange={(e) => setForm({ ...form, department: e.target.value })}>
                  <option value="">—</option>
                  {departments.map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.name}
                    </option>
                  ))}
                </select>
              </label>
            ) : null}
            {action === "redirect" ? (
              <label>
                {t("body")}
                <input value={form.redirectedTo} onChange={(e) => setForm({ ...form, redirectedTo: e.target.value })} size={40} />
              </label>
            ) : null}
            {action === "extend" ? (
              <label>
                {t("newDue")}
                <DateField name="newDue" aria-label={t("newDue")} value={form.newDue} onChange={(newDue) => setForm({ ...form, newDue })} />
              </label>
            ) : null}
            {action === "extend" || action === "stop" || action === "returnAnswer" ? (
              <label>
                {action === "returnAnswer" ? t("remark") : t("reason")}
                <textarea value={form.reason} onChange={(e) => setForm({ ...form, reason: e.target.value })} />
              </label>
            ) : null}
            {action === "answer" && templates.length ? (
              <label>
                {t("template")}
                <select onChange={(e) => void draft(e.target.value)} data-testid="appeal-template">
                  {templates.map((x) => (
                    <option key={x.code} value={x.code}>
                      {x.title}
                    </option>
                  ))}
                </select>
              </label>
            ) : null}
            {action === "answer" ? (
              <label>
                {t("answer")}
                <textarea value={form.answerText} onChange={(e) => setForm({ ...form, answerText: e.target.value })} cols={60} rows={6} />
              </label>
            ) : null}
            <button type="submit">{APPEAL_STEP_NAMES[action][L]}</button>
          </form>
        ) : null}
        {error ? (
          <div className="banner error" role="alert">
            {error}
          </div>
        ) : null}
      </div>
    </section>
  );
}
