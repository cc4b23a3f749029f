/**
 * The audit log in words (issue 13): each entry carries its actor's name, the action as a sentence,
 * the object by kind and name, and the changed fields with their labels and formatted values — in the
 * language of the request's Accept-Language — and no identifier or raw JSON among them.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type Client, type TestApp } from "@orientir/testing";

let app: TestApp;
let admin: Client;
let executor: Client;
let executorName: string;

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

beforeAll(async () => {
  app = await createTestApp();
  admin = await app.as("admin");
  executor = await app.as("executor");
  executorName = (await executor.get("/api/auth/me")).body.user.fullName;
  const mp1 = (await executor.get("/api/programs")).body.items.find((p: any) => p.code === "MP-1");
  const tree = (await executor.get(`/api/programs/${mp1.id}/tree`)).body;
  const f = tree.directions
    .find((d: any) => d.code === "1")
    .structuralElements[0].funding.find((x: any) => x.year === 2027 && x.source === "local");
  const r = await executor.patch(`/api/funding/${f.id}`, { version: f.version, amount: "1250000.50" });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
});
afterAll(async () => {
  await app.close();
});

const log = async (lang: string) => {
  const r = await admin.request("GET", "/api/audit?action=funding.update", undefined, { "accept-language": lang });
  expect(r.status).toBe(200);
  return r.body.items as any[];
};

describe("the audit log in words", () => {
  it("names the actor, the action, the object and the changed field in Russian", async () => {
    const [e] = await log("ru-RU,ru;q=0.9");
    expect(e.actorLogin).toBe("executor");
    expect(executorName).not.toBe("executor");
    expect(e.actorName).toBe(executorName);
    expect(e.actionLabel).toBe("изменил(а) запись");
    // the source by its name, not its code "local"
    expect(e.objectLabel).toMatch(/^Финансовое обеспечение «2027, /);
    expect(e.objectLabel).not.toContain("local");
    const amount = e.changes.find((c: any) => c.field === "amount");
    expect(amount).toMatchObject({ label: "Сумма", after: "1\u00a0250\u00a0000,50" });
    expect(amount.before).toMatch(/^[\d\u00a0]+,\d{2}$/);
  });

  it("answers in English for an English request", async () => {
    const [e] = await log("en");
    expect(e.actionLabel).toBe("changed a record");
    expect(e.objectLabel).toMatch(/^Funding «2027, /);
    expect(e.changes.find((c: any) => c.field === "amount")).toMatchObject({ label: "Amount", after: "1,250,000.50" });
  });

  it("shows the rows an entry links to by their names: a publication's document and who published it", async () => {
    const mp1 = (await admin.get("/api/programs")).body.items.find((p: any) => p.code === "MP-1");
    const day = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
    expect(
      (await admin.request("PUT", "/api/portal/settings", { slug: "audit-names", moderation: "pre", minDiscussionDays: 5 })).status,
    ).toBe(200);
    const p = await admin.post("/api/portal/publications", {
      kind: "discussion",
      subjectKind: "program",
      subjectId: mp1.id,
      startsOn: day(0),
      endsOn: day(10),
    });
    expect(p.status, JSON.stringify(p.body)).toBe(201);
    const adminName = (await admin.get("/api/auth/me")).body.user.fullName;
    for (const [lang, document, by] of [
      ["ru", "Документ", "Опубликовал(а)"],
      ["en", "Document", "Published by"],
    ] as const) {
      const r = await admin.request("GET", "/api/audit?action=portal.publish", undefined, { "accept-language": lang });
      const e = (r.body.items as any[]).find((x) => x.objectId === p.body.id);
      expect(e, lang).toBeDefined();
      expect(e.changes.find((c: any) => c.field === "subjectId")).toMatchObject({
        label: document,
        before: null,
        after: `MP-1 ${mp1.name}`,
      });
      expect(e.changes.find((c: any) => c.field === "publishedBy")).toMatchObject({ label: by, after: adminName });
      expect(e.changes.find((c: any) => c.field === "subjectKind").after).toBe(
        lang === "ru" ? "муниципальная программа" : "municipal program",
      );
      expect(JSON.stringify(e.changes)).not.toMatch(UUID);
    }
  });

  it("writes every entry as a sentence, with no identifier, code or JSON among the changes", async () => {
    const r = await admin.request("GET", "/api/audit?limit=1000", undefined, { "accept-language": "ru" });
    expect(r.body.items.length).toBeGreaterThan(0);
    for (const e of r.body.items as any[]) {
      expect(e.actionLabel, e.action).not.toBe(e.action);
      expect(e.actionLabel, e.action).not.toMatch(/выполнил\(а\) действие/);
      expect(e.objectLabel).not.toMatch(UUID);
      for (const c of e.changes) {
        expect(c.label, `${e.action} ${c.field}`).not.toMatch(/^[a-z]+[A-Z]/);
        for (const v of [c.before, c.after]) if (v !== null) expect(v, `${e.action} ${c.field}`).not.toMatch(UUID);
      }
    }
  });
});
