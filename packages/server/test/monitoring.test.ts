/**
 * The monitoring cycle of decree 220-п through the API: a quarter from the co-executor's entry to
 * the economy department's conclusion and the period lock; deadlines across the May 2025 holidays
 * and the working Saturday of 1 November 2025; reminders delivered exactly once to an SMTP sink
 * by two workers on one database; checks of uploaded files.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SMTPServer } from "smtp-server";
import { Document, Packer, Paragraph } from "docx";
import ExcelJS from "exceljs";
import { Db, listOutbox } from "@orientir/db";
import {
  createContext,
  ensureReminderScan,
  exportProgramDocument,
  scanReminders,
  smtpMailer,
  startWorker,
  type AppContext,
  type Worker,
} from "@orientir/app";
import { FIXTURE_PASSWORD, createTestApp, type Client, type TestApp } from "@orientir/testing";

const at = (iso: string) => () => new Date(iso);
const b64 = (b: Buffer | Uint8Array | string) => Buffer.from(b as any).toString("base64");
const PDF = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

async function programTree(c: Client, code: string) {
  const p = (await c.get("/api/programs")).body.items.find((x: any) => x.code === code);
  return (await c.get(`/api/programs/${p.id}/tree`)).body;
}

async function departmentId(c: Client, name: string): Promise<string> {
  return (await c.get("/api/departments")).body.items.find((d: any) => d.name === name).id;
}

const put = (c: Client, url: string, body: unknown) => c.request("PUT", url, body);

/**
 * 220-п reports are due only for programs in force (issue 10): the fixture's programs are
 * registered as approved by a decree of 15 December 2024, before the periods these tests play.
 */
async function putInForce(app: TestApp): Promise<void> {
  const economy = await app.as("economy");
  for (const p of (await economy.get("/api/programs")).body.items) {
    const r = await economy.post(`/api/programs/${p.id}/versions/in-force`, { decreeNumber: `${p.code}-п`, decreeDate: "2024-12-15" });
    if (r.status !== 201) throw new Error(`in force ${p.code}: ${JSON.stringify(r.body)}`);
  }
}

async function signIn(app: TestApp, login: string): Promise<Client> {
  const c = app.client();
  const r = await c.login(login, FIXTURE_PASSWORD);
  if (r.status !== 200) throw new Error(`login ${login}: ${JSON.stringify(r.body)}`);
  return c;
}

