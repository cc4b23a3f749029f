/**
 * Monitoring and reporting (decree 220-п, section 6): uploaded files and the confirming documents
 * of checkpoints, report submissions and their transitions, period locks, each municipality's
 * deadline settings, notifications, and the reads the dashboards need (the job queue is in
 * jobs.ts, the e-mail outbox in outbox.ts). Times given as `now` come from the application's clock (tests may fix it).
 */
import type { Queryable } from "../db.ts";
import type {
  AppUserTable,
  BudgetExecutionTable,
  CheckpointDocumentTable,
  CheckpointTable,
  DepartmentTable,
  DirectionTable,
  MetricTable,
  MetricValueTable,
  MunicipalityTable,
  NotificationTable,
  ProgramIndicatorTable,
  ProgramIndicatorValueTable,
  DirectionSubmissionTable,
  MembershipTable,
  MonitoringSettingsTable,
  PeriodLockTable,
  ProgramTable,
  ReportSubmissionTable,
  StoredFileTable,
  SubmissionTransitionTable,
} from "../schema.generated.ts";
import { mapRow, one, type Mapped } from "./rows.ts";

// ---- files -----------------------------------------------------------------------------------

export interface NewStoredFile {
  municipalityId: string;
  filename: string;
  contentType: string;
  sha256: string;
  content: Buffer;
  uploadedBy: string | null;
}

/** Stores a file; answers its description (never the content). */
type StoredFileRow = Pick<
  StoredFileTable,
  "id" | "municipality_id" | "filename" | "content_type" | "size" | "sha256" | "uploaded_by" | "created_at"
> & { version: number };
export type StoredFileRecord = Mapped<StoredFileRow>;

export async function insertStoredFile(q: Queryable, f: NewStoredFile): Promise<StoredFileRecord> {
  const r = await q.query<StoredFileRow>(
    `INSERT INTO stored_file (municipality_id, filename, content_type, size, sha256, content, uploaded_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     RETURNING id, municipality_id, filename, content_type, size, sha256, uploaded_by, created_at, 1 AS version`,
    [f.municipalityId, f.filename, f.contentType, f.content.length, f.sha256, f.content, f.uploadedBy],
  );
  return mapRow(one(r.rows));
}

export async function getStoredFileContent(
  q: Queryable,
  fileId: string,
): Promise<{ id: string; municipalityId: string; filename: string; contentType: string; content: Buffer } | null> {
  const r = await q.query<Pick<StoredFileTable, "id" | "municipality_id" | "filename" | "content_type" | "content">>(
    `SELECT id, municipality_id, filename, content_type, content FROM stored_file WHERE id = $1`,
    [fileId],
  );
  const x = r.rows[0];
  return x ? { id: x.id, municipalityId: x.municipality_id, filename: x.filename, contentType: x.content_type, content: x.content } : null;
}

const DOCUMENT_COLUMNS = `d.id, d.municipality_id, d.program_id, d.direction_id, d.checkpoint_id, d.file_id, d.comment, d.created_by,
  d.version, d.created_at, d.updated_at, f.filename, f.content_type, f.size, f.sha256, u.login AS created_by_login`;
type CheckpointDocumentRow = CheckpointDocumentTable &
  Pick<StoredFileTable, "filename" | "content_type" | "size" | "sha256"> & { created_by_login: AppUserTable["login"] | null };
export type CheckpointDocumentRecord = Mapped<CheckpointDocumentRow>;
const DOCUMENT_FROM = `checkpoint_document d JOIN stored_file f ON f.id = d.file_id LEFT JOIN app_user u ON u.id = d.created_by`;

