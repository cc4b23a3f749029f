/**
 * Issue 14, part 3 (rest): files attached to proposals (type judged by the content, size limited,
 * a 400 naming the field and nothing written), proposals on behalf of an organisation (shown, and
 * in the protocol, as the organisation), comments moderated like proposals, and abuse reports
 * that hide content only by a staff decision, without revealing the reporter to the author.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, createTestApp, type TestApp } from "@orientir/testing";

let app: TestApp;
let admin: Client;
let economy: Client;
let alice: Client;
let bob: Client;
let aliceId: string;
let bobId: string;
let programId: string;
let publicationId: string;

const SLUG = "gorod-u";
const day = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
const PDF = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
const GIF = Buffer.from("GIF89a\x01\x00\x01\x00\x00\x00\x00;", "latin1");
const b64 = (b: Buffer) => b.toString("base64");

async function resident(email: string, fullName: string): Promise<Client> {
  const c = app.client();
  c.ip = `10.7.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
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

async function residentId(email: string): Promise<string> {
  return (await app.ctx.db.query<{ id: string }>(`SELECT id FROM resident WHERE email = $1`, [email])).rows[0]!.id;
}

async function notices(id: string): Promise<{ kind: string; subject: string; body: string }[]> {
  return (
    await app.ctx.db.query<{ kind: string; subject: string; body: string }>(
      `SELECT kind, subject, body FROM resident_notification WHERE resident_id = $1 ORDER BY created_at, id`,
      [id],
    )
  ).rows;
}

async function propose(c: Client, text: string, extra: Record<string, unknown> = {}, pub = publicationId) {
  return c.post(`/api/p/${SLUG}/publications/${pub}/proposals`, { kind: "proposal", anchor: "document", text, ...extra });
}

async function publish(p: { id: string; version: number }) {
  const r = await economy.post(`/api/portal/proposals/${p.id}/moderation`, { version: p.version, moderation: "published" });
  expect(r.status).toBe(200);
  return r.body;
}

async function mailsTo(to: string): Promise<{ subject: string; body: string }[]> {
  const r = await app.ctx.db.query<{ subject: string; body: string }>(
    `SELECT subject, body FROM email_outbox WHERE to_address = $1 ORDER BY created_at, id`,
    [to],
  );
  return r.rows;
}

const countProposals = async () => Number((await app.ctx.db.query(`SELECT count(*) FROM proposal`)).rows[0]!.count);
const countFiles = async () => Number((await app.ctx.db.query(`SELECT count(*) FROM stored_file`)).rows[0]!.count);

beforeAll(async () => {
  app = await createTestApp();
  admin = await app.as("admin");
  economy = await app.as("economy");
  programId = (await admin.get("/api/programs")).body.items[0].id;
  expect((await admin.request("PUT", "/api/portal/settings", { slug: SLUG, moderation: "pre", minDiscussionDays: 5 })).status).toBe(200);
  const r = await economy.post("/api/portal/publications", {
    kind: "discussion",
    subjectKind: "program",
    subjectId: programId,
    startsOn: day(-1),
    endsOn: day(20),
  });
  expect(r.status).toBe(201);
  publicationId = r.body.id;
  alice = await resident("alice-u@example.org", "Смирнова Алла Петровна");
  bob = await resident("bob-u@example.org", "Петров Борис Игоревич");
  aliceId = await residentId("alice-u@example.org");
  bobId = await residentId("bob-u@example.org");
});

afterAll(async () => {
  await app?.close();
});

describe("files attached to a proposal", () => {
  it("are refused by their content and size with a 400 naming the field, and nothing is written", async () => {
    const before = [await countProposals(), await countFiles()];
    // a GIF is not among the accepted types (PDF, DOCX, XLSX, PNG, JPEG)
    const gif = await propose(alice, "С картинкой", { files: [{ filename: "pic.gif", contentBase64: b64(GIF) }] });
    expect(gif.status).toBe(400);
    expect(gif.body.error.issues.map((i: any) => i.path)).toEqual(["body.files.0.contentBase64"]);
    // a name that claims PDF does not make one: the second file is judged by its bytes
    const fake = await propose(alice, "С подделкой", {
      files: [
        { filename: "ok.pdf", contentBase64: b64(PDF) },
        { filename: "report.pdf", contentBase64: b64(Buffer.from("MZ\x90\x00 this is a program", "latin1")) },
      ],
    });
    expect(fake.status).toBe(400);
    expect(fake.body.error.issues.map((i: any) => i.path)).toEqual(["body.files.1.contentBase64"]);
    // larger than 5 MiB
    const big = Buffer.concat([PDF, Buffer.alloc(5 * 1024 * 1024)]);
    const large = await propose(alice, "Большой файл", { files: [{ filename: "big.pdf", contentBase64: b64(big) }] });
    expect(large.status).toBe(400);
    expect(large.body.error.issues[0].path).toBe("body.files.0.contentBase64");
    expect(large.body.error.issues[0].message).toMatch(/больше допустимых 5,0 МБ/);
    // more than three
    const many = await propose(alice, "Много файлов", {
      files: Array.from({ length: 4 }, (_, i) => ({ filename: `${i}.pdf`, contentBase64: b64(PDF) })),
    });
    expect(many.status).toBe(400);
    expect(many.body.error.issues[0].path).toBe("body.files");
    expect([await countProposals(), await countFiles()]).toEqual(before);
  });

  it("are stored with the proposal, typed by content, and downloadable on the portal once it is published", async () => {
    const r = await propose(alice, "Схема велодорожек приложена", {
      files: [
        { filename: "../../etc/схема.pdf", contentBase64: b64(PDF) },
        { filename: "photo.txt", contentBase64: b64(PNG) },
      ],
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.files.map((f: any) => [f.filename, f.contentType, f.size])).toEqual([
      ["схема.pdf", "application/pdf", PDF.length],
      ["photo.txt", "image/png", PNG.length],
    ]);
    const [pdf] = r.body.files;
    const url = `/p/${SLUG}/proposals/${r.body.id}/files/${pdf.id}`;
    // awaiting moderation: not public; the moderator reads it
    expect((await app.client().get(url)).status).toBe(404);
    const staff = await economy.get(`/api/portal/proposals/${r.body.id}/files/${pdf.id}`);
    expect(staff.status).toBe(200);
    expect((await app.server.inject({ method: "GET", url, headers: { cookie: alice.cookie } })).statusCode).toBe(200);
    await publish(r.body);
    const res = await app.server.inject({ method: "GET", url });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("application/pdf");
    expect(res.rawPayload.equals(PDF)).toBe(true);
    const page = await app.client().get(`/p/${SLUG}/publications/${publicationId}`);
    expect(page.body).toContain(url);
    // a file of another proposal is not reachable through this one
    const other = await propose(bob, "Без файлов");
    await publish(other.body);
    expect((await app.client().get(`/p/${SLUG}/proposals/${other.body.id}/files/${pdf.id}`)).status).toBe(404);
  });
});

describe("a proposal on behalf of an organisation", () => {
  it("checks INN and OGRN, and is shown and put in the protocol as the organisation, not the person", async () => {
    const bad = await propose(bob, "От ТОС", { organisation: { name: "ТОС «Северный»", inn: "7707083894", role: "председатель" } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues.map((i: any) => i.path)).toEqual(["body.organisation.inn"]);
    const badOgrn = await propose(bob, "От ТОС", { organisation: { name: "ТОС «Северный»", ogrn: "1027700132196", role: "председатель" } });
    expect(badOgrn.body.error.issues.map((i: any) => i.path)).toEqual(["body.organisation.ogrn"]);

    // a publication of its own whose term then ends, to generate its protocol
    const pub = (
      await economy.post("/api/portal/publications", {
        kind: "discussion",
        subjectKind: "program",
        subjectId: programId,
        startsOn: day(-1),
        endsOn: day(20),
      })
    ).body.id;
    const org = await propose(
      bob,
      "Предлагаем включить ремонт спортплощадок",
      { organisation: { name: "АНО «Спорт для всех»", inn: "7707083893", ogrn: "1027700132195", role: "директор" } },
      pub,
    );
    expect(org.status, JSON.stringify(org.body)).toBe(201);
    expect(org.body.authorName).toBe("АНО «Спорт для всех»");
    expect(org.body.organisation).toEqual({ name: "АНО «Спорт для всех»", inn: "7707083893", ogrn: "1027700132195", role: "директор" });
    const own = await propose(alice, "Личное предложение", {}, pub);
    const rude = await propose(alice, "Грубый текст в протокол не попадет", {}, pub);
    for (const p of [org.body, own.body, rude.body]) {
      const m = await publish(p);
      expect(
        (
          await economy.post(`/api/portal/proposals/${p.id}/answer`, {
            version: m.version,
            decision: "outOfScope",
            answer: "Вне предмета программы",
          })
        ).status,
      ).toBe(200);
    }
    // hidden after an abuse report: the protocol lists it without republishing its text
    const rep = await bob.post(`/api/p/${SLUG}/reports`, { targetType: "proposal", targetId: rude.body.id, reason: "Грубость" });
    expect(
      (await economy.post(`/api/portal/reports/${rep.body.id}/decision`, { version: 1, decision: "hide", reason: "Оскорбление" })).status,
    ).toBe(200);
    const page = await app.client().get(`/p/${SLUG}/publications/${pub}`);
    expect(page.body).toContain("АНО «Спорт для всех»");
    expect(page.body).not.toContain("Петров Б. И.");
    await app.ctx.db.query(`UPDATE publication SET starts_on = $2, ends_on = $3 WHERE id = $1`, [pub, day(-30), day(-1)]);
    const protocol = await economy.post(`/api/portal/publications/${pub}/protocol`, { number: "ПО-7" });
    expect(protocol.status, JSON.stringify(protocol.body)).toBe(201);
    expect(protocol.body.rows.map((r: any) => r.author)).toEqual(["АНО «Спорт для всех»", "Смирнова А. П.", "Смирнова А. П."]);
    expect(protocol.body.rows[2].text).toBe("(текст скрыт модератором: Оскорбление)");
    expect(JSON.stringify(protocol.body)).not.toContain("Грубый текст");
    expect(JSON.stringify(protocol.body)).not.toContain("Петров");
  });
});

describe("comments on proposals", () => {
  it("are moderated like proposals (pre- or post-), and the author of the proposal is told of each", async () => {
    const p = await publish((await propose(alice, "Озеленить двор школы № 5")).body);
    const c = await bob.post(`/api/p/${SLUG}/proposals/${p.id}/comments`, { text: "Поддерживаю, и добавить скамейки" });
    expect(c.status).toBe(201);
    expect(c.body.moderation).toBe("pending");
    expect(c.body.authorName).toBe("Петров Б. И.");
    // pending: not public, in the staff queue
    expect((await app.client().get(`/api/p/${SLUG}/proposals/${p.id}/comments`)).body.items).toEqual([]);
    const queue = await economy.get("/api/portal/comments?moderation=pending");
    expect(queue.body.items.map((x: any) => x.id)).toContain(c.body.id);
    // a rejection needs its reason; an executor may not moderate
    const noReason = await economy.post(`/api/portal/comments/${c.body.id}/moderation`, {
      version: c.body.version,
      moderation: "rejected",
    });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.issues[0].path).toBe("body.reason");
    expect(
      (
        await (
          await app.as("executor")
        ).post(`/api/portal/comments/${c.body.id}/moderation`, { version: c.body.version, moderation: "published" })
      ).status,
    ).toBe(403);
    const before = (await notices(aliceId)).length;
    const ok = await economy.post(`/api/portal/comments/${c.body.id}/moderation`, { version: c.body.version, moderation: "published" });
    expect(ok.status).toBe(200);
    // a stale version is 409
    expect(
      (await economy.post(`/api/portal/comments/${c.body.id}/moderation`, { version: c.body.version, moderation: "rejected", reason: "x" }))
        .status,
    ).toBe(409);
    const pub = await app.client().get(`/api/p/${SLUG}/proposals/${p.id}/comments`);
    expect(pub.body.items.map((x: any) => x.text)).toEqual(["Поддерживаю, и добавить скамейки"]);
    const told = (await notices(aliceId)).slice(before);
    expect(told.map((n) => n.kind)).toEqual(["proposal.comment"]);
    expect((await notices(bobId)).map((n) => n.kind)).toContain("comment.published");
    expect((await app.client().get(`/p/${SLUG}/publications/${publicationId}`)).body).toContain("Поддерживаю, и добавить скамейки");

    // a rejected comment stays out, with its reason told to its author
    const spam = await bob.post(`/api/p/${SLUG}/proposals/${p.id}/comments`, { text: "Купите окна недорого" });
    const rej = await economy.post(`/api/portal/comments/${spam.body.id}/moderation`, {
      version: spam.body.version,
      moderation: "rejected",
      reason: "Реклама",
    });
    expect(rej.status).toBe(200);
    expect((await notices(bobId)).at(-1)!.body).toContain("Причина: Реклама");
    expect((await app.client().get(`/api/p/${SLUG}/proposals/${p.id}/comments`)).body.items).toHaveLength(1);

    // post-moderation: public at once, the proposal's author told at once
    expect((await admin.request("PUT", "/api/portal/settings", { slug: SLUG, moderation: "post", minDiscussionDays: 5 })).status).toBe(200);
    const now = await bob.post(`/api/p/${SLUG}/proposals/${p.id}/comments`, { text: "И фонари" });
    expect(now.body.moderation).toBe("published");
    expect((await app.client().get(`/api/p/${SLUG}/proposals/${p.id}/comments`)).body.items).toHaveLength(2);
    expect((await notices(aliceId)).at(-1)!.kind).toBe("proposal.comment");
    expect((await admin.request("PUT", "/api/portal/settings", { slug: SLUG, moderation: "pre", minDiscussionDays: 5 })).status).toBe(200);
    // an audit entry for the comment and for its moderation
    const actions = (
      await app.ctx.db.query<{ action: string }>(`SELECT action FROM audit_log WHERE object_id = $1 ORDER BY id`, [c.body.id])
    ).rows.map((r) => r.action);
    expect(actions).toEqual(["portal.comment", "portal.commentModerate"]);
  });

  it("by the HTML form: a comment and a report without a script", async () => {
    const p = await publish((await propose(alice, "Форма комментария")).body);
    const form = (url: string, fields: Record<string, string>) =>
      bob.request("POST", url, new URLSearchParams({ csrf: bob.csrf, ...fields }).toString(), {
        "content-type": "application/x-www-form-urlencoded",
      });
    const c = await form(`/p/${SLUG}/proposals/${p.id}/comments`, { text: "Комментарий формой" });
    expect(c.status).toBe(303);
    expect(String(c.headers.location)).toMatch(new RegExp(`/p/${SLUG}/publications/${publicationId}#comment-`));
    const r = await form(`/p/${SLUG}/reports`, { targetType: "proposal", targetId: p.id, reason: "Не по теме" });
    expect(r.status).toBe(303);
    const wrong = await bob.request(
      "POST",
      `/p/${SLUG}/reports`,
      new URLSearchParams({ csrf: "bad", targetType: "proposal", targetId: p.id, reason: "x" }).toString(),
      {
        "content-type": "application/x-www-form-urlencoded",
      },
    );
    expect(wrong.status).toBe(403);
  });
});

describe("abuse reports", () => {
  it("hide nothing by themselves; staff hide or keep with a reason; the reporter is told the decision; the author is never told who reported", async () => {
    const p = await publish((await propose(alice, "Текст, на который пожалуются")).body);
    const page = async () => (await app.client().get(`/p/${SLUG}/publications/${publicationId}`)).body as string;
    const r1 = await bob.post(`/api/p/${SLUG}/reports`, { targetType: "proposal", targetId: p.id, reason: "Оскорбление" });
    expect(r1.status).toBe(201);
    // the report alone hides nothing
    expect(await page()).toContain("Текст, на который пожалуются");
    // a second open report by the same resident is 409; a reason is required
    expect((await bob.post(`/api/p/${SLUG}/reports`, { targetType: "proposal", targetId: p.id, reason: "Еще раз" })).status).toBe(409);
    const empty = await bob.post(`/api/p/${SLUG}/reports`, { targetType: "proposal", targetId: p.id, reason: " " });
    expect(empty.status).toBe(400);
    expect(empty.body.error.issues[0].path).toBe("body.reason");
    // the staff queue: the content and the reason, nothing of the reporter
    const queue = await economy.get("/api/portal/reports?status=open");
    const item = queue.body.items.find((x: any) => x.id === r1.body.id);
    expect(item.target.text).toBe("Текст, на который пожалуются");
    expect(JSON.stringify(queue.body)).not.toContain(bobId);
    expect(JSON.stringify(queue.body)).not.toContain("bob-u@example.org");
    // only those who moderate decide
    expect(
      (
        await (
          await app.as("viewer")
        ).post(`/api/portal/reports/${r1.body.id}/decision`, { version: item.version, decision: "hide", reason: "x" })
      ).status,
    ).toBe(403);
    // keep: still shown
    const kept = await economy.post(`/api/portal/reports/${r1.body.id}/decision`, {
      version: item.version,
      decision: "keep",
      reason: "Оскорблений нет",
    });
    expect(kept.status).toBe(200);
    expect(kept.body.status).toBe("kept");
    expect(await page()).toContain("Текст, на который пожалуются");
    // the reporter is told the decision and its reason (in the portal and by e-mail); the author is not told of a kept report
    const bobNotes = (await bob.get(`/api/p/${SLUG}/notifications`)).body.items;
    expect(bobNotes[0]).toMatchObject({ kind: "report.kept", objectType: "abuseReport", objectId: r1.body.id });
    expect(bobNotes[0].subject).toBe("Ваша жалоба рассмотрена");
    expect(bobNotes[0].body).toContain("модератор оставил это предложение на портале");
    expect(bobNotes[0].body).toContain("Причина решения: Оскорблений нет");
    expect(bobNotes[0].link).toBe(`/p/${SLUG}/publications/${publicationId}#proposal-${p.id}`);
    const keptMail = (await mailsTo("bob-u@example.org")).at(-1)!;
    expect(keptMail.subject).toBe("[Ориентир] Ваша жалоба рассмотрена");
    expect(keptMail.body).toContain("Оскорблений нет");
    expect((await notices(aliceId)).map((n) => n.kind)).not.toContain("report.kept");
    expect(
      (await economy.post(`/api/portal/reports/${r1.body.id}/decision`, { version: kept.body.version, decision: "hide", reason: "x" }))
        .status,
    ).toBe(422);
    // a new report, then hide: gone from the portal, the reason shown, files closed, the author told why (not by whom)
    const r2 = await bob.post(`/api/p/${SLUG}/reports`, { targetType: "proposal", targetId: p.id, reason: "Все-таки оскорбление" });
    expect(r2.status).toBe(201);
    // a second reporter of the same content: their report closes with the decision, and they are told too
    const carol = await resident("carol-u@example.org", "Сидорова Карина");
    const carolId = await residentId("carol-u@example.org");
    const r3 = await carol.post(`/api/p/${SLUG}/reports`, { targetType: "proposal", targetId: p.id, reason: "Грубо" });
    expect(r3.status).toBe(201);
    const bobBefore = (await notices(bobId)).length;
    const open = (await economy.get("/api/portal/reports?status=open")).body.items.find((x: any) => x.id === r2.body.id);
    const before = (await notices(aliceId)).length;
    const hidden = await economy.post(`/api/portal/reports/${r2.body.id}/decision`, {
      version: open.version,
      decision: "hide",
      reason: "Нарушает правила портала",
    });
    expect(hidden.status).toBe(200);
    const html = await page();
    expect(html).not.toContain("Текст, на который пожалуются");
    expect(html).toContain("Нарушает правила портала");
    const told = (await notices(aliceId)).slice(before);
    expect(told.map((n) => n.kind)).toEqual(["content.hidden"]);
    expect(JSON.stringify(told)).not.toMatch(/Петров|bob-u/);
    expect(JSON.stringify(told)).toContain("Нарушает правила портала");
    // each reporter told of the decision on their own report, and nothing of the other reporter
    const toBob = (await notices(bobId)).slice(bobBefore);
    expect(toBob.map((n) => n.kind)).toEqual(["report.hidden"]);
    expect(toBob[0]!.body).toContain("модератор скрыл это предложение на портале");
    expect(toBob[0]!.body).toContain("Причина решения: Нарушает правила портала");
    const toCarol = await notices(carolId);
    expect(toCarol.map((n) => n.kind)).toEqual(["report.hidden"]);
    expect(JSON.stringify([toBob, toCarol])).not.toMatch(/Сидорова|Петров|carol-u|bob-u/);
    expect(
      (
        await app.ctx.db.query(`SELECT id FROM resident_notification WHERE kind = 'report.hidden' AND object_id = ANY($1) ORDER BY id`, [
          [r2.body.id, r3.body.id],
        ])
      ).rows,
    ).toHaveLength(2);
    expect((await economy.get("/api/portal/reports?status=open")).body.items.map((x: any) => x.id)).not.toContain(r3.body.id);
    expect((await mailsTo("carol-u@example.org")).at(-1)!.body).toContain("Нарушает правила портала");
    // a hidden proposal cannot be supported or commented
    expect((await bob.post(`/api/p/${SLUG}/proposals/${p.id}/support`, {})).status).toBe(404);
    expect((await bob.post(`/api/p/${SLUG}/proposals/${p.id}/comments`, { text: "x" })).status).toBe(404);
    // staff still see it, with the reason
    const staff = (await economy.get(`/api/portal/proposals?publicationId=${publicationId}`)).body.items.find((x: any) => x.id === p.id);
    expect(staff.text).toBe("Текст, на который пожалуются");
    expect(staff.hiddenReason).toBe("Нарушает правила портала");
  });

  it("on a comment: hidden after the decision only", async () => {
    const p = await publish((await propose(alice, "Предложение с плохим комментарием")).body);
    const c = await bob.post(`/api/p/${SLUG}/proposals/${p.id}/comments`, { text: "Грубый комментарий" });
    await economy.post(`/api/portal/comments/${c.body.id}/moderation`, { version: c.body.version, moderation: "published" });
    const rep = await alice.post(`/api/p/${SLUG}/reports`, { targetType: "comment", targetId: c.body.id, reason: "Грубость" });
    expect(rep.status).toBe(201);
    const comments = async () => (await app.client().get(`/api/p/${SLUG}/proposals/${p.id}/comments`)).body.items;
    expect((await comments())[0].text).toBe("Грубый комментарий");
    const open = (await economy.get("/api/portal/reports")).body.items.find((x: any) => x.id === rep.body.id);
    expect(open.target.authorName).toBe("Петров Б. И.");
    const d = await economy.post(`/api/portal/reports/${rep.body.id}/decision`, {
      version: open.version,
      decision: "hide",
      reason: "Грубость",
    });
    expect(d.status).toBe(200);
    expect((await comments())[0]).toMatchObject({ text: "", hiddenReason: "Грубость" });
    expect((await notices(bobId)).at(-1)).toMatchObject({ kind: "content.hidden" });
    expect((await notices(bobId)).at(-1)!.body).not.toContain("Смирнова");
    // the reporter (alice) is told the comment was hidden, and why
    expect((await notices(aliceId)).at(-1)).toMatchObject({ kind: "report.hidden" });
    expect((await notices(aliceId)).at(-1)!.body).toMatch(
      /жалоба на комментарий \(«Грубый комментарий»\).*скрыл этот комментарий.*Причина решения: Грубость/,
    );
    // a report on a comment of another municipality's portal, or unknown: 404
    expect((await alice.post(`/api/p/${SLUG}/reports`, { targetType: "comment", targetId: p.id, reason: "x" })).status).toBe(404);
  });
});

describe("the proposal form of the page", () => {
  it("is shown to a signed-in resident while the discussion is open, and takes an organisation", async () => {
    const page = await alice.get(`/p/${SLUG}/publications/${publicationId}`);
    expect(page.body).toContain(`action="/p/${SLUG}/publications/${publicationId}/proposals"`);
    expect(page.body).toContain('name="orgName"');
    expect((await app.client().get(`/p/${SLUG}/publications/${publicationId}`)).body).not.toContain('name="orgName"');
    const post = (fields: Record<string, string>) =>
      alice.request(
        "POST",
        `/p/${SLUG}/publications/${publicationId}/proposals`,
        new URLSearchParams({ csrf: alice.csrf, ...fields }).toString(),
        {
          "content-type": "application/x-www-form-urlencoded",
        },
      );
    const bad = await post({
      kind: "proposal",
      anchor: "document",
      text: "От ТОС формой",
      orgName: "ТОС «Южный»",
      orgInn: "123",
      orgRole: "председатель",
    });
    expect(bad.status).toBe(400);
    expect(bad.body).toContain("ИНН");
    const ok = await post({
      kind: "proposal",
      anchor: "document",
      text: "От ТОС формой",
      orgName: "ТОС «Южный»",
      orgInn: "",
      orgRole: "председатель",
    });
    expect(ok.status).toBe(303);
    const mine = (await economy.get(`/api/portal/proposals?publicationId=${publicationId}`)).body.items.find(
      (p: any) => p.text === "От ТОС формой",
    );
    expect(mine.authorName).toBe("ТОС «Южный»");
    expect(mine.organisation).toEqual({ name: "ТОС «Южный»", inn: null, ogrn: null, role: "председатель" });
  });
});
