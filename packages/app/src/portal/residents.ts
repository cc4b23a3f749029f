/**
 * Residents' accounts (issue 14, part 2): apart from staff accounts. Sign-in by e-mail with a
 * one-time code sent through the outbox; consent to the processing of personal data recorded with
 * its text and time (152-ФЗ); profile; deletion. Asking for a code answers the same whether the
 * e-mail is known or not (the account is made when the code is confirmed), and is rate-limited
 * per e-mail and per address.
 */
import { createHash, randomBytes, randomInt, timingSafeEqual } from "node:crypto";
import {
  consentsOf,
  deleteResidentSession,
  enqueueJob,
  ensureResident,
  eraseIdentity,
  eraseResident,
  findResidentSession,
  getResident,
  insertConsent,
  insertResidentCode,
  insertResidentMail,
  insertResidentSession,
  lockLatestCode,
  markCode,
  residentByEmail,
  takeThrottle,
  updateResidentProfile,
  type Queryable,
  type ResidentRecord,
} from "@orientir/db";
import { AuthError, ForbiddenError, TooManyRequestsError, ValidationError } from "@orientir/domain";
import type { ResidentProfile, ResidentProfileBody, ResidentSession } from "@orientir/contracts";
import type { AppContext } from "../context.ts";
import { audit } from "../audit.ts";

/** The text a resident agrees to; its SHA-256 and the time are stored with the consent. */
export const CONSENT_TEXT =
  "Я даю согласие администрации муниципального образования на обработку моих персональных данных " +
  "(адрес электронной почты, фамилия, имя, отчество, адрес, год рождения) в целях участия в общественном " +
  "обсуждении документов стратегического планирования и голосованиях на портале, в соответствии с " +
  "Федеральным законом от 27.07.2006 № 152-ФЗ «О персональных данных». Согласие действует до его отзыва; " +
  "отзыв — удаление учетной записи. После удаления сохраняются опубликованные предложения с инициалами автора " +
  "и обезличенные бюллетени.";

export const RESIDENT_SESSION_HOURS = 24 * 7;
const CODE_MINUTES = 15;
const CODE_ATTEMPTS = 5;
const LIMITS = { codePerEmailHour: 5, codePerIpHour: 20, signInPerIpHour: 60, writePerResidentHour: 30 };

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");
export const residentSessionIdOf = (token: string) => sha256(`resident:${token}`);

function hourWindow(now: Date): string {
  const d = new Date(now);
  d.setUTCMinutes(0, 0, 0);
  return d.toISOString();
}

/** Counts one event of the key this hour; a 429 past the limit (atomic in the database). */
export async function throttle(ctx: AppContext, q: Queryable, key: string, limit: number): Promise<void> {
  const now = ctx.now();
  const count = await takeThrottle(q, key, hourWindow(now));
  if (count > limit) {
    const retry = Math.max(1, 3600 - Math.floor((now.getTime() - Date.parse(hourWindow(now))) / 1000));
    throw new TooManyRequestsError("Слишком много запросов; повторите позже", retry);
  }
}

const normEmail = (e: string) => e.trim().toLowerCase();

/**
 * Sends a one-time code to the e-mail (through the outbox, sent by the worker over SMTP). The
 * answer never tells whether the address is known.
 */
export async function requestResidentCode(ctx: AppContext, email: string, ip: string, municipalityId: string | null): Promise<void> {
  const addr = normEmail(email);
  await ctx.db.tx(async (q) => {
    await throttle(ctx, q, `code:ip:${ip}`, LIMITS.codePerIpHour);
    await throttle(ctx, q, `code:email:${sha256(addr)}`, LIMITS.codePerEmailHour);
    const code = String(randomInt(0, 1_000_000)).padStart(6, "0");
    const now = ctx.now();
    await insertResidentCode(q, addr, sha256(`${addr}:${code}`), new Date(now.getTime() + CODE_MINUTES * 60_000).toISOString());
    const mailId = await insertResidentMail(q, {
      municipalityId,
      toAddress: addr,
      subject: `[Ориентир] Код для входа на портал: ${code}`,
      body: `Код для входа на портал общественного обсуждения: ${code}\n\nКод действует ${CODE_MINUTES} минут. Если вы не запрашивали код, ничего не делайте.`,
      key: `portal-code:${randomBytes(8).toString("hex")}`,
      at: now.toISOString(),
    });
    await enqueueJob(q, {
      kind: "email.send",
      payload: { outboxId: mailId },
      uniqueKey: `email:${mailId}`,
      runAt: now.toISOString(),
      maxAttempts: 8,
    });
  });
}

export async function profileOf(q: Queryable, r: ResidentRecord): Promise<ResidentProfile> {
  return {
    id: r.id,
    email: r.email ?? "",
    fullName: r.fullName,
    address: r.address,
    birthYear: r.birthYear,
    emailConfirmed: r.emailConfirmedAt !== null,
    consents: await consentsOf(q, r.id),
    verified: { identity: r.identityVerifiedAt !== null, birthYear: r.birthYearVerified, address: r.addressVerified },
  };
}

export interface ResidentSignInResult extends ResidentSession {
  token: string;
  maxAgeSeconds: number;
}

