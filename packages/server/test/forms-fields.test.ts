/**
 * Issue 11: the fields the forms are filled from, entered through the API where users enter them,
 * and the forms downloaded from the API showing them: in monitoring (the program in force) the
 * reason for a deviation of funding and the comment on a checkpoint beside its actual date, a
 * confirming document attached; the annual report's main results (the executor) and evaluation; the
 * municipality's wording of a budget source; the action plan's executing body, indicator's
 * executor and strategic projects; a direction's classification, an element's participants, and the
 * strategy goal chosen when a program is created.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readXlsx } from "../../reports/test/xlsx.ts";
import { createTestApp, type Client, type TestApp } from "@orientir/testing";

let app: TestApp;
const c: Record<string, Client> = {};
let mp1: any;
let mp2: any;

// Friday 15 May 2026, noon in Moscow
const NOW = new Date("2026-05-15T09:00:00Z");
const PDF = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

beforeAll(async () => {
  app = await createTestApp();
  app.ctx.config.sessionTtlHours = 24 * 365 * 5;
  app.ctx.now = () => NOW;
  for (const role of ["admin", "economy", "finance", "executor", "coexecutor", "viewer"]) c[role] = await app.as(role);
  const programs = (await c.admin!.get("/api/programs")).body.items;
  mp1 = programs.find((p: any) => p.code === "MP-1");
  mp2 = programs.find((p: any) => p.code === "MP-2");
  const r = await c.economy!.post(`/api/programs/${mp1.id}/versions/in-force`, { decreeNumber: "MP-1-п", decreeDate: "2025-12-20" });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
});
afterAll(async () => {
  await app?.close();
});

const tree = async (id: string) => (await c.admin!.get(`/api/programs/${id}/tree`)).body;

/** The first sheet of a downloaded form, as rows of values. */
async function formRows(c: Client, url: string): Promise<unknown[][]> {
  const res = await app.server.inject({ method: "GET", url, headers: c.cookie ? { cookie: c.cookie } : {} });
  expect(res.statusCode, res.body).toBe(200);
  return (await readXlsx(res.rawPayload)).rows;
}
const rowWith = (rows: unknown[][], col: number, text: string) => {
  const r = rows.find((x) => x[col] === text);
  expect(r, text).toBeDefined();
  return r!;
};

describe("monitoring enters the comments of appendices 8 and 9 in a program in force", () => {
  it("the executor writes a checkpoint's comment and a deviation reason (record of execution), not its name (content)", async () => {
    const t = await tree(mp1.id);
    const d1 = t.directions.find((d: any) => d.code === "1");
    const cp = d1.structuralElements[0].checkpoints.find((x: any) => x.plannedDate === "2026-03-20");
    const named = await c.executor!.patch(`/api/checkpoints/${cp.id}`, { version: cp.version, name: "Другое имя" });
    expect(named.status).toBe(422);
    const cpOk = await c.executor!.patch(`/api/checkpoints/${cp.id}`, {
      version: cp.version,
      actualDate: "2026-03-18",
      comment: "Выполнено: 120 детей вместо 100",
    });
    expect(cpOk.status, JSON.stringify(cpOk.body)).toBe(200);
    expect(cpOk.body.comment).toBe("Выполнено: 120 детей вместо 100");
    const cash = d1.budgetExecution.find((b: any) => b.year === 2026 && b.quarter === 1 && b.source === "local");
    const reason = await c.executor!.patch(`/api/budget-execution/${cash.id}`, {
      version: cash.version,
      deviationReason: "Экономия по итогам закупок",
    });
    expect(reason.status, JSON.stringify(reason.body)).toBe(200);
    const up = await c.executor!.post(`/api/monitoring/checkpoints/${cp.id}/documents`, {
      filename: "Акт_5.pdf",
      contentBase64: PDF.toString("base64"),
      comment: "акт приемки № 5",
    });
    expect(up.status, JSON.stringify(up.body)).toBe(201);

    const rows = await formRows(c.viewer!, `/api/programs/${mp1.id}/forms/monitoring?year=2026&quarter=1`);
    const cpRow = rowWith(rows, 1, "Контрольная точка «Контрольная точка 1»");
    expect(cpRow.slice(5, 7)).toEqual(["Акт_5.pdf — акт приемки № 5", "Выполнено: 120 детей вместо 100"]);
    const dirAt = rows.findIndex((r) => typeof r[0] === "string" && r[0].startsWith("направление «Направление 1 А1»"));
    const local = rows.slice(dirAt).find((r) => r[0] === "средства местного бюджета")!;
    expect(local[5]).toBe("Экономия по итогам закупок");
  });
});

