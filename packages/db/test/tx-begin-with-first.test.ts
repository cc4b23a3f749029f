/**
 * `Db.tx(fn, { beginWithFirst: true })` (issue 16, part 7): the BEGIN goes out in one message with
 * fn's first statement when it has no parameters — still one transaction: everything lands together
 * or not at all, and the statements see each other's writes; with nothing sent, no transaction.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Db, commitWith, insertMunicipality } from "@orientir/db";
import { createTestDatabase } from "@orientir/testing";

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let db: Db;
let town = "";

beforeAll(async () => {
  database = await createTestDatabase();
  db = new Db(database.url);
  town = String((await insertMunicipality(db, { name: "Город Т", country: "RU", currency: "RUB" })).id);
});
afterAll(async () => {
  await db.close();
  await database.drop();
});

const named = async (name: string) => (await db.query(`SELECT 1 FROM municipality WHERE name = $1`, [name])).rows.length;

describe("a transaction begun with its first statement", () => {
  it("rolls back everything when a later statement fails", async () => {
    await expect(
      db.tx(
        async (q) => {
          // no parameters: sent with the BEGIN, so it is inside the transaction
          const first = await q.query<{ n: number }>(`UPDATE municipality SET name = 'Переименован' WHERE id = '${town}' RETURNING 1 AS n`);
          expect(first.rows).toEqual([{ n: 1 }]);
          expect(await q.query(`SELECT 1 FROM municipality WHERE name = $1`, ["Переименован"])).toMatchObject({ rowCount: 1 });
          await q.query(`SELECT 1/0`);
        },
        { beginWithFirst: true },
      ),
    ).rejects.toThrow();
    expect(await named("Переименован")).toBe(0);
    expect(await named("Город Т")).toBe(1);
  });

  it("commits by itself, or with the last statements (commitWith); a first statement with parameters gets a BEGIN of its own", async () => {
    await db.tx(async (q) => void (await q.query(`UPDATE municipality SET name = 'Город Т1' WHERE id = '${town}'`)), {
      beginWithFirst: true,
    });
    expect(await named("Город Т1")).toBe(1);
    const { committed } = await db.tx((q) => commitWith(q, `UPDATE municipality SET name = 'Город Т2' WHERE id = '${town}'`), {
      beginWithFirst: true,
    });
    expect(committed).toBe(true);
    expect(await named("Город Т2")).toBe(1);
    await expect(
      db.tx(
        async (q) => {
          await q.query(`UPDATE municipality SET name = $2 WHERE id = $1`, [town, "Город Т3"]);
          throw new Error("refused");
        },
        { beginWithFirst: true },
      ),
    ).rejects.toThrow("refused");
    expect(await named("Город Т2")).toBe(1);
    // nothing sent: nothing to commit or roll back, the connection is fine afterwards
    expect(await db.tx(() => Promise.resolve(7), { beginWithFirst: true })).toBe(7);
    expect(await named("Город Т2")).toBe(1);
  });
});
