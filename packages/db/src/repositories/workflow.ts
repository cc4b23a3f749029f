/**
 * The approval workflow and the versions of programs (migration 0004): versions (drafts and
 * approved snapshots), workflow instances, their steps and conclusions.
 */
import type { Queryable } from "../db.ts";
import type {
  DirectionTable,
  DraftAttachmentTable,
  MonitoringSettingsTable,
  ProgramTable,
  ProgramVersionTable,
  WorkflowConclusionTable,
  WorkflowInstanceTable,
  WorkflowTransitionTable,
} from "../schema.generated.ts";
import { mapRow, one, type Mapped } from "./rows.ts";

export type VersionRecord = Mapped<ProgramVersionTable>;
/** A version as listed: without its document, reasons and note. */
type VersionListRow = Pick<
  ProgramVersionTable,
  | "id"
  | "municipality_id"
  | "program_id"
  | "flow"
  | "direction_code"
  | "direction_name"
  | "number"
  | "kind"
  | "status"
  | "based_on_id"
  | "decree_number"
  | "decree_date"
  | "approved_at"
  | "approved_by"
  | "approved_by_login"
  | "created_by"
  | "created_by_login"
  | "version"
  | "created_at"
  | "updated_at"
>;
export type ListedVersion = Mapped<VersionListRow>;
export type InstanceRecord = Mapped<WorkflowInstanceTable>;
type ListedInstanceRow = WorkflowInstanceTable &
  Pick<ProgramVersionTable, "direction_code" | "direction_name"> &
  Pick<ProgramTable, "responsible_department_id"> & {
    version_number: ProgramVersionTable["number"];
    program_code: ProgramTable["code"];
    program_name: ProgramTable["name"];
    co_executor_department_id: DirectionTable["co_executor_department_id"] | null;
  };
export type ListedInstance = Mapped<ListedInstanceRow>;
export type WorkflowTransitionRecord = Mapped<WorkflowTransitionTable>;
export type WorkflowConclusionRecord = Mapped<WorkflowConclusionTable>;

const json = (v: unknown) => (v === undefined || v === null ? null : JSON.stringify(v));

// ---- versions ---------------------------------------------------------------------------------

export interface NewVersion {
  municipalityId: string;
  programId: string;
  flow: "program" | "directionOrder";
  directionCode: string | null;
  directionName: string | null;
  kind: "program" | "amendment";
  basedOnId: string | null;
  createdBy: string | null;
  createdByLogin: string | null;
  /** An approved version recorded at once (a version already in force): its snapshot and decree. */
  approved?: {
    document: unknown;
    decreeNumber: string;
    decreeDate: string;
    approvedAt: string;
    approvedBy: string | null;
    approvedByLogin: string | null;
  };
}

/** Inserts a version with the next number of its program (and direction, for an order). */
export async function insertVersion(q: Queryable, v: NewVersion): Promise<VersionRecord> {
  // the number: one more than the last of the same program, flow and direction (serialized per program)
  await q.query(`SELECT pg_advisory_xact_lock(hashtext('program_version:' || $1))`, [v.programId]);
  const n = await q.query<{ n: number }>(
    `SELECT coalesce(max(number), 0)::int + 1 AS n FROM program_version WHERE program_id = $1 AND flow = $2 AND coalesce(direction_code, '') = coalesce($3, '')`,
    [v.programId, v.flow, v.directionCode],
  );
  const a = v.approved;
  const r = await q.query<ProgramVersionTable>(
    `INSERT INTO program_version (municipality_id, program_id, flow, direction_code, direction_name, number, kind, status, based_on_id,
       document, decree_number, decree_date, approved_at, approved_by, approved_by_login, created_by, created_by_login)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) RETURNING *`,
    [
      v.municipalityId,
      v.programId,
      v.flow,
      v.directionCode,
      v.directionName,
      n.rows[0]!.n,
      v.kind,
      a ? "approved" : "draft",
      v.basedOnId,
      json(a?.document),
      a?.decreeNumber ?? null,
      a?.decreeDate ?? null,
      a?.approvedAt ?? null,
      a?.approvedBy ?? null,
      a?.approvedByLogin ?? null,
      v.createdBy,
      v.createdByLogin,
    ],
  );
  return mapRow(one(r.rows));
}

const VERSION_LIST_COLUMNS = `id, municipality_id, program_id, flow, direction_code, direction_name, number, kind, status, based_on_id,
  decree_number, decree_date, approved_at, approved_by, approved_by_login, created_by, created_by_login, version, created_at, updated_at`;

export async function getVersion(q: Queryable, id: string, lock = false): Promise<VersionRecord | null> {
  const r = await q.query<ProgramVersionTable>(`SELECT * FROM program_version WHERE id = $1${lock ? " FOR UPDATE" : ""}`, [id]);
  return r.rows[0] ? mapRow(r.rows[0]) : null;
}

