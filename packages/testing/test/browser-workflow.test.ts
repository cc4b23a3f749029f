/**
 * The approval of an amendment in a real Chromium (issue 6): the economy department registers the
 * version of MP-1 in force; its executor starts an amendment, changes a funding value in the grid,
 * gives the reason in the explanatory note and sends the draft to review; the economy department
 * returns it with a negative conclusion and a remark; the executor resubmits; economy, finance and
 * the audit chamber give positive conclusions; the head approves it by a decree; the version page
 * shows the changed value side by side; the audit log shows every step.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { startBrowserApp, type BrowserApp } from "../src/browser.ts";
import type { Client } from "../src/api.ts";

let b: BrowserApp;
let api: Client;
let mp1: any;
let draftVersionId = "";
let workflowId = "";
/** A browser step signs in and walks several pages: more than the default 30 s on a busy machine. */
const STEP_TIMEOUT = 120_000;
const FUNDING_PATH = "directions[1].elements[1.1].funding[2027:local].amount";

beforeAll(async () => {
  b = await startBrowserApp();
  api = await b.app.as("admin");
  mp1 = (await api.get("/api/programs")).body.items.find((p: any) => p.code === "MP-1");
}, 120_000);
afterAll(async () => {
  await b?.close();
});

const norm = (s: string | null) =>
  (s ?? "")
    .replace(/\u00a0/g, " ")
    .replace(/\s+/g, " ")
    .trim();

async function openVersions(page: Page): Promise<void> {
  await page.goto(`${b.url}/programs/${mp1.id}/versions`);
  await page.getByTestId("versions-title").waitFor();
}

async function state(page: Page): Promise<string> {
  return norm(await page.getByTestId("workflow-2").getByTestId("workflow-state").textContent());
}

/** Opens the form of a step, fills its inputs, submits it and waits for the new state. */
async function takeStep(page: Page, action: string, fill: Record<string, string>, expectedState: string): Promise<void> {
  const panel = page.getByTestId("workflow-2");
  await panel.getByTestId(`action-${action}`).click();
  const form = panel.getByTestId(`step-form-${action}`);
  for (const [name, value] of Object.entries(fill)) await form.locator(`[name="${name}"]`).fill(value);
  await form.getByTestId("step-submit").click();
  await expect.poll(() => state(page)).toBe(expectedState);
}

