/**
 * /portal/queue: the moderators' queue of the public portal (issue 14, part 3) — residents'
 * comments on proposals awaiting moderation (publish, or reject with a reason), and abuse reports
 * on proposals and comments (hide the content or keep it, always with a reason). Who reported is
 * not shown to anyone. The server checks each action (economy department and administrator).
 */
import { useState } from "react";
import { api, ApiError, type Schema } from "../../lib/api.ts";
import { useConfirm } from "../../lib/confirm.tsx";
import { formatDateTime } from "../../lib/format.ts";
import { messages, useT } from "../../lib/i18n.tsx";
import { useSave } from "../../lib/query.ts";
import { useLoad } from "../../lib/useLoad.ts";
import { Loading } from "../../components/Loading.tsx";
import "../strategy/pages.css";

const M = messages({
  title: ["Модерация: комментарии и жалобы", "Moderation: comments and reports"],
  comments: ["Комментарии на модерации", "Comments awaiting moderation"],
  noComments: ["Комментариев на модерации нет", "No comments await moderation"],
  reports: ["Жалобы на рассмотрении", "Open abuse reports"],
  decided: ["Рассмотренные жалобы", "Decided reports"],
  noReports: ["Жалоб нет", "No reports"],
  publish: ["Опубликовать", "Publish"],
  reject: ["Отклонить", "Reject"],
  reason: ["Причина", "Reason"],
  reasonNeeded: ["Укажите причину", "Give the reason"],
  hide: ["Скрыть", "Hide"],
  keep: ["Оставить", "Keep"],
  onProposal: ["жалоба на предложение", "report on a proposal"],
  onComment: ["жалоба на комментарий", "report on a comment"],
  author: ["Автор", "Author"],
  complaint: ["Суть жалобы", "The complaint"],
  confirmReject: ["Отклонить комментарий? Автор получит уведомление с причиной.", "Reject the comment? Its author is told the reason."],
  confirmHide: [
    "Скрыть содержание на портале? Автор получит уведомление с причиной (без сведений о том, кто пожаловался); пожаловавшиеся — о решении и его причине.",
    "Hide the content on the portal? Its author is told the reason (not who reported it); those who reported it are told the decision and its reason.",
  ],
  confirmKeep: [
    "Оставить содержание на портале и закрыть жалобу? Пожаловавшийся получит уведомление о решении и его причине.",
    "Keep the content and close the report? Whoever reported it is told the decision and its reason.",
  ],
  hidden: ["скрыто", "hidden"],
  kept: ["оставлено", "kept"],
  back: ["К предложениям", "To the proposals"],
});

type Comment = Schema<"CommentView">;
type Report = Schema<"AbuseReportView">;

const message = (e: unknown) =>
  e instanceof ApiError && e.issues.length ? `${e.message}: ${e.issues.map((i) => i.message).join("; ")}` : (e as Error).message;

function CommentCard({ c }: { c: Comment }) {
  const t = useT(M);
  const confirm = useConfirm();
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const save = useSave((moderation: "published" | "rejected") =>
    api.POST("/api/portal/comments/{id}/moderation", {
      params: { path: { id: c.id } },
      body: { version: c.version, moderation, reason: moderation === "rejected" ? reason : null },
    }),
  );
  const act = async (moderation: "published" | "rejected") => {
    setError(null);
    if (moderation === "rejected") {
      if (!reason.trim()) return setError(t("reasonNeeded"));
      if (!(await confirm(t("confirmReject"), { action: t("reject"), danger: true }))) return;
    }
    try {
      await save.run(moderation);
    } catch (e) {
      setError(message(e));
    }
  };
  return (
    <article className="card" data-testid={`comment-${c.id}`}>
      <div className="muted">
        {t("author")}: {c.authorName} · {formatDateTime(c.createdAt)}
      </div>
      <p>{c.text}</p>
      <div className="row">
        <button type="button" disabled={save.busy} onClick={() => void act("published")}>
          {t("publish")}
        </button>
        <label>
          {t("reason")} <input value={reason} onChange={(e) => setReason(e.target.value)} />
        </label>
        <button type="button" disabled={save.busy} onClick={() => void act("rejected")}>
          {t("reject")}
        </button>
      </div>
      {error ? (
        <p role="alert" className="error">
          {error}
        </p>
      ) : null}
    </article>
  );
}