/** Confirms the code; makes the account on first sign-in (with the consent), opens a session. */
export async function residentSignIn(
  ctx: AppContext,
  input: { email: string; code: string; consent?: boolean | undefined },
  ip: string,
): Promise<ResidentSignInResult> {
  const addr = normEmail(input.email);
  const now = ctx.now();
  await ctx.db.tx((q) => throttle(ctx, q, `signin:ip:${ip}`, LIMITS.signInPerIpHour));
  // the check of the code and its use are one transaction on the locked row: a code is used once
  const outcome = await ctx.db.tx(async (q) => {
    const row = await lockLatestCode(q, addr, now.toISOString());
    if (!row || row.attempts >= CODE_ATTEMPTS) return "bad" as const;
    const want = Buffer.from(row.codeHash, "hex");
    const got = Buffer.from(sha256(`${addr}:${input.code}`), "hex");
    const ok = want.length === got.length && timingSafeEqual(want, got);
    if (!ok) {
      await markCode(q, row.id, false, now.toISOString());
      return "bad" as const;
    }
    const existing = await residentByEmail(q, addr);
    const hasConsent = existing ? (await consentsOf(q, existing.id)).some((c) => c.withdrawnAt === null) : false;
    if (!hasConsent && input.consent !== true) return "consent" as const;
    await markCode(q, row.id, true, now.toISOString());
    const resident = await ensureResident(q, addr, now.toISOString());
    if (!hasConsent)
      await insertConsent(q, { residentId: resident.id, text: CONSENT_TEXT, sha256: sha256(CONSENT_TEXT), at: now.toISOString() });
    const token = randomBytes(32).toString("base64url");
    const csrfToken = randomBytes(24).toString("base64url");
    await insertResidentSession(q, {
      id: residentSessionIdOf(token),
      residentId: resident.id,
      csrfToken,
      expiresAt: new Date(now.getTime() + RESIDENT_SESSION_HOURS * 3600_000).toISOString(),
    });
    await audit(
      q,
      { actor: null, requestId: null },
      { action: "resident.signIn", objectType: "resident", objectId: resident.id, municipalityId: null, login: `resident:${resident.id}` },
    );
    return { token, csrfToken, resident: await profileOf(q, resident) };
  });
  if (outcome === "bad") throw new AuthError("Неверный или просроченный код");
  if (outcome === "consent")
    throw new ValidationError([{ path: "body.consent", message: "Нужно согласие на обработку персональных данных (152-ФЗ)" }]);
  return { ...outcome, maxAgeSeconds: RESIDENT_SESSION_HOURS * 3600 };
}

export interface ResidentCaller {
  resident: ResidentRecord;
  csrfToken: string;
  sessionId: string;
}

/** The signed-in resident of a session token, or null. */
export async function resolveResident(ctx: AppContext, token: string | undefined): Promise<ResidentCaller | null> {
  if (!token) return null;
  const id = residentSessionIdOf(token);
  const s = await findResidentSession(ctx.db, id, ctx.now().toISOString());
  return s ? { ...s, sessionId: id } : null;
}

/** The resident of a request that changes something: signed in, and the CSRF token matches. */
export function requireResident(r: ResidentCaller | null, csrf: string | undefined, unsafe: boolean): ResidentCaller {
  if (!r) throw new AuthError("Войдите на портал");
  if (unsafe && csrf !== r.csrfToken) throw new ForbiddenError("Запрос отклонен: нет или неверен CSRF-токен (заголовок X-CSRF-Token)");
  return r;
}

export async function residentProfile(ctx: AppContext, r: ResidentCaller): Promise<ResidentProfile> {
  return profileOf(ctx.db, r.resident);
}

export async function saveResidentProfile(ctx: AppContext, r: ResidentCaller, body: ResidentProfileBody): Promise<ResidentProfile> {
  const year = ctx.now().getUTCFullYear();
  if (body.birthYear != null && body.birthYear > year)
    throw new ValidationError([{ path: "body.birthYear", message: "Год рождения в будущем" }]);
  // what the identity provider vouched for (oidc.ts) is not changed by hand
  const current = await freshResident(ctx, r);
  if (current.birthYearVerified && (body.birthYear ?? null) !== current.birthYear)
    throw new ValidationError([{ path: "body.birthYear", message: "Год рождения подтвержден поставщиком идентификации и не меняется" }]);
  if (current.addressVerified && (body.address?.trim() || null) !== current.address)
    throw new ValidationError([{ path: "body.address", message: "Адрес подтвержден поставщиком идентификации и не меняется" }]);
  return ctx.db.tx(async (q) => {
    const after = await updateResidentProfile(q, r.resident.id, {
      fullName: body.fullName.trim(),
      address: body.address?.trim() || null,
      birthYear: body.birthYear ?? null,
    });
    if (!after) throw new AuthError();
    await audit(
      q,
      { actor: null, requestId: null },
      {
        action: "resident.profile",
        objectType: "resident",
        objectId: r.resident.id,
        municipalityId: null,
        login: `resident:${r.resident.id}`,
      },
    );
    return profileOf(q, after);
  });
}

export async function residentSignOut(ctx: AppContext, r: ResidentCaller): Promise<void> {
  await deleteResidentSession(ctx.db, r.sessionId);
}

/** Deletes the account's personal data and ends its sessions (what is kept: see eraseResident). */
export async function deleteResidentAccount(ctx: AppContext, r: ResidentCaller): Promise<void> {
  await ctx.db.tx(async (q) => {
    await eraseResident(q, r.resident.id, ctx.now().toISOString());
    // the link to the identity provider's account and what it vouched for go too
    await eraseIdentity(q, r.resident.id);
    await audit(
      q,
      { actor: null, requestId: null },
      {
        action: "resident.delete",
        objectType: "resident",
        objectId: r.resident.id,
        municipalityId: null,
        login: `resident:${r.resident.id}`,
      },
    );
  });
}

export async function freshResident(ctx: AppContext, r: ResidentCaller): Promise<ResidentRecord> {
  const x = await getResident(ctx.db, r.resident.id);
  if (!x) throw new AuthError();
  return x;
}

export const RESIDENT_LIMITS = LIMITS;
