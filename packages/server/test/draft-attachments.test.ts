/**
 * 220-п 4.7, 4.7.1 through the API: the documents of a draft — the financial-economic
 * justification, the methodology of calculation when an amendment adds indicators — and, where
 * the municipality's setting asks for them, a draft refused for review without them (422 naming
 * the rule and each missing document).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type Client, type TestApp } from "@orientir/testing";

let app: TestApp;
const c: Record<string, Client> = {};
let mp1: any;
let wf: any;
const submit = async () => c.executor!.post(`/api/workflows/${wf.id}/steps`, { version: wf.version, action: "submit" });
const PDF = Buffer.from("%PDF-1.7\nФЭО\n");
const b64 = (b: Buffer) => b.toString("base64");
const attach = async (kind: string, title: string, content: Buffer = PDF, filename = "doc.pdf") =>
  c.executor!.post(`/api/versions/${wf.programVersion.id}/attachments`, { kind, title, filename, contentBase64: b64(content) });
const attachments = async () => (await c.viewer!.get(`/api/versions/${wf.programVersion.id}/attachments`)).body;

beforeAll(async () => {
  app = await createTestApp();
  app.ctx.config.sessionTtlHours = 24 * 365 * 5;
  app.ctx.now = () => new Date("2026-05-15T09:00:00Z");
  for (const role of ["admin", "economy", "executor", "viewer"]) c[role] = await app.as(role);
  mp1 = (await c.admin!.get("/api/programs")).body.items.find((p: any) => p.code === "MP-1");
  expect(
    (await c.economy!.post(`/api/programs/${mp1.id}/versions/in-force`, { decreeNumber: "1-п", decreeDate: "2025-01-10" })).status,
  ).toBe(201);
  wf = (await c.executor!.post(`/api/programs/${mp1.id}/versions`, {})).body;
  // the amendment adds an indicator: 4.7.1 then asks for its methodology too
  const tree = (await c.admin!.get(`/api/programs/${mp1.id}/tree`)).body;
  const added = await c.executor!.post("/api/program-indicators", {
    programId: mp1.id,
    code: "И2",
    name: "Новый индикатор",
    unit: "%",
    trend: "increase",
    baseYear: 2024,
    goalId: tree.programGoals[0].id,
  });
  expect(added.status, JSON.stringify(added.body)).toBe(201);
  const note = (await c.executor!.get(`/api/versions/${wf.programVersion.id}/note`)).body;
  const reasons = Object.fromEntries(note.generated.missingReasons.map((p: string) => [p, "Новый индикатор по решению Думы"]));
  expect((await c.executor!.patch(`/api/versions/${wf.programVersion.id}/note`, { version: note.version, reasons })).status).toBe(200);
});
afterAll(async () => {
  await app?.close();
});

describe("220-п п. 4.7.1: the documents an amendment needs", () => {
  it("an amendment adding an indicator needs the justification and the methodology; nothing attached yet, not enforced", async () => {
    const a = await attachments();
    expect(a.required.map((r: any) => [r.kind, r.clause])).toEqual([
      ["financialJustification", "220-п 4.7.1"],
      ["methodology", "220-п 4.7.1"],
    ]);
    expect(a.missing).toEqual(["financialJustification", "methodology"]);
    expect(a.enforced).toBe(false);
    expect(a.editable).toBe(false); // the viewer
  });

  it("with the setting on, the draft is refused for review naming the rule and what is missing; attached, it goes", async () => {
    const s = (await c.admin!.get("/api/monitoring/settings")).body;
    const on = await c.admin!.request("PUT", "/api/monitoring/settings", { version: s.version, requireDraftAttachments: true });
    expect(on.status, JSON.stringify(on.body)).toBe(200);
    expect(on.body.requireDraftAttachments).toBe(true);

    const refused = await submit();
    expect(refused.status).toBe(422);
    expect(refused.body.error.rule).toBe("220-п 4.7.1");
    expect(refused.body.error.issues.map((i: any) => i.path)).toEqual(["attachments.financialJustification", "attachments.methodology"]);

    const first = await attach("financialJustification", "Финансово-экономическое обоснование от 12.05.2026", PDF, "ФЭО.pdf");
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body.missing).toEqual(["methodology"]);
    expect((await submit()).body.error.issues.map((i: any) => i.path)).toEqual(["attachments.methodology"]);
    const blank = await attach("methodology", "  ");
    expect(blank.status).toBe(400);
    const second = await attach("methodology", "Методика расчета индикатора И2 (распоряжение № 15-р от 10.05.2026)");
    expect(second.body.missing).toEqual([]);
    const sent = await submit();
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    expect(sent.body.state).toBe("economyReview");
    wf = sent.body;
  });

  it("under review the documents are frozen with the draft", async () => {
    const a = await attachments();
    const r = await c.executor!.delete(`/api/versions/${wf.programVersion.id}/attachments/${a.items[0].id}`);
    expect(r.status).toBe(409);
    expect(a.items.map((i: any) => i.kind)).toEqual(["financialJustification", "methodology"]);
  });
});

describe("220-п п. 4.7: a draft's document is a file (PDF, DOCX, XLSX by content, up to 5 MB), downloaded as attached", () => {
  let draft: any;
  beforeAll(async () => {
    // a fresh amendment of MP-2, with the executor
    const mp2 = (await c.admin!.get("/api/programs")).body.items.find((p: any) => p.code === "MP-2");
    await c.economy!.post(`/api/programs/${mp2.id}/versions/in-force`, { decreeNumber: "2-п", decreeDate: "2025-01-10" });
    const started = await c.admin!.post(`/api/programs/${mp2.id}/versions`, {});
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    draft = started.body;
  });
  const post = (body: object) => c.admin!.post(`/api/versions/${draft.programVersion.id}/attachments`, body);

  it("the file is listed with its name, type and size, and downloads byte for byte", async () => {
    const r = await post({ kind: "financialJustification", title: "ФЭО № 3", filename: "ФЭО.pdf", contentBase64: b64(PDF) });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const item = r.body.items[0];
    expect(item.file).toEqual({ filename: "ФЭО.pdf", contentType: "application/pdf", size: PDF.length });
    // who attached it, by name (the page shows the name, never the login)
    expect(item.createdByName).toBe("Администратор");
    const got = await c.viewer!.get(`/api/versions/${draft.programVersion.id}/attachments/${item.id}/content`);
    expect(got.status).toBe(200);
    expect(got.headers["content-type"]).toContain("application/pdf");
    expect(Buffer.from(got.body)).toEqual(PDF);
  });

  it("the type is judged by the content: a text named .pdf, or a PNG, is refused with 400 naming the content", async () => {
    const text = await post({ kind: "methodology", title: "Методика", filename: "m.pdf", contentBase64: b64(Buffer.from("not a pdf")) });
    expect(text.status).toBe(400);
    expect(text.body.error.issues[0].path).toBe("content");
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
    const pic = await post({ kind: "methodology", title: "Методика", filename: "m.png", contentBase64: b64(png) });
    expect(pic.status).toBe(400);
    expect(pic.body.error.issues[0].message).toMatch(/PDF, DOCX или XLSX/);
  });

  it("larger than 5 MB is refused (400), and nothing is written", async () => {
    const big = Buffer.concat([PDF, Buffer.alloc(5 * 1024 * 1024)]);
    const r = await post({ kind: "methodology", title: "Методика", filename: "big.pdf", contentBase64: b64(big) });
    expect(r.status).toBe(400);
    expect(r.body.error.issues[0].path).toBe("content");
    expect((await c.viewer!.get(`/api/versions/${draft.programVersion.id}/attachments`)).body.items).toHaveLength(1);
  });

  it("removed with its file: the download is then 404", async () => {
    const list = (await c.viewer!.get(`/api/versions/${draft.programVersion.id}/attachments`)).body;
    const id = list.items[0].id;
    expect((await c.admin!.delete(`/api/versions/${draft.programVersion.id}/attachments/${id}`)).status).toBe(200);
    expect((await c.viewer!.get(`/api/versions/${draft.programVersion.id}/attachments/${id}/content`)).status).toBe(404);
  });
});
