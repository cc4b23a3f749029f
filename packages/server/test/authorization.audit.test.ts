/**
 * The audit log's filter values (issue 13, part 2) × every role: only those who read the log get
 * them (deny by default); they list the municipality's own actions as sentences and its own people
 * by name, never another municipality's; the log filtered by those values answers only matching
 * entries. Without a session, 401.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROLES, type Role } from "@orientir/domain";
import { routeGroups } from "@orientir/server";
import { createTestApp, type Client, type TestApp } from "@orientir/testing";

let app: TestApp;
const clients = new Map<Role, Client>();
const covered = new Set<string>();
const READERS: Role[] = ["admin", "economy", "audit"];
let executorId: string;
let adminB: Client;
let adminBId: string;

type Filters = {
  actions: { actions: string[]; label: string }[];
  actors: { actorId: string | null; actorKind: string | null; label: string }[];
};

beforeAll(async () => {
  app = await createTestApp();
  for (const role of ROLES) clients.set(role, await app.as(role));
  executorId = (await clients.get("executor")!.get("/api/auth/me")).body.user.id;
  // the executor changes a funding row of A; the administrator of B changes B's municipality
  const executor = clients.get("executor")!;
  const mp1 = (await executor.get("/api/programs")).body.items.find((p: any) => p.code === "MP-1");
  const tree = (await executor.get(`/api/programs/${mp1.id}/tree`)).body;
  const f = tree.directions.find((d: any) => d.code === "1").structuralElements[0].funding[0];
  expect((await executor.patch(`/api/funding/${f.id}`, { version: f.version, amount: "1000.00" })).status).toBe(200);
  adminB = await app.as("adminb");
  adminBId = (await adminB.get("/api/auth/me")).body.user.id;
  const mb = (await adminB.get("/api/municipality")).body;
  expect((await adminB.patch("/api/municipality", { version: mb.version, name: `${mb.name} (изм.)` })).status).toBe(200);
});

afterAll(async () => {
  await app?.close();
});

describe("authorization of the audit log's filter values", () => {
  it("only the roles that read the log get them; the others are refused", async () => {
    covered.add("GET /api/audit/filters");
    const failures: string[] = [];
    for (const role of ROLES) {
      const r = await clients.get(role)!.get("/api/audit/filters");
      const want = READERS.includes(role) ? 200 : 403;
      if (r.status !== want) failures.push(`${role}: got ${r.status}, want ${want}`);
    }
    expect(failures).toEqual([]);
    expect((await app.client().get("/api/audit/filters")).status).toBe(401);
  });

  it("lists the municipality's own actions as sentences and its own people by name, not another municipality's", async () => {
    const a = (await clients.get("audit")!.request("GET", "/api/audit/filters", undefined, { "accept-language": "ru" })).body as Filters;
    const labels = a.actions.map((x) => x.label);
    expect(labels).toContain("изменил(а) запись — Финансовое обеспечение");
    expect(labels).toContain("вошел(ла) в систему");
    // B's change of its municipality is not in A's list; no label is a code
    expect(a.actions.flatMap((x) => x.actions)).not.toContain("municipality.update");
    for (const x of a.actions) for (const code of x.actions) expect(x.label).not.toContain(code);
    const people = a.actors.filter((x) => x.actorId).map((x) => x.label);
    expect(people).toEqual(expect.arrayContaining(["Исполнитель", "Экономист", "Наблюдатель", "Администратор"]));
    expect(people).not.toContain("Администратор Б");
    expect(a.actors.some((x) => x.actorId === adminBId)).toBe(false);
    expect(a.actors.every((x) => !ROLES.includes(x.label as Role))).toBe(true);
    // in people's order: by name
    expect(people).toEqual([...people].sort((x, y) => x.localeCompare(y, "ru")));

    const b = (await adminB.get("/api/audit/filters")).body as Filters;
    expect(b.actions.flatMap((x) => x.actions)).toContain("municipality.update");
    expect(b.actions.flatMap((x) => x.actions)).not.toContain("funding.update");
    expect(b.actors.map((x) => x.label)).not.toContain("Исполнитель");

    const en = (await clients.get("admin")!.request("GET", "/api/audit/filters", undefined, { "accept-language": "en" })).body as Filters;
    expect(en.actions.map((x) => x.label)).toContain("changed a record — Funding");
  });

  it("the log filtered by an option's values answers only matching entries, and another municipality's person finds nothing", async () => {
    const audit = clients.get("audit")!;
    const f = (await audit.get("/api/audit/filters")).body as Filters;
    const change = f.actions.find((x) => x.actions.includes("funding.update"))!;
    const byAction = (await audit.get(`/api/audit?action=${encodeURIComponent(change.actions.join(","))}`)).body.items;
    expect(byAction.length).toBeGreaterThan(0);
    expect(byAction.every((e: any) => change.actions.includes(e.action))).toBe(true);
    const byPerson = (await audit.get(`/api/audit?actorId=${executorId}`)).body.items;
    expect(byPerson.length).toBeGreaterThan(1);
    expect(byPerson.every((e: any) => e.actorId === executorId)).toBe(true);
    const both = (await audit.get(`/api/audit?actorId=${executorId}&action=funding.update`)).body.items;
    expect(both.map((e: any) => [e.actorName, e.action])).toEqual([["Исполнитель", "funding.update"]]);
    // the person of B acted only in B
    expect((await audit.get(`/api/audit?actorId=${adminBId}`)).body.items).toEqual([]);
    // who acted without an account: the kind the list offers, and nobody else
    // (the fixture's loading is recorded as the system's)
    const other = f.actors.find((x) => x.actorKind === "system")!;
    expect(other.label).toBe("система");
    const items = (await audit.get(`/api/audit?actorKind=${other.actorKind}`)).body.items;
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((e: any) => e.actorId === null && e.actorName === other.label)).toBe(true);
    expect((await audit.get(`/api/audit?actorId=not-a-uuid`)).status).toBe(400);
  });

  it("covers every route of the group", () => {
    const all = routeGroups().audit!.map((r) => `${r.method} ${r.path}`);
    expect(all.filter((r) => !covered.has(r))).toEqual([]);
  });
});
