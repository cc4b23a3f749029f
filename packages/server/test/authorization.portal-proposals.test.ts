/**
 * Every route of the portal-proposals group (comments, abuse reports, proposals' files) × every
 * role: every member reads the queues and files; the administrator and the economy department
 * moderate and decide; another municipality's rows are 404; without a session 401. The residents'
 * routes need the resident's own session and CSRF token (a staff session is not one).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROLES, type Role } from "@orientir/domain";
import { routeGroups } from "@orientir/server";
import { createTestApp, type Client, type TestApp } from "@orientir/testing";

let app: TestApp;
const clients = new Map<Role, Client>();
const covered = new Set<string>();
let adminB: Client;
let residents: Client[] = [];
let publicationId: string;
const SLUG = "auth-pp";
const WRITERS: Role[] = ["admin", "economy"];
const PDF = Buffer.from("%PDF-1.4\n%test\n").toString("base64");
const day = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

async function resident(email: string): Promise<Client> {
  const c = app.client();
  c.ip = `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
  await c.post(`/api/p/${SLUG}/auth/code`, { email });
  const mail = await app.ctx.db.query<{ body: string }>(
    `SELECT body FROM email_outbox WHERE to_address = $1 ORDER BY created_at DESC LIMIT 1`,
    [email],
  );
  const code = /(\d{6})/.exec(mail.rows[0]!.body)![1];
  const s = await c.post(`/api/p/${SLUG}/auth/sign-in`, { email, code, consent: true });
  c.csrf = s.body.csrfToken;
  expect((await c.request("PUT", `/api/p/${SLUG}/me`, { fullName: "Житель Тестовый" })).status).toBe(200);
  return c;
}

async function publishedProposal(text: string, files?: unknown[]): Promise<any> {
  const r = await residents[0]!.post(`/api/p/${SLUG}/publications/${publicationId}/proposals`, {
    kind: "proposal",
    anchor: "document",
    text,
    ...(files ? { files } : {}),
  });
  expect(r.status).toBe(201);
  const m = await clients
    .get("admin")!
    .post(`/api/portal/proposals/${r.body.id}/moderation`, { version: r.body.version, moderation: "published" });
  expect(m.status).toBe(200);
  return m.body.files ? m.body : { ...m.body, files: r.body.files };
}

async function pendingComment(proposalId: string, who = 1): Promise<any> {
  const r = await residents[who]!.post(`/api/p/${SLUG}/proposals/${proposalId}/comments`, { text: "комментарий" });
  expect(r.status).toBe(201);
  return r.body;
}

beforeAll(async () => {
  app = await createTestApp();
  for (const role of ROLES) clients.set(role, await app.as(role));
  adminB = await app.as("adminb");
  const admin = clients.get("admin")!;
  const programId = (await admin.get("/api/programs")).body.items[0].id;
  expect((await admin.request("PUT", "/api/portal/settings", { slug: SLUG, moderation: "pre", minDiscussionDays: 5 })).status).toBe(200);
  publicationId = (
    await admin.post("/api/portal/publications", {
      kind: "discussion",
      subjectKind: "program",
      subjectId: programId,
      startsOn: day(0),
      endsOn: day(10),
    })
  ).body.id;
  residents = [await resident("pp1@example.org"), await resident("pp2@example.org"), await resident("pp3@example.org")];
});

afterAll(async () => {
  await app?.close();
});

function walk(route: string, failures: string[], role: Role, got: number, want: number) {
  covered.add(route);
  if (got !== want) failures.push(`${route} as ${role}: got ${got}, want ${want}`);
}

describe("authorization of comments, reports and proposals' files (staff)", () => {
  it("reads: every member", async () => {
    const failures: string[] = [];
    const p = await publishedProposal("с файлом", [{ filename: "a.pdf", contentBase64: PDF }]);
    for (const role of ROLES) {
      const c = clients.get(role)!;
      walk("GET /api/portal/comments", failures, role, (await c.get("/api/portal/comments")).status, 200);
      walk("GET /api/portal/reports", failures, role, (await c.get("/api/portal/reports")).status, 200);
      walk(
        "GET /api/portal/proposals/:id/files/:fileId",
        failures,
        role,
        (await c.get(`/api/portal/proposals/${p.id}/files/${p.files[0].id}`)).status,
        200,
      );
    }
    expect(failures).toEqual([]);
    expect((await adminB.get(`/api/portal/proposals/${p.id}/files/${p.files[0].id}`)).status).toBe(404);
    expect((await adminB.get("/api/portal/comments")).body.items).toEqual([]);
  });

  it("moderation of comments and decisions on reports: the administrator and the economy department", async () => {
    const failures: string[] = [];
    const p = await publishedProposal("для модерации");
    for (const role of ROLES) {
      const c = clients.get(role)!;
      const want = WRITERS.includes(role);
      const comment = await pendingComment(p.id);
      walk(
        "POST /api/portal/comments/:id/moderation",
        failures,
        role,
        (await c.post(`/api/portal/comments/${comment.id}/moderation`, { version: comment.version, moderation: "published" })).status,
        want ? 200 : 403,
      );
      const target = await publishedProposal(`жалоба ${role}`);
      const rep = await residents[2]!.post(`/api/p/${SLUG}/reports`, { targetType: "proposal", targetId: target.id, reason: "причина" });
      expect(rep.status).toBe(201);
      walk(
        "POST /api/portal/reports/:id/decision",
        failures,
        role,
        (await c.post(`/api/portal/reports/${rep.body.id}/decision`, { version: 1, decision: "keep", reason: "нарушений нет" })).status,
        want ? 200 : 403,
      );
    }
    expect(failures).toEqual([]);
    const comment = await pendingComment(p.id);
    expect(
      (await adminB.post(`/api/portal/comments/${comment.id}/moderation`, { version: comment.version, moderation: "published" })).status,
    ).toBe(404);
    const rep = await residents[2]!.post(`/api/p/${SLUG}/reports`, { targetType: "comment", targetId: comment.id, reason: "x" });
    expect(rep.status).toBe(404); // a comment awaiting moderation is not shown, so not reportable
  });

  it("without a session, 401", async () => {
    const anon = app.client();
    for (const r of routeGroups()["portal-proposals"]!.filter((x) => x.auth === "session")) {
      const url = r.path.replace(":id", "00000000-0000-4000-8000-000000000000").replace(":fileId", "00000000-0000-4000-8000-000000000000");
      expect((await anon.request(r.method, url, r.method === "GET" ? undefined : {})).status, `${r.method} ${r.path}`).toBe(401);
    }
  });
});

describe("the residents' routes of the group", () => {
  it("need the resident's own session and CSRF token; the comments of a proposal are public", async () => {
    const p = await publishedProposal("для жителей");
    const staff = clients.get("admin")!;
    const anon = app.client();
    const guarded: [string, unknown][] = [
      [`/api/p/${SLUG}/proposals/${p.id}/comments`, { text: "x" }],
      [`/api/p/${SLUG}/reports`, { targetType: "proposal", targetId: p.id, reason: "x" }],
    ];
    for (const [url, body] of guarded) {
      expect((await anon.post(url, body)).status, `${url} anonymous`).toBe(401);
      expect((await staff.post(url, body)).status, `${url} staff`).toBe(401);
      expect((await residents[1]!.request("POST", url, body, { "x-csrf-token": "wrong" })).status, `${url} bad csrf`).toBe(403);
    }
    covered.add("POST /api/p/:municipality/proposals/:id/comments");
    covered.add("POST /api/p/:municipality/reports");
    expect((await residents[1]!.post(`/api/p/${SLUG}/proposals/${p.id}/comments`, { text: "x" })).status).toBe(201);
    expect((await residents[1]!.post(`/api/p/${SLUG}/reports`, { targetType: "proposal", targetId: p.id, reason: "x" })).status).toBe(201);
    expect((await anon.get(`/api/p/${SLUG}/proposals/${p.id}/comments`)).status).toBe(200);
    covered.add("GET /api/p/:municipality/proposals/:id/comments");
    expect((await anon.get(`/api/p/nope/proposals/${p.id}/comments`)).status).toBe(404);
  });

  it("covers every route of the group", () => {
    const all = routeGroups()["portal-proposals"]!.map((r) => `${r.method} ${r.path}`);
    expect(all.filter((r) => !covered.has(r))).toEqual([]);
  });
});
