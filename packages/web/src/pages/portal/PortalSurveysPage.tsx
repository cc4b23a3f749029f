/**
 * /portal/surveys: surveys of residents (issue 14, part 5) — build one (single or multiple choice,
 * scale, free text; open and close moments; its questions are fixed once made) and read its
 * results at any time, free-text answers included (the portal shows them to nobody). The server
 * checks each action (economy department and administrator); others see the list.
 */
import { useState } from "react";
import { SURVEY_KIND_LABELS, SURVEY_QUESTION_KINDS, type SurveyQuestionKind } from "@orientir/domain";
import { api, type ApiError, type Schema } from "../../lib/api.ts";
import { formatDate, formatNumber } from "../../lib/format.ts";
import { messages, useT } from "../../lib/i18n.tsx";
import { useLoad } from "../../lib/useLoad.ts";
import { save } from "../../lib/query.ts";
import "../strategy/pages.css";
import { DateTimeField } from "../../components/DateTimeField.tsx";

const M = messages({
  title: ["Опросы жителей", "Surveys of residents"],
  loading: ["Загрузка…", "Loading…"],
  noAccess: ["Портал не настроен или нет доступа", "The portal is not set up, or no access"],
  build: ["Новый опрос", "New survey"],
  surveyTitle: ["Название", "Title"],
  description: ["Описание", "Description"],
  opensAt: ["Открывается", "Opens at"],
  closesAt: ["Закрывается", "Closes at"],
  question: ["Вопрос", "Question"],
  kind: ["Вид", "Kind"],
  options: ["Варианты (по строке)", "Options (one a line)"],
  scale: ["Шкала от и до", "Scale from and to"],
  required: ["Обязательный", "Required"],
  addQuestion: ["Добавить вопрос", "Add a question"],
  remove: ["Убрать", "Remove"],
  create: ["Создать опрос", "Create the survey"],
  empty: ["Опросов нет", "No surveys"],
  results: ["Результаты", "Results"],
  responses: ["Ответов", "Responses"],
  mean: ["Средняя оценка", "Mean"],
  texts: ["Свободные ответы (только персоналу)", "Free-text answers (staff only)"],
  upcoming: ["скоро", "upcoming"],
  open: ["идет", "open"],
  closed: ["завершен", "closed"],
  onPortal: ["На портале", "On the portal"],
});

type Survey = Schema<"SurveyView">;
interface Draft {
  kind: SurveyQuestionKind;
  text: string;
  options: string;
  scaleMin: number;
  scaleMax: number;
  required: boolean;
}
const blank = (): Draft => ({ kind: "single", text: "", options: "", scaleMin: 1, scaleMax: 5, required: true });

function BuildForm() {
  const t = useT(M);
  const [title, setTitle] = useState("");
  const [description, setDescription] = useState("");
  const [opensAt, setOpensAt] = useState("");
  const [closesAt, setClosesAt] = useState("");
  const [questions, setQuestions] = useState<Draft[]>([blank()]);
  const [error, setError] = useState<string | null>(null);
  const set = (i: number, patch: Partial<Draft>) => setQuestions((qs) => qs.map((q, j) => (j === i ? { ...q, ...patch } : q)));
  const submit = () => {
    setError(null);
    // a mutation: the list is fetched again
    save(() =>
      api.POST("/api/portal/surveys", {
        body: {
          title,
          description: description || null,
          opensAt: opensAt ? new Date(opensAt).toISOString() : new Date().toISOString(),
          closesAt: closesAt ? new Date(closesAt).toISOString() : "",
          questions: questions.map((q) => ({
            kind: q.kind,
            text: q.text,
            required: q.required,
            ...(q.kind === "single" || q.kind === "multiple"
              ? {
                  options: q.options
                    .split("\n")
                    .map((o) => o.trim())
                    .filter(Boolean),
                }
              : {}),
            ...(q.kind === "scale" ? { scaleMin: q.scaleMin, scaleMax: q.scaleMax } : {}),
          })),
        },
      }),
    ).catch((e: unknown) => setError((e as ApiError).message));
  };
  return (
    <details className="card">
      <summary>{t("build")}</summary>
      <label>
        {t("surveyTitle")} <input value={title} onChange={(e) => setTitle(e.target.value)} />
      </label>
      <label>
        {t("description")} <textarea rows={2} value={description} onChange={(e) => setDescription(e.target.value)} />
      </label>
      <label>
        {t("opensAt")} <DateTimeField aria-label={t("opensAt")} value={opensAt} onChange={setOpensAt} />
      </label>
      <label>
        {t("closesAt")} <DateTimeField aria-label={t("closesAt")} value={closesAt} onChange={setClosesAt} />
      </label>
      {questions.map((q, i) => (
        <fieldset key={i}>
          <legend>
            {t("question")} {i + 1}
          </legend>
          <label>
            {t("question")} <input value={q.text} onChange={(e) => set(i, { text: e.target.value })} />
          </label>
          <label>
            {t("kind")}{" "}
            <select value={q.kind} onChange={(e) => set(i, { kind: e.target.value as SurveyQuestionKind })}>
              {SURVEY_QUESTION_KINDS.map((k) => (
                <option key={k} value={k}>
                  {SURVEY_KIND_LABELS[k]}
                </option>
              ))}
            </select>
          </label>
          {q.kind === "single" || q.kind === "multiple" ? (
            <label>
              {t("options")} <textarea rows={3} value={q.options} onChange={(e) => set(i, { options: e.target.value })} />
            </label>
          ) : null}
          {q.kind === "scale" ? (
            <span>
              {t("scale")}{" "}
              <input
                type="number"
                aria-label="min"
                value={q.scaleMin}
                onChange={(e) => set(i, { scaleMin: Number(e.target.value) })}
                style={{ width: "5em" }}
              />{" "}
              <input
                type="number"
                aria-label="max"
                value={q.scaleMax}
                onChange={(e) => set(i, { scaleMax: Number(e.target.value) })}
                style={{ width: "5em" }}
              />
            </span>
          ) : null}
          <label>
            <input type="checkbox" checked={q.required} onChange={(e) => set(i, { required: e.target.checked })} /> {t("required")}
          </label>
          {questions.length > 1 ? (
            <button type="button" onClick={() => setQuestions((qs) => qs.filter((_, j) => j !== i))}>
              {t("remove")}
            </button>
          ) : null}
        </fieldset>
      ))}
      <button type="button" onClick={() => setQuestions((qs) => [...qs, blank()])}>
        {t("addQuestion")}
      </button>{" "}
      <button type="button" onClick={submit}>
        {t("create")}
      </button>
      {error ? (
        <p role="alert" className="error">
          {error}
        </p>
      ) : null}
    </details>
  );
}

