/**
 * The public council of strategic planning as data (issue 14, part 7; Ozersk had one): its
 * members and the organisations they represent, meetings (date, place), agendas (items with the
 * speaker and the decision), each item linked to the documents it discussed — a program, the
 * strategy, the action plan, a publication (a draft on discussion). Staff keep it (`council` area
 * of permissions.ts: every member reads; the administrator and the economy department write); the
 * portal shows the council, its members and its published meetings.
 */
import {
  agendaOf,
  councilDocumentOptions,
  councilOf,
  deleteCouncilMeeting,
  deleteCouncilMember,
  getCouncilMeeting,
  getCouncilMember,
  insertCouncil,
  insertCouncilMeeting,
  insertCouncilMember,
  listCouncilMeetings,
  listCouncilMembers,
  portalSettingOf,
  publishedBySubject,
  replaceAgenda,
  touchCouncilMeeting,
  updateCouncil,
  updateCouncilMeeting,
  updateCouncilMember,
  type CouncilMeetingRecord,
  type CouncilMemberRecord,
  type CouncilRecord,
  type Queryable,
} from "@orientir/db";
import { COUNCIL_ROLE_LABELS, ConflictError, NotFoundError, RuleError, ValidationError, ensure } from "@orientir/domain";
import type {
  CouncilAgendaBody,
  CouncilBody,
  CouncilDocumentOptions,
  CouncilMeetingBody,
  CouncilMeetingView,
  CouncilMemberBody,
  CouncilMemberView,
  CouncilView,
} from "@orientir/contracts";
import type { AppContext, Caller } from "../context.ts";
import { audit } from "../audit.ts";
import type { PublicPortal } from "./publications.ts";

interface StoredDocument {
  kind: "program" | "strategy" | "actionPlan" | "publication";
  id: string;
  label: string;
}

function memberView(m: CouncilMemberRecord): CouncilMemberView {
  const role = m.councilRole;
  return {
    id: m.id,
    fullName: m.fullName,
    position: m.position,
    organisation: m.organisation,
    role,
    roleLabel: COUNCIL_ROLE_LABELS[role],
    since: m.since,
    until: m.until,
    version: m.version,
  };
}

async function meetingViews(q: Queryable, municipalityId: string, meetings: CouncilMeetingRecord[]): Promise<CouncilMeetingView[]> {
  const items = await agendaOf(
    q,
    meetings.map((m) => m.id),
  );
  const docs = items.flatMap((i) => i.documents as StoredDocument[]);
  // a linked document's portal page: the publication itself, or the latest publication of the program / strategy / plan
  const bySubject = await publishedBySubject(
    q,
    municipalityId,
    docs.filter((d) => d.kind !== "publication").map((d) => d.id),
  );
  const slug = (await portalSettingOf(q, municipalityId))?.slug ?? null;
  const url = (d: StoredDocument) => {
    if (!slug) return null;
    const pub = d.kind === "publication" ? d.id : bySubject.get(d.id);
    return pub ? `/p/${slug}/publications/${pub}` : null;
  };
  return meetings.map((m) => ({
    id: m.id,
    number: m.number,
    heldOn: m.heldOn,
    place: m.place,
    published: m.published,
    version: m.version,
    items: items
      .filter((i) => i.meetingId === m.id)
      .map((i) => ({
        position: i.position,
        title: i.title,
        speaker: i.speaker,
        decision: i.decision,
        documents: (i.documents as StoredDocument[]).map((d) => ({ ...d, portalUrl: url(d) })),
      })),
  }));
}

async function fullView(q: Queryable, municipalityId: string, council: CouncilRecord | null, onlyPublished: boolean): Promise<CouncilView> {
  if (!council) return { council: null, members: [], meetings: [] };
  const [members, meetings] = await Promise.all([listCouncilMembers(q, council.id), listCouncilMeetings(q, council.id, onlyPublished)]);
  return {
    council: { id: council.id, name: council.name, description: council.description, basis: council.basis, version: council.version },
    members: members.map(memberView),
    meetings: await meetingViews(q, municipalityId, meetings),
  };
}

const target = (caller: Caller) => ({ area: "council" as const, municipalityId: caller.actor.municipalityId });

/** The council as staff see it (meetings not yet published included). */
export async function staffCouncil(ctx: AppContext, caller: Caller): Promise<CouncilView> {
  ensure(caller.actor, "read", target(caller));
  const m = caller.actor.municipalityId;
  return fullView(ctx.db, m, await councilOf(ctx.db, m), false);
}

/** The council as the portal shows it: its members and published meetings. */
export async function publicCouncil(ctx: AppContext, portal: PublicPortal): Promise<CouncilView> {
  return fullView(ctx.db, portal.municipalityId, await councilOf(ctx.db, portal.municipalityId), true);
}

