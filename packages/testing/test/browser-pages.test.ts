/**
 * The strategy, action plan, administration and audit pages in a real Chromium against the built
 * web app on a fresh fixture database: what each role sees, edits that survive a reload, errors
 * beside the field or cell, and a user created by the administrator signing in.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { signIn, startBrowserApp, type BrowserApp } from "../src/browser.ts";

let b: BrowserApp;
beforeAll(async () => {
  b = await startBrowserApp();
}, 120_000);
afterAll(async () => {
  await b?.close();
});

/** Opens a path of the app inside the signed-in page (the app's own navigation, no reload). */
async function open(page: Page, path: string) {
  await page.goto(`${b.url}${path}`);
  await page.getByTestId("current-user").waitFor();
}

/** Types into a grid cell: double-click, replace the text, Enter. */
async function typeInto(page: Page, cell: ReturnType<Page["locator"]>, text: string) {
  await cell.dblclick();
  const input = cell.locator("input");
  await input.fill(text);
  await input.press("Enter");
}

describe("strategy and action plan", () => {
  it("economy sees the strategy's goals, adds a SWOT item, sets a target in the grid; both survive a reload and are in the audit log", async () => {
    const page = await b.signedIn("economy");
    await open(page, "/strategy");
    const tree = page.getByTestId("strategy-tree");
    await tree.waitFor();
    await expect.poll(() => tree.getByTestId("goal-name").first().textContent()).toContain("Цель стратегии");
    expect(await tree.getByTestId("activity").first().textContent()).toContain("Ожидаемый результат: Результат");
    expect(await page.getByTestId("strategy-period").textContent()).toBe("2021–2030");

    // a SWOT item through the form; an empty text is refused beside the field
    const threats = page.getByTestId("swot-threat");
    await threats.getByRole("button", { name: "+ пункт" }).click();
    await threats.getByRole("button", { name: "Сохранить" }).click();
    await expect.poll(() => threats.locator(".field-error").textContent()).toContain("обязательно");
    await threats.locator('textarea[name="text"], input[name="text"]').fill("Отток молодежи");
    await threats.getByRole("button", { name: "Сохранить" }).click();
    await expect.poll(() => threats.textContent()).toContain("Отток молодежи");

    // a target value by year in the indicators grid: a wrong number shows beside the cell, a right one is saved
    const row = page.getByTestId("indicators").locator("tr", { hasText: "Показатель стратегии" });
    const cell = row.locator('td[data-testid$="-y2027"]');
    await typeInto(page, cell, "много");
    await expect.poll(() => cell.locator(".cell-error").textContent()).toContain("не является числом");
    await typeInto(page, cell, "65,5");
    await expect.poll(() => cell.locator(".cell-error").count()).toBe(0);
    // the error goes as the save starts: wait until it is done, the reload below would cancel it
    await expect.poll(async () => (await cell.getAttribute("class")) ?? "").not.toMatch(/\bsaving\b/);

    await page.reload();
    await page.getByTestId("strategy-tree").waitFor();
    expect(await page.getByTestId("swot-threat").textContent()).toContain("Отток молодежи");
    const after = page.getByTestId("indicators").locator("tr", { hasText: "Показатель стратегии" }).locator('td[data-testid$="-y2027"]');
    await expect.poll(() => after.textContent()).toBe("65,5");

    // the audit log shows who created the SWOT item, with the values after
    await open(page, "/audit?objectType=swotItem");
    const entry = page.getByTestId("audit-entry").filter({ hasText: "Отток молодежи" });
    await entry.first().waitFor();
    expect(await entry.first().getAttribute("data-action")).toBe("swotItem.create");
    // by the person's name and the action in words, not the login and the code
    expect(await entry.first().textContent()).toContain("Экономист");
    expect(await entry.first().textContent()).toContain("добавил(а) запись");
  });

  it("economy sees an activity's funding total in the plan, and an amount typed in the grid changes it exactly", async () => {
    const page = await b.signedIn("economy");
    await open(page, "/plan");
    const grid = page.getByTestId("plan-funding");
    await grid.waitFor();
    const activityRow = page.getByTestId("plan-activities").locator("tr", { hasText: "Мероприятие плана" });
    const rowTestId = (await activityRow.getAttribute("data-testid"))!;
    const activityId = rowTestId.replace(/^row-/, "");
    const total = page.getByTestId(`cell-${activityId}:total-total`);
    await expect.poll(() => total.textContent()).toBe("500,00");

    // 0,10 + 0,20 stays exact: 1 234,10 in 2024 from the local budget
    await typeInto(page, page.getByTestId(`cell-${activityId}:local-y2024`), "1 234,1");
    await expect.poll(() => total.textContent()).toBe("1\u00a0734,10");
    await typeInto(page, page.getByTestId(`cell-${activityId}:federal-y2026`), "0,2");
    await expect.poll(() => total.textContent()).toBe("1\u00a0734,30");
    await page.reload();
    await expect.poll(() => page.getByTestId(`cell-${activityId}:total-total`).textContent()).toBe("1\u00a0734,30");
    expect(await page.getByTestId("plan-funding").locator("tr.total").last().textContent()).toContain("1\u00a0734,30");
  });

  it("a viewer sees the strategy, the plan and their figures, but nothing is editable; admin and audit are refused", async () => {
    const page = await b.signedIn("viewer");
    await open(page, "/strategy");
    await page.getByTestId("strategy-tree").waitFor();
    await page.getByTestId("read-only").waitFor();
    expect(await page.locator("[data-add]").count()).toBe(0);
    expect(await page.getByRole("button", { name: /^Изменить/ }).count()).toBe(0);
    expect(await page.getByRole("button", { name: /^Удалить/ }).count()).toBe(0);
    expect(await page.locator('td[aria-readonly="false"]').count()).toBe(0);
    expect(await page.getByTestId("grid-add").count()).toBe(0);

    await open(page, "/plan");
    await page.getByTestId("plan-funding").waitFor();
    await page.getByTestId("read-only").waitFor();
    expect(await page.locator('td[aria-readonly="false"]').count()).toBe(0);
    expect(await page.getByTestId("grid-add").count()).toBe(0);
    expect(await page.getByRole("button", { name: /^Удалить/ }).count()).toBe(0);
    // a double-click on a funding cell opens no editor
    const cell = page.getByTestId("plan-funding").locator('td[data-testid$="-y2025"]').first();
    await cell.dblclick();
    expect(await cell.locator("input").count()).toBe(0);

    await open(page, "/admin");
    expect(await page.getByTestId("no-rights").textContent()).toContain("Нет прав");
    await open(page, "/audit");
    await expect.poll(() => page.getByTestId("audit-error").textContent()).toContain("Недостаточно прав");
  });
});

