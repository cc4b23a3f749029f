/**
 * The public portal (issue 14, migration 20261203100400_portal): settings, publications, residents
 * and their sessions, codes, consents and rate limits, proposals, votes and ballots.
 */
import type { Queryable } from "../db.ts";
import type {
  DiscussionProtocolTable,
  HearingSpeakerTable,
  PortalSettingTable,
  PublicHearingTable,
  ProposalTable,
  PublicationFileTable,
  PublicationTable,
  ResidentCodeTable,
  ResidentNotificationTable,
  ResidentTable,
  VoteBallotTable,
  VoteOptionTable,
  VoteTable,
} from "../schema.generated.ts";
import { mapRow, type Mapped } from "./rows.ts";

export type PortalSettingRecord = Mapped<PortalSettingTable>;
export type PublicationRecord = Mapped<PublicationTable>;
export type PublicationFileRecord = Omit<Mapped<PublicationFileTable>, "content">;
export type ResidentRecord = Mapped<ResidentTable>;
export type ResidentNotificationRecord = Mapped<ResidentNotificationTable>;
export type ProposalRecord = Mapped<ProposalTable> & { supports: number };
export type VoteRecord = Mapped<VoteTable>;
export type VoteOptionRecord = Mapped<VoteOptionTable>;

// ---- settings ---------------------------------------------------------------------------------

export async function portalSettingOf(q: Queryable, municipalityId: string): Promise<PortalSettingRecord | null> {
  const r = await q.query<PortalSettingTable>(`SELECT * FROM portal_setting WHERE municipality_id = $1`, [municipalityId]);
  return r.rows[0] ? mapRow(r.rows[0]) : null;
}

export async function portalBySlug(q: Queryable, slug: string): Promise<(PortalSettingRecord & { name: string }) | null> {
  const r = await q.query<PortalSettingTable & { name: string }>(
    `SELECT s.*, m.name FROM portal_setting s JOIN municipality m ON m.id = s.municipality_id WHERE s.slug = $1`,
    [slug],
  );
  return r.rows[0] ? mapRow(r.rows[0]) : null;
}

export async function upsertPortalSetting(
  q: Queryable,
  s: { municipalityId: string; slug: string; moderation: string; minDiscussionDays: number },
): Promise<PortalSettingRecord> {
  const r = await q.query<PortalSettingTable>(
    `INSERT INTO portal_setting (municipality_id, slug, moderation, min_discussion_days) VALUES ($1, $2, $3, $4)
     ON CONFLICT (municipality_id) DO UPDATE SET slug = $2, moderation = $3, min_discussion_days = $4,
       version = portal_setting.version + 1, updated_at = now()
     RETURNING *`,
    [s.municipalityId, s.slug, s.moderation, s.minDiscussionDays],
  );
  return mapRow(r.rows[0]!);
}

// ---- publications -----------------------------------------------------------------------------

export interface NewPublication {
  municipalityId: string;
  kind: "discussion" | "approved";
  subjectKind: "program" | "amendment" | "strategy" | "actionPlan";
  subjectId: string;
  title: string;
  summary: string | null;
  startsOn: string | null;
  endsOn: string | null;
  content: unknown;
  publishedBy: string | null;
}

export async function insertPublication(q: Queryable, p: NewPublication): Promise<PublicationRecord> {
  const r = await q.query<PublicationTable>(
    `INSERT INTO publication (municipality_id, kind, subject_kind, subject_id, title, summary, starts_on, ends_on, content, published_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING *`,
    [
      p.municipalityId,
      p.kind,
      p.subjectKind,
      p.subjectId,
      p.title,
      p.summary,
      p.startsOn,
      p.endsOn,
      JSON.stringify(p.content),
      p.publishedBy,
    ],
  );
  return mapRow(r.rows[0]!);
}

export async function getPublication(q: Queryable, id: string): Promise<PublicationRecord | null> {
  const r = await q.query<PublicationTable>(`SELECT * FROM publication WHERE id = $1`, [id]);
  return r.rows[0] ? mapRow(r.rows[0]) : null;
}

export async function listPublications(q: Queryable, municipalityId: string, onlyPublished: boolean): Promise<PublicationRecord[]> {
  const r = await q.query<PublicationTable>(
    `SELECT * FROM publication WHERE municipality_id = $1 AND ($2::boolean = false OR status = 'published') ORDER BY published_at DESC, id`,
    [municipalityId, onlyPublished],
  );
  return r.rows.map(mapRow);
}

