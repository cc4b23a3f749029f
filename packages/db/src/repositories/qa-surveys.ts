/**
 * Live Q&A sessions and surveys of residents (issue 14, part 5; migration
 * 20261203130500_portal_qa_surveys). The time rules (questions while the session has not ended,
 * responses while the survey is open) are decided by the database's clock, in the statement that
 * writes.
 */
import type { Queryable } from "../db.ts";
import type { QaQuestionTable, QaSessionTable, SurveyQuestionTable, SurveyResponseTable, SurveyTable } from "../schema.generated.ts";
import { mapRow, type Mapped } from "./rows.ts";

export type QaSessionRecord = Mapped<QaSessionTable>;
export type QaQuestionRecord = Omit<Mapped<QaQuestionTable>, "residentId"> & { residentId: string | null };
export type SurveyRecord = Mapped<SurveyTable>;
export type SurveyQuestionRecord = Mapped<SurveyQuestionTable>;
export type SurveyResponseRecord = Mapped<SurveyResponseTable>;

// ---- Q&A ----------------------------------------------------------------------------------------

export async function insertQaSession(
  q: Queryable,
  s: {
    municipalityId: string;
    publicationId: string | null;
    title: string;
    description: string | null;
    startsAt: string;
    endsAt: string;
    drafters: { name: string; position: string }[];
    by: string | null;
  },
): Promise<QaSessionRecord> {
  const r = await q.query<QaSessionTable>(
    `INSERT INTO qa_session (municipality_id, publication_id, title, description, starts_at, ends_at, drafters, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *`,
    [s.municipalityId, s.publicationId, s.title, s.description, s.startsAt, s.endsAt, JSON.stringify(s.drafters), s.by],
  );
  return mapRow(r.rows[0]!);
}

export async function getQaSession(q: Queryable, id: string): Promise<QaSessionRecord | null> {
  const r = await q.query<QaSessionTable>(`SELECT * FROM qa_session WHERE id = $1`, [id]);
  return r.rows[0] ? mapRow(r.rows[0]) : null;
}

export async function listQaSessions(q: Queryable, municipalityId: string): Promise<QaSessionRecord[]> {
  const r = await q.query<QaSessionTable>(`SELECT * FROM qa_session WHERE municipality_id = $1 ORDER BY starts_at DESC, id`, [
    municipalityId,
  ]);
  return r.rows.map(mapRow);
}

/**
 * A resident's question, accepted while the session has not ended: "before" until it starts,
 * "live" during it. Null when it has ended.
 */
export async function insertQaQuestion(
  q: Queryable,
  x: { sessionId: string; residentId: string | null; authorName: string; text: string; moderation: "pending" | "published"; at?: string },
): Promise<QaQuestionRecord | null> {
  const r = await q.query<QaQuestionTable>(
    `INSERT INTO qa_question (session_id, municipality_id, resident_id, author_name, text, phase, moderation, created_at)
     SELECT s.id, s.municipality_id, $2, $3, $4,
            CASE WHEN coalesce($6::timestamptz, now()) < s.starts_at THEN 'before' ELSE 'live' END, $5, coalesce($6::timestamptz, now())
       FROM qa_session s WHERE s.id = $1 AND ($6::timestamptz IS NOT NULL OR s.ends_at > now())
     RETURNING *`,
    [x.sessionId, x.residentId, x.authorName, x.text, x.moderation, x.at ?? null],
  );
  return r.rows[0] ? mapRow(r.rows[0]) : null;
}

export async function getQaQuestion(q: Queryable, id: string): Promise<QaQuestionRecord | null> {
  const r = await q.query<QaQuestionTable>(`SELECT * FROM qa_question WHERE id = $1`, [id]);
  return r.rows[0] ? mapRow(r.rows[0]) : null;
}

