/**
 * The portal's appeal form without an account (issue 15, part 3): name, postal address or e-mail,
 * text, topic, district and the consent; the tracking code on the answer page; the tracking page
 * with no personal data; an appeal without a name or an address registered as anonymous (not
 * answered); refusals naming the field with what was typed kept; another portal does not find the
 * code; sending and following are rate-limited per address; the HTML forms need no script.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PORTAL_APPEAL_LIMITS } from "@orientir/app";
import { createTestApp, type Client, type TestApp } from "@orientir/testing";

let app: TestApp;
let office: Client;

const formPost = (c: Client, url: string, fields: Record<string, string>) =>
  c.request("POST", url, new URLSearchParams(fields).toString(), { "content-type": "application/x-www-form-urlencoded" });
const textOf = (html: unknown) =>
  String(html)
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ");
const codeOf = (html: unknown) => /data-testid="tracking-code">([2-9A-Z-]+)</.exec(String(html))?.[1] ?? "";

const fields = {
  authorName: "Соколова Мария Петровна",
  authorAddress: "г. А, ул. Лесная, д. 3",
  authorEmail: "sokolova@example.org",
  text: "Прошу установить скамейки в сквере на ул. Лесной",
  topicCode: "0003.0009.0097.0692",
  district: "Октябрьский округ",
  consent: "yes",
};

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

describe("the portal's appeal form without an account", () => {
  it("registers the appeal with its code; the tracking page shows its state and no personal data", async () => {
    const c = app.client();
    c.ip = "10.20.0.1";
    const page = await c.get("/p/gorod-a/appeals");
    expect(page.status).toBe(200);
    const html = String(page.body);
    for (const name of ["authorName", "authorAddress", "authorEmail", "text", "topicCode", "district", "consent"])
      expect(html).toContain(`name="${name}"`);
    expect(html).toContain("Уборка снега, вывоз мусора");
    expect(html).not.toContain("<script");

    const r = await formPost(c, "/p/gorod-a/appeals", fields);
    expect(r.status).toBe(201);
    const code = codeOf(r.body);
    expect(code).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$/);
    // registered as the office sees it: the channel "portal", the author kept (for the assigned and the office only)
    const list = (await office.get("/api/appeals?year=" + new Date().getFullYear())).body.items;
    const a = list.find((x: any) => x.text === fields.text);
    expect(a).toMatchObject({ channel: "portal", anonymous: false, state: "registered", author: null });
    expect((await office.get(`/api/appeals/${a.id}`)).body.author).toEqual({
      name: fields.authorName,
      address: fields.authorAddress,
      email: fields.authorEmail,
    });
    // the consent is recorded with the appeal (its text's hash and the time); the audit log keeps no personal data
    const row = await app.ctx.db.query<{ consent_sha256: string | null; resident_id: string | null }>(
      `SELECT consent_sha256, resident_id FROM appeal WHERE id = $1`,
      [a.id],
    );
    expect(row.rows[0]).toMatchObject({ resident_id: null });
    expect(row.rows[0]!.consent_sha256).toMatch(/^[0-9a-f]{64}$/);
    const audit = await app.ctx.db.query<{ after: unknown }>(`SELECT after FROM audit_log WHERE action = 'appeal.portalCreate'`);
    expect(audit.rows).toHaveLength(1);
    expect(JSON.stringify(audit.rows[0]!.after)).not.toContain("Соколова");

    // following by the code (in lower case too), without signing in
    const t = await app.client().get(`/p/gorod-a/appeals/track?code=${code.toLowerCase()}`);
    expect(t.status).toBe(200);
    expect(String(t.headers["cache-control"])).toContain("no-store");
    const seen = textOf(t.body);
    expect(seen).toContain("зарегистрировано, ожидает назначения исполнителя");
    expect(seen).toContain("Обращение зарегистрировано");
    for (const personal of ["Соколова", "Лесная, д. 3", "sokolova@", "скамейки"]) expect(seen).not.toContain(personal);
    // another municipality's portal does not know the code; a malformed or unknown code says so
    expect((await app.client().get(`/p/gorod-b/appeals/track?code=${code}`)).status).toBe(404);
    const bad = await app.client().get("/p/gorod-a/appeals/track?code=12");
    expect(bad.status).toBe(400);
    expect(textOf(bad.body)).toContain("XXXX-XXXX-XXXX");
    expect((await app.client().get("/p/gorod-a/appeals/track?code=AAAA-AAAA-AAAA")).status).toBe(404);

    // redirected to another body within 7 days: the page says to whom, and that the author was told
    const redirected = await office.post(`/api/appeals/${a.id}/steps`, {
      action: "redirect",
      version: a.version,
      redirectedTo: "Министерство природных ресурсов области",
    });
    expect(redirected.status).toBe(200);
    const after = textOf((await app.client().get(`/p/gorod-a/appeals/track?code=${code}`)).body);
    expect(after).toContain("перенаправлено по компетенции");
    expect(after).toContain("Перенаправлено: Министерство природных ресурсов области");
    expect(after).toMatch(/Обращение перенаправлено по компетенции \(автор уведомлен\)/);
  });

  it("registers an appeal without a name or an address as anonymous, saying it is not answered", async () => {
    const c = app.client();
    c.ip = "10.20.0.2";
    const r = await formPost(c, "/p/gorod-a/appeals", { text: "Яма на дороге у школы № 5", topicCode: "0003.0009.0097.0692" });
    expect(r.status).toBe(201);
    expect(textOf(r.body)).toContain("ответ на него не дается");
    const t = await app.client().get(`/p/gorod-a/appeals/track?code=${codeOf(r.body)}`);
    expect(textOf(t.body)).toContain("зарегистрировано без ответа");
    const a = (await office.get("/api/appeals")).body.items.find((x: any) => x.text === "Яма на дороге у школы № 5");
    expect(a).toMatchObject({ anonymous: true, state: "notAnswered", actions: [] });
  });

  it("refuses what is missing naming the field, keeping what was typed; nothing is registered", async () => {
    const c = app.client();
    c.ip = "10.20.0.3";
    const before = (await office.get("/api/appeals")).body.items.length;
    const noConsent = await formPost(c, "/p/gorod-a/appeals", { ...fields, consent: "" });
    expect(noConsent.status).toBe(400);
    expect(textOf(noConsent.body)).toContain("Согласие: Нужно согласие на обработку персональных данных");
    expect(String(noConsent.body)).toContain('value="Соколова Мария Петровна"');
    const noTopic = await formPost(c, "/p/gorod-a/appeals", { ...fields, topicCode: "9999" });
    expect(noTopic.status).toBe(400);
    expect(textOf(noTopic.body)).toContain("Тема обращения: Нет такой темы в классификаторе обращений");
    const badEmail = await formPost(c, "/p/gorod-a/appeals", { ...fields, authorEmail: "not-an-email" });
    expect(badEmail.status).toBe(400);
    expect(textOf(badEmail.body)).toContain("Адрес электронной почты");
    const noText = await formPost(c, "/p/gorod-a/appeals", { ...fields, text: "   " });
    expect(noText.status).toBe(400);
    expect(textOf(noText.body)).toContain("Текст обращения");
    expect((await office.get("/api/appeals")).body.items.length).toBe(before);
    // a form from another site is refused
    const foreign = await c.request("POST", "/p/gorod-a/appeals", new URLSearchParams(fields).toString(), {
      "content-type": "application/x-www-form-urlencoded",
      origin: "https://evil.example",
    });
    expect(foreign.status).toBe(403);
  });

  it("limits sending and following per network address", async () => {
    const c = app.client();
    c.ip = "10.20.0.9";
    const statuses: number[] = [];
    for (let i = 0; i <= PORTAL_APPEAL_LIMITS.perIpHour; i++)
      statuses.push((await formPost(c, "/p/gorod-a/appeals", { text: `Обращение ${i}`, topicCode: "0003.0009.0097.0692" })).status);
    expect(statuses.slice(0, PORTAL_APPEAL_LIMITS.perIpHour).every((s) => s === 201)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    // another address is not limited by this one
    const other = app.client();
    other.ip = "10.20.0.10";
    expect((await formPost(other, "/p/gorod-a/appeals", { text: "Еще одно", topicCode: "0003.0009.0097.0692" })).status).toBe(201);

    const guesser = app.client();
    guesser.ip = "10.20.0.11";
    let last = 0;
    for (let i = 0; i <= PORTAL_APPEAL_LIMITS.trackPerIpHour; i++)
      last = (await guesser.get(`/p/gorod-a/appeals/track?code=AAAA-AAAA-${String(i % 10).replace(/[01]/, "2")}AAA`)).status;
    expect(last).toBe(429);
  });
});
