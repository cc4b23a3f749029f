import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "@orientir/testing";

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp();
});
afterAll(async () => {
  await app.close();
});

async function firstProgram(c: Awaited<ReturnType<TestApp["as"]>>, code = "MP-1") {
  const r = await c.get("/api/programs");
  return r.body.items.find((p: { code: string }) => p.code === code);
}

describe("health and documentation", () => {
  it("answers health without a session", async () => {
    const r = await app.client().get("/api/health");
    expect(r.status).toBe(200);
    expect(r.body.status).toBe("ok");
    expect(r.body.migrations).toBeGreaterThan(0);
  });
  it("publishes OpenAPI 3 with every route and a browsable page", async () => {
    const r = await app.client().get("/api/openapi.json");
    expect(r.body.openapi).toMatch(/^3\./);
    expect(Object.keys(r.body.paths)).toContain("/api/programs/{id}");
    expect(r.body.paths["/api/metrics"].post.requestBody).toBeDefined();
    const page = await app.client().get("/api/docs");
    expect(page.status).toBe(200);
    expect(String(page.body)).toContain("/api/openapi.json");
  });
});

describe("sign-in and sessions", () => {
  it("refuses a wrong password with 401 and no cookie", async () => {
    const c = app.client();
    const r = await c.post("/api/auth/login", { login: "viewer", password: "nope" });
    expect(r.status).toBe(401);
    expect(c.cookie).toBe("");
  });
  it("signs in, sets an httpOnly SameSite cookie, and reads /me", async () => {
    const c = app.client();
    const r = await c.login("executor");
    expect(r.status).toBe(200);
    const setCookie = String(r.headers["set-cookie"]);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    const me = await c.get("/api/auth/me");
    expect(me.body.user.login).toBe("executor");
    expect(me.body.role).toBe("executor");
  });
  it("requires a session for data", async () => {
    expect((await app.client().get("/api/programs")).status).toBe(401);
  });
  it("refuses a state change without the CSRF token", async () => {
    const c = await app.as("economy");
    const p = await firstProgram(c);
    const r = await c.request("PATCH", `/api/programs/${p.id}`, { version: p.version, name: "x" }, { "x-csrf-token": "wrong" });
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe("csrf");
  });
  it("logs out: the cookie no longer works", async () => {
    const c = await app.as("viewer");
    const cookie = c.cookie;
    expect((await c.post("/api/auth/logout")).status).toBe(204);
    c.cookie = cookie;
    expect((await c.get("/api/programs")).status).toBe(401);
  });
  it("throttles repeated failed logins of one account", async () => {
    const c = app.client();
    for (let i = 0; i < 5; i++) expect((await c.post("/api/auth/login", { login: "head", password: "bad" })).status).toBe(401);
    const r = await c.post("/api/auth/login", { login: "head", password: "password-1" });
    expect(r.status).toBe(429);
    expect(Number(r.headers["retry-after"])).toBeGreaterThan(0);
  });
});

