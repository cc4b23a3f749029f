/**
 * Issue 15, part 6, in a real Chromium: the appeals' list comes a page at a time — the first 50 by
 * term with «Показано 50 из 53», then «Показать ещё» adds the rest once and disappears; another
 * filter starts again from its first page. No CSP violation, no console error.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBrowserApp, type BrowserApp } from "../src/browser.ts";

let b: BrowserApp;
beforeAll(async () => {
  b = await startBrowserApp();
}, 120_000);
afterAll(async () => {
  await b?.close();
});

describe("the appeals' list a page at a time in the browser", () => {
  it("shows 50, adds the rest with «Показать ещё», starts again on another filter", async () => {
    const admin = await b.app.as("admin");
    const economy = await b.app.as("economy");
    const deps = Object.fromEntries((await admin.get("/api/departments")).body.items.map((d: any) => [d.name, d.id]));
    expect(
      (await admin.request("PUT", "/api/control/settings", { officeDepartmentId: deps["Управление экономики"], reminderDaysBefore: 3 }))
        .status,
    ).toBe(200);
    const today = new Date().toISOString().slice(0, 10);
    for (let i = 0; i < 53; i++) {
      const r = await economy.post("/api/appeals", {
        channel: "letter",
        receivedOn: today,
        authorName: `Автор ${i}`,
        authorAddress: `г. Калуга, ул. Ленина, ${i + 1}`,
        text: "Прошу отремонтировать мост",
        topicCode: "0003.0009.0097.0692",
      });
      expect(r.status).toBe(201);
    }

    const page = await b.signedIn("economy");
    const problems: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error" || /Content Security Policy|Refused to/i.test(m.text())) problems.push(`console ${m.type()}: ${m.text()}`);
    });
    page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
    await page.goto(`${b.url}/control/appeals?filter=due&mine=0`);
    const rows = page.getByTestId("appeals-list").locator("tbody tr");
    await expect.poll(() => rows.count()).toBe(50);
    await expect.poll(() => page.getByTestId("appeals-count").textContent()).toMatch(/Показано 50 из 53/);
    await page.getByTestId("appeals-more").click();
    await expect.poll(() => rows.count()).toBe(53);
    expect(await page.getByTestId("appeals-more").count()).toBe(0);
    // each appeal once, in the order of their terms then numbers
    const numbers = await rows.locator("td:first-child").allTextContents();
    expect(new Set(numbers).size).toBe(53);
    // another filter: its own first page again
    await page.goto(`${b.url}/control/appeals?filter=all&mine=0`);
    await expect.poll(() => rows.count()).toBe(50);
    await expect.poll(() => page.getByTestId("appeals-more").count()).toBe(1);
    expect(problems).toEqual([]);
  }, 120_000);
});
