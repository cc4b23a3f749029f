/**
 * Global search benchmark (issue 13, part 5): `npx tsx bench/search.ts`.
 *
 * The demo data (Kaluga and Kant) in a fresh database; the use case of `GET /api/search` as an
 * economist of Kaluga, for queries typed right, with a typo, one short word, a person's name, and
 * one that finds nothing. The target is < 100 ms on the demo. Prints a Markdown table for
 * docs/PERFORMANCE.md. Uses DATABASE_URL or an embedded PostgreSQL in a temporary folder.
 */
import { randomUUID } from "node:crypto";
import { Db, findMunicipalityByName } from "@orientir/db";
import { DEMO_MUNICIPALITIES, DEMO_USERS } from "@orientir/db/demo";
import { createContext, globalSearch, seedMunicipalities } from "@orientir/app";
import { benchDatabase, results, time } from "./common.ts";

const ms = (x: number) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
const { row, rows, print } = results(ms);
const database = await benchDatabase("orientir-bench-search-");
const db = new Db(database.handle.appUrl, { max: 2 });
try {
  const ctx = createContext(db);
  await seedMunicipalities(ctx, DEMO_MUNICIPALITIES, DEMO_USERS, "bench");
  const kaluga = (await findMunicipalityByName(db, DEMO_MUNICIPALITIES[0]!.name))!;
  const caller = {
    actor: { userId: randomUUID(), login: "bench", municipalityId: String(kaluga.id), role: "economy" as const, departmentId: null },
    requestId: null,
  };
  const entries = await db.query<{ n: string }>(`SELECT count(*)::text AS n FROM search_entry WHERE municipality_id = $1`, [kaluga.id]);
  rows.push([`rows searched in Kaluga's search_entry`, entries.rows[0]!.n, ""]);
  const queries: [string, string][] = [
    ["a program's name as typed", "развитие физической культуры и спорта"],
    ["with a typo («программа развития спрота»)", "программа развития спрота"],
    ["one word", "образование"],
    ["a person's name with a typo", "Белва Марина"],
    ["nothing found", "квантовая телепортация"],
  ];
  for (const [, q] of queries) for (let k = 0; k < 5; k++) await globalSearch(ctx, caller, { q }); // warm
  for (const [what, q] of queries) {
    const first = (await globalSearch(ctx, caller, { q })).items[0];
    row(`${what}: first hit «${first?.title ?? "—"}»`, await time(30, () => globalSearch(ctx, caller, { q })), "< 100 ms");
  }
  print();
} finally {
  await db.close();
  await database.stop();
}
