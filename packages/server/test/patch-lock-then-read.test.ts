/**
 * A PATCH locks its row and reads what its rules check in one round trip (`row_context`, issue 16,
 * part 7) — and the reads still come after the lock: a change committed by the transaction the
 * PATCH waited for (here a period lock, 220-п 6.16) is seen by its rules, as with two statements.
 * A single statement would read with the snapshot taken before it waited, and let the change in.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAudit } from "@orientir/db";
import { createTestApp, type Client, type TestApp } from "@orientir/testing";

let app: TestApp;
let economy: Client;
let admin: Client;

beforeAll(async () => {
  app = await createTestApp();
  economy = await app.as("economy");
  admin = await app.as("admin");
});

afterAll(async () => {
  await app?.close();
});

/** Waits until some backend waits for a row lock (the PATCH behind the test's transaction). */
async function untilWaiting(): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const r = await app.ctx.db.pool.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock'`);
    if (r.rows[0].n > 0) return;
    await new Promise((ok) => setTimeout(ok, 25));
  }
  throw new Error("no PATCH waited for the row's lock");
}

describe("a PATCH's lock and reads in one round trip", () => {
  it("sees a period lock committed while it waited for its row, and is refused (220-п 6.16)", async () => {
    const items = (await economy.get("/api/programs")).body.items;
    const mp1 = items.find((p: any) => p.code === "MP-1");
    const tree = (await economy.get(`/api/programs/${mp1.id}/tree`)).body;
    const mv = tree.directions[0].structuralElements[0].metrics[0].metricValues.find((v: any) => v.year === 2025);
    // first, unlocked, the change goes through
    const ok = await admin.patch(`/api/metric-values/${mv.id}`, { version: mv.version, fact: "11" });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);

    const other = await app.ctx.db.pool.connect();
    try {
      await other.query("BEGIN");
      await other.query(`SELECT 1 FROM metric_value WHERE id = $1 FOR UPDATE`, [mv.id]);
      await other.query(`INSERT INTO period_lock (municipality_id, program_id, year, period) VALUES ($1, $2, 2025, 'annual')`, [
        mp1.municipalityId ?? ok.body.municipalityId,
        mp1.id,
      ]);
      const pending = admin.patch(`/api/metric-values/${mv.id}`, { version: ok.body.version, fact: "12" });
      await untilWaiting();
      await other.query("COMMIT");
      const refused = await pending;
      expect(refused.status, JSON.stringify(refused.body)).toBe(422);
      expect(refused.body.error.rule).toBe("220-п п. 6.16");
    } finally {
      other.release();
    }
    // nothing written: the value and its version stay; the chain verifies
    const after = (await economy.get(`/api/programs/${mp1.id}/tree`)).body.directions[0].structuralElements[0].metrics[0].metricValues.find(
      (v: any) => v.id === mv.id,
    );
    expect(after.fact).toBe("11");
    expect(after.version).toBe(ok.body.version);
    expect((await verifyAudit(app.ctx.db)).breaks).toEqual([]);
  });

  it("answers 409 for a stale version and 404 for a row that is not there, writing nothing", async () => {
    const items = (await economy.get("/api/programs")).body.items;
    const mp1 = items.find((p: any) => p.code === "MP-1");
    const tree = (await economy.get(`/api/programs/${mp1.id}/tree`)).body;
    const mv = tree.directions[0].structuralElements[0].metrics[0].metricValues.find((v: any) => v.year === 2026);
    const stale = await admin.patch(`/api/metric-values/${mv.id}`, { version: mv.version + 5, fact: "3" });
    expect(stale.status).toBe(409);
    const missing = await admin.patch(`/api/metric-values/00000000-0000-4000-8000-000000000000`, { version: 1, fact: "3" });
    expect(missing.status).toBe(404);
    const good = await admin.patch(`/api/metric-values/${mv.id}`, { version: mv.version, fact: "4" });
    expect(good.status).toBe(200);
    expect(good.body.version).toBe(mv.version + 1);
    // the entry of the change: in the log, with the row before and after
    const log = await admin.get(`/api/audit?objectId=${mv.id}`);
    expect(log.status).toBe(200);
    const entry = log.body.items.find((e: any) => e.action === "metricValue.update" && e.after?.version === mv.version + 1);
    expect(entry?.before?.version).toBe(mv.version);
    expect(entry?.after?.fact).toBe("4");
  });
});
