/**
 * The home page and the search in a real Chromium (issue 13, part 5): the co-executor's home shows
 * the tiles and «мои программы»; a program is found from the top bar by part of its name typed
 * with a typo; the program list narrows to «мои программы» and by executor.
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

describe("home page and search", () => {
  it("the co-executor's home: tiles, what awaits them, and their programs", async () => {
    const page = await b.signedIn("coexecutor");
    await page.getByTestId("tile-in-force").waitFor();
    await page.getByTestId("tile-awaiting").waitFor();
    await expect.poll(() => page.getByTestId("my-programs").textContent()).toContain("Программа А1");
    expect(await page.getByTestId("my-programs").textContent()).toContain("Программа А2");
  });

  it("finds a program from the top bar by part of its name typed with a typo", async () => {
    const page = await b.signedIn("viewer");
    await page.getByTestId("global-search").fill("програма А2");
    await page.getByTestId("global-search").press("Enter");
    await expect.poll(() => page.getByTestId("search-results").locator("li").first().textContent()).toContain("Программа А2");
    await page
      .getByTestId("search-results")
      .getByRole("link", { name: /Программа А2/ })
      .first()
      .click();
    await expect.poll(() => page.url()).toMatch(/\/programs\/[0-9a-f-]+$/);
  });

  it("the program list narrows to my programs and by executor", async () => {
    const page = await b.signedIn("executor");
    await page.goto(`${b.url}/programs`);
    await page.getByTestId("program-MP-2").waitFor();
    await page.getByTestId("filter-mine").check();
    await expect.poll(() => page.getByTestId("program-MP-2").count()).toBe(0);
    expect(await page.getByTestId("program-MP-1").count()).toBe(1);
    await page.getByTestId("filter-mine").uncheck();
    await page.getByTestId("filter-department").selectOption({ label: "Управление городского хозяйства" });
    await expect.poll(() => page.getByTestId("program-MP-1").count()).toBe(0);
    expect(await page.getByTestId("program-MP-2").count()).toBe(1);
  });
});
