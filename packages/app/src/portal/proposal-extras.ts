/**
 * Issue 14, part 3 (rest): files attached to a proposal (stored as stored_file, the type judged by
 * the content, the size limited), proposals on behalf of an organisation, residents' comments on
 * proposals (pre- or post-moderated by the portal's setting, like proposals), and abuse reports
 * that hide nothing by themselves: staff decide, with a reason, and the reporter is never shown
 * to the author. The author is told of each step.
 */
import { createHash } from "node:crypto";
import {
  attachProposalFile,
  closeOpenReports,
  decideReport,
  getComment,
  getProposal,
  getReport,
  getStoredFileContent,
  hideComment,
  hideProposal,
  insertComment,
  insertReport,
  insertStoredFile,
  listComments,
  listReports,
  moderateComment,
  portalSettingOf,
  proposalFiles,
  proposalHasFile,
  setProposalOrganisation,
  type AbuseReportRecord,
  type ProposalCommentRecord,
  type ProposalRecord,
  type Queryable,
} from "@orientir/db";
import {
  ConflictError,
  NotFoundError,
  PROPOSAL_FILE_LIMITS,
  RuleError,
  ValidationError,
  checkUpload,
  cleanFilename,
  ensure,
  organisationAuthor,
  organisationIssues,
  type FieldIssue,
  type FileType,
  type ProposalOrganisation,
} from "@orientir/domain";
import type {
  AbuseReportCreate,
  AbuseReportDecisionBody,
  AbuseReportList,
  AbuseReportView,
  CommentCreate,
  CommentList,
  CommentView,
  ModerationBody,
  ProposalCreate,
  ProposalView,
} from "@orientir/contracts";
import type { AppContext, Caller } from "../context.ts";
import { audit } from "../audit.ts";
import type { PublicPortal } from "./publications.ts";
import { RESIDENT_LIMITS, freshResident, throttle, type ResidentCaller } from "./residents.ts";
import { notifyResident } from "./notify.ts";
import { initialsOf } from "./participation.ts";

// ---- organisation and files of a new proposal ----------------------------------------------------

/** The files and organisation of a proposal, checked before anything is written (400 naming the field). */
export interface ProposalExtras {
  organisation: ProposalOrganisation | null;
  files: { filename: string; content: Buffer; type: FileType }[];
}

/**
 * A file as the portal's HTML form sends it (multipart/form-data): its bytes as they came. The
 * server reads at most one byte over the limit, so a larger file arrives longer than the limit and
 * is refused here like any other.
 */
export interface ProposalUpload {
  filename: string;
  content: Buffer;
}

/** A new proposal: the JSON API's body, whose files are base64, or the HTML form's, whose files are bytes. */
export type ProposalInput = Omit<ProposalCreate, "files"> & {
  files?: (NonNullable<ProposalCreate["files"]>[number] | ProposalUpload)[] | undefined;
};

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const MB = (n: number) => (n / 1024 / 1024).toFixed(1).replace(".", ",");

/** One file's issues, each naming the file («name») so that a form shown again says which one was refused. */
function fileIssues(filename: string, content: Buffer, path: string): { issues: FieldIssue[] } | { type: FileType } {
  const name =
    filename
      .replace(/^.*[\\/]/, "")
      .trim()
      .slice(0, 120) || "без имени";
  if (content.length > PROPOSAL_FILE_LIMITS.bytes)
    return {
      issues: [
        {
          path,
          message: `Файл «${name}» больше допустимых ${MB(PROPOSAL_FILE_LIMITS.bytes)} МБ`,
          messageEn: `The file "${name}" is larger than ${PROPOSAL_FILE_LIMITS.bytes} bytes`,
        },
      ],
    };
  const checked = checkUpload(content, PROPOSAL_FILE_LIMITS.bytes);
  if ("type" in checked) return checked;
  return {
    issues: checked.issues.map((x) => ({
      path,
      message: `Файл «${name}»: ${x.message.charAt(0).toLowerCase()}${x.message.slice(1)}`,
      ...(x.messageEn ? { messageEn: `The file "${name}": ${x.messageEn}` } : {}),
    })),
  };
}

