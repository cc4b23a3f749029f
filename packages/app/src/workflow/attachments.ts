/**
 * The documents attached to a draft (220-п 4.7, 4.7.1, 4.19): the financial-economic justification
 * and the methodologies of calculation, listed by every member, added and removed by the draft's
 * preparer while it is with them (as its note). `attachmentRuleError` is the check of sending the
 * draft for review when the municipality's setting asks for them.
 */
import { createHash } from "node:crypto";
import {
  fullNamesOf,
  deleteDraftAttachment,
  getDraftAttachment,
  getStoredFileContent,
  getVersion,
  insertStoredFile,
  insertDraftAttachment,
  instanceOfVersion,
  listDraftAttachments,
  requiresDraftAttachments,
  type DraftAttachmentRecord,
  type Queryable,
  type Row,
} from "@orientir/db";
import {
  ATTACHMENT_KINDS,
  ATTACHMENT_KIND_LABELS,
  ConflictError,
  NotFoundError,
  RuleError,
  FILE_TYPES,
  ValidationError,
  authorize,
  checkUpload,
  cleanFilename,
  ensure,
  isBlankText,
  isWithPreparer,
  missingAttachments,
  requiredAttachments,
  trimText,
  type Actor,
  type AttachmentKind,
  type Flow,
  type ProgramDocument,
  type WorkflowKind,
} from "@orientir/domain";
import type { DraftAttachment, DraftAttachmentBody, DraftAttachmentList } from "@orientir/contracts";
import type { AppContext, Caller } from "../context.ts";
import { audit } from "../audit.ts";
import { directionCoExecutorOf, documentOf, ownProgram, workflowTarget } from "./shared.ts";
import { text } from "../row-values.ts";

function view(a: DraftAttachmentRecord, names: Map<string, string>): DraftAttachment {
  return {
    id: a.id,
    versionId: a.programVersionId,
    kind: a.kind,
    kindLabel: ATTACHMENT_KIND_LABELS[a.kind].ru,
    title: a.title,
    file: a.fileId && a.filename ? { filename: a.filename, contentType: a.contentType ?? "", size: a.size ?? 0 } : null,
    createdByLogin: a.createdByLogin,
    createdByName: (a.createdBy ? names.get(a.createdBy) : undefined) ?? null,
    createdAt: a.createdAt,
  };
}

/** Does the draft add program indicators to the version it amends (4.7.1 then asks for the methodology)? */
async function addsIndicators(q: Queryable, programId: string, v: Row): Promise<boolean> {
  if (v.kind !== "amendment" || !v.basedOnId) return false;
  const base = await getVersion(q, text(v.basedOnId));
  if (!base?.document) return false;
  const before = new Set((base.document as ProgramDocument).indicators.map((i) => i.code ?? i.name));
  return (await documentOf(q, programId, v)).indicators.some((i) => !before.has(i.code ?? i.name));
}

/** The files a draft's document may be (4.7: documents, not pictures). */
const DOCUMENT_TYPES = new Set<string>([FILE_TYPES.pdf.extension, FILE_TYPES.docx.extension, FILE_TYPES.xlsx.extension]);

async function required(q: Queryable, v: Row) {
  return requiredAttachments(v.flow as Flow, v.kind as WorkflowKind, await addsIndicators(q, text(v.programId), v));
}

async function loadVersion(q: Queryable, actor: Actor, versionId: string): Promise<Row> {
  const v = await getVersion(q, versionId);
  if (!v || v.municipalityId !== actor.municipalityId) throw new NotFoundError("Редакция программы", versionId);
  return v;
}

async function listView(q: Queryable, actor: Actor, v: Row): Promise<DraftAttachmentList> {
  const program = await ownProgram(q, actor, text(v.programId));
  const items = await listDraftAttachments(q, v.id);
  const instance = await instanceOfVersion(q, v.id);
  const coExecutorId = instance ? await directionCoExecutorOf(q, instance) : null;
  const editable =
    v.status === "draft" &&
    (!instance || isWithPreparer(instance.state) || instance.state === "discussion") &&
    authorize(actor, "update", workflowTarget(program, v.flow as Flow, coExecutorId, "note")).allowed;
  const req = await required(q, v);
  // who attached each document, by name
  const names = await fullNamesOf(
    q,
    items.map((a) => a.createdBy),
  );
  return {
    items: items.map((a) => view(a, names)),
    required: req.map((r) => ({ kind: r.kind, label: ATTACHMENT_KIND_LABELS[r.kind].ru, clause: r.clause })),
    missing: missingAttachments(req, items).map((r) => r.kind),
    enforced: await requiresDraftAttachments(q, actor.municipalityId),
    editable,
  };
}

export async function draftAttachments(ctx: AppContext, caller: Caller, versionId: string): Promise<DraftAttachmentList> {
  const v = await loadVersion(ctx.db, caller.actor, versionId);
  const program = await ownProgram(ctx.db, caller.actor, text(v.programId));
  ensure(caller.actor, "read", workflowTarget(program, v.flow as Flow, null));
  return listView(ctx.db, caller.actor, v);
}

