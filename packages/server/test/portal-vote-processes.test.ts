/**
 * One ballot per voter across server processes (issue 14, part 6): 200 parallel attempts by one
 * voter, half through this process's server and half over HTTP through a second `orientir serve`
 * process on the same database, make exactly one ballot — the UNIQUE constraint decides, not a
 * check in a process's memory. (portal.test.ts does the same with two server instances in one
 * process; here they are two operating-system processes with their own pools.)
 */
import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "@orientir/db";
import { createTestApp, type Client, type TestApp } from "@orientir/testing";

const root = new URL("../../..", import.meta.url).pathname;
const bin = join(root, "packages/cli/bin/orientir.mjs");
const SLUG = "proc-a";

let app: TestApp;
let child: ChildProcess | null = null;
let base = "";

async function lastCode(email: string): Promise<string> {
  const r = await app.ctx.db.query<{ body: string }>(
    `SELECT body FROM email_outbox WHERE to_address = $1 ORDER BY created_at DESC LIMIT 1`,
    [email],
  );
  return /(\d{6})/.exec(r.rows[0]!.body)![1]!;
}

/** Starts `orientir serve` on the test's database; resolves once it listens. */
async function startSecondProcess(): Promise<void> {
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  child = spawn(process.execPath, [bin, "serve"], {
    env: {
      ...process.env,
      DATABASE_URL: app.ownerUrl,
      DATABASE_APP_URL: app.ctx.db.url,
      PORT: String(port),
      HOST: "127.0.0.1",
      ORIENTIR_JOBS: "0",
      ORIENTIR_NO_DEMO: "1",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  await new Promise<void>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`the second process did not start:\n${out}`)), 120_000);
    const onData = (d: Buffer) => {
      out += d.toString();
      if (out.includes("Orientir is running at")) {
        clearTimeout(t);
        resolve();
      }
    };
    child!.stdout!.on("data", onData);
    child!.stderr!.on("data", onData);
    child!.once("exit", (code) => {
      clearTimeout(t);
      reject(new Error(`the second process ended (${code}):\n${out}`));
    });
  });
}

beforeAll(async () => {
  app = await createTestApp();
  const admin = await app.as("admin");
  expect((await admin.request("PUT", "/api/portal/settings", { slug: SLUG, moderation: "post", minDiscussionDays: 30 })).status).toBe(200);
  await startSecondProcess();
}, 180_000);

afterAll(async () => {
  if (child && child.exitCode === null) {
    const ended = new Promise((r) => child!.once("exit", r));
    child.kill("SIGTERM");
    await ended;
  }
  await app?.close();
});

describe("one ballot per voter through two server processes", () => {
  it("200 parallel attempts, half through each process, make one ballot; the others are 409", async () => {
    const economy = await app.as("economy");
    const realNow = app.ctx.now.bind(app.ctx);
    app.ctx.now = () => new Date(Date.now() - 60_000);
    const v = await economy.post("/api/portal/votes", {
      title: "Голосование двух процессов",
      startsAt: new Date(Date.now() - 30_000).toISOString(),
      endsAt: new Date(Date.now() + 3_600_000).toISOString(),
      maxChoices: 1,
      winners: 1,
      eligibility: { minAge: 14, confirmedEmail: true, address: false },
      options: [{ title: "Парк" }, { title: "Сквер" }],
    });
    app.ctx.now = realNow;
    expect(v.status).toBe(201);
    const choice = { choices: [v.body.options[0].id] };

    const voter: Client = app.client();
    voter.ip = "10.5.5.5";
    expect((await voter.post(`/api/p/${SLUG}/auth/code`, { email: "twice@example.org" })).status).toBe(200);
    const s = await voter.post(`/api/p/${SLUG}/auth/sign-in`, {
      email: "twice@example.org",
      code: await lastCode("twice@example.org"),
      consent: true,
    });
    expect(s.status).toBe(200);
    voter.csrf = s.body.csrfToken;
    expect((await voter.request("PUT", `/api/p/${SLUG}/me`, { fullName: "Дважды Дмитрий", birthYear: 1985 })).status).toBe(200);

    // the second process answers for the same resident (the session is in the database)
    const me = await fetch(`${base}/api/p/${SLUG}/me`, { headers: { cookie: voter.cookie } });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { id: string }).id).toBe(s.body.resident.id);

    const url = `/api/p/${SLUG}/votes/${v.body.id}/ballot`;
    const attempts = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        i % 2
          ? voter.post(url, choice).then((r) => r.status)
          : fetch(`${base}${url}`, {
              method: "POST",
              headers: { cookie: voter.cookie, "x-csrf-token": voter.csrf, "content-type": "application/json" },
              body: JSON.stringify(choice),
            }).then((r) => r.status),
      ),
    );
    expect(attempts.filter((s) => s === 201)).toHaveLength(1);
    expect(attempts.filter((s) => s !== 201 && s !== 409)).toEqual([]);
    // both processes answered some of them with 409
    expect(attempts.filter((s, i) => i % 2 === 0 && s === 409).length).toBeGreaterThan(0);
    expect(attempts.filter((s, i) => i % 2 === 1 && s === 409).length).toBeGreaterThan(0);
    const n = await app.ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM vote_ballot WHERE vote_id = $1`, [v.body.id]);
    expect(n.rows[0]!.n).toBe(1);
  });
});
