/**
 * The portal's residents signed in by OpenID Connect, signed unsubscribe links and the close of a
 * rating vote (issue 14, parts 2, 6 and 8; migration 20261203130300_portal_oidc).
 */
import type { Queryable } from "../db.ts";
import type { ResidentOidcLoginTable, ResidentTable, VoteTable } from "../schema.generated.ts";
import { mapRow, type Mapped } from "./rows.ts";
import type { ResidentRecord, VoteRecord } from "./portal.ts";

export type OidcLoginRecord = Mapped<ResidentOidcLoginTable>;

// ---- keys ---------------------------------------------------------------------------------------

/** A key of the portal kept in the database (made by the migration). */
export async function portalSecret(q: Queryable, name: string): Promise<string | null> {
  const r = await q.query<{ value: string }>(`SELECT value FROM portal_secret WHERE name = $1`, [name]);
  return r.rows[0]?.value ?? null;
}

// ---- OpenID Connect ---------------------------------------------------------------------------------

export async function insertOidcLogin(
  q: Queryable,
  l: {
    stateHash: string;
    nonce: string;
    codeVerifier: string;
    municipalityId: string;
    consent: boolean;
    linkResidentId: string | null;
    expiresAt: string;
  },
): Promise<void> {
  await q.query(
    `INSERT INTO resident_oidc_login (state_hash, nonce, code_verifier, municipality_id, consent, link_resident_id, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [l.stateHash, l.nonce, l.codeVerifier, l.municipalityId, l.consent, l.linkResidentId, l.expiresAt],
  );
  // spent and expired attempts go as new ones come
  await q.query(`DELETE FROM resident_oidc_login WHERE expires_at < now() - interval '1 day'`);
}

/** Takes the sign-in of this state once: marked used in the same statement; null if unknown, used or expired. */
export async function takeOidcLogin(q: Queryable, stateHash: string, at: string): Promise<OidcLoginRecord | null> {
  const r = await q.query<ResidentOidcLoginTable>(
    `UPDATE resident_oidc_login SET used_at = $2 WHERE state_hash = $1 AND used_at IS NULL AND expires_at > $2 RETURNING *`,
    [stateHash, at],
  );
  return r.rows[0] ? mapRow(r.rows[0]) : null;
}

/** The resident linked to the provider's subject, locked for the sign-in's transaction. */
export async function residentOfIdentity(q: Queryable, issuer: string, subject: string): Promise<ResidentRecord | null> {
  const r = await q.query<ResidentTable>(
    `SELECT r.* FROM resident_identity i JOIN resident r ON r.id = i.resident_id
      WHERE i.issuer = $1 AND i.subject = $2 AND r.deleted_at IS NULL FOR UPDATE OF r`,
    [issuer, subject],
  );
  return r.rows[0] ? mapRow(r.rows[0]) : null;
}

/** Links the subject to the resident; false when it is linked to another resident already. */
export async function linkIdentity(q: Queryable, issuer: string, subject: string, residentId: string, at: string): Promise<boolean> {
  const r = await q.query<{ resident_id: string }>(
    `INSERT INTO resident_identity (issuer, subject, resident_id, linked_at, last_sign_in_at) VALUES ($1, $2, $3, $4, $4)
     ON CONFLICT (issuer, subject) DO UPDATE SET last_sign_in_at = EXCLUDED.last_sign_in_at
       WHERE resident_identity.resident_id = EXCLUDED.resident_id
     RETURNING resident_id`,
    [issuer, subject, residentId, at],
  );
  return r.rows.length === 1;
}

export async function residentByEmailAny(q: Queryable, email: string): Promise<ResidentRecord | null> {
  const r = await q.query<ResidentTable>(`SELECT * FROM resident WHERE email = $1`, [email]);
  return r.rows[0] ? mapRow(r.rows[0]) : null;
}

/** A new resident known by the provider (with the e-mail it vouched for, if any). */
export async function insertVerifiedResident(
  q: Queryable,
  r: { email: string | null; emailConfirmed: boolean; at: string },
): Promise<ResidentRecord> {
  const x = await q.query<ResidentTable>(
    `INSERT INTO resident (email, email_confirmed_at, identity_verified_at) VALUES ($1, $2, $3) RETURNING *`,
    [r.email, r.emailConfirmed && r.email ? r.at : null, r.at],
  );
  return mapRow(x.rows[0]!);
}

/**
 * Records what the provider vouched for: the identity, and the name, year of birth and address
 * when it gave them (a verified year or address then replaces what the resident typed).
 */
export async function recordVerifiedIdentity(
  q: Queryable,
  id: string,
  v: { at: string; fullName: string | null; birthYear: number | null; address: string | null; emailConfirmed: boolean },
): Promise<ResidentRecord> {
  const r = await q.query<ResidentTable>(
    `UPDATE resident SET identity_verified_at = $2,
        full_name = COALESCE($3, full_name),
        birth_year = COALESCE($4, birth_year), birth_year_verified = birth_year_verified OR $4::int IS NOT NULL,
        address = COALESCE($5, address), address_verified = address_verified OR $5::text IS NOT NULL,
        email_confirmed_at = CASE WHEN $6 AND email IS NOT NULL THEN COALESCE(email_confirmed_at, $2) ELSE email_confirmed_at END,
        version = version + 1
      WHERE id = $1 RETURNING *`,
    [id, v.at, v.fullName, v.birthYear, v.address, v.emailConfirmed],
  );
  return mapRow(r.rows[0]!);
}

/** Deleting an account: the provider's link and the verified marks go (eraseResident erases the rest). */
export async function eraseIdentity(q: Queryable, residentId: string): Promise<void> {
  await q.query(`DELETE FROM resident_identity WHERE resident_id = $1`, [residentId]);
  await q.query(`DELETE FROM resident_oidc_login WHERE link_resident_id = $1`, [residentId]);
  await q.query(`UPDATE resident SET identity_verified_at = NULL, birth_year_verified = false, address_verified = false WHERE id = $1`, [
    residentId,
  ]);
}

// ---- following ------------------------------------------------------------------------------------

export interface FollowRecord {
  residentId: string;
  objectType: string;
  objectId: string;
  municipalityId: string;
  /** when the follow began, in milliseconds: part of its signed token (a new follow gets a new token) */
  createdMs: number;
}

/** The follows of these objects, one per resident (the earliest). */
export async function followsOf(q: Queryable, objectType: string, objectIds: string[]): Promise<FollowRecord[]> {
  const r = await q.query<{ resident_id: string; object_type: string; object_id: string; municipality_id: string; ms: string }>(
    `SELECT DISTINCT ON (resident_id) resident_id, object_type, object_id, municipality_id,
            floor(extract(epoch FROM created_at) * 1000)::bigint::text AS ms
       FROM resident_follow WHERE object_type = $1 AND object_id = ANY($2::uuid[]) ORDER BY resident_id, created_at`,
    [objectType, objectIds],
  );
  return r.rows.map((x) => ({
    residentId: x.resident_id,
    objectType: x.object_type,
    objectId: x.object_id,
    municipalityId: x.municipality_id,
    createdMs: Number(x.ms),
  }));
}

/** The follow a token names (the same resident, object and start), or null. */
export async function findFollow(
  q: Queryable,
  f: { residentId: string; objectType: string; objectId: string; createdMs: number },
): Promise<FollowRecord | null> {
  const r = await q.query<{ municipality_id: string }>(
    `SELECT municipality_id FROM resident_follow WHERE resident_id = $1 AND object_type = $2 AND object_id = $3
        AND floor(extract(epoch FROM created_at) * 1000)::bigint = $4`,
    [f.residentId, f.objectType, f.objectId, f.createdMs],
  );
  return r.rows[0] ? { ...f, municipalityId: r.rows[0].municipality_id } : null;
}

export async function deleteFollow(
  q: Queryable,
  f: { residentId: string; objectType: string; objectId: string; createdMs: number },
): Promise<boolean> {
  const r = await q.query(
    `DELETE FROM resident_follow WHERE resident_id = $1 AND object_type = $2 AND object_id = $3
        AND floor(extract(epoch FROM created_at) * 1000)::bigint = $4`,
    [f.residentId, f.objectType, f.objectId, f.createdMs],
  );
  return (r.rowCount ?? 0) > 0;
}

/** Extra headers of an outbox mail (List-Unsubscribe…). */
export async function setOutboxHeaders(q: Queryable, id: string, headers: Record<string, string>): Promise<void> {
  await q.query(`UPDATE email_outbox SET headers = $2 WHERE id = $1`, [id, JSON.stringify(headers)]);
}

// ---- the close of a vote ---------------------------------------------------------------------------

/** Votes ended (by the database's clock) and not closed yet. */
export async function votesToClose(q: Queryable): Promise<string[]> {
  const r = await q.query<{ id: string }>(
    `SELECT v.id FROM vote v WHERE v.ends_at <= now() AND NOT EXISTS (SELECT 1 FROM vote_close c WHERE c.vote_id = v.id)
      ORDER BY v.ends_at LIMIT 100`,
  );
  return r.rows.map((x) => x.id);
}

/** The vote, locked, if it has ended and is not closed yet (another process closing it: skipped). */
export async function lockVoteToClose(q: Queryable, id: string): Promise<VoteRecord | null> {
  const r = await q.query<VoteTable>(
    `SELECT v.* FROM vote v WHERE v.id = $1 AND v.ends_at <= now()
        AND NOT EXISTS (SELECT 1 FROM vote_close c WHERE c.vote_id = v.id)
      FOR UPDATE SKIP LOCKED`,
    [id],
  );
  return r.rows[0] ? mapRow(r.rows[0]) : null;
}

export async function insertVoteClose(
  q: Queryable,
  c: { voteId: string; municipalityId: string; results: unknown; notified: number },
): Promise<boolean> {
  const r = await q.query(
    `INSERT INTO vote_close (vote_id, municipality_id, results, notified) VALUES ($1, $2, $3, $4) ON CONFLICT (vote_id) DO NOTHING`,
    [c.voteId, c.municipalityId, JSON.stringify(c.results), c.notified],
  );
  return (r.rowCount ?? 0) > 0;
}

export async function voteClosedAt(q: Queryable, voteId: string): Promise<string | null> {
  const r = await q.query<{ closed_at: Date }>(`SELECT closed_at FROM vote_close WHERE vote_id = $1`, [voteId]);
  return r.rows[0] ? r.rows[0].closed_at.toISOString() : null;
}

/** The residents who cast a ballot (a deleted account's ballot has no voter any more). */
export async function votersOf(q: Queryable, voteId: string): Promise<string[]> {
  const r = await q.query<{ voter_id: string }>(`SELECT voter_id FROM vote_ballot WHERE vote_id = $1 AND voter_id IS NOT NULL`, [voteId]);
  return r.rows.map((x) => x.voter_id);
}
