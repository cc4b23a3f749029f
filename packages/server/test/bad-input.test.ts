/**
 * Bad input is a 400 that names the field, never a 500 or a 409 (issue 9, part 7): each defect
 * found, reproduced through the API. The property over every route is bad-input.property.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConflictError, ValidationError } from "@orientir/domain";
import { translatePgError } from "@orientir/db";
import { createTestApp, type Client, type TestApp } from "@orientir/testing";

let app: TestApp;
let admin: Client;
let economy: Client;
const rows: Record<string, any> = {};

beforeAll(async () => {
  app = await createTestApp();
  admin = await app.as("admin");
  economy = await app.as("economy");
  const programs = (await admin.get("/api/programs")).body.items;
  rows.program = programs.find((p: any) => p.code === "MP-1");
  rows.mp2 = programs.find((p: any) => p.code === "MP-2");
  const pick = async (path: string) => (await admin.get(`/api/${path}?programId=${rows.program.id}`)).body.items[0];
  rows.checkpoint = await pick("checkpoints");
  rows.metricValue = await pick("metric-values");
  rows.funding = await pick("funding");
  rows.budgetSource = (await admin.get("/api/budget-sources")).body.items[0];
});

afterAll(async () => {
  await app?.close();
});

/** The answer is a 400 whose issues name this path. */
function expect400(r: { status: number; body: any }, path: string) {
  expect(r.status, JSON.stringify(r.body)).toBe(400);
  expect(r.body.error.code).toBe("validation");
  expect(r.body.error.issues.map((i: { path: string }) => i.path)).toContain(path);
}

describe("a NUL byte (or another control character) in any text is a 400", () => {
  it("in the login, without a session (PostgreSQL refuses \\u0000 in text: it was a 500)", async () => {
    const anon = app.client();
    expect400(await anon.post("/api/auth/login", { login: "admin\u0000", password: "demo" }), "body.login");
    expect400(await anon.post("/api/auth/login", { login: "admin", password: "x\u0000" }), "body.password");
  });

  it("in a field of a resource, a query of the audit log, a key of an object, a path parameter", async () => {
    const p = rows.program;
    expect400(await economy.patch(`/api/programs/${p.id}`, { version: p.version, name: "Программа\u0000" }), "body.name");
    expect400(await economy.patch(`/api/programs/${p.id}`, { version: p.version, name: "Программа\u0007" }), "body.name");
    expect400(await admin.get("/api/audit?objectType=program%00"), "query.objectType");
    expect400(await admin.get("/api/audit?actor=%00"), "query.actor");
    expect400(await admin.patch(`/api/versions/${p.id}/note`, { version: 1, reasons: { "a\u0000": "x" } }), "body.reasons");
    expect400(await admin.get("/api/programs/%00/tree"), "params.id");
    // tab, line feed and carriage return stay allowed in a text
    const ok = await economy.patch(`/api/programs/${p.id}`, { version: p.version, otherSources: "строка 1\r\n\tстрока 2" });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.otherSources).toBe("строка 1\r\n\tстрока 2");
    rows.program = ok.body;
  });

  it("an object nested deeper than the server takes is a 400, not a stack overflow", async () => {
    // written out by hand: JSON.stringify of the test's own client would overflow first
    const deep = '{"a":'.repeat(5000) + '"x"' + "}".repeat(5000);
    const body = `{"operations":[{"op":"create","resource":"funding","data":{"year":${deep}}}]}`;
    const r = await admin.request("POST", "/api/batch", body, { "content-type": "application/json" });
    expect(r.status).toBe(400);
    expect(r.body.error.issues[0].message).toMatch(/вложенность/);
  });
});

describe("dates are real calendar dates", () => {
  it("/api/audit?from=abc (a 500 from PostgreSQL's timestamptz) and an impossible date are 400; a date and a moment are taken", async () => {
    expect400(await admin.get("/api/audit?from=abc"), "query.from");
    expect400(await admin.get("/api/audit?to=2025-02-30"), "query.to");
    expect400(await admin.get("/api/audit?from=0000-01-01"), "query.from");
    expect((await admin.get("/api/audit?from=2025-01-01&to=2030-12-31")).status).toBe(200);
    expect((await admin.get("/api/audit?from=2025-01-01T10:00:00Z")).status).toBe(200);
    expect((await admin.get("/api/audit?from=2025-01-01T10:00:00%2B03:00")).status).toBe(200);
  });

  it("an impossible date of a resource field, of a decree, of an evaluation date is a 400 (a decree date was a 409)", async () => {
    const c = rows.checkpoint;
    expect400(await admin.patch(`/api/checkpoints/${c.id}`, { version: c.version, plannedDate: "2026-02-30" }), "plannedDate");
    expect400(await admin.patch(`/api/checkpoints/${c.id}`, { version: c.version, plannedDate: "0000-01-01" }), "plannedDate");
    expect400(
      await economy.post(`/api/programs/${rows.mp2.id}/versions/in-force`, { decreeNumber: "1-п", decreeDate: "2025-02-30" }),
      "body.decreeDate",
    );
    expect400(await admin.get(`/api/programs/${rows.program.id}/evaluation?year=2025&asOf=2025-02-29`), "query.asOf");
    expect400(await admin.get(`/api/programs/${rows.program.id}/report.json?year=2025&asOf=2025-13-01`), "query.asOf");
  });
});

