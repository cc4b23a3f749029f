import { announce, type Queryable } from "../db.ts";

/**
 * The channel on which a change to what a session's look-up reads is told (migration
 * 20261203193000_auth_notify): 'u:<user id>', 's:<session id>' or '*'.
 */
export const AUTH_CHANNEL = "orientir_auth";
import type { AppUserTable, LoginPendingTable, MembershipTable, MunicipalityTable, SessionTable } from "../schema.generated.ts";
import { mapRow, one, type Mapped } from "./rows.ts";

/**
 * An account. `deploymentAdmin`: manages accounts of every municipality (issue 9); `totpSecret`:
 * the base32 TOTP secret once the second factor is enabled.
 */
export type UserRecord = Mapped<Pick<AppUserTable, (typeof USER_COLUMNS)[number]>>;

type MembershipRow = MembershipTable & { municipality_name: MunicipalityTable["name"] };

export type MembershipRecord = Mapped<
  Pick<MembershipRow, "id" | "municipality_id" | "municipality_name" | "user_id" | "role" | "department_id" | "version">
>;

export async function findUserByLogin(q: Queryable, login: string): Promise<UserRecord | null> {
  const r = await q.query<AppUserTable>(`SELECT * FROM app_user WHERE lower(login) = lower($1)`, [login]);
  return r.rows[0] ? mapRow(r.rows[0]) : null;
}

export async function getUser(q: Queryable, id: string): Promise<UserRecord | null> {
  const r = await q.query<AppUserTable>(`SELECT * FROM app_user WHERE id = $1`, [id]);
  return r.rows[0] ? mapRow(r.rows[0]) : null;
}

export async function insertUser(q: Queryable, u: { login: string; fullName: string; passwordHash: string }): Promise<UserRecord> {
  const r = await q.query<AppUserTable>(`INSERT INTO app_user (login, full_name, password_hash) VALUES ($1, $2, $3) RETURNING *`, [
    u.login,
    u.fullName,
    u.passwordHash,
  ]);
  return mapRow(one(r.rows));
}

export async function updateUser(
  q: Queryable,
  id: string,
  version: number,
  u: { fullName?: string; passwordHash?: string; isActive?: boolean },
): Promise<UserRecord | null> {
  const r = await q.query<AppUserTable>(
    `UPDATE app_user SET full_name = coalesce($3, full_name), password_hash = coalesce($4, password_hash),
       is_active = coalesce($5, is_active), version = version + 1, updated_at = now()
     WHERE id = $1 AND version = $2 RETURNING *`,
    [id, version, u.fullName ?? null, u.passwordHash ?? null, u.isActive ?? null],
  );
  announce(q, AUTH_CHANNEL, `u:${id}`);
  return r.rows[0] ? mapRow(r.rows[0]) : null;
}

export async function membershipsOfUser(q: Queryable, userId: string): Promise<MembershipRecord[]> {
  const r = await q.query<MembershipRow>(
    `SELECT m.*, mu.name AS municipality_name FROM membership m JOIN municipality mu ON mu.id = m.municipality_id
     WHERE m.user_id = $1 ORDER BY mu.name`,
    [userId],
  );
  return r.rows.map(mapRow);
}

/** A user as listed with their role in one municipality. */
type MunicipalityUserRow = Pick<AppUserTable, "id" | "login" | "full_name" | "is_active" | "version" | "deployment_admin"> &
  Pick<MembershipTable, "role" | "department_id"> & {
    membership_id: MembershipTable["id"];
    membership_version: MembershipTable["version"];
    totp_enabled: boolean;
    in_other_municipalities: boolean;
  };
export type MunicipalityUser = Mapped<MunicipalityUserRow>;

