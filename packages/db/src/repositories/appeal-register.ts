/**
 * An appeal registered in one statement (issue 15, part 6): the next number of the kind and year
 * from the counter (its row locked until the commit), the appeal with that number, the first step
 * its author follows ("registered") — so that concurrent registrations of a municipality wait for
 * each other's counter only from this statement to the commit, not over the round trips before it.
 * One statement: it fails whole, and a rolled-back transaction gives its number back (no gap).
 */
import type { Queryable } from "../db.ts";
import type { AppealTable } from "../schema.generated.ts";
import type { AppealRecord, NewAppeal } from "./control.ts";
import { mapRow, one } from "./rows.ts";

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

export async function insertNumberedAppeal(q: Queryable, a: NumberedAppeal): Promise<AppealRecord> {
  const r = await q.query<AppealTable>(
    `WITH n AS (
       INSERT INTO doc_counter (municipality_id, kind, year, last) VALUES ($1, $23, $24, 1)
       ON CONFLICT (municipality_id, kind, year) DO UPDATE SET last = doc_counter.last + 1 RETURNING last::text AS seq
     ), a AS (
       INSERT INTO appeal (municipality_id, number, tracking_code, channel, received_on, registered_on, collective, signatories, anonymous,
         author_name, author_address, author_email, text, topic_code, district, assigned_department_id, state, due, repeated_of, created_by,
         author_name_key, author_address_key, resident_id, consent_sha256, consent_at)
       SELECT $1, replace(replace($2::text, '{seq4}', lpad(n.seq, greatest(4, length(n.seq)), '0')), '{seq}', n.seq),
         $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $25, $26, $27
       FROM n RETURNING *
     ), e AS (
       INSERT INTO appeal_event (appeal_id, kind, on_date, due, noticed, at) SELECT a.id, 'registered', a.registered_on, a.due, false, $28 FROM a
     )
     SELECT * FROM a`,
    [
      a.municipalityId,
      a.numberTemplate,
      a.trackingCode,
      a.channel,
      a.receivedOn,
      a.registeredOn,
      a.collective,
      a.signatories,
      a.anonymous,
      a.authorName,
      a.authorAddress,
      a.authorEmail,
      a.text,
      a.topicCode,
      a.district,
      a.assignedDepartmentId,
      a.state,
      a.due,
      a.repeatedOf,
      a.createdBy,
      a.authorNameKey,
      a.authorAddressKey,
      a.kind,
      a.year,
      a.portal?.residentId ?? null,
      a.portal?.consentSha256 ?? null,
      a.portal?.consentAt ?? null,
      a.at,
    ],
  );
  return mapRow(one(r.rows));
}
