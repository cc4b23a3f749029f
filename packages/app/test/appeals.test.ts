/**
 * Citizens' appeals under 59-ФЗ (issue 15, part 3) through the use cases: registered with a number,
 * a tracking code and the 30-day term; followed by the code; assigned; extended once (at most 30
 * days, with a reason); answered; an anonymous appeal registered and not answered; a repeated one
 * recognised and the correspondence stopped; redirection refused after 7 days; personal data shown
 * only to the assigned staff and the office, each showing logged; erased when its retention ends.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  appeal,
  appealAnswerDraft,
  appealFeedback,
  appealLetter,
  appealStep,
  appeals,
  disciplineDashboard,
  myNotifications,
  registerAppeal,
  scanControlReminders,
  setControlDepartmentHead,
  trackAppeal,
  updateControlSettings,
  type Caller,
} from "@orientir/app";
import { appealAccessLog, appealNotices, getAppeal } from "@orientir/db";
import { ForbiddenError, ValidationError, fillAnswerTemplate, unknownPlaceholders } from "@orientir/domain";
import { appealLetterForm, renderForm } from "@orientir/reports";
import { openWorld, type World } from "./world.ts";

let w: World;
let as: Record<string, Caller>;
const dept = async (name: string) => (await w.rows("department")).find((d) => d.name === name)!.id;
const pathOf = async (p: Promise<unknown>) => ((await p.catch((e: unknown) => e)) as ValidationError).issues?.[0]?.path;

beforeAll(async () => {
  ({ w, as } = await openWorld("2026-03-03T09:00:00Z", ["admin", "economy", "executor", "coexecutor", "viewer"]));
  await updateControlSettings(w.ctx, as.admin!, { officeDepartmentId: await dept("Управление экономики"), reminderDaysBefore: 3 });
});
afterAll(async () => {
  await w?.close();
});

const resident = {
  channel: "portal" as const,
  receivedOn: "2026-03-02",
  authorName: "Иванов Иван Иванович",
  authorAddress: "г. Калуга, ул. Ленина, д. 1, кв. 2",
  authorEmail: "ivanov@example.org",
  text: "Во дворе не вывозят мусор",
  topicCode: "0003.0011.0122.0816",
  district: "Ленинский округ",
};

describe("an appeal from registration to the answer", () => {
  it("is registered, followed by its code, assigned, extended once, answered", async () => {
    await expect(registerAppeal(w.ctx, as.viewer!, resident)).rejects.toThrow(ForbiddenError);
    const a = await registerAppeal(w.ctx, as.economy!, resident);
    expect(a).toMatchObject({
      number: "ОГ-0001/2026",
      registeredOn: "2026-03-03",
      due: "2026-04-02",
      state: "registered",
      anonymous: false,
    });
    expect(a.trackingCode).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$/);
    expect(await trackAppeal(w.ctx, a.trackingCode)).toMatchObject({ number: "ОГ-0001/2026", state: "registered", extended: false });
    // the audit log keeps no personal data
    expect(JSON.stringify(await w.audit("appeal.create", a.id))).not.toContain("Иванов");

    let v = await appealStep(w.ctx, as.economy!, a.id, {
      action: "assign",
      version: a.version,
      assignedDepartmentId: await dept("Управление образования"),
    });
    expect(v.state).toBe("inWork");
    // personal data: the assigned executor and the office see it, logged; the viewer and the administrator do not
    expect((await appeal(w.ctx, as.executor!, a.id)).author?.name).toBe("Иванов Иван Иванович");
    expect((await appeal(w.ctx, as.viewer!, a.id)).author).toBeNull();
    expect((await appeal(w.ctx, as.admin!, a.id)).author).toBeNull();
    expect((await appeal(w.ctx, as.coexecutor!, a.id)).author).toBeNull();
    const log = await appealAccessLog(w.db, a.id);
    expect(log.map((l) => l.userId)).toEqual([as.economy!.actor.userId, as.executor!.actor.userId]);
    expect((await appeals(w.ctx, as.economy!, { year: 2026 })).items.every((x) => x.author === null)).toBe(true);

    // one extension, of at most 30 days, with its reason
    expect(
      await pathOf(appealStep(w.ctx, as.economy!, a.id, { action: "extend", version: v.version, newDue: "2026-05-04", reason: "запрос" })),
    ).toBe("newDue");
    expect(await pathOf(appealStep(w.ctx, as.economy!, a.id, { action: "extend", version: v.version, newDue: "2026-04-30" }))).toBe(
      "reason",
    );
    await expect(
      appealStep(w.ctx, as.executor!, a.id, { action: "extend", version: v.version, newDue: "2026-04-30", reason: "x" }),
    ).rejects.toThrow(ForbiddenError);
    v = await appealStep(w.ctx, as.economy!, a.id, {
      action: "extend",
      version: v.version,
      newDue: "2026-04-30",
      reason: "запрос в водоканал",
    });
    expect(v).toMatchObject({ due: "2026-04-30", extended: true });
    expect(
      await pathOf(appealStep(w.ctx, as.economy!, a.id, { action: "extend", version: v.version, newDue: "2026-05-01", reason: "x" })),
    ).toBe("action");
    // redirection after 7 days of registration is refused: the answer is given on the merits
    w.setNow("2026-03-12T09:00:00Z");
    expect(await pathOf(appealStep(w.ctx, as.economy!, a.id, { action: "redirect", version: v.version, redirectedTo: "Минстрой" }))).toBe(
      "action",
    );
    // the assigned executor answers within the term
    expect(await pathOf(appealStep(w.ctx, as.executor!, a.id, { action: "answer", version: v.version }))).toBe("answerText");
    v = await appealStep(w.ctx, as.executor!, a.id, { action: "answer", version: v.version, answerText: "Вывоз организован" });
    // sent for approval, not yet answered; the office approves it
    expect(v).toMatchObject({ state: "inWork", answeredOn: null });
    expect(v.actions).not.toContain("approveAnswer");
    v = await appealStep(w.ctx, as.economy!, a.id, { action: "approveAnswer", version: v.version });
    expect(v).toMatchObject({ state: "answered", answeredOn: "2026-03-12" });
    expect((await trackAppeal(w.ctx, a.trackingCode)).state).toBe("answered");
    await expect(trackAppeal(w.ctx, "AAAA-BBBB-CCCC")).rejects.toThrow(/Не найдено/);

    // retention: five years after the answer's year the personal data is erased
    w.setNow("2032-01-02T09:00:00Z");
    expect((await scanControlReminders(w.ctx, { email: false })).purged).toBeGreaterThanOrEqual(1);
    expect(await getAppeal(w.db, a.id)).toMatchObject({ authorName: null, authorAddress: null, authorEmail: null, state: "answered" });
    w.setNow("2026-03-12T09:00:00Z");
  });

  it("registers an anonymous appeal without answering it; recognises a repeated one and stops the correspondence", async () => {
    const anon = await registerAppeal(w.ctx, as.economy!, { ...resident, authorName: null, authorAddress: null, authorEmail: null });
    expect(anon).toMatchObject({ anonymous: true, state: "notAnswered" });
    expect(await pathOf(appealStep(w.ctx, as.economy!, anon.id, { action: "answer", version: anon.version, answerText: "x" }))).toBe(
      "action",
    );

    const first = await registerAppeal(w.ctx, as.economy!, { ...resident, authorName: "Петров П. П.", receivedOn: "2026-03-10" });
    expect(first.repeatedOf).toBeNull();
    expect(await pathOf(appealStep(w.ctx, as.economy!, first.id, { action: "stop", version: first.version, reason: "x" }))).toBe("action");
    const again = await registerAppeal(w.ctx, as.economy!, { ...resident, authorName: "петров п. п.", receivedOn: "2026-03-11" });
    expect(again.repeatedOf).toBe(first.id);
    expect(await pathOf(appealStep(w.ctx, as.economy!, again.id, { action: "stop", version: again.version }))).toBe("reason");
    const stopped = await appealStep(w.ctx, as.economy!, again.id, {
      action: "stop",
      version: again.version,
      reason: "ответы даны трижды",
    });
    expect(stopped.state).toBe("stopped");
  });

  it("names the field of bad input", async () => {
    expect(await pathOf(registerAppeal(w.ctx, as.economy!, { ...resident, topicCode: "9999" }))).toBe("topicCode");
    expect(await pathOf(registerAppeal(w.ctx, as.economy!, { ...resident, collective: true, signatories: 1 }))).toBe("signatories");
    expect(await pathOf(registerAppeal(w.ctx, as.economy!, { ...resident, registeredOn: "2026-03-01" }))).toBe("registeredOn");
    // a department not of the municipality (read with the repeated check and the numbering rule): 400, nothing written
    const count = async () => Number((await w.db.query<{ n: string }>(`SELECT count(*) AS n FROM appeal`)).rows[0]!.n);
    const before = await count();
    expect(
      await pathOf(registerAppeal(w.ctx, as.economy!, { ...resident, assignedDepartmentId: "00000000-0000-4000-8000-000000000000" })),
    ).toBe("assignedDepartmentId");
    expect(await count()).toBe(before);
  });
});

describe("the appeals' lists and the steps offered", () => {
  it("lists the open ones by term, the overdue ones, mine; offers only the steps the law and the role leave", async () => {
    w.setNow("2026-03-12T09:00:00Z");
    const a = await registerAppeal(w.ctx, as.economy!, { ...resident, authorName: "Сидоров С. С.", receivedOn: "2026-03-12" });
    // the office, on a fresh appeal: assign, redirect (within 7 days), extend, answer — not stop (not repeated)
    expect(a.actions).toEqual(["assign", "redirect", "extend", "answer"]);
    expect((await appeal(w.ctx, as.viewer!, a.id)).actions).toEqual([]);
    expect((await appeal(w.ctx, as.executor!, a.id)).actions).toEqual([]);
    const v = await appealStep(w.ctx, as.economy!, a.id, {
      action: "assign",
      version: a.version,
      assignedDepartmentId: await dept("Управление образования"),
    });
    // the assigned executor may answer only
    expect((await appeal(w.ctx, as.executor!, a.id)).actions).toEqual(["answer"]);
    const mine = await appeals(w.ctx, as.executor!, { filter: "due", mine: "1" });
    expect(mine.items.map((x) => x.id)).toContain(a.id);
    expect(mine.items.every((x) => x.assignedDepartmentId === v.assignedDepartmentId)).toBe(true);
    expect((await appeals(w.ctx, as.coexecutor!, { filter: "due", mine: "1" })).items.map((x) => x.id)).not.toContain(a.id);
    const due = await appeals(w.ctx, as.economy!, { filter: "due" });
    expect(due.items.every((x) => x.state === "registered" || x.state === "inWork")).toBe(true);
    expect(due.items.map((x) => x.due)).toEqual([...due.items.map((x) => x.due)].sort());
    expect((await appeals(w.ctx, as.economy!, { filter: "overdue" })).items.map((x) => x.id)).not.toContain(a.id);
    // past its term (2026-04-13), it is overdue; redirection is no longer offered
    w.setNow("2026-04-20T09:00:00Z");
    const overdue = await appeals(w.ctx, as.economy!, { filter: "overdue" });
    expect(overdue.items.map((x) => x.id)).toContain(a.id);
    expect(overdue.items.every((x) => x.due < "2026-04-20")).toBe(true);
    expect(overdue.items.find((x) => x.id === a.id)!.actions).toEqual(["assign", "extend", "answer"]);
    w.setNow("2026-03-12T09:00:00Z");
  });
});

describe("notices to the author and the author's feedback", () => {
  it("mails the author of the extension and the answer (with an e-mail), nothing without one; takes the feedback once after the answer", async () => {
    w.setNow("2026-03-12T09:00:00Z");
    const a = await registerAppeal(w.ctx, as.economy!, { ...resident, authorName: "Кузнецова А. А.", authorEmail: "kuz@example.org" });
    let v = await appealStep(w.ctx, as.economy!, a.id, {
      action: "assign",
      version: a.version,
      assignedDepartmentId: await dept("Управление образования"),
    });
    expect(await appealNotices(w.db, a.id)).toEqual([]);
    // feedback before the answer: refused, naming the field
    expect(await pathOf(appealFeedback(w.ctx, a.trackingCode, { feedback: "satisfied" }))).toBe("feedback");
    v = await appealStep(w.ctx, as.economy!, a.id, {
      action: "extend",
      version: v.version,
      newDue: "2026-05-08",
      reason: "запрос в водоканал",
    });
    v = await appealStep(w.ctx, as.executor!, a.id, { action: "answer", version: v.version, answerText: "Ремонт выполнен" });
    // nothing goes to the author before the approval
    expect((await appealNotices(w.db, a.id)).map((n) => n.moment.split(":")[0])).toEqual(["extend"]);
    await appealStep(w.ctx, as.economy!, a.id, { action: "approveAnswer", version: v.version });
    const notices = await appealNotices(w.db, a.id);
    expect(notices.map((n) => n.moment.split(":")[0])).toEqual(["extend", "answer"]);
    expect(notices.every((n) => n.toAddress === "kuz@example.org")).toBe(true);
    expect(notices[0]!.body).toContain("08.05.2026");
    expect(notices[0]!.body).toContain("запрос в водоканал");
    expect(notices[0]!.body).toContain(a.trackingCode);
    expect(notices[1]!.body).toContain("Ремонт выполнен");
    // each queued with its sending job
    const jobs = await w.db.query<{ n: string }>(
      `SELECT count(*)::text AS n FROM job WHERE kind = 'email.send' AND payload->>'outboxId' = ANY($1)`,
      [notices.map((n) => n.id)],
    );
    expect(jobs.rows[0]!.n).toBe("2");
    // an author without an e-mail: no mail (the letter goes by post)
    const b = await registerAppeal(w.ctx, as.economy!, { ...resident, authorName: "Орлов О. О.", authorEmail: null });
    await appealStep(w.ctx, as.economy!, b.id, { action: "redirect", version: b.version, redirectedTo: "Министерство строительства" });
    expect(await appealNotices(w.db, b.id)).toEqual([]);

    expect(await appealFeedback(w.ctx, a.trackingCode, { feedback: "notSatisfied", comment: "Сделано не полностью" })).toMatchObject({
      state: "answered",
      feedback: "notSatisfied",
    });
    await expect(appealFeedback(w.ctx, a.trackingCode, { feedback: "satisfied" })).rejects.toThrow(/уже дан/);
    expect(await appeal(w.ctx, as.economy!, a.id)).toMatchObject({ feedback: "notSatisfied", feedbackComment: "Сделано не полностью" });
  });
});

describe("the answer from a template, and the letter", () => {
  it("drafts from the municipality's template over the defaults, only for those who answer; the letter once answered", async () => {
    w.setNow("2026-03-12T09:00:00Z");
    const a = await registerAppeal(w.ctx, as.economy!, { ...resident, authorName: "Волков В. В.", authorEmail: null });
    const d = await appealAnswerDraft(w.ctx, as.economy!, a.id, null);
    expect(d.template).toBe("done");
    expect(d.text).toContain("Уважаемый(ая) Волков В. В.!");
    expect(d.text).toContain(`№ ${a.number} от 12.03.2026`);
    expect(d.text).not.toMatch(/\{[a-zA-Z]+\}/);
    // the municipality's own template replaces the default of the same code
    await w.db.query(
      `INSERT INTO appeal_answer_template (municipality_id, code, title, body) VALUES ($1, 'done', 'Свой', 'Ответ {author} по {number}: {district}')`,
      [as.economy!.actor.municipalityId],
    );
    expect((await appealAnswerDraft(w.ctx, as.economy!, a.id, "done")).text).toBe(`Ответ Волков В. В. по ${a.number}: Ленинский округ`);
    expect(await pathOf(appealAnswerDraft(w.ctx, as.economy!, a.id, "nope"))).toBe("template");
    await expect(appealAnswerDraft(w.ctx, as.viewer!, a.id, null)).rejects.toThrow(ForbiddenError);
    // the letter: refused before the answer, then DOCX and PDF with the answer
    expect(await pathOf(appealLetter(w.ctx, as.economy!, a.id))).toBe("id");
    const sent = await appealStep(w.ctx, as.economy!, a.id, {
      action: "answer",
      version: a.version,
      answerText: "Яма заделана 10.03.2026",
    });
    // the drafter does not approve their own draft: another of the office does
    expect(await pathOf(appealStep(w.ctx, as.economy!, a.id, { action: "approveAnswer", version: sent.version }))).toBe("action");
    await appealStep(w.ctx, as.admin!, a.id, { action: "approveAnswer", version: sent.version });
    await expect(appealLetter(w.ctx, as.viewer!, a.id)).rejects.toThrow(ForbiddenError);
    const letter = await appealLetter(w.ctx, as.economy!, a.id);
    expect(letter).toMatchObject({ authorName: "Волков В. В.", answerText: "Яма заделана 10.03.2026", answeredOn: "2026-03-12" });
    const docx = await renderForm(appealLetterForm(letter), "docx");
    expect(docx.buffer.subarray(0, 2).toString()).toBe("PK");
    const pdf = await renderForm(appealLetterForm(letter), "pdf");
    expect(pdf.buffer.subarray(0, 5).toString()).toBe("%PDF-");
  });

  it("fills the known placeholders only", () => {
    expect(fillAnswerTemplate("{author}, {district}, {nope}", { author: "А" })).toBe("А, —, {nope}");
    expect(unknownPlaceholders("{author} {nope} {due}")).toEqual(["nope"]);
  });
});

describe("the discipline dashboard", () => {
  it("counts the appeals by department and month as their states and terms say; topics and districts add up", async () => {
    w.setNow("2026-04-20T09:00:00Z");
    const d = await disciplineDashboard(w.ctx, as.viewer!, 2026);
    const all = (await appeals(w.ctx, as.economy!, { year: 2026 })).items;
    const closed = (x: (typeof all)[number]) => x.state === "answered" || x.state === "stopped" || x.state === "redirected";
    const education = await dept("Управление образования");
    const mineAll = all.filter((x) => x.assignedDepartmentId === education);
    const row = d.appeals.find((r) => r.departmentId === education)!;
    expect(row.department).toBe("Управление образования");
    expect(row.total).toBe(mineAll.length);
    expect(row.onTime).toBe(mineAll.filter((x) => closed(x) && x.answeredOn !== null && x.answeredOn <= x.due).length);
    expect(row.overdue).toBe(mineAll.filter((x) => !closed(x) && x.state !== "notAnswered" && x.due < "2026-04-20").length);
    expect(row.extended).toBe(mineAll.filter((x) => x.extended).length);
    expect(row.onTime).toBeGreaterThan(0);
    expect(row.overdue).toBeGreaterThan(0);
    expect(row.extended).toBeGreaterThan(0);
    const sum = (rows: { total: number }[]) => rows.reduce((s, r) => s + r.total, 0);
    expect(sum(d.appeals)).toBe(all.length);
    expect(sum(d.appealsByMonth)).toBe(all.length);
    expect(d.topics.reduce((s, t) => s + t.count, 0)).toBe(all.length);
    expect(d.districts.find((x) => x.district === "Ленинский округ")!.count).toBe(
      all.filter((x) => x.district === "Ленинский округ").length,
    );
    // departments by name, not in the order of their identifiers
    const byName = (rows: { department: string; departmentId: string | null }[]) =>
      rows.filter((r) => r.departmentId).map((r) => r.department);
    expect(byName(d.appeals)).toEqual([...byName(d.appeals)].sort((a, b) => a.localeCompare(b, "ru")));
    expect(byName(d.orders)).toEqual([...byName(d.orders)].sort((a, b) => a.localeCompare(b, "ru")));
    expect(d.appeals.at(-1)!.departmentId).toBeNull(); // the unassigned ones last
    expect((await disciplineDashboard(w.ctx, as.viewer!, 2019)).appeals).toEqual([]);
    w.setNow("2026-03-12T09:00:00Z");
  });
});

describe("the answer's approval", () => {
  it("the head of the assigned department approves or returns; the rounds are kept; the drafts' texts go with the personal data", async () => {
    w.setNow("2026-03-12T09:00:00Z");
    const education = await dept("Управление образования");
    // the viewer is made the head of the education department: they approve its answers (and see what they approve)
    await setControlDepartmentHead(w.ctx, as.admin!, education, as.viewer!.actor.userId);
    const a = await registerAppeal(w.ctx, as.economy!, { ...resident, authorName: "Титов Т. Т.", authorEmail: "titov@example.org" });
    let v = await appealStep(w.ctx, as.economy!, a.id, { action: "assign", version: a.version, assignedDepartmentId: education });
    expect((await appeal(w.ctx, as.viewer!, a.id)).actions).toEqual([]);
    v = await appealStep(w.ctx, as.executor!, a.id, {
      action: "answer",
      version: v.version,
      answerText: "Титов Т. Т., контейнеры вывезены",
      templateCode: "done",
    });
    // a second draft while one awaits: refused
    expect(await pathOf(appealStep(w.ctx, as.executor!, a.id, { action: "answer", version: v.version, answerText: "x" }))).toBe("action");
    const head = await appeal(w.ctx, as.viewer!, a.id);
    expect(head.actions).toEqual(["approveAnswer", "returnAnswer"]);
    expect(head.answers[0]).toMatchObject({ round: 1, state: "pending", text: "Титов Т. Т., контейнеры вывезены" });
    // another viewer-like member who is not the head sees neither the steps nor the draft's text
    expect((await appeal(w.ctx, as.coexecutor!, a.id)).answers[0]!.text).toBeNull();
    await expect(appealStep(w.ctx, as.coexecutor!, a.id, { action: "approveAnswer", version: v.version })).rejects.toThrow(ForbiddenError);
    const bell = async (c: Caller) => (await myNotifications(w.ctx, c, {})).items.filter((n) => n.kind === "control.appeal");
    const before = (await bell(as.executor!)).length;
    v = await appealStep(w.ctx, as.viewer!, a.id, { action: "returnAnswer", version: v.version, reason: "Добавьте дату вывоза" });
    expect(v.state).toBe("inWork");
    // the drafter finds it in the bell: the number, the remark, a link to the appeal; no one else is told
    const told = await bell(as.executor!);
    expect(told.length).toBe(before + 1);
    expect(told[0]).toMatchObject({ link: `/control/appeals/${a.id}`, readAt: null });
    expect(told[0]!.title).toContain(a.number);
    expect(told[0]!.title).toContain("возвращен");
    expect(told[0]!.body).toContain("Добавьте дату вывоза");
    expect(await bell(as.viewer!)).toEqual([]);
    expect(await bell(as.economy!)).toEqual([]);
    expect(await appealNotices(w.db, a.id)).toEqual([]);
    v = await appealStep(w.ctx, as.executor!, a.id, {
      action: "answer",
      version: v.version,
      answerText: "Титов Т. Т., контейнеры вывезены 11.03.2026",
    });
    v = await appealStep(w.ctx, as.viewer!, a.id, { action: "approveAnswer", version: v.version });
    expect(v).toMatchObject({ state: "answered", answeredOn: "2026-03-12" });
    expect(v.answers.map((r) => [r.round, r.state, r.remark])).toEqual([
      [1, "returned", "Добавьте дату вывоза"],
      [2, "approved", null],
    ]);
    expect((await appealNotices(w.db, a.id)).map((n) => n.body).join()).toContain("контейнеры вывезены 11.03.2026");
    const audited = (await w.db.query<{ action: string }>(`SELECT action FROM audit_log WHERE object_id = $1 ORDER BY id`, [a.id])).rows;
    expect(audited.map((x) => x.action)).toEqual([
      "appeal.create",
      "appeal.assign",
      "appeal.answerSubmit",
      "appeal.answerReturn",
      "appeal.answerSubmit",
      "appeal.answerApprove",
    ]);
    // retention: the drafts name the author, so their texts are erased with the personal data
    w.setNow("2032-01-02T09:00:00Z");
    await scanControlReminders(w.ctx, { email: false });
    const texts = await w.db.query<{ text: string }>(`SELECT text FROM appeal_answer WHERE appeal_id = $1`, [a.id]);
    expect(texts.rows.map((x) => x.text)).toEqual(["", ""]);
    w.setNow("2026-03-12T09:00:00Z");
    await setControlDepartmentHead(w.ctx, as.admin!, education, null);
  });
});