/** Users with their role in one municipality. */
export async function usersOfMunicipality(q: Queryable, municipalityId: string): Promise<MunicipalityUser[]> {
  const r = await q.query<MunicipalityUserRow>(
    `SELECT u.id, u.login, u.full_name, u.is_active, u.version, m.id AS membership_id, m.role, m.department_id, m.version AS membership_version,
       u.deployment_admin, (u.totp_secret IS NOT NULL) AS totp_enabled,
       EXISTS (SELECT 1 FROM membership o WHERE o.user_id = u.id AND o.municipality_id <> m.municipality_id) AS in_other_municipalities
     FROM membership m JOIN app_user u ON u.id = m.user_id WHERE m.municipality_id = $1 ORDER BY u.login`,
    [municipalityId],
  );
  return r.rows.map(mapRow);
}

export async function upsertMembership(
  q: Queryable,
  m: { municipalityId: string; userId: string; role: string; departmentId: string | null },
): Promise<MembershipRecord> {
  const r = await q.query<MembershipRow>(
    `INSERT INTO membership (municipality_id, user_id, role, department_id) VALUES ($1, $2, $3, $4)
     ON CONFLICT (user_id, municipality_id) DO UPDATE SET role = EXCLUDED.role, department_id = EXCLUDED.department_id,
       version = membership.version + 1, updated_at = now()
     RETURNING *`,
    [m.municipalityId, m.userId, m.role, m.departmentId],
  );
  announce(q, AUTH_CHANNEL, `u:${m.userId}`);
  return mapRow(one(r.rows));
}

export async function deleteMembership(q: Queryable, municipalityId: string, userId: string): Promise<boolean> {
  const r = await q.query(`DELETE FROM membership WHERE municipality_id = $1 AND user_id = $2`, [municipalityId, userId]);
  announce(q, AUTH_CHANNEL, `u:${userId}`);
  return (r.rowCount ?? 0) > 0;
}

// ---- accounts across municipalities ---------------------------------------------------------

/** The municipalities an account has a role in (ids). */
export async function municipalityIdsOfUser(q: Queryable, userId: string): Promise<string[]> {
  const r = await q.query<Pick<MembershipTable, "municipality_id">>(
    `SELECT municipality_id FROM membership WHERE user_id = $1 ORDER BY municipality_id`,
    [userId],
  );
  return r.rows.map((x) => x.municipality_id);
}

export async function setDeploymentAdmin(q: Queryable, userId: string, value: boolean): Promise<void> {
  await q.query(`UPDATE app_user SET deployment_admin = $2, version = version + 1, updated_at = now() WHERE id = $1`, [userId, value]);
  announce(q, AUTH_CHANNEL, `u:${userId}`);
}

export async function listDeploymentAdmins(q: Queryable): Promise<{ login: string; fullName: string }[]> {
  const r = await q.query<Pick<AppUserTable, "login" | "full_name">>(
    `SELECT login, full_name FROM app_user WHERE deployment_admin ORDER BY login`,
  );
  return r.rows.map((x) => ({ login: x.login, fullName: x.full_name }));
}

/** Sets a new password hash (no version check: the user's own change, after the current password). */
export async function setPasswordHash(q: Queryable, userId: string, passwordHash: string): Promise<void> {
  await q.query(`UPDATE app_user SET password_hash = $2, version = version + 1, updated_at = now() WHERE id = $1`, [userId, passwordHash]);
  announce(q, AUTH_CHANNEL, `u:${userId}`);
}

// ---- sessions ---------------------------------------------------------------------------

export type SessionRecord = Mapped<
  Pick<SessionTable, "id" | "user_id" | "municipality_id" | "csrf_token" | "expires_at" | "absolute_expires_at">
>;

/** A new session: it ends after `idleHours` without a request, and after `maxHours` whatever happens (database clock). */
export async function insertSession(
  q: Queryable,
  s: { id: string; userId: string; municipalityId: string | null; csrfToken: string; idleHours: number; maxHours: number },
): Promise<void> {
  await q.query(
    `INSERT INTO session (id, user_id, municipality_id, csrf_token, expires_at, absolute_expires_at)
     VALUES ($1, $2, $3, $4, least(now() + make_interval(secs => $5), now() + make_interval(secs => $6)), now() + make_interval(secs => $6))`,
    [s.id, s.userId, s.municipalityId, s.csrfToken, s.idleHours * 3600, s.maxHours * 3600],
  );
}

