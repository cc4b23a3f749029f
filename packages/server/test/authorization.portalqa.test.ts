/**
 * Every route of the portalqa group (issue 14, part 5: live Q&A and surveys). Staff routes ×
 * every role: every member reads; the administrator and the economy department schedule sessions,
 * moderate and answer questions and build surveys; another municipality's rows are 404; without a
 * session 401. Residents' routes: the resident's own session and CSRF token; a closed survey's
 * results are public.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROLES, type Role } from "@orientir/domain";
import { routeGroups } from "@orientir/server";
import { createTestApp, type Client, type TestApp } from "@orientir/testing";
import { signInResident } from "./portal-resident.ts";

let app: TestApp;
const clients = new Map<Role, Client>();
const covered = new Set<string>();
let adminB: Client;
let resident: Client;
const SLUG = "qa-a";
const WRITERS: Role[] = ["admin", "economy"];
const at = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();

const session = (title: string) => ({
  title,
  startsAt: at(24),
  endsAt: at(25),
  drafters: [{ name: "Иванова Мария Петровна", position: "начальник управления экономики" }],
});
const survey = (title: string) => ({
  title,
  opensAt: at(0),
  closesAt: at(48),
  questions: [
    { kind: "single", text: "Как вы оцениваете развитие города?", options: ["Хорошо", "Плохо"] },
    { kind: "scale", text: "Оценка от 1 до 5", scaleMin: 1, scaleMax: 5 },
  ],
});

beforeAll(async () => {
  app = await createTestApp();
  for (const role of ROLES) clients.set(role, await app.as(role));
  adminB = await app.as("adminb");
  expect(
    (await clients.get("admin")!.request("PUT", "/api/portal/settings", { slug: SLUG, moderation: "pre", minDiscussionDays: 5 })).status,
  ).toBe(200);
  resident = await signInResident(app, SLUG, "qa@example.org", "Петров Иван Сергеевич");
});

afterAll(async () => {
  await app?.close();
});

function walk(route: string, failures: string[], role: Role, got: number, want: number) {
  covered.add(route);
  if (got !== want) failures.push(`${route} as ${role}: got ${got}, want ${want}`);
}

describe("authorization of the Q&A and surveys' staff routes", () => {
  it("reads: every member of the municipality; another municipality sees none of it", async () => {
    const admin = clients.get("admin")!;
    const s = (await admin.post("/api/portal/surveys", survey("для чтения"))).body;
    const failures: string[] = [];
    for (const role of ROLES) {
      const c = clients.get(role)!;
      walk("GET /api/portal/qa", failures, role, (await c.get("/api/portal/qa")).status, 200);
      walk("GET /api/portal/surveys", failures, role, (await c.get("/api/portal/surveys")).status, 200);
      walk("GET /api/portal/surveys/:id/results", failures, role, (await c.get(`/api/portal/surveys/${s.id}/results`)).status, 200);
    }
    expect(failures).toEqual([]);
    expect((await adminB.get(`/api/portal/surveys/${s.id}/results`)).status).toBe(404);
    expect((await adminB.get("/api/portal/surveys")).body.items).toEqual([]);
  });

  it("sessions, moderation, answers and surveys: the administrator and the economy department", async () => {
    const failures: string[] = [];
    const admin = clients.get("admin")!;
    for (const role of ROLES) {
      const c = clients.get(role)!;
      const want = WRITERS.includes(role);
      const r = await c.post("/api/portal/qa", session(`сессия ${role}`));
      walk("POST /api/portal/qa", failures, role, r.status, want ? 201 : 403);
      const target = want ? r.body : (await admin.post("/api/portal/qa", session(`для ${role}`))).body;
      const q1 = (await resident.post(`/api/p/${SLUG}/qa/${target.id}/questions`, { text: `вопрос для ${role}` })).body;
      const m = await c.post(`/api/portal/qa/questions/${q1.id}/moderation`, { version: q1.version, moderation: "published" });
      walk("POST /api/portal/qa/questions/:id/moderation", failures, role, m.status, want ? 200 : 403);
      const published = want
        ? m.body
        : (await admin.post(`/api/portal/qa/questions/${q1.id}/moderation`, { version: 1, moderation: "published" })).body;
      await app.ctx.db.query(`UPDATE qa_session SET starts_at = now() - interval '10 minutes' WHERE id = $1`, [target.id]);
      const a = await c.post(`/api/portal/qa/questions/${q1.id}/answer`, {
        version: published.version,
        answeredBy: "Иванова Мария Петровна",
        answer: "Ответ",
      });
      walk("POST /api/portal/qa/questions/:id/answer", failures, role, a.status, want ? 200 : 403);
      const s = await c.post("/api/portal/surveys", survey(`опрос ${role}`));
      walk("POST /api/portal/surveys", failures, role, s.status, want ? 201 : 403);
    }
    expect(failures).toEqual([]);
    const q = (await admin.get("/api/portal/qa")).body.items[0].questions[0];
    expect((await adminB.post(`/api/portal/qa/questions/${q.id}/moderation`, { version: q.version, moderation: "published" })).status).toBe(
      404,
    );
  });

  it("without a session, 401", async () => {
    const anon = app.client();
    for (const r of routeGroups().portalqa!.filter((x) => x.auth === "session")) {
      const url = r.path.replace(":id", "00000000-0000-4000-8000-000000000000");
      expect((await anon.request(r.method, url, r.method === "GET" ? undefined : {})).status, `${r.method} ${r.path}`).toBe(401);
    }
  });
});

describe("the residents' routes", () => {
  it("need the resident's own session and CSRF token; a closed survey's results are public, an open one's hidden", async () => {
    const admin = clients.get("admin")!;
    const staff = admin;
    const anon = app.client();
    const s = (await admin.post("/api/portal/surveys", survey("проверка доступа"))).body;
    const qa = (await admin.post("/api/portal/qa", session("проверка доступа"))).body;
    const guarded: [string, unknown][] = [
      [`/api/p/${SLUG}/qa/${qa.id}/questions`, { text: "вопрос" }],
      [`/api/p/${SLUG}/surveys/${s.id}/responses`, { answers: [] }],
    ];
    for (const [url, body] of guarded) {
      expect((await anon.post(url, body)).status, `${url} anonymous`).toBe(401);
      expect((await staff.post(url, body)).status, `${url} staff`).toBe(401);
      expect((await resident.request("POST", url, body, { "x-csrf-token": "wrong" })).status, `${url} wrong csrf`).toBe(403);
    }
    expect((await anon.get(`/api/p/${SLUG}/surveys/${s.id}/results`)).status).toBe(422);
    await app.ctx.db.query(`UPDATE survey SET opens_at = now() - interval '2 days', closes_at = now() - interval '1 day' WHERE id = $1`, [
      s.id,
    ]);
    expect((await anon.get(`/api/p/${SLUG}/surveys/${s.id}/results`)).status).toBe(200);
    expect((await anon.get(`/api/p/other/surveys/${s.id}/results`)).status).toBe(404);
    for (const r of routeGroups().portalqa!.filter((x) => x.auth === "public")) covered.add(`${r.method} ${r.path}`);
  });

  it("covers every route of the group", () => {
    const all = routeGroups().portalqa!.map((r) => `${r.method} ${r.path}`);
    expect(all.filter((r) => !covered.has(r))).toEqual([]);
  });
});
