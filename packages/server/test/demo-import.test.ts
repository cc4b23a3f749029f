/**
 * The newcomer's round trip on the demo data: every demo program taken to XLSX — its plain
 * workbook and each of its forms that can be imported — and brought straight back changes
 * nothing and raises no error (the demo has what real programs have: checkpoints that recur each
 * year under one name, several sources, months of facts).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Db, findMunicipalityByName, listRows } from "@orientir/db";
import { DEMO_MUNICIPALITIES, DEMO_USERS } from "@orientir/db/demo";
import { resource } from "@orientir/domain";
import { createContext, exportProgramDocument, login, previewProgramImport, programFormData, seedMunicipalities, type AppContext, type Caller } from "@orientir/app";
import { FORMS, parseProgramWorkbook, renderForm, renderPlainWorkbook } from "@orientir/reports";
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

describe("demo programs to XLSX and back", () => {
  for (const m of DEMO_MUNICIPALITIES) {
    for (const p of m.programs) {
      it(`${m.name}, ${p.code}: the plain workbook and the importable forms change nothing`, async () => {
        const mu = await findMunicipalityByName(db, m.name);
        const row = (await listRows(db, resource("program"), { municipalityId: mu!.id })).find((x) => x.code === p.code)!;
        const { session } = await login(ctx, { login: "economy", password: "demo", ip: "127.0.0.1", requestId: null });
        const caller: Caller = { actor: { ...session.actor!, municipalityId: mu!.id }, requestId: null };
        const data = await programFormData(ctx, caller, row.id);
        const program = (await exportProgramDocument(db, row.id))!;
        const year = Math.min(Math.max(program.startYear, 2025), program.endYear);
        const books: [string, Buffer][] = [["plain", await renderPlainWorkbook(program)]];
        for (const f of FORMS.filter((x) => x.scope === "program")) {
          books.push([f.id, (await renderForm(f.build({ program, year, quarter: 2, context: data.context }), "xlsx")).buffer]);
        }
        let imported = 0;
        for (const [name, buf] of books) {
          const preview = await previewProgramImport(ctx, caller, row.id, async (current, context) => parseProgramWorkbook(buf, current, context));
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
