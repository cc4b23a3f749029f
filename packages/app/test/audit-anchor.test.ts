/**
 * The hourly anchor of the audit log as a background job: it signs the chain heads into the anchor
 * file when they changed, mails the anchor to the audit chamber through the outbox, and schedules
 * the next one; checkAudit then verifies the chain against the anchors.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { appendAudit, Db } from "@orientir/db";
import {
  auditAnchorConfig,
  checkAudit,
  createContext,
  ensureAuditAnchorJob,
  runDueJobs,
  type AppContext,
  type Mail,
  type Mailer,
} from "@orientir/app";
import { createTestDatabase } from "@orientir/testing";

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let db: Db;
let ctx: AppContext;
const dir = mkdtempSync(join(tmpdir(), "orientir-anchor-job-"));
const cfg = auditAnchorConfig({ ORIENTIR_DATA_DIR: dir, ORIENTIR_AUDIT_ANCHOR_EMAIL: "ksp@example.org" });
const sent: Mail[] = [];
const mailer: Mailer = {
  send(m) {
    sent.push(m);
    return Promise.resolve({ messageId: `<${sent.length}@test>` });
  },
};
let clock = new Date("2026-03-02T09:00:00Z");
let municipalityId = "";

async function entry(n: number): Promise<void> {
  await db.tx((q) =>
    appendAudit(q, {
      municipalityId,
      actorId: null,
      actorLogin: "economy",
      action: "update",
      objectType: "program",
      objectId: `p${n}`,
      before: null,
      after: { n },
      requestId: null,
    }),
  );
}

beforeAll(async () => {
  database = await createTestDatabase();
  db = new Db(database.url, { max: 3 });
  ctx = { ...createContext(db), now: () => clock };
  municipalityId = (await db.query<any>(`INSERT INTO municipality (name, country, currency) VALUES ('Якорь', 'RU', 'RUB') RETURNING id`))
    .rows[0].id;
  for (let i = 0; i < 3; i++) await entry(i);
});
afterAll(async () => {
  await db.close();
  await database.drop();
  rmSync(dir, { recursive: true, force: true });
});

const rt = () => ({ ctx, workerId: "test-worker", mailer, auditAnchor: cfg });
const lines = () => readFileSync(cfg.anchorFile, "utf8").trim().split("\n");

describe("the audit anchor job", () => {
  it("anchors the heads, mails them to the audit chamber and schedules the next anchor an hour later", async () => {
    expect(await ensureAuditAnchorJob(ctx)).toBe(true);
    expect(await ensureAuditAnchorJob(ctx)).toBe(false); // one pending at a time
    expect(await runDueJobs(rt())).toBeGreaterThanOrEqual(1);
    expect(lines()).toHaveLength(1);
    const anchor = JSON.parse(lines()[0]!);
    expect(anchor.at).toBe(clock.toISOString());
    expect(anchor.heads).toEqual([expect.objectContaining({ municipalityId, count: 3 })]);
    // the mail goes out through the outbox's sending job
    await runDueJobs(rt());
    expect(sent).toHaveLength(1);
    expect(sent[0]!.to).toBe("ksp@example.org");
    expect(sent[0]!.headers).toEqual({ "X-Orientir-Audit-Anchor": clock.toISOString() });
    expect(sent[0]!.text).toContain(lines()[0]);
    const next = (await db.query<any>(`SELECT run_at FROM job WHERE kind = 'audit.anchor' AND done_at IS NULL`)).rows;
    expect(next.map((r) => new Date(r.run_at).toISOString())).toEqual([new Date(clock.getTime() + 3600_000).toISOString()]);
  });

  it("writes nothing when the log has not changed, and anchors again once it has", async () => {
    clock = new Date(clock.getTime() + 3600_000);
    await runDueJobs(rt());
    expect(lines()).toHaveLength(1);
    await entry(3);
    clock = new Date(clock.getTime() + 3600_000);
    await runDueJobs(rt());
    expect(lines()).toHaveLength(2);
    expect(JSON.parse(lines()[1]!).heads).toEqual([expect.objectContaining({ municipalityId, count: 4 })]);
    const check = await checkAudit(ctx, cfg);
    expect(check).toMatchObject({ checked: 4, breaks: [], anchorsChecked: 2, problems: [], warnings: [] });
  });

  it("a process without an anchor configuration fails the job (another process takes it) and does not reschedule it", async () => {
    clock = new Date(clock.getTime() + 3600_000);
    await runDueJobs({ ctx, workerId: "other", mailer, auditAnchor: null });
    const jobs = (await db.query<any>(`SELECT last_error, done_at FROM job WHERE kind = 'audit.anchor' AND done_at IS NULL`)).rows;
    expect(jobs).toHaveLength(1);
    expect(jobs[0].last_error).toMatch(/не настроены/);
  });
});
