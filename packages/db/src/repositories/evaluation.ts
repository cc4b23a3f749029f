/** A municipality's own evaluation methodologies and its evaluation settings (migration 0006). */
import type { Queryable } from "../db.ts";
import { mapRow, type Row } from "./rows.ts";

export async function listEvaluationMethodologies(q: Queryable, municipalityId: string): Promise<Row[]> {
  const r = await q.query(
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

export async function insertEvaluationMethodology(q: Queryable, m: NewEvaluationMethodology): Promise<Row> {
  const r = await q.query(
    `INSERT INTO evaluation_methodology (municipality_id, preset, preset_version, name, definition, comment, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *`,
    [m.municipalityId, m.preset, m.presetVersion, m.name, JSON.stringify(m.definition), m.comment, m.createdBy],
  );
  return mapRow(r.rows[0]);
}

export async function getEvaluationSetting(q: Queryable, municipalityId: string): Promise<Row | null> {
  const r = await q.query(`SELECT * FROM evaluation_setting WHERE municipality_id = $1`, [municipalityId]);
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
  s: { preset: string; presetVersion: number | null; thresholds: unknown },
): Promise<Row | null> {
  if (version === null) {
    const r = await q.query(
      `INSERT INTO evaluation_setting (municipality_id, preset, preset_version, thresholds) VALUES ($1, $2, $3, $4)
       ON CONFLICT (municipality_id) DO NOTHING RETURNING *`,
      [municipalityId, s.preset, s.presetVersion, s.thresholds === null ? null : JSON.stringify(s.thresholds)],
    );
    return r.rows[0] ? mapRow(r.rows[0]) : null;
  }
  const r = await q.query(
    `UPDATE evaluation_setting SET preset = $3, preset_version = $4, thresholds = $5, version = version + 1, updated_at = now()
     WHERE municipality_id = $1 AND version = $2 RETURNING *`,
    [municipalityId, version, s.preset, s.presetVersion, s.thresholds === null ? null : JSON.stringify(s.thresholds)],
  );
  return r.rows[0] ? mapRow(r.rows[0]) : null;
}
