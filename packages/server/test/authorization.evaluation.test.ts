/**
 * Every route of the evaluation group × every role × a target in the own program (MP-1, whose
 * responsible executor is the executor's department and whose direction 1 belongs to the
 * co-executor), another department's program (MP-2), and another municipality's. The group only
 * reads: every member of the municipality may read every evaluation of it; another municipality's
 * rows are answered 404.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROLES, type Role } from "@orientir/domain";
import { routeGroups } from "@orientir/server";
import { createTestApp, type Client, type TestApp } from "@orientir/testing";

type Kind = "own" | "other" | "foreign";

let app: TestApp;
const clients = new Map<Role, Client>();
const covered = new Set<string>();
const program = {} as Record<Kind, string>;
const strategy = {} as Record<"own" | "foreign", string>;
const plan = {} as Record<"own" | "foreign", string>;
let programsOfB: string[] = [];

beforeAll(async () => {
  app = await createTestApp();
  for (const role of ROLES) clients.set(role, await app.as(role));
  const admin = clients.get("admin")!;
  const adminB = await app.as("adminb");
  const listA = (await admin.get("/api/programs")).body.items;
  const listB = (await adminB.get("/api/programs")).body.items;
  program.own = listA.find((p: any) => p.code === "MP-1").id;
  program.other = listA.find((p: any) => p.code === "MP-2").id;
  program.foreign = listB.find((p: any) => p.code === "MP-1").id;
  programsOfB = listB.map((p: any) => p.id);
  // in force from a decree of December 2024: the ranking of 2025 evaluates them
  for (const [c, id] of [
    [admin, program.own],
    [admin, program.other],
    [adminB, program.foreign],
  ] as const) {
    expect((await c.post(`/api/programs/${id}/versions/in-force`, { decreeNumber: "1-п", decreeDate: "2024-12-10" })).status).toBe(201);
  }
  strategy.own = (await admin.get("/api/strategies")).body.items[0].id;
  strategy.foreign = (await adminB.get("/api/strategies")).body.items[0].id;
  plan.own = (await admin.get("/api/action-plans")).body.items[0].id;
  plan.foreign = (await adminB.get("/api/action-plans")).body.items[0].id;
});

afterAll(async () => {
  await app?.close();
});

describe("authorization of the evaluation routes", () => {
  it("a program's evaluation and report: every member of the municipality, own or other department; nobody of another", async () => {
    const failures: string[] = [];
    for (const path of ["/api/programs/:id/evaluation", "/api/programs/:id/evaluation-report"]) {
      covered.add(`GET ${path}`);
      for (const role of ROLES) {
        for (const kind of ["own", "other", "foreign"] as Kind[]) {
          const url = `${path.replace(":id", program[kind])}?year=2025&asOf=2025-12-31`;
          const r = await clients.get(role)!.get(url);
          const want = kind === "foreign" ? 404 : 200;
          if (r.status !== want) failures.push(`${role} GET ${path} (${kind}): got ${r.status}, want ${want}`);
          if (want === 200 && path.endsWith("evaluation") && typeof r.body.score !== "number") failures.push(`${role} ${kind}: no score`);
        }
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);

  it("the ranking: every member sees exactly the programs of their municipality", async () => {
    covered.add("GET /api/evaluation/ranking");
    const failures: string[] = [];
    for (const role of ROLES) {
      const r = await clients.get(role)!.get("/api/evaluation/ranking?year=2025");
      if (r.status !== 200) failures.push(`${role}: got ${r.status}`);
      const ids = r.body.items.map((x: any) => x.programId).sort();
      if (JSON.stringify(ids) !== JSON.stringify([program.own, program.other].sort())) failures.push(`${role}: programs ${ids}`);
      if (programsOfB.some((id) => JSON.stringify(r.body).includes(id))) failures.push(`${role}: leaks another municipality`);
    }
    const b = await (await app.as("adminb")).get("/api/evaluation/ranking?year=2025");
    expect(b.body.items.map((x: any) => x.programId)).toEqual([program.foreign]);
    expect(failures).toEqual([]);
  });

  it("strategy and action-plan summaries: every member of the municipality; nobody of another", async () => {
    const failures: string[] = [];
    const routes: [string, Record<"own" | "foreign", string>][] = [
      ["/api/strategies/:id/summary", strategy],
      ["/api/action-plans/:id/summary", plan],
    ];
    for (const [path, ids] of routes) {
      covered.add(`GET ${path}`);
      for (const role of ROLES) {
        for (const kind of ["own", "foreign"] as const) {
          const r = await clients.get(role)!.get(path.replace(":id", ids[kind]));
          const want = kind === "foreign" ? 404 : 200;
          if (r.status !== want) failures.push(`${role} GET ${path} (${kind}): got ${r.status}, want ${want}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it("methodologies and settings: every member reads; only the economy department and the administrator change", async () => {
    const failures: string[] = [];
    const mayChange = (role: Role) => role === "economy" || role === "admin";
    covered.add("GET /api/evaluation/methodologies");
    covered.add("GET /api/evaluation/settings");
    covered.add("POST /api/evaluation/methodologies");
    covered.add("PUT /api/evaluation/settings");
    for (const role of ROLES) {
      const c = clients.get(role)!;
      for (const url of ["/api/evaluation/methodologies", "/api/evaluation/settings"]) {
        const r = await c.get(url);
        if (r.status !== 200) failures.push(`${role} GET ${url}: got ${r.status}`);
      }
      const created = await c.post("/api/evaluation/methodologies", {
        basedOn: { preset: "kaluga-220p", version: 1 },
        parameters: { ratingHigh: "96" },
        comment: role,
      });
      const wantCreate = mayChange(role) ? 201 : 403;
      if (created.status !== wantCreate) failures.push(`${role} POST methodologies: got ${created.status}, want ${wantCreate}`);
      const current = (await c.get("/api/evaluation/settings")).body;
      const saved = await c.request("PUT", "/api/evaluation/settings", {
        version: current.version,
        preset: "kaluga-220p",
        presetVersion: 1,
        thresholds: null,
      });
      const wantSave = mayChange(role) ? 200 : 403;
      if (saved.status !== wantSave) failures.push(`${role} PUT settings: got ${saved.status}, want ${wantSave}`);
    }
    // Another municipality sees none of A's versions and keeps its own settings.
    const b = await app.as("adminb");
    const mineB = (await b.get("/api/evaluation/methodologies")).body.items;
    expect(mineB.filter((m: any) => !m.builtin)).toEqual([]);
    expect((await b.get("/api/evaluation/settings")).body.version).toBeNull();
    const mineA = (await clients.get("viewer")!.get("/api/evaluation/methodologies")).body.items.filter((m: any) => !m.builtin);
    expect(mineA.map((m: any) => m.comment).sort()).toEqual(["admin", "economy"]);
    expect(failures).toEqual([]);
  }, 120_000);

  it("without a session nothing is answered", async () => {
    const anonymous = app.client();
    for (const url of [
      `/api/programs/${program.own}/evaluation?year=2025`,
      `/api/programs/${program.own}/evaluation-report?year=2025`,
      "/api/evaluation/ranking?year=2025",
      `/api/strategies/${strategy.own}/summary`,
      `/api/action-plans/${plan.own}/summary`,
      "/api/evaluation/methodologies",
      "/api/evaluation/settings",
    ]) {
      expect((await anonymous.get(url)).status).toBe(401);
    }
  });

  it("covers every route of the group", () => {
    const all = routeGroups().evaluation!.map((r) => `${r.method} ${r.path}`);
    expect(all.filter((r) => !covered.has(r))).toEqual([]);
  });
});
