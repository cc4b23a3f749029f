/**
 * The audit chain's head: found by one read of the index (municipality_id, id), whatever else the
 * log holds; the chains of several municipalities (and the global one) appended in turn, singly and
 * in batches, still verify.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import {
  appendAudit,
  appendAuditMany,
  chainHead,
  chainHeadQuery,
  Db,
  insertMunicipality,
  verifyAudit,
  type AuditEntry,
} from "@orientir/db";
import { createTestDatabase } from "@orientir/testing";

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let db: Db;
let owner: pg.Client;
const towns: string[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  db = new Db(database.url);
  owner = new pg.Client({ connectionString: database.ownerUrl });
  await owner.connect();
  for (const name of ["Город А", "Город Б", "Город В"]) {
    towns.push(String((await insertMunicipality(db, { name, country: "RU", currency: "RUB" })).id));
  }
});
afterAll(async () => {
  await owner.end();
  await db.close();
  await database.drop();
});

const entry = (municipalityId: string | null, i: number): AuditEntry => ({
  municipalityId,
  actorId: null,
  actorLogin: "test",
  action: "test.write",
  objectType: "metric",
  objectId: String(i),
  before: { value: String(i) },
  after: { value: String(i + 1) },
  requestId: `r${i}`,
});

describe("the audit chain's head", () => {
  it("chains appends interleaved across municipalities and the global chain, single and batched, and the log verifies", async () => {
    const chains = [...towns, null];
    for (let i = 0; i < 120; i++) {
      const m = chains[i % chains.length]!;
      await db.tx((q) =>
        i % 10 === 9 ? appendAuditMany(q, [entry(m, i), entry(m, i + 1000), entry(m, i + 2000)]) : appendAudit(q, entry(m, i)),
      );
    }
    // appends of several municipalities at once, each under its own chain's lock
    await Promise.all(chains.flatMap((m) => [0, 1, 2].map((k) => db.tx((q) => appendAudit(q, entry(m, 5000 + k))))));
    const v = await verifyAudit(db);
    expect(v.breaks).toEqual([]);
    expect(v.checked).toBe(120 + 12 * 2 + 12);
    for (const m of chains) {
      const r = await db.query<any>(
        m === null
          ? `SELECT hash FROM audit_log WHERE municipality_id IS NULL ORDER BY id DESC LIMIT 1`
          : `SELECT hash FROM audit_log WHERE municipality_id = $1 ORDER BY id DESC LIMIT 1`,
        m === null ? [] : [m],
      );
      expect(await chainHead(db, m)).toBe(r.rows[0].hash);
    }
  });

  it("is read from the index (municipality_id, id) without a sort or a scan of other municipalities' rows", async () => {
    // many entries of another municipality (made by the owner, as a bulk load would)
    await owner.query<any>(
      `INSERT INTO audit_log (municipality_id, action, object_type, prev_hash, hash)
       SELECT $1, 'bulk', 'metric', '', md5(g::text) FROM generate_series(1, 20000) g`,
      [towns[2]],
    );
    await owner.query<any>(`ANALYZE audit_log`);
    for (const m of [towns[0]!, null]) {
      const { text, values } = chainHeadQuery(m);
      const plan = (await db.query<any>(`EXPLAIN (ANALYZE, FORMAT JSON) ${text}`, values)).rows[0]["QUERY PLAN"][0];
      const nodes: { "Node Type": string; "Index Name"?: string; "Actual Rows": number; Plans?: unknown[] }[] = [];
      const walk = (n: (typeof nodes)[number]) => {
        nodes.push(n);
        for (const c of (n.Plans ?? []) as (typeof nodes)[number][]) walk(c);
      };
      walk(plan.Plan);
      const scan = nodes.find((n) => n["Index Name"] !== undefined);
      expect(scan?.["Index Name"]).toBe("audit_log_chain");
      expect(nodes.map((n) => n["Node Type"])).not.toContain("Sort");
      expect(nodes.map((n) => n["Node Type"])).not.toContain("Seq Scan");
      // one row read: the head, not the 20,000 rows of the other municipality
      expect(scan!["Actual Rows"]).toBe(1);
    }
  });
});