export async function withdrawPublication(q: Queryable, id: string, version: number): Promise<PublicationRecord | null> {
  const r = await q.query<PublicationTable>(
    `UPDATE publication SET status = 'withdrawn', version = version + 1 WHERE id = $1 AND version = $2 RETURNING *`,
    [id, version],
  );
  return r.rows[0] ? mapRow(r.rows[0]) : null;
}

export async function insertPublicationFile(
  q: Queryable,
  f: { municipalityId: string; publicationId: string; kind: string; title: string; filename: string; contentType: string; content: Buffer },
): Promise<PublicationFileRecord> {
  const r = await q.query<Omit<PublicationFileTable, "content">>(
    `INSERT INTO publication_file (municipality_id, publication_id, kind, title, filename, content_type, content)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id, municipality_id, publication_id, kind, title, filename, content_type, created_at`,
    [f.municipalityId, f.publicationId, f.kind, f.title, f.filename, f.contentType, f.content],
  );
  return mapRow(r.rows[0]!);
}

export async function listPublicationFiles(q: Queryable, publicationId: string): Promise<PublicationFileRecord[]> {
  const r = await q.query<Omit<PublicationFileTable, "content">>(
    `SELECT id, municipality_id, publication_id, kind, title, filename, content_type, created_at FROM publication_file
     WHERE publication_id = $1 ORDER BY created_at, id`,
    [publicationId],
  );
  return r.rows.map(mapRow);
}

export async function getPublicationFile(q: Queryable, id: string): Promise<Mapped<PublicationFileTable> | null> {
  const r = await q.query<PublicationFileTable>(`SELECT * FROM publication_file WHERE id = $1`, [id]);
  return r.rows[0] ? mapRow(r.rows[0]) : null;
}

// ---- residents --------------------------------------------------------------------------------

export async function residentByEmail(q: Queryable, email: string): Promise<ResidentRecord | null> {
  const r = await q.query<ResidentTable>(`SELECT * FROM resident WHERE email = $1 AND deleted_at IS NULL`, [email]);
  return r.rows[0] ? mapRow(r.rows[0]) : null;
}