/** The versions of a program (without their snapshots), newest first; an order's by direction code. */
export async function listVersions(
  q: Queryable,
  programId: string,
  f: { flow?: string; directionCode?: string | null } = {},
): Promise<ListedVersion[]> {
  const conds = ["program_id = $1"];
  const vals: unknown[] = [programId];
  if (f.flow) {
    vals.push(f.flow);
    conds.push(`flow = $${vals.length}`);
  }
  if (f.directionCode !== undefined) {
    vals.push(f.directionCode);
    conds.push(`coalesce(direction_code, '') = coalesce($${vals.length}, '')`);
  }
  const r = await q.query<VersionListRow>(
    `SELECT ${VERSION_LIST_COLUMNS} FROM program_version WHERE ${conds.join(" AND ")} ORDER BY flow, direction_code NULLS FIRST, number DESC`,
    vals,
  );
  return r.rows.map(mapRow);
}

/** The version in force: the approved one with the highest number (with its snapshot). */
export async function lastApprovedVersion(
  q: Queryable,
  programId: string,
  flow: "program" | "directionOrder" = "program",
  directionCode: string | null = null,
): Promise<VersionRecord | null> {
  const r = await q.query<ProgramVersionTable>(
    `SELECT * FROM program_version WHERE program_id = $1 AND flow = $2 AND coalesce(direction_code, '') = coalesce($3, '') AND status = 'approved'
     ORDER BY number DESC LIMIT 1`,
    [programId, flow, directionCode],
  );
  return r.rows[0] ? mapRow(r.rows[0]) : null;
}

/** Does the program have an approved version (the rules of change then apply to its rows)? */
export const HAS_APPROVED_VERSION = `SELECT 1 FROM program_version WHERE program_id = $1 AND flow = 'program' AND status = 'approved' LIMIT 1`;

export async function hasApprovedVersion(q: Queryable, programId: string): Promise<boolean> {
  const r = await q.query(HAS_APPROVED_VERSION, [programId]);
  return (r.rowCount ?? 0) > 0;
}

/** Changes a draft's note (reasons, text) if it still has the version the client read; null when stale. */
export async function updateDraftNote(
  q: Queryable,
  id: string,
  version: number,
  patch: { reasons?: Record<string, string>; noteText?: string | null },
): Promise<VersionRecord | null> {
  const sets: string[] = [];
  const vals: unknown[] = [id, version];
  if (patch.reasons !== undefined) {
    vals.push(JSON.stringify(patch.reasons));
    sets.push(`reasons = $${vals.length}::jsonb`);
  }
  if (patch.noteText !== undefined) {
    vals.push(patch.noteText);
    sets.push(`note_text = $${vals.length}`);
  }
  const r = await q.query<ProgramVersionTable>(
    `UPDATE program_version SET ${[...sets, "version = version + 1", "updated_at = now()"].join(", ")} WHERE id = $1 AND version = $2 AND status = 'draft' RETURNING *`,
    vals,
  );
  return r.rows[0] ? mapRow(r.rows[0]) : null;
}

/** Approves a draft: its snapshot, the decree, who and when. */
export async function approveVersion(
  q: Queryable,
  id: string,
  a: {
    document: unknown;
    decreeNumber: string;
    decreeDate: string;
    approvedAt: string;
    approvedBy: string | null;
    approvedByLogin: string | null;
  },
): Promise<VersionRecord> {
  const r = await q.query<ProgramVersionTable>(
    `UPDATE program_version SET status = 'approved', document = $2::jsonb, decree_number = $3, decree_date = $4, approved_at = $5, approved_by = $6,
       approved_by_login = $7, version = version + 1, updated_at = now()
     WHERE id = $1 AND status = 'draft' RETURNING *`,
    [id, JSON.stringify(a.document), a.decreeNumber, a.decreeDate, a.approvedAt, a.approvedBy, a.approvedByLogin],
  );
  if (!r.rows[0]) throw new Error(`program_version ${id} is not a draft`);
  return mapRow(one(r.rows));
}

export async function cancelVersion(q: Queryable, id: string): Promise<void> {
  await q.query(
    `UPDATE program_version SET status = 'cancelled', version = version + 1, updated_at = now() WHERE id = $1 AND status = 'draft'`,
    [id],
  );
}

/** The status shown on the program (draft, discussion, review, approved, published); not a user's edit, so no version bump. */
export async function setProgramStatus(q: Queryable, programId: string, status: string): Promise<void> {
  await q.query(`UPDATE program SET status = $2 WHERE id = $1`, [programId, status]);
}

// ---- instances --------------------------------------------------------------------------------

export interface NewInstance {
  municipalityId: string;
  programId: string;
  programVersionId: string;
  flow: "program" | "directionOrder";
  kind: "program" | "amendment";
  directionId: string | null;
  discussionRequired: boolean;
  state: string;
  since: string;
  createdBy: string | null;
}

