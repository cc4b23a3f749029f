/**
 * Files of the control (issue 15, part 1): the files of a registry document (attached by the
 * office), of an order's report (uploaded with the step that carries them) and of an appeal (its
 * scanned letter, attachments: personal data). Stored as every upload is (stored_file): the type is
 * judged by the content, the size is limited (checkUpload); a refused file is a 400 naming the
 * field. Downloading checks what reading the owner needs; an appeal's file is read only by the
 * staff assigned to it and its controllers, and each reading is logged in the appeal's access log.
 */
import { createHash } from "node:crypto";
import {
  getAppeal,
  getControlFile,
  getControlOrder,
  getRegistryDocument,
  getStoredFileContent,
  insertControlFile,
  insertStoredFile,
  listControlFiles,
  logAppealAccess,
  type AppealRecord,
  type ControlFileOwner,
  type ControlFileRecord,
  type Queryable,
} from "@orientir/db";
import type { ControlFile, ControlFileBody, ControlFileList } from "@orientir/contracts";
import { NotFoundError, ValidationError, checkUpload, cleanFilename, ensure, type Actor, type FileType } from "@orientir/domain";
import type { AppContext, Caller } from "../context.ts";
import { audit } from "../audit.ts";
import { blankToNull, controlSetup, partiesOf, type ControlSetup } from "./shared.ts";

export function fileView(f: ControlFileRecord): ControlFile {
  return {
    id: f.id,
    title: f.title,
    filename: f.filename,
    contentType: f.contentType,
    size: f.size,
    sha256: f.sha256,
    createdByName: f.createdByName,
    createdAt: f.createdAt,
  };
}

