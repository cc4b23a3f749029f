/**
 * Approval that talks (issue 13, part 6): a new program's draft walked from its preparer through
 * every review (with a negative conclusion answered remark by remark) to its approval and
 * publication; each step notifies whoever must act or is affected, in the app and by e-mail
 * (the outbox); the stepper shows where the draft is, who holds it and until when; people by
 * their names; the explanatory note as DOCX and PDF.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { createTestApp, type Client, type TestApp } from "@orientir/testing";

let app: TestApp;
const c: Record<string, Client> = {};
let mp1: any;
let wf: any;
const NOW = new Date("2026-05-15T09:00:00Z");

async function ok(who: Client, action: string, input?: unknown) {
  const r = await who.post(`/api/workflows/${wf.id}/steps`, { version: wf.version, action, ...(input ? { input } : {}) });
  expect(r.status, `${action}: ${JSON.stringify(r.body)}`).toBe(200);
  wf = r.body;
  return wf;
}
/** The workflow notifications of a user, newest first. */
async function inbox(role: string): Promise<any[]> {
  const r = await c[role]!.get("/api/monitoring/notifications");
  expect(r.status).toBe(200);
  return r.body.items.filter((n: any) => n.kind.startsWith("workflow."));
}
/** The user's notification of a kind of step (the clock is fixed: they share one time, so none is "the latest"). */
async function got(role: string, kind: string): Promise<any> {
  return (await inbox(role)).find((n) => n.kind === `workflow.${kind}`);
}
async function outbox(): Promise<{ to_address: string; subject: string; body: string }[]> {
  const db = new pg.Client({ connectionString: app.ownerUrl });
  await db.connect();
  try {
    return (
      await db.query(`SELECT to_address, subject, body FROM email_outbox WHERE deadline_key LIKE 'workflow:%' ORDER BY created_at, id`)
    ).rows;
  } finally {
    await db.end();
  }
}

beforeAll(async () => {
  app = await createTestApp();
  app.ctx.config.sessionTtlHours = 24 * 365 * 5;
  app.ctx.config.emailNotifications = true;
  app.ctx.now = () => NOW;
  for (const role of ["admin", "economy", "finance", "audit", "executor", "coexecutor", "head", "viewer"]) c[role] = await app.as(role);
  mp1 = (await c.admin!.get("/api/programs")).body.items.find((p: any) => p.code === "MP-1");
  // the economy department and the executor get mail
  for (const [role, email] of [
    ["economy", "economy@example.org"],
    ["executor", "executor@example.org"],
  ] as const) {
    const me = (await c[role]!.get("/api/auth/me")).body;
    expect((await c[role]!.request("PUT", `/api/monitoring/users/${me.user.id}/email`, { email })).status).toBe(200);
  }
});
afterAll(async () => {
  await app?.close();
});

