/**
 * The transaction's read cache (issue 16, part 2): answers given in advance (`prime`, what
 * `prefetchRowContext` reads in one statement) answer the same statement and values, and are
 * forgotten when a write touches their table; a locked row's answer is given once only; the audit
 * append is never answered from memory. Against a recording Queryable, no database.
 */
import { describe, expect, it } from "vitest";
import { cachedReads, type Queryable, type QueryResult } from "../src/index.ts";

function recorder() {
  const sent: string[] = [];
  const q: Queryable = {
    query<R extends object>(text: string): Promise<QueryResult<R>> {
      sent.push(text);
      return Promise.resolve({ rows: [{ from: "db" }] as unknown as R[], rowCount: 1 });
    },
  };
  return { q, sent };
}

const row = (from: string) => ({ rows: [{ from }], rowCount: 1 });

describe("cachedReads: answers given in advance", () => {
  it("answer the same statement and values without a round trip, until a write touches their table", async () => {
    const { q, sent } = recorder();
    const c = cachedReads(q);
    c.prime("SELECT * FROM program WHERE id = $1", ["p1"], row("primed"), ["program"]);
    expect((await c.query("SELECT * FROM program WHERE id = $1", ["p1"])).rows).toEqual([{ from: "primed" }]);
    expect((await c.query("SELECT * FROM program WHERE id = $1", ["p1"])).rows).toEqual([{ from: "primed" }]);
    expect(sent).toEqual([]);
    // other values are asked of the database
    expect((await c.query("SELECT * FROM program WHERE id = $1", ["p2"])).rows).toEqual([{ from: "db" }]);
    expect(sent).toHaveLength(1);
    // a write of another table keeps it; a write of its table forgets it
    await c.query("UPDATE metric_value SET fact = $2 WHERE id = $1", ["m", "1"]);
    expect((await c.query("SELECT * FROM program WHERE id = $1", ["p1"])).rows).toEqual([{ from: "primed" }]);
    await c.query("UPDATE program SET name = $2 WHERE id = $1", ["p1", "x"]);
    expect((await c.query("SELECT * FROM program WHERE id = $1", ["p1"])).rows).toEqual([{ from: "db" }]);
  });

  it("a locked row's answer is given once; a later FOR UPDATE goes to the database again", async () => {
    const { q, sent } = recorder();
    const c = cachedReads(q);
    const lock = "SELECT * FROM metric_value WHERE id = $1 FOR UPDATE";
    c.prime(lock, ["m1"], row("locked"), ["metric_value"], true);
    expect((await c.query(lock, ["m1"])).rows).toEqual([{ from: "locked" }]);
    expect(sent).toEqual([]);
    expect((await c.query(lock, ["m1"])).rows).toEqual([{ from: "db" }]);
    expect(sent).toEqual([lock]);
  });

  it("a once-only answer is dropped by a write of its table before it is asked", async () => {
    const { q } = recorder();
    const c = cachedReads(q);
    const lock = "SELECT * FROM metric_value WHERE id = $1 FOR UPDATE";
    c.prime(lock, ["m1"], row("locked"), ["metric_value"], true);
    await c.query("DELETE FROM metric_value WHERE id = $1", ["m1"]);
    expect((await c.query(lock, ["m1"])).rows).toEqual([{ from: "db" }]);
  });

  it("the audit append is sent every time, never answered from memory", async () => {
    const { q, sent } = recorder();
    const c = cachedReads(q);
    const append = "SELECT audit_append($1, $2)";
    await c.query(append, ["k", "m"]);
    await c.query(append, ["k", "m"]);
    expect(sent).toEqual([append, append]);
  });
});
