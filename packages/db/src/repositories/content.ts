/**
 * What decides whether a program's content and its record of execution may change: its version
 * in force, its open drafts with the state of their workflows, and its reports' states.
 */
import type { Queryable } from "../db.ts";
import type { DirectionSubmissionTable, ProgramVersionTable, ReportSubmissionTable, WorkflowInstanceTable } from "../schema.generated.ts";

export interface ProgramContentRows {
  inForce: { number: number; decreeNumber: string; decreeDate: string } | null;
  drafts: {
    flow: "program" | "directionOrder";
    kind: "program" | "amendment";
    state: string;
    number: number;
    directionCode: string | null;
  }[];
}

/** The version in force of a program (its last approved one) and its open drafts, in one query each. */
export async function programContentRows(q: Queryable, programId: string): Promise<ProgramContentRows> {
  const [approved, drafts] = await Promise.all([
    q.query<Pick<ProgramVersionTable, "number" | "decree_number" | "decree_date">>(
      `SELECT number, decree_number, to_char(decree_date, 'YYYY-MM-DD') AS decree_date FROM program_version
       WHERE program_id = $1 AND flow = 'program' AND status = 'approved' ORDER BY number DESC LIMIT 1`,
      [programId],
    ),
    q.query<Pick<ProgramVersionTable, "flow" | "kind" | "number" | "direction_code"> & Pick<WorkflowInstanceTable, "state">>(
      `SELECT v.flow, v.kind, v.number, v.direction_code, i.state FROM program_version v JOIN workflow_instance i ON i.program_version_id = v.id
       WHERE v.program_id = $1 AND v.status = 'draft' AND i.state NOT IN ('approved', 'published', 'cancelled')
       ORDER BY v.flow, v.direction_code NULLS FIRST`,
      [programId],
    ),
  ]);
  const a = approved.rows[0];
  return {
    inForce: a ? { number: Number(a.number), decreeNumber: String(a.decree_number), decreeDate: String(a.decree_date) } : null,
    drafts: drafts.rows.map((x) => ({
      flow: x.flow,
      kind: x.kind,
      state: x.state,
      number: Number(x.number),
      directionCode: x.direction_code ?? null,
    })),
  };
}

export interface ProgramReportRows {
  year: number;
  period: string;
  state: string;
  directions: Record<string, string>;
}

/** The statement of `programReportStates` (`years`: with the filter of years, `$2`). */
export function reportStatesSql(years: boolean): string {
  return `SELECT s.year, s.period, s.state, coalesce(jsonb_object_agg(ds.direction_id, ds.state) FILTER (WHERE ds.direction_id IS NOT NULL), '{}'::jsonb) AS directions
     FROM report_submission s LEFT JOIN direction_submission ds ON ds.submission_id = s.id
     WHERE s.program_id = $1${years ? " AND s.year = ANY($2)" : ""}
     GROUP BY s.id, s.year, s.period, s.state`;
}

/** The program's reports that are not open any more or have a direction's part beyond its draft (what may freeze facts). */
export async function programReportStates(q: Queryable, programId: string, years?: number[]): Promise<ProgramReportRows[]> {
  /** directions: each direction's part's state by the direction's id. */
  const r = await q.query<
    Pick<ReportSubmissionTable, "year" | "period" | "state"> & { directions: Record<string, DirectionSubmissionTable["state"]> }
  >(reportStatesSql(!!years), years ? [programId, years] : [programId]);
  return r.rows.map((x) => ({ year: Number(x.year), period: String(x.period), state: String(x.state), directions: x.directions }));
}
