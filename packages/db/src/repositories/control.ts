/**
 * Control of orders and appeals (issue 15; migration 20261203100500_control): the registry of
 * documents with its atomic numbering and its search (Russian full-text search and trigram
 * similarity), meetings, orders with their deadlines and events, appeals, and the counts of the
 * office's annual report.
 */
import type { Queryable } from "../db.ts";
import type {
  AppealTable,
  ControlOrderCoexecutorTable,
  ControlOrderDeadlineTable,
  ControlOrderEventTable,
  ControlOrderTable,
  ControlSettingTable,
  DepartmentTable,
  DocNumberingRuleTable,
  DocumentLinkTable,
  MeetingItemTable,
  MeetingTable,
  RegistryDocumentTable,
} from "../schema.generated.ts";
import { mapRow, mapRows, one, type Mapped } from "./rows.ts";
import { SETUP_CHANGE_SQL } from "./control-reads.ts";

export type ControlSettingRecord = Mapped<Pick<ControlSettingTable, "office_department_id" | "reminder_days_before" | "version">>;
export type RegistryDocumentRecord = Mapped<Omit<RegistryDocumentTable, "search" | "summary_fold">>;
export type DocumentLinkRecord = Mapped<DocumentLinkTable>;
export type MeetingRecord = Mapped<MeetingTable>;
export type MeetingItemRecord = Mapped<MeetingItemTable>;
export type ControlOrderRecord = Mapped<ControlOrderTable>;
export type OrderCoexecutorRecord = Mapped<ControlOrderCoexecutorTable>;
export type OrderDeadlineRecord = Mapped<ControlOrderDeadlineTable>;
export type OrderEventRecord = Mapped<ControlOrderEventTable>;
export type AppealRecord = Mapped<AppealTable>;

const DOC_COLUMNS = `id, municipality_id, kind, subtype, year, seq, reg_number, reg_date, correspondent, correspondent_number,
  correspondent_date, summary, department_id, created_by, created_at, version`;

// ---- settings and numbering ------------------------------------------------------------------------

export async function getControlSetting(q: Queryable, municipalityId: string): Promise<ControlSettingRecord> {
  const r = await q.query<Pick<ControlSettingTable, "office_department_id" | "reminder_days_before" | "version">>(
    `SELECT office_department_id, reminder_days_before, version FROM control_setting WHERE municipality_id = $1`,
    [municipalityId],
  );
  return r.rows[0] ? mapRow(r.rows[0]) : { officeDepartmentId: null, reminderDaysBefore: 3, version: 0 };
}

export async function upsertControlSetting(
  q: Queryable,
  municipalityId: string,
  s: { officeDepartmentId: string | null; reminderDaysBefore: number },
): Promise<ControlSettingRecord> {
  const r = await q.query<Pick<ControlSettingTable, "office_department_id" | "reminder_days_before" | "version">>(
    `INSERT INTO control_setting (municipality_id, office_department_id, reminder_days_before) VALUES ($1, $2, $3)
     ON CONFLICT (municipality_id) DO UPDATE SET office_department_id = $2, reminder_days_before = $3,
       version = control_setting.version + 1, updated_at = now()
     RETURNING office_department_id, reminder_days_before, version`,
    [municipalityId, s.officeDepartmentId, s.reminderDaysBefore],
  );
  return mapRow(one(r.rows));
}

export async function getNumberingRule(
  q: Queryable,
  municipalityId: string,
  kind: string,
): Promise<{ prefix: string; pattern: string } | null> {
  const r = await q.query<Pick<DocNumberingRuleTable, "prefix" | "pattern">>(
    `SELECT prefix, pattern FROM doc_numbering_rule WHERE municipality_id = $1 AND kind = $2`,
    [municipalityId, kind],
  );
  return r.rows[0] ?? null;
}

export async function upsertNumberingRule(
  q: Queryable,
  municipalityId: string,
  kind: string,
  prefix: string,
  pattern: string,
): Promise<void> {
  await q.query(
    `INSERT INTO doc_numbering_rule (municipality_id, kind, prefix, pattern) VALUES ($1, $2, $3, $4)
     ON CONFLICT (municipality_id, kind) DO UPDATE SET prefix = $3, pattern = $4`,
    [municipalityId, kind, prefix, pattern],
  );
}

/**
 * The next sequence number of a kind in a year, atomically: concurrent registrations wait for each
 * other's row lock on the counter, so no number is given twice and none is skipped unless its
 * transaction rolls back.
 */
export async function nextSequence(q: Queryable, municipalityId: string, kind: string, year: number): Promise<number> {
  const r = await q.query<{ last: number }>(
    `INSERT INTO doc_counter (municipality_id, kind, year, last) VALUES ($1, $2, $3, 1)
     ON CONFLICT (municipality_id, kind, year) DO UPDATE SET last = doc_counter.last + 1 RETURNING last`,
    [municipalityId, kind, year],
  );
  return one(r.rows).last;
}

// ---- documents -------------------------------------------------------------------------------------

export interface NewRegistryDocument {
  municipalityId: string;
  kind: string;
  subtype: string | null;
  year: number;
  seq: number;
  regNumber: string;
  regDate: string;
  correspondent: string | null;
  correspondentNumber: string | null;
  correspondentDate: string | null;
  summary: string;
  departmentId: string | null;
  createdBy: string | null;
}

export async function insertRegistryDocument(q: Queryable, d: NewRegistryDocument): Promise<RegistryDocumentRecord> {
  const r = await q.query<Omit<RegistryDocumentTable, "search" | "summary_fold">>(
    `INSERT INTO registry_document (municipality_id, kind, subtype, year, seq, reg_number, reg_date, correspondent, correspondent_number,
       correspondent_date, summary, department_id, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING ${DOC_COLUMNS}`,
    [
      d.municipalityId,
      d.kind,
      d.subtype,
      d.year,
      d.seq,
      d.regNumber,
      d.regDate,
      d.correspondent,
      d.correspondentNumber,
      d.correspondentDate,
      d.summary,
      d.departmentId,
      d.createdBy,
    ],
  );
  return mapRow(one(r.rows));
}

export async function getRegistryDocument(q: Queryable, id: string): Promise<RegistryDocumentRecord | null> {
  const r = await q.query<Omit<RegistryDocumentTable, "search" | "summary_fold">>(
    `SELECT ${DOC_COLUMNS} FROM registry_document WHERE id = $1`,
    [id],
  );
  return r.rows[0] ? mapRow(r.rows[0]) : null;
}

export interface DocumentSearch {
  /** Words to find (Russian full-text search, then trigram similarity for misspellings); empty: the latest. */
  text: string | null;
  kind: string | null;
  year: number | null;
  limit: number;
  offset: number;
  /** Up to how many full-text matches are ranked (default RANKED_MATCHES). */
  rankedMatches?: number;
  /** Up to how many matches are counted (default COUNT_CAP); beyond, the total is this bound and `totalCapped`. */
  countCap?: number;
}

/** Up to this many full-text matches are ranked (ts_rank); more are listed newest first. */
export const RANKED_MATCHES = 2000;

/**
 * Up to this many matches are counted: counting a frequent word's 22,500 matches read each of them
 * (the main cost of the search); beyond, the answer says «более 2 000» (`totalCapped`).
 */
export const COUNT_CAP = 2000;

