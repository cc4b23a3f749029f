/**
 * Every route × every role × a target in the user's own program or direction, in another
 * department's, and in another municipality. The expectations are written out here, apart from
 * the permission rules they check.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listRows, type Row } from "@orientir/db";
import { RESOURCES, ROLES, resource, type ResourceSpec, type Role } from "@orientir/domain";
import { existsSync } from "node:fs";
import { allRoutes, routeGroups } from "@orientir/server";
import { createTestApp, type Client, type TestApp } from "@orientir/testing";

type TargetKind = "own" | "other" | "foreign";

const PASSPORT = new Set(["program", "programCoExecutor", "programGoal", "programStage", "programIndicator", "programIndicatorValue", "direction"]);

/** May this role write (create/update/delete) this resource in a target of this kind? */
function mayWrite(role: Role, spec: ResourceSpec, action: "create" | "update" | "delete", target: TargetKind): boolean {
  if (target === "foreign") return false;
  if (spec.scope === "municipality") return role === "admin";
  if (spec.scope === "strategy" || spec.scope === "plan") return role === "admin" || role === "economy";
  // program scope
  if (role === "admin" || role === "economy") return true;
  if (spec.name === "program" && action !== "update") return false;
  if (role === "finance") return spec.name === "budgetExecution" || (spec.name === "funding" && action === "update");
  if (role === "executor") return target === "own";
  if (role === "coexecutor") return target === "own" && !PASSPORT.has(spec.name);
  return false;
}

let app: TestApp;
const clients = new Map<Role, Client>();
const samples = new Map<string, Partial<Record<TargetKind, Row>>>();
const covered = new Set<string>();
let municipalityA = "";

function cover(method: string, path: string) {
  covered.add(`${method} ${path}`);
}

beforeAll(async () => {
  app = await createTestApp();
  for (const role of ROLES) clients.set(role, await app.as(role));
  const me = (await clients.get("admin")!.get("/api/auth/me")).body;
  municipalityA = me.municipalityId;
  const adminB = await app.as("adminb");
  const municipalityB = (await adminB.get("/api/auth/me")).body.municipalityId;

  const db = app.ctx.db;
  const programs = [...(await listRows(db, resource("program"), { municipalityId: municipalityA }))];
  const mp1 = programs.find((p) => p.code === "MP-1")!;
  const mp2 = programs.find((p) => p.code === "MP-2")!;
  const dirsA = await listRows(db, resource("direction"), { municipalityId: municipalityA });
  const ownDir = dirsA.find((d) => d.programId === mp1.id && d.code === "1")!; // co-executor: Комитет по культуре
  const otherDir = dirsA.find((d) => d.programId === mp2.id && d.code === "1")!; // co-executor: Управление городского хозяйства

  for (const spec of RESOURCES) {
    const inA = await listRows(db, spec, { municipalityId: municipalityA });
    const inB = await listRows(db, spec, { municipalityId: municipalityB });
    const s: Partial<Record<TargetKind, Row>> = { foreign: inB[0] };
    if (spec.scope === "program") {
      const inProgram = (p: Row, d: Row) =>
        inA.find((r) => (spec.name === "program" ? r.id === p.id : spec.name === "direction" ? r.id === d.id : r.programId === p.id && (r.directionId === undefined || r.directionId === d.id)));
      s.own = inProgram(mp1, ownDir);
      s.other = inProgram(mp2, otherDir);
    } else {
      s.own = inA[0];
    }
    samples.set(spec.name, s);
  }
});

afterAll(async () => {
  await app.close();
});

