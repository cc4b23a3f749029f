/**
 * Kills under load (issue 9, part 4): `orientir serve` runs in a child process on its embedded
 * PostgreSQL in a temporary folder while writers create risks, each with a name never used before
 * (its key). Again and again the server is killed (SIGKILL) and started again, or the postmaster is
 * killed (SIGKILL) and the server must bring it back by itself; sometimes both at once. A server
 * started after a kill reuses the postmaster the killed one left running. At the end
 * every acknowledged write (a 201 received) is there exactly once, no key is there twice, every
 * risk has its one audit entry (nothing half-written), the server never answered other than 201
 * or 503 (with Retry-After and code "unavailable"), and it never exited by itself.
 *
 * `npm test` runs a short round (5 server kills, 2 database kills); ORIENTIR_LONG_TESTS=1 runs
 * 100 server kills and 24 database kills.
 */
import { afterAll, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Db, freePort, readPostmasterPid, resolveDatabase, stopPostmaster } from "@orientir/db";
import { createContext, seedMunicipalities } from "@orientir/app";
import {
  FIXTURE_PASSWORD,
  FIXTURE_USERS,
  MUNICIPALITY_A,
  health,
  killPostmaster,
  serveLog,
  startServe,
  waitHealth,
  type ServeProcess,
} from "@orientir/testing";

const LONG = process.env.ORIENTIR_LONG_TESTS === "1";
/** Server kills alone, database kills alone, and both at once (counted in both). */
const PLAN = LONG ? { app: 96, db: 20, both: 4 } : { app: 4, db: 1, both: 1 };
const WRITERS = 3;

const dir = mkdtempSync(join(tmpdir(), "orientir-faults-"));
const pgDir = join(dir, "pg");
let serve: ServeProcess | null = null;

afterAll(async () => {
  await serve?.kill("SIGKILL");
  await stopPostmaster(pgDir).catch(() => {});
  rmSync(dir, { recursive: true, force: true });
}, 60_000);