/** A found document with its rank (full-text match first, then similarity). */
export type FoundDocument = RegistryDocumentRecord & { matched: "fts" | "similar" | "number" | null };

/**
 * Searches the registry: a registration number exactly, the words by the Russian configuration
 * (stemming: «дорог» finds «дороги», «дорожный» does not; the correspondent's words too), and, for
 * words mistyped, the trigram word similarity of the summary (index-backed by its GIN trigram index).
 * Run it in a transaction: the similarity threshold is set for the transaction only.
 */
export async function searchRegistryDocuments(
  q: Queryable,
  municipalityId: string,
  s: DocumentSearch,
): Promise<{ items: FoundDocument[]; total: number; totalCapped: boolean }> {
  const params: unknown[] = [municipalityId];
  const cap = Math.max(1, s.countCap ?? COUNT_CAP);
  const ranked = s.rankedMatches ?? RANKED_MATCHES;
  /** The matches counted up to a bound: the heap is read for at most that many rows, not all of them. */
  const countUpTo = async (cond: string, bound: number) =>
    (
      await q.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM (SELECT 1 FROM registry_document d WHERE ${cond} LIMIT ${bound}) x`,
        params,
      )
    ).rows[0]!.n;
  const where: string[] = ["d.municipality_id = $1"];
  if (s.kind) {
    params.push(s.kind);
    where.push(`d.kind = $${params.length}`);
  }
  if (s.year) {
    params.push(s.year);
    where.push(`d.year = $${params.length}`);
  }
  const limit = Math.min(Math.max(s.limit, 1), 200);
  const offset = Math.max(s.offset, 0);
  const columns = DOC_COLUMNS.split(",")
    .map((c) => `d.${c.trim()}`)
    .join(", ");
  type Found = Omit<RegistryDocumentTable, "search" | "summary_fold"> & { matched: FoundDocument["matched"]; total: number };
  const page = (rows: Found[]) => rows.map(({ total: _t, ...x }) => mapRow(x));
  if (!s.text) {
    // the latest first along the index by date; the count apart (a window count would read every row whole)
    const r = await q.query<Found>(
      `SELECT ${columns}, NULL::text AS matched, 0 AS total FROM registry_document d WHERE ${where.join(" AND ")}
       ORDER BY d.reg_date DESC, d.seq DESC LIMIT ${limit} OFFSET ${offset}`,
      params,
    );
    const n = await countUpTo(where.join(" AND "), cap + 1);
    return { items: page(r.rows), total: Math.min(n, cap), totalCapped: n > cap };
  }
  // Two steps, each on its own index: the number and the words (the full-text GIN index), ranked;
  // then, only when they do not fill the page, the documents similar by trigrams (a mistyped word)
  // that the words did not find. The similar ones follow the full-text matches; when those fill the
  // page, the total counts the full-text matches only.
  params.push(s.text);
  const t = `$${params.length}`;
  const query = `websearch_to_tsquery('russian', ${t})`;
  const matches = `${where.join(" AND ")} AND (d.reg_number = ${t} OR d.search @@ ${query})`;
  // counted up to the cap (and one past the ranked bound, to know which way to list them)
  const counted = await countUpTo(matches, Math.max(cap, ranked) + 1);
  const capped = counted > cap;
  const wordsTotal = Math.min(counted, cap);
  let words: { rows: Found[] };
  if (counted <= ranked)
    words = await q.query<Found>(
      `SELECT ${columns}, CASE WHEN d.reg_number = ${t} THEN 'number' ELSE 'fts' END AS matched, 0 AS total
       FROM registry_document d WHERE ${matches}
       ORDER BY (d.reg_number = ${t}) DESC, ts_rank(d.search, ${query}) DESC, d.reg_date DESC, d.seq DESC
       LIMIT ${limit} OFFSET ${offset}`,
      params,
    );
  else {
    // a frequent word: ranking its thousands of matches says little and reads every one of them;
    // the number first, then the newest matches along the index by date
    const byNumber = await q.query<Found>(
      `SELECT ${columns}, 'number' AS matched, 0 AS total FROM registry_document d WHERE ${where.join(" AND ")} AND d.reg_number = ${t}`,
      params,
    );
    const n = byNumber.rows.length;
    const newest = await q.query<Found>(
      `SELECT ${columns}, 'fts' AS matched, 0 AS total FROM registry_document d
       WHERE ${where.join(" AND ")} AND d.search @@ ${query} AND d.reg_number <> ${t}
       ORDER BY d.reg_date DESC, d.seq DESC LIMIT ${limit - (offset < n ? n - offset : 0)} OFFSET ${Math.max(0, offset - n)}`,
      params,
    );
    words = { rows: [...byNumber.rows.slice(offset), ...newest.rows] };
  }
  // beyond the cap the similar documents (which follow every full-text match) are not looked for
  if (words.rows.length === limit || capped) return { items: page(words.rows), total: wordsTotal, totalCapped: capped };
  // a mistyped word: similar enough at 0.45 of word similarity (pg_trgm's default 0.6 misses one wrong letter
  // in a short word); local to the caller's transaction
  await q.query(`SELECT set_config('pg_trgm.word_similarity_threshold', '0.45', true)`);
  const similar = await q.query<Found>(
    `SELECT ${columns}, 'similar' AS matched, count(*) OVER ()::int AS total
     FROM registry_document d WHERE ${where.join(" AND ")} AND search_fold(${t}) <% d.summary_fold
       AND d.reg_number <> ${t} AND NOT (d.search @@ ${query})
     ORDER BY word_similarity(search_fold(${t}), d.summary_fold) DESC, d.reg_date DESC, d.seq DESC
     LIMIT ${limit - words.rows.length} OFFSET ${Math.max(0, offset - wordsTotal)}`,
    params,
  );
  return { items: [...page(words.rows), ...page(similar.rows)], total: wordsTotal + (similar.rows[0]?.total ?? 0), totalCapped: false };
}

export async function insertDocumentLink(
  q: Queryable,
  l: { municipalityId: string; fromId: string; toId: string; kind: string },
): Promise<boolean> {
  const r = await q.query(
    `INSERT INTO document_link (municipality_id, from_id, to_id, kind) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
    [l.municipalityId, l.fromId, l.toId, l.kind],
  );
  return (r.rowCount ?? 0) > 0;
}

/** The links from and to a document, with the other document's number and summary. */
export async function documentLinks(
  q: Queryable,
  id: string,
): Promise<{ direction: "from" | "to"; kind: string; documentId: string; regNumber: string; summary: string }[]> {
  const r = await q.query<
    Pick<DocumentLinkTable, "kind"> & Pick<RegistryDocumentTable, "reg_number" | "summary"> & { dir: "from" | "to"; other: string }
  >(
    `SELECT 'from' AS dir, l.kind, l.to_id AS other, d.reg_number, d.summary FROM document_link l JOIN registry_document d ON d.id = l.to_id WHERE l.from_id = $1
     UNION ALL
     SELECT 'to' AS dir, l.kind, l.from_id AS other, d.reg_number, d.summary FROM document_link l JOIN registry_document d ON d.id = l.from_id WHERE l.to_id = $1
     ORDER BY 1, 4`,
    [id],
  );
  return r.rows.map((x) => ({ direction: x.dir, kind: x.kind, documentId: x.other, regNumber: x.reg_number, summary: x.summary }));
}

