/**
 * Regressions found by trying the app as a new user would (issue 2, "Done when"), each checked in
 * a real Chromium: the navigation of each role, the money unit of the municipality's currency,
 * printing of wide grids, the typed text quoted in a date error, the hint of an empty new row,
 * and the co-executor of a direction in the program structure.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { startBrowserApp, type BrowserApp } from "../src/browser.ts";
import type { Client } from "../src/api.ts";

let b: BrowserApp;
let api: Client;
let mp1: any;

beforeAll(async () => {
  b = await startBrowserApp();
  api = await b.app.as("economy");
  const list = await api.get("/api/programs");
  mp1 = list.body.items.find((p: any) => p.code === "MP-1");
}, 120_000);
afterAll(async () => {
  await b?.close();
});

async function openTab(page: Page, tab: string, programId = mp1.id): Promise<void> {
  await page.goto(`${b.url}/programs/${programId}?tab=${tab}`);
  await page.getByTestId("program-title").waitFor();
}

const navLinks = async (page: Page) =>
  (await page.getByRole("navigation", { name: "Разделы" }).getByRole("link").allTextContents()).map((s) => s.trim());

describe("what a new user meets", () => {
  it("the navigation offers the audit log and administration only to the roles that may open them", async () => {
    const expected: Record<string, { audit: boolean; admin: boolean }> = {
      admin: { audit: true, admin: true },
      economy: { audit: true, admin: false },
      audit: { audit: true, admin: false },
      finance: { audit: false, admin: false },
      executor: { audit: false, admin: false },
      coexecutor: { audit: false, admin: false },
      head: { audit: false, admin: false },
      viewer: { audit: false, admin: false },
    };
    for (const [role, want] of Object.entries(expected)) {
      const page = await b.signedIn(role);
      const links = await navLinks(page);
      expect(links, role).toContain("Муниципальные программы");
      expect(links.includes("Журнал изменений"), `${role}: audit log link`).toBe(want.audit);
      expect(links.includes("Администрирование"), `${role}: administration link`).toBe(want.admin);
      await page.context().close();
    }
  });

  it("funding is shown in thousands of the municipality's own currency: тыс. сом after the currency becomes KGS", async () => {
    const adminb = await b.app.as("adminb");
    const muni = (await adminb.get("/api/municipality")).body;
    const changed = await adminb.patch("/api/municipality", { version: muni.version, currency: "KGS" });
    expect(changed.status).toBe(200);
    const programB = (await adminb.get("/api/programs")).body.items[0];

    const page = await b.signedIn("adminb");
    await openTab(page, "funding", programB.id);
    await page.getByTestId("grid-funding").waitFor();
    await expect.poll(() => page.locator("#program-tab h3").first().textContent()).toBe("Финансовое обеспечение, тыс. сом");
    expect(await page.locator("main").textContent()).not.toContain("руб.");

    // Municipality A keeps its roubles; the action plan says so too.
    const a = await b.signedIn("economy");
    await openTab(a, "funding");
    await expect.poll(() => a.locator("#program-tab h3").first().textContent()).toBe("Финансовое обеспечение, тыс. руб.");
    // the element's name stands once, on its first source line, not on each of them
    const elementCells = await a.getByTestId("grid-funding").locator('tbody td[data-testid$="-element"]').allTextContents();
    expect(elementCells.length).toBeGreaterThan(4);
    expect(elementCells.filter((x) => x.trim() !== "").length).toBe(elementCells.length / 4);
    await a.goto(`${b.url}/plan`);
    await a.getByTestId("plan-funding").waitFor();
    await expect.poll(() => a.locator("main").textContent()).toContain("Финансирование мероприятий по годам и источникам, тыс. руб.");
    await page.context().close();
    await a.context().close();
  });

  it("printing a wide grid keeps every year column on the page: no scroll box, no draft row", async () => {
    const page = await b.signedIn("economy");
    await page.setViewportSize({ width: 1046, height: 800 }); // A4 landscape less the margins, at 96 dpi
    await openTab(page, "metrics");
    await page.getByTestId("grid-metrics").waitFor();
    const screen = await page.evaluate(() => {
      const scroll = document.querySelector('[data-testid="grid-metrics"] .grid-scroll') as HTMLElement;
      return { overflow: getComputedStyle(scroll).overflowX, wider: scroll.scrollWidth > scroll.clientWidth };
    });
    expect(screen).toEqual({ overflow: "auto", wider: true }); // on screen the grid scrolls

    await page.emulateMedia({ media: "print" });
    const printed = await page.evaluate(() => {
      const grid = document.querySelector('[data-testid="grid-metrics"]') as HTMLElement;
      const scroll = grid.querySelector(".grid-scroll") as HTMLElement;
      const table = grid.querySelector("table") as HTMLElement;
      const lastHeader = [...table.querySelectorAll("thead th")].pop() as HTMLElement;
      const draft = grid.querySelector<HTMLElement>("tr.draft");
      return {
        overflow: getComputedStyle(scroll).overflowX,
        tableRight: table.getBoundingClientRect().right,
        lastHeaderRight: lastHeader.getBoundingClientRect().right,
        page: document.documentElement.clientWidth,
        draftShown: draft ? getComputedStyle(draft).display !== "none" : false,
      };
    });
    expect(printed.overflow).toBe("visible");
    expect(printed.tableRight).toBeLessThanOrEqual(printed.page + 1);
    expect(printed.lastHeaderRight).toBeLessThanOrEqual(printed.page + 1);
    expect(printed.draftShown).toBe(false);
    await page.context().close();
  });

  it("a date that is no day of the calendar: the error beside the cell quotes what was typed, and nothing is saved", async () => {
    const page = await b.signedIn("executor");
    await openTab(page, "checkpoints");
    await page.getByTestId("grid-checkpoints").waitFor();
    const tree = (await api.get(`/api/programs/${mp1.id}/tree`)).body;
    const cp = tree.directions[0].structuralElements[0].checkpoints[0];
    const cell = page.getByTestId(`cell-${cp.id}-plannedDate`);
    await cell.click();
    await page.keyboard.press("F2");
    await cell.locator("input").fill("32.13.2026");
    await cell.locator("input").press("Enter");
    await expect.poll(() => page.getByTestId(`error-${cp.id}-plannedDate`).textContent()).toContain("«32.13.2026»");
    const after = (await api.get(`/api/programs/${mp1.id}/tree`)).body.directions[0].structuralElements[0].checkpoints.find(
      (c: any) => c.id === cp.id,
    );
    expect(after.plannedDate).toBe(cp.plannedDate);
    await page.context().close();
  });

  it("an empty new row says how to fill it; the hint goes once something is typed", async () => {
    const page = await b.signedIn("economy");
    await openTab(page, "passport");
    const goals = page.getByTestId("grid-goals");
    await goals.waitFor();
    expect(await goals.getByTestId("grid-add").isDisabled()).toBe(true);
    expect(await goals.getByTestId("grid-add-hint").textContent()).toContain("Заполните пустую строку");
    const codeCell = goals.getByTestId("cell-__new-code");
    await codeCell.click();
    await page.keyboard.press("F2");
    await codeCell.locator("input").fill("Ц9");
    await codeCell.locator("input").press("Enter");
    await expect.poll(() => goals.getByTestId("grid-add-hint").count()).toBe(0);
    expect(await goals.getByTestId("grid-add").isDisabled()).toBe(false);
    await page.context().close();
  });

  it("a saved value stays in its cell while the page reloads its data: the old value does not flash back", async () => {
    const page = await b.signedIn("executor");
    await openTab(page, "metrics");
    await page.getByTestId("grid-metrics").waitFor();
    const tree = (await api.get(`/api/programs/${mp1.id}/tree`)).body;
    const metric = tree.directions[0].structuralElements[0].metrics[0];
    const before = metric.metricValues.find((v: any) => v.year === 2027).plan;
    // hold the reload of the program after the save for a while
    let held = 0;
    await page.route("**/api/programs/*/tree?*", async (route) => {
      held++;
      await new Promise((r) => setTimeout(r, 1500));
      await route.continue();
    });
    const cell = page.getByTestId(`cell-${metric.id}-plan-2027`);
    await cell.click();
    await page.keyboard.press("F2");
    await cell.locator("input").fill("77,5");
    await cell.locator("input").press("Enter");
    await expect.poll(() => held).toBe(1); // saved, the reload is under way
    for (let i = 0; i < 5; i++) {
      expect((await cell.locator(".cell-value").textContent())?.trim()).toBe("77,5");
      await page.waitForTimeout(150);
    }
    // let the held reload go through before the route is removed (unroute alone would release it under the handler)
    await page.unrouteAll({ behavior: "wait" });
    await expect
      .poll(
        async () =>
          (await api.get(`/api/programs/${mp1.id}/tree`)).body.directions[0].structuralElements[0].metrics[0].metricValues.find(
            (v: any) => v.year === 2027,
          ).plan,
      )
      .toBe("77.5");
    expect(before).not.toBe("77.5");
    await page.reload();
    await page.getByTestId("grid-metrics").waitFor();
    expect((await cell.locator(".cell-value").textContent())?.trim()).toBe("77,5");
    await page.context().close();
  });

  it("the structure names each direction's co-executor", async () => {
    const page = await b.signedIn("viewer");
    await openTab(page, "structure");
    const tree = (await api.get(`/api/programs/${mp1.id}/tree`)).body;
    const d1 = tree.directions.find((d: any) => d.code === "1");
    await expect
      .poll(() => page.getByTestId(`node-${d1.id}`).locator(".node").first().textContent())
      .toContain("соисполнитель: Комитет по культуре");
    await page.context().close();
  });
});