export function checkProposalExtras(body: ProposalInput): ProposalExtras {
  const issues: FieldIssue[] = [];
  let organisation: ProposalOrganisation | null = null;
  if (body.organisation) {
    issues.push(...organisationIssues(body.organisation, "body.organisation"));
    organisation = {
      name: body.organisation.name.trim(),
      inn: body.organisation.inn?.trim() || null,
      ogrn: body.organisation.ogrn?.trim() || null,
      role: body.organisation.role.trim(),
    };
  }
  const files: ProposalExtras["files"] = [];
  const list = body.files ?? [];
  if (list.length > PROPOSAL_FILE_LIMITS.count)
    issues.push({
      path: "body.files",
      message: `Не больше ${PROPOSAL_FILE_LIMITS.count} файлов к предложению (выбрано ${list.length})`,
      messageEn: `At most ${PROPOSAL_FILE_LIMITS.count} files`,
    });
  list.forEach((f, i) => {
    let content: Buffer;
    let path: string;
    if ("content" in f) {
      content = f.content;
      path = `body.files.${i}`;
    } else {
      path = `body.files.${i}.contentBase64`;
      const t = f.contentBase64.replace(/\s+/g, "");
      if (!BASE64.test(t) || t.length % 4 === 1) {
        issues.push({ path, message: "Содержимое файла должно быть в кодировке base64", messageEn: "not base64" });
        return;
      }
      content = Buffer.from(t, "base64");
    }
    const checked = fileIssues(f.filename, content, path);
    if ("issues" in checked) issues.push(...checked.issues);
    else files.push({ filename: cleanFilename(f.filename, checked.type), content, type: checked.type });
  });
  if (issues.length) throw new ValidationError(issues);
  return { organisation, files };
}

/** The author as shown: the organisation's name, or the resident's initials. */
export function authorOf(extras: ProposalExtras, initials: string): string {
  return extras.organisation ? organisationAuthor(extras.organisation) : initials;
}

/** Writes the organisation and the files of a proposal just inserted (in its transaction). */
export async function storeProposalExtras(q: Queryable, p: ProposalRecord, extras: ProposalExtras): Promise<void> {
  if (extras.organisation) await setProposalOrganisation(q, p.id, extras.organisation);
  for (const [i, f] of extras.files.entries()) {
    const stored = await insertStoredFile(q, {
      municipalityId: p.municipalityId,
      filename: f.filename,
      contentType: f.type.contentType,
      sha256: createHash("sha256").update(f.content).digest("hex"),
      content: f.content,
      uploadedBy: null,
    });
    await attachProposalFile(q, p.id, stored.id, i + 1);
  }
}

/**
 * Completes proposals' views with their files; for the public, a proposal hidden after an abuse
 * report shows the reason instead of its text and files.
 */
export async function withProposalFiles(q: Queryable, views: ProposalView[], publicView: boolean): Promise<ProposalView[]> {
  const files = await proposalFiles(
    q,
    views.map((v) => v.id),
  );
  return views.map((v) => {
    const own = files
      .filter((f) => f.proposalId === v.id)
      .map(({ id, filename, contentType, size }) => ({ id, filename, contentType, size }));
    if (publicView && v.hiddenReason) return { ...v, text: "", files: [], change: null };
    return { ...v, files: own };
  });
}

function visible(p: ProposalRecord | null, municipalityId: string, residentId: string | null): p is ProposalRecord {
  if (!p || p.municipalityId !== municipalityId) return false;
  if (p.hiddenAt) return false;
  return p.moderation === "published" || (residentId !== null && p.residentId === residentId);
}