// ---- meetings ----------------------------------------------------------------------------------------

export async function insertMeeting(
  q: Queryable,
  m: { municipalityId: string; heldOn: string; title: string; protocolNumber: string },
): Promise<MeetingRecord> {
  const r = await q.query<MeetingTable>(
    `INSERT INTO meeting (municipality_id, held_on, title, protocol_number) VALUES ($1, $2, $3, $4) RETURNING *`,
    [m.municipalityId, m.heldOn, m.title, m.protocolNumber],
  );
  return mapRow(one(r.rows));
}

export async function insertMeetingItem(
  q: Queryable,
  i: { municipalityId: string; meetingId: string; number: number; text: string },
): Promise<MeetingItemRecord> {
  const r = await q.query<MeetingItemTable>(
    `INSERT INTO meeting_item (municipality_id, meeting_id, number, text) VALUES ($1, $2, $3, $4) RETURNING *`,
    [i.municipalityId, i.meetingId, i.number, i.text],
  );
  return mapRow(one(r.rows));
}

export async function getMeetingItem(
  q: Queryable,
  id: string,
): Promise<(MeetingItemRecord & { heldOn: string; protocolNumber: string }) | null> {
  const r = await q.query<MeetingItemTable & Pick<MeetingTable, "held_on" | "protocol_number">>(
    `SELECT i.*, m.held_on, m.protocol_number FROM meeting_item i JOIN meeting m ON m.id = i.meeting_id WHERE i.id = $1`,
    [id],
  );
  return r.rows[0] ? mapRow(r.rows[0]) : null;
}

export async function listMeetings(q: Queryable, municipalityId: string): Promise<(MeetingRecord & { items: MeetingItemRecord[] })[]> {
  const r = await q.query<MeetingTable & { items: MeetingItemRecord[] }>(
    `SELECT m.*, coalesce((SELECT json_agg(json_build_object('id', i.id, 'municipalityId', i.municipality_id, 'meetingId', i.meeting_id,
         'number', i.number, 'text', i.text) ORDER BY i.number) FROM meeting_item i WHERE i.meeting_id = m.id), '[]') AS items
     FROM meeting m WHERE m.municipality_id = $1 ORDER BY m.held_on DESC, m.protocol_number LIMIT 500`,
    [municipalityId],
  );
  return r.rows.map(mapRow);
}

// ---- orders -----------------------------------------------------------------------------------------

export interface NewControlOrder {
  municipalityId: string;
  number: string;
  source: ControlOrderTable["source"];
  documentId: string | null;
  meetingItemId: string | null;
  broadcastQuestion: string | null;
  text: string;
  issuedOn: string;
  termKind: ControlOrderTable["term_kind"];
  termDays: number | null;
  due: string;
  periodicity: ControlOrderTable["periodicity"];
  responsibleDepartmentId: string;
  responsibleUserId: string | null;
  controllerId: string | null;
  strategyTaskId: string | null;
  planActivityId: string | null;
  programId: string | null;
  createdBy: string | null;
}

export async function insertControlOrder(q: Queryable, o: NewControlOrder): Promise<ControlOrderRecord> {
  const r = await q.query<ControlOrderTable>(
    `INSERT INTO control_order (municipality_id, number, source, document_id, meeting_item_id, broadcast_question, text, issued_on, term_kind,
       term_days, due, periodicity, responsible_department_id, responsible_user_id, controller_id, strategy_task_id, plan_activity_id,
       program_id, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19) RETURNING *`,
    [
      o.municipalityId,
      o.number,
      o.source,
      o.documentId,
      o.meetingItemId,
      o.broadcastQuestion,
      o.text,
      o.issuedOn,
      o.termKind,
      o.termDays,
      o.due,
      o.periodicity,
      o.responsibleDepartmentId,
      o.responsibleUserId,
      o.controllerId,
      o.strategyTaskId,
      o.planActivityId,
      o.programId,
      o.createdBy,
    ],
  );
  return mapRow(one(r.rows));
}

export async function getControlOrder(q: Queryable, id: string, forUpdate = false): Promise<ControlOrderRecord | null> {
  const r = await q.query<ControlOrderTable>(`SELECT * FROM control_order WHERE id = $1${forUpdate ? " FOR UPDATE" : ""}`, [id]);
  return r.rows[0] ? mapRow(r.rows[0]) : null;
}

export interface OrderFilter {
  programId?: string | null;
  departmentId?: string | null;
  /** Orders where this user is the responsible person, a co-executor, or the controller. */
  userId?: string | null;
  openOnly?: boolean;
  /** Open orders due on or before this day. */
  dueBy?: string | null;
  limit?: number;
  /** The orders after this one in the list's order (term, number, id: the previous page's last). */
  after?: PageCursor | null;
  /** Count the list (without `after`) up to COUNT_CAP + 1: each row's `total`. */
  count?: boolean;
}

export async function listControlOrders(
  q: Queryable,
  municipalityId: string,
  f: OrderFilter,
): Promise<(ControlOrderRecord & { total: number | null })[]> {
  const params: unknown[] = [municipalityId];
  const where = ["o.municipality_id = $1"];
  const add = (v: unknown, sql: (p: string) => string) => {
    params.push(v);
    where.push(sql(`$${params.length}`));
  };
  if (f.programId) add(f.programId, (p) => `o.program_id = ${p}`);
  if (f.departmentId)
    add(
      f.departmentId,
      (p) =>
        `(o.responsible_department_id = ${p} OR EXISTS (SELECT 1 FROM control_order_coexecutor c WHERE c.order_id = o.id AND c.department_id = ${p}))`,
    );
  if (f.userId)
    add(
      f.userId,
      (p) =>
        `(o.responsible_user_id = ${p} OR o.controller_id = ${p} OR EXISTS (SELECT 1 FROM control_order_coexecutor c WHERE c.order_id = o.id AND c.user_id = ${p}))`,
    );
  if (f.openOnly) where.push(`o.state <> 'done'`);
  if (f.dueBy) add(f.dueBy, (p) => `o.state <> 'done' AND o.due <= ${p}`);
  const filters = where.join(" AND ");
  if (f.after) {
    params.push(f.after.on, f.after.number, f.after.id);
    const n = params.length;
    where.push(`o.due >= $${n - 2}::date AND (o.due, o.number, o.id) > ($${n - 2}::date, $${n - 1}::text, $${n}::uuid)`);
  }
  params.push(Math.min(f.limit ?? 200, 1000));
  // the list (without `after`) counted up to the cap with the page, when asked: each row's `total`
  const total = f.count
    ? `(SELECT count(*)::int FROM (SELECT 1 FROM control_order o WHERE ${filters} LIMIT ${COUNT_CAP + 1}) c)`
    : "NULL::int";
  const r = await q.query<ControlOrderTable & { total: number | null }>(
    `SELECT o.*, ${total} AS total FROM control_order o WHERE ${where.join(" AND ")} ORDER BY o.due, o.number, o.id LIMIT $${params.length}`,
    params,
  );
  return mapRows(r.rows);
}