/** The live session; also slides its idle expiry forward, never past its absolute end. */
export async function touchSession(q: Queryable, id: string, idleHours: number): Promise<SessionRecord | null> {
  const r = await q.query<SessionTable>(
    `UPDATE session SET last_seen_at = now(),
       expires_at = least(absolute_expires_at, greatest(expires_at, now() + make_interval(secs => $2)))
     WHERE id = $1 AND expires_at > now() AND absolute_expires_at > now() RETURNING *`,
    [id, idleHours * 3600],
  );
  return r.rows[0] ? mapRow(r.rows[0]) : null;
}

/** How often a live session's row is written (its idle expiry slid forward): at most once a minute. */
export const SESSION_REFRESH_SECONDS = 60;

/** A live session with its user and the user's memberships, read in one statement. */
export interface LiveSession {
  session: SessionRecord;
  user: UserRecord;
  memberships: MembershipRecord[];
  /** The row was last written more than SESSION_REFRESH_SECONDS ago (database clock): refreshSession is due. */
  refreshDue: boolean;
  /** Seconds until the refresh is due (0 when it is). */
  refreshInSeconds: number;
}

const USER_COLUMNS = [
  "id",
  "login",
  "full_name",
  "password_hash",
  "is_active",
  "deployment_admin",
  "totp_secret",
  "totp_pending_secret",
  "totp_enabled_at",
  "totp_last_step",
  "version",
] as const;

/**
 * The live session (neither idle nor absolute expiry passed, database clock), its user and the
 * user's memberships (ordered by the municipality's name) in one SELECT; writes nothing.
 */
export async function findLiveSession(q: Queryable, id: string): Promise<LiveSession | null> {
  const r = await q.query<LiveSessionRow>(
    `SELECT s.id AS s_id, s.user_id AS s_user_id, s.municipality_id AS s_municipality_id, s.csrf_token AS s_csrf_token,
       s.expires_at AS s_expires_at, s.absolute_expires_at AS s_absolute_expires_at,
       s.last_seen_at <= now() - make_interval(secs => ${SESSION_REFRESH_SECONDS}) AS s_refresh_due,
       greatest(0, ${SESSION_REFRESH_SECONDS} - extract(epoch FROM now() - s.last_seen_at))::float8 AS s_refresh_in,
       ${USER_COLUMNS.map((c) => `u.${c}`).join(", ")},
       coalesce((SELECT json_agg(json_build_object('id', m.id, 'municipalityId', m.municipality_id, 'municipalityName', mu.name,
                  'userId', m.user_id, 'role', m.role, 'departmentId', m.department_id, 'version', m.version) ORDER BY mu.name)
                 FROM membership m JOIN municipality mu ON mu.id = m.municipality_id WHERE m.user_id = u.id), '[]') AS s_memberships
     FROM session s JOIN app_user u ON u.id = s.user_id
     WHERE s.id = $1 AND s.expires_at > now() AND s.absolute_expires_at > now()`,
    [id],
  );
  const x = r.rows[0];
  if (!x) return null;
  const {
    s_id,
    s_user_id,
    s_municipality_id,
    s_csrf_token,
    s_expires_at,
    s_absolute_expires_at,
    s_refresh_due,
    s_refresh_in,
    s_memberships,
    ...user
  } = x;
  return {
    session: {
      id: s_id,
      userId: s_user_id,
      municipalityId: s_municipality_id,
      csrfToken: s_csrf_token,
      expiresAt: s_expires_at.toISOString(),
      absoluteExpiresAt: s_absolute_expires_at.toISOString(),
    },
    user: mapRow(user),
    memberships: s_memberships,
    refreshDue: s_refresh_due === true,
    refreshInSeconds: s_refresh_in ?? 0,
  };
}

