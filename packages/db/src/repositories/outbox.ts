/**
 * The e-mail outbox: each reminder is queued once per user, deadline and moment, and sent exactly
 * once — the sender locks the unsent row in its transaction (FOR UPDATE SKIP LOCKED) and records it
 * sent in the same transaction.
 */
import type { Queryable } from "../db.ts";
import type { EmailOutboxTable } from "../schema.generated.ts";
import { mapRow, type Mapped } from "./rows.ts";

export type OutboxMailRecord = Mapped<EmailOutboxTable>;

export interface NewOutboxMail {
  municipalityId: string;
  userId: string;
  toAddress: string;
  subject: string;
  body: string;
  deadlineKey: string;
  moment: string;
  at: string;
}

/** Queues an e-mail once per user, deadline and moment; answers null when it was queued before. */
export async function insertOutboxMail(q: Queryable, m: NewOutboxMail): Promise<string | null> {
  const r = await q.query<Pick<EmailOutboxTable, "id">>(
    `INSERT INTO email_outbox (municipality_id, user_id, to_address, subject, body, deadline_key, moment, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (user_id, deadline_key, moment) DO NOTHING RETURNING id`,
    [m.municipalityId, m.userId, m.toAddress, m.subject, m.body, m.deadlineKey, m.moment, m.at],
  );
  return r.rows[0]?.id ?? null;
}

export async function getOutboxMail(q: Queryable, id: string): Promise<OutboxMailRecord | null> {
  const r = await q.query<EmailOutboxTable>(`SELECT * FROM email_outbox WHERE id = $1`, [id]);
  return r.rows[0] ? mapRow(r.rows[0]) : null;
}

/**
 * Takes the unsent mail for sending in the caller's transaction: the row stays locked until the
 * transaction ends, and a mail already sent or being sent by another process is skipped (null).
 */
export async function lockOutboxForSending(q: Queryable, id: string): Promise<OutboxMailRecord | null> {
  const r = await q.query<EmailOutboxTable>(`SELECT * FROM email_outbox WHERE id = $1 AND sent_at IS NULL FOR UPDATE SKIP LOCKED`, [id]);
  return r.rows[0] ? mapRow(r.rows[0]) : null;
}

/** Records that the mail went out; false when it had already been recorded as sent. */
export async function markOutboxSent(q: Queryable, id: string, messageId: string | null, now: string): Promise<boolean> {
  const r = await q.query(
    `UPDATE email_outbox SET sent_at = $3, message_id = $2, attempts = attempts + 1 WHERE id = $1 AND sent_at IS NULL`,
    [id, messageId, now],
  );
  return (r.rowCount ?? 0) > 0;
}

export async function markOutboxError(q: Queryable, id: string, error: string): Promise<void> {
  await q.query(`UPDATE email_outbox SET attempts = attempts + 1, last_error = $2 WHERE id = $1`, [id, error.slice(0, 2000)]);
}

export async function listOutbox(q: Queryable, municipalityId: string): Promise<(OutboxMailRecord & { version: number })[]> {
  const r = await q.query<EmailOutboxTable>(`SELECT * FROM email_outbox WHERE municipality_id = $1 ORDER BY created_at, id`, [
    municipalityId,
  ]);
  return r.rows.map((x) => ({ ...mapRow(x), version: 1 }));
}
