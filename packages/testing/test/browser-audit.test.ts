/**
 * Issue 13 in the browser: the audit log is filtered by an action chosen by its sentence and by a
 * person chosen by name — searchable selects fed by GET /api/audit/filters — and shows only the
 * matching entries; no code or login is shown in the filter or the address is built from codes the
 * user never typed. No serious accessibility problem with the list open.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { startBrowserApp, type BrowserApp } from "../src/browser.ts";
import { axeProblems } from "../src/axe.ts";

let b: BrowserApp;
let executorId: string;

beforeAll(async () => {
  b = await startBrowserApp();
  // the executor changes a funding row; the economist and the co-executor act too (they sign in)
  const executor = await b.app.as("executor");
  await b.app.as("economy");
  await b.app.as("coexecutor");
  executorId = (await executor.get("/api/auth/me")).body.user.id;
  const mp1 = (await executor.get("/api/programs")).body.items.find((p: any) => p.code === "MP-1");
  const tree = (await executor.get(`/api/programs/${mp1.id}/tree`)).body;
  const funding = tree.directions.find((d: any) => d.code === "1").structuralElements[0].funding;
  for (const f of funding.slice(0, 2)) {
    const r = await executor.patch(`/api/funding/${f.id}`, { version: f.version, amount: "2000.00" });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
  }
}, 120_000);
afterAll(async () => {
  await b?.close();
});

/** Picks an option of a searchable select by typing part of its label, then clicking the option so named. */
async function pick(page: Page, testId: string, typed: string, option: string): Promise<void> {
  const input = page.getByTestId(testId);
  await input.click();
  await input.fill(typed);
  await page.getByRole("option", { name: option, exact: true }).click();
  await expect.poll(() => input.inputValue()).toBe(option);
}

const rows = (page: Page) =>
  page
    .getByTestId("audit-entry")
    .evaluateAll((trs) => trs.map((tr) => ({ action: tr.getAttribute("data-action"), who: tr.children[1]?.textContent ?? "" })));

describe("the audit log's filter", () => {
  it("by an action chosen by its sentence and a person chosen by name: only their entries", async () => {
    const page = await b.signedIn("audit");
    await page.goto(`${b.url}/audit`);
    await page.getByTestId("audit-entry").first().waitFor();
    // at first the whole log: several people and actions
    const all = await rows(page);
    expect(new Set(all.map((r) => r.who)).size).toBeGreaterThan(1);
    expect(new Set(all.map((r) => r.action)).size).toBeGreaterThan(1);

    // the person by a part of the name: «Исполн» also finds «Соисполнитель», the option is chosen by its name
    const actor = page.getByTestId("audit-actor");
    await actor.click();
    await actor.fill("исполн");
    const offered = await page.getByRole("option").allTextContents();
    expect(offered).toEqual(expect.arrayContaining(["Исполнитель", "Соисполнитель"]));
    expect(offered).not.toContain("Экономист");
    expect(await axeProblems(page)).toEqual([]);
    await page.getByRole("option", { name: "Исполнитель", exact: true }).click();
    await expect.poll(() => actor.inputValue()).toBe("Исполнитель");

    // the action by its sentence: no code is offered
    const action = page.getByTestId("audit-action");
    await action.click();
    const sentences = await page.getByRole("option").allTextContents();
    expect(sentences.length).toBeGreaterThan(1);
    for (const s of sentences) expect(s).not.toMatch(/^[a-zA-Z]+\.[a-zA-Z.]+$|«[a-zA-Z]+\.[a-zA-Z.]+»/);
    await page.keyboard.press("Escape");
    await pick(page, "audit-action", "финансов", "изменил(а) запись — Финансовое обеспечение");

    await page.getByRole("button", { name: "Показать" }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get("actorId")).toBe(executorId);
    expect(new URL(page.url()).searchParams.get("action")).toBe("funding.update");
    await expect.poll(async () => (await rows(page)).length).toBe(2);
    expect(await rows(page)).toEqual([
      { action: "funding.update", who: "Исполнитель" },
      { action: "funding.update", who: "Исполнитель" },
    ]);
    // the selects still show the sentence and the name after the page follows the address
    expect(await actor.inputValue()).toBe("Исполнитель");
    expect(await page.getByTestId("audit-action").inputValue()).toBe("изменил(а) запись — Финансовое обеспечение");

    // the person alone: every entry is theirs, of more than one action (the sign-in as well)
    await page.goto(`${b.url}/audit?actorId=${executorId}`);
    await page.getByTestId("audit-entry").first().waitFor();
    const theirs = await rows(page);
    expect(theirs.every((r) => r.who === "Исполнитель")).toBe(true);
    expect([...new Set(theirs.map((r) => r.action))]).toEqual(expect.arrayContaining(["login", "funding.update"]));

    // the system chosen in words
    await pick(page, "audit-actor", "сист", "система");
    await page.getByRole("button", { name: "Показать" }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get("actorKind")).toBe("system");
    await expect
      .poll(async () => {
        const r = await rows(page);
        return r.length > 0 && r.every((x) => x.who === "система");
      })
      .toBe(true);
    await page.context().close();
  });

  it("the history of one record, opened from its entry, names the record and shows no identifier", async () => {
    const page = await b.signedIn("audit");
    await page.goto(`${b.url}/audit?action=funding.update`);
    const entry = page.getByTestId("audit-entry").first();
    await entry.waitFor();
    const label = (await entry.locator("td").nth(3).textContent()) ?? "";
    await entry.getByRole("link", { name: "история" }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get("objectId")).toMatch(/^[0-9a-f-]{36}$/);
    await expect.poll(async () => (await rows(page)).length).toBeGreaterThan(0);
    const heading = (await page.getByTestId("object-label").textContent()) ?? "";
    expect(heading).toMatch(/^Финансовое обеспечение «/);
    expect(label).toContain(heading);
    // neither the heading nor the filter form shows the record's UUID
    const text = (await page.getByTestId("audit-page").innerText()) ?? "";
    expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/);
    await page.context().close();
  });
});
