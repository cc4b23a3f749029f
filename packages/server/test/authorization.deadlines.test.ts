/**
 * Every route of the deadlines group × every role: every member of the municipality reads the
 * changes of the budget; only the finance department and the administrator record one (220-п 5.4:
 * the budget is theirs); another municipality sees none of them; without a session, 401.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROLES, type Role } from "@orientir/domain";
import { routeGroups } from "@orientir/server";
import { createTestApp, type Client, type TestApp } from "@orientir/testing";

let app: TestApp;
const clients = new Map<Role, Client>();
const covered = new Set<string>();

beforeAll(async () => {
  app = await createTestApp();
  for (const role of ROLES) clients.set(role, await app.as(role));
});

afterAll(async () => {
  await app?.close();
});

const body = (role: string) => ({ kind: "budgetList", documentDate: "2026-03-12", effectiveDate: "2026-03-17", note: role });

describe("authorization of the deadlines routes", () => {
  it("recording a change of the budget: the finance department and the administrator only", async () => {
    covered.add("POST /api/budget-changes");
    const failures: string[] = [];
    for (const role of ROLES) {
      const r = await clients.get(role)!.post("/api/budget-changes", body(role));
      const want = role === "finance" || role === "admin" ? 201 : 403;
      if (r.status !== want) failures.push(`${role}: got ${r.status}, want ${want}`);
    }
    expect(failures).toEqual([]);
  });

  it("reading them: every member of the municipality; another municipality sees only its own", async () => {
    covered.add("GET /api/budget-changes");
    const failures: string[] = [];
    for (const role of ROLES) {
      const r = await clients.get(role)!.get("/api/budget-changes");
      if (r.status !== 200) failures.push(`${role}: got ${r.status}`);
      else if (JSON.stringify(r.body.items.map((x: any) => x.note).sort()) !== JSON.stringify(["admin", "finance"]))
        failures.push(`${role}: ${JSON.stringify(r.body.items)}`);
    }
    expect(failures).toEqual([]);
    const b = await app.as("adminb");
    expect((await b.get("/api/budget-changes")).body.items).toEqual([]);
  });

  it("the event deadlines: every member reads; placing in ГАС «Управление»: the program's executor and the administrator", async () => {
    covered.add("GET /api/event-deadlines");
    covered.add("POST /api/versions/:id/gas-registration");
    const failures: string[] = [];
    for (const role of ROLES) {
      const r = await clients.get(role)!.get("/api/event-deadlines");
      if (r.status !== 200) failures.push(`${role} GET: got ${r.status}`);
    }
    const admin = clients.get("admin")!;
    const adminB = await app.as("adminb");
    const programs = (await admin.get("/api/programs")).body.items;
    const version = async (c: Client, id: string) =>
      (await c.post(`/api/programs/${id}/versions/in-force`, { decreeNumber: "1-п", decreeDate: "2025-01-10" })).body.id;
    const own = await version(admin, programs.find((p: any) => p.code === "MP-1").id);
    const other = await version(admin, programs.find((p: any) => p.code === "MP-2").id);
    const foreign = await version(adminB, (await adminB.get("/api/programs")).body.items[0].id);
    for (const role of ROLES) {
      for (const [kind, id] of [
        ["other", other],
        ["foreign", foreign],
      ] as const) {
        const r = await clients.get(role)!.post(`/api/versions/${id}/gas-registration`, { registeredOn: "2025-01-15" });
        const want = kind === "foreign" ? 404 : role === "admin" ? 201 : 403;
        if (r.status !== want) failures.push(`${role} POST ${kind}: got ${r.status}, want ${want}`);
      }
    }
    // the own program: its executor (the administrator already took MP-2's; each version is registered once)
    expect((await clients.get("economy")!.post(`/api/versions/${own}/gas-registration`, { registeredOn: "2025-01-15" })).status).toBe(403);
    expect((await clients.get("executor")!.post(`/api/versions/${own}/gas-registration`, { registeredOn: "2025-01-15" })).status).toBe(201);
    expect(failures).toEqual([]);
  });

  it("without a session nothing is answered", async () => {
    const anonymous = app.client();
    expect((await anonymous.get("/api/budget-changes")).status).toBe(401);
    expect((await anonymous.post("/api/budget-changes", body("x"))).status).toBe(401);
    expect((await anonymous.get("/api/event-deadlines")).status).toBe(401);
  });

  it("covers every route of the group", () => {
    const all = routeGroups().deadlines!.map((r) => `${r.method} ${r.path}`);
    expect(all.filter((r) => !covered.has(r))).toEqual([]);
  });
});
