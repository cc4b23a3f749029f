/**
 * 220-п 4.9, 4.13, 4.18 tracked from the workflow through the API: the term to pass a draft on
 * appears in the event deadlines when the positive conclusion is recorded, reminds the executor once
 * overdue, and is closed by the hand-over; the publication counts from the decree's entry into force
 * and is closed by the publish step.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scanReminders } from "@orientir/app";
import { createTestApp, type Client, type TestApp } from "@orientir/testing";

let app: TestApp;
const c: Record<string, Client> = {};
let mp1: any;
let wf: any;
const at = (iso: string) => () => new Date(`${iso}T09:00:00Z`);

async function ok(who: Client, action: string, input?: unknown) {
  const r = await who.post(`/api/workflows/${wf.id}/steps`, { version: wf.version, action, ...(input ? { input } : {}) });
  expect(r.status, `${action}: ${JSON.stringify(r.body)}`).toBe(200);
  wf = r.body;
  return r.body;
}
const tracked = async (ruleId: string) =>
  (await c.viewer!.get("/api/event-deadlines")).body.items.filter((i: any) => i.ruleId === ruleId && i.changeId === wf.id);

beforeAll(async () => {
  app = await createTestApp();
  app.ctx.config.sessionTtlHours = 24 * 365 * 5;
  app.ctx.now = at("2026-04-13");
  for (const role of ["admin", "economy", "finance", "audit", "executor", "head", "viewer"]) c[role] = await app.as(role);
  mp1 = (await c.admin!.get("/api/programs")).body.items.find((p: any) => p.code === "MP-1");
  expect(
    (await c.economy!.post(`/api/programs/${mp1.id}/versions/in-force`, { decreeNumber: "100-п", decreeDate: "2025-12-20" })).status,
  ).toBe(201);
  wf = (await c.executor!.post(`/api/programs/${mp1.id}/versions`, {})).body;
  const tree = (await c.admin!.get(`/api/programs/${mp1.id}/tree`)).body;
  const el = tree.directions.find((d: any) => d.code === "1").structuralElements[0];
  const f = el.funding.find((x: any) => x.year === 2027 && x.source === "local");
  expect((await c.executor!.patch(`/api/funding/${f.id}`, { version: f.version, amount: "1200.50" })).status).toBe(200);
  const note = (await c.executor!.get(`/api/versions/${wf.programVersion.id}/note`)).body;
  const reasons = Object.fromEntries(note.generated.missingReasons.map((p: string) => [p, "Решение Думы о бюджете"]));
  expect((await c.executor!.patch(`/api/versions/${wf.programVersion.id}/note`, { version: note.version, reasons })).status).toBe(200);
  await ok(c.executor!, "submit");
});
afterAll(async () => {
  await app?.close();
});

describe("220-п п. 4.9: 2 working days to pass the draft on to the finance department, tracked", () => {
  it("nothing is due before the conclusion; the positive conclusion on Tue 14.04.2026 makes it due Thu 16.04.2026", async () => {
    expect(await tracked("review.program.toFinance")).toEqual([]);
    app.ctx.now = at("2026-04-14");
    await ok(c.economy!, "positiveConclusion", { conclusion: { document: "Заключение № 15" } });
    const [item] = await tracked("review.program.toFinance");
    expect(item).toMatchObject({
      clause: "220-п п. 4.9",
      actor: "executor",
      programId: mp1.id,
      start: "2026-04-14",
      due: "2026-04-16",
      doneAt: null,
      status: { state: "upcoming" },
    });
    expect(item.departmentId).toBe(mp1.responsibleDepartmentId);
  });

  it("overdue on Fri 17.04.2026: flagged, and the executor is reminded once", async () => {
    app.ctx.now = at("2026-04-17");
    const [item] = await tracked("review.program.toFinance");
    expect(item.status).toEqual({ state: "overdue", workingDaysLeft: -1 });
    await scanReminders(app.ctx, { email: false });
    await scanReminders(app.ctx, { email: false });
    const notes = await app.ctx.db.query(
      `SELECT n.title, n.moment, u.login FROM notification n JOIN app_user u ON u.id = n.user_id WHERE n.deadline_key = $1`,
      [item.key],
    );
    expect(notes.rows.map((r: any) => [r.login, r.moment])).toEqual([["executor", "overdue"]]);
    expect(notes.rows[0]!.title).toContain("Пакет документов в управление финансов");
  });

  it("the hand-over closes it (done late); 4.13 starts with the finance conclusion and closes with the next hand-over", async () => {
    await ok(c.executor!, "handOver");
    expect((await tracked("review.program.toFinance"))[0]).toMatchObject({ doneAt: "2026-04-17", status: { state: "doneLate" } });
    app.ctx.now = at("2026-04-24");
    await ok(c.finance!, "positiveConclusion", { conclusion: { document: "Заключение УФ № 7" } });
    expect((await tracked("review.program.toAuditChamber"))[0]).toMatchObject({ clause: "220-п п. 4.13", due: "2026-04-28", doneAt: null });
    app.ctx.now = at("2026-04-27");
    await ok(c.executor!, "handOver");
    expect((await tracked("review.program.toAuditChamber"))[0]).toMatchObject({ doneAt: "2026-04-27", status: { state: "done" } });
  });
});

describe("220-п п. 4.18: published within 5 working days of the entry into force", () => {
  it("an entry into force before the decree's date is refused", async () => {
    await ok(c.audit!, "positiveConclusion", { conclusion: { document: "Заключение КСО № 3" } });
    const r = await c.head!.post(`/api/workflows/${wf.id}/steps`, {
      version: wf.version,
      action: "approve",
      input: { decree: { number: "250-п", date: "2026-04-27", inForceFrom: "2026-04-20" } },
    });
    expect(r.status).toBe(400);
  });

  it("decree of 27.04.2026 in force from 30.04.2026: due 08.05.2026 on the workflow and in the event deadlines; published closes it", async () => {
    await ok(c.head!, "approve", { decree: { number: "250-п", date: "2026-04-27", inForceFrom: "2026-04-30" } });
    expect(wf).toMatchObject({ state: "approved", dueDate: "2026-05-08", dueClause: "220-п 4.18" });
    expect((await tracked("program.publication"))[0]).toMatchObject({ start: "2026-04-30", due: "2026-05-08", doneAt: null });
    // 220-п 4.18.1 counts from the same entry into force: 30.04 + 10 days = Sun 10.05, 11.05 is a day off → 12.05.2026
    const gas = (await c.viewer!.get("/api/event-deadlines")).body.items.filter(
      (i: any) => i.ruleId === "program.gasUpravlenie" && i.programId === mp1.id,
    );
    expect(gas).toHaveLength(1);
    expect(gas[0]).toMatchObject({ start: "2026-04-30", due: "2026-05-12" });
    app.ctx.now = at("2026-05-06");
    await ok(c.executor!, "publish");
    expect((await tracked("program.publication"))[0]).toMatchObject({ doneAt: "2026-05-06", status: { state: "done" } });
  });
});
