/**
 * Following a draft through approval from the notifications alone (issue 13, "done when"), in a
 * real Chromium on the fixture: the executor prepares an amendment of MP-1 and sends it to review
 * from the page with its note and its changes; every later step is reached by clicking the item
 * of the top bar's bell — the economy department returns it with a remark, the executor answers
 * the remark and resubmits, economy, finance and the audit chamber give their conclusions (the
 * executor handing the draft over between them, as 220-п 4.9 and 4.13 ask), the head approves it
 * by a decree, and the executor is told it is approved. The pages are walked at 1440 px, one step
 * at 390 px; on each: no English words in the Russian interface, no horizontal overflow of the
 * page, and no serious or critical axe-core violation. The steps were also mailed (the outbox).
 *
 * ORIENTIR_WALK_SHOTS=<dir> saves a screenshot of each page of the walk there.
 */
import { mkdirSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import type { Page } from "playwright-core";
import { axeProblems } from "../src/axe.ts";
import { startBrowserApp, type BrowserApp } from "../src/browser.ts";
import type { Client } from "../src/api.ts";

const SHOTS = process.env.ORIENTIR_WALK_SHOTS ?? "";
/** A step signs in and walks a page or two: more than the default 30 s on a busy machine. */
const STEP_TIMEOUT = 180_000;
const FUNDING_PATH = "directions[1].elements[1.1].funding[2027:local].amount";
const REMARK = "Обосновать рост финансирования в 2027 году";
const ANSWER = "Расчет роста приложен к пояснительной записке";

let b: BrowserApp;
let admin: Client;
let mp1: any;
let versionId = "";
let shot = 0;

beforeAll(async () => {
  b = await startBrowserApp();
  b.app.ctx.config.emailNotifications = true;
  admin = await b.app.as("admin");
  mp1 = (await admin.get("/api/programs")).body.items.find((p: any) => p.code === "MP-1");
  // the version in force, so that the executor's draft is an amendment (no public discussion)
  const economy = await b.app.as("economy");
  const inForce = await economy.post(`/api/programs/${mp1.id}/versions/in-force`, { decreeNumber: "100-п", decreeDate: "2025-12-20" });
  expect(inForce.status, JSON.stringify(inForce.body)).toBeLessThan(300);
  // everyone who takes part has an address: the steps are mailed too
  for (const login of ["economy", "finance", "audit", "executor", "head"]) {
    const c = await b.app.as(login);
    const me = (await c.get("/api/auth/me")).body;
    expect((await c.request("PUT", `/api/monitoring/users/${me.user.id}/email`, { email: `${login}@example.org` })).status).toBe(200);
  }
  if (SHOTS) mkdirSync(SHOTS, { recursive: true });
}, 180_000);
afterAll(async () => {
  await b?.close();
});

const norm = (s: string | null) =>
  (s ?? "")
    .replace(/\u00a0/g, " ")
    .replace(/\s+/g, " ")
    .trim();

/** Waits until the page's data is there: no request under way, no skeleton. */
async function settled(page: Page): Promise<void> {
  await page.locator("#main").waitFor();
  await page.waitForLoadState("networkidle");
  await expect.poll(() => page.locator('[data-testid="loading"]').count()).toBe(0);
  await page.waitForLoadState("networkidle");
}

/**
 * Latin words of the text (and of the accessible labels) of a Russian page, except the fixture's
 * program code (MP-1), the names of file formats, and what is marked as another language (the
 * language switch names each language in itself: «EN · English»).
 */
async function englishWords(page: Page): Promise<string[]> {
  const texts = await page.evaluate(() => {
    const russian = (el: Element | null) => !el?.closest("[lang]") || el.closest("[lang]")!.getAttribute("lang")!.startsWith("ru");
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const parent = n.parentElement;
      if (!parent || parent.closest("script, style, select.lang") || !russian(parent)) continue;
      out.push(n.textContent ?? "");
    }
    for (const el of document.querySelectorAll("[aria-label], [title], [placeholder], [alt]")) {
      if (!russian(el)) continue;
      for (const a of ["aria-label", "title", "placeholder", "alt"]) {
        const v = el.getAttribute(a);
        if (v) out.push(v);
      }
    }
    return out.join("\n");
  });
  const allowed = new Set(["MP", "DOCX", "PDF", "txt", "XLSX"]);
  return [...new Set(texts.match(/[A-Za-z]{2,}/g) ?? [])].filter((w) => !allowed.has(w));
}

