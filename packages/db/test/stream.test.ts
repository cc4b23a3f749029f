/**
 * `Db.stream` (issue 16, part 7): a statement's rows handed on as they arrive, so that the caller
 * works on the first while PostgreSQL computes the next — the ranking reads each program's record
 * this way. Its failure reaches the caller after the rows before it; a caller that stops early
 * leaves the connection to the pool; in a request's scope it takes its turn like any read.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ValidationError } from "@orientir/domain";
import { Db } from "@orientir/db";
import { createTestDatabase } from "@orientir/testing";

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let db: Db;

beforeAll(async () => {
  database = await createTestDatabase();
  db = new Db(database.url, { max: 2 });
});
afterAll(async () => {
  await db.close();
  await database.drop();
});

describe("Db.stream", () => {
  it("gives every row, in order, as arrays of the columns' values", async () => {
    const rows: unknown[][] = [];
    for await (const row of db.stream(`SELECT i, 'r' || i AS t, NULL::text AS n FROM generate_series(1, 500) i ORDER BY i`)) rows.push(row);
    expect(rows).toHaveLength(500);
    expect(rows[0]).toEqual([1, "r1", null]);
    expect(rows[499]).toEqual([500, "r500", null]);
  });

  it("hands a row on while the statement is still running", async () => {
    const marker = `stream-${Date.now()}`;
    // rows of 20 KB (PostgreSQL sends what fills its buffer); the third waits a few seconds
    const text = `SELECT i, repeat('x', 20000) AS pad, CASE WHEN i = 3 THEN pg_sleep(3) END AS slept, '${marker}' AS marker
      FROM generate_series(1, 3) i`;
    const other = new Db(database.url, { max: 1 });
    try {
      let stateAtFirst: string | undefined;
      let n = 0;
      for await (const row of db.stream(text)) {
        if (n++ === 0) {
          expect(row[0]).toBe(1);
          const r = await other.query<{ state: string }>(
            `SELECT state FROM pg_stat_activity WHERE query LIKE $1 AND pid <> pg_backend_pid()`,
            [`%'${marker}' AS marker%`],
          );
          stateAtFirst = r.rows[0]?.state;
        }
      }
      expect(n).toBe(3);
      // the first row was in the caller's hands while PostgreSQL was still on the last
      expect(stateAtFirst).toBe("active");
    } finally {
      await other.close();
    }
  });

  it("throws the statement's failure after the rows before it, translated like any query's", async () => {
    const rows: unknown[] = [];
    let failure: unknown;
    try {
      for await (const row of db.stream(`SELECT 10 / (3 - i) FROM generate_series(1, 5) i`)) rows.push(row[0]);
    } catch (e) {
      failure = e;
    }
    expect(rows).toEqual([5, 10]);
    // the same error as the statement gives through `query` (a bad value: a 400, not a 500)
    const direct = await db.query(`SELECT 10 / (3 - i) FROM generate_series(1, 5) i`).catch((e: unknown) => e);
    expect(direct).toBeInstanceOf(ValidationError);
    expect(failure).toBeInstanceOf(ValidationError);
    expect((failure as Error).message).toBe((direct as Error).message);
    // the connection went back to the pool: the next statements run
    expect((await db.query<{ one: number }>(`SELECT 1 AS one`)).rows[0]!.one).toBe(1);
  });

  it("a caller that stops at the first row leaves the connection to the pool, and nothing is thrown later", async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (e: unknown) => unhandled.push(e);
    process.on("unhandledRejection", onUnhandled);
    try {
      for (let k = 0; k < 4; k++) {
        for await (const row of db.stream(`SELECT i FROM generate_series(1, 1000) i`)) {
          expect(row[0]).toBe(1);
          break;
        }
      }
      // a pool of two: four early stops returned both connections (else this would wait for ever)
      const both = await Promise.all([db.query(`SELECT pg_sleep(0.05)`), db.query(`SELECT pg_sleep(0.05)`)]);
      expect(both).toHaveLength(2);
      await new Promise((r) => setTimeout(r, 50));
      expect(unhandled).toEqual([]);
    } finally {
      process.off("unhandledRejection", onUnhandled);
    }
  });

  it("in a request's scope, takes its turn among the reads: one connection at a time", async () => {
    const order: string[] = [];
    await db.scoped(async () => {
      const first = db.query<{ pid: number }>(`SELECT pg_backend_pid() AS pid, pg_sleep(0.1)`).then((r) => {
        order.push("query");
        return r.rows[0]!.pid;
      });
      const pids: number[] = [];
      for await (const row of db.stream(`SELECT pg_backend_pid() FROM generate_series(1, 3)`)) {
        order.push("row");
        pids.push(Number(row[0]));
      }
      await first;
      expect(new Set(pids).size).toBe(1);
    });
    // the read issued first ran first; the statement's rows came after it
    expect(order).toEqual(["query", "row", "row", "row"]);
  });
});
