/**
 * `row_context` (migration 20261204000000_patch17, issue 16 part 7): the row's lock and its rules'
 * reads run as prepared statements of the connection, made once and kept planned — and still the
 * reads come after the lock: they see what the transaction the lock waited for committed.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { Db, insertMunicipality, statementName } from "@orientir/db";
import { createTestDatabase } from "@orientir/testing";

let database: Awaited<ReturnType<typeof createTestDatabase>>;
/** One connection: every call below runs on the same session. */
let db: Db;
let town = "";

const LOCK = `SELECT json_build_array(id, name) FROM municipality WHERE id = $1 FOR UPDATE`;
const READS = `SELECT json_build_object('name', (SELECT name FROM municipality WHERE id = $1), 'second', $2::uuid)`;

const call = (q: { query: Db["query"] }, id: string) =>
  q.query<{ j: string | null }>(`SELECT row_context($1, $2, $3, $4, $5, $6) AS j`, [
    statementName(LOCK),
    LOCK,
    id,
    [0],
    statementName(READS),
    READS,
  ]);
const prepared = async (q: { query: Db["query"] }) =>
  (await q.query<{ name: string }>(`SELECT name FROM pg_prepared_statements WHERE name LIKE 'rc\\_%' ORDER BY name`)).rows.map(
    (r) => r.name,
  );

beforeAll(async () => {
  database = await createTestDatabase();
  db = new Db(database.url, { max: 1 });
  town = String((await insertMunicipality(db, { name: "Город П", country: "RU", currency: "RUB" })).id);
});
afterAll(async () => {
  await db.close();
  await database.drop();
});

describe("row_context with its statements prepared per connection", () => {
  it("locks, reads, and prepares each text once on the connection", async () => {
    const names = [statementName(LOCK), statementName(READS)].sort();
    expect(names[0]).not.toBe(names[1]);
    const first = await db.tx(async (q) => {
      const r = await call(q, town);
      expect(await prepared(q)).toEqual(names);
      return JSON.parse(r.rows[0]!.j!);
    });
    expect(first).toEqual([[town, "Город П"], { name: "Город П", second: null }]);
    // a missing row: NULL, nothing read
    await db.tx(async (q) => expect((await call(q, "00000000-0000-4000-8000-000000000000")).rows[0]!.j).toBeNull());
    // the same texts again: the same prepared statements (a PREPARE of an existing name would fail)
    for (let i = 0; i < 8; i++) await db.tx(async (q) => expect(JSON.parse((await call(q, town)).rows[0]!.j!)).toEqual(first));
    expect(await prepared(db)).toEqual(names);
  });

  it("keeps working after a transaction that prepared them rolled back", async () => {
    // a fresh connection's first call, in a transaction that then fails: the PREPARE stays, the
    // session's note of it is undone — the next call must find the statement, not prepare it again
    const fresh = new Db(database.url, { max: 1 });
    try {
      await expect(
        fresh.tx(async (q) => {
          await call(q, town);
          await q.query(`SELECT 1/0`);
        }),
      ).rejects.toThrow();
      expect(await prepared(fresh)).toEqual([statementName(LOCK), statementName(READS)].sort());
      const again = await fresh.tx(async (q) => JSON.parse((await call(q, town)).rows[0]!.j!));
      expect(again[1].name).toBe("Город П");
    } finally {
      await fresh.close();
    }
  });

  it("reads after the lock: sees a change committed while it waited (planned generically by now)", async () => {
    const holder = new pg.Client({ connectionString: database.url });
    await holder.connect();
    try {
      await holder.query("BEGIN");
      await holder.query(`UPDATE municipality SET name = 'Переименован' WHERE id = $1`, [town]);
      const pending = db.tx(async (q) => JSON.parse((await call(q, town)).rows[0]!.j!));
      // until the call waits for the row
      for (let i = 0; ; i++) {
        const w = await holder.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock'`);
        if (w.rows[0].n > 0) break;
        if (i > 200) throw new Error("row_context did not wait for the row");
        await new Promise((ok) => setTimeout(ok, 25));
      }
      await holder.query("COMMIT");
      const [row, reads] = await pending;
      expect(row).toEqual([town, "Переименован"]);
      expect(reads.name).toBe("Переименован");
    } finally {
      await holder.end();
    }
  });
});