/** How far the document is wider than the window (0 = no horizontal overflow). */
function overflow(page: Page): Promise<number> {
  return page.evaluate(() => document.scrollingElement!.scrollWidth - window.innerWidth);
}

/** The page as a newcomer sees it: Russian only, no overflow, no serious axe violation (and its screenshot). */
async function looksRight(page: Page, what: string): Promise<void> {
  await settled(page);
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/${String(++shot).padStart(2, "0")}-${what}.png`, fullPage: true });
  expect(await englishWords(page), `${what}: English in the Russian interface`).toEqual([]);
  expect(await overflow(page), `${what}: horizontal overflow`).toBe(0);
  expect(await axeProblems(page), `${what}: axe`).toEqual([]);
}

async function signedInAt(login: string, width: number): Promise<Page> {
  const page = await b.signedIn(login);
  await page.setViewportSize({ width, height: 900 });
  return page;
}

/**
 * Opens the bell and follows its unread notification of the step: the draft's page opens, with its
 * stepper, note and changes. Returns the notification's text.
 */
async function followBell(page: Page, kind: string, what: string): Promise<string> {
  await page.getByTestId("notifications-unread").waitFor();
  await page.getByTestId("notifications-bell").click();
  const panel = page.getByTestId("notifications-panel");
  const item = panel.locator(`[data-testid="notification"][data-kind="workflow.${kind}"][data-read="false"]`).first();
  await item.waitFor();
  const text = norm(await item.textContent());
  await looksRight(page, `${what}-bell`);
  await item.getByTestId("notification-link").click();
  await page.waitForURL(new RegExp(`/versions/${versionId}$`));
  await page.getByTestId("version-workflow").waitFor();
  // the bell's panel closes and the followed notification is no longer unread
  await expect.poll(() => page.getByTestId("notifications-panel").count()).toBe(0);
  await looksRight(page, what);
  return text;
}

/** The current step of the stepper: its label and who holds it. */
async function current(page: Page): Promise<string> {
  return norm(await page.getByTestId("workflow-stepper").locator('li[aria-current="step"]').textContent());
}

/** Takes a step from the draft's page: opens its form, fills it, submits, waits for the stepper to move. */
async function takeStep(page: Page, action: string, fill: Record<string, string>, next: string): Promise<void> {
  const panel = page.getByTestId("version-workflow");
  await panel.getByTestId(`action-${action}`).click();
  const form = panel.getByTestId(`step-form-${action}`);
  for (const [name, value] of Object.entries(fill)) await form.locator(`[name="${name}"]`).fill(value);
  await form.getByTestId("step-submit").click();
  await panel.getByRole("status").filter({ hasText: "Выполнено" }).waitFor();
  await expect.poll(() => current(page)).toContain(next);
}

describe("a draft followed through approval from the notifications alone", () => {
  it(
    "the executor prepares an amendment and sends it to review from the page with its note and its changes",
    async () => {
      const page = await signedInAt("executor", 1440);
      await page.goto(`${b.url}/programs/${mp1.id}/versions`);
      await page.getByTestId("start-draft").click();
      await page.getByTestId("version-title").waitFor();
      versionId = new URL(page.url()).pathname.split("/").pop()!;

      // a funding value changed in the program's grid
      const el = (await admin.get(`/api/programs/${mp1.id}/tree`)).body.directions.find((d: any) => d.code === "1").structuralElements[0];
      await page.goto(`${b.url}/programs/${mp1.id}?tab=funding`);
      await page.getByTestId("grid-funding").waitFor();
      const cell = page.getByTestId(`cell-${el.id}:local-y2027`);
      await cell.click();
      await page.keyboard.press("F2");
      await cell.locator("input").fill("1200,50");
      await cell.locator("input").press("Enter");
      await expect.poll(async () => norm(await cell.locator(".cell-value").textContent())).toBe("1 200,50");

      // the draft's page: the change, its reason in the note, then the step — all on one page
      await page.goto(`${b.url}/versions/${versionId}`);
      const row = page.getByTestId(`diff-${FUNDING_PATH}`);
      await row.waitFor();
      expect(norm(await row.getByTestId("diff-after").textContent())).toBe("1 200,50");
      await expect.poll(() => page.getByTestId("missing-reasons").count()).toBe(1);
      await page.getByTestId(`reason-${FUNDING_PATH}`).fill("Решение Думы о бюджете на 2027 год");
      await page.getByTestId("save-reasons").click();
      await page.getByRole("status").filter({ hasText: "Сохранено" }).waitFor();
      expect(norm(await current(page))).toContain("Исполнитель");
      await looksRight(page, "executor-draft");
      await takeStep(page, "submit", {}, "Экспертиза управления экономики");
      // who holds it now, by name, and until when
      expect(await current(page)).toMatch(/Экономист.*срок — \d\d\.\d\d\.\d{4}/);
      await page.context().close();
    },
    STEP_TIMEOUT,
  );

  it(
    "the economy department is told, opens the draft from the bell and returns it with a remark",
    async () => {
      const page = await signedInAt("economy", 1440);
      const text = await followBell(page, "submit", "economy-submitted");
      expect(text).toContain("Исполнитель");
      expect(text).not.toContain("executor");
      // the note and the change are on the page the notification opened
      await page.getByTestId(`diff-${FUNDING_PATH}`).waitFor();
      expect(norm(await page.getByTestId("note-preview").textContent())).toContain("Решение Думы о бюджете на 2027 год");
      // the step, with the draft's note answering slowly: the page says it is updating until the new data is in
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      await page.route("**/api/versions/*/note", async (route) => {
        await held;
        await route.fallback();
      });
      const panel = page.getByTestId("version-workflow");
      await panel.getByTestId("action-negativeConclusion").click();
      const form = panel.getByTestId("step-form-negativeConclusion");
      await form.locator('[name="conclusionDocument"]').fill("Заключение № 12");
      await form.locator('[name="remarks"]').fill(REMARK);
      await form.getByTestId("step-submit").click();
      await expect.poll(() => page.getByTestId("updating").textContent()).toBe("Обновляется…");
      release();
      await panel.getByRole("status").filter({ hasText: "Выполнено" }).waitFor();
      await expect.poll(() => page.getByTestId("updating").textContent()).toBe("");
      await page.unroute("**/api/versions/*/note");
      expect(await current(page)).toContain("на доработке по замечаниям");
      await page.context().close();
    },
    STEP_TIMEOUT,
  );

  it(
    "the executor, on a phone, sees the remark from the bell, answers it and resubmits",
    async () => {
      const page = await signedInAt("executor", 390);
      const text = await followBell(page, "negativeConclusion", "executor-phone-returned");
      expect(text).toContain(REMARK);
      expect(text).toContain("Экономист");
      await takeStep(page, "resubmit", { "answer-0": ANSWER }, "Экспертиза управления экономики");
      await expect
        .poll(async () => norm(await page.getByTestId("version-workflow").getByTestId("workflow-conclusions").textContent()))
        .toContain(ANSWER);
      await looksRight(page, "executor-phone-resubmitted");
      await page.context().close();
    },
    STEP_TIMEOUT,
  );

  it(
    "economy, finance and the audit chamber each open it from the bell and give a positive conclusion; the executor, told each time, hands it over",
    async () => {
      for (const [reviewer, told, next] of [
        ["economy", "resubmit", "Экспертиза управления финансов"],
        ["finance", "handOver", "Экспертиза контрольно-счетного органа"],
        ["audit", "handOver", "Утверждение"],
      ] as const) {
        const page = await signedInAt(reviewer, 1440);
        await followBell(page, told, `${reviewer}-review`);
        await takeStep(
          page,
          "positiveConclusion",
          { conclusionDocument: `Заключение ${reviewer === "economy" ? "УЭ" : reviewer === "finance" ? "УФ" : "КСО"} № 1` },
          next,
        );
        await page.context().close();
        if (next === "Утверждение") break;
        // the executor is told of the conclusion and passes the draft on (220-п 4.9, 4.13)
        const executor = await signedInAt("executor", 1440);
        const text = await followBell(executor, "positiveConclusion", `executor-after-${reviewer}`);
        expect(text).toContain(reviewer === "economy" ? "Экономист" : "Финансист");
        expect(await current(executor)).toContain("ждет передачи");
        await takeStep(executor, "handOver", {}, next);
        expect(await current(executor)).not.toContain("ждет передачи");
        await executor.context().close();
      }
    },
    STEP_TIMEOUT * 3,
  );

  it(
    "the head is told the draft awaits approval, opens it from the bell and approves it by a decree",
    async () => {
      const page = await signedInAt("head", 1440);
      const text = await followBell(page, "positiveConclusion", "head-approval");
      expect(text).toContain("Аудитор");
      await takeStep(page, "approve", { decreeNumber: "250-п" }, "Утверждена");
      await page.context().close();
    },
    STEP_TIMEOUT,
  );

  it(
    "the executor is told it is approved, by whom, and opens it from the bell",
    async () => {
      const page = await signedInAt("executor", 1440);
      const text = await followBell(page, "approve", "executor-approved");
      expect(text).toContain("Глава");
      expect(norm(await page.getByTestId("version-decree").textContent())).toMatch(/^Утверждена: № 250-п от \d\d\.\d\d\.\d{4}$/);
      // the history names every person who took a step
      const who = await page
        .getByTestId("version-workflow")
        .getByTestId("workflow-history")
        .locator("tbody tr td:nth-child(3)")
        .allTextContents();
      expect(who.map(norm)).toEqual([
        "Исполнитель",
        "Экономист",
        "Исполнитель",
        "Экономист",
        "Исполнитель",
        "Финансист",
        "Исполнитель",
        "Аудитор",
        "Глава",
      ]);
      // what is left unread: the audit chamber's conclusion, which told the executor the draft went to approval
      await expect.poll(async () => norm(await page.getByTestId("notifications-unread").textContent())).toBe("1");
      await page.getByTestId("notifications-bell").click();
      const left = page.getByTestId("notifications-panel").locator('[data-testid="notification"][data-read="false"]');
      expect(await left.getAttribute("data-kind")).toBe("workflow.positiveConclusion");
      expect(norm(await left.textContent())).toMatch(/Аудитор.*Этап: Утверждение/);
      await page.context().close();
    },
    STEP_TIMEOUT,
  );

  it("every step was mailed too (the outbox), to the person by name", async () => {
    const db = new pg.Client({ connectionString: b.app.ownerUrl });
    await db.connect();
    try {
      const mail = (
        await db.query<{ to_address: string; subject: string; body: string }>(
          `SELECT to_address, subject, body FROM email_outbox WHERE deadline_key LIKE 'workflow:%' ORDER BY created_at, id`,
        )
      ).rows;
      const to = (address: string, subject: string) => mail.filter((m) => m.to_address === address && m.subject.includes(subject));
      expect(to("economy@example.org", "Проект направлен на экспертизу")).toHaveLength(1);
      expect(to("executor@example.org", "Отрицательное заключение")[0]?.body).toContain(REMARK);
      expect(to("economy@example.org", "Проект направлен на повторную экспертизу")).toHaveLength(1);
      expect(to("executor@example.org", "Положительное заключение")).toHaveLength(3);
      expect(to("finance@example.org", "Проект передан на экспертизу")).toHaveLength(1);
      expect(to("audit@example.org", "Проект передан на экспертизу")).toHaveLength(1);
      expect(to("head@example.org", "Положительное заключение")).toHaveLength(1);
      expect(to("executor@example.org", "Проект утвержден")[0]?.body).toMatch(/^Исполнитель,\n/);
      expect(mail.every((m) => !/\b(executor|economy|finance|audit|head)\b/.test(m.body.replace(/\S+@example\.org/g, "")))).toBe(true);
    } finally {
      await db.end();
    }
  });
});
