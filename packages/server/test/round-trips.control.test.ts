/**
 * Control under load (issue 15, part 6): registering an appeal takes the number, writes the appeal
 * and its first step in one statement, and appends the audit entry with the COMMIT in one round
 * trip, so that concurrent registrations of a municipality hold the counter and the audit chain
 * for as short as can be — and the numbers stay unique and without gaps, the chain valid, a
 * failed registration leaving neither a number nor a row. "My due items" and the discipline
 * dashboard in few statements (the session's look-up included). Counted on the pool, not timed.
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { upsertNumberingRule, verifyAudit } from "@orientir/db";
import { formatRegistrationNumber } from "@orientir/domain";
import { createTestApp, logStatements, type Client, type StatementLog, type TestApp } from "@orientir/testing";

let app: TestApp;
let office: Client;
let executor: Client;
let log: StatementLog;
let education = "";

const appealBody = (text: string, extra: Record<string, unknown> = {}) => ({
  channel: "letter",
  receivedOn: "2026-03-02",
  registeredOn: "2026-03-02",
  authorName: "Смирнов С. С.",
  authorAddress: "г. А, ул. Мира, 1",
  text,
  topicCode: "0005.0005.0056.1153",
  ...extra,
});

beforeAll(async () => {
  app = await createTestApp();
  office = await app.as("office");
  executor = await app.as("executor");
  const admin = await app.as("admin");
  const deps = Object.fromEntries((await admin.get("/api/departments")).body.items.map((d: any) => [d.name, d.id]));
  education = deps["Управление образования"];
  log = logStatements(app.ctx.db);
});

afterAll(async () => {
  log?.stop();
  await app?.close();
});

/** The statements of one request after one unmeasured run (the process's caches warm). */
async function measure(run: () => Promise<{ status: number; body?: any }>, expected = 200) {
  const first = await run();
  expect(first.status, JSON.stringify(first.body)).toBe(expected);
  log.reset();
  const r = await run();
  expect(r.status).toBe(expected);
  return { work: log.work(), all: [...log.statements] };
}

const numberSeq = (n: string) => Number(/^ОГ-(\d+)\/2026$/.exec(n)?.[1]);

