/**
 * The protocol of a finished public discussion (issue 14, part 4): generated at the end of the
 * term once every proposal has its answer, as DOCX and PDF published on the portal page of the
 * publication; the approval workflow does not let the draft on to review without it.
 */
import JSZip from "jszip";
import { extractText } from "unpdf";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, createTestApp, type TestApp } from "@orientir/testing";

let app: TestApp;
let admin: Client;
let economy: Client;
let executor: Client;
let programId: string;
let publicationId: string;

const SLUG = "gorod-p";
const day = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

async function resident(email: string, fullName: string): Promise<Client> {
  const c = app.client();
  c.ip = `10.3.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
  expect((await c.post(`/api/p/${SLUG}/auth/code`, { email })).status).toBe(200);
  const mail = await app.ctx.db.query<{ body: string }>(
    `SELECT body FROM email_outbox WHERE to_address = $1 ORDER BY created_at DESC LIMIT 1`,
    [email],
  );
  const code = /(\d{6})/.exec(mail.rows[0]!.body)![1]!;
  const r = await c.post(`/api/p/${SLUG}/auth/sign-in`, { email, code, consent: true });
  expect(r.status).toBe(200);
  c.csrf = r.body.csrfToken;
  expect((await c.request("PUT", `/api/p/${SLUG}/me`, { fullName })).status).toBe(200);
  return c;
}

beforeAll(async () => {
  app = await createTestApp();
  admin = await app.as("admin");
  economy = await app.as("economy");
  executor = await app.as("executor");
  programId = (await admin.get("/api/programs")).body.items.find((p: any) => p.code === "MP-1").id;
  expect((await admin.request("PUT", "/api/portal/settings", { slug: SLUG, moderation: "pre", minDiscussionDays: 30 })).status).toBe(200);
  const r = await economy.post("/api/portal/publications", {
    kind: "discussion",
    subjectKind: "program",
    subjectId: programId,
    startsOn: day(-1),
    endsOn: day(30),
  });
  expect(r.status).toBe(201);
  publicationId = r.body.id;
});

afterAll(async () => {
  await app?.close();
});

describe("the discussion's protocol", () => {
  it("is generated at the end of the term with every proposal answered, published as DOCX and PDF, and required by the workflow", async () => {
    // the program's draft under discussion in the approval workflow (a new program: discussion required)
    let wf = (await executor.post(`/api/programs/${programId}/versions`, {})).body;
    expect(wf.discussionRequired).toBe(true);
    const step = (action: string, input?: unknown) =>
      executor.post(`/api/workflows/${wf.id}/steps`, { version: wf.version, action, ...(input ? { input } : {}) });
    const started = await step("startDiscussion", { period: { from: day(-1), to: day(30) } });
    expect(started.status, JSON.stringify(started.body)).toBe(200);
    wf = started.body;

    const alice = await resident("alice-p@example.org", "Смирнова Алла Петровна");
    const bob = await resident("bob-p@example.org", "Петров Борис Игоревич");
    const post = async (c: Client, text: string) => {
      const r = await c.post(`/api/p/${SLUG}/publications/${publicationId}/proposals`, { kind: "proposal", anchor: "document", text });
      expect(r.status).toBe(201);
      return r.body;
    };
    const p1 = await post(alice, "Добавить велодорожки вдоль набережной");
    const p2 = await post(bob, "Реклама магазина");
    const p3 = await post(bob, "Озеленить дворы в старом центре");
    const mod = async (p: any, moderation: string, reason?: string) => {
      const r = await economy.post(`/api/portal/proposals/${p.id}/moderation`, {
        version: p.version,
        moderation,
        ...(reason ? { reason } : {}),
      });
      expect(r.status).toBe(200);
      return r.body;
    };
    const p1m = await mod(p1, "published");
    await mod(p2, "rejected", "Реклама");
    expect(
      (
        await economy.post(`/api/portal/proposals/${p1.id}/answer`, {
          version: p1m.version,
          decision: "accepted",
          answer: "Учтено: велодорожка в мероприятии 1",
        })
      ).status,
    ).toBe(200);

    // before the end of the term: refused, naming the rule
    const early = await economy.post(`/api/portal/publications/${publicationId}/protocol`, { number: "ПО-1" });
    expect(early.status).toBe(422);
    expect(early.body.error.rule).toBe("portal.discussionNotEnded");
    // the term ends
    await app.ctx.db.query(`UPDATE publication SET starts_on = $2, ends_on = $3 WHERE id = $1`, [publicationId, day(-40), day(-1)]);
    // bad input names the field
    const bad = await economy.post(`/api/portal/publications/${publicationId}/protocol`, {});
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues[0].path).toBe("body.number");
    // a proposal still awaiting moderation: refused, naming it
    const pending = await economy.post(`/api/portal/publications/${publicationId}/protocol`, { number: "ПО-1" });
    expect(pending.status).toBe(422);
    expect(pending.body.error.rule).toBe("portal.unanswered");
    expect(pending.body.error.issues.map((i: any) => i.path)).toEqual([`proposals.${p3.id}`]);
    // the workflow does not let the draft go on to review without the protocol
    const noProtocol = await step("submit", { protocol: { date: day(0), number: "ПО-1" } });
    expect(noProtocol.status).toBe(422);
    expect(noProtocol.body.error.rule).toBe("portal.protocolRequired");
    expect((await executor.get(`/api/workflows/${wf.id}`)).body.state).toBe("discussion");

    const p3m = await mod(p3, "published");
    expect(
      (
        await economy.post(`/api/portal/proposals/${p3.id}/answer`, {
          version: p3m.version,
          decision: "rejected",
          answer: "Отклонено: дворы благоустраиваются по другой программе",
        })
      ).status,
    ).toBe(200);
    const made = await economy.post(`/api/portal/publications/${publicationId}/protocol`, { number: "ПО-1" });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect(made.body.counts).toEqual({ accepted: 1, partly: 0, rejected: 1, outOfScope: 0, total: 2 });
    expect(made.body.rejectedByModeration).toBe(1);
    expect(made.body.rows.map((r: any) => [r.author, r.decisionLabel, r.reason])).toEqual([
      ["Смирнова А. П.", "Учтено", "Учтено: велодорожка в мероприятии 1"],
      ["Петров Б. И.", "Отклонено", "Отклонено: дворы благоустраиваются по другой программе"],
    ]);
    expect(JSON.stringify(made.body)).not.toContain("@example.org");
    expect((await economy.post(`/api/portal/publications/${publicationId}/protocol`, { number: "ПО-2" })).status).toBe(422);
    const read = await (await app.as("viewer")).get(`/api/portal/publications/${publicationId}/protocol`);
    expect(read.status).toBe(200);
    expect(read.body.counts).toEqual(made.body.counts);

    // published on the portal: the page links it, the files hold every proposal with its decision
    const page = String((await app.client().get(`/p/${SLUG}/publications/${publicationId}`)).body);
    expect(page).toContain("Протокол общественного обсуждения № ПО-1");
    expect(page).toContain(made.body.files.pdf);
    const docx = await app.server.inject({ method: "GET", url: made.body.files.docx });
    expect(docx.statusCode).toBe(200);
    const xml = await (await JSZip.loadAsync(docx.rawPayload)).file("word/document.xml")!.async("string");
    expect(xml).toContain("Смирнова А. П.");
    expect(xml).toContain("Отклонено: дворы благоустраиваются по другой программе");
    expect(xml).not.toContain("Реклама магазина");
    const pdf = await app.server.inject({ method: "GET", url: made.body.files.pdf });
    expect(pdf.statusCode).toBe(200);
    expect(String(pdf.headers["content-type"])).toMatch(/application\/pdf/);
    const { text } = await extractText(new Uint8Array(pdf.rawPayload), { mergePages: true });
    expect(text.replace(/\s+/g, " ")).toContain("Петров Б. И.");
    expect((await app.client().get(`/p/${SLUG}/publications/${programId}/protocol.pdf`)).status).toBe(404);

    // with the protocol the draft goes on to review
    const ok = await step("submit", { protocol: { date: day(0), number: "ПО-1" } });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.state).toBe("economyReview");
  });
});

describe("public hearings", () => {
  it("announced with place, time and agenda; residents register to speak until it begins; then its protocol and recommendations", async () => {
    const startsAt = new Date(Date.now() + 7 * 86_400_000).toISOString();
    const past = await economy.post("/api/portal/hearings", {
      title: "Слушания",
      place: "Зал",
      startsAt: "2020-01-01T10:00:00Z",
      agenda: ["x"],
    });
    expect(past.status).toBe(400);
    expect(past.body.error.issues[0].path).toBe("body.startsAt");
    const noAgenda = await economy.post("/api/portal/hearings", { title: "Слушания", place: "Зал", startsAt, agenda: [] });
    expect(noAgenda.status).toBe(400);
    expect(noAgenda.body.error.issues[0].path).toBe("body.agenda");
    const h = await economy.post("/api/portal/hearings", {
      publicationId,
      title: "Публичные слушания по проекту программы",
      place: "Администрация города, зал заседаний",
      startsAt,
      agenda: ["Доклад разработчиков проекта", "Выступления участников"],
    });
    expect(h.status).toBe(201);
    expect(h.body.state).toBe("announced");
    const carol = await resident("carol-p@example.org", "Кузнецова Карина Олеговна");
    const reg = await carol.post(`/api/p/${SLUG}/hearings/${h.body.id}/speakers`, { topic: "О велодорожках" });
    expect(reg.status).toBe(201);
    expect(reg.body.speakers).toEqual([{ name: "Кузнецова К. О.", topic: "О велодорожках" }]);
    expect((await carol.post(`/api/p/${SLUG}/hearings/${h.body.id}/speakers`, { topic: "Еще раз" })).status).toBe(409);
    expect((await app.client().post(`/api/p/${SLUG}/hearings/${h.body.id}/speakers`, { topic: "x" })).status).toBe(401);
    const early = await economy.request("PUT", `/api/portal/hearings/${h.body.id}/result`, {
      version: h.body.version,
      protocol: "Протокол",
      recommendations: ["Рекомендовать"],
    });
    expect(early.status).toBe(422);
    expect(early.body.error.rule).toBe("portal.hearingNotHeld");
    let page = String((await app.client().get(`/p/${SLUG}/hearings`)).body);
    expect(page).toContain("Администрация города, зал заседаний");
    expect(page).toContain("Доклад разработчиков проекта");
    expect(page).toContain("Кузнецова К. О.: О велодорожках");
    expect(page).not.toContain("carol-p@example.org");

    // the hearing begins: registration closes, the protocol is recorded
    await app.ctx.db.query(`UPDATE public_hearing SET starts_at = now() - interval '1 hour' WHERE id = $1`, [h.body.id]);
    const dave = await resident("dave-p@example.org", "Давыдов Дмитрий");
    const late = await dave.post(`/api/p/${SLUG}/hearings/${h.body.id}/speakers`, { topic: "Поздно" });
    expect(late.status).toBe(422);
    expect(late.body.error.rule).toBe("portal.hearingStarted");
    const bad = await economy.request("PUT", `/api/portal/hearings/${h.body.id}/result`, { version: h.body.version, protocol: "" });
    expect(bad.status).toBe(400);
    const done = await economy.request("PUT", `/api/portal/hearings/${h.body.id}/result`, {
      version: h.body.version,
      protocol: "Присутствовали 42 человека. Выступили: Кузнецова К. О.",
      recommendations: ["Включить велодорожки в мероприятие 1", "Провести опрос жителей"],
    });
    expect(done.status).toBe(200);
    expect(done.body.state).toBe("held");
    expect(
      (
        await economy.request("PUT", `/api/portal/hearings/${h.body.id}/result`, {
          version: h.body.version,
          protocol: "Другой",
          recommendations: [],
        })
      ).status,
    ).toBe(409);
    page = String((await app.client().get(`/p/${SLUG}/hearings`)).body);
    expect(page).toContain("Присутствовали 42 человека");
    expect(page).toContain("Провести опрос жителей");
  });
});