function Results({ survey }: { survey: Survey }) {
  const t = useT(M);
  const r = useLoad(() => api.GET("/api/portal/surveys/{id}/results", { params: { path: { id: survey.id } } }), [survey.id]);
  if (!r.data) return <p>{t("loading")}</p>;
  return (
    <div>
      <p>
        {t("responses")}: {formatNumber(r.data.responses)}
      </p>
      {r.data.questions.map((q, i) => {
        const max = Math.max(1, ...q.counts.map((c) => c.count));
        const texts = r.data!.texts.filter((x) => x.questionId === q.questionId);
        return (
          <div key={q.questionId}>
            <h4>
              {i + 1}. {q.text}
            </h4>
            {q.mean !== null ? (
              <p className="muted">
                {t("mean")}: {formatNumber(q.mean, { digits: 2 })}
              </p>
            ) : null}
            <table className="data">
              <tbody>
                {q.counts.map((c) => (
                  <tr key={c.label}>
                    <td>{c.label}</td>
                    <td className="num">{formatNumber(c.count)}</td>
                    <td style={{ width: "40%" }}>
                      <svg width="100%" height="12" viewBox="0 0 100 12" preserveAspectRatio="none" aria-hidden="true">
                        <rect width={(c.count * 100) / max} height="12" fill="#1c7ed6" />
                      </svg>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {texts.length ? (
              <details>
                <summary>
                  {t("texts")}: {texts.length}
                </summary>
                <ul>
                  {texts.map((x, j) => (
                    <li key={j}>{x.text}</li>
                  ))}
                </ul>
              </details>
            ) : null}
          </div>
        );
      })}
    </div>
  );
}

export function PortalSurveysPage() {
  const t = useT(M);
  const settings = useLoad(() => api.GET("/api/portal/settings"), []);
  const list = useLoad(() => api.GET("/api/portal/surveys"), []);
  const [open, setOpen] = useState<string | null>(null);
  if (list.error) return <p role="alert">{t("noAccess")}</p>;
  if (!list.data) return <p>{t("loading")}</p>;
  return (
    <div className="page">
      <h1>{t("title")}</h1>
      <BuildForm />
      {list.data.items.length === 0 ? <p className="muted">{t("empty")}</p> : null}
      {list.data.items.map((s) => (
        <section key={s.id} className="card">
          <h2>{s.title}</h2>
          <p className="muted">
            {formatDate(s.opensAt)} — {formatDate(s.closesAt)} · {t(s.state)} · {s.questions.length}
            {settings.data ? (
              <>
                {" "}
                · <a href={`/p/${settings.data.slug}/surveys/${s.id}`}>{t("onPortal")}</a>
              </>
            ) : null}
          </p>
          <button type="button" onClick={() => setOpen(open === s.id ? null : s.id)}>
            {t("results")}
          </button>
          {open === s.id ? <Results survey={s} /> : null}
        </section>
      ))}
    </div>
  );
}
