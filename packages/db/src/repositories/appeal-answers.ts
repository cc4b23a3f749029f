/**
 * Appeals, continued (issue 15, part 3; migration 20261203130600_appeals_portal): the answer's
 * approval rounds, the steps an author follows by the tracking code, the portal's origin of an
 * appeal (the resident, the consent), the answer templates kept in a page.
 */
import type { Queryable } from "../db.ts";
import type { AppealAnswerTable, AppealAnswerTemplateTable, AppealEventTable } from "../schema.generated.ts";
import { mapRow, one, type Mapped } from "./rows.ts";

export type AppealAnswerRecord = Mapped<AppealAnswerTable>;
export type AppealEventRecord = Mapped<AppealEventTable>;
export type AnswerTemplateRecord = Mapped<AppealAnswerTemplateTable>;

// ---- the answer's approval ------------------------------------------------------------------------------

/** Sends a draft for approval: the next round (at most one pending: the index refuses a second). */
export async function insertAppealAnswer(
  q: Queryable,
  a: { municipalityId: string; appealId: string; templateCode: string | null; text: string; draftedBy: string; at: string },
): Promise<AppealAnswerRecord> {
  const r = await q.query<AppealAnswerTable>(
    `INSERT INTO appeal_answer (municipality_id, appeal_id, round, template_code, text, drafted_by, drafted_at)
     VALUES ($1, $2, (SELECT coalesce(max(round), 0) + 1 FROM appeal_answer WHERE appeal_id = $2), $3, $4, $5, $6) RETURNING *`,
    [a.municipalityId, a.appealId, a.templateCode, a.text, a.draftedBy, a.at],
  );
  return mapRow(one(r.rows));
}

/** The approval rounds of an appeal, oldest first. */
export async function appealAnswers(q: Queryable, appealId: string): Promise<AppealAnswerRecord[]> {
  const r = await q.query<AppealAnswerTable>(`SELECT * FROM appeal_answer WHERE appeal_id = $1 ORDER BY round`, [appealId]);
  return r.rows.map(mapRow);
}

/** The appeals (of the list) with a draft awaiting approval, each with who sent it ("" when that account is gone). */
export async function appealsAwaitingApproval(q: Queryable, appealIds: readonly string[]): Promise<Map<string, string>> {
  if (appealIds.length === 0) return new Map();
  const r = await q.query<{ appeal_id: string; drafted_by: string | null }>(
    `SELECT appeal_id, drafted_by FROM appeal_answer WHERE appeal_id = ANY($1) AND state = 'pending'`,
    [appealIds],
  );
  return new Map(r.rows.map((x) => [x.appeal_id, x.drafted_by ?? ""]));
}

/** Decides the pending round: approved or returned with a remark; null when none is pending. */
export async function decideAppealAnswer(
  q: Queryable,
  appealId: string,
  d: { state: "approved" | "returned"; decidedBy: string; at: string; remark: string | null },
): Promise<AppealAnswerRecord | null> {
  const r = await q.query<AppealAnswerTable>(
    `UPDATE appeal_answer SET state = $2, decided_by = $3, decided_at = $4, remark = $5
     WHERE appeal_id = $1 AND state = 'pending' RETURNING *`,
    [appealId, d.state, d.decidedBy, d.at, d.remark],
  );
  return r.rows[0] ? mapRow(r.rows[0]) : null;
}

// ---- the steps an author follows --------------------------------------------------------------------------

export async function insertAppealEvent(
  q: Queryable,
  e: { appealId: string; kind: AppealEventTable["kind"]; onDate: string; due: string | null; noticed: boolean; at: string },
): Promise<void> {
  await q.query(`INSERT INTO appeal_event (appeal_id, kind, on_date, due, noticed, at) VALUES ($1, $2, $3, $4, $5, $6)`, [
    e.appealId,
    e.kind,
    e.onDate,
    e.due,
    e.noticed,
    e.at,
  ]);
}

export async function appealEvents(q: Queryable, appealId: string): Promise<AppealEventRecord[]> {
  const r = await q.query<AppealEventTable>(`SELECT * FROM appeal_event WHERE appeal_id = $1 ORDER BY id`, [appealId]);
  return r.rows.map(mapRow);
}

