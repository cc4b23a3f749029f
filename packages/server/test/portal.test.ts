/**
 * The public portal (issue 14): publication, server-rendered pages and open data, residents'
 * sign-in by a one-time code, proposals with moderation and answers, and the rating vote.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Db } from "@orientir/db";
import { buildServer } from "@orientir/server";
import { createContext } from "@orientir/app";
import { Client, createTestApp, type TestApp } from "@orientir/testing";

let app: TestApp;
let admin: Client;
let adminB: Client;
let economy: Client;
let programId: string;
let strategyId: string;

const SLUG = "gorod-a";
const today = () => new Date().toISOString().slice(0, 10);
const addDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** The last one-time code mailed to the address (read from the outbox, as the SMTP sink would show it). */
async function lastCode(email: string): Promise<string> {
  const r = await app.ctx.db.query<{ body: string }>(
    `SELECT body FROM email_outbox WHERE to_address = $1 ORDER BY created_at DESC LIMIT 1`,
    [email],
  );
  return /(\d{6})/.exec(r.rows[0]!.body)![1]!;
}

/** A resident signed in by e-mail code, with a profile. */
async function resident(
  email: string,
  profile: Record<string, unknown> = { fullName: "Иванов Иван Иванович", birthYear: 1990 },
): Promise<Client> {
  const c = app.client();
  c.ip = `10.1.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
  expect((await c.post(`/api/p/${SLUG}/auth/code`, { email })).status).toBe(200);
  const r = await c.post(`/api/p/${SLUG}/auth/sign-in`, { email, code: await lastCode(email), consent: true });
  expect(r.status).toBe(200);
  c.csrf = r.body.csrfToken;
  expect((await c.request("PUT", `/api/p/${SLUG}/me`, profile)).status).toBe(200);
  return c;
}

beforeAll(async () => {
  app = await createTestApp();
  admin = await app.as("admin");
  adminB = await app.as("adminb");
  economy = await app.as("economy");
  programId = (await admin.get("/api/programs")).body.items.find((p: any) => p.code === "MP-1").id;
  strategyId = (await admin.get("/api/strategies")).body.items[0].id;
  expect((await admin.request("PUT", "/api/portal/settings", { slug: SLUG, moderation: "pre", minDiscussionDays: 30 })).status).toBe(200);
  expect((await adminB.request("PUT", "/api/portal/settings", { slug: "gorod-b", moderation: "post", minDiscussionDays: 10 })).status).toBe(
    200,
  );
});

afterAll(async () => {
  await app?.close();
});

describe("publication and public pages", () => {
  let discussionId: string;

  it("refuses a term below the municipality's minimum, naming the field", async () => {
    const r = await economy.post("/api/portal/publications", {
      kind: "discussion",
      subjectKind: "program",
      subjectId: programId,
      startsOn: today(),
      endsOn: addDays(today(), 10),
    });
    expect(r.status).toBe(400);
    expect(r.body.error.issues[0].path).toBe("body.endsOn");
    const bad = await economy.post("/api/portal/publications", { kind: "discussion", subjectKind: "program", subjectId: "nope" });
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues[0].path).toBe("body.subjectId");
  });

  it("publishes a draft for discussion: curl of its page shows its text, cached publicly, no personal data", async () => {
    const r = await economy.post("/api/portal/publications", {
      kind: "discussion",
      subjectKind: "program",
      subjectId: programId,
      summary: "Проект программы вынесен на общественное обсуждение",
      startsOn: addDays(today(), -1),
      endsOn: addDays(today(), 30),
    });
    expect(r.status).toBe(201);
    discussionId = r.body.id;
    const page = await app.client().get(`/p/${SLUG}/publications/${discussionId}`);
    expect(page.status).toBe(200);
    expect(String(page.headers["content-type"])).toMatch(/text\/html/);
    expect(page.headers["cache-control"]).toBe("public, max-age=300");
    expect(page.headers.vary).toMatch(/Cookie/);
    const html = String(page.body);
    expect(html).toContain("Проект программы вынесен на общественное обсуждение");
    expect(html).toContain("Цель А");
    expect(html).toContain("Мероприятие 1");
    expect(html).toContain("Индикатор А");
    expect(html).toContain('name="viewport" content="width=device-width, initial-scale=1"');
    // a draft shows its plan, never facts (the fixture's 2025 fact 54 is not in the page)
    expect(html).not.toMatch(/\/ 54/);
    const index = await app.client().get(`/p/${SLUG}`);
    expect(String(index.body)).toContain(discussionId);
  });

  it("the page is a snapshot: a later change of the live program does not reach the portal", async () => {
    const goals = (await admin.get(`/api/programs/${programId}/tree`)).body.programGoals;
    const g = goals[0];
    const ch = await admin.patch(`/api/program-goals/${g.id}`, { version: g.version, name: "Цель изменена после публикации" });
    expect(ch.status).toBe(200);
    const html = String((await app.client().get(`/p/${SLUG}/publications/${discussionId}`)).body);
    expect(html).not.toContain("Цель изменена после публикации");
    expect(html).toContain("Цель А");
  });

  it("nothing unpublished is reachable: unknown, another municipality's, withdrawn", async () => {
    const anon = app.client();
    expect((await anon.get(`/p/${SLUG}/publications/00000000-0000-4000-8000-000000000000`)).status).toBe(404);
    expect((await anon.get(`/p/nope`)).status).toBe(404);
    // Город Б's publication is not reachable through Город А's portal, nor its data
    const progB = (await adminB.get("/api/programs")).body.items[0].id;
    const pb = await adminB.post("/api/portal/publications", {
      kind: "discussion",
      subjectKind: "program",
      subjectId: progB,
      startsOn: today(),
      endsOn: addDays(today(), 20),
    });
    expect(pb.status).toBe(201);
    expect((await anon.get(`/p/${SLUG}/publications/${pb.body.id}`)).status).toBe(404);
    expect((await anon.get(`/p/${SLUG}/data/${pb.body.id}-structure.csv`)).status).toBe(404);
    expect((await anon.get(`/p/gorod-b/publications/${pb.body.id}`)).status).toBe(200);
    // another municipality's staff cannot publish Город А's program (404: its existence is not disclosed)
    const foreign = await adminB.post("/api/portal/publications", {
      kind: "discussion",
      subjectKind: "program",
      subjectId: programId,
      startsOn: today(),
      endsOn: addDays(today(), 20),
    });
    expect(foreign.status).toBe(404);
    // withdrawn: page, files and datasets gone
    const w = await adminB.post(`/api/portal/publications/${pb.body.id}/withdraw`, { version: pb.body.version });
    expect(w.status).toBe(200);
    expect((await anon.get(`/p/gorod-b/publications/${pb.body.id}`)).status).toBe(404);
    expect((await anon.get(`/p/gorod-b/data/${pb.body.id}-structure.json`)).status).toBe(404);
    const catalog = (await anon.get(`/p/gorod-b/data.json`)).body;
    expect(catalog.datasets.filter((d: any) => d.id.startsWith(pb.body.id))).toEqual([]);
    // a strategy never published is not on the portal at all
    expect(JSON.stringify((await anon.get(`/p/${SLUG}/data.json`)).body)).not.toContain(strategyId);
  });

  it("an approved program is published with its evaluation, and its datasets as CSV and JSON in the list", async () => {
    expect(
      (await economy.post("/api/portal/publications", { kind: "approved", subjectKind: "program", subjectId: programId })).status,
    ).toBe(422);
    const v = await admin.post(`/api/programs/${programId}/versions/in-force`, { decreeNumber: "12-п", decreeDate: "2025-01-10" });
    expect(v.status).toBe(201);
    const r = await economy.post("/api/portal/publications", {
      kind: "approved",
      subjectKind: "program",
      subjectId: programId,
      evaluationYears: [2025],
    });
    expect(r.status).toBe(201);
    const html = String((await app.client().get(`/p/${SLUG}/publications/${r.body.id}`)).body);
    expect(html).toContain("Оценка эффективности");
    expect(html).toContain("12-п");
    // facts are shown for an approved document: plan 55 / fact 54 for 2025
    expect(html).toMatch(/55 \/ 54/);
    const catalog = (await app.client().get(`/p/${SLUG}/data.json`)).body;
    const ind = catalog.datasets.find((d: any) => d.id === `${r.body.id}-indicators`);
    expect(ind.distributions.map((x: any) => x.format)).toEqual(["CSV", "JSON"]);
    const csv = await app.client().get(ind.distributions[0].url);
    expect(csv.status).toBe(200);
    expect(csv.headers["cache-control"]).toBe("public, max-age=300");
    const lines = String(csv.body)
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(lines[0]).toBe("anchor,code,name,unit,year,plan,fact");
    expect(lines).toContain("indicators[0],И1,Индикатор А1,%,2025,55,54");
    const json = (await app.client().get(ind.distributions[1].url)).body;
    expect(json.rows.find((x: any) => x.year === 2025)).toMatchObject({ plan: "55", fact: "54" });
    const ev = (await app.client().get(`/p/${SLUG}/data/${r.body.id}-evaluation.json`)).body;
    expect(ev.rows[0].year).toBe(2025);
  });

  it("a strategy is published as sections with anchors", async () => {
    const r = await economy.post("/api/portal/publications", {
      kind: "discussion",
      subjectKind: "strategy",
      subjectId: strategyId,
      startsOn: today(),
      endsOn: addDays(today(), 40),
    });
    expect(r.status).toBe(201);
    const html = String((await app.client().get(`/p/${SLUG}/publications/${r.body.id}`)).body);
    expect(html).toMatch(/id="goal:[0-9a-f-]{36}"/);
  });
});

describe("residents, proposals, moderation and answers", () => {
  let discussionId: string;
  let alice: Client;

  beforeAll(async () => {
    const list = (await economy.get("/api/portal/publications")).body.items;
    discussionId = list.find((p: any) => p.kind === "discussion" && p.subjectKind === "program" && p.status === "published").id;
  });

  it("asking for a code answers the same for a known and an unknown e-mail; sign-in needs the consent once", async () => {
    const c = app.client();
    c.ip = "10.9.9.1";
    const a = await c.post(`/api/p/${SLUG}/auth/code`, { email: "New@Example.org" });
    expect(a.status).toBe(200);
    const code = await lastCode("new@example.org");
    const noConsent = await c.post(`/api/p/${SLUG}/auth/sign-in`, { email: "new@example.org", code });
    expect(noConsent.status).toBe(400);
    expect(noConsent.body.error.issues[0].path).toBe("body.consent");
    const wrong = await c.post(`/api/p/${SLUG}/auth/sign-in`, {
      email: "new@example.org",
      code: code === "000000" ? "111111" : "000000",
      consent: true,
    });
    expect(wrong.status).toBe(401);
    const ok = await c.post(`/api/p/${SLUG}/auth/sign-in`, { email: "new@example.org", code, consent: true });
    expect(ok.status).toBe(200);
    expect(ok.body.resident.consents).toHaveLength(1);
    expect(String(ok.headers["set-cookie"])).toMatch(/orientir_resident=.*HttpOnly/i);
    // the code is used once
    const again = await app.client().post(`/api/p/${SLUG}/auth/sign-in`, { email: "new@example.org", code, consent: true });
    expect(again.status).toBe(401);
    // a known address gets exactly the same answer as an unknown one
    const known = await app.client().post(`/api/p/${SLUG}/auth/code`, { email: "new@example.org" });
    const unknown = await app.client().post(`/api/p/${SLUG}/auth/code`, { email: "nobody@example.org" });
    expect(known.status).toBe(unknown.status);
    expect(known.body).toEqual(unknown.body);
    // the consent is stored with its text and time
    const row = await app.ctx.db.query<any>(`SELECT text, given_at FROM resident_consent ORDER BY given_at DESC LIMIT 1`);
    expect(row.rows[0].text).toMatch(/152-ФЗ/);
  });

  it("asking for codes is rate-limited per e-mail", async () => {
    const c = app.client();
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      c.ip = `10.8.0.${i}`;
      statuses.push((await c.post(`/api/p/${SLUG}/auth/code`, { email: "flood@example.org" })).status);
    }
    expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    expect(statuses[5]).toBe(429);
  });

  it("a proposal on a place of the draft: pre-moderated, rejected with a reason or published, then answered", async () => {
    alice = await resident("alice@example.org", { fullName: "Смирнова Алла Петровна", birthYear: 1985 });
    const page = await app.client().get(`/p/${SLUG}/publications/${discussionId}`);
    const anchor = /id="(programGoal:[0-9a-f-]{36})"/.exec(String(page.body))![1]!;
    const bad = await alice.post(`/api/p/${SLUG}/publications/${discussionId}/proposals`, {
      kind: "proposal",
      anchor: "nowhere",
      text: "Текст",
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues[0].path).toBe("body.anchor");
    const noCsrf = await alice.request(
      "POST",
      `/api/p/${SLUG}/publications/${discussionId}/proposals`,
      { kind: "proposal", anchor, text: "x" },
      { "x-csrf-token": "forged" },
    );
    expect(noCsrf.status).toBe(403);
    const p = await alice.post(`/api/p/${SLUG}/publications/${discussionId}/proposals`, {
      kind: "proposal",
      anchor,
      text: "Добавить велодорожки вдоль набережной",
    });
    expect(p.status).toBe(201);
    expect(p.body).toMatchObject({ moderation: "pending", authorName: "Смирнова А. П." });
    const spam = await alice.post(`/api/p/${SLUG}/publications/${discussionId}/proposals`, {
      kind: "remark",
      anchor: "document",
      text: "Реклама",
    });
    // pre-moderation: not on the public page; the author sees it, privately
    expect(String((await app.client().get(`/p/${SLUG}/publications/${discussionId}`)).body)).not.toContain("велодорожки");
    const own = await alice.get(`/p/${SLUG}/publications/${discussionId}`);
    expect(String(own.body)).toContain("велодорожки");
    expect(own.headers["cache-control"]).toBe("private, no-store");
    // moderation: a rejection needs its reason; the viewer may not moderate
    const viewer = await app.as("viewer");
    expect(
      (
        await viewer.post(`/api/portal/proposals/${spam.body.id}/moderation`, {
          version: spam.body.version,
          moderation: "rejected",
          reason: "x",
        })
      ).status,
    ).toBe(403);
    const noReason = await economy.post(`/api/portal/proposals/${spam.body.id}/moderation`, {
      version: spam.body.version,
      moderation: "rejected",
    });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.issues[0].path).toBe("body.reason");
    expect(
      (
        await economy.post(`/api/portal/proposals/${spam.body.id}/moderation`, {
          version: spam.body.version,
          moderation: "rejected",
          reason: "Реклама",
        })
      ).status,
    ).toBe(200);
    // an answer before moderation is refused
    expect(
      (
        await economy.post(`/api/portal/proposals/${p.body.id}/answer`, {
          version: p.body.version,
          decision: "accepted",
          answer: "Учтено в мероприятии 1",
        })
      ).status,
    ).toBe(422);
    const pub = await economy.post(`/api/portal/proposals/${p.body.id}/moderation`, { version: p.body.version, moderation: "published" });
    expect(pub.status).toBe(200);
    expect(String((await app.client().get(`/p/${SLUG}/publications/${discussionId}`)).body)).toContain("велодорожки");
    // support: once per resident
    const bob = await resident("bob@example.org");
    expect((await bob.post(`/api/p/${SLUG}/proposals/${p.body.id}/support`)).body.supports).toBe(1);
    expect((await bob.post(`/api/p/${SLUG}/proposals/${p.body.id}/support`)).body.supports).toBe(1);
    // the answer: decision with its reason; a stale version is 409
    const badDecision = await economy.post(`/api/portal/proposals/${p.body.id}/answer`, {
      version: pub.body.version,
      decision: "maybe",
      answer: "x",
    });
    expect(badDecision.status).toBe(400);
    expect(badDecision.body.error.issues[0].path).toBe("body.decision");
    const ans = await economy.post(`/api/portal/proposals/${p.body.id}/answer`, {
      version: pub.body.version,
      decision: "partly",
      answer: "Учтено частично: велодорожка включена в мероприятие 1 на 2027 год",
    });
    expect(ans.status).toBe(200);
    expect(ans.body.decision).toBe("partly");
    expect(
      (await economy.post(`/api/portal/proposals/${p.body.id}/answer`, { version: 1, decision: "accepted", answer: "Учтено полностью" }))
        .status,
    ).toBe(409);
    const html = String((await app.client().get(`/p/${SLUG}/publications/${discussionId}`)).body);
    expect(html).toContain("Учтено частично.");
    expect(html).not.toContain("Реклама");
    expect(html).not.toContain("alice@example.org");
  });

  it("post-moderation municipality: a proposal is visible at once, moderation may still reject it", async () => {
    const progB = (await adminB.get("/api/programs")).body.items[0].id;
    const pb = await adminB.post("/api/portal/publications", {
      kind: "discussion",
      subjectKind: "program",
      subjectId: progB,
      startsOn: today(),
      endsOn: addDays(today(), 10),
    });
    expect(pb.status).toBe(201);
    const c = await resident("carol@example.org", { fullName: "Кузнецова Карина" });
    // the resident's session is not bound to one portal, the proposal is Город Б's
    const p = await c.post(`/api/p/gorod-b/publications/${pb.body.id}/proposals`, {
      kind: "remark",
      anchor: "document",
      text: "Замечание к проекту в целом",
    });
    expect(p.status).toBe(201);
    expect(p.body.moderation).toBe("published");
    expect(String((await app.client().get(`/p/gorod-b/publications/${pb.body.id}`)).body)).toContain("Замечание к проекту в целом");
    // Город А's staff do not see or moderate Город Б's proposals
    expect((await economy.get("/api/portal/proposals")).body.items.map((x: any) => x.id)).not.toContain(p.body.id);
    expect(
      (
        await economy.post(`/api/portal/proposals/${p.body.id}/moderation`, {
          version: p.body.version,
          moderation: "rejected",
          reason: "x",
        })
      ).status,
    ).toBe(404);
    // a proposal to Город А's publication through Город Б's portal is not found
    expect(
      (await c.post(`/api/p/gorod-b/publications/${discussionId}/proposals`, { kind: "remark", anchor: "document", text: "Текст" })).status,
    ).toBe(404);
  });

  it("deleting the account removes the personal data, keeps the published proposal with initials", async () => {
    expect((await alice.delete(`/api/p/${SLUG}/me`)).status).toBe(204);
    expect((await alice.get(`/api/p/${SLUG}/me`)).status).toBe(401);
    const r = await app.ctx.db.query<any>(`SELECT email, full_name, deleted_at FROM resident WHERE deleted_at IS NOT NULL`);
    expect(r.rows).toHaveLength(1);
    expect(r.rows[0]).toMatchObject({ email: null, full_name: null });
    expect(String((await app.client().get(`/p/${SLUG}/publications/${discussionId}`)).body)).toContain("Смирнова А. П.");
    // the address may register again as a new person
    const again = await resident("alice@example.org", { fullName: "Смирнова Алла", birthYear: 1985 });
    expect((await again.get(`/api/p/${SLUG}/me`)).body.consents).toHaveLength(1);
  });
});

describe("rating vote", () => {
  it("options frozen once open, one ballot per voter under 200 parallel attempts, results hidden until close, then a count anyone can redo", async () => {
    // an options change before the start is allowed
    const future = await economy.post("/api/portal/votes", {
      title: "Будущее голосование",
      startsAt: new Date(Date.now() + 86_400_000).toISOString(),
      endsAt: new Date(Date.now() + 2 * 86_400_000).toISOString(),
      maxChoices: 1,
      winners: 1,
      eligibility: { minAge: 14, confirmedEmail: true, address: false },
      options: [{ title: "A" }, { title: "B" }],
    });
    expect(future.status).toBe(201);
    expect(
      (await economy.request("PUT", `/api/portal/votes/${future.body.id}/options`, { options: [{ title: "A" }, { title: "C" }] })).status,
    ).toBe(200);
    const past = await economy.post("/api/portal/votes", { ...future.body, id: undefined });
    expect(past.status).toBe(400);

    // a vote that opens now and closes in a few seconds (created as if a minute ago)
    const ctx = app.ctx;
    const realNow = ctx.now.bind(ctx);
    ctx.now = () => new Date(Date.now() - 60_000);
    // long enough for 200 attempts on a loaded machine (at load 19 they outlasted 8 s and met a closed vote)
    const endsAt = new Date(Date.now() + 20_000);
    const v = await economy.post("/api/portal/votes", {
      title: "Общественные пространства",
      startsAt: new Date(Date.now() - 30_000).toISOString(),
      endsAt: endsAt.toISOString(),
      maxChoices: 2,
      winners: 1,
      eligibility: { minAge: 14, confirmedEmail: true, address: false },
      options: [{ title: "Парк" }, { title: "Набережная" }, { title: "Сквер" }],
    });
    ctx.now = realNow;
    expect(v.status).toBe(201);
    expect(v.body.state).toBe("open");
    const [park, quay, square] = v.body.options.map((o: any) => o.id);
    // frozen: the application refuses, and so does the database for any writer
    expect(
      (await economy.request("PUT", `/api/portal/votes/${v.body.id}/options`, { options: [{ title: "X" }, { title: "Y" }] })).status,
    ).toBe(422);
    await expect(app.ctx.db.query(`UPDATE vote_option SET title = 'X' WHERE vote_id = $1`, [v.body.id])).rejects.toThrow();
    await expect(app.ctx.db.query(`UPDATE vote SET max_choices = 3 WHERE id = $1`, [v.body.id])).rejects.toThrow();

    const voter = await resident("voter1@example.org", { fullName: "Петров Петр", birthYear: 2000 });
    const child = await resident("child@example.org", { fullName: "Петров Малыш", birthYear: new Date().getUTCFullYear() - 10 });
    const other = await resident("voter2@example.org", { fullName: "Сидоров Сидор", birthYear: 1970 });
    expect((await child.post(`/api/p/${SLUG}/votes/${v.body.id}/ballot`, { choices: [park] })).status).toBe(403);
    const tooMany = await voter.post(`/api/p/${SLUG}/votes/${v.body.id}/ballot`, { choices: [park, quay, square] });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.issues[0].path).toBe("body.choices");

    // 200 parallel attempts by one voter through two server instances on the same database
    const db2 = new Db(app.ctx.db.url, { max: 5 });
    const server2 = await buildServer(createContext(db2));
    const voter2 = new Client(server2);
    voter2.cookie = voter.cookie;
    voter2.csrf = voter.csrf;
    const attempts = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        (i % 2 ? voter : voter2).post(`/api/p/${SLUG}/votes/${v.body.id}/ballot`, { choices: [park, quay] }),
      ),
    );
    await server2.close();
    await db2.close();
    const statuses = attempts.map((a) => a.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s !== 201 && s !== 409)).toEqual([]);
    const receipt = attempts.find((a) => a.status === 201)!.body.receipt;
    const n = await app.ctx.db.query<any>(`SELECT count(*)::int AS n FROM vote_ballot WHERE vote_id = $1`, [v.body.id]);
    expect(n.rows[0].n).toBe(1);
    expect((await other.post(`/api/p/${SLUG}/votes/${v.body.id}/ballot`, { choices: [park] })).status).toBe(201);

    // hidden until close: from the administrator too, and from the open data
    expect((await admin.get(`/api/portal/votes/${v.body.id}/results`)).status).toBe(422);
    expect((await app.client().get(`/p/${SLUG}/data/vote-${v.body.id}-ballots.csv`)).status).toBe(404);
    const openPage = String((await app.client().get(`/p/${SLUG}/votes/${v.body.id}`)).body);
    expect(openPage).toContain("Итоги скрыты");
    expect(openPage).not.toContain("<th>Голосов</th>");

    await new Promise((r) => setTimeout(r, Math.max(0, endsAt.getTime() - Date.now() + 300)));
    expect((await other.post(`/api/p/${SLUG}/votes/${v.body.id}/ballot`, { choices: [park] })).status).toBe(422);
    const results = await admin.get(`/api/portal/votes/${v.body.id}/results`);
    expect(results.status).toBe(200);
    expect(results.body.ballots).toBe(2);
    expect(results.body.options[0]).toMatchObject({ title: "Парк", votes: 2, winner: true });
    // the count redone from the anonymised ballots gives the same numbers
    const csv = String((await app.client().get(`/p/${SLUG}/data/vote-${v.body.id}-ballots.csv`)).body).replace(/^\uFEFF/, "");
    const rows = csv.trim().split("\r\n").slice(1);
    expect(rows).toHaveLength(2);
    expect(csv).not.toContain("voter1");
    const recount = new Map<string, number>();
    for (const row of rows) for (const c of row.split(",")[1]!.split(" ")) recount.set(c, (recount.get(c) ?? 0) + 1);
    for (const o of results.body.options) expect(recount.get(o.id) ?? 0).toBe(o.votes);
    // the voter checks the receipt was counted
    const check = await app.client().get(`/api/p/${SLUG}/votes/${v.body.id}/receipt?receipt=${receipt}`);
    expect(check.body.counted).toBe(true);
    expect(csv).toContain(check.body.receiptSha256);
    expect((await app.client().get(`/api/p/${SLUG}/votes/${v.body.id}/receipt?receipt=AAAAAAAAAAAAAAAA`)).body.counted).toBe(false);
    const page = String((await app.client().get(`/p/${SLUG}/votes/${v.body.id}`)).body);
    expect(page).toContain("Парк — победитель");
  });
});

describe("the residents' HTML forms (no script)", () => {
  const formPost = (c: Client, url: string, fields: Record<string, string | string[]>, headers: Record<string, string> = {}) => {
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
    return c.request("POST", url, body.toString(), { "content-type": "application/x-www-form-urlencoded", ...headers });
  };

  it("sign in by a code, make a proposal, sign out — all by forms; the API still takes JSON only", async () => {
    const c = app.client();
    c.ip = "10.7.7.7";
    const start = await c.get(`/p/${SLUG}/sign-in`);
    expect(String(start.body)).toContain('action="/p/gorod-a/sign-in/code"');
    const bad = await formPost(c, `/p/${SLUG}/sign-in/code`, { email: "not-an-email" });
    expect(bad.status).toBe(400);
    const step2 = await formPost(c, `/p/${SLUG}/sign-in/code`, { email: "forms@example.org" });
    expect(step2.status).toBe(200);
    expect(String(step2.body)).toContain('name="code"');
    const code = await lastCode("forms@example.org");
    const noConsent = await formPost(c, `/p/${SLUG}/sign-in`, { email: "forms@example.org", code });
    expect(noConsent.status).toBe(400);
    expect(String(noConsent.body)).toContain("152-ФЗ");
    const signedIn = await formPost(c, `/p/${SLUG}/sign-in`, { email: "forms@example.org", code, consent: "yes" });
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers.location).toBe(`/p/${SLUG}`);
    // the page now carries the resident's form token; a proposal needs a name in the profile first
    const list = (await economy.get("/api/portal/publications")).body.items;
    const pub = list.find((p: any) => p.kind === "discussion" && p.subjectKind === "program" && p.status === "published");
    const page = await c.get(`/p/${SLUG}/publications/${pub.id}`);
    expect(page.headers["cache-control"]).toBe("private, no-store");
    const csrf = /name="csrf" value="([^"]+)"/.exec(String(page.body))![1]!;
    const forged = await formPost(c, `/p/${SLUG}/publications/${pub.id}/proposals`, {
      csrf: "forged",
      kind: "proposal",
      anchor: "document",
      text: "x",
    });
    expect(forged.status).toBe(403);
    const noName = await formPost(c, `/p/${SLUG}/publications/${pub.id}/proposals`, {
      csrf,
      kind: "proposal",
      anchor: "document",
      text: "Предложение",
    });
    expect(noName.status).toBe(400);
    c.csrf = csrf;
    expect((await c.request("PUT", `/api/p/${SLUG}/me`, { fullName: "Формов Федор" })).status).toBe(200);
    const made = await formPost(c, `/p/${SLUG}/publications/${pub.id}/proposals`, {
      csrf,
      kind: "remark",
      anchor: "document",
      text: "Замечание из формы",
    });
    expect(made.status).toBe(303);
    expect(String(made.headers.location)).toMatch(new RegExp(`/p/${SLUG}/publications/${pub.id}#proposal-`));
    expect(String((await c.get(`/p/${SLUG}/publications/${pub.id}`)).body)).toContain("Замечание из формы");
    // a form from another site is refused
    const cross = await formPost(
      c,
      `/p/${SLUG}/publications/${pub.id}/proposals`,
      { csrf, kind: "remark", anchor: "document", text: "x" },
      { origin: "https://evil.example" },
    );
    expect(cross.status).toBe(403);
    // the API does not read form bodies
    const api = await c.request("POST", `/api/p/${SLUG}/auth/code`, "email=x%40example.org", {
      "content-type": "application/x-www-form-urlencoded",
    });
    expect(api.status).toBe(415);
    expect((await formPost(c, `/p/${SLUG}/sign-out`, { csrf })).status).toBe(303);
    expect((await c.get(`/api/p/${SLUG}/me`)).status).toBe(401);
  });
});
