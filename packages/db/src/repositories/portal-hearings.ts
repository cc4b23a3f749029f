/**
 * Discussions and public hearings for the staff page (issue 14, part 4; migration
 * 20261203160300_portal14b): each discussion's proposals counted by stage with its protocol, and a
 * hearing recorded whole after it was held, with its participants and the protocol's number and date.
 */
import type { Queryable } from "../db.ts";
import type { PublicHearingTable } from "../schema.generated.ts";
import { mapRow } from "./rows.ts";
import type { HearingRecord } from "./portal.ts";

export interface DiscussionSummaryRow {
  publicationId: string;
  proposals: number;
  pending: number;
  unanswered: number;
  hearings: number;
  protocol: { number: string; date: string; generatedAt: string; counts: unknown } | null;
}

/** Every discussion publication of the municipality: its proposals by stage, hearings and protocol. */
export async function discussionSummaries(q: Queryable, municipalityId: string): Promise<DiscussionSummaryRow[]> {
  const r = await q.query<{
    id: string;
    proposals: number;
    pending: number;
    unanswered: number;
    hearings: number;
    number: string | null;
    protocol_date: string | null;
    generated_at: Date | null;
    counts: unknown;
  }>(
    `SELECT p.id,
            (SELECT count(*)::int FROM proposal x WHERE x.publication_id = p.id) AS proposals,
            (SELECT count(*)::int FROM proposal x WHERE x.publication_id = p.id AND x.moderation = 'pending') AS pending,
            (SELECT count(*)::int FROM proposal x WHERE x.publication_id = p.id AND x.moderation = 'published' AND x.decision IS NULL) AS unanswered,
            (SELECT count(*)::int FROM public_hearing h WHERE h.publication_id = p.id) AS hearings,
            d.number, to_char(d.protocol_date, 'YYYY-MM-DD') AS protocol_date, d.generated_at, d.data -> 'counts' AS counts
       FROM publication p
       LEFT JOIN discussion_protocol d ON d.publication_id = p.id
      WHERE p.municipality_id = $1 AND p.kind = 'discussion'`,
    [municipalityId],
  );
  return r.rows.map((x) => ({
    publicationId: x.id,
    proposals: x.proposals,
    pending: x.pending,
    unanswered: x.unanswered,
    hearings: x.hearings,
    protocol:
      x.number !== null && x.protocol_date !== null && x.generated_at !== null
        ? { number: x.number, date: x.protocol_date, generatedAt: x.generated_at.toISOString(), counts: x.counts }
        : null,
  }));
}

/** A hearing recorded after it was held (its start by the database's clock is past): null when it is not. */
export async function insertHeldHearing(
  q: Queryable,
  h: {
    municipalityId: string;
    publicationId: string | null;
    title: string;
    place: string;
    startsAt: string;
    agenda: string[];
    participants: number;
    protocolNumber: string;
    protocolDate: string;
    protocol: string;
    recommendations: string[];
    by: string;
  },
): Promise<HearingRecord | null> {
  const r = await q.query<PublicHearingTable>(
    `INSERT INTO public_hearing (municipality_id, publication_id, title, place, starts_at, agenda, created_by,
                                 protocol, recommendations, participants, protocol_number, protocol_date)
     SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12 WHERE $5::timestamptz <= now()
     RETURNING *`,
    [
      h.municipalityId,
      h.publicationId,
      h.title,
      h.place,
      h.startsAt,
      JSON.stringify(h.agenda),
      h.by,
      h.protocol,
      JSON.stringify(h.recommendations),
      h.participants,
      h.protocolNumber,
      h.protocolDate,
    ],
  );
  return r.rows[0] ? mapRow(r.rows[0]) : null;
}

/** The protocol's details of a hearing whose result is recorded (participants, number, date). */
export async function setHearingProtocolDetails(
  q: Queryable,
  id: string,
  x: { participants: number | null; protocolNumber: string | null; protocolDate: string | null },
): Promise<void> {
  await q.query(`UPDATE public_hearing SET participants = $2, protocol_number = $3, protocol_date = $4 WHERE id = $1`, [
    id,
    x.participants,
    x.protocolNumber,
    x.protocolDate,
  ]);
}
