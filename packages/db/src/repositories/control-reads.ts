/**
 * The control's reads in few statements (issue 15, part 6: "my due items" and the dashboard under
 * load, where each round trip waits for a core): the setup every control use case starts with in one
 * statement, the discipline dashboard's data in one.
 */
import type { Queryable } from "../db.ts";
import type { ControlOrderTable } from "../schema.generated.ts";
import { mapRows } from "./rows.ts";
import {
  APPEALS_BREAKDOWN_SQL,
  ORDERS_BREAKDOWN_SQL,
  breakdownOf,
  type BreakdownRow,
  type ControlOrderRecord,
  type ControlSettingRecord,
  type DisciplineRow,
} from "./control.ts";

export interface ControlSetupRow {
  /** null: no such municipality. */
  timezone: string | null;
  country: string | null;
  /** The municipality's own working-day calendar (monitoring settings), or null for the built-in one. */
  calendar: unknown;
  settings: ControlSettingRecord;
  /** The head of each department (department id → user id). */
  heads: Map<string, string>;
  /**
   * The municipality's change counter of the control (`control_change`: a new number at every
   * committed write to its orders or appeals), null before the first: what was computed from these
   * tables under the same number is still true.
   */
  change: string | null;
  /**
   * The municipality's setup counter (`control_setup_change`: a new number at every write to what
   * this row reads), null if none: a setup kept under the same number is still this one.
   */
  setupChange: string | null;
}

/** The setup counter of the municipality $1, as a column of a list's statement (`setup_change`). */
export const SETUP_CHANGE_SQL = `(SELECT s.n::text FROM control_setup_change s WHERE s.municipality_id = $1)`;

/**
 * What `getControlSetting`, `getMunicipality` + `getMonitoringSettings` (the calendar and the time
 * zone) and `departmentHeads` give, in one statement.
 */
export async function controlSetupRow(q: Queryable, municipalityId: string): Promise<ControlSetupRow> {
  const r = await q.query<{
    found: boolean;
    timezone: string | null;
    country: string | null;
    calendar: unknown;
    office_department_id: string | null;
    reminder_days_before: number | null;
    version: number | null;
    heads: [string, string][];
    change: string | null;
    setup_change: string | null;
  }>(
    `SELECT m.id IS NOT NULL AS found, m.timezone, m.country::text AS country, ms.calendar,
       cs.office_department_id, cs.reminder_days_before, cs.version,
       coalesce((SELECT json_agg(json_build_array(h.department_id, h.user_id)) FROM control_department_head h WHERE h.municipality_id = $1), '[]') AS heads,
       (SELECT c.n::text FROM control_change c WHERE c.municipality_id = $1) AS change,
       ${SETUP_CHANGE_SQL} AS setup_change
     FROM (SELECT $1::uuid AS id) x
     LEFT JOIN municipality m ON m.id = x.id
     LEFT JOIN control_setting cs ON cs.municipality_id = x.id
     LEFT JOIN monitoring_settings ms ON ms.municipality_id = x.id`,
    [municipalityId],
  );
  const x = r.rows[0]!;
  return {
    timezone: x.found ? (x.timezone ?? "Europe/Moscow") : null,
    country: x.country,
    calendar: x.calendar !== null && typeof x.calendar === "object" && !Array.isArray(x.calendar) ? x.calendar : null,
    settings:
      x.version === null
        ? { officeDepartmentId: null, reminderDaysBefore: 3, version: 0 }
        : { officeDepartmentId: x.office_department_id, reminderDaysBefore: x.reminder_days_before ?? 3, version: x.version },
    heads: new Map(x.heads),
    change: x.change,
    setupChange: x.setup_change,
  };
}

export interface DisciplineData {
  orders: Record<"department" | "person" | "month", DisciplineRow[]>;
  appeals: Record<"department" | "person" | "month", DisciplineRow[]> & { district: { district: string | null; count: number }[] };
  /** The year's appeals by topic (received in the year), most first. */
  topics: { topic: string; count: number }[];
  /** The districts with coordinates. */
  points: { name: string; lat: number; lon: number }[];
  departments: Map<string, string>;
  people: Map<string, string>;
  /** The counts of orders and appeals as read, to be given back while `change` is the same. */
  counts: DisciplineCounts;
}

/** The dashboard's counts over the orders and appeals, read with the change counter of the same snapshot. */
export interface DisciplineCounts {
  /** `control_change` in the snapshot of the counts (null: no write yet). */
  change: string | null;
  o: BreakdownRow[];
  a: BreakdownRow[];
  t: { topic: string; count: number }[];
}

/**
 * The discipline dashboard's data in one statement: the two breakdowns (GROUPING SETS), the topics,
 * the districts' points and the names of the departments and members, each as a JSON array. Given
 * `counts` read before (still true: the change counter is the same), only the names and points are
 * read: the counts over tens of thousands of rows are the statement's whole cost.
 */