/** A seeded random (mulberry32), so that a failing schedule can be run again. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

async function openDb(): Promise<{ db: Db; close: () => Promise<void> }> {
  const saved = process.env.DATABASE_URL;
  delete process.env.DATABASE_URL;
  try {
    // the server's own embedded PostgreSQL, found running on the folder and reused
    const handle = await resolveDatabase({ dataDir: dir });
    const db = new Db(handle.url, { max: 2 });
    return {
      db,
      close: async () => {
        await db.close();
        await handle.stop();
      },
    };
  } finally {
    if (saved !== undefined) process.env.DATABASE_URL = saved;
  }
}

describe(`the server under kills (${LONG ? "long" : "short"} round: ${PLAN.app + PLAN.both} server kills, ${PLAN.db + PLAN.both} database kills)`, () => {
  it(
    "keeps every acknowledged write exactly once, and comes back by itself after each kill",
    async () => {
      const httpPort = await freePort();
      const pgPort = await freePort();
      const opts = { dataDir: dir, httpPort, pgPort };
      const seed = Number(process.env.ORIENTIR_FAULT_SEED ?? Date.now() % 100_000);
      const rnd = random(seed);
      const context = () => `seed ${seed} (ORIENTIR_FAULT_SEED)\n${serveLog.slice(-60).join("\n")}`;

      serve = startServe(opts);
      await waitHealth(serve, 200, 180_000);
      {
        const { db, close } = await openDb();
        await seedMunicipalities(
          createContext(db),
          [MUNICIPALITY_A],
          FIXTURE_USERS.filter((u) => u.memberships.every((m) => m.municipality === MUNICIPALITY_A.name)),
          FIXTURE_PASSWORD,
        );
        await close();
      }
      const base = serve.base;
      const login = await fetch(`${base}/api/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ login: "economy", password: FIXTURE_PASSWORD }),
      });
      expect(login.status).toBe(200);
      const cookie = login.headers.get("set-cookie")!.split(";")[0]!;
      const csrf = ((await login.json()) as { csrfToken: string }).csrfToken;
      const strategies = (await (await fetch(`${base}/api/strategies`, { headers: { cookie } })).json()) as { items: { id: string }[] };
      const strategyId = strategies.items[0]!.id;

      // ---- the writers: each write has its own key; a 201 is an acknowledged write --------------
      const acked = new Map<string, string>();
      const attempted = new Set<string>();
      const unexpected: string[] = [];
      let unavailable = 0;
      let noAnswer = 0;
      let stop = false;
      const writer = async (w: number) => {
        for (let n = 0; !stop; n++) {
          const key = `w${w}-${n}`;
          attempted.add(key);
          try {
            const r = await fetch(`${base}/api/risks`, {
              method: "POST",
              headers: { cookie, "x-csrf-token": csrf, "content-type": "application/json" },
              body: JSON.stringify({ strategyId, name: key }),
              signal: AbortSignal.timeout(30_000),
            });
            const body = await r.json().catch(() => null);
            if (r.status === 201) acked.set(key, body.id);
            else if (r.status === 503 && body?.error?.code === "unavailable" && r.headers.get("retry-after")) {
              unavailable++;
              await sleep(100);
            } else unexpected.push(`${key}: ${r.status} ${JSON.stringify(body)}`);
          } catch {
            // killed mid-request or not listening yet: not acknowledged, the outcome is unknown
            noAnswer++;
            await sleep(200);
          }
        }
      };
      const writers = Array.from({ length: WRITERS }, (_, w) => writer(w));

      /** Lets the writers get some writes through before the next kill. */
      const letWritesThrough = async () => {
        const before = acked.size;
        const until = Date.now() + 20_000;
        const want = 1 + Math.floor(rnd() * 6);
        while (acked.size < before + want && Date.now() < until) await sleep(20);
        await sleep(Math.floor(rnd() * 150));
      };

      const events = [...Array(PLAN.app).fill("app"), ...Array(PLAN.db).fill("db"), ...Array(PLAN.both).fill("both")] as (
        "app" | "db" | "both"
      )[];
      for (let i = events.length - 1; i > 0; i--) {
        const j = Math.floor(rnd() * (i + 1));
        [events[i], events[j]] = [events[j]!, events[i]!];
      }
      let seen503Health = false;
      const back: Record<string, number[]> = { app: [], db: [], both: [] };
      try {
        for (const event of events) {
          await letWritesThrough();
          const killedAt = Date.now();
          if (event === "db") {
            await killPostmaster(pgDir);
            // the server stays up, says the database is away, and brings it back by itself
            const h = await health(base);
            if (h?.status === 503) {
              expect(h.body, context()).toMatchObject({ status: "unavailable", database: "unavailable" });
              expect(h.retryAfter, context()).toMatch(/^\d+$/);
              seen503Health = true;
            }
            await waitHealth(serve, 200, 120_000);
            expect(serve.ended, `the server exited when its database was killed\n${context()}`).toBe(false);
          } else {
            const postmaster = readPostmasterPid(pgDir)?.pid;
            await serve.kill("SIGKILL");
            if (event === "both") await killPostmaster(pgDir);
            serve = startServe(opts);
            await waitHealth(serve, 200, 120_000);
            // the postmaster the killed server left running is found and reused, not started anew
            if (event === "app") expect(readPostmasterPid(pgDir)?.pid, context()).toBe(postmaster);
          }
          back[event]!.push(Date.now() - killedAt);
        }
        await letWritesThrough();
      } finally {
        stop = true;
        await Promise.all(writers);
      }

      // ---- what is stored --------------------------------------------------------------------
      const { db, close } = await openDb();
      try {
        const rows = (
          await db.query<{ id: string; name: string }>(`SELECT id, name FROM risk WHERE strategy_id = $1 AND name ~ '^w[0-9]+-[0-9]+$'`, [
            strategyId,
          ])
        ).rows;
        const audited = (
          await db.query<{ object_id: string; n: number }>(
            `SELECT object_id, count(*)::int AS n FROM audit_log WHERE object_type = 'risk' AND action = 'risk.create' GROUP BY object_id`,
          )
        ).rows;
        const byKey = new Map<string, string[]>();
        for (const r of rows) byKey.set(r.name, [...(byKey.get(r.name) ?? []), r.id]);

        expect(unexpected, context()).toEqual([]);
        const missing = [...acked.keys()].filter((k) => byKey.get(k)?.length !== 1 || byKey.get(k)![0] !== acked.get(k));
        expect(missing, `acknowledged writes missing or changed\n${context()}`).toEqual([]);
        const twice = [...byKey].filter(([, ids]) => ids.length > 1).map(([k]) => k);
        expect(twice, context()).toEqual([]);
        const unknown = [...byKey.keys()].filter((k) => !attempted.has(k));
        expect(unknown, context()).toEqual([]);
        // one audit entry per risk and none for a risk that is not there: no half-written change
        const auditedIds = new Map(audited.map((a) => [a.object_id, a.n]));
        expect(
          rows.filter((r) => auditedIds.get(r.id) !== 1).map((r) => r.name),
          context(),
        ).toEqual([]);
        const ids = new Set(rows.map((r) => r.id));
        expect(audited.filter((a) => !ids.has(a.object_id)).length, context()).toBe(0);

        // the run did what it says: writes were acknowledged throughout, and the outages were seen
        expect(acked.size).toBeGreaterThan(events.length);
        expect(unavailable + noAnswer).toBeGreaterThan(0);
        console.log(
          `faults: seed ${seed}; ${events.length} kills (${PLAN.app} server, ${PLAN.db} database, ${PLAN.both} both); ${attempted.size} writes tried, ${acked.size} acknowledged, ` +
            `${rows.length} stored, ${unavailable} answered 503, ${noAnswer} without answer; health 503 seen: ${seen503Health}; ` +
            `back after (mean ms): ${Object.entries(back)
              .map(([k, v]) => `${k} ${v.length ? Math.round(v.reduce((a, b) => a + b, 0) / v.length) : "-"}`)
              .join(", ")}`,
        );
      } finally {
        await close();
      }
    },
    LONG ? 3_600_000 : 300_000,
  );
});
