/**
 * The public portal on the demo (issue 14, part 9): `npx tsx bench/portal.ts`.
 *
 * Loads the demo of Kaluga with its portal (publications, proposals, vote, Q&A, surveys), starts
 * the server on a local port and times, over HTTP from this process, an anonymous reader's request
 * of a published program's page (target < 50 ms on the demo) and of the other pages, 100 times each
 * after a warm-up. Prints a Markdown table for docs/PERFORMANCE.md, with the cache header each page
 * gets. Uses DATABASE_URL or an embedded PostgreSQL in a temporary folder.
 */
import { Db } from "@orientir/db";
import { DEMO_MUNICIPALITIES, DEMO_USERS, KALUGA_NAME, demoDecreeOf } from "@orientir/db/demo";
import { createContext, seedMunicipalities, seedPortalDemo, seedPortalParticipationDemo, seedVersionsInForce } from "@orientir/app";
import { renderProtocol } from "@orientir/reports";
import { buildServer } from "@orientir/server";
import { benchDatabase, results, time } from "./common.ts";

const ms = (x: number) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
const { row, rows, print } = results(ms);
const database = await benchDatabase("orientir-bench-portal-");
const db = new Db(database.handle.appUrl, { max: 5 });
try {
  const ctx = createContext(db);
  await seedMunicipalities(ctx, DEMO_MUNICIPALITIES, DEMO_USERS, "bench");
  await seedVersionsInForce(ctx, KALUGA_NAME, "admin", demoDecreeOf(KALUGA_NAME));
  await seedPortalDemo(ctx, KALUGA_NAME, "kaluga");
  await seedPortalParticipationDemo(ctx, KALUGA_NAME, "kaluga", renderProtocol);
  const server = await buildServer(ctx);
  await server.listen({ port: 0, host: "127.0.0.1" });
  const address = server.server.address();
  if (!address || typeof address === "string") throw new Error("no TCP address");
  const base = `http://127.0.0.1:${address.port}`;
  try {
    const index = await (await fetch(`${base}/p/kaluga`)).text();
    const links = [...index.matchAll(/\/p\/kaluga\/publications\/([0-9a-f-]{36})">([^<]*)</g)];
    const approved = links.find((m) => !m[2]!.startsWith("Проект"));
    if (!approved) throw new Error("no approved publication on the demo portal");
    const surveys = await (await fetch(`${base}/p/kaluga/surveys`)).text();
    const survey = /\/p\/kaluga\/surveys\/([0-9a-f-]{36})/.exec(surveys)![1];
    const vote = /\/p\/kaluga\/votes\/([0-9a-f-]{36})/.exec(await (await fetch(`${base}/p/kaluga/votes`)).text())![1];
    const pages: [string, string, string][] = [
      [`a published program's page (${approved[2]!.slice(0, 60)}…)`, `/p/kaluga/publications/${approved[1]}`, "< 50 ms"],
      ["the portal's index", "/p/kaluga", ""],
      ["a survey's page (579 responses tallied)", `/p/kaluga/surveys/${survey}`, ""],
      ["the list of datasets (data.json)", "/p/kaluga/data.json", ""],
      ["the closed vote's page (9,305 ballots counted)", `/p/kaluga/votes/${vote}`, ""],
      ["the closed vote's anonymised ballots (JSON, 9,305 rows)", `/p/kaluga/data/vote-${vote}-ballots.json`, ""],
    ];
    for (const [what, path, target] of pages) {
      for (let k = 0; k < 10; k++) await (await fetch(`${base}${path}`)).arrayBuffer();
      const r = await fetch(`${base}${path}`);
      const bytes = (await r.arrayBuffer()).byteLength;
      row(
        `${what}: ${bytes} bytes, Cache-Control «${r.headers.get("cache-control")}»`,
        await time(100, async () => (await fetch(`${base}${path}`)).arrayBuffer()),
        target,
      );
    }
    rows.push(["load average (1 min) during the run", (await import("node:os")).loadavg()[0]!.toFixed(1), ""]);
  } finally {
    await server.close();
  }
  print();
} finally {
  await db.close();
  await database.stop();
}
