/**
 * Changes of the budget as dated events (migration 0013; 220-п 5.4, 5.5), and the facts of the
 * programs that the deadlines they start are computed from.
 */
import type { Queryable } from "../db.ts";
import type { BudgetChangeTable, DirectionTable, GasRegistrationTable, ProgramTable, ProgramVersionTable } from "../schema.generated.ts";
import { mapRow, one, type Mapped } from "./rows.ts";

export type BudgetChangeRecord = Mapped<BudgetChangeTable>;
export type GasRegistrationRecord = Mapped<GasRegistrationTable>;

/** A direction of budgetProgramFacts (json_build_object: camelCase keys, dates as text). */
export interface BudgetFactsDirection {
  id: string;
  code: string;
  coExecutorId: DirectionTable["co_executor_department_id"];
  orderDrafts: string[];
}
type BudgetProgramFactsRow = Pick<ProgramTable, "id" | "code" | "responsible_department_id" | "end_year"> & {
  in_force_from: string | null;
  amendment_decrees: string[];
  directions: BudgetFactsDirection[];
};
export type BudgetProgramFactsRecord = Mapped<BudgetProgramFactsRow>;

/** A direction of directionOrderFacts (json_build_object: camelCase keys, dates as text). */
export interface OrderFactsDirection {
  id: string;
  code: string;
  coExecutorId: DirectionTable["co_executor_department_id"];
  orderDecrees: string[];
}
type DirectionOrderFactsRow = Pick<ProgramTable, "id" | "code" | "responsible_department_id"> & {
  last_decree: string | null;
  directions: OrderFactsDirection[];
};
export type DirectionOrderFactsRecord = Mapped<DirectionOrderFactsRow>;

type GasRegistrationFactsRow = Pick<ProgramTable, "id" | "code" | "responsible_department_id"> & {
  version_id: ProgramVersionTable["id"];
  decree_date: string | null;
  registered_on: string | null;
};
export type GasRegistrationFactsRecord = Mapped<GasRegistrationFactsRow>;

export interface NewBudgetChange {
  municipalityId: string;
  kind: string;
  number: string | null;
  documentDate: string;
  effectiveDate: string;
  directionIds: string[];
  note: string | null;
  createdBy: string | null;
}

export async function insertBudgetChange(q: Queryable, c: NewBudgetChange): Promise<BudgetChangeRecord> {
  const r = await q.query<BudgetChangeTable>(
    `INSERT INTO budget_change (municipality_id, kind, number, document_date, effective_date, direction_ids, note, created_by)
     VALUES ($1, $2, $3, $4, $5, $6::uuid[], $7, $8) RETURNING *`,
    [c.municipalityId, c.kind, c.number, c.documentDate, c.effectiveDate, c.directionIds, c.note, c.createdBy],
  );
  return mapRow(one(r.rows));
}

export async function listBudgetChanges(q: Queryable, municipalityId: string): Promise<BudgetChangeRecord[]> {
  const r = await q.query<BudgetChangeTable>(
    `SELECT * FROM budget_change WHERE municipality_id = $1 ORDER BY effective_date DESC, created_at DESC`,
    [municipalityId],
  );
  return r.rows.map(mapRow);
}

/** Which of the ids are directions of the municipality (the others are foreign or unknown). */
export async function directionsOfMunicipality(q: Queryable, municipalityId: string, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const r = await q.query<Pick<DirectionTable, "id">>(`SELECT id FROM direction WHERE municipality_id = $1 AND id = ANY($2::uuid[])`, [
    municipalityId,
    ids,
  ]);
  return new Set(r.rows.map((x) => x.id));
}

/**
 * Every program of the municipality with: the decree date of its first approved version, those of
 * its approved amendments, and its directions with the days drafts of orders on them were
 * submitted for review.
 */
export async function budgetProgramFacts(q: Queryable, municipalityId: string): Promise<BudgetProgramFactsRecord[]> {
  const r = await q.query<BudgetProgramFactsRow>(
    `SELECT p.id, p.code, p.responsible_department_id, p.end_year,
       (SELECT min(v.decree_date)::text FROM program_version v WHERE v.program_id = p.id AND v.flow = 'program' AND v.status = 'approved') AS in_force_from,
       coalesce((SELECT array_agg(v.decree_date::text ORDER BY v.decree_date) FROM program_version v
         WHERE v.program_id = p.id AND v.flow = 'program' AND v.status = 'approved' AND v.kind = 'amendment'), '{}') AS amendment_decrees,
       coalesce((SELECT json_agg(json_build_object(
           'id', d.id, 'code', d.code, 'coExecutorId', d.co_executor_department_id,
           'orderDrafts', coalesce((SELECT array_agg(t.on_date::text ORDER BY t.on_date) FROM workflow_transition t
             JOIN workflow_instance i ON i.id = t.instance_id
             WHERE i.direction_id = d.id AND i.flow = 'directionOrder' AND t.action = 'submit'), '{}')
         ) ORDER BY d.code) FROM direction d WHERE d.program_id = p.id), '[]') AS directions
     FROM program p WHERE p.municipality_id = $1 ORDER BY p.code`,
    [municipalityId],
  );
  return r.rows.map(mapRow);
}

