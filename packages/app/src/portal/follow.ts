/**
 * Following (issue 14, part 8): a signed-in resident follows a publication, a proposal or a vote
 * and is notified (in the portal and by e-mail) when it changes: a new version of the document
 * published, an answer to the proposal, a vote's results. Every notice's mail carries the follow's
 * one-click unsubscribe link (`/p/<slug>/unsubscribe?token=…`) and the List-Unsubscribe headers
 * (RFC 8058): the token names the follow and is signed with HMAC-SHA256 under the server's key
 * (`unsubscribe.ts`), so it needs no session and a changed one is refused.
 */
import { randomBytes } from "node:crypto";
import {
  deleteFollow,
  findFollow,
  followsOf,
  getProposal,
  getPublication,
  getVote,
  insertFollow,
  portalSettingOf,
  type Queryable,
} from "@orientir/db";
import { NotFoundError } from "@orientir/domain";
import type { FollowBody } from "@orientir/contracts";
import type { AppContext } from "../context.ts";
import type { PublicPortal } from "./publications.ts";
import { RESIDENT_LIMITS, throttle, type ResidentCaller } from "./residents.ts";
import { notifyResident } from "./notify.ts";
import { signUnsubscribe, verifyUnsubscribe } from "./unsubscribe.ts";
import { audit } from "../audit.ts";

async function visible(ctx: AppContext, portal: PublicPortal, body: FollowBody): Promise<boolean> {
  if (body.objectType === "publication") {
    const p = await getPublication(ctx.db, body.objectId);
    return !!p && p.municipalityId === portal.municipalityId && p.status === "published";
  }
  if (body.objectType === "proposal") {
    const p = await getProposal(ctx.db, body.objectId);
    return !!p && p.municipalityId === portal.municipalityId && p.moderation === "published";
  }
  const v = await getVote(ctx.db, body.objectId);
  return !!v && v.municipalityId === portal.municipalityId;
}

export async function follow(ctx: AppContext, portal: PublicPortal, r: ResidentCaller, body: FollowBody): Promise<{ following: boolean }> {
  if (!(await visible(ctx, portal, body))) throw new NotFoundError(body.objectType, body.objectId);
  await ctx.db.tx(async (q) => {
    await throttle(ctx, q, `write:${r.resident.id}`, RESIDENT_LIMITS.writePerResidentHour);
    await insertFollow(q, {
      residentId: r.resident.id,
      objectType: body.objectType,
      objectId: body.objectId,
      municipalityId: portal.municipalityId,
      token: randomBytes(24).toString("base64url"),
    });
  });
  return { following: true };
}

export type UnsubscribeState = "valid" | "used" | "invalid";

/** What a token names: valid (the follow exists), used (it ended already), or invalid (forged or changed). */
export async function unsubscribeState(ctx: AppContext, portal: PublicPortal, token: string): Promise<UnsubscribeState> {
  const ref = await verifyUnsubscribe(ctx, token);
  if (!ref) return "invalid";
  const f = await findFollow(ctx.db, ref);
  if (f && f.municipalityId !== portal.municipalityId) return "invalid";
  return f ? "valid" : "used";
}

/** One-click unsubscribe (the confirmed POST, or a mail client's RFC 8058 POST): ends the follow the signed token names. */
export async function unsubscribe(ctx: AppContext, portal: PublicPortal, token: string): Promise<UnsubscribeState> {
  const ref = await verifyUnsubscribe(ctx, token);
  if (!ref) return "invalid";
  return ctx.db.tx(async (q) => {
    const f = await findFollow(q, ref);
    if (!f) return "used" as const;
    if (f.municipalityId !== portal.municipalityId) return "invalid" as const;
    if (!(await deleteFollow(q, ref))) return "used" as const;
    await audit(
      q,
      { actor: null, requestId: null },
      {
        action: "resident.unsubscribe",
        objectType: f.objectType,
        objectId: f.objectId,
        municipalityId: f.municipalityId,
        login: `resident:${f.residentId}`,
      },
    );
    return "valid" as const;
  });
}

/** Tells the followers of these objects (but `except`, told otherwise) of a change, in the caller's transaction. */
export async function notifyFollowers(
  ctx: AppContext,
  q: Queryable,
  n: {
    municipalityId: string;
    objectType: "publication" | "proposal" | "vote";
    objectIds: string[];
    notifiedType: string;
    notifiedId: string;
    kind: string;
    subject: string;
    body: string;
    link: string | null;
    except?: string | null;
  },
): Promise<number> {
  if (!n.objectIds.length) return 0;
  const followers = (await followsOf(q, n.objectType, n.objectIds)).filter((f) => f.residentId !== n.except);
  if (!followers.length) return 0;
  const slug = (await portalSettingOf(q, n.municipalityId))?.slug ?? null;
  for (const f of followers) {
    await notifyResident(ctx, q, {
      municipalityId: n.municipalityId,
      residentId: f.residentId,
      kind: n.kind,
      objectType: n.notifiedType,
      objectId: n.notifiedId,
      subject: n.subject,
      body: n.body,
      link: n.link,
      unsubscribe: slug ? `/p/${slug}/unsubscribe?token=${await signUnsubscribe(ctx, f)}` : null,
    });
  }
  return followers.length;
}
