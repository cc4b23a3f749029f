/**
 * The evaluation pages in a real Chromium (issue 3): MP-1's evaluation with its trace, a metric
 * fact changed by the executor changing the score, the rating and the trace to what the API says;
 * the ranking with the API's scores; the strategy summary with its rule, counts and charts.
 * Issue 10: the completeness of the data beside every score, a missing fact scoring 0 with a
 * warning, the preliminary evaluation during the year labelled, a draft program not ranked.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { startBrowserApp, type BrowserApp } from "../src/browser.ts";
import type { Client } from "../src/api.ts";

const YEAR = 2025;
const AS_OF = "2025-12-31";

let b: BrowserApp;
let economy: Client;
let executor: Client;
let mp1: any;
let mp2: any;

beforeAll(async () => {
  b = await startBrowserApp();
  economy = await b.app.as("economy");
  executor = await b.app.as("executor");
  const list = (await economy.get("/api/programs")).body.items;
  mp1 = list.find((p: any) => p.code === "MP-1");
  mp2 = list.find((p: any) => p.code === "MP-2");
  // in force from decrees of December 2024: the ranking of 2025 evaluates them
  const admin = await b.app.as("admin");
  for (const p of [mp1, mp2])
    expect(
      (await admin.post(`/api/programs/${p.id}/versions/in-force`, { decreeNumber: `${p.code}-п`, decreeDate: "2024-12-10" })).status,
    ).toBe(201);
}, 120_000);
afterAll(async () => {
  await b?.close();
});

async function apiEvaluation(programId: string): Promise<any> {
  const r = await economy.get(`/api/programs/${programId}/evaluation?year=${YEAR}&asOf=${AS_OF}`);
  expect(r.status).toBe(200);
  return r.body;
}

/** The trace node of a level and subject in the API's explanation. */
function findNode(n: any, level: string, code: string): any {
  if (n.level === level && n.subject?.code === code) return n;
  for (const c of n.children) {
    const f = findNode(c, level, code);
    if (f) return f;
  }
  return null;
}

const ru = (s: string) => s.replace(".", ",");
const text = async (page: Page, testId: string) =>
  ((await page.getByTestId(testId).first().textContent()) ?? "").replace(/\u00a0/g, " ").trim();

async function openEvaluation(page: Page, programId: string): Promise<void> {
  await page.goto(`${b.url}/programs/${programId}/evaluation?year=${YEAR}&asOf=${AS_OF}`);
  await page.getByTestId("score").waitFor();
}

async function metricValue(code: string): Promise<any> {
  const tree = (await economy.get(`/api/programs/${mp1.id}/tree`)).body;
  for (const d of tree.directions)
    for (const e of d.structuralElements)
      for (const m of e.metrics) if (m.code === code) return m.metricValues.find((v: any) => v.year === YEAR);
  throw new Error(`no metric ${code}`);
}

