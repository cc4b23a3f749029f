import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { createTestDatabase } from "@orientir/testing";
import { checkUnion, generateSchemaTypes, tableTypeName } from "../src/codegen.ts";

let db: Awaited<ReturnType<typeof createTestDatabase>>;

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.drop();
});

const COMMITTED = new URL("../src/schema.generated.ts", import.meta.url);

describe("the generated row types", () => {
  it("are up to date with the migrations (run `npm run gen:db -w @orientir/db` when this fails)", async () => {
    const fresh = await generateSchemaTypes(db.ownerUrl);
    expect(readFileSync(COMMITTED, "utf8")).toBe(fresh);
  });

  it("follow a new column and its nullability, so a stale committed file is caught", async () => {
    const c = new pg.Client({ connectionString: db.ownerUrl });
    await c.connect();
    try {
      await c.query(
        `ALTER TABLE municipality ADD COLUMN motto text, ADD COLUMN founded date NOT NULL DEFAULT '1700-01-01', ADD COLUMN budget numeric(14,2)`,
      );
      await c.query(
        `CREATE TABLE gen_probe (id uuid PRIMARY KEY, at timestamptz NOT NULL, tags text[] NOT NULL, kind text NOT NULL CHECK (kind IN ('a', 'it''s')))`,
      );
    } finally {
      await c.end();
    }
    const fresh = await generateSchemaTypes(db.ownerUrl);
    expect(fresh).not.toBe(readFileSync(COMMITTED, "utf8"));
    const municipality = fresh.slice(fresh.indexOf("export interface MunicipalityTable {"));
    const block = municipality.slice(0, municipality.indexOf("}"));
    expect(block).toContain("  motto: string | null;");
    expect(block).toContain("  founded: string;");
    expect(block).toContain("  budget: string | null;");
    expect(fresh).toContain(`export interface GenProbeTable {\n  id: string;\n  at: Date;\n  tags: string[];\n  kind: "a" | "it's";\n}`);
  });

  it("name tables and read one-column checks", () => {
    expect(tableTypeName("program_version")).toBe("ProgramVersionTable");
    expect(checkUnion("CHECK ((status = ANY (ARRAY['draft'::text, 'approved'::text])))")).toEqual({
      column: "status",
      values: ["draft", "approved"],
    });
    expect(checkUnion("CHECK ((amount >= (0)::numeric))")).toBeNull();
  });
});
