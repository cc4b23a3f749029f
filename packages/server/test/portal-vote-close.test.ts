/**
 * The close of a rating vote and the notices it gives (issue 14, parts 6 and 8): results hidden
 * from everyone until the end, then a job closes the vote once, publishes counts, turnout and
 * winners, and tells the followers and the voters in the portal and by mail; the followers' mails
 * carry a signed one-click unsubscribe link (List-Unsubscribe, List-Unsubscribe-Post) whose changed
 * token is refused. Without SMTP the mails go to the local outbox file and no job fails.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDueVotes, localMailer, runDueJobs, type JobRuntime } from "@orientir/app";
import { createTestApp, type Client, type TestApp } from "@orientir/testing";

const SLUG = "close-a";
let app: TestApp;
let economy: Client;
let admin: Client;
let dir: string;

async function lastCode(email: string): Promise<string> {
  const r = await app.ctx.db.query<{ body: string }>(
    `SELECT body FROM email_outbox WHERE to_address = $1 ORDER BY created_at DESC LIMIT 1`,
    [email],
  );
  return /(\d{6})/.exec(r.rows[0]!.body)![1]!;
}

async function resident(email: string, fullName: string): Promise<Client> {
  const c = app.client();
  c.ip = `10.4.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
  expect((await c.post(`/api/p/${SLUG}/auth/code`, { email })).status).toBe(200);
  const r = await c.post(`/api/p/${SLUG}/auth/sign-in`, { email, code: await lastCode(email), consent: true });
  expect(r.status).toBe(200);
  c.csrf = r.body.csrfToken;
  expect((await c.request("PUT", `/api/p/${SLUG}/me`, { fullName, birthYear: 1980 })).status).toBe(200);
  return c;
}

const form = (c: Client, url: string, body: string) =>
  c.request("POST", url, body, { "content-type": "application/x-www-form-urlencoded" });

beforeAll(async () => {
  app = await createTestApp();
  admin = await app.as("admin");
  economy = await app.as("economy");
  expect((await admin.request("PUT", "/api/portal/settings", { slug: SLUG, moderation: "post", minDiscussionDays: 30 })).status).toBe(200);
  dir = mkdtempSync(join(tmpdir(), "orientir-outbox-"));
});

afterAll(async () => {
  await app?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("the close of a rating vote", () => {
  it("results hidden until the end, then published once by the job, followers and voters told; signed unsubscribe", async () => {
    const outbox = join(dir, "mail", "outbox.txt");
    const rt: JobRuntime = {
      ctx: app.ctx,
      workerId: "test-worker",
      mailer: localMailer(outbox),
      publicUrl: "https://portal.example.org/",
      log: (m) => logs.push(m),
    };
    const logs: string[] = [];

    const voter = await resident("voter@example.org", "Воронов Виктор");
    const both = await resident("both@example.org", "Борисова Белла");
    const follower = await resident("follower@example.org", "Федоров Филипп");
    // a vote open now (set up as if a minute ago), ending in a few seconds
    const realNow = app.ctx.now.bind(app.ctx);
    app.ctx.now = () => new Date(Date.now() - 60_000);
    const endsAt = new Date(Date.now() + 10_000);
    const v = await economy.post("/api/portal/votes", {
      title: "Пространства для благоустройства",
      startsAt: new Date(Date.now() - 30_000).toISOString(),
      endsAt: endsAt.toISOString(),
      maxChoices: 1,
      winners: 1,
      eligibility: { minAge: 14, confirmedEmail: true, address: false },
      options: [{ title: "Парк" }, { title: "Сквер" }],
    });
    app.ctx.now = realNow;
    expect(v.status).toBe(201);
    const [park, square] = v.body.options.map((o: any) => o.id);
    const job = await app.ctx.db.query<any>(`SELECT run_at FROM job WHERE kind = 'votes.close' AND unique_key = $1`, [
      `vote-close:${v.body.id}`,
    ]);
    expect(new Date(job.rows[0].run_at).getTime()).toBe(endsAt.getTime());

    expect((await voter.post(`/api/p/${SLUG}/votes/${v.body.id}/ballot`, { choices: [park] })).status).toBe(201);
    expect((await both.post(`/api/p/${SLUG}/votes/${v.body.id}/ballot`, { choices: [park] })).status).toBe(201);
    expect((await both.post(`/api/p/${SLUG}/follows`, { objectType: "vote", objectId: v.body.id })).status).toBe(201);
    expect((await follower.post(`/api/p/${SLUG}/follows`, { objectType: "vote", objectId: v.body.id })).status).toBe(201);

    // before the end: nothing of the count to anyone, the administrator included; the job is not due
    expect((await admin.get(`/api/portal/votes/${v.body.id}/results`)).status).toBe(422);
    expect((await economy.get(`/api/portal/votes/${v.body.id}/results`)).status).toBe(422);
    expect(JSON.stringify((await admin.get("/api/portal/votes")).body)).not.toMatch(/"votes"|"ballots"/);
    expect((await app.client().get(`/p/${SLUG}/data/vote-${v.body.id}-results.csv`)).status).toBe(404);
    expect(String((await app.client().get(`/p/${SLUG}/votes/${v.body.id}`)).body)).toContain("Итоги скрыты");
    expect(await closeDueVotes(app.ctx)).toEqual([]);
    await runDueJobs(rt);
    expect((await app.ctx.db.query(`SELECT 1 FROM vote_close WHERE vote_id = $1`, [v.body.id])).rows).toHaveLength(0);
    expect((await follower.get(`/api/p/${SLUG}/notifications`)).body.items).toEqual([]);

    await new Promise((r) => setTimeout(r, Math.max(0, endsAt.getTime() - Date.now() + 300)));
    // the job closes it (and sends the mails, to the local outbox); a second run changes nothing
    await runDueJobs(rt);
    await runDueJobs(rt);
    await closeDueVotes(app.ctx);
    const closed = await app.ctx.db.query<any>(`SELECT results, notified FROM vote_close WHERE vote_id = $1`, [v.body.id]);
    expect(closed.rows).toHaveLength(1);
    expect(closed.rows[0].notified).toBe(3);
    expect(closed.rows[0].results).toMatchObject({
      ballots: 2,
      options: [
        { id: park, votes: 2, winner: true },
        { id: square, votes: 0 },
      ],
    });
    const results = await admin.get(`/api/portal/votes/${v.body.id}/results`);
    expect(results.status).toBe(200);
    expect(results.body).toEqual(closed.rows[0].results);
    expect(logs.some((l) => l.includes(`rating votes closed, results published: ${v.body.id}`))).toBe(true);
    expect(logs.filter((l) => l.includes("failed"))).toEqual([]);
    const audit = await app.ctx.db.query<any>(`SELECT action FROM audit_log WHERE object_id = $1 AND action = 'portal.voteClosed'`, [
      v.body.id,
    ]);
    expect(audit.rows).toHaveLength(1);
    // the log names the vote that closed, and the system as who closed it
    const logged = await admin.get(`/api/audit?objectId=${v.body.id}&action=portal.voteClosed`);
    expect(logged.status).toBe(200);
    expect(logged.body.items).toHaveLength(1);
    expect(logged.body.items[0].objectLabel).toBe("Голосование «Пространства для благоустройства»");
    expect(logged.body.items[0].actorName).toBe("система");

    // each told once: the voter, the voter who follows, the follower
    for (const c of [voter, both, follower]) {
      const items = (await c.get(`/api/p/${SLUG}/notifications`)).body.items.filter((n: any) => n.kind === "vote.results");
      expect(items).toHaveLength(1);
      expect(items[0].subject).toBe("Итоги голосования «Пространства для благоустройства»");
      expect(items[0].body).toContain("Победители: «Парк»");
      expect(items[0].body).toMatch(/явка \d+,\d %/);
      expect(items[0].link).toBe(`/p/${SLUG}/votes/${v.body.id}`);
    }

    // the mails went to the local outbox, none failed; the follower's carries the unsubscribe headers
    const failed = await app.ctx.db.query<any>(`SELECT kind, last_error FROM job WHERE last_error IS NOT NULL`);
    expect(failed.rows).toEqual([]);
    const text = readFileSync(outbox, "utf8");
    const mails = text.split(`${"=".repeat(72)}\n`).filter((m) => m.includes("Итоги голосования"));
    expect(mails).toHaveLength(3);
    const toFollower = mails.find((m) => m.includes("To: follower@example.org"))!;
    const toVoter = mails.find((m) => m.includes("To: voter@example.org"))!;
    expect(toVoter).not.toContain("List-Unsubscribe");
    const header = /^List-Unsubscribe: <(https:\/\/portal\.example\.org\/p\/close-a\/unsubscribe\?token=([^>]+))>$/m.exec(toFollower)!;
    expect(header).not.toBeNull();
    expect(toFollower).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/m);
    const token = header[2]!;
    expect(toFollower).toContain(`/p/${SLUG}/unsubscribe?token=${token}`);

    // a changed token is refused (400), on the page and by POST, and ends nothing
    const sig = token.slice(token.lastIndexOf(".") + 1);
    const tampered = [
      token.slice(0, -1) + (token.endsWith("A") ? "B" : "A"),
      token.replace(v.body.id, square),
      token.replace(".v.", ".p."),
      `${token.slice(0, token.lastIndexOf("."))}.${sig.slice(1)}`,
      "",
    ];
    for (const t of tampered) {
      const get = await app.client().get(`/p/${SLUG}/unsubscribe?token=${encodeURIComponent(t)}`);
      expect(get.status, t).toBe(400);
      expect(String(get.body)).toContain("Ссылка недействительна");
      expect((await form(app.client(), `/p/${SLUG}/unsubscribe?token=${encodeURIComponent(t)}`, "List-Unsubscribe=One-Click")).status).toBe(
        400,
      );
    }
    const follows = () => app.ctx.db.query(`SELECT 1 FROM resident_follow WHERE object_id = $1`, [v.body.id]).then((r) => r.rows.length);
    expect(await follows()).toBe(2);

    // GET only asks; the mail client's one-click POST (no cookie, no session) unsubscribes, once
    const ask = await app.client().get(`/p/${SLUG}/unsubscribe?token=${token}`);
    expect(ask.status).toBe(200);
    expect(String(ask.body)).toContain(`name="token" value="${token}"`);
    expect(await follows()).toBe(2);
    const done = await form(app.client(), `/p/${SLUG}/unsubscribe?token=${token}`, "List-Unsubscribe=One-Click");
    expect(done.status).toBe(200);
    expect(String(done.body)).toContain("Вы отписались");
    expect(await follows()).toBe(1);
    const again = await form(app.client(), `/p/${SLUG}/unsubscribe`, `token=${encodeURIComponent(token)}`);
    expect(again.status).toBe(200);
    expect(String(again.body)).toContain("Подписка уже отменена");
    // a new follow of the same vote gets a new token: the old link does not end it
    expect((await follower.post(`/api/p/${SLUG}/follows`, { objectType: "vote", objectId: v.body.id })).status).toBe(201);
    expect(String((await form(app.client(), `/p/${SLUG}/unsubscribe?token=${token}`, "")).body)).toContain("Подписка уже отменена");
    expect(await follows()).toBe(2);
  });
});
