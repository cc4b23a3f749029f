/**
 * Migration 0009 (issue 10): the reminders already given for 220-п reporting deadlines of a program
 * not in force (a draft), or of a period that ended before its approval took effect, are removed;
 * the others, and the e-mails already sent, stay.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Db } from "@orientir/db";
import { createTestDatabase } from "@orientir/testing";

const MIGRATION = readFileSync(fileURLToPath(new URL("../migrations/0009_frozen_content.sql", import.meta.url)), "utf8");

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let db: Db;

beforeAll(async () => {
  database = await createTestDatabase();
  db = new Db(database.url, { max: 2 });
});
afterAll(async () => {
  await db.close();
  await database.drop();
});

describe("0009: reminders of deadlines that come from what is in force", () => {
  it("removes the reminders of a draft's reports and of periods before the approval took effect, keeps the others", async () => {
    const m = (await db.query<any>(`INSERT INTO municipality (name, country, currency) VALUES ('М', 'RU', 'RUB') RETURNING id`)).rows[0].id;
    const user = (await db.query<any>(`INSERT INTO app_user (login, full_name, password_hash) VALUES ('u9', 'U', 'x') RETURNING id`))
      .rows[0].id;
    const dep = (await db.query<any>(`INSERT INTO department (municipality_id, name) VALUES ($1, 'Управление') RETURNING id`, [m])).rows[0]
      .id;
    const program = async (code: string) =>
      (
        await db.query<any>(
          `INSERT INTO program (municipality_id, code, name, responsible_department_id, start_year, end_year) VALUES ($1, $2, $2, $3, 2026, 2031) RETURNING id`,
          [m, code, dep],
        )
      ).rows[0].id;
    const draft = await program("Д-1");
    const inForce = await program("Д-2");
    await db.query<any>(
      `INSERT INTO program_version (municipality_id, program_id, flow, number, kind, status, document, decree_number, decree_date, approved_at)
       VALUES ($1, $2, 'program', 1, 'program', 'approved', '{}'::jsonb, '300-п', '2026-05-14', now())`,
      [m, inForce],
    );
    const key = (p: string, period: string) => `monitoring.coexecutor:${p}:2026:${period}:-:2026-04-20`;
    const keys = {
      draftQ1: key(draft, "Q1"),
      draftAnnual: key(draft, "annual"),
      q1: key(inForce, "Q1"),
      q2: key(inForce, "Q2"),
      annual: key(inForce, "annual"),
    };
    for (const [moment, k] of Object.entries(keys)) {
      await db.query<any>(
        `INSERT INTO notification (municipality_id, user_id, program_id, kind, title, body, deadline_key, moment) VALUES ($1, $2, $3, 'reminder', $4, '-', $5, 'overdue')`,
        [m, user, k.split(":")[1], moment, k],
      );
      await db.query<any>(
        `INSERT INTO email_outbox (municipality_id, user_id, to_address, subject, body, deadline_key, moment) VALUES ($1, $2, 'u@x', $3, '-', $4, 'overdue')`,
        [m, user, moment, k],
      );
    }
    // an e-mail already sent is history; a notification of a report's step is no reminder
    await db.query<any>(
      `INSERT INTO email_outbox (municipality_id, user_id, to_address, subject, body, deadline_key, moment, sent_at) VALUES ($1, $2, 'u@x', 'sent', '-', $3, 'due', now())`,
      [m, user, keys.draftQ1],
    );
    await db.query<any>(
      `INSERT INTO notification (municipality_id, user_id, program_id, kind, title, body) VALUES ($1, $2, $3, 'report.submitDirection', 'step', '-')`,
      [m, user, draft],
    );

    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      await client.query<any>(MIGRATION);
    } finally {
      await client.end();
    }
    const titles = (await db.query<any>(`SELECT title FROM notification WHERE municipality_id = $1 ORDER BY title`, [m])).rows.map(
      (r) => r.title,
    );
    expect(titles).toEqual(["annual", "q2", "step"]);
    const subjects = (await db.query<any>(`SELECT subject FROM email_outbox WHERE municipality_id = $1 ORDER BY subject`, [m])).rows.map(
      (r) => r.subject,
    );
    expect(subjects).toEqual(["annual", "q2", "sent"]);
  });
});
