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
import { FIXTURE_PASSWORD, MUNICIPALITY_A, MUNICIPALITY_B, createTestApp, type Client, type TestApp } from "@orientir/testing";
import { seedMunicipalities } from "@orientir/app";

type TargetKind = "own" | "other" | "foreign";

const PASSPORT = new Set([
  "program",
  "programCoExecutor",
  "programGoal",
  "programStage",
  "programIndicator",
  "programIndicatorValue",
  "direction",
]);

/** May this role write (create/update/delete) this resource in a target of this kind? */
function mayWrite(role: Role, spec: ResourceSpec, action: "create" | "update" | "delete", target: TargetKind): boolean {
  if (target === "foreign") return false;
  if (spec.scope === "municipality") return role === "admin";
  if (spec.scope === "strategy" || spec.scope === "plan") return role === "admin" || role === "economy";
  // program scope
  if (role === "admin" || role === "economy") return true;
  if (spec.name === "program" && action !== "update") return false;
  if (role === "finance")
    return spec.name === "budgetExecution" || spec.name === "budgetSchedule" || (spec.name === "funding" && action === "update");
  if (role === "executor") return target === "own";
  if (role === "coexecutor") return target === "own" && !PASSPORT.has(spec.name) && spec.name !== "programAnnualReport";
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
        inA.find((r) =>
          spec.name === "program"
            ? r.id === p.id
            : spec.name === "direction"
              ? r.id === d.id
              : r.programId === p.id && (r.directionId === undefined || r.directionId === d.id),
        );
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
      if (!ok) failures.push(`${what}: got ${got}, want ${JSON.stringify(want)}`);
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
        if (list.status === 200 && list.body.items.some((r: Row) => r.municipalityId !== municipalityA))
          failures.push(`${role} GET ${base} leaks another municipality`);
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
          check(
            `${tag} POST`,
            post.status,
            kind === "foreign"
              ? spec.parent
                ? 400
                : mayWrite(role, spec, "create", "own")
                  ? 400
                  : 403
              : mayWrite(role, spec, "create", kind)
                ? 400
                : 403,
          );
        }
      }
    }
    expect(failures).toEqual([]);
  }, 400_000); // nine roles (the office added, issue 15) on a shared machine

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
      const op = (row: Row, resourceName: string) => ({
        operations: [{ op: "update", resource: resourceName, id: row.id, version: row.version + 1000, data: {} }],
      });
      const fr = await c.post("/api/batch", op(f.own!, "funding"));
      expect(fr.status, `${role} batch funding`).toBe(mayWrite(role, resource("funding"), "update", "own") ? 409 : 403);
      const mr = await c.post("/api/batch", op(m.other!, "metricValue"));
      expect(mr.status, `${role} batch other metric`).toBe(mayWrite(role, resource("metricValue"), "update", "other") ? 409 : 403);
      expect((await c.post("/api/batch", op(f.foreign!, "funding"))).status).toBe(404);
    }
  });

  it("municipality, users and audit log", async () => {
    for (const p of [
      "GET /api/municipality",
      "PATCH /api/municipality",
      "GET /api/municipalities",
      "GET /api/users",
      "POST /api/users",
      "PATCH /api/users/:id",
      "DELETE /api/users/:id",
      "GET /api/audit",
    ]) {
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
      expect(
        (await c.post("/api/users", { login: "!", fullName: "x", password: "short", role: "viewer" })).status,
        `${role} POST users`,
      ).toBe(admin ? 400 : 403);
      expect((await c.patch(`/api/users/${viewerId}`, { version: 9999 })).status, `${role} PATCH user`).toBe(admin ? 409 : 403);
      // a user of another municipality is not found, even for the administrator
      expect((await c.delete(`/api/users/${outsiderId}`)).status, `${role} DELETE user`).toBe(admin ? 404 : 403);
      expect((await c.get("/api/audit")).status, `${role} GET audit`).toBe(["admin", "economy", "audit"].includes(role) ? 200 : 403);
    }
  });

  it("accounts: own municipality's alone, another municipality's, shared ones, and the deployment administrator", async () => {
    // a shared account (a member of A and of B) and a deployment administrator (administrator in A)
    await seedMunicipalities(
      app.ctx,
      [MUNICIPALITY_A, MUNICIPALITY_B],
      [
        {
          login: "shared",
          fullName: "Общий",
          memberships: [
            { municipality: "Город А", role: "viewer" },
            { municipality: "Город Б", role: "viewer" },
          ],
        },
        {
          login: "root",
          fullName: "Администратор развертывания",
          deploymentAdmin: true,
          memberships: [{ municipality: "Город А", role: "viewer" }],
        },
      ],
      FIXTURE_PASSWORD,
    );
    const idOf = async (login: string) => (await (await app.as(login)).get("/api/auth/me")).body.user.id as string;
    const ids = { own: await idOf("viewer"), foreign: await idOf("adminb"), shared: await idOf("shared"), deployment: await idOf("root") };
    const root = await app.as("root");
    const callers: [string, Client][] = [...ROLES.map((r) => [r, clients.get(r)!] as [string, Client]), ["root", root]];
    const failures: string[] = [];
    const check = (what: string, got: number, want: number) => {
      if (got !== want) failures.push(`${what}: got ${got}, want ${want}`);
    };
    for (const [who, c] of callers) {
      const admin = who === "admin";
      const deployment = who === "root";
      const manager = admin || deployment;
      // the list: administrators see their municipality's members, shared ones flagged
      const list = await c.get("/api/users");
      check(`${who} GET users`, list.status, manager ? 200 : 403);
      if (list.status === 200) {
        const byId = new Map(list.body.items.map((u: Row) => [u.id, u]));
        if (byId.has(ids.foreign)) failures.push(`${who} sees a user of another municipality`);
        if ((byId.get(ids.shared) as Row | undefined)?.shared !== true) failures.push(`${who}: the shared account is not flagged shared`);
        if ((byId.get(ids.own) as Row | undefined)?.shared !== false) failures.push(`${who}: a local account is flagged shared`);
      }
      for (const [kind, id] of Object.entries(ids)) {
        const tag = `${who} → ${kind}`;
        const identity = await c.patch(`/api/users/${id}`, {
          version: 9999,
          password: "a-new-password-1",
          fullName: "Новое имя",
          isActive: false,
        });
        const membership = await c.patch(`/api/users/${id}`, { version: 9999, role: "viewer" });
        const email = await c.request("PUT", `/api/monitoring/users/${id}/email`, { email: "not an address" });
        if (kind === "foreign") {
          // another municipality's account is not found, whoever asks (a deployment administrator acts in their municipality)
          check(`${tag} PATCH identity`, identity.status, manager ? 404 : 403);
          check(`${tag} PATCH membership`, membership.status, manager ? 404 : 403);
          check(`${tag} PUT email`, email.status, manager ? 404 : 403);
          check(`${tag} DELETE`, (await c.delete(`/api/users/${id}`)).status, manager ? 404 : 403);
          continue;
        }
        // identity (password, name, active flag, e-mail): the municipality's administrator only for a local account;
        // the deployment administrator for every account; stale version → 409 when allowed
        const mayIdentity = deployment || (admin && kind === "own");
        const self = (who === "root" && kind === "deployment") || (who === "viewer" && kind === "own");
        // (disabling oneself is refused as bad input)
        check(`${tag} PATCH identity`, identity.status, mayIdentity ? (self ? 400 : 409) : 403);
        check(`${tag} PUT email`, email.status, mayIdentity || self ? 400 : 403);
        // the role in this municipality: the administrator for local and shared accounts, not a deployment administrator's
        const mayMembership = deployment || (admin && kind !== "deployment");
        check(`${tag} PATCH membership`, membership.status, mayMembership ? (kind === "deployment" && who === "root" ? 400 : 409) : 403);
      }
    }
    // removing the role: the administrator may remove a shared account's role here, never the deployment administrator's
    check("admin DELETE deployment admin", (await clients.get("admin")!.delete(`/api/users/${ids.deployment}`)).status, 403);
    check("viewer DELETE shared", (await clients.get("viewer")!.delete(`/api/users/${ids.shared}`)).status, 403);
    expect(failures).toEqual([]);
  });

  it("accounts: a login that exists anywhere gets the same answer, and nobody is added to another municipality", async () => {
    const admin = clients.get("admin")!;
    const answers = [];
    for (const login of ["viewer", "adminb", "shared", "ADMINB"]) {
      const r = await admin.post("/api/users", { login, fullName: "Захватчик", password: "takeover-password-1", role: "admin" });
      answers.push([r.status, JSON.stringify(r.body)]);
    }
    expect(new Set(answers.map((a) => a.join(" "))).size).toBe(1);
    expect(answers[0]![0]).toBe(400);
    expect(answers[0]![1]).toContain("логин уже занят");
    // adminb is still only in B, and still signs in with their password
    const users = (await admin.get("/api/users")).body.items.map((u: Row) => u.login);
    expect(users).not.toContain("adminb");
    expect((await app.client().login("adminb")).status).toBe(200);
  });

  it("own account: password, second factor", async () => {
    for (const p of [
      "POST /api/auth/password",
      "GET /api/auth/totp",
      "POST /api/auth/totp/setup",
      "POST /api/auth/totp/confirm",
      "POST /api/auth/totp/disable",
      "POST /api/auth/totp",
    ]) {
      const [method, path] = p.split(" ");
      cover(method!, path!);
    }
    const anon = app.client();
    expect((await anon.post("/api/auth/password", { currentPassword: "x", newPassword: "y-long-password" })).status).toBe(401);
    expect((await anon.get("/api/auth/totp")).status).toBe(401);
    expect((await anon.post("/api/auth/totp/setup", {})).status).toBe(401);
    expect((await anon.post("/api/auth/totp/confirm", { code: "123456" })).status).toBe(401);
    expect((await anon.post("/api/auth/totp/disable", { password: "x" })).status).toBe(401);
    // a made-up pending token is not a sign-in, nor a way to enrol someone
    expect((await anon.post("/api/auth/totp", { pendingToken: "made-up", code: "123456" })).status).toBe(401);
    expect((await anon.post("/api/auth/totp/setup", { pendingToken: "made-up" })).status).toBe(401);
    for (const role of ROLES) {
      const c = clients.get(role)!;
      expect((await c.get("/api/auth/totp")).body, role).toEqual({ enabled: false, required: false, recoveryCodesLeft: 0 });
      expect(
        (await c.post("/api/auth/password", { currentPassword: "wrong-password", newPassword: "a-new-password-1" })).status,
        role,
      ).toBe(400);
      expect((await c.post("/api/auth/totp/confirm", { code: "000000" })).status, `${role} confirm before setup`).toBe(400);
      expect((await c.post("/api/auth/totp/disable", { password: "wrong-password" })).status, role).toBe(400);
      // still signed in, with the old password
      expect((await c.get("/api/auth/me")).status).toBe(200);
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
      const status = (
        await anon.request(r.method, r.path.replace(/:id/g, "00000000-0000-0000-0000-000000000000"), r.method === "GET" ? undefined : {})
      ).status;
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
