/**
 * A whole quarter of monitoring in a real Chromium (issue 4): the co-executor enters a fact below
 * plan, the checkpoint's actual date and its confirming document, tries to submit and sees the
 * justification demanded beside the cell, justifies and submits; the responsible executor is told
 * by the notification bell, returns the direction once with a comment (the co-executor, told by
 * the bell, submits again), accepts, compiles and submits; the finance department enters the cash
 * execution; the economy department, told by the bell, records its conclusion; the period shows
 * locked and a change is refused with the 6.16 message beside the cell. Then the control dashboard
 * shows the deviation and the charts.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { startBrowserApp, type BrowserApp } from "../src/browser.ts";
import type { Client } from "../src/api.ts";

let b: BrowserApp;
let admin: Client;
/** Signed in before the clock is set back to April 2026 (a session made "in the past" would have expired). */
let co: Page, ex: Page, fin: Page, eco: Page;
let tree: any;
let url = "";
let reportApi = "";
const PDF = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

beforeAll(async () => {
  b = await startBrowserApp();
  admin = await b.app.as("admin");
  co = await b.signedIn("coexecutor");
  ex = await b.signedIn("executor");
  fin = await b.signedIn("finance");
  eco = await b.signedIn("economy");
  // 220-п reports are due only for programs in force (issue 10): the fixture's are approved by a decree of 15 December 2024
  for (const x of (await admin.get("/api/programs")).body.items) {
    const r = await admin.post(`/api/programs/${x.id}/versions/in-force`, { decreeNumber: `${x.code}-п`, decreeDate: "2024-12-15" });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
  }
  // the quarter's work happens in April 2026 (the server's "today"; the co-executors' deadline is 20 April)
  b.app.ctx.now = () => new Date("2026-04-10T09:00:00Z");
  const p = (await admin.get("/api/programs")).body.items.find((x: any) => x.code === "MP-1");
  tree = (await admin.get(`/api/programs/${p.id}/tree`)).body;
  url = `${b.url}/monitoring?program=${tree.id}&year=2026&period=Q1`;
  reportApi = `/api/monitoring/programs/${tree.id}/reports/2026/Q1`;
}, 120_000);
afterAll(async () => {
  await b?.close();
});

const cell = (page: Page, rowKey: string, colKey: string, grid = "grid-facts") =>
  page.getByTestId(grid).getByTestId(`cell-${rowKey}-${colKey}`);

async function typeInto(page: Page, rowKey: string, colKey: string, value: string, grid = "grid-facts"): Promise<void> {
  await cell(page, rowKey, colKey, grid).click();
  await page.keyboard.press("F2");
  const input = cell(page, rowKey, colKey, grid).locator("input");
  await input.fill(value);
  await input.press("Enter");
}

async function openMonitoring(page: Page): Promise<void> {
  await page.goto(url);
  await page.getByTestId("report-title").waitFor();
  await page.getByTestId("grid-facts").waitFor();
}

async function report(): Promise<any> {
  return (await admin.get(reportApi)).body;
}

async function bellShows(page: Page, kind: string, title: RegExp): Promise<void> {
  await page.reload();
  await page.getByTestId("notifications-unread").waitFor();
  expect(Number(await page.getByTestId("notifications-unread").textContent())).toBeGreaterThan(0);
  await page.getByTestId("notifications-bell").click();
  const item = page
    .getByTestId("notifications-panel")
    .locator(`[data-testid="notification"][data-kind="${kind}"]`)
    .filter({ has: page.locator(".title", { hasText: title }) })
    .first();
  await item.waitFor();
  expect(await item.getAttribute("data-read")).toBe("false");
  const before = Number(await page.getByTestId("notifications-unread").textContent());
  await item.getByTestId("notification-read").click();
  await expect.poll(async () => item.getAttribute("data-read")).toBe("true");
  if (before > 1) await expect.poll(async () => Number(await page.getByTestId("notifications-unread").textContent())).toBe(before - 1);
  else await page.getByTestId("notifications-unread").waitFor({ state: "detached" });
  await page.keyboard.press("Escape");
}

