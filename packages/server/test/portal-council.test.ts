/**
 * Issue 14, part 7: the public council of strategic planning as data — members and the
 * organisations they represent, meetings, agendas with decisions, each item linked to the
 * documents it discussed — kept by staff and shown on the portal (HTML rendered on the server).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, createTestApp, type TestApp } from "@orientir/testing";

let app: TestApp;
let admin: Client;
let economy: Client;
let programId: string;
let publicationId: string;
const SLUG = "gorod-c";
const day = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  app = await createTestApp();
  admin = await app.as("admin");
  economy = await app.as("economy");
  programId = (await admin.get("/api/programs")).body.items[0].id;
  expect((await admin.request("PUT", "/api/portal/settings", { slug: SLUG, moderation: "pre", minDiscussionDays: 5 })).status).toBe(200);
  publicationId = (
    await economy.post("/api/portal/publications", {
      kind: "discussion",
      subjectKind: "program",
      subjectId: programId,
      startsOn: day(0),
      endsOn: day(30),
    })
  ).body.id;
});

afterAll(async () => {
  await app?.close();
});

describe("the public council", () => {
  it("is kept by staff: council, members, meetings, agenda with decisions and linked documents; versions checked", async () => {
    expect((await economy.get("/api/council")).body).toEqual({ council: null, members: [], meetings: [] });
    // members before the council exists: refused by the rule
    const early = await economy.post("/api/council/members", { fullName: "Иванов Иван Иванович", role: "chair" });
    expect(early.status).toBe(422);
    const created = await economy.request("PUT", "/api/council", {
      name: "Общественный совет по стратегическому планированию",
      basis: "постановление № 1 от 10.01.2018",
    });
    expect(created.status).toBe(200);
    // a second creation without a version is 409; a stale version is 409
    expect((await economy.request("PUT", "/api/council", { name: "Другой" })).status).toBe(409);
    const renamed = await economy.request("PUT", "/api/council", {
      name: "Совет по стратегическому планированию",
      version: created.body.council.version,
    });
    expect(renamed.status).toBe(200);
    expect((await economy.request("PUT", "/api/council", { name: "X", version: created.body.council.version })).status).toBe(409);

    const chair = await economy.post("/api/council/members", {
      fullName: "Иванов Иван Иванович",
      organisation: "Общественная палата города",
      position: "председатель палаты",
      role: "chair",
      since: "2018-01-10",
    });
    expect(chair.status).toBe(201);
    expect(chair.body.roleLabel).toBe("председатель");
    const member = await economy.post("/api/council/members", {
      fullName: "Сидорова Анна Сергеевна",
      organisation: "Союз предпринимателей",
      role: "member",
    });
    expect(member.status).toBe(201);
    const badDates = await economy.post("/api/council/members", {
      fullName: "Х",
      role: "member",
      since: "2020-01-01",
      until: "2019-01-01",
    });
    expect(badDates.status).toBe(400);
    expect(badDates.body.error.issues[0].path).toBe("body.until");
    const badRole = await economy.post("/api/council/members", { fullName: "Х", role: "boss" });
    expect(badRole.status).toBe(400);
    expect(badRole.body.error.issues[0].path).toBe("body.role");
    const changed = await economy.request("PUT", `/api/council/members/${member.body.id}`, {
      fullName: "Сидорова Анна Сергеевна",
      organisation: "Союз предпринимателей города",
      role: "secretary",
      version: member.body.version,
    });
    expect(changed.status).toBe(200);
    expect(
      (
        await economy.request("PUT", `/api/council/members/${member.body.id}`, {
          fullName: "Y",
          role: "member",
          version: member.body.version,
        })
      ).status,
    ).toBe(409);

    const meeting = await economy.post("/api/council/meetings", {
      number: "3",
      heldOn: "2018-11-15",
      place: "Администрация, зал заседаний",
      published: false,
    });
    expect(meeting.status).toBe(201);
    const docs = (await economy.get("/api/council/documents")).body.items;
    expect(docs.map((d: any) => `${d.kind}:${d.id}`)).toEqual(
      expect.arrayContaining([`program:${programId}`, `publication:${publicationId}`]),
    );
    // an unknown document: 400 naming the item's document
    const bad = await economy.request("PUT", `/api/council/meetings/${meeting.body.id}/agenda`, {
      version: meeting.body.version,
      items: [{ title: "О проекте", documents: [{ kind: "program", id: "00000000-0000-4000-8000-000000000000" }] }],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues[0].path).toBe("body.items.0.documents.0");
    const agenda = await economy.request("PUT", `/api/council/meetings/${meeting.body.id}/agenda`, {
      version: meeting.body.version,
      items: [
        {
          title: "О проекте муниципальной программы",
          speaker: "Начальник управления экономики",
          decision: "Одобрить проект с учетом предложений жителей",
          documents: [
            { kind: "program", id: programId },
            { kind: "publication", id: publicationId },
          ],
        },
        { title: "О плане работы совета на 2019 год", decision: "Утвердить план" },
      ],
    });
    expect(agenda.status, JSON.stringify(agenda.body)).toBe(200);
    expect(agenda.body.items.map((i: any) => [i.position, i.title, i.decision])).toEqual([
      [1, "О проекте муниципальной программы", "Одобрить проект с учетом предложений жителей"],
      [2, "О плане работы совета на 2019 год", "Утвердить план"],
    ]);
    // linked documents point at their portal pages (the program's latest publication, the publication itself)
    expect(agenda.body.items[0].documents.map((d: any) => d.portalUrl)).toEqual([
      `/p/${SLUG}/publications/${publicationId}`,
      `/p/${SLUG}/publications/${publicationId}`,
    ]);
    // the agenda bumped the meeting's version: the old one is stale
    expect(
      (await economy.request("PUT", `/api/council/meetings/${meeting.body.id}/agenda`, { version: meeting.body.version, items: [] }))
        .status,
    ).toBe(409);

    // the portal: the council and its members; the meeting only once published
    const anon = app.client();
    let page = await anon.get(`/p/${SLUG}/council`);
    expect(page.status).toBe(200);
    expect(page.headers["cache-control"]).toBe("public, max-age=300");
    expect(page.body).toContain("Совет по стратегическому планированию");
    expect(page.body).toContain("Общественная палата города");
    expect(page.body).toContain("Союз предпринимателей города");
    expect(page.body).not.toContain("Одобрить проект");
    expect((await anon.get(`/p/${SLUG}/council/meetings/${meeting.body.id}`)).status).toBe(404);
    const current = (await economy.get("/api/council")).body.meetings[0];
    const pub = await economy.request("PUT", `/api/council/meetings/${meeting.body.id}`, {
      number: "3",
      heldOn: "2018-11-15",
      place: "Администрация, зал заседаний",
      published: true,
      version: current.version,
    });
    expect(pub.status).toBe(200);
    page = await anon.get(`/p/${SLUG}/council`);
    expect(page.body).toContain("Заседание № 3 от 15.11.2018");
    expect(page.body).toContain("Одобрить проект с учетом предложений жителей");
    expect(page.body).toContain(`href="/p/${SLUG}/publications/${publicationId}"`);
    const one = await anon.get(`/p/${SLUG}/council/meetings/${meeting.body.id}`);
    expect(one.status).toBe(200);
    expect(one.body).toContain("Администрация, зал заседаний");
    const json = await anon.get(`/api/p/${SLUG}/council`);
    expect(json.body.meetings).toHaveLength(1);
    expect(json.body.members.map((m: any) => m.role)).toEqual(["chair", "secretary"]);

    // removal: versioned
    expect((await economy.delete(`/api/council/members/${member.body.id}?version=${member.body.version}`)).status).toBe(409);
    expect((await economy.delete(`/api/council/members/${member.body.id}?version=${changed.body.version}`)).status).toBe(204);
    expect((await economy.delete(`/api/council/meetings/${meeting.body.id}?version=${pub.body.version}`)).status).toBe(204);
    expect((await anon.get(`/p/${SLUG}/council/meetings/${meeting.body.id}`)).status).toBe(404);
    // each change is in the audit log, in words
    const actions = (await app.ctx.db.query<{ action: string }>(`SELECT DISTINCT action FROM audit_log WHERE action LIKE 'council.%'`)).rows
      .map((r) => r.action)
      .sort();
    expect(actions).toEqual([
      "council.agenda",
      "council.meeting.create",
      "council.meeting.delete",
      "council.meeting.update",
      "council.member.create",
      "council.member.delete",
      "council.member.update",
      "council.update",
    ]);
  });

  it("of another municipality is not reachable; a portal without a council says so", async () => {
    const adminB = await app.as("adminb");
    expect((await adminB.get("/api/council")).body.council).toBeNull();
    const mine = (await economy.get("/api/council")).body;
    expect(mine.members).toHaveLength(1);
    expect((await adminB.delete(`/api/council/members/${mine.members[0].id}?version=${mine.members[0].version}`)).status).toBe(404);
    expect(
      (
        await adminB.request("PUT", `/api/council/members/${mine.members[0].id}`, {
          fullName: "Х",
          role: "member",
          version: mine.members[0].version,
        })
      ).status,
    ).toBe(404);
    expect(
      (await adminB.request("PUT", "/api/portal/settings", { slug: "gorod-cb", moderation: "pre", minDiscussionDays: 5 })).status,
    ).toBe(200);
    const page = await app.client().get("/p/gorod-cb/council");
    expect(page.status).toBe(200);
    expect(page.body).toContain("Сведения о совете еще не опубликованы");
    expect(page.body).not.toContain("Общественная палата города");
  });
});