/** The session's questions, in the order they came; all of them, or the published ones and the resident's own. */
export async function qaQuestions(q: Queryable, sessionId: string, only?: { publishedOrOf: string | null }): Promise<QaQuestionRecord[]> {
  const r = only
    ? await q.query<QaQuestionTable>(
        `SELECT * FROM qa_question WHERE session_id = $1 AND (moderation = 'published' OR ($2::uuid IS NOT NULL AND resident_id = $2 AND moderation = 'pending'))
         ORDER BY created_at, id`,
        [sessionId, only.publishedOrOf],
      )
    : await q.query<QaQuestionTable>(`SELECT * FROM qa_question WHERE session_id = $1 ORDER BY created_at, id`, [sessionId]);
  return r.rows.map(mapRow);
}

export async function moderateQaQuestion(
  q: Queryable,
  id: string,
  version: number,
  m: { moderation: "published" | "rejected"; reason: string | null },
): Promise<QaQuestionRecord | null> {
  const r = await q.query<QaQuestionTable>(
    `UPDATE qa_question SET moderation = $3, moderation_reason = $4, version = version + 1
     WHERE id = $1 AND version = $2 AND moderation = 'pending' RETURNING *`,
    [id, version, m.moderation, m.reason],
  );
  return r.rows[0] ? mapRow(r.rows[0]) : null;
}

/** The drafter's answer, once the session has begun and the question is published (null otherwise or when stale). */
export async function answerQaQuestion(
  q: Queryable,
  id: string,
  version: number,
  a: { answer: string; answeredBy: string; at?: string },
): Promise<QaQuestionRecord | null> {
  const r = await q.query<QaQuestionTable>(
    `UPDATE qa_question x SET answer = $3, answered_by = $4, answered_at = coalesce($5::timestamptz, now()), version = x.version + 1
       FROM qa_session s
     WHERE x.id = $1 AND x.version = $2 AND x.moderation = 'published' AND s.id = x.session_id
       AND ($5::timestamptz IS NOT NULL OR s.starts_at <= now())
     RETURNING x.*`,
    [id, version, a.answer, a.answeredBy, a.at ?? null],
  );
  return r.rows[0] ? mapRow(r.rows[0]) : null;
}

// ---- surveys --------------------------------------------------------------------------------------

export interface SurveyQuestionInput {
  kind: "single" | "multiple" | "scale" | "text";
  text: string;
  options: string[];
  scaleMin: number | null;
  scaleMax: number | null;
  required: boolean;
}

/** A survey with its questions, in one statement each (the caller's transaction holds them together). */
export async function insertSurvey(
  q: Queryable,
  s: {
    municipalityId: string;
    publicationId: string | null;
    title: string;
    description: string | null;
    opensAt: string;
    closesAt: string;
    by: string | null;
    questions: SurveyQuestionInput[];
  },
): Promise<SurveyRecord> {
  const r = await q.query<SurveyTable>(
    `INSERT INTO survey (municipality_id, publication_id, title, description, opens_at, closes_at, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *`,
    [s.municipalityId, s.publicationId, s.title, s.description, s.opensAt, s.closesAt, s.by],
  );
  const survey = mapRow(r.rows[0]!);
  await q.query(
    `INSERT INTO survey_question (survey_id, position, kind, text, options, scale_min, scale_max, required)
     SELECT $1, x.ord, x.kind, x.text, x.options, x.scale_min, x.scale_max, x.required
       FROM ROWS FROM (jsonb_to_recordset($2::jsonb) AS (kind text, text text, options jsonb, scale_min integer, scale_max integer, required boolean))
            WITH ORDINALITY AS x(kind, text, options, scale_min, scale_max, required, ord)`,
    [
      survey.id,
      JSON.stringify(
        s.questions.map((x) => ({
          kind: x.kind,
          text: x.text,
          options: x.options,
          scale_min: x.scaleMin,
          scale_max: x.scaleMax,
          required: x.required,
        })),
      ),
    ],
  );
  return survey;
}

export async function getSurvey(q: Queryable, id: string): Promise<SurveyRecord | null> {
  const r = await q.query<SurveyTable>(`SELECT * FROM survey WHERE id = $1`, [id]);
  return r.rows[0] ? mapRow(r.rows[0]) : null;
}