describe("a quarter of monitoring, from the co-executor's entry to the economy department's conclusion", () => {
  let app: TestApp;
  let admin: Client, coexecutor: Client, coexec2: Client, executor: Client, finance: Client, economy: Client, viewer: Client;
  let tree: any;
  let base: string;

  beforeAll(async () => {
    app = await createTestApp();
    await putInForce(app);
    [admin, coexecutor, executor, finance, economy, viewer] = await Promise.all([
      app.as("admin"),
      app.as("coexecutor"),
      app.as("executor"),
      app.as("finance"),
      app.as("economy"),
      app.as("viewer"),
    ]);
    // the co-executor of direction 2 of MP-1
    const created = await admin.post("/api/users", {
      login: "coexec2",
      fullName: "Соисполнитель 2",
      password: FIXTURE_PASSWORD,
      role: "coexecutor",
      departmentId: await departmentId(admin, "Управление городского хозяйства"),
    });
    expect(created.status).toBe(201);
    coexec2 = await signIn(app, "coexec2");
    tree = await programTree(admin, "MP-1");
    base = `/api/monitoring/programs/${tree.id}/reports/2026/Q1`;
    app.ctx.now = at("2026-04-10T09:00:00Z");
  });
  afterAll(async () => {
    await app?.close();
  });

  it("runs the whole cycle and locks the period", async () => {
    const d1 = tree.directions[0];
    const d2 = tree.directions[1];
    const metric = d1.structuralElements[0].metrics[0];
    const march = metric.metricMonths.find((m: any) => m.year === 2026 && m.month === 3);
    const june = metric.metricMonths.find((m: any) => m.year === 2026 && m.month === 6);
    const checkpoint = d1.structuralElements[0].checkpoints[0];
    expect(checkpoint.plannedDate).toBe("2026-03-20");

    const start = await viewer.get(base);
    expect(start.status).toBe(200);
    expect(start.body).toMatchObject({ id: null, state: "open", title: "MP-1: мониторинг за I квартал 2026 года", actions: [] });
    expect(start.body.directions.map((d: any) => d.state)).toEqual(["draft", "draft"]);

    // the co-executor enters the fact of March (below plan) and the checkpoint's actual date with its document
    let r = await coexecutor.patch(`/api/metric-months/${march.id}`, { version: march.version, fact: "2" });
    expect(r.status).toBe(200);
    let marchRow = r.body;
    r = await coexecutor.patch(`/api/checkpoints/${checkpoint.id}`, { version: checkpoint.version, actualDate: "2026-03-19" });
    expect(r.status).toBe(200);
    const upload = await coexecutor.post(`/api/monitoring/checkpoints/${checkpoint.id}/documents`, {
      filename: "Акт приемки.pdf",
      contentBase64: b64(PDF),
      comment: "Акт от 19.03.2026",
    });
    expect(upload.status).toBe(201);
    expect(upload.body).toMatchObject({
      filename: "Акт приемки.pdf",
      contentType: "application/pdf",
      size: PDF.length,
      comment: "Акт от 19.03.2026",
      createdByLogin: "coexecutor",
    });

    // a value below plan is not submitted without a justification (220-п 6.12)
    r = await coexecutor.post(`${base}/transitions`, { action: "submitDirection", directionId: d1.id });
    expect(r.status).toBe(422);
    expect(r.body.error.rule).toBe("220-п п. 6.12");
    expect(r.body.error.issues).toEqual([
      expect.objectContaining({
        path: `metricMonth.${march.id}.justification`,
        rule: "220-п п. 6.12.2",
        message: expect.stringMatching(/факт 2 ниже плана 3/),
      }),
    ]);
    r = await coexecutor.patch(`/api/metric-months/${march.id}`, {
      version: marchRow.version,
      justification: "Перенос сроков поставки оборудования",
    });
    expect(r.status).toBe(200);
    marchRow = r.body;

    // the co-executor may not submit a direction of another co-executor, nor accept its own
    expect((await coexecutor.post(`${base}/transitions`, { action: "submitDirection", directionId: d2.id })).status).toBe(403);
    r = await coexecutor.post(`${base}/transitions`, { action: "submitDirection", directionId: d1.id });
    expect(r.status).toBe(200);
    expect(r.body.directions[0]).toMatchObject({ state: "submitted", actions: [] });
    expect((await coexecutor.post(`${base}/transitions`, { action: "acceptDirection", directionId: d1.id })).status).toBe(403);

    // the executor returns it for rework with a comment; the co-executor submits again
    r = await executor.post(`${base}/transitions`, { action: "returnDirection", directionId: d1.id });
    expect(r.status).toBe(400);
    expect(r.body.error.issues[0].path).toBe("comment");
    r = await executor.post(`${base}/transitions`, {
      action: "returnDirection",
      directionId: d1.id,
      comment: "Приложите акт по контрольной точке 1",
    });
    expect(r.status).toBe(200);
    expect(r.body.directions[0].state).toBe("returned");
    // the co-executor is told, in the notification centre
    const told = (await coexecutor.get("/api/monitoring/notifications")).body.items;
    expect(told[0]).toMatchObject({
      kind: "report.returnDirection",
      title: "Вернуть направление на доработку: MP-1, мониторинг за I квартал 2026 года, направление 1",
    });
    expect(told[0].body).toMatch(/Приложите акт по контрольной точке 1/);
    expect((await coexecutor.get(base)).body.directions[0].actions).toEqual(["submitDirection"]);
    expect((await coexecutor.post(`${base}/transitions`, { action: "submitDirection", directionId: d1.id })).status).toBe(200);
    expect((await coexec2.post(`${base}/transitions`, { action: "submitDirection", directionId: d2.id })).status).toBe(200);

    // compiling needs every direction accepted
    r = await executor.post(`${base}/transitions`, { action: "compile" });
    expect(r.status).toBe(422);
    expect(r.body.error.message).toMatch(/Не принята информация по 2 из 2 направлений/);
    for (const d of [d1, d2])
      expect((await executor.post(`${base}/transitions`, { action: "acceptDirection", directionId: d.id })).status).toBe(200);
    r = await executor.post(`${base}/transitions`, { action: "compile" });
    expect(r.status).toBe(200);
    expect(r.body.state).toBe("compiled");
    expect((await economy.post(`${base}/transitions`, { action: "control", conclusion: "Рано" })).status).toBe(422);
    r = await executor.post(`${base}/transitions`, { action: "submit" });
    expect(r.body.state).toBe("submitted");

    // the economy department returns it once, then controls it with its conclusion
    expect((await executor.post(`${base}/transitions`, { action: "control", conclusion: "Сам себе" })).status).toBe(403);
    r = await economy.post(`${base}/transitions`, { action: "return", comment: "Уточните кассовое исполнение" });
    expect(r.body.state).toBe("compiled");
    r = await executor.post(`${base}/transitions`, { action: "submit" });
    expect(r.body.state).toBe("submitted");
    expect((await economy.post(`${base}/transitions`, { action: "control" })).status).toBe(400);
    app.ctx.now = at("2026-04-28T10:00:00Z");
    r = await economy.post(`${base}/transitions`, {
      action: "control",
      conclusion: "Параметры мониторинга соответствуют плану; отклонение по показателю П1 обосновано.",
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      state: "controlled",
      economyConclusion: expect.stringMatching(/^Параметры/),
      controlledAt: "2026-04-28T10:00:00.000Z",
      locked: { lockedAt: "2026-04-28T10:00:00.000Z" },
      actions: [],
    });

    // every step is recorded with who and when
    expect(r.body.transitions.map((t: any) => `${t.actorLogin}:${t.action}:${t.fromState}>${t.toState}`)).toEqual([
      "coexecutor:submitDirection:draft>submitted",
      "executor:returnDirection:submitted>returned",
      "coexecutor:submitDirection:returned>submitted",
      "coexec2:submitDirection:draft>submitted",
      "executor:acceptDirection:submitted>accepted",
      "executor:acceptDirection:submitted>accepted",
      "executor:compile:open>compiled",
      "executor:submit:compiled>submitted",
      "economy:return:submitted>compiled",
      "executor:submit:compiled>submitted",
      "economy:control:submitted>controlled",
    ]);
    expect(r.body.transitions[1]).toMatchObject({ comment: "Приложите акт по контрольной точке 1", at: "2026-04-10T09:00:00.000Z" });
    const auditRows = (await economy.get("/api/audit?objectType=reportSubmission")).body.items;
    expect(auditRows.map((a: any) => a.action)).toContain("report.control");

    // the deadlines of the quarter are done: the co-executors' by 20 April, the control by 30 April
    const states = Object.fromEntries(
      r.body.deadlines.map((d: any) => [`${d.ruleId}${d.directionCode ? `/${d.directionCode}` : ""}`, d.state]),
    );
    expect(states).toMatchObject({
      "monitoring.coexecutor/1": "done",
      "monitoring.coexecutor/2": "done",
      "monitoring.publication": "done",
      "monitoring.control": "done",
    });

    // the period is locked (220-п 6.16): no change, by anyone, by any path
    const refuse = (res: any) => {
      expect(res.status).toBe(422);
      expect(res.body.error.rule).toBe("220-п п. 6.16");
      expect(res.body.error.message).toMatch(/мониторинг за I квартал 2026 года закрыт.*6\.16/);
    };
    refuse(await coexecutor.patch(`/api/metric-months/${march.id}`, { version: marchRow.version, fact: "3" }));
    refuse(await economy.patch(`/api/metric-months/${march.id}`, { version: marchRow.version, fact: "3" }));
    refuse(await admin.delete(`/api/metric-months/${march.id}?version=${marchRow.version}`));
    refuse(
      await executor.post("/api/batch", {
        operations: [{ op: "update", resource: "metricMonth", id: march.id, version: marchRow.version, data: { fact: "3" } }],
      }),
    );
    const q1Budget = d1.budgetExecution.find((b: any) => b.year === 2026 && b.quarter === 1);
    refuse(await finance.patch(`/api/budget-execution/${q1Budget.id}`, { version: q1Budget.version, cash: "300.00" }));
    const cp = (await coexecutor.get(`/api/checkpoints/${checkpoint.id}`)).body;
    refuse(await coexecutor.patch(`/api/checkpoints/${cp.id}`, { version: cp.version, actualDate: "2026-03-18" }));
    refuse(await coexecutor.post(`/api/monitoring/checkpoints/${cp.id}/documents`, { filename: "ещё.pdf", contentBase64: b64(PDF) }));
    refuse(await coexecutor.delete(`/api/monitoring/documents/${upload.body.id}?version=${upload.body.version}`));
    // moving a value into the locked period is refused too; the second quarter stays open
    refuse(await coexecutor.patch(`/api/metric-months/${june.id}`, { version: june.version, month: 2 }));
    expect((await coexecutor.patch(`/api/metric-months/${june.id}`, { version: june.version, fact: "6" })).status).toBe(200);
    expect((await viewer.get(`/api/monitoring/locks?programId=${tree.id}`)).body.items).toEqual([
      expect.objectContaining({ year: 2026, period: "Q1", title: "мониторинг за I квартал 2026 года", rule: "220-п п. 6.16" }),
    ]);
    // the document stays downloadable
    const file = await viewer.get(`/api/monitoring/documents/${upload.body.id}/content`);
    expect(file.status).toBe(200);
    expect(file.headers["content-type"]).toBe("application/pdf");
    expect(String(file.headers["content-disposition"])).toContain(encodeURIComponent("Акт приемки.pdf"));

    const list = (await viewer.get(`/api/monitoring/reports?programId=${tree.id}`)).body.items;
    expect(list).toEqual([expect.objectContaining({ year: 2026, period: "Q1", state: "controlled" })]);
  });

  it("plan and fact: a metric by month, a program by quarter; values off plan", async () => {
    const metric = tree.directions[0].structuralElements[0].metrics[0];
    const pf = (await viewer.get(`/api/monitoring/metrics/${metric.id}/plan-fact?year=2026`)).body;
    expect(pf.months).toHaveLength(12);
    expect(pf.months[2]).toMatchObject({ month: 3, plan: "3", fact: "2", fallsShort: true });
    expect(pf.months[5]).toMatchObject({ month: 6, plan: "6", fact: "6", fallsShort: false });
    expect(pf).toMatchObject({ year: 2026, plan: "12", fact: null });
    const prog = (await viewer.get(`/api/monitoring/programs/${tree.id}/plan-fact?year=2026`)).body;
    expect(prog.funding).toBe("2501.50"); // 2 directions × (1000.50 + 250.25)
    expect(prog.quarters[0]).toMatchObject({
      quarter: 1,
      period: "Q1",
      schedule: "2001.00",
      cash: "400.20",
      metricsPlanned: 2,
      metricsWithFact: 1,
      metricsAtPlan: 0,
    });
    // the schedule is the year's (in force at Q2's end: still 2001.00) and cash is cumulative (no Q2 row: Q1's stands)
    expect(prog.quarters[1]).toMatchObject({ quarter: 2, schedule: "2001.00", cash: "400.20", metricsWithFact: 1, metricsAtPlan: 1 });
    const off = (await viewer.get("/api/monitoring/dashboard/metrics-off-plan?year=2026&threshold=20")).body.items;
    expect(off).toEqual([
      expect.objectContaining({
        metricId: metric.id,
        month: 3,
        plan: "3",
        fact: "2",
        deviationPercent: -33.33,
        unfavourable: true,
        justification: "Перенос сроков поставки оборудования",
      }),
    ]);
    expect((await viewer.get("/api/monitoring/dashboard/metrics-off-plan?year=2026&threshold=40")).body.items).toEqual([]);
  });

  it("dashboards: my tasks, overdue reports by department, overdue checkpoints", async () => {
    app.ctx.now = at("2026-07-22T09:00:00Z");
    // Q2 2026: the co-executors' information was due 20 July — overdue; the executor publishes by 27 July
    const mine = (await coexecutor.get("/api/monitoring/dashboard/my-tasks")).body;
    expect(mine.today).toBe("2026-07-22");
    // everything of the co-executor's two directions not done, late ones included: 2025 Q1–Q3 and the annual
    // information, Q1 2026 of MP-2 (MP-1's was submitted), and Q2 2026 of both
    const tasks = (b: any) =>
      b.items.map((i: any) => `${i.programCode}/${i.directionCode}:${i.ruleId}:${i.year}:${i.period}:${i.due}:${i.state}`).sort();
    expect(tasks(mine)).toEqual([
      "MP-1/1:annual.coexecutor:2025:annual:2026-02-05:overdue",
      "MP-1/1:monitoring.coexecutor:2025:Q1:2025-04-21:overdue",
      "MP-1/1:monitoring.coexecutor:2025:Q2:2025-07-21:overdue",
      "MP-1/1:monitoring.coexecutor:2025:Q3:2025-10-20:overdue",
      "MP-1/1:monitoring.coexecutor:2026:Q2:2026-07-20:overdue",
      "MP-2/2:annual.coexecutor:2025:annual:2026-02-05:overdue",
      "MP-2/2:monitoring.coexecutor:2025:Q1:2025-04-21:overdue",
      "MP-2/2:monitoring.coexecutor:2025:Q2:2025-07-21:overdue",
      "MP-2/2:monitoring.coexecutor:2025:Q3:2025-10-20:overdue",
      "MP-2/2:monitoring.coexecutor:2026:Q1:2026-04-20:overdue",
      "MP-2/2:monitoring.coexecutor:2026:Q2:2026-07-20:overdue",
    ]);
    const execTasks = (await executor.get("/api/monitoring/dashboard/my-tasks")).body;
    expect(execTasks.items.map((i: any) => `${i.programCode}:${i.ruleId}:${i.year}:${i.period}:${i.due}:${i.state}`).sort()).toEqual([
      "MP-1:annual.report:2025:annual:2026-02-16:overdue",
      "MP-1:monitoring.publication:2025:Q1:2025-04-25:overdue",
      "MP-1:monitoring.publication:2025:Q2:2025-07-25:overdue",
      "MP-1:monitoring.publication:2025:Q3:2025-10-27:overdue",
      "MP-1:monitoring.publication:2026:Q2:2026-07-27:upcoming",
    ]);
    // a direction waiting for the executor shows among their reports
    const q2 = `/api/monitoring/programs/${tree.id}/reports/2026/Q2`;
    expect((await coexecutor.post(`${q2}/transitions`, { action: "submitDirection", directionId: tree.directions[0].id })).status).toBe(
      200,
    );
    expect((await executor.get("/api/monitoring/dashboard/my-tasks")).body.reports).toEqual([
      expect.objectContaining({ programCode: "MP-1", period: "Q2", actions: ["acceptDirection"] }),
    ]);
    const after = tasks((await coexecutor.get("/api/monitoring/dashboard/my-tasks")).body);
    expect(after).toHaveLength(10);
    expect(after.some((t: string) => t.startsWith("MP-1/1:monitoring.coexecutor:2026:Q2"))).toBe(false);

    const overdue = (await economy.get("/api/monitoring/dashboard/overdue-reports")).body;
    const byName = Object.fromEntries(overdue.groups.map((g: any) => [g.name, g.count]));
    // co-executors per direction, executors per program, the finance department (no budget data for 2025 Q1–Q3 and
    // 2026 Q2) and the economy department (controls of 2025 Q1–Q3 and MP-2's 2026 Q1)
    expect(byName).toEqual({
      "Управление городского хозяйства": 16, // MP-1/2: 5, MP-2/1: 6, MP-2's executor: 5
      "Комитет по культуре": 10, // MP-1/1: 4, MP-2/2: 6
      "Управление финансов": 8,
      "Управление экономики": 7,
      "Управление образования": 4,
    });

    const cps = (await viewer.get("/api/monitoring/dashboard/overdue-checkpoints")).body;
    // planned 20.03 and 20.06 in both directions of both programs; MP-1 direction 1's first has its actual date
    expect(cps.items.map((c: any) => `${c.programCode}/${c.directionCode}:${c.plannedDate}`)).toEqual([
      "MP-1/2:2026-03-20",
      "MP-2/1:2026-03-20",
      "MP-2/2:2026-03-20",
      "MP-1/1:2026-06-20",
      "MP-1/2:2026-06-20",
      "MP-2/1:2026-06-20",
      "MP-2/2:2026-06-20",
    ]);
    expect(cps.items[3].workingDaysLate).toBe(23); // working days from 22.06 to 22.07.2026
  });
});