export async function updateControlOrder(
  q: Queryable,
  id: string,
  version: number,
  c: Partial<Pick<NewControlOrder, "due" | "responsibleDepartmentId" | "responsibleUserId">> & {
    state?: ControlOrderTable["state"];
    closedOn?: string | null;
    extensions?: number;
    returns?: number;
  },
): Promise<ControlOrderRecord | null> {
  const r = await q.query<ControlOrderTable>(
    `UPDATE control_order SET
       state = coalesce($3, state), due = coalesce($4::date, due), responsible_department_id = coalesce($5, responsible_department_id),
       responsible_user_id = CASE WHEN $6::boolean THEN $7::uuid ELSE responsible_user_id END,
       closed_on = CASE WHEN $8::boolean THEN $9::date ELSE closed_on END,
       extensions = coalesce($10, extensions), returns = coalesce($11, returns), version = version + 1
     WHERE id = $1 AND version = $2 RETURNING *`,
    [
      id,
      version,
      c.state ?? null,
      c.due ?? null,
      c.responsibleDepartmentId ?? null,
      c.responsibleUserId !== undefined,
      c.responsibleUserId ?? null,
      c.closedOn !== undefined,
      c.closedOn ?? null,
      c.extensions ?? null,
      c.returns ?? null,
    ],
  );
  return r.rows[0] ? mapRow(r.rows[0]) : null;
}

export async function insertOrderCoexecutor(
  q: Queryable,
  c: { municipalityId: string; orderId: string; departmentId: string | null; userId: string | null },
): Promise<void> {
  await q.query(`INSERT INTO control_order_coexecutor (municipality_id, order_id, department_id, user_id) VALUES ($1, $2, $3, $4)`, [
    c.municipalityId,
    c.orderId,
    c.departmentId,
    c.userId,
  ]);
}

export async function orderCoexecutors(q: Queryable, orderId: string): Promise<OrderCoexecutorRecord[]> {
  const r = await q.query<ControlOrderCoexecutorTable>(`SELECT * FROM control_order_coexecutor WHERE order_id = $1 ORDER BY id`, [orderId]);
  return r.rows.map(mapRow);
}

export async function insertOrderDeadline(
  q: Queryable,
  d: { municipalityId: string; orderId: string; due: string; reason: string; setBy: string | null; at: string },
): Promise<void> {
  await q.query(
    `INSERT INTO control_order_deadline (municipality_id, order_id, due, reason, set_by, set_at) VALUES ($1, $2, $3, $4, $5, $6)`,
    [d.municipalityId, d.orderId, d.due, d.reason, d.setBy, d.at],
  );
}

export async function orderDeadlines(q: Queryable, orderId: string): Promise<OrderDeadlineRecord[]> {
  const r = await q.query<ControlOrderDeadlineTable>(`SELECT * FROM control_order_deadline WHERE order_id = $1 ORDER BY id`, [orderId]);
  return r.rows.map(mapRow);
}

export interface NewOrderEvent {
  municipalityId: string;
  orderId: string;
  action: string;
  fromState: string | null;
  toState: string;
  onDate: string;
  text: string | null;
  requestedDue: string | null;
  files: { name: string; size: number | null; sha256: string | null }[];
  actorId: string | null;
  at: string;
}

/** Writes an event of an order; answers its id (the files of a report are attached to it). */
export async function insertOrderEvent(q: Queryable, e: NewOrderEvent): Promise<string> {
  const r = await q.query<{ id: string }>(
    `INSERT INTO control_order_event (municipality_id, order_id, action, from_state, to_state, on_date, text, requested_due, files, actor_id, at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10, $11) RETURNING id::text AS id`,
    [
      e.municipalityId,
      e.orderId,
      e.action,
      e.fromState,
      e.toState,
      e.onDate,
      e.text,
      e.requestedDue,
      JSON.stringify(e.files),
      e.actorId,
      e.at,
    ],
  );
  return one(r.rows).id;
}

export async function orderEvents(q: Queryable, orderId: string): Promise<(OrderEventRecord & { actorName: string | null })[]> {
  const r = await q.query<ControlOrderEventTable & { actor_name: string | null }>(
    `SELECT e.*, u.full_name AS actor_name FROM control_order_event e LEFT JOIN app_user u ON u.id = e.actor_id WHERE e.order_id = $1 ORDER BY e.id`,
    [orderId],
  );
  return r.rows.map(mapRow);
}

/** Which of the ids exist in the municipality, per table (departments, users with a membership, program, strategy task, plan activity). */
export async function existsInMunicipality(
  q: Queryable,
  table: "department" | "program" | "strategy_task" | "plan_activity" | "registry_document" | "meeting_item" | "member",
  municipalityId: string,
  id: string,
): Promise<boolean> {
  const sql =
    table === "member"
      ? `SELECT 1 FROM membership WHERE municipality_id = $1 AND user_id = $2`
      : `SELECT 1 FROM ${table} WHERE municipality_id = $1 AND id = $2`;
  const r = await q.query(sql, [municipalityId, id]);
  return (r.rowCount ?? 0) > 0;
}

export async function departmentNames(q: Queryable, municipalityId: string): Promise<Map<string, string>> {
  const r = await q.query<Pick<DepartmentTable, "id" | "name">>(`SELECT id, name FROM department WHERE municipality_id = $1`, [
    municipalityId,
  ]);
  return new Map(r.rows.map((x) => [x.id, x.name]));
}

// ---- appeals ------------------------------------------------------------------------------------------

export interface NewAppeal {
  municipalityId: string;
  number: string;
  trackingCode: string;
  channel: AppealTable["channel"];
  receivedOn: string;
  registeredOn: string;
  collective: boolean;
  signatories: number;
  anonymous: boolean;
  authorName: string | null;
  authorAddress: string | null;
  authorEmail: string | null;
  authorNameKey: string | null;
  authorAddressKey: string | null;
  text: string;
  topicCode: string;
  district: string | null;
  assignedDepartmentId: string | null;
  state: AppealTable["state"];
  due: string;
  repeatedOf: string | null;
  createdBy: string | null;
}

export async function insertAppeal(q: Queryable, a: NewAppeal): Promise<AppealRecord> {
  const r = await q.query<AppealTable>(
    `INSERT INTO appeal (municipality_id, number, tracking_code, channel, received_on, registered_on, collective, signatories, anonymous,
       author_name, author_address, author_email, text, topic_code, district, assigned_department_id, state, due, repeated_of, created_by,
       author_name_key, author_address_key)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22) RETURNING *`,
    [
      a.municipalityId,
      a.number,
      a.trackingCode,
      a.channel,
      a.receivedOn,
      a.registeredOn,
      a.collective,
      a.signatories,
      a.anonymous,
      a.authorName,
      a.authorAddress,
      a.authorEmail,
      a.text,
      a.topicCode,
      a.district,
      a.assignedDepartmentId,
      a.state,
      a.due,
      a.repeatedOf,
      a.createdBy,
      a.authorNameKey,
      a.authorAddressKey,
    ],
  );
  return mapRow(one(r.rows));
}

/** An earlier appeal of the same author (by name and address or e-mail), the latest: a repeated appeal. */
export async function earlierAppealOf(
  q: Queryable,
  municipalityId: string,
  a: { nameKey: string; addressKey: string | null; email: string | null },
): Promise<Pick<AppealRecord, "id" | "number"> | null> {
  const r = await q.query<Pick<AppealTable, "id" | "number">>(
    `SELECT id, number FROM appeal WHERE municipality_id = $1 AND author_name_key = $2
       AND (author_address_key = $3 OR lower(author_email) = lower($4))
     ORDER BY registered_on DESC, created_at DESC LIMIT 1`,
    [municipalityId, a.nameKey, a.addressKey, a.email],
  );
  return r.rows[0] ?? null;
}

