/**
 * Publication (issue 14, part 1): staff publish a draft for public discussion with its term, or
 * an approved document with its evaluation. The publication stores a frozen view of the document
 * (domain `PortalDocument`); the portal reads only publications, so nothing unpublished is reachable.
 */
import {
  getPublication,
  getPublicationFile,
  insertPublication,
  insertPublicationFile,
  lastApprovedVersion,
  listPublicationFiles,
  listPublications,
  portalBySlug,
  portalSettingOf,
  upsertPortalSetting,
  withdrawPublication,
  publishedEvaluationsOfSubject,
  type PublicationRecord,
  type Queryable,
  publicationsOfSubject,
} from "@orientir/db";
import {
  ConflictError,
  NotFoundError,
  RuleError,
  ValidationError,
  discussionTermIssues,
  ensure,
  portalViewOfProgramDocument,
  portalViewOfTree,
  scoreChangeText,
  scoreChanges,
  toCsv,
  type PortalDocument,
  type PortalEvaluation,
  type ProgramDocument,
} from "@orientir/domain";
import type {
  PortalSettings,
  PortalSettingsBody,
  PublicationCreate,
  PublicationFileUpload,
  PublicationList,
  PublicationView,
} from "@orientir/contracts";
import type { AppContext, Caller } from "../context.ts";
import { audit } from "../audit.ts";
import { loadTree } from "../trees.ts";
import { evaluateProgram } from "../evaluation.ts";
import { notifyFollowers } from "./follow.ts";

export type { PublicationRecord };

export async function getPortalSettings(ctx: AppContext, caller: Caller): Promise<PortalSettings> {
  ensure(caller.actor, "read", { area: "portal", municipalityId: caller.actor.municipalityId });
  const s = await portalSettingOf(ctx.db, caller.actor.municipalityId);
  if (!s) throw new NotFoundError("настройки портала");
  return { slug: s.slug, moderation: s.moderation, minDiscussionDays: s.minDiscussionDays, version: s.version };
}

export async function savePortalSettings(ctx: AppContext, caller: Caller, body: PortalSettingsBody): Promise<PortalSettings> {
  const municipalityId = caller.actor.municipalityId;
  ensure(caller.actor, "update", { area: "portal", municipalityId, part: "settings" });
  return ctx.db.tx(async (q) => {
    const before = await portalSettingOf(q, municipalityId);
    const taken = await portalBySlug(q, body.slug);
    if (taken && taken.municipalityId !== municipalityId)
      throw new ValidationError([{ path: "body.slug", message: "Этот адрес портала занят другим муниципальным образованием" }]);
    const s = await upsertPortalSetting(q, { municipalityId, ...body });
    await audit(q, caller, { action: "portal.settings", objectType: "portalSetting", objectId: municipalityId, before, after: s });
    return { slug: s.slug, moderation: s.moderation, minDiscussionDays: s.minDiscussionDays, version: s.version };
  });
}

async function filesOf(q: Queryable, p: PublicationRecord): Promise<PublicationView["files"]> {
  return (await listPublicationFiles(q, p.id)).map((f) => ({
    id: f.id,
    kind: f.kind,
    title: f.title,
    filename: f.filename,
    contentType: f.contentType,
  }));
}

export async function publicationView(q: Queryable, p: PublicationRecord): Promise<PublicationView> {
  return {
    id: p.id,
    kind: p.kind,
    subjectKind: p.subjectKind,
    subjectId: p.subjectId,
    title: p.title,
    summary: p.summary,
    startsOn: p.startsOn,
    endsOn: p.endsOn,
    status: p.status,
    publishedAt: p.publishedAt,
    version: p.version,
    files: await filesOf(q, p),
  };
}

