/**
 * The staff page of discussions (issue 14, part 4): each discussion publication with its term and
 * state, its proposals by stage, hearings and protocol (counts by decision, DOCX and PDF on the
 * portal); and a public hearing recorded after it was held — place, time, participants, the
 * protocol's number, date and text — as Ozersk's of 22.11.2018 would be entered afterwards.
 */
import { discussionSummaries, getPublication, insertHeldHearing, listPublications, portalSettingOf } from "@orientir/db";
import { ValidationError, ensure } from "@orientir/domain";
import type { DiscussionList, DiscussionSummary, HearingView, HeldHearingCreate } from "@orientir/contracts";
import type { AppContext, Caller } from "../context.ts";
import { todayIn } from "../context.ts";
import { audit } from "../audit.ts";
import { hearingView } from "./hearings.ts";
import { discussionState } from "./publications.ts";

export async function staffDiscussions(ctx: AppContext, caller: Caller): Promise<DiscussionList> {
  const municipalityId = caller.actor.municipalityId;
  ensure(caller.actor, "read", { area: "portal", municipalityId });
  const [publications, summaries, setting] = await Promise.all([
    listPublications(ctx.db, municipalityId, false),
    discussionSummaries(ctx.db, municipalityId),
    portalSettingOf(ctx.db, municipalityId),
  ]);
  const slug = setting?.slug ?? null;
  const today = todayIn(ctx);
  const byId = new Map(summaries.map((s) => [s.publicationId, s]));
  const items: DiscussionSummary[] = [];
  for (const p of publications) {
    const s = byId.get(p.id);
    if (p.kind !== "discussion" || !s) continue;
    const page = `/p/${slug ?? "-"}/publications/${p.id}`;
    items.push({
      publicationId: p.id,
      title: p.title,
      subjectKind: p.subjectKind,
      startsOn: p.startsOn!,
      endsOn: p.endsOn!,
      status: p.status,
      state: discussionState(p, today)!,
      proposals: s.proposals,
      pending: s.pending,
      unanswered: s.unanswered,
      hearings: s.hearings,
      protocol: s.protocol
        ? {
            number: s.protocol.number,
            date: s.protocol.date,
            generatedAt: s.protocol.generatedAt,
            counts: s.protocol.counts as NonNullable<DiscussionSummary["protocol"]>["counts"],
            files: { docx: `${page}/protocol.docx`, pdf: `${page}/protocol.pdf` },
            page,
          }
        : null,
      version: p.version,
    });
  }
  return { portal: slug ? `/p/${slug}` : null, items };
}

export async function recordHeldHearing(ctx: AppContext, caller: Caller, body: HeldHearingCreate): Promise<HearingView> {
  const municipalityId = caller.actor.municipalityId;
  ensure(caller.actor, "create", { area: "portal", municipalityId, part: "publication" });
  const issues: { path: string; message: string }[] = [];
  if (Date.parse(body.startsAt) > ctx.now().getTime())
    issues.push({ path: "body.startsAt", message: "Записываются прошедшие слушания: время начала в прошлом (будущие — объявляются)" });
  if (body.protocolDate < body.startsAt.slice(0, 10))
    issues.push({ path: "body.protocolDate", message: "Протокол не может быть датирован раньше слушаний" });
  if (body.protocolDate > todayIn(ctx)) issues.push({ path: "body.protocolDate", message: "Дата протокола — не позже сегодняшней" });
  if (body.publicationId) {
    const p = await getPublication(ctx.db, body.publicationId);
    if (!p || p.municipalityId !== municipalityId || p.status !== "published")
      issues.push({ path: "body.publicationId", message: "Нет такой опубликованной публикации" });
  }
  if (issues.length) throw new ValidationError(issues);
  return ctx.db.tx(async (q) => {
    const h = await insertHeldHearing(q, {
      municipalityId,
      publicationId: body.publicationId ?? null,
      title: body.title.trim(),
      place: body.place.trim(),
      startsAt: body.startsAt,
      agenda: (body.agenda ?? []).map((a) => a.trim()),
      participants: body.participants,
      protocolNumber: body.protocolNumber.trim(),
      protocolDate: body.protocolDate,
      protocol: body.protocol.trim(),
      recommendations: (body.recommendations ?? []).map((r) => r.trim()),
      by: caller.actor.userId,
    });
    if (!h) throw new ValidationError([{ path: "body.startsAt", message: "Записываются прошедшие слушания: время начала в прошлом" }]);
    await audit(q, caller, {
      action: "portal.hearingHeld",
      objectType: "hearing",
      objectId: h.id,
      after: {
        title: h.title,
        place: h.place,
        startsAt: h.startsAt,
        participants: h.participants,
        protocolNumber: h.protocolNumber,
        protocolDate: h.protocolDate,
      },
    });
    return hearingView(q, h);
  });
}
