/**
 * The caller's notifications and where a user's reminders go by e-mail.
 */
import {
  countUnreadNotifications,
  getUserEmail,
  getUser,
  municipalityIdsOfUser,
  listNotifications,
  markNotificationsRead,
  membersOfMunicipality,
  setUserEmail,
} from "@orientir/db";
import type { NotificationList } from "@orientir/contracts";
import { NotFoundError, ValidationError, ensure, type AccountScope } from "@orientir/domain";
import type { AppContext, Caller } from "../context.ts";
import { audit } from "../audit.ts";
import { accountScope } from "../admin.ts";
import { nowIso, readMonitoring } from "./shared.ts";

export async function myNotifications(
  ctx: AppContext,
  caller: Caller,
  f: { unreadOnly?: boolean; limit?: number },
): Promise<NotificationList> {
  const { actor } = caller;
  readMonitoring(actor);
  const [rows, unread] = await Promise.all([
    listNotifications(ctx.db, actor.userId, actor.municipalityId, f),
    countUnreadNotifications(ctx.db, actor.userId, actor.municipalityId),
  ]);
  const items = rows.map((n) => ({
    id: n.id,
    municipalityId: n.municipalityId,
    userId: n.userId,
    programId: n.programId,
    kind: n.kind,
    title: n.title,
    body: n.body,
    link: n.link,
    deadlineKey: n.deadlineKey,
    moment: n.moment,
    dueDate: n.dueDate,
    createdAt: n.createdAt,
    readAt: n.readAt,
    version: n.version,
  }));
  return { items, unread };
}

/** Marks one of the caller's notifications read (or all, without an id); answers how many changed. */
export async function readNotifications(ctx: AppContext, caller: Caller, id: string | null): Promise<{ marked: number; unread: number }> {
  const { actor } = caller;
  readMonitoring(actor);
  const marked = await markNotificationsRead(ctx.db, actor.userId, actor.municipalityId, id, nowIso(ctx));
  if (id && marked === 0) throw new NotFoundError("уведомление", id);
  return { marked, unread: await countUnreadNotifications(ctx.db, actor.userId, actor.municipalityId) };
}

/** An address: no spaces and no invisible characters (a zero-width space is not a mailbox). */
const EMAIL = /^[^@\s\p{Default_Ignorable_Code_Point}]+@[^@\s\p{Default_Ignorable_Code_Point}]+\.[^@\s\p{Default_Ignorable_Code_Point}]+$/u;

/** Sets where a user's reminders go by e-mail (their own, or any member's for the administrator); null stops them. */
export async function setNotificationEmail(
  ctx: AppContext,
  caller: Caller,
  userId: string,
  email: string | null,
): Promise<{ userId: string; email: string | null }> {
  const { actor } = caller;
  // another user's address is part of their account: an administrator sets it only for an account of this municipality alone
  let subjectAccount: AccountScope | undefined;
  if (userId !== actor.userId && (actor.role === "admin" || actor.deploymentAdmin === true)) {
    const subject = await getUser(ctx.db, userId);
    if (!subject || !(await municipalityIdsOfUser(ctx.db, userId)).includes(actor.municipalityId))
      throw new NotFoundError("пользователь", userId);
    subjectAccount = await accountScope(ctx.db, actor.municipalityId, subject);
  }
  ensure(actor, "update", {
    area: "monitoring",
    municipalityId: actor.municipalityId,
    step: "email",
    subjectUserId: userId,
    ...(subjectAccount ? { subjectAccount } : {}),
  });
  const value = email?.trim() || null;
  if (value !== null && (value.length > 254 || !EMAIL.test(value)))
    throw new ValidationError([{ path: "email", message: "Неверный адрес электронной почты" }]);
  return ctx.db.tx(async (q) => {
    const members = await membersOfMunicipality(q, actor.municipalityId);
    if (!members.some((m) => m.userId === userId)) throw new NotFoundError("пользователь", userId);
    const before = await getUserEmail(q, userId);
    await setUserEmail(q, userId, value);
    await audit(q, caller, {
      action: "user.email",
      objectType: "user",
      objectId: userId,
      before: { email: before },
      after: { email: value },
    });
    return { userId, email: value };
  });
}
