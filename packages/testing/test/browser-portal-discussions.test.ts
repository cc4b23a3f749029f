/**
 * The staff page of discussions, protocols and public hearings (issue 14, part 4) in a real
 * Chromium: the economy department opens /portal/discussions, sees a finished discussion (as the
 * demo's: its term ended yesterday, residents' proposals answered while it was open) without a
 * protocol, generates it through the confirm dialog, downloads its DOCX and PDF (a zip and a PDF),
 * sees the counts by decision, and the portal's public page shows the protocol; records a hearing
 * held three days ago (participants, protocol number and date), which the portal's hearings page
 * shows. At 390 px the page has no horizontal overflow and axe-core finds no serious or critical
 * violation.
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { answer, localDate, makeProposal, moderate, portalOf, type AppContext, type Caller } from "@orientir/app";
import { ensureResident, findUserByLogin, insertConsent, membershipsOfUser, updateResidentProfile } from "@orientir/db";
import { axeProblems } from "../src/axe.ts";
import { startBrowserApp, type BrowserApp } from "../src/browser.ts";

const SLUG = "browser-d";
const DAY = 86_400_000;
const day = (n: number) => new Date(Date.now() + n * DAY).toISOString().slice(0, 10);
const ru = (iso: string) => iso.split("-").reverse().join(".");
/** Today in the municipality (Europe/Moscow): the protocol's date, also between 21:00 and 24:00 UTC. */
const todayThere = () => localDate(new Date(), "Europe/Moscow");

let b: BrowserApp;
let finishedId: string;
let finishedTitle: string;

async function callerOf(ctx: AppContext, login: string): Promise<Caller> {
  const user = (await findUserByLogin(ctx.db, login))!;
  const m = (await membershipsOfUser(ctx.db, user.id))[0]!;
  return {
    actor: { userId: user.id, login: user.login, municipalityId: m.municipalityId, role: m.role, departmentId: m.departmentId },
    requestId: null,
  };
}

beforeAll(async () => {
  b = await startBrowserApp();
  const admin = await b.app.as("admin");
  const economy = await b.app.as("economy");
  expect((await admin.request("PUT", "/api/portal/settings", { slug: SLUG, moderation: "pre", minDiscussionDays: 5 })).status).toBe(200);
  const programs = (await economy.get("/api/programs")).body.items;
  const finished = await economy.post("/api/portal/publications", {
    kind: "discussion",
    subjectKind: "program",
    subjectId: programs[0].id,
    startsOn: day(-20),
    endsOn: day(-1),
  });
  expect(finished.status).toBe(201);
  finishedId = finished.body.id;
  finishedTitle = finished.body.title;
  // while it was open (ten days ago), two residents' proposals were made, published and answered
  const ctx = b.app.ctx;
  const then: AppContext = { ...ctx, now: () => new Date(Date.now() - 10 * DAY) };
  const portal = await portalOf(ctx, SLUG);
  const staff = await callerOf(ctx, "economy");
  const people = [
    ["sokolova@example.org", "Соколова Анна Викторовна", "accepted", "Учтено: публичный отчет включен в программу."],
    ["egorov@example.org", "Егоров Павел Андреевич", "outOfScope", "Вне предмета программы: полномочие региона."],
  ] as const;
  for (const [email, fullName, decision, reason] of people) {
    const r = await ctx.db.tx(async (q) => {
      const made = await ensureResident(q, email, new Date().toISOString());
      await insertConsent(q, { residentId: made.id, text: "Согласие", sha256: "0".repeat(64), at: new Date().toISOString() });
      return (await updateResidentProfile(q, made.id, { fullName, address: null, birthYear: 1980 }))!;
    });
    const p = await makeProposal(then, portal, { resident: r, csrfToken: "", sessionId: "" }, finishedId, {
      kind: "proposal",
      anchor: "document",
      text: `Предложение жителя ${fullName}`,
    });
    const m = await moderate(then, staff, p.id, { version: p.version, moderation: "published", reason: null });
    await answer(then, staff, p.id, { version: m.version, decision, answer: reason });
  }
}, 120_000);

afterAll(async () => {
  await b?.close();
});

async function open(page: Page, path: string) {
  await page.goto(`${b.url}${path}`);
  await page.getByTestId("current-user").waitFor();
}

async function download(page: Page, name: string): Promise<Buffer> {
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name }).click()]);
  return readFileSync(await file.path());
}

