/**
 * The approval workflow through the API (issue 6): an amendment of MP-1 walked through every
 * review with a negative conclusion and a rework, approved and published; a new program through
 * its public discussion; a direction's order; the rules of change on the rows of an approved
 * program; two editors of one program; an approved version attacked through the API and directly
 * in SQL as the application's role; the audit log of every step.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { createTestApp, type Client, type TestApp } from "@orientir/testing";

let app: TestApp;
const c: Record<string, Client> = {};
let mp1: any;
let mp2: any;

// Friday 15 May 2026, noon in Moscow
const NOW = new Date("2026-05-15T09:00:00Z");

beforeAll(async () => {
  app = await createTestApp();
  // the clock of the use cases is fixed; sessions are checked against the database's clock, so they live long
  app.ctx.config.sessionTtlHours = 24 * 365 * 5;
  app.ctx.now = () => NOW;
  for (const role of ["admin", "economy", "finance", "audit", "executor", "coexecutor", "head", "viewer"]) c[role] = await app.as(role);
  const programs = (await c.admin!.get("/api/programs")).body.items;
  mp1 = programs.find((p: any) => p.code === "MP-1");
  mp2 = programs.find((p: any) => p.code === "MP-2");
});
afterAll(async () => {
  await app.close();
});

async function tree(programId: string) {
  return (await c.admin!.get(`/api/programs/${programId}/tree`)).body;
}
const element = (t: any) => t.directions.find((d: any) => d.code === "1").structuralElements[0];

async function step(who: Client, wf: { id: string; version: number }, action: string, input?: unknown) {
  return who.post(`/api/workflows/${wf.id}/steps`, { version: wf.version, action, ...(input ? { input } : {}) });
}
async function ok(who: Client, wf: { id: string; version: number }, action: string, input?: unknown) {
  const r = await step(who, wf, action, input);
  expect(r.status, `${action}: ${JSON.stringify(r.body)}`).toBe(200);
  return r.body;
}

let amendment: any; // the workflow of MP-1's amendment
let draft: any; // a later amendment: the rows of an approved program change only in one
let v1: any;

describe("an amendment walked through every review, with a negative conclusion and a rework", () => {
  it("registers the version in force of MP-1 (decree of 2025)", async () => {
    const r = await c.economy!.post(`/api/programs/${mp1.id}/versions/in-force`, { decreeNumber: "100-п", decreeDate: "2025-12-20" });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({ number: 1, status: "approved", kind: "program", decreeNumber: "100-п", decreeDate: "2025-12-20" });
    v1 = r.body;
    const list = (await c.viewer!.get(`/api/programs/${mp1.id}/versions`)).body;
    expect(list.inForce).toBe(1);
  });

  it("starts an amendment from the last approved version, as the responsible executor", async () => {
    const r = await c.executor!.post(`/api/programs/${mp1.id}/versions`, {});
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    amendment = r.body;
    expect(amendment).toMatchObject({ state: "draft", kind: "amendment", flow: "program", discussionRequired: false });
    expect(amendment.programVersion).toMatchObject({ number: 2, status: "draft", basedOnId: v1.id });
    expect(amendment.actions.map((a: any) => a.action)).toEqual(["submit", "cancel"]);
    expect(amendment.legalDeadlines.map((d: any) => d.key)).toEqual(["approval", "reportingYearRefinement", "reviews"]);
    // a second draft at the same time is refused
    expect((await c.executor!.post(`/api/programs/${mp1.id}/versions`, {})).status).toBe(409);
  });

  it("shows the changes of the draft against the version in force", async () => {
    const el = element(await tree(mp1.id));
    const f = el.funding.find((x: any) => x.year === 2027 && x.source === "local");
    expect((await c.executor!.patch(`/api/funding/${f.id}`, { version: f.version, amount: "1200.50" })).status).toBe(200);
    const mv = el.metrics[0].metricValues.find((x: any) => x.year === 2027);
    expect((await c.coexecutor!.patch(`/api/metric-values/${mv.id}`, { version: mv.version, plan: "14" })).status).toBe(200);
    const d = await c.viewer!.get(`/api/programs/${mp1.id}/diff`);
    expect(d.status, JSON.stringify(d.body)).toBe(200);
    expect(d.body.from).toMatchObject({ versionId: v1.id, number: 1 });
    expect(d.body.to.versionId).toBeNull();
    const paths = d.body.changes.map((x: any) => x.path);
    expect(paths).toContain("directions[1].elements[1.1].funding[2027:local].amount");
    expect(paths).toContain("directions[1].elements[1.1].metrics[П1].values[2027].plan");
    // the program's total of the year and source: both directions' elements
    expect(d.body.changes.find((x: any) => x.path === "fundingTotals[2027:local].amount")).toMatchObject({
      before: "2001.00",
      after: "2201.00",
      delta: "200.00",
    });
  });

  it("refuses to send it to review without a reason for each change (220-п 4.7.1), then takes the reasons", async () => {
    const r = await step(c.executor!, amendment, "submit");
    expect(r.status).toBe(400);
    expect(r.body.error.message).toContain("4.7.1");
    expect(r.body.error.issues.map((i: any) => i.path)).toContain("reasons.directions[1].elements[1.1].metrics[П1].values[2027].plan");

    const note = (await c.executor!.get(`/api/versions/${amendment.programVersion.id}/note`)).body;
    expect(note.editable).toBe(true);
    expect(note.generated.missingReasons).toEqual([
      "directions[1].elements[1.1].metrics[П1].values[2027].plan",
      "fundingTotals[2027:local].amount",
      "directions[1].elements[1.1].funding[2027:local].amount",
    ]);
    // the program's total takes the reason of the element's funding behind it
    const reasons = {
      "directions[1].elements[1.1].metrics[П1].values[2027].plan": "Новая методика расчета",
      "directions[1].elements[1.1].funding[2027:local].amount": "Решение Думы о бюджете на 2027 год",
    };
    const saved = await c.executor!.patch(`/api/versions/${amendment.programVersion.id}/note`, { version: note.version, reasons });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.generated.missingReasons).toEqual([]);
    expect(saved.body.text).toContain("Причина: Решение Думы о бюджете на 2027 год.");
    expect(saved.body.text.replace(/\u00a0/g, " ")).toContain("увеличен на 200,00 тыс. руб. (с 1 000,50 до 1 200,50 тыс. руб.)");
    // the co-executor is not the note's author; a stale version is refused with the current note
    expect(
      (await c.coexecutor!.patch(`/api/versions/${amendment.programVersion.id}/note`, { version: saved.body.version, text: "x" })).status,
    ).toBe(403);
    const stale = await c.executor!.patch(`/api/versions/${amendment.programVersion.id}/note`, {
      version: note.version,
      text: "Другой текст",
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.current.reasons).toEqual(reasons);
  });

  it("goes to the economy department with a term of 5 working days, which sees it in its queue", async () => {
    amendment = await ok(c.executor!, amendment, "submit");
    expect(amendment).toMatchObject({
      state: "economyReview",
      since: "2026-05-15",
      dueDate: "2026-05-22",
      dueClause: "220-п 4.8",
      overdue: false,
    });
    const queue = (await c.economy!.get("/api/workflow/queue")).body;
    const item = queue.items.find((x: any) => x.workflowId === amendment.id);
    expect(item).toMatchObject({
      programCode: "MP-1",
      versionNumber: 2,
      state: "economyReview",
      dueDate: "2026-05-22",
      actions: ["positiveConclusion", "negativeConclusion"],
    });
    expect(queue.legalDeadlines.map((d: any) => d.date)).toEqual(expect.arrayContaining(["2026-04-01", "2026-07-15", "2026-08-01"]));
    expect((await c.finance!.get("/api/workflow/queue")).body.items.find((x: any) => x.workflowId === amendment.id)).toBeUndefined();
    // the executor may not conclude, the finance department not at this stage
    expect((await step(c.executor!, amendment, "positiveConclusion", { conclusion: { document: "x" } })).status).toBe(403);
    const early = await step(c.finance!, amendment, "positiveConclusion", { conclusion: { document: "x" } });
    expect(early.status).toBe(403);
    expect(early.body.error.message).toContain("Экспертиза управления экономики");
  });

  it("returns it for rework with a negative conclusion and its remarks; the rework is resubmitted", async () => {
    const bare = await step(c.economy!, amendment, "negativeConclusion", { conclusion: { document: "Заключение № 12" } });
    expect(bare.status).toBe(400);
    expect(bare.body.error.issues[0].message).toContain("замечания");
    amendment = await ok(c.economy!, amendment, "negativeConclusion", {
      conclusion: { document: "Заключение № 12", date: "2026-05-15" },
      remarks: ["Индикатор И1 не соответствует показателю стратегии", "Обосновать рост финансирования"],
    });
    expect(amendment).toMatchObject({ state: "economyRework", dueDate: "2026-05-22", dueClause: "220-п 4.11" });
    expect(amendment.conclusions).toEqual([
      expect.objectContaining({
        stage: "economy",
        result: "negative",
        document: "Заключение № 12",
        remarks: ["Индикатор И1 не соответствует показателю стратегии", "Обосновать рост финансирования"],
        authorLogin: "economy",
      }),
    ]);
    expect((await c.executor!.get("/api/workflow/queue")).body.items.map((x: any) => x.workflowId)).toContain(amendment.id);
    amendment = await ok(c.executor!, amendment, "resubmit");
    expect(amendment.state).toBe("economyReview");
  });

  it("passes the economy, finance and audit chamber reviews and is approved by a decree, then published", async () => {
    amendment = await ok(c.economy!, amendment, "positiveConclusion", { conclusion: { document: "Заключение № 15" } });
    // 220-п 4.9: the executor passes the package on to the finance department within 2 working days
    expect(amendment).toMatchObject({ state: "financeReview", dueDate: "2026-05-19", dueClause: "220-п 4.9" });
    expect((await c.executor!.get(`/api/workflows/${amendment.id}`)).body.actions.map((a: any) => a.action)).toEqual(["handOver"]);
    expect((await step(c.finance!, amendment, "handOver")).status).toBe(403);
    amendment = await ok(c.executor!, amendment, "handOver");
    expect(amendment).toMatchObject({ state: "financeReview", dueDate: "2026-05-22", dueClause: "220-п 4.10" });
    expect(amendment.history.at(-1)).toMatchObject({ action: "handOver", from: "financeReview", to: "financeReview" });
    expect((await step(c.executor!, amendment, "handOver")).status).toBe(409);
    amendment = await ok(c.finance!, amendment, "positiveConclusion", {
      conclusion: { document: "Заключение УФ № 7" },
      remarks: ["Учесть при исполнении бюджета"],
    });
    // 220-п 4.13: the draft to the audit chamber within 2 working days of the finance conclusion
    expect(amendment).toMatchObject({ state: "auditReview", dueDate: "2026-05-19", dueClause: "220-п 4.13" });
    amendment = await ok(c.executor!, amendment, "handOver");
    expect(amendment).toMatchObject({ state: "auditReview", dueDate: null });
    amendment = await ok(c.audit!, amendment, "positiveConclusion", { conclusion: { document: "Экспертное заключение КСО № 3" } });
    expect(amendment.state).toBe("approval");
    expect((await step(c.executor!, amendment, "approve", { decree: { number: "250-п", date: "2026-05-15" } })).status).toBe(403);
    const future = await step(c.head!, amendment, "approve", { decree: { number: "250-п", date: "2026-05-20" } });
    expect(future.status).toBe(400);
    amendment = await ok(c.head!, amendment, "approve", { decree: { number: "250-п", date: "2026-05-15" } });
    expect(amendment).toMatchObject({ state: "approved", dueDate: "2026-05-22", dueClause: "220-п 4.18" });
    expect(amendment.programVersion).toMatchObject({
      status: "approved",
      decreeNumber: "250-п",
      decreeDate: "2026-05-15",
      approvedByLogin: "head",
    });
    expect((await c.viewer!.get(`/api/programs/${mp1.id}`)).body.status).toBe("approved");
    amendment = await ok(c.executor!, amendment, "publish");
    expect(amendment.state).toBe("published");
    expect((await c.viewer!.get(`/api/programs/${mp1.id}`)).body.status).toBe("published");
    expect(amendment.actions).toEqual([]);
    expect(amendment.history.map((h: any) => `${h.actorLogin}:${h.action}`)).toEqual([
      "executor:submit",
      "economy:negativeConclusion",
      "executor:resubmit",
      "economy:positiveConclusion",
      "executor:handOver",
      "finance:positiveConclusion",
      "executor:handOver",
      "audit:positiveConclusion",
      "head:approve",
      "executor:publish",
    ]);
    expect(amendment.conclusions.map((x: any) => `${x.stage}:${x.result}`)).toEqual([
      "economy:negative",
      "economy:positive",
      "finance:positive",
      "audit:positive",
    ]);
  });

  it("keeps the approved version as its snapshot, comparable with any other", async () => {
    const list = (await c.viewer!.get(`/api/programs/${mp1.id}/versions`)).body;
    expect(list.inForce).toBe(2);
    const v2 = await c.viewer!.get(`/api/versions/${amendment.programVersion.id}`);
    expect(v2.body.live).toBe(false);
    const f = v2.body.document.directions[0].elements[0].funding.find((x: any) => x.year === 2027 && x.source === "local");
    expect(f.amount).toBe("1200.50");
    const d = (await c.viewer!.get(`/api/programs/${mp1.id}/diff?from=${v1.id}&to=${amendment.programVersion.id}`)).body;
    expect(d.from.label).toBe("редакция 1 (постановление № 100-п от 20.12.2025)");
    expect(d.to.label).toBe("редакция 2 (постановление № 250-п от 15.05.2026)");
    expect(d.summary.total).toBe(3);
    // the version in force and the live data are the same now
    expect((await c.viewer!.get(`/api/programs/${mp1.id}/diff`)).body.changes).toEqual([]);
  });

  it("exports the explanatory note as a text file", async () => {
    const r = await c.viewer!.get(`/api/versions/${amendment.programVersion.id}/note.txt`);
    expect(r.status).toBe(200);
    expect(String(r.headers["content-type"])).toContain("text/plain");
    expect(decodeURIComponent(String(r.headers["content-disposition"]))).toContain("Пояснительная записка MP-1 ред. 2.txt");
    expect(String(r.body)).toContain("Пояснительная записка к проекту изменений в муниципальную программу «Программа А1»");
    expect(String(r.body)).toContain("Причина: Новая методика расчета.");
  });

  it("has an audit entry for every step", async () => {
    const entries = (await c.admin!.get(`/api/audit?objectType=workflowInstance&objectId=${amendment.id}`)).body.items;
    expect(entries.map((e: any) => e.action).reverse()).toEqual([
      "workflow.start",
      "workflow.submit",
      "workflow.negativeConclusion",
      "workflow.resubmit",
      "workflow.positiveConclusion",
      "workflow.handOver",
      "workflow.positiveConclusion",
      "workflow.handOver",
      "workflow.positiveConclusion",
      "workflow.approve",
      "workflow.publish",
    ]);
    const negative = entries.find((e: any) => e.action === "workflow.negativeConclusion");
    expect(negative).toMatchObject({ actorLogin: "economy", before: { state: "economyReview" }, after: { state: "economyRework" } });
    expect(negative.after.remarks).toHaveLength(2);
    expect(negative.requestId).toBeTruthy();
    const version = (await c.admin!.get(`/api/audit?objectType=programVersion&objectId=${amendment.programVersion.id}`)).body.items.map(
      (e: any) => e.action,
    );
    expect(version).toEqual(["programVersion.approve", "programVersion.note"]);
  });
});

describe("the rules of change on the rows of an approved program", () => {
  it("refuses a change of content while no amendment is open, naming the state and who can reopen it", async () => {
    const f = element(await tree(mp1.id)).funding.find((x: any) => x.year === 2027 && x.source === "local");
    const r = await c.executor!.patch(`/api/funding/${f.id}`, { version: f.version, amount: "5.00" });
    expect(r.status).toBe(422);
    expect(r.body.error.message).toContain("Действующая редакция 2");
    expect(r.body.error.message).toContain("проектом изменений");
    draft = (await c.executor!.post(`/api/programs/${mp1.id}/versions`, {})).body;
    expect(draft.kind).toBe("amendment");
  });

  it("refuses a past plan value of a metric (3.1.4) and lets its fact in", async () => {
    const mv = element(await tree(mp1.id)).metrics[0].metricValues.find((x: any) => x.year === 2025);
    const r = await c.executor!.patch(`/api/metric-values/${mv.id}`, { version: mv.version, plan: "99" });
    expect(r.status).toBe(422);
    expect(r.body.error.rule).toBe("220-п 3.1.4");
    expect(r.body.error.message).toContain("(220-п, п. 3.1.4)");
    expect(r.body.error.message).toContain("Показатель 1 А1");
    expect(r.body.error.issues[0].path).toBe("plan");
    expect((await c.executor!.delete(`/api/metric-values/${mv.id}?version=${mv.version}`)).body.error.rule).toBe("220-п 3.1.4");
    const fact = await c.coexecutor!.patch(`/api/metric-values/${mv.id}`, { version: mv.version, fact: "11.5" });
    expect(fact.status, JSON.stringify(fact.body)).toBe(200);
  });

  it("refuses the plan of a month that has ended (3.1.4)", async () => {
    const m = element(await tree(mp1.id)).metrics[0].metricMonths.find((x: any) => x.year === 2026 && x.month === 3);
    const r = await c.coexecutor!.patch(`/api/metric-months/${m.id}`, { version: m.version, plan: "4" });
    expect(r.status).toBe(422);
    expect(r.body.error.message).toContain("на конец марта 2026 года");
  });

  it("keeps the name and date of a past checkpoint (3.1.6) and lets a future one move", async () => {
    const cps = element(await tree(mp1.id)).checkpoints;
    const past = cps.find((x: any) => x.plannedDate === "2026-03-20");
    const rename = await c.executor!.patch(`/api/checkpoints/${past.id}`, { version: past.version, name: "Другое имя" });
    expect(rename.status).toBe(422);
    expect(rename.body.error.rule).toBe("220-п 3.1.6");
    expect(rename.body.error.issues[0].path).toBe("name");
    expect(
      (await c.executor!.patch(`/api/checkpoints/${past.id}`, { version: past.version, plannedDate: "2026-06-01" })).body.error.rule,
    ).toBe("220-п 3.1.6");
    expect((await c.executor!.delete(`/api/checkpoints/${past.id}?version=${past.version}`)).status).toBe(422);
    const done = await c.coexecutor!.patch(`/api/checkpoints/${past.id}`, { version: past.version, actualDate: "2026-03-19" });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    const future = cps.find((x: any) => x.plannedDate === "2026-09-20");
    expect((await c.executor!.patch(`/api/checkpoints/${future.id}`, { version: future.version, plannedDate: "2026-09-25" })).status).toBe(
      200,
    );
    const back = await c.executor!.post(`/api/checkpoints`, {
      elementId: future.elementId,
      name: "Задним числом",
      plannedDate: "2026-05-01",
    });
    expect(back.status).toBe(422);
    expect(back.body.error.message).toContain("задним числом");
  });

  it("refuses funding of a past year (4.16) and leaves a never approved program free", async () => {
    const f = element(await tree(mp1.id)).funding.find((x: any) => x.year === 2025 && x.source === "local");
    expect((await c.finance!.patch(`/api/funding/${f.id}`, { version: f.version, amount: "1.00" })).body.error.rule).toBe("220-п 4.16");
    const g = element(await tree(mp2.id)).funding.find((x: any) => x.year === 2025 && x.source === "local");
    expect((await c.finance!.patch(`/api/funding/${g.id}`, { version: g.version, amount: "1.00" })).status).toBe(200);
  });
});

describe("two editors of one program", () => {
  it("refuses the stale write with 409 and the current row, values included", async () => {
    const mv = element(await tree(mp1.id)).metrics[0].metricValues.find((x: any) => x.year === 2029);
    const first = await c.executor!.patch(`/api/metric-values/${mv.id}`, { version: mv.version, plan: "20.5" });
    expect(first.status).toBe(200);
    const second = await c.coexecutor!.patch(`/api/metric-values/${mv.id}`, { version: mv.version, plan: "21" });
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe("conflict");
    expect(second.body.error.current).toMatchObject({ id: mv.id, plan: "20.5", version: mv.version + 1 });
    const stillFirst = element(await tree(mp1.id)).metrics[0].metricValues.find((x: any) => x.year === 2029);
    expect(stillFirst.plan).toBe("20.5");
    await ok(c.executor!, draft, "cancel");
  });

  it("refuses a step taken on a stale workflow with 409 and the workflow as it is now", async () => {
    const wf = (await c.executor!.post(`/api/programs/${mp1.id}/versions`, {})).body;
    const cancelled = await ok(c.executor!, wf, "cancel");
    expect(cancelled.state).toBe("cancelled");
    const again = await step(c.admin!, wf, "cancel");
    expect(again.status).toBe(409);
    expect(again.body.error.current).toMatchObject({ id: wf.id, state: "cancelled", version: cancelled.version });
    expect(
      (await c.viewer!.get(`/api/programs/${mp1.id}/versions`)).body.versions.find((v: any) => v.id === wf.programVersion.id).status,
    ).toBe("cancelled");
  });
});

describe("an approved version cannot be altered", () => {
  it("through the API", async () => {
    const vid = amendment.programVersion.id;
    const note = (await c.executor!.get(`/api/versions/${vid}/note`)).body;
    expect(note.editable).toBe(false);
    const edit = await c.executor!.patch(`/api/versions/${vid}/note`, { version: note.version, text: "Подмена" });
    expect(edit.status).toBe(422);
    expect(edit.body.error.message).toContain("не изменяется");
    expect((await c.admin!.patch(`/api/versions/${vid}/note`, { version: note.version, reasons: {} })).status).toBe(422);
    // no step leads out of a published version, whoever tries
    for (const [who, action] of [
      ["executor", "submit"],
      ["admin", "cancel"],
      ["head", "approve"],
      ["economy", "negativeConclusion"],
    ] as const) {
      const r = await step(c[who]!, amendment, action, {
        decree: { number: "1", date: "2026-05-15" },
        conclusion: { document: "x" },
        remarks: ["x"],
      });
      expect(r.status, `${who} ${action}`).toBe(409);
    }
    expect(
      (await c.economy!.post(`/api/programs/${mp1.id}/versions/in-force`, { decreeNumber: "1-п", decreeDate: "2026-01-01" })).status,
    ).toBe(409);
    // deleting the program would delete its approved versions: refused
    const p = (await c.economy!.get(`/api/programs/${mp1.id}`)).body;
    const del = await c.economy!.delete(`/api/programs/${mp1.id}?version=${p.version}`);
    expect(del.status).toBe(422);
    expect(del.body.error.message).toContain("только для чтения");
    expect((await c.viewer!.get(`/api/versions/${vid}`)).body).toMatchObject({ status: "approved", decreeNumber: "250-п" });
  });

  it("directly in SQL as the application's role", async () => {
    const vid = amendment.programVersion.id;
    const sql = new pg.Client({ connectionString: app.ctx.db.url });
    await sql.connect();
    try {
      await sql.query("SET ROLE orientir_app");
      expect((await sql.query("SELECT current_user AS u")).rows[0].u).toBe("orientir_app");
      await expect(sql.query(`UPDATE program_version SET decree_number = 'подделка' WHERE id = $1`, [vid])).rejects.toThrow(
        /never changes/,
      );
      await expect(
        sql.query(`UPDATE program_version SET document = jsonb_set(document, '{name}', '"Подмена"') WHERE id = $1`, [vid]),
      ).rejects.toThrow(/never changes/);
      await expect(sql.query(`UPDATE program_version SET status = 'draft' WHERE id = $1`, [vid])).rejects.toThrow(/never changes/);
      await expect(sql.query(`DELETE FROM program_version WHERE id = $1`, [vid])).rejects.toThrow(/permission denied/);
      await expect(sql.query(`TRUNCATE program_version CASCADE`)).rejects.toThrow(/permission denied/);
      await expect(sql.query(`ALTER TABLE program_version DISABLE TRIGGER program_version_no_change`)).rejects.toThrow(/must be owner/);
      await expect(sql.query(`UPDATE workflow_conclusion SET result = 'positive'`)).rejects.toThrow(/permission denied/);
      await expect(sql.query(`DELETE FROM workflow_transition WHERE instance_id = $1`, [amendment.id])).rejects.toThrow(
        /permission denied/,
      );
      const row = (await sql.query(`SELECT status, decree_number, document->>'name' AS name FROM program_version WHERE id = $1`, [vid]))
        .rows[0];
      expect(row).toEqual({ status: "approved", decree_number: "250-п", name: "Программа А1" });
    } finally {
      await sql.end();
    }
  });

  it("refuses at submission an amendment whose draft changed a past plan behind the API's back (3.1.4)", async () => {
    const wf = (await c.executor!.post(`/api/programs/${mp1.id}/versions`, {})).body;
    // as the tables' owner (an import, a repair): the amendment check still catches it
    const owner = new pg.Client({ connectionString: app.ownerUrl });
    await owner.connect();
    try {
      await owner.query(`UPDATE metric_value SET plan = 77 WHERE program_id = $1 AND year = 2025`, [mp1.id]);
    } finally {
      await owner.end();
    }
    const r = await step(c.executor!, wf, "submit");
    expect(r.status).toBe(422);
    expect(r.body.error.rule).toContain("220-п 3.1.4");
    expect(r.body.error.issues.map((i: any) => i.path)).toContain("directions[1].elements[1.1].metrics[П1].values[2025].plan");
    expect((await c.viewer!.get(`/api/workflows/${wf.id}`)).body.state).toBe("draft");
    await ok(c.executor!, wf, "cancel");
  });
});

describe("a new program", () => {
  it("goes through its public discussion with the protocol, then the reviews", async () => {
    const dep = (await c.admin!.get("/api/departments")).body.items.find((d: any) => d.name === "Управление городского хозяйства");
    const created = await c.admin!.post("/api/users", {
      login: "executor2",
      fullName: "Исполнитель 2",
      password: "password-22",
      role: "executor",
      departmentId: dep.id,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const ex2 = app.client();
    expect((await ex2.login("executor2", "password-22")).status).toBe(200);
    // the executor of MP-1 may not start MP-2's draft
    expect((await c.executor!.post(`/api/programs/${mp2.id}/versions`, {})).status).toBe(403);
    let wf = (await ex2.post(`/api/programs/${mp2.id}/versions`, {})).body;
    expect(wf).toMatchObject({ kind: "program", discussionRequired: true, state: "draft" });
    expect(wf.actions.map((a: any) => a.action)).toEqual(["startDiscussion", "cancel"]);
    const note = (await ex2.get(`/api/versions/${wf.programVersion.id}/note`)).body;
    expect(note.generated.title).toBe("Пояснительная записка к проекту муниципальной программы «Программа А2»");
    expect(note.text).toContain("Ответственный исполнитель — Управление городского хозяйства");
    expect((await step(ex2, wf, "submit")).status).toBe(409);
    wf = await ok(ex2, wf, "startDiscussion", { period: { from: "2026-05-15", to: "2026-05-29" } });
    expect(wf).toMatchObject({
      state: "discussion",
      dueDate: "2026-05-29",
      discussion: { period: { from: "2026-05-15", to: "2026-05-29" } },
    });
    expect((await step(ex2, wf, "submit")).status).toBe(400);
    wf = await ok(ex2, wf, "submit", { protocol: { date: "2026-05-15", number: "ПО-3" } });
    expect(wf.state).toBe("economyReview");
    expect(wf.discussion.protocol).toMatchObject({ date: "2026-05-15", number: "ПО-3" });
    expect((await c.viewer!.get(`/api/programs/${mp2.id}`)).body.status).toBe("review");
  });
});

describe("a direction's order", () => {
  it("is prepared by the direction's co-executor and reviewed in 7 working days each", async () => {
    const t = await tree(mp1.id);
    const own = t.directions.find((d: any) => d.code === "1");
    const other = t.directions.find((d: any) => d.code === "2");
    expect((await c.coexecutor!.post(`/api/directions/${other.id}/orders`, {})).status).toBe(403);
    let wf = (await c.coexecutor!.post(`/api/directions/${own.id}/orders`, {})).body;
    expect(wf).toMatchObject({ flow: "directionOrder", kind: "program", directionCode: "1", state: "draft" });
    wf = await ok(c.coexecutor!, wf, "submit");
    expect(wf).toMatchObject({ state: "economyReview", dueDate: "2026-05-26", dueClause: "220-п 4.20" });
    wf = await ok(c.economy!, wf, "positiveConclusion", { conclusion: { document: "Согласовано УЭ" } });
    wf = await ok(c.finance!, wf, "positiveConclusion", { conclusion: { document: "Согласовано УФ" } });
    expect(wf.state).toBe("approval");
    expect((await step(c.head!, wf, "approve", { decree: { number: "12-р", date: "2026-05-15" } })).status).toBe(403);
    wf = await ok(c.coexecutor!, wf, "approve", { decree: { number: "12-р", date: "2026-05-15" } });
    expect(wf).toMatchObject({ state: "approved", dueDate: "2026-05-26", dueClause: "220-п 4.24" });
    const v = (await c.viewer!.get(`/api/versions/${wf.programVersion.id}`)).body;
    expect(v.document.directions.map((d: any) => d.code)).toEqual(["1"]);
    expect(v).toMatchObject({ flow: "directionOrder", directionCode: "1", status: "approved", decreeNumber: "12-р" });
  });

  it("marks a review overdue in the reviewer's queue once its term has passed", async () => {
    app.ctx.now = () => new Date("2026-06-01T09:00:00Z");
    try {
      const q = (await c.audit!.get("/api/workflow/queue")).body;
      expect(q.today).toBe("2026-06-01");
      expect(q.items).toEqual([]);
      const eco = (await c.economy!.get("/api/workflow/queue")).body.items.find((x: any) => x.programCode === "MP-2");
      expect(eco).toMatchObject({ state: "economyReview", dueDate: "2026-05-22", overdue: true });
    } finally {
      app.ctx.now = () => NOW;
    }
  });
});
