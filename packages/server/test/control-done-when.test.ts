/**
 * Issue 15's "done when", walked over HTTP step by step:
 * 1. a resident signs in on the portal, sends an appeal with the portal's form and follows it by its
 *    code; the office assigns it and extends it once (the author notified); the executor drafts the
 *    answer from a template and sends it for approval; the office returns it with a remark, approves
 *    the second draft — only then is it sent (the e-mail, the letter) — within the term; the tracking
 *    page shows every step and the discipline dashboard counts it answered on time and extended;
 * 2. the office puts a meeting's order on control; the jobs run and the executor has the preventive
 *    reminder and the daily digest; the executor asks for an extension and gets it, reports, gets the
 *    order returned, reports again, and the order is removed from control;
 * 3. the office's report for 2023 (the demo registry, loaded by the control demo loader) downloads
 *    as DOCX with source 003's numbers.
 * The clock is the app's (set per step); staff sign in again after each jump of days.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import JSZip from "jszip";
import { ensureReminderScan, runDueJobs, seedControlDemo } from "@orientir/app";
import { MUNICIPALITY_B, createTestApp, type Client, type TestApp } from "@orientir/testing";

const SLUG = "gorod-a";
const RESIDENT_EMAIL = "petrova.walk@example.org";
const TOPIC = "0003.0009.0097.0698"; // Уличное освещение

let app: TestApp;
const staff = new Map<string, Client>();
let deps: Record<string, string>;
let executorId: string;

async function setClock(iso: string): Promise<void> {
  app.ctx.now = () => new Date(iso);
  // a jump of days ends the staff's sessions by their idle lifetime: they sign in again
  for (const [login, c] of staff) expect((await c.login(login)).status).toBe(200);
}

const formPost = (c: Client, url: string, fields: Record<string, string>) =>
  c.request("POST", url, new URLSearchParams(fields).toString(), { "content-type": "application/x-www-form-urlencoded" });

/** The text of a page without its tags, for reading what a person sees. */
const textOf = (html: unknown) =>
  String(html)
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ");

async function lastCode(email: string): Promise<string> {
  const r = await app.ctx.db.query<{ body: string }>(
    `SELECT body FROM email_outbox WHERE to_address = $1 ORDER BY created_at DESC LIMIT 1`,
    [email],
  );
  return /(\d{6})/.exec(r.rows[0]!.body)![1]!;
}

async function mailsTo(email: string): Promise<{ subject: string; body: string }[]> {
  const r = await app.ctx.db.query<{ subject: string; body: string }>(
    `SELECT subject, body FROM email_outbox WHERE to_address = $1 ORDER BY created_at, id`,
    [email],
  );
  return r.rows;
}

beforeAll(async () => {
  app = await createTestApp();
  app.ctx.now = () => new Date("2026-03-02T07:00:00Z");
  for (const login of ["admin", "office", "executor"]) staff.set(login, await app.as(login));
  const admin = staff.get("admin")!;
  deps = Object.fromEntries((await admin.get("/api/departments")).body.items.map((d: any) => [d.name, d.id]));
  executorId = (await staff.get("executor")!.get("/api/auth/me")).body.user.id;
  expect((await admin.request("PUT", "/api/portal/settings", { slug: SLUG, moderation: "pre", minDiscussionDays: 30 })).status).toBe(200);
  // no department is named the office: the office's role acts for it
  expect((await admin.request("PUT", "/api/control/settings", { officeDepartmentId: null, reminderDaysBefore: 3 })).status).toBe(200);
});

afterAll(async () => {
  await app?.close();
});

