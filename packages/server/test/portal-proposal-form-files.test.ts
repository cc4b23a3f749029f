/**
 * Issue 14, part 3: files attached to a proposal through the portal's HTML form
 * (multipart/form-data, no script), through the same use case as the JSON API — the same limits,
 * the type judged by the content, nothing written when one file is refused — and the refused form
 * shown again with a message naming the file.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, createTestApp, type TestApp } from "@orientir/testing";
import { signInResident } from "./portal-resident.ts";

let app: TestApp;
let economy: Client;
let alice: Client;
let publicationId: string;
let csrf: string;

const SLUG = "gorod-f";
const day = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
const PDF = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
const GIF = Buffer.from("GIF89a\x01\x00\x01\x00\x00\x00\x00;", "latin1");

type Part = { name: string; value: string } | { name: string; filename: string; content: Buffer; type?: string };

/** A multipart/form-data body as a browser sends it. */
function multipart(parts: Part[]): { body: Buffer; contentType: string } {
  const boundary = `----orientir${Math.random().toString(16).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const p of parts) {
    if ("value" in p) {
      chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"\r\n\r\n${p.value}\r\n`));
    } else {
      chunks.push(
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"; filename="${p.filename}"\r\nContent-Type: ${p.type ?? "application/octet-stream"}\r\n\r\n`,
        ),
        p.content,
        Buffer.from("\r\n"),
      );
    }
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

async function postForm(c: Client, fields: Record<string, string>, files: { filename: string; content: Buffer }[], headers = {}) {
  const { body, contentType } = multipart([
    ...Object.entries(fields).map(([name, value]) => ({ name, value })),
    ...files.map((f) => ({ name: "files", ...f })),
  ]);
  return c.request("POST", `/p/${SLUG}/publications/${publicationId}/proposals`, body, { "content-type": contentType, ...headers });
}

const count = async (table: string) => Number((await app.ctx.db.query(`SELECT count(*) FROM ${table}`)).rows[0]!.count);
const counts = async () => [await count("proposal"), await count("proposal_file"), await count("stored_file")];

beforeAll(async () => {
  app = await createTestApp();
  const admin = await app.as("admin");
  economy = await app.as("economy");
  const programId = (await admin.get("/api/programs")).body.items[0].id;
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
  alice = await signInResident(app, SLUG, "alice-f@example.org", "Смирнова Алла Петровна");
  const page = String((await alice.get(`/p/${SLUG}/publications/${publicationId}`)).body);
  csrf = /name="csrf" value="([^"]+)"/.exec(page)![1]!;
});

afterAll(async () => {
  await app?.close();
});

