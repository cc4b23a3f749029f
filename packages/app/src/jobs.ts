/**
 * Background jobs from a PostgreSQL-backed queue: each server process runs a worker that claims
 * due jobs (SELECT … FOR UPDATE SKIP LOCKED, with a lease), so several processes share the work and
 * no job runs twice at once. Two kinds:
 *
 *  - `reminders.scan` — the scheduler: walks every municipality's deadlines and, for each one not
 *    done, gives the reminder due today (N working days before, on the day, once overdue) to whoever
 *    must act, as an in-app notification and an e-mail in the outbox. The notification and the
 *    outbox mail are unique per (user, deadline, moment), so a reminder happens once however many
 *    scans or processes run. It re-enqueues itself (one pending scan at a time, by its unique key).
 *  - `email.send` — sends one outbox mail over SMTP (SMTP_URL, SMTP_FROM), holding the outbox row
 *    locked while sending and marking it sent in the same transaction.
 *  - `audit.anchor` — anchors the audit log's chain heads (audit-anchor.ts) when they changed since
 *    the last anchor; hourly, in the processes given an anchor configuration.
 *  - `votes.close` — closes the rating votes whose end has come (portal/vote-close.ts): results
 *    published, followers and voters told; enqueued at each vote's end, and the hourly scan closes
 *    any left.
 *
 * Without SMTP_URL the mails go to a local file (`localMailer`), quietly: nothing fails in the log.
 */
import { randomUUID } from "node:crypto";
import { appendFileSync, mkdirSync } from "node:fs";
import { hostname } from "node:os";
import { dirname } from "node:path";
import nodemailer from "nodemailer";
import {
  allMunicipalityIds,
  claimJobs,
  completeJob,
  enqueueJob,
  failJob,
  insertNotification,
  insertOutboxMail,
  lockOutboxForSending,
  markOutboxError,
  markOutboxSent,
  membersOfMunicipality,
  type JobRecord,
  deleteExpiredSessions,
} from "@orientir/db";
import { formatDateRu, periodLabel, reminderDue, UnavailableError, type DeadlineItem, type ReminderKind } from "@orientir/domain";
import type { AppContext } from "./context.ts";
import { anchorAudit, type AuditAnchorConfig } from "./audit-anchor.ts";
import { localDate, monitoringSetup, municipalityDeadlineItems, recipientsOf } from "./monitoring/index.ts";
import { budgetChangeReminderItems, directionOrderReminderItems, gasRegistrationItems, workflowEventItems } from "./budget-changes.ts";
import { scanControlReminders } from "./control/reminders.ts";
import { closeDueVotes } from "./portal/vote-close.ts";

// ---- e-mail ----------------------------------------------------------------------------------------

export interface Mail {
  to: string;
  subject: string;
  text: string;
  /** Extra headers, e.g. X-Orientir-Reminder: the deadline and moment the mail is about. */
  headers?: Record<string, string>;
}

export interface Mailer {
  send(mail: Mail): Promise<{ messageId: string | null }>;
  close?(): void;
  /** The local sink (no SMTP): the residents' codes and notices go there; staff reminders stay in the app. */
  local?: boolean;
}

/**
 * The local outbox of a deployment without SMTP (the demo, a developer's machine): every mail is
 * appended to `file` as text (headers, a blank line, the body, a line of `=`), so that
 * `tail -f data/mail/outbox.txt` shows the residents' sign-in codes and notices.
 */
export function localMailer(file: string, from = "Ориентир <noreply@localhost>"): Mailer {
  return {
    local: true,
    send(mail) {
      const messageId = `<${randomUUID()}@orientir.local>`;
      const headers = Object.entries(mail.headers ?? {}).map(([k, v]) => `${k}: ${v}\n`);
      mkdirSync(dirname(file), { recursive: true });
      appendFileSync(
        file,
        `Date: ${new Date().toUTCString()}\nMessage-ID: ${messageId}\nFrom: ${from}\nTo: ${mail.to}\nSubject: ${mail.subject}\n` +
          `${headers.join("")}\n${mail.text}\n${"=".repeat(72)}\n`,
        { mode: 0o600 },
      );
      return Promise.resolve({ messageId });
    },
  };
}

