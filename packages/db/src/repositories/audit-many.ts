/**
 * Many audit entries appended at once (the rows of an import): the same entries and the same
 * hash chain as appending them one by one with appendAudit, in a few multi-row INSERTs.
 */
import type { Queryable } from "../db.ts";
import { auditHash, chainHead, chainKey, type AuditEntry } from "./audit.ts";

const COLUMNS = 12;
const PER_INSERT = 500;

/** Appends the entries, in order, to the chain of their municipality (all of one municipality). */
export async function appendAuditMany(q: Queryable, entries: AuditEntry[]): Promise<void> {
  if (!entries.length) return;
  const municipalityId = entries[0]!.municipalityId;
  if (entries.some((e) => e.municipalityId !== municipalityId)) throw new Error("appendAuditMany: entries of several municipalities");
  await q.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [chainKey(municipalityId)]);
  let prevHash = await chainHead(q, municipalityId);
  for (let i = 0; i < entries.length; i += PER_INSERT) {
    const part = entries.slice(i, i + PER_INSERT);
    const values: unknown[] = [];
    const tuples: string[] = [];
    for (const e of part) {
      const at = new Date().toISOString();
      const hash = auditHash(prevHash, { ...e, at });
      const base = values.length;
      tuples.push(`(${Array.from({ length: COLUMNS }, (_, k) => `$${base + k + 1}`).join(", ")})`);
      values.push(
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
        prevHash,
        hash,
      );
      prevHash = hash;
    }
    await q.query(
      `INSERT INTO audit_log (municipality_id, at, actor_id, actor_login, action, object_type, object_id, before, after, request_id, prev_hash, hash)
       VALUES ${tuples.join(", ")}`,
      values,
    );
  }
}

function json(v: unknown): string | null {
  return v === undefined || v === null ? null : JSON.stringify(v);
}
