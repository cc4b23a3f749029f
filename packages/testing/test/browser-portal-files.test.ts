/**
 * Issue 14, part 3, in a real Chromium: a signed-in resident attaches files to a proposal through
 * the portal's form (multipart, no script), sees a refused file named in the form shown again with
 * the text kept, then sends the proposal with a PDF and sees it listed; once moderated, anyone
 * downloads it from the proposal on the publication's page. axe-core finds no serious or critical
 * violation on the form with its error.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { axeProblems } from "../src/axe.ts";
import { startBrowserApp, type BrowserApp } from "../src/browser.ts";
import type { Client } from "../src/api.ts";

const SLUG = "gorod-a";
const EMAIL = "faily@example.org";
const day = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
const PDF = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
const GIF = Buffer.from("GIF89a\x01\x00\x01\x00\x00\x00\x00;", "latin1");

let b: BrowserApp;
let economy: Client;
let draftId: string;

async function lastCode(email: string): Promise<string> {
  const r = await b.app.ctx.db.query<{ body: string }>(
    `SELECT body FROM email_outbox WHERE to_address = $1 ORDER BY created_at DESC LIMIT 1`,
    [email],
  );
  return /(\d{6})/.exec(r.rows[0]!.body)![1]!;
}

async function signInResident(page: Page, email: string): Promise<void> {
  await page.goto(`${b.url}/p/${SLUG}/sign-in`);
  await page.getByLabel("Адрес электронной почты").fill(email);
  await page.getByRole("button", { name: "Получить код" }).click();
  await page.getByLabel("Код из письма").fill(await lastCode(email));
  await page.getByLabel(/Согласен на обработку персональных данных/).check();
  await page.getByRole("button", { name: "Войти" }).click();
  await page.getByRole("button", { name: "Выйти" }).waitFor();
}

beforeAll(async () => {
  b = await startBrowserApp();
  const admin = await b.app.as("admin");
  economy = await b.app.as("economy");
  expect((await admin.request("PUT", "/api/portal/settings", { slug: SLUG, moderation: "pre", minDiscussionDays: 5 })).status).toBe(200);
  const programs = (await economy.get("/api/programs")).body.items;
  const draft = await economy.post("/api/portal/publications", {
    kind: "discussion",
    subjectKind: "program",
    subjectId: programs[0].id,
    startsOn: day(0),
    endsOn: day(10),
  });
  expect(draft.status).toBe(201);
  draftId = draft.body.id;
}, 180_000);

afterAll(async () => {
  await b?.close();
});

describe("files on a proposal through the portal's form", () => {
  it("a refused file is named in the form shown again; a PDF is attached, listed and, once moderated, downloadable by anyone", async () => {
    const page = await b.newPage();
    // no script at all: the form works as plain HTML
    await page.context().route("**/*.js", (route) => route.abort());
    await signInResident(page, EMAIL);
    await page.goto(`${b.url}/p/${SLUG}/profile`);
    await page.getByLabel("Фамилия, имя, отчество").fill("Файлова Фаина Федоровна");
    await page.getByRole("button", { name: "Сохранить" }).click();
    await page.waitForURL(/profile\?saved=1$/);
    await page.goto(`${b.url}/p/${SLUG}/publications/${draftId}`);

    const text = `Схема дворовой площадки приложена (${Date.now()})`;
    const form = page.locator("form#proposal-form");
    await form.getByLabel("Текст").fill(text);
    await form.getByLabel("Файлы (необязательно)").setInputFiles([
      { name: "схема.pdf", mimeType: "application/pdf", buffer: PDF },
      { name: "фото.pdf", mimeType: "application/pdf", buffer: GIF },
    ]);
    await form.getByRole("button", { name: "Отправить" }).click();
    const alert = page.getByRole("alert");
    await alert.waitFor();
    expect(await alert.textContent()).toContain("Файл «фото.pdf»: недопустимый тип файла");
    expect(await alert.textContent()).not.toContain("схема.pdf");
    expect(await page.locator("form#proposal-form").getByLabel("Текст").inputValue()).toBe(text);
    expect(await axeProblems(page)).toEqual([]);
    // nothing was written: no proposal with this text
    const count = await b.app.ctx.db.query(`SELECT count(*)::int AS n FROM proposal WHERE text = $1`, [text]);
    expect(count.rows[0]!.n).toBe(0);

    // again with the PDF alone: accepted, the resident sees it with its file while it awaits moderation
    await page
      .locator("form#proposal-form")
      .getByLabel("Файлы (необязательно)")
      .setInputFiles([{ name: "схема.pdf", mimeType: "application/pdf", buffer: PDF }]);
    await page.locator("form#proposal-form").getByRole("button", { name: "Отправить" }).click();
    await expect.poll(() => page.url()).toContain("#proposal-");
    const card = page.locator(".card", { hasText: text });
    expect(await card.textContent()).toContain("на модерации (видно только вам)");
    const link = card.getByRole("link", { name: "схема.pdf" });
    await link.waitFor();
    const href = (await link.getAttribute("href"))!;
    expect(href).toMatch(new RegExp(`^/p/${SLUG}/proposals/[0-9a-f-]{36}/files/[0-9a-f-]{36}$`));
    await page.context().close();

    // moderated by staff: now listed for everyone, and the download is the file sent
    const mine = (await economy.get(`/api/portal/proposals?publicationId=${draftId}`)).body.items.find((p: any) => p.text === text);
    expect(
      (await economy.post(`/api/portal/proposals/${mine.id}/moderation`, { version: mine.version, moderation: "published" })).status,
    ).toBe(200);
    const anon = await b.newPage();
    await anon.goto(`${b.url}/p/${SLUG}/publications/${draftId}`);
    const files = anon.locator(".card", { hasText: text }).getByRole("list", { name: "Файлы предложения" });
    expect(await files.getByRole("link").allTextContents()).toEqual(["схема.pdf"]);
    const [download] = await Promise.all([anon.waitForEvent("download"), files.getByRole("link", { name: "схема.pdf" }).click()]);
    expect(download.suggestedFilename()).toBe("схема.pdf");
    const path = await download.path();
    const { readFile } = await import("node:fs/promises");
    expect((await readFile(path)).equals(PDF)).toBe(true);
    await anon.context().close();
  });
});
