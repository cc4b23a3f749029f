/**
 * Files of the control (issue 15, part 1; migration 20261203130700_control_files): the files of a
 * registry document, of an order's report (attached to the event that carried it) and of an
 * appeal, stored in stored_file. The content is read only by getStoredFileContent after the app's
 * check of access.
 */
import type { Queryable } from "../db.ts";

export type ControlFileOwner = { documentId: string } | { orderId: string; orderEventId: string | null } | { appealId: string };

export interface ControlFileRecord {
  id: string;
  fileId: string;
  documentId: string | null;
  orderId: string | null;
  orderEventId: string | null;
  appealId: string | null;
  title: string | null;
  filename: string;
  contentType: string;
  size: number;
  sha256: string;
  createdByName: string | null;
  createdAt: string;
}

interface Row {
  id: string;
  file_id: string;
  document_id: string | null;
  order_id: string | null;
  order_event_id: string | null;
  appeal_id: string | null;
  title: string | null;
  filename: string;
  content_type: string;
  size: number;
  sha256: string;
  created_by_name: string | null;
  created_at: Date;
}

const COLUMNS = `c.id, c.file_id, c.document_id, c.order_id, c.order_event_id::text AS order_event_id, c.appeal_id, c.title,
  f.filename, f.content_type, f.size, f.sha256, u.full_name AS created_by_name, c.created_at`;
const FROM = `control_file c JOIN stored_file f ON f.id = c.file_id LEFT JOIN app_user u ON u.id = c.created_by`;

const view = (x: Row): ControlFileRecord => ({
  id: x.id,
  fileId: x.file_id,
  documentId: x.document_id,
  orderId: x.order_id,
  orderEventId: x.order_event_id,
  appealId: x.appeal_id,
  title: x.title,
  filename: x.filename,
  contentType: x.content_type,
  size: Number(x.size),
  sha256: x.sha256,
  createdByName: x.created_by_name,
  createdAt: x.created_at.toISOString(),
});

export async function insertControlFile(
  q: Queryable,
  f: { municipalityId: string; fileId: string; owner: ControlFileOwner; title: string | null; createdBy: string | null },
): Promise<ControlFileRecord> {
  const o = f.owner;
  const r = await q.query<{ id: string }>(
    `INSERT INTO control_file (municipality_id, file_id, document_id, order_id, order_event_id, appeal_id, title, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [
      f.municipalityId,
      f.fileId,
      "documentId" in o ? o.documentId : null,
      "orderId" in o ? o.orderId : null,
      "orderId" in o ? o.orderEventId : null,
      "appealId" in o ? o.appealId : null,
      f.title,
      f.createdBy,
    ],
  );
  const id = r.rows[0]!.id;
  return (await getControlFile(q, id))!;
}

export async function getControlFile(q: Queryable, id: string): Promise<ControlFileRecord | null> {
  const r = await q.query<Row>(`SELECT ${COLUMNS} FROM ${FROM} WHERE c.id = $1`, [id]);
  return r.rows[0] ? view(r.rows[0]) : null;
}

/** The files of a document, an order (every event's) or an appeal, oldest first. */
export async function listControlFiles(
  q: Queryable,
  owner: { documentId: string } | { orderId: string } | { appealId: string },
): Promise<ControlFileRecord[]> {
  const [column, id] =
    "documentId" in owner
      ? ["document_id", owner.documentId]
      : "orderId" in owner
        ? ["order_id", owner.orderId]
        : ["appeal_id", owner.appealId];
  const r = await q.query<Row>(`SELECT ${COLUMNS} FROM ${FROM} WHERE c.${column} = $1 ORDER BY c.created_at, c.id`, [id]);
  return r.rows.map(view);
}

/** Erases the files of the appeals whose retention ended before `today` (they are personal data); answers how many. */
export async function purgeAppealFiles(q: Queryable, municipalityId: string, today: string): Promise<number> {
  const r = await q.query<{ file_id: string }>(
    `DELETE FROM control_file c USING appeal a
     WHERE c.appeal_id = a.id AND a.municipality_id = $1 AND a.purge_after IS NOT NULL AND a.purge_after < $2
     RETURNING c.file_id`,
    [municipalityId, today],
  );
  const ids = r.rows.map((x) => x.file_id);
  if (ids.length) await q.query(`DELETE FROM stored_file WHERE id = ANY($1::uuid[])`, [ids]);
  return ids.length;
}

// ---- districts with coordinates (the map of appeals) ---------------------------------------------

export async function controlDistricts(q: Queryable, municipalityId: string): Promise<{ name: string; lat: number; lon: number }[]> {
  const r = await q.query<{ name: string; lat: string; lon: string }>(
    `SELECT name, lat, lon FROM control_district WHERE municipality_id = $1 ORDER BY name`,
    [municipalityId],
  );
  return r.rows.map((x) => ({ name: x.name, lat: Number(x.lat), lon: Number(x.lon) }));
}

export async function upsertControlDistricts(
  q: Queryable,
  municipalityId: string,
  districts: readonly { name: string; lat: number; lon: number }[],
): Promise<void> {
  if (!districts.length) return;
  await q.query(
    `INSERT INTO control_district (municipality_id, name, lat, lon)
     SELECT $1, d.name, d.lat, d.lon FROM unnest($2::text[], $3::numeric[], $4::numeric[]) AS d(name, lat, lon)
     ON CONFLICT (municipality_id, name) DO UPDATE SET lat = excluded.lat, lon = excluded.lon`,
    [municipalityId, districts.map((d) => d.name), districts.map((d) => d.lat), districts.map((d) => d.lon)],
  );
}
