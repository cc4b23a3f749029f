/**
 * The staff pages of issue 14, parts 3 and 7 in a real Chromium: the council page (a council, a
 * member added and removed through the confirm dialog, a meeting with its agenda and decision,
 * published on the portal), and the moderators' queue (a comment published, an abuse report
 * decided by hiding, through the confirm dialog).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { startBrowserApp, type BrowserApp } from "../src/browser.ts";
import type { Client } from "../src/api.ts";

let b: BrowserApp;
beforeAll(async () => {
  b = await startBrowserApp();
}, 120_000);
afterAll(async () => {
  await b?.close();
});

async function open(page: Page, path: string) {
  await page.goto(`${b.url}${path}`);
  await page.getByTestId("current-user").waitFor();
}

const SLUG = "browser-c";
const day = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

async function resident(email: string): Promise<Client> {
  const c = b.app.client();
  c.ip = `10.11.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
  await c.post(`/api/p/${SLUG}/auth/code`, { email });
  const mail = await b.app.ctx.db.query<{ body: string }>(
    `SELECT body FROM email_outbox WHERE to_address = $1 ORDER BY created_at DESC LIMIT 1`,
    [email],
  );
  const code = /(\d{6})/.exec(mail.rows[0]!.body)![1];
  c.csrf = (await c.post(`/api/p/${SLUG}/auth/sign-in`, { email, code, consent: true })).body.csrfToken;
  await c.request("PUT", `/api/p/${SLUG}/me`, { fullName: "Жилина Вера Павловна" });
  return c;
}

describe("the council page", () => {
  it("economy creates the council, adds and removes a member, records a meeting with its decision and publishes it", async () => {
    const admin = await b.app.as("admin");
    expect((await admin.request("PUT", "/api/portal/settings", { slug: SLUG, moderation: "pre", minDiscussionDays: 5 })).status).toBe(200);
    const page = await b.signedIn("economy");
    await open(page, "/portal/council");
    await page.getByLabel("Наименование совета").fill("Совет по стратегическому планированию");
    await page.getByRole("button", { name: "Создать совет" }).click();
    const form = page.getByTestId("member-form");
    await form.waitFor();
    await form.getByLabel("ФИО").fill("Громова Елена Ивановна");
    await form.getByLabel("Организация").fill("Общественная палата");
    await form.getByRole("button", { name: "Добавить" }).click();
    await expect.poll(() => page.locator("table").textContent()).toContain("Громова Елена Ивановна");
    // removal asks first; cancel keeps the member
    const remove = page.locator("#main").getByRole("button", { name: "Исключить" });
    await remove.click();
    await page.getByTestId("confirm-cancel").click();
    await expect.poll(() => page.getByTestId("confirm-yes").count()).toBe(0);
    expect(await page.locator("table").textContent()).toContain("Громова Елена Ивановна");
    await remove.click();
    await page.getByTestId("confirm-yes").click();
    await expect.poll(() => page.locator("table").textContent()).not.toContain("Громова Елена Ивановна");

    const mf = page.getByTestId("meeting-form");
    await mf.getByLabel("Номер").fill("5");
    await mf.getByLabel("Дата").fill("2024-02-14");
    await mf.getByLabel("Место").fill("Малый зал");
    await mf.getByRole("button", { name: "Добавить заседание" }).click();
    const card = page.locator('[data-testid^="meeting-"]').first();
    await card.waitFor();
    await card.getByRole("button", { name: "Добавить вопрос" }).click();
    await card.getByLabel("Вопрос").fill("О ходе реализации программ");
    await card.getByLabel("Решение").fill("Информацию принять к сведению");
    await card.getByRole("button", { name: "Сохранить повестку" }).click();
    await expect
      .poll(async () => (await admin.get("/api/council")).body.meetings[0]?.items[0]?.decision)
      .toBe("Информацию принять к сведению");
    const card2 = page.locator('[data-testid^="meeting-"]').first();
    await card2.getByLabel("Опубликовано на портале").check();
    await card2.getByRole("button", { name: "Сохранить", exact: true }).click();
    await page.getByTestId("confirm-yes").click();
    await expect.poll(async () => (await admin.get("/api/council")).body.meetings[0]?.published).toBe(true);
    const portal = await b.app.client().get(`/p/${SLUG}/council`);
    expect(portal.body).toContain("Информацию принять к сведению");
  });

  it("a viewer reads the council without forms", async () => {
    const page = await b.signedIn("viewer");
    await open(page, "/portal/council");
    await expect.poll(() => page.locator("h1").textContent()).toBe("Совет по стратегическому планированию");
    expect(await page.getByTestId("member-form").count()).toBe(0);
    expect(await page.getByRole("button", { name: "Сохранить повестку" }).count()).toBe(0);
  });
});

describe("the moderators' queue", () => {
  it("publishes a comment and hides a reported proposal after confirming", async () => {
    const economy = await b.app.as("economy");
    const programId = (await economy.get("/api/programs")).body.items[0].id;
    const pub = (
      await economy.post("/api/portal/publications", {
        kind: "discussion",
        subjectKind: "program",
        subjectId: programId,
        startsOn: day(0),
        endsOn: day(20),
      })
    ).body.id;
    const r = await resident("vera@example.org");
    const p = (
      await r.post(`/api/p/${SLUG}/publications/${pub}/proposals`, { kind: "proposal", anchor: "document", text: "Спорное предложение" })
    ).body;
    await economy.post(`/api/portal/proposals/${p.id}/moderation`, { version: p.version, moderation: "published" });
    const c = (await r.post(`/api/p/${SLUG}/proposals/${p.id}/comments`, { text: "Мой комментарий" })).body;
    await r.post(`/api/p/${SLUG}/reports`, { targetType: "proposal", targetId: p.id, reason: "Оскорбительно" });

    const page = await b.signedIn("economy");
    await open(page, "/portal/queue");
    const comment = page.getByTestId(`comment-${c.id}`);
    await comment.getByRole("button", { name: "Опубликовать" }).click();
    await expect.poll(() => page.getByTestId(`comment-${c.id}`).count()).toBe(0);
    const report = page.locator('[data-testid^="report-"]', { hasText: "Спорное предложение" });
    await report.getByLabel("Причина").fill("Нарушает правила");
    await report.getByRole("button", { name: "Скрыть" }).click();
    await page.getByTestId("confirm-yes").click();
    await expect.poll(() => page.locator("section", { hasText: "Рассмотренные жалобы" }).textContent()).toContain("Нарушает правила");
    const html = (await b.app.client().get(`/p/${SLUG}/publications/${pub}`)).body as string;
    expect(html).not.toContain("Спорное предложение");
    expect(html).toContain("Нарушает правила");
  });
});
