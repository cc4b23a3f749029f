/**
 * Issue 11 in the browser: the executor enters on the monitoring page what the comments of
 * appendices 8 and 9 and the annual report's main results are filled from — a checkpoint's
 * comment beside its actual date, the reason for a deviation of funding beside the cash, and, in the
 * annual period, the year's main results.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { startBrowserApp, type BrowserApp } from "../src/browser.ts";
import type { Client } from "../src/api.ts";

let b: BrowserApp;
let admin: Client;
let ex: Page;
let tree: any;

beforeAll(async () => {
  b = await startBrowserApp();
  admin = await b.app.as("admin");
  ex = await b.signedIn("executor");
  const p = (await admin.get("/api/programs")).body.items.find((x: any) => x.code === "MP-1");
  const r = await admin.post(`/api/programs/${p.id}/versions/in-force`, { decreeNumber: "MP-1-п", decreeDate: "2024-12-15" });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  b.app.ctx.now = () => new Date("2026-04-10T09:00:00Z");
  tree = (await admin.get(`/api/programs/${p.id}/tree`)).body;
}, 120_000);
afterAll(async () => {
  await b?.close();
});

const cell = (page: Page, grid: string, rowKey: string, colKey: string) => page.getByTestId(grid).getByTestId(`cell-${rowKey}-${colKey}`);
async function typeInto(page: Page, grid: string, rowKey: string, colKey: string, value: string): Promise<void> {
  await cell(page, grid, rowKey, colKey).click();
  await page.keyboard.press("F2");
  const input = cell(page, grid, rowKey, colKey).locator("input, textarea");
  await input.fill(value);
  await input.press("Enter");
}

describe("monitoring: the fields of the forms' comments and of the annual report", () => {
  it("the executor writes a checkpoint's comment, a deviation reason and the year's main results", async () => {
    const d1 = tree.directions.find((d: any) => d.code === "1");
    const checkpoint = d1.structuralElements[0].checkpoints.find((c: any) => c.plannedDate.startsWith("2026-03"));
    const cash = d1.budgetExecution.find((x: any) => x.year === 2026 && x.quarter === 1 && x.source === "local");
    await ex.goto(`${b.url}/monitoring?program=${tree.id}&year=2026&period=Q1`);
    await ex.getByTestId("grid-checkpoints").waitFor();
    await typeInto(ex, "grid-checkpoints", checkpoint.id, "comment", "Выполнено: 120 детей");
    await expect.poll(async () => (await admin.get(`/api/checkpoints/${checkpoint.id}`)).body.comment).toBe("Выполнено: 120 детей");
    await typeInto(ex, "grid-budget-1", cash.id, "deviationReason", "Экономия по итогам закупок");
    await expect
      .poll(async () => (await admin.get(`/api/budget-execution/${cash.id}`)).body.deviationReason)
      .toBe("Экономия по итогам закупок");
    // a quarter has no annual results; the annual period has them
    expect(await ex.getByTestId("grid-annual-results").count()).toBe(0);
    await ex.goto(`${b.url}/monitoring?program=${tree.id}&year=2026&period=annual`);
    await ex.getByTestId("grid-annual-results").waitFor();
    await typeInto(ex, "grid-annual-results", "annual-2026", "mainResults", "Создано 100 новых мест");
    await expect
      .poll(
        async () =>
          (await admin.get("/api/program-annual-reports")).body.items.find((x: any) => x.programId === tree.id && x.year === 2026)
            ?.mainResults,
      )
      .toBe("Создано 100 новых мест");
  }, 120_000);
});