export async function getAppeal(q: Queryable, id: string, forUpdate = false): Promise<AppealRecord | null> {
  const r = await q.query<AppealTable>(`SELECT * FROM appeal WHERE id = $1${forUpdate ? " FOR UPDATE" : ""}`, [id]);
  return r.rows[0] ? mapRow(r.rows[0]) : null;
}

export async function getAppealByTrackingCode(q: Queryable, code: string): Promise<AppealRecord | null> {
  const r = await q.query<AppealTable>(`SELECT * FROM appeal WHERE tracking_code = $1`, [code]);
  return r.rows[0] ? mapRow(r.rows[0]) : null;
}

export async function updateAppeal(
  q: Queryable,
  id: string,
  version: number,
  c: Partial<{
    state: AppealTable["state"];
    due: string;
    extended: boolean;
    redirectedTo: string;
    redirectedOn: string;
    answerText: string;
    answeredOn: string;
    assignedDepartmentId: string | null;
    assignedUserId: string | null;
    purgeAfter: string;
  }>,
): Promise<AppealRecord | null> {
  const cols: Record<string, string> = {
    state: "state",
    due: "due",
    extended: "extended",
    redirectedTo: "redirected_to",
    redirectedOn: "redirected_on",
    answerText: "answer_text",
    answeredOn: "answered_on",
    assignedDepartmentId: "assigned_department_id",
    assignedUserId: "assigned_user_id",
    purgeAfter: "purge_after",
  };
  const sets: string[] = [];
  const params: unknown[] = [id, version];
  for (const [k, v] of Object.entries(c)) {
    if (v === undefined) continue;
    params.push(v);
    sets.push(`${cols[k]!} = $${params.length}`);
  }
  const r = await q.query<AppealTable>(
    `UPDATE appeal SET ${[...sets, "version = version + 1"].join(", ")} WHERE id = $1 AND version = $2 RETURNING *`,
    params,
  );
  return r.rows[0] ? mapRow(r.rows[0]) : null;
}

/** Where a page of a list starts: after the row with this key (its term or date), number and id. */
export interface PageCursor {
  on: string;
  number: string;
  id: string;
}

export async function listAppeals(
  q: Queryable,
  municipalityId: string,
  f: {
    year?: number | null;
    limit?: number;
    /** Only the open ones (registered, in work), nearest term first. */
    openOnly?: boolean;
    /** Only those whose term ended before this date (open ones). */
    overdueBefore?: string | null;
    /** Only those assigned to this person or (any person of) this department. */
    assignedTo?: { userId: string; departmentId: string | null } | null;
    /** The rows after this one in the list's order (the previous page's last). */
    after?: PageCursor | null;
    /** Count the list (without `after`), up to COUNT_CAP + 1: each row's `total`. */
    count?: boolean;
    /**
     * With `count`: the same list's count as read before under the municipality's change counter
     * (`control_change`); given back as `total` without counting again when the counter read in this
     * statement's snapshot is still that number (no order or appeal of the municipality written since).
     */
    kept?: { change: string; total: number } | null;
  },
): Promise<(AppealRecord & { pendingBy: string | null; total: number | null; change: string | null; setupChange: string | null })[]> {
  const open = f.openOnly === true || f.overdueBefore != null;
  // the open ones by term, all the others newest first; the number and the id make the order total
  // (a keyset page continues exactly where the previous one stopped, across equal terms)
  const order = open ? "due, number, id" : "received_on DESC, number DESC, id DESC";
  const params: unknown[] = [municipalityId, f.year ?? null, Math.min(f.limit ?? 200, 1000), open, f.overdueBefore ?? null];
  const p = (v: unknown, cast: string) => {
    params.push(v);
    return `$${params.length}::${cast}`;
  };
  const filters = `municipality_id = $1 AND ($2::int IS NULL OR extract(year FROM received_on) = $2)
       AND (NOT $4::boolean OR state IN ('registered', 'inWork'))
       AND ($5::date IS NULL OR due < $5::date)`;
  let keyset = "";
  if (f.after) {
    const [on, number, id] = [p(f.after.on, "date"), p(f.after.number, "text"), p(f.after.id, "uuid")];
    keyset = open
      ? ` AND due >= ${on} AND (due, number, id) > (${on}, ${number}, ${id})`
      : ` AND received_on <= ${on} AND (received_on, number, id) < (${on}, ${number}, ${id})`;
  }
  const common = filters + keyset;
  const user = f.assignedTo ? p(f.assignedTo.userId, "uuid") : "";
  const department = f.assignedTo ? p(f.assignedTo.departmentId, "uuid") : "";
  // assigned to a person or their department: each part along its own index, its first $3 in order,
  // then merged (an OR of the two reads and sorts every row of the department)
  const rows = f.assignedTo
    ? `(SELECT * FROM appeal WHERE ${common} AND assigned_user_id = ${user} ORDER BY ${order} LIMIT $3)
       UNION ALL
       (SELECT * FROM appeal WHERE ${common} AND ${department} IS NOT NULL AND assigned_department_id = ${department}
          AND assigned_user_id IS DISTINCT FROM ${user} ORDER BY ${order} LIMIT $3)`
    : `SELECT * FROM appeal WHERE ${common} ORDER BY ${order} LIMIT $3`;
  // the whole list counted up to the cap (a frequent list is not read to its end for a number)
  const counted = `(SELECT count(*)::int FROM (SELECT 1 FROM appeal WHERE ${filters}${
    f.assignedTo ? ` AND (assigned_user_id = ${user} OR (${department} IS NOT NULL AND assigned_department_id = ${department}))` : ""
  } LIMIT ${COUNT_CAP + 1}) c)`;
  // the change counter of this statement's snapshot: the kept count is given back only while it is
  // the number it was counted under (the count, an initplan, is then never run: a CASE evaluates
  // only the branch it takes)
  const change = `(SELECT n FROM control_change WHERE municipality_id = $1)`;
  const total = !f.count
    ? "NULL::int"
    : f.kept
      ? `CASE WHEN ${change} = ${p(f.kept.change, "bigint")} THEN ${p(f.kept.total, "int")} ELSE ${counted} END`
      : counted;
  // with who sent the draft awaiting approval ("" unknown, null none), in the same statement
  const r = await q.query<
    AppealTable & { pending_by: string | null; total: number | null; change: string | null; setup_change: string | null }
  >(
    `SELECT appeal.*, (SELECT coalesce(x.drafted_by::text, '') FROM appeal_answer x WHERE x.appeal_id = appeal.id AND x.state = 'pending' LIMIT 1) AS pending_by,
       ${total} AS total, ${f.count ? `${change}::text` : "NULL::text"} AS change,
       ${SETUP_CHANGE_SQL} AS setup_change
     FROM (${rows}) appeal
     ORDER BY ${order} LIMIT $3`,
    params,
  );
  return mapRows(r.rows);
}