/** The row of findLiveSession: the session's columns prefixed `s_`, the user's columns, the memberships as JSON. */
type LiveSessionRow = Pick<AppUserTable, (typeof USER_COLUMNS)[number]> & {
  s_id: SessionTable["id"];
  s_user_id: SessionTable["user_id"];
  s_municipality_id: SessionTable["municipality_id"];
  s_csrf_token: SessionTable["csrf_token"];
  s_expires_at: SessionTable["expires_at"];
  s_absolute_expires_at: SessionTable["absolute_expires_at"];
  s_refresh_due: boolean | null;
  s_refresh_in: number | null;
  /** json_build_object with the camelCase keys of MembershipRecord. */
  s_memberships: MembershipRecord[];
};

/**
 * Writes a live session's row when its refresh is due: last seen now, the idle expiry slid forward
 * (never past the absolute end). A no-op when another request refreshed it within the minute.
 */
export async function refreshSession(q: Queryable, id: string, idleHours: number): Promise<void> {
  await q.query(
    `UPDATE session SET last_seen_at = now(),
       expires_at = least(absolute_expires_at, greatest(expires_at, now() + make_interval(secs => $2)))
     WHERE id = $1 AND last_seen_at <= now() - make_interval(secs => ${SESSION_REFRESH_SECONDS})
       AND expires_at > now() AND absolute_expires_at > now()`,
    [id, idleHours * 3600],
  );
}

export async function setSessionMunicipality(q: Queryable, id: string, municipalityId: string): Promise<void> {
  await q.query(`UPDATE session SET municipality_id = $2 WHERE id = $1`, [id, municipalityId]);
  announce(q, AUTH_CHANNEL, `s:${id}`);
}

export async function deleteSession(q: Queryable, id: string): Promise<void> {
  await q.query(`DELETE FROM session WHERE id = $1`, [id]);
  announce(q, AUTH_CHANNEL, `s:${id}`);
}

/** Ends every session of a user but the one kept (the caller's own); returns how many ended. */
export async function deleteSessionsOfUser(q: Queryable, userId: string, keepSessionId: string | null = null): Promise<number> {
  const r = await q.query(`DELETE FROM session WHERE user_id = $1 AND ($2::text IS NULL OR id <> $2)`, [userId, keepSessionId]);
  announce(q, AUTH_CHANNEL, `u:${userId}`);
  await q.query(`DELETE FROM login_pending WHERE user_id = $1`, [userId]);
  return r.rowCount ?? 0;
}

