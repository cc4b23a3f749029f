/**
 * The portal's live Q&A with the drafters (issue 14, part 5): the schedule of sessions, a session's
 * page with the form for a question (beforehand and live, for a signed-in resident) and its
 * transcript — the published questions in the order they came, each with the named drafter's answer.
 */
import { Layout, page, type PortalLink, type ResidentView } from "../index.tsx";

export interface QaQuestionItem {
  id: string;
  authorName: string;
  text: string;
  phase: "before" | "live";
  moderation: "pending" | "published" | "rejected";
  answer: string | null;
  answeredBy: string | null;
  answeredAt: string | null;
  createdAt: string;
}

export interface QaSessionItem {
  id: string;
  publicationId: string | null;
  title: string;
  description: string | null;
  startsAt: string;
  endsAt: string;
  state: "upcoming" | "live" | "ended";
  drafters: { name: string; position: string }[];
  questions: QaQuestionItem[];
}

const dateTime = (d: string): string =>
  new Intl.DateTimeFormat("ru-RU", { dateStyle: "long", timeStyle: "short", timeZone: "Europe/Moscow" }).format(new Date(d));
const time = (d: string): string => new Intl.DateTimeFormat("ru-RU", { timeStyle: "short", timeZone: "Europe/Moscow" }).format(new Date(d));

const STATE = { upcoming: "принимаются вопросы заранее", live: "идет сейчас", ended: "завершена — стенограмма" } as const;

function When({ s }: { s: QaSessionItem }) {
  return (
    <p>
      <span className={`badge ${s.state === "live" ? "open" : s.state === "ended" ? "closed" : ""}`}>{STATE[s.state]}</span>
      <span>
        {dateTime(s.startsAt)} — {time(s.endsAt)} (МСК)
      </span>
    </p>
  );
}

export function renderQaSessions(v: { portal: PortalLink; sessions: QaSessionItem[]; resident: ResidentView | null }): string {
  return page(
    <Layout portal={v.portal} title="Вопросы и ответы" resident={v.resident}>
      <h1>Вопросы разработчикам</h1>
      <p>
        Разработчики документов отвечают на вопросы жителей в назначенное время. Вопросы можно задать заранее и во время сессии; после нее
        остается стенограмма.
      </p>
      {v.sessions.length === 0 ? <p className="muted">Сессии не назначены.</p> : null}
      {v.sessions.map((s) => (
        <div className="card" key={s.id}>
          <h2>
            <a href={`/p/${v.portal.slug}/qa/${s.id}`}>{s.title}</a>
          </h2>
          <When s={s} />
          <p className="muted">
            Отвечают: {s.drafters.map((d) => d.name).join(", ")}. Опубликовано вопросов:{" "}
            {s.questions.filter((q) => q.moderation === "published").length}
          </p>
        </div>
      ))}
    </Layout>,
  );
}

export function renderQaSession(v: { portal: PortalLink; session: QaSessionItem; resident: ResidentView | null }): string {
  const base = `/p/${v.portal.slug}`;
  const s = v.session;
  const published = s.questions.filter((q) => q.moderation === "published");
  const answered = published.filter((q) => q.answer !== null);
  return page(
    <Layout portal={v.portal} title={s.title} resident={v.resident}>
      <h1>{s.title}</h1>
      <When s={s} />
      {s.description ? <p>{s.description}</p> : null}
      {s.publicationId ? (
        <p>
          Обсуждаемый документ: <a href={`${base}/publications/${s.publicationId}`}>открыть публикацию</a>
        </p>
      ) : null}
      <h2>Разработчики</h2>
      <ul>
        {s.drafters.map((d) => (
          <li key={d.name}>
            <strong>{d.name}</strong>, {d.position}
          </li>
        ))}
      </ul>
      {s.state !== "ended" ? (
        v.resident ? (
          <form method="post" action={`${base}/qa/${s.id}/questions`}>
            <input type="hidden" name="csrf" value={v.resident.csrf} />
            <label>
              Ваш вопрос {s.state === "upcoming" ? "(заранее)" : "(во время сессии)"}
              <textarea name="text" rows={3} required maxLength={3000} />
            </label>
            <button type="submit">Задать вопрос</button>
            <p className="muted">Вопрос публикуется после модерации, под вашими инициалами.</p>
          </form>
        ) : (
          <p>
            <a href={`${base}/sign-in`}>Войдите</a>, чтобы задать вопрос.
          </p>
        )
      ) : null}
      <h2>
        {s.state === "ended" ? "Стенограмма" : "Вопросы"} ({published.length}; с ответом: {answered.length})
      </h2>
      {s.questions.length === 0 ? <p className="muted">Вопросов пока нет.</p> : null}
      {s.questions.map((q) => (
        <div className="card" key={q.id} id={`question-${q.id}`}>
          <div className="muted">
            {q.authorName} · {q.phase === "before" ? "вопрос заранее" : "вопрос во время сессии"}
            {q.moderation === "pending" ? " · на модерации (видно только вам)" : ""}
          </div>
          <p>{q.text}</p>
          {q.answer ? (
            <div className="answer">
              <strong>{q.answeredBy}</strong>
              {q.answeredAt ? <span className="muted"> ({time(q.answeredAt)})</span> : null}: {q.answer}
            </div>
          ) : q.moderation === "published" ? (
            <div className="muted">{s.state === "ended" ? "Ответ не дан." : "Ответ будет дан на сессии."}</div>
          ) : null}
        </div>
      ))}
    </Layout>,
  );
}
