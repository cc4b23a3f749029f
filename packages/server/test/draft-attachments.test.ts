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

    const first = await c.executor!.post(`/api/versions/${wf.programVersion.id}/attachments`, {
      kind: "financialJustification",
      title: "Финансово-экономическое обоснование от 12.05.2026",
    });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body.missing).toEqual(["methodology"]);
    expect((await submit()).body.error.issues.map((i: any) => i.path)).toEqual(["attachments.methodology"]);
    const blank = await c.executor!.post(`/api/versions/${wf.programVersion.id}/attachments`, { kind: "methodology", title: "  " });
    expect(blank.status).toBe(400);
    const second = await c.executor!.post(`/api/versions/${wf.programVersion.id}/attachments`, {
      kind: "methodology",
      title: "Методика расчета индикатора И2 (распоряжение № 15-р от 10.05.2026)",
    });
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
