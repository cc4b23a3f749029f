/**
 * The database going away under a running server (issue 9, part 4), on an embedded PostgreSQL of
 * this file's own, killed with SIGKILL as a crash would: a transaction cut midway fails with
 * UnavailableError and leaves nothing (it used to end the whole Node process), requests get 503
 * with Retry-After, health says "unavailable", the worker backs off, and all comes back by itself
 * when the server is started again — also over a pid file of a dead postmaster whose pid now
 * belongs to another program, and with the postmaster left running on another port than asked.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Db, ensureDatabase, freePort, migrate, startEmbedded, stopPostmaster, withDatabase, type EmbeddedOptions } from "@orientir/db";
import { createContext, seedMunicipalities, startWorker, type AppContext } from "@orientir/app";
import { UnavailableError } from "@orientir/domain";
import { buildServer } from "@orientir/server";
import { Client, FIXTURE_PASSWORD, FIXTURE_USERS, MUNICIPALITY_A, killPostmaster } from "@orientir/testing";
import type { FastifyInstance } from "fastify";

const dir = mkdtempSync(join(tmpdir(), "orientir-dbfaults-"));
const pgDir = join(dir, "pg");
let options: EmbeddedOptions;
let db: Db;
/** The owner's connection (no application role): the probe table of the first test is its own. */
let owner: Db;
let ctx: AppContext;
let server: FastifyInstance;
let economy: Client;
let strategyId: string;

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

beforeAll(async () => {
  options = { dataDir: pgDir, port: await freePort(), persistent: true };
  const pg = await startEmbedded(options);
  await ensureDatabase(pg.url, "faults");
  const url = withDatabase(pg.url, "faults");
  await migrate(url);
  db = new Db(url, { max: 4 });
  ctx = createContext(db);
  await seedMunicipalities(
    ctx,
    [MUNICIPALITY_A],
    FIXTURE_USERS.filter((u) => u.memberships.every((m) => m.municipality === MUNICIPALITY_A.name)),
    FIXTURE_PASSWORD,
  );
  owner = new Db(url, { max: 2, role: null });
  await owner.query("CREATE TABLE fault_probe (k text NOT NULL)");
  server = await buildServer(ctx);
  economy = new Client(server);
  expect((await economy.login("economy")).status).toBe(200);
  strategyId = (await economy.get("/api/strategies")).body.items[0].id;
}, 180_000);

afterAll(async () => {
  await server?.close();
  await db?.close();
  await owner?.close();
  await stopPostmaster(pgDir);
  rmSync(dir, { recursive: true, force: true });
}, 60_000);

describe("the database killed under a running server", () => {
  it("fails a transaction cut midway with UnavailableError, without ending the process, and stores none of it", async () => {
    let inserted!: () => void;
    const insertedNow = new Promise<void>((r) => (inserted = r));
    let goOn!: () => void;
    const resume = new Promise<void>((r) => (goOn = r));
    const tx = owner.tx(async (q) => {
      await q.query("INSERT INTO fault_probe (k) VALUES ('half')");
      inserted();
      await resume;
      await q.query("INSERT INTO fault_probe (k) VALUES ('other half')");
    });
    const outcome = tx.then(
      () => null,
      (e: unknown) => e,
    );
    await insertedNow;
    await killPostmaster(pgDir);
    // the connection of the open transaction breaks while no query runs on it: it used to throw
    // an unhandled `error` event here, which ended the process (and with it this test run)
    await sleep(500);
    goOn();
    const err = await outcome;
    expect(err).toBeInstanceOf(UnavailableError);
    await expect(owner.query("SELECT 1")).rejects.toBeInstanceOf(UnavailableError);

    await startEmbedded(options);
    expect((await owner.query<{ n: number }>("SELECT count(*)::int AS n FROM fault_probe")).rows[0]!.n).toBe(0);
  }, 120_000);

  it("answers 503 with Retry-After while the database is away, health included, and serves again when it is back", async () => {
    expect((await economy.post("/api/risks", { strategyId, name: "до сбоя" })).status).toBe(201);
    const logs: string[] = [];
    const worker = startWorker({ ctx, workerId: "faults", mailer: null, log: (m) => logs.push(m) }, { pollMs: 20, maxBackoffMs: 200 });
    await sleep(200);
    await killPostmaster(pgDir);

    const health = await economy.get("/api/health");
    expect(health.status).toBe(503);
    expect(health.body).toMatchObject({ status: "unavailable", database: "unavailable" });
    expect(health.headers["retry-after"]).toMatch(/^\d+$/);
    const write = await economy.post("/api/risks", { strategyId, name: "во время сбоя" });
    expect(write.status).toBe(503);
    expect(write.body.error.code).toBe("unavailable");
    expect(write.body.error.message).toMatch(/повторите/);
    expect(write.headers["retry-after"]).toMatch(/^\d+$/);
    const read = await economy.get("/api/strategies");
    expect(read.status).toBe(503);
    // health without a session too (a public route answers for itself)
    expect((await new Client(server).get("/api/health")).status).toBe(503);

    // the worker keeps trying, backing off, and says so once rather than at every try
    await sleep(1500);
    expect(logs.filter((l) => /retrying with backoff/.test(l))).toHaveLength(1);

    await startEmbedded(options);
    const back = await economy.get("/api/health");
    expect(back.status).toBe(200);
    expect(back.body).toMatchObject({ status: "ok", database: "ok" });
    expect((await economy.post("/api/risks", { strategyId, name: "после сбоя" })).status).toBe(201);
    const names = (await economy.get(`/api/risks?strategyId=${strategyId}`)).body.items.map((r: { name: string }) => r.name);
    expect(names).toEqual(expect.arrayContaining(["до сбоя", "после сбоя"]));
    expect(names).not.toContain("во время сбоя");
    for (let i = 0; i < 100 && !logs.some((l) => /answers again/.test(l)); i++) await sleep(100);
    expect(logs.some((l) => /answers again/.test(l))).toBe(true);
    await worker.stop();
  }, 120_000);
});

describe("the embedded server after a crash of the process that started it", () => {
  it("starts over a pid file of a dead postmaster whose pid now belongs to another program", async () => {
    const pidFile = join(pgDir, "postmaster.pid");
    await killPostmaster(pgDir);
    const other = spawn("sleep", ["60"], { stdio: "ignore" });
    try {
      const lines = readFileSync(pidFile, "utf8").split("\n");
      lines[0] = String(other.pid);
      writeFileSync(pidFile, lines.join("\n"));
      // PostgreSQL alone refuses: "lock file postmaster.pid already exists"
      const again = await startEmbedded(options);
      expect(again.port).toBe(options.port);
      expect(Number(readFileSync(pidFile, "utf8").split("\n")[0])).not.toBe(other.pid);
      expect((await economy.get("/api/health")).status).toBe(200);
    } finally {
      other.kill("SIGKILL");
    }
  }, 120_000);

  it("reuses the postmaster left running on the folder even when asked for another port", async () => {
    // the process that started it was killed; the next start names another (free) port
    const found = await startEmbedded({ ...options, port: await freePort() });
    expect(found.port).toBe(options.port);
    expect(found.url).toContain(`:${options.port}/`);
  }, 60_000);
});
