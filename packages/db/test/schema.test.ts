import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { RESOURCES, scopeColumns, snake } from "@orientir/domain";
import { createTestDatabase } from "@orientir/testing";

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let client: pg.Client;

beforeAll(async () => {
  db = await createTestDatabase();
  client = new pg.Client({ connectionString: db.ownerUrl });
  await client.connect();
});
afterAll(async () => {
  await client.end();
  await db.drop();
});

const expectedType: Record<string, string> = {
  text: "text",
  int: "integer",
  year: "integer",
  decimal: "numeric",
  money: "numeric",
  date: "date",
  bool: "boolean",
  enum: "text",
  ref: "uuid",
};

describe("schema follows the resource specs", () => {
  it("has a table with a typed column for every field, scope id and the municipality", async () => {
    const { rows } = await client.query<{ table_name: string; column_name: string; data_type: string; numeric_scale: number | null }>(
      `SELECT table_name, column_name, data_type, numeric_scale FROM information_schema.columns WHERE table_schema = 'public'`,
    );
    const cols = new Map(rows.map((r) => [`${r.table_name}.${r.column_name}`, r]));
    for (const spec of RESOURCES) {
      expect(cols.get(`${spec.table}.municipality_id`), `${spec.table}.municipality_id`).toBeDefined();
      expect(cols.get(`${spec.table}.version`)?.data_type).toBe("integer");
      for (const s of scopeColumns(spec)) expect(cols.get(`${spec.table}.${snake(s)}`), `${spec.table}.${snake(s)}`).toBeDefined();
      if (spec.parent) expect(cols.get(`${spec.table}.${snake(spec.parent.field)}`)?.data_type).toBe("uuid");
      for (const fs of spec.fields) {
        const c = cols.get(`${spec.table}.${snake(fs.name)}`);
        expect(c, `${spec.table}.${snake(fs.name)}`).toBeDefined();
        expect(c!.data_type, `${spec.table}.${snake(fs.name)}`).toBe(expectedType[fs.type.kind]);
        if (fs.type.kind === "money") expect(c!.numeric_scale).toBe(2);
      }
    }
  });

  it("refuses a negative amount and a third decimal is rounded away only by an explicit cast", async () => {
    const m = await client.query(`INSERT INTO municipality (name, country, currency) VALUES ('Тест', 'RU', 'RUB') RETURNING id`);
    const mid = m.rows[0].id;
    const d = await client.query(`INSERT INTO department (municipality_id, name) VALUES ($1, 'Отдел') RETURNING id`, [mid]);
    const p = await client.query(
      `INSERT INTO program (municipality_id, code, name, responsible_department_id, start_year, end_year) VALUES ($1, 'MP-1', 'П', $2, 2025, 2030) RETURNING id`,
      [mid, d.rows[0].id],
    );
    const dir = await client.query(
      `INSERT INTO direction (municipality_id, program_id, code, name, co_executor_department_id) VALUES ($1, $2, '1', 'Н', $3) RETURNING id`,
      [mid, p.rows[0].id, d.rows[0].id],
    );
    const el = await client.query(
      `INSERT INTO structural_element (municipality_id, program_id, direction_id, code, name, kind) VALUES ($1, $2, $3, '1.1', 'Э', 'process') RETURNING id`,
      [mid, p.rows[0].id, dir.rows[0].id],
    );
    await expect(
      client.query(
        `INSERT INTO funding (municipality_id, program_id, direction_id, element_id, year, source, amount) VALUES ($1, $2, $3, $4, 2025, 'local', -1)`,
        [mid, p.rows[0].id, dir.rows[0].id, el.rows[0].id],
      ),
    ).rejects.toThrow(/check/i);
    const ok = await client.query(
      `INSERT INTO funding (municipality_id, program_id, direction_id, element_id, year, source, amount) VALUES ($1, $2, $3, $4, 2025, 'local', '12345678901.25') RETURNING amount::text`,
      [mid, p.rows[0].id, dir.rows[0].id, el.rows[0].id],
    );
    expect(ok.rows[0].amount).toBe("12345678901.25");
  });

  it("keeps the audit log append-only", async () => {
    await client.query(`INSERT INTO audit_log (action, object_type, prev_hash, hash) VALUES ('x', 'y', '', 'h')`);
    await expect(client.query(`UPDATE audit_log SET action = 'z'`)).rejects.toThrow(/append-only/);
    await expect(client.query(`DELETE FROM audit_log`)).rejects.toThrow(/append-only/);
  });
});