/**
 * Every program of the municipality with the decree of its latest approved version, and its
 * directions with the decree dates of their approved orders (220-п 1.7, 4.19).
 */
export async function directionOrderFacts(q: Queryable, municipalityId: string): Promise<DirectionOrderFactsRecord[]> {
  const r = await q.query<DirectionOrderFactsRow>(
    `SELECT p.id, p.code, p.responsible_department_id,
       (SELECT max(v.decree_date)::text FROM program_version v WHERE v.program_id = p.id AND v.flow = 'program' AND v.status = 'approved') AS last_decree,
       coalesce((SELECT json_agg(json_build_object(
           'id', d.id, 'code', d.code, 'coExecutorId', d.co_executor_department_id,
           'orderDecrees', coalesce((SELECT array_agg(v.decree_date::text ORDER BY v.decree_date) FROM program_version v
             WHERE v.program_id = p.id AND v.flow = 'directionOrder' AND v.direction_code = d.code AND v.status = 'approved'), '{}')
         ) ORDER BY d.code) FROM direction d WHERE d.program_id = p.id), '[]') AS directions
     FROM program p WHERE p.municipality_id = $1 ORDER BY p.code`,
    [municipalityId],
  );
  return r.rows.map(mapRow);
}

/** 220-п 4.18.1: records the day an approved version was placed in ГАС «Управление»; null if it already was. */
export async function insertGasRegistration(
  q: Queryable,
  g: {
    municipalityId: string;
    programId: string;
    programVersionId: string;
    registeredOn: string;
    note: string | null;
    createdBy: string | null;
  },
): Promise<GasRegistrationRecord | null> {
  const r = await q.query<GasRegistrationTable>(
    `INSERT INTO gas_registration (municipality_id, program_id, program_version_id, registered_on, note, created_by)
     VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (program_version_id) DO NOTHING RETURNING *`,
    [g.municipalityId, g.programId, g.programVersionId, g.registeredOn, g.note, g.createdBy],
  );
  return r.rows[0] ? mapRow(r.rows[0]) : null;
}

/**
 * Each program's latest approved version (flow "program") with the day its decree took effect (the
 * entry into force recorded at approval, else the decree's date) and its registration in ГАС «Управление», if any.
 */
export async function gasRegistrationFacts(q: Queryable, municipalityId: string): Promise<GasRegistrationFactsRecord[]> {
  const r = await q.query<GasRegistrationFactsRow>(
    `SELECT DISTINCT ON (p.id) p.id, p.code, p.responsible_department_id, v.id AS version_id,
       -- 4.18.1 counts from the decree's entry into force, when its approval recorded one
       coalesce((SELECT t.payload->'decree'->>'inForceFrom' FROM workflow_instance i JOIN workflow_transition t ON t.instance_id = i.id
         WHERE i.program_version_id = v.id AND t.action = 'approve' AND t.payload->'decree'->>'inForceFrom' IS NOT NULL
         ORDER BY t.seq DESC LIMIT 1), v.decree_date::text) AS decree_date,
       g.registered_on::text AS registered_on
     FROM program p JOIN program_version v ON v.program_id = p.id AND v.flow = 'program' AND v.status = 'approved'
     LEFT JOIN gas_registration g ON g.program_version_id = v.id
     WHERE p.municipality_id = $1 ORDER BY p.id, v.decree_date DESC, v.number DESC`,
    [municipalityId],
  );
  return r.rows.map(mapRow);
}

/** A recorded step of a program workflow, as the tracked deadlines read it (220-п 4.9, 4.13, 4.18). */
export interface WorkflowStepFactRow {
  on: string;
  action: string;
  from: string;
  to: string;
  decree: { date: string; inForceFrom?: string | null } | null;
}
type WorkflowEventFactsRow = Pick<ProgramTable, "code" | "responsible_department_id"> & {
  instance_id: string;
  program_id: string;
  flow: string;
  steps: WorkflowStepFactRow[] | null;
};
export type WorkflowEventFactsRecord = Mapped<WorkflowEventFactsRow>;

/**
 * Every program workflow (new program or amendment) of the municipality that reached a step the
 * tracked deadlines start from — a positive conclusion or an approval — with all its steps in order.
 */
export async function workflowEventFacts(q: Queryable, municipalityId: string): Promise<WorkflowEventFactsRecord[]> {
  const r = await q.query<WorkflowEventFactsRow>(
    `SELECT i.id AS instance_id, i.program_id, i.flow, p.code, p.responsible_department_id,
       (SELECT json_agg(json_build_object('on', t.on_date::text, 'action', t.action, 'from', t.from_state, 'to', t.to_state,
          'decree', t.payload->'decree') ORDER BY t.seq) FROM workflow_transition t WHERE t.instance_id = i.id) AS steps
     FROM workflow_instance i JOIN program p ON p.id = i.program_id
     WHERE i.municipality_id = $1 AND i.flow = 'program'
       AND EXISTS (SELECT 1 FROM workflow_transition t WHERE t.instance_id = i.id AND t.action IN ('positiveConclusion', 'approve'))
     ORDER BY p.code, i.created_at`,
    [municipalityId],
  );
  return r.rows.map(mapRow);
}
