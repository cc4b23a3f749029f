/**
 * Every demo program's report of each year of its period (as of the year's end and as of
 * mid-year), taken out as format 1 and brought straight back, changes nothing and raises no
 * error: the demo has what real programs have (several sources in a quarter, checkpoints that
 * recur each year under one name, monthly plans). The same for each demo program's plain
 * workbook and its forms that can be imported (XLSX).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Db, findMunicipalityByName, listRows } from "@orientir/db";
import { DEMO_MUNICIPALITIES, DEMO_USERS } from "@orientir/db/demo";
import { resource } from "@orientir/domain";
import {
  confirmProgramImport,
  createContext,
  exportProgramDocument,
  exportProgramReport,
  login,
  previewProgramImport,
  programFormData,
  seedMunicipalities,
  type AppContext,
  type Caller,
} from "@orientir/app";
import { FORMS, parseProgramFile, parseProgramWorkbook, renderForm, renderPlainWorkbook } from "@orientir/reports";
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

/** A demo program's id, and the demo economy department of its municipality as the caller. */
async function demoProgram(municipality: string, code: string): Promise<{ id: string; caller: Caller }> {
  const mu = await findMunicipalityByName(db, municipality);
  const row = (await listRows(db, resource("program"), { municipalityId: mu!.id })).find((x) => x.code === code)!;
  const r = await login(ctx, { login: "economy", password: "demo", ip: "127.0.0.1", requestId: null });
  if (!("session" in r)) throw new Error("economy: a second factor is asked");
  const { session } = r;
  return { id: row.id, caller: { actor: { ...session.actor!, municipalityId: mu!.id }, requestId: null } };
}

describe("demo programs' reports (format 1) out and back", () => {
  for (const m of DEMO_MUNICIPALITIES) {
    for (const p of m.programs) {
      it(`${m.name}, ${p.code}: every year's report changes nothing`, async () => {
        const { id, caller } = await demoProgram(m.name, p.code);
        let checked = 0;
        for (let year = p.startYear; year <= p.endYear; year++) {
          for (const asOf of [`${year}-12-31`, `${year}-08-15`]) {
            // every year of the program exports, also one in which a direction has no element
            const report = await exportProgramReport(ctx, caller, id, year, asOf);
            const buf = Buffer.from(JSON.stringify(report, null, 2));
            const preview = await previewProgramImport(ctx, caller, id, async (current, context) =>
              parseProgramFile(buf, "report.json", current, context),
            );
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
    const { id, caller } = await demoProgram(DEMO_MUNICIPALITIES[0]!.name, "МП-01");
    const report = await exportProgramReport(ctx, caller, id, 2026, "2026-12-31");
    const edited = structuredClone(report);
    let facts = 0;
    let fundings = 0;
    for (const d of edited.directions) {
      if (d.funding) fundings++;
      if (d.funding) d.funding = { plan: (Number(d.funding.plan) + 1).toFixed(2), cash: d.funding.cash };
      for (const e of d.elements)
        for (const m of e.metrics) {
          m.fact = (m.fact ?? m.plan) + 1;
          facts++;
        }
    }
    expect(facts).toBeGreaterThan(0);
    expect(fundings).toBeGreaterThan(0);
    const buf = Buffer.from(JSON.stringify(edited));
    const parse = async (current: any, context: any) => parseProgramFile(buf, "report.json", current, context);
    const p = await previewProgramImport(ctx, caller, id, parse);
    expect(p.issues).toEqual([]);
    // the schedule is the year's: a changed plan is a dated change of it (at the end of the report's last quarter, Q3), not a rewrite of a quarter
    expect(p.summary).toEqual({ create: fundings, update: facts, delete: 0 });
    // the demo's directions are funded from several sources: each difference goes to the local budget's schedule
    const budget = p.changes.filter((c) => c.resource === "budgetSchedule");
    expect(budget).toHaveLength(fundings);
    for (const c of budget) {
      expect(c.action).toBe("create");
      expect(c.item).toMatch(/, local, с 2026-09-30$/);
    }
    expect(p.changes.filter((c) => c.resource === "budgetExecution")).toEqual([]);
    expect(p.notes.slice(1)).toEqual(budget.map(() => expect.stringMatching(/разница 1\.00 тыс\. отнесена на местный бюджет$/)));
    await confirmProgramImport(ctx, caller, id, parse, p.token, "report.json");
    expect(await exportProgramReport(ctx, caller, id, 2026, "2026-12-31")).toEqual(edited);
  });
});

describe("demo programs to XLSX and back", () => {
  for (const m of DEMO_MUNICIPALITIES) {
    for (const p of m.programs) {
      it(`${m.name}, ${p.code}: the plain workbook and the importable forms change nothing`, async () => {
        const { id, caller } = await demoProgram(m.name, p.code);
        const data = await programFormData(ctx, caller, id);
        const program = (await exportProgramDocument(db, id))!;
        const year = Math.min(Math.max(program.startYear, 2025), program.endYear);
        const books: [string, Buffer][] = [["plain", await renderPlainWorkbook(program)]];
        for (const f of FORMS.filter((x) => x.scope === "program")) {
          books.push([f.id, (await renderForm(f.build({ program, year, quarter: 2, context: data.context }), "xlsx")).buffer]);
        }
        let imported = 0;
        for (const [name, buf] of books) {
          const preview = await previewProgramImport(ctx, caller, id, async (current, context) =>
            parseProgramWorkbook(buf, current, context),
          );
          if (preview.layout === "unknown") continue; // printed only
          imported++;
          expect(preview.issues, `${p.code} ${name}`).toEqual([]);
          expect(preview.summary, `${p.code} ${name}`).toEqual({ create: 0, update: 0, delete: 0 });
        }
        expect(imported).toBeGreaterThanOrEqual(2);
      });
    }
  }
});
