import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBrowserApp, signIn, type BrowserApp } from "../src/browser.ts";

let b: BrowserApp;
beforeAll(async () => {
  b = await startBrowserApp();
}, 120_000);
afterAll(async () => {
  await b?.close();
});

describe("sign-in in a real Chromium", () => {
  it("a wrong password is refused with a message, the right one opens the app", async () => {
    const page = await b.newPage();
    await page.goto(b.url);
    await page.locator('input[name="login"]').fill("economy");
    await page.locator('input[name="password"]').fill("wrong-password");
    await page.locator('button[type="submit"]').click();
    await expect.poll(() => page.getByRole("alert").textContent()).toContain("Неверный логин или пароль");
    await signIn(page, b.url, "economy");
    expect(await page.getByTestId("current-user").textContent()).toContain("управление экономики");
  });

  it("the session survives a reload; signing out returns to the sign-in form", async () => {
    const page = await b.signedIn("viewer");
    await page.reload();
    await page.getByTestId("current-user").waitFor();
    await page.getByRole("button", { name: "Выйти" }).click();
    await page.locator('input[name="login"]').waitFor();
    await page.reload();
    await page.locator('input[name="login"]').waitFor();
  });

  it("English is switchable and kept", async () => {
    const page = await b.signedIn("head");
    await page.getByRole("button", { name: "language" }).click();
    await page.getByRole("button", { name: "Sign out" }).waitFor();
    await page.reload();
    await page.getByRole("button", { name: "Sign out" }).waitFor();
    expect(await page.locator("nav[aria-label=main]").textContent()).toContain("Municipal programs");
  });
});
