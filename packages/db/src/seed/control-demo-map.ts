/**
 * The demo's part of the discipline dashboard (issue 15, part 4): the districts of Kaluga with the
 * points the map of appeals draws them at, and a responsible person for the demo's orders and
 * appeals where a member of the responsible department exists (the breakdown by person).
 *
 * The points are approximate centres of the three administrative districts (округа) of Kaluga,
 * invented for the demo (source 003 gives no territories).
 */
import type { Queryable } from "../db.ts";
import { upsertControlDistricts } from "../repositories/control-files.ts";

export const KALUGA_DISTRICT_POINTS = [
  { name: "Ленинский округ", lat: 54.507, lon: 36.252 },
  { name: "Московский округ", lat: 54.553, lon: 36.284 },
  { name: "Октябрьский округ", lat: 54.528, lon: 36.205 },
] as const;

export async function loadControlDemoMap(q: Queryable, municipalityId: string): Promise<void> {
  await upsertControlDistricts(q, municipalityId, KALUGA_DISTRICT_POINTS);
  // the first member (by login) of each department answers for its orders and appeals
  await q.query(
    `WITH person AS (
       SELECT DISTINCT ON (m.department_id) m.department_id, m.user_id
       FROM membership m JOIN app_user u ON u.id = m.user_id
       WHERE m.municipality_id = $1 AND m.department_id IS NOT NULL ORDER BY m.department_id, u.login)
     UPDATE control_order o SET responsible_user_id = p.user_id FROM person p
     WHERE o.municipality_id = $1 AND o.responsible_department_id = p.department_id AND o.responsible_user_id IS NULL`,
    [municipalityId],
  );
  await q.query(
    `WITH person AS (
       SELECT DISTINCT ON (m.department_id) m.department_id, m.user_id
       FROM membership m JOIN app_user u ON u.id = m.user_id
       WHERE m.municipality_id = $1 AND m.department_id IS NOT NULL ORDER BY m.department_id, u.login)
     UPDATE appeal a SET assigned_user_id = p.user_id FROM person p
     WHERE a.municipality_id = $1 AND a.assigned_department_id = p.department_id AND a.assigned_user_id IS NULL`,
    [municipalityId],
  );
}
