/**
 * /portal/qa: live Q&A sessions with the drafters (issue 14, part 5) — schedule a session linked to
 * a publication, moderate the residents' questions (publish or reject with a reason) and record
 * each answer under the name of one of the session's drafters. The server checks each action
 * (economy department and administrator); others see the list.
 */
import { useState } from "react";
import { api, type ApiError, type Schema } from "../../lib/api.ts";
import { formatDate } from "../../lib/format.ts";
import { messages, useT } from "../../lib/i18n.tsx";
import { useLoad } from "../../lib/useLoad.ts";
import { save } from "../../lib/query.ts";
import "../strategy/pages.css";
import { DateTimeField } from "../../components/DateTimeField.tsx";

const M = messages({
  title: ["Вопросы и ответы с разработчиками", "Q&A with the drafters"],
  loading: ["Загрузка…", "Loading…"],
  noAccess: ["Портал не настроен или нет доступа", "The portal is not set up, or no access"],
  schedule: ["Назначить сессию", "Schedule a session"],
  sessionTitle: ["Тема", "Title"],
  publication: ["Публикация", "Publication"],
  none: ["— без публикации —", "— no publication —"],
  startsAt: ["Начало", "Starts at"],
  endsAt: ["Окончание", "Ends at"],
  drafters: ["Разработчики (по строке: ФИО; должность)", "Drafters (one a line: name; position)"],
  create: ["Назначить", "Schedule"],
  empty: ["Сессий нет", "No sessions"],
  pending: ["На модерации", "Awaiting moderation"],
  published: ["Опубликованы", "Published"],
  rejected: ["Отклонены", "Rejected"],
  publish: ["Опубликовать", "Publish"],
  reject: ["Отклонить", "Reject"],
  reason: ["Причина отклонения", "Reason of the rejection"],
  drafter: ["Отвечает", "Answered by"],
  answer: ["Ответ", "Answer"],
  send: ["Записать ответ", "Record the answer"],
  before: ["заранее", "beforehand"],
  live: ["во время сессии", "live"],
  upcoming: ["предстоит", "upcoming"],
  ended: ["завершена", "ended"],
  onPortal: ["На портале", "On the portal"],
});

type Session = Schema<"QaSessionView">;
type Question = Schema<"QaQuestionView">;

