/**
 * 220-п 4.16 through the API: the note of an amendment shows, where the review happens, every
 * mismatch of the reporting year's funding with the budget schedule on 31 December and of a refined
 * indicator with the annual report.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type Client, type TestApp } from "@orientir/testing";

let app: TestApp;
const c: Record<string, Client> = {};
let mp1: any;
let wf: any;
const note = async () => (await c.economy!.get(`/api/versions/${wf.programVersion.id}/note`)).body;

beforeAll(async () => {
  app = await createTestApp();
  app.ctx.config.sessionTtlHours = 24 * 365 * 5;
  app.ctx.now = () => new Date("2026-03-02T09:00:00Z");
  for (const role of ["admin", "economy", "finance", "executor"]) c[role] = await app.as(role);
  mp1 = (await c.admin!.get("/api/programs")).body.items.find((p: any) => p.code === "MP-1");
  expect(
    (await c.economy!.post(`/api/programs/${mp1.id}/versions/in-force`, { decreeNumber: "1-п", decreeDate: "2025-01-10" })).status,
  ).toBe(201);
  wf = (await c.executor!.post(`/api/programs/${mp1.id}/versions`, {})).body;
});
afterAll(async () => {
  await app?.close();
});

describe("220-п п. 4.16: the reporting year 2025 of the draft against the budget schedule and the annual report", () => {
  it("the regional funding of 2025 has no line in the schedule on 31.12.2025: reported for each direction with both amounts", async () => {
    const n = await note();
    expect(n.conformity.year).toBe(2025);
    expect(n.conformity.issues.map((i: any) => [i.rule, i.path, i.expected, i.actual])).toEqual([
      ["220-п 4.16", "directions[1].funding.2025.regional", "0.00", "250.25"],
      ["220-п 4.16", "directions[2].funding.2025.regional", "0.00", "250.25"],
    ]);
    expect(n.conformity.issues[0].message).toContain("сводной бюджетной росписью на 31.12.2025");
  });

  it("once the finance department enters the schedule of direction 1, only direction 2 is left", async () => {
    const tree = (await c.admin!.get(`/api/programs/${mp1.id}/tree`)).body;
    const d1 = tree.directions.find((d: any) => d.code === "1");
    const r = await c.finance!.post("/api/budget-schedule", {
      directionId: d1.id,
      year: 2025,
      source: "regional",
      amount: "250.25",
      effectiveDate: "2025-03-01",
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect((await note()).conformity.issues.map((i: any) => i.path)).toEqual(["directions[2].funding.2025.regional"]);
  });

  it("an indicator refined to the annual report's fact passes; refined to another figure it is reported", async () => {
    const tree = (await c.admin!.get(`/api/programs/${mp1.id}/tree`)).body;
    const v = tree.programIndicators[0].programIndicatorValues.find((x: any) => x.year === 2025);
    const toFact = await c.executor!.patch(`/api/program-indicator-values/${v.id}`, { version: v.version, plan: "54" });
    expect(toFact.status, JSON.stringify(toFact.body)).toBe(200);
    expect((await note()).conformity.issues.filter((i: any) => i.path.startsWith("indicators"))).toEqual([]);
    const other = await c.executor!.patch(`/api/program-indicator-values/${v.id}`, { version: toFact.body.version, plan: "53" });
    expect(other.status).toBe(200);
    expect((await note()).conformity.issues.find((i: any) => i.path.startsWith("indicators"))).toMatchObject({
      rule: "220-п 4.16",
      path: "indicators[И1].2025",
      expected: "54",
      actual: "53",
    });
  });
});
