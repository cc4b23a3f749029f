import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBrowserApp, signIn, type BrowserApp } from "../src/browser.ts";
import { base32Decode, totp } from "@orientir/app";
import { FIXTURE_PASSWORD } from "../src/fixture.ts";

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
    await page.getByRole("combobox", { name: "Язык" }).selectOption("en");
    await page.getByRole("button", { name: "Sign out" }).waitFor();
    await page.reload();
    await page.getByRole("button", { name: "Sign out" }).waitFor();
    expect(await page.getByRole("navigation", { name: "Sections" }).textContent()).toContain("Municipal programs");
  });

  it("the second factor: enrolled on the account page, then asked for at sign-in", async () => {
    const page = await b.signedIn("coexecutor");
    await page.getByTestId("account-link").click();
    await page.getByRole("button", { name: "Подключить" }).click();
    const secret = (await page.getByTestId("totp-secret").textContent())!.trim();
    const enrolledAt = new Date();
    await page.locator("#totp-code").fill(totp(base32Decode(secret), enrolledAt));
    await page.getByRole("button", { name: "Подтвердить" }).click();
    await expect.poll(() => page.getByTestId("recovery-codes").locator("li").count()).toBe(10);
    await expect.poll(() => page.getByTestId("totp").textContent()).toContain("Подключен");

    await page.getByRole("button", { name: "Выйти" }).click();
    await page.locator('input[name="login"]').fill("coexecutor");
    await page.locator('input[name="password"]').fill(FIXTURE_PASSWORD);
    await page.locator('button[type="submit"]').click();
    await page.locator('input[name="code"]').fill("000000");
    await page.locator('button[type="submit"]').click();
    await expect.poll(() => page.getByRole("alert").textContent()).toContain("Неверный код");
    // the next time step's code (the one used to enrol is accepted only once)
    await page.locator('input[name="code"]').fill(totp(base32Decode(secret), new Date(enrolledAt.getTime() + 30_000)));
    await page.locator('button[type="submit"]').click();
    await page.getByTestId("current-user").waitFor();
  });

  it("an administrator of a deployment that requires the second factor enrols at sign-in and sees the recovery codes once", async () => {
    const { seedMunicipalities } = await import("@orientir/app");
    const { MUNICIPALITY_A, MUNICIPALITY_B } = await import("../src/fixture.ts");
    await seedMunicipalities(
      b.app.ctx,
      [MUNICIPALITY_A, MUNICIPALITY_B],
      [{ login: "admin2", fullName: "Второй администратор", memberships: [{ municipality: "Город А", role: "admin" }] }],
      FIXTURE_PASSWORD,
    );
    b.app.ctx.config.requireTotpForAdmins = true;
    try {
      const page = await b.newPage();
      await page.goto(b.url);
      await page.locator('input[name="login"]').fill("admin2");
      await page.locator('input[name="password"]').fill(FIXTURE_PASSWORD);
      await page.locator('button[type="submit"]').click();
      const secret = (await page.getByTestId("totp-secret").textContent())!.trim();
      await page.locator('input[name="code"]').fill(totp(base32Decode(secret), new Date()));
      await page.locator('button[type="submit"]').click();
      await expect.poll(() => page.getByTestId("recovery-codes").locator("li").count()).toBe(10);
      await page.getByRole("button", { name: "Продолжить" }).click();
      await page.getByTestId("current-user").waitFor();
    } finally {
      b.app.ctx.config.requireTotpForAdmins = false;
    }
  });

  it("a shared account is marked in the administrator's list, without its password or blocking", async () => {
    const { seedMunicipalities } = await import("@orientir/app");
    const { MUNICIPALITY_A, MUNICIPALITY_B } = await import("../src/fixture.ts");
    await seedMunicipalities(
      b.app.ctx,
      [MUNICIPALITY_A, MUNICIPALITY_B],
      [
        {
          login: "shared",
          fullName: "Общий пользователь",
          memberships: [
            { municipality: "Город А", role: "viewer" },
            { municipality: "Город Б", role: "viewer" },
          ],
        },
      ],
      FIXTURE_PASSWORD,
    );
    const page = await b.signedIn("admin");
    await page.goto(`${b.url}/admin?tab=users`);
    const row = page.getByTestId("grid-users").locator("tr", { hasText: "shared" });
    await row.getByTestId("shared-account").waitFor();
    expect(await row.getByRole("button", { name: "Сменить пароль" }).count()).toBe(0);
    expect(await row.getByRole("button", { name: "Заблокировать" }).count()).toBe(0);
    const local = page.getByTestId("grid-users").locator("tr", { hasText: "viewer" }).first();
    expect(await local.getByRole("button", { name: "Сменить пароль" }).count()).toBe(1);
  });
});
