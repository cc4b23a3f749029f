/**
 * The portal's appeal form as JSON (issue 15, part 3) × who calls: a visitor without an account, a
 * signed-in resident (with and without the CSRF token), a staff member (their session is not a
 * resident's: an appeal without an account). The same checks as the HTML form — a 400 naming the
 * field, nothing registered — the consent, the rate limit per address (429); following by the code
 * gives no personal data and only on the appeal's own portal.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PORTAL_APPEAL_LIMITS } from "@orientir/app";
import { routeGroups } from "@orientir/server";
import { createTestApp, type Client, type TestApp } from "@orientir/testing";
import { signInResident } from "./portal-resident.ts";

let app: TestApp;
let office: Client;
const covered = new Set<string>();

const form = {
  authorName: "Соколова Мария Петровна",
  authorAddress: "г. А, ул. Лесная, д. 3",
  authorEmail: "sokolova@example.org",
  text: "Прошу установить скамейки в сквере на ул. Лесной",
  topicCode: "0003.0009.0097.0692",
  district: "Октябрьский округ",
  consent: true,
};

let ipSeq = 0;
const visitor = () => {
  const c = app.client();
  c.ip = `10.30.0.${++ipSeq}`;
  return c;
};
const appealsNow = async () => (await app.ctx.db.query(`SELECT 1 FROM appeal`)).rowCount ?? 0;

beforeAll(async () => {
  app = await createTestApp();
  const admin = await app.as("admin");
  const adminB = await app.as("adminb");
  expect((await admin.request("PUT", "/api/portal/settings", { slug: "gorod-a", moderation: "pre", minDiscussionDays: 30 })).status).toBe(
    200,
  );
  expect((await adminB.request("PUT", "/api/portal/settings", { slug: "gorod-b", moderation: "post", minDiscussionDays: 10 })).status).toBe(
    200,
  );
  office = await app.as("office");
});

afterAll(async () => {
  await app?.close();
});

describe("POST /api/p/:municipality/appeals", () => {
  it("registers an appeal without an account, with its number and tracking code; followed by the code without personal data", async () => {
    covered.add("POST /api/p/:municipality/appeals").add("GET /api/p/:municipality/appeals/track/:code");
    const r = await visitor().post("/api/p/gorod-a/appeals", form);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({ anonymous: false });
    expect(r.body.number).toMatch(/^ОГ-\d{4}\/\d{4}$/);
    expect(r.body.trackingCode).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$/);
    // as the office sees it: the channel "portal", the consent recorded
    const a = (await office.get("/api/appeals")).body.items.find((x: any) => x.number === r.body.number);
    expect(a).toMatchObject({ channel: "portal", state: "registered", due: r.body.due });
    const row = await app.ctx.db.query<{ consent_sha256: string | null; resident_id: string | null }>(
      `SELECT consent_sha256, resident_id FROM appeal WHERE id = $1`,
      [a.id],
    );
    expect(row.rows[0]!.resident_id).toBeNull();
    expect(row.rows[0]!.consent_sha256).toMatch(/^[0-9a-f]{64}$/);

    const t = await app.client().get(`/api/p/gorod-a/appeals/track/${r.body.trackingCode}`);
    expect(t.status).toBe(200);
    expect(String(t.headers["cache-control"])).toContain("no-store");
    expect(t.body).toMatchObject({ number: r.body.number, state: "registered", due: r.body.due, extended: false });
    expect(t.body.steps.map((s: any) => s.kind)).toEqual(["registered"]);
    const json = JSON.stringify(t.body);
    for (const personal of ["Соколова", "Лесная", "sokolova@", "скамейки"]) expect(json).not.toContain(personal);
    // another portal does not know it; an unknown code is a 404, a malformed one a 400 naming it
    expect((await app.client().get(`/api/p/gorod-b/appeals/track/${r.body.trackingCode}`)).status).toBe(404);
    expect((await app.client().get(`/api/p/gorod-a/appeals/track/AAAA-AAAA-AAAA`)).status).toBe(404);
    const bad = await app.client().get(`/api/p/gorod-a/appeals/track/12`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues[0].path).toBe("params.code");
    // an unknown portal
    expect((await visitor().post("/api/p/no-such-portal/appeals", form)).status).toBe(404);
    expect((await app.client().get(`/api/p/no-such-portal/appeals/track/${r.body.trackingCode}`)).status).toBe(404);
  });

  it("a signed-in resident sends with their CSRF token (their profile fills the name); without the token, 403", async () => {
    const resident = await signInResident(app, "gorod-a", "petrov@example.org", "Петров Петр Петрович");
    resident.ip = "10.31.0.1";
    const token = resident.csrf;
    resident.csrf = "";
    const before = await appealsNow();
    const refused = await resident.post("/api/p/gorod-a/appeals", {
      text: "Уберите снег во дворе",
      topicCode: form.topicCode,
      consent: true,
    });
    expect(refused.status).toBe(403);
    expect(await appealsNow()).toBe(before);
    resident.csrf = token;
    const r = await resident.post("/api/p/gorod-a/appeals", { text: "Уберите снег во дворе", topicCode: form.topicCode, consent: true });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const row = await app.ctx.db.query<{ resident_id: string | null; author_name: string | null; author_email: string | null }>(
      `SELECT resident_id, author_name, author_email FROM appeal WHERE number = $1`,
      [r.body.number],
    );
    expect(row.rows[0]).toMatchObject({ author_name: "Петров Петр Петрович", author_email: "petrov@example.org" });
    expect(row.rows[0]!.resident_id).not.toBeNull();
  });

  it("a staff member's session is no resident's: their appeal is one without an account", async () => {
    const c = await app.as("viewer");
    c.ip = "10.32.0.1";
    const r = await c.post("/api/p/gorod-a/appeals", { text: "Яма у школы № 5", topicCode: form.topicCode, consent: false });
    expect(r.status).toBe(201);
    expect(r.body.anonymous).toBe(true);
  });

  it("refuses bad input naming the field, registering nothing", async () => {
    const c = visitor();
    const before = await appealsNow();
    const cases: [Record<string, unknown>, string][] = [
      [{ ...form, consent: false }, "body.consent"],
      [{ ...form, topicCode: "9999" }, "body.topicCode"],
      [{ ...form, authorEmail: "not-an-email" }, "body.authorEmail"],
      [{ ...form, text: "   " }, "body.text"],
      [{ ...form, text: undefined }, "body.text"],
      [{ ...form, consent: "yes" }, "body.consent"],
      [{ ...form, text: "x".repeat(20001) }, "body.text"],
    ];
    for (const [body, path] of cases) {
      const r = await c.post("/api/p/gorod-a/appeals", body);
      expect(r.status, `${path}: ${JSON.stringify(r.body)}`).toBe(400);
      expect(r.body.error.issues.map((i: any) => i.path)).toContain(path);
    }
    const extra = await c.post("/api/p/gorod-a/appeals", { ...form, channel: "letter" });
    expect(extra.status).toBe(400);
    expect(await appealsNow()).toBe(before);
  });

  it("limits sending per network address, as the form does (429)", async () => {
    const c = visitor();
    for (let i = 0; i < PORTAL_APPEAL_LIMITS.perIpHour; i++) {
      const r = await c.post("/api/p/gorod-a/appeals", { text: `Обращение № ${i}`, topicCode: form.topicCode, consent: false });
      expect(r.status).toBe(201);
    }
    const over = await c.post("/api/p/gorod-a/appeals", { text: "Ещё одно", topicCode: form.topicCode, consent: false });
    expect(over.status).toBe(429);
    expect(over.headers["retry-after"]).toBeTruthy();
  });

  it("covers every route of the group", () => {
    const all = routeGroups()["portal-appeals"]!.map((r) => `${r.method} ${r.path}`);
    expect(all.filter((r) => !covered.has(r))).toEqual([]);
  });
});
