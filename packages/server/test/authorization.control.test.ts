/**
 * Every route of the control group (issue 15) × every role: the office (here the economy
 * department, named in the control settings) and the administrator register documents, meetings
 * and orders, the Head gives orders and holds meetings; each step of an order is its party's (the
 * executor starts it); everything is read by every member; another municipality's rows are 404 and
 * its lists empty; without a session, 401. Bad input is a 400 naming the field.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROLES, type Role } from "@orientir/domain";
import { routeGroups } from "@orientir/server";
import { createTestApp, type Client, type TestApp } from "@orientir/testing";

let app: TestApp;
const clients = new Map<Role, Client>();
const covered = new Set<string>();
let adminB: Client;
let deps: Record<string, string>;
let foreignDept: string;
let programId: string;

/** The office: the administrator, the department named in the settings, and the office's role (issue 15). */
const OFFICE: Role[] = ["admin", "economy", "office"];

beforeAll(async () => {
  app = await createTestApp();
  for (const role of ROLES) clients.set(role, await app.as(role));
  adminB = await app.as("adminb");
  const admin = clients.get("admin")!;
  deps = Object.fromEntries((await admin.get("/api/departments")).body.items.map((d: any) => [d.name, d.id]));
  foreignDept = (await adminB.get("/api/departments")).body.items[0].id;
  programId = (await admin.get("/api/programs")).body.items[0].id;
  const r = await admin.request("PUT", "/api/control/settings", {
    officeDepartmentId: deps["Управление экономики"],
    reminderDaysBefore: 3,
  });
  expect(r.status).toBe(200);
});

afterAll(async () => {
  await app?.close();
});

const orderBody = (text: string) => ({
  source: "headOrder",
  text,
  issuedOn: "2026-03-02",
  term: { kind: "workingDays", days: 10 },
  responsibleDepartmentId: deps["Управление образования"],
  programId,
});

async function walk(label: string, call: (role: Role, c: Client) => Promise<{ status: number }>, want: (role: Role) => number) {
  const failures: string[] = [];
  for (const role of ROLES) {
    const r = await call(role, clients.get(role)!);
    if (r.status !== want(role)) failures.push(`${label} as ${role}: got ${r.status}, want ${want(role)}`);
  }
  expect(failures).toEqual([]);
}

