/**
 * The portal's appeal form and tracking page (issue 15, part 3) in a real Chromium at a phone's width
 * (360 px) and a laptop's (1440 px): a resident without an account fills the form (with the keyboard's
 * labels), sends it, gets the tracking code and follows the appeal by it; a refusal is announced and
 * keeps what was typed. No page is wider than the window and axe-core finds no serious or critical
 * violation. The portal's pages are rendered on the server: the test needs no build of the web app.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { axeProblems } from "../src/axe.ts";
import { createTestApp, type TestApp } from "../src/api.ts";
import { launchChromium } from "../src/browser.ts";

let app: TestApp;
let browser: Browser;
let url: string;

beforeAll(async () => {
  app = await createTestApp();
  const admin = await app.as("admin");
  expect((await admin.request("PUT", "/api/portal/settings", { slug: "gorod-a", moderation: "pre", minDiscussionDays: 30 })).status).toBe(
    200,
  );
  await app.server.listen({ port: 0, host: "127.0.0.1" });
  const address = app.server.server.address();
  if (!address || typeof address === "string") throw new Error("the test server has no TCP address");
  url = `http://127.0.0.1:${address.port}`;
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

/** How many pixels the page is wider than the window (0: none). */
const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

async function check(page: Page, where: string, problems: string[]): Promise<void> {
  const over = await overflow(page);
  if (over > 0) problems.push(`${where}: ${over} px wider than the window`);
  for (const p of await axeProblems(page)) problems.push(`${where}: ${p}`);
}

describe("the portal's appeal form and tracking page", () => {
  for (const width of [360, 1440]) {
    it(`at ${width} px: sent, followed by its code; a refusal keeps what was typed`, { timeout: 120_000 }, async () => {
      const context = await browser.newContext({ locale: "ru-RU", viewport: { width, height: 800 } });
      const page = await context.newPage();
      const problems: string[] = [];
      await page.goto(`${url}/p/gorod-a/appeals`);
      await check(page, "form", problems);
      await page.getByLabel("Фамилия, имя, отчество").fill(`Кузнецов Олег (${width})`);
      await page.getByLabel("Почтовый адрес").fill("г. А, ул. Полевая, д. 7");
      await page.getByLabel("Адрес электронной почты (для уведомлений и ответа)").fill(`kuz${width}@example.org`);
      await page.getByLabel("Тема обращения").selectOption({ label: "Уличное освещение" });
      await page.getByLabel("Район (округ), к которому относится вопрос").fill("Московский округ");
      await page.getByLabel("Текст обращения").fill("Не горит фонарь у подъезда");
      // without the consent: refused, announced, what was typed kept
      await page.getByRole("button", { name: "Отправить обращение" }).click();
      await page.getByRole("alert").waitFor();
      expect(await page.getByRole("alert").textContent()).toContain("Согласие");
      expect(await page.getByLabel("Фамилия, имя, отчество").inputValue()).toBe(`Кузнецов Олег (${width})`);
      await check(page, "refusal", problems);

      await page.getByLabel("Тема обращения").selectOption({ label: "Уличное освещение" });
      await page.getByLabel("Текст обращения").fill("Не горит фонарь у подъезда");
      await page.getByLabel("Согласен(на) на обработку персональных данных").check();
      await page.getByRole("button", { name: "Отправить обращение" }).click();
      await page.getByTestId("tracking-code").waitFor();
      const code = (await page.getByTestId("tracking-code").textContent())!.trim();
      expect(code).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$/);
      await check(page, "registered", problems);

      // follow it by its code from the form's page, as a visitor who kept only the code
      const visitor = await (await browser.newContext({ locale: "ru-RU", viewport: { width, height: 800 } })).newPage();
      await visitor.goto(`${url}/p/gorod-a/appeals`);
      await visitor.getByLabel("Код для отслеживания (вида XXXX-XXXX-XXXX)").fill(code);
      await visitor.getByRole("button", { name: "Узнать, где обращение" }).click();
      await visitor.getByTestId("appeal-state").waitFor();
      expect(await visitor.getByTestId("appeal-state").textContent()).toBe("зарегистрировано, ожидает назначения исполнителя");
      const body = (await visitor.textContent("main")) ?? "";
      expect(body).not.toContain("Кузнецов");
      expect(body).not.toContain("Полевая");
      await check(visitor, "tracking", problems);
      // an unknown code is said so, as an alert
      await visitor.goto(`${url}/p/gorod-a/appeals/track?code=AAAA-AAAA-AAAA`);
      expect(await visitor.getByRole("alert").textContent()).toContain("не найдено");
      await check(visitor, "unknown code", problems);
      expect(problems).toEqual([]);
      await context.close();
      await visitor.context().close();
    });
  }
});
