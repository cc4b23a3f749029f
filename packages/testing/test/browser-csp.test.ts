/**
 * The web app and the API's documentation page run under the Content-Security-Policy (issue 9,
 * part 6) in a real Chromium: sign-in, the home page, the control dashboard with its ECharts
 * charts, a program, its evaluation, the audit log and /api/docs load and work, with no CSP
 * violation and no error in the console.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { startBrowserApp, type BrowserApp } from "../src/browser.ts";
import { FIXTURE_PASSWORD } from "../src/fixture.ts";

let b: BrowserApp;
beforeAll(async () => {
  b = await startBrowserApp();
}, 120_000);
afterAll(async () => {
  await b?.close();
});

/** Every console error, uncaught exception and CSP violation of the page, as text. */
function watch(page: Page): string[] {
  const problems: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error" || /Content Security Policy|Refused to/i.test(m.text())) problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  return problems;
}

/** Reports violations seen by the document itself (securitypolicyviolation events), counted in the page. */
async function listenForViolations(page: Page): Promise<void> {
  await page.addInitScript(() => {
    (window as any).__cspViolations = [];
    document.addEventListener("securitypolicyviolation", (e) => {
      (window as any).__cspViolations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
    });
  });
}

async function violations(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as any).__cspViolations ?? []);
}

describe("the app under the Content-Security-Policy", () => {
  it("the page is served with the policy (no unsafe-inline for scripts)", async () => {
    const page = await b.newPage();
    const res = await page.goto(b.url);
    const csp = res!.headers()["content-security-policy"] ?? "";
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).toMatch(/frame-ancestors 'none'/);
    await page.close();
  });

  it("sign-in, home, control dashboard with charts, a program, its evaluation and the audit log: no violation, no console error", async () => {
    const page = await b.newPage();
    await listenForViolations(page);
    const problems = watch(page);
    await page.goto(b.url);
    await page.locator('input[name="login"]').fill("admin");
    await page.locator('input[name="password"]').fill("wrong");
    await page.locator('button[type="submit"]').click();
    await expect.poll(() => page.getByRole("alert").textContent()).toContain("Неверный логин или пароль");
    // a refused sign-in is a 401 the browser logs as a failed resource load; it is expected, not a fault
    problems.length = 0;
    await page.locator('input[name="password"]').fill(FIXTURE_PASSWORD);
    await page.locator('button[type="submit"]').click();
    await page.getByTestId("current-user").waitFor();

    // the control dashboard draws its charts with ECharts (SVG, inline styles)
    await page.getByRole("navigation", { name: "Разделы" }).getByRole("link", { name: "Контроль" }).click();
    await page.getByTestId("charts").waitFor();
    await page.getByTestId("chart-year").selectOption("2026");
    await page.getByTestId("chart-metric").locator("svg").first().waitFor();

    const admin = await b.app.as("admin");
    const program = (await admin.get("/api/programs")).body.items.find((p: { code: string }) => p.code === "MP-1");
    await page.goto(`${b.url}/programs/${program.id}`);
    await page.getByText(program.name).first().waitFor();
    await page.goto(`${b.url}/programs/${program.id}/evaluation?year=2025`);
    await page.getByTestId("evaluation-title").waitFor();
    await page.goto(`${b.url}/audit`);
    await page.getByRole("heading", { level: 1 }).first().waitFor();

    expect(await violations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  }, 120_000);

  it("the API's documentation page renders its list under the same policy", async () => {
    const page = await b.newPage();
    await listenForViolations(page);
    const problems = watch(page);
    await page.goto(`${b.url}/api/docs`);
    await expect.poll(() => page.locator("details").count()).toBeGreaterThan(50);
    await page.locator("#f").fill("/api/audit");
    await expect.poll(() => page.locator("details").count()).toBeLessThan(5);
    expect(await violations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("an inline script is refused (the policy is in force, not only sent)", async () => {
    const page = await b.newPage();
    await listenForViolations(page);
    await page.goto(`${b.url}/api/docs`);
    await page.evaluate(() => {
      const s = document.createElement("script");
      s.textContent = "window.__inlineRan = true";
      document.body.appendChild(s);
    });
    await expect.poll(() => violations(page)).not.toEqual([]);
    expect(await page.evaluate(() => (window as any).__inlineRan ?? false)).toBe(false);
    await page.close();
  });
});
