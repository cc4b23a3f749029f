/**
 * The portal's surveys of residents (issue 14, part 5): the list, a survey's form (single and
 * multiple choice, scale, free text) for a signed-in resident while it is open, and once it has
 * closed its results as bar charts drawn in SVG on the server (no script) with the open data.
 */
import { Layout, fmtDate, page, type PortalLink, type ResidentView } from "../index.tsx";

export interface SurveyQuestionItem {
  id: string;
  kind: "single" | "multiple" | "scale" | "text";
  text: string;
  options: string[];
  scaleMin: number | null;
  scaleMax: number | null;
  required: boolean;
}

export interface SurveyItem {
  id: string;
  publicationId: string | null;
  title: string;
  description: string | null;
  opensAt: string;
  closesAt: string;
  state: "upcoming" | "open" | "closed";
  questions: SurveyQuestionItem[];
}

export interface SurveyResultItem {
  responses: number;
  questions: {
    questionId: string;
    kind: "single" | "multiple" | "scale" | "text";
    text: string;
    answered: number;
    counts: { label: string; count: number }[];
    mean: string | null;
  }[];
}

const STATE = { upcoming: "скоро", open: "идет опрос", closed: "завершен" } as const;
const pct = (n: number, of: number): string => (of ? ((n * 100) / of).toFixed(1).replace(".", ",") : "0");

export function renderSurveys(v: { portal: PortalLink; surveys: SurveyItem[]; resident: ResidentView | null }): string {
  return page(
    <Layout portal={v.portal} title="Опросы" resident={v.resident}>
      <h1>Опросы жителей</h1>
      {v.surveys.length === 0 ? <p className="muted">Опросов нет.</p> : null}
      {v.surveys.map((s) => (
        <div className="card" key={s.id}>
          <h2>
            <a href={`/p/${v.portal.slug}/surveys/${s.id}`}>{s.title}</a>
          </h2>
          <span className={`badge ${s.state === "open" ? "open" : s.state === "closed" ? "closed" : ""}`}>{STATE[s.state]}</span>
          <span className="muted">
            {fmtDate(s.opensAt)} — {fmtDate(s.closesAt)}
          </span>
        </div>
      ))}
    </Layout>,
  );
}

