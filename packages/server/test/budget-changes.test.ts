/**
 * 220-п 5.4, 5.5 through the API: the finance department records a change of the budget
 * («решение о бюджете № … от …»), and every program in force gets its deadline to be brought into
 * line within two months; a named direction its draft order within 30 days. Stored, audited,
 * refused with the field named.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scanReminders } from "@orientir/app";
import { createTestApp, type Client, type TestApp } from "@orientir/testing";

let app: TestApp;
let finance: Client;
let admin: Client;
let mp1: any;
let mp2: any;
let direction2: any;
let mp1Version: any;
let mp2Version: any;
const NOW = new Date("2026-04-01T09:00:00Z");

beforeAll(async () => {
  app = await createTestApp();
  // the clock of the use cases is fixed; sessions are checked against the database's clock, so they live long
  app.ctx.config.sessionTtlHours = 24 * 365 * 5;
  app.ctx.now = () => NOW;
  finance = await app.as("finance");
  admin = await app.as("admin");
  const programs = (await admin.get("/api/programs")).body.items;
  mp1 = programs.find((p: any) => p.code === "MP-1");
  mp2 = programs.find((p: any) => p.code === "MP-2");
  // MP-1 is in force from a decree of 10.01.2025; MP-2 is never approved
  const reg = await admin.post(`/api/programs/${mp1.id}/versions/in-force`, { decreeNumber: "1-п", decreeDate: "2025-01-10" });
  expect(reg.status).toBe(201);
  mp1Version = reg.body;
  const tree = (await admin.get(`/api/programs/${mp1.id}/tree`)).body;
  direction2 = tree.directions[tree.directions.length - 1];
});

afterAll(async () => {
  await app?.close();
});

describe("a change of the budget as an event (220-п 5.4, 5.5)", () => {
  it("220-п п. 5.4: the decision in force on 17.03.2026 gives MP-1 (in force) a deadline of 18.05.2026; MP-2 (a draft) none", async () => {
    const r = await finance.post("/api/budget-changes", {
      kind: "decision",
      number: "45",
      documentDate: "2026-03-12",
      effectiveDate: "2026-03-17",
      directionIds: [direction2.id],
      note: "уточнение бюджета",
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({
      kind: "decision",
      number: "45",
      documentDate: "2026-03-12",
      effectiveDate: "2026-03-17",
      directionIds: [direction2.id],
    });
    const programItems = r.body.deadlines.filter((d: any) => d.ruleId === "budget.programs");
    expect(programItems.map((d: any) => d.programId)).toEqual([mp1.id]);
    expect(programItems[0]).toMatchObject({ clause: "220-п п. 5.4", due: "2026-05-18", doneAt: null, status: { state: "upcoming" } });
    expect(r.body.deadlines.map((d: any) => d.programId)).not.toContain(mp2.id);
  });

  it("220-п п. 5.5: the named direction's draft order is due 16.04.2026, with its co-executor's department", async () => {
    const list = (await admin.get("/api/budget-changes")).body.items;
    expect(list).toHaveLength(1);
    const d = list[0].deadlines.find((x: any) => x.ruleId === "budget.directions");
    expect(d).toMatchObject({
      clause: "220-п п. 5.5",
      directionId: direction2.id,
      due: "2026-04-16",
      departmentId: direction2.coExecutorDepartmentId,
    });
  });

  it("is stored and audited; a later date makes the deadline overdue", async () => {
    app.ctx.now = () => new Date("2026-05-19T09:00:00Z");
    const list = (await finance.get("/api/budget-changes")).body.items;
    expect(list[0].deadlines.find((x: any) => x.ruleId === "budget.programs").status).toEqual({ state: "overdue", workingDaysLeft: -1 });
    app.ctx.now = () => NOW;
    const audit = await app.ctx.db.query(`SELECT action FROM audit_log WHERE action = 'budgetChange.create'`);
    expect(audit.rows).toHaveLength(1);
  });

  it("bad input gets a 400 naming the field, nothing is written", async () => {
    const cases: [unknown, string][] = [
      [{ kind: "decision", documentDate: "2026-03-12", effectiveDate: "2026-03-17" }, "number"],
      [{ kind: "budgetList", documentDate: "2026-03-12", effectiveDate: "2026-03-10" }, "effectiveDate"],
      [{ kind: "budgetList", documentDate: "12.03.2026", effectiveDate: "2026-03-17" }, "documentDate"],
      [
        {
          kind: "budgetList",
          documentDate: "2026-03-12",
          effectiveDate: "2026-03-17",
          directionIds: ["00000000-0000-4000-8000-000000000000"],
        },
        "directionIds[0]",
      ],
      [{ kind: "budgetList", documentDate: "2026-03-12", effectiveDate: "2026-03-17", directionIds: ["not-a-uuid"] }, "directionIds[0]"],
    ];
    for (const [body, path] of cases) {
      const r = await finance.post("/api/budget-changes", body);
      expect(r.status, JSON.stringify(r.body)).toBe(400);
      expect(
        r.body.error.issues.map((i: any) => i.path),
        JSON.stringify(body),
      ).toContain(path);
    }
    expect((await finance.get("/api/budget-changes")).body.items).toHaveLength(1);
  });

  it("220-п п. 5.4: the program's executor is reminded 3 working days ahead, once; nobody else of the rule", async () => {
    app.ctx.now = () => new Date("2026-05-13T09:00:00Z");
    try {
      await scanReminders(app.ctx, { email: false });
      await scanReminders(app.ctx, { email: false });
      const mine = (c: Client) =>
        c.get("/api/monitoring/notifications").then((r) => r.body.items.filter((n: any) => String(n.body).includes("5.4")));
      const executor = await mine(await app.as("executor"));
      expect(executor).toHaveLength(1);
      expect(executor[0]).toMatchObject({ moment: "before", dueDate: "2026-05-18", link: `/programs/${mp1.id}` });
      expect(executor[0].body).toContain("решение о бюджете № 45 от 12.03.2026");
      expect(await mine(await app.as("viewer"))).toEqual([]);
      expect(await mine(await app.as("coexecutor"))).toEqual([]);
    } finally {
      app.ctx.now = () => NOW;
    }
  });

  it("220-п п. 1.7, 4.19: after MP-2's decree of 25.03.2026 the co-executor of its direction 2 is reminded of the order due 24.04.2026", async () => {
    const reg = await admin.post(`/api/programs/${mp2.id}/versions/in-force`, { decreeNumber: "77-п", decreeDate: "2026-03-25" });
    expect(reg.status).toBe(201);
    mp2Version = reg.body;
    app.ctx.now = () => new Date("2026-04-21T09:00:00Z");
    try {
      await scanReminders(app.ctx, { email: false });
      await scanReminders(app.ctx, { email: false });
      const orders = (await (await app.as("coexecutor")).get("/api/monitoring/notifications")).body.items.filter((n: any) =>
        String(n.body).includes("4.19"),
      );
      // MP-1's decree of 10.01.2025 is long past its reminders; MP-2's direction 1 belongs to another department
      expect(orders).toHaveLength(1);
      expect(orders[0]).toMatchObject({ moment: "before", dueDate: "2026-04-24", link: `/programs/${mp2.id}` });
      expect(orders[0].body).toContain("Программа MP-2, направление 2");
      expect(orders[0].body).toContain("вступило в силу 25.03.2026");
    } finally {
      app.ctx.now = () => NOW;
    }
  });

  it("220-п п. 4.18.1: each program's latest decree starts a 10-day term to place it in ГАС «Управление», flagged overdue until recorded", async () => {
    const viewer = await app.as("viewer");
    const gas = async () => (await viewer.get("/api/event-deadlines")).body.items.filter((i: any) => i.ruleId === "program.gasUpravlenie");
    const before = await gas();
    // MP-2: decree of 25.03.2026 → the 10th day is Sat 04.04.2026 → Mon 06.04.2026; MP-1: 10.01.2025 → 20.01.2025, long overdue
    expect(before.find((i: any) => i.programId === mp2.id)).toMatchObject({
      clause: "220-п п. 4.18.1",
      due: "2026-04-06",
      doneAt: null,
      status: { state: "upcoming" },
    });
    expect(before.find((i: any) => i.programId === mp1.id)).toMatchObject({ due: "2025-01-20", status: { state: "overdue" } });

    const executor = await app.as("executor");
    // the executor of MP-1 may not record MP-2's (another department's program)
    expect((await executor.post(`/api/versions/${mp2Version.id}/gas-registration`, { registeredOn: "2026-03-30" })).status).toBe(403);
    for (const [registeredOn, status] of [
      ["2024-12-01", 400],
      ["2026-05-01", 400],
      ["30.03.2026", 400],
    ] as const) {
      const r = await executor.post(`/api/versions/${mp1Version.id}/gas-registration`, { registeredOn });
      expect(r.status, registeredOn).toBe(status);
      expect(r.body.error.issues[0].path).toBe("registeredOn");
    }
    expect(
      (await executor.post(`/api/versions/00000000-0000-4000-8000-000000000000/gas-registration`, { registeredOn: "2026-03-30" })).status,
    ).toBe(404);
    const ok = await executor.post(`/api/versions/${mp1Version.id}/gas-registration`, { registeredOn: "2025-01-24", note: "рег. № 123" });
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    expect((await executor.post(`/api/versions/${mp1Version.id}/gas-registration`, { registeredOn: "2025-01-24" })).status).toBe(409);
    expect((await gas()).find((i: any) => i.programId === mp1.id)).toMatchObject({ doneAt: "2025-01-24", status: { state: "doneLate" } });
    const audit = await app.ctx.db.query(`SELECT action FROM audit_log WHERE action = 'gasRegistration.create'`);
    expect(audit.rows).toHaveLength(1);
  });
});
