/**
 * The answer templates' page and the answer's approval in the staff web app (issue 15, part 3), in a
 * real Chromium at 390 and 1440 px: the office creates a template (a click inserts a placeholder),
 * previews it on a sample appeal, sees a template with an unknown placeholder refused, deactivates
 * it; on an appeal's page the executor sends a drafted answer for approval and the office approves
 * it. No horizontal overflow; axe-core finds no serious or critical violation.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { axeProblems } from "../src/axe.ts";
import { startBrowserApp, type BrowserApp } from "../src/browser.ts";

let b: BrowserApp;

beforeAll(async () => {
  b = await startBrowserApp();
}, 120_000);
afterAll(async () => {
  await b?.close();
});

async function problemsOf(page: Page, where: string): Promise<string[]> {
  await page.waitForLoadState("networkidle");
  // the settled page: a notification sliding in (a CSS transition) is not the layout being checked
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== "running"));
  const out: string[] = [];
  const over = await page.evaluate(() => document.scrollingElement!.scrollWidth - window.innerWidth);
  if (over > 0) out.push(`${where}: ${over} px wider than the window`);
  for (const p of await axeProblems(page)) out.push(`${where}: ${p}`);
  return out;
}

describe("answer templates and the answer's approval in the web app", () => {
  for (const width of [390, 1440]) {
    it(`at ${width} px`, { timeout: 180_000 }, async () => {
      const problems: string[] = [];
      const office = await b.signedIn("office");
      await office.setViewportSize({ width, height: 900 });
      await office.goto(`${b.url}/control/templates`);
      await office.getByTestId("templates-table").waitFor();
      problems.push(...(await problemsOf(office, "templates")));
      await office.getByRole("button", { name: "Новый шаблон" }).click();
      await office.getByLabel("Код").fill(`w${width}`);
      await office.getByLabel("Название").fill(`Ответ по освещению ${width}`);
      await office.getByLabel("Текст шаблона").fill("Уважаемый(ая) {autor}! ");
      await office.getByRole("button", { name: "Сохранить" }).click();
      await office.getByRole("alert").waitFor();
      expect(await office.getByRole("alert").textContent()).toContain("{autor}");
      await office.getByLabel("Текст шаблона").fill("Уважаемый(ая) ");
      await office.getByRole("button", { name: "{author}" }).click();
      await office.getByRole("button", { name: "Предпросмотр" }).click();
      await office.getByTestId("template-preview").waitFor();
      expect(await office.getByTestId("template-preview").textContent()).toContain("Уважаемый(ая) Иванов Иван Иванович");
      problems.push(...(await problemsOf(office, "template form")));
      await office.getByRole("button", { name: "Сохранить" }).click();
      const row = office.getByRole("row").filter({ hasText: `Ответ по освещению ${width}` });
      await row.waitFor();
      await row.getByRole("button", { name: "Отключить" }).click();
      await office.getByRole("dialog").getByRole("button", { name: "Да" }).click();
      await expect.poll(async () => (await row.textContent()) ?? "").toContain("отключен");

      // an appeal assigned to the executor: the draft goes for approval, the office approves it
      const api = await b.app.as("office");
      const deps = Object.fromEntries((await api.get("/api/departments")).body.items.map((d: any) => [d.name, d.id]));
      const a = await api.post("/api/appeals", {
        channel: "letter",
        receivedOn: new Date().toISOString().slice(0, 10),
        authorName: `Орлова О. О. (${width})`,
        authorAddress: "г. А, ул. Мира, 2",
        text: "Не работает фонарь",
        topicCode: "0003.0009.0097.0698",
      });
      expect(a.status).toBe(201);
      expect(
        (
          await api.post(`/api/appeals/${a.body.id}/steps`, {
            action: "assign",
            version: a.body.version,
            assignedDepartmentId: deps["Управление образования"],
          })
        ).status,
      ).toBe(200);
      const executor = await b.signedIn("executor");
      await executor.setViewportSize({ width, height: 900 });
      await executor.goto(`${b.url}/control/appeals/${a.body.id}`);
      await executor.getByTestId("appeal-action-answer").click();
      await expect.poll(async () => executor.getByLabel("Текст ответа").inputValue()).toContain(`Орлова О. О. (${width})`);
      await executor.getByTestId("appeal-step-form").getByRole("button", { name: "Отправить ответ на утверждение" }).click();
      await executor.getByTestId("appeal-answers").waitFor();
      expect(await executor.getByTestId("appeal-answers").textContent()).toContain("на утверждении");
      expect(await executor.getByTestId("appeal-state").textContent()).toBe("на рассмотрении");
      problems.push(...(await problemsOf(executor, "appeal, executor")));
      await office.goto(`${b.url}/control/appeals/${a.body.id}`);
      await office.getByTestId("appeal-action-approveAnswer").click();
      await office.getByTestId("appeal-step-form").getByRole("button", { name: "Утвердить и направить ответ" }).click();
      await expect.poll(async () => office.getByTestId("appeal-state").textContent()).toBe("дан ответ");
      expect(await office.getByTestId("appeal-answers").textContent()).toContain("утвержден и направлен");
      problems.push(...(await problemsOf(office, "appeal, office")));
      expect(problems).toEqual([]);
      await office.context().close();
      await executor.context().close();
    });
  }
});