/** Records that the appeal came from the portal: the signed-in resident (or none) and the consent given. */
export async function setAppealPortalOrigin(
  q: Queryable,
  appealId: string,
  o: { residentId: string | null; consentSha256: string | null; consentAt: string | null },
): Promise<void> {
  await q.query(`UPDATE appeal SET resident_id = $2, consent_sha256 = $3, consent_at = $4 WHERE id = $1`, [
    appealId,
    o.residentId,
    o.consentSha256,
    o.consentAt,
  ]);
}

/** The appeals a resident sent from the portal while signed in (number, code, state), latest first. */
export async function appealsOfResident(
  q: Queryable,
  municipalityId: string,
  residentId: string,
): Promise<{ number: string; trackingCode: string; registeredOn: string; state: string }[]> {
  const r = await q.query<{ number: string; tracking_code: string; registered_on: string; state: string }>(
    `SELECT number, tracking_code, registered_on, state FROM appeal WHERE municipality_id = $1 AND resident_id = $2
     ORDER BY registered_on DESC, number DESC LIMIT 100`,
    [municipalityId, residentId],
  );
  return r.rows.map((x) => ({ number: x.number, trackingCode: x.tracking_code, registeredOn: x.registered_on, state: x.state }));
}

/** The draft answers carry the author's name: erased with the appeal's personal data. */
export async function purgeAppealAnswerTexts(q: Queryable, municipalityId: string, today: string): Promise<void> {
  await q.query(
    `UPDATE appeal_answer x SET text = '' FROM appeal a
     WHERE x.appeal_id = a.id AND a.municipality_id = $1 AND a.purge_after IS NOT NULL AND a.purge_after < $2 AND x.text <> ''`,
    [municipalityId, today],
  );
}

// ---- answer templates ---------------------------------------------------------------------------------------

/** Every template of the municipality, the deactivated ones too. */
export async function allAnswerTemplates(q: Queryable, municipalityId: string): Promise<AnswerTemplateRecord[]> {
  const r = await q.query<AppealAnswerTemplateTable>(`SELECT * FROM appeal_answer_template WHERE municipality_id = $1 ORDER BY code`, [
    municipalityId,
  ]);
  return r.rows.map(mapRow);
}

export async function getAnswerTemplate(q: Queryable, municipalityId: string, code: string): Promise<AnswerTemplateRecord | null> {
  const r = await q.query<AppealAnswerTemplateTable>(`SELECT * FROM appeal_answer_template WHERE municipality_id = $1 AND code = $2`, [
    municipalityId,
    code,
  ]);
  return r.rows[0] ? mapRow(r.rows[0]) : null;
}

/** A new template; null when the code is taken. */
export async function insertAnswerTemplate(
  q: Queryable,
  t: { municipalityId: string; code: string; title: string; body: string; at: string },
): Promise<AnswerTemplateRecord | null> {
  const r = await q.query<AppealAnswerTemplateTable>(
    `INSERT INTO appeal_answer_template (municipality_id, code, title, body, updated_at) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (municipality_id, code) DO NOTHING RETURNING *`,
    [t.municipalityId, t.code, t.title, t.body, t.at],
  );
  return r.rows[0] ? mapRow(r.rows[0]) : null;
}

/** Changes a template at its version; null when it changed meanwhile. */
export async function updateAnswerTemplate(
  q: Queryable,
  municipalityId: string,
  code: string,
  version: number,
  t: { title: string; body: string; active: boolean; at: string },
): Promise<AnswerTemplateRecord | null> {
  const r = await q.query<AppealAnswerTemplateTable>(
    `UPDATE appeal_answer_template SET title = $4, body = $5, active = $6, updated_at = $7, version = version + 1
     WHERE municipality_id = $1 AND code = $2 AND version = $3 RETURNING *`,
    [municipalityId, code, version, t.title, t.body, t.active, t.at],
  );
  return r.rows[0] ? mapRow(r.rows[0]) : null;
}