export async function listSurveys(q: Queryable, municipalityId: string): Promise<SurveyRecord[]> {
  const r = await q.query<SurveyTable>(`SELECT * FROM survey WHERE municipality_id = $1 ORDER BY opens_at DESC, id`, [municipalityId]);
  return r.rows.map(mapRow);
}

export async function surveyQuestions(q: Queryable, surveyId: string): Promise<SurveyQuestionRecord[]> {
  const r = await q.query<SurveyQuestionTable>(`SELECT * FROM survey_question WHERE survey_id = $1 ORDER BY position`, [surveyId]);
  return r.rows.map(mapRow);
}

/**
 * A response, while the survey is open (by the database's clock) — or at a past moment when
 * recorded as held (`at`). "duplicate": this respondent has answered (the unique constraint
 * decides, whatever runs in parallel); "closed": not open.
 */
export async function insertSurveyResponse(
  q: Queryable,
  x: { surveyId: string; residentId: string | null; respondentKey: string; answers: unknown; at?: string },
): Promise<"ok" | "duplicate" | "closed"> {
  const r = await q.query(
    `INSERT INTO survey_response (survey_id, municipality_id, resident_id, respondent_key, answers, submitted_at)
     SELECT s.id, s.municipality_id, $2, $3, $4, coalesce($5::timestamptz, now()) FROM survey s
      WHERE s.id = $1 AND ($5::timestamptz IS NOT NULL OR (s.opens_at <= now() AND s.closes_at > now()))
     ON CONFLICT (survey_id, respondent_key) DO NOTHING
     RETURNING id`,
    [x.surveyId, x.residentId, x.respondentKey, JSON.stringify(x.answers), x.at ?? null],
  );
  if (r.rows.length > 0) return "ok";
  const open = await q.query(`SELECT 1 FROM survey_response WHERE survey_id = $1 AND respondent_key = $2`, [x.surveyId, x.respondentKey]);
  return open.rows.length > 0 ? "duplicate" : "closed";
}

export async function hasSurveyResponse(q: Queryable, surveyId: string, respondentKey: string): Promise<boolean> {
  const r = await q.query(`SELECT 1 FROM survey_response WHERE survey_id = $1 AND respondent_key = $2`, [surveyId, respondentKey]);
  return r.rows.length > 0;
}

/** The answers of every response, without who gave them, in a random order (nothing of when each came). */
export async function surveyAnswers(q: Queryable, surveyId: string): Promise<unknown[]> {
  const r = await q.query<{ answers: unknown }>(`SELECT answers FROM survey_response WHERE survey_id = $1 ORDER BY md5(id::text)`, [
    surveyId,
  ]);
  return r.rows.map((x) => x.answers);
}

/** Responses recorded as held (the demo's past survey), in one statement. */
export async function insertPastSurveyResponses(
  q: Queryable,
  surveyId: string,
  rows: { respondentKey: string; residentId: string | null; answers: unknown; at: string }[],
): Promise<number> {
  const r = await q.query(
    `INSERT INTO survey_response (survey_id, municipality_id, resident_id, respondent_key, answers, submitted_at)
     SELECT s.id, s.municipality_id, x.resident_id, x.respondent_key, x.answers, x.at
       FROM survey s, jsonb_to_recordset($2::jsonb) AS x(respondent_key text, resident_id uuid, answers jsonb, at timestamptz)
      WHERE s.id = $1`,
    [
      surveyId,
      JSON.stringify(rows.map((x) => ({ respondent_key: x.respondentKey, resident_id: x.residentId, answers: x.answers, at: x.at }))),
    ],
  );
  return r.rowCount ?? 0;
}

/** A past question's moderation and answer, as held (the demo's transcript). */
export async function recordPastQaQuestion(
  q: Queryable,
  id: string,
  x: { moderation: "published" | "rejected"; reason: string | null; answer: string | null; answeredBy: string | null; at: string | null },
): Promise<void> {
  await q.query(
    `UPDATE qa_question SET moderation = $2, moderation_reason = $3, answer = $4, answered_by = $5, answered_at = $6, version = version + 1 WHERE id = $1`,
    [id, x.moderation, x.reason, x.answer, x.answeredBy, x.at],
  );
}