describe("authorization of the control routes", () => {
  it("settings: read by all, changed by the administrator; department heads: the administrator", async () => {
    covered.add("GET /api/control/settings").add("PUT /api/control/settings").add("PUT /api/control/department-heads/:id");
    await walk(
      "GET settings",
      (_r, c) => c.get("/api/control/settings"),
      () => 200,
    );
    await walk(
      "PUT settings",
      (_r, c) => c.request("PUT", "/api/control/settings", { officeDepartmentId: deps["Управление экономики"], reminderDaysBefore: 3 }),
      (r) => (r === "admin" ? 200 : 403),
    );
    await walk(
      "PUT department head",
      (_r, c) => c.request("PUT", `/api/control/department-heads/${deps["Управление образования"]}`, { userId: null }),
      (r) => (r === "admin" ? 204 : 403),
    );
    // another municipality's department is not a department here
    const foreign = await clients.get("admin")!.request("PUT", `/api/control/department-heads/${foreignDept}`, { userId: null });
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.issues[0].path).toBe("departmentId");
  });

  it("the registry: the office registers, every member reads and searches; another municipality sees nothing", async () => {
    covered.add("POST /api/registry").add("GET /api/registry").add("GET /api/registry/:id");
    await walk(
      "POST registry",
      (role, c) => c.post("/api/registry", { kind: "incoming", regDate: "2026-03-02", summary: `Письмо о ремонте дорог от ${role}` }),
      (r) => (OFFICE.includes(r) ? 201 : 403),
    );
    const list = await clients.get("viewer")!.get(`/api/registry?q=${encodeURIComponent("дороги")}`);
    expect(list.body.items.map((d: any) => d.summary).sort()).toEqual([
      "Письмо о ремонте дорог от admin",
      "Письмо о ремонте дорог от economy",
      "Письмо о ремонте дорог от office",
    ]);
    const id = list.body.items[0].id;
    await walk(
      "GET registry",
      (_r, c) => c.get("/api/registry?q=ремонт"),
      () => 200,
    );
    await walk(
      "GET registry/:id",
      (_r, c) => c.get(`/api/registry/${id}`),
      () => 200,
    );
    expect((await adminB.get(`/api/registry/${id}`)).status).toBe(404);
    expect((await adminB.get("/api/registry?q=ремонт")).body.items).toEqual([]);
    const bad = await clients.get("admin")!.post("/api/registry", { kind: "incoming", regDate: "2026-02-30", summary: "x" });
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues[0].path).toBe("body.regDate");
  });

  it("meetings: the office and the Head record them; every member reads", async () => {
    covered.add("POST /api/meetings").add("GET /api/meetings");
    await walk(
      "POST meetings",
      (role, c) =>
        c.post("/api/meetings", { heldOn: "2026-03-02", title: "Совещание", protocolNumber: `ПР-${role}`, items: [{ text: "Пункт" }] }),
      (r) => (OFFICE.includes(r) || r === "head" ? 201 : 403),
    );
    await walk(
      "GET meetings",
      (_r, c) => c.get("/api/meetings"),
      () => 200,
    );
    expect((await adminB.get("/api/meetings")).body.items).toEqual([]);
  });

  it("orders: the office and the Head put them on control; each step is its party's; every member reads", async () => {
    covered
      .add("POST /api/orders")
      .add("GET /api/orders")
      .add("GET /api/orders/:id")
      .add("POST /api/orders/:id/steps")
      .add("GET /api/programs/:id/orders");
    await walk(
      "POST orders",
      (role, c) => c.post("/api/orders", orderBody(`Поручение от ${role}`)),
      (r) => (OFFICE.includes(r) || r === "head" ? 201 : 403),
    );
    const admin = clients.get("admin")!;
    // one order per role to start: the executor of the education department and the administrator may
    const ids = new Map<Role, string>();
    for (const role of ROLES) ids.set(role, (await admin.post("/api/orders", orderBody(`Начать: ${role}`))).body.id);
    await walk(
      "POST steps start",
      (role, c) => c.post(`/api/orders/${ids.get(role)!}/steps`, { action: "start", version: 1 }),
      (r) => (r === "executor" || r === "admin" ? 200 : 403),
    );
    const some = ids.get("viewer")!;
    await walk(
      "GET orders",
      (_r, c) => c.get("/api/orders?open=1"),
      () => 200,
    );
    await walk(
      "GET orders/:id",
      (_r, c) => c.get(`/api/orders/${some}`),
      () => 200,
    );
    await walk(
      "GET program orders",
      (_r, c) => c.get(`/api/programs/${programId}/orders`),
      () => 200,
    );
    expect((await clients.get("viewer")!.get(`/api/programs/${programId}/orders`)).body.items.length).toBe(
      ROLES.length + OFFICE.length + 1,
    );
    expect((await adminB.get(`/api/orders/${some}`)).status).toBe(404);
    expect((await adminB.post(`/api/orders/${some}/steps`, { action: "start", version: 1 })).status).toBe(404);
    expect((await adminB.get("/api/orders")).body.items).toEqual([]);
    // the executor sees its action; the viewer none
    expect((await clients.get("executor")!.get(`/api/orders/${some}`)).body.actions).toContain("start");
    expect((await clients.get("viewer")!.get(`/api/orders/${some}`)).body.actions).toEqual([]);
    // bad input names the field
    const bad = await admin.post("/api/orders", { ...orderBody("x"), term: { kind: "workingDays", days: 0 } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues[0].path).toBe("body.term.days");
    const noText = await clients.get("executor")!.post(`/api/orders/${some}/steps`, { action: "report", version: 1 });
    expect(noText.status).toBe(400);
    expect(noText.body.error.issues[0].path).toBe("text");
    const foreignDep = await admin.post("/api/orders", { ...orderBody("x"), responsibleDepartmentId: foreignDept });
    expect(foreignDep.status).toBe(400);
    expect(foreignDep.body.error.issues[0].path).toBe("responsibleDepartmentId");
  });

  it("the office's report: every member reads it and downloads it", async () => {
    covered.add("GET /api/control/office-report").add("GET /api/control/office-report/file");
    await walk(
      "GET office report",
      (_r, c) => c.get("/api/control/office-report?year=2026"),
      () => 200,
    );
    await walk(
      "GET office report file",
      (_r, c) => c.get("/api/control/office-report/file?year=2026&format=docx"),
      () => 200,
    );
    const r = await clients.get("viewer")!.get("/api/control/office-report?year=2026");
    expect(r.body.current.incoming).toBe(OFFICE.length);
    expect(r.body.current.headOrders).toBe(OFFICE.length + 1 + ROLES.length);
    expect((await adminB.get("/api/control/office-report?year=2026")).body.current.incoming).toBe(0);
    expect((await clients.get("viewer")!.get("/api/control/office-report?year=abc")).status).toBe(400);
  });

  it("appeals: the office registers and handles them; the author's data only to the assigned and the office; the code is public", async () => {
    covered
      .add("POST /api/appeals")
      .add("GET /api/appeals")
      .add("GET /api/appeals/:id")
      .add("POST /api/appeals/:id/steps")
      .add("GET /api/appeals/track/:code")
      .add("POST /api/appeals/track/:code/feedback")
      .add("GET /api/appeals/:id/answer-draft")
      .add("GET /api/appeals/:id/answer/file");
    const body = (role: string) => ({
      channel: "letter",
      receivedOn: "2026-03-02",
      registeredOn: "2026-03-02",
      authorName: `Автор ${role}`,
      authorAddress: "г. Калуга, ул. Садовая, 1",
      text: "Прошу отремонтировать дорогу",
      topicCode: "0003.0009.0097.0692",
    });
    await walk(
      "POST appeals",
      (role, c) => c.post("/api/appeals", body(role)),
      (r) => (OFFICE.includes(r) ? 201 : 403),
    );
    const admin = clients.get("admin")!;
    const ids = new Map<Role, string>();
    let code = "";
    for (const role of ROLES) {
      const r = await clients.get("economy")!.post("/api/appeals", body(`для ${role}`));
      ids.set(role, r.body.id);
      code = r.body.trackingCode;
    }
    await walk(
      "GET appeals",
      (_r, c) => c.get("/api/appeals?year=2026"),
      () => 200,
    );
    expect((await clients.get("viewer")!.get("/api/appeals")).body.items.every((a: any) => a.author === null)).toBe(true);
    const one = ids.get("viewer")!;
    await walk(
      "GET appeals/:id",
      (_r, c) => c.get(`/api/appeals/${one}`),
      () => 200,
    );
    const authors = new Map<Role, unknown>();
    for (const role of ROLES) authors.set(role, (await clients.get(role)!.get(`/api/appeals/${one}`)).body.author);
    expect([...authors].filter(([, a]) => a !== null).map(([r]) => r)).toEqual(["economy", "office"]);
    await walk(
      "POST appeal steps assign",
      (role, c) =>
        c.post(`/api/appeals/${ids.get(role)!}/steps`, {
          action: "assign",
          version: 1,
          assignedDepartmentId: deps["Управление образования"],
        }),
      (r) => (OFFICE.includes(r) ? 200 : 403),
    );
    // assigned to education: its executor now sees the author
    expect((await clients.get("executor")!.get(`/api/appeals/${ids.get("admin")!}`)).body.author).not.toBeNull();
    expect((await adminB.get(`/api/appeals/${one}`)).status).toBe(404);
    expect((await adminB.post(`/api/appeals/${one}/steps`, { action: "assign", version: 1 })).status).toBe(404);
    expect((await adminB.get("/api/appeals")).body.items).toEqual([]);
    // the author follows it by the code, without signing in
    const track = await app.client().get(`/api/appeals/track/${code}`);
    expect(track.status).toBe(200);
    expect(track.body).not.toHaveProperty("author");
    expect((await app.client().get("/api/appeals/track/AAAA-AAAA-AAAA")).status).toBe(404);
    expect((await app.client().get("/api/appeals/track/x")).status).toBe(400);
    const bad = await admin.post("/api/appeals", { ...body("x"), channel: "pigeon" });
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues[0].path).toBe("body.channel");
    // the list's filters: every member may use them; a bad one is a 400 naming it
    await walk(
      "GET appeals filtered",
      (_r, c) => c.get("/api/appeals?filter=due&mine=1"),
      () => 200,
    );
    const mineEx = (await clients.get("executor")!.get("/api/appeals?filter=due&mine=1")).body.items;
    expect(mineEx.length).toBe(OFFICE.length);
    expect(mineEx.every((a: any) => a.assignedDepartmentId === deps["Управление образования"] && a.author === null)).toBe(true);
    expect((await clients.get("executor")!.get(`/api/appeals/${ids.get("admin")!}`)).body.actions).toEqual(["answer"]);
    expect((await clients.get("viewer")!.get(`/api/appeals/${ids.get("admin")!}`)).body.actions).toEqual([]);
    // the author's feedback: public by the code, once the answer is given; bad input names the field
    const fb = await app.client().post(`/api/appeals/track/${code}/feedback`, { feedback: "satisfied" });
    expect(fb.status).toBe(400);
    expect(fb.body.error.issues[0].path).toBe("feedback");
    const badFb = await app.client().post(`/api/appeals/track/${code}/feedback`, { feedback: "great" });
    expect(badFb.status).toBe(400);
    expect(badFb.body.error.issues[0].path).toBe("body.feedback");
    expect((await app.client().post("/api/appeals/track/AAAA-AAAA-AAAA/feedback", { feedback: "satisfied" })).status).toBe(404);
    // the draft from a template: those who may answer (the office; the assigned executor)
    await walk(
      "GET answer-draft",
      (_r, c) => c.get(`/api/appeals/${ids.get("admin")!}/answer-draft`),
      (r) => (OFFICE.includes(r) || r === "executor" ? 200 : 403),
    );
    const badTpl = await admin.get(`/api/appeals/${ids.get("admin")!}/answer-draft?template=Bad!`);
    expect(badTpl.status).toBe(400);
    expect(badTpl.body.error.issues[0].path).toBe("query.template");
    expect((await adminB.get(`/api/appeals/${one}/answer-draft`)).status).toBe(404);
    // the letter: only once answered (400 naming id), to the staff who see the author
    const notYet = await clients.get("economy")!.get(`/api/appeals/${ids.get("admin")!}/answer/file`);
    expect(notYet.status).toBe(400);
    expect(notYet.body.error.issues[0].path).toBe("id");
    const cur = (await clients.get("economy")!.get(`/api/appeals/${ids.get("admin")!}`)).body;
    expect(
      (
        await clients.get("economy")!.post(`/api/appeals/${ids.get("admin")!}/steps`, {
          action: "answer",
          version: cur.version,
          answerText: "Ответ дан",
        })
      ).status,
    ).toBe(200);
    // sent for approval: approved (or returned) by a controller or the head of the department, not by the drafter
    const pending = (await clients.get("economy")!.get(`/api/appeals/${ids.get("admin")!}`)).body;
    expect(pending.state).toBe("inWork");
    expect(pending.actions).not.toContain("approveAnswer");
    for (const role of ROLES.filter((r) => !OFFICE.includes(r)))
      for (const action of ["approveAnswer", "returnAnswer"])
        expect(
          (await clients.get(role)!.post(`/api/appeals/${ids.get("admin")!}/steps`, { action, version: pending.version, reason: "x" }))
            .status,
          `${action} as ${role}`,
        ).toBe(403);
    const self = await clients
      .get("economy")!
      .post(`/api/appeals/${ids.get("admin")!}/steps`, { action: "approveAnswer", version: pending.version });
    expect(self.status).toBe(400);
    expect(self.body.error.issues[0].path).toBe("action");
    const approved = await clients
      .get("office")!
      .post(`/api/appeals/${ids.get("admin")!}/steps`, { action: "approveAnswer", version: pending.version });
    expect(approved.status).toBe(200);
    expect(approved.body.state).toBe("answered");
    await walk(
      "GET answer/file",
      (_r, c) => c.get(`/api/appeals/${ids.get("admin")!}/answer/file?format=docx`),
      (r) => (r === "economy" || r === "executor" || r === "office" ? 200 : 403),
    );
    expect((await admin.get(`/api/appeals/${ids.get("admin")!}/answer/file?format=odt`)).status).toBe(400);
    // the discipline dashboard: every member; another municipality sees its own (empty)
    covered.add("GET /api/control/discipline");
    await walk(
      "GET discipline",
      (_r, c) => c.get("/api/control/discipline?year=2026"),
      () => 200,
    );
    expect(
      (await admin.get("/api/control/discipline?year=2026")).body.appeals.reduce((s: number, r: any) => s + r.total, 0),
    ).toBeGreaterThan(0);
    expect((await adminB.get("/api/control/discipline?year=2026")).body.appeals).toEqual([]);
    const badYear = await admin.get("/api/control/discipline?year=abc");
    expect(badYear.status).toBe(400);
    expect(badYear.body.error.issues[0].path).toBe("query.year");
    const badFilter = await clients.get("viewer")!.get("/api/appeals?filter=late");
    expect(badFilter.status).toBe(400);
    expect(badFilter.body.error.issues[0].path).toBe("query.filter");
  });

  it("without a session nothing is answered", async () => {
    const anonymous = app.client();
    for (const r of routeGroups().control!.filter((x) => x.auth === "session")) {
      const path = r.path.replace(":id", "00000000-0000-4000-8000-000000000000");
      const res = await anonymous.request(r.method, path, r.method === "GET" ? undefined : {});
      expect(res.status, `${r.method} ${r.path}`).toBe(401);
    }
  });

  it("covers every route of the group", () => {
    const all = routeGroups().control!.map((r) => `${r.method} ${r.path}`);
    expect(all.filter((r) => !covered.has(r))).toEqual([]);
  });
});