export async function disciplineData(
  q: Queryable,
  municipalityId: string,
  year: number,
  today: string,
  counts?: DisciplineCounts,
): Promise<DisciplineData> {
  const r = await q.query<{
    change: string | null;
    o: BreakdownRow[] | null;
    a: BreakdownRow[] | null;
    t: { topic: string; count: number }[] | null;
    p: { name: string; lat: string | number; lon: string | number }[];
    d: [string, string][];
    u: [string, string][];
  }>(
    counts
      ? `SELECT NULL::text AS change, NULL::json AS o, NULL::json AS a, NULL::json AS t,
       coalesce((SELECT json_agg(json_build_object('name', name, 'lat', lat, 'lon', lon) ORDER BY name) FROM control_district WHERE municipality_id = $1), '[]') AS p,
       coalesce((SELECT json_agg(json_build_array(id, name)) FROM department WHERE municipality_id = $1), '[]') AS d,
       coalesce((SELECT json_agg(json_build_array(u.id, u.full_name)) FROM app_user u JOIN membership m ON m.user_id = u.id WHERE m.municipality_id = $1), '[]') AS u`
      : `SELECT
       (SELECT c.n::text FROM control_change c WHERE c.municipality_id = $1) AS change,
       coalesce((SELECT json_agg(x) FROM (${ORDERS_BREAKDOWN_SQL}) x), '[]') AS o,
       coalesce((SELECT json_agg(x) FROM (${APPEALS_BREAKDOWN_SQL}) x), '[]') AS a,
       coalesce((SELECT json_agg(x ORDER BY x.count DESC, x.topic) FROM (SELECT topic_code AS topic, count(*)::int AS count FROM appeal
          WHERE municipality_id = $1 AND received_on >= $2 AND received_on < $3 GROUP BY topic_code) x), '[]') AS t,
       coalesce((SELECT json_agg(json_build_object('name', name, 'lat', lat, 'lon', lon) ORDER BY name) FROM control_district WHERE municipality_id = $1), '[]') AS p,
       coalesce((SELECT json_agg(json_build_array(id, name)) FROM department WHERE municipality_id = $1), '[]') AS d,
       coalesce((SELECT json_agg(json_build_array(u.id, u.full_name)) FROM app_user u JOIN membership m ON m.user_id = u.id WHERE m.municipality_id = $1), '[]') AS u`,
    counts ? [municipalityId] : [municipalityId, `${year}-01-01`, `${year + 1}-01-01`, today],
  );
  const x = r.rows[0]!;
  const c: DisciplineCounts = counts ?? { change: x.change, o: x.o ?? [], a: x.a ?? [], t: x.t ?? [] };
  return {
    ...breakdownOf(c.o, c.a),
    topics: c.t,
    points: x.p.map((p) => ({ name: p.name, lat: Number(p.lat), lon: Number(p.lon) })),
    departments: new Map(x.d),
    people: new Map(x.u),
    counts: c,
  };
}

/**
 * The statement of `myControlOrders` ($1 the municipality, $2 the person, $3 their department or
 * null, $4 the limit; with `after`, $5–$7 the previous page's last term, number and id), for the
 * benchmark's plans. Each row carries the count of the whole list (`total`).
 */
export function myControlOrdersSql(openOnly: boolean, after = false): string {
  const open = openOnly ? `AND o.state <> 'done'` : "";
  return `WITH mine AS (
       SELECT o.id FROM control_order o WHERE o.municipality_id = $1 ${open} AND o.responsible_user_id = $2
       UNION
       SELECT o.id FROM control_order o WHERE o.municipality_id = $1 ${open} AND o.controller_id = $2
       UNION
       SELECT o.id FROM control_order_coexecutor c JOIN control_order o ON o.id = c.order_id
         WHERE c.user_id = $2 AND o.municipality_id = $1 ${open}
       UNION
       SELECT o.id FROM control_order o WHERE o.municipality_id = $1 ${open} AND o.responsible_department_id = $3::uuid
       UNION
       SELECT o.id FROM control_order_coexecutor c JOIN control_order o ON o.id = c.order_id
         WHERE c.department_id = $3::uuid AND o.municipality_id = $1 ${open}
     )
     SELECT o.*, coalesce((SELECT json_agg(json_build_object('department_id', c.department_id, 'user_id', c.user_id))
                             FROM control_order_coexecutor c WHERE c.order_id = o.id), '[]') AS coexecutors_json,
       (SELECT count(*)::int FROM mine) AS total, ${SETUP_CHANGE_SQL} AS setup_change
     FROM control_order o JOIN mine ON mine.id = o.id
     ${after ? "WHERE (o.due, o.number, o.id) > ($5::date, $6::text, $7::uuid)" : ""}
     ORDER BY o.due, o.number, o.id LIMIT $4`;
}

/**
 * A person's orders ("my due items") in one statement: those where they are the responsible person,
 * the controller or a co-executor, and those of their department (responsible or co-executing) —
 * each part along its own index (an OR of them, or an EXISTS in an OR, reads every open order of the
 * municipality), joined by UNION — with each order's co-executors.
 */
export async function myControlOrders(
  q: Queryable,
  municipalityId: string,
  f: {
    userId: string;
    departmentId: string | null;
    openOnly: boolean;
    limit: number;
    /** The rows after this one (term, number, id: the previous page's last). */
    after?: { on: string; number: string; id: string } | null;
  },
): Promise<
  {
    order: ControlOrderRecord;
    coexecutors: { departmentId: string | null; userId: string | null }[];
    total: number;
    /** The setup counter of the statement's snapshot (`SETUP_CHANGE_SQL`). */
    setupChange: string | null;
  }[]
> {
  const r = await q.query<
    ControlOrderTable & {
      coexecutors_json: { department_id: string | null; user_id: string | null }[];
      total: number;
      setup_change: string | null;
    }
  >(myControlOrdersSql(f.openOnly, !!f.after), [
    municipalityId,
    f.userId,
    f.departmentId,
    Math.min(f.limit, 2000),
    ...(f.after ? [f.after.on, f.after.number, f.after.id] : []),
  ]);
  const orders = mapRows(r.rows, ["coexecutors_json", "total", "setup_change"]);
  return r.rows.map(({ coexecutors_json, total, setup_change }, i) => ({
    order: orders[i]!,
    coexecutors: coexecutors_json.map((c) => ({ departmentId: c.department_id, userId: c.user_id })),
    total,
    setupChange: setup_change,
  }));
}
