/**
 * The public portal (issue 14, part 3): an accepted proposal's answer links to the change in the
 * draft that takes it up (entries of the amendment's diff), and the author is notified of each
 * step — in the portal and by e-mail through the outbox.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, createTestApp, type TestApp } from "@orientir/testing";

let app: TestApp;
let admin: Client;
let economy: Client;
let programId: string;
let publicationId: string;

const SLUG = "gorod-a";
const today = () => new Date().toISOString().slice(0, 10);
const addDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

async function mails(to: string): Promise<{ subject: string; body: string }[]> {
  const r = await app.ctx.db.query<{ subject: string; body: string }>(
    `SELECT subject, body FROM email_outbox WHERE to_address = $1 ORDER BY created_at, id`,
    [to],
  );
  return r.rows;
}

async function resident(email: string, fullName: string): Promise<Client> {
  const c = app.client();
  c.ip = `10.2.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
  expect((await c.post(`/api/p/${SLUG}/auth/code`, { email })).status).toBe(200);
  const code = /(\d{6})/.exec((await mails(email)).at(-1)!.body)![1]!;
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
  programId = (await admin.get("/api/programs")).body.items.find((p: any) => p.code === "MP-1").id;
  expect((await admin.request("PUT", "/api/portal/settings", { slug: SLUG, moderation: "pre", minDiscussionDays: 30 })).status).toBe(200);
  // the version in force, then a draft amendment: a goal renamed
  expect(
    (await admin.post(`/api/programs/${programId}/versions/in-force`, { decreeNumber: "101-п", decreeDate: "2024-12-10" })).status,
  ).toBe(201);
  const r = await economy.post("/api/portal/publications", {
    kind: "discussion",
    subjectKind: "amendment",
    subjectId: programId,
    startsOn: addDays(today(), -1),
    endsOn: addDays(today(), 30),
  });
  expect(r.status).toBe(201);
  publicationId = r.body.id;
});

afterAll(async () => {
  await app?.close();
});

describe("what became of a proposal, and the author told of each step", () => {
  it("moderation and the answer notify the author (portal and e-mail); an accepted answer names the diff's change", async () => {
    const alice = await resident("alice2@example.org", "Смирнова Алла Петровна");
    const bob = await resident("bob2@example.org", "Петров Борис");
    const page = String((await app.client().get(`/p/${SLUG}/publications/${publicationId}`)).body);
    const anchor = /id="(programGoal:[0-9a-f-]{36})"/.exec(page)![1]!;
    const p = await alice.post(`/api/p/${SLUG}/publications/${publicationId}/proposals`, {
      kind: "proposal",
      anchor,
      text: "Назвать цель понятнее: благоустроенная набережная",
    });
    expect(p.status).toBe(201);
    expect((await alice.get(`/api/p/${SLUG}/notifications`)).body).toEqual({ items: [], unread: 0 });
    const mailsBefore = (await mails("alice2@example.org")).length;

    const pub = await economy.post(`/api/portal/proposals/${p.body.id}/moderation`, { version: p.body.version, moderation: "published" });
    expect(pub.status).toBe(200);
    let notes = (await alice.get(`/api/p/${SLUG}/notifications`)).body;
    expect(notes.unread).toBe(1);
    expect(notes.items[0]).toMatchObject({ kind: "proposal.published", objectType: "proposal", objectId: p.body.id });
    expect(notes.items[0].link).toBe(`/p/${SLUG}/publications/${publicationId}#proposal-${p.body.id}`);
    const afterModeration = await mails("alice2@example.org");
    expect(afterModeration).toHaveLength(mailsBefore + 1);
    expect(afterModeration.at(-1)!.subject).toMatch(/опубликовано/);
    expect(afterModeration.at(-1)!.body).toContain(`#proposal-${p.body.id}`);
    // each mail is an email.send job for the outbox worker
    const jobs = await app.ctx.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM job j JOIN email_outbox o ON o.id::text = j.payload->>'outboxId' WHERE o.to_address = $1`,
      ["alice2@example.org"],
    );
    expect(jobs.rows[0]!.n).toBe(afterModeration.length);
    // another resident sees none of it
    expect((await bob.get(`/api/p/${SLUG}/notifications`)).body.items).toEqual([]);

    // the draft takes the proposal up: the goal renamed in the amendment
    const draft = await admin.post(`/api/programs/${programId}/versions`, {});
    expect(draft.status).toBe(201);
    const goal = (await admin.get(`/api/programs/${programId}/tree`)).body.programGoals[0];
    const renamed = await admin.patch(`/api/program-goals/${goal.id}`, { version: goal.version, name: "Благоустроенная набережная" });
    expect(renamed.status).toBe(200);
    const diff = (await economy.get(`/api/programs/${programId}/diff`)).body;
    const change = diff.changes.find((c: any) => c.after === "Благоустроенная набережная");
    expect(change).toBeTruthy();

    // accepted on an amendment: the change is required, must exist, and only for a taken-up proposal
    const none = await economy.post(`/api/portal/proposals/${p.body.id}/answer`, {
      version: pub.body.version,
      decision: "accepted",
      answer: "Учтено: цель переименована",
    });
    expect(none.status).toBe(400);
    expect(none.body.error.issues[0].path).toBe("body.changePaths");
    const unknown = await economy.post(`/api/portal/proposals/${p.body.id}/answer`, {
      version: pub.body.version,
      decision: "accepted",
      answer: "Учтено: цель переименована",
      changePaths: [change.path, "goals[nowhere]"],
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.issues[0].path).toBe("body.changePaths.1");
    const notTaken = await economy.post(`/api/portal/proposals/${p.body.id}/answer`, {
      version: pub.body.version,
      decision: "rejected",
      answer: "Не учтено: предложение противоречит целям программы",
      changePaths: [change.path],
    });
    expect(notTaken.status).toBe(400);
    expect(notTaken.body.error.issues[0].path).toBe("body.changePaths");
    const badType = await economy.post(`/api/portal/proposals/${p.body.id}/answer`, {
      version: pub.body.version,
      decision: "accepted",
      answer: "Учтено: цель переименована",
      changePaths: "x",
    });
    expect(badType.status).toBe(400);
    expect(badType.body.error.issues[0].path).toBe("body.changePaths");
    // nothing was written by the refused answers: no notice either
    expect((await alice.get(`/api/p/${SLUG}/notifications`)).body.items).toHaveLength(1);

    const ans = await economy.post(`/api/portal/proposals/${p.body.id}/answer`, {
      version: pub.body.version,
      decision: "accepted",
      answer: "Учтено: цель переименована",
      changePaths: [change.path],
    });
    expect(ans.status).toBe(200);
    expect(ans.body.change.programId).toBe(programId);
    expect(ans.body.change.diffUrl).toBe(`/api/programs/${programId}/diff?from=${diff.from.versionId}&to=current`);
    expect(ans.body.change.changes).toEqual([change]);
    // the link leads to that change in the staff app's diff
    const linked = (await economy.get(ans.body.change.diffUrl)).body.changes;
    expect(linked).toContainEqual(change);

    // the public page shows what became of it
    const html = String((await app.client().get(`/p/${SLUG}/publications/${publicationId}`)).body);
    expect(html).toContain("Как учтено в проекте");
    expect(html).toContain("Благоустроенная набережная");

    notes = (await alice.get(`/api/p/${SLUG}/notifications`)).body;
    expect(notes.unread).toBe(2);
    expect(notes.items[0]).toMatchObject({ kind: "proposal.answered", objectId: p.body.id });
    expect(notes.items[0].body).toContain("Учтено: цель переименована");
    const last = (await mails("alice2@example.org")).at(-1)!;
    expect(last.subject).toMatch(/Ответ на ваше предложение: учтено/);
    expect(last.body).toContain("Учтено: цель переименована");

    // the resident's page of notices (private), then read
    const notesPage = await alice.get(`/p/${SLUG}/notifications`);
    expect(notesPage.status).toBe(200);
    expect(notesPage.headers["cache-control"]).toBe("private, no-store");
    expect(String(notesPage.body)).toContain("Ответ на ваше предложение");
    const anon = await app.client().get(`/p/${SLUG}/notifications`);
    expect(anon.status).toBe(303);
    expect(anon.headers.location).toBe(`/p/${SLUG}/sign-in`);
    expect((await alice.post(`/api/p/${SLUG}/notifications/read`)).body.unread).toBe(0);
    expect((await app.client().get(`/api/p/${SLUG}/notifications`)).status).toBe(401);
  });

  it("a rejection by the moderator tells the author its reason; a deleted account is told nothing", async () => {
    const carol = await resident("carol2@example.org", "Кузнецова Карина");
    const p = await carol.post(`/api/p/${SLUG}/publications/${publicationId}/proposals`, {
      kind: "remark",
      anchor: "document",
      text: "Реклама",
    });
    expect(p.status).toBe(201);
    const rej = await economy.post(`/api/portal/proposals/${p.body.id}/moderation`, {
      version: p.body.version,
      moderation: "rejected",
      reason: "Не относится к обсуждению",
    });
    expect(rej.status).toBe(200);
    const notes = (await carol.get(`/api/p/${SLUG}/notifications`)).body.items;
    expect(notes[0]).toMatchObject({ kind: "proposal.rejected" });
    expect(notes[0].body).toContain("Не относится к обсуждению");

    const dave = await resident("dave2@example.org", "Давыдов Дмитрий");
    const q = await dave.post(`/api/p/${SLUG}/publications/${publicationId}/proposals`, {
      kind: "remark",
      anchor: "document",
      text: "Замечание",
    });
    expect((await dave.post(`/api/p/${SLUG}/follows`, { objectType: "publication", objectId: publicationId })).status).toBe(201);
    const follows = async () => (await app.ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM resident_follow`)).rows[0]!.n;
    const followsBefore = await follows();
    expect((await dave.request("DELETE", `/api/p/${SLUG}/me`)).status).toBe(204);
    expect(await follows()).toBe(followsBefore - 1);
    const before = (await app.ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM email_outbox`)).rows[0]!.n;
    expect(
      (await economy.post(`/api/portal/proposals/${q.body.id}/moderation`, { version: q.body.version, moderation: "published" })).status,
    ).toBe(200);
    expect((await app.ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM email_outbox`)).rows[0]!.n).toBe(before);
    expect(
      (await app.ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM resident_notification WHERE object_id = $1`, [q.body.id]))
        .rows[0]!.n,
    ).toBe(0);
  });
});

describe("following, with one-click unsubscribe", () => {
  it("a follower is told of a new version and of an answer; the mail's link unsubscribes in one click", async () => {
    const erin = await resident("erin2@example.org", "Егорова Елена");
    const frank = await resident("frank2@example.org", "Фролов Федор");
    const bad = await erin.post(`/api/p/${SLUG}/follows`, { objectType: "program", objectId: publicationId });
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues[0].path).toBe("body.objectType");
    expect((await erin.post(`/api/p/${SLUG}/follows`, { objectType: "proposal", objectId: publicationId })).status).toBe(404);
    expect((await app.client().post(`/api/p/${SLUG}/follows`, { objectType: "publication", objectId: publicationId })).status).toBe(401);
    expect((await erin.post(`/api/p/${SLUG}/follows`, { objectType: "publication", objectId: publicationId })).status).toBe(201);
    expect((await erin.post(`/api/p/${SLUG}/follows`, { objectType: "publication", objectId: publicationId })).status).toBe(201);

    // a new version of the document published: the follower is told, once
    const next = await economy.post("/api/portal/publications", {
      kind: "discussion",
      subjectKind: "amendment",
      subjectId: programId,
      startsOn: addDays(today(), 1),
      endsOn: addDays(today(), 40),
    });
    expect(next.status).toBe(201);
    let notes = (await erin.get(`/api/p/${SLUG}/notifications`)).body.items;
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ kind: "follow.newVersion", objectId: next.body.id });
    expect((await frank.get(`/api/p/${SLUG}/notifications`)).body.items).toEqual([]);
    const mail = (await mails("erin2@example.org")).at(-1)!;
    expect(mail.subject).toMatch(/новая редакция/);
    const unsubscribe = /(\/p\/[^\s]+\/unsubscribe\?token=[A-Za-z0-9_.-]+)/.exec(mail.body)![1]!;

    // a proposal followed by another resident: told of its answer
    const p = await erin.post(`/api/p/${SLUG}/publications/${publicationId}/proposals`, {
      kind: "remark",
      anchor: "document",
      text: "Замечание",
    });
    const pub = await economy.post(`/api/portal/proposals/${p.body.id}/moderation`, { version: p.body.version, moderation: "published" });
    expect((await frank.post(`/api/p/${SLUG}/follows`, { objectType: "proposal", objectId: p.body.id })).status).toBe(201);
    expect(
      (
        await economy.post(`/api/portal/proposals/${p.body.id}/answer`, {
          version: pub.body.version,
          decision: "outOfScope",
          answer: "Не относится к предмету программы",
        })
      ).status,
    ).toBe(200);
    const fNotes = (await frank.get(`/api/p/${SLUG}/notifications`)).body.items;
    expect(fNotes).toHaveLength(1);
    expect(fNotes[0]).toMatchObject({ kind: "follow.answer", objectId: p.body.id });
    expect((await mails("frank2@example.org")).at(-1)!.body).toMatch(/unsubscribe\?token=/);
    // the author is told as the author, not twice as a follower
    expect(
      (await erin.get(`/api/p/${SLUG}/notifications`)).body.items.filter((n: any) => n.objectId === p.body.id).map((n: any) => n.kind),
    ).toEqual(["proposal.answered", "proposal.published"]);

    // one click, no sign-in: the link asks to confirm, the POST unsubscribes; the link works once
    const ask = await app.client().get(unsubscribe);
    expect(ask.status).toBe(200);
    expect(ask.headers["cache-control"]).toBe("no-store");
    expect(String(ask.body)).toContain("Отписаться от уведомлений?");
    const done = await app.client().request("POST", unsubscribe, "List-Unsubscribe=One-Click", {
      "content-type": "application/x-www-form-urlencoded",
    });
    expect(done.status).toBe(200);
    expect(String(done.body)).toContain("Вы отписались");
    expect(String((await app.client().get(unsubscribe)).body)).toContain("Подписка уже отменена");
    const forged = await app.client().get(`/p/${SLUG}/unsubscribe?token=forged`);
    expect(forged.status).toBe(400);
    expect(String(forged.body)).toContain("Ссылка недействительна");
    const before = (await erin.get(`/api/p/${SLUG}/notifications`)).body.items.length;
    expect(
      (
        await economy.post("/api/portal/publications", {
          kind: "discussion",
          subjectKind: "amendment",
          subjectId: programId,
          startsOn: addDays(today(), 2),
          endsOn: addDays(today(), 41),
        })
      ).status,
    ).toBe(201);
    notes = (await erin.get(`/api/p/${SLUG}/notifications`)).body.items;
    expect(notes).toHaveLength(before);
  });
});