describe("administration", () => {
  it("the administrator creates a user (the password rule is shown beside the field) and the user signs in with the role given", async () => {
    const page = await b.signedIn("admin");
    await open(page, "/admin?tab=users");
    const form = page.getByTestId("create-user");
    await form.waitFor();
    await form.locator('input[name="login"]').fill("petrova");
    await form.locator('input[name="fullName"]').fill("Петрова Анна Сергеевна");
    await form.locator('input[name="password"]').fill("short");
    await form.locator('select[name="role"]').selectOption("executor");
    await form.getByRole("button", { name: "Создать" }).click();
    await expect
      .poll(() => form.locator(".field-error").allTextContents())
      .toEqual(expect.arrayContaining([expect.stringContaining("не короче 8"), expect.stringContaining("подразделение")]));
    await form.locator('input[name="password"]').fill("petrova-pass-1");
    await form.locator('select[name="departmentId"]').selectOption({ label: "Управление образования" });
    await form.getByRole("button", { name: "Создать" }).click();
    await expect.poll(() => form.getByTestId("user-created").textContent()).toContain("petrova");
    await expect.poll(() => page.getByTestId("grid-users").textContent()).toContain("Петрова Анна Сергеевна");

    const other = await b.newPage();
    await signIn(other, b.url, "petrova", "petrova-pass-1");
    expect(await other.getByTestId("current-user").textContent()).toContain("ответственный исполнитель");
    await open(other, "/admin");
    await other.getByTestId("no-rights").waitFor();

    // blocked, the user can no longer sign in
    const row = page.getByTestId("grid-users").locator("tr", { hasText: "petrova" });
    await row.locator('[data-action="block"]').click();
    await expect.poll(() => row.textContent()).toContain("заблокирован");
    const third = await b.newPage();
    await third.goto(b.url);
    await third.locator('input[name="login"]').fill("petrova");
    await third.locator('input[name="password"]').fill("petrova-pass-1");
    await third.locator('button[type="submit"]').click();
    await third.getByRole("alert").waitFor();
    expect(await third.getByTestId("current-user").count()).toBe(0);
  });

  it("the administrator changes the municipality's settings; a bad value is named", async () => {
    const page = await b.signedIn("admin");
    await open(page, "/admin");
    const form = page.getByTestId("municipality-form");
    await form.waitFor();
    // the budget levels load beside the form: wait for them before editing
    await expect.poll(() => page.getByTestId("budget-levels").textContent()).toContain("Местный бюджет");
    await form.locator('input[name="currency"]').fill("рубли");
    await form.getByRole("button", { name: "Сохранить" }).click();
    await expect.poll(() => form.locator(".field-error").textContent()).toContain("ISO 4217");
    await form.locator('input[name="currency"]').fill("RUB");
    await form.locator('input[name="name"]').fill("Город А (изм.)");
    await form.getByRole("button", { name: "Сохранить" }).click();
    await expect.poll(() => form.getByRole("status").textContent()).toContain("Сохранено");
    await page.reload();
    await expect.poll(() => page.getByTestId("municipality-form").locator('input[name="name"]').inputValue()).toBe("Город А (изм.)");
  });
});
