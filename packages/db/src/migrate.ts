/**
 * Versioned migrations: .sql files in packages/db/migrations, applied in order once each, and
 * recorded in `schema_migration` with the SHA-256 of their text. A new migration is named by the
 * UTC time it was written, `YYYYMMDDHHMMSS_name.sql`, so two branches cannot pick the same name;
 * the first thirteen keep their old `NNNN_name.sql` names (LEGACY_MIGRATIONS), which is what
 * existing databases have recorded. A migration changed after it was applied is refused.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import pg from "pg";

const MIGRATIONS_DIR = new URL("../migrations", import.meta.url).pathname;
const LOCK_ID = 7_150_220; // advisory lock: one migrating process at a time

/** The migrations written before the timestamped names, by their recorded names; no new name joins this list. */
export const LEGACY_MIGRATIONS = [
  "0001_core",
  "0002_app_role",
  "0003_monitoring_data",
  "0004_workflow",
  "0005_monitoring",
  "0006_evaluation",
  "0007_accounts_sessions",
  "0008_audit_anchor",
  "0009_frozen_content",
  "0010_evaluation_options",
  "0011_budget_schedule",
  "0013_deadlines",
] as const;

const FILE_NAME = /^(\d{4}|\d{14})_[\w-]+\.sql$/;

export interface Migration {
  /** The number in its name: 1…13 for the legacy ones, YYYYMMDDHHMMSS for the others. */
  version: number;
  /** Its file name without `.sql`: the id recorded in schema_migration. */
  name: string;
  sql: string;
  /** SHA-256 (hex) of its text with line endings normalised to LF. */
  checksum: string;
}

export function migrationChecksum(sql: string): string {
  return createHash("sha256").update(sql.replace(/\r\n/g, "\n")).digest("hex");
}

export function loadMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => FILE_NAME.test(f))
    .sort()
    .map((file) => {
      const sql = readFileSync(join(dir, file), "utf8");
      return { version: Number(file.slice(0, file.indexOf("_"))), name: file.replace(/\.sql$/, ""), sql, checksum: migrationChecksum(sql) };
    });
}

/** A migration whose recorded checksum differs from its file's: the database was built from another text. */
export class ChangedMigrationError extends Error {
  constructor(
    readonly migration: string,
    recorded: string,
    actual: string,
  ) {
    super(
      `migration ${migration} was changed after it was applied (recorded checksum ${recorded.slice(0, 12)}…, file ${actual.slice(0, 12)}…): ` +
        `restore the file as it was and put the change in a new migration`,
    );
    this.name = "ChangedMigrationError";
  }
}

interface Applied {
  version: number;
  name: string;
  checksum: string | null;
}

/**
 * Applies the pending migrations; returns the names applied. Refuses (ChangedMigrationError) when
 * an applied migration's file no longer has the text it was applied with.
 */
export async function migrate(url: string, log: (m: string) => void = () => {}, dir = MIGRATIONS_DIR): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const applied: string[] = [];
  try {
    await client.query("SELECT pg_advisory_lock($1)", [LOCK_ID]);
    const migrations = loadMigrations(dir);
    await prepareTable(client, migrations);
    const done = (await client.query<Applied>("SELECT version::float8 AS version, name, checksum FROM schema_migration")).rows;
    const byName = new Map(done.map((r) => [r.name, r]));
    // a legacy migration was recorded by its number before names were the id
    const legacyByVersion = new Map(done.filter((r) => r.version < 10_000).map((r) => [r.version, r]));
    for (const m of migrations) {
      const record = byName.get(m.name) ?? (m.version < 10_000 ? legacyByVersion.get(m.version) : undefined);
      if (record) {
        if (record.checksum !== null && record.checksum !== m.checksum)
          throw new ChangedMigrationError(m.name, record.checksum, m.checksum);
        continue;
      }
      await client.query("BEGIN");
      try {
        await client.query(m.sql);
        await client.query("INSERT INTO schema_migration (version, name, checksum) VALUES ($1, $2, $3)", [m.version, m.name, m.checksum]);
        await client.query("COMMIT");
      } catch (e) {
        await client.query("ROLLBACK");
        throw new Error(`migration ${m.name} failed: ${(e as Error).message}`, { cause: e });
      }
      applied.push(m.name);
      log(`applied ${m.name}`);
    }
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [LOCK_ID]).catch(() => {});
    await client.end();
  }
  return applied;
}

/**
 * Creates schema_migration, or brings a table of the earlier runner (integer versions, no
 * checksums) to the current shape once: bigint versions for the timestamps, and the checksums of
 * the migrations it had applied recorded from today's files. Writes nothing when it is current,
 * so a role without CREATE (the application's) may check an up-to-date database.
 */
async function prepareTable(client: pg.Client, migrations: Migration[]): Promise<void> {
  const exists = (await client.query<{ t: string | null }>(`SELECT to_regclass('schema_migration')::text AS t`)).rows[0]?.t;
  if (!exists) {
    await client.query(
      `CREATE TABLE IF NOT EXISTS schema_migration (
         version bigint PRIMARY KEY, name text NOT NULL UNIQUE, checksum text, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    return;
  }
  const hasChecksum = (
    await client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM information_schema.columns WHERE table_name = 'schema_migration' AND column_name = 'checksum' AND table_schema = current_schema()`,
    )
  ).rows[0]?.n;
  if (hasChecksum) return;
  await client.query("BEGIN");
  try {
    await client.query(`ALTER TABLE schema_migration ALTER COLUMN version TYPE bigint, ADD COLUMN checksum text`);
    for (const m of migrations) {
      if (m.version < 10_000) await client.query(`UPDATE schema_migration SET checksum = $2 WHERE version = $1`, [m.version, m.checksum]);
    }
    await client.query("COMMIT");
  } catch (e) {
    await client.query("ROLLBACK");
    throw e;
  }
}

export async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const r = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (r.rowCount === 0) await client.query(`CREATE DATABASE "${name.replace(/"/g, "")}"`);
  } finally {
    await client.end();
  }
}

/** How many migrations the database has applied. */
export async function migrationStatus(q: { query(text: string): Promise<{ rows: { n: number }[] }> }): Promise<number> {
  const r = await q.query(`SELECT count(*)::int AS n FROM schema_migration`);
  return r.rows[0]?.n ?? 0;
}
