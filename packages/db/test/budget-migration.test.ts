/**
 * Migration 0011 (the budget schedule is annual): the former quarterly rows of budget_execution
 * (schedule and cash per direction, year, quarter, source) become the year's dated schedule
 * entries and cumulative cash, with every quarter's figures as they were — nothing lost.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import pg from "pg";
import { randomBytes } from "node:crypto";
import { loadMigrations, withDatabase } from "@orientir/db";
import { quarterBudget, type BudgetScheduleEntry, type CashRow } from "@orientir/domain";

const name = `m_${randomBytes(6).toString("hex")}`;
let admin: pg.Client;
let c: pg.Client;

beforeAll(async () => {
  admin = new pg.Client({ connectionString: inject("pgAdminUrl") });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  c = new pg.Client({ connectionString: withDatabase(inject("pgAdminUrl"), name) });
  await c.connect();
  // the database as the migrator leaves it before 0011
  await c.query(
    `CREATE TABLE schema_migration (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
  );
  for (const m of loadMigrations().filter((x) => x.version < 11)) {
    await c.query(m.sql);
    await c.query(`INSERT INTO schema_migration (version, name) VALUES ($1, $2)`, [m.version, m.name]);
  }
});
afterAll(async () => {
  await c?.end();
  await admin?.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin?.end();
});

describe("migration 0011_budget_schedule", () => {
  it("turns quarterly schedule values into the year's dated entries and keeps every quarter's figures and the cash", async () => {
    const one = async (sql: string, args: unknown[]) => (await c.query(sql, args)).rows[0].id as string;
    const mu = await one(`INSERT INTO municipality (name, country, currency) VALUES ('М', 'RU', 'RUB') RETURNING id`, []);
    const dep = await one(`INSERT INTO department (municipality_id, name) VALUES ($1, 'Отдел') RETURNING id`, [mu]);
    const prog = await one(
      `INSERT INTO program (municipality_id, code, name, responsible_department_id, start_year, end_year) VALUES ($1, 'П', 'Программа', $2, 2025, 2030) RETURNING id`,
      [mu, dep],
    );
    const dir = await one(
      `INSERT INTO direction (municipality_id, program_id, code, name, co_executor_department_id) VALUES ($1, $2, '1', 'Направление', $3) RETURNING id`,
      [mu, prog, dep],
    );
    const old = [
      [2025, 1, "local", "220.00", "200.00"],
      [2025, 2, "local", "490.00", "460.00"],
      [2025, 3, "local", "490.00", "480.00"],
      [2025, 4, "local", "1000.00", "990.00"],
      [2025, 4, "federal", "0.01", "0.00"],
      [2026, 1, "local", "300.00", "10.00"],
    ] as const;
    for (const [year, quarter, source, schedule, cash] of old) {
      await c.query(
        `INSERT INTO budget_execution (municipality_id, program_id, direction_id, year, quarter, source, schedule, cash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [mu, prog, dir, year, quarter, source, schedule, cash],
      );
    }
    await c.query(loadMigrations().find((m) => m.version === 11)!.sql);

    const entries: BudgetScheduleEntry[] = (
      await c.query(
        `SELECT year, source, amount::text AS amount, to_char(effective_date, 'YYYY-MM-DD') AS "effectiveDate", reason, element_id FROM budget_schedule ORDER BY year, source, effective_date`,
      )
    ).rows;
    expect(entries.map((e) => [e.year, e.source, e.effectiveDate, e.amount])).toEqual([
      [2025, "federal", "2025-10-01", "0.01"],
      [2025, "local", "2025-01-01", "220.00"],
      [2025, "local", "2025-04-01", "490.00"],
      [2025, "local", "2025-10-01", "1000.00"],
      [2026, "local", "2026-01-01", "300.00"],
    ]);
    expect(
      entries.every(
        (e) => (e as unknown as { element_id: string | null }).element_id === null && /роспись на \d квартал/.test(String(e.reason)),
      ),
    ).toBe(true);
    const cash: CashRow[] = (
      await c.query(`SELECT year, quarter, source, cash::text AS cash, element_id FROM budget_execution ORDER BY year, quarter, source`)
    ).rows;
    expect(cash).toHaveLength(old.length);
    // every quarter reads as before: the schedule in force at its end is the value it had, its cash unchanged
    for (const [year, quarter, source, schedule, c0] of old) {
      expect(
        quarterBudget(entries, cash, year, quarter).sources.find((s) => s.source === source),
        `${year} Q${quarter} ${source}`,
      ).toMatchObject({ schedule, cash: c0 });
    }
    const cols = (await c.query(`SELECT column_name FROM information_schema.columns WHERE table_name = 'budget_execution'`)).rows.map(
      (r) => r.column_name,
    );
    expect(cols).toContain("element_id");
    expect(cols).not.toContain("schedule");
    // one row per direction or element, year, quarter and source, the direction's own (element null) included
    await expect(
      c.query(
        `INSERT INTO budget_execution (municipality_id, program_id, direction_id, year, quarter, source, cash) VALUES ($1, $2, $3, 2026, 1, 'local', 1)`,
        [mu, prog, dir],
      ),
    ).rejects.toThrow(/duplicate key/);
  });
});