describe("deadlines by the municipality's rules and working-day calendar", () => {
  let app: TestApp;
  let admin: Client, finance: Client, viewer: Client, economy: Client;
  let mp2: any;

  beforeAll(async () => {
    app = await createTestApp();
    await putInForce(app);
    [admin, finance, viewer, economy] = await Promise.all([app.as("admin"), app.as("finance"), app.as("viewer"), app.as("economy")]);
    mp2 = await programTree(admin, "MP-2");
  });
  afterAll(async () => {
    await app?.close();
  });

  it("Q3 2025: the 25 October Saturday moves to Monday 27 October", async () => {
    app.ctx.now = at("2025-10-21T09:00:00Z");
    const r = await viewer.get(`/api/monitoring/programs/${mp2.id}/deadlines?year=2025`);
    expect(r.status).toBe(200);
    expect(r.body.today).toBe("2025-10-21");
    const q3 = r.body.items.filter((i: any) => i.period === "Q3");
    expect(
      q3.map((i: any) => `${i.ruleId}${i.directionCode ? `/${i.directionCode}` : ""}:${i.nominal}>${i.due}:${i.state}`).sort(),
    ).toEqual([
      "monitoring.coexecutor/1:2025-10-20>2025-10-20:overdue",
      "monitoring.coexecutor/2:2025-10-20>2025-10-20:overdue",
      "monitoring.control:2025-10-30>2025-10-30:upcoming",
      "monitoring.finance:2025-10-15>2025-10-15:overdue",
      "monitoring.publication:2025-10-25>2025-10-27:upcoming",
    ]);
    expect(q3.find((i: any) => i.directionCode === "2").departmentName).toBe("Комитет по культуре");
    const cal = (await viewer.get("/api/monitoring/deadlines?year=2025")).body;
    expect(cal.calendar.id).toBe("ru");
    expect(cal.items.find((i: any) => i.ruleId === "annual.report")).toMatchObject({ period: "annual", due: "2026-02-16" });
    expect(cal.items.find((i: any) => i.ruleId === "review.annual.finance")).toMatchObject({ due: null, note: "10 раб. дн. от события" });
  });

  it("the annual report's reviews in working days: across the May 2025 holidays, and counting the working Saturday 1 November 2025", async () => {
    // the program runs from 2024, so its annual report on 2024 is due in 2025
    const p = (await economy.get(`/api/programs/${mp2.id}`)).body;
    // the passport of a program in force changes only in an amendment
    expect((await economy.patch(`/api/programs/${mp2.id}`, { version: p.version, startYear: 2024 })).status).toBe(422);
    expect((await admin.post(`/api/programs/${mp2.id}/versions`, {})).status).toBe(201);
    expect((await economy.patch(`/api/programs/${mp2.id}`, { version: p.version, startYear: 2024 })).status).toBe(200);
    const base = `/api/monitoring/programs/${mp2.id}/reports/2024/annual`;
    app.ctx.now = at("2025-02-03T09:00:00Z");
    for (const d of mp2.directions)
      expect((await admin.post(`${base}/transitions`, { action: "submitDirection", directionId: d.id })).status).toBe(200);
    for (const d of mp2.directions)
      expect((await admin.post(`${base}/transitions`, { action: "acceptDirection", directionId: d.id })).status).toBe(200);
    expect((await admin.post(`${base}/transitions`, { action: "compile" })).status).toBe(200);
    app.ctx.now = at("2025-04-28T09:00:00Z");
    expect((await admin.post(`${base}/transitions`, { action: "submit" })).status).toBe(200);
    // the economy department may not conclude before the finance department's review
    expect((await economy.post(`${base}/transitions`, { action: "control", conclusion: "x" })).status).toBe(422);
    expect((await economy.post(`${base}/transitions`, { action: "financeReview", conclusion: "x" })).status).toBe(403);
    let r = await viewer.get(`/api/monitoring/programs/${mp2.id}/deadlines?year=2024`);
    // 10 working days after 28 April 2025: 29–30 April, 5–7 May, 12–16 May (1–4 and 8–11 May are days off)
    expect(r.body.items.find((i: any) => i.ruleId === "review.annual.finance")).toMatchObject({
      due: "2025-05-16",
      state: "upcoming",
      workingDaysLeft: 10,
      actor: "finance",
    });
    expect(r.body.items.find((i: any) => i.ruleId === "annual.report")).toMatchObject({
      due: "2025-02-17",
      state: "doneLate",
      doneOn: "2025-04-28",
    });
    expect(r.body.items.find((i: any) => i.ruleId === "annual.coexecutor")).toMatchObject({
      due: "2025-02-05",
      state: "done",
      doneOn: "2025-02-03",
    });

    app.ctx.now = at("2025-10-20T09:00:00Z");
    r = await finance.post(`${base}/transitions`, { action: "financeReview", conclusion: "Финансовые показатели достоверны" });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ state: "financeReviewed", financeConclusion: "Финансовые показатели достоверны" });
    // 15 working days after 20 October 2025 — 1 November is a working Saturday, 3–4 November days off
    expect(r.body.deadlines.find((i: any) => i.ruleId === "review.annual.economy")).toMatchObject({
      due: "2025-11-11",
      state: "upcoming",
      actor: "economy",
    });
    expect(r.body.deadlines.find((i: any) => i.ruleId === "review.annual.finance")).toMatchObject({
      state: "doneLate",
      doneOn: "2025-10-20",
    });
    app.ctx.now = at("2025-11-11T09:00:00Z");
    r = await economy.post(`${base}/transitions`, { action: "control", conclusion: "Заключение по годовому отчету" });
    expect(r.body.deadlines.find((i: any) => i.ruleId === "review.annual.economy")).toMatchObject({ state: "done", doneOn: "2025-11-11" });
    // the annual lock closes the year's values: a 2024 value may not even be added; 2025 stays open
    const metric = mp2.directions[0].structuralElements[0].metrics[0];
    const add = await admin.post("/api/metric-values", { metricId: metric.id, year: 2024, plan: "10", fact: "9" });
    expect(add.status).toBe(422);
    expect(add.body.error.message).toMatch(/годовой отчет 2024 года закрыт/);
    const mv = metric.metricValues[0];
    expect(mv.year).toBe(2025);
    expect((await admin.patch(`/api/metric-values/${mv.id}`, { version: mv.version, fact: "1" })).status).toBe(200);
  });

  it("a municipality's own rules and calendar are data, edited by the administrator", async () => {
    app.ctx.now = at("2025-04-10T09:00:00Z");
    const s0 = (await viewer.get("/api/monitoring/settings")).body;
    expect(s0).toMatchObject({ version: 0, customRules: false, customCalendar: false, reminderDaysBefore: 3, calendarInfo: { id: "ru" } });
    const rule = {
      id: "local.coexecutor",
      kind: "quarterly",
      actor: "coexecutor",
      quarters: [1],
      label: { ru: "Информация соисполнителя (местный срок)", en: "Local" },
      anchor: { type: "monthAfterQuarter", day: 30 },
      offset: { workingDays: 3 },
      clause: "Постановление N 1 п. 2",
    };
    expect((await put(economy, "/api/monitoring/settings", { version: 0, deadlineRules: [rule] })).status).toBe(403);
    let r = await put(admin, "/api/monitoring/settings", {
      version: 0,
      deadlineRules: [{ ...rule, anchor: { type: "monthAfterQuarter", day: 32 } }],
      reminderDaysBefore: 31,
    });
    expect(r.status).toBe(400);
    expect(r.body.error.issues.map((i: any) => i.path)).toEqual(["deadlineRules[0].anchor.day", "reminderDaysBefore"]);
    r = await put(admin, "/api/monitoring/settings", { version: 0, deadlineRules: [rule], reminderDaysBefore: 2 });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ version: 1, customRules: true, reminderDaysBefore: 2 });
    // 30 April 2025 + 3 working days: 5, 6, 7 May (1–4 May are days off)
    const d = (await viewer.get(`/api/monitoring/programs/${mp2.id}/deadlines?year=2025`)).body.items;
    expect(d.map((i: any) => `${i.ruleId}/${i.directionCode}:${i.due}`)).toEqual([
      "local.coexecutor/1:2025-05-07",
      "local.coexecutor/2:2025-05-07",
    ]);
    // a calendar of the municipality's own, with Saturday 3 May 2025 a working day
    const ru = {
      id: "local",
      country: "RU",
      name: "Календарь города",
      years: [2025, 2025],
      holidays: [
        "2025-01-01",
        "2025-01-02",
        "2025-01-03",
        "2025-01-06",
        "2025-01-07",
        "2025-01-08",
        "2025-05-01",
        "2025-05-02",
        "2025-05-08",
        "2025-05-09",
      ],
      workingWeekends: ["2025-05-03"],
    };
    r = await put(admin, "/api/monitoring/settings", { version: 0, calendar: ru });
    expect(r.status).toBe(409);
    r = await put(admin, "/api/monitoring/settings", { version: 1, calendar: { ...ru, holidays: ["2025-13-01"] } });
    expect(r.status).toBe(400);
    expect(r.body.error.issues[0].path).toBe("calendar.holidays[0]");
    r = await put(admin, "/api/monitoring/settings", { version: 1, calendar: ru });
    expect(r.body).toMatchObject({ version: 2, customCalendar: true, calendarInfo: { id: "local", years: [2025, 2025] } });
    // 30 April + 3 working days in this calendar: 3 (Saturday), 5 and 6 May
    const d2 = (await viewer.get(`/api/monitoring/programs/${mp2.id}/deadlines?year=2025`)).body.items;
    expect(d2[0].due).toBe("2025-05-06");
    // back to the built-in rules and calendar
    r = await put(admin, "/api/monitoring/settings", { version: 2, deadlineRules: null, calendar: null });
    expect(r.body).toMatchObject({ customRules: false, customCalendar: false });
  });
});