/** The document to publish, as the portal shows it, read within the caller's municipality. */
async function documentToPublish(
  ctx: AppContext,
  caller: Caller,
  body: PublicationCreate,
): Promise<{ doc: PortalDocument; title: string }> {
  const m = caller.actor.municipalityId;
  const missing = () => new NotFoundError("документ", body.subjectId);
  if (body.subjectKind === "strategy" || body.subjectKind === "actionPlan") {
    const [root, scope] = body.subjectKind === "strategy" ? ["strategy", "strategyId"] : ["actionPlan", "planId"];
    const tree = await loadTree(ctx.db, root, body.subjectId, scope);
    if (!tree || tree.municipalityId !== m) throw missing();
    const doc = portalViewOfTree(root, tree, { withFacts: body.kind === "approved" });
    return { doc, title: doc.title };
  }
  const tree = await loadTree(ctx.db, "program", body.subjectId, "programId");
  if (!tree || tree.municipalityId !== m) throw missing();
  if (body.kind === "discussion") {
    // the draft as it stands: the program's live rows, plans only
    const doc = portalViewOfTree("program", tree, { withFacts: false });
    const prefix = body.subjectKind === "amendment" ? "Проект изменений: " : "Проект: ";
    return { doc, title: `${prefix}${typeof tree.code === "string" ? tree.code : ""} ${doc.title}`.replace(/\s+/g, " ").trim() };
  }
  const version = await lastApprovedVersion(ctx.db, body.subjectId);
  if (!version?.document)
    throw new RuleError("У программы нет утвержденной редакции: публикуется только утвержденный документ", "portal.approvedOnly", [
      { path: "body.subjectId", message: "нет утвержденной редакции" },
    ]);
  const doc = portalViewOfProgramDocument(version.document as ProgramDocument);
  for (const year of body.evaluationYears ?? []) {
    const e = await evaluateProgram(ctx, caller, body.subjectId, year);
    doc.evaluation.push({ year, score: e.scoreDisplay ?? null, rating: e.rating ?? null, ratingLabel: e.ratingLabel });
  }
  const decree = version.decreeNumber ? ` (постановление № ${version.decreeNumber} от ${version.decreeDate ?? ""})` : "";
  return { doc, title: `${doc.title}${decree}` };
}

export async function publish(ctx: AppContext, caller: Caller, body: PublicationCreate): Promise<PublicationView> {
  const municipalityId = caller.actor.municipalityId;
  ensure(caller.actor, "create", { area: "portal", municipalityId, part: "publication" });
  const setting = await portalSettingOf(ctx.db, municipalityId);
  if (!setting) throw new RuleError("Сначала задайте адрес портала (настройки портала)", "portal.settings");
  if (body.kind === "discussion") {
    const issues = [];
    if (!body.startsOn) issues.push({ path: "body.startsOn", message: "Укажите начало обсуждения" });
    if (!body.endsOn) issues.push({ path: "body.endsOn", message: "Укажите окончание обсуждения" });
    if (issues.length) throw new ValidationError(issues);
    const term = discussionTermIssues(body.startsOn!, body.endsOn!, setting.minDiscussionDays);
    if (term.length) throw new ValidationError(term.map((i) => ({ ...i, path: `body.${i.path}` })));
  } else if (body.startsOn || body.endsOn) {
    throw new ValidationError([{ path: body.startsOn ? "body.startsOn" : "body.endsOn", message: "Срок обсуждения — только у проекта" }]);
  }
  if (body.kind === "discussion" && body.evaluationYears?.length)
    throw new ValidationError([{ path: "body.evaluationYears", message: "Оценка публикуется с утвержденным документом" }]);
  const { doc, title } = await documentToPublish(ctx, caller, body);
  return ctx.db.tx(async (q) => {
    const p = await insertPublication(q, {
      municipalityId,
      kind: body.kind,
      subjectKind: body.subjectKind,
      subjectId: body.subjectId,
      title: body.title ?? title,
      summary: body.summary ?? null,
      startsOn: body.kind === "discussion" ? body.startsOn! : null,
      endsOn: body.kind === "discussion" ? body.endsOn! : null,
      content: doc,
      publishedBy: caller.actor.userId,
    });
    await audit(q, caller, { action: "portal.publish", objectType: "publication", objectId: p.id, after: { ...p, content: undefined } });
    // a new version of a followed document: its followers are told — of its new score when the
    // publication adds or changes a year's published score (one notice: the score is the news)
    const scores = scoreChanges(
      (await publishedEvaluationsOfSubject(q, municipalityId, p.subjectId, p.id)).map((e) =>
        Array.isArray(e) ? (e as PortalEvaluation[]) : [],
      ),
      doc.evaluation,
    );
    await notifyFollowers(ctx, q, {
      municipalityId,
      objectType: "publication",
      objectIds: await publicationsOfSubject(q, municipalityId, p.subjectId, p.id),
      notifiedType: "publication",
      notifiedId: p.id,
      ...(scores.length
        ? {
            kind: "follow.score",
            subject: `Новая оценка эффективности: ${p.title}`,
            body: `Опубликована оценка эффективности документа, за которым вы следите («${p.title}»):\n${scores.map((c) => `— ${scoreChangeText(c)}`).join(";\n")}.`,
          }
        : {
            kind: "follow.newVersion",
            subject: `Опубликована новая редакция: ${p.title}`,
            body: `Документ, за которым вы следите, опубликован в новой редакции: «${p.title}».`,
          }),
      link: `/p/${setting.slug}/publications/${p.id}`,
    });
    return publicationView(q, p);
  });
}

