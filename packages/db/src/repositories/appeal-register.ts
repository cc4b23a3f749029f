/**
 * An appeal registered in one round trip (issue 15, part 6): the next number of the kind and year
 * from the counter (its row locked until the commit), the appeal with that number, the first step
 * its author follows ("registered") in one statement, then the audit entry and the COMMIT — so that
 * concurrent registrations of a municipality wait for each other's counter only while PostgreSQL
 * runs these, not over round trips to Node. It fails whole, and a rolled-back transaction gives its
 * number back (no gap).
 */
import { randomUUID } from "node:crypto";
import { commitWith, type Queryable } from "../db.ts";
import type { AppealTable } from "../schema.generated.ts";
import type { AppealRecord, NewAppeal } from "./control.ts";
import { mapRow, one } from "./rows.ts";
import { auditLastSql, sqlLiteral, type AuditFill } from "./audit-last.ts";
import type { AuditEntry } from "./audit.ts";

export interface NumberedAppeal extends Omit<NewAppeal, "number"> {
  /** The registration number with everything but the sequence number filled: `{seq}` and `{seq4}` left. */
  numberTemplate: string;
  /** The counter's kind and year. */
  kind: string;
  year: number;
  /** Where it came from the portal: the signed-in resident (or none) and the consent given. */
  portal?: { residentId: string | null; consentSha256: string | null; consentAt: string | null };
  /** The "registered" step's time. */
  at: string;
}

/** A value as a literal of its SQL type. */
function lit(v: string | number | boolean | null, type?: string): string {
  if (v === null) return "NULL";
  if (typeof v === "boolean") return v ? "true" : "false";
  if (typeof v === "number") {
    if (!Number.isFinite(v)) throw new RangeError(`not a finite number: ${v}`);
    return String(v);
  }
  return type ? `${sqlLiteral(v)}::${type}` : sqlLiteral(v);
}

/**
 * A string to stand for the registration number in the audit entry until the database fills it in:
 * random, so that no text of the entry (an appeal's text) can contain it.
 */
export const appealNumberPlaceholder = (): string => `@registration-number:${randomUUID()}@`;

/**
 * The whole write of a registration in ONE round trip, its COMMIT included (`commitWith`): the
 * number, the appeal and its first step (one statement), the audit entry — whose `after` names the
 * number as `audit.placeholder` (appealNumberPlaceholder), filled in by the database in the stored entry and in its
 * hash alike — and the COMMIT. So the counter's row and the audit chain are held only while
 * PostgreSQL runs these statements, never over a round trip to Node and back. Call it last in the
 * transaction (the appeal's id chosen by the caller: the audit entry names it). Outside `Db.tx`'s
 * own Queryable, the same statements run in one round trip and the caller's transaction commits.
 */
