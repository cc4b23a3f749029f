/**
 * The job queue: jobs run at their time by one worker each. A claimed job is leased to its worker
 * (FOR UPDATE SKIP LOCKED): no job is ever handed to two workers at once, and a worker that dies
 * loses its lease. A `uniqueKey` keeps one pending job per key. Times given as `now` come from the
 * application's clock (tests may fix it).
 */
import type { Queryable } from "../db.ts";
import type { JobTable } from "../schema.generated.ts";
import { mapRow, type Mapped } from "./rows.ts";

export interface JobRecord {
  id: string;
  municipalityId: string | null;
  kind: string;
  payload: Record<string, unknown>;
  uniqueKey: string | null;
  runAt: string;
  attempts: number;
  maxAttempts: number;
}

function jobOf(x: JobTable): JobRecord {
  return {
    id: String(x.id),
    municipalityId: x.municipality_id,
    kind: x.kind,
    payload: isPayload(x.payload) ? x.payload : {},
    uniqueKey: x.unique_key,
    runAt: new Date(x.run_at).toISOString(),
    attempts: x.attempts,
    maxAttempts: x.max_attempts,
  };
}

function isPayload(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * Enqueues a job. With a `uniqueKey`, nothing is added while a pending job has the same key
 * (answers null then).
 */
export async function enqueueJob(
  q: Queryable,
  j: {
    kind: string;
    payload?: Record<string, unknown>;
    runAt: string;
    uniqueKey?: string | null;
    municipalityId?: string | null;
    maxAttempts?: number;
  },
): Promise<string | null> {
  const r = await q.query<Pick<JobTable, "id">>(
    `INSERT INTO job (municipality_id, kind, payload, unique_key, run_at, max_attempts) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (unique_key) WHERE unique_key IS NOT NULL AND done_at IS NULL AND failed_at IS NULL DO NOTHING RETURNING id`,
    [j.municipalityId ?? null, j.kind, JSON.stringify(j.payload ?? {}), j.uniqueKey ?? null, j.runAt, j.maxAttempts ?? 5],
  );
  return r.rows[0] ? String(r.rows[0].id) : null;
}

/**
 * Claims up to `limit` due jobs for this worker: those not done, due by `now`, and not leased to
 * a live worker. Rows another worker is claiming at the same moment are skipped (SKIP LOCKED), so
 * no job is ever handed to two workers at once.
 */
export async function claimJobs(q: Queryable, workerId: string, now: string, leaseSeconds: number, limit: number): Promise<JobRecord[]> {
  const r = await q.query<JobTable>(
    `UPDATE job SET locked_by = $1, locked_until = $2::timestamptz + make_interval(secs => $3), attempts = attempts + 1
     WHERE id IN (
       SELECT id FROM job
       WHERE done_at IS NULL AND failed_at IS NULL AND run_at <= $2 AND (locked_until IS NULL OR locked_until < $2)
       ORDER BY run_at, id LIMIT $4
       FOR UPDATE SKIP LOCKED)
     RETURNING *`,
    [workerId, now, leaseSeconds, limit],
  );
  return r.rows.map(jobOf).sort((a, b) => (a.runAt < b.runAt ? -1 : a.runAt > b.runAt ? 1 : Number(a.id) - Number(b.id)));
}

/** Marks a job done, if this worker still holds it. */
export async function completeJob(q: Queryable, id: string, workerId: string, now: string): Promise<boolean> {
  const r = await q.query(
    `UPDATE job SET done_at = $3, locked_by = NULL, locked_until = NULL WHERE id = $1 AND locked_by = $2 AND done_at IS NULL`,
    [id, workerId, now],
  );
  return (r.rowCount ?? 0) > 0;
}

/** Records a failure: retried at `retryAt`, or failed for good after its last attempt. */
export async function failJob(q: Queryable, id: string, workerId: string, error: string, now: string, retryAt: string): Promise<void> {
  await q.query(
    `UPDATE job SET last_error = $3, locked_by = NULL, locked_until = NULL,
       failed_at = CASE WHEN attempts >= max_attempts THEN $4::timestamptz ELSE NULL END,
       run_at = CASE WHEN attempts >= max_attempts THEN run_at ELSE $5::timestamptz END
     WHERE id = $1 AND locked_by = $2`,
    [id, workerId, error.slice(0, 2000), now, retryAt],
  );
}

/** A job as listed: its id as a string, like the other rows' ids. */
export type JobListed = Omit<Mapped<JobTable>, "id"> & { id: string };

export async function listJobs(q: Queryable, f: { kind?: string; pending?: boolean } = {}): Promise<JobListed[]> {
  const conds: string[] = [];
  const vals: unknown[] = [];
  if (f.kind) {
    vals.push(f.kind);
    conds.push(`kind = $${vals.length}`);
  }
  if (f.pending) conds.push("done_at IS NULL AND failed_at IS NULL");
  const r = await q.query<JobTable>(`SELECT * FROM job ${conds.length ? `WHERE ${conds.join(" AND ")}` : ""} ORDER BY id`, vals);
  return r.rows.map((x) => ({ ...mapRow(x), id: String(x.id) }));
}