async function ownPublication(q: Queryable, caller: Caller, id: string): Promise<PublicationRecord> {
  const p = await getPublication(q, id);
  if (!p || p.municipalityId !== caller.actor.municipalityId) throw new NotFoundError("публикация", id);
  return p;
}

export async function staffPublications(ctx: AppContext, caller: Caller): Promise<PublicationList> {
  ensure(caller.actor, "read", { area: "portal", municipalityId: caller.actor.municipalityId });
  const list = await listPublications(ctx.db, caller.actor.municipalityId, false);
  return { items: await Promise.all(list.map((p) => publicationView(ctx.db, p))) };
}

export async function withdraw(ctx: AppContext, caller: Caller, id: string, version: number): Promise<PublicationView> {
  ensure(caller.actor, "update", { area: "portal", municipalityId: caller.actor.municipalityId, part: "publication" });
  return ctx.db.tx(async (q) => {
    const p = await ownPublication(q, caller, id);
    const after = await withdrawPublication(q, id, version);
    if (!after) throw new ConflictError("Публикация изменена другим пользователем", await publicationView(q, p));
    await audit(q, caller, {
      action: "portal.withdraw",
      objectType: "publication",
      objectId: id,
      before: { status: p.status },
      after: { status: after.status },
    });
    return publicationView(q, after);
  });
}

/** Told by the content's first bytes: PDF, or a zip (DOCX, XLSX by the name). */
const FILE_TYPES: [string, string][] = [
  ["%PDF-", "application/pdf"],
  ["PK\u0003\u0004", "application/zip"],
];

export async function attachPublicationFile(
  ctx: AppContext,
  caller: Caller,
  id: string,
  body: PublicationFileUpload,
): Promise<PublicationView> {
  ensure(caller.actor, "update", { area: "portal", municipalityId: caller.actor.municipalityId, part: "publication" });
  const content = Buffer.from(body.contentBase64, "base64");
  if (content.length === 0 || content.length > 5 * 1024 * 1024)
    throw new ValidationError([{ path: "body.contentBase64", message: "Файл пуст или больше 5 МиБ" }]);
  const head = content.subarray(0, 8).toString("latin1");
  let contentType = FILE_TYPES.find(([magic]) => head.startsWith(magic))?.[1];
  if (contentType === "application/zip") {
    const ext = body.filename.toLowerCase().split(".").pop();
    contentType =
      ext === "docx"
        ? "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        : ext === "xlsx"
          ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          : undefined;
  }
  if (!contentType) throw new ValidationError([{ path: "body.contentBase64", message: "Принимаются PDF, DOCX и XLSX" }]);
  return ctx.db.tx(async (q) => {
    const p = await ownPublication(q, caller, id);
    const f = await insertPublicationFile(q, {
      municipalityId: p.municipalityId,
      publicationId: p.id,
      kind: body.kind,
      title: body.title,
      filename: body.filename,
      contentType,
      content,
    });
    await audit(q, caller, { action: "portal.file", objectType: "publication", objectId: p.id, after: f });
    return publicationView(q, p);
  });
}

// ---- the public side: only what is published -------------------------------------------------

export interface PublicPortal {
  municipalityId: string;
  name: string;
  slug: string;
  moderation: "pre" | "post";
}

