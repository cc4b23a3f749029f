/**
 * Confirming documents of checkpoints: upload, list, download, remove.
 */
import { createHash } from "node:crypto";
import {
  deleteCheckpointDocument as deleteDocumentRow,
  getCheckpointDocument,
  getRow,
  getStoredFileContent,
  insertCheckpointDocument,
  insertStoredFile,
  listCheckpointDocuments,
  periodLocksOfProgram,
  type CheckpointDocumentRecord,
  type Queryable,
  type Row,
} from "@orientir/db";
import {
  ConflictError,
  NotFoundError,
  ValidationError,
  checkUpload,
  cleanFilename,
  ensure,
  ensureNotLocked,
  resource,
  type Actor,
  type PeriodLockRef,
} from "@orientir/domain";
import type { CheckpointDocument } from "@orientir/contracts";
import type { AppContext, Caller } from "../context.ts";
import { audit } from "../audit.ts";
import { checkDocumentFreeze } from "../content.ts";
import { targetOf } from "../resources.ts";

function presentDocument(r: CheckpointDocumentRecord): CheckpointDocument {
  return {
    id: r.id,
    checkpointId: r.checkpointId,
    programId: r.programId,
    directionId: r.directionId,
    filename: r.filename,
    contentType: r.contentType,
    size: r.size,
    sha256: r.sha256,
    comment: r.comment,
    createdBy: r.createdBy,
    createdByLogin: r.createdByLogin,
    createdAt: r.createdAt,
    version: r.version,
  };
}

async function loadCheckpoint(q: Queryable, actor: Actor, checkpointId: string): Promise<Row> {
  const c = await getRow(q, resource("checkpoint"), checkpointId);
  if (!c || c.municipalityId !== actor.municipalityId) throw new NotFoundError("контрольная точка", checkpointId);
  return c;
}

/** Attaches a confirming document (PDF, DOCX, XLSX, PNG or JPEG, by its content) to a checkpoint. */
export async function uploadCheckpointDocument(
  ctx: AppContext,
  caller: Caller,
  checkpointId: string,
  input: { filename: string; content: Buffer; comment?: string | null },
): Promise<CheckpointDocument> {
  const { actor } = caller;
  return ctx.db.tx(async (q) => {
    const cp = await loadCheckpoint(q, actor, checkpointId);
    ensure(actor, "update", await targetOf(q, resource("checkpoint"), cp));
    const checked = checkUpload(input.content);
    if ("issues" in checked) throw new ValidationError(checked.issues);
    const comment = input.comment?.trim() || null;
    if (comment && comment.length > 2000) throw new ValidationError([{ path: "comment", message: "Комментарий не длиннее 2000 знаков" }]);
    ensureNotLocked("checkpointDocument", "Подтверждающий документ", null, cp, await locksOf(q, String(cp.programId)));
    await checkDocumentFreeze(q, actor, cp);
    const file = await insertStoredFile(q, {
      municipalityId: actor.municipalityId,
      filename: cleanFilename(input.filename, checked.type),
      contentType: checked.type.contentType,
      sha256: createHash("sha256").update(input.content).digest("hex"),
      content: input.content,
      uploadedBy: actor.userId,
    });
    const doc = await insertCheckpointDocument(q, {
      municipalityId: actor.municipalityId,
      programId: String(cp.programId),
      directionId: String(cp.directionId),
      checkpointId: cp.id,
      fileId: file.id,
      comment,
      createdBy: actor.userId,
    });
    const shown = presentDocument(doc);
    await audit(q, caller, { action: "checkpointDocument.create", objectType: "checkpointDocument", objectId: doc.id, after: shown });
    return shown;
  });
}

export async function listDocumentsOfCheckpoint(ctx: AppContext, caller: Caller, checkpointId: string): Promise<CheckpointDocument[]> {
  const cp = await loadCheckpoint(ctx.db, caller.actor, checkpointId);
  ensure(caller.actor, "read", await targetOf(ctx.db, resource("checkpoint"), cp));
  return (await listCheckpointDocuments(ctx.db, cp.id)).map(presentDocument);
}

async function loadDocument(q: Queryable, actor: Actor, id: string): Promise<{ doc: CheckpointDocumentRecord; checkpoint: Row }> {
  const doc = await getCheckpointDocument(q, id);
  if (!doc || doc.municipalityId !== actor.municipalityId) throw new NotFoundError("подтверждающий документ", id);
  const checkpoint = (await getRow(q, resource("checkpoint"), doc.checkpointId))!;
  return { doc, checkpoint };
}

export async function downloadCheckpointDocument(
  ctx: AppContext,
  caller: Caller,
  id: string,
): Promise<{ buffer: Buffer; filename: string; contentType: string }> {
  const { doc, checkpoint } = await loadDocument(ctx.db, caller.actor, id);
  ensure(caller.actor, "read", await targetOf(ctx.db, resource("checkpoint"), checkpoint));
  const f = await getStoredFileContent(ctx.db, doc.fileId);
  if (!f) throw new NotFoundError("файл", doc.fileId);
  return { buffer: f.content, filename: f.filename, contentType: f.contentType };
}

export async function removeCheckpointDocument(ctx: AppContext, caller: Caller, id: string, version: number): Promise<void> {
  const { actor } = caller;
  await ctx.db.tx(async (q) => {
    const { doc, checkpoint } = await loadDocument(q, actor, id);
    ensure(actor, "update", await targetOf(q, resource("checkpoint"), checkpoint));
    ensureNotLocked("checkpointDocument", "Подтверждающий документ", checkpoint, null, await locksOf(q, String(checkpoint.programId)));
    await checkDocumentFreeze(q, actor, checkpoint);
    if (!(await deleteDocumentRow(q, id, version))) {
      throw new ConflictError(
        `Документ изменен другим пользователем (версия ${doc.version}, у вас ${version}). Обновите данные.`,
        presentDocument(doc),
      );
    }
    await audit(q, caller, {
      action: "checkpointDocument.delete",
      objectType: "checkpointDocument",
      objectId: id,
      before: presentDocument(doc),
    });
  });
}

async function locksOf(q: Queryable, programId: string): Promise<PeriodLockRef[]> {
  return (await periodLocksOfProgram(q, programId)) as PeriodLockRef[];
}
