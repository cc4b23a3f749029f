/**
 * The monitoring use cases (`app/src/monitoring/`) called directly: who may take a step of a
 * report and on which direction, what the state allows, the 220-п 6.12 justification check, the
 * period lock of the conclusion, the confirming documents, the settings, the notification
 * e-mail, the deadlines and the dashboards — each refusal leaving nothing written, each change
 * with its audit entry.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Row } from "@orientir/db";
import { ConflictError, ForbiddenError, NotFoundError, PERIOD_LOCK_RULE, RuleError, ValidationError, resource } from "@orientir/domain";
import {
  deadlineCalendar,
  getReport,
  getSettings,
  listDocumentsOfCheckpoint,
  listLocks,
  listReports,
  metricPlanFact,
  metricsOffPlan,
  myNotifications,
  myTasks,
  overdueCheckpoints,
  programDeadlinesOf,
  programPlanFact,
  readNotifications,
  registerVersionInForce,
  removeCheckpointDocument,
  reportTransition,
  setNotificationEmail,
  updateResource,
  updateSettings,
  uploadCheckpointDocument,
  type Caller,
} from "@orientir/app";
import { openWorld, type World } from "./world.ts";

const PDF = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

let w: World;
let mp1: Row;
let mp2: Row;
let as: Record<string, Caller>;
// Friday 10 April 2026, noon in Moscow: the first quarter is over
beforeAll(
  async () =>
    void ({ w, as, mp1, mp2 } = await openWorld("2026-04-10T09:00:00Z", [
      "admin",
      "economy",
      "finance",
      "executor",
      "coexecutor",
      "viewer",
      "adminb",
    ])),
  120_000,
);
afterAll(() => w?.close());

const directionOf = async (program: Row, code: string) =>
  (await w.rows("direction", { programId: program.id })).find((d) => d.code === code)!;
/** The March 2026 value of the metric of a direction. */
async function marchOf(direction: Row): Promise<Row> {
  const metric = (await w.rows("metric", { directionId: direction.id }))[0]!;
  return (await w.rows("metricMonth", { metricId: metric.id })).find((m) => Number(m.year) === 2026 && Number(m.month) === 3)!;
}