describe("reminders: once per user, deadline and moment, with two workers on one database", () => {
  let app: TestApp;
  let other: AppContext;
  let otherDb: Db;
  let smtp: SMTPServer;
  let port = 0;
  const received: { to: string[]; key: string; subject: string }[] = [];
  const workers: Worker[] = [];
  const mailers: { close?(): void }[] = [];
  let municipalityId = "";

  beforeAll(async () => {
    app = await createTestApp();
    await putInForce(app);
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS", "AUTH"],
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on("data", (c: Buffer) => chunks.push(c));
        stream.on("end", () => {
          const raw = Buffer.concat(chunks)
            .toString("utf8")
            .replace(/\r?\n[ \t]+/g, "");
          const header = (name: string) => new RegExp(`^${name}:\\s*(.*)$`, "mi").exec(raw)?.[1]?.trim() ?? "";
          received.push({
            to: session.envelope.rcptTo.map((r) => r.address),
            key: header("X-Orientir-Reminder"),
            subject: header("Subject"),
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", () => resolve()));
    port = (smtp.server.address() as { port: number }).port;
    // a second "server process": its own pool on the same database
    otherDb = new Db(app.ctx.db.url, { max: 5 });
    municipalityId = (await (await app.as("admin")).get("/api/auth/me")).body.municipalityId;
    other = createContext(otherDb);
  });
  afterAll(async () => {
    for (const w of workers) await w.stop();
    for (const m of mailers) m.close?.();
    await otherDb?.close();
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
    await app?.close();
  });

  const setNow = (iso: string) => {
    app.ctx.now = at(iso);
    other.now = at(iso);
  };

  async function settle(expected: number) {
    for (let i = 0; i < 200; i++) {
      const outbox = await listOutbox(app.ctx.db, municipalityId);
      if (outbox.length === expected && outbox.every((m) => m.sentAt) && received.length >= expected) return outbox;
      await new Promise((r) => setTimeout(r, 100));
    }
    const outbox = await listOutbox(app.ctx.db, municipalityId);
    throw new Error(
      `not settled: ${received.length} received, expected ${expected}; outbox ${JSON.stringify(outbox.map((m) => [m.toAddress, m.moment, m.sentAt, m.lastError]))}`,
    );
  }

  it("each reminder reaches its addressee exactly once", async () => {
    const users = ["coexecutor", "executor", "finance", "economy", "viewer"];
    const clients = Object.fromEntries(await Promise.all(users.map(async (u) => [u, await app.as(u)] as const)));
    for (const u of users) {
      const me = (await clients[u]!.get("/api/auth/me")).body.user.id;
      expect((await put(clients[u]!, `/api/monitoring/users/${me}/email`, { email: `${u}@city.example` })).status).toBe(200);
    }
    const viewerId = (await clients.viewer!.get("/api/auth/me")).body.user.id;
    expect((await put(clients.coexecutor!, `/api/monitoring/users/${viewerId}/email`, { email: "x@city.example" })).status).toBe(403);

    // Monday 20 April 2026, 9:00 in Moscow: the co-executors' Q1 information is due today
    setNow("2026-04-20T06:00:00Z");
    const mailer = () => {
      const m = smtpMailer(`smtp://127.0.0.1:${port}`, "Ориентир <noreply@city.example>");
      mailers.push(m);
      return m;
    };
    // both processes start their worker at once; both try to schedule and to scan
    workers.push(startWorker({ ctx: app.ctx, workerId: "process-1", mailer: mailer(), scanEveryMinutes: 60 }, { pollMs: 30 }));
    workers.push(startWorker({ ctx: other, workerId: "process-2", mailer: mailer(), scanEveryMinutes: 60 }, { pollMs: 30 }));
    await Promise.all([
      ensureReminderScan(app.ctx),
      ensureReminderScan(other),
      scanReminders(app.ctx, { email: true }),
      scanReminders(other, { email: true }),
    ]);
    const first = await settle(2);
    expect(first.map((m) => `${m.toAddress}:${m.moment}`).sort()).toEqual(["coexecutor@city.example:due", "coexecutor@city.example:due"]);

    // Wednesday 22 April: the information is overdue; the executor's publication is due in 3 working days (27 April)
    setNow("2026-04-22T06:00:00Z");
    await Promise.all([
      scanReminders(app.ctx, { email: true }),
      scanReminders(other, { email: true }),
      scanReminders(app.ctx, { email: true }),
    ]);
    const second = await settle(5);
    expect(second.map((m) => `${m.toAddress}:${m.moment}`).sort()).toEqual([
      "coexecutor@city.example:due",
      "coexecutor@city.example:due",
      "coexecutor@city.example:overdue",
      "coexecutor@city.example:overdue",
      "executor@city.example:before",
    ]);
    // the queued scan of 20 April (re-enqueued for an hour later) runs too, and adds nothing
    await new Promise((r) => setTimeout(r, 500));
    expect(received.length).toBe(5);

    // the SMTP sink got each (addressee, deadline, moment) exactly once
    const keys = received.map((m) => `${m.to.join(",")}|${m.key}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.sort()).toEqual(second.map((m) => `${m.toAddress}|${m.deadlineKey}#${m.moment}`).sort());

    // and the notification centre shows them, once each
    const n = (await clients.coexecutor!.get("/api/monitoring/notifications")).body;
    expect(n.unread).toBe(4);
    expect(n.items.map((i: any) => i.moment).sort()).toEqual(["due", "due", "overdue", "overdue"]);
    expect(n.items.find((i: any) => i.moment === "overdue").title).toMatch(
      /^Просрочено: Информация соисполнителя о ходе реализации направления — срок истек 20\.04\.2026/,
    );
    const one = n.items[0].id;
    expect((await clients.coexecutor!.post("/api/monitoring/notifications/read", { id: one })).body).toEqual({ marked: 1, unread: 3 });
    expect((await clients.executor!.post("/api/monitoring/notifications/read", { id: one })).status).toBe(404); // not theirs
    expect((await clients.coexecutor!.post("/api/monitoring/notifications/read", {})).body).toEqual({ marked: 3, unread: 0 });
    expect((await clients.finance!.get("/api/monitoring/notifications")).body.items).toEqual([]);
  }, 60_000);
});

describe("uploaded files: type by content, size limit", () => {
  let app: TestApp;
  let coexecutor: Client, viewer: Client;
  let checkpointId = "";

  beforeAll(async () => {
    app = await createTestApp();
    await putInForce(app);
    [coexecutor, viewer] = await Promise.all([app.as("coexecutor"), app.as("viewer")]);
    checkpointId = (await programTree(coexecutor, "MP-1")).directions[0].structuralElements[0].checkpoints[1].id;
  });
  afterAll(async () => {
    await app?.close();
  });

  const upload = (c: Client, filename: string, content: Buffer | Uint8Array | string, comment?: string) =>
    c.post(`/api/monitoring/checkpoints/${checkpointId}/documents`, {
      filename,
      contentBase64: typeof content === "string" ? content : b64(content),
      comment,
    });

  it("accepts PDF, DOCX, XLSX, PNG and JPEG by their content and gives them back unchanged", async () => {
    const docx = await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph("Акт выполненных работ")] }] }));
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Отчет").addRow(["Показатель", 10]);
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
    const png = Buffer.from(
      "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4f60000000049454e44ae426082",
      "hex",
    );
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0xff, 0xd9]);
    const cases: [string, Buffer, string][] = [
      ["акт.pdf", PDF, "application/pdf"],
      ["акт.docx", docx, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"],
      ["отчет.xlsx", xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"],
      ["фото.png", png, "image/png"],
      // the type comes from the content, not the name
      ["фото.pdf", jpeg, "image/jpeg"],
    ];
    for (const [name, content, type] of cases) {
      const r = await upload(coexecutor, name, content);
      expect(r.status, name).toBe(201);
      expect(r.body.contentType, name).toBe(type);
      const back = await viewer.request("GET", `/api/monitoring/documents/${r.body.id}/content`);
      expect(back.headers["content-type"]).toBe(type);
    }
    const list = (await viewer.get(`/api/monitoring/checkpoints/${checkpointId}/documents`)).body.items;
    expect(list.map((d: any) => d.filename)).toEqual(["акт.pdf", "акт.docx", "отчет.xlsx", "фото.png", "фото.pdf"]);
    // the bytes come back unchanged
    const res = await app.server.inject({
      method: "GET",
      url: `/api/monitoring/documents/${list[1].id}/content`,
      headers: { cookie: viewer.cookie },
    });
    expect(Buffer.compare(res.rawPayload, docx)).toBe(0);
    expect(list[1].sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it("refuses other types, empty and oversized files, and content that is not base64", async () => {
    let r = await upload(coexecutor, "картинка.gif", Buffer.from("GIF89a\x01\x00\x01\x00"));
    expect(r.status).toBe(400);
    expect(r.body.error.issues[0]).toMatchObject({
      path: "content",
      message: expect.stringMatching(/Недопустимый тип файла.*PDF, DOCX, XLSX, PNG, JPEG/),
    });
    r = await upload(coexecutor, "script.pdf", Buffer.from("<script>alert(1)</script>"));
    expect(r.status).toBe(400);
    // a ZIP that is not an Office document
    r = await upload(coexecutor, "архив.docx", Buffer.from("504b0506000000000000000000000000000000000000", "hex"));
    expect(r.status).toBe(400);
    const big = Buffer.alloc(5 * 1024 * 1024 + 1, 0x20);
    PDF.copy(big);
    r = await upload(coexecutor, "большой.pdf", big);
    expect(r.status).toBe(400);
    expect(r.body.error.issues[0].message).toMatch(/Файл 5,0 МБ больше допустимых 5,0 МБ/);
    r = await upload(coexecutor, "пустой.pdf", "");
    expect(r.status).toBe(400);
    r = await upload(coexecutor, "не base64.pdf", "это не base64!");
    expect(r.status).toBe(400);
    expect(r.body.error.issues[0].path).toBe("contentBase64");
    r = await upload(viewer, "акт.pdf", PDF);
    expect(r.status).toBe(403);
    // nothing refused was stored
    expect((await viewer.get(`/api/monitoring/checkpoints/${checkpointId}/documents`)).body.items).toHaveLength(5);
  });
});

describe("the budget schedule is annual, cash is cumulative, per direction and per structural element", () => {
  let app: TestApp;
  let finance: Client, viewer: Client;
  let tree: any;

  beforeAll(async () => {
    app = await createTestApp();
    [finance, viewer] = await Promise.all([app.as("finance"), app.as("viewer")]);
    tree = await programTree(viewer, "MP-1");
    app.ctx.now = at("2027-05-10T09:00:00Z");
  });
  afterAll(async () => {
    await app?.close();
  });

  it("the finance department enters a complex's schedule with a dated change and its cash; the rate is cash to date / the schedule in force at the quarter's end", async () => {
    const d1 = tree.directions[0];
    const el = d1.structuralElements[0];
    const sched = (b: Record<string, unknown>) =>
      finance.post("/api/budget-schedule", { directionId: d1.id, elementId: el.id, year: 2027, source: "local", ...b });
    const cash = (b: Record<string, unknown>) =>
      finance.post("/api/budget-execution", { directionId: d1.id, elementId: el.id, year: 2027, source: "local", ...b });
    expect((await sched({ amount: "1000.00", effectiveDate: "2027-01-01", reason: "решение о бюджете на 2027 год" })).status).toBe(201);
    expect((await sched({ amount: "1250.00", effectiveDate: "2027-06-15", reason: "изменения в решение о бюджете" })).status).toBe(201);
    const q1 = await cash({ quarter: 1, cash: "300.00" });
    expect(q1.status).toBe(201);
    expect((await cash({ quarter: 2, cash: "500.00" })).status).toBe(201);

    // cumulative cash may not decrease: a new Q3 below Q2, or Q1 raised above Q2 — a 400 naming the field, nothing written
    const low = await cash({ quarter: 3, cash: "499.99" });
    expect(low.status).toBe(400);
    expect(low.body.error.issues).toEqual([
      expect.objectContaining({ path: "cash", message: expect.stringContaining("не может уменьшиться") }),
    ]);
    const raised = await finance.patch(`/api/budget-execution/${q1.body.id}`, { version: q1.body.version, cash: "500.01" });
    expect(raised.status).toBe(400);
    expect(raised.body.error.issues[0].path).toBe("cash");
    // a change of the year's schedule takes effect within its year; the complex belongs to the row's direction
    const outside = await sched({ amount: "1.00", effectiveDate: "2026-12-31" });
    expect(outside.status).toBe(400);
    expect(outside.body.error.issues[0].path).toBe("effectiveDate");
    const d2 = tree.directions[1];
    const wrongDir = await finance.post("/api/budget-schedule", {
      directionId: d2.id,
      elementId: el.id,
      year: 2027,
      source: "local",
      amount: "1.00",
      effectiveDate: "2027-02-01",
    });
    expect(wrongDir.status).toBe(400);
    expect(wrongDir.body.error.issues[0].path).toBe("elementId");
    // the same day twice is one entry
    expect((await sched({ amount: "2.00", effectiveDate: "2027-06-15" })).status).toBe(409);
    // a viewer reads, never writes
    expect(
      (
        await viewer.post("/api/budget-schedule", {
          directionId: d1.id,
          elementId: el.id,
          year: 2027,
          source: "local",
          amount: "5.00",
          effectiveDate: "2027-03-01",
        })
      ).status,
    ).toBe(403);

    const b = (await viewer.get(`/api/monitoring/programs/${tree.id}/budget?year=2027`)).body;
    expect(b.asOf).toBe("2027-05-10");
    const dv = b.directions.find((d: any) => d.id === d1.id);
    const ev = dv.elements.find((e: any) => e.id === el.id);
    expect(ev.schedule.map((s: any) => [s.effectiveDate, s.amount, s.reason])).toEqual([
      ["2027-01-01", "1000.00", "решение о бюджете на 2027 год"],
      ["2027-06-15", "1250.00", "изменения в решение о бюджете"],
    ]);
    expect(ev.scheduleInForce).toEqual([{ source: "local", amount: "1000.00" }]); // on 10 May the June change is not in force yet
    expect(ev.quarters.map((q: any) => [q.schedule, q.cash, q.rate])).toEqual([
      ["1000.00", "300.00", 30],
      ["1250.00", "500.00", 40],
      ["1250.00", "500.00", 40],
      ["1250.00", "500.00", 40],
    ]);
    // the direction has no 2027 figures of its own: it shows the sum of its complexes'
    expect(dv.quarters[1]).toMatchObject({ schedule: "1250.00", cash: "500.00", rate: 40 });
    expect(b.quarters[1]).toMatchObject({ schedule: "1250.00", cash: "500.00", rate: 40 });
    // the plan-fact chart reads the same figures
    const pf = (await viewer.get(`/api/monitoring/programs/${tree.id}/plan-fact?year=2027`)).body;
    expect(pf.quarters[0]).toMatchObject({ schedule: "1000.00", cash: "300.00" });

    // the program's document carries the complex's own schedule and cash (export, import, snapshots)
    const doc = (await exportProgramDocument(app.ctx.db, tree.id))!;
    const edoc = doc.directions[0]!.elements.find((e) => e.code === el.code)!;
    expect(edoc.budgetSchedule).toEqual([
      { year: 2027, source: "local", amount: "1000.00", effectiveDate: "2027-01-01", reason: "решение о бюджете на 2027 год" },
      { year: 2027, source: "local", amount: "1250.00", effectiveDate: "2027-06-15", reason: "изменения в решение о бюджете" },
    ]);
    expect(edoc.budgetExecution).toEqual([
      { year: 2027, quarter: 1, source: "local", schedule: "1000.00", cash: "300.00" },
      { year: 2027, quarter: 2, source: "local", schedule: "1250.00", cash: "500.00" },
    ]);
    expect((await viewer.get(`/api/monitoring/programs/${tree.id}/budget?year=2040`)).status).toBe(400);
  });
});
