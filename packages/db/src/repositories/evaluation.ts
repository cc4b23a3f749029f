/**
 * A municipality's own evaluation methodologies and its evaluation settings (migrations 0006,
 * 0010), and the approved versions of its programs as the evaluation reads them.
 */
import type { Queryable } from "../db.ts";
import type { EvaluationMethodologyTable, EvaluationSettingTable, ProgramVersionTable } from "../schema.generated.ts";
import { mapRow, one, type Mapped } from "./rows.ts";

export type EvaluationMethodologyRecord = Mapped<EvaluationMethodologyTable>;
export type EvaluationSettingRecord = Mapped<EvaluationSettingTable>;

export async function listEvaluationMethodologies(q: Queryable, municipalityId: string): Promise<EvaluationMethodologyRecord[]> {
  const r = await q.query<EvaluationMethodologyTable>(
    `SELECT * FROM evaluation_methodology WHERE municipality_id = $1 ORDER BY preset, preset_version`,
    [municipalityId],
  );
  return r.rows.map(mapRow);
}

export interface NewEvaluationMethodology {
  municipalityId: string;
  preset: string;
  presetVersion: number;
  name: string;
  definition: unknown;
  comment: string | null;
  createdBy: string | null;
}

export async function insertEvaluationMethodology(q: Queryable, m: NewEvaluationMethodology): Promise<EvaluationMethodologyRecord> {
  const r = await q.query<EvaluationMethodologyTable>(
    `INSERT INTO evaluation_methodology (municipality_id, preset, preset_version, name, definition, comment, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *`,
    [m.municipalityId, m.preset, m.presetVersion, m.name, JSON.stringify(m.definition), m.comment, m.createdBy],
  );
  return mapRow(one(r.rows));
}

export async function getEvaluationSetting(q: Queryable, municipalityId: string): Promise<EvaluationSettingRecord | null> {
  const r = await q.query<EvaluationSettingTable>(`SELECT * FROM evaluation_setting WHERE municipality_id = $1`, [municipalityId]);
  return r.rows[0] ? mapRow(r.rows[0]) : null;
}

/**
 * Saves the settings; `version` is the one read (null: there were none). Returns null when the
 * row changed meanwhile (or appeared), for the caller to answer with a conflict.
 */
export async function saveEvaluationSetting(
  q: Queryable,
  municipalityId: string,
  version: number | null,
  s: {
    preset: string;
    presetVersion: number | null;
    thresholds: unknown;
    missingFact?: "zero" | "exclude" | null;
    zeroEqualsZero?: boolean;
  },
): Promise<EvaluationSettingRecord | null> {
  const missingFact = s.missingFact ?? null;
  const zeroEqualsZero = s.zeroEqualsZero ?? true;
  if (version === null) {
    const r = await q.query<EvaluationSettingTable>(
      `INSERT INTO evaluation_setting (municipality_id, preset, preset_version, thresholds, missing_fact, zero_equals_zero) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (municipality_id) DO NOTHING RETURNING *`,
      [municipalityId, s.preset, s.presetVersion, s.thresholds === null ? null : JSON.stringify(s.thresholds), missingFact, zeroEqualsZero],
    );
    return r.rows[0] ? mapRow(r.rows[0]) : null;
  }
  const r = await q.query<EvaluationSettingTable>(
    `UPDATE evaluation_setting SET preset = $3, preset_version = $4, thresholds = $5, missing_fact = $6, zero_equals_zero = $7, version = version + 1, updated_at = now()
     WHERE municipality_id = $1 AND version = $2 RETURNING *`,
    [
      municipalityId,
      version,
      s.preset,
      s.presetVersion,
      s.thresholds === null ? null : JSON.stringify(s.thresholds),
      missingFact,
      zeroEqualsZero,
    ],
  );
  return r.rows[0] ? mapRow(r.rows[0]) : null;
}

/** An approved version of a program (flow "program") with its snapshot, as the evaluation reads it. */
export interface ApprovedProgramVersionRow {
  programId: string;
  number: number;
  decreeNumber: string;
  decreeDate: string;
  document: unknown;
}

/**
 * The version in force on a date (flow "program") of each of a municipality's programs, or of
 * one program: the last approved one whose decree is dated on or before the date (ties: the
 * higher number), with its snapshot. A program not yet approved on that date has none.
 */
export async function listApprovedProgramVersions(
  q: Queryable,
  of: { municipalityId: string } | { programId: string },
  onOrBefore: string,
): Promise<ApprovedProgramVersionRow[]> {
  const [column, id] = "programId" in of ? ["program_id", of.programId] : ["municipality_id", of.municipalityId];
  // an approved version never changes (migration 0004): a snapshot read once is not sent again
  const r = await q.query<
    Pick<ProgramVersionTable, "id" | "program_id" | "number" | "decree_number" | "decree_date" | "document"> & { known: boolean }
  >(
    `SELECT DISTINCT ON (program_id) id, program_id, number, decree_number, decree_date, id::text = ANY($3::text[]) AS known,
       CASE WHEN id::text = ANY($3::text[]) THEN NULL ELSE document END AS document
     FROM program_version
     WHERE ${column} = $1 AND flow = 'program' AND status = 'approved' AND decree_date <= $2::date
     ORDER BY program_id, decree_date DESC, number DESC`,
    [id, onOrBefore, [...SNAPSHOTS.keys()]],
  );
  return r.rows.map((x) => {
    let document: unknown = x.document;
    if (x.known) {
      document = SNAPSHOTS.get(x.id);
      SNAPSHOTS.delete(x.id); // most recently used last
      SNAPSHOTS.set(x.id, document);
    } else if (document) {
      deepFreeze(document); // shared by every later reader: a change would be a fault, and throws
      SNAPSHOTS.set(x.id, document);
      if (SNAPSHOTS.size > SNAPSHOT_CACHE) SNAPSHOTS.delete(SNAPSHOTS.keys().next().value!);
    }
    return {
      programId: x.program_id,
      number: x.number,
      decreeNumber: String(x.decree_number),
      decreeDate: String(x.decree_date),
      document,
    };
  });
}

/** Snapshots of approved versions already read, by the version's id (immutable rows), the least recently used first. */
const SNAPSHOTS = new Map<string, unknown>();
const SNAPSHOT_CACHE = 500;

function deepFreeze(v: unknown): void {
  if (typeof v !== "object" || v === null || Object.isFrozen(v)) return;
  Object.freeze(v);
  for (const x of Object.values(v)) deepFreeze(x);
}