describe("a report's steps (report-transition.ts)", () => {
  it("lets the co-executor submit the part of their direction: the transition, the executor's notification, the audit entry", async () => {
    const d1 = await directionOf(mp1, "1"); // Комитет по культуре, the co-executor's department
    const view = await reportTransition(w.ctx, as.coexecutor!, mp1.id, 2026, "Q1", { action: "submitDirection", directionId: d1.id });
    expect(view.directions.find((d) => d.directionId === d1.id)).toMatchObject({ state: "submitted" });
    expect(view.state).toBe("open");
    expect(view.transitions).toMatchObject([
      { action: "submitDirection", directionId: d1.id, fromState: "draft", toState: "submitted", actorLogin: "coexecutor" },
    ]);
    const entries = await w.audit("report.submitDirection", view.id!);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actorLogin: "coexecutor", requestId: "test-coexecutor" });
    const notes = await myNotifications(w.ctx, as.executor!, {});
    expect(notes.items.map((n) => n.kind)).toContain("report.submitDirection");
    expect(notes.unread).toBeGreaterThan(0);
    // the co-executor acted, the notification is not theirs
    expect((await myNotifications(w.ctx, as.coexecutor!, {})).items.map((n) => n.kind)).not.toContain("report.submitDirection");
  });

  it("refuses the co-executor another department's direction and the viewer any step (deny by default)", async () => {
    const d2 = await directionOf(mp1, "2"); // Управление городского хозяйства
    await expect(
      reportTransition(w.ctx, as.coexecutor!, mp1.id, 2026, "Q1", { action: "submitDirection", directionId: d2.id }),
    ).rejects.toThrow(ForbiddenError);
    await expect(reportTransition(w.ctx, as.viewer!, mp1.id, 2026, "Q1", { action: "compile" })).rejects.toThrow(ForbiddenError);
    await expect(reportTransition(w.ctx, as.coexecutor!, mp1.id, 2026, "Q1", { action: "compile" })).rejects.toThrow(ForbiddenError);
    const view = await getReport(w.ctx, as.viewer!, mp1.id, 2026, "Q1");
    expect(view.directions.find((d) => d.directionId === d2.id)!.state).toBe("draft");
    expect(view.transitions).toHaveLength(1);
  });

  it("shows each caller only the steps they may take (reports.ts)", async () => {
    const view = await getReport(w.ctx, as.coexecutor!, mp2.id, 2026, "Q1");
    const byCode = (v: typeof view, code: string) => v.directions.find((d) => d.code === code)!;
    expect(view.actions).toEqual([]);
    expect(byCode(view, "2").actions).toEqual(["submitDirection"]); // MP-2's direction 2 is the Комитет по культуре's
    expect(byCode(view, "1").actions).toEqual([]);
    const other = await getReport(w.ctx, as.executor!, mp2.id, 2026, "Q1"); // MP-2 is not this executor's
    expect([...other.actions, ...other.directions.flatMap((d) => d.actions)]).toEqual([]);
    const admin = await getReport(w.ctx, as.admin!, mp2.id, 2026, "Q1");
    expect(admin.directions.map((d) => d.actions)).toEqual([["submitDirection"], ["submitDirection"]]);
    // reading writes nothing
    expect(view.id).toBeNull();
    expect(await listReports(w.ctx, as.viewer!, { programId: mp2.id })).toEqual([]);
  });

  it("answers another municipality's program as not found", async () => {
    await expect(reportTransition(w.ctx, as.adminb!, mp1.id, 2026, "Q1", { action: "compile" })).rejects.toThrow(NotFoundError);
    await expect(getReport(w.ctx, as.adminb!, mp1.id, 2026, "Q1")).rejects.toThrow(NotFoundError);
    await expect(listLocks(w.ctx, as.adminb!, mp1.id)).rejects.toThrow(NotFoundError);
  });

  it("refuses a step the state does not allow: the report is compiled only from accepted parts", async () => {
    await expect(reportTransition(w.ctx, as.executor!, mp1.id, 2026, "Q1", { action: "compile" })).rejects.toThrow(RuleError);
    await expect(reportTransition(w.ctx, as.executor!, mp1.id, 2026, "Q1", { action: "submit" })).rejects.toThrow(RuleError);
    expect((await getReport(w.ctx, as.executor!, mp1.id, 2026, "Q1")).state).toBe("open");
    expect(await w.audit("report.compile")).toEqual([]);
  });

  it("validates the period, the year and the action before anything is written", async () => {
    const bad = async (year: number, period: string, action: string, path: string) => {
      const e = await reportTransition(w.ctx, as.admin!, mp1.id, year, period, { action }).catch((x) => x);
      expect(e).toBeInstanceOf(ValidationError);
      expect((e as ValidationError).issues.map((i) => i.path)).toEqual([path]);
    };
    await bad(2026, "Q5", "compile", "period");
    await bad(2031, "Q1", "compile", "year");
    await bad(2026, "Q1", "publish", "action");
  });

  it("writes nothing when a step fails inside its transaction: the report created for it is rolled back", async () => {
    // the report of Q2 is created by the step itself, before the direction is found unknown
    const e = await reportTransition(w.ctx, as.admin!, mp1.id, 2026, "Q2", { action: "submitDirection", directionId: mp2.id }).catch(
      (x) => x,
    );
    expect(e).toBeInstanceOf(ValidationError);
    expect((e as ValidationError).issues[0]!.path).toBe("directionId");
    const reports = await listReports(w.ctx, as.viewer!, { programId: mp1.id, year: 2026 });
    expect(reports.map((r) => r.period)).toEqual(["Q1"]);
    expect((await getReport(w.ctx, as.viewer!, mp1.id, 2026, "Q2")).id).toBeNull();
  });

  it("refuses a part whose fact falls short of plan without a justification (220-п 6.12), then takes it with one", async () => {
    const d2 = await directionOf(mp1, "2");
    const march = await marchOf(d2);
    const short = await updateResource(w.ctx, as.admin!, resource("metricMonth"), march.id, march.version, { fact: "1" }); // plan 3
    const e = await reportTransition(w.ctx, as.admin!, mp1.id, 2026, "Q1", { action: "submitDirection", directionId: d2.id }).catch(
      (x) => x,
    );
    expect(e).toBeInstanceOf(RuleError);
    expect((e as RuleError).rule).toBe("220-п п. 6.12");
    expect((e as RuleError).issues.map((i) => i.path)).toEqual([`metricMonth.${march.id}.justification`]);
    let view = await getReport(w.ctx, as.viewer!, mp1.id, 2026, "Q1");
    expect(view.directions.find((d) => d.directionId === d2.id)!.state).toBe("draft");
    expect(view.transitions).toHaveLength(1);

    await updateResource(w.ctx, as.admin!, resource("metricMonth"), march.id, short.version, {
      justification: "Поставка перенесена на апрель",
    });
    view = await reportTransition(w.ctx, as.admin!, mp1.id, 2026, "Q1", { action: "submitDirection", directionId: d2.id });
    expect(view.directions.find((d) => d.directionId === d2.id)!.state).toBe("submitted");
  });

  it("runs the cycle to the economy department's conclusion, which locks the period (6.16)", async () => {
    const ex = as.executor!;
    for (const code of ["1", "2"]) {
      const d = await directionOf(mp1, code);
      await reportTransition(w.ctx, ex, mp1.id, 2026, "Q1", { action: "acceptDirection", directionId: d.id });
    }
    await reportTransition(w.ctx, ex, mp1.id, 2026, "Q1", { action: "compile" });
    let view = await reportTransition(w.ctx, ex, mp1.id, 2026, "Q1", { action: "submit" });
    expect(view.state).toBe("submitted");
    // the executor may not give the conclusion; without its text the economy department may not either
    await expect(reportTransition(w.ctx, ex, mp1.id, 2026, "Q1", { action: "control", conclusion: "ок" })).rejects.toThrow(ForbiddenError);
    await expect(reportTransition(w.ctx, as.economy!, mp1.id, 2026, "Q1", { action: "control", conclusion: "  " })).rejects.toThrow(
      ValidationError,
    );
    expect(await listLocks(w.ctx, as.viewer!, mp1.id)).toEqual([]);
    view = await reportTransition(w.ctx, as.economy!, mp1.id, 2026, "Q1", { action: "control", conclusion: "Мониторинг проведен" });
    expect(view).toMatchObject({ state: "controlled", economyConclusion: "Мониторинг проведен" });
    expect(view.locked).not.toBeNull();
    const locks = await listLocks(w.ctx, as.viewer!, mp1.id);
    expect(locks).toMatchObject([{ year: 2026, period: "Q1", rule: "220-п п. 6.16" }]);
    const [entry] = await w.audit("report.control", view.id!);
    expect(entry!.after).toMatchObject({ state: "controlled", locked: true, year: 2026, period: "Q1" });
    // the executor is told of the conclusion
    expect((await myNotifications(w.ctx, ex, {})).items.map((n) => n.kind)).toContain("report.control");
  });
});