/**
 * The mailer configured by the environment: SMTP_URL (e.g. `smtp://user:pass@mail.example.org:587`,
 * `smtps://…:465`) and SMTP_FROM (default `Ориентир <noreply@localhost>`). Null when SMTP_URL is
 * unset: reminders are then given in the application only.
 */
export function mailerFromEnv(env: Record<string, string | undefined> = process.env): Mailer | null {
  const url = env.SMTP_URL?.trim();
  if (!url) return null;
  return smtpMailer(url, env.SMTP_FROM?.trim() || "Ориентир <noreply@localhost>");
}

export function smtpMailer(url: string, from: string): Mailer {
  const transport = nodemailer.createTransport(url);
  return {
    async send(mail) {
      const info = await transport.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text, headers: mail.headers });
      return { messageId: info.messageId ?? null };
    },
    close: () => transport.close(),
  };
}

// ---- the queue ---------------------------------------------------------------------------------------

export interface JobRuntime {
  ctx: AppContext;
  /** Unique per process: the lease is held in its name. */
  workerId: string;
  mailer: Mailer | null;
  /** The deployment's public address (ORIENTIR_PUBLIC_URL): relative links of mail headers are made absolute with it. */
  publicUrl?: string;
  log?: (message: string) => void;
  /** How long a claimed job is this worker's before another may take it over (default 300 s). */
  leaseSeconds?: number;
  /** Minutes between two reminder scans (default 60). */
  scanEveryMinutes?: number;
  /** Where and with which key this process anchors the audit log; none: it runs no anchor job. */
  auditAnchor?: AuditAnchorConfig | null;
  /** Minutes between two anchors of the audit log (default 60). */
  anchorEveryMinutes?: number;
}

export const AUDIT_ANCHOR_KEY = "audit.anchor";

/** Makes sure an anchor of the audit log is pending (due now, unless one is pending already). */
export async function ensureAuditAnchorJob(ctx: AppContext, at: Date = ctx.now()): Promise<boolean> {
  return (
    (await enqueueJob(ctx.db, { kind: "audit.anchor", runAt: at.toISOString(), uniqueKey: AUDIT_ANCHOR_KEY, maxAttempts: 1000 })) !== null
  );
}

export const REMINDER_SCAN_KEY = "reminders.scan";