/** A file of a proposal the portal shows (published and not hidden, or the resident's own). */
export async function publicProposalFile(
  ctx: AppContext,
  portal: PublicPortal,
  proposalId: string,
  fileId: string,
  residentId: string | null,
): Promise<{ content: Buffer; filename: string; contentType: string }> {
  const p = await getProposal(ctx.db, proposalId);
  if (!visible(p, portal.municipalityId, residentId) || !(await proposalHasFile(ctx.db, proposalId, fileId)))
    throw new NotFoundError("файл", fileId);
  const f = (await getStoredFileContent(ctx.db, fileId))!;
  return { content: f.content, filename: f.filename, contentType: f.contentType };
}

/** A file of a proposal, for staff (moderation reads the files before publishing). */
export async function staffProposalFile(
  ctx: AppContext,
  caller: Caller,
  proposalId: string,
  fileId: string,
): Promise<{ buffer: Buffer; filename: string; contentType: string }> {
  ensure(caller.actor, "read", { area: "portal", municipalityId: caller.actor.municipalityId });
  const p = await getProposal(ctx.db, proposalId);
  if (!p || p.municipalityId !== caller.actor.municipalityId || !(await proposalHasFile(ctx.db, proposalId, fileId)))
    throw new NotFoundError("файл", fileId);
  const f = (await getStoredFileContent(ctx.db, fileId))!;
  return { buffer: f.content, filename: f.filename, contentType: f.contentType };
}

// ---- comments ---------------------------------------------------------------------------------

export function commentView(c: ProposalCommentRecord): CommentView {
  return {
    id: c.id,
    proposalId: c.proposalId,
    publicationId: c.publicationId,
    authorName: c.authorName,
    text: c.text,
    moderation: c.moderation,
    moderationReason: c.moderationReason,
    hiddenReason: c.hiddenReason,
    createdAt: c.createdAt,
    version: c.version,
  };
}

const excerpt = (text: string) => {
  const t = text.replace(/\s+/g, " ").trim();
  return t.length > 80 ? `${t.slice(0, 79)}…` : t;
};

async function linkOf(q: Queryable, municipalityId: string, publicationId: string, anchor: string): Promise<string | null> {
  const s = await portalSettingOf(q, municipalityId);
  return s ? `/p/${s.slug}/publications/${publicationId}#${anchor}` : null;
}

/** Tells the proposal's author of a comment made public on it (not when they comment themselves). */
async function tellAuthorOfComment(ctx: AppContext, q: Queryable, c: ProposalCommentRecord): Promise<void> {
  const p = await getProposal(q, c.proposalId);
  if (!p?.residentId || p.residentId === c.residentId) return;
  await notifyResident(ctx, q, {
    municipalityId: p.municipalityId,
    residentId: p.residentId,
    kind: "proposal.comment",
    objectType: "proposal",
    objectId: p.id,
    subject: "Новый комментарий к вашему предложению",
    body: `К вашему предложению («${excerpt(p.text)}») опубликован комментарий: «${excerpt(c.text)}».`,
    link: await linkOf(q, p.municipalityId, p.publicationId, `comment-${c.id}`),
  });
}

/** A signed-in resident's comment on a published proposal; pre- or post-moderated by the portal's setting. */
export async function makeComment(
  ctx: AppContext,
  portal: PublicPortal,
  r: ResidentCaller,
  proposalId: string,
  body: CommentCreate,
): Promise<CommentView> {
  const resident = await freshResident(ctx, r);
  if (!resident.fullName)
    throw new ValidationError([
      { path: "profile.fullName", message: "Укажите в профиле фамилию и имя: без них комментарий не принимается" },
    ]);
  const p = await getProposal(ctx.db, proposalId);
  if (!p || p.municipalityId !== portal.municipalityId || p.moderation !== "published" || p.hiddenAt)
    throw new NotFoundError("предложение", proposalId);
  const setting = await portalSettingOf(ctx.db, portal.municipalityId);
  return ctx.db.tx(async (q) => {
    await throttle(ctx, q, `write:${resident.id}`, RESIDENT_LIMITS.writePerResidentHour);
    const c = await insertComment(q, {
      municipalityId: portal.municipalityId,
      proposalId,
      residentId: resident.id,
      authorName: initialsOf(resident.fullName!),
      text: body.text.trim(),
      moderation: setting?.moderation === "post" ? "published" : "pending",
      at: ctx.now().toISOString(),
    });
    await audit(
      q,
      { actor: null, requestId: null },
      {
        action: "portal.comment",
        objectType: "proposalComment",
        objectId: c.id,
        municipalityId: portal.municipalityId,
        login: `resident:${resident.id}`,
        after: { proposalId, text: c.text, moderation: c.moderation },
      },
    );
    if (c.moderation === "published") await tellAuthorOfComment(ctx, q, c);
    return commentView(c);
  });
}