export async function insertInstance(q: Queryable, i: NewInstance): Promise<InstanceRecord> {
  const r = await q.query<WorkflowInstanceTable>(
    `INSERT INTO workflow_instance (municipality_id, program_id, program_version_id, flow, kind, direction_id, discussion_required, state, since, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING *`,
    [i.municipalityId, i.programId, i.programVersionId, i.flow, i.kind, i.directionId, i.discussionRequired, i.state, i.since, i.createdBy],
  );
  return mapRow(one(r.rows));
}

export async function getInstance(q: Queryable, id: string, lock = false): Promise<InstanceRecord | null> {
  const r = await q.query<WorkflowInstanceTable>(`SELECT * FROM workflow_instance WHERE id = $1${lock ? " FOR UPDATE" : ""}`, [id]);
  return r.rows[0] ? mapRow(r.rows[0]) : null;
}

export async function instanceOfVersion(q: Queryable, versionId: string): Promise<InstanceRecord | null> {
  const r = await q.query<WorkflowInstanceTable>(`SELECT * FROM workflow_instance WHERE program_version_id = $1`, [versionId]);
  return r.rows[0] ? mapRow(r.rows[0]) : null;
}

/** Instances of a municipality, with their version's number and their program's code, name and executor. */
export async function listInstances(
  q: Queryable,
  f: { municipalityId: string; programId?: string; states?: readonly string[]; openOnly?: boolean },
): Promise<ListedInstance[]> {
  const conds = ["i.municipality_id = $1"];
  const vals: unknown[] = [f.municipalityId];
  if (f.programId) {
    vals.push(f.programId);
    conds.push(`i.program_id = $${vals.length}`);
  }
  if (f.states) {
    vals.push(f.states);
    conds.push(`i.state = ANY($${vals.length}::text[])`);
  }
  if (f.openOnly) conds.push(`i.state NOT IN ('published', 'cancelled')`);
  const r = await q.query<ListedInstanceRow>(
    `SELECT i.*, v.number AS version_number, v.direction_code, v.direction_name, p.code AS program_code, p.name AS program_name,
            p.responsible_department_id, d.co_executor_department_id
       FROM workflow_instance i
       JOIN program_version v ON v.id = i.program_version_id
       JOIN program p ON p.id = i.program_id
       LEFT JOIN direction d ON d.id = i.direction_id
      WHERE ${conds.join(" AND ")}
      ORDER BY i.due_date NULLS LAST, i.created_at`,
    vals,
  );
  return r.rows.map(mapRow);
}

/** Moves an instance if it still has the version read; null when stale. */
export async function updateInstance(
  q: Queryable,
  id: string,
  version: number,
  patch: { state: string; since: string; dueDate: string | null; dueClause: string | null; discussion: unknown },
): Promise<InstanceRecord | null> {
  const r = await q.query<WorkflowInstanceTable>(
    `UPDATE workflow_instance SET state = $3, since = $4, due_date = $5, due_clause = $6, discussion = $7::jsonb, version = version + 1, updated_at = now()
     WHERE id = $1 AND version = $2 RETURNING *`,
    [id, version, patch.state, patch.since, patch.dueDate, patch.dueClause, json(patch.discussion)],
  );
  return r.rows[0] ? mapRow(r.rows[0]) : null;
}

// ---- steps and conclusions --------------------------------------------------------------------

export interface NewWorkflowTransition {
  municipalityId: string;
  instanceId: string;
  onDate: string;
  at: string;
  actorId: string | null;
  actorLogin: string | null;
  role: string;
  action: string;
  fromState: string;
  toState: string;
  dueDate: string | null;
  payload: unknown;
  requestId: string | null;
}

export async function insertWorkflowTransition(q: Queryable, t: NewWorkflowTransition): Promise<WorkflowTransitionRecord> {
  const r = await q.query<WorkflowTransitionTable>(
    `INSERT INTO workflow_transition (municipality_id, instance_id, seq, at, on_date, actor_id, actor_login, role, action, from_state, to_state, due_date, payload, request_id)
     VALUES ($1, $2, (SELECT coalesce(max(seq), 0) + 1 FROM workflow_transition WHERE instance_id = $2), $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::jsonb, $13)
     RETURNING *`,
    [
      t.municipalityId,
      t.instanceId,
      t.at,
      t.onDate,
      t.actorId,
      t.actorLogin,
      t.role,
      t.action,
      t.fromState,
      t.toState,
      t.dueDate,
      JSON.stringify(t.payload ?? {}),
      t.requestId,
    ],
  );
  return mapRow(one(r.rows));
}

