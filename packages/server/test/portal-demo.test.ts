/**
 * The portal's demo (issue 14, part 10) over the real demo data of Kaluga: the draft amendment on
 * discussion with proposals at every stage, the approved program with its evaluation, the closed
 * vote with results that the published ballots recount, and the residents resident1…resident3.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Db } from "@orientir/db";
import { DEMO_MUNICIPALITIES, DEMO_USERS, KALUGA_NAME, demoDecreeOf } from "@orientir/db/demo";
import {
  DEMO_SURVEY,
  DEMO_VOTE,
  createContext,
  seedMunicipalities,
  seedHearingsDemo,
  seedPortalDemo,
  seedPortalParticipationDemo,
  seedVersionsInForce,
  type AppContext,
} from "@orientir/app";
import { renderProtocol } from "@orientir/reports";
import { buildServer } from "@orientir/server";
import { Client, createTestDatabase, type TestDatabase } from "@orientir/testing";
import type { FastifyInstance } from "fastify";

let database: TestDatabase;
let db: Db;
let ctx: AppContext;
let server: FastifyInstance;

beforeAll(async () => {
  database = await createTestDatabase();
  db = new Db(database.url, { max: 5 });
  ctx = createContext(db);
  await seedMunicipalities(ctx, DEMO_MUNICIPALITIES, DEMO_USERS, "demo");
  await seedVersionsInForce(ctx, KALUGA_NAME, "admin", demoDecreeOf(KALUGA_NAME));
  expect(await seedPortalDemo(ctx, KALUGA_NAME, "kaluga")).toBe(true);
  expect(await seedPortalParticipationDemo(ctx, KALUGA_NAME, "kaluga", renderProtocol)).toBe(true);
  expect(await seedHearingsDemo(ctx, KALUGA_NAME)).toBe(true);
  server = await buildServer(ctx);
}, 300_000);

afterAll(async () => {
  await server?.close();
  await db?.close();
  await database?.drop();
});

describe("the portal's demo", () => {
  it("is loaded once", async () => {
    expect(await seedPortalDemo(ctx, KALUGA_NAME, "kaluga")).toBe(false);
    expect(await seedPortalParticipationDemo(ctx, KALUGA_NAME, "kaluga", renderProtocol)).toBe(false);
    expect(await seedHearingsDemo(ctx, KALUGA_NAME)).toBe(false);
  });

  it("the finished discussion has its protocol and a hearing held with its protocol; a hearing is announced on the draft amendment", async () => {
    const staff = new Client(server);
    await staff.login("economy", "demo");
    const { items } = (await staff.get("/api/portal/discussions")).body;
    const finished = items.find((d: any) => d.state === "closed" && d.protocol);
    expect(finished.protocol).toMatchObject({ number: "ОО-1", counts: { accepted: 1, partly: 1, rejected: 1, outOfScope: 1, total: 4 } });
    expect(finished.hearings).toBe(1);
    expect(items.find((d: any) => d.subjectKind === "amendment" && d.state === "open").hearings).toBe(1);
    const page = String((await new Client(server).get("/p/kaluga/hearings")).body);
    expect(page).toContain("Протокол № ПС-1 от");
    expect(page).toContain("Участников: 86.");
    expect(page).toContain("Выступления записавшихся участников");
  });

  it("Kaluga's draft program is on discussion with proposals at each stage; only the published ones show", async () => {
    const anon = new Client(server);
    const index = String((await anon.get("/p/kaluga")).body);
    expect(index).toContain("Проект: ");
    // the draft program on discussion now (the finished discussion's draft is titled the same way)
    const drafts = [...index.matchAll(/\/p\/kaluga\/publications\/([0-9a-f-]{36})">Проект: /g)].map((m) => m[1]!);
    const open = await Promise.all(
      drafts.map(async (d) => String((await anon.get(`/p/kaluga/publications/${d}`)).body).includes("идет обсуждение")),
    );
    const id = drafts[open.indexOf(true)]!;
    const staff = new Client(server);
    await staff.login("economy", "demo");
    const all = (await staff.get("/api/portal/proposals")).body.items;
    expect(new Set(all.map((p: any) => p.moderation))).toEqual(new Set(["pending", "published", "rejected"]));
    expect(new Set(all.filter((p: any) => p.decision).map((p: any) => p.decision))).toEqual(
      new Set(["accepted", "partly", "rejected", "outOfScope"]),
    );
    expect(all.some((p: any) => p.moderation === "published" && !p.decision)).toBe(true);
    const html = String((await anon.get(`/p/kaluga/publications/${id}`)).body);
    expect(html).toContain("Учтено частично.");
    expect(html).toContain("Вне предмета документа.");
    expect(html).not.toContain("Реклама услуг репетитора");
    expect(html).not.toContain("пристройки к школе");
  });

  it("the closed vote has Ozersk's 9,305 ballots; the published counts, turnout and winners equal the recount of the published ballots", async () => {
    const anon = new Client(server);
    const votes = String((await anon.get("/p/kaluga/votes")).body);
    const id = /\/p\/kaluga\/votes\/([0-9a-f-]{36})/.exec(votes)![1]!;
    expect(String((await anon.get(`/p/kaluga/votes/${id}`)).body)).toContain("победитель");
    const results = (await anon.get(`/p/kaluga/data/vote-${id}-results.json`)).body.rows;
    const ballots = (await anon.get(`/p/kaluga/data/vote-${id}-ballots.json`)).body.rows;
    expect(DEMO_VOTE.ballots).toBe(9305);
    expect(ballots).toHaveLength(DEMO_VOTE.ballots);
    expect(new Set(ballots.map((b: any) => b.receiptSha256)).size).toBe(DEMO_VOTE.ballots);
    // one ballot per voter: as many distinct voters in the database as ballots
    const voters = await db.query<{ n: number; keys: number }>(
      `SELECT count(*)::int AS n, count(DISTINCT voter_key)::int AS keys FROM vote_ballot WHERE vote_id = $1`,
      [id],
    );
    expect(voters.rows[0]).toEqual({ n: DEMO_VOTE.ballots, keys: DEMO_VOTE.ballots });
    const recount = new Map<string, number>();
    for (const b of ballots) {
      const choices = String(b.choices).split(" ");
      expect(choices.length === 1 || (choices.length === 2 && choices[0] !== choices[1])).toBe(true);
      for (const c of choices) recount.set(c, (recount.get(c) ?? 0) + 1);
    }
    expect(results).toHaveLength(5);
    for (const r of results) expect(recount.get(r.optionId) ?? 0).toBe(r.votes);
    // a plausible spread: every option has votes, none has them all
    for (const r of results) expect(r.votes).toBeGreaterThan(DEMO_VOTE.ballots / 20);
    for (const r of results) expect(r.votes).toBeLessThan(DEMO_VOTE.ballots);
    // the winners are the two options with the most votes of the recount
    const top = [...recount.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 2)
      .map(([o]) => o);
    expect(new Set(results.filter((r: any) => r.winner).map((r: any) => r.optionId))).toEqual(new Set(top));
    const staff = new Client(server);
    await staff.login("economy", "demo");
    const api = (await staff.get(`/api/portal/votes/${id}/results`)).body;
    expect(api.ballots).toBe(DEMO_VOTE.ballots);
    // the turnout's base is the municipality's number of those entitled, not the few accounts
    expect(api.eligibleVoters).toBe(DEMO_VOTE.eligible);
    expect(api.turnoutPercent).toBe(((DEMO_VOTE.ballots * 100) / DEMO_VOTE.eligible).toFixed(1));
    expect(api.turnoutPercent).toBe("3.3");
  });

  it("resident1 signs in by a code mailed through the outbox", async () => {
    const c = new Client(server);
    expect((await c.post("/api/p/kaluga/auth/code", { email: "resident1@demo.orientir.example" })).status).toBe(200);
    // the last mail: the demo's answers to the resident's proposals came before the code
    const mail = await db.query<{ body: string }>(
      `SELECT body FROM email_outbox WHERE to_address = 'resident1@demo.orientir.example' ORDER BY created_at DESC, id DESC LIMIT 1`,
    );
    const code = /(\d{6})/.exec(mail.rows[0]!.body)![1];
    const r = await c.post("/api/p/kaluga/auth/sign-in", { email: "resident1@demo.orientir.example", code });
    expect(r.status).toBe(200);
    expect(r.body.resident.fullName).toBe("Соколова Анна Викторовна");
  });

  it("a finished discussion has its generated protocol, published as DOCX and PDF", async () => {
    const anon = new Client(server);
    const index = String((await anon.get("/p/kaluga")).body);
    const ids = [...index.matchAll(/\/p\/kaluga\/publications\/([0-9a-f-]{36})/g)].map((m) => m[1]!);
    let found = "";
    for (const id of ids)
      if (String((await anon.get(`/p/kaluga/publications/${id}`)).body).includes("Протокол общественного обсуждения № ОО-1")) found = id;
    expect(found).not.toBe("");
    const html = String((await anon.get(`/p/kaluga/publications/${found}`)).body);
    expect(html).toContain("обсуждение завершено");
    expect(html).toContain("учтено: 1, учтено частично: 1, отклонено: 1, вне предмета документа: 1");
    const pdf = await anon.get(`/p/kaluga/publications/${found}/protocol.pdf`);
    expect(pdf.status).toBe(200);
    expect(String(pdf.body).startsWith("%PDF")).toBe(true);
    expect((await anon.get(`/p/kaluga/publications/${found}/protocol.docx`)).status).toBe(200);
  });

  it("the draft next action plan is on discussion with proposals at each stage", async () => {
    const staff = new Client(server);
    await staff.login("economy", "demo");
    const pubs = (await staff.get("/api/portal/publications")).body.items;
    const plan = pubs.find((p: any) => p.subjectKind === "actionPlan" && p.kind === "discussion");
    expect(plan.title).toMatch(/^Проект плана мероприятий/);
    const all = (await staff.get(`/api/portal/proposals?publicationId=${plan.id}`)).body.items.filter(
      (p: any) => p.publicationId === plan.id,
    );
    expect(new Set(all.map((p: any) => p.moderation))).toEqual(new Set(["pending", "published", "rejected"]));
    expect(new Set(all.filter((p: any) => p.decision).map((p: any) => p.decision))).toEqual(new Set(["accepted", "partly", "rejected"]));
    expect(all.some((p: any) => p.moderation === "published" && !p.decision)).toBe(true);
  });

  it("the Q&A transcript and the session to come are on the portal", async () => {
    const anon = new Client(server);
    const list = String((await anon.get("/p/kaluga/qa")).body);
    const ids = [...list.matchAll(/\/p\/kaluga\/qa\/([0-9a-f-]{36})/g)].map((m) => m[1]!);
    expect(ids).toHaveLength(2);
    const pages = await Promise.all(ids.map(async (id) => String((await anon.get(`/p/kaluga/qa/${id}`)).body)));
    const past = pages.find((p) => p.includes("Стенограмма"))!;
    expect(past).toContain("Зайцев Игорь Владимирович");
    expect(past).toContain("второй этап набережной");
    expect(past).toContain("вопрос во время сессии");
    expect(past).not.toContain("ничего не делаете");
    expect(pages.some((p) => p.includes("принимаются вопросы заранее"))).toBe(true);
  });

  it("the closed survey has 579 responses, 64.4 % rate living conditions as good, and its open data recounts it", async () => {
    const anon = new Client(server);
    const list = String((await anon.get("/p/kaluga/surveys")).body);
    const ids = [...list.matchAll(/\/p\/kaluga\/surveys\/([0-9a-f-]{36})/g)].map((m) => m[1]!);
    const results = (await Promise.all(ids.map(async (id) => (await anon.get(`/api/p/kaluga/surveys/${id}/results`)).body))).find(
      (r: any) => r.responses,
    );
    expect(results.responses).toBe(DEMO_SURVEY.respondents);
    expect(results.questions[0].counts[0].count).toBe(DEMO_SURVEY.goodLivingConditions);
    expect(results.questions[1].counts[1].count).toBe(DEMO_SURVEY.childrenNotHere);
    const page = String((await anon.get(`/p/kaluga/surveys/${results.surveyId}`)).body);
    expect(page).toContain("Ответили: 579");
    expect(page).toContain("64,4");
    const rows = (await anon.get(`/p/kaluga/data/survey-${results.surveyId}-responses.json`)).body.rows;
    expect(rows.filter((r: any) => r.questionNo === 1 && r.answer === "Хорошие")).toHaveLength(DEMO_SURVEY.goodLivingConditions);
  });

  it("a draft amendment is on discussion; its accepted proposal names the change of the diff that takes it up", async () => {
    const staff = new Client(server);
    await staff.login("economy", "demo");
    const pubs = (await staff.get("/api/portal/publications")).body.items;
    const amendment = pubs.find((p: any) => p.subjectKind === "amendment" && p.kind === "discussion");
    expect(amendment.title).toMatch(/^Проект изменений: /);
    const all = (await staff.get(`/api/portal/proposals?publicationId=${amendment.id}`)).body.items.filter(
      (p: any) => p.publicationId === amendment.id,
    );
    expect(new Set(all.map((p: any) => p.moderation))).toEqual(new Set(["pending", "published", "rejected"]));
    const accepted = all.find((p: any) => p.decision === "accepted");
    expect(accepted.change.changes.length).toBeGreaterThan(0);
    expect(accepted.change.changes[0].after).toMatch(/ежегодный публичный отчет/);
    const html = String((await new Client(server).get(`/p/kaluga/publications/${amendment.id}`)).body);
    expect(html).toContain("Как учтено в проекте");
    expect(html).toContain("ежегодный публичный отчет о ходе реализации");
  });
});
