import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  Db,
  claimJobs,
  completeJob,
  enqueueJob,
  failJob,
  getMonitoringSettings,
  insertNotification,
  insertOutboxMail,
  listJobs,
  saveMonitoringSettings,
} from "@orientir/db";
import { createTestDatabase } from "@orientir/testing";

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let db: Db;
let municipalityId = "";
let userId = "";

beforeAll(async () => {
  database = await createTestDatabase();
  db = new Db(database.url, { max: 8 });
  municipalityId = (await db.query<any>(`INSERT INTO municipality (name, country, currency) VALUES ('М', 'RU', 'RUB') RETURNING id`))
    .rows[0].id;
  userId = (await db.query<any>(`INSERT INTO app_user (login, full_name, password_hash) VALUES ('u', 'U', 'x') RETURNING id`)).rows[0].id;
});
afterAll(async () => {
  await db.close();
  await database.drop();
});

const NOW = "2026-04-10T09:00:00.000Z";

describe("job queue", () => {
  it("hands each due job to exactly one of many concurrent claimers", async () => {
    for (let i = 0; i < 40; i++) await enqueueJob(db, { kind: "test.claim", payload: { i }, runAt: NOW });
    const claims = await Promise.all(Array.from({ length: 8 }, (_, w) => db.tx((q) => claimJobs(q, `worker-${w}`, NOW, 60, 10))));
    const ids = claims.flat().map((j) => j.id);
    expect(ids.length).toBe(40);
    expect(new Set(ids).size).toBe(40);
    // leased jobs are not handed out again until the lease runs out
    expect(await db.tx((q) => claimJobs(q, "late", NOW, 60, 100))).toEqual([]);
    const later = new Date(Date.parse(NOW) + 61_000).toISOString();
    const reclaimed = await db.tx((q) => claimJobs(q, "late", later, 60, 100));
    expect(reclaimed.length).toBe(40);
    expect(reclaimed.every((j) => j.attempts === 2)).toBe(true);
    for (const j of reclaimed) expect(await completeJob(db, j.id, "late", later)).toBe(true);
    // a worker whose lease was taken over may no longer complete the job
    expect(await completeJob(db, reclaimed[0]!.id, "worker-0", later)).toBe(false);
  });

  it("does not hand out jobs before their time", async () => {
    await enqueueJob(db, { kind: "test.future", runAt: "2026-05-01T00:00:00.000Z" });
    expect((await db.tx((q) => claimJobs(q, "w", NOW, 60, 10))).map((j) => j.kind)).not.toContain("test.future");
  });

  it("keeps one pending job per unique key", async () => {
    const a = await enqueueJob(db, { kind: "test.unique", uniqueKey: "scan", runAt: NOW });
    const b = await enqueueJob(db, { kind: "test.unique", uniqueKey: "scan", runAt: NOW });
    expect(a).not.toBeNull();
    expect(b).toBeNull();
    const [job] = (await db.tx((q) => claimJobs(q, "w", NOW, 60, 100))).filter((j) => j.kind === "test.unique");
    await completeJob(db, job!.id, "w", NOW);
    expect(await enqueueJob(db, { kind: "test.unique", uniqueKey: "scan", runAt: NOW })).not.toBeNull();
  });

  it("retries a failed job and gives up after its last attempt", async () => {
    const id = (await enqueueJob(db, { kind: "test.fail", runAt: "2026-06-01T00:00:00.000Z", maxAttempts: 2 }))!;
    const at = "2026-06-01T00:00:00.000Z";
    const first = (await db.tx((q) => claimJobs(q, "w", at, 60, 100))).find((j) => j.id === id)!;
    await failJob(db, first.id, "w", "boom", at, "2026-06-01T00:05:00.000Z");
    expect((await db.tx((q) => claimJobs(q, "w", at, 60, 100))).find((j) => j.id === id)).toBeUndefined();
    const second = (await db.tx((q) => claimJobs(q, "w", "2026-06-01T00:05:00.000Z", 60, 100))).find((j) => j.id === id)!;
    await failJob(db, second.id, "w", "boom again", at, "2026-06-01T00:10:00.000Z");
    const row = (await listJobs(db, { kind: "test.fail" }))[0]!;
    expect(row.failedAt).not.toBeNull();
    expect(row.lastError).toBe("boom again");
  });
});

describe("notifications and outbox", () => {
  it("keep one reminder per user, deadline and moment", async () => {
    const n = {
      municipalityId,
      userId,
      programId: null,
      kind: "deadline",
      title: "t",
      body: "b",
      link: null,
      deadlineKey: "k1",
      moment: "due",
      dueDate: "2026-04-20",
      at: NOW,
    };
    const results = await Promise.all([1, 2, 3, 4].map(() => insertNotification(db, n)));
    expect(results.filter(Boolean).length).toBe(1);
    expect(await insertNotification(db, { ...n, moment: "overdue" })).not.toBeNull();
    const m = { municipalityId, userId, toAddress: "u@example.org", subject: "s", body: "b", deadlineKey: "k1", moment: "due", at: NOW };
    const mails = await Promise.all([1, 2, 3].map(() => insertOutboxMail(db, m)));
    expect(mails.filter(Boolean).length).toBe(1);
  });
});

describe("settings", () => {
  it("start as the built-in ones and are saved with optimistic concurrency", async () => {
    const s0 = await getMonitoringSettings(db, municipalityId);
    expect(s0).toMatchObject({ deadlineRules: null, calendar: null, reminderDaysBefore: 3, version: 0 });
    const s1 = await saveMonitoringSettings(db, municipalityId, 0, { deadlineRules: null, calendar: null, reminderDaysBefore: 5 });
    expect(s1?.version).toBe(1);
    expect(await saveMonitoringSettings(db, municipalityId, 0, { deadlineRules: null, calendar: null, reminderDaysBefore: 2 })).toBeNull();
    const s2 = await saveMonitoringSettings(db, municipalityId, 1, { deadlineRules: [{ id: "x" }], calendar: null, reminderDaysBefore: 2 });
    expect(s2).toMatchObject({ version: 2, reminderDaysBefore: 2, deadlineRules: [{ id: "x" }] });
  });
});