/** One published meeting for the portal (404 for one not published or another municipality's). */
export async function publicCouncilMeeting(
  ctx: AppContext,
  portal: PublicPortal,
  id: string,
): Promise<{ view: CouncilView; meeting: CouncilMeetingView }> {
  const view = await publicCouncil(ctx, portal);
  const meeting = view.meetings.find((m) => m.id === id);
  if (!meeting) throw new NotFoundError("заседание", id);
  return { view, meeting };
}

/** Creates the council (without a version) or changes it (with the version read). */
export async function saveCouncil(ctx: AppContext, caller: Caller, body: CouncilBody): Promise<CouncilView> {
  ensure(caller.actor, "update", target(caller));
  const m = caller.actor.municipalityId;
  const fields = { name: body.name.trim(), description: body.description?.trim() || null, basis: body.basis?.trim() || null };
  return ctx.db.tx(async (q) => {
    const before = await councilOf(q, m);
    let after: CouncilRecord | null;
    if (body.version === undefined) {
      if (before) throw new ConflictError("Совет уже создан: изменяйте его с версией", await fullView(q, m, before, false));
      after = await insertCouncil(q, { municipalityId: m, ...fields });
      if (!after) throw new ConflictError("Совет уже создан");
    } else {
      if (!before) throw new NotFoundError("общественный совет", m);
      after = await updateCouncil(q, before.id, body.version, fields);
      if (!after) throw new ConflictError("Сведения о совете изменены другим пользователем", await fullView(q, m, before, false));
    }
    await audit(q, caller, { action: "council.update", objectType: "council", objectId: after.id, before, after });
    return fullView(q, m, after, false);
  });
}

async function requireCouncil(q: Queryable, municipalityId: string): Promise<CouncilRecord> {
  const c = await councilOf(q, municipalityId);
  if (!c) throw new RuleError("Сначала внесите сведения о совете", "council.missing");
  return c;
}

function memberFields(body: CouncilMemberBody) {
  if (body.since && body.until && body.until < body.since)
    throw new ValidationError([{ path: "body.until", message: "Окончание полномочий раньше их начала" }]);
  return {
    fullName: body.fullName.trim(),
    position: body.position?.trim() || null,
    organisation: body.organisation?.trim() || null,
    councilRole: body.role,
    since: body.since ?? null,
    until: body.until ?? null,
  };
}

export async function addCouncilMember(ctx: AppContext, caller: Caller, body: CouncilMemberBody): Promise<CouncilMemberView> {
  ensure(caller.actor, "create", target(caller));
  const fields = memberFields(body);
  return ctx.db.tx(async (q) => {
    const c = await requireCouncil(q, caller.actor.municipalityId);
    const x = await insertCouncilMember(q, { municipalityId: c.municipalityId, councilId: c.id, ...fields });
    await audit(q, caller, { action: "council.member.create", objectType: "councilMember", objectId: x.id, after: x });
    return memberView(x);
  });
}

async function ownMember(q: Queryable, caller: Caller, id: string): Promise<CouncilMemberRecord> {
  const x = await getCouncilMember(q, id);
  if (!x || x.municipalityId !== caller.actor.municipalityId) throw new NotFoundError("член совета", id);
  return x;
}

export async function changeCouncilMember(
  ctx: AppContext,
  caller: Caller,
  id: string,
  body: CouncilMemberBody,
): Promise<CouncilMemberView> {
  ensure(caller.actor, "update", target(caller));
  if (body.version === undefined) throw new ValidationError([{ path: "body.version", message: "Укажите версию записи" }]);
  const fields = memberFields(body);
  return ctx.db.tx(async (q) => {
    const before = await ownMember(q, caller, id);
    const after = await updateCouncilMember(q, id, body.version!, fields);
    if (!after) throw new ConflictError("Запись изменена другим пользователем", memberView(before));
    await audit(q, caller, { action: "council.member.update", objectType: "councilMember", objectId: id, before, after });
    return memberView(after);
  });
}

export async function removeCouncilMember(ctx: AppContext, caller: Caller, id: string, version: number): Promise<void> {
  ensure(caller.actor, "delete", target(caller));
  await ctx.db.tx(async (q) => {
    const before = await ownMember(q, caller, id);
    if (!(await deleteCouncilMember(q, id, version))) throw new ConflictError("Запись изменена другим пользователем", memberView(before));
    await audit(q, caller, { action: "council.member.delete", objectType: "councilMember", objectId: id, before });
  });
}

async function ownMeeting(q: Queryable, caller: Caller, id: string): Promise<CouncilMeetingRecord> {
  const x = await getCouncilMeeting(q, id);
  if (!x || x.municipalityId !== caller.actor.municipalityId) throw new NotFoundError("заседание", id);
  return x;
}

