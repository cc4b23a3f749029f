/**
 * The due appeals' count kept under the change counter (issue 15, part 6): the first page's `total`
 * of a list is given back without counting again while the municipality's change counter
 * (`control_change`, read in the page's own statement) is the number it was counted under. Checked
 * here: after registrations, steps, reassignments and closures — through the use cases, and a write
 * from another connection outside the application — the total always equals a recount; and the
 * statement does use the kept number (not a recount) exactly while the counter has not moved.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appeal, appealStep, appeals, registerAppeal, updateControlSettings, type Caller } from "@orientir/app";
import { listAppeals } from "@orientir/db";
import { openWorld, type World } from "./world.ts";

let w: World;
let as: Record<string, Caller>;
const dept = async (name: string) => (await w.rows("department")).find((d) => d.name === name)!.id;

beforeAll(async () => {
  ({ w, as } = await openWorld("2026-03-03T09:00:00Z", ["admin", "economy", "executor", "coexecutor"]));
  await updateControlSettings(w.ctx, as.admin!, { officeDepartmentId: await dept("Управление экономики"), reminderDaysBefore: 3 });
});
afterAll(async () => {
  await w?.close();
});

/** The executor's open appeals (theirs or their department's), counted anew. */
async function recount(): Promise<number> {
  const e = as.executor!.actor;
  const r = await w.db.pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM appeal WHERE municipality_id = $1 AND state IN ('registered', 'inWork')
       AND (assigned_user_id = $2 OR assigned_department_id = $3)`,
    [e.municipalityId, e.userId, e.departmentId],
  );
  return r.rows[0]!.n;
}

/** The first page's total as the executor sees it, asked twice (the second time from the kept count), beside a recount. */
async function totals(): Promise<[number | null, number | null, number]> {
  const a = await appeals(w.ctx, as.executor!, { filter: "due", mine: "1", limit: 2 });
  const b = await appeals(w.ctx, as.executor!, { filter: "due", mine: "1", limit: 2 });
  return [a.total, b.total, await recount()];
}

const register = async (i: number, departmentId: string) =>
  registerAppeal(w.ctx, as.economy!, {
    channel: "letter",
    receivedOn: "2026-03-02",
    registeredOn: "2026-03-02",
    authorName: `Автор ${i}`,
    authorAddress: `г. Калуга, ул. Ленина, д. ${i}`,
    text: "Прошу отремонтировать дорогу",
    topicCode: "0003.0009.0097.0692",
    assignedDepartmentId: departmentId,
  });

describe("the due appeals' kept count", () => {
  it("equals a recount after registrations, steps, reassignments, closures and a write from outside", async () => {
    const education = await dept("Управление образования");
    const economy = await dept("Управление экономики");
    const registered = [];
    for (let i = 1; i <= 4; i++) registered.push(await register(i, education));
    expect(await totals()).toEqual([4, 4, 4]);

    // a registration elsewhere changes the counter, not the list: still 4, counted again
    await register(10, economy);
    expect(await totals()).toEqual([4, 4, 4]);
    // a registration into the list
    registered.push(await register(5, education));
    expect(await totals()).toEqual([5, 5, 5]);

    // a step that keeps it open (an extension)
    const first = registered[0]!;
    let v = await appealStep(w.ctx, as.economy!, first.id, {
      action: "extend",
      version: first.version,
      newDue: "2026-04-30",
      reason: "запрос",
    });
    expect(await totals()).toEqual([5, 5, 5]);

    // reassigned to another department: out of the executor's list
    const second = registered[1]!;
    await appealStep(w.ctx, as.economy!, second.id, { action: "assign", version: second.version, assignedDepartmentId: economy });
    expect(await totals()).toEqual([4, 4, 4]);

    // closed: answered by the executor, approved by the office
    v = await appealStep(w.ctx, as.executor!, first.id, { action: "answer", version: v.version, answerText: "Дорога отремонтирована" });
    expect(await totals()).toEqual([4, 4, 4]);
    v = await appealStep(w.ctx, as.economy!, first.id, { action: "approveAnswer", version: v.version });
    expect(v.state).toBe("answered");
    expect(await totals()).toEqual([3, 3, 3]);

    // a write by another connection, outside the application (a script, psql): seen at once
    await w.db.pool.query(`UPDATE appeal SET assigned_department_id = $2, assigned_user_id = NULL WHERE id = $1`, [
      registered[2]!.id,
      economy,
    ]);
    expect(await totals()).toEqual([2, 2, 2]);
    // a write rolled back changes nothing, the count stays right
    const c = await w.db.pool.connect();
    try {
      await c.query("BEGIN");
      await c.query(`UPDATE appeal SET state = 'answered' WHERE id = $1`, [registered[3]!.id]);
      await c.query("ROLLBACK");
    } finally {
      c.release();
    }
    expect(await totals()).toEqual([2, 2, 2]);
  });

  it("is given back only while the change counter is the one it was counted under", async () => {
    const e = as.executor!.actor;
    const list = (kept: { change: string; total: number } | null) =>
      listAppeals(w.db, e.municipalityId, {
        openOnly: true,
        limit: 3,
        assignedTo: { userId: e.userId, departmentId: e.departmentId },
        count: true,
        kept,
      });
    const counted = await list(null);
    const change = counted[0]!.change!;
    expect(change).toMatch(/^\d+$/);
    const real = counted[0]!.total;
    expect(real).toBe(await recount());
    // the same counter: the kept number is given back as it is (a deliberately wrong one shows the count was not run)
    expect((await list({ change, total: 777 })).map((r) => r.total)).toEqual(counted.map(() => 777));
    // another counter: counted again
    expect((await list({ change: String(BigInt(change) - 1n), total: 777 }))[0]!.total).toBe(real);
    // a committed write moves the counter: the kept number is no longer given back
    await register(20, await dept("Управление образования"));
    const after = await list({ change, total: 777 });
    expect(after[0]!.change).not.toBe(change);
    expect(after[0]!.total).toBe(real! + 1);
  });

  it("the setup kept by the process is left as soon as the settings, the calendar or the heads change", async () => {
    const education = await dept("Управление образования");
    const economy = await dept("Управление экономики");
    const e = as.executor!.actor;
    // the actions of the list's first appeal, and those of the appeal's own page (which reads the setup anew)
    const seen = async () => {
      const list = await appeals(w.ctx, as.executor!, { filter: "due", mine: "1", limit: 1 });
      const again = await appeals(w.ctx, as.executor!, { filter: "due", mine: "1", limit: 1 });
      const id = list.items[0]!.id;
      return { list: list.items[0]!.actions, again: again.items[0]!.actions, page: (await appeal(w.ctx, as.executor!, id)).actions };
    };
    const before = await seen();
    expect(before.list).toEqual(before.page);
    expect(before.again).toEqual(before.page);
    // the executor's department made the office (through the use case): more steps at once
    await updateControlSettings(w.ctx, as.admin!, { officeDepartmentId: education, reminderDaysBefore: 3 });
    const office = await seen();
    expect(office.list).toEqual(office.page);
    expect(office.again).toEqual(office.page);
    expect(office.list).not.toEqual(before.list);
    // and back
    await updateControlSettings(w.ctx, as.admin!, { officeDepartmentId: economy, reminderDaysBefore: 3 });
    expect(await seen()).toEqual(before);
    // the executor made the department's head by another connection (outside the application)
    await w.db.pool.query(
      `INSERT INTO control_department_head (department_id, municipality_id, user_id) VALUES ($1, $2, $3)
         ON CONFLICT (department_id) DO UPDATE SET user_id = excluded.user_id`,
      [education, e.municipalityId, e.userId],
    );
    const head = await seen();
    expect(head.list).toEqual(head.page);
    expect(head.again).toEqual(head.page);
    await w.db.pool.query(`DELETE FROM control_department_head WHERE department_id = $1`, [education]);
    expect(await seen()).toEqual(before);
  });
});
