/**
 * Browser tests: the real server with the built web app (packages/web/dist) on a fresh fixture
 * database, and a real Chromium — /usr/bin/chromium where installed, otherwise the binary inside
 * the npm package @sparticuz/chromium. Nothing is downloaded.
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type Page } from "playwright-core";
import { vi } from "vitest";
import { createTestApp, type TestApp } from "./api.ts";
import { FIXTURE_PASSWORD } from "./fixture.ts";
import { chromiumPath } from "./browser-path.ts";

export { chromiumPath };

/** The built web app: packages/web/dist, or ORIENTIR_WEB_DIST (a build of its own, e.g. for runs that must not see a rebuild of dist midway). */
export const WEB_DIST = process.env.ORIENTIR_WEB_DIST || fileURLToPath(new URL("../../web/dist", import.meta.url));

/**
 * ORIENTIR_BROWSER_API_DELAY_MS=N holds back each API request of the browser by a random 0..N ms, so that a
 * page's parallel loads complete in another order: a way to find a test that reads the page before it settled.
 */
const API_DELAY_MS = Number(process.env.ORIENTIR_BROWSER_API_DELAY_MS ?? 0) || 0;

const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-dev-shm-usage",
];

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: await chromiumPath(), args: CHROMIUM_ARGS, headless: true });
}

export interface BrowserApp {
  app: TestApp;
  /** http://127.0.0.1:PORT */
  url: string;
  browser: Browser;
  /** A new page in its own browser context (own cookies), clipboard allowed. */
  newPage(): Promise<Page>;
  /** A new page signed in through the sign-in form as this fixture user. */
  signedIn(login: string): Promise<Page>;
  close(): Promise<void>;
}

export async function signIn(page: Page, url: string, login: string, password = FIXTURE_PASSWORD): Promise<void> {
  await page.goto(url);
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill(password);
  await page.locator('button[type="submit"]').click();
  await page.getByTestId("current-user").waitFor();
}

/**
 * How long expect.poll waits in a browser test for the page to reach the expected state. Its default of
 * 1 s is shorter than a save and the reload after it take on a busy machine (Playwright's own waits,
 * locator.waitFor and textContent, allow 30 s); 10 s still ends inside the test's 30 s, so a state never
 * reached fails as the assertion with the value last seen, not as a timeout of the test.
 */
export const POLL_TIMEOUT_MS = 10_000;

export async function startBrowserApp(): Promise<BrowserApp> {
  vi.setConfig({ expect: { poll: { timeout: POLL_TIMEOUT_MS, interval: 50 } } });
  if (!existsSync(`${WEB_DIST}/index.html`)) {
    throw new Error(`the web app is not built (${WEB_DIST}); run npm run build -w @orientir/web (npm test does)`);
  }
  const app = await createTestApp({ webDist: WEB_DIST });
  await app.server.listen({ port: 0, host: "127.0.0.1" });
  const address = app.server.server.address();
  if (!address || typeof address === "string") throw new Error("the test server has no TCP address");
  const url = `http://127.0.0.1:${address.port}`;
  const browser = await launchChromium();
  const newPage = async () => {
    const context = await browser.newContext({ locale: "ru-RU", viewport: { width: 1400, height: 900 } });
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: url }).catch(() => {});
    if (API_DELAY_MS > 0) {
      // each API response held back by a random time: the page's loads finish in another order, as on a busy machine
      await context.route("**/api/**", async (route) => {
        await new Promise((r) => setTimeout(r, Math.random() * API_DELAY_MS));
        await route.fallback().catch(() => {});
      });
    }
    return context.newPage();
  };
  return {
    app,
    url,
    browser,
    newPage,
    async signedIn(login: string) {
      const page = await newPage();
      await signIn(page, url, login);
      return page;
    },
    async close() {
      await browser.close();
      await app.close();
    },
  };
}