describe("a draft that talks", () => {
  it("starts with its preparer: the stepper's current step is the draft, held by the executor by name", async () => {
    const r = await c.executor!.post(`/api/programs/${mp1.id}/versions`, {});
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    wf = r.body;
    expect(wf.stepper.map((s: any) => s.state)).toEqual([
      "draft",
      "discussion",
      "economyReview",
      "financeReview",
      "auditReview",
      "approval",
      "approved",
      "published",
    ]);
    expect(wf.stepper[0]).toMatchObject({ status: "current", role: "executor", people: ["Исполнитель"], reachedOn: "2026-05-15" });
    expect(wf.stepper.slice(1).every((s: any) => s.status === "upcoming" && s.people.length === 0)).toBe(true);
    expect(wf.programVersion).toMatchObject({ createdByLogin: "executor", createdByName: "Исполнитель" });
    const listed = (await c.viewer!.get(`/api/programs/${mp1.id}/versions`)).body.versions;
    expect(listed[0]).toMatchObject({ createdByName: "Исполнитель" });
  });

  it("sent for review after its discussion: the economy department is told (app and mail) and holds it until its term", async () => {
    await ok(c.executor!, "startDiscussion", { period: { from: "2026-05-15", to: "2026-05-15" } });
    expect(wf.stepper[1]).toMatchObject({ state: "discussion", status: "current", people: ["Исполнитель"] });
    expect(await got("economy", "startDiscussion")).toBeDefined();
    await ok(c.executor!, "submit", { protocol: { date: "2026-05-15", number: "1" } });
    const current = wf.stepper.find((s: any) => s.status === "current");
    expect(current).toMatchObject({
      state: "economyReview",
      role: "economy",
      people: ["Экономист"],
      dueDate: wf.dueDate,
      reachedOn: "2026-05-15",
    });
    expect(wf.stepper.slice(0, 2).map((s: any) => s.status)).toEqual(["done", "done"]);
    expect(wf.history.at(-1)).toMatchObject({ actorLogin: "executor", actorName: "Исполнитель" });
    const n = await got("economy", "submit");
    expect(n).toMatchObject({ kind: "workflow.submit", link: `/versions/${wf.programVersion.id}` });
    expect(n.title).toContain("Проект направлен на экспертизу");
    expect(n.body).toContain("Исполнитель");
    expect(n.body).not.toContain("executor");
    // nobody else had to act; the one who took the step is not told
    expect(await inbox("executor")).toEqual([]);
    expect(await inbox("finance")).toEqual([]);
    const mail = await outbox();
    expect(mail.map((m) => m.to_address)).toEqual(["economy@example.org", "economy@example.org"]);
    const submitted = mail.find((m) => m.subject.includes("Проект направлен на экспертизу"))!;
    expect(submitted.subject).toContain("MP-1");
    expect(submitted.body).toContain("Экономист,");
  });

  it("a negative conclusion goes to the executor with its remarks; the rework shows on the review's step", async () => {
    await ok(c.economy!, "negativeConclusion", {
      conclusion: { document: "Заключение № 12", date: "2026-05-15" },
      remarks: ["Уточнить индикатор И1", "Обосновать рост финансирования"],
    });
    const n = await got("executor", "negativeConclusion");
    expect(n).toBeDefined();
    expect(n.body).toContain("1. Уточнить индикатор И1");
    expect(n.body).toContain("2. Обосновать рост финансирования");
    expect(n.body).toContain("Экономист");
    expect(wf.stepper.find((s: any) => s.status === "current")).toMatchObject({
      state: "economyReview",
      rework: true,
      role: "executor",
      people: ["Исполнитель"],
    });
    expect(wf.conclusions[0]).toMatchObject({ authorLogin: "economy", authorName: "Экономист", answers: null });
    expect((await outbox()).map((m) => m.to_address).sort()).toEqual([
      "economy@example.org",
      "economy@example.org",
      "executor@example.org",
    ]);
  });

  it("resubmitted with an answer to each remark; a missing answer is refused naming it", async () => {
    const step = (input: unknown) => c.executor!.post(`/api/workflows/${wf.id}/steps`, { version: wf.version, action: "resubmit", input });
    const few = await step({ answers: ["Уточнен"] });
    expect(few.status).toBe(400);
    expect(few.body.error.issues.map((i: any) => i.path)).toContain("input.answers");
    const blank = await step({ answers: ["Уточнен", "  "] });
    expect(blank.status).toBe(400);
    expect(blank.body.error.issues.map((i: any) => i.path)).toEqual(["input.answers[1]"]);
    // answers belong to a resubmission only
    const wrong = await c.economy!.post(`/api/workflows/${wf.id}/steps`, {
      version: wf.version,
      action: "positiveConclusion",
      input: { conclusion: { document: "x" }, answers: ["a"] },
    });
    expect([400, 403, 409]).toContain(wrong.status);
    await ok(c.executor!, "resubmit", { answers: ["Индикатор уточнен", "Расчет приложен"] });
    expect(wf.conclusions[0].answers).toEqual(["Индикатор уточнен", "Расчет приложен"]);
    expect(await got("economy", "resubmit")).toBeDefined();
  });

  it("each further step tells whoever acts next or is affected, up to publication", async () => {
    await ok(c.economy!, "positiveConclusion", { conclusion: { document: "Заключение № 15" } });
    // awaiting the hand-over: the executor holds it and is told
    expect(wf.stepper.find((s: any) => s.status === "current")).toMatchObject({
      state: "financeReview",
      awaitingHandOver: true,
      role: "executor",
    });
    expect(await got("executor", "positiveConclusion")).toBeDefined();
    expect(await inbox("finance")).toEqual([]);
    await ok(c.executor!, "handOver");
    expect(await got("finance", "handOver")).toBeDefined();
    expect(wf.stepper.find((s: any) => s.status === "current")).toMatchObject({
      state: "financeReview",
      awaitingHandOver: false,
      people: ["Финансист"],
    });
    await ok(c.finance!, "positiveConclusion", { conclusion: { document: "Заключение УФ № 4" } });
    await ok(c.executor!, "handOver");
    expect(await got("audit", "handOver")).toBeDefined();
    await ok(c.audit!, "positiveConclusion", { conclusion: { document: "Заключение КСО № 3" } });
    // to approval: the head acts, the executor hears
    expect(await got("head", "positiveConclusion")).toBeDefined();
    expect(wf.stepper.find((s: any) => s.status === "current")).toMatchObject({ state: "approval", role: "head", people: ["Глава"] });
    await ok(c.head!, "approve", { decree: { number: "250-п", date: "2026-05-15" } });
    const approved = await got("executor", "approve");
    expect(approved).toBeDefined();
    expect(approved.body).toContain("Глава");
    expect(await got("economy", "approve")).toBeDefined();
    await ok(c.executor!, "publish");
    expect(await got("economy", "publish")).toBeDefined();
    expect(await got("finance", "publish")).toBeDefined();
    expect(wf.stepper.every((s: any) => s.status === "done")).toBe(true);
    // the viewer, who never had to act, was never told
    expect(await inbox("viewer")).toEqual([]);
  });

  it("downloads the explanatory note as DOCX and PDF as well as text", async () => {
    const id = wf.programVersion.id;
    const docx = await c.viewer!.get(`/api/versions/${id}/note.docx`);
    expect(docx.status).toBe(200);
    expect(String(docx.headers["content-type"])).toContain("wordprocessingml");
    expect(String(docx.headers["content-disposition"])).toContain(".docx");
    const pdf = await c.viewer!.get(`/api/versions/${id}/note.pdf`);
    expect(pdf.status).toBe(200);
    expect(String(pdf.headers["content-type"])).toContain("pdf");
    expect(String(pdf.body).startsWith("%PDF")).toBe(true);
  });
});
