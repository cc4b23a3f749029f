/**
 * Every page of the app (each entry of the web's ROUTES, with the demo's ids) at a phone's width
 * (390 px) and a laptop's (1440 px), as the economy department and as an executor, in a real
 * Chromium: the page is never wider than the window (wide tables scroll inside their card), and
 * axe-core finds no serious or critical accessibility violation. Also: the top bar becomes a menu
 * on a narrow screen, and the skip link is the first thing the keyboard reaches.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { ROUTES } from "../../web/src/routes.tsx";
import { axeProblems } from "../src/axe.ts";
import { startBrowserApp, type BrowserApp } from "../src/browser.ts";

let b: BrowserApp;
/** The demo's ids for the path params of the routes. */
let ids: Record<string, string>;

beforeAll(async () => {
  b = await startBrowserApp();
  const admin = await b.app.as("admin");
  const program = (await admin.get("/api/programs")).body.items.find((p: { code: string }) => p.code === "MP-1");
  // a draft of the program, so that /versions/:id shows a version with its note
  const executor = await b.app.as("executor");
  const draft = await executor.post(`/api/programs/${program.id}/versions`, {});
  expect(draft.status, JSON.stringify(draft.body)).toBe(201);
  ids = { programId: program.id, versionId: draft.body.programVersion.id };
}, 120_000);
afterAll(async () => {
  await b?.close();
});

/** The path of a route with the demo's ids in place of its params. */
function pathOf(pattern: string): string {
  return pattern
    .replace(/^\/versions\/:id/, `/versions/${ids.versionId}`)
    .replace(/:id\b/, ids.programId!)
    .replace(":year", "2025")
    .replace(":period", "annual");
}

/** Waits until the page's data is there: no request under way, no skeleton. */
async function settled(page: Page): Promise<void> {
  await page.locator("#main").waitFor();
  await page.waitForLoadState("networkidle");
  await expect.poll(() => page.locator('[data-testid="loading"]').count()).toBe(0);
  await page.waitForLoadState("networkidle");
}

/** How far the document is wider than the window (0 = no horizontal overflow). */
function overflow(page: Page): Promise<number> {
  return page.evaluate(() => document.scrollingElement!.scrollWidth - window.innerWidth);
}

/** The innermost elements that reach past the window's right edge (to say what overflows). */
function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const wide = [...document.querySelectorAll<HTMLElement>("body *")].filter(
      (el) => el.getBoundingClientRect().right > window.innerWidth + 1,
    );
    return wide
      .filter((el) => !wide.some((other) => other !== el && el.contains(other)))
      .slice(0, 3)
      .map(
        (el) =>
          `${el.tagName.toLowerCase()}${el.className && typeof el.className === "string" ? `.${el.className.trim().split(/\s+/).join(".")}` : ""} (${Math.round(el.getBoundingClientRect().right)} px)`,
      );
  });
}

async function signedInAt(login: string, width: number): Promise<Page> {
  const page = await b.signedIn(login);
  await page.setViewportSize({ width, height: 900 });
  return page;
}

describe("every page at 390 and 1440 px: no horizontal overflow, no serious axe violation", () => {
  for (const login of ["economy", "executor"]) {
    for (const width of [390, 1440]) {
      it(`${login} at ${width} px`, { timeout: 600_000 }, async () => {
        const page = await signedInAt(login, width);
        const problems: string[] = [];
        for (const route of ROUTES) {
          const path = pathOf(route.path);
          await page.goto(`${b.url}${path}`);
          await settled(page);
          const over = await overflow(page);
          if (over > 0) problems.push(`${path}: the page is ${over} px wider than the window: ${(await overflowing(page)).join(", ")}`);
          for (const p of await axeProblems(page)) problems.push(`${path}: ${p}`);
        }
        await page.close();
        expect(problems).toEqual([]);
      });
    }
  }
});

describe("no stale data shown as current", () => {
  it("another year chosen in the ranking: the skeleton shows until that year's answer, never last year's figures", async () => {
    const page = await signedInAt("economy", 1440);
    await page.goto(`${b.url}/evaluation?year=2025`);
    await settled(page);
    // the year's ranking (or the note that nothing was in force that year) names its year
    const summary = page.locator('[data-testid="ranking-summary"], [data-testid="ranking-empty"]');
    await expect.poll(() => summary.textContent()).toContain("2025");
    const other = (
      await page.locator('select[name="year"] option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value))
    ).find((y) => y !== "2025")!;
    // the ranking answers slowly from now on: the page is seen while the new year loads
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    await page.route("**/api/evaluation/ranking**", async (route) => {
      await held;
      await route.fallback();
    });
    await page.locator('select[name="year"]').selectOption(other);
    await page.getByTestId("loading").first().waitFor();
    expect(await summary.count()).toBe(0);
    expect(await page.getByTestId("ranking").count()).toBe(0);
    expect(await page.getByTestId("ranking-kind").count()).toBe(0);
    release();
    await expect.poll(() => summary.textContent()).toContain(other);
    await page.close();
  });
});

describe("the shell", () => {
  it("at 390 px the navigation is a menu behind a button; the skip link comes first and leads to the content", async () => {
    const page = await signedInAt("economy", 390);
    await page.goto(`${b.url}/programs`);
    await settled(page);
    expect(await page.getByRole("navigation", { name: "Разделы" }).isVisible()).toBe(false);
    const button = page.getByTestId("menu-button");
    expect(await button.isVisible()).toBe(true);
    expect(await button.getAttribute("aria-expanded")).toBe("false");
    await button.click();
    const menu = page.getByRole("dialog");
    await menu.getByRole("link", { name: "Стратегия" }).click();
    await page.waitForURL(/\/strategy$/);
    await expect.poll(() => page.getByRole("dialog").count()).toBe(0);
    // «Выйти» is there, in the menu, not cut off the bar
    await button.click();
    // the drawer slides in; wait for it rather than catching it mid-transition
    await page.getByRole("dialog").getByRole("button", { name: "Выйти" }).waitFor({ state: "visible" });
    await page.keyboard.press("Escape");
    await expect.poll(() => page.getByRole("dialog").count()).toBe(0);

    await page.goto(`${b.url}/programs`);
    await settled(page);
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Перейти к содержанию");
    await page.keyboard.press("Enter");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("main");
    await page.close();
  });

  it("at 1440 px the navigation is in the top bar and no menu button shows", async () => {
    const page = await signedInAt("economy", 1440);
    await page.goto(`${b.url}/`);
    await settled(page);
    expect(await page.getByRole("navigation", { name: "Разделы" }).isVisible()).toBe(true);
    expect(await page.getByTestId("menu-button").isVisible()).toBe(false);
    await page.close();
  });
});