export async function countSessionsOfUser(q: Queryable, userId: string): Promise<number> {
  const r = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM session WHERE user_id = $1`, [userId]);
  return one(r.rows).n;
}

export async function deleteExpiredSessions(q: Queryable): Promise<number> {
  const r = await q.query(`DELETE FROM session WHERE expires_at <= now() OR absolute_expires_at <= now()`);
  await q.query(`DELETE FROM login_pending WHERE expires_at <= now()`);
  await q.query(
    `DELETE FROM login_throttle WHERE last_attempt_at < now() - interval '2 days' AND (locked_until IS NULL OR locked_until < now())`,
  );
  return r.rowCount ?? 0;
}

// ---- login throttling -------------------------------------------------------------------------

export async function recordLoginAttempt(q: Queryable, login: string, ip: string, success: boolean): Promise<void> {
  await q.query(`INSERT INTO login_attempt (login, ip, success) VALUES ($1, $2, $3)`, [login.toLowerCase(), ip, success]);
}

export interface ThrottleRule {
  /** Attempts allowed in a row before a lock. */
  max: number;
  /** Failures older than this are forgotten. */
  windowSeconds: number;
  /** The first lock; each further lock doubles it, up to maxLockSeconds. */
  baseLockSeconds: number;
  maxLockSeconds: number;
}

/**
 * Takes one attempt from the key's allowance in a single statement: the row lock of the UPDATE
 * orders parallel attempts, and PostgreSQL re-checks the WHERE of each waiting one, so at most
 * `max` attempts in a row get through, however many arrive at once. The attempt is counted as a
 * failure before the password is checked; `releaseAttempt` takes it back on success. When this
 * attempt reaches `max`, the key is locked for base·2^lockouts seconds (the attempt itself goes on).
 * Returns null when the attempt may go on, or the seconds to wait.
 */
export async function takeAttempt(q: Queryable, key: string, rule: ThrottleRule): Promise<number | null> {
  await q.query(`INSERT INTO login_throttle (key) VALUES ($1) ON CONFLICT (key) DO NOTHING`, [key]);
  // Only the row's own columns in the expressions: after waiting for the row lock, PostgreSQL
  // evaluates them (and the WHERE) on the row as the previous attempt left it.
  const f = `(CASE WHEN last_attempt_at < now() - make_interval(secs => $3::float8) THEN 1 ELSE failures + 1 END)`;
  const l = `(CASE WHEN last_attempt_at < now() - make_interval(secs => $3::float8 * 8) THEN 0 ELSE lockouts END)`;
  const r = await q.query(
    `UPDATE login_throttle SET
       failures = ${f},
       lockouts = CASE WHEN ${f} >= $2 THEN ${l} + 1 ELSE ${l} END,
       locked_until = CASE WHEN ${f} >= $2 THEN now() + make_interval(secs => least($5::float8, $4::float8 * power(2, ${l}))) ELSE NULL END,
       last_attempt_at = now()
     WHERE key = $1 AND (locked_until IS NULL OR locked_until <= now())
     RETURNING failures`,
    [key, rule.max, rule.windowSeconds, rule.baseLockSeconds, rule.maxLockSeconds],
  );
  if (r.rows[0]) return null;
  const w = await q.query<{ s: number | null }>(
    `SELECT ceil(extract(epoch FROM locked_until - now()))::int AS s FROM login_throttle WHERE key = $1`,
    [key],
  );
  return Math.max(1, Number(w.rows[0]?.s ?? 1));
}

/** Takes back an attempt counted by takeAttempt (the password was right): `reset` clears the key altogether. */
export async function releaseAttempt(q: Queryable, key: string, rule: ThrottleRule, reset: boolean): Promise<void> {
  if (reset) {
    await q.query(`UPDATE login_throttle SET failures = 0, lockouts = 0, locked_until = NULL WHERE key = $1`, [key]);
    return;
  }
  await q.query(
    `UPDATE login_throttle SET failures = greatest(failures - 1, 0),
       locked_until = CASE WHEN failures - 1 < $2 THEN NULL ELSE locked_until END,
       lockouts = CASE WHEN failures - 1 < $2 AND failures >= $2 THEN greatest(lockouts - 1, 0) ELSE lockouts END
     WHERE key = $1`,
    [key, rule.max],
  );
}

/** Seconds a key is still locked for (0 when it is not). */
export async function lockedFor(q: Queryable, key: string): Promise<number> {
  const r = await q.query<{ s: number | null }>(
    `SELECT greatest(0, ceil(extract(epoch FROM locked_until - now())))::int AS s FROM login_throttle WHERE key = $1`,
    [key],
  );
  return Number(r.rows[0]?.s ?? 0);
}

// ---- second factor --------------------------------------------------------------------------

export async function setTotpPendingSecret(q: Queryable, userId: string, secret: string | null): Promise<void> {
  await q.query(`UPDATE app_user SET totp_pending_secret = $2 WHERE id = $1`, [userId, secret]);
}

/** Turns the pending secret into the active one and stores the recovery codes' hashes. */
export async function enableTotp(q: Queryable, userId: string, secret: string, step: number, recoveryHashes: string[]): Promise<void> {
  await q.query(
    `UPDATE app_user SET totp_secret = $2, totp_pending_secret = NULL, totp_enabled_at = now(), totp_last_step = $3,
       version = version + 1, updated_at = now() WHERE id = $1`,
    [userId, secret, step],
  );
  await q.query(`DELETE FROM totp_recovery_code WHERE user_id = $1`, [userId]);
  for (const h of recoveryHashes) await q.query(`INSERT INTO totp_recovery_code (user_id, code_hash) VALUES ($1, $2)`, [userId, h]);
}

export async function disableTotp(q: Queryable, userId: string): Promise<void> {
  await q.query(
    `UPDATE app_user SET totp_secret = NULL, totp_pending_secret = NULL, totp_enabled_at = NULL, totp_last_step = NULL,
       version = version + 1, updated_at = now() WHERE id = $1`,
    [userId],
  );
  await q.query(`DELETE FROM totp_recovery_code WHERE user_id = $1`, [userId]);
}

/** Records an accepted time step, only if it is later than the last one (a code is accepted once). */
export async function acceptTotpStep(q: Queryable, userId: string, step: number): Promise<boolean> {
  const r = await q.query(`UPDATE app_user SET totp_last_step = $2 WHERE id = $1 AND (totp_last_step IS NULL OR totp_last_step < $2)`, [
    userId,
    step,
  ]);
  return (r.rowCount ?? 0) > 0;
}

/** Uses up a recovery code (by its hash); false when there is no such unused code. */
export async function useRecoveryCode(q: Queryable, userId: string, codeHash: string): Promise<boolean> {
  const r = await q.query(`UPDATE totp_recovery_code SET used_at = now() WHERE user_id = $1 AND code_hash = $2 AND used_at IS NULL`, [
    userId,
    codeHash,
  ]);
  return (r.rowCount ?? 0) > 0;
}

export async function countRecoveryCodes(q: Queryable, userId: string): Promise<number> {
  const r = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM totp_recovery_code WHERE user_id = $1 AND used_at IS NULL`, [
    userId,
  ]);
  return one(r.rows).n;
}

