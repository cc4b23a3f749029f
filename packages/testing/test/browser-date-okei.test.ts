/**
 * Issue 13 in the browser: the date fields (Mantine DateInput) and the ОКЕИ picker.
 * - A date is typed from the keyboard as «ДД.ММ.ГГГГ» (English: DD/MM/YYYY) or picked in the calendar,
 *   and goes to the API as the same calendar date "YYYY-MM-DD" in a browser whose time zone is far
 *   from the server's (a date is never a timestamp, so it does not move by a day); no CSP violation.
 * - A unit is found by the server's search with a typo or in Latin letters and picked from the
 *   keyboard; the pick writes the unit and its ОКЕИ code together.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { signIn, startBrowserApp, type BrowserApp } from "../src/browser.ts";
import type { Client } from "../src/api.ts";

let b: BrowserApp;
let admin: Client;

beforeAll(async () => {
  b = await startBrowserApp();
  admin = await b.app.as("admin");
}, 120_000);
afterAll(async () => {
  await b?.close();
});

/** A signed-in page in a browser whose clock is in another time zone (and language) than the server's. */
async function pageIn(timezoneId: string, lang: "ru" | "en" = "ru"): Promise<{ page: Page; violations: () => Promise<string[]> }> {
  const context = await b.browser.newContext({
    locale: lang === "ru" ? "ru-RU" : "en-GB",
    timezoneId,
    viewport: { width: 1400, height: 900 },
  });
  await context.addInitScript((l) => {
    localStorage.setItem("orientir.lang", l);
    (window as any).__cspViolations = [];
    document.addEventListener("securitypolicyviolation", (e) =>
      (window as any).__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`),
    );
  }, lang);
  const page = await context.newPage();
  await signIn(page, b.url, "admin");
  return { page, violations: () => page.evaluate(() => (window as any).__cspViolations as string[]) };
}

describe("date fields", () => {
  for (const timezoneId of ["Pacific/Kiritimati", "America/Los_Angeles"]) {
    it(`a date typed as ДД.ММ.ГГГГ goes to the API as YYYY-MM-DD, unshifted (browser in ${timezoneId})`, async () => {
      const { page, violations } = await pageIn(timezoneId);
      await page.goto(`${b.url}/audit`);
      const from = page.locator('input[data-name="from"]');
      const to = page.locator('input[data-name="to"]');
      await from.waitFor();
      expect(await from.getAttribute("placeholder")).toBe("ДД.ММ.ГГГГ");
      await from.click();
      await page.keyboard.type("01.03.2026");
      await page.keyboard.press("Tab");
      await to.click();
      await page.keyboard.type("31.12.2026");
      await page.keyboard.press("Escape");
      await page.keyboard.press("Tab");
      expect(await from.inputValue()).toBe("01.03.2026");
      expect(await to.inputValue()).toBe("31.12.2026");
      const request = page.waitForRequest((r) => r.url().includes("/api/audit?"));
      await page.getByTestId("audit-filters").locator('button[type="submit"]').click();
      const url = new URL((await request).url());
      // the page keeps the dates as typed; the API is asked up to the day after "to" (the whole last day included)
      const address = new URL(page.url()).searchParams;
      expect([address.get("from"), address.get("to")]).toEqual(["2026-03-01", "2026-12-31"]);
      expect([url.searchParams.get("from"), url.searchParams.get("to")]).toEqual(["2026-03-01", "2027-01-01"]);

      // the calendar opens in Russian on the chosen month, and a day picked in it is that day
      await from.click();
      await page.getByRole("button", { name: /^март 2026$/i }).waitFor();
      await page.getByRole("button", { name: "15 марта 2026" }).click();
      await expect.poll(() => from.inputValue()).toBe("15.03.2026");
      expect(await violations()).toEqual([]);
      await page.context().close();
    }, 60_000);
  }

  it("in English the field reads and writes DD/MM/YYYY", async () => {
    const { page } = await pageIn("Asia/Bishkek", "en");
    await page.goto(`${b.url}/audit?from=2026-02-28`);
    const from = page.locator('input[data-name="from"]');
    await from.waitFor();
    expect(await from.inputValue()).toBe("28/02/2026");
    expect(await from.getAttribute("placeholder")).toBe("DD/MM/YYYY");
    await from.fill("");
    await from.click();
    await page.keyboard.type("1/2/2026");
    await page.keyboard.press("Escape");
    await page.keyboard.press("Tab");
    expect(await from.inputValue()).toBe("01/02/2026");
    const request = page.waitForRequest((r) => r.url().includes("/api/audit?"));
    await page.getByTestId("audit-filters").locator('button[type="submit"]').click();
    expect(new URL((await request).url()).searchParams.get("from")).toBe("2026-02-01");
    await page.context().close();
  }, 60_000);
});

describe("the ОКЕИ picker", () => {
  it("finds a unit typed with a typo or in Latin letters and writes the unit and its code in one pick", async () => {
    const mp1 = (await admin.get("/api/programs")).body.items.find((p: any) => p.code === "MP-1");
    const tree = (await admin.get(`/api/programs/${mp1.id}/tree`)).body;
    const ind = [...tree.programIndicators].sort((a: any, b: any) => (a.ord ?? 0) - (b.ord ?? 0))[0];
    expect(ind.unit).not.toBe("кг");
    const { page, violations } = await pageIn("Europe/Moscow");
    await page.goto(`${b.url}/programs/${mp1.id}?tab=indicators`);
    const cell = page.getByTestId("grid-indicators").getByTestId(`cell-${ind.id}-unit`);
    await cell.click();
    await page.keyboard.press("Enter");
    const input = cell.locator("input");
    await input.waitFor();
    await input.fill("килограм");
    const option = page.locator('[data-testid="okei-options"] [data-code="166"]');
    await option.waitFor();
    // the keyboard: the first option is the best match
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Enter");
    await expect
      .poll(async () => {
        const r = (await admin.get(`/api/program-indicators/${ind.id}`)).body;
        return [r.unit, r.okei];
      })
      .toEqual(["кг", "166"]);
    await expect.poll(() => page.getByTestId("grid-indicators").getByTestId(`cell-${ind.id}-okei`).textContent()).toBe("166");

    // Latin letters: "m2" finds the square metre
    await cell.click();
    await page.keyboard.press("Enter");
    await cell.locator("input").fill("kv metr");
    await page.locator('[data-testid="okei-options"] [data-code="055"]').waitFor();
    await page.locator('[data-testid="okei-options"] [data-code="055"]').click();
    await expect
      .poll(async () => {
        const r = (await admin.get(`/api/program-indicators/${ind.id}`)).body;
        return [r.unit, r.okei];
      })
      .toEqual(["м2", "055"]);
    expect(await violations()).toEqual([]);
    await page.context().close();
  }, 60_000);
});
