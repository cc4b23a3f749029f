/**
 * The registry of documents (issue 15, part 1): registration with the number its kind's rule gives
 * (atomic per kind and year), links between documents, search.
 */
import {
  documentLinks,
  getNumberingRule,
  getRegistryDocument,
  insertDocumentLink,
  insertRegistryDocument,
  nextSequence,
  searchRegistryDocuments,
  type RegistryDocumentRecord,
} from "@orientir/db";
import type { RegistryDocument, RegistryDocumentBody, RegistryDocumentList, RegistrySearchQuery } from "@orientir/contracts";
import {
  DEFAULT_NUMBERING_RULES,
  DOCUMENT_LINK_KINDS,
  NotFoundError,
  documentLinkIssue,
  ensure,
  formatRegistrationNumber,
  yearOf,
} from "@orientir/domain";
import type { AppContext, Caller } from "../context.ts";
import { oneOf } from "../row-values.ts";
import { audit } from "../audit.ts";
import { blankToNull, controlSetup, invalid, partiesOf, requireIn } from "./shared.ts";
import { documentFiles } from "./files.ts";

function view(r: RegistryDocumentRecord & { matched?: "fts" | "similar" | "number" | null }): RegistryDocument {
  return {
    id: r.id,
    kind: r.kind,
    subtype: r.subtype,
    regNumber: r.regNumber,
    regDate: r.regDate,
    correspondent: r.correspondent,
    correspondentNumber: r.correspondentNumber,
    correspondentDate: r.correspondentDate,
    summary: r.summary,
    departmentId: r.departmentId,
    matched: r.matched ?? null,
    version: r.version,
  };
}

/** The links as the contract has them: the stored kind is one of DOCUMENT_LINK_KINDS (the table's CHECK). */
function linkViews(links: Awaited<ReturnType<typeof documentLinks>>): NonNullable<RegistryDocument["links"]> {
  return links.map((x) => ({ ...x, kind: oneOf(DOCUMENT_LINK_KINDS, x.kind, "document_link.kind") }));
}

/** Registers a document: its number from the rule of its kind for the year of its date, its links. */
export async function registerDocument(ctx: AppContext, caller: Caller, body: RegistryDocumentBody): Promise<RegistryDocument> {
  const { actor } = caller;
  const m = actor.municipalityId;
  return ctx.db.tx(async (q) => {
    const setup = await controlSetup(q, m, ctx.now());
    ensure(actor, "create", { area: "control", municipalityId: m, part: "registry", parties: partiesOf(actor, setup.settings) });
    await requireIn(q, "department", m, body.departmentId, "departmentId", "подразделение");
    const links = body.links ?? [];
    const targets: RegistryDocumentRecord[] = [];
    for (const [i, l] of links.entries()) {
      const t = await getRegistryDocument(q, l.documentId);
      if (!t || t.municipalityId !== m) throw invalid(`links[${i}].documentId`, "Нет такого документа в реестре", "No such document");
      const issue = documentLinkIssue(l.kind, body.kind, t.kind);
      if (issue) throw invalid(`links[${i}].kind`, issue);
      targets.push(t);
    }
    if (body.correspondentDate && body.correspondentDate > body.regDate)
      throw invalid("correspondentDate", "Дата документа корреспондента не может быть позже даты регистрации");
    const year = yearOf(body.regDate);
    const rule = (await getNumberingRule(q, m, body.kind)) ?? DEFAULT_NUMBERING_RULES[body.kind];
    const seq = await nextSequence(q, m, body.kind, year);
    const row = await insertRegistryDocument(q, {
      municipalityId: m,
      kind: body.kind,
      subtype: blankToNull(body.subtype),
      year,
      seq,
      regNumber: formatRegistrationNumber(rule, seq, year),
      regDate: body.regDate,
      correspondent: blankToNull(body.correspondent),
      correspondentNumber: blankToNull(body.correspondentNumber),
      correspondentDate: body.correspondentDate ?? null,
      summary: body.summary.trim(),
      departmentId: body.departmentId ?? null,
      createdBy: actor.userId,
    });
    for (const [i, l] of links.entries())
      await insertDocumentLink(q, { municipalityId: m, fromId: row.id, toId: targets[i]!.id, kind: l.kind });
    await audit(q, caller, {
      action: "registryDocument.create",
      objectType: "registryDocument",
      objectId: row.id,
      after: { ...row, links },
    });
    return { ...view(row), links: linkViews(await documentLinks(q, row.id)) };
  });
}

/** Searches the registry (Russian full-text search, then trigram similarity); without words, the latest documents. */
export async function searchRegistry(ctx: AppContext, caller: Caller, query: RegistrySearchQuery): Promise<RegistryDocumentList> {
  const { actor } = caller;
  ensure(actor, "read", { area: "control", municipalityId: actor.municipalityId, part: "registry", parties: [] });
  const r = await ctx.db.tx((q) =>
    searchRegistryDocuments(q, actor.municipalityId, {
      text: blankToNull(query.q),
      kind: query.kind ?? null,
      year: query.year ?? null,
      limit: query.limit ?? 50,
      offset: query.offset ?? 0,
    }),
  );
  return { items: r.items.map(view), total: r.total, totalCapped: r.totalCapped };
}

export async function registryDocument(ctx: AppContext, caller: Caller, id: string): Promise<RegistryDocument> {
  const { actor } = caller;
  ensure(actor, "read", { area: "control", municipalityId: actor.municipalityId, part: "registry", parties: [] });
  const row = await getRegistryDocument(ctx.db, id);
  if (!row || row.municipalityId !== actor.municipalityId) throw new NotFoundError("документ", id);
  return { ...view(row), links: linkViews(await documentLinks(ctx.db, id)), files: await documentFiles(ctx.db, id) };
}
