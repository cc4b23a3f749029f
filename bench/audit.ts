/**
 * Audit chain benchmark (issue 16, part 4): `npx tsx bench/audit.ts [--entries N]`.
 *
 * An audited append (its transaction: the chain's lock, the read of the chain's head, the hash,
 * the INSERT) into one municipality's chain when the log holds 10 entries, then after N entries of
 * other municipalities (default 200,000, bulk-inserted by the owner with generate_series, then
 * VACUUM ANALYZE as autovacuum would), and the global chain's append beside it. The head is read by
 * `chainHead` (one read of the index audit_log (municipality_id, id)); the read the chain used
 * before (`IS NOT DISTINCT FROM`, which cannot use the index) is timed on the same log for
 * comparison, for a municipality whose last entry lies behind all of them (the case it was slow
 * in). The appends after the bulk go, first, each to one of 200 municipalities that wrote once
 * before it (the read of their head meets the whole bulk first by id), then repeatedly to one.
 * At the end the chains of the municipalities appended to are verified.
 *
 * Uses DATABASE_URL or an embedded PostgreSQL in a temporary folder; the appends run as the
 * application's role, as the server does. Prints a Markdown table for docs/PERFORMANCE.md.
 */
import pg from "pg";
import { appendAudit, Db, insertMunicipality, verifyAudit, type AuditEntry } from "@orientir/db";
import { benchDatabase, results, time } from "./common.ts";

const args = process.argv.slice(2);
const i = args.indexOf("--entries");
const ENTRIES = i >= 0 ? Number(args[i + 1]) : 200_000;
const ms = (x: number) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
const { rows, row, print } = results(ms);

const database = await benchDatabase("orientir-bench-audit-");
const db = new Db(database.handle.appUrl, { max: 2 });
const owner = new pg.Client({ connectionString: database.handle.url });
await owner.connect();
try {
  const town = String((await insertMunicipality(db, { name: "Город замеров", country: "RU", currency: "RUB" })).id);
  const others: string[] = [];
  for (let k = 0; k < 10; k++)
    others.push(String((await insertMunicipality(db, { name: `Соседний город ${k}`, country: "RU", currency: "RUB" })).id));

  let n = 0;
  const entry = (municipalityId: string | null): AuditEntry => ({
    municipalityId,
    actorId: null,
    actorLogin: "bench",
    action: "metric_value.update",
    objectType: "metric_value",
    objectId: String(++n),
    before: { plan: "12.50", version: n },
    after: { plan: "13.00", version: n + 1 },
    requestId: `bench-${n}`,
  });
  const append = (m: string | null) => db.tx((q) => appendAudit(q, entry(m)));
  const oldHead = (m: string | null) =>
    db.query(`SELECT hash FROM audit_log WHERE municipality_id IS NOT DISTINCT FROM $1 ORDER BY id DESC LIMIT 1`, [m]);

  // ten entries in the log, a few of them in the chain appended to
  for (let k = 0; k < 10; k++) await append(k % 2 ? town : others[k % others.length]!);
  for (let k = 0; k < 50; k++) await db.query("SELECT 1"); // warm the pool
  await owner.query("ANALYZE audit_log");
  const small = await time(300, () => append(town));
  row("audited append, log of ~10 entries (+ the measured appends)", small, "");
  const smallGlobal = await time(100, () => append(null));
  row("audited append to the global chain, same log", smallGlobal, "");
  rows.push([
    "read of the head the old way (`IS NOT DISTINCT FROM`), same log",
    `${ms((await time(100, () => oldHead(town))).median)} ms`,
    "(before this change)",
  ]);

  // municipalities that wrote once before the bulk and not since: their head lies behind all of it
  const quiet: string[] = [];
  for (let k = 0; k < 200; k++)
    quiet.push(String((await insertMunicipality(db, { name: `Тихий город ${k}`, country: "RU", currency: "RUB" })).id));
  for (const m of quiet) await append(m);

  const t0 = performance.now();
  await owner.query(
    `INSERT INTO audit_log (municipality_id, at, actor_login, action, object_type, object_id, after, request_id, prev_hash, hash)
     SELECT ($1::uuid[])[1 + g % array_length($1::uuid[], 1)], now(), 'bulk', 'metric_value.update', 'metric_value', g::text,
            jsonb_build_object('plan', g), 'bulk-' || g, '', md5(g::text)
     FROM generate_series(1, $2) g`,
    [others, ENTRIES],
  );
  // what autovacuum does to a table soon after a bulk load (done here so it does not run amid the timings)
  await owner.query("VACUUM ANALYZE audit_log");
  console.error(`bulk-inserted ${ENTRIES} entries of ${others.length} other municipalities in ${ms(performance.now() - t0)} ms`);

  rows.push([
    `read of the head the old way (\`IS NOT DISTINCT FROM\`), a municipality whose last entry lies behind the ${ENTRIES.toLocaleString("en")}`,
    `${ms((await time(10, () => oldHead(quiet[0]!))).median)} ms`,
    "(before this change)",
  ]);
  let q = 0;
  const firstAfter = await time(quiet.length, () => append(quiet[q++]!));
  row(
    `audited append, first of a municipality after ${ENTRIES.toLocaleString("en")} entries of others since its last`,
    firstAfter,
    "same as with 10",
  );
  const big = await time(300, () => append(town));
  row(`audited append, after ${ENTRIES.toLocaleString("en")} entries of other municipalities`, big, "same as with 10");
  const bigGlobal = await time(100, () => append(null));
  row(`audited append to the global chain, same log`, bigGlobal, "same as with 10");
  rows.push([
    `ratio of the append after ${ENTRIES.toLocaleString("en")} entries to the append after 10 (first after / repeated)`,
    `${(firstAfter.median / small.median).toFixed(2)} × / ${(big.median / small.median).toFixed(2)} ×`,
    "≈ 1",
  ]);

  // the chains appended to still verify (the bulk rows are not chained: they are left out)
  const v = await verifyAudit(db);
  const measured = new Set<string | null>([town, null, ...quiet]);
  const bad = v.breaks.filter((b) => measured.has(b.municipalityId));
  if (bad.length) throw new Error(`the chain broke: ${JSON.stringify(bad.slice(0, 3))}`);
  console.error(`verified ${v.checked} entries; the measured chains are whole`);
  print();
} finally {
  await owner.end();
  await db.close();
  await database.stop();
}