export async function listWorkflowTransitions(q: Queryable, instanceId: string): Promise<WorkflowTransitionRecord[]> {
  const r = await q.query<WorkflowTransitionTable>(`SELECT * FROM workflow_transition WHERE instance_id = $1 ORDER BY seq`, [instanceId]);
  return r.rows.map(mapRow);
}

export interface NewWorkflowConclusion {
  municipalityId: string;
  instanceId: string;
  transitionId: string;
  stage: string;
  result: "positive" | "negative";
  document: string;
  conclusionDate: string;
  remarks: string[];
  authorId: string | null;
  authorLogin: string | null;
}

export async function insertWorkflowConclusion(q: Queryable, c: NewWorkflowConclusion): Promise<WorkflowConclusionRecord> {
  const r = await q.query<WorkflowConclusionTable>(
    `INSERT INTO workflow_conclusion (municipality_id, instance_id, transition_id, stage, result, document, conclusion_date, remarks, author_id, author_login)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10) RETURNING *`,
    [
      c.municipalityId,
      c.instanceId,
      c.transitionId,
      c.stage,
      c.result,
      c.document,
      c.conclusionDate,
      JSON.stringify(c.remarks),
      c.authorId,
      c.authorLogin,
    ],
  );
  return mapRow(one(r.rows));
}

export async function listWorkflowConclusions(q: Queryable, instanceId: string): Promise<WorkflowConclusionRecord[]> {
  const r = await q.query<WorkflowConclusionTable>(
    `SELECT c.* FROM workflow_conclusion c JOIN workflow_transition t ON t.id = c.transition_id WHERE c.instance_id = $1 ORDER BY t.seq`,
    [instanceId],
  );
  return r.rows.map(mapRow);
}

// ---- the documents attached to a draft (220-п 4.7) ---------------------------------------------------

/** An attachment with its file's name, type and size (null for one recorded before files: a title only). */
export type DraftAttachmentRecord = Mapped<DraftAttachmentTable> & {
  filename: string | null;
  contentType: string | null;
  size: number | null;
};

const ATTACHMENT_SELECT = `SELECT a.*, f.filename, f.content_type, f.size
  FROM draft_attachment a LEFT JOIN stored_file f ON f.id = a.file_id`;
type AttachmentRow = DraftAttachmentTable & { filename: string | null; content_type: string | null; size: number | null };

export async function listDraftAttachments(q: Queryable, versionId: string): Promise<DraftAttachmentRecord[]> {
  const r = await q.query<AttachmentRow>(`${ATTACHMENT_SELECT} WHERE a.program_version_id = $1 ORDER BY a.created_at, a.id`, [versionId]);
  return r.rows.map((x) => mapRow(x) as DraftAttachmentRecord);
}

/** One attachment of the version, or null. */
export async function getDraftAttachment(q: Queryable, versionId: string, id: string): Promise<DraftAttachmentRecord | null> {
  const r = await q.query<AttachmentRow>(`${ATTACHMENT_SELECT} WHERE a.program_version_id = $1 AND a.id = $2`, [versionId, id]);
  return r.rows[0] ? mapRow(r.rows[0]) : null;
}

export async function insertDraftAttachment(
  q: Queryable,
  a: {
    municipalityId: string;
    programId: string;
    versionId: string;
    kind: string;
    title: string;
    fileId: string | null;
    createdBy: string;
    createdByLogin: string;
  },
): Promise<DraftAttachmentRecord> {
  const r = await q.query<Pick<DraftAttachmentTable, "id">>(
    `INSERT INTO draft_attachment (municipality_id, program_id, program_version_id, kind, title, file_id, created_by, created_by_login)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [a.municipalityId, a.programId, a.versionId, a.kind, a.title, a.fileId, a.createdBy, a.createdByLogin],
  );
  return (await getDraftAttachment(q, a.versionId, one(r.rows).id))!;
}

/** Removes an attachment of the version (and its file); the removed row, or null when there was none. */
export async function deleteDraftAttachment(q: Queryable, versionId: string, id: string): Promise<DraftAttachmentRecord | null> {
  const before = await getDraftAttachment(q, versionId, id);
  if (!before) return null;
  await q.query(`DELETE FROM draft_attachment WHERE program_version_id = $1 AND id = $2`, [versionId, id]);
  if (before.fileId) await q.query(`DELETE FROM stored_file WHERE id = $1`, [before.fileId]);
  return before;
}

/** Whether drafts go to review only with the attachments 220-п 4.7 requires (the municipality's setting). */
export async function requiresDraftAttachments(q: Queryable, municipalityId: string): Promise<boolean> {
  const r = await q.query<Pick<MonitoringSettingsTable, "require_draft_attachments">>(
    `SELECT require_draft_attachments FROM monitoring_settings WHERE municipality_id = $1`,
    [municipalityId],
  );
  return r.rows[0]?.require_draft_attachments ?? false;
}
