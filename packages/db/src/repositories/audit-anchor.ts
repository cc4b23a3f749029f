/**
 * What the audit anchors read and record: the head of each municipality's chain now, a chain's
 * state at an anchored id, and the record that an anchor was made (table audit_anchor, 0008).
 */
import type { Queryable } from "../db.ts";

export interface ChainHead {
  /** null: the chain of entries of no municipality (logins that failed, the system's work). */
  municipalityId: string | null;
  /** Entries in the chain. */
  count: number;
  lastId: number;
  hash: string;
}

/** The current head of every chain, in a stable order. */
export async function auditHeads(q: Queryable): Promise<ChainHead[]> {
  const r = await q.query<{ municipality_id: string | null; n: number; last_id: string | number; hash: string }>(
    `SELECT c.municipality_id, c.n, c.last_id, a.hash
       FROM (SELECT municipality_id, count(*)::int AS n, max(id) AS last_id FROM audit_log GROUP BY municipality_id) c
       JOIN audit_log a ON a.id = c.last_id
      ORDER BY c.municipality_id NULLS FIRST`,
  );
  return r.rows.map((x) => ({ municipalityId: x.municipality_id, count: Number(x.n), lastId: Number(x.last_id), hash: x.hash }));
}

/** A chain as it stands up to id `lastId`: how many entries, and the hash of the entry `lastId` (null when it is gone). */
export async function auditChainAt(
  q: Queryable,
  municipalityId: string | null,
  lastId: number,
): Promise<{ count: number; hash: string | null; total: number }> {
  const r = await q.query<{ upto: number; total: number; hash: string | null }>(
    `SELECT count(*) FILTER (WHERE id <= $2)::int AS upto, count(*)::int AS total,
            (SELECT hash FROM audit_log WHERE id = $2 AND municipality_id IS NOT DISTINCT FROM $1) AS hash
       FROM audit_log WHERE municipality_id IS NOT DISTINCT FROM $1`,
    [municipalityId, lastId],
  );
  const row = r.rows[0]!;
  return { count: Number(row.upto), hash: row.hash, total: Number(row.total) };
}

export async function recordAuditAnchor(
  q: Queryable,
  a: { at: string; heads: ChainHead[]; mac: string; file: string | null },
): Promise<void> {
  await q.query(`INSERT INTO audit_anchor (at, heads, mac, file) VALUES ($1, $2, $3, $4)`, [a.at, JSON.stringify(a.heads), a.mac, a.file]);
}

/** How many anchors were recorded, and when the last one was made (null: never). */
export async function auditAnchorsRecorded(q: Queryable): Promise<{ count: number; lastAt: string | null }> {
  const r = await q.query<{ n: number; last_at: Date | null }>(`SELECT count(*)::int AS n, max(at) AS last_at FROM audit_anchor`);
  const row = r.rows[0]!;
  return { count: Number(row.n), lastAt: row.last_at ? new Date(row.last_at).toISOString() : null };
}

/** Queues the anchor's mail to the audit chamber in the outbox (no municipality, no user); answers its id. */
export async function insertAnchorMail(
  q: Queryable,
  m: { toAddress: string; subject: string; body: string; key: string; at: string },
): Promise<string> {
  const r = await q.query<{ id: string }>(
    `INSERT INTO email_outbox (municipality_id, user_id, to_address, subject, body, deadline_key, moment, created_at)
     VALUES (NULL, NULL, $1, $2, $3, $4, 'anchor', $5) RETURNING id`,
    [m.toAddress, m.subject, m.body, m.key, m.at],
  );
  return r.rows[0]!.id;
}