/** The comments the portal shows on these proposals: published and not hidden (and the resident's own awaiting moderation). */
export async function publicComments(
  ctx: AppContext,
  portal: PublicPortal,
  proposalIds: string[],
  residentId: string | null,
): Promise<CommentView[]> {
  if (proposalIds.length === 0) return [];
  const list = await listComments(ctx.db, { municipalityId: portal.municipalityId, proposalIds });
  return list
    .filter((c) => c.moderation === "published" || (residentId !== null && c.residentId === residentId && c.moderation === "pending"))
    .map(commentView)
    .map((c) => (c.hiddenReason ? { ...c, text: "" } : c));
}

export async function staffComments(
  ctx: AppContext,
  caller: Caller,
  f: { moderation?: string | undefined; proposalId?: string | undefined },
): Promise<CommentList> {
  ensure(caller.actor, "read", { area: "portal", municipalityId: caller.actor.municipalityId });
  const list = await listComments(ctx.db, {
    municipalityId: caller.actor.municipalityId,
    ...(f.moderation ? { moderation: f.moderation } : {}),
    ...(f.proposalId ? { proposalIds: [f.proposalId] } : {}),
  });
  return { items: list.map(commentView) };
}

export async function moderateOneComment(ctx: AppContext, caller: Caller, id: string, body: ModerationBody): Promise<CommentView> {
  ensure(caller.actor, "update", { area: "portal", municipalityId: caller.actor.municipalityId, part: "moderation" });
  const reason = body.reason?.trim() || null;
  if (body.moderation === "rejected" && !reason)
    throw new ValidationError([{ path: "body.reason", message: "Укажите причину отклонения" }]);
  return ctx.db.tx(async (q) => {
    const before = await getComment(q, id);
    if (!before || before.municipalityId !== caller.actor.municipalityId) throw new NotFoundError("комментарий", id);
    const ok = await moderateComment(q, id, body.version, {
      moderation: body.moderation,
      reason,
      by: caller.actor.userId,
      at: ctx.now().toISOString(),
    });
    if (!ok) throw new ConflictError("Комментарий изменен другим пользователем", commentView(before));
    const after = (await getComment(q, id))!;
    await audit(q, caller, {
      action: "portal.commentModerate",
      objectType: "proposalComment",
      objectId: id,
      before: { moderation: before.moderation },
      after: { moderation: after.moderation, reason },
    });
    if (after.moderation !== before.moderation) {
      const published = after.moderation === "published";
      if (after.residentId)
        await notifyResident(ctx, q, {
          municipalityId: after.municipalityId,
          residentId: after.residentId,
          kind: published ? "comment.published" : "comment.rejected",
          objectType: "proposal",
          objectId: after.proposalId,
          subject: published ? "Ваш комментарий опубликован" : "Ваш комментарий отклонен модератором",
          body: published
            ? `Ваш комментарий («${excerpt(after.text)}») прошел модерацию и опубликован.`
            : `Ваш комментарий («${excerpt(after.text)}») отклонен модератором. Причина: ${reason ?? ""}`,
          link: await linkOf(q, after.municipalityId, after.publicationId, `proposal-${after.proposalId}`),
        });
      if (published) await tellAuthorOfComment(ctx, q, after);
    }
    return commentView(after);
  });
}

// ---- abuse reports ----------------------------------------------------------------------------

