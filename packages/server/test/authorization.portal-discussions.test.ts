/**
 * Every route of the portal's discussions group (issue 14, part 4) × every role: every member reads
 * the discussions; the administrator and the economy department record a held hearing; every other
 * role is refused (deny by default); another municipality sees none of them; without a session 401.
 * Also the hearing's checks: a future time, a protocol dated before the hearing, each a 400 naming the field.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROLES, type Role } from "@orientir/domain";
import { routeGroups } from "@orientir/server";
import { createTestApp, type Client, type TestApp } from "@orientir/testing";

let app: TestApp;
const clients = new Map<Role, Client>();
const covered = new Set<string>();
let adminB: Client;
let finishedId: string;
const WRITERS: Role[] = ["admin", "economy"];
const day = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
const held = (extra: Record<string, unknown> = {}) => ({
  title: "Публичные слушания по проекту стратегии",
  place: "Зал заседаний администрации",
  startsAt: new Date(Date.now() - 3 * 86_400_000).toISOString(),
  participants: 112,
  protocolNumber: "1-ПС",
  protocolDate: day(-2),
  protocol: "Слушания открыл глава округа. Выступили 6 человек. Проект одобрен.",
  recommendations: ["Одобрить проект стратегии"],
  ...extra,
});

beforeAll(async () => {
  app = await createTestApp();
  for (const role of ROLES) clients.set(role, await app.as(role));
  adminB = await app.as("adminb");
  const admin = clients.get("admin")!;
  const economy = clients.get("economy")!;
  expect((await admin.request("PUT", "/api/portal/settings", { slug: "auth-disc", moderation: "pre", minDiscussionDays: 5 })).status).toBe(
    200,
  );
  const programs = (await economy.get("/api/programs")).body.items;
  const finished = await economy.post("/api/portal/publications", {
    kind: "discussion",
    subjectKind: "program",
    subjectId: programs[0].id,
    startsOn: day(-20),
    endsOn: day(-1),
  });
  expect(finished.status).toBe(201);
  finishedId = finished.body.id;
});

afterAll(async () => {
  await app?.close();
});

function walk(route: string, failures: string[], role: Role, got: number, want: number) {
  covered.add(route);
  if (got !== want) failures.push(`${route} as ${role}: got ${got}, want ${want}`);
}

describe("authorization of the discussions' routes", () => {
  it("reads: every member of the municipality; another municipality sees none of ours", async () => {
    const failures: string[] = [];
    for (const role of ROLES) {
      const r = await clients.get(role)!.get("/api/portal/discussions");
      walk("GET /api/portal/discussions", failures, role, r.status, 200);
      if (r.status === 200 && !r.body.items.some((x: any) => x.publicationId === finishedId))
        failures.push(`${role}: the discussion is missing`);
    }
    expect(failures).toEqual([]);
    const other = await adminB.get("/api/portal/discussions");
    expect(other.status).toBe(200);
    expect(other.body.items.some((x: any) => x.publicationId === finishedId)).toBe(false);
  });

  it("the finished discussion is listed with its term, its state and no protocol; after the protocol, its counts and files", async () => {
    const economy = clients.get("economy")!;
    const before = (await economy.get("/api/portal/discussions")).body.items.find((x: any) => x.publicationId === finishedId);
    expect(before).toMatchObject({ startsOn: day(-20), endsOn: day(-1), state: "closed", proposals: 0, protocol: null });
    expect((await economy.post(`/api/portal/publications/${finishedId}/protocol`, { number: "5-ОО" })).status).toBe(201);
    const after = (await economy.get("/api/portal/discussions")).body;
    expect(after.portal).toBe("/p/auth-disc");
    const item = after.items.find((x: any) => x.publicationId === finishedId);
    expect(item.protocol).toMatchObject({
      number: "5-ОО",
      counts: { accepted: 0, partly: 0, rejected: 0, outOfScope: 0, total: 0 },
      files: {
        docx: `/p/auth-disc/publications/${finishedId}/protocol.docx`,
        pdf: `/p/auth-disc/publications/${finishedId}/protocol.pdf`,
      },
    });
  });

  it("a held hearing: the administrator and the economy department only", async () => {
    const failures: string[] = [];
    for (const role of ROLES) {
      const r = await clients
        .get(role)!
        .post("/api/portal/hearings/held", held({ publicationId: finishedId, protocolNumber: `ПС-${role}` }));
      walk("POST /api/portal/hearings/held", failures, role, r.status, WRITERS.includes(role) ? 201 : 403);
      if (r.status === 201 && (r.body.participants !== 112 || r.body.state !== "held" || r.body.protocolDate !== day(-2)))
        failures.push(`${role}: ${JSON.stringify(r.body)}`);
    }
    expect(failures).toEqual([]);
    const list = (await clients.get("viewer")!.get("/api/portal/hearings")).body.items;
    expect(list.filter((h: any) => h.protocolNumber?.startsWith("ПС-"))).toHaveLength(WRITERS.length);
    expect(
      (await clients.get("economy")!.get("/api/portal/discussions")).body.items.find((x: any) => x.publicationId === finishedId).hearings,
    ).toBe(WRITERS.length);
    // the portal's page of hearings shows the protocol's number, date and participants
    const page = String((await app.client().get("/p/auth-disc/hearings")).body);
    expect(page).toContain(`Протокол № ПС-economy от ${day(-2).split("-").reverse().join(".")}`);
    expect(page).toContain("Участников: 112.");
    // another municipality's publication is not ours to link
    const b = await adminB.post("/api/portal/hearings/held", held({ publicationId: finishedId }));
    expect(b.status).toBe(400);
    expect(JSON.stringify(b.body)).toContain("body.publicationId");
  });

  it("refuses a hearing to come and a protocol dated before the hearing, naming the field", async () => {
    const economy = clients.get("economy")!;
    const future = await economy.post("/api/portal/hearings/held", held({ startsAt: new Date(Date.now() + 86_400_000).toISOString() }));
    expect(future.status).toBe(400);
    expect(JSON.stringify(future.body)).toContain("body.startsAt");
    const early = await economy.post("/api/portal/hearings/held", held({ protocolDate: day(-10) }));
    expect(early.status).toBe(400);
    expect(JSON.stringify(early.body)).toContain("body.protocolDate");
    const negative = await economy.post("/api/portal/hearings/held", held({ participants: -1 }));
    expect(negative.status).toBe(400);
    expect(JSON.stringify(negative.body)).toContain("participants");
  });

  it("the result of an announced hearing takes the protocol's number, date and participants too", async () => {
    const economy = clients.get("economy")!;
    const h = await economy.post("/api/portal/hearings", {
      title: "Слушания по проекту изменений",
      place: "Малый зал",
      startsAt: new Date(Date.now() + 3_600_000).toISOString(),
      agenda: ["Проект изменений"],
    });
    expect(h.status).toBe(201);
    await app.ctx.db.query(`UPDATE public_hearing SET starts_at = now() - interval '1 hour' WHERE id = $1`, [h.body.id]);
    const done = await economy.request("PUT", `/api/portal/hearings/${h.body.id}/result`, {
      version: h.body.version,
      protocol: "Проект одобрен.",
      recommendations: [],
      participants: 40,
      protocolNumber: "2-ПС",
      protocolDate: day(0),
    });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ state: "held", participants: 40, protocolNumber: "2-ПС", protocolDate: day(0) });
  });

  it("without a session, 401", async () => {
    const anon = app.client();
    for (const r of routeGroups()["portal-discussions"]!) {
      expect((await anon.request(r.method, r.path, r.method === "GET" ? undefined : held())).status, `${r.method} ${r.path}`).toBe(401);
    }
  });

  it("covers every route of the group", () => {
    const all = routeGroups()["portal-discussions"]!.map((r) => `${r.method} ${r.path}`);
    expect(all.filter((r) => !covered.has(r))).toEqual([]);
  });
});
