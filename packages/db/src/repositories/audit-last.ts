/**
 * An audit entry appended as a transaction's last statement, with its COMMIT in the same round trip
 * (issue 15, part 6: registering appeals concurrently). `audit_append` (the chain's lock, the read
 * of its head after the lock, the hash computed by PostgreSQL exactly as `auditHash`, the INSERT)
 * and the COMMIT are one simple-query message: the chain's lock is held only while PostgreSQL runs
 * them, never over a round trip to Node.
 */
import pg from "pg";
import { commitWith, type Queryable } from "../db.ts";
import { auditPayload, chainKey, type AuditEntry } from "./audit.ts";

const QUOTE_OR_BACKSLASH = /['\\]/;

/**
 * A value as an SQL literal (NULL, or quoted with `E'…'` where it has a backslash): `pg.escapeLiteral`,
 * whose loop over every character of an audit entry's JSON was about 1.5 % of a PATCH's CPU — a
 * text without a quote or a backslash (most) is the same quoted as it is.
 */
export const sqlLiteral = (v: string | null): string => (v === null ? "NULL" : QUOTE_OR_BACKSLASH.test(v) ? pg.escapeLiteral(v) : `'${v}'`);
const lit = sqlLiteral;

const json = (v: unknown): string | null => (v === undefined || v === null ? null : JSON.stringify(v));

/**
 * A value of the entry known only to the database when the statements are written (a registration
 * number taken in the same message): `placeholder`, a string standing for it in the entry's
 * `before`/`after`, is replaced — in the stored JSON and in the hashed payload alike — by the JSON
 * text of the column `fill` of the one row of `source` (an SQL query).
 */
export interface AuditFill {
  placeholder: string;
  source: string;
  /** Further placeholders, each replaced by the JSON text of its own column of the same row (never NULL: `'null'`). */
  more?: readonly { placeholder: string; column: string }[];
}

/**
 * The statement appending the entry (no parameters: every value is a quoted literal): the same
 * `audit_append` as `appendAudit` (lock, head read after it, hash, INSERT), so the chain is extended
 * by one piece of SQL whichever way the entry comes.
 */
export function auditLastSql(e: AuditEntry, at: string, fill?: AuditFill): string {
  const payload = auditPayload({ ...e, at });
  const m = e.municipalityId;
  // the placeholder as it appears in JSON (quoted): replaced by the value's JSON text (quoted too)
  const filled = (text: string | null) => {
    if (!fill || text === null) return lit(text);
    let sql = `replace(${lit(text)}, ${lit(JSON.stringify(fill.placeholder))}, f.fill)`;
    for (const m of fill.more ?? []) sql = `replace(${sql}, ${lit(JSON.stringify(m.placeholder))}, f.${m.column})`;
    return sql;
  };
  return `SELECT audit_append(${lit(chainKey(m))}, ${lit(m)}::uuid, ${lit(at)}::timestamptz, ${lit(e.actorId)}::uuid,
  ${lit(e.actorLogin)}, ${lit(e.action)}, ${lit(e.objectType)}, ${lit(e.objectId)}, ${filled(json(e.before))}::jsonb,
  ${filled(json(e.after))}::jsonb, ${lit(e.requestId)}, ${filled(payload)})${fill ? ` FROM (${fill.source}) f` : ""}`;
}

/**
 * Appends the entry and commits the transaction in one round trip (`commitWith`): call it last, with
 * the transaction's Queryable; nothing may run in the transaction after it. Where the Queryable is
 * not a transaction's own (a wrapper), the entry is appended in one round trip and the caller's
 * transaction commits as usual.
 */
export async function appendAuditAndCommit(q: Queryable, e: AuditEntry, at = new Date().toISOString()): Promise<boolean> {
  return (await commitWith(q, auditLastSql(e, at))).committed;
}