/**
 * A resident reports a proposal or a comment the portal shows. The content stays visible: only a
 * staff decision hides it. One open report per resident and target (409 for a second).
 */
export async function reportAbuse(
  ctx: AppContext,
  portal: PublicPortal,
  r: ResidentCaller,
  body: AbuseReportCreate,
): Promise<{ id: string; status: "open"; message: string }> {
  const resident = await freshResident(ctx, r);
  if (body.targetType === "proposal") {
    const p = await getProposal(ctx.db, body.targetId);
    if (!p || p.municipalityId !== portal.municipalityId || p.moderation !== "published" || p.hiddenAt)
      throw new NotFoundError("предложение", body.targetId);
  } else {
    const c = await getComment(ctx.db, body.targetId);
    if (!c || c.municipalityId !== portal.municipalityId || c.moderation !== "published" || c.hiddenAt)
      throw new NotFoundError("комментарий", body.targetId);
  }
  return ctx.db.tx(async (q) => {
    await throttle(ctx, q, `write:${resident.id}`, RESIDENT_LIMITS.writePerResidentHour);
    const x = await insertReport(q, {
      municipalityId: portal.municipalityId,
      targetType: body.targetType,
      targetId: body.targetId,
      reporterId: resident.id,
      reason: body.reason.trim(),
      at: ctx.now().toISOString(),
    });
    if (!x) throw new ConflictError("Ваша жалоба на это уже рассматривается");
    await audit(
      q,
      { actor: null, requestId: null },
      {
        action: "portal.report",
        objectType: "abuseReport",
        objectId: x.id,
        municipalityId: portal.municipalityId,
        login: `resident:${resident.id}`,
        after: { targetType: x.targetType, targetId: x.targetId, reason: x.reason },
      },
    );
    return { id: x.id, status: "open" as const, message: "Жалоба принята: ее рассмотрит модератор, о решении вам сообщат" };
  });
}

async function reportView(q: Queryable, x: AbuseReportRecord): Promise<AbuseReportView> {
  let target: AbuseReportView["target"];
  if (x.targetType === "proposal") {
    const p = await getProposal(q, x.targetId);
    target = p
      ? { text: p.text, authorName: p.authorName, proposalId: p.id, publicationId: p.publicationId, hidden: p.hiddenAt !== null }
      : { text: "", authorName: "", proposalId: x.targetId, publicationId: x.targetId, hidden: true };
  } else {
    const c = await getComment(q, x.targetId);
    target = c
      ? { text: c.text, authorName: c.authorName, proposalId: c.proposalId, publicationId: c.publicationId, hidden: c.hiddenAt !== null }
      : { text: "", authorName: "", proposalId: x.targetId, publicationId: x.targetId, hidden: true };
  }
  // the reporter is not part of the view: nobody reading the queue learns who complained
  return {
    id: x.id,
    targetType: x.targetType,
    targetId: x.targetId,
    reason: x.reason,
    status: x.status,
    decisionReason: x.decisionReason,
    createdAt: x.createdAt,
    decidedAt: x.decidedAt,
    version: x.version,
    target,
  };
}

export async function staffReports(ctx: AppContext, caller: Caller, f: { status?: string | undefined }): Promise<AbuseReportList> {
  ensure(caller.actor, "read", { area: "portal", municipalityId: caller.actor.municipalityId });
  const list = await listReports(ctx.db, caller.actor.municipalityId, f.status ?? null);
  return { items: await Promise.all(list.map((x) => reportView(ctx.db, x))) };
}

/** What a report is about, as its notices name it: the text, the author and the portal's link to it. */
async function targetOf(
  q: Queryable,
  x: AbuseReportRecord,
): Promise<{ text: string; authorId: string | null; link: string | null; hide: (reason: string, at: string) => Promise<void> } | null> {
  if (x.targetType === "proposal") {
    const p = await getProposal(q, x.targetId);
    if (!p) return null;
    return {
      text: p.text,
      authorId: p.residentId,
      link: await linkOf(q, p.municipalityId, p.publicationId, `proposal-${p.id}`),
      hide: (reason, at) => hideProposal(q, p.id, reason, at),
    };
  }
  const c = await getComment(q, x.targetId);
  if (!c) return null;
  return {
    text: c.text,
    authorId: c.residentId,
    link: await linkOf(q, c.municipalityId, c.publicationId, `comment-${c.id}`),
    hide: (reason, at) => hideComment(q, c.id, reason, at),
  };
}

