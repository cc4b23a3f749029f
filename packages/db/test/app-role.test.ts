import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Db } from "@orientir/db";
import { createTestDatabase } from "@orientir/testing";

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let db: Db;
beforeAll(async () => {
  database = await createTestDatabase();
  db = new Db(database.url);
});
afterAll(async () => {
  await db.close();
  await database.drop();
});

describe("the application's database role", () => {
  it("acts as orientir_app", async () => {
    expect((await db.query("SELECT current_user AS u")).rows[0].u).toBe("orientir_app");
  });
  it("may insert into and read the audit log but not change or delete it", async () => {
    await db.query(`INSERT INTO audit_log (action, object_type, prev_hash, hash) VALUES ('t', 't', '', 'x')`);
    expect((await db.query(`SELECT count(*)::int AS n FROM audit_log`)).rows[0].n).toBeGreaterThan(0);
    await expect(db.query(`UPDATE audit_log SET action = 'z'`)).rejects.toThrow(/permission denied|append-only/);
    const p = await db.query(
      `SELECT has_table_privilege('audit_log', 'UPDATE') AS upd, has_table_privilege('audit_log', 'DELETE') AS del, has_table_privilege('audit_log', 'INSERT') AS ins`,
    );
    expect(p.rows[0]).toEqual({ upd: false, del: false, ins: true });
  });
  it("may write the data", async () => {
    const r = await db.query(`INSERT INTO municipality (name, country, currency) VALUES ('Роль', 'RU', 'RUB') RETURNING name`);
    expect(r.rows[0].name).toBe("Роль");
  });
});
