/**
 * Sign-in, sessions, the second factor and the current user's municipality.
 *
 * Login throttling counts each attempt before its password is checked, in one atomic statement
 * per key (the account's login and the client's address): however many attempts arrive at once,
 * at most `loginMaxFailures` in a row reach the password check of an account. Over the limit the
 * account is locked for a time that doubles with each further failure (30 s, 1 min, 2 min… up to
 * 15 min), and the address's own limit throttles only that address.
 */
import { sessionCacheOf } from "./session-cache.ts";
import { createHash, randomBytes } from "node:crypto";
import {
  acceptTotpStep,
  countRecoveryCodes,
  deletePendingLogin,
  deleteSession,
  deleteSessionsOfUser,
  disableTotp as disableTotpRow,
  enableTotp,
  findLiveSession,
  findUserByLogin,
  getUser,
  insertPendingLogin,
  insertSession,
  membershipsOfUser,
  peekPendingLogin,
  recordLoginAttempt,
  releaseAttempt,
  setPasswordHash,
  setSessionMunicipality,
  setTotpPendingSecret,
  takeAttempt,
  takePendingLogin,
  refreshSession,
  useRecoveryCode,
  type MembershipRecord,
  type ThrottleRule,
  type UserRecord,
} from "@orientir/db";
import { AuthError, ForbiddenError, TooManyRequestsError, ValidationError, type Actor, type Role } from "@orientir/domain";
import type { SecondFactorNeeded } from "@orientir/contracts";
import type { AppConfig, AppContext } from "./context.ts";
import { dummyHash, hashPassword, verifyPassword } from "./passwords.ts";
import { audit } from "./audit.ts";
import { hashRecoveryCode, matchTotp, newRecoveryCodes, newTotpSecret, otpauthUri } from "./totp.ts";

export interface SessionInfo {
  sessionId: string;
  csrfToken: string;
  user: { id: string; login: string; fullName: string };
  /** A deployment administrator (manages accounts of several municipalities). */
  deploymentAdmin: boolean;
  /** Whether the user has the second factor on, and whether the deployment requires it of them. */
  totp: { enabled: boolean; required: boolean };
  memberships: { municipalityId: string; municipalityName: string; role: Role; departmentId: string | null }[];
  /** Null when the user has no membership at all. */
  actor: Actor | null;
}

export type LoginResult = { token: string; session: SessionInfo; recoveryCodes?: string[] } | { pending: SecondFactorNeeded };

const PENDING_TTL_SECONDS = 5 * 60;
const PENDING_MAX_ATTEMPTS = 5;

