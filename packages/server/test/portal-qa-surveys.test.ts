/**
 * Live Q&A and surveys (issue 14, part 5), and the portal's cache headers (part 9): questions
 * beforehand and live, moderated, answered by a named drafter, kept as a transcript; surveys with
 * one response per resident (the unique constraint, under parallel attempts), validated answers,
 * results hidden until the close and then public as a page with SVG bars and as open data listed
 * in data.json; cacheable pages carry no personal data.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type Client, type TestApp } from "@orientir/testing";
import { signInResident } from "./portal-resident.ts";

let app: TestApp;
let economy: Client;
let anna: Client;
let ivan: Client;
const SLUG = "qs-a";
const DRAFTER = "Иванова Мария Петровна";
const at = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();
const form = (c: Client, url: string, fields: [string, string][]) =>
  c.request("POST", url, new URLSearchParams(fields).toString(), { "content-type": "application/x-www-form-urlencoded" });

beforeAll(async () => {
  app = await createTestApp();
  const admin = await app.as("admin");
  expect((await admin.request("PUT", "/api/portal/settings", { slug: SLUG, moderation: "pre", minDiscussionDays: 5 })).status).toBe(200);
  economy = await app.as("economy");
  anna = await signInResident(app, SLUG, "anna@example.org", "Соколова Анна Викторовна");
  ivan = await signInResident(app, SLUG, "ivan@example.org", "Петров Иван Сергеевич");
});

afterAll(async () => {
  await app?.close();
});

describe("a live Q&A session", () => {
  it("takes questions beforehand and live, moderated, answered by a named drafter, and keeps the transcript", async () => {
    const s = await economy.post("/api/portal/qa", {
      title: "Вопросы разработчикам программы",
      startsAt: at(2),
      endsAt: at(3),
      drafters: [{ name: DRAFTER, position: "начальник управления экономики" }],
    });
    expect(s.status).toBe(201);
    // a session is scheduled ahead, and ends after it starts
    const bad = await economy.post("/api/portal/qa", { ...s.body, id: undefined });
    expect(bad.status).toBe(400);
    const late = await economy.post("/api/portal/qa", {
      title: "x",
      startsAt: at(3),
      endsAt: at(2),
      drafters: [{ name: DRAFTER, position: "x" }],
    });
    expect(late.status).toBe(400);
    expect(late.body.error.issues[0].path).toBe("body.endsAt");

    const id = s.body.id;
    // beforehand, by the HTML form (no script)
    const asked = await form(anna, `/p/${SLUG}/qa/${id}/questions`, [
      ["csrf", anna.csrf],
      ["text", "Когда начнется ремонт школы № 5?"],
    ]);
    expect(asked.status).toBe(303);
    const spam = (await ivan.post(`/api/p/${SLUG}/qa/${id}/questions`, { text: "Реклама" })).body;
    expect(spam.phase).toBe("before");
    // pending: the author sees it marked, nobody else does
    expect(String((await anna.get(`/p/${SLUG}/qa/${id}`)).body)).toContain("на модерации (видно только вам)");
    expect(String((await app.client().get(`/p/${SLUG}/qa/${id}`)).body)).not.toContain("ремонт школы");

    const all = (await economy.get("/api/portal/qa")).body.items.find((x: any) => x.id === id).questions;
    const q1 = all.find((q: any) => q.text.includes("школы"));
    expect(
      (await economy.post(`/api/portal/qa/questions/${spam.id}/moderation`, { version: spam.version, moderation: "rejected" })).status,
    ).toBe(400);
    expect(
      (
        await economy.post(`/api/portal/qa/questions/${spam.id}/moderation`, {
          version: spam.version,
          moderation: "rejected",
          reason: "Реклама",
        })
      ).status,
    ).toBe(200);
    const pub = (await economy.post(`/api/portal/qa/questions/${q1.id}/moderation`, { version: q1.version, moderation: "published" })).body;
    // answers are recorded from the session's start, by one of its drafters
    const early = await economy.post(`/api/portal/qa/questions/${q1.id}/answer`, {
      version: pub.version,
      answeredBy: DRAFTER,
      answer: "В 2027 году.",
    });
    expect(early.status).toBe(422);
    await app.ctx.db.query(`UPDATE qa_session SET starts_at = now() - interval '5 minutes' WHERE id = $1`, [id]);
    const stranger = await economy.post(`/api/portal/qa/questions/${q1.id}/answer`, {
      version: pub.version,
      answeredBy: "Кто-то",
      answer: "x",
    });
    expect(stranger.status).toBe(400);
    expect(stranger.body.error.issues[0].path).toBe("body.answeredBy");
    const ok = await economy.post(`/api/portal/qa/questions/${q1.id}/answer`, {
      version: pub.version,
      answeredBy: DRAFTER,
      answer: "Ремонт начнется в 2027 году.",
    });
    expect(ok.status).toBe(200);
    expect(
      (await economy.post(`/api/portal/qa/questions/${q1.id}/answer`, { version: ok.body.version, answeredBy: DRAFTER, answer: "x" }))
        .status,
    ).toBe(409);
    // live: a question during the session is marked so
    expect((await ivan.post(`/api/p/${SLUG}/qa/${id}/questions`, { text: "А бассейн?" })).body.phase).toBe("live");
    // the author was told of the answer
    const notices = (await anna.get(`/api/p/${SLUG}/notifications`)).body.items.map((n: any) => n.subject);
    expect(notices).toContain("Ответ на ваш вопрос");
    // after the end: no more questions, the transcript stays
    await app.ctx.db.query(
      `UPDATE qa_session SET starts_at = now() - interval '2 hours', ends_at = now() - interval '1 hour' WHERE id = $1`,
      [id],
    );
    expect((await ivan.post(`/api/p/${SLUG}/qa/${id}/questions`, { text: "Поздно?" })).status).toBe(422);
    const page = String((await app.client().get(`/p/${SLUG}/qa/${id}`)).body);
    expect(page).toContain("Стенограмма");
    expect(page).toContain("Ремонт начнется в 2027 году.");
    expect(page).toContain(DRAFTER);
    expect(page).toContain("Соколова А. В.");
    expect(page).not.toContain("Реклама");
    expect(page).not.toContain('<form method="post" action="/p/qs-a/qa/');
  });
});

describe("a survey", () => {
  let id: string;
  let questions: any[];

  it("is built by staff with checked questions", async () => {
    const bad = await economy.post("/api/portal/surveys", {
      title: "x",
      opensAt: at(0),
      closesAt: at(1),
      questions: [{ kind: "single", text: "Один вариант?", options: ["Только один"] }],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues[0].path).toBe("body.questions.0.options");
    const r = await economy.post("/api/portal/surveys", {
      title: "Оценка развития города",
      opensAt: at(0),
      closesAt: at(24),
      questions: [
        { kind: "single", text: "Как изменилась жизнь в городе?", options: ["Улучшилась", "Не изменилась", "Ухудшилась"] },
        { kind: "multiple", text: "Что важнее всего?", options: ["Дороги", "Школы", "Парки"] },
        { kind: "scale", text: "Оцените работу администрации", scaleMin: 1, scaleMax: 5 },
        { kind: "text", text: "Ваши предложения", required: false },
      ],
    });
    expect(r.status).toBe(201);
    id = r.body.id;
    questions = r.body.questions;
    expect(questions.map((q) => q.kind)).toEqual(["single", "multiple", "scale", "text"]);
  });

  it("takes one response per resident: 20 parallel attempts make one row", async () => {
    const body = {
      answers: [
        { questionId: questions[0].id, choices: [0] },
        { questionId: questions[1].id, choices: [0, 2] },
        { questionId: questions[2].id, value: 4 },
        { questionId: questions[3].id, text: "Больше скамеек, мой телефон 8-900-000-00-00" },
      ],
    };
    const out = await Promise.all(Array.from({ length: 20 }, () => anna.post(`/api/p/${SLUG}/surveys/${id}/responses`, body)));
    expect(out.filter((r) => r.status === 201)).toHaveLength(1);
    expect(out.filter((r) => r.status === 409)).toHaveLength(19);
    const rows = await app.ctx.db.query(`SELECT count(*)::int AS n FROM survey_response WHERE survey_id = $1`, [id]);
    expect(rows.rows[0]).toEqual({ n: 1 });
  });

  it("refuses an answer that does not fit, naming the question", async () => {
    const r = await ivan.post(`/api/p/${SLUG}/surveys/${id}/responses`, {
      answers: [
        { questionId: questions[0].id, choices: [0, 1] },
        { questionId: questions[1].id, choices: [1] },
        { questionId: questions[2].id, value: 9 },
      ],
    });
    expect(r.status).toBe(400);
    expect(r.body.error.issues.map((i: any) => i.path)).toEqual(["answers.1", "answers.3"]);
  });

  it("takes a response by the HTML form", async () => {
    expect(String((await ivan.get(`/p/${SLUG}/surveys/${id}`)).body)).toContain("Отправить ответ");
    const r = await form(ivan, `/p/${SLUG}/surveys/${id}/response`, [
      ["csrf", ivan.csrf],
      [`q-${questions[0].id}`, "1"],
      [`q-${questions[1].id}`, "0"],
      [`q-${questions[1].id}`, "1"],
      [`q-${questions[2].id}`, "2"],
      [`q-${questions[3].id}`, ""],
    ]);
    expect(r.status).toBe(200);
    expect(String(r.body)).toContain("Ответ принят");
    expect(String((await ivan.get(`/p/${SLUG}/surveys/${id}`)).body)).toContain("Ваш ответ принят");
  });

  it("hides its results until it closes, then publishes them with bars and as open data", async () => {
    const anon = app.client();
    expect((await anon.get(`/api/p/${SLUG}/surveys/${id}/results`)).status).toBe(422);
    expect((await anon.get(`/p/${SLUG}/data/survey-${id}-results.json`)).status).toBe(404);
    // staff see it at any time, with the free-text answers
    const staff = (await economy.get(`/api/portal/surveys/${id}/results`)).body;
    expect(staff.responses).toBe(2);
    expect(staff.texts).toHaveLength(1);
    await app.ctx.db.query(`UPDATE survey SET opens_at = now() - interval '2 days', closes_at = now() - interval '1 day' WHERE id = $1`, [
      id,
    ]);
    const r = (await anon.get(`/api/p/${SLUG}/surveys/${id}/results`)).body;
    expect(r.responses).toBe(2);
    expect(r.questions[0].counts.map((c: any) => c.count)).toEqual([1, 1, 0]);
    expect(r.questions[1].counts.map((c: any) => c.count)).toEqual([2, 1, 1]);
    expect(r.questions[2].mean).toBe("3.00");
    expect(r.questions[3].answered).toBe(1);
    expect(r.texts).toBeUndefined();
    const page = await anon.get(`/p/${SLUG}/surveys/${id}`);
    expect(String(page.body)).toContain("<svg");
    expect(String(page.body)).toContain("средняя оценка: 3,00");
    expect(String(page.body)).not.toContain("8-900");
    // open data: listed, and the responses recount the results
    const list = (await anon.get(`/p/${SLUG}/data.json`)).body.datasets.map((d: any) => d.id);
    expect(list).toEqual(expect.arrayContaining([`survey-${id}-results`, `survey-${id}-responses`]));
    const responses = (await anon.get(`/p/${SLUG}/data/survey-${id}-responses.json`)).body.rows;
    expect(JSON.stringify(responses)).not.toContain("8-900");
    const scale = responses.filter((x: any) => x.questionNo === 3).map((x: any) => Number(x.answer));
    expect(scale.reduce((a: number, b: number) => a + b, 0) / scale.length).toBe(3);
    const csv = await anon.get(`/p/${SLUG}/data/survey-${id}-results.csv`);
    expect(csv.headers["content-type"]).toContain("text/csv");
    expect(String(csv.body)).toContain("Улучшилась");
    // no response after the close
    expect((await ivan.post(`/api/p/${SLUG}/surveys/${id}/responses`, { answers: [] })).status).toBe(400);
  });
});

describe("cache headers of the portal (part 9)", () => {
  it("an anonymous page is public and holds no personal data; with the resident's cookie it is private", async () => {
    const programId = (await economy.get("/api/programs")).body.items[0].id;
    const p = await economy.post("/api/portal/publications", {
      kind: "discussion",
      subjectKind: "program",
      subjectId: programId,
      startsOn: new Date().toISOString().slice(0, 10),
      endsOn: new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10),
    });
    expect(p.status).toBe(201);
    const pending = await anna.post(`/api/p/${SLUG}/publications/${p.body.id}/proposals`, {
      kind: "proposal",
      anchor: "document",
      text: "Личное предложение на модерации",
    });
    expect(pending.status).toBe(201);
    for (const url of [
      `/p/${SLUG}`,
      `/p/${SLUG}/publications/${p.body.id}`,
      `/p/${SLUG}/qa`,
      `/p/${SLUG}/surveys`,
      `/p/${SLUG}/data.json`,
    ]) {
      const anon = await app.client().get(url);
      expect(anon.status, url).toBe(200);
      expect(anon.headers["cache-control"], url).toBe("public, max-age=300");
      expect(String(anon.headers.vary), url).toContain("Cookie");
      expect(anon.headers["set-cookie"], url).toBeUndefined();
      const text = typeof anon.body === "string" ? anon.body : JSON.stringify(anon.body);
      for (const personal of ["anna@example.org", "Соколова", "csrf", "Личное предложение"])
        expect(text, `${url}: ${personal}`).not.toContain(personal);
      const own = await anna.get(url);
      expect(own.headers["cache-control"], url).toBe("private, no-store");
    }
    expect(String((await anna.get(`/p/${SLUG}/publications/${p.body.id}`)).body)).toContain("Личное предложение");
  });
});
