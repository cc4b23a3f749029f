/**
 * A program report in format 1 both ways through the API: a year of MP-1 downloaded as JSON and
 * uploaded back changes nothing; edits made by hand are exactly the changes, and the report
 * exported again is the edited file; a broken file is refused with each error at its JSON path
 * and nothing written.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exportProgramDocument } from "@orientir/app";
import { verifyAudit } from "@orientir/db";
import { createTestApp, type Client, type TestApp } from "@orientir/testing";

let app: TestApp;
let economy: Client;
let mp1: string;

async function reportJson(year: number, asOf?: string): Promise<{ text: string; headers: Record<string, unknown> }> {
  const res = await app.server.inject({
    method: "GET",
    url: `/api/programs/${mp1}/report.json?year=${year}${asOf ? `&asOf=${asOf}` : ""}`,
    headers: { cookie: economy.cookie },
  });
  expect(res.statusCode, res.body).toBe(200);
  return { text: res.body, headers: res.headers };
}

const body = (text: string, extra: Record<string, unknown> = {}) => ({
  filename: "report.json",
  contentBase64: Buffer.from(text, "utf8").toString("base64"),
  ...extra,
});
const preview = (text: string, extra: Record<string, unknown> = {}) =>
  economy.post(`/api/programs/${mp1}/import/preview`, body(text, extra));
const confirm = (text: string, token: string) => economy.post(`/api/programs/${mp1}/import/confirm`, body(text, { token }));
const importCount = async () => (await economy.get(`/api/audit?action=program.import`)).body.items.length;

beforeAll(async () => {
  app = await createTestApp();
  economy = await app.as("economy");
  mp1 = (await economy.get("/api/programs")).body.items.find((p: any) => p.code === "MP-1").id;
});
afterAll(async () => {
  await app?.close();
});

describe("program report (format 1) out and in", () => {
  it("downloads as a JSON file equal to the evaluation report", async () => {
    const { text, headers } = await reportJson(2026, "2026-12-31");
    expect(headers["content-type"]).toMatch(/^application\/json/);
    expect(String(headers["content-disposition"])).toContain(encodeURIComponent("Отчет_MP-1_2026.json"));
    const api = await economy.get(`/api/programs/${mp1}/evaluation-report?year=2026&asOf=2026-12-31`);
    expect(JSON.parse(text)).toEqual(api.body);
    const openapi = (await app.client().get("/api/openapi.json")).body;
    const path = Object.keys(openapi.paths).find((k) => /^\/api\/programs\/[:{]id}?\/report\.json$/.test(k));
    expect(
      path,
      Object.keys(openapi.paths)
        .filter((k) => k.includes("report"))
        .join(", "),
    ).toBeDefined();
    expect(openapi.paths[path!].get.parameters.map((x: any) => x.name)).toEqual(expect.arrayContaining(["id", "year", "asOf"]));
    // the preview's answer is a named component: follow its $ref
    const previewAnswer = openapi.paths["/api/programs/{id}/import/preview"].post.responses["200"].content["application/json"].schema;
    const previewSchema = previewAnswer.$ref
      ? openapi.components.schemas[previewAnswer.$ref.replace("#/components/schemas/", "")]
      : previewAnswer;
    expect(Object.keys(previewSchema.properties)).toContain("notes");
  });

  it.each([
    [2025, undefined],
    [2026, "2026-12-31"],
    [2026, "2026-07-15"],
  ])("the report of %i (as of %s) imported back changes nothing", async (year, asOf) => {
    const { text } = await reportJson(year, asOf);
    const before = await exportProgramDocument(app.ctx.db, mp1);
    const p = await preview(text);
    expect(p.status, JSON.stringify(p.body)).toBe(200);
    expect(p.body).toMatchObject({
      layout: "report-json",
      valid: true,
      summary: { create: 0, update: 0, delete: 0 },
      changes: [],
      issues: [],
    });
    expect(p.body.notes[0]).toContain("не удаляются");
    const c = await confirm(text, p.body.token);
    expect(c.status).toBe(200);
    expect(c.body.summary).toEqual({ create: 0, update: 0, delete: 0 });
    expect(await exportProgramDocument(app.ctx.db, mp1)).toEqual(before);
  });

  it("a metric's fact, an indicator's plan, a checkpoint's actual date and a new metric: exactly these; the report exported again is the edited one", async () => {
    const { text } = await reportJson(2026, "2026-12-31");
    const r = JSON.parse(text);
    const el = r.directions[0].elements[0];
    expect(el.metrics[0]).toMatchObject({ code: "П1", plan: 12, fact: null });
    el.metrics[0].fact = 12.5;
    expect(r.indicators[0]).toMatchObject({ code: "И1", plan: 60 });
    r.indicators[0].plan = 61.25;
    expect(el.checkpoints[1]).toMatchObject({ name: "Контрольная точка 2", planned: "2026-06-20", actual: null });
    el.checkpoints[1].actual = "2026-06-18";
    el.metrics.push({ code: "П1-доп", name: "Новый показатель", unit: "чел.", trend: "decrease", plan: 40, fact: 38 });
    const edited = JSON.stringify(r, null, 2);

    const p = await preview(edited);
    expect(p.status, JSON.stringify(p.body)).toBe(200);
    expect(p.body.issues).toEqual([]);
    expect(p.body.summary).toEqual({ create: 2, update: 3, delete: 0 });
    const view = p.body.changes.map((c: any) => ({
      action: c.action,
      resource: c.resource,
      path: c.path,
      fields: c.fields?.map((f: any) => [f.field, f.before, f.after]),
    }));
    expect(view).toEqual([
      { action: "update", resource: "programIndicatorValue", path: "indicators[0]", fields: [["plan", "60", "61.25"]] },
      { action: "update", resource: "metricValue", path: "directions[0].elements[0].metrics[0]", fields: [["fact", null, "12.5"]] },
      { action: "create", resource: "metric", path: "directions[0].elements[0].metrics[1]", fields: undefined },
      { action: "create", resource: "metricValue", path: "directions[0].elements[0].metrics[1]", fields: undefined },
      {
        action: "update",
        resource: "checkpoint",
        path: "directions[0].elements[0].checkpoints[1]",
        fields: [["actualDate", null, "2026-06-18"]],
      },
    ]);
    expect(p.body.changes.every((c: any) => c.sheet === "JSON")).toBe(true);

    const c = await confirm(edited, p.body.token);
    expect(c.status, JSON.stringify(c.body)).toBe(200);
    expect(c.body).toEqual({ layout: "report-json", summary: { create: 2, update: 3, delete: 0 } });
    expect(JSON.parse((await reportJson(2026, "2026-12-31")).text)).toEqual(r);
    // other years untouched
    const doc = (await exportProgramDocument(app.ctx.db, mp1))!;
    expect(doc.indicators[0]!.values.find((v) => v.year === 2027)!.plan).toBe("65");
    expect(doc.directions[0]!.elements[0]!.metrics.find((m) => m.code === "П1-доп")).toMatchObject({
      level: "МП",
      values: [{ year: 2026, plan: "40", fact: "38" }],
    });

    const again = await preview(edited);
    expect(again.body.summary).toEqual({ create: 0, update: 0, delete: 0 });
    const log = await economy.get(`/api/audit?action=program.import`);
    expect(log.body.items[0]).toMatchObject({
      objectId: mp1,
      after: expect.objectContaining({ layout: "report-json", filename: "report.json", create: 2, update: 3 }),
    });
    expect((await verifyAudit(app.ctx.db)).breaks).toEqual([]);
  });

  it("a direction's funding: the quarter's single row takes the report's sums; an element's kind and a checkpoint's planned date", async () => {
    const { text } = await reportJson(2026, "2026-12-31");
    const r = JSON.parse(text);
    expect(r.directions[1].funding).toEqual({ plan: "1000.50", cash: "200.10" });
    r.directions[1].funding = { plan: "1200.00", cash: "300.45" };
    r.directions[1].elements[0].kind = "project";
    r.directions[1].elements[0].checkpoints[3].planned = "2026-12-25";
    const edited = JSON.stringify(r);
    const p = await preview(edited);
    expect(p.body.issues).toEqual([]);
    const view = p.body.changes.map((c: any) => [c.resource, c.fields?.map((f: any) => [f.field, f.before, f.after])]);
    expect(view).toEqual([
      // the plan is the year's schedule: its change is a new dated entry (at the quarter's end); the cash is the quarter's row
      ["budgetSchedule", undefined],
      ["budgetExecution", [["cash", "200.10", "300.45"]]],
      ["structuralElement", [["kind", "process", "project"]]],
      ["checkpoint", [["plannedDate", "2026-12-20", "2026-12-25"]]],
    ]);
    expect((await confirm(edited, p.body.token)).status).toBe(200);
    expect(JSON.parse((await reportJson(2026, "2026-12-31")).text)).toEqual(r);
    // the other year's row of the direction is as it was
    const doc = (await exportProgramDocument(app.ctx.db, mp1))!;
    expect(doc.directions[1]!.budgetExecution).toContainEqual({
      year: 2025,
      quarter: 4,
      source: "local",
      schedule: "1000.50",
      cash: "950.00",
    });
    // the year's schedule of 2026 changed on the last day of the report's quarter; 1 January's entry stays
    expect(doc.directions[1]!.budgetSchedule!.filter((e) => e.year === 2026)).toEqual([
      {
        year: 2026,
        source: "local",
        amount: "1000.50",
        effectiveDate: "2026-01-01",
        reason: expect.stringContaining("роспись на 1 квартал"),
      },
      { year: 2026, source: "local", amount: "1200.00", effectiveDate: "2026-03-31", reason: "отчет о реализации за 2026 год" },
    ]);
  });

  it("before the end of the year a metric with a monthly plan takes the month the export shows", async () => {
    const { text } = await reportJson(2026, "2026-07-15");
    const r = JSON.parse(text);
    // month 6 is the latest of the monthly plan (3, 6, 9, 12) ended by 15 July
    expect(r.directions[0].elements[0].metrics[0]).toMatchObject({ plan: 6, fact: null });
    r.directions[0].elements[0].metrics[0].fact = 5;
    const edited = JSON.stringify(r);
    const p = await preview(edited);
    expect(p.body.changes).toEqual([
      expect.objectContaining({
        action: "update",
        resource: "metricMonth",
        fields: [expect.objectContaining({ field: "fact", before: null, after: "5" })],
      }),
    ]);
    expect((await confirm(edited, p.body.token)).status).toBe(200);
    const doc = (await exportProgramDocument(app.ctx.db, mp1))!;
    expect(doc.directions[0]!.elements[0]!.metrics[0]!.months.find((m) => m.month === 6)!.fact).toBe("5");
    expect(JSON.parse((await reportJson(2026, "2026-07-15")).text)).toEqual(r);
  });

  it("told apart by content: a JSON without a filename", async () => {
    const { text } = await reportJson(2025);
    const p = await economy.post(`/api/programs/${mp1}/import/preview`, { contentBase64: Buffer.from(`\n  ${text}`).toString("base64") });
    expect(p.body).toMatchObject({ layout: "report-json", valid: true });
  });
});

describe("a broken report is refused, each error at its JSON path, nothing written", () => {
  const cases: [string, (r: any) => string, { column: string; reason: RegExp }[]][] = [
    ["not JSON", (r) => JSON.stringify(r).slice(0, -3), [{ column: "", reason: /не является JSON/ }]],
    [
      "another format",
      (r) => JSON.stringify({ ...r, format: "orientir.program-report/2" }),
      [{ column: "format", reason: /orientir\.program-report\/1/ }],
    ],
    [
      "another program",
      (r) => JSON.stringify({ ...r, program: { ...r.program, code: "MP-2" } }),
      [{ column: "program.code", reason: /«MP-2».*«MP-1»/ }],
    ],
    [
      "a fact that is not a number, and a negative amount",
      (r) => {
        r.directions[0].elements[0].metrics[0].fact = "12";
        r.directions[1].funding.cash = "-5.00";
        return JSON.stringify(r);
      },
      [
        { column: "directions[0].elements[0].metrics[0].fact", reason: /числом JSON, а не строкой/ },
        { column: "directions[1].funding.cash", reason: /отрицательной/ },
      ],
    ],
    [
      "a checkpoint of another year, an element moved to another direction",
      (r) => {
        r.directions[1].elements[0].checkpoints[0].planned = "2027-03-20";
        r.directions[1].elements.push(r.directions[0].elements[0]);
        r.directions[0].elements = [{ code: "9.9", kind: "process", name: "Новый", metrics: [], checkpoints: [] }];
        return JSON.stringify(r);
      },
      [
        { column: "directions[1].elements[0].checkpoints[0].planned", reason: /вне года отчета 2026/ },
        { column: "directions[1].elements[1].code", reason: /относится к направлению «1»/ },
      ],
    ],
  ];

  it.each(cases)("%s", async (_name, make, want) => {
    const r = JSON.parse((await reportJson(2026, "2026-12-31")).text);
    const text = make(r);
    const before = await exportProgramDocument(app.ctx.db, mp1);
    const imports = await importCount();
    const p = await preview(text);
    expect(p.status).toBe(200);
    expect(p.body.valid).toBe(false);
    expect(p.body.summary).toEqual({ create: 0, update: 0, delete: 0 });
    expect(p.body.issues).toEqual(want.map((w) => ({ sheet: "JSON", row: 0, column: w.column, reason: expect.stringMatching(w.reason) })));
    const c = await confirm(text, p.body.token);
    expect(c.status).toBe(400);
    expect(c.body.error.issues.map((i: any) => i.path)).toEqual(want.map((w) => w.column));
    expect(await exportProgramDocument(app.ctx.db, mp1)).toEqual(before);
    expect(await importCount()).toBe(imports);
  });

  it("a co-executor not in the directory, a new metric without a unit: errors at their paths; nothing written", async () => {
    const r = JSON.parse((await reportJson(2026, "2026-12-31")).text);
    r.directions[0].coExecutor = "Нет такого отдела";
    const before = await exportProgramDocument(app.ctx.db, mp1);
    const p = await preview(JSON.stringify(r));
    expect(p.body.valid).toBe(false);
    expect(p.body.issues).toEqual([
      { sheet: "JSON", row: 0, column: "directions[0].coExecutor", reason: expect.stringContaining("«Нет такого отдела» не найдено") },
    ]);

    const r2 = JSON.parse((await reportJson(2026, "2026-12-31")).text);
    r2.directions[1].elements[0].metrics.push({ code: "Б1", name: "Без единицы", unit: "", trend: "increase", plan: 1, fact: null });
    const p2 = await preview(JSON.stringify(r2));
    expect(p2.body.valid).toBe(false);
    expect(p2.body.issues).toEqual([
      {
        sheet: "JSON",
        row: 0,
        column: "directions[1].elements[0].metrics[1].unit",
        reason: expect.stringContaining("Показатель «Без единицы»"),
      },
    ]);
    expect(await exportProgramDocument(app.ctx.db, mp1)).toEqual(before);
  });

  it("a file above the upload limit is refused before it is read", async () => {
    const r = JSON.parse((await reportJson(2025)).text);
    const big = JSON.stringify({ ...r, padding: "x".repeat(5 * 1024 * 1024) });
    const p = await preview(big);
    expect(p.body.issues).toEqual([{ sheet: "JSON", row: 0, column: "", reason: "Файл больше 5 МБ" }]);
  });
});