describe("confirming documents of checkpoints (checkpoint-documents.ts)", () => {
  const checkpointOf = async (program: Row, code: string, plannedDate: string) => {
    const d = await directionOf(program, code);
    return (await w.rows("checkpoint", { directionId: d.id })).find((c) => c.plannedDate === plannedDate)!;
  };

  it("lets the co-executor attach, list and remove a document of their checkpoint, audited", async () => {
    const cp = await checkpointOf(mp2, "2", "2026-06-20"); // MP-2's direction 2 is the Комитет по культуре's
    const doc = await uploadCheckpointDocument(w.ctx, as.coexecutor!, cp.id, { filename: "Акт.pdf", content: PDF, comment: " Акт " });
    expect(doc).toMatchObject({
      checkpointId: cp.id,
      filename: "Акт.pdf",
      contentType: "application/pdf",
      comment: "Акт",
      createdByLogin: "coexecutor",
    });
    expect(await w.audit("checkpointDocument.create", String(doc.id))).toHaveLength(1);
    expect((await listDocumentsOfCheckpoint(w.ctx, as.viewer!, cp.id)).map((d) => d.id)).toEqual([doc.id]);
    // a stale version is refused and the document stays
    await expect(removeCheckpointDocument(w.ctx, as.coexecutor!, String(doc.id), Number(doc.version) + 1)).rejects.toThrow(ConflictError);
    expect(await listDocumentsOfCheckpoint(w.ctx, as.viewer!, cp.id)).toHaveLength(1);
    await removeCheckpointDocument(w.ctx, as.coexecutor!, String(doc.id), Number(doc.version));
    expect(await listDocumentsOfCheckpoint(w.ctx, as.viewer!, cp.id)).toEqual([]);
    expect(await w.audit("checkpointDocument.delete", String(doc.id))).toHaveLength(1);
  });

  it("refuses another department's checkpoint, another municipality's, and content that is not an accepted file", async () => {
    const other = await checkpointOf(mp2, "1", "2026-06-20"); // Управление городского хозяйства
    await expect(uploadCheckpointDocument(w.ctx, as.coexecutor!, other.id, { filename: "a.pdf", content: PDF })).rejects.toThrow(
      ForbiddenError,
    );
    await expect(uploadCheckpointDocument(w.ctx, as.adminb!, other.id, { filename: "a.pdf", content: PDF })).rejects.toThrow(NotFoundError);
    const e = await uploadCheckpointDocument(w.ctx, as.admin!, other.id, {
      filename: "a.exe",
      content: Buffer.from("MZ\x90\x00 not a document"),
    }).catch((x) => x);
    expect(e).toBeInstanceOf(ValidationError);
    expect((e as ValidationError).issues.map((i) => i.path)).toEqual(["content"]);
    expect(await listDocumentsOfCheckpoint(w.ctx, as.admin!, other.id)).toEqual([]);
  });

  it("refuses a document of a checkpoint in a locked period", async () => {
    const cp = await checkpointOf(mp1, "1", "2026-03-20"); // MP-1's Q1 2026 is locked above
    // the lock is checked first: its rule is the one cited, for the administrator too
    for (const who of [as.coexecutor!, as.admin!]) {
      const e = await uploadCheckpointDocument(w.ctx, who, cp.id, { filename: "Акт.pdf", content: PDF }).catch((x) => x);
      expect(e).toBeInstanceOf(RuleError);
      expect((e as RuleError).rule).toBe(PERIOD_LOCK_RULE);
    }
    expect(await listDocumentsOfCheckpoint(w.ctx, as.admin!, cp.id)).toEqual([]);
  });
});

