/**
 * Issue 14, parts 3 and 7 (migration 20261203130400_portal_proposals): files and organisations of
 * proposals, comments, abuse reports, and the public council of strategic planning.
 */
import type { Queryable } from "../db.ts";
import type {
  AbuseReportTable,
  CouncilAgendaItemTable,
  CouncilMeetingTable,
  CouncilMemberTable,
  CouncilTable,
  ProposalCommentTable,
} from "../schema.generated.ts";
import { mapRow, one, type Mapped } from "./rows.ts";

export type ProposalCommentRecord = Mapped<ProposalCommentTable> & { publicationId: string };
export type AbuseReportRecord = Mapped<AbuseReportTable>;
export type CouncilRecord = Mapped<CouncilTable>;
export type CouncilMemberRecord = Mapped<CouncilMemberTable>;
export type CouncilMeetingRecord = Mapped<CouncilMeetingTable>;
export type CouncilAgendaItemRecord = Mapped<CouncilAgendaItemTable>;

// ---- proposals: organisation, files, hiding --------------------------------------------------

export async function setProposalOrganisation(q: Queryable, proposalId: string, organisation: unknown): Promise<void> {
  await q.query(`UPDATE proposal SET organisation = $2::jsonb WHERE id = $1`, [proposalId, JSON.stringify(organisation)]);
}

export async function attachProposalFile(q: Queryable, proposalId: string, fileId: string, position: number): Promise<void> {
  await q.query(`INSERT INTO proposal_file (proposal_id, file_id, position) VALUES ($1, $2, $3)`, [proposalId, fileId, position]);
}

export interface ProposalFileRecord {
  proposalId: string;
  id: string;
  filename: string;
  contentType: string;
  size: number;
}

/** The files of the proposals given (description only, never the content), in their order. */
export async function proposalFiles(q: Queryable, proposalIds: string[]): Promise<ProposalFileRecord[]> {
  if (proposalIds.length === 0) return [];
  const r = await q.query<{ proposal_id: string; id: string; filename: string; content_type: string; size: number }>(
    `SELECT pf.proposal_id, f.id, f.filename, f.content_type, f.size
       FROM proposal_file pf JOIN stored_file f ON f.id = pf.file_id
      WHERE pf.proposal_id = ANY($1::uuid[]) ORDER BY pf.proposal_id, pf.position`,
    [proposalIds],
  );
  return r.rows.map((x) => ({ proposalId: x.proposal_id, id: x.id, filename: x.filename, contentType: x.content_type, size: x.size }));
}

export async function proposalHasFile(q: Queryable, proposalId: string, fileId: string): Promise<boolean> {
  const r = await q.query(`SELECT 1 FROM proposal_file WHERE proposal_id = $1 AND file_id = $2`, [proposalId, fileId]);
  return (r.rowCount ?? 0) > 0;
}

export async function hideProposal(q: Queryable, id: string, reason: string, at: string): Promise<void> {
  await q.query(`UPDATE proposal SET hidden_at = $3, hidden_reason = $2, version = version + 1 WHERE id = $1`, [id, reason, at]);
}

// ---- comments ---------------------------------------------------------------------------------

const COMMENT_SELECT = `SELECT c.*, p.publication_id FROM proposal_comment c JOIN proposal p ON p.id = c.proposal_id`;