/** A horizontal bar per answer: the table carries the numbers, the SVG only draws them. */
function Bars({ counts, of }: { counts: { label: string; count: number }[]; of: number }) {
  const max = Math.max(1, ...counts.map((c) => c.count));
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label="Таблица, прокручивается по горизонтали">
      <table>
        <thead>
          <tr>
            <th scope="col">Ответ</th>
            <th scope="col">Ответов</th>
            <th scope="col">%</th>
            <th scope="col">
              <span className="muted">диаграмма</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {counts.map((c) => (
            <tr key={c.label}>
              <td>{c.label}</td>
              <td className="num">{c.count}</td>
              <td className="num">{pct(c.count, of)}</td>
              <td style={{ width: "35%", minWidth: 80 }}>
                <svg width="100%" height="14" viewBox="0 0 100 14" preserveAspectRatio="none" aria-hidden="true" focusable="false">
                  <rect x="0" y="2" width={(c.count * 100) / max} height="10" rx="2" fill="#0b5cad" />
                </svg>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Question({ q, n }: { q: SurveyQuestionItem; n: number }) {
  const name = `q-${q.id}`;
  const legend = (
    <legend>
      {n}. {q.text}
      {q.required ? "" : " (необязательно)"}
    </legend>
  );
  if (q.kind === "text")
    return (
      <label>
        {n}. {q.text}
        {q.required ? "" : " (необязательно)"}
        <textarea name={name} rows={3} maxLength={5000} required={q.required} />
      </label>
    );
  if (q.kind === "scale") {
    const values = Array.from({ length: q.scaleMax! - q.scaleMin! + 1 }, (_, i) => q.scaleMin! + i);
    return (
      <fieldset>
        {legend}
        <span className="muted">
          {q.scaleMin} — низшая оценка, {q.scaleMax} — высшая
        </span>
        <div>
          {values.map((x) => (
            <label key={x} style={{ display: "inline-block", marginRight: 12 }}>
              <input type="radio" name={name} value={x} required={q.required} /> {x}
            </label>
          ))}
        </div>
      </fieldset>
    );
  }
  return (
    <fieldset>
      {legend}
      {q.options.map((o, i) => (
        <label key={i}>
          <input type={q.kind === "single" ? "radio" : "checkbox"} name={name} value={i} required={q.kind === "single" && q.required} /> {o}
        </label>
      ))}
    </fieldset>
  );
}

export function renderSurvey(v: {
  portal: PortalLink;
  survey: SurveyItem;
  results: SurveyResultItem | null;
  resident: ResidentView | null;
  responded: boolean;
}): string {
  const base = `/p/${v.portal.slug}`;
  const s = v.survey;
  return page(
    <Layout portal={v.portal} title={s.title} resident={v.resident}>
      <h1>{s.title}</h1>
      <p>
        <span className={`badge ${s.state === "open" ? "open" : s.state === "closed" ? "closed" : ""}`}>{STATE[s.state]}</span>
        <span className="muted">
          {fmtDate(s.opensAt)} — {fmtDate(s.closesAt)}
        </span>
      </p>
      {s.description ? <p>{s.description}</p> : null}
      {s.publicationId ? (
        <p>
          К документу: <a href={`${base}/publications/${s.publicationId}`}>открыть публикацию</a>
        </p>
      ) : null}
      {v.results ? (
        <>
          <h2>Результаты</h2>
          <p>Ответили: {v.results.responses}.</p>
          {v.results.questions.map((q, i) => (
            <section key={q.questionId} aria-labelledby={`result-${q.questionId}`}>
              <h3 id={`result-${q.questionId}`}>
                {i + 1}. {q.text}
              </h3>
              <p className="muted">
                Ответили на вопрос: {q.answered}
                {q.kind === "multiple" ? "; можно было выбрать несколько вариантов" : ""}
                {q.mean !== null ? `; средняя оценка: ${q.mean.replace(".", ",")}` : ""}
              </p>
              {q.kind === "text" ? (
                <p className="muted">
                  Свободные ответы изучены разработчиками; они не публикуются, так как могут содержать персональные данные.
                </p>
              ) : (
                <Bars counts={q.counts} of={q.answered} />
              )}
            </section>
          ))}
          <p>
            Открытые данные: результаты — <a href={`${base}/data/survey-${s.id}-results.csv`}>CSV</a>,{" "}
            <a href={`${base}/data/survey-${s.id}-results.json`}>JSON</a>; обезличенные ответы —{" "}
            <a href={`${base}/data/survey-${s.id}-responses.csv`}>CSV</a>, <a href={`${base}/data/survey-${s.id}-responses.json`}>JSON</a>.
          </p>
        </>
      ) : s.state === "open" ? (
        v.responded ? (
          <p>Ваш ответ принят. Результаты будут опубликованы после окончания опроса.</p>
        ) : v.resident ? (
          <form method="post" action={`${base}/surveys/${s.id}/response`}>
            <input type="hidden" name="csrf" value={v.resident.csrf} />
            {s.questions.map((q, i) => (
              <Question key={q.id} q={q} n={i + 1} />
            ))}
            <button type="submit">Отправить ответ</button>
            <p className="muted">Ответить можно один раз. Результаты публикуются обезличенно после окончания опроса.</p>
          </form>
        ) : (
          <p>
            <a href={`${base}/sign-in`}>Войдите</a>, чтобы ответить на вопросы опроса.
          </p>
        )
      ) : (
        <p className="muted">Опрос еще не начался.</p>
      )}
    </Layout>,
  );
}