/** A file checked before any write: its bytes, its type, its clean name. */
export interface CheckedUpload {
  filename: string;
  title: string | null;
  content: Buffer;
  type: FileType;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * Decodes and checks an uploaded file (base64, the type by its content, the size limit); a refused
 * file is a ValidationError naming `path` (the field of the request that carried the content).
 */
export function checkControlUpload(contentBase64: string, filename: string, title: string | null | undefined, path: string): CheckedUpload {
  const t = contentBase64.replace(/\s+/g, "");
  if (!BASE64.test(t) || t.length % 4 === 1)
    throw new ValidationError([{ path, message: "Содержимое файла должно быть в кодировке base64", messageEn: `${path} is not base64` }]);
  const content = Buffer.from(t, "base64");
  const checked = checkUpload(content);
  if ("issues" in checked) throw new ValidationError(checked.issues.map((i) => ({ ...i, path })));
  return { filename: cleanFilename(filename, checked.type), title: blankToNull(title ?? null), content, type: checked.type };
}

/** Stores checked uploads and attaches them to their owner (inside the caller's transaction). */
export async function storeControlFiles(
  q: Queryable,
  actor: Actor,
  uploads: readonly CheckedUpload[],
  owner: ControlFileOwner,
): Promise<ControlFileRecord[]> {
  const out: ControlFileRecord[] = [];
  for (const u of uploads) {
    const stored = await insertStoredFile(q, {
      municipalityId: actor.municipalityId,
      filename: u.filename,
      contentType: u.type.contentType,
      sha256: createHash("sha256").update(u.content).digest("hex"),
      content: u.content,
      uploadedBy: actor.userId,
    });
    out.push(
      await insertControlFile(q, {
        municipalityId: actor.municipalityId,
        fileId: stored.id,
        owner,
        title: u.title,
        createdBy: actor.userId,
      }),
    );
  }
  return out;
}

type Download = { buffer: Buffer; filename: string; contentType: string };

async function content(q: Queryable, f: ControlFileRecord): Promise<Download> {
  const c = await getStoredFileContent(q, f.fileId);
  if (!c) throw new NotFoundError("файл", f.id);
  return { buffer: c.content, filename: c.filename, contentType: c.contentType };
}

// ---- registry documents ------------------------------------------------------------------------------

async function ownDocument(q: Queryable, actor: Actor, id: string) {
  const d = await getRegistryDocument(q, id);
  if (!d || d.municipalityId !== actor.municipalityId) throw new NotFoundError("документ", id);
  return d;
}

/** Attaches a file to a registered document (the office, as it registers documents). */
export async function uploadDocumentFile(
  ctx: AppContext,
  caller: Caller,
  documentId: string,
  body: ControlFileBody,
): Promise<ControlFileList> {
  const { actor } = caller;
  const upload = checkControlUpload(body.contentBase64, body.filename, body.title, "contentBase64");
  return ctx.db.tx(async (q) => {
    const setup = await controlSetup(q, actor.municipalityId, ctx.now());
    ensure(actor, "create", {
      area: "control",
      municipalityId: actor.municipalityId,
      part: "registry",
      parties: partiesOf(actor, setup.settings),
    });
    const d = await ownDocument(q, actor, documentId);
    const [f] = await storeControlFiles(q, actor, [upload], { documentId: d.id });
    await audit(q, caller, { action: "registryDocument.file", objectType: "registryDocument", objectId: d.id, after: f });
    return { items: (await listControlFiles(q, { documentId: d.id })).map(fileView) };
  });
}

export async function documentFiles(q: Queryable, documentId: string): Promise<ControlFile[]> {
  return (await listControlFiles(q, { documentId })).map(fileView);
}

/** A document's file, for every member (the registry is open to them). */
export async function downloadDocumentFile(ctx: AppContext, caller: Caller, documentId: string, fileId: string): Promise<Download> {
  const { actor } = caller;
  ensure(actor, "read", { area: "control", municipalityId: actor.municipalityId, part: "registry", parties: [] });
  const d = await ownDocument(ctx.db, actor, documentId);
  const f = await getControlFile(ctx.db, fileId);
  if (!f || f.documentId !== d.id) throw new NotFoundError("файл документа", fileId);
  return content(ctx.db, f);
}

// ---- orders' reports -----------------------------------------------------------------------------------

/** A file of an order's report, for every member (orders are open to them). */
export async function downloadOrderFile(ctx: AppContext, caller: Caller, orderId: string, fileId: string): Promise<Download> {
  const { actor } = caller;
  ensure(actor, "read", { area: "control", municipalityId: actor.municipalityId, part: "order", parties: [] });
  const o = await getControlOrder(ctx.db, orderId);
  if (!o || o.municipalityId !== actor.municipalityId) throw new NotFoundError("поручение", orderId);
  const f = await getControlFile(ctx.db, fileId);
  if (!f || f.orderId !== o.id) throw new NotFoundError("файл поручения", fileId);
  return content(ctx.db, f);
}

// ---- appeals ---------------------------------------------------------------------------------------------

function appealParties(actor: Actor, setup: ControlSetup, a: AppealRecord) {
  return partiesOf(actor, setup.settings, { departmentId: a.assignedDepartmentId, userId: a.assignedUserId, controllerId: null });
}

/** The appeal, after the check that the actor may read its personal data (its files are): 403 otherwise. */
async function appealForFiles(q: Queryable, ctx: AppContext, actor: Actor, id: string, write: boolean): Promise<AppealRecord> {
  const a = await getAppeal(q, id);
  if (!a || a.municipalityId !== actor.municipalityId) throw new NotFoundError("обращение", id);
  const setup = await controlSetup(q, actor.municipalityId, ctx.now());
  const parties = appealParties(actor, setup, a);
  ensure(actor, "read", { area: "control", municipalityId: actor.municipalityId, part: "appeal", parties, personalData: true });
  // attaching is part of the handling: the staff who may answer it (assigned) and its controllers
  if (write) ensure(actor, "update", { area: "control", municipalityId: actor.municipalityId, part: "appeal", parties, step: "answer" });
  return a;
}

async function logAccess(q: Queryable, ctx: AppContext, actor: Actor, a: AppealRecord, purpose: string) {
  await logAppealAccess(q, {
    municipalityId: actor.municipalityId,
    appealId: a.id,
    userId: actor.userId,
    purpose,
    at: ctx.now().toISOString(),
  });
}

/** The files of an appeal (personal data: the staff assigned and the controllers; the reading logged). */
export async function appealFiles(ctx: AppContext, caller: Caller, id: string): Promise<ControlFileList> {
  const { actor } = caller;
  return ctx.db.tx(async (q) => {
    const a = await appealForFiles(q, ctx, actor, id, false);
    await logAccess(q, ctx, actor, a, "файлы обращения");
    return { items: (await listControlFiles(q, { appealId: a.id })).map(fileView) };
  });
}

/** Attaches a file to an appeal (its scanned letter, an attachment): the staff assigned and the controllers. */
export async function uploadAppealFile(ctx: AppContext, caller: Caller, id: string, body: ControlFileBody): Promise<ControlFileList> {
  const { actor } = caller;
  const upload = checkControlUpload(body.contentBase64, body.filename, body.title, "contentBase64");
  return ctx.db.tx(async (q) => {
    const a = await appealForFiles(q, ctx, actor, id, true);
    const [f] = await storeControlFiles(q, actor, [upload], { appealId: a.id });
    // the audit entry names the file, never its content
    await audit(q, caller, {
      action: "appeal.file",
      objectType: "appeal",
      objectId: a.id,
      after: { id: f!.id, size: f!.size, sha256: f!.sha256 },
    });
    return { items: (await listControlFiles(q, { appealId: a.id })).map(fileView) };
  });
}

/** An appeal's file: only for the staff assigned and the controllers; each download logged. */
export async function downloadAppealFile(ctx: AppContext, caller: Caller, id: string, fileId: string): Promise<Download> {
  const { actor } = caller;
  return ctx.db.tx(async (q) => {
    const a = await appealForFiles(q, ctx, actor, id, false);
    const f = await getControlFile(q, fileId);
    if (!f || f.appealId !== a.id) throw new NotFoundError("файл обращения", fileId);
    await logAccess(q, ctx, actor, a, `скачан файл ${f.filename}`);
    return content(q, f);
  });
}
