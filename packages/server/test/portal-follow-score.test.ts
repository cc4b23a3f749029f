/**
 * Issue 14, part 8: a resident following a program is told of a new score — when a publication of
 * the approved program adds a year's score or changes the one the portal showed — in the portal
 * and by e-mail with the follow's one-click unsubscribe; once per change: a publication with the
 * same scores is a new version only, and reading pages tells nobody anything.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, createTestApp, type TestApp } from "@orientir/testing";
import { signInResident } from "./portal-resident.ts";

let app: TestApp;
let admin: Client;
let economy: Client;
let erin: Client;
let frank: Client;
let programId: string;
let draftId: string;

const SLUG = "gorod-s";
const day = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

async function notes(c: Client): Promise<{ kind: string; objectId: string; subject: string; body: string; link: string }[]> {
  const r = await c.get(`/api/p/${SLUG}/notifications`);
  expect(r.status).toBe(200);
  return r.body.items;
}

async function lastMail(to: string): Promise<{ subject: string; body: string; headers: Record<string, string> | null }> {
  const r = await app.ctx.db.query<{ subject: string; body: string; headers: Record<string, string> | null }>(
    `SELECT subject, body, headers FROM email_outbox WHERE to_address = $1 ORDER BY created_at DESC, id DESC LIMIT 1`,
    [to],
  );
  return r.rows[0]!;
}

const countNotices = async () => Number((await app.ctx.db.query(`SELECT count(*) FROM resident_notification`)).rows[0]!.count);

async function publishApproved(years: number[]): Promise<string> {
  const r = await economy.post("/api/portal/publications", {
    kind: "approved",
    subjectKind: "program",
    subjectId: programId,
    evaluationYears: years,
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.id;
}

beforeAll(async () => {
  app = await createTestApp();
  admin = await app.as("admin");
  economy = await app.as("economy");
  programId = (await admin.get("/api/programs")).body.items.find((p: any) => p.code === "MP-1").id;
  expect((await admin.request("PUT", "/api/portal/settings", { slug: SLUG, moderation: "pre", minDiscussionDays: 5 })).status).toBe(200);
  expect(
    (await admin.post(`/api/programs/${programId}/versions/in-force`, { decreeNumber: "12-п", decreeDate: "2025-01-10" })).status,
  ).toBe(201);
  // the program's draft under discussion: what a resident follows before any score is published
  const d = await economy.post("/api/portal/publications", {
    kind: "discussion",
    subjectKind: "program",
    subjectId: programId,
    startsOn: day(-1),
    endsOn: day(20),
  });
  expect(d.status).toBe(201);
  draftId = d.body.id;
  erin = await signInResident(app, SLUG, "erin-s@example.org", "Егорова Елена");
  frank = await signInResident(app, SLUG, "frank-s@example.org", "Фролов Федор");
  expect((await erin.post(`/api/p/${SLUG}/follows`, { objectType: "publication", objectId: draftId })).status).toBe(201);
});

afterAll(async () => {
  await app?.close();
});

describe("followers of a program told of a new score", () => {
  let firstScore: string;

  it("a year's score published for the first time: the follower is told the year, the score and the rating, with one-click unsubscribe", async () => {
    const evaluation = (await economy.get(`/api/programs/${programId}/evaluation?year=2025`)).body;
    expect(evaluation.scoreDisplay).toMatch(/^\d+\.\d\d$/);
    firstScore = evaluation.scoreDisplay;
    const id = await publishApproved([2025]);
    const n = await notes(erin);
    expect(n).toHaveLength(1);
    expect(n[0]).toMatchObject({ kind: "follow.score", objectId: id, link: `/p/${SLUG}/publications/${id}` });
    expect(n[0]!.subject).toMatch(/^Новая оценка эффективности: /);
    expect(n[0]!.body).toContain(`2025 год: ${firstScore.replace(".", ",")} балла (${evaluation.ratingLabel})`);
    expect(n[0]!.body).not.toContain("было");
    // the score is the one the published page shows
    expect(String((await app.client().get(`/p/${SLUG}/publications/${id}`)).body)).toContain(`>${firstScore}<`);
    const mail = await lastMail("erin-s@example.org");
    expect(mail.subject).toBe(`[Ориентир] ${n[0]!.subject}`);
    expect(mail.body).toContain(`${firstScore.replace(".", ",")} балла`);
    expect(mail.body).toMatch(/unsubscribe\?token=/);
    expect(mail.headers).toMatchObject({ "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" });
    expect(mail.headers!["List-Unsubscribe"]).toMatch(/^<\/p\/gorod-s\/unsubscribe\?token=[A-Za-z0-9_.-]+>$/);
    // not a follower: told nothing
    expect(await notes(frank)).toEqual([]);
  });

  it("reading the pages and the evaluation tells nobody anything; the same scores published again are a new version, not a score", async () => {
    const before = await countNotices();
    for (let i = 0; i < 3; i++) {
      await app.client().get(`/p/${SLUG}`);
      await erin.get(`/p/${SLUG}/publications/${draftId}`);
      await economy.get(`/api/programs/${programId}/evaluation?year=2025`);
    }
    expect(await countNotices()).toBe(before);
    const id = await publishApproved([2025]);
    const n = await notes(erin);
    expect(n.map((x) => x.kind)).toEqual(["follow.newVersion", "follow.score"]);
    expect(n[0]!.objectId).toBe(id);
  });

  it("a changed score (a fact corrected) published: told once, with the score it replaces", async () => {
    const tree = (await economy.get(`/api/programs/${programId}/tree`)).body;
    const value = tree.programIndicators[0].programIndicatorValues.find((v: any) => v.year === 2025);
    const upd = await economy.patch(`/api/program-indicator-values/${value.id}`, { version: value.version, fact: "40" });
    expect(upd.status).toBe(200);
    const changed = (await economy.get(`/api/programs/${programId}/evaluation?year=2025`)).body;
    expect(changed.scoreDisplay).not.toBe(firstScore);
    // the change in the staff app alone is not published: nobody is told yet
    expect((await notes(erin)).filter((x) => x.kind === "follow.score")).toHaveLength(1);
    // frank follows the approved program from its page, by the form «Следить за документом» (no script;
    // every approved publication of it, as a resident clicking on each would); both are told of the new score, once each
    const pages = (await economy.get("/api/portal/publications")).body.items.filter((p: any) => p.kind === "approved");
    expect(String((await app.client().get(`/p/${SLUG}/publications/${pages[0].id}`)).body)).not.toContain("Следить за документом");
    for (const p of pages) {
      const html = String((await frank.get(`/p/${SLUG}/publications/${p.id}`)).body);
      const form = /<form[^>]*action="\/p\/gorod-s\/follows"[^>]*>(.*?)<\/form>/.exec(html)![1]!;
      expect(form).toContain("Следить за документом");
      const fields = Object.fromEntries([...form.matchAll(/name="(\w+)" value="([^"]*)"/g)].map((m) => [m[1], m[2]]));
      expect(fields).toMatchObject({ objectType: "publication", objectId: p.id });
      const sent = await frank.request("POST", `/p/${SLUG}/follows`, new URLSearchParams(fields).toString(), {
        "content-type": "application/x-www-form-urlencoded",
      });
      expect(sent.status).toBe(200);
      expect(String(sent.body)).toContain("Вы следите за документом");
    }
    // the form's token is required
    const forged = await frank.request(
      "POST",
      `/p/${SLUG}/follows`,
      new URLSearchParams({ csrf: "forged", objectType: "publication", objectId: pages[0].id }).toString(),
      { "content-type": "application/x-www-form-urlencoded" },
    );
    expect(forged.status).toBe(403);
    const id = await publishApproved([2025]);
    for (const c of [erin, frank]) {
      const scoreNotes = (await notes(c)).filter((x) => x.kind === "follow.score" && x.objectId === id);
      expect(scoreNotes).toHaveLength(1);
      expect(scoreNotes[0]!.body).toContain(
        `2025 год: ${changed.scoreDisplay.replace(".", ",")} балла (${changed.ratingLabel}); было ${firstScore.replace(".", ",")}`,
      );
    }
    // published again unchanged: no second score notice
    await publishApproved([2025]);
    expect((await notes(erin)).filter((x) => x.kind === "follow.score")).toHaveLength(2);
  });

  it("after the one-click unsubscribe, a new score tells the resident nothing", async () => {
    const link = /(\/p\/[^\s]+\/unsubscribe\?token=[A-Za-z0-9_.-]+)/.exec((await lastMail("erin-s@example.org")).body)![1]!;
    const done = await app.client().request("POST", link, "List-Unsubscribe=One-Click", {
      "content-type": "application/x-www-form-urlencoded",
    });
    expect(done.status).toBe(200);
    const before = (await notes(erin)).length;
    const tree = (await economy.get(`/api/programs/${programId}/tree`)).body;
    const value = tree.programIndicators[0].programIndicatorValues.find((v: any) => v.year === 2025);
    expect((await economy.patch(`/api/program-indicator-values/${value.id}`, { version: value.version, fact: "54" })).status).toBe(200);
    const id = await publishApproved([2025]);
    expect(await notes(erin)).toHaveLength(before);
    expect((await notes(frank)).filter((x) => x.kind === "follow.score" && x.objectId === id)).toHaveLength(1);
  });
});
