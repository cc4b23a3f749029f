/**
 * Every demo program's report of each year of its period (as of the year's end and as of
 * mid-year), taken out as format 1 and brought straight back, changes nothing and raises no
 * error: the demo has what real programs have (several sources in a quarter, checkpoints that
 * recur each year under one name, monthly plans). A year in which a direction has no element has
 * no report of format 1 (the format needs one) and is passed over.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Db, findMunicipalityByName, listRows } from "@orientir/db";
import { DEMO_MUNICIPALITIES, DEMO_USERS } from "@orientir/db/demo";
import { resource } from "@orientir/domain";
import { confirmProgramImport, createContext, exportProgramReport, login, previewProgramImport, seedMunicipalities, type AppContext, type Caller } from "@orientir/app";
import { parseProgramFile } from "@orientir/reports";
import { createTestDatabase } from "@orientir/testing";

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let db: Db;
let ctx: AppContext;

beforeAll(async () => {
  database = await createTestDatabase();
  db = new Db(database.url, { max: 3 });
  ctx = createContext(db);
  await seedMunicipalities(ctx, DEMO_MUNICIPALITIES, DEMO_USERS, "demo");
}, 120_000);
afterAll(async () => {
  await db?.close();
  await database?.drop();
});

describe("demo programs' reports (format 1) out and back", () => {
  for (const m of DEMO_MUNICIPALITIES) {
    for (const p of m.programs) {
      it(`${m.name}, ${p.code}: every year's report changes nothing`, async () => {
        const mu = await findMunicipalityByName(db, m.name);
        const row = (await listRows(db, resource("program"), { municipalityId: mu!.id })).find((x) => x.code === p.code)!;
        const { session } = await login(ctx, { login: "economy", password: "demo", ip: "127.0.0.1", requestId: null });
        const caller: Caller = { actor: { ...session.actor!, municipalityId: mu!.id }, requestId: null };
        let checked = 0;
        for (let year = p.startYear; year <= p.endYear; year++) {
          for (const asOf of [`${year}-12-31`, `${year}-08-15`]) {
            // every year of the program exports, also one in which a direction has no element
            const report = await exportProgramReport(ctx, caller, row.id, year, asOf);
            const buf = Buffer.from(JSON.stringify(report, null, 2));
            const preview = await previewProgramImport(ctx, caller, row.id, async (current, context) => parseProgramFile(buf, "report.json", current, context));
            expect(preview.issues, `${p.code} ${year} ${asOf}`).toEqual([]);
            expect(preview.summary, `${p.code} ${year} ${asOf}`).toEqual({ create: 0, update: 0, delete: 0 });
            checked++;
          }
        }
        expect(checked).toBe(2 * (p.endYear - p.startYear + 1));
      });
    }
  }

  it("МП-01 of 2026: every fact, every direction's funding (several sources) edited; exactly these change, and the report exported again is the edited one", async () => {
    const mu = await findMunicipalityByName(db, DEMO_MUNICIPALITIES[0]!.name);
    const row = (await listRows(db, resource("program"), { municipalityId: mu!.id })).find((x) => x.code === "МП-01")!;
    const { session } = await login(ctx, { login: "economy", password: "demo", ip: "127.0.0.1", requestId: null });
    const caller: Caller = { actor: { ...session.actor!, municipalityId: mu!.id }, requestId: null };
    const report = await exportProgramReport(ctx, caller, row.id, 2026, "2026-12-31");
    const edited = structuredClone(report);
    let facts = 0;
    let fundings = 0;
    for (const d of edited.directions) {
      if (d.funding) fundings++;
      if (d.funding) d.funding = { plan: (Number(d.funding.plan) + 1).toFixed(2), cash: d.funding.cash };
      for (const e of d.elements) for (const m of e.metrics) {
        m.fact = (m.fact ?? m.plan) + 1;
        facts++;
      }
    }
    expect(facts).toBeGreaterThan(0);
    expect(fundings).toBeGreaterThan(0);
    const buf = Buffer.from(JSON.stringify(edited));
    const parse = async (current: any, context: any) => parseProgramFile(buf, "report.json", current, context);
    const p = await previewProgramImport(ctx, caller, row.id, parse);
    expect(p.issues).toEqual([]);
    expect(p.summary).toEqual({ create: 0, update: facts + fundings, delete: 0 });
    // the demo's directions are funded from several sources: each difference goes to the local budget's row
    const budget = p.changes.filter((c) => c.resource === "budgetExecution");
    expect(budget).toHaveLength(fundings);
    for (const c of budget) {
      expect(c.item).toMatch(/, local$/);
      expect(c.fields!.map((f) => f.field)).toEqual(["schedule"]);
    }
    expect(p.notes.slice(1)).toEqual(budget.map(() => expect.stringMatching(/разница 1\.00 тыс\. отнесена на местный бюджет$/)));
    await confirmProgramImport(ctx, caller, row.id, parse, p.token, "report.json");
    expect(await exportProgramReport(ctx, caller, row.id, 2026, "2026-12-31")).toEqual(edited);
  });
});