export function defaultWorkerId(): string {
  return `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;
}

/** Makes sure a reminder scan is pending (due now, unless one is pending already). */
export async function ensureReminderScan(ctx: AppContext, at: Date = ctx.now()): Promise<boolean> {
  return (
    (await enqueueJob(ctx.db, { kind: "reminders.scan", runAt: at.toISOString(), uniqueKey: REMINDER_SCAN_KEY, maxAttempts: 1000 })) !==
    null
  );
}

type Handler = (rt: JobRuntime, job: JobRecord) => Promise<void>;

const HANDLERS: Record<string, Handler> = {
  "reminders.scan": async (rt) => {
    const email = rt.mailer !== null && !rt.mailer.local;
    await scanReminders(rt.ctx, { email });
    // control of orders (issue 15): preventive reminders, the daily digest, escalation of overdue orders
    await scanControlReminders(rt.ctx, { email });
    // rating votes ended without their job (recorded whole, e.g. the demo's)
    await closeDueVotes(rt.ctx);
    // hourly too: expired sessions, spent pending sign-ins and stale login counters go
    await deleteExpiredSessions(rt.ctx.db);
  },
  "audit.anchor": async (rt) => {
    if (!rt.auditAnchor) throw new Error("якоря журнала не настроены в этом процессе");
    const a = await anchorAudit(rt.ctx, rt.auditAnchor, { onlyIfChanged: true });
    if (a) rt.log?.(`audit log anchored at ${a.at} (${a.heads.length} chains) in ${rt.auditAnchor.anchorFile}`);
  },
  "email.send": async (rt, job) => {
    if (!rt.mailer) throw new Error("SMTP не настроен (SMTP_URL)");
    await sendOutboxMail(rt.ctx, rt.mailer, String(job.payload.outboxId), rt.publicUrl);
  },
  "votes.close": async (rt) => {
    const closed = await closeDueVotes(rt.ctx);
    if (closed.length) rt.log?.(`rating votes closed, results published: ${closed.join(", ")}`);
  },
};

/** Retry after 1, 2, 4, … minutes, at most an hour. */
function retryAt(now: Date, attempts: number): string {
  return new Date(now.getTime() + Math.min(60, 2 ** Math.max(0, attempts - 1)) * 60_000).toISOString();
}

/** Claims the due jobs and runs them one by one; answers how many ran. */
export async function runDueJobs(rt: JobRuntime, limit = 20): Promise<number> {
  const { ctx, workerId } = rt;
  const jobs = await ctx.db.tx((q) => claimJobs(q, workerId, ctx.now().toISOString(), rt.leaseSeconds ?? 300, limit));
  for (const job of jobs) {
    const handler = HANDLERS[job.kind];
    try {
      if (!handler) throw new Error(`неизвестный вид задания: ${job.kind}`);
      await handler(rt, job);
      await completeJob(ctx.db, job.id, workerId, ctx.now().toISOString());
    } catch (e) {
      rt.log?.(`job ${job.id} (${job.kind}) failed: ${(e as Error).message}`);
      await failJob(ctx.db, job.id, workerId, (e as Error).message ?? String(e), ctx.now().toISOString(), retryAt(ctx.now(), job.attempts));
    }
    if (job.kind === "reminders.scan") {
      // the next scan; the unique key keeps one pending, whichever process gets here
      await enqueueJob(ctx.db, {
        kind: "reminders.scan",
        uniqueKey: REMINDER_SCAN_KEY,
        maxAttempts: 1000,
        runAt: new Date(ctx.now().getTime() + (rt.scanEveryMinutes ?? 60) * 60_000).toISOString(),
      });
    }
    if (job.kind === "audit.anchor" && rt.auditAnchor) {
      await enqueueJob(ctx.db, {
        kind: "audit.anchor",
        uniqueKey: AUDIT_ANCHOR_KEY,
        maxAttempts: 1000,
        runAt: new Date(ctx.now().getTime() + (rt.anchorEveryMinutes ?? 60) * 60_000).toISOString(),
      });
    }
  }
  return jobs.length;
}

export interface Worker {
  stop(): Promise<void>;
}

/**
 * Runs jobs until stopped: claims what is due, and when nothing is, waits `pollMs` (default 5 s).
 * Also makes sure a reminder scan (and, with an anchor configuration, an anchor of the audit log) is
 * pending (and keeps trying until it is). While the database is
 * away the worker does not stop: it says so once, waits longer after each failure (doubling from
 * `pollMs` up to `maxBackoffMs`, default 60 s), and says when it works again.
 */
export function startWorker(rt: JobRuntime, opts: { pollMs?: number; maxBackoffMs?: number } = {}): Worker {
  const pollMs = opts.pollMs ?? 5000;
  const maxBackoffMs = Math.max(pollMs, opts.maxBackoffMs ?? 60_000);
  let stopped = false;
  let wake: (() => void) | null = null;
  const loop = (async () => {
    let scanEnsured = false;
    let anchorEnsured = !rt.auditAnchor;
    let failures = 0;
    while (!stopped) {
      let ran = 0;
      try {
        if (!scanEnsured) {
          await ensureReminderScan(rt.ctx);
          scanEnsured = true;
        }
        if (!anchorEnsured) {
          await ensureAuditAnchorJob(rt.ctx);
          anchorEnsured = true;
        }
        ran = await runDueJobs(rt);
        if (failures > 0) rt.log?.(`worker: the database answers again after ${failures} failed attempt(s)`);
        failures = 0;
      } catch (e) {
        failures++;
        const unavailable = e instanceof UnavailableError;
        // a database that stays away is said once, not every few seconds
        if (!unavailable || failures === 1) rt.log?.(`worker: ${(e as Error).message}${unavailable ? " (retrying with backoff)" : ""}`);
      }
      if ((ran === 0 || failures > 0) && !stopped) {
        const waitMs = failures > 0 ? Math.min(maxBackoffMs, pollMs * 2 ** (failures - 1)) : pollMs;
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, waitMs);
          wake = () => {
            clearTimeout(t);
            resolve();
          };
        });
        wake = null;
      }
    }
  })();
  return {
    async stop() {
      stopped = true;
      wake?.();
      await loop;
    },
  };
}

// ---- reminders ---------------------------------------------------------------------------------------

const MOMENT_TEXT: Record<ReminderKind, (item: DeadlineItem) => string> = {
  before: (i) => `срок ${formatDateRu(i.due)}`,
  due: () => "срок сегодня",
  overdue: (i) => `срок истек ${formatDateRu(i.due)}`,
};

function reminderText(item: DeadlineItem, kind: ReminderKind): { title: string; body: string } {
  const where = `Программа ${item.programCode}, ${periodLabel(item.year, item.period)}${item.directionCode ? `, направление ${item.directionCode}` : ""}.`;
  const title = `${kind === "overdue" ? "Просрочено" : "Напоминание"}: ${item.label} — ${MOMENT_TEXT[kind](item)}`;
  const body = `${where} ${item.label}: срок — ${formatDateRu(item.due)} (${item.clause}).${kind === "overdue" ? " Срок истек." : ""}`;
  return { title, body };
}

/**
 * Gives today's reminders of every municipality (one transaction per municipality): to each
 * member who must act on a deadline not done, a notification and — with `email` and an address —
 * a mail in the outbox with its sending job. Answers how many were new.
 */
export async function scanReminders(ctx: AppContext, opts: { email: boolean }): Promise<{ notifications: number; emails: number }> {
  let notifications = 0;
  let emails = 0;
  const now = ctx.now();
  const failures: string[] = [];
  for (const m of await allMunicipalityIds(ctx.db)) {
    // one municipality's bad settings do not keep the others' reminders back
    await ctx.db
      .tx(async (q) => {
        const setup = await monitoringSetup(q, m.id);
        const today = localDate(now, setup.timezone);
        const year = Number(today.slice(0, 4));
        const { items } = await municipalityDeadlineItems(q, setup, [year - 1, year], today);
        const members = await membersOfMunicipality(q, m.id);
        // the report deadlines of monitoring, then those a change of the budget started (220-п 5.4, 5.5)
        // and the directions' orders due after a program's decree (1.7, 4.19), its placing in ГАС «Управление» (4.18.1),
        // the drafts passed on after a positive conclusion (4.9, 4.13) and the approved programs published (4.18)
        const reminders: {
          item: Pick<DeadlineItem, "key" | "actor" | "departmentId" | "programId" | "due">;
          state: DeadlineItem["state"];
          link: string;
          text: (kind: ReminderKind) => { title: string; body: string };
        }[] = [
          ...items.map((item) => ({
            item,
            state: item.state,
            link: `/programs/${item.programId}/monitoring/${item.year}/${item.period}`,
            text: (kind: ReminderKind) => reminderText(item, kind),
          })),
          ...[
            ...(await budgetChangeReminderItems(q, m.id, now)),
            ...(await directionOrderReminderItems(q, m.id, now)),
            ...(await gasRegistrationItems(q, m.id, now)),
            ...(await workflowEventItems(q, m.id, now)),
          ].map((item) => ({
            item,
            state: item.status.state,
            link: `/programs/${item.programId}`,
            text: (kind: ReminderKind) => {
              const where = `Программа ${item.programCode}${item.directionCode ? `, направление ${item.directionCode}` : ""}: ${item.changeTitle}.`;
              const title = `${kind === "overdue" ? "Просрочено" : "Напоминание"}: ${item.label} — ${kind === "due" ? "срок сегодня" : kind === "overdue" ? `срок истек ${formatDateRu(item.due)}` : `срок ${formatDateRu(item.due)}`}`;
              return {
                title,
                body: `${where} ${item.label}: срок — ${formatDateRu(item.due)} (${item.clause}).${kind === "overdue" ? " Срок истек." : ""}`,
              };
            },
          })),
        ];
        for (const { item, state, link, text } of reminders) {
          const moment = reminderDue({ due: item.due, state }, today, setup.calendar, setup.reminderDaysBefore);
          if (!moment) continue;
          const { title, body } = text(moment.kind);
          for (const r of recipientsOf(item, members)) {
            const id = await insertNotification(q, {
              municipalityId: m.id,
              userId: r.userId,
              programId: item.programId,
              kind: `deadline.${moment.kind}`,
              title,
              body,
              link,
              deadlineKey: item.key,
              moment: moment.kind,
              dueDate: item.due,
              at: now.toISOString(),
            });
            if (id) notifications++;
            if (!opts.email || !r.email) continue;
            const mailId = await insertOutboxMail(q, {
              municipalityId: m.id,
              userId: r.userId,
              toAddress: r.email,
              subject: `[Ориентир] ${title}`,
              body: `${r.fullName},\n\n${body}\n\n— Ориентир, ${m.name}`,
              deadlineKey: item.key,
              moment: moment.kind,
              at: now.toISOString(),
            });
            if (mailId) {
              emails++;
              await enqueueJob(q, {
                kind: "email.send",
                payload: { outboxId: mailId },
                uniqueKey: `email:${mailId}`,
                runAt: now.toISOString(),
                municipalityId: m.id,
                maxAttempts: 8,
              });
            }
          }
        }
      })
      .catch((e: Error) => {
        failures.push(`${m.name}: ${e.message}`);
      });
  }
  if (failures.length) throw new Error(`напоминания не сформированы: ${failures.join("; ")}`);
  return { notifications, emails };
}

/**
 * Sends one outbox mail. The row is locked for the transaction and marked sent in it; a mail
 * already sent, or being sent by another process, is left alone.
 */
export async function sendOutboxMail(
  ctx: AppContext,
  mailer: Mailer,
  outboxId: string,
  publicUrl = "http://localhost:3000",
): Promise<"sent" | "skipped"> {
  // the mailer's error, kept to be recorded after the transaction
  const failed: { error?: Error } = {};
  const result = await ctx.db.tx(async (q) => {
    const mail = await lockOutboxForSending(q, outboxId);
    if (!mail) return "skipped" as const;
    try {
      const info = await mailer.send({
        to: String(mail.toAddress),
        subject: String(mail.subject),
        text: String(mail.body),
        headers: {
          ...(mail.moment === "anchor"
            ? { "X-Orientir-Audit-Anchor": String(mail.deadlineKey).replace(/^audit-anchor:/, "") }
            : { "X-Orientir-Reminder": `${String(mail.deadlineKey)}#${String(mail.moment)}` }),
          ...absoluteHeaders(mail.headers, publicUrl),
        },
      });
      await markOutboxSent(q, outboxId, info.messageId, ctx.now().toISOString());
      return "sent" as const;
    } catch (e) {
      failed.error = e instanceof Error ? e : new Error(String(e));
      return "skipped" as const;
    }
  });
  if (failed.error) {
    await markOutboxError(ctx.db, outboxId, failed.error.message);
    throw failed.error;
  }
  return result;
}

/** A mail's own headers, a relative `<\/p/…>` link made absolute with the deployment's address. */
function absoluteHeaders(raw: unknown, publicUrl: string): Record<string, string> {
  if (!raw || typeof raw !== "object") return {};
  const base = publicUrl.replace(/\/+$/, "");
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw as Record<string, unknown>))
    if (typeof v === "string") out[k] = v.replace(/<\/(?!\/)/g, `<${base}/`);
  return out;
}