describe("evaluation pages in a real Chromium", () => {
  it("an executor changes a metric fact and sees the score, the rating and the trace of MP-1 change to the API's numbers", async () => {
    const page = await b.signedIn("economy");
    // From the navigation to the ranking, then to MP-1's evaluation.
    await page.getByRole("navigation", { name: "Разделы" }).getByRole("link", { name: "Оценка эффективности" }).click();
    await page.getByTestId("ranking").waitFor();
    await page.locator("select[name=year]").selectOption(String(YEAR));
    // the ranking of the chosen year is loaded anew: follow MP-1's link once it leads to that year
    const link = page.getByTestId("rank-MP-1").getByRole("link", { name: "MP-1" });
    await expect.poll(() => link.getAttribute("href")).toContain(`year=${YEAR}`);
    await link.click();
    await page.getByTestId("score").waitFor();
    expect(new URL(page.url()).pathname).toBe(`/programs/${mp1.id}/evaluation`);

    await openEvaluation(page, mp1.id);
    const before = await apiEvaluation(mp1.id);
    expect(before.rating).toBe("high");
    expect(await text(page, "score")).toBe(ru(before.scoreDisplay));
    expect(Number(await page.getByTestId("score").getAttribute("data-value"))).toBe(before.score);
    expect(await page.getByTestId("rating").getAttribute("data-rating")).toBe("high");
    expect(await text(page, "rating")).toBe("высокий уровень эффективности");
    expect(await text(page, "completeness")).toBe(`данные: ${before.completeness.withFact} из ${before.completeness.total}`);
    expect(before.completeness.withFact).toBe(before.completeness.total);
    expect(await page.getByTestId("evaluation-kind").getAttribute("data-preliminary")).toBe("false");
    expect(await text(page, "evaluation-kind")).toContain("Годовая оценка");
    // The trace: the program level's formula is on the page; the metric level opens on demand.
    const rootNode = page.getByTestId("trace-program-MP-1");
    expect(await rootNode.getByTestId("trace-formula").first().textContent()).toBe(before.explanation.formula);
    const metricNode = page.getByTestId("trace-metric-П1");
    await expect.poll(() => metricNode.isVisible()).toBe(false);
    await page.getByRole("button", { name: "Развернуть все" }).click();
    await expect.poll(() => metricNode.isVisible()).toBe(true);
    expect(await metricNode.getByTestId("trace-formula").textContent()).toBe(findNode(before.explanation, "metric", "П1").formula);

    // The executor of MP-1 records a fact of 0 for П1 (plan 11) through the API.
    const v = await metricValue("П1");
    const upd = await executor.patch(`/api/metric-values/${v.id}`, { version: v.version, fact: "0" });
    expect(upd.status).toBe(200);

    await page.reload();
    await page.getByTestId("score").waitFor();
    const after = await apiEvaluation(mp1.id);
    // П1 = 0 → Псэ 0 → Осэ = 0.3 × 100 = 30 → Эн1 = (30 + 94.95…) / 2; the score falls below 95.
    expect(after.score).toBeLessThan(before.score);
    expect(after.rating).toBe("satisfactory");
    expect(await text(page, "score")).toBe(ru(after.scoreDisplay));
    expect(Number(await page.getByTestId("score").getAttribute("data-value"))).toBe(after.score);
    expect(await page.getByTestId("rating").getAttribute("data-rating")).toBe("satisfactory");
    expect(await text(page, "rating")).toBe("удовлетворительный уровень эффективности");
    expect(await page.getByTestId("trace-program-MP-1").getByTestId("trace-formula").first().textContent()).toBe(after.explanation.formula);
    await page.getByRole("button", { name: "Развернуть все" }).click();
    const metricAfter = findNode(after.explanation, "metric", "П1");
    expect(metricAfter.formula).toContain("0 / 11 × 100 = 0");
    expect(await page.getByTestId("trace-metric-П1").getByTestId("trace-formula").textContent()).toBe(metricAfter.formula);
    expect(await page.getByTestId("direction-1").getByTestId("direction-score").textContent()).toBe(
      ru(after.directions.find((d: any) => d.code === "1").score.toFixed(2)),
    );

    // A fact left unknown (null): in the evaluation of the year it scores 0, is warned of, and the data is incomplete.
    const v2 = await metricValue("П1");
    expect((await executor.patch(`/api/metric-values/${v2.id}`, { version: v2.version, fact: null })).status).toBe(200);
    await page.reload();
    await page.getByTestId("score").waitFor();
    const unknown = await apiEvaluation(mp1.id);
    expect(unknown.score).toBe(after.score); // a missing fact scores as a fact of 0: never higher
    expect(await text(page, "score")).toBe(ru(unknown.scoreDisplay));
    expect(await text(page, "completeness")).toBe(`данные: ${unknown.completeness.total - 1} из ${unknown.completeness.total}`);
    expect(await text(page, "warnings")).toContain("П1");
    await page.getByRole("button", { name: "Развернуть все" }).click();
    const nullRule = page.getByTestId("trace-metric-П1").locator('[data-rule="missing-fact"]');
    await nullRule.waitFor();
    expect(await nullRule.locator(".rule-name").textContent()).toBe("нет факта — уровень 0");
    expect(findNode(unknown.explanation, "metric", "П1").rules.map((r: any) => r.rule)).toContain("missing-fact");

    // Back to the fact of the fixture for the tests below.
    const v3 = await metricValue("П1");
    expect((await executor.patch(`/api/metric-values/${v3.id}`, { version: v3.version, fact: "11" })).status).toBe(200);
  });

  it("printing expands the whole trace", async () => {
    const page = await b.signedIn("viewer");
    await openEvaluation(page, mp1.id);
    const metricNode = page.getByTestId("trace-metric-П1");
    expect(await metricNode.isVisible()).toBe(false);
    await page.emulateMedia({ media: "print" });
    await expect.poll(() => metricNode.isVisible()).toBe(true);
    await expect.poll(() => page.getByRole("button", { name: "Развернуть все" }).isVisible()).toBe(false);
  });

  it("the ranking lists MP-1 and MP-2 with the API's scores, ratings and weakest directions, and a bar chart", async () => {
    const page = await b.signedIn("head");
    await page.goto(`${b.url}/evaluation?year=${YEAR}&asOf=${AS_OF}`);
    await page.getByTestId("ranking").waitFor();
    const r = (await economy.get(`/api/evaluation/ranking?year=${YEAR}&asOf=${AS_OF}`)).body;
    for (const p of [mp1, mp2]) {
      const item = r.items.find((i: any) => i.programId === p.id);
      expect(item).toBeTruthy();
      const row = page.getByTestId(`rank-${p.code}`);
      expect(await row.getByTestId("rank-score").textContent()).toBe(ru(item.scoreDisplay));
      expect(Number(await row.getByTestId("rank-score").getAttribute("data-value"))).toBe(item.score);
      expect(await row.getByTestId("rank-rating").getAttribute("data-rating")).toBe(item.rating);
      expect(await row.getByTestId("rank-weakest").textContent()).toContain(item.weakestDirection.name);
      expect(await row.getByRole("link", { name: p.code }).getAttribute("href")).toBe(
        `/programs/${p.id}/evaluation?year=${YEAR}&asOf=${AS_OF}`,
      );
      expect(await row.getByTestId("rank-data").textContent()).toBe(`данные: ${item.completeness.withFact} из ${item.completeness.total}`);
    }
    expect(await page.getByTestId("ranking-kind").getAttribute("data-preliminary")).toBe("false");
    // the chart is drawn after the table, in an effect
    await expect.poll(() => page.getByTestId("chart-ranking").locator("svg").count()).toBeGreaterThan(0);
  });

  it("a draft program created today is not ranked for a past year; the evaluation during the year is labelled preliminary", async () => {
    const deps = (await economy.get("/api/departments")).body.items;
    const draft = await economy.post("/api/programs", {
      code: "MP-9",
      name: "Новая программа",
      responsibleDepartmentId: deps[0].id,
      startYear: 2026,
      endYear: 2031,
    });
    expect(draft.status).toBe(201);
    const page = await b.signedIn("head");
    await page.goto(`${b.url}/evaluation?year=${YEAR}`);
    await page.getByTestId("ranking").waitFor();
    expect(await page.getByTestId("rank-MP-9").count()).toBe(0);
    expect(await text(page, "ranking-not-in-force")).toBe(`Не действовали в ${YEAR} году и не оцениваются: MP-9.`);
    expect(await text(page, "ranking-summary")).toContain(`за ${YEAR} год`);
    expect(await page.getByTestId("ranking-kind").getAttribute("data-preliminary")).toBe("false");
    // a preliminary evaluation of a past year, chosen on the page
    await page.locator("select[name=missingFact]").selectOption("exclude");
    await expect.poll(() => page.getByTestId("ranking-kind").getAttribute("data-preliminary")).toBe("true");
    expect(new URL(page.url()).searchParams.get("missingFact")).toBe("exclude");
    // the current year, as of today: a preliminary evaluation, said so
    const r = (await economy.get(`/api/evaluation/ranking?year=${YEAR + 1}&asOf=${YEAR + 1}-05-15`)).body;
    expect(r.preliminary).toBe(true);
    await page.goto(`${b.url}/evaluation?year=${YEAR + 1}&asOf=${YEAR + 1}-05-15`);
    await expect.poll(() => page.getByTestId("ranking-kind").getAttribute("data-preliminary")).toBe("true");
    expect(await text(page, "ranking-kind")).toContain("Предварительная оценка");
    for (const i of r.items) {
      const row = page.getByTestId(`rank-${i.code}`);
      expect(await row.getByTestId("rank-data").textContent()).toBe(`данные: ${i.completeness.withFact} из ${i.completeness.total}`);
      if (i.noData) expect(await row.getByTestId("rank-score").textContent()).toBe("нет данных");
    }
  });

  it("the strategy summary shows the rule, the counts and the charts; thresholds change the classes as the API does", async () => {
    const page = await b.signedIn("head");
    await page.goto(`${b.url}/evaluation/strategy`);
    await page.getByTestId("counts").waitFor();
    const strategy = (await economy.get("/api/strategies")).body.items[0];
    const s = (await economy.get(`/api/strategies/${strategy.id}/summary`)).body;
    expect(await text(page, "rule-text")).toBe(s.rule.replace(/\u00a0/g, " "));
    const sentence = await text(page, "counts");
    expect(sentence).toContain(`${s.counts.inProgress} в процессе достижения`);
    expect(sentence).toMatch(new RegExp(`^${s.counts.achieved} показател\\S* достигнут`));
    const total = page.getByTestId("counts-total");
    for (const st of ["achieved", "inProgress", "negative", "noData"]) {
      expect(Number(((await total.locator(`td[data-status=${st}]`).textContent()) ?? "").trim())).toBe(s.counts[st]);
    }
    for (const g of s.byGoal) {
      const row = page.getByTestId(`counts-${g.goal ?? "-"}`);
      expect(Number(((await row.locator("td[data-status=inProgress]").textContent()) ?? "").trim())).toBe(g.counts.inProgress);
    }
    const first = s.indicators[0];
    expect(await page.getByTestId(`indicator-${first.code}`).getAttribute("data-status")).toBe(first.status);
    await expect.poll(() => page.getByTestId("chart-levels").locator("svg").count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId(`chart-indicator-${first.code}`).locator("svg").count()).toBeGreaterThan(0);

    // Lower the threshold of "achieved" below the indicator's level: the page and the API agree.
    expect(first.status).toBe("inProgress");
    const threshold = String(Math.floor(first.level));
    await page.getByTestId("thresholds").locator("input[name=achievedFrom]").fill(threshold);
    await page.getByRole("button", { name: "Применить пороги" }).click();
    await expect.poll(() => page.getByTestId(`indicator-${first.code}`).getAttribute("data-status")).toBe("achieved");
    const s2 = (await economy.get(`/api/strategies/${strategy.id}/summary?achievedFrom=${threshold}`)).body;
    expect(s2.indicators[0].status).toBe("achieved");
    expect(await text(page, "rule-text")).toBe(s2.rule.replace(/\u00a0/g, " "));
    expect(await text(page, "counts")).toMatch(new RegExp(`^${s2.counts.achieved} показател\\S* достигнут`));

    // A bad threshold: the API's error is shown, naming the field.
    await page.getByTestId("thresholds").locator("input[name=achievedFrom]").fill("abc");
    await page.getByRole("button", { name: "Применить пороги" }).click();
    await expect.poll(() => page.getByRole("alert").first().textContent()).toContain("achievedFrom");
  });

  it("the action plan summary shows its counts and a chart", async () => {
    const page = await b.signedIn("economy");
    await page.goto(`${b.url}/evaluation/plan`);
    await page.getByTestId("counts").waitFor();
    const plan = (await economy.get("/api/action-plans")).body.items[0];
    const s = (await economy.get(`/api/action-plans/${plan.id}/summary`)).body;
    expect(await text(page, "counts")).toMatch(new RegExp(`^${s.counts.achieved} показател\\S* достигнут`));
    await expect.poll(() => page.getByTestId("chart-levels").locator("svg").count()).toBeGreaterThan(0);
  });
});
