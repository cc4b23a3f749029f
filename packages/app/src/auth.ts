/** Sign-in, sessions and the current user's municipality. */
import { createHash, randomBytes } from "node:crypto";
import {
  deleteSession,
  findUserByLogin,
  getUser,
  insertSession,
  membershipsOfUser,
  recentFailures,
  recordLoginAttempt,
  setSessionMunicipality,
  touchSession,
  type MembershipRecord,
} from "@orientir/db";
import { AuthError, ForbiddenError, TooManyRequestsError, ValidationError, type Actor, type Role } from "@orientir/domain";
import type { AppContext } from "./context.ts";
import { dummyHash, verifyPassword } from "./passwords.ts";
import { audit } from "./audit.ts";

export interface SessionInfo {
  sessionId: string;
  csrfToken: string;
  user: { id: string; login: string; fullName: string };
  memberships: { municipalityId: string; municipalityName: string; role: Role; departmentId: string | null }[];
  /** Null when the user has no membership at all. */
  actor: Actor | null;
}

export function sessionIdOf(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

function presentMemberships(ms: MembershipRecord[]): SessionInfo["memberships"] {
  return ms.map((m) => ({ municipalityId: m.municipalityId, municipalityName: m.municipalityName, role: m.role as Role, departmentId: m.departmentId }));
}

function actorFor(user: { id: string; login: string }, ms: MembershipRecord[], municipalityId: string | null): Actor | null {
  const m = ms.find((x) => x.municipalityId === municipalityId) ?? ms[0];
  if (!m) return null;
  return { userId: user.id, login: user.login, municipalityId: m.municipalityId, role: m.role as Role, departmentId: m.departmentId };
}

export async function login(
  ctx: AppContext,
  input: { login: string; password: string; ip: string; requestId: string | null },
): Promise<{ token: string; session: SessionInfo }> {
  const { login: loginName, password, ip } = input;
  if (!loginName || !password) {
    throw new ValidationError([
      ...(!loginName ? [{ path: "login", message: "Укажите логин", messageEn: "Login is required" }] : []),
      ...(!password ? [{ path: "password", message: "Укажите пароль", messageEn: "Password is required" }] : []),
    ]);
  }
  const c = ctx.config;
  const failures = await recentFailures(ctx.db, loginName, ip, c.loginWindowSeconds);
  if (failures.byLogin >= c.loginMaxFailures || failures.byIp >= c.loginMaxFailuresPerIp) {
    const oldest = failures.oldestAt ? new Date(failures.oldestAt).getTime() : ctx.now().getTime();
    const retry = Math.max(1, Math.ceil((oldest + c.loginWindowSeconds * 1000 - ctx.now().getTime()) / 1000));
    throw new TooManyRequestsError(`Слишком много неудачных попыток входа. Повторите через ${Math.ceil(retry / 60)} мин.`, retry);
  }
  const user = await findUserByLogin(ctx.db, loginName);
  const ok = user && user.isActive ? await verifyPassword(user.passwordHash, password) : (await verifyPassword(await dummyHash(), password), false);
  await recordLoginAttempt(ctx.db, loginName, ip, Boolean(ok));
  if (!user || !ok) throw new AuthError("Неверный логин или пароль");

  const memberships = await membershipsOfUser(ctx.db, user.id);
  const token = randomBytes(32).toString("base64url");
  const csrfToken = randomBytes(24).toString("base64url");
  const sessionId = sessionIdOf(token);
  const expiresAt = new Date(ctx.now().getTime() + c.sessionTtlHours * 3600_000).toISOString();
  const actor = actorFor(user, memberships, null);
  await ctx.db.tx(async (q) => {
    await insertSession(q, { id: sessionId, userId: user.id, municipalityId: actor?.municipalityId ?? null, csrfToken, expiresAt });
    await audit(q, { actor, requestId: input.requestId }, { action: "login", objectType: "user", objectId: user.id, municipalityId: actor?.municipalityId ?? null });
  });
  return {
    token,
    session: { sessionId, csrfToken, user: { id: user.id, login: user.login, fullName: user.fullName }, memberships: presentMemberships(memberships), actor },
  };
}

/** The session behind a cookie's token, or null when there is none or it expired. */
export async function resolveSession(ctx: AppContext, token: string): Promise<SessionInfo | null> {
  if (!token || token.length > 200) return null;
  const sessionId = sessionIdOf(token);
  const extendTo = new Date(ctx.now().getTime() + ctx.config.sessionTtlHours * 3600_000).toISOString();
  const s = await touchSession(ctx.db, sessionId, extendTo);
  if (!s) return null;
  const user = await getUser(ctx.db, s.userId);
  if (!user || !user.isActive) return null;
  const memberships = await membershipsOfUser(ctx.db, user.id);
  return {
    sessionId,
    csrfToken: s.csrfToken,
    user: { id: user.id, login: user.login, fullName: user.fullName },
    memberships: presentMemberships(memberships),
    actor: actorFor(user, memberships, s.municipalityId),
  };
}

export async function logout(ctx: AppContext, session: SessionInfo, requestId: string | null): Promise<void> {
  await ctx.db.tx(async (q) => {
    await deleteSession(q, session.sessionId);
    await audit(q, { actor: session.actor, requestId }, { action: "logout", objectType: "user", objectId: session.user.id, municipalityId: session.actor?.municipalityId ?? null });
  });
}

export async function switchMunicipality(ctx: AppContext, session: SessionInfo, municipalityId: string): Promise<SessionInfo> {
  const m = session.memberships.find((x) => x.municipalityId === municipalityId);
  if (!m) throw new ForbiddenError("нет роли в этом муниципальном образовании");
  await setSessionMunicipality(ctx.db, session.sessionId, municipalityId);
  return {
    ...session,
    actor: { userId: session.user.id, login: session.user.login, municipalityId, role: m.role, departmentId: m.departmentId },
  };
}