describe("settings (settings.ts)", () => {
  it("are read by every member and changed by the administrator only, with the path of each error", async () => {
    const s = await getSettings(w.ctx, as.viewer!);
    expect(s).toMatchObject({ customRules: false, customCalendar: false });
    await expect(updateSettings(w.ctx, as.economy!, { version: Number(s.version), reminderDaysBefore: 3 })).rejects.toThrow(ForbiddenError);
    const e = await updateSettings(w.ctx, as.admin!, {
      version: Number(s.version),
      reminderDaysBefore: 31,
      deadlineRules: [{ id: "x" }],
    }).catch((x) => x);
    expect(e).toBeInstanceOf(ValidationError);
    const paths = (e as ValidationError).issues.map((i) => i.path);
    expect(paths).toContain("reminderDaysBefore");
    expect(paths.some((p) => p.startsWith("deadlineRules[0]"))).toBe(true);
    expect(await w.audit("monitoringSettings.update")).toEqual([]);
  });

  it("saves under the version read, audited; a stale version is a conflict", async () => {
    const s = await getSettings(w.ctx, as.admin!);
    const saved = await updateSettings(w.ctx, as.admin!, { version: Number(s.version), reminderDaysBefore: 7 });
    expect(saved.reminderDaysBefore).toBe(7);
    expect(Number(saved.version)).toBe(Number(s.version) + 1);
    await expect(updateSettings(w.ctx, as.admin!, { version: Number(s.version), reminderDaysBefore: 2 })).rejects.toThrow(ConflictError);
    expect((await getSettings(w.ctx, as.admin!)).reminderDaysBefore).toBe(7);
    expect(await w.audit("monitoringSettings.update")).toHaveLength(1);
  });
});

describe("notifications and e-mail (notifications.ts)", () => {
  it("sets one's own address, refuses an invalid one and another user's for a non-administrator", async () => {
    const me = as.executor!;
    expect(await setNotificationEmail(w.ctx, me, me.actor.userId, " exec@city-a.example ")).toEqual({
      userId: me.actor.userId,
      email: "exec@city-a.example",
    });
    const [entry] = await w.audit("user.email", me.actor.userId);
    expect(entry).toMatchObject({ after: { email: "exec@city-a.example" } });
    const bad = await setNotificationEmail(w.ctx, me, me.actor.userId, "exec\u200b@city-a.example").catch((x) => x);
    expect(bad).toBeInstanceOf(ValidationError);
    expect((bad as ValidationError).issues[0]!.path).toBe("email");
    await expect(setNotificationEmail(w.ctx, me, as.viewer!.actor.userId, "v@city-a.example")).rejects.toThrow(ForbiddenError);
    // B's administrator does not learn of A's accounts
    await expect(setNotificationEmail(w.ctx, as.adminb!, me.actor.userId, "x@city-b.example")).rejects.toThrow(NotFoundError);
    expect(await w.audit("user.email", me.actor.userId)).toHaveLength(1);
  });

  it("marks the caller's own notification read, and only theirs", async () => {
    const mine = await myNotifications(w.ctx, as.executor!, { unreadOnly: true });
    const first = mine.items[0]!;
    await expect(readNotifications(w.ctx, as.coexecutor!, String(first.id))).rejects.toThrow(NotFoundError);
    const r = await readNotifications(w.ctx, as.executor!, String(first.id));
    expect(r).toEqual({ marked: 1, unread: mine.unread - 1 });
  });
});

