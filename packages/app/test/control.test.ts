/**
 * Control of orders (issue 15, parts 1 and 2) through the use cases: the registry's numbering and
 * search; a meeting's order put on control, the preventive reminder and the daily digest as the
 * executor, an extension requested and granted (the deadlines' history kept), a report returned
 * with remarks, reported again and removed from control; escalation of an overdue order to the
 * head of its department; who may take which step; bad input named.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createMeeting,
  createOrder,
  order,
  orderStep,
  ordersOfProgram,
  orders,
  registerDocument,
  scanControlReminders,
  searchRegistry,
  setControlDepartmentHead,
  updateControlSettings,
  type Caller,
} from "@orientir/app";
import { listNotifications, upsertNumberingRule, type Row } from "@orientir/db";
import { ForbiddenError, RU_CALENDAR, ValidationError, addWorkingDays } from "@orientir/domain";
import { openWorld, type World } from "./world.ts";

let w: World;
let as: Record<string, Caller>;
let mp1: Row;
const dept = async (name: string) => (await w.rows("department")).find((d) => d.name === name)!.id;

beforeAll(async () => {
  ({ w, as, mp1 } = await openWorld("2026-03-02T09:00:00Z", ["admin", "economy", "executor", "coexecutor", "viewer", "head", "adminb"]));
  // the economy department acts as the office in this world; the head of the city heads education
  await updateControlSettings(w.ctx, as.admin!, { officeDepartmentId: await dept("Управление экономики"), reminderDaysBefore: 2 });
  await setControlDepartmentHead(w.ctx, as.admin!, await dept("Управление образования"), as.head!.actor.userId);
});
afterAll(async () => {
  await w?.close();
});

const notes = async (c: Caller) => listNotifications(w.db, c.actor.userId, c.actor.municipalityId, { limit: 500 });

describe("the registry of documents", () => {
  it("numbers each kind per year atomically, by the rule stored as data", async () => {
    const reg = (summary: string, regDate = "2026-03-02") =>
      registerDocument(w.ctx, as.economy!, { kind: "incoming", regDate, summary, correspondent: "ГП «Калужский областной водоканал»" });
    const ten = await Promise.all(Array.from({ length: 10 }, (_, i) => reg(`Письмо о ремонте дорог № ${i}`)));
    expect(ten.map((d) => d.regNumber).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `Вх-${i + 1}/26`).sort());
    expect((await reg("Письмо прошлого года", "2025-12-30")).regNumber).toBe("Вх-1/25");
    await upsertNumberingRule(w.db, as.economy!.actor.municipalityId, "outgoing", "01-13", "{prefix}/{seq4}-{yyyy}");
    const out = await registerDocument(w.ctx, as.economy!, {
      kind: "outgoing",
      regDate: "2026-03-03",
      summary: "Ответ о ремонте дорог",
      links: [{ kind: "answerTo", documentId: ten[0]!.id }],
    });
    expect(out.regNumber).toBe("01-13/0001-2026");
    expect(out.links).toEqual([expect.objectContaining({ direction: "from", kind: "answerTo", documentId: ten[0]!.id })]);
  });

  it("refuses what does not fit, naming the field; only the office registers", async () => {
    await expect(registerDocument(w.ctx, as.executor!, { kind: "incoming", regDate: "2026-03-02", summary: "x" })).rejects.toThrow(
      ForbiddenError,
    );
    const bad = await registerDocument(w.ctx, as.economy!, {
      kind: "incoming",
      regDate: "2026-03-02",
      summary: "Ответ",
      links: [{ kind: "answerTo", documentId: (await searchRegistry(w.ctx, as.viewer!, { q: "Ответ о ремонте" })).items[0]!.id }],
    }).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(ValidationError);
    expect((bad as ValidationError).issues[0]!.path).toBe("links[0].kind");
  });

  it("finds documents by Russian word forms, by number, by the correspondent's words and by a mistyped word", async () => {
    const forms = await searchRegistry(w.ctx, as.viewer!, { q: "дорогам" });
    expect(forms.items.length).toBe(11);
    expect(forms.items.every((d) => d.matched === "fts")).toBe(true);
    const byNumber = await searchRegistry(w.ctx, as.viewer!, { q: "Вх-1/25" });
    expect(byNumber.items[0]).toMatchObject({ regNumber: "Вх-1/25", matched: "number" });
    // the correspondent's words, quoted «…» in the text (the ten letters and last year's)
    expect((await searchRegistry(w.ctx, as.viewer!, { q: "водоканала" })).items.length).toBe(11);
    const typo = await searchRegistry(w.ctx, as.viewer!, { q: "реммонт" });
    expect(typo.items.length).toBeGreaterThan(0);
    expect(typo.items[0]!.matched).toBe("similar");
    expect((await searchRegistry(w.ctx, as.adminb!, { q: "дорогам" })).items).toEqual([]);
  });
});

describe("an order of a meeting, from issue to removal from control", () => {
  it("goes through reminders, extension, return and acceptance", async () => {
    const meeting = await createMeeting(w.ctx, as.economy!, {
      heldOn: "2026-03-02",
      title: "Рабочее совещание у Главы",
      protocolNumber: "ПР-7/26",
      items: [{ text: "Подготовить школы к ремонту" }, { text: "Второй пункт" }],
    });
    const education = await dept("Управление образования");
    const o = await createOrder(w.ctx, as.economy!, {
      source: "meeting",
      meetingItemId: meeting.items[0]!.id,
      text: "Подготовить план ремонта школ",
      issuedOn: "2026-03-02",
      term: { kind: "workingDays", days: 5 },
      responsibleDepartmentId: education,
      controllerId: as.economy!.actor.userId,
      programId: String(mp1.id),
    });
    expect(o.due).toBe(addWorkingDays(RU_CALENDAR, "2026-03-02", 5)); // 2026-03-10: 8 March (Sunday) moves to Monday 9 March
    expect(o.due).toBe("2026-03-10");
    expect(o.number).toBe("П-1/26");
    expect(o.state).toBe("issued");
    expect((await ordersOfProgram(w.ctx, as.viewer!, String(mp1.id))).items.map((x) => x.id)).toEqual([o.id]);

    // preventive control: two working days before (6 March), the executor gets a reminder and the digest
    w.setNow("2026-03-06T07:00:00Z");
    const first = await scanControlReminders(w.ctx, { email: false });
    expect(first.reminders).toBe(1);
    expect(first.digests).toBe(2); // the executor and the controller
    const again = await scanControlReminders(w.ctx, { email: false });
    expect(again).toEqual({ reminders: 0, digests: 0, escalations: 0, purged: 0 });
    const mine = await notes(as.executor!);
    expect(mine.map((n) => n.kind)).toEqual(expect.arrayContaining(["control.before", "control.digest"]));
    expect(mine.find((n) => n.kind === "control.digest")!.body).toContain("П-1/26");
    expect((await orders(w.ctx, as.executor!, { mine: "1", open: "1" })).items.map((x) => x.number)).toEqual(["П-1/26"]);

    // who may do what
    await expect(orderStep(w.ctx, as.viewer!, o.id, { action: "start", version: o.version })).rejects.toThrow(ForbiddenError);
    await expect(orderStep(w.ctx, as.coexecutor!, o.id, { action: "start", version: o.version })).rejects.toThrow(ForbiddenError);
    let v = await orderStep(w.ctx, as.executor!, o.id, { action: "start", version: o.version });
    expect(v.state).toBe("inWork");
    await expect(orderStep(w.ctx, as.executor!, o.id, { action: "accept", version: v.version })).rejects.toThrow(ForbiddenError);

    // an extension: requested with a reason, granted with a new deadline; the history keeps both
    const noReason = await orderStep(w.ctx, as.executor!, o.id, {
      action: "requestExtension",
      version: v.version,
      newDue: "2026-03-20",
    }).catch((e: unknown) => e);
    expect((noReason as ValidationError).issues[0]!.path).toBe("text");
    v = await orderStep(w.ctx, as.executor!, o.id, {
      action: "requestExtension",
      version: v.version,
      newDue: "2026-03-20",
      text: "Ждем смету",
    });
    expect(v.state).toBe("extensionRequested");
    v = await orderStep(w.ctx, as.economy!, o.id, { action: "grantExtension", version: v.version, newDue: "2026-03-20" });
    expect(v).toMatchObject({ state: "inWork", due: "2026-03-20", extensions: 1 });
    expect(v.deadlines.map((d) => d.due)).toEqual(["2026-03-10", "2026-03-20"]);
    expect((await notes(as.executor!)).some((n) => n.title.includes("продлить срок до 20.03.2026"))).toBe(true);

    // reported, returned with remarks, reported again, accepted: removed from control
    v = await orderStep(w.ctx, as.executor!, o.id, {
      action: "report",
      version: v.version,
      text: "План подготовлен",
      files: [{ name: "план.pdf", size: 1024 }],
    });
    expect(v.state).toBe("reported");
    const noRemarks = await orderStep(w.ctx, as.economy!, o.id, { action: "return", version: v.version }).catch((e: unknown) => e);
    expect((noRemarks as ValidationError).issues[0]!.path).toBe("remarks");
    v = await orderStep(w.ctx, as.economy!, o.id, { action: "return", version: v.version, remarks: "Нет сметы" });
    expect(v).toMatchObject({ state: "returned", returns: 1 });
    const stale = await orderStep(w.ctx, as.executor!, o.id, { action: "report", version: v.version - 1, text: "x" }).catch(
      (e: unknown) => e,
    );
    expect((stale as Error).name).toBe("ConflictError");
    v = await orderStep(w.ctx, as.executor!, o.id, { action: "report", version: v.version, text: "План со сметой" });
    w.setNow("2026-03-18T09:00:00Z");
    v = await orderStep(w.ctx, as.economy!, o.id, { action: "accept", version: v.version });
    expect(v).toMatchObject({ state: "done", closedOn: "2026-03-18", standing: null, actions: [] });
    expect(v.events.map((e) => e.action)).toEqual([
      "issue",
      "start",
      "requestExtension",
      "grantExtension",
      "report",
      "return",
      "report",
      "accept",
    ]);
    expect(v.events[4]!.files).toEqual([{ name: "план.pdf", size: 1024, sha256: null }]);
    const bad = await orderStep(w.ctx, as.economy!, o.id, { action: "return", version: v.version, remarks: "x" }).catch((e: unknown) => e);
    expect((bad as ValidationError).issues[0]!.path).toBe("action");
    expect((await w.audit("order.accept", o.id)).length).toBe(1);
    expect((await order(w.ctx, as.viewer!, o.id)).state).toBe("done");
  });

  it("escalates an overdue order to the head of its department, once", async () => {
    w.setNow("2026-03-18T09:00:00Z");
    const o = await createOrder(w.ctx, as.head!, {
      source: "headOrder",
      text: "Представить справку",
      issuedOn: "2026-03-18",
      term: { kind: "date", due: "2026-03-19" },
      responsibleDepartmentId: await dept("Управление образования"),
    });
    expect(o.number).toBe("П-2/26");
    w.setNow("2026-03-23T09:00:00Z");
    const r = await scanControlReminders(w.ctx, { email: false });
    expect(r.escalations).toBe(1);
    expect((await notes(as.head!)).some((n) => n.kind === "control.escalation" && n.title.includes("П-2/26"))).toBe(true);
    expect((await scanControlReminders(w.ctx, { email: false })).escalations).toBe(0);
  });

  it("checks the order's source and references, naming the field", async () => {
    const base = {
      text: "x",
      issuedOn: "2026-03-18",
      term: { kind: "calendarDays" as const, days: 10 },
      responsibleDepartmentId: await dept("Управление образования"),
    };
    const noDoc = await createOrder(w.ctx, as.economy!, { ...base, source: "resolution" }).catch((e: unknown) => e);
    expect((noDoc as ValidationError).issues[0]!.path).toBe("documentId");
    const foreign = await createOrder(w.ctx, as.economy!, {
      ...base,
      source: "headOrder",
      programId: "00000000-0000-4000-8000-000000000000",
    }).catch((e: unknown) => e);
    expect((foreign as ValidationError).issues[0]!.path).toBe("programId");
    await expect(createOrder(w.ctx, as.executor!, { ...base, source: "headOrder" })).rejects.toThrow(ForbiddenError);
    // 10 calendar days from 18 March 2026 is Saturday 28 March: moved to Monday 30 March
    expect((await createOrder(w.ctx, as.economy!, { ...base, source: "headOrder" })).due).toBe("2026-03-30");
  });
});
