/**
 * Notices to residents (issue 14, parts 3 and 8): each is kept for the portal (the resident's page
 * of notices) and mailed through the outbox (an `email_outbox` row and an `email.send` job, the
 * same worker and SMTP as the sign-in codes). Written in the caller's transaction, so a step and
 * its notice commit together or not at all.
 */
import {
  enqueueJob,
  getResident,
  insertResidentMail,
  insertResidentNotification,
  listResidentNotifications,
  markResidentNotificationsRead,
  setOutboxHeaders,
  type Queryable,
  type ResidentNotificationRecord,
} from "@orientir/db";
import type { ResidentNotification, ResidentNotificationList } from "@orientir/contracts";
import type { AppContext } from "../context.ts";
import type { ResidentCaller } from "./residents.ts";
import type { PublicPortal } from "./publications.ts";

export interface Notice {
  municipalityId: string;
  residentId: string;
  kind: string;
  objectType: string;
  objectId: string;
  subject: string;
  body: string;
  /** the portal's address of what changed (relative: the deployment's host is not known here) */
  link: string | null;
  /** the one-click unsubscribe link of a follow (mail only) */
  unsubscribe?: string | null;
}

/** Records the notice and mails it; a deleted account (no e-mail) gets neither. */
export async function notifyResident(ctx: AppContext, q: Queryable, n: Notice): Promise<void> {
  const resident = await getResident(q, n.residentId);
  if (!resident || resident.deletedAt) return;
  const at = ctx.now().toISOString();
  const { unsubscribe, ...notice } = n;
  const id = await insertResidentNotification(q, { ...notice, at });
  // a resident known only by the identity provider, without an e-mail, reads it in the portal
  if (!resident.email) return;
  const mailId = await insertResidentMail(q, {
    municipalityId: n.municipalityId,
    toAddress: resident.email,
    subject: `[Ориентир] ${n.subject}`,
    body: `${n.body}${n.link ? `\n\nНа портале: ${n.link}` : ""}\n\nЭто уведомление портала общественного обсуждения.${
      unsubscribe ? `\nОтписаться от этих уведомлений (одним переходом): ${unsubscribe}` : ""
    }`,
    key: `portal-notice:${id}`,
    at,
  });
  // RFC 2369 / 8058: a mail client offers «unsubscribe» and posts to it in one click (the worker
  // makes the link absolute with the deployment's public address)
  if (unsubscribe)
    await setOutboxHeaders(q, mailId, { "List-Unsubscribe": `<${unsubscribe}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" });
  await enqueueJob(q, { kind: "email.send", payload: { outboxId: mailId }, uniqueKey: `email:${mailId}`, runAt: at, maxAttempts: 8 });
}

function noticeView(n: ResidentNotificationRecord): ResidentNotification {
  return {
    id: n.id,
    kind: n.kind,
    objectType: n.objectType,
    objectId: n.objectId,
    subject: n.subject,
    body: n.body,
    link: n.link,
    createdAt: n.createdAt,
    readAt: n.readAt,
  };
}

/** The signed-in resident's notices, newest first. */
export async function residentNotifications(ctx: AppContext, portal: PublicPortal, r: ResidentCaller): Promise<ResidentNotificationList> {
  const items = (await listResidentNotifications(ctx.db, r.resident.id, portal.municipalityId)).map(noticeView);
  return { items, unread: items.filter((i) => i.readAt === null).length };
}

export async function readResidentNotifications(
  ctx: AppContext,
  portal: PublicPortal,
  r: ResidentCaller,
): Promise<ResidentNotificationList> {
  await markResidentNotificationsRead(ctx.db, r.resident.id, portal.municipalityId, ctx.now().toISOString());
  return residentNotifications(ctx, portal, r);
}