export async function insertCheckpointDocument(
  q: Queryable,
  d: {
    municipalityId: string;
    programId: string;
    directionId: string;
    checkpointId: string;
    fileId: string;
    comment: string | null;
    createdBy: string | null;
  },
): Promise<CheckpointDocumentRecord> {
  const r = await q.query<Pick<CheckpointDocumentTable, "id">>(
    `INSERT INTO checkpoint_document (municipality_id, program_id, direction_id, checkpoint_id, file_id, comment, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [d.municipalityId, d.programId, d.directionId, d.checkpointId, d.fileId, d.comment, d.createdBy],
  );
  return (await getCheckpointDocument(q, one(r.rows).id))!;
}

export async function getCheckpointDocument(q: Queryable, id: string): Promise<CheckpointDocumentRecord | null> {
  const r = await q.query<CheckpointDocumentRow>(`SELECT ${DOCUMENT_COLUMNS} FROM ${DOCUMENT_FROM} WHERE d.id = $1`, [id]);
  return r.rows[0] ? mapRow(r.rows[0]) : null;
}

export async function listCheckpointDocuments(q: Queryable, checkpointId: string): Promise<CheckpointDocumentRecord[]> {
  const r = await q.query<CheckpointDocumentRow>(
    `SELECT ${DOCUMENT_COLUMNS} FROM ${DOCUMENT_FROM} WHERE d.checkpoint_id = $1 ORDER BY d.created_at, d.id`,
    [checkpointId],
  );
  return r.rows.map(mapRow);
}

/**
 * The confirming documents attached to the checkpoints of a program, each with what places its
 * checkpoint in the program's document (the element's code, the checkpoint's name and planned
 * date): the forms name them (220-п, appendices 8 and 9, «Подтверждающий документ»).
 */
export async function listProgramCheckpointDocuments(
  q: Queryable,
  programId: string,
): Promise<
  { checkpointId: string; elementCode: string; checkpointName: string; plannedDate: string; filename: string; comment: string | null }[]
> {
  const r = await q.query<{
    checkpoint_id: string;
    element_code: string;
    checkpoint_name: string;
    planned_date: string;
    filename: string;
    comment: string | null;
  }>(
    `SELECT d.checkpoint_id, e.code AS element_code, c.name AS checkpoint_name, to_char(c.planned_date, 'YYYY-MM-DD') AS planned_date,
            f.filename, d.comment
       FROM checkpoint_document d
       JOIN stored_file f ON f.id = d.file_id
       JOIN checkpoint c ON c.id = d.checkpoint_id
       JOIN structural_element e ON e.id = c.element_id
      WHERE d.program_id = $1
      ORDER BY d.created_at, d.id`,
    [programId],
  );
  return r.rows.map((x) => ({
    checkpointId: x.checkpoint_id,
    elementCode: x.element_code,
    checkpointName: x.checkpoint_name,
    plannedDate: x.planned_date,
    filename: x.filename,
    comment: x.comment,
  }));
}

/** Removes a document and its file, if the document still has `version`. */
export async function deleteCheckpointDocument(q: Queryable, id: string, version: number): Promise<boolean> {
  const r = await q.query<Pick<CheckpointDocumentTable, "file_id">>(
    `DELETE FROM checkpoint_document WHERE id = $1 AND version = $2 RETURNING file_id`,
    [id, version],
  );
  if (!r.rows[0]) return false;
  await q.query(`DELETE FROM stored_file WHERE id = $1 AND NOT EXISTS (SELECT 1 FROM checkpoint_document WHERE file_id = $1)`, [
    r.rows[0].file_id,
  ]);
  return true;
}

// ---- report submissions ----------------------------------------------------------------------------

export interface SubmissionKey {
  municipalityId: string;
  programId: string;
  year: number;
  period: string;
}

export type SubmissionRecord = Mapped<ReportSubmissionTable>;

export async function getSubmission(
  q: Queryable,
  programId: string,
  year: number,
  period: string,
  lock = false,
): Promise<SubmissionRecord | null> {
  const r = await q.query<ReportSubmissionTable>(
    `SELECT * FROM report_submission WHERE program_id = $1 AND year = $2 AND period = $3${lock ? " FOR UPDATE" : ""}`,
    [programId, year, period],
  );
  return r.rows[0] ? mapRow(r.rows[0]) : null;
}

/** The submission of the program's period, created (state "open") when there is none yet; locked for the transaction. */
export async function ensureSubmission(q: Queryable, k: SubmissionKey): Promise<SubmissionRecord> {
  await q.query(
    `INSERT INTO report_submission (municipality_id, program_id, year, period) VALUES ($1, $2, $3, $4)
     ON CONFLICT (program_id, year, period) DO NOTHING`,
    [k.municipalityId, k.programId, k.year, k.period],
  );
  return (await getSubmission(q, k.programId, k.year, k.period, true))!;
}

const SUBMISSION_FIELDS: Record<string, string> = {
  state: "state",
  financeConclusion: "finance_conclusion",
  economyConclusion: "economy_conclusion",
  compiledAt: "compiled_at",
  submittedAt: "submitted_at",
  financeReviewedAt: "finance_reviewed_at",
  controlledAt: "controlled_at",
};

export async function updateSubmission(q: Queryable, id: string, patch: Record<string, unknown>): Promise<SubmissionRecord> {
  const cols = Object.keys(patch).filter((k) => k in SUBMISSION_FIELDS);
  const sets = cols.map((c, i) => `${SUBMISSION_FIELDS[c]} = $${i + 2}`);
  sets.push("version = version + 1", "updated_at = now()");
  const r = await q.query<ReportSubmissionTable>(`UPDATE report_submission SET ${sets.join(", ")} WHERE id = $1 RETURNING *`, [
    id,
    ...cols.map((c) => patch[c] ?? null),
  ]);
  return mapRow(one(r.rows));
}

type ListedSubmissionRow = ReportSubmissionTable & { program_code: ProgramTable["code"]; program_name: ProgramTable["name"] };
export type ListedSubmission = Mapped<ListedSubmissionRow>;

export async function listSubmissions(
  q: Queryable,
  municipalityId: string,
  f: { programId?: string; year?: number } = {},
): Promise<ListedSubmission[]> {
  const conds = ["s.municipality_id = $1"];
  const vals: unknown[] = [municipalityId];
  if (f.programId) {
    vals.push(f.programId);
    conds.push(`s.program_id = $${vals.length}`);
  }
  if (f.year) {
    vals.push(f.year);
    conds.push(`s.year = $${vals.length}`);
  }
  const r = await q.query<ListedSubmissionRow>(
    `SELECT s.*, p.code AS program_code, p.name AS program_name FROM report_submission s JOIN program p ON p.id = s.program_id
     WHERE ${conds.join(" AND ")} ORDER BY s.year DESC, s.period, p.code`,
    vals,
  );
  return r.rows.map(mapRow);
}

export type DirectionSubmissionRecord = Mapped<DirectionSubmissionTable>;

export async function listDirectionSubmissions(q: Queryable, submissionId: string): Promise<DirectionSubmissionRecord[]> {
  const r = await q.query<DirectionSubmissionTable>(`SELECT * FROM direction_submission WHERE submission_id = $1 ORDER BY created_at, id`, [
    submissionId,
  ]);
  return r.rows.map(mapRow);
}

/** The direction's part of a submission, created (state "draft") when there is none yet; locked. */
export async function ensureDirectionSubmission(
  q: Queryable,
  d: { municipalityId: string; programId: string; directionId: string; submissionId: string },
): Promise<DirectionSubmissionRecord> {
  await q.query(
    `INSERT INTO direction_submission (municipality_id, program_id, direction_id, submission_id) VALUES ($1, $2, $3, $4)
     ON CONFLICT (submission_id, direction_id) DO NOTHING`,
    [d.municipalityId, d.programId, d.directionId, d.submissionId],
  );
  const r = await q.query<DirectionSubmissionTable>(
    `SELECT * FROM direction_submission WHERE submission_id = $1 AND direction_id = $2 FOR UPDATE`,
    [d.submissionId, d.directionId],
  );
  return mapRow(one(r.rows));
}

export async function updateDirectionSubmission(
  q: Queryable,
  id: string,
  patch: { state: string; submittedAt?: string | null; acceptedAt?: string | null },
): Promise<DirectionSubmissionRecord> {
  const r = await q.query<DirectionSubmissionTable>(
    `UPDATE direction_submission SET state = $2,
       submitted_at = CASE WHEN $3::boolean THEN $4::timestamptz ELSE submitted_at END,
       accepted_at = CASE WHEN $5::boolean THEN $6::timestamptz ELSE accepted_at END,
       version = version + 1, updated_at = now()
     WHERE id = $1 RETURNING *`,
    [id, patch.state, patch.submittedAt !== undefined, patch.submittedAt ?? null, patch.acceptedAt !== undefined, patch.acceptedAt ?? null],
  );
  return mapRow(one(r.rows));
}

export interface NewTransition {
  municipalityId: string;
  programId: string;
  submissionId: string;
  directionId: string | null;
  action: string;
  fromState: string;
  toState: string;
  actorId: string | null;
  actorLogin: string | null;
  comment: string | null;
  at: string;
}

/** A transition of a submission; its (bigserial) id as a string. */
export type TransitionRecord = Omit<Mapped<SubmissionTransitionTable>, "id"> & { id: string };

export async function insertTransition(q: Queryable, t: NewTransition): Promise<Mapped<SubmissionTransitionTable>> {
  const r = await q.query<SubmissionTransitionTable>(
    `INSERT INTO submission_transition (municipality_id, program_id, submission_id, direction_id, action, from_state, to_state, actor_id, actor_login, comment, at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING *`,
    [
      t.municipalityId,
      t.programId,
      t.submissionId,
      t.directionId,
      t.action,
      t.fromState,
      t.toState,
      t.actorId,
      t.actorLogin,
      t.comment,
      t.at,
    ],
  );
  return mapRow(one(r.rows));
}

export async function listTransitions(q: Queryable, submissionId: string): Promise<TransitionRecord[]> {
  const r = await q.query<SubmissionTransitionTable>(`SELECT * FROM submission_transition WHERE submission_id = $1 ORDER BY id`, [
    submissionId,
  ]);
  return r.rows.map((x) => ({ ...mapRow(x), id: String(x.id) }));
}

// ---- period locks --------------------------------------------------------------------------------

export type PeriodLockRecord = Mapped<PeriodLockTable>;

export async function listPeriodLocks(q: Queryable, f: { municipalityId: string; programId?: string }): Promise<PeriodLockRecord[]> {
  const r = f.programId
    ? await q.query<PeriodLockTable>(`SELECT * FROM period_lock WHERE municipality_id = $1 AND program_id = $2 ORDER BY year, period`, [
        f.municipalityId,
        f.programId,
      ])
    : await q.query<PeriodLockTable>(`SELECT * FROM period_lock WHERE municipality_id = $1 ORDER BY year, period`, [f.municipalityId]);
  return r.rows.map(mapRow);
}

/** The locks of one program (for the write path's check). */
export const PERIOD_LOCKS_OF_PROGRAM = `SELECT year, period FROM period_lock WHERE program_id = $1`;

export async function periodLocksOfProgram(q: Queryable, programId: string): Promise<{ year: number; period: string }[]> {
  const r = await q.query<Pick<PeriodLockTable, "year" | "period">>(PERIOD_LOCKS_OF_PROGRAM, [programId]);
  return r.rows.map((x) => ({ year: x.year, period: x.period }));
}

export async function insertPeriodLock(
  q: Queryable,
  l: {
    municipalityId: string;
    programId: string;
    year: number;
    period: string;
    submissionId: string | null;
    lockedBy: string | null;
    at: string;
  },
): Promise<PeriodLockRecord | null> {
  const r = await q.query<PeriodLockTable>(
    `INSERT INTO period_lock (municipality_id, program_id, year, period, submission_id, locked_by, locked_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (program_id, year, period) DO NOTHING RETURNING *`,
    [l.municipalityId, l.programId, l.year, l.period, l.submissionId, l.lockedBy, l.at],
  );
  return r.rows[0] ? mapRow(r.rows[0]) : null;
}

// ---- settings ----------------------------------------------------------------------------------------

export interface MonitoringSettingsRow {
  municipalityId: string;
  deadlineRules: unknown[] | null;
  calendar: Record<string, unknown> | null;
  reminderDaysBefore: number;
  requireDraftAttachments: boolean;
  version: number;
  updatedAt: string | null;
}

/** The municipality's settings; version 0 and nulls (the built-in rules and calendar) when never saved. */
export async function getMonitoringSettings(q: Queryable, municipalityId: string): Promise<MonitoringSettingsRow> {
  const r = await q.query<MonitoringSettingsTable>(`SELECT * FROM monitoring_settings WHERE municipality_id = $1`, [municipalityId]);
  const x = r.rows[0];
  if (!x)
    return {
      municipalityId,
      deadlineRules: null,
      calendar: null,
      reminderDaysBefore: 3,
      requireDraftAttachments: false,
      version: 0,
      updatedAt: null,
    };
  return {
    municipalityId,
    deadlineRules: Array.isArray(x.deadline_rules) ? x.deadline_rules : null,
    calendar: isObject(x.calendar) ? x.calendar : null,
    reminderDaysBefore: x.reminder_days_before,
    requireDraftAttachments: x.require_draft_attachments,
    version: x.version,
    updatedAt: new Date(x.updated_at).toISOString(),
  };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Saves the settings if they still have `version` (0 = never saved); null when they do not. */
export async function saveMonitoringSettings(
  q: Queryable,
  municipalityId: string,
  version: number,
  s: {
    deadlineRules: unknown[] | null;
    calendar: Record<string, unknown> | null;
    reminderDaysBefore: number;
    requireDraftAttachments?: boolean;
  },
): Promise<MonitoringSettingsRow | null> {
  const rules = s.deadlineRules === null ? null : JSON.stringify(s.deadlineRules);
  const cal = s.calendar === null ? null : JSON.stringify(s.calendar);
  const r =
    version === 0
      ? await q.query(
          `INSERT INTO monitoring_settings (municipality_id, deadline_rules, calendar, reminder_days_before, require_draft_attachments)
           VALUES ($1, $2, $3, $4, $5) ON CONFLICT (municipality_id) DO NOTHING RETURNING municipality_id`,
          [municipalityId, rules, cal, s.reminderDaysBefore, s.requireDraftAttachments ?? false],
        )
      : await q.query(
          `UPDATE monitoring_settings SET deadline_rules = $3, calendar = $4, reminder_days_before = $5, require_draft_attachments = $6,
             version = version + 1, updated_at = now()
           WHERE municipality_id = $1 AND version = $2 RETURNING municipality_id`,
          [municipalityId, version, rules, cal, s.reminderDaysBefore, s.requireDraftAttachments ?? false],
        );
  return r.rows[0] ? getMonitoringSettings(q, municipalityId) : null;
}

// ---- users to remind -------------------------------------------------------------------------------

export interface Recipient {
  userId: string;
  login: string;
  fullName: string;
  email: string | null;
  role: string;
  departmentId: string | null;
}

/** Active members of the municipality (with their role, department and e-mail). */
export async function membersOfMunicipality(q: Queryable, municipalityId: string): Promise<Recipient[]> {
  const r = await q.query<Pick<AppUserTable, "id" | "login" | "full_name" | "email"> & Pick<MembershipTable, "role" | "department_id">>(
    `SELECT u.id, u.login, u.full_name, u.email, m.role, m.department_id FROM membership m JOIN app_user u ON u.id = m.user_id
     WHERE m.municipality_id = $1 AND u.is_active ORDER BY u.login`,
    [municipalityId],
  );
  return r.rows.map((x) => ({
    userId: x.id,
    login: x.login,
    fullName: x.full_name,
    email: x.email,
    role: x.role,
    departmentId: x.department_id,
  }));
}

export async function setUserEmail(q: Queryable, userId: string, email: string | null): Promise<boolean> {
  const r = await q.query(`UPDATE app_user SET email = $2, version = version + 1, updated_at = now() WHERE id = $1`, [userId, email]);
  return (r.rowCount ?? 0) > 0;
}

export async function getUserEmail(q: Queryable, userId: string): Promise<string | null> {
  const r = await q.query<Pick<AppUserTable, "email">>(`SELECT email FROM app_user WHERE id = $1`, [userId]);
  return r.rows[0]?.email ?? null;
}

// ---- notifications ---------------------------------------------------------------------------------

export interface NewNotification {
  municipalityId: string;
  userId: string;
  programId: string | null;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  deadlineKey: string | null;
  moment: string | null;
  dueDate: string | null;
  at: string;
}

/** Adds a notification; a reminder already given (same user, deadline and moment) is not repeated: answers null. */
export async function insertNotification(q: Queryable, n: NewNotification): Promise<string | null> {
  const r = await q.query<Pick<NotificationTable, "id">>(
    `INSERT INTO notification (municipality_id, user_id, program_id, kind, title, body, link, deadline_key, moment, due_date, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
     ON CONFLICT (user_id, deadline_key, moment) WHERE deadline_key IS NOT NULL DO NOTHING RETURNING id`,
    [n.municipalityId, n.userId, n.programId, n.kind, n.title, n.body, n.link, n.deadlineKey, n.moment, n.dueDate, n.at],
  );
  return r.rows[0]?.id ?? null;
}

/** A notification as listed (notifications are not edited: version 1). */
export type NotificationRecord = Mapped<NotificationTable> & { version: number };

export async function listNotifications(
  q: Queryable,
  userId: string,
  municipalityId: string,
  f: { unreadOnly?: boolean; limit?: number } = {},
): Promise<NotificationRecord[]> {
  const r = await q.query<NotificationTable>(
    `SELECT * FROM notification WHERE user_id = $1 AND municipality_id = $2 ${f.unreadOnly ? "AND read_at IS NULL" : ""}
     ORDER BY created_at DESC, id LIMIT $3`,
    [userId, municipalityId, Math.min(f.limit ?? 100, 500)],
  );
  return r.rows.map((x) => ({ ...mapRow(x), version: 1 }));
}

export async function countUnreadNotifications(q: Queryable, userId: string, municipalityId: string): Promise<number> {
  const r = await q.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM notification WHERE user_id = $1 AND municipality_id = $2 AND read_at IS NULL`,
    [userId, municipalityId],
  );
  return one(r.rows).n;
}

/** Marks the user's notification (or all of them, when id is null) read. */
export async function markNotificationsRead(
  q: Queryable,
  userId: string,
  municipalityId: string,
  id: string | null,
  now: string,
): Promise<number> {
  const r = id
    ? await q.query(`UPDATE notification SET read_at = coalesce(read_at, $4) WHERE id = $3 AND user_id = $1 AND municipality_id = $2`, [
        userId,
        municipalityId,
        id,
        now,
      ])
    : await q.query(`UPDATE notification SET read_at = $3 WHERE user_id = $1 AND municipality_id = $2 AND read_at IS NULL`, [
        userId,
        municipalityId,
        now,
      ]);
  return r.rowCount ?? 0;
}

// ---- what the deadlines, reminders and dashboards read ------------------------------------------------

export interface ProgramMonitoringFacts {
  /** inForceFrom: the decree date of the program's first approved version (null: never approved, not in force). */
  programs: {
    id: string;
    code: string;
    name: string;
    responsibleDepartmentId: string;
    startYear: number;
    endYear: number;
    inForceFrom: string | null;
  }[];
  directions: { id: string; programId: string; code: string; name: string; coExecutorDepartmentId: string }[];
  /** With the day the annual report was last sent to the economy department (220-п 6.14). */
  submissions: (SubmissionRecord & { sentToEconomyAt: string | null })[];
  directionSubmissions: DirectionSubmissionRecord[];
  /** Budget rows entered by the finance department: per direction, year and quarter, the last change. */
  financeData: { directionId: string; year: number; quarter: number; lastChange: string }[];
  departments: { id: string; name: string }[];
}

/** Everything the deadline states of the municipality's programs depend on, for the given years. */
export async function monitoringFacts(
  q: Queryable,
  municipalityId: string,
  years: number[],
  programId?: string,
): Promise<ProgramMonitoringFacts> {
  const pf = programId ? " AND program_id = $3" : "";
  const args = programId ? [municipalityId, years, programId] : [municipalityId, years];
  const [programs, directions, submissions, dirSubs, finance, departments] = await Promise.all([
    q.query<
      Pick<ProgramTable, "id" | "code" | "name" | "responsible_department_id" | "start_year" | "end_year"> & {
        in_force_from: string | null;
      }
    >(
      `SELECT p.id, p.code, p.name, p.responsible_department_id, p.start_year, p.end_year,
         (SELECT to_char(min(v.decree_date), 'YYYY-MM-DD') FROM program_version v
           WHERE v.program_id = p.id AND v.flow = 'program' AND v.status = 'approved') AS in_force_from
       FROM program p WHERE p.municipality_id = $1 ${programId ? "AND p.id = $2" : ""} ORDER BY p.code`,
      programId ? [municipalityId, programId] : [municipalityId],
    ),
    q.query<Pick<DirectionTable, "id" | "program_id" | "code" | "name" | "co_executor_department_id">>(
      `SELECT id, program_id, code, name, co_executor_department_id FROM direction WHERE municipality_id = $1 ${programId ? "AND program_id = $2" : ""} ORDER BY program_id, ord NULLS LAST, code`,
      programId ? [municipalityId, programId] : [municipalityId],
    ),
    q.query<ReportSubmissionTable & { sent_to_economy_at: SubmissionTransitionTable["at"] | null }>(
      `SELECT s.*, (SELECT max(t.at) FROM submission_transition t WHERE t.submission_id = s.id AND t.action = 'sendToEconomy') AS sent_to_economy_at
       FROM report_submission s WHERE s.municipality_id = $1 AND s.year = ANY($2)${pf.replace("program_id", "s.program_id")}`,
      args,
    ),
    q.query<DirectionSubmissionTable>(
      `SELECT ds.* FROM direction_submission ds JOIN report_submission s ON s.id = ds.submission_id
       WHERE ds.municipality_id = $1 AND s.year = ANY($2)${programId ? " AND ds.program_id = $3" : ""}`,
      args,
    ),
    q.query<Pick<BudgetExecutionTable, "direction_id" | "year" | "quarter"> & { last_change: BudgetExecutionTable["updated_at"] }>(
      `SELECT direction_id, year, quarter, max(updated_at) AS last_change FROM budget_execution
       WHERE municipality_id = $1 AND year = ANY($2)${pf} GROUP BY direction_id, year, quarter`,
      args,
    ),
    q.query<Pick<DepartmentTable, "id" | "name">>(`SELECT id, name FROM department WHERE municipality_id = $1`, [municipalityId]),
  ]);
  return {
    programs: programs.rows.map((x) => ({
      id: x.id,
      code: x.code,
      name: x.name,
      responsibleDepartmentId: x.responsible_department_id,
      startYear: x.start_year,
      endYear: x.end_year,
      inForceFrom: x.in_force_from ?? null,
    })),
    directions: directions.rows.map((x) => ({
      id: x.id,
      programId: x.program_id,
      code: x.code,
      name: x.name,
      coExecutorDepartmentId: x.co_executor_department_id,
    })),
    submissions: submissions.rows.map(mapRow),
    directionSubmissions: dirSubs.rows.map(mapRow),
    financeData: finance.rows.map((x) => ({
      directionId: x.direction_id,
      year: x.year,
      quarter: x.quarter,
      lastChange: new Date(x.last_change).toISOString(),
    })),
    departments: departments.rows.map((x) => ({ id: x.id, name: x.name })),
  };
}

/** Ids of every municipality (the reminder scheduler walks them all). */
export async function allMunicipalityIds(q: Queryable): Promise<{ id: string; country: string; timezone: string; name: string }[]> {
  const r = await q.query<Pick<MunicipalityTable, "id" | "country" | "timezone" | "name">>(
    `SELECT id, country, timezone, name FROM municipality ORDER BY name`,
  );
  return r.rows.map((x) => ({ id: x.id, country: x.country, timezone: x.timezone, name: x.name }));
}

/** Metric values with both plan and fact: the year's (month null) and the months', with the metric and where it belongs. */
export async function metricPlanFactRows(
  q: Queryable,
  municipalityId: string,
  year: number,
  f: { programId?: string; directionId?: string } = {},
): Promise<
  {
    rowId: string;
    metricId: string;
    metricName: string;
    metricCode: string | null;
    unit: string;
    trend: string;
    programId: string;
    programCode: string;
    directionId: string;
    directionCode: string;
    coExecutorDepartmentId: string;
    month: number | null;
    plan: string;
    fact: string;
    justification: string | null;
  }[]
> {
  const conds = ["v.municipality_id = $1", "v.year = $2", "v.plan IS NOT NULL", "v.fact IS NOT NULL"];
  const vals: unknown[] = [municipalityId, year];
  if (f.programId) {
    vals.push(f.programId);
    conds.push(`v.program_id = $${vals.length}`);
  }
  if (f.directionId) {
    vals.push(f.directionId);
    conds.push(`v.direction_id = $${vals.length}`);
  }
  const where = conds.join(" AND ");
  const r = await q.query<
    Pick<DirectionTable, "co_executor_department_id"> &
      Pick<MetricTable, "unit" | "trend"> &
      Pick<MetricValueTable, "justification"> & {
        row_id: MetricValueTable["id"];
        metric_id: MetricTable["id"];
        metric_name: MetricTable["name"];
        metric_code: MetricTable["code"];
        program_id: ProgramTable["id"];
        program_code: ProgramTable["code"];
        direction_id: DirectionTable["id"];
        direction_code: DirectionTable["code"];
        month: number | null;
        plan: string;
        fact: string;
      }
  >(
    `SELECT v.id AS row_id, m.id AS metric_id, m.name AS metric_name, m.code AS metric_code, m.unit, m.trend, p.id AS program_id, p.code AS program_code,
       d.id AS direction_id, d.code AS direction_code, d.co_executor_department_id, v.month, v.plan::text AS plan, v.fact::text AS fact, v.justification
     FROM (SELECT id, municipality_id, program_id, direction_id, metric_id, year, NULL::int AS month, plan, fact, justification FROM metric_value
           UNION ALL
           SELECT id, municipality_id, program_id, direction_id, metric_id, year, month, plan, fact, justification FROM metric_month) v
     JOIN metric m ON m.id = v.metric_id JOIN program p ON p.id = v.program_id JOIN direction d ON d.id = v.direction_id
     WHERE ${where} ORDER BY p.code, d.code, m.ord NULLS LAST, m.code, v.month NULLS FIRST`,
    vals,
  );
  return r.rows.map((x) => ({
    rowId: x.row_id,
    metricId: x.metric_id,
    metricName: x.metric_name,
    metricCode: x.metric_code,
    unit: x.unit,
    trend: x.trend,
    programId: x.program_id,
    programCode: x.program_code,
    directionId: x.direction_id,
    directionCode: x.direction_code,
    coExecutorDepartmentId: x.co_executor_department_id,
    month: x.month,
    plan: x.plan,
    fact: x.fact,
    justification: x.justification,
  }));
}

/** Program indicator values of the year with both plan and fact. */
export async function indicatorPlanFactRows(
  q: Queryable,
  programId: string,
  year: number,
): Promise<
  {
    rowId: string;
    indicatorId: string;
    name: string;
    code: string | null;
    trend: string;
    plan: string;
    fact: string;
    justification: string | null;
  }[]
> {
  const r = await q.query<
    Pick<ProgramIndicatorTable, "id" | "name" | "code" | "trend"> &
      Pick<ProgramIndicatorValueTable, "justification"> & { row_id: ProgramIndicatorValueTable["id"]; plan: string; fact: string }
  >(
    `SELECT v.id AS row_id, i.id, i.name, i.code, i.trend, v.plan::text AS plan, v.fact::text AS fact, v.justification
     FROM program_indicator_value v JOIN program_indicator i ON i.id = v.indicator_id
     WHERE v.program_id = $1 AND v.year = $2 AND v.plan IS NOT NULL AND v.fact IS NOT NULL ORDER BY i.ord NULLS LAST, i.code`,
    [programId, year],
  );
  return r.rows.map((x) => ({
    rowId: x.row_id,
    indicatorId: x.id,
    name: x.name,
    code: x.code,
    trend: x.trend,
    plan: x.plan,
    fact: x.fact,
    justification: x.justification,
  }));
}

/** Checkpoints planned on or before `date` that have no actual date yet. */
type OverdueCheckpointRow = Pick<
  CheckpointTable,
  "id" | "name" | "planned_date" | "program_id" | "direction_id" | "element_id" | "version" | "municipality_id"
> &
  Pick<DirectionTable, "co_executor_department_id"> & {
    program_code: ProgramTable["code"];
    program_name: ProgramTable["name"];
    direction_code: DirectionTable["code"];
    department_name: DepartmentTable["name"] | null;
  };
export type OverdueCheckpoint = Mapped<OverdueCheckpointRow>;

export async function overdueCheckpointRows(q: Queryable, municipalityId: string, before: string): Promise<OverdueCheckpoint[]> {
  const r = await q.query<OverdueCheckpointRow>(
    `SELECT c.id, c.name, c.planned_date, c.program_id, c.direction_id, c.element_id, c.version, c.municipality_id,
       p.code AS program_code, p.name AS program_name, d.code AS direction_code, d.co_executor_department_id, dep.name AS department_name
     FROM checkpoint c JOIN program p ON p.id = c.program_id JOIN direction d ON d.id = c.direction_id
     LEFT JOIN department dep ON dep.id = d.co_executor_department_id
     WHERE c.municipality_id = $1 AND c.actual_date IS NULL AND c.planned_date < $2
     ORDER BY c.planned_date, p.code, d.code`,
    [municipalityId, before],
  );
  return r.rows.map(mapRow);
}

/** The program's funding of the year (the plan), summed over its elements and sources. */
export async function fundingOfYear(q: Queryable, programId: string, year: number): Promise<string> {
  const r = await q.query<{ total: string }>(
    `SELECT coalesce(sum(amount), 0)::text AS total FROM funding WHERE program_id = $1 AND year = $2`,
    [programId, year],
  );
  return one(r.rows).total;
}

/**
 * Dates the budget figures of loaded historical data as entered on time: each quarter's rows on the
 * 10th of the month after the quarter (before the 15th of 220-п 6.6), where that day is before
 * their stored time. Only for data loaded in one go (the demo), whose rows would otherwise all
 * look entered on the day of loading, i.e. late. Returns the number of rows dated.
 */
export async function dateLoadedBudgetFigures(q: Queryable, municipalityId: string): Promise<number> {
  const r = await q.query(
    `UPDATE budget_execution
        SET updated_at = (make_date(year, quarter * 3, 1) + interval '1 month 9 days')::timestamp AT TIME ZONE 'UTC'
      WHERE municipality_id = $1
        AND (make_date(year, quarter * 3, 1) + interval '1 month 9 days')::timestamp AT TIME ZONE 'UTC' < updated_at`,
    [municipalityId],
  );
  return r.rowCount ?? 0;
}