export async function logAppealAccess(
  q: Queryable,
  a: { municipalityId: string; appealId: string; userId: string | null; purpose: string; at: string },
): Promise<void> {
  await q.query(`INSERT INTO appeal_access_log (municipality_id, appeal_id, user_id, purpose, at) VALUES ($1, $2, $3, $4, $5)`, [
    a.municipalityId,
    a.appealId,
    a.userId,
    a.purpose,
    a.at,
  ]);
}

export async function appealAccessLog(q: Queryable, appealId: string): Promise<{ userId: string | null; purpose: string; at: string }[]> {
  const r = await q.query<{ user_id: string | null; purpose: string; at: Date }>(
    `SELECT user_id, purpose, at FROM appeal_access_log WHERE appeal_id = $1 ORDER BY id`,
    [appealId],
  );
  return r.rows.map((x) => ({ userId: x.user_id, purpose: x.purpose, at: x.at.toISOString() }));
}

/** Erases the personal data of the appeals whose retention ended on or before `today`; answers how many. */
export async function purgeAppealPersonalData(q: Queryable, municipalityId: string, today: string): Promise<number> {
  // the notices sent to the author carry their name and address: they go with the personal data
  await q.query(
    `DELETE FROM email_outbox o USING appeal a
     WHERE a.municipality_id = $1 AND a.purge_after IS NOT NULL AND a.purge_after < $2
       AND o.user_id IS NULL AND o.deadline_key = 'appeal:' || a.id::text`,
    [municipalityId, today],
  );
  const r = await q.query(
    `UPDATE appeal SET author_name = NULL, author_address = NULL, author_email = NULL, author_name_key = NULL, author_address_key = NULL,
       version = version + 1
     WHERE municipality_id = $1 AND purge_after IS NOT NULL AND purge_after < $2
       AND (author_name IS NOT NULL OR author_address IS NOT NULL OR author_email IS NOT NULL)`,
    [municipalityId, today],
  );
  return r.rowCount ?? 0;
}

// ---- the office's annual report -------------------------------------------------------------------------

export interface OfficeCountsRow {
  incoming: number;
  headOrders: number;
  outgoing: number;
  other: number;
  controlDocuments: number;
  meetingOrders: number;
  broadcastOrders: number;
  appeals: number;
  collectiveAppeals: number;
}

/** The counts of one year for the office's report: one statement over the indexed tables. */
export async function officeCounts(q: Queryable, municipalityId: string, year: number): Promise<OfficeCountsRow> {
  const from = `${year}-01-01`;
  const to = `${year + 1}-01-01`;
  const r = await q.query<OfficeCountsRow>(
    `SELECT
       (SELECT count(*) FROM registry_document WHERE municipality_id = $1 AND year = $4 AND kind = 'incoming')::int AS "incoming",
       (SELECT count(*) FROM registry_document WHERE municipality_id = $1 AND year = $4 AND kind = 'outgoing')::int AS "outgoing",
       (SELECT count(*) FROM registry_document WHERE municipality_id = $1 AND year = $4 AND kind IN ('internal', 'other'))::int AS "other",
       (SELECT count(*) FROM control_order WHERE municipality_id = $1 AND issued_on >= $2 AND issued_on < $3 AND source = 'headOrder')::int AS "headOrders",
       (SELECT count(DISTINCT document_id) FROM control_order WHERE municipality_id = $1 AND issued_on >= $2 AND issued_on < $3 AND source = 'resolution')::int AS "controlDocuments",
       (SELECT count(*) FROM control_order WHERE municipality_id = $1 AND issued_on >= $2 AND issued_on < $3 AND source = 'meeting')::int AS "meetingOrders",
       (SELECT count(*) FROM control_order WHERE municipality_id = $1 AND issued_on >= $2 AND issued_on < $3 AND source = 'broadcast')::int AS "broadcastOrders",
       (SELECT count(*) FROM appeal WHERE municipality_id = $1 AND received_on >= $2 AND received_on < $3)::int AS "appeals",
       (SELECT count(*) FROM appeal WHERE municipality_id = $1 AND received_on >= $2 AND received_on < $3 AND collective)::int AS "collectiveAppeals"`,
    [municipalityId, from, to, year],
  );
  return one(r.rows);
}

/** The main topics of a year's appeals: the sections' codes (first four digits) with their counts, most first. */
export async function appealTopicCounts(q: Queryable, municipalityId: string, year: number): Promise<{ topic: string; count: number }[]> {
  const r = await q.query<{ topic: string; count: number }>(
    `SELECT topic_code AS topic, count(*)::int AS count FROM appeal
     WHERE municipality_id = $1 AND received_on >= $2 AND received_on < $3 GROUP BY topic_code ORDER BY count DESC, topic_code`,
    [municipalityId, `${year}-01-01`, `${year + 1}-01-01`],
  );
  return r.rows;
}

/** Execution of the orders due in a year: on time, late, overdue (open past due), extended, returned. */
export async function orderDiscipline(
  q: Queryable,
  municipalityId: string,
  year: number,
  today: string,
): Promise<{ departmentId: string; total: number; onTime: number; late: number; overdue: number; extended: number; returned: number }[]> {
  const r = await q.query<{
    department_id: string;
    total: number;
    on_time: number;
    late: number;
    overdue: number;
    extended: number;
    returned: number;
  }>(
    `SELECT responsible_department_id AS department_id, count(*)::int AS total,
       count(*) FILTER (WHERE state = 'done' AND closed_on <= due)::int AS on_time,
       count(*) FILTER (WHERE state = 'done' AND closed_on > due)::int AS late,
       count(*) FILTER (WHERE state <> 'done' AND due < $4)::int AS overdue,
       count(*) FILTER (WHERE extensions > 0)::int AS extended,
       count(*) FILTER (WHERE returns > 0)::int AS returned
     FROM control_order o WHERE municipality_id = $1 AND due >= $2 AND due < $3
     GROUP BY responsible_department_id
     -- departments by name (the discipline page lists them so)
     ORDER BY (SELECT public.search_lower(d.name) FROM department d WHERE d.id = o.responsible_department_id) NULLS LAST, responsible_department_id`,
    [municipalityId, `${year}-01-01`, `${year + 1}-01-01`, today],
  );
  return r.rows.map((x) => ({
    departmentId: x.department_id,
    total: x.total,
    onTime: x.on_time,
    late: x.late,
    overdue: x.overdue,
    extended: x.extended,
    returned: x.returned,
  }));
}

// ---- heads of departments (escalation) -------------------------------------------------------------------

export async function setDepartmentHead(q: Queryable, municipalityId: string, departmentId: string, userId: string | null): Promise<void> {
  if (userId === null) await q.query(`DELETE FROM control_department_head WHERE department_id = $1`, [departmentId]);
  else
    await q.query(
      `INSERT INTO control_department_head (department_id, municipality_id, user_id) VALUES ($1, $2, $3)
       ON CONFLICT (department_id) DO UPDATE SET user_id = $3`,
      [departmentId, municipalityId, userId],
    );
}

export async function departmentHeads(q: Queryable, municipalityId: string): Promise<Map<string, string>> {
  const r = await q.query<{ department_id: string; user_id: string }>(
    `SELECT department_id, user_id FROM control_department_head WHERE municipality_id = $1`,
    [municipalityId],
  );
  return new Map(r.rows.map((x) => [x.department_id, x.user_id]));
}