describe("an amendment of MP-1 walked through every review in the browser", () => {
  it(
    "the economy department registers the version in force by its decree",
    async () => {
      const page = await b.signedIn("economy");
      await openVersions(page);
      expect(norm(await page.getByTestId("in-force").textContent())).toBe("Утвержденной редакции пока нет.");
      // the economy department prepares no draft of a program: no button to start one
      expect(await page.getByTestId("start-draft").count()).toBe(0);
      const form = page.getByTestId("register-in-force");
      await form.locator('[name="decreeNumber"]').fill("100-п");
      await form.locator('input[data-name="decreeDate"]').fill("2025-12-20");
      await form.getByRole("button", { name: "Зарегистрировать действующую редакцию" }).click();
      await expect.poll(async () => norm(await page.getByTestId("in-force").textContent())).toBe("Действующая редакция: 1");
      expect(norm(await page.getByTestId("version-1").textContent())).toContain("№ 100-п от 20.12.2025");
      await page.context().close();
    },
    STEP_TIMEOUT,
  );

  it(
    "the executor starts an amendment, changes a funding value and cannot send it without a reason",
    async () => {
      const page = await b.signedIn("executor");
      // from the navigation: the queue is empty, the program's versions are one click from its list
      await page.getByRole("navigation", { name: "Разделы" }).getByRole("link", { name: "Согласование" }).click();
      await page.getByTestId("queue-empty").waitFor();
      await openVersions(page);
      await page.getByTestId("start-draft").click();
      await page.getByTestId("version-title").waitFor();
      expect(norm(await page.getByTestId("version-title").textContent())).toContain("Редакция 2");
      draftVersionId = new URL(page.url()).pathname.split("/").pop()!;
      expect(await page.getByTestId("diff-none").textContent()).toBe("Различий нет.");

      // change the 2027 local funding of element 1.1 in the program's grid
      const el = (await api.get(`/api/programs/${mp1.id}/tree`)).body.directions.find((d: any) => d.code === "1").structuralElements[0];
      await page.goto(`${b.url}/programs/${mp1.id}?tab=funding`);
      await page.getByTestId("grid-funding").waitFor();
      const cell = page.getByTestId(`cell-${el.id}:local-y2027`);
      await cell.click();
      await page.keyboard.press("F2");
      await cell.locator("input").fill("1200,50");
      await cell.locator("input").press("Enter");
      await expect.poll(async () => norm(await cell.locator(".cell-value").textContent())).toBe("1 200,50");

      // send it to review: refused, the note lacks the reason (220-п 4.7.1)
      await openVersions(page);
      await page.getByTestId("workflow-2").getByTestId("action-submit").click();
      await page.getByTestId("workflow-2").getByTestId("step-submit").click();
      const error = page.getByTestId("workflow-2").getByTestId("workflow-error");
      await error.waitFor();
      expect(norm(await error.textContent())).toContain("4.7.1");
      expect(await state(page)).toBe("Проект");

      // the version page: the change side by side, the reason entered in the note
      await page.getByTestId("workflow-2").getByTestId("open-changes").click();
      const row = page.getByTestId(`diff-${FUNDING_PATH}`);
      await row.waitFor();
      expect(norm(await row.getByTestId("diff-before").textContent())).toBe("1 000,50");
      expect(norm(await row.getByTestId("diff-after").textContent())).toBe("1 200,50");
      // the note loads beside the comparison: wait for its missing reason
      await expect.poll(() => page.getByTestId("missing-reasons").count()).toBe(1);
      await page.getByTestId(`reason-${FUNDING_PATH}`).fill("Решение Думы о бюджете на 2027 год");
      await page.getByTestId("save-reasons").click();
      await page.getByRole("status").filter({ hasText: "Сохранено" }).waitFor();
      expect(await page.getByTestId("missing-reasons").count()).toBe(0);
      expect(norm(await page.getByTestId("note-text").inputValue())).toContain("Причина: Решение Думы о бюджете на 2027 год.");

      await openVersions(page);
      await takeStep(page, "submit", {}, "Экспертиза управления экономики");
      expect(norm(await page.getByTestId("workflow-2").getByTestId("due-date").textContent())).toMatch(
        /^срок — \d\d\.\d\d\.\d{4} \(220-п 4\.8\)$/,
      );
      await page.context().close();
    },
    STEP_TIMEOUT,
  );

  it(
    "the economy department finds it in its queue and returns it with a negative conclusion and a remark",
    async () => {
      const page = await b.signedIn("economy");
      await page.goto(`${b.url}/workflow`);
      const item = page.getByTestId("queue-MP-1");
      await item.waitFor();
      expect(norm(await item.textContent())).toContain("Экспертиза управления экономики");
      expect(norm(await item.textContent())).toContain("(220-п 4.8)");
      expect(norm(await page.getByTestId("legal-deadlines").textContent())).toContain("01.08.");
      await item.getByRole("link", { name: "Открыть" }).click();
      await page.getByTestId("versions-title").waitFor();
      // a negative conclusion needs its remarks
      const panel = page.getByTestId("workflow-2");
      await panel.getByTestId("action-negativeConclusion").click();
      await panel.locator('[name="conclusionDocument"]').fill("Заключение № 12");
      await panel.getByTestId("step-submit").click();
      await panel.getByTestId("workflow-error").waitFor();
      expect(norm(await panel.getByTestId("workflow-error").textContent())).toContain("замечания");
      await panel.locator('[name="remarks"]').fill("Обосновать рост финансирования в 2027 году");
      await panel.getByTestId("step-submit").click();
      await expect.poll(() => state(page)).toBe("Доработка по замечаниям управления экономики");
      const conclusion = panel.getByTestId("conclusion-economy-negative");
      expect(norm(await conclusion.textContent())).toContain("Заключение № 12");
      expect(norm(await conclusion.textContent())).toContain("Обосновать рост финансирования в 2027 году");
      workflowId = (await panel.getAttribute("id"))!.replace(/^wf-/, "");
      await page.context().close();
    },
    STEP_TIMEOUT,
  );

  it(
    "the executor sees the remark, reworks and resubmits",
    async () => {
      const page = await b.signedIn("executor");
      await page.goto(`${b.url}/workflow`);
      await page.getByTestId("queue-MP-1").waitFor();
      expect(norm(await page.getByTestId("queue-MP-1").textContent())).toContain("Направить на повторную экспертизу");
      await openVersions(page);
      expect(norm(await page.getByTestId("workflow-2").getByTestId("workflow-conclusions").textContent())).toContain(
        "Обосновать рост финансирования",
      );
      // the resubmission answers the remark (issue 13); the answer stands under it
      await takeStep(page, "resubmit", { "answer-0": "Обоснование роста приложено к записке" }, "Экспертиза управления экономики");
      await expect
        .poll(async () => norm(await page.getByTestId("workflow-2").getByTestId("workflow-conclusions").textContent()))
        .toContain("Обоснование роста приложено к записке");
      await page.context().close();
    },
    STEP_TIMEOUT,
  );

  it(
    "economy, finance and the audit chamber give positive conclusions; the head approves by a decree",
    async () => {
      for (const [login, next] of [
        ["economy", "Экспертиза управления финансов"],
        ["finance", "Экспертиза контрольно-счетного органа"],
        ["audit", "Утверждение"],
      ] as const) {
        const page = await b.signedIn(login);
        await openVersions(page);
        await takeStep(page, "positiveConclusion", { conclusionDocument: `Заключение ${login} № 1` }, next);
        await page.context().close();
      }
      const page = await b.signedIn("head");
      await openVersions(page);
      await takeStep(page, "approve", { decreeNumber: "250-п" }, "Утверждена");
      // the versions are reloaded after the step: wait for the new one in force
      await expect.poll(async () => norm(await page.getByTestId("in-force").textContent())).toBe("Действующая редакция: 2");
      await expect.poll(async () => norm(await page.getByTestId("version-2").textContent())).toContain("№ 250-п");
      // every step with who took it, by name (issue 13)
      const steps = await page
        .getByTestId("workflow-2")
        .getByTestId("workflow-history")
        .locator("tbody tr")
        .evaluateAll((rows) => rows.map((r) => Array.from((r as HTMLTableRowElement).cells, (c) => c.textContent ?? "").join(" ")));
      expect(steps.map(norm)).toEqual([
        expect.stringContaining("Исполнитель Направить на экспертизу"),
        expect.stringContaining("Экономист Отрицательное заключение"),
        expect.stringContaining("Исполнитель Направить на повторную экспертизу"),
        expect.stringContaining("Экономист Положительное заключение"),
        expect.stringContaining("Финансист Положительное заключение"),
        expect.stringContaining("Аудитор Положительное заключение"),
        expect.stringContaining("Глава Зарегистрировать акт об утверждении"),
      ]);
      await page.context().close();
    },
    STEP_TIMEOUT,
  );

  it(
    "the approved version shows the changed value side by side with version 1, and its note is no longer editable",
    async () => {
      const page = await b.signedIn("viewer");
      await page.goto(`${b.url}/versions/${draftVersionId}`);
      const row = page.getByTestId(`diff-${FUNDING_PATH}`);
      await row.waitFor();
      expect(norm(await page.getByTestId("version-decree").textContent())).toMatch(/^Утверждена: № 250-п от \d\d\.\d\d\.\d{4}$/);
      expect(norm(await page.getByTestId("diff-from-label").textContent())).toBe("редакция 1 (постановление № 100-п от 20.12.2025)");
      expect(norm(await page.getByTestId("diff-to-label").textContent())).toMatch(/^редакция 2 \(постановление № 250-п от /);
      expect(norm(await row.getByTestId("diff-before").textContent())).toBe("1 000,50");
      expect(norm(await row.getByTestId("diff-after").textContent())).toBe("1 200,50");
      expect(await row.getByTestId("diff-after").getAttribute("class")).toContain("changed");
      expect(norm(await row.textContent())).toContain("+200,00");
      // the note loads beside the comparison: once its preview is shown, there is no editor
      expect(norm(await page.getByTestId("note-preview").textContent())).toContain("Причина: Решение Думы о бюджете на 2027 год.");
      expect(await page.getByTestId("note-text").count()).toBe(0);
      const href = await page.getByTestId("note-download").getAttribute("href");
      const file = await page.request.get(`${b.url}${href}`);
      expect(file.status()).toBe(200);
      expect(await file.text()).toContain("Причина: Решение Думы о бюджете на 2027 год.");
      // version 2 compared with the current data: nothing differs now
      await page.getByTestId("compare-from").selectOption(draftVersionId);
      await page.getByTestId("compare-to").selectOption("current");
      await page.getByTestId("diff-none").waitFor();
      await page.context().close();
    },
    STEP_TIMEOUT,
  );

  it(
    "the audit log holds every step, from the workflow's link",
    async () => {
      const page = await b.signedIn("audit");
      await openVersions(page);
      // approved and not yet published: still among the current drafts, with its link to the log
      await page.getByTestId("workflow-2").getByTestId("workflow-audit").click();
      await page.getByTestId("audit-log").waitFor();
      await expect.poll(async () => (await page.getByTestId("audit-entry").count()) >= 8).toBe(true);
      const actions = await page.getByTestId("audit-entry").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-action")));
      expect([...actions].reverse()).toEqual([
        "workflow.start",
        "workflow.submit",
        "workflow.negativeConclusion",
        "workflow.resubmit",
        "workflow.positiveConclusion",
        "workflow.positiveConclusion",
        "workflow.positiveConclusion",
        "workflow.approve",
      ]);
      // the same in the API, with who took each step
      const entries = (await api.get(`/api/audit?objectType=workflowInstance&objectId=${workflowId}`)).body.items;
      expect(entries.map((e: any) => e.actorLogin).reverse()).toEqual([
        "executor",
        "executor",
        "economy",
        "executor",
        "economy",
        "finance",
        "audit",
        "head",
      ]);
      await page.context().close();
    },
    STEP_TIMEOUT,
  );
});
