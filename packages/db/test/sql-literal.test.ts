/**
 * `sqlLiteral` (the audit entry's values quoted into the statement sent with the COMMIT): the same
 * text as `pg.escapeLiteral` for every value, and PostgreSQL reads back exactly the value.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { Db, sqlLiteral } from "@orientir/db";
import { createTestDatabase } from "@orientir/testing";

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let db: Db;

beforeAll(async () => {
  database = await createTestDatabase();
  db = new Db(database.url, { max: 1 });
});
afterAll(async () => {
  await db.close();
  await database.drop();
});

const VALUES = [
  "",
  "plain",
  '{"fact":"105","name":"Доля, %"}',
  "it's",
  "''",
  "back\\slash",
  "both ' and \\",
  "\\'",
  "line\nfeed\ttab",
  "emoji 🚀 и кириллица",
  '{"justification":"O\'Brien \\\\ \\"quoted\\""}',
];

describe("sqlLiteral", () => {
  it("quotes as pg.escapeLiteral does, and NULL for null", () => {
    for (const v of VALUES) expect(sqlLiteral(v), v).toBe(pg.escapeLiteral(v));
    expect(sqlLiteral(null)).toBe("NULL");
  });

  it("reads back as the same text in PostgreSQL", async () => {
    for (const v of VALUES) {
      const r = await db.query<{ v: string }>(`SELECT ${sqlLiteral(v)}::text AS v`);
      expect(r.rows[0]!.v, v).toBe(v);
    }
    expect((await db.query<{ v: string | null }>(`SELECT ${sqlLiteral(null)}::text AS v`)).rows[0]!.v).toBeNull();
  });
});
