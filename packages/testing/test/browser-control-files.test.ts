/**
 * Issue 15, parts 1 and 4, in a real Chromium under the Content-Security-Policy: the office opens a
 * registry document's card, attaches a PDF and sees it listed with its download link; the
 * discipline page draws the map of appeals (SVG from the districts' points) beside its table; on an
 * appeal's page the office attaches a file, the viewer sees no files. No CSP violation, no console
 * error.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { upsertControlDistricts } from "@orientir/db";
import { startBrowserApp, type BrowserApp } from "../src/browser.ts";

let b: BrowserApp;
beforeAll(async () => {
  b = await startBrowserApp();
}, 120_000);
afterAll(async () => {
  await b?.close();
});

function watch(page: Page): string[] {
  const problems: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error" || /Content Security Policy|Refused to/i.test(m.text())) problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  return problems;
}

describe("control files and the map in the browser", () => {
  it("attaches a file to a registry document and draws the map of appeals", async () => {
    const admin = await b.app.as("admin");
    const economy = await b.app.as("economy");
    const deps = Object.fromEntries((await admin.get("/api/departments")).body.items.map((d: any) => [d.name, d.id]));
    expect(
      (await admin.request("PUT", "/api/control/settings", { officeDepartmentId: deps["Управление экономики"], reminderDaysBefore: 3 }))
        .status,
    ).toBe(200);
    const doc = (await economy.post("/api/registry", { kind: "incoming", regDate: "2026-03-02", summary: "Письмо о ремонте моста" })).body;
    const today = new Date().toISOString().slice(0, 10);
    const appeal = await economy.post("/api/appeals", {
      channel: "letter",
      receivedOn: today,
      authorName: "Петров П. П.",
      authorAddress: "г. Калуга, ул. Ленина, 1",
      text: "Прошу отремонтировать мост",
      topicCode: "0003.0009.0097.0692",
      district: "Ленинский округ",
    });
    expect(appeal.status).toBe(201);
    const municipalityId = (await admin.get("/api/auth/me")).body.municipalityId;
    await upsertControlDistricts(b.app.ctx.db, municipalityId, [{ name: "Ленинский округ", lat: 54.507, lon: 36.252 }]);

    const page = await b.signedIn("economy");
    const problems = watch(page);
    await page.goto(`${b.url}/control/registry?q=${encodeURIComponent("моста")}`);
    await page.getByRole("button", { name: doc.regNumber }).click();
    await page.getByTestId("document-card").waitFor();
    await page.getByTestId("document-file-input").setInputFiles({
      name: "скан.pdf",
      mimeType: "application/pdf",
      buffer: Buffer.from("%PDF-1.7\nскан письма\n"),
    });
    await page.getByRole("button", { name: "Приложить" }).click();
    await expect.poll(() => page.getByTestId("document-files").textContent()).toContain("скан.pdf");
    const href = await page.getByTestId("document-files").getByRole("link").getAttribute("href");
    expect(href).toMatch(new RegExp(`^/api/registry/${doc.id}/files/[0-9a-f-]{36}/content$`));

    await page.goto(`${b.url}/control/discipline?year=${today.slice(0, 4)}`);
    await page.getByTestId("appeals-map").waitFor();
    expect(await page.getByTestId("appeals-map").locator("circle").count()).toBe(1);
    await expect.poll(() => page.getByTestId("discipline-districts").textContent()).toContain("Ленинский округ");
    // the appeal's files: the office sees the author, so the files and the upload
    await page.goto(`${b.url}/control/appeals/${appeal.body.id}`);
    await page.getByTestId("appeal-files").waitFor();
    await page
      .getByTestId("appeal-files")
      .locator('input[type="file"]')
      .setInputFiles({
        name: "письмо.pdf",
        mimeType: "application/pdf",
        buffer: Buffer.from("%PDF-1.7\nписьмо\n"),
      });
    await page.getByTestId("appeal-files").getByRole("button", { name: "Приложить" }).click();
    await expect.poll(() => page.getByTestId("appeal-files").getByRole("link").first().textContent()).toBe("письмо.pdf");
    // the viewer sees neither the author nor the files
    const viewer = await b.signedIn("viewer");
    await viewer.goto(`${b.url}/control/appeals/${appeal.body.id}`);
    await viewer.getByTestId("appeal-author").waitFor();
    expect(await viewer.getByTestId("appeal-files").count()).toBe(0);
    await viewer.close();
    expect(problems).toEqual([]);
    await page.close();
  }, 180_000);
});