describe("authorization of every route", () => {
  it("has a sample row of every resource in each target", () => {
    for (const spec of RESOURCES) {
      const s = samples.get(spec.name)!;
      expect(s.own, `${spec.name} own`).toBeDefined();
      expect(s.foreign, `${spec.name} foreign`).toBeDefined();
      if (spec.scope === "program") expect(s.other, `${spec.name} other`).toBeDefined();
    }
  });

  it("resource routes: read for every member, write by role and department, nothing across municipalities", async () => {
    const failures: string[] = [];
    const check = (what: string, got: number, want: number | number[]) => {
      const ok = Array.isArray(want) ? want.includes(got) : got === want;
      if (!ok) failures.push(`${what}: got ${got}, want ${want}`);
    };
    for (const spec of RESOURCES) {
      const base = `/api/${spec.path}`;
      cover("GET", base);
      cover("GET", `${base}/:id`);
      cover("POST", base);
      cover("PATCH", `${base}/:id`);
      cover("DELETE", `${base}/:id`);
      const s = samples.get(spec.name)!;
      const kinds: TargetKind[] = spec.scope === "program" ? ["own", "other", "foreign"] : ["own", "foreign"];
      for (const role of ROLES) {
        const c = clients.get(role)!;
        const list = await c.get(base);
        check(`${role} GET ${base}`, list.status, 200);
        if (list.status === 200 && list.body.items.some((r: Row) => r.municipalityId !== municipalityA)) failures.push(`${role} GET ${base} leaks another municipality`);
        for (const kind of kinds) {
          const row = s[kind]!;
          const tag = `${role} ${spec.name} (${kind})`;
          check(`${tag} GET`, (await c.get(`${base}/${row.id}`)).status, kind === "foreign" ? 404 : 200);
          // a write with a stale version: allowed → 409 (stale), denied → 403; another municipality → 404
          const patch = await c.patch(`${base}/${row.id}`, { version: row.version + 1000 });
          check(`${tag} PATCH`, patch.status, kind === "foreign" ? 404 : mayWrite(role, spec, "update", kind) ? 409 : 403);
          const del = await c.delete(`${base}/${row.id}?version=${row.version + 1000}`);
          check(`${tag} DELETE`, del.status, kind === "foreign" ? 404 : mayWrite(role, spec, "delete", kind) ? 409 : 403);
          // a create with no data under the sample's parent: allowed → 400 (validation), denied → 403
          const body: Record<string, unknown> = {};
          if (spec.parent) body[spec.parent.field] = row[spec.parent.field];
          const post = await c.post(base, body);
          check(`${tag} POST`, post.status, kind === "foreign" ? (spec.parent ? 400 : mayWrite(role, spec, "create", "own") ? 400 : 403) : mayWrite(role, spec, "create", kind) ? 400 : 403);
        }
      }
    }
    expect(failures).toEqual([]);
  }, 240_000);

  it("tree views: every member reads their own municipality's, nobody another's", async () => {
    const views = [
      ["/api/programs/:id/tree", "program"],
      ["/api/strategies/:id/tree", "strategy"],
      ["/api/action-plans/:id/tree", "actionPlan"],
    ] as const;
    for (const [path, name] of views) {
      cover("GET", path);
      const s = samples.get(name)!;
      for (const role of ROLES) {
        const c = clients.get(role)!;
        expect((await c.get(path.replace(":id", s.own!.id))).status, `${role} ${path}`).toBe(200);
        expect((await c.get(path.replace(":id", s.foreign!.id))).status, `${role} ${path} foreign`).toBe(404);
      }
    }
  });

  it("batch: each operation is authorized like its single route", async () => {
    cover("POST", "/api/batch");
    const f = samples.get("funding")!;
    const m = samples.get("metricValue")!;
    for (const role of ROLES) {
      const c = clients.get(role)!;
      const op = (row: Row, resourceName: string) => ({ operations: [{ op: "update", resource: resourceName, id: row.id, version: row.version + 1000, data: {} }] });
      const fr = await c.post("/api/batch", op(f.own!, "funding"));
      expect(fr.status, `${role} batch funding`).toBe(mayWrite(role, resource("funding"), "update", "own") ? 409 : 403);
      const mr = await c.post("/api/batch", op(m.other!, "metricValue"));
      expect(mr.status, `${role} batch other metric`).toBe(mayWrite(role, resource("metricValue"), "update", "other") ? 409 : 403);
      expect((await c.post("/api/batch", op(f.foreign!, "funding"))).status).toBe(404);
    }
  });

  it("municipality, users and audit log", async () => {
    for (const p of ["GET /api/municipality", "PATCH /api/municipality", "GET /api/municipalities", "GET /api/users", "POST /api/users", "PATCH /api/users/:id", "DELETE /api/users/:id", "GET /api/audit"]) {
      const [method, path] = p.split(" ");
      cover(method!, path!);
    }
    const outsider = (await app.as("adminb")).get("/api/auth/me");
    const outsiderId = (await outsider).body.user.id;
    const viewerId = (await clients.get("viewer")!.get("/api/auth/me")).body.user.id;
    for (const role of ROLES) {
      const c = clients.get(role)!;
      const admin = role === "admin";
      expect((await c.get("/api/municipality")).status).toBe(200);
      expect((await c.get("/api/municipalities")).body.items.map((m: Row) => m.id)).toEqual([municipalityA]);
      expect((await c.patch("/api/municipality", { version: 9999 })).status, `${role} PATCH municipality`).toBe(admin ? 409 : 403);
      expect((await c.get("/api/users")).status, `${role} GET users`).toBe(admin ? 200 : 403);
      expect((await c.post("/api/users", { login: "!", fullName: "x", password: "short", role: "viewer" })).status, `${role} POST users`).toBe(admin ? 400 : 403);
      expect((await c.patch(`/api/users/${viewerId}`, { version: 9999 })).status, `${role} PATCH user`).toBe(admin ? 409 : 403);
      // a user of another municipality is not found, even for the administrator
      expect((await c.delete(`/api/users/${outsiderId}`)).status, `${role} DELETE user`).toBe(admin ? 404 : 403);
      expect((await c.get("/api/audit")).status, `${role} GET audit`).toBe(["admin", "economy", "audit"].includes(role) ? 200 : 403);
    }
  });

  it("public routes answer without a session, session routes refuse without one", async () => {
    const anon = app.client();
    for (const p of ["/api/health", "/api/meta/resources"]) {
      cover("GET", p);
      expect((await anon.get(p)).status).toBe(200);
    }
    for (const p of ["/api/auth/me", "/api/municipalities"]) expect((await anon.get(p)).status).toBe(401);
    cover("GET", "/api/auth/me");
    cover("POST", "/api/auth/login");
    cover("POST", "/api/auth/logout");
    cover("POST", "/api/auth/municipality");
    expect((await anon.post("/api/auth/municipality", { municipalityId: municipalityA })).status).toBe(401);
    // switching to a municipality where the user has no role is refused
    const viewer = clients.get("viewer")!;
    const other = (await (await app.as("adminb")).get("/api/auth/me")).body.municipalityId;
    expect((await viewer.post("/api/auth/municipality", { municipalityId: other })).status).toBe(403);
    for (const r of allRoutes().filter((x) => x.auth === "session")) {
      const status = (await anon.request(r.method, r.path.replace(/:id/g, "00000000-0000-0000-0000-000000000000"), r.method === "GET" ? undefined : {})).status;
      expect(status, `${r.method} ${r.path} without a session`).toBe(401);
    }
  });

  it("covers every route of the core group", () => {
    const all = routeGroups().core!.map((r) => `${r.method} ${r.path}`);
    const missing = all.filter((r) => !covered.has(r));
    expect(missing).toEqual([]);
  });

  it("every other group of routes has its own authorization test", () => {
    const groups = Object.keys(routeGroups()).filter((g) => g !== "core");
    const missing = groups.filter((g) => !existsSync(new URL(`./authorization.${g}.test.ts`, import.meta.url)));
    expect(missing).toEqual([]);
  });
});
