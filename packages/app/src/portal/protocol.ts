/**
 * The protocol of a finished discussion (issue 14, part 4): generated once the term has ended and
 * every proposal made public has its answer, stored with its DOCX and PDF, published on the portal
 * page of the publication. The renderer is given by the caller (the reports package is a
 * presenter; the use case knows only the data).
 */
import { getPublication, insertDiscussionProtocol, listProposals, portalSettingOf, protocolFile, protocolOf } from "@orientir/db";
import { NotFoundError, RuleError, ensure, protocolData, type ProtocolData, type ProtocolProposal } from "@orientir/domain";
import type { DiscussionProtocol, ProtocolCreate } from "@orientir/contracts";
import type { AppContext, Caller } from "../context.ts";
import { audit } from "../audit.ts";
import { todayIn } from "../context.ts";
import { discussionState, type PublicPortal } from "./publications.ts";

export type ProtocolRenderer = (data: ProtocolData) => Promise<{ docx: Buffer; pdf: Buffer }>;

function view(slug: string | null, publicationId: string, data: ProtocolData, generatedAt: string): DiscussionProtocol {
  const base = `/p/${slug ?? "-"}/publications/${publicationId}/protocol`;
  return { publicationId, ...data, generatedAt, files: { docx: `${base}.docx`, pdf: `${base}.pdf` } };
}

export async function generateProtocol(
  ctx: AppContext,
  caller: Caller,
  publicationId: string,
  body: ProtocolCreate,
  render: ProtocolRenderer,
): Promise<DiscussionProtocol> {
  const municipalityId = caller.actor.municipalityId;
  ensure(caller.actor, "create", { area: "portal", municipalityId, part: "publication" });
  const p = await getPublication(ctx.db, publicationId);
  if (!p || p.municipalityId !== municipalityId) throw new NotFoundError("публикация", publicationId);
  if (p.kind !== "discussion") throw new RuleError("Протокол составляется по общественному обсуждению", "portal.notDiscussion");
  if (p.status !== "published") throw new RuleError("Публикация отозвана", "portal.withdrawn");
  const today = todayIn(ctx);
  if (discussionState(p, today) !== "closed")
    throw new RuleError(`Протокол составляется по окончании срока обсуждения (${p.endsOn})`, "portal.discussionNotEnded");
  if (await protocolOf(ctx.db, publicationId)) throw new RuleError("Протокол этого обсуждения уже составлен", "portal.protocolExists");
  const proposals = await listProposals(ctx.db, { municipalityId, publicationId });
  const made = protocolData(
    { number: body.number.trim(), date: today, title: p.title, startsOn: p.startsOn!, endsOn: p.endsOn! },
    proposals.map((x): ProtocolProposal => ({
      id: x.id,
      kind: x.kind,
      authorName: x.authorName,
      anchorLabel: x.anchorLabel,
      // a text hidden by a moderator after an abuse report is not republished in the protocol
      text: x.hiddenReason ? `(текст скрыт модератором: ${x.hiddenReason})` : x.text,
      moderation: x.moderation,
      decision: x.decision,
      answer: x.answer,
      createdAt: x.createdAt,
    })),
  );
  if ("issues" in made)
    throw new RuleError("Протокол составляется, когда на каждое предложение дан ответ", "portal.unanswered", made.issues);
  const files = await render(made.value);
  const at = ctx.now().toISOString();
  const setting = await portalSettingOf(ctx.db, municipalityId);
  return ctx.db.tx(async (q) => {
    const row = await insertDiscussionProtocol(q, {
      municipalityId,
      publicationId,
      number: made.value.number,
      date: today,
      data: made.value,
      docx: files.docx,
      pdf: files.pdf,
      by: caller.actor.userId,
      at,
    });
    if (!row) throw new RuleError("Протокол этого обсуждения уже составлен", "portal.protocolExists");
    await audit(q, caller, {
      action: "portal.protocol",
      objectType: "publication",
      objectId: publicationId,
      after: { number: made.value.number, counts: made.value.counts },
    });
    return view(setting?.slug ?? null, publicationId, made.value, at);
  });
}

export async function staffProtocol(ctx: AppContext, caller: Caller, publicationId: string): Promise<DiscussionProtocol> {
  const municipalityId = caller.actor.municipalityId;
  ensure(caller.actor, "read", { area: "portal", municipalityId });
  const p = await getPublication(ctx.db, publicationId);
  const row = p && p.municipalityId === municipalityId ? await protocolOf(ctx.db, publicationId) : null;
  if (!row) throw new NotFoundError("протокол", publicationId);
  const setting = await portalSettingOf(ctx.db, municipalityId);
  return view(setting?.slug ?? null, publicationId, row.data as ProtocolData, row.generatedAt);
}

/** The published protocol of a publication on the portal (null when there is none yet). */
export async function publicProtocol(ctx: AppContext, portal: PublicPortal, publicationId: string): Promise<DiscussionProtocol | null> {
  const p = await getPublication(ctx.db, publicationId);
  if (!p || p.municipalityId !== portal.municipalityId || p.status !== "published") return null;
  const row = await protocolOf(ctx.db, publicationId);
  return row ? view(portal.slug, publicationId, row.data as ProtocolData, row.generatedAt) : null;
}

export async function publicProtocolFile(
  ctx: AppContext,
  portal: PublicPortal,
  publicationId: string,
  format: "docx" | "pdf",
): Promise<{ content: Buffer; filename: string }> {
  const meta = await publicProtocol(ctx, portal, publicationId);
  const content = meta ? await protocolFile(ctx.db, publicationId, format) : null;
  if (!meta || !content) throw new NotFoundError("протокол", publicationId);
  return { content, filename: `protocol-${meta.number.replace(/[^\p{L}\p{N}-]+/gu, "-")}.${format}` };
}