function ReportCard({ r }: { r: Report }) {
  const t = useT(M);
  const confirm = useConfirm();
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const save = useSave((decision: "hide" | "keep") =>
    api.POST("/api/portal/reports/{id}/decision", { params: { path: { id: r.id } }, body: { version: r.version, decision, reason } }),
  );
  const act = async (decision: "hide" | "keep") => {
    setError(null);
    if (!reason.trim()) return setError(t("reasonNeeded"));
    const ok = await confirm(decision === "hide" ? t("confirmHide") : t("confirmKeep"), {
      action: decision === "hide" ? t("hide") : t("keep"),
      danger: decision === "hide",
    });
    if (!ok) return;
    try {
      await save.run(decision);
    } catch (e) {
      setError(message(e));
    }
  };
  return (
    <article className="card" data-testid={`report-${r.id}`}>
      <div className="muted">
        {r.targetType === "proposal" ? t("onProposal") : t("onComment")} · {formatDateTime(r.createdAt)} · {t("author")}:{" "}
        {r.target.authorName}
        {r.status !== "open" ? ` · ${r.status === "hidden" ? t("hidden") : t("kept")}` : ""}
      </div>
      <blockquote>{r.target.text}</blockquote>
      <p>
        <strong>{t("complaint")}:</strong> {r.reason}
      </p>
      {r.status === "open" ? (
        <div className="row">
          <label>
            {t("reason")} <input value={reason} onChange={(e) => setReason(e.target.value)} />
          </label>
          <button type="button" disabled={save.busy} onClick={() => void act("hide")}>
            {t("hide")}
          </button>
          <button type="button" disabled={save.busy} onClick={() => void act("keep")}>
            {t("keep")}
          </button>
        </div>
      ) : (
        <p className="muted">
          {t("reason")}: {r.decisionReason}
        </p>
      )}
      {error ? (
        <p role="alert" className="error">
          {error}
        </p>
      ) : null}
    </article>
  );
}

export function PortalQueuePage() {
  const t = useT(M);
  const comments = useLoad(() => api.GET("/api/portal/comments", { params: { query: { moderation: "pending" } } }), []);
  const reports = useLoad(() => api.GET("/api/portal/reports", {}), []);
  if (comments.error || reports.error)
    return (
      <p role="alert" className="banner error">
        {(comments.error ?? reports.error)!.message}
      </p>
    );
  if (!comments.data || !reports.data) return <Loading />;
  const open = reports.data.items.filter((r) => r.status === "open");
  const decided = reports.data.items.filter((r) => r.status !== "open");
  return (
    <div className="page">
      <h1>{t("title")}</h1>
      <p>
        <a href="/portal">{t("back")}</a>
      </p>
      <section>
        <h2>
          {t("comments")} ({comments.data.items.length})
        </h2>
        {comments.data.items.length === 0 ? <p className="muted">{t("noComments")}</p> : null}
        {comments.data.items.map((c) => (
          <CommentCard key={`${c.id}:${c.version}`} c={c} />
        ))}
      </section>
      <section>
        <h2>
          {t("reports")} ({open.length})
        </h2>
        {open.length === 0 ? <p className="muted">{t("noReports")}</p> : null}
        {open.map((r) => (
          <ReportCard key={`${r.id}:${r.version}`} r={r} />
        ))}
      </section>
      {decided.length ? (
        <section>
          <h2>
            {t("decided")} ({decided.length})
          </h2>
          {decided.map((r) => (
            <ReportCard key={`${r.id}:${r.version}`} r={r} />
          ))}
        </section>
      ) : null}
    </div>
  );
}