describe("decimals and integers within what their columns hold", () => {
  it("an amount with more digits than numeric(18,2) holds, a value with more digits than a value may have, a version past integer", async () => {
    const f = rows.funding;
    expect400(await admin.patch(`/api/funding/${f.id}`, { version: f.version, amount: "1234567890123456789.00" }), "amount");
    expect400(await admin.patch(`/api/funding/${f.id}`, { version: f.version, amount: 1e300 }), "amount");
    const m = rows.metricValue;
    expect400(await admin.patch(`/api/metric-values/${m.id}`, { version: m.version, plan: "1".repeat(40) }), "plan");
    expect400(await admin.patch(`/api/metric-values/${m.id}`, { version: m.version, plan: "0." + "1".repeat(40) }), "plan");
    expect400(await admin.patch(`/api/metric-values/${m.id}`, { version: m.version, plan: "9".repeat(100_000) }), "plan");
    expect400(await admin.patch(`/api/metric-values/${m.id}`, { version: 2 ** 40, plan: "1" }), "body.version");
    expect400(await admin.request("DELETE", `/api/metric-values/${m.id}?version=99999999999`), "query.version");
    // a long but sensible value is taken
    const ok = await admin.patch(`/api/metric-values/${m.id}`, { version: m.version, plan: "123456789012345678901234567890.123456" });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.plan).toBe("123456789012345678901234567890.123456");
  });
});

describe("a text made only of invisible characters does not satisfy a required field", () => {
  const invisible = ["\u200B", "\u200B\u200C\u200D", "\u2060", "\uFEFF", "\u00A0\u00A0", " \u3000\t", "\u00AD"];

  it("a resource's required name; an optional text becomes empty; visible text keeps its inner characters, trimmed of invisible ends", async () => {
    for (const name of invisible) {
      const p = rows.program;
      const r = await economy.patch(`/api/programs/${p.id}`, { version: p.version, name });
      expect400(r, "name");
      expect(r.body.error.issues[0].message).toMatch(/обязательно/);
    }
    const p = rows.program;
    const r = await economy.patch(`/api/programs/${p.id}`, {
      version: p.version,
      otherSources: "\u200B\u00A0",
      name: "\uFEFF Развитие\u200Bкультуры\u00A0",
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.otherSources).toBeNull();
    expect(r.body.name).toBe("Развитие\u200Bкультуры");
    rows.program = r.body;
  });

  it("a decree's number, the municipality's name, a user's full name", async () => {
    expect400(
      await economy.post(`/api/programs/${rows.mp2.id}/versions/in-force`, { decreeNumber: "\u200B", decreeDate: "2025-01-10" }),
      "decreeNumber",
    );
    const m = (await admin.get("/api/municipality")).body;
    expect400(await admin.patch("/api/municipality", { version: m.version, name: "\u200D" }), "name");
    expect400(
      await admin.post("/api/users", { login: "someone", fullName: "\u00A0\u200B", password: "long-enough-1", role: "viewer" }),
      "body.fullName",
    );
  });

  it("an e-mail address with a zero-width space or a space in it is not an address", async () => {
    const me = (await admin.get("/api/auth/me")).body.user.id;
    for (const email of ["\u200B@\u200B.ru", "a\u200B@b.ru", "a b@c.ru", "a@b\u2060.ru"]) {
      expect400(await admin.request("PUT", `/api/monitoring/users/${me}/email`, { email }), "email");
    }
    expect((await admin.request("PUT", `/api/monitoring/users/${me}/email`, { email: "admin@example.org" })).status).toBe(200);
  });

  it("a password longer than sign-in takes (500) is refused when it is set, not stored to lock the account out", async () => {
    expect400(
      await admin.post("/api/users", { login: "long-pass", fullName: "Имя", password: "x".repeat(501), role: "viewer" }),
      "body.password",
    );
  });
});

describe("409 is for a real conflict only", () => {
  it("a stale version of a good change is 409; the same stale version with a bad value is the 400 of the value", async () => {
    const f = rows.funding;
    expect((await admin.patch(`/api/funding/${f.id}`, { version: f.version + 100, amount: "1.00" })).status).toBe(409);
    expect400(await admin.patch(`/api/funding/${f.id}`, { version: f.version + 100, amount: "-1" }), "amount");
  });

  it("a duplicate the user can fix (a unique code) is 409 with what matches", async () => {
    const s = rows.budgetSource;
    const r = await admin.post("/api/budget-sources", { code: s.code, name: "Дубликат" });
    expect(r.status).toBe(409);
    expect(r.body.error.message).toContain(s.code);
  });

  it("PostgreSQL's data errors and CHECK violations are 400 naming the column; a unique violation stays a conflict", () => {
    const data = (code: string, extra: Record<string, unknown> = {}) =>
      translatePgError(Object.assign(new Error("pg"), { code, ...extra }));
    for (const code of ["22021", "22003", "22007", "22008", "22P02", "22001", "22P05"]) {
      const e = data(code, { column: "planned_date" });
      expect(e, code).toBeInstanceOf(ValidationError);
      expect((e as ValidationError).issues[0]!.path).toBe("plannedDate");
    }
    const check = data("23514", { table: "funding", constraint: "funding_amount_check" });
    expect(check).toBeInstanceOf(ValidationError);
    expect((check as ValidationError).issues[0]!.path).toBe("amount");
    const notNull = data("23502", { column: "decree_number" });
    expect((notNull as ValidationError).issues[0]!.path).toBe("decreeNumber");
    expect(data("23505", { detail: "Key (municipality_id, code)=(x, local) already exists." })).toBeInstanceOf(ConflictError);
  });
});