export function sessionIdOf(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

function presentMemberships(ms: MembershipRecord[]): SessionInfo["memberships"] {
  return ms.map((m) => ({
    municipalityId: m.municipalityId,
    municipalityName: m.municipalityName,
    role: m.role,
    departmentId: m.departmentId,
  }));
}

function actorFor(user: UserRecord, ms: MembershipRecord[], municipalityId: string | null): Actor | null {
  const m = ms.find((x) => x.municipalityId === municipalityId) ?? ms[0];
  if (!m) return null;
  return {
    userId: user.id,
    login: user.login,
    municipalityId: m.municipalityId,
    role: m.role,
    departmentId: m.departmentId,
    deploymentAdmin: user.deploymentAdmin,
  };
}

/** Whether the deployment requires this user to sign in with a second factor. */
function totpRequired(config: AppConfig, user: UserRecord, ms: { role: string }[]): boolean {
  return config.requireTotpForAdmins && (user.deploymentAdmin || ms.some((m) => m.role === "admin"));
}

function sessionInfo(
  config: AppConfig,
  sessionId: string,
  csrfToken: string,
  user: UserRecord,
  ms: MembershipRecord[],
  municipalityId: string | null,
): SessionInfo {
  return {
    sessionId,
    csrfToken,
    user: { id: user.id, login: user.login, fullName: user.fullName },
    deploymentAdmin: user.deploymentAdmin,
    totp: { enabled: user.totpSecret !== null, required: totpRequired(config, user, ms) },
    memberships: presentMemberships(ms),
    actor: actorFor(user, ms, municipalityId),
  };
}

function loginRule(c: AppConfig): ThrottleRule {
  return {
    max: c.loginMaxFailures,
    windowSeconds: c.loginWindowSeconds,
    baseLockSeconds: c.loginBaseLockSeconds,
    maxLockSeconds: c.loginMaxLockSeconds,
  };
}
function ipRule(c: AppConfig): ThrottleRule {
  return {
    max: c.loginMaxFailuresPerIp,
    windowSeconds: c.loginWindowSeconds,
    baseLockSeconds: c.loginBaseLockSeconds,
    maxLockSeconds: c.loginMaxLockSeconds,
  };
}
const loginKey = (login: string) => `login:${login.toLowerCase()}`;
const ipKey = (ip: string) => `ip:${ip}`;

function waitText(seconds: number): string {
  return seconds < 60 ? `${seconds} с` : `${Math.ceil(seconds / 60)} мин`;
}

/** Takes an attempt of the account's allowance, or throws 429 with a message saying the account is locked and for how long. */
async function throttleAccount(ctx: AppContext, login: string): Promise<void> {
  const wait = await takeAttempt(ctx.db, loginKey(login), loginRule(ctx.config));
  if (wait !== null) {
    throw new TooManyRequestsError(
      `Вход в учетную запись временно заблокирован после нескольких неудачных попыток. Повторите через ${waitText(wait)}.`,
      wait,
    );
  }
}

export async function login(
  ctx: AppContext,
  input: { login: string; password: string; ip: string; requestId: string | null },
): Promise<LoginResult> {
  const { login: loginName, password, ip } = input;
  if (!loginName || !password) {
    throw new ValidationError([
      ...(!loginName ? [{ path: "login", message: "Укажите логин", messageEn: "Login is required" }] : []),
      ...(!password ? [{ path: "password", message: "Укажите пароль", messageEn: "Password is required" }] : []),
    ]);
  }
  const c = ctx.config;
  const ipWait = await takeAttempt(ctx.db, ipKey(ip), ipRule(c));
  if (ipWait !== null) {
    throw new TooManyRequestsError(`Слишком много неудачных попыток входа с этого адреса. Повторите через ${waitText(ipWait)}.`, ipWait);
  }
  await throttleAccount(ctx, loginName);
  const user = await findUserByLogin(ctx.db, loginName);
  const ok =
    user && user.isActive ? await verifyPassword(user.passwordHash, password) : (await verifyPassword(await dummyHash(), password), false);
  await recordLoginAttempt(ctx.db, loginName, ip, Boolean(ok));
  if (!user || !ok) throw new AuthError("Неверный логин или пароль");
  await releaseAttempt(ctx.db, ipKey(ip), ipRule(c), false);

  const memberships = await membershipsOfUser(ctx.db, user.id);
  const purpose = user.totpSecret !== null ? "totp" : totpRequired(c, user, memberships) ? "enrol" : null;
  if (purpose) {
    // the password was right, but the account's allowance is spent only by a right second factor
    await releaseAttempt(ctx.db, loginKey(loginName), loginRule(c), false);
    const pendingToken = randomBytes(32).toString("base64url");
    await insertPendingLogin(ctx.db, { id: sessionIdOf(pendingToken), userId: user.id, purpose, ttlSeconds: PENDING_TTL_SECONDS });
    return { pending: { secondFactor: purpose, pendingToken, expiresInSeconds: PENDING_TTL_SECONDS } };
  }
  await releaseAttempt(ctx.db, loginKey(loginName), loginRule(c), true);
  return startSession(ctx, user, memberships, input.requestId, "login");
}

async function startSession(ctx: AppContext, user: UserRecord, memberships: MembershipRecord[], requestId: string | null, action: string) {
  const token = randomBytes(32).toString("base64url");
  const csrfToken = randomBytes(24).toString("base64url");
  const sessionId = sessionIdOf(token);
  const info = sessionInfo(ctx.config, sessionId, csrfToken, user, memberships, null);
  const actor = info.actor;
  await ctx.db.tx(async (q) => {
    await insertSession(q, {
      id: sessionId,
      userId: user.id,
      municipalityId: actor?.municipalityId ?? null,
      csrfToken,
      idleHours: ctx.config.sessionTtlHours,
      maxHours: ctx.config.sessionMaxHours,
    });
    await audit(q, { actor, requestId }, { action, objectType: "user", objectId: user.id, municipalityId: actor?.municipalityId ?? null });
  });
  return { token, session: info };
}

/**
 * The second step of a sign-in: the pending token of a right password and a code of the
 * authenticator (or an unused recovery code). For a pending enrolment the code confirms the
 * secret `startTotpEnrolment` gave, turns the second factor on and returns the recovery codes
 * (shown once). Wrong codes count against the account like wrong passwords.
 */
export async function loginSecondFactor(
  ctx: AppContext,
  input: { pendingToken: string; code: string; requestId: string | null },
): Promise<{ token: string; session: SessionInfo; recoveryCodes?: string[] }> {
  const code = input.code.trim();
  if (!code)
    throw new ValidationError([
      { path: "code", message: "Введите код из приложения-аутентификатора", messageEn: "Enter the authenticator code" },
    ]);
  const id = sessionIdOf(input.pendingToken);
  const pending = input.pendingToken.length <= 200 ? await takePendingLogin(ctx.db, id, PENDING_MAX_ATTEMPTS) : null;
  if (!pending) throw new AuthError("Время на ввод кода истекло или попыток больше нет. Войдите снова.");
  const user = await getUser(ctx.db, pending.userId);
  if (!user || !user.isActive) throw new AuthError("Войдите снова.");
  await throttleAccount(ctx, user.login);
  const now = ctx.now();
  let recoveryCodes: string[] | undefined;
  if (pending.purpose === "enrol") {
    if (!user.totpPendingSecret)
      throw new ValidationError([{ path: "code", message: "Сначала получите ключ для приложения-аутентификатора" }]);
    const step = matchTotp(user.totpPendingSecret, code, now);
    if (step === null) throw new AuthError("Неверный код");
    recoveryCodes = await turnOnTotp(ctx, user, user.totpPendingSecret, step, input.requestId);
  } else {
    if (!(await checkSecondFactor(ctx, user, code, now))) throw new AuthError("Неверный код");
  }
  await releaseAttempt(ctx.db, loginKey(user.login), loginRule(ctx.config), true);
  await deletePendingLogin(ctx.db, id);
  const fresh = (await getUser(ctx.db, user.id))!;
  const started = await startSession(ctx, fresh, await membershipsOfUser(ctx.db, user.id), input.requestId, "login");
  return recoveryCodes ? { ...started, recoveryCodes } : started;
}

/** A 6-digit code of the current time (each accepted once) or an unused recovery code. */
async function checkSecondFactor(ctx: AppContext, user: UserRecord, code: string, now: Date): Promise<boolean> {
  if (!user.totpSecret) return false;
  if (/^\d{6}$/.test(code)) {
    const step = matchTotp(user.totpSecret, code, now);
    return step !== null && (await acceptTotpStep(ctx.db, user.id, step));
  }
  return useRecoveryCode(ctx.db, user.id, hashRecoveryCode(code));
}

async function turnOnTotp(ctx: AppContext, user: UserRecord, secret: string, step: number, requestId: string | null): Promise<string[]> {
  const codes = newRecoveryCodes();
  await ctx.db.tx(async (q) => {
    await enableTotp(q, user.id, secret, step, codes.map(hashRecoveryCode));
    await audit(
      q,
      { actor: null, requestId },
      { action: "user.totp.enable", objectType: "user", objectId: user.id, municipalityId: null, login: user.login },
    );
  });
  return codes;
}

/**
 * Starts (or restarts) enrolment of the second factor: a new secret, shown as text and as an
 * otpauth:// URI for the authenticator app; it is used only once a code from it is confirmed.
 * Either the signed-in user's own, or that of a pending sign-in the deployment requires it for.
 */
export async function startTotpEnrolment(
  ctx: AppContext,
  who: { session: SessionInfo } | { pendingToken: string },
): Promise<{ secret: string; uri: string }> {
  let userId: string;
  if ("session" in who) userId = who.session.user.id;
  else {
    const pending = who.pendingToken.length <= 200 ? await peekPendingLogin(ctx.db, sessionIdOf(who.pendingToken)) : null;
    if (!pending || pending.purpose !== "enrol") throw new AuthError("Время на вход истекло. Войдите снова.");
    userId = pending.userId;
  }
  const user = await getUser(ctx.db, userId);
  if (!user) throw new AuthError();
  if (user.totpSecret)
    throw new ValidationError([{ path: "code", message: "Второй фактор уже подключен; чтобы сменить устройство, сначала отключите его" }]);
  const secret = newTotpSecret();
  await setTotpPendingSecret(ctx.db, user.id, secret);
  return { secret, uri: otpauthUri(secret, user.login) };
}

/** The signed-in user confirms the secret with a code from the app; returns the recovery codes (shown once). */
export async function confirmTotpEnrolment(
  ctx: AppContext,
  session: SessionInfo,
  code: string,
  requestId: string | null,
): Promise<{ recoveryCodes: string[] }> {
  const user = await getUser(ctx.db, session.user.id);
  if (!user) throw new AuthError();
  if (!user.totpPendingSecret)
    throw new ValidationError([{ path: "code", message: "Сначала получите ключ для приложения-аутентификатора" }]);
  await throttleAccount(ctx, user.login);
  const step = matchTotp(user.totpPendingSecret, code.trim(), ctx.now());
  if (step === null)
    throw new ValidationError([
      { path: "code", message: "Неверный код: проверьте время на устройстве и введите текущий код", messageEn: "Wrong code" },
    ]);
  await releaseAttempt(ctx.db, loginKey(user.login), loginRule(ctx.config), false);
  return { recoveryCodes: await turnOnTotp(ctx, user, user.totpPendingSecret, step, requestId) };
}

export async function totpStatus(
  ctx: AppContext,
  session: SessionInfo,
): Promise<{ enabled: boolean; required: boolean; recoveryCodesLeft: number }> {
  const user = await getUser(ctx.db, session.user.id);
  if (!user) throw new AuthError();
  const ms = await membershipsOfUser(ctx.db, user.id);
  return {
    enabled: user.totpSecret !== null,
    required: totpRequired(ctx.config, user, ms),
    recoveryCodesLeft: await countRecoveryCodes(ctx.db, user.id),
  };
}

/** Turns the user's own second factor off, after their password; refused where the deployment requires it. */
export async function disableOwnTotp(ctx: AppContext, session: SessionInfo, password: string, requestId: string | null): Promise<void> {
  const user = await checkOwnPassword(ctx, session, password, "password");
  if (totpRequired(ctx.config, user, session.memberships)) {
    throw new ValidationError([{ path: "password", message: "Для администраторов второй фактор обязателен в этом развертывании" }]);
  }
  await ctx.db.tx(async (q) => {
    await disableTotpRow(q, user.id);
    await audit(q, { actor: session.actor, requestId }, { action: "user.totp.disable", objectType: "user", objectId: user.id });
  });
}

async function checkOwnPassword(ctx: AppContext, session: SessionInfo, password: string, path: string): Promise<UserRecord> {
  const user = await getUser(ctx.db, session.user.id);
  if (!user) throw new AuthError();
  await throttleAccount(ctx, user.login);
  if (!(await verifyPassword(user.passwordHash, password))) {
    throw new ValidationError([{ path, message: "Неверный текущий пароль", messageEn: "Wrong current password" }]);
  }
  await releaseAttempt(ctx.db, loginKey(user.login), loginRule(ctx.config), false);
  return user;
}

/** The user changes their own password: the current one is checked; every other session of theirs ends. */
export async function changeOwnPassword(
  ctx: AppContext,
  session: SessionInfo,
  input: { currentPassword: string; newPassword: string },
  requestId: string | null,
): Promise<void> {
  if (input.newPassword.length < 8)
    throw new ValidationError([{ path: "newPassword", message: "Пароль не короче 8 символов", messageEn: "At least 8 characters" }]);
  const user = await checkOwnPassword(ctx, session, input.currentPassword, "currentPassword");
  const passwordHash = await hashPassword(input.newPassword);
  await ctx.db.tx(async (q) => {
    await setPasswordHash(q, user.id, passwordHash);
    const ended = await deleteSessionsOfUser(q, user.id, session.sessionId);
    await audit(
      q,
      { actor: session.actor, requestId },
      { action: "user.password", objectType: "user", objectId: user.id, after: { otherSessionsEnded: ended } },
    );
  });
}

/**
 * The session behind a cookie's token, or null when there is none, it expired (idle or absolute) or
 * the account is disabled. One SELECT (session, user and memberships together), or none when this
 * process keeps the session (`SessionCache`: up to 30 s, forgotten at once on any change told by
 * the database; off with ORIENTIR_SESSION_CACHE=0); the session's row
 * is written only when its last refresh is a minute old or more (SESSION_REFRESH_SECONDS, database
 * clock): then a second statement slides its idle expiry forward, never past its absolute end. So
 * the idle lifetime counts from a request at most a minute before the last one.
 */
export async function resolveSession(ctx: AppContext, token: string): Promise<SessionInfo | null> {
  if (!token || token.length > 200) return null;
  const sessionId = sessionIdOf(token);
  const live = ctx.config.sessionCache === false ? await findLiveSession(ctx.db, sessionId) : await sessionCacheOf(ctx.db).find(sessionId);
  if (!live || !live.user.isActive) return null;
  if (live.refreshDue) await refreshSession(ctx.db, sessionId, ctx.config.sessionTtlHours);
  return sessionInfo(ctx.config, sessionId, live.session.csrfToken, live.user, live.memberships, live.session.municipalityId);
}

export async function logout(ctx: AppContext, session: SessionInfo, requestId: string | null): Promise<void> {
  await ctx.db.tx(async (q) => {
    await deleteSession(q, session.sessionId);
    await audit(
      q,
      { actor: session.actor, requestId },
      { action: "logout", objectType: "user", objectId: session.user.id, municipalityId: session.actor?.municipalityId ?? null },
    );
  });
}

export async function switchMunicipality(ctx: AppContext, session: SessionInfo, municipalityId: string): Promise<SessionInfo> {
  const m = session.memberships.find((x) => x.municipalityId === municipalityId);
  if (!m) throw new ForbiddenError("нет роли в этом муниципальном образовании");
  await setSessionMunicipality(ctx.db, session.sessionId, municipalityId);
  return {
    ...session,
    actor: {
      userId: session.user.id,
      login: session.user.login,
      municipalityId,
      role: m.role,
      departmentId: m.departmentId,
      deploymentAdmin: session.deploymentAdmin,
    },
  };
}
