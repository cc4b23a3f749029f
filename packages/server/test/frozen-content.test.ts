/**
 * Issue 10, parts 1–3, through the API: the situations of the issue's "Why" list, each reproduced.
 *
 * - after «Направить на экспертизу» the executor could still change funding, and the change showed
 *   in the diff the economy department reviews;
 * - after approval the executor edited the funding of 2030 directly (and by paste, and by import),
 *   without an amendment, and the program stayed «утверждена»; the co-executor had editable cells
 *   on the approved program;
 * - after submitting a direction's quarterly report the co-executor could still change a fact, and
 *   that fact then showed in the amendment's diff as a change needing a reason;
 * - creating a draft program raised overdue 220-п reporting deadlines at once.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import { createTestApp, type Client, type TestApp } from "@orientir/testing";

let app: TestApp;
const c: Record<string, Client> = {};
let mp1: any;
let mp2: any;

// Friday 15 May 2026, noon in Moscow
const NOW = new Date("2026-05-15T09:00:00Z");

beforeAll(async () => {
  app = await createTestApp();
  app.ctx.config.sessionTtlHours = 24 * 365 * 5;
  app.ctx.now = () => NOW;
  for (const role of ["admin", "economy", "finance", "audit", "executor", "coexecutor", "head", "viewer"]) c[role] = await app.as(role);
  const programs = (await c.admin!.get("/api/programs")).body.items;
  mp1 = programs.find((p: any) => p.code === "MP-1");
  mp2 = programs.find((p: any) => p.code === "MP-2");
  for (const p of [mp1, mp2]) {
    const r = await c.economy!.post(`/api/programs/${p.id}/versions/in-force`, { decreeNumber: `${p.code}-п`, decreeDate: "2025-12-20" });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
  }
});
afterAll(async () => {
  await app?.close();
});

async function tree(programId: string) {
  return (await c.admin!.get(`/api/programs/${programId}/tree`)).body;
}
const element = (t: any, direction = "1") => t.directions.find((d: any) => d.code === direction).structuralElements[0];
const funding = async (programId: string, year: number, source = "local") =>
  element(await tree(programId)).funding.find((x: any) => x.year === year && x.source === source);
async function step(who: Client, wf: { id: string; version: number }, action: string, input?: unknown) {
  return who.post(`/api/workflows/${wf.id}/steps`, { version: wf.version, action, ...(input ? { input } : {}) });
}
async function ok(who: Client, wf: { id: string; version: number }, action: string, input?: unknown) {
  const r = await step(who, wf, action, input);
  expect(r.status, `${action}: ${JSON.stringify(r.body)}`).toBe(200);
  return r.body;
}

describe("an approved program's content is read-only until an amendment is opened", () => {
  it("the executor may not edit the funding of 2030 directly; the program stays in force, unchanged", async () => {
    const f = await funding(mp1.id, 2030);
    const r = await c.executor!.patch(`/api/funding/${f.id}`, { version: f.version, amount: "9999.00" });
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe("rule");
    // the refusal names the state and who can reopen it
    expect(r.body.error.message).toContain("Действующая редакция 1 (постановление № MP-1-п от 20.12.2025)");
    expect(r.body.error.message).toContain("открывает ответственный исполнитель");
    expect((await funding(mp1.id, 2030)).amount).toBe("1000.50");
    expect((await c.viewer!.get(`/api/programs/${mp1.id}`)).body.status).toBe("approved");
    expect((await c.viewer!.get(`/api/programs/${mp1.id}/diff`)).body.changes).toEqual([]);
  });

  it("nor by a pasted block, nor by creating or deleting a row, nor by renaming the program", async () => {
    const f = await funding(mp1.id, 2030);
    const paste = await c.executor!.post("/api/batch", {
      operations: [{ op: "update", resource: "funding", id: f.id, version: f.version, data: { amount: "1.00" } }],
    });
    expect(paste.status).toBe(422);
    const el = element(await tree(mp1.id));
    expect((await c.executor!.post("/api/funding", { elementId: el.id, year: 2030, source: "federal", amount: "5.00" })).status).toBe(422);
    expect((await c.executor!.delete(`/api/funding/${f.id}?version=${f.version}`)).status).toBe(422);
    const p = (await c.executor!.get(`/api/programs/${mp1.id}`)).body;
    expect((await c.executor!.patch(`/api/programs/${mp1.id}`, { version: p.version, name: "Другое имя" })).status).toBe(422);
    expect(
      (await c.admin!.post("/api/metrics", { elementId: el.id, name: "Новый показатель", unit: "ед.", trend: "increase", level: "МП" }))
        .status,
    ).toBe(422);
  });

  it("nor by importing a workbook", async () => {
    const res = await app.server.inject({ method: "GET", url: `/api/programs/${mp1.id}/workbook`, headers: { cookie: c.economy!.cookie } });
    expect(res.statusCode).toBe(200);
    const file = res.rawPayload;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file as any);
    const ws = wb.getWorksheet("Финансирование")!;
    let changed = 0;
    ws.eachRow((row, n) => {
      if (n > 1 && row.getCell(2).value === 2030 && row.getCell(3).value === "local" && changed === 0) {
        row.getCell(4).value = 4321;
        changed++;
      }
    });
    expect(changed).toBe(1);
    const edited = Buffer.from(await wb.xlsx.writeBuffer());
    const body = { filename: "МП.xlsx", contentBase64: edited.toString("base64") };
    const preview = await c.economy!.post(`/api/programs/${mp1.id}/import/preview`, body);
    const refused = preview.status === 422 || (preview.status === 200 && preview.body.valid === false);
    expect(refused, JSON.stringify(preview.body).slice(0, 400)).toBe(true);
    expect(JSON.stringify(preview.body)).toContain("только для чтения");
    expect((await funding(mp1.id, 2030)).amount).toBe("1000.50");
  });

  it("the co-executor of an approved program has no editable content, only its record of execution", async () => {
    const content = (await c.coexecutor!.get(`/api/programs/${mp2.id}/content`)).body;
    expect(content.program).toMatchObject({ mode: "inForce", editable: false });
    expect(content.executionFields.metricValue).toEqual(["fact", "justification"]);
    // MP-2's direction 2 is the co-executor's (Комитет по культуре)
    const el = element(await tree(mp2.id), "2");
    const mv = el.metrics[0].metricValues.find((x: any) => x.year === 2026);
    const plan = await c.coexecutor!.patch(`/api/metric-values/${mv.id}`, { version: mv.version, plan: "77" });
    expect(plan.status).toBe(422);
    expect(plan.body.error.message).toContain("только для чтения");
    const cp = el.checkpoints.find((x: any) => x.plannedDate === "2026-09-20");
    expect((await c.coexecutor!.patch(`/api/checkpoints/${cp.id}`, { version: cp.version, name: "Иначе" })).status).toBe(422);
    // the record of execution stays open to monitoring
    const fact = await c.coexecutor!.patch(`/api/metric-values/${mv.id}`, { version: mv.version, fact: "12" });
    expect(fact.status, JSON.stringify(fact.body)).toBe(200);
    const done = await c.coexecutor!.patch(`/api/checkpoints/${cp.id}`, { version: cp.version, actualDate: "2026-05-14" });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
  });
});

describe("an amendment is a working copy; submitted means frozen", () => {
  let wf: any;

  it("in an amendment the executor changes the funding of 2030, and only that is in its diff", async () => {
    wf = (await c.executor!.post(`/api/programs/${mp1.id}/versions`, {})).body;
    expect(wf).toMatchObject({ kind: "amendment", state: "draft" });
    const content = (await c.viewer!.get(`/api/programs/${mp1.id}/content`)).body;
    expect(content.program).toMatchObject({ mode: "amendment", editable: true });
    const f = await funding(mp1.id, 2030);
    expect((await c.executor!.patch(`/api/funding/${f.id}`, { version: f.version, amount: "1100.50" })).status).toBe(200);
    const diff = (await c.viewer!.get(`/api/programs/${mp1.id}/diff`)).body;
    expect(diff.changes.map((x: any) => `${x.entity}:${x.field}:${x.year}`)).toEqual(["funding:amount:2030", "fundingTotal:amount:2030"]);
  });

  it("after «Направить на экспертизу» the content is frozen for everyone, the executor too", async () => {
    const note = (await c.executor!.get(`/api/versions/${wf.programVersion.id}/note`)).body;
    const reasons = Object.fromEntries(note.changes.map((x: any) => [x.path, "Уточнение объема"]));
    expect((await c.executor!.patch(`/api/versions/${wf.programVersion.id}/note`, { version: note.version, reasons })).status).toBe(200);
    wf = await ok(c.executor!, wf, "submit");
    expect(wf.state).toBe("economyReview");
    const f = await funding(mp1.id, 2030);
    for (const who of ["executor", "admin", "economy"]) {
      const r = await c[who]!.patch(`/api/funding/${f.id}`, { version: f.version, amount: "5000.00" });
      expect(r.status, who).toBe(422);
      expect(r.body.error.message).toContain("«Экспертиза управления экономики»");
      expect(r.body.error.message).toContain("вернуть проект на доработку может управление экономики");
    }
    // what the economy department reviews is what was submitted
    const diff = (await c.economy!.get(`/api/programs/${mp1.id}/diff`)).body;
    expect(diff.changes.find((x: any) => x.entity === "funding").after).toBe("1100.50");
    const content = (await c.viewer!.get(`/api/programs/${mp1.id}/content`)).body;
    expect(content.program).toMatchObject({
      mode: "review",
      editable: false,
      reopen: "вернуть проект на доработку может управление экономики (отрицательное заключение)",
    });
  });

  it("a negative conclusion returns it for rework: the content may change again", async () => {
    wf = await ok(c.economy!, wf, "negativeConclusion", { conclusion: { document: "Заключение № 1" }, remarks: ["Обосновать"] });
    const f = await funding(mp1.id, 2030);
    expect((await c.executor!.patch(`/api/funding/${f.id}`, { version: f.version, amount: "1050.50" })).status).toBe(200);
  });

  it("withdrawn, the amendment's working copy goes: the rows are the version in force again", async () => {
    wf = await ok(c.executor!, wf, "cancel");
    expect((await funding(mp1.id, 2030)).amount).toBe("1000.50");
    expect((await c.viewer!.get(`/api/programs/${mp1.id}/diff`)).body.changes).toEqual([]);
    expect((await c.viewer!.get(`/api/programs/${mp1.id}/content`)).body.program.mode).toBe("inForce");
  });
});

describe("a submitted quarterly report of a direction freezes its facts for the co-executor", () => {
  const base = () => `/api/monitoring/programs/${mp1.id}/reports/2026/Q1`;
  let march: any;

  it("the co-executor may not change a fact once it has submitted its direction; the executor returns it, then it may", async () => {
    const el = element(await tree(mp1.id), "1");
    march = el.metrics[0].metricMonths.find((m: any) => m.year === 2026 && m.month === 3);
    let r = await c.coexecutor!.patch(`/api/metric-months/${march.id}`, { version: march.version, fact: "3" });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    march = r.body;
    const d1 = (await tree(mp1.id)).directions.find((d: any) => d.code === "1");
    r = await c.coexecutor!.post(`${base()}/transitions`, { action: "submitDirection", directionId: d1.id });
    expect(r.status, JSON.stringify(r.body)).toBe(200);

    r = await c.coexecutor!.patch(`/api/metric-months/${march.id}`, { version: march.version, fact: "2" });
    expect(r.status).toBe(422);
    expect(r.body.error.message).toContain("мониторинг за I квартал 2026 года");
    expect(r.body.error.message).toContain("представлена ответственному исполнителю");
    expect(r.body.error.message).toContain("вернуть информацию на доработку может ответственный исполнитель");
    // by a pasted block too, and the justification and the checkpoint's actual date as well
    expect(
      (
        await c.coexecutor!.post("/api/batch", {
          operations: [{ op: "update", resource: "metricMonth", id: march.id, version: march.version, data: { justification: "x" } }],
        })
      ).status,
    ).toBe(422);
    const cp = el.checkpoints.find((x: any) => x.plannedDate === "2026-03-20");
    expect((await c.coexecutor!.patch(`/api/checkpoints/${cp.id}`, { version: cp.version, actualDate: "2026-03-19" })).status).toBe(422);
    const pdf = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n").toString("base64");
    const doc = await c.coexecutor!.post(`/api/monitoring/checkpoints/${cp.id}/documents`, { filename: "акт.pdf", contentBase64: pdf });
    expect(doc.status).toBe(422);
    expect(doc.body.error.message).toContain("Подтверждающий документ");

    r = await c.executor!.post(`${base()}/transitions`, { action: "returnDirection", directionId: d1.id, comment: "Уточните факт марта" });
    expect(r.status).toBe(200);
    r = await c.coexecutor!.patch(`/api/metric-months/${march.id}`, { version: march.version, fact: "2.5" });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    march = r.body;
  });

  it("a fact entered by monitoring never shows in an amendment's diff or explanatory note", async () => {
    const wf = (await c.executor!.post(`/api/programs/${mp1.id}/versions`, {})).body;
    const r = await c.coexecutor!.patch(`/api/metric-months/${march.id}`, {
      version: march.version,
      fact: "2.75",
      justification: "Перенос поставки",
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const diff = (await c.viewer!.get(`/api/programs/${mp1.id}/diff`)).body;
    expect(diff.changes).toEqual([]);
    const note = (await c.executor!.get(`/api/versions/${wf.programVersion.id}/note`)).body;
    expect(note.changes).toEqual([]);
    expect(JSON.stringify(note.generated)).not.toContain("фактическое значение");
    await ok(c.executor!, wf, "cancel");
    // withdrawing the amendment keeps the facts entered meanwhile
    const kept = element(await tree(mp1.id), "1").metrics[0].metricMonths.find((m: any) => m.id === march.id);
    expect(kept).toMatchObject({ fact: "2.75", justification: "Перенос поставки" });
  });
});

describe("while an amendment is open, monitoring reads the version in force", () => {
  it("a fact below the plan in force needs its justification, whatever the working copy plans", async () => {
    const wf = (await c.executor!.post(`/api/programs/${mp1.id}/versions`, {})).body;
    const el = () => tree(mp1.id).then((t) => element(t, "1"));
    let june = (await el()).metrics[0].metricMonths.find((m: any) => m.year === 2026 && m.month === 6);
    expect(june.plan).toBe("6");
    // the working copy lowers June's plan to 1; the co-executor reports 5
    let r = await c.executor!.patch(`/api/metric-months/${june.id}`, { version: june.version, plan: "1" });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    r = await c.coexecutor!.patch(`/api/metric-months/${june.id}`, { version: r.body.version, fact: "5" });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    // the monitoring page reads the tree as in force: the plan in force beside the fact
    const inForce = (await c.coexecutor!.get(`/api/programs/${mp1.id}/tree?inForce=1`)).body;
    expect(element(inForce, "1").metrics[0].metricMonths.find((m: any) => m.id === june.id)).toMatchObject({ plan: "6", fact: "5" });
    expect((await el()).metrics[0].metricMonths.find((m: any) => m.id === june.id).plan).toBe("1");
    // the control dashboard and the metric's chart compare with the plan in force too (fact 5 of plan 6: −16.67 %, not +400 %)
    const metricId = (await el()).metrics[0].id;
    const off = (await c.economy!.get(`/api/monitoring/dashboard/metrics-off-plan?year=2026&threshold=10&programId=${mp1.id}`)).body.items;
    expect(off.find((x: any) => x.metricId === metricId && x.month === 6)).toMatchObject({ plan: "6", fact: "5" });
    const chart = (await c.economy!.get(`/api/monitoring/metrics/${metricId}/plan-fact?year=2026`)).body;
    expect(chart.months[5]).toMatchObject({ month: 6, plan: "6", fact: "5", fallsShort: true });
    const d1 = (await tree(mp1.id)).directions.find((d: any) => d.code === "1");
    r = await c.coexecutor!.post(`/api/monitoring/programs/${mp1.id}/reports/2026/Q2/transitions`, {
      action: "submitDirection",
      directionId: d1.id,
    });
    expect(r.status).toBe(422);
    expect(r.body.error.rule).toBe("220-п п. 6.12");
    expect(JSON.stringify(r.body.error.issues)).toMatch(/факт 5 ниже плана 6/);
    await ok(c.executor!, wf, "cancel");
    june = (await el()).metrics[0].metricMonths.find((m: any) => m.year === 2026 && m.month === 6);
    expect(june).toMatchObject({ plan: "6", fact: "5" });
  });
});

describe("220-п reporting deadlines come from what is in force", () => {
  it("a new draft program raises no reporting deadline; approved, it reports from the date its approval takes effect", async () => {
    const dep = (await c.admin!.get("/api/departments")).body.items.find((d: any) => d.name === "Управление образования");
    const created = await c.admin!.post("/api/programs", {
      code: "MP-9",
      name: "Новая программа",
      responsibleDepartmentId: dep.id,
      startYear: 2026,
      endYear: 2031,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.id;
    const d = await c.admin!.post("/api/directions", { programId: id, code: "1", name: "Направление", coExecutorDepartmentId: dep.id });
    expect(d.status, JSON.stringify(d.body)).toBe(201);
    const deadlines = async () => (await c.viewer!.get(`/api/monitoring/programs/${id}/deadlines?year=2026`)).body.items;
    expect(await deadlines()).toEqual([]);
    // nobody's tasks or overdue reports name it
    for (const who of ["executor", "coexecutor", "economy", "finance"]) {
      const tasks = (await c[who]!.get("/api/monitoring/dashboard/my-tasks")).body.items;
      expect(
        tasks.filter((x: any) => x.programId === id),
        who,
      ).toEqual([]);
    }
    const overdue = (await c.economy!.get("/api/monitoring/dashboard/overdue-reports")).body.groups;
    expect(JSON.stringify(overdue)).not.toContain(id);
    // its own draft: only its review deadlines, kept by its workflow
    let wf = (await c.executor!.post(`/api/programs/${id}/versions`, {})).body;
    expect(wf).toMatchObject({ kind: "program", state: "draft" });
    wf = await ok(c.executor!, wf, "startDiscussion", { period: { from: "2026-04-01", to: "2026-04-30" } });
    wf = await ok(c.executor!, wf, "submit", { protocol: { date: "2026-05-05" } });
    expect(wf).toMatchObject({ state: "economyReview", dueDate: "2026-05-22" });
    expect(await deadlines()).toEqual([]);
    wf = await ok(c.economy!, wf, "positiveConclusion", { conclusion: { document: "З-1" } });
    wf = await ok(c.finance!, wf, "positiveConclusion", { conclusion: { document: "З-2" } });
    wf = await ok(c.audit!, wf, "positiveConclusion", { conclusion: { document: "З-3" } });
    expect(await deadlines()).toEqual([]);
    // approved by a decree of 14 May 2026: Q1 is not reported; Q2, Q3 and the annual report are
    await ok(c.head!, wf, "approve", { decree: { number: "300-п", date: "2026-05-14" } });
    expect(new Set((await deadlines()).map((x: any) => x.period))).toEqual(new Set(["Q2", "Q3", "annual"]));
  });
});

describe("a direction's order withdrawn gives its working copy back", () => {
  it("the direction's plan returns to the content in force; the facts entered meanwhile and the other direction stay", async () => {
    const d1 = (await tree(mp1.id)).directions.find((d: any) => d.code === "1");
    const wf = (await c.coexecutor!.post(`/api/directions/${d1.id}/orders`, {})).body;
    expect(wf).toMatchObject({ flow: "directionOrder", directionCode: "1", state: "draft" });
    const el = () => tree(mp1.id).then((t) => element(t, "1"));
    let july = (await el()).metrics[0].metricMonths.find((m: any) => m.year === 2026 && m.month === 9);
    const planInForce = july.plan;
    // the order's draft changes the direction's plan (content, allowed to its preparer) …
    let r = await c.coexecutor!.patch(`/api/metric-months/${july.id}`, { version: july.version, plan: "99" });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    // … and monitoring enters a fact meanwhile (the record of execution)
    r = await c.coexecutor!.patch(`/api/metric-months/${july.id}`, { version: r.body.version, fact: "4" });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const other = element(await tree(mp1.id), "2").metrics[0].metricMonths.find((m: any) => m.year === 2026);
    await ok(c.coexecutor!, wf, "cancel");
    july = (await el()).metrics[0].metricMonths.find((m: any) => m.id === july.id);
    expect(july).toMatchObject({ plan: planInForce, fact: "4" });
    expect(element(await tree(mp1.id), "2").metrics[0].metricMonths.find((m: any) => m.id === other.id)).toMatchObject({
      plan: other.plan,
      version: other.version,
    });
    const log = (await c.admin!.get(`/api/audit?objectId=${wf.programVersion.id}`)).body;
    expect(JSON.stringify(log)).toMatch(/programVersion\.restore/);
  });
});
