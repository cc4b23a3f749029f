/**
 * Appeals registered in one round trip (issue 15, part 6): the next numbers of the kind and year
 * from the counter (its row locked until the commit), the appeals with those numbers and the first
 * step their authors follow ("registered"), then the audit entries and the COMMIT — so that
 * concurrent registrations of a municipality wait for each other's counter only while PostgreSQL
 * runs these, not over round trips to Node; and several at once (`registerAppealsAndCommit`, the
 * application's batches), so that one COMMIT's flush serves them all. It fails whole, and a
 * rolled-back transaction gives its numbers back (no gap).
 */
import { randomUUID } from "node:crypto";
import { commitWith, type Queryable } from "../db.ts";
import type { AppealTable } from "../schema.generated.ts";
import type { AppealRecord, NewAppeal } from "./control.ts";
import { mapRow } from "./rows.ts";
import { SETUP_CHANGE_SQL } from "./control-reads.ts";
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

/** A value as a literal always cast to its SQL type (a VALUES list's column of NULLs keeps its type). */
const typed = (v: string | number | boolean | null, type: string): string => `${lit(v)}::${type}`;

/** One registration of a batch: the appeal prepared (its id chosen) and its audit entry. */
export interface AppealToRegister {
  appeal: NumberedAppeal & { id: string };
  audit: {
    entry: AuditEntry;
    at: string;
    /** Stands for the number in the entry (appealNumberPlaceholder). */
    placeholder: string;
    /** Stands for the earlier appeal of the same author (its id, or null) in the entry, where it names it. */
    repeatedPlaceholder?: string;
  };
}

/** Registrations written together at most (the batch's statement and message stay small). */
export const APPEAL_BATCH_MAX = 100;

/**
 * Several registrations of one municipality, kind and year written together in ONE round trip, the
 * COMMIT included (`commitWith`; issue 15, part 6, "registrations written together"):
 * 1. the counter moved by their count (its row locked until the COMMIT: batches of other
 *    transactions and processes wait here, in order);
 * 2. a statement of its own — so its snapshot, taken after that lock, sees every registration
 *    committed before — giving them the consecutive numbers in their order, inserting the appeals
 *    and their first steps ("registered"); an appeal repeats the latest earlier one of the same author
 *    (the same name key, and the same address key or e-mail, as `registrationReads`): an earlier one
 *    of the batch, else one already stored, else what the caller found;
 * 3. their audit entries, chained in the same order (`audit_append`), each naming its number and
 *    its earlier appeal through placeholders filled in by the database;
 * 4. the COMMIT.
 * It fails whole: nothing of it is kept and the counter gives the numbers back (no gap). Answers the
 * rows in the items' order. Given the `Db` itself (no transaction), the message is its own transaction:
 * PostgreSQL runs the statements of one simple-query message as one, all or nothing, and no BEGIN
 * round trip is needed. Within a wrapper of a transaction's Queryable, that transaction commits.
 */