/**
 * Staff decide a report: hide the content (the portal then shows the reason instead of it; the
 * other open reports on it are closed with the same decision; its author is told why, never by
 * whom it was reported) or keep it. Whoever reported is told the decision and its reason — each
 * reporter of a hidden content, as their reports close with it.
 */
export async function decideAbuseReport(
  ctx: AppContext,
  caller: Caller,
  id: string,
  body: AbuseReportDecisionBody,
): Promise<AbuseReportView> {
  ensure(caller.actor, "update", { area: "portal", municipalityId: caller.actor.municipalityId, part: "moderation" });
  const reason = body.reason.trim();
  if (!reason) throw new ValidationError([{ path: "body.reason", message: "Укажите причину решения" }]);
  return ctx.db.tx(async (q) => {
    const before = await getReport(q, id);
    if (!before || before.municipalityId !== caller.actor.municipalityId) throw new NotFoundError("жалоба", id);
    if (before.status !== "open") throw new RuleError("Жалоба уже рассмотрена", "portal.reportDecided");
    const at = ctx.now().toISOString();
    const status = body.decision === "hide" ? "hidden" : "kept";
    const ok = await decideReport(q, id, body.version, { status, reason, by: caller.actor.userId, at });
    if (!ok) throw new ConflictError("Жалоба изменена другим пользователем", await reportView(q, before));
    const target = await targetOf(q, before);
    const isProposal = before.targetType === "proposal";
    // the reports this decision closes, each with its reporter
    const decided: { id: string; reporterId: string | null }[] = [{ id, reporterId: before.reporterId }];
    if (status === "hidden") {
      if (target) await target.hide(reason, at);
      decided.push(...(await closeOpenReports(q, before.targetType, before.targetId, { reason, by: caller.actor.userId, at })));
      if (target?.authorId)
        await notifyResident(ctx, q, {
          municipalityId: before.municipalityId,
          residentId: target.authorId,
          kind: "content.hidden",
          objectType: before.targetType,
          objectId: before.targetId,
          subject: isProposal ? "Ваше предложение скрыто модератором" : "Ваш комментарий скрыт модератором",
          body: `${isProposal ? "Ваше предложение" : "Ваш комментарий"} («${excerpt(target.text)}») скрыт(о) модератором после рассмотрения жалобы. Причина: ${reason}`,
          link: target.link,
        });
    }
    const what = `${isProposal ? "предложение" : "комментарий"}${target ? ` («${excerpt(target.text)}»)` : ""}`;
    const outcome =
      status === "hidden"
        ? `модератор скрыл ${isProposal ? "это предложение" : "этот комментарий"} на портале`
        : `модератор оставил ${isProposal ? "это предложение" : "этот комментарий"} на портале`;
    for (const d of decided) {
      if (!d.reporterId) continue; // the reporter's account was deleted
      await notifyResident(ctx, q, {
        municipalityId: before.municipalityId,
        residentId: d.reporterId,
        kind: status === "hidden" ? "report.hidden" : "report.kept",
        objectType: "abuseReport",
        objectId: d.id,
        subject: "Ваша жалоба рассмотрена",
        body: `Ваша жалоба на ${what} рассмотрена: ${outcome}. Причина решения: ${reason}`,
        link: target?.link ?? null,
      });
    }
    const after = (await getReport(q, id))!;
    await audit(q, caller, {
      action: "portal.reportDecision",
      objectType: "abuseReport",
      objectId: id,
      before: { status: before.status },
      after: { status: after.status, reason, targetType: after.targetType, targetId: after.targetId },
    });
    return reportView(q, after);
  });
}
