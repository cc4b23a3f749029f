/**
 * Issue 14, part 8: a resident follows a vote or a proposal from its portal page, without script —
 * the «Следить» form shows only to a signed-in resident, posts with the resident's form token and
 * records the follow (the same use case as the API), after which the result or the answer is sent.
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
