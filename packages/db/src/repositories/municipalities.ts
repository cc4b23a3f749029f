import { announce, type Queryable } from "../db.ts";
import { AUTH_CHANNEL } from "./users.ts";
import type { MunicipalityTable, ProgramTable } from "../schema.generated.ts";
import { mapRow, one, type Mapped } from "./rows.ts";
import { rowByIdSql } from "./resources.ts";

export type MunicipalityRecord = Mapped<MunicipalityTable>;

export interface MunicipalityInput {
  name: string;
  country: string;
  currency: string;
  timezone?: string;
}

export async function listMunicipalities(q: Queryable, ids?: string[]): Promise<MunicipalityRecord[]> {
  const r = ids
    ? await q.query<MunicipalityTable>(`SELECT * FROM municipality WHERE id = ANY($1) ORDER BY name`, [ids])
    : await q.query<MunicipalityTable>(`SELECT * FROM municipality ORDER BY name`);
  return r.rows.map(mapRow);
}

export async function getMunicipality(q: Queryable, id: string): Promise<MunicipalityRecord | null> {
  const r = await q.query<MunicipalityTable>(rowByIdSql("municipality"), [id]);
  return r.rows[0] ? mapRow(r.rows[0]) : null;
}

export async function findMunicipalityByName(q: Queryable, name: string): Promise<MunicipalityRecord | null> {
  const r = await q.query<MunicipalityTable>(`SELECT * FROM municipality WHERE name = $1`, [name]);
  return r.rows[0] ? mapRow(r.rows[0]) : null;
}

export async function insertMunicipality(q: Queryable, m: MunicipalityInput): Promise<MunicipalityRecord> {
  const r = await q.query<MunicipalityTable>(
    `INSERT INTO municipality (name, country, currency, timezone) VALUES ($1, $2, $3, $4) RETURNING *`,
    [m.name, m.country, m.currency, m.timezone ?? "Europe/Moscow"],
  );
  return mapRow(one(r.rows));
}

export async function updateMunicipality(
  q: Queryable,
  id: string,
  version: number,
  m: Partial<MunicipalityInput>,
): Promise<MunicipalityRecord | null> {
  const r = await q.query<MunicipalityTable>(
    `UPDATE municipality SET name = coalesce($3, name), country = coalesce($4, country), currency = coalesce($5, currency),
       timezone = coalesce($6, timezone), version = version + 1, updated_at = now()
     WHERE id = $1 AND version = $2 RETURNING *`,
    [id, version, m.name ?? null, m.country ?? null, m.currency ?? null, m.timezone ?? null],
  );
  // the municipality's name is in every membership's look-up of a session
  if (m.name !== undefined) announce(q, AUTH_CHANNEL, "*");
  return r.rows[0] ? mapRow(r.rows[0]) : null;
}

export async function countMunicipalities(q: Queryable): Promise<number> {
  const r = await q.query<{ n: number }>(`SELECT count(*) AS n FROM municipality`);
  return r.rows[0]!.n;
}

export async function listAllPrograms(q: Queryable): Promise<{ code: string; name: string; municipality: string }[]> {
  const r = await q.query<Pick<ProgramTable, "code" | "name"> & { municipality: MunicipalityTable["name"] }>(
    `SELECT p.code, p.name, m.name AS municipality FROM program p JOIN municipality m ON m.id = p.municipality_id ORDER BY m.name, p.code`,
  );
  return r.rows.map((x) => ({ code: x.code, name: x.name, municipality: x.municipality }));
}