export async function insertComment(
  q: Queryable,
  c: { municipalityId: string; proposalId: string; residentId: string; authorName: string; text: string; moderation: string; at: string },
): Promise<ProposalCommentRecord> {
  const r = await q.query<{ id: string }>(
    `INSERT INTO proposal_comment (municipality_id, proposal_id, resident_id, author_name, text, moderation, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [c.municipalityId, c.proposalId, c.residentId, c.authorName, c.text, c.moderation, c.at],
  );
  return (await getComment(q, one(r.rows).id))!;
}

export async function getComment(q: Queryable, id: string): Promise<ProposalCommentRecord | null> {
  const r = await q.query<ProposalCommentTable & { publication_id: string }>(`${COMMENT_SELECT} WHERE c.id = $1`, [id]);
  return r.rows[0] ? mapRow(r.rows[0]) : null;
}

export async function listComments(
  q: Queryable,
  f: { municipalityId: string; proposalIds?: string[]; moderation?: string },
): Promise<ProposalCommentRecord[]> {
  const r = await q.query<ProposalCommentTable & { publication_id: string }>(
    `${COMMENT_SELECT} WHERE c.municipality_id = $1 AND ($2::uuid[] IS NULL OR c.proposal_id = ANY($2::uuid[]))
       AND ($3::text IS NULL OR c.moderation = $3) ORDER BY c.created_at, c.id`,
    [f.municipalityId, f.proposalIds ?? null, f.moderation ?? null],
  );
  return r.rows.map(mapRow);
}

export async function moderateComment(
  q: Queryable,
  id: string,
  version: number,
  m: { moderation: string; reason: string | null; by: string; at: string },
): Promise<boolean> {
  const r = await q.query(
    `UPDATE proposal_comment SET moderation = $3, moderation_reason = $4, moderated_by = $5, moderated_at = $6, version = version + 1
     WHERE id = $1 AND version = $2`,
    [id, version, m.moderation, m.reason, m.by, m.at],
  );
  return (r.rowCount ?? 0) > 0;
}

export async function hideComment(q: Queryable, id: string, reason: string, at: string): Promise<void> {
  await q.query(`UPDATE proposal_comment SET hidden_at = $3, hidden_reason = $2, version = version + 1 WHERE id = $1`, [id, reason, at]);
}

// ---- abuse reports ----------------------------------------------------------------------------

/** A report; null when this resident already has an open report on the target (the unique index decides). */
export async function insertReport(
  q: Queryable,
  x: { municipalityId: string; targetType: string; targetId: string; reporterId: string; reason: string; at: string },
): Promise<AbuseReportRecord | null> {
  const r = await q.query<AbuseReportTable>(
    `INSERT INTO abuse_report (municipality_id, target_type, target_id, reporter_id, reason, created_at)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (target_type, target_id, reporter_id) WHERE status = 'open' DO NOTHING RETURNING *`,
    [x.municipalityId, x.targetType, x.targetId, x.reporterId, x.reason, x.at],
  );
  return r.rows[0] ? mapRow(r.rows[0]) : null;
}

export async function getReport(q: Queryable, id: string): Promise<AbuseReportRecord | null> {
  const r = await q.query<AbuseReportTable>(`SELECT * FROM abuse_report WHERE id = $1`, [id]);
  return r.rows[0] ? mapRow(r.rows[0]) : null;
}

export async function listReports(q: Queryable, municipalityId: string, status: string | null): Promise<AbuseReportRecord[]> {
  const r = await q.query<AbuseReportTable>(
    `SELECT * FROM abuse_report WHERE municipality_id = $1 AND ($2::text IS NULL OR status = $2) ORDER BY created_at, id`,
    [municipalityId, status],
  );
  return r.rows.map(mapRow);
}

/** Decides a report (versioned); false on a stale version. */
export async function decideReport(
  q: Queryable,
  id: string,
  version: number,
  d: { status: "hidden" | "kept"; reason: string; by: string; at: string },
): Promise<boolean> {
  const r = await q.query(
    `UPDATE abuse_report SET status = $3, decision_reason = $4, decided_by = $5, decided_at = $6, version = version + 1
     WHERE id = $1 AND version = $2 AND status = 'open'`,
    [id, version, d.status, d.reason, d.by, d.at],
  );
  return (r.rowCount ?? 0) > 0;
}

/**
 * Closes the other open reports on a target hidden by a decision (the content is gone: nothing
 * left to decide); answers the reports closed, so that their reporters are told.
 */
export async function closeOpenReports(
  q: Queryable,
  targetType: string,
  targetId: string,
  d: { reason: string; by: string; at: string },
): Promise<{ id: string; reporterId: string | null }[]> {
  const r = await q.query<{ id: string; reporter_id: string | null }>(
    `UPDATE abuse_report SET status = 'hidden', decision_reason = $3, decided_by = $4, decided_at = $5, version = version + 1
     WHERE target_type = $1 AND target_id = $2 AND status = 'open' RETURNING id, reporter_id`,
    [targetType, targetId, d.reason, d.by, d.at],
  );
  return r.rows.map((x) => ({ id: x.id, reporterId: x.reporter_id }));
}

// ---- the public council -----------------------------------------------------------------------

export async function councilOf(q: Queryable, municipalityId: string): Promise<CouncilRecord | null> {
  const r = await q.query<CouncilTable>(`SELECT * FROM council WHERE municipality_id = $1`, [municipalityId]);
  return r.rows[0] ? mapRow(r.rows[0]) : null;
}

export async function insertCouncil(
  q: Queryable,
  c: { municipalityId: string; name: string; description: string | null; basis: string | null },
): Promise<CouncilRecord | null> {
  const r = await q.query<CouncilTable>(
    `INSERT INTO council (municipality_id, name, description, basis) VALUES ($1, $2, $3, $4)
     ON CONFLICT (municipality_id) DO NOTHING RETURNING *`,
    [c.municipalityId, c.name, c.description, c.basis],
  );
  return r.rows[0] ? mapRow(r.rows[0]) : null;
}

export async function updateCouncil(
  q: Queryable,
  id: string,
  version: number,
  c: { name: string; description: string | null; basis: string | null },
): Promise<CouncilRecord | null> {
  const r = await q.query<CouncilTable>(
    `UPDATE council SET name = $3, description = $4, basis = $5, version = version + 1, updated_at = now()
     WHERE id = $1 AND version = $2 RETURNING *`,
    [id, version, c.name, c.description, c.basis],
  );
  return r.rows[0] ? mapRow(r.rows[0]) : null;
}

export interface CouncilMemberFields {
  fullName: string;
  position: string | null;
  organisation: string | null;
  councilRole: string;
  since: string | null;
  until: string | null;
}

export async function listCouncilMembers(q: Queryable, councilId: string): Promise<CouncilMemberRecord[]> {
  const r = await q.query<CouncilMemberTable>(
    `SELECT * FROM council_member WHERE council_id = $1
     ORDER BY array_position(ARRAY['chair','deputy','secretary','member'], council_role), full_name, id`,
    [councilId],
  );
  return r.rows.map(mapRow);
}

export async function getCouncilMember(q: Queryable, id: string): Promise<CouncilMemberRecord | null> {
  const r = await q.query<CouncilMemberTable>(`SELECT * FROM council_member WHERE id = $1`, [id]);
  return r.rows[0] ? mapRow(r.rows[0]) : null;
}

export async function insertCouncilMember(
  q: Queryable,
  m: CouncilMemberFields & { municipalityId: string; councilId: string },
): Promise<CouncilMemberRecord> {
  const r = await q.query<CouncilMemberTable>(
    `INSERT INTO council_member (municipality_id, council_id, full_name, position, organisation, council_role, since, until)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *`,
    [m.municipalityId, m.councilId, m.fullName, m.position, m.organisation, m.councilRole, m.since, m.until],
  );
  return mapRow(one(r.rows));
}

export async function updateCouncilMember(
  q: Queryable,
  id: string,
  version: number,
  m: CouncilMemberFields,
): Promise<CouncilMemberRecord | null> {
  const r = await q.query<CouncilMemberTable>(
    `UPDATE council_member SET full_name = $3, position = $4, organisation = $5, council_role = $6, since = $7, until = $8,
       version = version + 1 WHERE id = $1 AND version = $2 RETURNING *`,
    [id, version, m.fullName, m.position, m.organisation, m.councilRole, m.since, m.until],
  );
  return r.rows[0] ? mapRow(r.rows[0]) : null;
}

export async function deleteCouncilMember(q: Queryable, id: string, version: number): Promise<boolean> {
  const r = await q.query(`DELETE FROM council_member WHERE id = $1 AND version = $2`, [id, version]);
  return (r.rowCount ?? 0) > 0;
}

export interface CouncilMeetingFields {
  number: string | null;
  heldOn: string;
  place: string;
  published: boolean;
}

export async function listCouncilMeetings(q: Queryable, councilId: string, onlyPublished: boolean): Promise<CouncilMeetingRecord[]> {
  const r = await q.query<CouncilMeetingTable>(
    `SELECT * FROM council_meeting WHERE council_id = $1 AND ($2::boolean = false OR published) ORDER BY held_on DESC, created_at DESC`,
    [councilId, onlyPublished],
  );
  return r.rows.map(mapRow);
}

export async function getCouncilMeeting(q: Queryable, id: string): Promise<CouncilMeetingRecord | null> {
  const r = await q.query<CouncilMeetingTable>(`SELECT * FROM council_meeting WHERE id = $1`, [id]);
  return r.rows[0] ? mapRow(r.rows[0]) : null;
}

export async function insertCouncilMeeting(
  q: Queryable,
  m: CouncilMeetingFields & { municipalityId: string; councilId: string },
): Promise<CouncilMeetingRecord> {
  const r = await q.query<CouncilMeetingTable>(
    `INSERT INTO council_meeting (municipality_id, council_id, number, held_on, place, published) VALUES ($1, $2, $3, $4, $5, $6) RETURNING *`,
    [m.municipalityId, m.councilId, m.number, m.heldOn, m.place, m.published],
  );
  return mapRow(one(r.rows));
}

export async function updateCouncilMeeting(
  q: Queryable,
  id: string,
  version: number,
  m: CouncilMeetingFields,
): Promise<CouncilMeetingRecord | null> {
  const r = await q.query<CouncilMeetingTable>(
    `UPDATE council_meeting SET number = $3, held_on = $4, place = $5, published = $6, version = version + 1
     WHERE id = $1 AND version = $2 RETURNING *`,
    [id, version, m.number, m.heldOn, m.place, m.published],
  );
  return r.rows[0] ? mapRow(r.rows[0]) : null;
}

/** Bumps a meeting's version (its agenda was replaced); false on a stale version. */
export async function touchCouncilMeeting(q: Queryable, id: string, version: number): Promise<boolean> {
  const r = await q.query(`UPDATE council_meeting SET version = version + 1 WHERE id = $1 AND version = $2`, [id, version]);
  return (r.rowCount ?? 0) > 0;
}

export async function deleteCouncilMeeting(q: Queryable, id: string, version: number): Promise<boolean> {
  const r = await q.query(`DELETE FROM council_meeting WHERE id = $1 AND version = $2`, [id, version]);
  return (r.rowCount ?? 0) > 0;
}

export async function agendaOf(q: Queryable, meetingIds: string[]): Promise<CouncilAgendaItemRecord[]> {
  if (meetingIds.length === 0) return [];
  const r = await q.query<CouncilAgendaItemTable>(
    `SELECT * FROM council_agenda_item WHERE meeting_id = ANY($1::uuid[]) ORDER BY meeting_id, position`,
    [meetingIds],
  );
  return r.rows.map(mapRow);
}

export async function replaceAgenda(
  q: Queryable,
  meeting: { id: string; municipalityId: string },
  items: { title: string; speaker: string | null; decision: string | null; documents: unknown[] }[],
): Promise<void> {
  await q.query(`DELETE FROM council_agenda_item WHERE meeting_id = $1`, [meeting.id]);
  for (const [i, x] of items.entries()) {
    await q.query(
      `INSERT INTO council_agenda_item (meeting_id, municipality_id, position, title, speaker, decision, documents)
       VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb)`,
      [meeting.id, meeting.municipalityId, i + 1, x.title, x.speaker, x.decision, JSON.stringify(x.documents)],
    );
  }
}

/** The documents an agenda item may be linked to: the municipality's programs, strategies, action plans and publications. */
export async function councilDocumentOptions(q: Queryable, municipalityId: string): Promise<{ kind: string; id: string; label: string }[]> {
  const r = await q.query<{ kind: string; id: string; label: string }>(
    `SELECT 'program' AS kind, id, code || ' ' || name AS label FROM program WHERE municipality_id = $1
     UNION ALL SELECT 'strategy', id, name FROM strategy WHERE municipality_id = $1
     UNION ALL SELECT 'actionPlan', id, name FROM action_plan WHERE municipality_id = $1
     UNION ALL SELECT 'publication', id, title FROM publication WHERE municipality_id = $1 AND status = 'published'
     ORDER BY 1, 3`,
    [municipalityId],
  );
  return r.rows;
}

/** The latest published publication of each subject (for a linked document's portal page). */
export async function publishedBySubject(q: Queryable, municipalityId: string, subjectIds: string[]): Promise<Map<string, string>> {
  if (subjectIds.length === 0) return new Map();
  const r = await q.query<{ subject_id: string; id: string }>(
    `SELECT DISTINCT ON (subject_id) subject_id, id FROM publication
      WHERE municipality_id = $1 AND status = 'published' AND subject_id = ANY($2::uuid[])
      ORDER BY subject_id, published_at DESC`,
    [municipalityId, subjectIds],
  );
  return new Map(r.rows.map((x) => [x.subject_id, x.id]));
}