describe("program data through the API", () => {
  it("updates a metric value with its version, and refuses a stale version with 409", async () => {
    const c = await app.as("executor");
    const p = await firstProgram(c);
    const tree = (await c.get(`/api/programs/${p.id}/tree`)).body;
    const value = tree.directions[0].structuralElements[0].metrics[0].metricValues[1];
    const r1 = await c.patch(`/api/metric-values/${value.id}`, { version: value.version, plan: "12,5" });
    expect(r1.status).toBe(200);
    expect(r1.body.plan).toBe("12.5");
    expect(r1.body.version).toBe(value.version + 1);
    const stale = await c.patch(`/api/metric-values/${value.id}`, { version: value.version, plan: "13" });
    expect(stale.status).toBe(409);
    expect(stale.body.error.current.plan).toBe("12.5");
  });

  it("keeps money exact as decimal strings and refuses a third decimal, naming the field", async () => {
    const c = await app.as("executor");
    const p = await firstProgram(c);
    const tree = (await c.get(`/api/programs/${p.id}/tree`)).body;
    const f = tree.directions[0].structuralElements[0].funding[0];
    const ok = await c.patch(`/api/funding/${f.id}`, { version: f.version, amount: "12345678901234.99" });
    expect(ok.status).toBe(200);
    expect(ok.body.amount).toBe("12345678901234.99");
    const bad = await c.patch(`/api/funding/${f.id}`, { version: ok.body.version, amount: "1.005" });
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues[0].path).toBe("amount");
    const neg = await c.patch(`/api/funding/${f.id}`, { version: ok.body.version, amount: "-5" });
    expect(neg.status).toBe(400);
    expect(neg.body.error.issues[0].path).toBe("amount");
  });

  it("refuses an unknown funding source", async () => {
    const c = await app.as("executor");
    const p = await firstProgram(c);
    const tree = (await c.get(`/api/programs/${p.id}/tree`)).body;
    const el = tree.directions[0].structuralElements[0];
    const r = await c.post(`/api/funding`, { elementId: el.id, year: 2027, source: "lunar", amount: "1" });
    expect(r.status).toBe(400);
    expect(r.body.error.issues[0].path).toBe("source");
  });

  it("applies a pasted block in one transaction: one bad cell writes nothing", async () => {
    const c = await app.as("executor");
    const p = await firstProgram(c);
    const tree = (await c.get(`/api/programs/${p.id}/tree`)).body;
    const values = tree.directions[0].structuralElements[0].metrics[0].metricValues;
    const ops = values.slice(2, 5).map((v: any, i: number) => ({
      op: "update",
      resource: "metricValue",
      id: v.id,
      version: v.version,
      data: { plan: i === 2 ? "abc" : "99" },
    }));
    const bad = await c.post("/api/batch", { operations: ops });
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues[0].path).toBe("operations[2].data.plan");
    const after = (await c.get(`/api/programs/${p.id}/tree`)).body.directions[0].structuralElements[0].metrics[0].metricValues;
    expect(after[2].plan).toBe(values[2].plan);
    ops[2].data.plan = "101";
    const good = await c.post("/api/batch", { operations: ops });
    expect(good.status).toBe(200);
    expect(good.body.results.map((r: any) => r.plan)).toEqual(["99", "99", "101"]);
  });

  it("creates and deletes a checkpoint, and writes each change to the audit log", async () => {
    const c = await app.as("executor");
    const p = await firstProgram(c);
    const tree = (await c.get(`/api/programs/${p.id}/tree`)).body;
    const el = tree.directions[0].structuralElements[0];
    const r = await c.post(`/api/checkpoints`, { elementId: el.id, name: "Новая точка", plannedDate: "2027-05-15" });
    expect(r.status).toBe(201);
    expect(r.body.programId).toBe(p.id);
    expect(r.body.directionId).toBe(tree.directions[0].id);
    const d = await c.delete(`/api/checkpoints/${r.body.id}?version=${r.body.version}`);
    expect(d.status).toBe(204);
    const admin = await app.as("admin");
    const log = await admin.get(`/api/audit?objectId=${r.body.id}`);
    expect(log.body.items.map((e: any) => e.action)).toEqual(["checkpoint.delete", "checkpoint.create"]);
    expect(log.body.items[1].actorLogin).toBe("executor");
  });

  it("says what and where for a missing required field and an unknown one", async () => {
    const c = await app.as("executor");
    const p = await firstProgram(c);
    const tree = (await c.get(`/api/programs/${p.id}/tree`)).body;
    const el = tree.directions[0].structuralElements[0];
    const r = await c.post(`/api/metrics`, { elementId: el.id, name: "Без единицы", trend: "increase", level: "МП" });
    expect(r.status).toBe(400);
    expect(r.body.error.issues.map((i: any) => i.path)).toContain("unit");
  });
});
