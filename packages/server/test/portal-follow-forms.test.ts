/**
 * Issue 14, parts 4 and 8: forms of the portal without script. A resident follows a vote from its
 * page — the «Следить» form shows only to a signed-in resident, posts with the resident's form token
 * and records the follow (the same use case as the API) — and signs up to speak at a public hearing
 * from the hearings page (before, a reader saw an API call written out instead of a form).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, createTestApp, type TestApp } from "@orientir/testing";
import { signInResident } from "./portal-resident.ts";

let app: TestApp;
let grace: Client;
let voteId: string;
const SLUG = "gorod-f";

const followForm = (html: string) => {
  const form = /<form[^>]*action="\/p\/gorod-f\/follows"[^>]*>(.*?)<\/form>/s.exec(html);
  return form ? Object.fromEntries([...form[1]!.matchAll(/name="(\w+)" value="([^"]*)"/g)].map((m) => [m[1]!, m[2]!])) : null;
};

const follows = async (objectType: string, objectId: string) =>
  Number(
    (await app.ctx.db.query(`SELECT count(*) FROM resident_follow WHERE object_type = $1 AND object_id = $2`, [objectType, objectId]))
      .rows[0]!.count,
  );

beforeAll(async () => {
  app = await createTestApp();
  const admin = await app.as("admin");
  expect((await admin.request("PUT", "/api/portal/settings", { slug: SLUG, moderation: "post", minDiscussionDays: 5 })).status).toBe(200);
  const economy = await app.as("economy");
  const v = await economy.post("/api/portal/votes", {
    title: "Скверы",
    startsAt: new Date(Date.now() + 86_400_000).toISOString(),
    endsAt: new Date(Date.now() + 2 * 86_400_000).toISOString(),
    maxChoices: 1,
    winners: 1,
    eligibility: { minAge: null, confirmedEmail: true, address: false },
    options: [{ title: "Сквер А" }, { title: "Сквер Б" }],
  });
  expect(v.status, JSON.stringify(v.body)).toBe(201);
  voteId = v.body.id;
  grace = await signInResident(app, SLUG, "grace@example.org", "Грейс Хоппер");
}, 120_000);
afterAll(async () => {
  await app?.close();
});

describe("following from a portal page, without script", () => {
  it("a vote: no form for a reader without an account; the resident's form records one follow", async () => {
    expect(followForm(String((await app.client().get(`/p/${SLUG}/votes/${voteId}`)).body))).toBeNull();
    const html = String((await grace.get(`/p/${SLUG}/votes/${voteId}`)).body);
    expect(html).toContain("Следить за голосованием");
    const fields = followForm(html)!;
    expect(fields).toMatchObject({ objectType: "vote", objectId: voteId });
    const sent = await grace.request("POST", `/p/${SLUG}/follows`, new URLSearchParams(fields).toString(), {
      "content-type": "application/x-www-form-urlencoded",
    });
    expect(sent.status).toBe(200);
    expect(String(sent.body)).toContain("Вы следите за голосованием");
    expect(await follows("vote", voteId)).toBe(1);
    // a forged token records nothing more
    const forged = await grace.request("POST", `/p/${SLUG}/follows`, new URLSearchParams({ ...fields, csrf: "x" }).toString(), {
      "content-type": "application/x-www-form-urlencoded",
    });
    expect(forged.status).toBe(403);
    expect(await follows("vote", voteId)).toBe(1);
  });
});

describe("signing up to speak at a hearing, without script", () => {
  it("a reader is asked to sign in; the resident's form lists their initials and topic; a blank topic is named", async () => {
    const economy = await app.as("economy");
    const h = await economy.post("/api/portal/hearings", {
      title: "Слушания по проекту стратегии",
      place: "Зал заседаний",
      startsAt: new Date(Date.now() + 3 * 86_400_000).toISOString(),
      agenda: ["Доклад"],
    });
    expect(h.status, JSON.stringify(h.body)).toBe(201);
    const anonymous = String((await app.client().get(`/p/${SLUG}/hearings`)).body);
    expect(anonymous).not.toContain("/api/p/");
    expect(anonymous).toContain("чтобы записаться выступающим");
    const html = String((await grace.get(`/p/${SLUG}/hearings`)).body);
    const form = new RegExp(`<form[^>]*action="/p/${SLUG}/hearings/${h.body.id}/speakers"[^>]*>(.*?)</form>`, "s").exec(html);
    expect(form).not.toBeNull();
    const csrf = /name="csrf" value="([^"]*)"/.exec(form![1]!)![1]!;
    const post = (topic: string) =>
      grace.request("POST", `/p/${SLUG}/hearings/${h.body.id}/speakers`, new URLSearchParams({ csrf, topic }).toString(), {
        "content-type": "application/x-www-form-urlencoded",
      });
    const blank = await post("   ");
    expect(blank.status).toBe(400);
    expect(String(blank.body)).toContain("Укажите тему выступления");
    const sent = await post("О парках и скверах");
    expect(sent.status).toBe(200);
    expect(String(sent.body)).toContain("Вы записаны выступающим");
    const after = String((await app.client().get(`/p/${SLUG}/hearings`)).body);
    expect(after).toContain("Грейс Х.: О парках и скверах");
    expect(after).toContain("Выступающие (1)");
  });
});