// ---- pending logins (awaiting the second factor) -----------------------------------------------

export async function insertPendingLogin(
  q: Queryable,
  p: { id: string; userId: string; purpose: "totp" | "enrol"; ttlSeconds: number },
): Promise<void> {
  await q.query(`INSERT INTO login_pending (id, user_id, purpose, expires_at) VALUES ($1, $2, $3, now() + make_interval(secs => $4))`, [
    p.id,
    p.userId,
    p.purpose,
    p.ttlSeconds,
  ]);
}

/** The live pending login, counting this use; null when unknown, expired or tried too often. */
export async function takePendingLogin(
  q: Queryable,
  id: string,
  maxAttempts: number,
): Promise<{ userId: string; purpose: "totp" | "enrol" } | null> {
  const r = await q.query<Pick<LoginPendingTable, "user_id" | "purpose">>(
    `UPDATE login_pending SET attempts = attempts + 1 WHERE id = $1 AND expires_at > now() AND attempts < $2 RETURNING user_id, purpose`,
    [id, maxAttempts],
  );
  return r.rows[0] ? { userId: r.rows[0].user_id, purpose: r.rows[0].purpose } : null;
}

export async function peekPendingLogin(q: Queryable, id: string): Promise<{ userId: string; purpose: "totp" | "enrol" } | null> {
  const r = await q.query<Pick<LoginPendingTable, "user_id" | "purpose">>(
    `SELECT user_id, purpose FROM login_pending WHERE id = $1 AND expires_at > now()`,
    [id],
  );
  return r.rows[0] ? { userId: r.rows[0].user_id, purpose: r.rows[0].purpose } : null;
}

export async function deletePendingLogin(q: Queryable, id: string): Promise<void> {
  await q.query(`DELETE FROM login_pending WHERE id = $1`, [id]);
}