describe("appendix 9: the main results of the year and the evaluation with its rating", () => {
  it("the executor enters the year's main results; a co-executor may not; the annual report shows them and the evaluation", async () => {
    const refused = await c.coexecutor!.post("/api/program-annual-reports", { programId: mp1.id, year: 2026, mainResults: "x" });
    expect(refused.status).toBe(403);
    const r = await c.executor!.post("/api/program-annual-reports", {
      programId: mp1.id,
      year: 2026,
      mainResults: "Создано 100 новых мест\nОхват детей 82 %",
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const rows = await formRows(c.viewer!, `/api/programs/${mp1.id}/forms/annual-report?year=2026`);
    const at = rows.findIndex((x) => x[0] === "Основные результаты реализации муниципальной программы в 2026 году");
    expect(at).toBeGreaterThan(0);
    expect(rows.slice(at + 1, at + 3).map((x) => x[0])).toEqual(["Создано 100 новых мест", "Охват детей 82 %"]);

    // 2025 has facts: the report carries the evaluation the evaluation route gives, with its rating
    const e = (await c.viewer!.get(`/api/programs/${mp1.id}/evaluation?year=2025`)).body;
    expect(e.score).not.toBeNull();
    const y2025 = await formRows(c.viewer!, `/api/programs/${mp1.id}/forms/annual-report?year=2025`);
    const score = rowWith(y2025, 0, "Оценка эффективности реализации муниципальной программы (ОЭмп), %");
    expect(score[1]).toBeCloseTo(Number(e.score.toFixed(2)), 2);
    expect(score[2]).toBe(
      { high: "высокий", satisfactory: "удовлетворительный", unsatisfactory: "неудовлетворительный" }[e.rating as string],
    );
    const main2025 = y2025.findIndex((x) => x[0] === "Основные результаты реализации муниципальной программы в 2025 году");
    expect(y2025[main2025 + 1]![0]).toBe("Основные результаты 2025 года: А1");
  });
});

describe("the municipality's wording of a budget source in the passport", () => {
  it("the administrator names the local budget's rows; the passport uses the name", async () => {
    const local = (await c.admin!.get("/api/budget-sources")).body.items.find((s: any) => s.code === "local");
    const r = await c.admin!.patch(`/api/budget-sources/${local.id}`, {
      version: local.version,
      formLabel: "средства бюджета городского округа «Город А»",
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const rows = await formRows(c.viewer!, `/api/programs/${mp2.id}/forms/passport`);
    expect(rows.flat()).toContain("средства бюджета городского округа «Город А»");
    expect(rows.flat()).not.toContain("средства местного бюджета");
    await c.admin!.patch(`/api/budget-sources/${local.id}`, { version: r.body.version, formLabel: null });
  });
});

describe("action plan forms from the plan's fields", () => {
  it("executing body (app. 1, col. 7), indicator's responsible executor (app. 2), strategic projects (app. 3)", async () => {
    const plan = (await c.economy!.get("/api/action-plans")).body.items[0];
    const depts = (await c.economy!.get("/api/departments")).body.items;
    const economy = depts.find((d: any) => d.name === "Управление экономики");
    const act = (await c.economy!.get("/api/plan-activities")).body.items[0];
    expect(
      (await c.economy!.patch(`/api/plan-activities/${act.id}`, { version: act.version, executingBody: "Отдел инвестиций" })).status,
    ).toBe(200);
    const ind = (await c.economy!.get("/api/plan-indicators")).body.items[0];
    expect(
      (await c.economy!.patch(`/api/plan-indicators/${ind.id}`, { version: ind.version, responsibleDepartmentId: economy.id })).status,
    ).toBe(200);
    const pp = (await c.economy!.get("/api/priority-projects")).body.items[0];
    expect((await c.economy!.patch(`/api/priority-projects/${pp.id}`, { version: pp.version, kind: "bogus" })).status).toBe(400);
    expect((await c.economy!.patch(`/api/priority-projects/${pp.id}`, { version: pp.version, kind: "strategic" })).status).toBe(200);

    const a1 = await formRows(c.viewer!, `/api/action-plans/${plan.id}/forms/plan-activities`);
    expect(rowWith(a1, 1, act.name)[7]).toBe("Отдел инвестиций");
    const a2 = await formRows(c.viewer!, `/api/action-plans/${plan.id}/forms/plan-indicators`);
    const indRow = a2.find((r) => typeof r[1] === "string" && r[1].startsWith(ind.name))!;
    expect(indRow[indRow.length - 1]).toBe("Управление экономики");
    const a3 = await formRows(c.viewer!, `/api/action-plans/${plan.id}/forms/priority-projects`);
    const at = a3.findIndex((r) => r[0] === "Стратегические проекты");
    expect(at).toBeGreaterThan(0);
    expect(a3[at + 1]![1]).toBe(pp.name);
  });
});

describe("structural details (part 5)", () => {
  it("a direction's classification of expenditure and an element's participants show in appendix 3", async () => {
    const t = await tree(mp2.id);
    const d1 = t.directions.find((d: any) => d.code === "1");
    const el = d1.structuralElements[0];
    const rd = await c.admin!.patch(`/api/directions/${d1.id}`, { version: d1.version, budgetClassification: "0503 Благоустройство" });
    expect(rd.status, JSON.stringify(rd.body)).toBe(200);
    const re = await c.admin!.patch(`/api/structural-elements/${el.id}`, {
      version: el.version,
      participants: "МБУ «Калугаблагоустройство»",
    });
    expect(re.status, JSON.stringify(re.body)).toBe(200);
    const rows = await formRows(c.viewer!, `/api/programs/${mp2.id}/forms/structure`);
    expect(rows.some((r) => r[0] === `Направление «${d1.name}» (раздел, подраздел классификации расходов: 0503 Благоустройство)`)).toBe(
      true,
    );
    const elRow = rowWith(rows, 1, el.name);
    expect(elRow[4]).toBe("Управление городского хозяйства\nУчастники: МБУ «Калугаблагоустройство»");
  });

  it("a program is created with the strategy goal it serves; a goal of nowhere is refused", async () => {
    const goal = (await c.economy!.get("/api/goals")).body.items[0];
    const dept = (await c.economy!.get("/api/departments")).body.items[0];
    const body = { code: "MP-9", name: "Новая программа", responsibleDepartmentId: dept.id, startYear: 2026, endYear: 2031 };
    const bad = await c.economy!.post("/api/programs", { ...body, strategyGoalId: "00000000-0000-4000-8000-000000000000" });
    expect([400, 404]).toContain(bad.status);
    expect(JSON.stringify(bad.body)).toContain("strategyGoalId");
    const r = await c.economy!.post("/api/programs", { ...body, strategyGoalId: goal.id });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.strategyGoalId).toBe(goal.id);
    // a goal of another strategy than the program's is refused, naming the field
    const other = await c.economy!.post("/api/strategies", { name: "Другая стратегия", startYear: 2026, endYear: 2035 });
    expect(other.status, JSON.stringify(other.body)).toBe(201);
    const foreignGoal = await c.economy!.post("/api/goals", { strategyId: other.body.id, name: "Цель другой стратегии" });
    expect(foreignGoal.status, JSON.stringify(foreignGoal.body)).toBe(201);
    const mixed = await c.economy!.post("/api/programs", {
      ...body,
      code: "MP-10",
      strategyId: goal.strategyId,
      strategyGoalId: foreignGoal.body.id,
    });
    expect(mixed.status).toBe(400);
    expect(mixed.body.error.issues[0].path).toBe("strategyGoalId");
  });
});