/** How many resident accounts existed before the moment (the base of a vote's turnout). */
export async function residentsRegisteredBefore(q: Queryable, at: string): Promise<number> {
  const r = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM resident WHERE created_at < $1`, [at]);
  return r.rows[0]?.n ?? 0;
}

export async function getResident(q: Queryable, id: string): Promise<ResidentRecord | null> {
  const r = await q.query<ResidentTable>(`SELECT * FROM resident WHERE id = $1 AND deleted_at IS NULL`, [id]);
  return r.rows[0] ? mapRow(r.rows[0]) : null;
}

/** The resident of this e-mail, made on first sign-in (concurrent first sign-ins make one). */
export async function ensureResident(q: Queryable, email: string, at: string): Promise<ResidentRecord> {
  const r = await q.query<ResidentTable>(
    `INSERT INTO resident (email, email_confirmed_at) VALUES ($1, $2)
     ON CONFLICT (email) DO UPDATE SET email_confirmed_at = COALESCE(resident.email_confirmed_at, EXCLUDED.email_confirmed_at)
     RETURNING *`,
    [email, at],
  );
  return mapRow(r.rows[0]!);
}

export async function updateResidentProfile(
  q: Queryable,
  id: string,
  p: { fullName: string | null; address: string | null; birthYear: number | null },
): Promise<ResidentRecord | null> {
  const r = await q.query<ResidentTable>(
    `UPDATE resident SET full_name = $2, address = $3, birth_year = $4, version = version + 1 WHERE id = $1 AND deleted_at IS NULL RETURNING *`,
    [id, p.fullName, p.address, p.birthYear],
  );
  return r.rows[0] ? mapRow(r.rows[0]) : null;
}

/**
 * Deletes a resident's personal data: e-mail, name, address, year of birth, sessions and codes go;
 * the row stays (deleted_at) so that ballots and proposals keep their count, and proposals keep
 * the author's initials as published (what the law lets the city keep: the record of the discussion).
 */
export async function eraseResident(q: Queryable, id: string, at: string): Promise<void> {
  const r = await q.query<Pick<ResidentTable, "email">>(`SELECT email FROM resident WHERE id = $1`, [id]);
  const email = r.rows[0]?.email;
  await q.query(`DELETE FROM resident_session WHERE resident_id = $1`, [id]);
  if (email) await q.query(`DELETE FROM resident_code WHERE email = $1`, [email]);
  await q.query(`UPDATE resident_consent SET withdrawn_at = $2 WHERE resident_id = $1 AND withdrawn_at IS NULL`, [id, at]);
  await q.query(`DELETE FROM proposal_support WHERE resident_id = $1`, [id]);
  await q.query(`DELETE FROM resident_notification WHERE resident_id = $1`, [id]);
  await q.query(`DELETE FROM resident_follow WHERE resident_id = $1`, [id]);
  await q.query(
    `DELETE FROM hearing_speaker WHERE resident_id = $1 AND hearing_id IN (SELECT id FROM public_hearing WHERE starts_at > now())`,
    [id],
  );
  await q.query(
    `UPDATE resident SET email = NULL, full_name = NULL, address = NULL, birth_year = NULL, deleted_at = $2, version = version + 1 WHERE id = $1`,
    [id, at],
  );
}

export async function insertResidentCode(q: Queryable, email: string, codeHash: string, expiresAt: string): Promise<void> {
  await q.query(`INSERT INTO resident_code (email, code_hash, expires_at) VALUES ($1, $2, $3)`, [email, codeHash, expiresAt]);
}

/** The newest unused, unexpired code of the e-mail, locked for the check. */
export async function lockLatestCode(q: Queryable, email: string, now: string): Promise<Mapped<ResidentCodeTable> | null> {
  const r = await q.query<ResidentCodeTable>(
    `SELECT * FROM resident_code WHERE email = $1 AND used_at IS NULL AND expires_at > $2 ORDER BY created_at DESC LIMIT 1 FOR UPDATE`,
    [email, now],
  );
  return r.rows[0] ? mapRow(r.rows[0]) : null;
}

export async function markCode(q: Queryable, id: string, used: boolean, now: string): Promise<void> {
  await q.query(
    `UPDATE resident_code SET attempts = attempts + 1, used_at = CASE WHEN $2 THEN $3::timestamptz ELSE used_at END WHERE id = $1`,
    [id, used, now],
  );
}

export async function insertResidentSession(
  q: Queryable,
  s: { id: string; residentId: string; csrfToken: string; expiresAt: string },
): Promise<void> {
  await q.query(`INSERT INTO resident_session (id, resident_id, csrf_token, expires_at) VALUES ($1, $2, $3, $4)`, [
    s.id,
    s.residentId,
    s.csrfToken,
    s.expiresAt,
  ]);
}

export async function findResidentSession(
  q: Queryable,
  id: string,
  now: string,
): Promise<{ resident: ResidentRecord; csrfToken: string } | null> {
  const r = await q.query<ResidentTable & { csrf_token: string }>(
    `SELECT r.*, s.csrf_token FROM resident_session s JOIN resident r ON r.id = s.resident_id
     WHERE s.id = $1 AND s.expires_at > $2 AND r.deleted_at IS NULL`,
    [id, now],
  );
  const row = r.rows[0];
  if (!row) return null;
  const { csrf_token, ...resident } = row;
  return { resident: mapRow(resident), csrfToken: csrf_token };
}

export async function deleteResidentSession(q: Queryable, id: string): Promise<void> {
  await q.query(`DELETE FROM resident_session WHERE id = $1`, [id]);
}

export async function insertConsent(q: Queryable, c: { residentId: string; text: string; sha256: string; at: string }): Promise<void> {
  await q.query(`INSERT INTO resident_consent (resident_id, text, text_sha256, given_at) VALUES ($1, $2, $3, $4)`, [
    c.residentId,
    c.text,
    c.sha256,
    c.at,
  ]);
}

export async function consentsOf(
  q: Queryable,
  residentId: string,
): Promise<{ textSha256: string; givenAt: string; withdrawnAt: string | null }[]> {
  const r = await q.query<{ text_sha256: string; given_at: Date; withdrawn_at: Date | null }>(
    `SELECT text_sha256, given_at, withdrawn_at FROM resident_consent WHERE resident_id = $1 ORDER BY given_at`,
    [residentId],
  );
  return r.rows.map((x) => ({
    textSha256: x.text_sha256,
    givenAt: x.given_at.toISOString(),
    withdrawnAt: x.withdrawn_at?.toISOString() ?? null,
  }));
}

/**
 * Counts one event of `key` in the current window and answers the count including it; one atomic
 * upsert, so parallel requests cannot outrun the limit.
 */
export async function takeThrottle(q: Queryable, key: string, windowStart: string): Promise<number> {
  const r = await q.query<{ count: number }>(
    `INSERT INTO portal_throttle (key, window_start, count) VALUES ($1, $2, 1)
     ON CONFLICT (key, window_start) DO UPDATE SET count = portal_throttle.count + 1 RETURNING count`,
    [key, windowStart],
  );
  return r.rows[0]!.count;
}

/** A mail to a resident through the outbox (no staff user; unique by its key and moment). */
export async function insertResidentMail(
  q: Queryable,
  m: { municipalityId: string | null; toAddress: string; subject: string; body: string; key: string; at: string },
): Promise<string> {
  const r = await q.query<{ id: string }>(
    `INSERT INTO email_outbox (municipality_id, user_id, to_address, subject, body, deadline_key, moment, created_at)
     VALUES ($1, NULL, $2, $3, $4, $5, 'portal', $6) RETURNING id`,
    [m.municipalityId, m.toAddress, m.subject, m.body, m.key, m.at],
  );
  return r.rows[0]!.id;
}

// ---- proposals --------------------------------------------------------------------------------

const PROPOSAL_SELECT = `SELECT p.*, (SELECT count(*)::int FROM proposal_support s WHERE s.proposal_id = p.id) AS supports FROM proposal p`;

export async function insertProposal(
  q: Queryable,
  p: {
    municipalityId: string;
    publicationId: string;
    residentId: string;
    authorName: string;
    kind: string;
    anchor: string;
    anchorLabel: string;
    text: string;
    moderation: string;
    at: string;
  },
): Promise<ProposalRecord> {
  const r = await q.query<ProposalTable>(
    `INSERT INTO proposal (municipality_id, publication_id, resident_id, author_name, kind, anchor, anchor_label, text, moderation, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING *`,
    [p.municipalityId, p.publicationId, p.residentId, p.authorName, p.kind, p.anchor, p.anchorLabel, p.text, p.moderation, p.at],
  );
  return { ...mapRow(r.rows[0]!), supports: 0 };
}

export async function getProposal(q: Queryable, id: string): Promise<ProposalRecord | null> {
  const r = await q.query<ProposalTable & { supports: number }>(`${PROPOSAL_SELECT} WHERE p.id = $1`, [id]);
  return r.rows[0] ? mapRow(r.rows[0]) : null;
}

export async function listProposals(
  q: Queryable,
  f: { municipalityId: string; publicationId?: string; moderation?: string; residentId?: string },
): Promise<ProposalRecord[]> {
  const r = await q.query<ProposalTable & { supports: number }>(
    `${PROPOSAL_SELECT} WHERE p.municipality_id = $1 AND ($2::uuid IS NULL OR p.publication_id = $2)
       AND ($3::text IS NULL OR p.moderation = $3) AND ($4::uuid IS NULL OR p.resident_id = $4)
     ORDER BY p.created_at, p.id`,
    [f.municipalityId, f.publicationId ?? null, f.moderation ?? null, f.residentId ?? null],
  );
  return r.rows.map(mapRow);
}

export async function moderateProposal(
  q: Queryable,
  id: string,
  version: number,
  m: { moderation: string; reason: string | null; by: string; at: string },
): Promise<boolean> {
  const r = await q.query(
    `UPDATE proposal SET moderation = $3, moderation_reason = $4, moderated_by = $5, moderated_at = $6, version = version + 1
     WHERE id = $1 AND version = $2`,
    [id, version, m.moderation, m.reason, m.by, m.at],
  );
  return (r.rowCount ?? 0) > 0;
}

export async function answerProposal(
  q: Queryable,
  id: string,
  version: number,
  a: { decision: string; answer: string; change: unknown; by: string; at: string },
): Promise<boolean> {
  const r = await q.query(
    `UPDATE proposal SET decision = $3, answer = $4, answered_by = $5, answered_at = $6, change = $7::jsonb, version = version + 1
     WHERE id = $1 AND version = $2`,
    [id, version, a.decision, a.answer, a.by, a.at, a.change === null ? null : JSON.stringify(a.change)],
  );
  return (r.rowCount ?? 0) > 0;
}

/** Supports a proposal once per resident; false when already supported. */
export async function supportProposal(q: Queryable, proposalId: string, residentId: string): Promise<boolean> {
  const r = await q.query(`INSERT INTO proposal_support (proposal_id, resident_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [
    proposalId,
    residentId,
  ]);
  return (r.rowCount ?? 0) > 0;
}

// ---- the discussion's protocol ----------------------------------------------------------------

export type DiscussionProtocolRecord = Omit<Mapped<DiscussionProtocolTable>, "docx" | "pdf">;

export async function insertDiscussionProtocol(
  q: Queryable,
  p: {
    municipalityId: string;
    publicationId: string;
    number: string;
    date: string;
    data: unknown;
    docx: Buffer;
    pdf: Buffer;
    by: string;
    at: string;
  },
): Promise<DiscussionProtocolRecord | null> {
  const r = await q.query<DiscussionProtocolTable>(
    `INSERT INTO discussion_protocol (municipality_id, publication_id, number, protocol_date, data, docx, pdf, generated_by, generated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (publication_id) DO NOTHING
     RETURNING id, municipality_id, publication_id, number, protocol_date, data, generated_by, generated_at`,
    [p.municipalityId, p.publicationId, p.number, p.date, JSON.stringify(p.data), p.docx, p.pdf, p.by, p.at],
  );
  return r.rows[0] ? mapRow(r.rows[0]) : null;
}

export async function protocolOf(q: Queryable, publicationId: string): Promise<DiscussionProtocolRecord | null> {
  const r = await q.query<DiscussionProtocolTable>(
    `SELECT id, municipality_id, publication_id, number, protocol_date, data, generated_by, generated_at
       FROM discussion_protocol WHERE publication_id = $1`,
    [publicationId],
  );
  return r.rows[0] ? mapRow(r.rows[0]) : null;
}

export async function protocolFile(q: Queryable, publicationId: string, format: "docx" | "pdf"): Promise<Buffer | null> {
  const r = await q.query<{ content: Buffer }>(
    `SELECT ${format === "docx" ? "docx" : "pdf"} AS content FROM discussion_protocol WHERE publication_id = $1`,
    [publicationId],
  );
  return r.rows[0]?.content ?? null;
}

/**
 * The latest published discussion of a program (as a program or an amendment) and whether it has
 * its protocol: what the workflow asks before a draft under discussion goes on to review.
 */
export async function latestDiscussionOf(
  q: Queryable,
  programId: string,
): Promise<{ publicationId: string; endsOn: string; hasProtocol: boolean } | null> {
  const r = await q.query<{ id: string; ends_on: string; has_protocol: boolean }>(
    `SELECT p.id, p.ends_on::text AS ends_on, EXISTS (SELECT 1 FROM discussion_protocol d WHERE d.publication_id = p.id) AS has_protocol
       FROM publication p
      WHERE p.subject_id = $1 AND p.kind = 'discussion' AND p.subject_kind IN ('program', 'amendment') AND p.status = 'published'
      ORDER BY p.published_at DESC, p.id DESC LIMIT 1`,
    [programId],
  );
  const row = r.rows[0];
  return row ? { publicationId: row.id, endsOn: row.ends_on, hasProtocol: row.has_protocol } : null;
}

// ---- residents' notifications ------------------------------------------------------------------

export async function insertResidentNotification(
  q: Queryable,
  n: {
    municipalityId: string;
    residentId: string;
    kind: string;
    objectType: string;
    objectId: string;
    subject: string;
    body: string;
    link: string | null;
    at: string;
  },
): Promise<string> {
  const r = await q.query<{ id: string }>(
    `INSERT INTO resident_notification (municipality_id, resident_id, kind, object_type, object_id, subject, body, link, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
    [n.municipalityId, n.residentId, n.kind, n.objectType, n.objectId, n.subject, n.body, n.link, n.at],
  );
  return r.rows[0]!.id;
}

/** A resident's notices, newest first (their own only). */
export async function listResidentNotifications(
  q: Queryable,
  residentId: string,
  municipalityId: string,
  limit = 100,
): Promise<ResidentNotificationRecord[]> {
  const r = await q.query<ResidentNotificationTable>(
    `SELECT * FROM resident_notification WHERE resident_id = $1 AND municipality_id = $2 ORDER BY created_at DESC, id DESC LIMIT $3`,
    [residentId, municipalityId, limit],
  );
  return r.rows.map(mapRow);
}

/** Marks a resident's notices read; answers how many changed. */
export async function markResidentNotificationsRead(q: Queryable, residentId: string, municipalityId: string, at: string): Promise<number> {
  const r = await q.query(
    `UPDATE resident_notification SET read_at = $3 WHERE resident_id = $1 AND municipality_id = $2 AND read_at IS NULL`,
    [residentId, municipalityId, at],
  );
  return r.rowCount ?? 0;
}

// ---- votes ------------------------------------------------------------------------------------

export async function insertVote(
  q: Queryable,
  v: {
    municipalityId: string;
    title: string;
    description: string | null;
    startsAt: string;
    endsAt: string;
    maxChoices: number;
    winners: number;
    eligibility: unknown;
    /** How many are entitled to vote (the turnout's base), when the municipality gives it. */
    eligibleVoters?: number | null;
    createdBy: string | null;
    options: { title: string; description: string | null }[];
  },
): Promise<VoteRecord> {
  const r = await q.query<VoteTable>(
    `INSERT INTO vote (municipality_id, title, description, starts_at, ends_at, max_choices, winners, eligibility, created_by, eligible_voters)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING *`,
    [
      v.municipalityId,
      v.title,
      v.description,
      v.startsAt,
      v.endsAt,
      v.maxChoices,
      v.winners,
      JSON.stringify(v.eligibility),
      v.createdBy,
      v.eligibleVoters ?? null,
    ],
  );
  const vote = r.rows[0]!;
  for (const [i, o] of v.options.entries())
    await q.query(`INSERT INTO vote_option (vote_id, municipality_id, position, title, description) VALUES ($1, $2, $3, $4, $5)`, [
      vote.id,
      v.municipalityId,
      i + 1,
      o.title,
      o.description,
    ]);
  return mapRow(vote);
}

export async function getVote(q: Queryable, id: string): Promise<VoteRecord | null> {
  const r = await q.query<VoteTable>(`SELECT * FROM vote WHERE id = $1`, [id]);
  return r.rows[0] ? mapRow(r.rows[0]) : null;
}

export async function listVotes(q: Queryable, municipalityId: string): Promise<VoteRecord[]> {
  const r = await q.query<VoteTable>(`SELECT * FROM vote WHERE municipality_id = $1 ORDER BY starts_at DESC, id`, [municipalityId]);
  return r.rows.map(mapRow);
}

export async function voteOptions(q: Queryable, voteId: string): Promise<VoteOptionRecord[]> {
  const r = await q.query<VoteOptionTable>(`SELECT * FROM vote_option WHERE vote_id = $1 ORDER BY position`, [voteId]);
  return r.rows.map(mapRow);
}

/** Replaces a vote's options (refused by the database once the vote is open). */
export async function replaceVoteOptions(
  q: Queryable,
  vote: { id: string; municipalityId: string },
  options: { title: string; description: string | null }[],
): Promise<void> {
  await q.query(`DELETE FROM vote_option WHERE vote_id = $1`, [vote.id]);
  for (const [i, o] of options.entries())
    await q.query(`INSERT INTO vote_option (vote_id, municipality_id, position, title, description) VALUES ($1, $2, $3, $4, $5)`, [
      vote.id,
      vote.municipalityId,
      i + 1,
      o.title,
      o.description,
    ]);
}

/**
 * Casts a ballot inside the vote's term by the database's clock. Exactly one per voter: a second
 * one hits UNIQUE (vote_id, voter_key) and answers "duplicate"; "closed" outside the term.
 */
export async function castBallot(
  q: Queryable,
  b: { voteId: string; municipalityId: string; voterId: string; voterKey: string; receiptHash: string; choices: string[] },
): Promise<"cast" | "duplicate" | "closed"> {
  const r = await q.query<{ id: string }>(
    `INSERT INTO vote_ballot (vote_id, municipality_id, voter_id, voter_key, receipt_hash, choices)
     SELECT $1, $2, $3, $4, $5, $6::uuid[] FROM vote WHERE id = $1 AND starts_at <= now() AND ends_at > now()
     ON CONFLICT (vote_id, voter_key) DO NOTHING RETURNING id`,
    [b.voteId, b.municipalityId, b.voterId, b.voterKey, b.receiptHash, b.choices],
  );
  if (r.rows[0]) return "cast";
  const open = await q.query<{ open: boolean }>(`SELECT starts_at <= now() AND ends_at > now() AS open FROM vote WHERE id = $1`, [
    b.voteId,
  ]);
  return open.rows[0]?.open ? "duplicate" : "closed";
}

/**
 * Records a ballot of a vote already held (the demo's closed vote, or ballots brought over from an
 * earlier system): no term check; still one per voter key (UNIQUE).
 */
export async function insertPastBallot(
  q: Queryable,
  b: {
    voteId: string;
    municipalityId: string;
    voterId: string | null;
    voterKey: string;
    receiptHash: string;
    choices: string[];
    at: string;
  },
): Promise<void> {
  await q.query(
    `INSERT INTO vote_ballot (vote_id, municipality_id, voter_id, voter_key, receipt_hash, choices, cast_at) VALUES ($1, $2, $3, $4, $5, $6::uuid[], $7)`,
    [b.voteId, b.municipalityId, b.voterId, b.voterKey, b.receiptHash, b.choices, b.at],
  );
}

export async function hasBallot(q: Queryable, voteId: string, voterKey: string): Promise<boolean> {
  const r = await q.query(`SELECT 1 FROM vote_ballot WHERE vote_id = $1 AND voter_key = $2`, [voteId, voterKey]);
  return r.rows.length > 0;
}

/** The anonymised ballots: no voter, in an order that tells nothing of when each was cast. */
export async function anonymisedBallots(q: Queryable, voteId: string): Promise<{ receiptHash: string; choices: string[] }[]> {
  const r = await q.query<Pick<VoteBallotTable, "receipt_hash" | "choices">>(
    `SELECT receipt_hash, choices FROM vote_ballot WHERE vote_id = $1 ORDER BY receipt_hash`,
    [voteId],
  );
  return r.rows.map((x) => ({ receiptHash: x.receipt_hash, choices: x.choices }));
}

export async function ballotByReceipt(q: Queryable, voteId: string, receiptHash: string): Promise<boolean> {
  const r = await q.query(`SELECT 1 FROM vote_ballot WHERE vote_id = $1 AND receipt_hash = $2`, [voteId, receiptHash]);
  return r.rows.length > 0;
}

/** Whether the vote is closed by the database's clock. */
export async function voteClock(q: Queryable, voteId: string): Promise<{ open: boolean; closed: boolean } | null> {
  const r = await q.query<{ open: boolean; closed: boolean }>(
    `SELECT starts_at <= now() AND ends_at > now() AS open, ends_at <= now() AS closed FROM vote WHERE id = $1`,
    [voteId],
  );
  return r.rows[0] ?? null;
}

// ---- public hearings --------------------------------------------------------------------------

export type HearingRecord = Mapped<PublicHearingTable>;
export type HearingSpeakerRecord = Omit<Mapped<HearingSpeakerTable>, "residentId">;

export async function insertHearing(
  q: Queryable,
  h: {
    municipalityId: string;
    publicationId: string | null;
    title: string;
    place: string;
    startsAt: string;
    agenda: string[];
    by: string;
  },
): Promise<HearingRecord> {
  const r = await q.query<PublicHearingTable>(
    `INSERT INTO public_hearing (municipality_id, publication_id, title, place, starts_at, agenda, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *`,
    [h.municipalityId, h.publicationId, h.title, h.place, h.startsAt, JSON.stringify(h.agenda), h.by],
  );
  return mapRow(r.rows[0]!);
}

export async function getHearing(q: Queryable, id: string): Promise<HearingRecord | null> {
  const r = await q.query<PublicHearingTable>(`SELECT * FROM public_hearing WHERE id = $1`, [id]);
  return r.rows[0] ? mapRow(r.rows[0]) : null;
}

export async function listHearings(q: Queryable, municipalityId: string): Promise<HearingRecord[]> {
  const r = await q.query<PublicHearingTable>(`SELECT * FROM public_hearing WHERE municipality_id = $1 ORDER BY starts_at DESC, id`, [
    municipalityId,
  ]);
  return r.rows.map(mapRow);
}

/** Records the hearing's protocol and recommendations, only once it has begun (by the database's clock). */
export async function recordHearingResult(
  q: Queryable,
  id: string,
  version: number,
  x: { protocol: string; recommendations: string[] },
): Promise<"ok" | "stale" | "notHeld"> {
  const r = await q.query<{ held: boolean }>(
    `UPDATE public_hearing SET protocol = $3, recommendations = $4, version = version + 1
      WHERE id = $1 AND version = $2 AND starts_at <= now() RETURNING true AS held`,
    [id, version, x.protocol, JSON.stringify(x.recommendations)],
  );
  if (r.rowCount) return "ok";
  const h = await q.query<{ held: boolean; version: number }>(
    `SELECT starts_at <= now() AS held, version FROM public_hearing WHERE id = $1`,
    [id],
  );
  return h.rows[0] && !h.rows[0].held ? "notHeld" : "stale";
}

/** Registers a resident as a speaker while the hearing has not begun; one registration each. */
export async function registerSpeaker(
  q: Queryable,
  s: { hearingId: string; residentId: string; speakerName: string; topic: string },
): Promise<"ok" | "duplicate" | "closed"> {
  const r = await q.query(
    `INSERT INTO hearing_speaker (hearing_id, resident_id, speaker_name, topic)
     SELECT $1, $2, $3, $4 FROM public_hearing h WHERE h.id = $1 AND h.starts_at > now()
     ON CONFLICT (hearing_id, resident_id) DO NOTHING`,
    [s.hearingId, s.residentId, s.speakerName, s.topic],
  );
  if (r.rowCount) return "ok";
  const open = await q.query(`SELECT 1 FROM public_hearing WHERE id = $1 AND starts_at > now()`, [s.hearingId]);
  return open.rowCount ? "duplicate" : "closed";
}

export async function hearingSpeakers(q: Queryable, hearingId: string): Promise<HearingSpeakerRecord[]> {
  const r = await q.query<HearingSpeakerTable>(
    `SELECT id, hearing_id, speaker_name, topic, created_at FROM hearing_speaker WHERE hearing_id = $1 ORDER BY created_at, id`,
    [hearingId],
  );
  return r.rows.map(mapRow);
}

// ---- following --------------------------------------------------------------------------------

/** Follows (or keeps following) an object; answers false when already followed. */
export async function insertFollow(
  q: Queryable,
  f: { residentId: string; objectType: string; objectId: string; municipalityId: string; token: string },
): Promise<boolean> {
  const r = await q.query(
    `INSERT INTO resident_follow (resident_id, object_type, object_id, municipality_id, token)
     VALUES ($1, $2, $3, $4, $5) ON CONFLICT (resident_id, object_type, object_id) DO NOTHING`,
    [f.residentId, f.objectType, f.objectId, f.municipalityId, f.token],
  );
  return (r.rowCount ?? 0) > 0;
}

/** The follows of these objects (one per resident: the first), with their unsubscribe tokens. */
export async function followersOf(q: Queryable, objectType: string, objectIds: string[]): Promise<{ residentId: string; token: string }[]> {
  const r = await q.query<{ resident_id: string; token: string }>(
    `SELECT DISTINCT ON (resident_id) resident_id, token FROM resident_follow
      WHERE object_type = $1 AND object_id = ANY($2::uuid[]) ORDER BY resident_id, created_at`,
    [objectType, objectIds],
  );
  return r.rows.map((x) => ({ residentId: x.resident_id, token: x.token }));
}

/** Ends the follow whose token this is; answers what was unfollowed, or null. */
export async function deleteFollowByToken(q: Queryable, token: string): Promise<{ objectType: string; objectId: string } | null> {
  const r = await q.query<{ object_type: string; object_id: string }>(
    `DELETE FROM resident_follow WHERE token = $1 RETURNING object_type, object_id`,
    [token],
  );
  return r.rows[0] ? { objectType: r.rows[0].object_type, objectId: r.rows[0].object_id } : null;
}

/**
 * The evaluations (`content.evaluation`) of a document's earlier publications still published,
 * newest first: the scores the portal shows until a new publication (the followers are told what
 * it changes).
 */
export async function publishedEvaluationsOfSubject(
  q: Queryable,
  municipalityId: string,
  subjectId: string,
  except: string,
): Promise<unknown[]> {
  const r = await q.query<{ evaluation: unknown }>(
    `SELECT content->'evaluation' AS evaluation FROM publication
     WHERE municipality_id = $1 AND subject_id = $2 AND id <> $3 AND status = 'published' AND kind = 'approved'
     ORDER BY published_at DESC, id DESC`,
    [municipalityId, subjectId, except],
  );
  return r.rows.map((x) => x.evaluation);
}

/** Earlier publications of the same document (a new version published: their followers are told). */
export async function publicationsOfSubject(q: Queryable, municipalityId: string, subjectId: string, except: string): Promise<string[]> {
  const r = await q.query<{ id: string }>(`SELECT id FROM publication WHERE municipality_id = $1 AND subject_id = $2 AND id <> $3`, [
    municipalityId,
    subjectId,
    except,
  ]);
  return r.rows.map((x) => x.id);
}