/** The co-executors of many orders at once (for the reminder scan). */
export async function coexecutorsOfOrders(q: Queryable, orderIds: string[]): Promise<OrderCoexecutorRecord[]> {
  if (orderIds.length === 0) return [];
  const r = await q.query<ControlOrderCoexecutorTable>(`SELECT * FROM control_order_coexecutor WHERE order_id = ANY($1::uuid[])`, [
    orderIds,
  ]);
  return r.rows.map(mapRow);
}

// ---- notices to the author and the author's feedback (issue 15, part 3) ---------------------------------

/**
 * Queues a notice to an appeal's author (no user: the key is `appeal:{id}`), once per moment;
 * answers the outbox row's id, or null when it was queued before.
 */
export async function insertAppealNotice(
  q: Queryable,
  m: { municipalityId: string; appealId: string; toAddress: string; subject: string; body: string; moment: string; at: string },
): Promise<string | null> {
  const r = await q.query<{ id: string }>(
    `INSERT INTO email_outbox (municipality_id, user_id, to_address, subject, body, deadline_key, moment, created_at)
     VALUES ($1, NULL, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (deadline_key, moment) WHERE user_id IS NULL AND deadline_key LIKE 'appeal:%' DO NOTHING RETURNING id`,
    [m.municipalityId, m.toAddress, m.subject, m.body, `appeal:${m.appealId}`, m.moment, m.at],
  );
  return r.rows[0]?.id ?? null;
}

/** The notices queued to an appeal's author (subject, moment, sent or not), oldest first. */
export async function appealNotices(
  q: Queryable,
  appealId: string,
): Promise<{ id: string; toAddress: string; subject: string; body: string; moment: string; sent: boolean }[]> {
  const r = await q.query<{ id: string; to_address: string; subject: string; body: string; moment: string; sent_at: Date | null }>(
    `SELECT id, to_address, subject, body, moment, sent_at FROM email_outbox WHERE user_id IS NULL AND deadline_key = $1
     ORDER BY created_at, split_part(moment, ':', 2)::int`,
    [`appeal:${appealId}`],
  );
  return r.rows.map((x) => ({
    id: x.id,
    toAddress: x.to_address,
    subject: x.subject,
    body: x.body,
    moment: x.moment,
    sent: x.sent_at !== null,
  }));
}

/** Records the author's feedback on the answer once; answers false when it was given before. */
export async function setAppealFeedback(
  q: Queryable,
  id: string,
  f: { feedback: "satisfied" | "notSatisfied"; comment: string | null; at: string },
): Promise<boolean> {
  const r = await q.query(
    `UPDATE appeal SET feedback = $2, feedback_comment = $3, feedback_at = $4, version = version + 1 WHERE id = $1 AND feedback IS NULL`,
    [id, f.feedback, f.comment, f.at],
  );
  return (r.rowCount ?? 0) > 0;
}

/** The municipality's own active answer templates (they add to or replace the defaults by code). */
export async function listAnswerTemplates(q: Queryable, municipalityId: string): Promise<{ code: string; title: string; body: string }[]> {
  const r = await q.query<{ code: string; title: string; body: string }>(
    `SELECT code, title, body FROM appeal_answer_template WHERE municipality_id = $1 AND active ORDER BY public.search_lower(title), code`,
    [municipalityId],
  );
  return r.rows;
}

// ---- the discipline dashboard (issue 15, part 4) ----------------------------------------------------------

export interface DisciplineRow {
  key: string | null;
  total: number;
  onTime: number;
  late: number;
  overdue: number;
  extended: number;
  returned: number;
}

/**
 * Execution of the appeals registered in a year, grouped by `by` (the assigned department, or the
 * month of the term): answered on time, late, open past the term (overdue), extended; nothing is
 * "returned" for an appeal (0).
 */
export async function appealDiscipline(
  q: Queryable,
  municipalityId: string,
  year: number,
  today: string,
  by: "department" | "person" | "month",
): Promise<DisciplineRow[]> {
  const key = by === "department" ? "assigned_department_id::text" : by === "person" ? "assigned_user_id::text" : "to_char(due, 'YYYY-MM')";
  const r = await q.query<{ key: string | null; total: number; on_time: number; late: number; overdue: number; extended: number }>(
    `SELECT ${key} AS key, count(*)::int AS total,
       count(*) FILTER (WHERE state IN ('answered', 'stopped', 'redirected') AND coalesce(answered_on, redirected_on) <= due)::int AS on_time,
       count(*) FILTER (WHERE state IN ('answered', 'stopped', 'redirected') AND coalesce(answered_on, redirected_on) > due)::int AS late,
       count(*) FILTER (WHERE state IN ('registered', 'inWork') AND due < $4)::int AS overdue,
       count(*) FILTER (WHERE extended)::int AS extended
     FROM appeal a WHERE municipality_id = $1 AND registered_on >= $2 AND registered_on < $3
     ${
       by === "department"
         ? // departments by name
           "GROUP BY assigned_department_id ORDER BY (SELECT public.search_lower(d.name) FROM department d WHERE d.id = a.assigned_department_id) NULLS LAST, 1"
         : "GROUP BY 1 ORDER BY 1"
     }`,
    [municipalityId, `${year}-01-01`, `${year + 1}-01-01`, today],
  );
  return r.rows.map((x) => ({
    key: x.key,
    total: x.total,
    onTime: x.on_time,
    late: x.late,
    overdue: x.overdue,
    extended: x.extended,
    returned: 0,
  }));
}

/** Orders due in a year by the month of their term: on time, late, overdue, extended, returned. */
export async function orderDisciplineByMonth(q: Queryable, municipalityId: string, year: number, today: string): Promise<DisciplineRow[]> {
  return orderDisciplineBy(q, municipalityId, year, today, "to_char(due, 'YYYY-MM')");
}

/** Orders due in a year by their responsible person (key: the user's id, null: a department without a person). */
export async function orderDisciplineByPerson(q: Queryable, municipalityId: string, year: number, today: string): Promise<DisciplineRow[]> {
  return orderDisciplineBy(q, municipalityId, year, today, "responsible_user_id::text");
}

/** The names of the users (full name) of a municipality's memberships, by id. */
export async function memberNames(q: Queryable, municipalityId: string): Promise<Map<string, string>> {
  const r = await q.query<{ id: string; full_name: string }>(
    `SELECT u.id, u.full_name FROM app_user u JOIN membership m ON m.user_id = u.id WHERE m.municipality_id = $1`,
    [municipalityId],
  );
  return new Map(r.rows.map((x) => [x.id, x.full_name]));
}

async function orderDisciplineBy(
  q: Queryable,
  municipalityId: string,
  year: number,
  today: string,
  key: "to_char(due, 'YYYY-MM')" | "responsible_user_id::text",
): Promise<DisciplineRow[]> {
  const r = await q.query<{
    key: string;
    total: number;
    on_time: number;
    late: number;
    overdue: number;
    extended: number;
    returned: number;
  }>(
    `SELECT ${key} AS key, count(*)::int AS total,
       count(*) FILTER (WHERE state = 'done' AND closed_on <= due)::int AS on_time,
       count(*) FILTER (WHERE state = 'done' AND closed_on > due)::int AS late,
       count(*) FILTER (WHERE state <> 'done' AND due < $4)::int AS overdue,
       count(*) FILTER (WHERE extensions > 0)::int AS extended,
       count(*) FILTER (WHERE returns > 0)::int AS returned
     FROM control_order WHERE municipality_id = $1 AND due >= $2 AND due < $3 GROUP BY 1 ORDER BY 1`,
    [municipalityId, `${year}-01-01`, `${year + 1}-01-01`, today],
  );
  return r.rows.map((x) => ({
    key: x.key,
    total: x.total,
    onTime: x.on_time,
    late: x.late,
    overdue: x.overdue,
    extended: x.extended,
    returned: x.returned,
  }));
}