/** The preparer's check of a write: the draft is with them and they may edit its note. */
async function ensurePreparer(q: Queryable, actor: Actor, v: Row): Promise<Row> {
  const program = await ownProgram(q, actor, text(v.programId));
  const instance = await instanceOfVersion(q, v.id);
  const coExecutorId = instance ? await directionCoExecutorOf(q, instance) : null;
  ensure(actor, "update", workflowTarget(program, v.flow as Flow, coExecutorId, "note"));
  if (v.status !== "draft" || (instance && !isWithPreparer(instance.state) && instance.state !== "discussion"))
    throw new ConflictError("Документы прилагаются к проекту, пока он у исполнителя (не на экспертизе и не утвержден)");
  return program;
}

export async function addDraftAttachment(
  ctx: AppContext,
  caller: Caller,
  versionId: string,
  input: Pick<DraftAttachmentBody, "kind" | "title" | "filename"> & { content: Buffer },
): Promise<DraftAttachmentList> {
  const { actor } = caller;
  if (!(ATTACHMENT_KINDS as readonly string[]).includes(input.kind))
    throw new ValidationError([{ path: "kind", message: `Вид документа: ${ATTACHMENT_KINDS.join(", ")}` }]);
  if (typeof input.title !== "string" || isBlankText(input.title))
    throw new ValidationError([{ path: "title", message: "Укажите документ: наименование, номер, дата" }]);
  const content = input.content;
  const checked = checkUpload(content);
  if ("issues" in checked) throw new ValidationError(checked.issues);
  if (!DOCUMENT_TYPES.has(checked.type.extension))
    throw new ValidationError([
      {
        path: "content",
        message: "Документ проекта прилагается файлом PDF, DOCX или XLSX (тип определяется по содержимому)",
        messageEn: "A draft's document is a PDF, DOCX or XLSX file (judged by the content)",
      },
    ]);
  return ctx.db.tx(async (q) => {
    const v = await loadVersion(q, actor, versionId);
    const program = await ensurePreparer(q, actor, v);
    const file = await insertStoredFile(q, {
      municipalityId: actor.municipalityId,
      filename: cleanFilename(input.filename, checked.type),
      contentType: checked.type.contentType,
      sha256: createHash("sha256").update(content).digest("hex"),
      content,
      uploadedBy: actor.userId,
    });
    const row = await insertDraftAttachment(q, {
      fileId: file.id,
      municipalityId: actor.municipalityId,
      programId: program.id,
      versionId: v.id,
      kind: input.kind,
      title: trimText(input.title),
      createdBy: actor.userId,
      createdByLogin: actor.login,
    });
    await audit(q, caller, { action: "draftAttachment.create", objectType: "programVersion", objectId: v.id, after: row });
    return listView(q, actor, v);
  });
}

export async function removeDraftAttachment(ctx: AppContext, caller: Caller, versionId: string, id: string): Promise<DraftAttachmentList> {
  const { actor } = caller;
  return ctx.db.tx(async (q) => {
    const v = await loadVersion(q, actor, versionId);
    await ensurePreparer(q, actor, v);
    const row = await deleteDraftAttachment(q, v.id, id);
    if (!row) throw new NotFoundError("Документ проекта", id);
    await audit(q, caller, { action: "draftAttachment.delete", objectType: "programVersion", objectId: v.id, before: row });
    return listView(q, actor, v);
  });
}

/** The file of a draft's document, for every member who may read the draft. */
export async function downloadDraftAttachment(
  ctx: AppContext,
  caller: Caller,
  versionId: string,
  id: string,
): Promise<{ buffer: Buffer; filename: string; contentType: string }> {
  const v = await loadVersion(ctx.db, caller.actor, versionId);
  const program = await ownProgram(ctx.db, caller.actor, text(v.programId));
  ensure(caller.actor, "read", workflowTarget(program, v.flow as Flow, null));
  const a = await getDraftAttachment(ctx.db, v.id, id);
  if (!a) throw new NotFoundError("Документ проекта", id);
  if (!a.fileId) throw new NotFoundError("Файл документа проекта", id);
  const f = await getStoredFileContent(ctx.db, a.fileId);
  if (!f) throw new NotFoundError("файл", a.fileId);
  return { buffer: f.content, filename: f.filename, contentType: f.contentType };
}

/**
 * 220-п 4.7 (4.7.1, 4.19): before a draft goes to review, the documents it needs, when the
 * municipality's setting asks for them; a 422 naming the rule and each missing document.
 */
export async function checkDraftAttachments(q: Queryable, municipalityId: string, v: Row): Promise<void> {
  if (!(await requiresDraftAttachments(q, municipalityId))) return;
  const missing = missingAttachments(await required(q, v), await listDraftAttachments(q, v.id));
  if (missing.length === 0) return;
  const rule = missing[0]!.clause;
  throw new RuleError(
    `К проекту не приложены документы (${rule}): ${missing.map((m) => ATTACHMENT_KIND_LABELS[m.kind].ru.toLowerCase()).join("; ")}`,
    rule,
    missing.map((m) => ({
      path: `attachments.${m.kind satisfies AttachmentKind}`,
      message: `Не приложено: ${ATTACHMENT_KIND_LABELS[m.kind].ru} (${m.clause})`,
      messageEn: `Missing: ${ATTACHMENT_KIND_LABELS[m.kind].en} (${m.clause})`,
    })),
  );
}
