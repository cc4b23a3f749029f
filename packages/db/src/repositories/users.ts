import type { Queryable } from "../db.ts";
import { mapRow, type Row } from "./rows.ts";

export interface UserRecord {
  id: string;
  login: string;
  fullName: string;
  passwordHash: string;
  isActive: boolean;
  version: number;
}

export interface MembershipRecord {
  id: string;
  municipalityId: string;
  municipalityName: string;
  userId: string;
  role: string;
  departmentId: string | null;
  version: number;
}

export async function findUserByLogin(q: Queryable, login: string): Promise<UserRecord | null> {
  const r = await q.query(`SELECT * FROM app_user WHERE lower(login) = lower($1)`, [login]);
  return r.rows[0] ? (mapRow(r.rows[0]) as unknown as UserRecord) : null;
}

export async function getUser(q: Queryable, id: string): Promise<UserRecord | null> {
  const r = await q.query(`SELECT * FROM app_user WHERE id = $1`, [id]);
  return r.rows[0] ? (mapRow(r.rows[0]) as unknown as UserRecord) : null;
}

export async function insertUser(q: Queryable, u: { login: string; fullName: string; passwordHash: string }): Promise<UserRecord> {
  const r = await q.query(`INSERT INTO app_user (login, full_name, password_hash) VALUES ($1, $2, $3) RETURNING *`, [u.login, u.fullName, u.passwordHash]);
  return mapRow(r.rows[0]) as unknown as UserRecord;
}

export async function updateUser(
  q: Queryable,
  id: string,
  version: number,
  u: { fullName?: string; passwordHash?: string; isActive?: boolean },
): Promise<UserRecord | null> {
  const r = await q.query(
    `UPDATE app_user SET full_name = coalesce($3, full_name), password_hash = coalesce($4, password_hash),
       is_active = coalesce($5, is_active), version = version + 1, updated_at = now()
     WHERE id = $1 AND version = $2 RETURNING *`,
    [id, version, u.fullName ?? null, u.passwordHash ?? null, u.isActive ?? null],
  );
  return r.rows[0] ? (mapRow(r.rows[0]) as unknown as UserRecord) : null;
}

export async function membershipsOfUser(q: Queryable, userId: string): Promise<MembershipRecord[]> {
  const r = await q.query(
    `SELECT m.*, mu.name AS municipality_name FROM membership m JOIN municipality mu ON mu.id = m.municipality_id
     WHERE m.user_id = $1 ORDER BY mu.name`,
    [userId],
  );
  return r.rows.map((x) => mapRow(x) as unknown as MembershipRecord);
}

/** Users with their role in one municipality. */
export async function usersOfMunicipality(q: Queryable, municipalityId: string): Promise<Row[]> {
  const r = await q.query(
    `SELECT u.id, u.login, u.full_name, u.is_active, u.version, m.id AS membership_id, m.role, m.department_id, m.version AS membership_version
     FROM membership m JOIN app_user u ON u.id = m.user_id WHERE m.municipality_id = $1 ORDER BY u.login`,
    [municipalityId],
  );
  return r.rows.map(mapRow);
}

export async function upsertMembership(
  q: Queryable,
  m: { municipalityId: string; userId: string; role: string; departmentId: string | null },
): Promise<MembershipRecord> {
  const r = await q.query(
    `INSERT INTO membership (municipality_id, user_id, role, department_id) VALUES ($1, $2, $3, $4)
     ON CONFLICT (user_id, municipality_id) DO UPDATE SET role = EXCLUDED.role, department_id = EXCLUDED.department_id,
       version = membership.version + 1, updated_at = now()
     RETURNING *`,
    [m.municipalityId, m.userId, m.role, m.departmentId],
  );
  return mapRow(r.rows[0]) as unknown as MembershipRecord;
}

export async function deleteMembership(q: Queryable, municipalityId: string, userId: string): Promise<boolean> {
  const r = await q.query(`DELETE FROM membership WHERE municipality_id = $1 AND user_id = $2`, [municipalityId, userId]);
  return (r.rowCount ?? 0) > 0;
}

// ---- sessions ---------------------------------------------------------------------------

export interface SessionRecord {
  id: string;
  userId: string;
  municipalityId: string | null;
  csrfToken: string;
  expiresAt: string;
}

export async function insertSession(q: Queryable, s: SessionRecord): Promise<void> {
  await q.query(`INSERT INTO session (id, user_id, municipality_id, csrf_token, expires_at) VALUES ($1, $2, $3, $4, $5)`, [
    s.id,
    s.userId,
    s.municipalityId,
    s.csrfToken,
    s.expiresAt,
  ]);
}

/** The live session with its user; also slides its expiry forward. */
export async function touchSession(q: Queryable, id: string, extendTo: string): Promise<SessionRecord | null> {
  const r = await q.query(
    `UPDATE session SET last_seen_at = now(), expires_at = greatest(expires_at, $2::timestamptz)
     WHERE id = $1 AND expires_at > now() RETURNING *`,
    [id, extendTo],
  );
  return r.rows[0] ? (mapRow(r.rows[0]) as unknown as SessionRecord) : null;
}

export async function setSessionMunicipality(q: Queryable, id: string, municipalityId: string): Promise<void> {
  await q.query(`UPDATE session SET municipality_id = $2 WHERE id = $1`, [id, municipalityId]);
}

export async function deleteSession(q: Queryable, id: string): Promise<void> {
  await q.query(`DELETE FROM session WHERE id = $1`, [id]);
}

export async function deleteExpiredSessions(q: Queryable): Promise<number> {
  const r = await q.query(`DELETE FROM session WHERE expires_at <= now()`);
  return r.rowCount ?? 0;
}

// ---- login throttling -------------------------------------------------------------------------

export async function recordLoginAttempt(q: Queryable, login: string, ip: string, success: boolean): Promise<void> {
  await q.query(`INSERT INTO login_attempt (login, ip, success) VALUES ($1, $2, $3)`, [login.toLowerCase(), ip, success]);
}

/** Failed attempts since the last success, within the window, by login and by address. */
export async function recentFailures(q: Queryable, login: string, ip: string, windowSeconds: number): Promise<{ byLogin: number; byIp: number; oldestAt: string | null }> {
  const r = await q.query(
    `SELECT
       (SELECT count(*) FROM login_attempt a WHERE lower(a.login) = lower($1) AND NOT a.success AND a.at > now() - make_interval(secs => $3)
          AND a.at > coalesce((SELECT max(at) FROM login_attempt s WHERE lower(s.login) = lower($1) AND s.success), '-infinity')) AS by_login,
       (SELECT count(*) FROM login_attempt a WHERE a.ip = $2 AND NOT a.success AND a.at > now() - make_interval(secs => $3)) AS by_ip,
       (SELECT min(at) FROM login_attempt a WHERE lower(a.login) = lower($1) AND NOT a.success AND a.at > now() - make_interval(secs => $3)) AS oldest_at`,
    [login, ip, windowSeconds],
  );
  const row = r.rows[0];
  return { byLogin: Number(row.by_login), byIp: Number(row.by_ip), oldestAt: row.oldest_at ? new Date(row.oldest_at).toISOString() : null };
}