/** The appeals of a year by district (territory), most first; no district: null. */
export async function appealDistrictCounts(
  q: Queryable,
  municipalityId: string,
  year: number,
): Promise<{ district: string | null; count: number }[]> {
  const r = await q.query<{ district: string | null; count: number }>(
    `SELECT district, count(*)::int AS count FROM appeal
     WHERE municipality_id = $1 AND registered_on >= $2 AND registered_on < $3 GROUP BY district ORDER BY count DESC, district`,
    [municipalityId, `${year}-01-01`, `${year + 1}-01-01`],
  );
  return r.rows;
}

// ---- the discipline dashboard in two statements (issue 15, parts 4 and 6) ------------------------------

const byKey = (a: DisciplineRow, b: DisciplineRow) =>
  a.key === b.key ? 0 : a.key === null ? 1 : b.key === null ? -1 : a.key < b.key ? -1 : 1;

/**
 * The orders due in a year ($2 ≤ due < $3) by department, person and month at once (GROUPING SETS);
 * $1 the municipality, $4 today. Rows: dim, key and the counts.
 */
export const ORDERS_BREAKDOWN_SQL = `SELECT CASE WHEN GROUPING(responsible_department_id) = 0 THEN 'department' WHEN GROUPING(responsible_user_id) = 0 THEN 'person' ELSE 'month' END AS dim,
         CASE WHEN GROUPING(responsible_department_id) = 0 THEN responsible_department_id::text
                       WHEN GROUPING(responsible_user_id) = 0 THEN responsible_user_id::text ELSE to_char(due, 'YYYY-MM') END AS key,
         count(*)::int AS total,
         count(*) FILTER (WHERE state = 'done' AND closed_on <= due)::int AS on_time,
         count(*) FILTER (WHERE state = 'done' AND closed_on > due)::int AS late,
         count(*) FILTER (WHERE state <> 'done' AND due < $4)::int AS overdue,
         count(*) FILTER (WHERE extensions > 0)::int AS extended,
         count(*) FILTER (WHERE returns > 0)::int AS returned
       FROM control_order WHERE municipality_id = $1 AND due >= $2 AND due < $3
       GROUP BY GROUPING SETS ((responsible_department_id), (responsible_user_id), (to_char(due, 'YYYY-MM')))`;

/** The appeals registered in a year by department, person, month and district at once (as ORDERS_BREAKDOWN_SQL). */
export const APPEALS_BREAKDOWN_SQL = `SELECT CASE WHEN GROUPING(assigned_department_id) = 0 THEN 'department' WHEN GROUPING(assigned_user_id) = 0 THEN 'person'
                   WHEN GROUPING(district) = 0 THEN 'district' ELSE 'month' END AS dim,
         CASE WHEN GROUPING(assigned_department_id) = 0 THEN assigned_department_id::text
              WHEN GROUPING(assigned_user_id) = 0 THEN assigned_user_id::text
              WHEN GROUPING(district) = 0 THEN district ELSE to_char(due, 'YYYY-MM') END AS key,
         count(*)::int AS total,
         count(*) FILTER (WHERE state IN ('answered', 'stopped', 'redirected') AND coalesce(answered_on, redirected_on) <= due)::int AS on_time,
         count(*) FILTER (WHERE state IN ('answered', 'stopped', 'redirected') AND coalesce(answered_on, redirected_on) > due)::int AS late,
         count(*) FILTER (WHERE state IN ('registered', 'inWork') AND due < $4)::int AS overdue,
         count(*) FILTER (WHERE extended)::int AS extended,
         0 AS returned
       FROM appeal WHERE municipality_id = $1 AND registered_on >= $2 AND registered_on < $3
       GROUP BY GROUPING SETS ((assigned_department_id), (assigned_user_id), (to_char(due, 'YYYY-MM')), (district))`;

/**
 * The execution of a year in two statements (GROUPING SETS): the orders due in the year by
 * department, person and month of the term; the appeals registered in it by department, person,
 * month of the term and district. The same counts as orderDiscipline, orderDisciplineByPerson,
 * orderDisciplineByMonth, appealDiscipline and appealDistrictCounts, in their order.
 */
export async function disciplineBreakdown(
  q: Queryable,
  municipalityId: string,
  year: number,
  today: string,
): Promise<{
  orders: Record<"department" | "person" | "month", DisciplineRow[]>;
  appeals: Record<"department" | "person" | "month", DisciplineRow[]> & { district: { district: string | null; count: number }[] };
}> {
  const span = [municipalityId, `${year}-01-01`, `${year + 1}-01-01`, today];
  type R = {
    dim: string;
    key: string | null;
    total: number;
    on_time: number;
    late: number;
    overdue: number;
    extended: number;
    returned: number;
  };
  const [o, a] = await Promise.all([q.query<R>(ORDERS_BREAKDOWN_SQL, span), q.query<R>(APPEALS_BREAKDOWN_SQL, span)]);
  return breakdownOf(o.rows, a.rows);
}

/** A row of ORDERS_BREAKDOWN_SQL or APPEALS_BREAKDOWN_SQL. */
export interface BreakdownRow {
  dim: string;
  key: string | null;
  total: number;
  on_time: number;
  late: number;
  overdue: number;
  extended: number;
  returned: number;
}

/** The rows of the two breakdown statements sorted out by dimension. */
export function breakdownOf(
  orderRows: readonly BreakdownRow[],
  appealRows: readonly BreakdownRow[],
): {
  orders: Record<"department" | "person" | "month", DisciplineRow[]>;
  appeals: Record<"department" | "person" | "month", DisciplineRow[]> & { district: { district: string | null; count: number }[] };
} {
  const o = { rows: orderRows };
  const a = { rows: appealRows };
  const rowsOf = (rows: readonly BreakdownRow[], dim: string): DisciplineRow[] =>
    rows
      .filter((x) => x.dim === dim)
      .map((x) => ({
        key: x.key,
        total: x.total,
        onTime: x.on_time,
        late: x.late,
        overdue: x.overdue,
        extended: x.extended,
        returned: x.returned,
      }))
      .sort(byKey);
  return {
    orders: { department: rowsOf(o.rows, "department"), person: rowsOf(o.rows, "person"), month: rowsOf(o.rows, "month") },
    appeals: {
      department: rowsOf(a.rows, "department"),
      person: rowsOf(a.rows, "person"),
      month: rowsOf(a.rows, "month"),
      district: rowsOf(a.rows, "district")
        .map((x) => ({ district: x.key, count: x.total }))
        .sort((x, y) => y.count - x.count || byKey({ ...EMPTY_ROW, key: x.district }, { ...EMPTY_ROW, key: y.district })),
    },
  };
}
const EMPTY_ROW: DisciplineRow = { key: null, total: 0, onTime: 0, late: 0, overdue: 0, extended: 0, returned: 0 };