describe("the proposal form of the portal, with files", () => {
  it("is a multipart form with a multiple file field", async () => {
    const page = String((await alice.get(`/p/${SLUG}/publications/${publicationId}`)).body);
    const form = /<form[^>]*id="proposal-form"[^>]*>/.exec(page)![0];
    expect(form).toContain('method="post"');
    expect(form).toMatch(/enctype="multipart\/form-data"/i);
    const input = /<input type="file"[^>]*>/.exec(page)![0];
    expect(input).toContain('name="files"');
    expect(input).toContain('multiple=""');
  });

  it("takes a good file with the proposal; it is listed and downloadable once the proposal is published", async () => {
    const before = await counts();
    const text = "Схема велодорожки приложена (форма)";
    const r = await postForm(alice, { csrf, kind: "proposal", anchor: "document", text }, [
      { filename: "схема.pdf", content: PDF },
      { filename: "фото.png", content: PNG },
    ]);
    expect(r.status, String(r.body)).toBe(303);
    expect(String(r.headers.location)).toMatch(new RegExp(`^/p/${SLUG}/publications/${publicationId}#proposal-`));
    expect(await counts()).toEqual([before[0]! + 1, before[1]! + 2, before[2]! + 2]);
    const mine = (await economy.get(`/api/portal/proposals?publicationId=${publicationId}`)).body.items.find((p: any) => p.text === text);
    expect(mine.files.map((f: any) => [f.filename, f.contentType, f.size])).toEqual([
      ["схема.pdf", "application/pdf", PDF.length],
      ["фото.png", "image/png", PNG.length],
    ]);
    const url = `/p/${SLUG}/proposals/${mine.id}/files/${mine.files[0].id}`;
    // awaiting moderation: the author sees the link, the public neither the proposal nor the file
    expect(String((await alice.get(`/p/${SLUG}/publications/${publicationId}`)).body)).toContain(url);
    expect(String((await app.client().get(`/p/${SLUG}/publications/${publicationId}`)).body)).not.toContain(url);
    expect((await app.client().get(url)).status).toBe(404);
    expect(
      (await economy.post(`/api/portal/proposals/${mine.id}/moderation`, { version: mine.version, moderation: "published" })).status,
    ).toBe(200);
    const page = String((await app.client().get(`/p/${SLUG}/publications/${publicationId}`)).body);
    expect(page).toContain(`href="${url}"`);
    expect(page).toContain("схема.pdf");
    const file = await app.server.inject({ method: "GET", url });
    expect(file.statusCode).toBe(200);
    expect(file.headers["content-type"]).toBe("application/pdf");
    expect(file.rawPayload.equals(PDF)).toBe(true);
  });

  it("an empty file field (nothing chosen) makes a proposal without files", async () => {
    const before = await counts();
    const r = await postForm(alice, { csrf, kind: "remark", anchor: "document", text: "Без файла" }, [
      { filename: "", content: Buffer.alloc(0) },
    ]);
    expect(r.status, String(r.body)).toBe(303);
    expect(await counts()).toEqual([before[0]! + 1, before[1], before[2]]);
  });

  it("a too big file: the form again (400) naming the file, with the text kept; nothing written", async () => {
    const before = await counts();
    const big = Buffer.concat([PDF, Buffer.alloc(5 * 1024 * 1024)]);
    const r = await postForm(alice, { csrf, kind: "remark", anchor: "document", text: "Текст с большим файлом", orgName: "" }, [
      { filename: "ok.pdf", content: PDF },
      { filename: "большой.pdf", content: big },
    ]);
    expect(r.status).toBe(400);
    expect(r.headers["cache-control"]).toBe("no-store");
    const html = String(r.body);
    expect(html).toContain("Предложение не принято");
    expect(html).toContain("Файл «большой.pdf» больше допустимых 5,0 МБ");
    expect(html).not.toContain("«ok.pdf»");
    // the form is shown again with what was typed
    expect(html).toContain('id="proposal-form"');
    expect(html).toMatch(/<textarea name="text"[^>]*>Текст с большим файлом<\/textarea>/);
    expect(html).toMatch(/<input type="radio" name="kind" checked="" value="remark"\/>/);
    expect(await counts()).toEqual(before);
  });

  it("a file of a wrong type (by its content, whatever its name): refused naming it; nothing written", async () => {
    const before = await counts();
    const r = await postForm(alice, { csrf, kind: "proposal", anchor: "document", text: "С картинкой GIF" }, [
      { filename: "good.pdf", content: PDF },
      { filename: "картинка.pdf", content: GIF },
    ]);
    expect(r.status).toBe(400);
    const html = String(r.body);
    expect(html).toContain("Файл «картинка.pdf»: недопустимый тип файла");
    expect(html).not.toContain("«good.pdf»");
    expect(await counts()).toEqual(before);
  });

  it("four files: refused (at most three); nothing written", async () => {
    const before = await counts();
    const r = await postForm(
      alice,
      { csrf, kind: "proposal", anchor: "document", text: "Четыре файла" },
      Array.from({ length: 4 }, (_, i) => ({ filename: `${i + 1}.pdf`, content: PDF })),
    );
    expect(r.status).toBe(400);
    expect(String(r.body)).toContain("Не больше 3 файлов к предложению");
    expect(String(r.body)).toContain("Четыре файла");
    // many more than that are not read at all, and refused the same way
    const many = await postForm(
      alice,
      { csrf, kind: "proposal", anchor: "document", text: "Тридцать файлов" },
      Array.from({ length: 30 }, (_, i) => ({ filename: `${i + 1}.pdf`, content: PDF })),
    );
    expect(many.status).toBe(400);
    expect(String(many.body)).toContain("Не больше 3 файлов к предложению");
    expect(await counts()).toEqual(before);
  });

  it("keeps CSRF protection: no token, another site, or no session is refused, nothing written", async () => {
    const before = await counts();
    const fields = { kind: "proposal", anchor: "document", text: "Подделка" };
    const files = [{ filename: "a.pdf", content: PDF }];
    expect((await postForm(alice, { ...fields, csrf: "forged" }, files)).status).toBe(403);
    expect((await postForm(alice, fields, files)).status).toBe(403);
    expect((await postForm(alice, { ...fields, csrf }, files, { origin: "https://evil.example" })).status).toBe(403);
    expect((await postForm(app.client(), { ...fields, csrf }, files)).status).toBe(401);
    expect(await counts()).toEqual(before);
  });

  it("the API still takes JSON only: a multipart body there is refused", async () => {
    alice.csrf = csrf;
    const { body, contentType } = multipart([{ name: "kind", value: "proposal" }]);
    const r = await alice.request("POST", `/api/p/${SLUG}/publications/${publicationId}/proposals`, body, { "content-type": contentType });
    expect(r.status).toBe(415);
  });
});
