import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import pg from "pg";
import { ChangedMigrationError, LEGACY_MIGRATIONS, loadMigrations, migrate, migrationChecksum, withDatabase } from "@orientir/db";

let admin: pg.Client;
const made: string[] = [];
const dirs: string[] = [];

beforeAll(async () => {
  admin = new pg.Client({ connectionString: inject("pgAdminUrl") });
  await admin.connect();
});
afterAll(async () => {
  for (const d of made) await admin.query(`DROP DATABASE IF EXISTS ${d} WITH (FORCE)`);
  await admin.end();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function freshDatabase(): Promise<string> {
  const name = `m_${randomBytes(6).toString("hex")}`;
  await admin.query(`CREATE DATABASE ${name}`);
  made.push(name);
  return withDatabase(inject("pgAdminUrl"), name);
}

function migrationsDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "orientir-migrations-"));
  dirs.push(dir);
  for (const [f, sql] of Object.entries(files)) writeFileSync(join(dir, f), sql);
  return dir;
}

async function rows(url: string, sql: string): Promise<Record<string, unknown>[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(sql)).rows;
  } finally {
    await c.end();
  }
}

describe("the migration runner", () => {
  it("migrates a fresh database with every migration, records each checksum, and applies nothing twice", async () => {
    const url = await freshDatabase();
    const all = loadMigrations();
    expect(await migrate(url)).toEqual(all.map((m) => m.name));
    const recorded = await rows(url, `SELECT name, checksum FROM schema_migration ORDER BY version`);
    expect(recorded).toEqual(all.map((m) => ({ name: m.name, checksum: m.checksum })));
    expect(await migrate(url)).toEqual([]);
  });

  it("names new migrations by a timestamp; the old NNNN names are only the legacy ones", () => {
    for (const f of readdirSync(new URL("../migrations", import.meta.url))) {
      if (!f.endsWith(".sql")) continue;
      const name = f.replace(/\.sql$/, "");
      if (/^\d{4}_/.test(name)) expect(LEGACY_MIGRATIONS, `${f}: name a new migration YYYYMMDDHHMMSS_name.sql`).toContain(name);
      else expect(name, f).toMatch(/^\d{14}_[\w-]+$/);
    }
  });

  it("refuses an applied migration whose file changed, naming it, and applies nothing after it", async () => {
    const url = await freshDatabase();
    const files = { "20261203070000_a.sql": "CREATE TABLE a (x int);", "20261203070100_b.sql": "CREATE TABLE b\n(x int);\n" };
    const dir = migrationsDir(files);
    expect(await migrate(url, () => {}, dir)).toEqual(["20261203070000_a", "20261203070100_b"]);
    writeFileSync(join(dir, "20261203070000_a.sql"), "CREATE TABLE a (x bigint);");
    writeFileSync(join(dir, "20261203070200_c.sql"), "CREATE TABLE c (x int);");
    const refused = migrate(url, () => {}, dir);
    await expect(refused).rejects.toBeInstanceOf(ChangedMigrationError);
    await expect(refused).rejects.toThrow(/migration 20261203070000_a was changed after it was applied/);
    expect(await rows(url, `SELECT to_regclass('c') AS c`)).toEqual([{ c: null }]);
    // restored, and the same text with Windows line endings: the same migrations, and the next one goes on
    writeFileSync(join(dir, "20261203070000_a.sql"), files["20261203070000_a.sql"]);
    writeFileSync(join(dir, "20261203070100_b.sql"), files["20261203070100_b.sql"].replace(/\n/g, "\r\n"));
    expect(await migrate(url, () => {}, dir)).toEqual(["20261203070200_c"]);
  });

  it("accepts a database the earlier runner migrated (integer versions, old names, no checksums) and then guards it", async () => {
    const url = await freshDatabase();
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      await c.query(
        `CREATE TABLE schema_migration (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
      );
      await c.query(`CREATE TABLE a (x int)`);
      await c.query(`INSERT INTO schema_migration (version, name) VALUES (1, '0001_a')`);
    } finally {
      await c.end();
    }
    const dir = migrationsDir({ "0001_a.sql": "CREATE TABLE a (x int);", "20261203070000_b.sql": "CREATE TABLE b (x int);" });
    expect(await migrate(url, () => {}, dir)).toEqual(["20261203070000_b"]);
    expect(await rows(url, `SELECT version::text AS version, name, checksum FROM schema_migration ORDER BY version`)).toEqual([
      { version: "1", name: "0001_a", checksum: migrationChecksum("CREATE TABLE a (x int);") },
      { version: "20261203070000", name: "20261203070000_b", checksum: migrationChecksum("CREATE TABLE b (x int);") },
    ]);
    expect(await migrate(url, () => {}, dir)).toEqual([]);
    writeFileSync(join(dir, "0001_a.sql"), "CREATE TABLE a (y int);");
    await expect(migrate(url, () => {}, dir)).rejects.toThrow(/migration 0001_a was changed/);
  });
});