function QuestionCard({ q, session }: { q: Question; session: Session }) {
  const t = useT(M);
  const [reason, setReason] = useState("");
  const [drafter, setDrafter] = useState(session.drafters[0]?.name ?? "");
  const [answer, setAnswer] = useState("");
  const [error, setError] = useState<string | null>(null);
  const run = (f: () => Promise<unknown>) => {
    setError(null);
    // a mutation: the reads it changes are fetched again
    save(f).catch((e: unknown) => setError((e as ApiError).message));
  };
  return (
    <article className="card" data-testid={`question-${q.id}`}>
      <div className="muted">
        {q.authorName} · {t(q.phase)} · {formatDate(q.createdAt)}
      </div>
      <p>{q.text}</p>
      {q.moderationReason ? <p className="muted">{q.moderationReason}</p> : null}
      {q.answer ? (
        <p>
          <strong>{q.answeredBy}:</strong> {q.answer}
        </p>
      ) : null}
      {q.moderation === "pending" ? (
        <div className="row">
          <button
            type="button"
            onClick={() =>
              run(() =>
                api.POST("/api/portal/qa/questions/{id}/moderation", {
                  params: { path: { id: q.id } },
                  body: { version: q.version, moderation: "published" },
                }),
              )
            }
          >
            {t("publish")}
          </button>
          <label>
            {t("reason")} <input value={reason} onChange={(e) => setReason(e.target.value)} />
          </label>
          <button
            type="button"
            onClick={() =>
              run(() =>
                api.POST("/api/portal/qa/questions/{id}/moderation", {
                  params: { path: { id: q.id } },
                  body: { version: q.version, moderation: "rejected", reason },
                }),
              )
            }
          >
            {t("reject")}
          </button>
        </div>
      ) : null}
      {q.moderation === "published" && !q.answer ? (
        <div className="row">
          <label>
            {t("drafter")}{" "}
            <select value={drafter} onChange={(e) => setDrafter(e.target.value)}>
              {session.drafters.map((d) => (
                <option key={d.name} value={d.name}>
                  {d.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t("answer")} <textarea value={answer} rows={2} onChange={(e) => setAnswer(e.target.value)} />
          </label>
          <button
            type="button"
            onClick={() =>
              run(() =>
                api.POST("/api/portal/qa/questions/{id}/answer", {
                  params: { path: { id: q.id } },
                  body: { version: q.version, answeredBy: drafter, answer },
                }),
              )
            }
          >
            {t("send")}
          </button>
        </div>
      ) : null}
      {error ? (
        <p role="alert" className="error">
          {error}
        </p>
      ) : null}
    </article>
  );
}

function ScheduleForm() {
  const t = useT(M);
  const pubs = useLoad(() => api.GET("/api/portal/publications"), []);
  const [title, setTitle] = useState("");
  const [publicationId, setPublicationId] = useState("");
  const [startsAt, setStartsAt] = useState("");
  const [endsAt, setEndsAt] = useState("");
  const [drafters, setDrafters] = useState("");
  const [error, setError] = useState<string | null>(null);
  const submit = () => {
    setError(null);
    const list = drafters
      .split("\n")
      .map((l) => l.split(";").map((x) => x.trim()))
      .filter((x) => x[0])
      .map(([name, position]) => ({ name: name!, position: position || "разработчик" }));
    save(() =>
      api.POST("/api/portal/qa", {
        body: {
          title,
          publicationId: publicationId || null,
          startsAt: startsAt ? new Date(startsAt).toISOString() : "",
          endsAt: endsAt ? new Date(endsAt).toISOString() : "",
          drafters: list,
        },
      }),
    ).catch((e: unknown) => setError((e as ApiError).message));
  };
  return (
    <details className="card">
      <summary>{t("schedule")}</summary>
      <label>
        {t("sessionTitle")} <input value={title} onChange={(e) => setTitle(e.target.value)} />
      </label>
      <label>
        {t("publication")}{" "}
        <select value={publicationId} onChange={(e) => setPublicationId(e.target.value)}>
          <option value="">{t("none")}</option>
          {(pubs.data?.items ?? [])
            .filter((p) => p.status === "published")
            .map((p) => (
              <option key={p.id} value={p.id}>
                {p.title}
              </option>
            ))}
        </select>
      </label>
      <label>
        {t("startsAt")} <DateTimeField aria-label={t("startsAt")} value={startsAt} onChange={setStartsAt} />
      </label>
      <label>
        {t("endsAt")} <DateTimeField aria-label={t("endsAt")} value={endsAt} onChange={setEndsAt} />
      </label>
      <label>
        {t("drafters")} <textarea rows={3} value={drafters} onChange={(e) => setDrafters(e.target.value)} />
      </label>
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

export function PortalQaPage() {
  const t = useT(M);
  const settings = useLoad(() => api.GET("/api/portal/settings"), []);
  const list = useLoad(() => api.GET("/api/portal/qa"), []);
  if (list.error) return <p role="alert">{t("noAccess")}</p>;
  if (!list.data) return <p>{t("loading")}</p>;
  return (
    <div className="page">
      <h1>{t("title")}</h1>
      <ScheduleForm />
      {list.data.items.length === 0 ? <p className="muted">{t("empty")}</p> : null}
      {list.data.items.map((s) => (
        <section key={s.id} className="card">
          <h2>{s.title}</h2>
          <p className="muted">
            {formatDate(s.startsAt)} · {s.state === "live" ? t("live") : t(s.state)} · {s.drafters.map((d) => d.name).join(", ")}
            {settings.data ? (
              <>
                {" "}
                · <a href={`/p/${settings.data.slug}/qa/${s.id}`}>{t("onPortal")}</a>
              </>
            ) : null}
          </p>
          {(["pending", "published", "rejected"] as const).map((state) => {
            const group = s.questions.filter((q) => q.moderation === state);
            if (group.length === 0) return null;
            return (
              <div key={state}>
                <h3>
                  {t(state)} ({group.length})
                </h3>
                {group.map((q) => (
                  <QuestionCard key={`${q.id}:${q.version}`} q={q} session={s} />
                ))}
              </div>
            );
          })}
        </section>
      ))}
    </div>
  );
}
