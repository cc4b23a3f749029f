/**
 * Every route of the portal group. Staff routes × every role: every member reads; the
 * administrator sets the portal up; the administrator and the economy department publish,
 * moderate, answer and set up votes; another municipality's rows are 404; without a session 401.
 * Residents' routes: without the resident's session 401 (a staff session is not a resident's);
 * asking for a code and signing in are public.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROLES, type Role } from "@orientir/domain";
import { routeGroups } from "@orientir/server";
import { createTestApp, type Client, type TestApp } from "@orientir/testing";

let app: TestApp;
const clients = new Map<Role, Client>();
const covered = new Set<string>();
let adminB: Client;
let programId: string;
let publicationId: string;
let residentClient: Client;
const SLUG = "auth-a";
const WRITERS: Role[] = ["admin", "economy"];
const today = () => new Date().toISOString().slice(0, 10);
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

async function newProposal(text: string): Promise<any> {
  const r = await residentClient.post(`/api/p/${SLUG}/publications/${publicationId}/proposals`, {
    kind: "proposal",
    anchor: "document",
    text,
  });
  expect(r.status).toBe(201);
  return r.body;
}

async function newVote(c: Client, title: string): Promise<any> {
  const r = await c.post("/api/portal/votes", {
    title,
    startsAt: new Date(Date.now() + 86_400_000).toISOString(),
    endsAt: new Date(Date.now() + 2 * 86_400_000).toISOString(),
    maxChoices: 1,
    winners: 1,
    eligibility: { minAge: null, confirmedEmail: true, address: false },
    options: [{ title: "A" }, { title: "B" }],
  });
  expect(r.status).toBe(201);
  return r.body;
}

beforeAll(async () => {
  app = await createTestApp();
  for (const role of ROLES) clients.set(role, await app.as(role));
  adminB = await app.as("adminb");
  const admin = clients.get("admin")!;
  programId = (await admin.get("/api/programs")).body.items[0].id;
  expect((await admin.request("PUT", "/api/portal/settings", { slug: SLUG, moderation: "pre", minDiscussionDays: 5 })).status).toBe(200);
  expect((await adminB.request("PUT", "/api/portal/settings", { slug: "auth-b", moderation: "pre", minDiscussionDays: 5 })).status).toBe(
    200,
  );
  const p = await admin.post("/api/portal/publications", {
    kind: "discussion",
    subjectKind: "program",
    subjectId: programId,
    startsOn: today(),
    endsOn: inDays(10),
  });
  expect(p.status).toBe(201);
  publicationId = p.body.id;
  residentClient = app.client();
  await residentClient.post(`/api/p/${SLUG}/auth/code`, { email: "r@example.org" });
  const mail = await app.ctx.db.query<{ body: string }>(`SELECT body FROM email_outbox WHERE to_address = 'r@example.org'`);
  const code = /(\d{6})/.exec(mail.rows[0]!.body)![1];
  const s = await residentClient.post(`/api/p/${SLUG}/auth/sign-in`, { email: "r@example.org", code, consent: true });
  expect(s.status).toBe(200);
  residentClient.csrf = s.body.csrfToken;
  expect((await residentClient.request("PUT", `/api/p/${SLUG}/me`, { fullName: "Житель Тестовый" })).status).toBe(200);
});

afterAll(async () => {
  await app?.close();
});

function walk(route: string, failures: string[], role: Role, got: number, want: number) {
  covered.add(route);
  if (got !== want) failures.push(`${route} as ${role}: got ${got}, want ${want}`);
}

describe("authorization of the portal's staff routes", () => {
  it("reads: every member of the municipality", async () => {
    const failures: string[] = [];
    const vote = await newVote(clients.get("admin")!, "для чтения");
    for (const role of ROLES) {
      const c = clients.get(role)!;
      walk("GET /api/portal/settings", failures, role, (await c.get("/api/portal/settings")).status, 200);
      walk("GET /api/portal/publications", failures, role, (await c.get("/api/portal/publications")).status, 200);
      walk("GET /api/portal/proposals", failures, role, (await c.get("/api/portal/proposals")).status, 200);
      walk("GET /api/portal/votes", failures, role, (await c.get("/api/portal/votes")).status, 200);
      // results are hidden before the close from every role (422), and another municipality's are 404
      walk("GET /api/portal/votes/:id/results", failures, role, (await c.get(`/api/portal/votes/${vote.id}/results`)).status, 422);
    }
    expect(failures).toEqual([]);
    expect((await adminB.get(`/api/portal/votes/${vote.id}/results`)).status).toBe(404);
    expect((await adminB.get("/api/portal/publications")).body.items.map((p: any) => p.id)).not.toContain(publicationId);
  });

  it("settings: the administrator only", async () => {
    const failures: string[] = [];
    for (const role of ROLES) {
      const r = await clients.get(role)!.request("PUT", "/api/portal/settings", { slug: SLUG, moderation: "pre", minDiscussionDays: 5 });
      walk("PUT /api/portal/settings", failures, role, r.status, role === "admin" ? 200 : 403);
    }
    expect(failures).toEqual([]);
    // another municipality cannot take this portal's address
    const taken = await adminB.request("PUT", "/api/portal/settings", { slug: SLUG, moderation: "pre", minDiscussionDays: 5 });
    expect(taken.status).toBe(400);
    expect(taken.body.error.issues[0].path).toBe("body.slug");
  });

  it("publication, files, withdrawal: the administrator and the economy department", async () => {
    const failures: string[] = [];
    const pdf = Buffer.from("%PDF-1.4\n%test\n").toString("base64");
    for (const role of ROLES) {
      const c = clients.get(role)!;
      const want = WRITERS.includes(role);
      const r = await c.post("/api/portal/publications", {
        kind: "discussion",
        subjectKind: "program",
        subjectId: programId,
        startsOn: today(),
        endsOn: inDays(10),
      });
      walk("POST /api/portal/publications", failures, role, r.status, want ? 201 : 403);
      const target = want
        ? r.body
        : (await clients.get("admin")!.get("/api/portal/publications")).body.items.find((p: any) => p.status === "published");
      const f = await c.post(`/api/portal/publications/${target.id}/files`, {
        kind: "note",
        title: "Пояснительная записка",
        filename: "note.pdf",
        contentBase64: pdf,
      });
      walk("POST /api/portal/publications/:id/files", failures, role, f.status, want ? 201 : 403);
      const w = await c.post(`/api/portal/publications/${target.id}/withdraw`, { version: target.version });
      walk("POST /api/portal/publications/:id/withdraw", failures, role, w.status, want ? 200 : 403);
    }
    expect(failures).toEqual([]);
    expect((await adminB.post(`/api/portal/publications/${publicationId}/withdraw`, { version: 1 })).status).toBe(404);
    expect(
      (
        await adminB.post(`/api/portal/publications/${publicationId}/files`, {
          kind: "note",
          title: "x",
          filename: "x.pdf",
          contentBase64: pdf,
        })
      ).status,
    ).toBe(404);
    // a file that is not PDF/DOCX/XLSX: 400 on the field
    const bad = await clients.get("admin")!.post(`/api/portal/publications/${publicationId}/files`, {
      kind: "attachment",
      title: "x",
      filename: "x.exe",
      contentBase64: Buffer.from("MZ....").toString("base64"),
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues[0].path).toBe("body.contentBase64");
  });

  it("the discussion's protocol: generated by the administrator and the economy department, read by every member", async () => {
    const admin = clients.get("admin")!;
    const closed = await admin.post("/api/portal/publications", {
      kind: "discussion",
      subjectKind: "program",
      subjectId: programId,
      startsOn: today(),
      endsOn: inDays(10),
    });
    expect(closed.status).toBe(201);
    await app.ctx.db.query(`UPDATE publication SET starts_on = $2, ends_on = $3 WHERE id = $1`, [closed.body.id, inDays(-20), inDays(-1)]);
    const failures: string[] = [];
    for (const role of ROLES) {
      const c = clients.get(role)!;
      const want = WRITERS.includes(role);
      // on a discussion still open: a writer is refused by the rule (422), the others by permission
      const r = await c.post(`/api/portal/publications/${publicationId}/protocol`, { number: "П-1" });
      walk("POST /api/portal/publications/:id/protocol", failures, role, r.status, want ? 422 : 403);
    }
    expect((await clients.get("economy")!.post(`/api/portal/publications/${closed.body.id}/protocol`, { number: "П-1" })).status).toBe(201);
    for (const role of ROLES) {
      const r = await clients.get(role)!.get(`/api/portal/publications/${closed.body.id}/protocol`);
      walk("GET /api/portal/publications/:id/protocol", failures, role, r.status, 200);
    }
    expect(failures).toEqual([]);
    expect((await adminB.get(`/api/portal/publications/${closed.body.id}/protocol`)).status).toBe(404);
    expect((await adminB.post(`/api/portal/publications/${closed.body.id}/protocol`, { number: "П-2" })).status).toBe(404);
    expect((await app.client().get(`/api/portal/publications/${closed.body.id}/protocol`)).status).toBe(401);
  });

  it("public hearings: announced and recorded by the administrator and the economy department, read by every member", async () => {
    const failures: string[] = [];
    const startsAt = new Date(Date.now() + 5 * 86_400_000).toISOString();
    let last: any = null;
    for (const role of ROLES) {
      const c = clients.get(role)!;
      const want = WRITERS.includes(role);
      const r = await c.post("/api/portal/hearings", { title: "Слушания", place: "Зал", startsAt, agenda: ["Доклад"] });
      walk("POST /api/portal/hearings", failures, role, r.status, want ? 201 : 403);
      if (want) last = r.body;
      walk("GET /api/portal/hearings", failures, role, (await c.get("/api/portal/hearings")).status, 200);
    }
    await app.ctx.db.query(`UPDATE public_hearing SET starts_at = now() - interval '1 hour' WHERE id = $1`, [last.id]);
    for (const role of ROLES) {
      const c = clients.get(role)!;
      const want = WRITERS.includes(role);
      const cur = (await clients.get("admin")!.get("/api/portal/hearings")).body.items.find((h: any) => h.id === last.id);
      const r = await c.request("PUT", `/api/portal/hearings/${last.id}/result`, {
        version: cur.version,
        protocol: "П",
        recommendations: [],
      });
      walk("PUT /api/portal/hearings/:id/result", failures, role, r.status, want ? 200 : 403);
    }
    expect(failures).toEqual([]);
    expect(
      (await adminB.request("PUT", `/api/portal/hearings/${last.id}/result`, { version: 1, protocol: "П", recommendations: [] })).status,
    ).toBe(404);
    expect((await adminB.get("/api/portal/hearings")).body.items).toEqual([]);
    expect((await app.client().get("/api/portal/hearings")).status).toBe(401);
  });

  it("moderation and answers: the administrator and the economy department", async () => {
    const failures: string[] = [];
    for (const role of ROLES) {
      const c = clients.get(role)!;
      const want = WRITERS.includes(role);
      const p = await newProposal(`Предложение для роли ${role}`);
      const m = await c.post(`/api/portal/proposals/${p.id}/moderation`, { version: p.version, moderation: "published" });
      walk("POST /api/portal/proposals/:id/moderation", failures, role, m.status, want ? 200 : 403);
      const current = want
        ? m.body
        : (await clients.get("admin")!.post(`/api/portal/proposals/${p.id}/moderation`, { version: p.version, moderation: "published" }))
            .body;
      const a = await c.post(`/api/portal/proposals/${p.id}/answer`, {
        version: current.version,
        decision: "outOfScope",
        answer: "Вопрос не относится к программе",
      });
      walk("POST /api/portal/proposals/:id/answer", failures, role, a.status, want ? 200 : 403);
    }
    expect(failures).toEqual([]);
    const p = await newProposal("Чужой муниципалитет не модерирует");
    expect((await adminB.post(`/api/portal/proposals/${p.id}/moderation`, { version: p.version, moderation: "published" })).status).toBe(
      404,
    );
    expect(
      (await adminB.post(`/api/portal/proposals/${p.id}/answer`, { version: p.version, decision: "accepted", answer: "Учтено полностью" }))
        .status,
    ).toBe(404);
  });

  it("votes: set up by the administrator and the economy department", async () => {
    const failures: string[] = [];
    const body = {
      title: "Голосование",
      startsAt: new Date(Date.now() + 86_400_000).toISOString(),
      endsAt: new Date(Date.now() + 2 * 86_400_000).toISOString(),
      maxChoices: 1,
      winners: 1,
      eligibility: { minAge: 14, confirmedEmail: true, address: false },
      options: [{ title: "A" }, { title: "B" }],
    };
    const shared = await newVote(clients.get("admin")!, "общее");
    for (const role of ROLES) {
      const c = clients.get(role)!;
      const want = WRITERS.includes(role);
      walk("POST /api/portal/votes", failures, role, (await c.post("/api/portal/votes", body)).status, want ? 201 : 403);
      const o = await c.request("PUT", `/api/portal/votes/${shared.id}/options`, { options: [{ title: "A" }, { title: `B ${role}` }] });
      walk("PUT /api/portal/votes/:id/options", failures, role, o.status, want ? 200 : 403);
    }
    expect(failures).toEqual([]);
    expect(
      (await adminB.request("PUT", `/api/portal/votes/${shared.id}/options`, { options: [{ title: "A" }, { title: "B" }] })).status,
    ).toBe(404);
    const bad = await clients
      .get("admin")!
      .post("/api/portal/votes", { ...body, eligibility: { minAge: "14", confirmedEmail: true, address: false } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues[0].path).toBe("body.eligibility.minAge");
  });

  it("without a session, 401", async () => {
    const anon = app.client();
    for (const r of routeGroups().portal!.filter((x) => x.auth === "session")) {
      const url = r.path.replace(":id", "00000000-0000-4000-8000-000000000000");
      expect((await anon.request(r.method, url, r.method === "GET" ? undefined : {})).status, `${r.method} ${r.path}`).toBe(401);
    }
  });
});

describe("the residents' routes", () => {
  it("need the resident's own session (a staff session is not one), and its CSRF token", async () => {
    const staff = clients.get("admin")!;
    const anon = app.client();
    const id = "00000000-0000-4000-8000-000000000000";
    const guarded: [string, string, unknown][] = [
      ["POST", `/api/p/${SLUG}/auth/sign-out`, {}],
      ["GET", `/api/p/${SLUG}/me`, undefined],
      ["PUT", `/api/p/${SLUG}/me`, { fullName: "X" }],
      ["DELETE", `/api/p/${SLUG}/me`, undefined],
      ["POST", `/api/p/${SLUG}/publications/${publicationId}/proposals`, { kind: "proposal", anchor: "document", text: "x" }],
      ["POST", `/api/p/${SLUG}/proposals/${id}/support`, {}],
      ["POST", `/api/p/${SLUG}/votes/${id}/ballot`, { choices: [id] }],
      ["GET", `/api/p/${SLUG}/notifications`, undefined],
      ["POST", `/api/p/${SLUG}/hearings/${id}/speakers`, { topic: "x" }],
      ["POST", `/api/p/${SLUG}/follows`, { objectType: "vote", objectId: id }],
      ["POST", `/api/p/${SLUG}/notifications/read`, {}],
    ];
    for (const [method, url, body] of guarded) {
      expect((await anon.request(method, url, body)).status, `${method} ${url} anonymous`).toBe(401);
      expect((await staff.request(method, url, body)).status, `${method} ${url} staff`).toBe(401);
    }
    // with the resident's cookie but a wrong CSRF token, a change is refused
    expect((await residentClient.request("PUT", `/api/p/${SLUG}/me`, { fullName: "X" }, { "x-csrf-token": "wrong" })).status).toBe(403);
    expect((await residentClient.get(`/api/p/${SLUG}/me`)).status).toBe(200);
    expect((await residentClient.request("POST", `/api/p/${SLUG}/notifications/read`, {}, { "x-csrf-token": "wrong" })).status).toBe(403);
    expect((await residentClient.get(`/api/p/${SLUG}/notifications`)).status).toBe(200);
    // public: the code, the sign-in (a wrong code is 401), the receipt check
    expect((await anon.post(`/api/p/${SLUG}/auth/code`, { email: "x@example.org" })).status).toBe(200);
    expect((await anon.post(`/api/p/${SLUG}/auth/sign-in`, { email: "x@example.org", code: "12345" })).status).toBe(400);
    expect((await anon.post(`/api/p/${SLUG}/auth/sign-in`, { email: "zz@example.org", code: "123456", consent: true })).status).toBe(401);
    expect((await anon.get(`/api/p/${SLUG}/votes/${id}/receipt?receipt=AAAAAAAAAAAAAAAA`)).status).toBe(404);
    expect((await anon.post(`/api/p/nope/auth/code`, { email: "x@example.org" })).status).toBe(404);
    // the resident's session is refused on staff routes
    expect((await residentClient.get("/api/portal/proposals")).status).toBe(401);
    for (const r of routeGroups().portal!.filter((x) => x.auth === "public")) covered.add(`${r.method} ${r.path}`);
  });

  it("covers every route of the group", () => {
    const all = routeGroups().portal!.map((r) => `${r.method} ${r.path}`);
    expect(all.filter((r) => !covered.has(r))).toEqual([]);
  });
});
