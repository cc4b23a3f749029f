/**
 * The program page in a real Chromium: editing a metric in the grid, pasting a block from Excel
 * (one batch, all or nothing), errors beside the cell, read-only for a viewer, the 409 banner,
 * and building a small program from scratch.
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

async function tree(): Promise<any> {
  const r = await api.get(`/api/programs/${mp1.id}/tree`);
  expect(r.status).toBe(200);
  return r.body;
}

/** Metrics of MP-1 by code: { id, values by year }. */
async function metrics(): Promise<Record<string, any>> {
  const t = await tree();
  const out: Record<string, any> = {};
  for (const d of t.directions) for (const e of d.structuralElements) for (const m of e.metrics) out[m.code] = m;
  return out;
}

function valueOf(m: any, year: number): any {
  return m.metricValues.find((v: any) => v.year === year);
}

async function openTab(page: Page, tab: string, programId = mp1.id): Promise<void> {
  await page.goto(`${b.url}/programs/${programId}?tab=${tab}`);
  await page.getByTestId("program-title").waitFor();
  await page.getByTestId(`grid-${tab}`).waitFor();
}

const cell = (page: Page, rowKey: string, colKey: string) => page.getByTestId(`cell-${rowKey}-${colKey}`);
const text = async (page: Page, rowKey: string, colKey: string) =>
  ((await cell(page, rowKey, colKey).locator(".cell-value").textContent()) ?? "").replace(/\u00a0/g, " ").trim();

/** Type into a cell the way a user does: select it, type, Enter. */
async function typeInto(page: Page, rowKey: string, colKey: string, value: string): Promise<void> {
  await cell(page, rowKey, colKey).click();
  await page.keyboard.press("F2");
  const input = cell(page, rowKey, colKey).locator("input");
  await input.fill(value);
  await input.press("Enter");
}

/** Paste text as the clipboard `paste` event of a copied Excel block delivers it. */
async function pasteAt(page: Page, rowKey: string, colKey: string, tsv: string): Promise<void> {
  await cell(page, rowKey, colKey).click();
  await page.evaluate(
    ([testId, data]) => {
      const el = document.querySelector(`[data-testid="${testId}"]`)!;
      const dt = new DataTransfer();
      dt.setData("text/plain", data!);
      el.dispatchEvent(new ClipboardEvent("paste", { clipboardData: dt, bubbles: true, cancelable: true }));
    },
    [`cell-${rowKey}-${colKey}`, tsv],
  );
}