export async function registerAppealAndCommit(
  q: Queryable,
  a: NumberedAppeal & { id: string },
  audit: { entry: AuditEntry; at: string; placeholder: string },
): Promise<AppealRecord> {
  const insert = `WITH n AS (
  INSERT INTO doc_counter (municipality_id, kind, year, last) VALUES (${lit(a.municipalityId, "uuid")}, ${lit(a.kind)}, ${lit(a.year)}, 1)
  ON CONFLICT (municipality_id, kind, year) DO UPDATE SET last = doc_counter.last + 1 RETURNING last::text AS seq
), a AS (
  INSERT INTO appeal (id, municipality_id, number, tracking_code, channel, received_on, registered_on, collective, signatories, anonymous,
    author_name, author_address, author_email, text, topic_code, district, assigned_department_id, state, due, repeated_of, created_by,
    author_name_key, author_address_key, resident_id, consent_sha256, consent_at)
  SELECT ${lit(a.id, "uuid")}, ${lit(a.municipalityId, "uuid")},
    replace(replace(${lit(a.numberTemplate, "text")}, '{seq4}', lpad(n.seq, greatest(4, length(n.seq)), '0')), '{seq}', n.seq),
    ${lit(a.trackingCode)}, ${lit(a.channel)}, ${lit(a.receivedOn, "date")}, ${lit(a.registeredOn, "date")}, ${lit(a.collective)},
    ${lit(a.signatories)}, ${lit(a.anonymous)}, ${lit(a.authorName, "text")}, ${lit(a.authorAddress, "text")}, ${lit(a.authorEmail, "text")},
    ${lit(a.text, "text")}, ${lit(a.topicCode, "text")}, ${lit(a.district, "text")}, ${lit(a.assignedDepartmentId, "uuid")}, ${lit(a.state, "text")},
    ${lit(a.due, "date")}, ${lit(a.repeatedOf, "uuid")}, ${lit(a.createdBy, "uuid")}, ${lit(a.authorNameKey, "text")}, ${lit(a.authorAddressKey, "text")},
    ${lit(a.portal?.residentId ?? null, "uuid")}, ${lit(a.portal?.consentSha256 ?? null, "text")}, ${lit(a.portal?.consentAt ?? null, "timestamptz")}
  FROM n RETURNING *
), e AS (
  INSERT INTO appeal_event (appeal_id, kind, on_date, due, noticed, at)
  SELECT a.id, 'registered', a.registered_on, a.due, false, ${lit(a.at, "timestamptz")} FROM a
)
SELECT * FROM a`;
  const fill: AuditFill = {
    placeholder: audit.placeholder,
    source: `SELECT to_json(number)::text AS fill FROM appeal WHERE id = ${lit(a.id, "uuid")}`,
  };
  const { results } = await commitWith(q, `${insert};\n${auditLastSql(audit.entry, audit.at, fill)}`);
  return mapRow(one(results[0]!.rows as unknown as AppealTable[]));
}

/**
 * What a registration reads before its write, in one statement (issue 15, part 6: each round trip
 * under load waits for a core): whether the assigned department is the municipality's, the latest
 * earlier appeal of the same author (the same name and address or e-mail: "repeated"), and the
 * municipality's numbering rule of the kind. The same answers as `existsInMunicipality`,
 * `earlierAppealOf` and `getNumberingRule`.
 */
export async function registrationReads(
  q: Queryable,
  municipalityId: string,
  r: {
    departmentId: string | null;
    /** null: no check (anonymous, or no name). */
    author: { nameKey: string; addressKey: string | null; email: string | null } | null;
    kind: string;
  },
): Promise<{
  departmentFound: boolean;
  earlier: Pick<AppealRecord, "id" | "number"> | null;
  rule: { prefix: string; pattern: string } | null;
}> {
  const x = await q.query<{
    department_found: boolean;
    earlier_id: string | null;
    earlier_number: string | null;
    prefix: string | null;
    pattern: string | null;
    rule_found: boolean;
  }>(
    `SELECT ($2::uuid IS NULL OR EXISTS (SELECT 1 FROM department WHERE municipality_id = $1 AND id = $2::uuid)) AS department_found,
       e.id AS earlier_id, e.number AS earlier_number, nr.prefix, nr.pattern, nr.municipality_id IS NOT NULL AS rule_found
     FROM (SELECT 1) one
     LEFT JOIN LATERAL (SELECT id, number FROM appeal WHERE $3::text IS NOT NULL AND municipality_id = $1 AND author_name_key = $3::text
       AND (author_address_key = $4::text OR lower(author_email) = lower($5::text))
       ORDER BY registered_on DESC, created_at DESC LIMIT 1) e ON true
     LEFT JOIN doc_numbering_rule nr ON nr.municipality_id = $1 AND nr.kind = $6`,
    [municipalityId, r.departmentId, r.author?.nameKey ?? null, r.author?.addressKey ?? null, r.author?.email ?? null, r.kind],
  );
  const row = x.rows[0]!;
  return {
    departmentFound: row.department_found,
    earlier: row.earlier_id !== null ? { id: row.earlier_id, number: row.earlier_number! } : null,
    rule: row.rule_found ? { prefix: row.prefix!, pattern: row.pattern! } : null,
  };
}
