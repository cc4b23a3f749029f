/**
 * /portal: the staff side of the public portal (issue 14) — residents' proposals and remarks by
 * moderation state: publish or reject with a reason, and the official answer with its decision.
 * The server checks each action (economy department and administrator); others see the list.
 */
import { useState } from "react";
import { PROPOSAL_DECISION_LABELS, PROPOSAL_DECISIONS, type ProposalDecision } from "@orientir/domain";
import { api, type ApiError, type Schema } from "../../lib/api.ts";
import { save } from "../../lib/query.ts";
import { messages, useT } from "../../lib/i18n.tsx";
import { useLoad } from "../../lib/useLoad.ts";
import { Link } from "../../lib/router.tsx";
import "../strategy/pages.css";

const M = messages({
  title: ["Общественное обсуждение: предложения жителей", "Public discussion: residents' proposals"],
  loading: ["Загрузка…", "Loading…"],
  noPortal: ["Портал не настроен или нет доступа", "The portal is not set up, or no access"],
  pending: ["На модерации", "Awaiting moderation"],
  published: ["Опубликованы", "Published"],
  rejected: ["Отклонены", "Rejected"],
  empty: ["Нет предложений", "No proposals"],
  publish: ["Опубликовать", "Publish"],
  reject: ["Отклонить", "Reject"],
  reason: ["Причина отклонения", "Reason of the rejection"],
  decision: ["Решение", "Decision"],
  answer: ["Ответ с обоснованием", "Answer with its reason"],
  send: ["Дать ответ", "Answer"],
  supports: ["поддержали", "supported by"],
  place: ["Место в документе", "Place in the document"],
  portalLink: ["Открыть портал", "Open the portal"],
  discussions: ["Протоколы обсуждений и публичные слушания", "Discussions' protocols and public hearings"],
});

type Proposal = Schema<"ProposalView">;
const STATES = ["pending", "published", "rejected"] as const;

function ProposalCard({ p }: { p: Proposal }) {
  const t = useT(M);
  const [reason, setReason] = useState("");
  const [decision, setDecision] = useState<ProposalDecision>("accepted");
  const [answer, setAnswer] = useState("");
  const [error, setError] = useState<string | null>(null);
  const run = (f: () => Promise<unknown>) => {
    setError(null);
    f().catch((e: unknown) => setError((e as ApiError).message));
  };
  const moderate = (moderation: "published" | "rejected") =>
    run(() =>
      save(() =>
        api.POST("/api/portal/proposals/{id}/moderation", {
          params: { path: { id: p.id } },
          body: { version: p.version, moderation, reason: moderation === "rejected" ? reason : null },
        }),
      ),
    );
  const send = () =>
    run(() =>
      save(() =>
        api.POST("/api/portal/proposals/{id}/answer", { params: { path: { id: p.id } }, body: { version: p.version, decision, answer } }),
      ),
    );
  return (
    <article className="card" data-testid={`proposal-${p.id}`}>
      <div className="muted">
        {p.kind === "proposal" ? "Предложение" : "Замечание"} · {t("place")}: {p.anchorLabel} · {p.authorName} ·{" "}
        {new Intl.DateTimeFormat("ru-RU").format(new Date(p.createdAt))} · {t("supports")}: {p.supports}
      </div>
      <p>{p.text}</p>
      {p.moderationReason ? <p className="muted">{p.moderationReason}</p> : null}
      {p.decision ? (
        <p>
          <strong>{PROPOSAL_DECISION_LABELS[p.decision]}.</strong> {p.answer}
        </p>
      ) : null}
      {p.moderation === "pending" ? (
        <div className="row">
          <button type="button" onClick={() => moderate("published")}>
            {t("publish")}
          </button>
          <label>
            {t("reason")} <input value={reason} onChange={(e) => setReason(e.target.value)} />
          </label>
          <button type="button" onClick={() => moderate("rejected")}>
            {t("reject")}
          </button>
        </div>
      ) : null}
      {p.moderation === "published" && !p.decision ? (
        <div className="row">
          <label>
            {t("decision")}{" "}
            <select value={decision} onChange={(e) => setDecision(e.target.value as ProposalDecision)}>
              {PROPOSAL_DECISIONS.map((d) => (
                <option key={d} value={d}>
                  {PROPOSAL_DECISION_LABELS[d]}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t("answer")} <textarea value={answer} onChange={(e) => setAnswer(e.target.value)} rows={2} />
          </label>
          <button type="button" onClick={send}>
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

export function PortalModerationPage() {
  const t = useT(M);
  const settings = useLoad(() => api.GET("/api/portal/settings"), []);
  const list = useLoad(() => api.GET("/api/portal/proposals", {}), []);
  if (list.error) return <p role="alert">{t("noPortal")}</p>;
  if (!list.data) return <p>{t("loading")}</p>;
  const items = list.data.items;
  return (
    <div className="page">
      <h1>{t("title")}</h1>
      <p className="row">
        {settings.data ? <a href={`/p/${settings.data.slug}`}>{t("portalLink")}</a> : null}
        <Link to="/portal/discussions">{t("discussions")}</Link>
      </p>
      {STATES.map((s) => {
        const group = items.filter((p) => p.moderation === s);
        return (
          <section key={s}>
            <h2>
              {t(s)} ({group.length})
            </h2>
            {group.length === 0 ? <p className="muted">{t("empty")}</p> : null}
            {group.map((p) => (
              <ProposalCard key={`${p.id}:${p.version}`} p={p} />
            ))}
          </section>
        );
      })}
    </div>
  );
}