describe("program grids in a real Chromium", () => {
  it("an executor opens MP-1 from the list, changes a metric's plan in the grid, and sees it saved after reload", async () => {
    const page = await b.signedIn("executor");
    await page.getByRole("navigation", { name: "Разделы" }).getByRole("link", { name: "Муниципальные программы" }).click();
    await page.getByTestId("program-MP-1").getByRole("link", { name: "MP-1" }).click();
    await page.getByTestId("program-title").waitFor();
    expect(await page.getByTestId("program-title").textContent()).toContain("Программа А1");
    await page.getByRole("tab", { name: "Показатели структурных элементов" }).click();
    await page.getByTestId("grid-metrics").waitFor();
    const p1 = (await metrics())["П1"];
    expect(await text(page, p1.id, "plan-2026")).toBe("12");

    await typeInto(page, p1.id, "plan-2026", "15,5");
    await expect.poll(async () => valueOf((await metrics())["П1"], 2026).plan).toBe("15.5");
    await page.reload();
    await page.getByTestId("grid-metrics").waitFor();
    expect(await text(page, p1.id, "plan-2026")).toBe("15,5");
    await page.close();
  });

  it("a 2×2 block pasted from Excel is saved in one batch request and shown after reload", async () => {
    const page = await b.signedIn("executor");
    await openTab(page, "metrics");
    const m = await metrics();
    const requests: string[] = [];
    page.on("request", (r) => {
      if (r.url().includes("/api/") && r.method() !== "GET") requests.push(`${r.method()} ${new URL(r.url()).pathname}`);
    });
    // Russian decimal comma and a space between thousands, as Excel copies them; CRLF line ends.
    await pasteAt(page, m["П1"].id, "plan-2027", "20,5\t1 021\r\n30\t31,25\r\n");
    await expect.poll(async () => valueOf((await metrics())["П2"], 2027).fact).toBe("31.25");
    const after = await metrics();
    expect(valueOf(after["П1"], 2027)).toMatchObject({ plan: "20.5", fact: "1021" });
    expect(valueOf(after["П2"], 2027)).toMatchObject({ plan: "30", fact: "31.25" });
    expect(requests).toEqual(["POST /api/batch"]);
    await page.reload();
    await page.getByTestId("grid-metrics").waitFor();
    expect(await text(page, m["П1"].id, "plan-2027")).toBe("20,5");
    expect(await text(page, m["П1"].id, "fact-2027")).toBe("1021");
    expect(await text(page, m["П2"].id, "plan-2027")).toBe("30");
    expect(await text(page, m["П2"].id, "fact-2027")).toBe("31,25");
    await page.close();
  });

  it("an invalid value shows the server's message beside the cell, keeps what was typed, and saves nothing", async () => {
    const page = await b.signedIn("executor");
    await openTab(page, "metrics");
    const m = await metrics();
    const before = valueOf(m["П1"], 2028).plan;
    await typeInto(page, m["П1"].id, "plan-2028", "abc");
    const err = page.getByTestId(`error-${m["П1"].id}-plan-2028`);
    await err.waitFor();
    expect(await err.textContent()).toContain("не является числом");
    expect(await cell(page, m["П1"].id, "plan-2028").getAttribute("class")).toContain("invalid");
    expect(await text(page, m["П1"].id, "plan-2028")).toBe("abc");
    expect(valueOf((await metrics())["П1"], 2028).plan).toBe(before);

    // Funding: a negative amount typed into a cell
    await openTab(page, "funding");
    const t = await tree();
    const element = t.directions.find((d: any) => d.code === "1").structuralElements[0];
    const local2026 = element.funding.find((f: any) => f.year === 2026 && f.source === "local");
    const rowKey = `${element.id}:local`;
    expect(await text(page, rowKey, "y2026")).toBe("1 000,50");
    await typeInto(page, rowKey, "y2026", "-5");
    const ferr = page.getByTestId(`error-${rowKey}-y2026`);
    await ferr.waitFor();
    expect(await ferr.textContent()).toContain("не может быть отрицательной");
    expect(await text(page, rowKey, "y2026")).toBe("-5");
    const again = (await tree()).directions
      .find((d: any) => d.code === "1")
      .structuralElements[0].funding.find((f: any) => f.id === local2026.id);
    expect(again).toMatchObject({ amount: "1000.50", version: local2026.version });
    await page.close();
  });

  it("a pasted block with one bad cell is refused whole: the error stands beside that cell and no value is written", async () => {
    const page = await b.signedIn("executor");
    await openTab(page, "funding");
    const element = (await tree()).directions.find((d: any) => d.code === "1").structuralElements[0];
    const rowKey = `${element.id}:local`;
    const before = element.funding
      .filter((f: any) => f.source === "local" && (f.year === 2029 || f.year === 2030))
      .map((f: any) => f.amount);
    await pasteAt(page, rowKey, "y2029", "777,77\t12,345\n");
    const err = page.getByTestId(`error-${rowKey}-y2030`);
    await err.waitFor();
    expect(await err.textContent()).toContain("не более 2 знаков");
    expect(await page.getByTestId("grid-banner").textContent()).toContain("ни одно значение не записано");
    const after = (await tree()).directions
      .find((d: any) => d.code === "1")
      .structuralElements[0].funding.filter((f: any) => f.source === "local" && (f.year === 2029 || f.year === 2030))
      .map((f: any) => f.amount);
    expect(after).toEqual(before);
    // The total is exact (bigint): 6 × 1000.50 + 6 × 250.25 for element 1.1 and the same for 2.1.
    expect(((await page.getByTestId("total-4-total").textContent()) ?? "").replace(/\u00a0/g, " ")).toMatch(/^\d[\d ]*,\d\d$/);
    await page.close();
  });

  it("keyboard: arrows move the selection, Escape cancels an edit, Tab commits and moves right", async () => {
    const page = await b.signedIn("executor");
    await openTab(page, "metrics");
    const m = await metrics();
    const id = m["П1"].id;
    await cell(page, id, "plan-2029").click();
    await page.keyboard.press("ArrowRight");
    await expect.poll(() => cell(page, id, "fact-2029").getAttribute("aria-selected")).toBe("true");
    await page.keyboard.press("ArrowLeft");
    await expect.poll(() => cell(page, id, "plan-2029").getAttribute("aria-selected")).toBe("true");
    await page.keyboard.type("99");
    await page.keyboard.press("Escape");
    await expect.poll(() => text(page, id, "plan-2029")).toBe(String(valueOf(m["П1"], 2029).plan));
    await page.keyboard.type("42");
    await page.keyboard.press("Tab");
    await expect.poll(() => cell(page, id, "fact-2029").getAttribute("aria-selected")).toBe("true");
    await expect.poll(async () => valueOf((await metrics())["П1"], 2029).plan).toBe("42");
    await page.close();
  });

  it("a viewer sees the grids read-only: no editor opens, nothing to add", async () => {
    const page = await b.signedIn("viewer");
    await openTab(page, "metrics");
    const m = await metrics();
    const c = cell(page, m["П1"].id, "plan-2030");
    expect(await c.getAttribute("aria-readonly")).toBe("true");
    expect(await page.locator('[data-testid="grid-metrics"] td.editable').count()).toBe(0);
    await c.click();
    await page.keyboard.press("Enter");
    await page.keyboard.type("5");
    expect(await c.locator("input").count()).toBe(0);
    expect(await page.getByTestId("grid-add").count()).toBe(0);
    await openTab(page, "funding");
    expect(await page.locator('[data-testid="grid-funding"] td.editable').count()).toBe(0);
    await page.close();
  });

  it("a co-executor edits the metrics of their own direction only; the passport is read-only for them", async () => {
    const page = await b.signedIn("coexecutor");
    await openTab(page, "metrics");
    const m = await metrics();
    // П1 is in direction 1 (co-executor «Комитет по культуре»), П2 in direction 2 (another co-executor)
    expect(await cell(page, m["П1"].id, "plan-2030").getAttribute("aria-readonly")).toBe("false");
    expect(await cell(page, m["П2"].id, "plan-2030").getAttribute("aria-readonly")).toBe("true");
    await openTab(page, "passport");
    expect(await page.locator('[data-testid="grid-passport"] td.editable').count()).toBe(0);
    await page.close();
  });

  it("a block pasted into the monthly plan creates the months not yet entered and updates the others, in one batch", async () => {
    const page = await b.signedIn("executor");
    await page.goto(`${b.url}/programs/${mp1.id}?tab=monthly`);
    await page.getByTestId("grid-monthly").waitFor();
    await page.getByTestId("monthly-year").selectOption("2026");
    const m = await metrics();
    const requests: string[] = [];
    page.on("request", (r) => {
      if (r.url().includes("/api/") && r.method() !== "GET") requests.push(`${r.method()} ${new URL(r.url()).pathname}`);
    });
    // months 1, 2 are new; month 3 exists (plan 3)
    await pasteAt(page, m["П1"].id, "m1", "1\t2\t3,5");
    const months = async () =>
      ((await metrics())["П1"].metricMonths as any[])
        .filter((x) => x.year === 2026)
        .map((x) => `${x.month}:${x.plan}`)
        .sort((a, b) => parseInt(a) - parseInt(b));
    await expect.poll(months).toEqual(["1:1", "2:2", "3:3.5", "6:6", "9:9", "12:12"]);
    expect(requests).toEqual(["POST /api/batch"]);
    expect(await text(page, m["П1"].id, "m3")).toBe("3,5");
    await page.close();
  });

  it("a stale edit (someone else saved in between) shows the conflict banner and the current data instead of overwriting", async () => {
    const page = await b.signedIn("executor");
    await openTab(page, "metrics");
    const m = await metrics();
    const v = valueOf(m["П2"], 2030);
    const other = await api.patch(`/api/metric-values/${v.id}`, { version: v.version, plan: "500" });
    expect(other.status).toBe(200);
    await typeInto(page, m["П2"].id, "plan-2030", "600");
    const banner = page.getByTestId("grid-banner");
    await banner.waitFor();
    expect(await banner.textContent()).toContain("Данные изменены другим пользователем");
    expect(await banner.textContent()).toContain("500");
    await expect.poll(() => text(page, m["П2"].id, "plan-2030")).toBe("500");
    expect(valueOf((await metrics())["П2"], 2030).plan).toBe("500");
    await page.close();
  });

  it("economy builds a small program from scratch: program, direction, element, task, activity, metric, checkpoint, funding", async () => {
    const page = await b.signedIn("economy");
    await page.goto(`${b.url}/programs`);
    await page.getByRole("button", { name: "Новая программа" }).click();
    const form = page.getByTestId("new-program");
    // First a program of 3 years: the decree's minimum of 6 years is named beside the field.
    await form.locator('input[name="code"]').fill("MP-9");
    await form.locator('input[name="name"]').fill("Программа с нуля");
    const deps = (await api.get("/api/departments")).body.items;
    const education = deps.find((d: any) => d.name === "Управление образования");
    const culture = deps.find((d: any) => d.name === "Комитет по культуре");
    await form.locator('select[name="responsibleDepartmentId"]').selectOption(education.id);
    await form.locator('input[name="startYear"]').fill("2025");
    await form.locator('input[name="endYear"]').fill("2027");
    await form.getByRole("button", { name: "Создать программу" }).click();
    await form.getByRole("alert").first().waitFor();
    expect(await form.textContent()).toMatch(/6 лет/);
    await form.locator('input[name="endYear"]').fill("2030");
    await form.getByRole("button", { name: "Создать программу" }).click();
    await page.getByTestId("program-title").waitFor();
    expect(await page.getByTestId("program-title").textContent()).toContain("MP-9");
    const programId = page.url().split("/programs/")[1]!.split("?")[0]!;

    // Structure: direction → element → task → activity
    await page.getByTestId("tab-structure").click();
    await page.getByRole("button", { name: "Добавить направление" }).click();
    const dir = page.getByTestId("add-direction");
    await dir.locator('input[name="code"]').fill("1");
    await dir.locator('input[name="name"]').fill("Развитие образования");
    await dir.locator('select[name="coExecutorDepartmentId"]').selectOption(culture.id);
    await dir.getByRole("button", { name: "Создать" }).click();
    await page.getByText("1 Развитие образования").waitFor();
    await page.getByRole("button", { name: "+ Добавить структурный элемент" }).click();
    const el = page.getByTestId("add-structuralElement");
    await el.locator('input[name="code"]').fill("1.1");
    await el.locator('input[name="name"]').fill("Комплекс процессных мероприятий «Школы»");
    await el.getByRole("button", { name: "Создать" }).click();
    await page.getByText("1.1 Комплекс процессных мероприятий «Школы»").waitFor();
    await page.getByRole("button", { name: "+ Добавить задачу" }).click();
    const task = page.getByTestId("add-elementTask");
    await task.locator('input[name="code"]').fill("1");
    await task.locator('input[name="name"]').fill("Обеспечить доступность");
    await task.getByRole("button", { name: "Создать" }).click();
    await page.getByText("1 Обеспечить доступность").waitFor();
    await page.getByRole("button", { name: "+ Добавить мероприятие" }).click();
    const act = page.getByTestId("add-elementActivity");
    await act.locator('input[name="code"]').fill("1.1");
    await act.locator('input[name="name"]').fill("Ремонт школ");
    await act.getByRole("button", { name: "Создать" }).click();
    await page.getByText("1.1 Ремонт школ").waitFor();

    // Metric: through the grid's new row; without a unit the server names the field beside the cell
    await page.getByTestId("tab-metrics").click();
    await page.getByTestId("grid-metrics").waitFor();
    const draft = (col: string) => page.getByTestId(`cell-__new-${col}`);
    const typeDraft = async (col: string, value: string) => {
      await draft(col).click();
      await page.keyboard.press("Enter");
      await draft(col).locator("input").fill(value);
      await draft(col).locator("input").press("Tab");
    };
    const chooseDraft = async (col: string, label: string) => {
      await draft(col).click();
      await page.keyboard.press("Enter");
      await draft(col).locator("select").selectOption({ label });
    };
    await chooseDraft("elementId", "1.1 Комплекс процессных мероприятий «Школы»");
    await typeDraft("code", "П1");
    await typeDraft("name", "Доля отремонтированных школ");
    await chooseDraft("trend", "рост");
    await chooseDraft("level", "МП");
    await page.getByTestId("grid-add").click();
    await page.getByTestId("error-__new-unit").waitFor();
    expect(await page.getByTestId("error-__new-unit").textContent()).toContain("Единица измерения");
    await typeDraft("unit", "%");
    await page.getByTestId("grid-add").click();
    await expect.poll(async () => await page.locator('[data-testid="grid-metrics"] tbody tr').count()).toBe(2);
    const t1 = (await api.get(`/api/programs/${programId}/tree`)).body;
    const element = t1.directions[0].structuralElements[0];
    const metric = element.metrics[0];
    expect(metric).toMatchObject({ code: "П1", unit: "%", trend: "increase", level: "МП" });
    await typeInto(page, metric.id, "plan-2026", "25");
    await expect
      .poll(async () => (await api.get(`/api/metric-values?metricId=${metric.id}`)).body.items.map((v: any) => `${v.year}:${v.plan}`))
      .toEqual(["2026:25"]);

    // Checkpoint: the activity's single checkpoint on 31 December is warned about beside it
    await page.getByTestId("tab-checkpoints").click();
    await page.getByTestId("grid-checkpoints").waitFor();
    await chooseDraft("activityId", "1.1: 1.1 Ремонт школ");
    await typeDraft("name", "Подписан акт приемки");
    await typeDraft("plannedDate", "31.12.2026");
    await page.getByTestId("grid-add").click();
    const activity = element.elementTasks[0].elementActivities[0];
    const warn = page.getByTestId(`activity-${activity.id}`);
    await expect.poll(async () => (await warn.textContent()) ?? "").toContain("31 декабря");

    // Funding: an amount for 2026 from the local budget, totals exact
    await page.getByTestId("tab-funding").click();
    await page.getByTestId("grid-funding").waitFor();
    await typeInto(page, `${element.id}:local`, "y2026", "1 234,56");
    await expect.poll(async () => ((await page.getByTestId("total-4-y2026").textContent()) ?? "").replace(/\u00a0/g, " ")).toBe("1 234,56");
    await typeInto(page, `${element.id}:regional`, "y2026", "0,44");
    await expect.poll(async () => ((await page.getByTestId("total-4-total").textContent()) ?? "").replace(/\u00a0/g, " ")).toBe("1 235,00");
    const funding = (await api.get(`/api/funding?elementId=${element.id}`)).body.items
      .map((f: any) => `${f.year}:${f.source}:${f.amount}`)
      .sort();
    expect(funding).toEqual(["2026:local:1234.56", "2026:regional:0.44"]);
    await page.close();
  });

  it("an approved program says so before anyone types: its content cells are read-only with the reason, its facts stay open; an amendment opens them", async () => {
    const mp2 = (await api.get("/api/programs")).body.items.find((p: any) => p.code === "MP-2");
    expect((await api.post(`/api/programs/${mp2.id}/versions/in-force`, { decreeNumber: "77-п", decreeDate: "2025-12-20" })).status).toBe(
      201,
    );
    const t2 = (await api.get(`/api/programs/${mp2.id}/tree`)).body;
    // MP-2's direction 2 is the co-executor's («Комитет по культуре»)
    const p2 = t2.directions.find((d: any) => d.code === "2").structuralElements[0].metrics[0];
    const page = await b.signedIn("coexecutor");
    await openTab(page, "metrics", mp2.id);
    const banner = page.getByTestId("content-mode");
    expect(await banner.getAttribute("data-mode")).toBe("inForce");
    expect(await banner.textContent()).toMatch(/Действующая редакция 1 \(постановление № 77-п от 20\.12\.2025\).*только для чтения/);
    const plan = cell(page, p2.id, "plan-2030");
    expect(await plan.getAttribute("aria-readonly")).toBe("true");
    expect(await plan.getAttribute("title")).toMatch(/только для чтения.*проектом изменений/);
    // the record of execution is not content: the fact stays editable for its co-executor
    expect(await cell(page, p2.id, "fact-2026").getAttribute("aria-readonly")).toBe("false");
    expect(await cell(page, p2.id, "fact-2026").getAttribute("title")).toBeNull();
    await plan.click();
    await page.keyboard.press("F2");
    expect(await plan.locator("input").count()).toBe(0);
    // a pasted block into the plan is refused before any request, with the reason
    await pasteAt(page, p2.id, "plan-2029", "15");
    await expect
      .poll(async () => (await page.getByTestId("grid-banner").textContent()) ?? "")
      .toMatch(/Вставка невозможна.*только для чтения/);

    // an amendment opened: the content is its working copy and may change
    const admin = await b.app.as("admin");
    expect((await admin.post(`/api/programs/${mp2.id}/versions`, {})).status).toBe(201);
    await openTab(page, "metrics", mp2.id);
    await expect.poll(() => page.getByTestId("content-mode").getAttribute("data-mode")).toBe("amendment");
    expect(await cell(page, p2.id, "plan-2030").getAttribute("aria-readonly")).toBe("false");
    await page.close();
  });
});