/** The portal of a slug, or a 404. */
export async function portalOf(ctx: AppContext, slug: string): Promise<PublicPortal> {
  const s = await portalBySlug(ctx.db, slug);
  if (!s) throw new NotFoundError("портал", slug);
  return { municipalityId: s.municipalityId, name: s.name, slug: s.slug, moderation: s.moderation };
}

export interface PublicPublication {
  record: PublicationRecord;
  doc: PortalDocument;
  files: PublicationView["files"];
  /** "upcoming" | "open" | "closed" for a discussion (by the municipality's date), null for an approved document. */
  discussion: "upcoming" | "open" | "closed" | null;
}

export function discussionState(
  p: Pick<PublicationRecord, "kind" | "startsOn" | "endsOn">,
  today: string,
): PublicPublication["discussion"] {
  if (p.kind !== "discussion") return null;
  if (today < p.startsOn!) return "upcoming";
  if (today > p.endsOn!) return "closed";
  return "open";
}

export async function publishedList(ctx: AppContext, portal: PublicPortal): Promise<PublicationRecord[]> {
  return listPublications(ctx.db, portal.municipalityId, true);
}

/** A published publication of this portal, or a 404 (another portal's, withdrawn, or none). */
export async function publishedOne(ctx: AppContext, portal: PublicPortal, id: string, today: string): Promise<PublicPublication> {
  const p = await getPublication(ctx.db, id);
  if (!p || p.municipalityId !== portal.municipalityId || p.status !== "published") throw new NotFoundError("публикация", id);
  return { record: p, doc: p.content as PortalDocument, files: await filesOf(ctx.db, p), discussion: discussionState(p, today) };
}

export async function publishedFile(
  ctx: AppContext,
  portal: PublicPortal,
  publicationId: string,
  fileId: string,
): Promise<{ filename: string; contentType: string; content: Buffer }> {
  const p = await getPublication(ctx.db, publicationId);
  const f = await getPublicationFile(ctx.db, fileId);
  if (!p || !f || p.municipalityId !== portal.municipalityId || p.status !== "published" || f.publicationId !== p.id)
    throw new NotFoundError("файл", fileId);
  return { filename: f.filename, contentType: f.contentType, content: f.content };
}

// ---- open data -------------------------------------------------------------------------------

export interface Dataset {
  id: string;
  title: string;
  publicationId: string | null;
  columns: string[];
  rows: (string | number | boolean | null)[][];
}

/** The datasets of one publication: its structure, its indicators by year, its evaluation. */
export function datasetsOfPublication(p: PublicationRecord): Dataset[] {
  const doc = p.content as PortalDocument;
  const structure: Dataset["rows"] = [];
  const walk = (list: PortalDocument["sections"], parent: string | null) => {
    for (const s of list) {
      structure.push([s.anchor, parent, s.label, s.code, s.title, s.text]);
      walk(s.children, s.anchor);
    }
  };
  walk(doc.sections, null);
  const out: Dataset[] = [
    {
      id: `${p.id}-structure`,
      title: `${p.title}: структура`,
      publicationId: p.id,
      columns: ["anchor", "parent", "kind", "code", "title", "text"],
      rows: structure,
    },
    {
      id: `${p.id}-indicators`,
      title: `${p.title}: показатели (план${p.kind === "approved" ? " и факт" : ""} по годам)`,
      publicationId: p.id,
      columns: ["anchor", "code", "name", "unit", "year", "plan", "fact"],
      rows: doc.indicators.flatMap((i) => i.values.map((v) => [i.anchor, i.code, i.name, i.unit, v.year, v.plan, v.fact])),
    },
  ];
  if (doc.evaluation.length)
    out.push({
      id: `${p.id}-evaluation`,
      title: `${p.title}: оценка эффективности`,
      publicationId: p.id,
      columns: ["year", "score", "rating", "ratingLabel"],
      rows: doc.evaluation.map((e) => [e.year, e.score, e.rating, e.ratingLabel]),
    });
  return out;
}

export function datasetCsv(d: Dataset): string {
  return toCsv(d.columns, d.rows);
}

export function datasetJson(d: Dataset): { id: string; title: string; columns: string[]; rows: Record<string, unknown>[] } {
  return { id: d.id, title: d.title, columns: d.columns, rows: d.rows.map((r) => Object.fromEntries(d.columns.map((c, i) => [c, r[i]]))) };
}