export async function registerAppealsAndCommit(q: Queryable, items: readonly AppealToRegister[]): Promise<AppealRecord[]> {
  if (items.length === 0) return [];
  if (items.length > APPEAL_BATCH_MAX) throw new RangeError(`at most ${APPEAL_BATCH_MAX} registrations in one batch`);
  const first = items[0]!.appeal;
  for (const { appeal: a } of items)
    if (a.municipalityId !== first.municipalityId || a.kind !== first.kind || a.year !== first.year)
      throw new RangeError("one batch registers appeals of one municipality, kind and year");
  const m = lit(first.municipalityId, "uuid");
  const n = items.length;
  const counter = `INSERT INTO doc_counter (municipality_id, kind, year, last) VALUES (${m}, ${lit(first.kind)}, ${lit(first.year)}, ${n})
ON CONFLICT (municipality_id, kind, year) DO UPDATE SET last = doc_counter.last + ${n}`;
  const values = items
    .map(({ appeal: a }, k) =>
      [
        k + 1,
        typed(a.id, "uuid"),
        typed(a.numberTemplate, "text"),
        typed(a.trackingCode, "text"),
        typed(a.channel, "text"),
        typed(a.receivedOn, "date"),
        typed(a.registeredOn, "date"),
        typed(a.collective, "boolean"),
        typed(a.signatories, "int"),
        typed(a.anonymous, "boolean"),
        typed(a.authorName, "text"),
        typed(a.authorAddress, "text"),
        typed(a.authorEmail, "text"),
        typed(a.text, "text"),
        typed(a.topicCode, "text"),
        typed(a.district, "text"),
        typed(a.assignedDepartmentId, "uuid"),
        typed(a.state, "text"),
        typed(a.due, "date"),
        typed(a.repeatedOf, "uuid"),
        typed(a.createdBy, "uuid"),
        typed(a.authorNameKey, "text"),
        typed(a.authorAddressKey, "text"),
        typed(a.portal?.residentId ?? null, "uuid"),
        typed(a.portal?.consentSha256 ?? null, "text"),
        typed(a.portal?.consentAt ?? null, "timestamptz"),
        typed(a.at, "timestamptz"),
      ].join(", "),
    )
    .map((row) => `(${row})`)
    .join(",\n  ");
  // the same author: the name key, and the address key or the e-mail (registrationReads)
  const sameAuthor = (x: string) =>
    `${x}.author_name_key = v.author_name_key AND (${x}.author_address_key = v.author_address_key OR lower(${x}.author_email) = lower(v.author_email))`;
  const insert = `WITH n AS (
  SELECT last - ${n} AS base FROM doc_counter WHERE municipality_id = ${m} AND kind = ${lit(first.kind)} AND year = ${lit(first.year)}
), v (ord, id, template, tracking_code, channel, received_on, registered_on, collective, signatories, anonymous, author_name,
  author_address, author_email, text, topic_code, district, assigned_department_id, state, due, repeated_of, created_by,
  author_name_key, author_address_key, resident_id, consent_sha256, consent_at, at) AS (VALUES
  ${values}
), s AS (
  SELECT v.*, (n.base + v.ord)::text AS seq, CASE WHEN v.author_name_key IS NULL THEN v.repeated_of ELSE coalesce(
    (SELECT b.id FROM v b WHERE b.ord < v.ord AND ${sameAuthor("b")} ORDER BY b.ord DESC LIMIT 1),
    (SELECT e.id FROM appeal e WHERE e.municipality_id = ${m} AND ${sameAuthor("e")} ORDER BY e.registered_on DESC, e.created_at DESC LIMIT 1),
    v.repeated_of) END AS repeats
  FROM v, n
), a AS (
  INSERT INTO appeal (id, municipality_id, number, tracking_code, channel, received_on, registered_on, collective, signatories, anonymous,
    author_name, author_address, author_email, text, topic_code, district, assigned_department_id, state, due, repeated_of, created_by,
    author_name_key, author_address_key, resident_id, consent_sha256, consent_at)
  SELECT id, ${m}, replace(replace(template, '{seq4}', lpad(seq, greatest(4, length(seq)), '0')), '{seq}', seq),
    tracking_code, channel, received_on, registered_on, collective, signatories, anonymous, author_name, author_address, author_email,
    text, topic_code, district, assigned_department_id, state, due, repeats, created_by, author_name_key, author_address_key,
    resident_id, consent_sha256, consent_at
  FROM s ORDER BY ord RETURNING *
), e AS (
  INSERT INTO appeal_event (appeal_id, kind, on_date, due, noticed, at)
  SELECT a.id, 'registered', a.registered_on, a.due, false, s.at FROM a JOIN s ON s.id = a.id
)
SELECT a.* FROM a JOIN s ON s.id = a.id ORDER BY s.ord`;
  // the entries in the batch's order, each after the appeals are written (it reads its number there)
  const entries = items.map(({ appeal: a, audit }) => {
    const fill: AuditFill = {
      placeholder: audit.placeholder,
      source: `SELECT to_json(number)::text AS fill, coalesce(to_json(repeated_of)::text, 'null') AS repeated FROM appeal WHERE id = ${lit(a.id, "uuid")}`,
      more: audit.repeatedPlaceholder ? [{ placeholder: audit.repeatedPlaceholder, column: "repeated" }] : [],
    };
    return auditLastSql(audit.entry, audit.at, fill);
  });
  const { results } = await commitWith(q, [counter, insert, ...entries].join(";\n"));
  const rows: AppealRecord[] = (results[1]!.rows as unknown as AppealTable[]).map((r) => mapRow(r));
  if (rows.length !== n) throw new Error(`registered ${rows.length} appeals of ${n}`);
  return rows;
}

/**
 * What a registration reads before its write, in one statement (issue 15, part 6: each round trip
 * under load waits for a core): whether the assigned department is the municipality's, the latest
 * earlier appeal of the same author (the same name and address or e-mail: "repeated"), and the
 * municipality's numbering rule of the kind. The same answers as `existsInMunicipality`,
 * `earlierAppealOf` and `getNumberingRule`; and the control's setup counter (`control_setup_change`,
 * as `SETUP_CHANGE_SQL`) in the same snapshot, so that the caller can take the setup its process kept
 * under that number instead of reading it (`keptControlSetup`).
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
  /** The municipality's setup counter now (null: none yet). */
  setupChange: string | null;
}> {
  const x = await q.query<{
    department_found: boolean;
    earlier_id: string | null;
    earlier_number: string | null;
    prefix: string | null;
    pattern: string | null;
    rule_found: boolean;
    setup_change: string | null;
  }>(
    `SELECT ($2::uuid IS NULL OR EXISTS (SELECT 1 FROM department WHERE municipality_id = $1 AND id = $2::uuid)) AS department_found,
       e.id AS earlier_id, e.number AS earlier_number, nr.prefix, nr.pattern, nr.municipality_id IS NOT NULL AS rule_found,
       ${SETUP_CHANGE_SQL} AS setup_change
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
    setupChange: row.setup_change,
  };
}
