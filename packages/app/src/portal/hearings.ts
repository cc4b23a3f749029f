/**
 * Public hearings (issue 14, part 4; Ozersk held one on 22.11.2018): staff announce one with its
 * place, time and agenda; signed-in residents register as speakers until it begins (once each,
 * shown by initials); after it begins staff record its protocol and recommendations. All of it
 * is public on the portal.
 */
import {
  getHearing,
  getPublication,
  hearingSpeakers,
  insertHearing,
  listHearings,
  recordHearingResult,
  registerSpeaker,
  setHearingProtocolDetails,
  type HearingRecord,
  type Queryable,
} from "@orientir/db";
import { ConflictError, NotFoundError, RuleError, ValidationError, ensure } from "@orientir/domain";
import type { HearingCreate, HearingList, HearingResultBody, HearingView, SpeakerBody } from "@orientir/contracts";
import type { AppContext, Caller } from "../context.ts";
import { audit } from "../audit.ts";
import type { PublicPortal } from "./publications.ts";
import { RESIDENT_LIMITS, freshResident, throttle, type ResidentCaller } from "./residents.ts";
import { initialsOf } from "./participation.ts";

export async function hearingView(q: Queryable, h: HearingRecord): Promise<HearingView> {
  return {
    id: h.id,
    publicationId: h.publicationId,
    title: h.title,
    place: h.place,
    startsAt: h.startsAt,
    agenda: h.agenda as string[],
    state: h.protocol === null ? "announced" : "held",
    speakers: (await hearingSpeakers(q, h.id)).map((s) => ({ name: s.speakerName, topic: s.topic })),
    protocol: h.protocol,
    recommendations: (h.recommendations as string[] | null) ?? null,
    participants: h.participants,
    protocolNumber: h.protocolNumber,
    protocolDate: h.protocolDate,
    version: h.version,
  };
}

export async function announceHearing(ctx: AppContext, caller: Caller, body: HearingCreate): Promise<HearingView> {
  const municipalityId = caller.actor.municipalityId;
  ensure(caller.actor, "create", { area: "portal", municipalityId, part: "publication" });
  if (Date.parse(body.startsAt) <= ctx.now().getTime())
    throw new ValidationError([{ path: "body.startsAt", message: "Слушания объявляются заранее: время начала в будущем" }]);
  if (body.publicationId) {
    const p = await getPublication(ctx.db, body.publicationId);
    if (!p || p.municipalityId !== municipalityId || p.status !== "published")
      throw new ValidationError([{ path: "body.publicationId", message: "Нет такой опубликованной публикации" }]);
  }
  return ctx.db.tx(async (q) => {
    const h = await insertHearing(q, {
      municipalityId,
      publicationId: body.publicationId ?? null,
      title: body.title.trim(),
      place: body.place.trim(),
      startsAt: body.startsAt,
      agenda: body.agenda.map((a) => a.trim()),
      by: caller.actor.userId,
    });
    await audit(q, caller, { action: "portal.hearing", objectType: "hearing", objectId: h.id, after: body });
    return hearingView(q, h);
  });
}

export async function recordHearing(ctx: AppContext, caller: Caller, id: string, body: HearingResultBody): Promise<HearingView> {
  const municipalityId = caller.actor.municipalityId;
  ensure(caller.actor, "update", { area: "portal", municipalityId, part: "publication" });
  return ctx.db.tx(async (q) => {
    const before = await getHearing(q, id);
    if (!before || before.municipalityId !== municipalityId) throw new NotFoundError("слушания", id);
    const out = await recordHearingResult(q, id, body.version, {
      protocol: body.protocol.trim(),
      recommendations: body.recommendations.map((r) => r.trim()),
    });
    if (out === "notHeld") throw new RuleError("Протокол записывается после начала слушаний", "portal.hearingNotHeld");
    if (out === "stale") throw new ConflictError("Слушания изменены другим пользователем", await hearingView(q, before));
    if (body.participants !== undefined || body.protocolNumber !== undefined || body.protocolDate !== undefined)
      await setHearingProtocolDetails(q, id, {
        participants: body.participants ?? null,
        protocolNumber: body.protocolNumber?.trim() ?? null,
        protocolDate: body.protocolDate ?? null,
      });
    await audit(q, caller, {
      action: "portal.hearingResult",
      objectType: "hearing",
      objectId: id,
      after: { recommendations: body.recommendations.length },
    });
    return hearingView(q, (await getHearing(q, id))!);
  });
}

export async function staffHearings(ctx: AppContext, caller: Caller): Promise<HearingList> {
  ensure(caller.actor, "read", { area: "portal", municipalityId: caller.actor.municipalityId });
  const list = await listHearings(ctx.db, caller.actor.municipalityId);
  return { items: await Promise.all(list.map((h) => hearingView(ctx.db, h))) };
}

export async function publicHearings(ctx: AppContext, portal: PublicPortal): Promise<HearingView[]> {
  const list = await listHearings(ctx.db, portal.municipalityId);
  return Promise.all(list.map((h) => hearingView(ctx.db, h)));
}

export async function publicHearing(ctx: AppContext, portal: PublicPortal, id: string): Promise<HearingView> {
  const h = await getHearing(ctx.db, id);
  if (!h || h.municipalityId !== portal.municipalityId) throw new NotFoundError("слушания", id);
  return hearingView(ctx.db, h);
}

/** A signed-in resident registers to speak, until the hearing begins (409 the second time). */
export async function registerAsSpeaker(
  ctx: AppContext,
  portal: PublicPortal,
  r: ResidentCaller,
  id: string,
  body: SpeakerBody,
): Promise<HearingView> {
  const resident = await freshResident(ctx, r);
  if (!resident.fullName)
    throw new ValidationError([{ path: "profile.fullName", message: "Укажите в профиле фамилию и имя: без них запись не принимается" }]);
  const h = await getHearing(ctx.db, id);
  if (!h || h.municipalityId !== portal.municipalityId) throw new NotFoundError("слушания", id);
  return ctx.db.tx(async (q) => {
    await throttle(ctx, q, `write:${resident.id}`, RESIDENT_LIMITS.writePerResidentHour);
    const out = await registerSpeaker(q, {
      hearingId: id,
      residentId: resident.id,
      speakerName: initialsOf(resident.fullName!),
      topic: body.topic.trim(),
    });
    if (out === "duplicate") throw new ConflictError("Вы уже записаны в число выступающих");
    if (out === "closed") throw new RuleError("Запись выступающих закрыта: слушания начались", "portal.hearingStarted");
    return hearingView(q, h);
  });
}