describe("a quarter of monitoring in the browser", () => {
  it("from the co-executor's entry to the economy department's conclusion and the locked period", async () => {
    const d1 = tree.directions.find((d: any) => d.code === "1");
    const d2 = tree.directions.find((d: any) => d.code === "2");
    const metric = d1.structuralElements[0].metrics[0];
    const march = metric.metricMonths.find((m: any) => m.year === 2026 && m.month === 3);
    const marchKey = `${metric.id}:3`;
    const checkpoint = d1.structuralElements[0].checkpoints[0];

    // ---- the co-executor of direction 1 ----
    await co.getByRole("navigation", { name: "Разделы" }).getByRole("link", { name: "Мониторинг" }).click();
    await co.getByTestId("choose-program").waitFor();
    await co.goto(url);
    await co.getByTestId("report-title").waitFor();
    expect(await co.getByTestId("report-title").textContent()).toBe("MP-1: мониторинг за I квартал 2026 года");
    expect(await co.getByTestId("direction-state-1").getAttribute("data-state")).toBe("draft");
    // only its own direction's cells are editable; the plan is read-only
    expect(await cell(co, marchKey, "fact").getAttribute("aria-readonly")).toBe("false");
    expect(await cell(co, marchKey, "plan").getAttribute("aria-readonly")).toBe("true");
    expect(await cell(co, `${d2.structuralElements[0].metrics[0].id}:3`, "fact").getAttribute("aria-readonly")).toBe("true");
    expect(await co.getByTestId(`action-submitDirection-${d2.id}`).count()).toBe(0);

    // the fact of March, below the plan of 3
    await typeInto(co, marchKey, "fact", "2");
    await expect.poll(async () => (await admin.get(`/api/metric-months/${march.id}`)).body.fact).toBe("2");
    await co.getByTestId(`below-${marchKey}`).waitFor();
    // the checkpoint's actual date and its confirming document
    await typeInto(co, checkpoint.id, "actualDate", "19.03.2026", "grid-checkpoints");
    await expect.poll(async () => (await admin.get(`/api/checkpoints/${checkpoint.id}`)).body.actualDate).toBe("2026-03-19");
    const form = co.getByTestId("upload-form");
    await form.locator('select[name="checkpoint"]').selectOption(checkpoint.id);
    await form.locator('input[type="file"]').setInputFiles({ name: "Акт приемки.pdf", mimeType: "application/pdf", buffer: PDF });
    await form.locator('input[name="comment"]').fill("Акт от 19.03.2026");
    await form.getByRole("button", { name: "Загрузить документ" }).click();
    await co.getByTestId("upload-done").waitFor();
    await cell(co, checkpoint.id, "documents", "grid-checkpoints").getByRole("link", { name: "Акт приемки.pdf" }).waitFor();
    const docs = (await admin.get(`/api/monitoring/checkpoints/${checkpoint.id}/documents`)).body.items;
    expect(docs).toEqual([
      expect.objectContaining({
        filename: "Акт приемки.pdf",
        contentType: "application/pdf",
        comment: "Акт от 19.03.2026",
        createdByLogin: "coexecutor",
      }),
    ]);
    // a file of another type is refused with the server's message
    await form.locator('select[name="checkpoint"]').selectOption(checkpoint.id);
    await form
      .locator('input[type="file"]')
      .setInputFiles({ name: "картинка.gif", mimeType: "image/gif", buffer: Buffer.from("GIF89a\x01\x00\x01\x00") });
    await form.getByRole("button", { name: "Загрузить документ" }).click();
    await co.getByTestId("upload-error").waitFor();
    expect(await co.getByTestId("upload-error").textContent()).toMatch(/Недопустимый тип файла/);

    // submitting without a justification: refused, the message beside the cell
    await co.getByTestId(`action-submitDirection-${d1.id}`).click();
    await co.getByTestId(`justify-${marchKey}`).waitFor();
    expect(await co.getByTestId(`justify-${marchKey}`).textContent()).toMatch(/факт 2 ниже плана 3/);
    expect(await co.getByTestId("report-error").textContent()).toMatch(/6\.12/);
    expect((await report()).directions.find((d: any) => d.code === "1").state).toBe("draft");
    // the justification, then the submission
    await typeInto(co, marchKey, "justification", "Перенос сроков поставки оборудования");
    await co.getByTestId(`justify-${marchKey}`).waitFor({ state: "detached" });
    await co.getByTestId(`action-submitDirection-${d1.id}`).click();
    await expect.poll(async () => co.getByTestId("direction-state-1").getAttribute("data-state")).toBe("submitted");
    expect(await co.getByTestId("report-history").textContent()).toContain("Представить информацию по направлению");
    // submitted means frozen (issue 10): the co-executor's facts look read-only, the banner says who can return them
    await co.getByTestId("facts-frozen").waitFor();
    expect(await co.getByTestId("facts-frozen").textContent()).toMatch(
      /направление 1.*вернуть направление может ответственный исполнитель/,
    );
    expect(await cell(co, marchKey, "fact").getAttribute("aria-readonly")).toBe("true");
    expect(await cell(co, marchKey, "fact").getAttribute("title")).toMatch(/факты заморожены для соисполнителя/);

    // direction 2 is submitted by its co-executor (here through the API by the administrator)
    expect((await admin.post(`${reportApi}/transitions`, { action: "submitDirection", directionId: d2.id })).status).toBe(200);

    // ---- the responsible executor: told by the bell; accepts, compiles, submits ----
    await bellShows(
      ex,
      "report.submitDirection",
      /^Представить информацию по направлению: MP-1, мониторинг за I квартал 2026 года, направление 1/,
    );
    await openMonitoring(ex);
    expect(await ex.getByTestId("report-actions").textContent()).not.toContain("Сформировать");
    // returned once for rework with a comment; the co-executor is told and submits again
    await ex.getByTestId(`action-returnDirection-${d1.id}`).click();
    await ex.getByTestId("action-form").locator('textarea[name="comment"]').fill("Приложите акт по контрольной точке 1");
    await ex.getByTestId("action-confirm").click();
    await expect.poll(async () => ex.getByTestId("direction-state-1").getAttribute("data-state")).toBe("returned");
    await bellShows(
      co,
      "report.returnDirection",
      /^Вернуть направление на доработку: MP-1, мониторинг за I квартал 2026 года, направление 1/,
    );
    await openMonitoring(co);
    expect(await co.getByTestId("report-history").textContent()).toContain("Приложите акт по контрольной точке 1");
    // returned, the facts are open to the co-executor again
    expect(await cell(co, marchKey, "fact").getAttribute("aria-readonly")).toBe("false");
    expect(await co.getByTestId("facts-frozen").count()).toBe(0);
    await co.getByTestId(`action-submitDirection-${d1.id}`).click();
    await expect.poll(async () => co.getByTestId("direction-state-1").getAttribute("data-state")).toBe("submitted");
    await ex.reload();
    await ex.getByTestId("report-title").waitFor();
    await ex.getByTestId(`action-acceptDirection-${d1.id}`).click();
    await expect.poll(async () => ex.getByTestId("direction-state-1").getAttribute("data-state")).toBe("accepted");
    await ex.getByTestId(`action-acceptDirection-${d2.id}`).click();
    await expect.poll(async () => ex.getByTestId("direction-state-2").getAttribute("data-state")).toBe("accepted");
    await ex.getByTestId("action-compile").click();
    await expect.poll(async () => ex.getByTestId("report-state").getAttribute("data-state")).toBe("compiled");
    await ex.getByTestId("action-submit").click();
    await expect.poll(async () => ex.getByTestId("report-state").getAttribute("data-state")).toBe("submitted");

    // ---- the finance department: cash execution of the first quarter ----
    await openMonitoring(fin);
    const q1 = d1.budgetExecution.find((x: any) => x.year === 2026 && x.quarter === 1 && x.source === "local");
    expect(await cell(fin, marchKey, "fact").getAttribute("aria-readonly")).toBe("true");
    await typeInto(fin, q1.id, "cash", "300,25", "grid-budget-1");
    await expect.poll(async () => (await admin.get(`/api/budget-execution/${q1.id}`)).body.cash).toBe("300.25");
    // a new row of each: the regional budget's schedule of the year (from 1 January) and its cash of the first quarter
    const fillDraft = async (testId: string, cells: readonly (readonly [string, string])[]) => {
      const grid = fin.getByTestId(testId);
      const draft = grid.getByTestId("row-new");
      for (const [col, v] of cells) {
        const editor = draft.getByTestId(`cell-__new-${col}`).locator("input, select");
        // the grid re-renders when the former row's save comes back: open the editor again until it is there
        await expect
          .poll(
            async () => {
              if ((await editor.count()) === 0) {
                await draft.getByTestId(`cell-__new-${col}`).click();
                await fin.keyboard.press("F2");
              }
              return editor.count();
            },
            { timeout: 30_000 },
          )
          .toBe(1);
        if (col === "source") await editor.selectOption({ label: v });
        else {
          await editor.fill(v);
          await editor.press("Enter");
        }
      }
      await grid.getByTestId("grid-add").click();
    };
    await fillDraft("grid-budget-schedule-1", [
      ["source", "Областной бюджет"],
      ["amount", "250,25"],
      ["effectiveDate", "01.01.2026"],
      ["reason", "решение о бюджете"],
    ]);
    await expect
      .poll(async () => {
        const t = (await admin.get(`/api/programs/${tree.id}/tree`)).body;
        return (
          t.directions.find((d: any) => d.code === "1").budgetSchedule.find((x: any) => x.year === 2026 && x.source === "regional")
            ?.amount ?? null
        );
      })
      .toBe("250.25");
    await fillDraft("grid-budget-1", [
      ["quarter", "1"],
      ["source", "Областной бюджет"],
      ["cash", "50"],
    ]);
    await expect
      .poll(async () => {
        const t = (await admin.get(`/api/programs/${tree.id}/tree`)).body;
        return (
          t.directions
            .find((d: any) => d.code === "1")
            .budgetExecution.find((x: any) => x.year === 2026 && x.quarter === 1 && x.source === "regional")?.cash ?? null
        );
      })
      .toBe("50.00");
    // the quarter's figures: the year's schedule in force at its end (1000.50 + 250.25), cash to date (300.25 + 50), the rate 28 %
    await expect
      .poll(async () => (await fin.getByTestId("budget-summary-1").locator("tbody tr").first().textContent())?.replace(/\s/g, ""))
      .toBe("11250,75350,2528%");
    // a structural element has its own block (no figures yet)
    await fin.getByTestId("grid-budget-schedule-1.1").waitFor();

    // ---- the economy department: told by the bell; records its conclusion ----
    b.app.ctx.now = () => new Date("2026-04-28T10:00:00Z");
    await bellShows(eco, "report.submit", /^Представить отчет: MP-1, мониторинг за I квартал 2026 года/);
    await openMonitoring(eco);
    await eco.getByTestId("action-control").click();
    // a conclusion is required
    await eco.getByTestId("action-confirm").click();
    await eco.getByTestId("action-form").getByRole("alert").waitFor();
    expect(await eco.getByTestId("action-form").getByRole("alert").textContent()).toMatch(/Укажите заключение управления экономики/);
    await eco
      .getByTestId("action-form")
      .locator("textarea")
      .fill("Параметры мониторинга соответствуют плану; отклонение по показателю П1 обосновано.");
    await eco.getByTestId("action-confirm").click();
    await expect.poll(async () => eco.getByTestId("report-state").getAttribute("data-state")).toBe("controlled");
    await eco.getByTestId("period-locked").waitFor();
    expect(await eco.getByTestId("period-locked").textContent()).toMatch(/мониторинг за I квартал 2026 года.*6\.16/);
    expect(await eco.getByTestId("economy-conclusion").textContent()).toContain("отклонение по показателю П1 обосновано");
    const history = (await report()).transitions.map((t: any) => `${t.actorLogin}:${t.action}`);
    expect(history).toEqual([
      "coexecutor:submitDirection",
      "admin:submitDirection",
      "executor:returnDirection",
      "coexecutor:submitDirection",
      "executor:acceptDirection",
      "executor:acceptDirection",
      "executor:compile",
      "executor:submit",
      "economy:control",
    ]);
    expect(await eco.getByTestId("report-history").locator("tbody tr").count()).toBe(9);

    // ---- the period is locked: its cells look read-only, with the reason, before anyone types (issue 10) ----
    await openMonitoring(co);
    await co.getByTestId("period-locked").waitFor();
    const locked = cell(co, marchKey, "fact");
    expect(await locked.getAttribute("aria-readonly")).toBe("true");
    expect(await locked.getAttribute("title")).toMatch(/мониторинг за I квартал 2026 года.*220-п п\. 6\.16/);
    await locked.click();
    await co.keyboard.press("F2");
    expect(await locked.locator("input").count()).toBe(0);
    // the server refuses it anyway, whoever sends it
    const direct = await admin.patch(`/api/metric-months/${march.id}`, {
      version: (await admin.get(`/api/metric-months/${march.id}`)).body.version,
      fact: "3",
    });
    expect(direct.status).toBe(422);
    expect(direct.body.error.message).toMatch(/мониторинг за I квартал 2026 года закрыт.*220-п п\. 6\.16/);
    expect((await admin.get(`/api/metric-months/${march.id}`)).body.fact).toBe("2");
    // and the finance department's too
    await openMonitoring(fin);
    await fin.getByTestId("period-locked").waitFor();
    const cash = cell(fin, q1.id, "cash", "grid-budget-1");
    expect(await cash.getAttribute("aria-readonly")).toBe("true");
    expect(await cash.getAttribute("title")).toMatch(/6\.16/);

    // ---- the executor is told of the conclusion ----
    await bellShows(ex, "report.control", /^Заключение управления экономики: MP-1, мониторинг за I квартал 2026 года/);
  }, 240_000);

  it("the control dashboard: my tasks with overdue ones flagged, deviations above a threshold, overdue checkpoints, charts", async () => {
    b.app.ctx.now = () => new Date("2026-07-22T09:00:00Z");
    await co.goto(b.url);
    await co.getByRole("navigation", { name: "Разделы" }).getByRole("link", { name: "Контроль" }).click();
    await co.getByTestId("my-tasks").locator('[data-testid="task"]').first().waitFor();
    const tasks = co.getByTestId("my-tasks").locator('[data-testid="task"]');
    const texts = await tasks.allTextContents();
    // Q2 2026 of MP-1 direction 1: due 20 July, overdue on 22 July
    const q2 = texts.find((x) => /MP-1, мониторинг за I полугодие 2026 года, направление 1/.test(x));
    expect(q2).toMatch(/20\.07\.2026/);
    expect(q2).toMatch(/просрочено/);
    expect(await co.getByTestId("my-tasks").locator("tr.deadline.overdue").count()).toBeGreaterThan(0);

    // the metric off plan by 33 %: shown with a threshold of 20, not with 40
    const panel = co.getByTestId("metrics-off-plan");
    await panel.getByTestId("off-plan-year").selectOption("2026");
    await panel.getByTestId("threshold").fill("20");
    // the rows of the former year and threshold stay until the new ones are loaded
    const row = () => panel.getByTestId("off-plan-row").first().textContent();
    await expect.poll(row).toMatch(/П1/);
    await expect.poll(row).toMatch(/-33,33/);
    await expect.poll(row).toMatch(/Перенос сроков поставки оборудования/);
    await panel.getByTestId("threshold").fill("40");
    await panel.getByTestId("off-plan-none").waitFor();

    // overdue checkpoints: MP-1 direction 1's first one has its actual date, the June one does not
    // each panel loads on its own: wait for the June checkpoint before reading the list
    const cps = () => co.getByTestId("overdue-checkpoints").locator('[data-testid="overdue-checkpoint"]').allTextContents();
    await expect.poll(async () => (await cps()).some((x) => x.includes("MP-1") && x.includes("20.06.2026"))).toBe(true);
    expect((await cps()).some((x) => x.includes("MP-1, напр. 1") && x.includes("20.03.2026"))).toBe(false);
    await expect.poll(() => co.getByTestId("overdue-reports").locator('[data-testid="overdue-group"]').count()).toBeGreaterThan(0);

    // charts: a metric by month and the program by quarter, drawn as SVG
    await co.getByTestId("chart-year").selectOption("2026");
    const metricChart = co.getByTestId("chart-metric");
    await metricChart.locator("svg").first().waitFor();
    const factRow = metricChart.locator('tr[data-series="Факт"] td');
    await expect.poll(async () => factRow.nth(2).textContent()).toBe("2");
    expect(await metricChart.locator('tr[data-series="План"] td').nth(2).textContent()).toBe("3");
    const programChart = co.getByTestId("chart-program");
    await programChart.locator("svg").first().waitFor();
    // Q1 of 2026: schedule 1000.50 × 2 directions + 250.25 regional; cash 300.25 + 50 + 200.10
    await expect.poll(async () => programChart.locator('tr[data-series="Роспись"] td').first().textContent()).toBe("2\u00a0251,25");
    expect(await programChart.locator('tr[data-series="Кассовое исполнение"] td').first().textContent()).toBe("550,35");
  }, 120_000);
});