describe("deadlines and dashboards (deadlines.ts, dashboards.ts)", () => {
  it("tracks the 220-п deadlines of a program only once it has a version in force", async () => {
    expect((await programDeadlinesOf(w.ctx, as.viewer!, mp2.id, 2026)).items).toEqual([]);
    await registerVersionInForce(w.ctx, as.economy!, mp2.id, { decreeNumber: "7-п", decreeDate: "2025-12-20" });
    const { items, today } = await programDeadlinesOf(w.ctx, as.viewer!, mp2.id, 2026);
    expect(today).toBe("2026-04-10");
    expect(items.length).toBeGreaterThan(0);
    expect(new Set(items.map((i) => i.programCode))).toEqual(new Set(["MP-2"]));
    expect(items.find((i) => i.period === "Q1" && i.actor === "coexecutor" && i.directionCode === "2")).toMatchObject({
      departmentName: "Комитет по культуре",
    });
    await expect(programDeadlinesOf(w.ctx, as.adminb!, mp2.id, 2026)).rejects.toThrow(NotFoundError);
  });

  it("gives the caller the deadlines on which they must act", async () => {
    const tasks = await myTasks(w.ctx, as.coexecutor!);
    expect(tasks.items.length).toBeGreaterThan(0);
    // a co-executor's own department's parts only
    for (const t of tasks.items) expect(t).toMatchObject({ actor: "coexecutor", departmentId: as.coexecutor!.actor.departmentId });
    expect((await myTasks(w.ctx, as.viewer!)).items).toEqual([]);
  });

  it("lists the checkpoints past their date without an actual one, with the working days late", async () => {
    const { today, items } = await overdueCheckpoints(w.ctx, as.viewer!);
    expect(today).toBe("2026-04-10");
    expect(items.length).toBeGreaterThan(0);
    for (const c of items) expect(String(c.plannedDate) < today).toBe(true);
    // 20 March (Friday) to 10 April (Friday): three working weeks
    expect(items.find((c) => c.plannedDate === "2026-03-20")!.workingDaysLate).toBe(15);
  });

  it("lists metric values off plan, and not another municipality's program", async () => {
    const rows = await metricsOffPlan(w.ctx, as.viewer!, { year: 2026, programId: mp1.id });
    expect(rows).toMatchObject([{ month: 3, plan: "3", fact: "1", unfavourable: true, justification: "Поставка перенесена на апрель" }]);
    await expect(metricsOffPlan(w.ctx, as.adminb!, { year: 2026, programId: mp1.id })).rejects.toThrow(NotFoundError);
  });

  it("gives a metric's plan and fact by month, and a program's metrics at plan by quarter", async () => {
    const d2 = await directionOf(mp1, "2");
    const metric = (await w.rows("metric", { directionId: d2.id }))[0]!;
    const months = (await metricPlanFact(w.ctx, as.viewer!, metric.id, 2026)).months as Record<string, unknown>[];
    expect(months).toHaveLength(12);
    expect(months[2]).toEqual({ month: 3, plan: "3", fact: "1", forecast: null, fallsShort: true });
    expect(months[3]).toMatchObject({ month: 4, plan: null, fallsShort: null });
    await expect(metricPlanFact(w.ctx, as.adminb!, metric.id, 2026)).rejects.toThrow(NotFoundError);
    const quarters = (await programPlanFact(w.ctx, as.viewer!, mp1.id, 2026)).quarters as Record<string, unknown>[];
    // at the end of Q1 both directions' metrics have a plan, one a fact, short of it
    expect(quarters[0]).toMatchObject({ quarter: 1, period: "Q1", metricsPlanned: 2, metricsWithFact: 1, metricsAtPlan: 0 });
    expect(quarters[1]).toMatchObject({ quarter: 2, metricsPlanned: 2, metricsWithFact: 0 });
    await expect(programPlanFact(w.ctx, as.adminb!, mp1.id, 2026)).rejects.toThrow(NotFoundError);
  });

  it("refuses a calendar of a year out of range", async () => {
    const e = await deadlineCalendar(w.ctx, as.viewer!, 1500).catch((x) => x);
    expect(e).toBeInstanceOf(ValidationError);
    expect((await deadlineCalendar(w.ctx, as.viewer!, 2026)).items.length).toBeGreaterThan(0);
  });
});