describe("the staff page of discussions, protocols and hearings", () => {
  it("economy generates the finished discussion's protocol, downloads DOCX and PDF, and the portal shows it", async () => {
    const page = await b.signedIn("economy");
    await open(page, "/portal/discussions");
    const table = page.getByTestId("discussions");
    await expect.poll(() => table.textContent()).toContain(finishedTitle);
    const row = table.locator("tr", { hasText: finishedTitle });
    expect(await row.textContent()).toContain(`${ru(day(-20))} — ${ru(day(-1))}`);
    expect(await row.textContent()).toContain("срок истек");
    expect(await row.textContent()).toContain("всего 2, на модерации 0, без ответа 0");
    expect(await row.textContent()).toContain("не составлен");

    const form = page.getByTestId(`generate-${finishedId}`);
    await form.getByLabel("Номер протокола").fill("3-ОО");
    await form.getByRole("button", { name: "Составить и опубликовать протокол" }).click();
    // the confirm dialog: cancel first changes nothing, then confirm
    await page.getByTestId("confirm-cancel").click();
    await expect.poll(() => page.getByTestId("confirm-yes").count()).toBe(0);
    expect(await row.textContent()).toContain("не составлен");
    await form.getByRole("button", { name: "Составить и опубликовать протокол" }).click();
    await page.getByTestId("confirm-yes").click();

    const card = page.getByTestId(`protocol-${finishedId}`);
    await card.waitFor();
    await expect.poll(() => row.textContent()).toContain(`№ 3-ОО от ${ru(todayThere())}`);
    const counts = Object.fromEntries(
      await card
        .locator("tbody tr")
        .evaluateAll((rows) => rows.map((r) => [r.querySelector("th")!.textContent, r.querySelector("td")!.textContent])),
    );
    expect(counts).toEqual({ Учтено: "1", "Учтено частично": "0", Отклонено: "0", "Вне предмета документа": "1", Всего: "2" });

    const docx = await download(page, "Скачать DOCX");
    expect(docx.subarray(0, 4).toString("binary")).toBe("PK\x03\x04");
    expect(docx.toString("binary")).toContain("word/document.xml");
    const pdf = await download(page, "Скачать PDF");
    expect(pdf.subarray(0, 5).toString("binary")).toBe("%PDF-");
    expect(pdf.subarray(-1024).toString("binary")).toContain("%%EOF");

    // the portal's public page of the publication, without an account
    const anon = await b.newPage();
    await anon.goto(`${b.url}/p/${SLUG}/publications/${finishedId}`);
    const text = (await anon.locator("main").textContent()) ?? "";
    expect(text).toContain(`Протокол общественного обсуждения № 3-ОО от ${ru(todayThere())}`);
    expect(text).toContain("Соколова А. В.");
    await anon.close();
    await page.close();
  });

  it("economy records a held hearing; the table and the portal's hearings page show its protocol", async () => {
    const page = await b.signedIn("economy");
    await open(page, "/portal/discussions");
    const form = page.getByTestId("held-hearing-form");
    await form.waitFor();
    await form.getByLabel("Публикация").selectOption({ label: finishedTitle });
    await form.getByLabel("Тема").fill("Публичные слушания по проекту программы");
    await form.getByLabel("Место").fill("Большой зал администрации");
    await form.getByLabel("Дата и время", { exact: true }).fill(day(-3));
    await form.getByLabel("Дата и время: время").fill("17:00");
    await form.getByLabel("Участников").fill("112");
    await form.getByLabel("Номер протокола").fill("1-ПС");
    await form.getByLabel("Дата протокола").fill(day(-2));
    await form.getByLabel("Текст протокола").fill("Слушания открыл глава. Выступили 6 человек. Проект одобрен.");
    await form.getByLabel("Рекомендации (по одной в строке)").fill("Одобрить проект программы\nУчесть предложения жителей");
    await form.getByRole("button", { name: "Записать" }).click();
    const hearings = page.getByTestId("hearings");
    await expect.poll(() => hearings.textContent()).toContain("Публичные слушания по проекту программы");
    const row = hearings.locator("tr", { hasText: "Публичные слушания по проекту программы" });
    const text = (await row.textContent()) ?? "";
    expect(text).toContain("проведены");
    expect(text).toContain("112");
    expect(text).toContain(`№ 1-ПС от ${ru(day(-2))}`);
    expect(text).toContain(finishedTitle);
    expect(text).toContain(ru(day(-3)));
    // the discussion counts the hearing
    await expect
      .poll(() => page.getByTestId("discussions").locator("tr", { hasText: finishedTitle }).locator("td").nth(4).textContent())
      .toBe("1");

    // a protocol dated before the hearing is refused, the field named
    await form.getByLabel("Тема").fill("Еще слушания");
    await form.getByLabel("Место").fill("Зал");
    await form.getByLabel("Дата и время", { exact: true }).fill(day(-3));
    await form.getByLabel("Дата и время: время").fill("10:00");
    await form.getByLabel("Участников").fill("5");
    await form.getByLabel("Номер протокола").fill("2-ПС");
    await form.getByLabel("Дата протокола").fill(day(-10));
    await form.getByLabel("Текст протокола").fill("Текст");
    await form.getByRole("button", { name: "Записать" }).click();
    await expect.poll(() => form.getByRole("alert").textContent()).toContain("body.protocolDate");

    const anon = await b.newPage();
    await anon.goto(`${b.url}/p/${SLUG}/hearings`);
    const portal = (await anon.locator("main").textContent()) ?? "";
    expect(portal).toContain(`Протокол № 1-ПС от ${ru(day(-2))}`);
    expect(portal).toContain("Участников: 112.");
    expect(portal).toContain("Учесть предложения жителей");
    expect(portal).not.toContain("Еще слушания");
    await anon.close();
    await page.close();
  });

  it("at 390 px: no horizontal overflow, no serious or critical axe violation", async () => {
    const page = await b.signedIn("economy");
    await page.setViewportSize({ width: 390, height: 844 });
    await open(page, "/portal/discussions");
    await page.getByTestId(`protocol-${finishedId}`).waitFor();
    await page.getByTestId("hearings").waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await axeProblems(page)).toEqual([]);
    // the navigation and the moderation page link here
    await open(page, "/portal");
    await page.getByRole("link", { name: "Протоколы обсуждений и публичные слушания" }).click();
    await page.getByTestId("discussions").waitFor();
    await page.close();
  });
});
