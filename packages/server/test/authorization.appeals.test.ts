/**
 * The answer templates' routes (issue 15, part 3) × every role: every member reads them and the
 * preview; the office (the administrator, the department named in the control settings, the office's
 * role) creates, edits and deactivates them; another municipality has its own; without a session,
 * 401. Bad input — an unknown placeholder, a taken code, a stale version — names the field or is a 409.
 * A deactivated template is no longer offered for drafts; one with a default's code replaces it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROLES, describeAudit, type Role } from "@orientir/domain";
import { routeGroups } from "@orientir/server";
import { createTestApp, type Client, type TestApp } from "@orientir/testing";

let app: TestApp;
const clients = new Map<Role, Client>();
const covered = new Set<string>();
let adminB: Client;

const OFFICE: Role[] = ["admin", "economy", "office"];

beforeAll(async () => {
  app = await createTestApp();
  for (const role of ROLES) clients.set(role, await app.as(role));
  adminB = await app.as("adminb");
  const admin = clients.get("admin")!;
  const deps = Object.fromEntries((await admin.get("/api/departments")).body.items.map((d: any) => [d.name, d.id]));
  expect(
    (await admin.request("PUT", "/api/control/settings", { officeDepartmentId: deps["Управление экономики"], reminderDaysBefore: 3 }))
      .status,
  ).toBe(200);
});

afterAll(async () => {
  await app?.close();
});

async function walk(label: string, call: (role: Role, c: Client) => Promise<{ status: number }>, want: (role: Role) => number) {
  const failures: string[] = [];
  for (const role of ROLES) {
    const r = await call(role, clients.get(role)!);
    if (r.status !== want(role)) failures.push(`${label} as ${role}: got ${r.status}, want ${want(role)}`);
  }
  expect(failures).toEqual([]);
}

describe("authorization of the answer templates", () => {
  it("the office writes them, every member reads and previews them; another municipality has its own", async () => {
    covered
      .add("GET /api/appeal-templates")
      .add("POST /api/appeal-templates")
      .add("PUT /api/appeal-templates/:code")
      .add("POST /api/appeal-templates/preview");
    await walk(
      "POST templates",
      (role, c) =>
        c.post("/api/appeal-templates", { code: `t-${role}`, title: `Шаблон ${role}`, body: "Уважаемый(ая) {author}! {number}" }),
      (r) => (OFFICE.includes(r) ? 201 : 403),
    );
    await walk(
      "GET templates",
      (_r, c) => c.get("/api/appeal-templates"),
      () => 200,
    );
    const list = (await clients.get("viewer")!.get("/api/appeal-templates")).body;
    expect(
      list.items
        .filter((t: any) => !t.builtin)
        .map((t: any) => t.code)
        .sort(),
    ).toEqual(OFFICE.map((r) => `t-${r}`).sort());
    expect(list.items.filter((t: any) => t.builtin).map((t: any) => t.code)).toEqual(["done", "planned", "explained"]);
    expect(list.placeholders).toContain("author");
    await walk(
      "PUT template",
      (_r, c) => c.request("PUT", "/api/appeal-templates/t-admin", { title: "Изменен", body: "Текст {due}", active: true, version: 1 }),
      (r) => (r === "admin" ? 200 : OFFICE.includes(r) ? 409 : 403),
    );
    await walk(
      "POST preview",
      (_r, c) => c.post("/api/appeal-templates/preview", { body: "{author}: {nope}" }),
      () => 200,
    );
    const preview = (await clients.get("viewer")!.post("/api/appeal-templates/preview", { body: "{author}: {nope}" })).body;
    expect(preview).toEqual({ text: "Иванов Иван Иванович: {nope}", unknownPlaceholders: ["nope"] });
    // another municipality: none of A's templates, and A's code is not found there
    expect((await adminB.get("/api/appeal-templates")).body.items.filter((t: any) => !t.builtin)).toEqual([]);
    expect((await adminB.request("PUT", "/api/appeal-templates/t-admin", { title: "x", body: "x", active: true, version: 2 })).status).toBe(
      404,
    );
  });

  it("refuses bad templates naming the field; a deactivated one is not offered; a default's code replaces the default", async () => {
    const office = clients.get("office")!;
    const unknown = await office.post("/api/appeal-templates", { code: "bad", title: "x", body: "Ответ {autor}" });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.issues[0].path).toBe("body.body");
    expect(unknown.body.error.message).toContain("{autor}");
    const badCode = await office.post("/api/appeal-templates", { code: "Плохой", title: "x", body: "x" });
    expect(badCode.status).toBe(400);
    expect(badCode.body.error.issues[0].path).toBe("body.code");
    const taken = await office.post("/api/appeal-templates", { code: "t-office", title: "x", body: "x" });
    expect(taken.status).toBe(400);
    expect(taken.body.error.issues[0].path).toBe("body.code");
    const blank = await office.post("/api/appeal-templates", { code: "blank", title: " ", body: "x" });
    expect(blank.status).toBe(400);
    expect(blank.body.error.issues[0].path).toBe("body.title");

    // an appeal to draft answers for
    const a = await office.post("/api/appeals", {
      channel: "letter",
      receivedOn: "2026-03-02",
      registeredOn: "2026-03-02",
      authorName: "Смирнов С. С.",
      authorAddress: "г. А, ул. Мира, 1",
      text: "Просьба отремонтировать крыльцо",
      topicCode: "0005.0005.0056.1153",
    });
    expect(a.status).toBe(201);
    const offered = async () => (await office.get(`/api/appeals/${a.body.id}/answer-draft`)).body.templates.map((t: any) => t.code);
    expect(await offered()).toContain("t-office");
    // deactivated: kept in the list, no longer offered
    const off = await office.request("PUT", "/api/appeal-templates/t-office", {
      title: "Шаблон office",
      body: "Уважаемый(ая) {author}! {number}",
      active: false,
      version: 1,
    });
    expect(off.status).toBe(200);
    expect(off.body).toMatchObject({ active: false, version: 2 });
    expect(await offered()).not.toContain("t-office");
    expect((await office.get("/api/appeal-templates")).body.items.find((t: any) => t.code === "t-office").active).toBe(false);
    // a template with the code of a default replaces it in the drafts
    expect((await office.post("/api/appeal-templates", { code: "done", title: "Решено (свой)", body: "Решено: {number}" })).status).toBe(
      201,
    );
    const list = (await office.get("/api/appeal-templates")).body.items;
    expect(list.find((t: any) => t.code === "done" && t.builtin).overridden).toBe(true);
    const draft = await office.get(`/api/appeals/${a.body.id}/answer-draft?template=done`);
    expect(draft.body.text).toBe(`Решено: ${a.body.number}`);
    // each change is in the audit log, read as a sentence
    const logged = await app.ctx.db.query<{ action: string }>(
      `SELECT action FROM audit_log WHERE object_type = 'appealTemplate' ORDER BY id`,
    );
    expect(logged.rows.map((x) => x.action)).toEqual([
      ...OFFICE.map(() => "appealTemplate.create"),
      "appealTemplate.update",
      "appealTemplate.deactivate",
      "appealTemplate.create",
    ]);
    for (const action of ["appealTemplate.create", "appealTemplate.update", "appealTemplate.deactivate"])
      expect(
        describeAudit({ action, objectType: "appealTemplate", objectId: null, before: null, after: null }, "ru").actionLabel,
      ).not.toContain(action);
  });

  it("without a session nothing is answered", async () => {
    const anonymous = app.client();
    for (const r of routeGroups().appeals!) {
      const path = r.path.replace(":code", "done");
      const res = await anonymous.request(r.method, path, r.method === "GET" ? undefined : {});
      expect(res.status, `${r.method} ${r.path}`).toBe(401);
    }
  });

  it("covers every route of the group", () => {
    const all = routeGroups().appeals!.map((r) => `${r.method} ${r.path}`);
    expect(all.filter((r) => !covered.has(r))).toEqual([]);
  });
});