describe("registering an appeal (issue 15, part 6)", () => {
  it("writes the number, the appeal, its first step, the audit entry and the COMMIT in one round trip", async () => {
    let i = 0;
    const m = await measure(() => office.post("/api/appeals", appealBody(`Просьба отремонтировать крыльцо ${i++}`)), 201);
    // the number, the appeal, its first step, the audit entry: one message, the last, its own transaction
    const numbering = m.all.filter((s) => s.includes("INSERT INTO doc_counter"));
    expect(numbering).toHaveLength(1);
    const last = m.all.at(-1)!;
    expect(last).toBe(numbering[0]);
    // the counter moved first (its row locked), then the numbers, the appeal and its step in a statement of its own
    expect(last).toMatch(/^INSERT INTO doc_counter[^;]*;\s*WITH n AS \([\s\S]*INSERT INTO appeal \([\s\S]*INSERT INTO appeal_event/);
    // the message is its own transaction (a simple-query message runs as one): no BEGIN, no COMMIT
    expect(last).toMatch(/SELECT audit_append\([\s\S]*\) f$/);
    expect(m.all.filter((s) => /^(BEGIN|COMMIT)/.test(s))).toHaveLength(0);
    // before: 13 statements besides BEGIN/COMMIT, 7 of them (over as many round trips) from the number
    // to the commit; then 5 (the session, the setup, the earlier appeal, the numbering rule, the write);
    // then 4: the department, the earlier appeal and the numbering rule are read in one statement
    // (outside a transaction: the write's message is the one); now 2 (the session kept): those reads
    // with the setup's counter — the setup the process kept taken under it —, then the write
    expect(m.work, m.work.join("\n")).toHaveLength(2);
    expect(m.work[0]).toContain("department_found");
    expect(m.all).toHaveLength(m.work.length);
  });

  it("a change of the setup committed by another connection is seen by the next registration (the setup read again)", async () => {
    const m = (await app.ctx.db.query<{ id: string }>(`SELECT municipality_id AS id FROM appeal WHERE created_by IS NOT NULL LIMIT 1`))
      .rows[0]!.id;
    // registered 2026-03-02: the term 30 days later, Wednesday 1 April 2026, a working day
    const plain = await measure(() => office.post("/api/appeals", appealBody("До смены календаря")), 201);
    expect(plain.work).toHaveLength(2);
    const setupReads = () => log.statements.filter((s) => s.includes("FROM control_setting") || s.includes("JOIN control_setting"));
    expect(setupReads()).toHaveLength(0);
    const before = await office.post("/api/appeals", appealBody("До смены календаря, снова"));
    expect(before.body.due).toBe("2026-04-01");
    const owner = new pg.Client({ connectionString: app.ownerUrl });
    await owner.connect();
    try {
      // the municipality's own calendar, 1 April a holiday: the term moves to the next working day
      const calendar = {
        id: "local",
        country: "RU",
        name: "Календарь города",
        years: [2026, 2026],
        holidays: ["2026-04-01"],
        workingWeekends: [],
      };
      await owner.query(
        `INSERT INTO monitoring_settings (municipality_id, calendar) VALUES ($1, $2)
           ON CONFLICT (municipality_id) DO UPDATE SET calendar = excluded.calendar`,
        [m, JSON.stringify(calendar)],
      );
      log.reset();
      const after = await office.post("/api/appeals", appealBody("После смены календаря"));
      expect(after.status, JSON.stringify(after.body)).toBe(201);
      expect(after.body.due).toBe("2026-04-02");
      // the reads (the counter changed), the setup read again, the write
      expect(log.work(), log.work().join("\n")).toHaveLength(3);
      expect(setupReads()).toHaveLength(1);
      // then kept again under the new number
      log.reset();
      const next = await office.post("/api/appeals", appealBody("После смены календаря, снова"));
      expect(next.body.due).toBe("2026-04-02");
      expect(log.work()).toHaveLength(2);
      // and back: the built-in calendar's term again
      await owner.query(`UPDATE monitoring_settings SET calendar = NULL WHERE municipality_id = $1`, [m]);
      const back = await office.post("/api/appeals", appealBody("Календарь по умолчанию"));
      expect(back.body.due).toBe("2026-04-01");
      // a change rolled back is no change: the setup kept is taken
      await owner.query("BEGIN");
      await owner.query(`UPDATE monitoring_settings SET calendar = $2 WHERE municipality_id = $1`, [m, JSON.stringify(calendar)]);
      await owner.query("ROLLBACK");
      log.reset();
      const kept = await office.post("/api/appeals", appealBody("После отката"));
      expect(kept.body.due).toBe("2026-04-01");
      expect(log.work()).toHaveLength(2);
    } finally {
      await owner.query(`UPDATE monitoring_settings SET calendar = NULL WHERE municipality_id = $1`, [m]).catch(() => {});
      await owner.end();
    }
  });

  it("bad input gets its 400 naming the field while the setup is kept, and writes nothing", async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ topicCode: "нет такой" }, "topicCode"],
      [{ registeredOn: "2026-03-01" }, "registeredOn"],
      [{ registeredOn: "2999-01-01", receivedOn: "2999-01-01" }, "registeredOn"],
      [{ collective: true, signatories: 1 }, "signatories"],
      [{ signatories: 3 }, "signatories"],
      [{ assignedDepartmentId: "00000000-0000-4000-8000-000000000000" }, "assignedDepartmentId"],
    ];
    expect((await office.post("/api/appeals", appealBody("Перед неверными"))).status).toBe(201);
    for (const [extra, field] of cases) {
      log.reset();
      const r = await office.post("/api/appeals", appealBody(`Неверное ${field}`, extra));
      expect(r.status, JSON.stringify(r.body)).toBe(400);
      expect(JSON.stringify(r.body)).toContain(field);
      expect(writes()).toHaveLength(0);
    }
    const none = await app.ctx.db.query(`SELECT 1 FROM appeal WHERE text LIKE 'Неверное %'`);
    expect(none.rowCount).toBe(0);
  });

  it("50 registrations at once: 50 distinct consecutive numbers, a valid audit chain", async () => {
    const before = await app.ctx.db.query<{ number: string }>(`SELECT number FROM appeal`);
    const top = Math.max(0, ...before.rows.map((a) => numberSeq(a.number)));
    // one text with what JSON and SQL quote differently (the audit's hash is computed by PostgreSQL)
    const odd = String.raw`Кавычки "ёлки", обратная черта \ и \n, 'апостроф', E'\n', эмодзи 🌲` + "\nновая строка\tтабуляция";
    const rs = await Promise.all(
      Array.from({ length: 50 }, (_, k) => office.post("/api/appeals", appealBody(k === 7 ? odd : `Параллельное обращение ${k}`))),
    );
    expect(rs[7]!.body.text).toBe(odd);
    for (const r of rs) expect(r.status, JSON.stringify(r.body)).toBe(201);
    const seqs = rs.map((r) => numberSeq(r.body.number)).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 50 }, (_, k) => top + 1 + k));
    const v = await verifyAudit(app.ctx.db);
    expect(v.breaks).toEqual([]);
    const created = await app.ctx.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'appeal.create' AND object_id = ANY($1)`,
      [rs.map((r) => r.body.id)],
    );
    expect(created.rows[0]!.n).toBe(50);
  });

  it("a registration failing at its last statement leaves no row and gives its number back", async () => {
    const owner = new pg.Client({ connectionString: app.ownerUrl });
    await owner.connect();
    try {
      // the audit entry refused (as a failing disk or a broken constraint would): the whole registration rolls back
      await owner.query(`CREATE FUNCTION test_refuse_audit() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN IF NEW.after->>'text' = 'Отказать в записи журнала' THEN RAISE EXCEPTION 'refused by the test'; END IF; RETURN NEW; END $$`);
      await owner.query(`CREATE TRIGGER test_refuse_audit BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION test_refuse_audit()`);
      const a = await office.post("/api/appeals", appealBody("Первое обращение"));
      expect(a.status).toBe(201);
      const failed = await office.post("/api/appeals", appealBody("Отказать в записи журнала"));
      expect(failed.status).toBeGreaterThanOrEqual(500);
      const b = await office.post("/api/appeals", appealBody("Второе обращение"));
      expect(b.status).toBe(201);
      expect(numberSeq(b.body.number)).toBe(numberSeq(a.body.number) + 1);
      const rows = await app.ctx.db.query(`SELECT 1 FROM appeal WHERE text = 'Отказать в записи журнала'`);
      expect(rows.rowCount).toBe(0);
      // and the connection that failed serves the next transaction normally
      expect((await office.post("/api/appeals", appealBody("Третье обращение"))).status).toBe(201);
    } finally {
      await owner.query(`DROP TRIGGER IF EXISTS test_refuse_audit ON audit_log; DROP FUNCTION IF EXISTS test_refuse_audit()`);
      await owner.end();
    }
  });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits until `ok` holds (polled), failing after a few seconds. */
async function until(ok: () => boolean, what: string) {
  for (let k = 0; k < 400 && !ok(); k++) await sleep(10);
  if (!ok()) throw new Error(`never happened: ${what}`);
}

/** The registrations' writes logged (each a batch: the counter moved, then the appeals, the entries, the COMMIT). */
const writes = () => log.statements.filter((s) => s.startsWith("INSERT INTO doc_counter"));
/** The requests' reads before their writes (the department, the earlier appeal, the numbering rule). */
const reads = () => log.statements.filter((s) => s.includes("department_found"));

/**
 * Makes the registrations `rest` one batch: the counter's row held by another connection, `opener`
 * registers first (its write waits for the row in PostgreSQL), the others are read and wait for the
 * opener's write in the application; the row is then let go.
 */
async function oneBatch<T>(opener: () => Promise<T>, rest: (() => Promise<T>)[], joining = rest.length) {
  const owner = new pg.Client({ connectionString: app.ownerUrl });
  await owner.connect();
  try {
    const m = (await app.ctx.db.query<{ id: string }>(`SELECT municipality_id AS id FROM appeal WHERE created_by IS NOT NULL LIMIT 1`))
      .rows[0]!.id;
    await owner.query("BEGIN");
    await owner.query(`SELECT 1 FROM doc_counter WHERE municipality_id = $1 AND kind = 'appeal' AND year = 2026 FOR UPDATE`, [m]);
    log.reset();
    const first = opener();
    await until(() => writes().length === 1, "the opener's write");
    const others = rest.map((r) => r());
    // every other registration read (its checks passed) and waiting in the application
    await until(() => reads().length === 1 + joining, "the others' reads");
    await sleep(100);
    expect(writes()).toHaveLength(1);
    await owner.query("COMMIT");
    return { first: await first, others: await Promise.all(others) };
  } finally {
    await owner.query("ROLLBACK").catch(() => {});
    await owner.end();
  }
}

describe("registrations written together (issue 15, part 6)", () => {
  it("a batch with a faulty registration: it alone fails, the others are registered with consecutive numbers, no gap", async () => {
    const before = await app.ctx.db.query<{ number: string }>(`SELECT number FROM appeal`);
    const top = Math.max(0, ...before.rows.map((a) => numberSeq(a.number)));
    const owner = new pg.Client({ connectionString: app.ownerUrl });
    await owner.connect();
    try {
      await owner.query(`CREATE FUNCTION test_refuse_batch() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN IF NEW.after->>'text' = 'Сбой в пакете' THEN RAISE EXCEPTION 'refused by the test'; END IF; RETURN NEW; END $$`);
      await owner.query(`CREATE TRIGGER test_refuse_batch BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION test_refuse_batch()`);
      const texts = ["Пакет 1", "Пакет 2", "Сбой в пакете", "Пакет 3", "Пакет 4"];
      const { first, others } = await oneBatch(
        () => office.post("/api/appeals", appealBody("Пакет 0")),
        [
          ...texts.map((t) => () => office.post("/api/appeals", appealBody(t))),
          // bad input: its own 400 before it joins, never failing the others
          () => office.post("/api/appeals", appealBody("Пакет с неверной темой", { topicCode: "нет такой" })),
        ],
        texts.length,
      );
      expect(first.status, JSON.stringify(first.body)).toBe(201);
      const bad = others.at(-1)!;
      expect(bad.status).toBe(400);
      expect(JSON.stringify(bad.body)).toContain("topicCode");
      const refused = others[2]!;
      expect(refused.status).toBeGreaterThanOrEqual(500);
      const ok = [first, ...others.filter((_, k) => k !== 2 && k !== others.length - 1)];
      for (const r of ok) expect(r.status, JSON.stringify(r.body)).toBe(201);
      // the batch of five was written once, failed whole, then each of its registrations alone
      const w = writes();
      expect(w).toHaveLength(1 + 1 + 5);
      expect(w[1]).toContain("Сбой в пакете");
      expect(w[1]).toContain("Пакет 4");
      const seqs = ok.map((r) => numberSeq(r.body.number)).sort((a, b) => a - b);
      expect(seqs).toEqual([top + 1, top + 2, top + 3, top + 4, top + 5]);
      const gone = await app.ctx.db.query(`SELECT 1 FROM appeal WHERE text IN ('Сбой в пакете', 'Пакет с неверной темой')`);
      expect(gone.rowCount).toBe(0);
      expect((await verifyAudit(app.ctx.db)).breaks).toEqual([]);
    } finally {
      await owner.query(`DROP TRIGGER IF EXISTS test_refuse_batch ON audit_log; DROP FUNCTION IF EXISTS test_refuse_batch()`);
      await owner.end();
    }
  });

  it("registrations written together: one write, consecutive numbers in the order of their entries, a valid chain", async () => {
    const { first, others } = await oneBatch(
      () => office.post("/api/appeals", appealBody("Вместе 0")),
      Array.from({ length: 8 }, (_, k) => () => office.post("/api/appeals", appealBody(`Вместе ${k + 1}`))),
    );
    for (const r of [first, ...others]) expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(writes()).toHaveLength(2);
    const ids = others.map((r) => r.body.id);
    const entries = await app.ctx.db.query<{ object_id: string; number: string }>(
      `SELECT object_id, after->>'number' AS number FROM audit_log WHERE action = 'appeal.create' AND object_id = ANY($1) ORDER BY id`,
      [ids],
    );
    // each entry names its own appeal's number; the chain's order is the numbers' order
    const byId = new Map(others.map((r) => [r.body.id as string, r.body.number as string]));
    expect(entries.rows.map((e) => e.number)).toEqual(entries.rows.map((e) => byId.get(e.object_id)));
    const seqs = entries.rows.map((e) => numberSeq(e.number));
    expect(seqs).toEqual(Array.from({ length: 8 }, (_, k) => numberSeq(first.body.number) + 1 + k));
    expect((await verifyAudit(app.ctx.db)).breaks).toEqual([]);
  });

  it("two appeals of one author in one batch: the second is recognised as repeated", async () => {
    const author = { authorName: "Повторов П. П.", authorAddress: "г. А, ул. Лесная, 7" };
    const { first, others } = await oneBatch(
      () => office.post("/api/appeals", appealBody("Открывает пакет")),
      [1, 2].map((k) => () => office.post("/api/appeals", appealBody(`Обращение автора ${k}`, author))),
    );
    expect(first.status).toBe(201);
    for (const r of others) expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(writes()).toHaveLength(2);
    const [earlier, later] = [...others].sort((a, b) => numberSeq(a.body.number) - numberSeq(b.body.number));
    expect(earlier!.body.repeatedOf).toBeNull();
    expect(later!.body.repeatedOf).toBe(earlier!.body.id);
    // the audit entry names it too, and the chain verifies
    const e = await app.ctx.db.query<{ repeated: string | null }>(
      `SELECT after->>'repeatedOf' AS repeated FROM audit_log WHERE action = 'appeal.create' AND object_id = $1`,
      [later!.body.id],
    );
    expect(e.rows[0]!.repeated).toBe(earlier!.body.id);
    expect((await verifyAudit(app.ctx.db)).breaks).toEqual([]);
    // and a third, alone, repeats the latest of them
    const third = await office.post("/api/appeals", appealBody("Обращение автора 3", author));
    expect(third.body.repeatedOf).toBe(later!.body.id);
  });
});

describe("my due items and the dashboard (issue 15, part 6)", () => {
  it("each in two statements: the control's setup, the data (the session kept by the process); my due items in one while the setup is kept", async () => {
    const admin = await app.as("admin");
    const deps = Object.fromEntries((await admin.get("/api/departments")).body.items.map((d: any) => [d.name, d.id]));
    // orders of the executor's department, one with a co-executor; an appeal assigned to it
    for (const [k, co] of [
      [1, false],
      [2, true],
    ] as const) {
      const o = await admin.post("/api/orders", {
        source: "headOrder",
        text: `Поручение ${k}`,
        issuedOn: "2026-03-02",
        term: { kind: "workingDays", days: 10 },
        responsibleDepartmentId: education,
        ...(co ? { coexecutors: [{ departmentId: deps["Управление экономики"] }] } : {}),
      });
      expect(o.status, JSON.stringify(o.body)).toBe(201);
    }
    expect((await office.post("/api/appeals", appealBody("Назначенное обращение", { assignedDepartmentId: education }))).status).toBe(201);

    // a write to what the setup reads (here the control settings' row, its values unchanged; not the
    // municipality's, whose change the kept sessions also follow) changes its counter: the setup kept
    // by the process is not taken — the list, then the setup read again (two statements)
    const changeSetup = () =>
      app.ctx.db.query(
        `INSERT INTO control_setting (municipality_id) SELECT municipality_id FROM department WHERE id = $1
           ON CONFLICT (municipality_id) DO UPDATE SET reminder_days_before = control_setting.reminder_days_before`,
        [education],
      );
    const once = async (url: string) => {
      log.reset();
      expect((await executor.get(url)).status).toBe(200);
      return log.work();
    };
    await executor.get("/api/orders?mine=1&open=1"); // the session read and kept
    await changeSetup();
    const w = await once("/api/orders?mine=1&open=1");
    expect(w, w.join("\n")).toHaveLength(2);
    // then the setup kept and unchanged: the list's statement alone (it reads the setup's counter)
    // (before: 8 — two lists, the co-executors, the setup in four; then 3 with the session's look-up; then 2)
    const orders = await measure(() => executor.get("/api/orders?mine=1&open=1"));
    expect(orders.work).toHaveLength(1);
    const mine = (await executor.get("/api/orders?mine=1&open=1")).body.items;
    expect(mine.length).toBe(2);
    await changeSetup();
    expect(await once("/api/appeals?filter=due&mine=1")).toHaveLength(2);
    // (before: 7 — the list, the drafts awaiting approval, the setup in four; then 3 with the session's look-up; then 2)
    const appeals = await measure(() => executor.get("/api/appeals?filter=due&mine=1"));
    expect(appeals.work).toHaveLength(1);
    expect((await executor.get("/api/appeals?filter=due&mine=1")).body.items.length).toBeGreaterThanOrEqual(1);
    // the overdue ones need today (the municipality's time zone) first: the setup, then the list
    expect((await measure(() => executor.get("/api/appeals?filter=overdue&mine=1"))).work).toHaveLength(2);
    const dashboard = await measure(() => executor.get("/api/control/discipline?year=2026"));
    // before: 11 (two GROUPING SETS, topics, districts, departments, members, the setup in four), then 3 with the session's look-up
    expect(dashboard.work).toHaveLength(2);
    const d = (await executor.get("/api/control/discipline?year=2026")).body;
    expect(d.orders.find((x: any) => x.departmentId === education)?.total).toBe(2);
    expect(d.appeals.find((x: any) => x.departmentId === education)?.total).toBe(1);
    expect(d.orders.find((x: any) => x.departmentId === education)?.department).toBe("Управление образования");
  });
});

describe("the numbering rule, filled in by PostgreSQL", () => {
  it("gives what formatRegistrationNumber gives: the rule's pattern, {seq4} padded and never cut", async () => {
    // the office's municipality: that of the appeals it registered above
    const m = (await app.ctx.db.query<{ id: string }>(`SELECT municipality_id AS id FROM appeal WHERE created_by IS NOT NULL LIMIT 1`))
      .rows[0]!.id;
    await upsertNumberingRule(app.ctx.db, m, "appeal", "ОГ-А", "{prefix}/{yy}-{seq4} ({seq}, {yyyy})");
    const first = await office.post(
      "/api/appeals",
      appealBody("По правилу нумерации", { receivedOn: "2025-03-03", registeredOn: "2025-03-03" }),
    );
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const seq = Number(/\((\d+),/.exec(first.body.number)?.[1]);
    expect(first.body.number).toBe(
      formatRegistrationNumber({ prefix: "ОГ-А", pattern: "{prefix}/{yy}-{seq4} ({seq}, {yyyy})" }, seq, 2025),
    );
    await app.ctx.db.query(`UPDATE doc_counter SET last = 12344 WHERE municipality_id = $1 AND kind = 'appeal' AND year = 2025`, [m]);
    const big = await office.post(
      "/api/appeals",
      appealBody("Пятизначный номер", { receivedOn: "2025-03-03", registeredOn: "2025-03-03" }),
    );
    expect(big.body.number).toBe("ОГ-А/25-12345 (12345, 2025)");
  });
});