describe("issue 15 done when", () => {
  it("an appeal: sent on the portal, followed by its code, assigned, extended once, answered within the term after approval, counted", async () => {
    const office = staff.get("office")!;
    const executor = staff.get("executor")!;

    // a resident signs in on the portal (the code from the mail) and sends the appeal with the form
    const resident = app.client();
    resident.ip = "10.15.0.1";
    expect((await resident.post(`/api/p/${SLUG}/auth/code`, { email: RESIDENT_EMAIL })).status).toBe(200);
    const signIn = await resident.post(`/api/p/${SLUG}/auth/sign-in`, {
      email: RESIDENT_EMAIL,
      code: await lastCode(RESIDENT_EMAIL),
      consent: true,
    });
    expect(signIn.status).toBe(200);
    resident.csrf = signIn.body.csrfToken;
    expect(
      (
        await resident.request("PUT", `/api/p/${SLUG}/me`, {
          fullName: "Петрова Анна Сергеевна",
          address: "г. А, ул. Садовая, д. 5, кв. 12",
        })
      ).status,
    ).toBe(200);
    const formPage = await resident.get(`/p/${SLUG}/appeals`);
    expect(formPage.status).toBe(200);
    expect(textOf(formPage.body)).toContain("пустые поля заполнятся из вашего профиля");
    const csrf = /name="csrf" value="([^"]+)"/.exec(String(formPage.body))![1]!;
    const sent = await formPost(resident, `/p/${SLUG}/appeals`, {
      csrf,
      text: "На улице Садовой третью неделю не горят фонари у дома 5.",
      topicCode: TOPIC,
      district: "Ленинский округ",
      consent: "yes",
    });
    expect(sent.status).toBe(201);
    const code = /data-testid="tracking-code">([2-9A-Z-]+)</.exec(String(sent.body))![1]!;
    const number = /data-testid="appeal-number">([^<]+)</.exec(String(sent.body))![1]!;
    expect(textOf(sent.body)).toContain("Срок ответа: 01.04.2026");

    const track = async () => {
      const r = await app.client().get(`/p/${SLUG}/appeals/track?code=${code}`);
      expect(r.status).toBe(200);
      return textOf(r.body);
    };
    let seen = await track();
    expect(seen).toContain(`Обращение № ${number} от 02.03.2026`);
    expect(seen).toContain("зарегистрировано, ожидает назначения исполнителя");
    // the tracking page shows no personal data, the resident's included
    expect(seen).not.toContain("Петрова");
    expect(seen).not.toContain("Садовая, д. 5");

    // the office finds it among the appeals (without personal data) and opens it (logged)
    const list = await office.get("/api/appeals?filter=due");
    const item = list.body.items.find((x: any) => x.number === number);
    expect(item).toMatchObject({ channel: "portal", author: null, state: "registered", due: "2026-04-01" });
    let a = (await office.get(`/api/appeals/${item.id}`)).body;
    expect(a.author).toEqual({ name: "Петрова Анна Сергеевна", address: "г. А, ул. Садовая, д. 5, кв. 12", email: RESIDENT_EMAIL });

    // assigned (the next day)
    await setClock("2026-03-03T07:00:00Z");
    let r = await office.post(`/api/appeals/${a.id}/steps`, {
      action: "assign",
      version: a.version,
      assignedDepartmentId: deps["Управление образования"],
      assignedUserId: executorId,
    });
    expect(r.status).toBe(200);
    a = r.body;
    expect(a.state).toBe("inWork");
    expect(await track()).toContain("03.03.2026 — Назначен исполнитель");

    // extended once, with its reason: the author is told by e-mail
    r = await office.post(`/api/appeals/${a.id}/steps`, {
      action: "extend",
      version: a.version,
      newDue: "2026-04-20",
      reason: "Запрошены сведения у подрядчика по содержанию сетей наружного освещения",
    });
    expect(r.status).toBe(200);
    a = r.body;
    expect(a).toMatchObject({ due: "2026-04-20", extended: true });
    expect(a.actions).not.toContain("extend");
    seen = await track();
    expect(seen).toContain("03.03.2026 — Срок рассмотрения продлен до 20.04.2026 (автор уведомлен)");
    const extendMail = (await mailsTo(RESIDENT_EMAIL)).find((m) => m.body.includes("20.04.2026"));
    expect(extendMail?.body).toContain("Запрошены сведения у подрядчика");
    expect(extendMail?.body).toContain(code);

    // the executor drafts the answer from a template and sends it for approval
    await setClock("2026-03-16T07:00:00Z");
    const draft = await executor.get(`/api/appeals/${a.id}/answer-draft?template=done`);
    expect(draft.status).toBe(200);
    expect(draft.body.text).toContain("Уважаемый(ая) Петрова Анна Сергеевна!");
    r = await executor.post(`/api/appeals/${a.id}/steps`, {
      action: "answer",
      version: a.version,
      templateCode: "done",
      answerText: draft.body.text.replace("Сообщаем, что …", "Сообщаем, что фонари будут заменены."),
    });
    expect(r.status).toBe(200);
    a = r.body;
    // not yet sent: the appeal stays in work, awaiting approval; the tracking page says nothing of a draft
    expect(a.state).toBe("inWork");
    expect(a.answers).toMatchObject([{ round: 1, state: "pending", templateCode: "done", draftedBy: executorId }]);
    expect((await track()).includes("Ответ утвержден")).toBe(false);
    // the executor does not approve their own draft
    expect((await executor.post(`/api/appeals/${a.id}/steps`, { action: "approveAnswer", version: a.version })).status).toBe(403);

    // the office returns it with a remark; the executor corrects and sends it again
    const noRemark = await office.post(`/api/appeals/${a.id}/steps`, { action: "returnAnswer", version: a.version });
    expect(noRemark.status).toBe(400);
    expect(noRemark.body.error.issues[0].path).toBe("reason");
    r = await office.post(`/api/appeals/${a.id}/steps`, {
      action: "returnAnswer",
      version: a.version,
      reason: "Укажите срок замены фонарей",
    });
    expect(r.status).toBe(200);
    a = (await executor.get(`/api/appeals/${a.id}`)).body;
    expect(a.answers[0]).toMatchObject({ state: "returned", remark: "Укажите срок замены фонарей" });
    expect(a.actions).toContain("answer");
    expect(await mailsTo(RESIDENT_EMAIL).then((ms) => ms.some((m) => m.body.includes("фонари будут заменены")))).toBe(false);
    r = await executor.post(`/api/appeals/${a.id}/steps`, {
      action: "answer",
      version: a.version,
      templateCode: "done",
      answerText: "Уважаемая Анна Сергеевна! Фонари на ул. Садовой будут заменены до 25.03.2026.",
    });
    expect(r.status).toBe(200);
    a = r.body;

    // approved — and only then sent: the e-mail, the letter; within the term
    await setClock("2026-03-17T07:00:00Z");
    a = (await office.get(`/api/appeals/${a.id}`)).body;
    expect(a.actions).toEqual(expect.arrayContaining(["approveAnswer", "returnAnswer"]));
    r = await office.post(`/api/appeals/${a.id}/steps`, { action: "approveAnswer", version: a.version });
    expect(r.status).toBe(200);
    a = r.body;
    expect(a).toMatchObject({ state: "answered", answeredOn: "2026-03-17", due: "2026-04-20" });
    expect(a.answeredOn <= a.due).toBe(true);
    expect(a.answers.map((x: any) => x.state)).toEqual(["returned", "approved"]);
    const answerMail = (await mailsTo(RESIDENT_EMAIL)).find((m) => m.body.includes("до 25.03.2026"));
    expect(answerMail).toBeDefined();
    const pdf = await office.get(`/api/appeals/${a.id}/answer/file?format=pdf`);
    expect(pdf.status).toBe(200);
    expect(String(pdf.headers["content-type"])).toContain("application/pdf");
    seen = await track();
    expect(seen).toContain("дан ответ");
    expect(seen).toContain("17.03.2026 — Ответ утвержден и направлен (автор уведомлен)");

    // counted in the statistics: answered on time, extended, in the executor's department
    const stats = await office.get("/api/control/discipline?year=2026");
    expect(stats.status).toBe(200);
    const row = stats.body.appeals.find((x: any) => x.departmentId === deps["Управление образования"]);
    expect(row).toMatchObject({ total: 1, onTime: 1, late: 0, overdue: 0, extended: 1 });
    expect(stats.body.topics.reduce((s: number, t: any) => s + t.count, 0)).toBe(1);
    // the test municipality has no coordinates of its districts: the map has no point for it
    expect(stats.body.districts).toEqual([{ district: "Ленинский округ", count: 1, lat: null, lon: null }]);
  });

  it("a meeting's order: on control, reminder and digest to the executor, extension, report, return, report, removed from control", async () => {
    const office = staff.get("office")!;
    const executor = staff.get("executor")!;
    await setClock("2026-03-02T07:00:00Z");
    const meeting = await office.post("/api/meetings", {
      heldOn: "2026-03-02",
      title: "Рабочее совещание у Главы города",
      protocolNumber: "ПР-12",
      items: [{ text: "Подготовить школы к проверке пожарной безопасности" }],
    });
    expect(meeting.status).toBe(201);
    const created = await office.post("/api/orders", {
      source: "meeting",
      meetingItemId: meeting.body.items[0].id,
      text: "Подготовить школы к проверке пожарной безопасности",
      issuedOn: "2026-03-02",
      term: { kind: "date", due: "2026-03-13" },
      responsibleDepartmentId: deps["Управление образования"],
      responsibleUserId: executorId,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.id;
    expect(created.body).toMatchObject({ source: "meeting", due: "2026-03-13", state: "issued" });

    // three working days before the term the jobs run: the preventive reminder and the digest
    await setClock("2026-03-10T06:00:00Z");
    await ensureReminderScan(app.ctx);
    expect(await runDueJobs({ ctx: app.ctx, workerId: "done-when", mailer: null })).toBeGreaterThanOrEqual(1);
    const notes = (await executor.get("/api/monitoring/notifications")).body.items;
    const reminder = notes.find((n: any) => n.deadlineKey === `control:order:${id}:2026-03-13` && n.moment === "before");
    expect(reminder?.title).toContain("срок 13.03.2026");
    const digest = notes.find((n: any) => n.moment === "digest");
    expect(digest?.body).toContain(created.body.number);
    // run again the same day: nothing is given twice
    await ensureReminderScan(app.ctx);
    await runDueJobs({ ctx: app.ctx, workerId: "done-when", mailer: null });
    expect((await executor.get("/api/monitoring/notifications")).body.items.length).toBe(notes.length);

    const step = async (c: Client, body: Record<string, unknown>) => {
      const cur = (await c.get(`/api/orders/${id}`)).body;
      const res = await c.post(`/api/orders/${id}/steps`, { version: cur.version, ...body });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return res.body;
    };
    await step(executor, { action: "start" });
    let o = await step(executor, { action: "requestExtension", newDue: "2026-03-27", text: "Ждем заключения пожарного надзора" });
    expect(o.state).toBe("extensionRequested");
    o = await step(office, { action: "grantExtension", newDue: "2026-03-27" });
    expect(o).toMatchObject({ state: "inWork", due: "2026-03-27" });
    await setClock("2026-03-20T07:00:00Z");
    o = await step(executor, { action: "report", text: "Школы подготовлены", files: [{ name: "акт.pdf" }] });
    expect(o.state).toBe("reported");
    o = await step(office, { action: "return", remarks: "Нет актов по двум школам" });
    expect(o.state).toBe("returned");
    o = await step(executor, { action: "report", text: "Приложены акты всех школ", files: [{ name: "акты.pdf" }] });
    expect(o.state).toBe("reported");
    o = await step(office, { action: "accept" });
    expect(o.state).toBe("done");
    // the executor sees it removed from control: not among their open orders; the history kept
    const mine = (await executor.get("/api/orders?mine=1&open=1")).body.items;
    expect(mine.map((x: any) => x.id)).not.toContain(id);
    const detail = (await executor.get(`/api/orders/${id}`)).body;
    expect(detail.state).toBe("done");
    expect(JSON.stringify(detail)).toContain("2026-03-13");
    expect(JSON.stringify(detail)).toContain("Нет актов по двум школам");
  });

  it("the office's report for 2023 downloads with source 003's numbers", async () => {
    // the demo registry of the office (the existing loader) in the second municipality: the walk's own rows stay apart
    expect(await seedControlDemo(app.ctx, MUNICIPALITY_B.name)).not.toBeNull();
    const adminB = await app.as("adminb");
    const json = await adminB.get("/api/control/office-report?year=2023");
    expect(json.status).toBe(200);
    expect(json.body.current).toMatchObject({
      incoming: 22808,
      headOrders: 1079,
      outgoing: 3997,
      other: 1543,
      meetingOrders: 1959,
      broadcastOrders: 4,
      appeals: 6553,
    });
    expect(json.body.previous).toMatchObject({ incoming: 23142, headOrders: 1064, outgoing: 4829, other: 1674, appeals: 6667 });
    const file = await adminB.get("/api/control/office-report/file?year=2023&format=docx");
    expect(file.status).toBe(200);
    const res = await app.server.inject({
      method: "GET",
      url: "/api/control/office-report/file?year=2023&format=docx",
      headers: { cookie: adminB.cookie },
    });
    const xml = await (await JSZip.loadAsync(res.rawPayload)).file("word/document.xml")!.async("string");
    for (const n of ["22808", "23142", "1079", "1064", "3997", "4829", "1543", "1674", "1959", "6553", "6667"]) expect(xml).toContain(n);
    expect(xml).toContain("2 %");
  }, 300_000);
});