async function oneMeetingView(q: Queryable, m: CouncilMeetingRecord): Promise<CouncilMeetingView> {
  return (await meetingViews(q, m.municipalityId, [m]))[0]!;
}

const meetingFields = (body: CouncilMeetingBody) => ({
  number: body.number?.trim() || null,
  heldOn: body.heldOn,
  place: body.place.trim(),
  published: body.published,
});

export async function addCouncilMeeting(ctx: AppContext, caller: Caller, body: CouncilMeetingBody): Promise<CouncilMeetingView> {
  ensure(caller.actor, "create", target(caller));
  return ctx.db.tx(async (q) => {
    const c = await requireCouncil(q, caller.actor.municipalityId);
    const x = await insertCouncilMeeting(q, { municipalityId: c.municipalityId, councilId: c.id, ...meetingFields(body) });
    await audit(q, caller, { action: "council.meeting.create", objectType: "councilMeeting", objectId: x.id, after: x });
    return oneMeetingView(q, x);
  });
}

export async function changeCouncilMeeting(
  ctx: AppContext,
  caller: Caller,
  id: string,
  body: CouncilMeetingBody,
): Promise<CouncilMeetingView> {
  ensure(caller.actor, "update", target(caller));
  if (body.version === undefined) throw new ValidationError([{ path: "body.version", message: "Укажите версию записи" }]);
  return ctx.db.tx(async (q) => {
    const before = await ownMeeting(q, caller, id);
    const after = await updateCouncilMeeting(q, id, body.version!, meetingFields(body));
    if (!after) throw new ConflictError("Заседание изменено другим пользователем", await oneMeetingView(q, before));
    await audit(q, caller, { action: "council.meeting.update", objectType: "councilMeeting", objectId: id, before, after });
    return oneMeetingView(q, after);
  });
}

export async function removeCouncilMeeting(ctx: AppContext, caller: Caller, id: string, version: number): Promise<void> {
  ensure(caller.actor, "delete", target(caller));
  await ctx.db.tx(async (q) => {
    const before = await ownMeeting(q, caller, id);
    if (!(await deleteCouncilMeeting(q, id, version)))
      throw new ConflictError("Заседание изменено другим пользователем", await oneMeetingView(q, before));
    await audit(q, caller, { action: "council.meeting.delete", objectType: "councilMeeting", objectId: id, before });
  });
}

/**
 * Replaces a meeting's agenda: items in order, each with its speaker, decision and the documents
 * it discussed. A linked document must be the municipality's own (400 naming the item's document).
 */
export async function saveCouncilAgenda(ctx: AppContext, caller: Caller, id: string, body: CouncilAgendaBody): Promise<CouncilMeetingView> {
  ensure(caller.actor, "update", target(caller));
  const options = await councilDocumentOptions(ctx.db, caller.actor.municipalityId);
  const known = new Map(options.map((o) => [`${o.kind}:${o.id}`, o.label]));
  const issues: { path: string; message: string }[] = [];
  const items = body.items.map((it, i) => ({
    title: it.title.trim(),
    speaker: it.speaker?.trim() || null,
    decision: it.decision?.trim() || null,
    documents: (it.documents ?? []).flatMap((d, j) => {
      const label = known.get(`${d.kind}:${d.id}`);
      if (!label) {
        issues.push({ path: `body.items.${i}.documents.${j}`, message: "Нет такого документа муниципального образования" });
        return [];
      }
      return [{ kind: d.kind, id: d.id, label } satisfies StoredDocument];
    }),
  }));
  if (issues.length) throw new ValidationError(issues);
  return ctx.db.tx(async (q) => {
    const before = await ownMeeting(q, caller, id);
    if (!(await touchCouncilMeeting(q, id, body.version)))
      throw new ConflictError("Заседание изменено другим пользователем", await oneMeetingView(q, before));
    const old = await agendaOf(q, [id]);
    await replaceAgenda(q, before, items);
    await audit(q, caller, {
      action: "council.agenda",
      objectType: "councilMeeting",
      objectId: id,
      before: old.map((o) => ({ title: o.title, decision: o.decision })),
      after: items,
    });
    return oneMeetingView(q, (await getCouncilMeeting(q, id))!);
  });
}

/** The documents an agenda item may be linked to. */
export async function councilDocuments(ctx: AppContext, caller: Caller): Promise<CouncilDocumentOptions> {
  ensure(caller.actor, "read", target(caller));
  const items = await councilDocumentOptions(ctx.db, caller.actor.municipalityId);
  return { items: items.map((x) => ({ kind: x.kind as StoredDocument["kind"], id: x.id, label: x.label })) };
}
