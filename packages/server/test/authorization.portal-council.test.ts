/**
 * Every route of the council group (issue 14, part 7) × every role: every member reads; the
 * administrator and the economy department keep the council; every other role is refused (deny
 * by default); another municipality's rows are 404; without a session 401; the portal's JSON of
 * the council is public.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROLES, authorize, type Role } from "@orientir/domain";
import { routeGroups } from "@orientir/server";
import { createTestApp, type Client, type TestApp } from "@orientir/testing";

let app: TestApp;
const clients = new Map<Role, Client>();
const covered = new Set<string>();
let adminB: Client;
const WRITERS: Role[] = ["admin", "economy"];
const SLUG = "auth-council";

beforeAll(async () => {
  app = await createTestApp();
  for (const role of ROLES) clients.set(role, await app.as(role));
  adminB = await app.as("adminb");
  const admin = clients.get("admin")!;
  expect((await admin.request("PUT", "/api/portal/settings", { slug: SLUG, moderation: "pre", minDiscussionDays: 5 })).status).toBe(200);
  expect((await admin.request("PUT", "/api/council", { name: "Совет" })).status).toBe(200);
});

afterAll(async () => {
  await app?.close();
});

function walk(route: string, failures: string[], role: Role, got: number, want: number) {
  covered.add(route);
  if (got !== want) failures.push(`${route} as ${role}: got ${got}, want ${want}`);
}

describe("authorization of the council's routes", () => {
  it("the policy denies by default: an unknown role, another municipality", () => {
    const actor = { userId: "u", login: "x", municipalityId: "m1", role: "admin" as const, departmentId: null };
    expect(authorize(actor, "update", { area: "council", municipalityId: "m2" }).allowed).toBe(false);
    expect(authorize({ ...actor, role: "nobody" as unknown as Role }, "read", { area: "council", municipalityId: "m1" }).allowed).toBe(
      false,
    );
    expect(authorize({ ...actor, role: "nobody" as unknown as Role }, "update", { area: "council", municipalityId: "m1" }).allowed).toBe(
      false,
    );
  });

  it("reads: every member of the municipality", async () => {
    const failures: string[] = [];
    for (const role of ROLES) {
      const c = clients.get(role)!;
      walk("GET /api/council", failures, role, (await c.get("/api/council")).status, 200);
      walk("GET /api/council/documents", failures, role, (await c.get("/api/council/documents")).status, 200);
    }
    expect(failures).toEqual([]);
    expect((await adminB.get("/api/council")).body.council).toBeNull();
  });

  it("writes: the administrator and the economy department only", async () => {
    const failures: string[] = [];
    const admin = clients.get("admin")!;
    for (const role of ROLES) {
      const c = clients.get(role)!;
      const want = WRITERS.includes(role);
      const council = (await admin.get("/api/council")).body.council;
      const u = await c.request("PUT", "/api/council", { name: `Совет ${role}`, version: council.version });
      walk("PUT /api/council", failures, role, u.status, want ? 200 : 403);

      const m = await c.post("/api/council/members", { fullName: `Член ${role}`, role: "member" });
      walk("POST /api/council/members", failures, role, m.status, want ? 201 : 403);
      const member = want ? m.body : (await admin.post("/api/council/members", { fullName: `Член для ${role}`, role: "member" })).body;
      const mu = await c.request("PUT", `/api/council/members/${member.id}`, {
        fullName: "Другое имя",
        role: "deputy",
        version: member.version,
      });
      walk("PUT /api/council/members/:id", failures, role, mu.status, want ? 200 : 403);
      const memberVersion = want ? mu.body.version : member.version;
      walk(
        "DELETE /api/council/members/:id",
        failures,
        role,
        (await c.delete(`/api/council/members/${member.id}?version=${memberVersion}`)).status,
        want ? 204 : 403,
      );

      const mt = await c.post("/api/council/meetings", { heldOn: "2024-03-01", place: "Зал", published: true });
      walk("POST /api/council/meetings", failures, role, mt.status, want ? 201 : 403);
      const meeting = want
        ? mt.body
        : (await admin.post("/api/council/meetings", { heldOn: "2024-03-01", place: "Зал", published: true })).body;
      const ag = await c.request("PUT", `/api/council/meetings/${meeting.id}/agenda`, {
        version: meeting.version,
        items: [{ title: "Вопрос", decision: "Решено" }],
      });
      walk("PUT /api/council/meetings/:id/agenda", failures, role, ag.status, want ? 200 : 403);
      const v1 = want ? ag.body.version : meeting.version;
      const mtu = await c.request("PUT", `/api/council/meetings/${meeting.id}`, {
        heldOn: "2024-03-02",
        place: "Зал 2",
        published: false,
        version: v1,
      });
      walk("PUT /api/council/meetings/:id", failures, role, mtu.status, want ? 200 : 403);
      const v2 = want ? mtu.body.version : v1;
      walk(
        "DELETE /api/council/meetings/:id",
        failures,
        role,
        (await c.delete(`/api/council/meetings/${meeting.id}?version=${v2}`)).status,
        want ? 204 : 403,
      );
    }
    expect(failures).toEqual([]);
  });

  it("another municipality's rows are 404", async () => {
    const admin = clients.get("admin")!;
    const member = (await admin.post("/api/council/members", { fullName: "Чужой", role: "member" })).body;
    const meeting = (await admin.post("/api/council/meetings", { heldOn: "2024-03-01", place: "Зал", published: false })).body;
    expect((await adminB.request("PUT", "/api/council", { name: "B" })).status).toBe(200); // B's own council
    expect(
      (await adminB.request("PUT", `/api/council/members/${member.id}`, { fullName: "X", role: "member", version: member.version })).status,
    ).toBe(404);
    expect((await adminB.delete(`/api/council/members/${member.id}?version=${member.version}`)).status).toBe(404);
    expect(
      (
        await adminB.request("PUT", `/api/council/meetings/${meeting.id}`, {
          heldOn: "2024-03-01",
          place: "X",
          published: true,
          version: meeting.version,
        })
      ).status,
    ).toBe(404);
    expect(
      (await adminB.request("PUT", `/api/council/meetings/${meeting.id}/agenda`, { version: meeting.version, items: [] })).status,
    ).toBe(404);
    expect((await adminB.delete(`/api/council/meetings/${meeting.id}?version=${meeting.version}`)).status).toBe(404);
    expect((await adminB.get("/api/council")).body.members).toEqual([]);
  });

  it("without a session, 401; the portal's JSON is public and shows only published meetings", async () => {
    const anon = app.client();
    for (const r of routeGroups()["portal-council"]!.filter((x) => x.auth === "session")) {
      const url = r.path.replace(":id", "00000000-0000-4000-8000-000000000000");
      expect(
        (await anon.request(r.method, url, r.method === "GET" || r.method === "DELETE" ? undefined : {})).status,
        `${r.method} ${r.path}`,
      ).toBe(401);
    }
    const pub = await anon.get(`/api/p/${SLUG}/council`);
    covered.add("GET /api/p/:municipality/council");
    expect(pub.status).toBe(200);
    expect(pub.body.meetings.every((m: any) => m.published)).toBe(true);
    expect((await anon.get("/api/p/nope/council")).status).toBe(404);
  });

  it("covers every route of the group", () => {
    const all = routeGroups()["portal-council"]!.map((r) => `${r.method} ${r.path}`);
    expect(all.filter((r) => !covered.has(r))).toEqual([]);
  });
});
