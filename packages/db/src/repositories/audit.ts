/**
 * The audit log: append-only (a trigger refuses UPDATE, DELETE and TRUNCATE) and hash-chained per
 * municipality, so that a changed or removed row breaks the chain and `audit verify` finds it.
 */
import { createHash } from "node:crypto";
import { canonicalJson } from "@orientir/domain";
import type { Queryable } from "../db.ts";
import type { AuditLogTable } from "../schema.generated.ts";
import { mapRow, type Mapped } from "./rows.ts";
import { OTHER_ACTOR_SQL } from "./audit-filters.ts";

export type AuditRecord = Mapped<AuditLogTable>;

export interface AuditEntry {
  municipalityId: string | null;
  actorId: string | null;
  actorLogin: string | null;
  action: string;
  objectType: string;
  objectId: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
}

/** What an entry's hash covers: its fields (the time included) as canonical JSON. */
export function auditPayload(e: AuditEntry & { at: string }): string {
  return canonicalJson({
    municipalityId: e.municipalityId,
    at: e.at,
    actorId: e.actorId,
    actorLogin: e.actorLogin,
    action: e.action,
    objectType: e.objectType,
    objectId: e.objectId,
    before: e.before ?? null,
    after: e.after ?? null,
    requestId: e.requestId,
  });
}

export function auditHash(prevHash: string, e: AuditEntry & { at: string }): string {
  return createHash("sha256").update(prevHash).update("\n").update(auditPayload(e)).digest("hex");
}

export const chainKey = (municipalityId: string | null) => `audit:${municipalityId ?? "global"}`;

/**
 * The hash of the newest entry of a municipality's chain ("" for an empty chain), by one read of
 * the index audit_log (municipality_id, id) backwards: an equality (or IS NULL for the global
 * chain) on its first column, ordered as the index is (both columns descending, so the planner
 * needs no sort even for IS NULL), so it costs the same with ten entries as with a million.
 * (`IS NOT DISTINCT FROM` cannot use the index: it scanned the whole log backwards.)
 * Call it under the chain's lock (chainKey).
 */
export function chainHeadQuery(municipalityId: string | null): { text: string; values: unknown[] } {
  return municipalityId === null
    ? { text: `SELECT hash FROM audit_log WHERE municipality_id IS NULL ORDER BY municipality_id DESC, id DESC LIMIT 1`, values: [] }
    : {
        text: `SELECT hash FROM audit_log WHERE municipality_id = $1 ORDER BY municipality_id DESC, id DESC LIMIT 1`,
        values: [municipalityId],
      };
}

export async function chainHead(q: Queryable, municipalityId: string | null): Promise<string> {
  const { text, values } = chainHeadQuery(municipalityId);
  const r = await q.query<{ hash: string }>(text, values);
  return r.rows[0]?.hash ?? "";
}

/**
 * Appends one entry in the caller's transaction; chains it to the previous one of its
 * municipality. One statement (issue 16, part 2): the function `audit_append` (migration
 * 20261203160600_rank16) takes the chain's lock, reads the head after it (`chainHeadQuery`'s read)
 * and inserts with the hash `auditHash` gives — SHA-256 of the previous hash, a line feed and
 * `auditPayload`, computed here — so `audit verify` recomputes the same.
 */
export async function appendAudit(q: Queryable, e: AuditEntry): Promise<void> {
  // the time is taken here and stored as text-exact ISO, so verification recomputes the same hash
  const at = new Date().toISOString();
  await q.query(`SELECT audit_append($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`, [
    chainKey(e.municipalityId),
    e.municipalityId,
    at,
    e.actorId,
    e.actorLogin,
    e.action,
    e.objectType,
    e.objectId,
    json(e.before),
    json(e.after),
    e.requestId,
    auditPayload({ ...e, at }),
  ]);
}

function json(v: unknown): string | null {
  return v === undefined || v === null ? null : JSON.stringify(v);
}

export interface AuditFilter {
  municipalityId: string;
  objectType?: string;
  objectId?: string;
  actorLogin?: string;
  /** The account that acted. */
  actorId?: string;
  /** Who acted without an account: "resident" (any resident), or its login ("system", "seed" …). */
  actorKind?: string;
  action?: string;
  from?: string;
  to?: string;
  limit?: number;
  beforeId?: number;
}

/** An entry of the log with its actor's name (null when the entry has no actor or the account is gone). */
export type AuditListed = AuditRecord & { actorName: string | null };

export async function listAudit(q: Queryable, f: AuditFilter): Promise<AuditListed[]> {
  const conds = ["municipality_id = $1"];
  const vals: unknown[] = [f.municipalityId];
  const add = (sql: string, v: unknown) => {
    vals.push(v);
    conds.push(sql.replace("?", `$${vals.length}`));
  };
  if (f.objectType) add("object_type = ?", f.objectType);
  if (f.objectId) add("object_id = ?", f.objectId);
  if (f.actorLogin) add("actor_login = ?", f.actorLogin);
  if (f.actorId) add("actor_id = ?", f.actorId);
  // the expression of the index audit_log_other_actor (its columns are the log's: no other table is in the WHERE)
  if (f.actorKind) add(`actor_id IS NULL AND ${OTHER_ACTOR_SQL} = ?`, f.actorKind);
  // one action, or several (those that read as one sentence) separated by commas
  if (f.action)
    add(
      "action = ANY(?::text[])",
      f.action
        .split(",")
        .map((a) => a.trim())
        .filter(Boolean),
    );
  if (f.from) add("at >= ?", f.from);
  if (f.to) add("at < ?", f.to);
  if (f.beforeId) add("id < ?", f.beforeId);
  vals.push(Math.min(f.limit ?? 100, 1000));
  const r = await q.query<AuditLogTable & { actor_name: string | null }>(
    `SELECT a.*, (SELECT u.full_name FROM app_user u WHERE u.id = a.actor_id) AS actor_name
       FROM audit_log a WHERE ${conds.map((c) => `a.${c}`).join(" AND ")} ORDER BY a.id DESC LIMIT $${vals.length}`,
    vals,
  );
  return r.rows.map(mapRow);
}

export interface AuditBreak {
  id: number;
  municipalityId: string | null;
  reason: string;
}

/** Walks every chain and reports each row whose hash or link does not match. */
export async function verifyAudit(q: Queryable): Promise<{ checked: number; breaks: AuditBreak[] }> {
  const r = await q.query<AuditLogTable>(`SELECT * FROM audit_log ORDER BY municipality_id NULLS FIRST, id`);
  const last = new Map<string, string>();
  const breaks: AuditBreak[] = [];
  for (const raw of r.rows) {
    const key = raw.municipality_id ?? "global";
    const expectedPrev = last.get(key) ?? "";
    const at = new Date(raw.at).toISOString();
    const recomputed = auditHash(raw.prev_hash, {
      municipalityId: raw.municipality_id,
      at,
      actorId: raw.actor_id,
      actorLogin: raw.actor_login,
      action: raw.action,
      objectType: raw.object_type,
      objectId: raw.object_id,
      before: raw.before,
      after: raw.after,
      requestId: raw.request_id,
    });
    if (raw.prev_hash !== expectedPrev)
      breaks.push({
        id: Number(raw.id),
        municipalityId: raw.municipality_id,
        reason: "link to the previous entry is broken (a row was removed or reordered)",
      });
    else if (recomputed !== raw.hash)
      breaks.push({
        id: Number(raw.id),
        municipalityId: raw.municipality_id,
        reason: "content does not match its hash (the row was changed)",
      });
    last.set(key, raw.hash);
  }
  return { checked: r.rowCount ?? 0, breaks };
}
