/**
 * Issue 15, part 4: the discipline dashboard by person (the responsible executor of an order, the
 * staff assigned to an appeal) adds up to the totals by department; districts carry their points
 * where the municipality's data gives them (the map), null elsewhere. Part 1: an appeal's files go
 * with its personal data when the retention ends.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  appealStep,
  createOrder,
  disciplineDashboard,
  orderStep,
  purgeAppeals,
  registerAppeal,
  updateControlSettings,
  uploadAppealFile,
  type Caller,
} from "@orientir/app";
import { upsertControlDistricts } from "@orientir/db";
import { openWorld, type World } from "./world.ts";

let w: World;
let as: Record<string, Caller>;
const dept = async (name: string) => (await w.rows("department")).find((d) => d.name === name)!.id;

beforeAll(async () => {
  ({ w, as } = await openWorld("2026-03-03T09:00:00Z", ["admin", "economy", "executor", "viewer"]));
  await updateControlSettings(w.ctx, as.admin!, { officeDepartmentId: await dept("Управление экономики"), reminderDaysBefore: 3 });
});
afterAll(async () => {
  await w?.close();
});

const appealBody = (district: string | null, n: number) => ({
  channel: "letter" as const,
  receivedOn: "2026-03-02",
  authorName: `Автор ${n}`,
  authorAddress: `г. Калуга, ул. Садовая, ${n}`,
  text: "Прошу отремонтировать дорогу",
  topicCode: "0003.0009.0097.0692",
  district,
});

describe("the discipline dashboard by person and on the map", () => {
  it("counts orders and appeals by their person; the persons add up to the departments; districts with points", async () => {
    const education = await dept("Управление образования");
    const executorId = as.executor!.actor.userId;
    // two orders of the executor as a person (one reported late, one open and overdue), one of the department only
    const mk = (text: string, userId: string | null, due: string) =>
      createOrder(w.ctx, as.economy!, {
        source: "headOrder",
        text,
        issuedOn: "2026-03-02",
        term: { kind: "date", due },
        responsibleDepartmentId: education,
        responsibleUserId: userId,
      });
    const late = await mk("Отремонтировать кровлю", executorId, "2026-03-10");
    await mk("Подготовить отчет", executorId, "2026-03-20");
    await mk("Проверить освещение", null, "2026-03-25");
    w.setNow("2026-03-12T09:00:00Z");
    const s1 = await orderStep(w.ctx, as.executor!, late.id, { action: "start", version: late.version });
    const s2 = await orderStep(w.ctx, as.executor!, late.id, { action: "report", version: s1.version, text: "Сделано" });
    await orderStep(w.ctx, as.economy!, late.id, { action: "accept", version: s2.version });
    // appeals: two assigned to the executor in person, one to the department
    const a1 = await registerAppeal(w.ctx, as.economy!, appealBody("Ленинский округ", 1));
    const a2 = await registerAppeal(w.ctx, as.economy!, appealBody("Московский округ", 2));
    await registerAppeal(w.ctx, as.economy!, { ...appealBody(null, 3), assignedDepartmentId: education });
    for (const a of [a1, a2])
      await appealStep(w.ctx, as.economy!, a.id, {
        action: "assign",
        version: 1,
        assignedDepartmentId: education,
        assignedUserId: executorId,
      });
    await upsertControlDistricts(w.db, as.economy!.actor.municipalityId, [{ name: "Ленинский округ", lat: 54.507, lon: 36.252 }]);

    w.setNow("2026-03-30T09:00:00Z");
    const d = await disciplineDashboard(w.ctx, as.viewer!, 2026);
    const executorName = d.ordersByPerson.find((r) => r.userId === executorId)!;
    expect(executorName.total).toBe(2);
    expect(executorName.late).toBe(1); // accepted on 12.03, due 10.03
    expect(executorName.overdue).toBe(1); // open, due 20.03
    expect(d.ordersByPerson.find((r) => r.userId === null)).toMatchObject({ person: "без назначенного лица", total: 1, overdue: 1 });
    const sum = (rows: { total: number }[]) => rows.reduce((s, r) => s + r.total, 0);
    expect(sum(d.ordersByPerson)).toBe(sum(d.orders));
    expect(d.appealsByPerson.find((r) => r.userId === executorId)!.total).toBe(2);
    expect(sum(d.appealsByPerson)).toBe(sum(d.appeals));
    expect(executorName.person).not.toBe("—");
    // the map: a point for the district the data gives, none for the others
    expect(d.districts.find((x) => x.district === "Ленинский округ")).toMatchObject({ count: 1, lat: 54.507, lon: 36.252 });
    expect(d.districts.find((x) => x.district === "Московский округ")).toMatchObject({ count: 1, lat: null, lon: null });
    expect(d.districts.find((x) => x.district === null)).toMatchObject({ count: 1, lat: null, lon: null });
  });

  it("the counts kept between requests (issue 15, part 6) are read again after any committed write, also one made outside this process", async () => {
    w.setNow("2026-03-30T09:00:00Z");
    const sum = (rows: { total: number }[]) => rows.reduce((s, r) => s + r.total, 0);
    const ext = (rows: { extended: number }[]) => rows.reduce((s, r) => s + r.extended, 0);
    const d1 = await disciplineDashboard(w.ctx, as.viewer!, 2026);
    expect(await disciplineDashboard(w.ctx, as.viewer!, 2026)).toEqual(d1);
    // a write through the use case
    const a = await registerAppeal(w.ctx, as.economy!, appealBody("Октябрьский округ", 20));
    const d2 = await disciplineDashboard(w.ctx, as.viewer!, 2026);
    expect(sum(d2.appeals)).toBe(sum(d1.appeals) + 1);
    expect(d2.districts.find((x) => x.district === "Октябрьский округ")?.count).toBe(1);
    // a write by another connection (another server process, a script): not through this process's code
    const other = w.db;
    await other.query(`UPDATE appeal SET extended = true WHERE id = $1`, [a.id]);
    const d3 = await disciplineDashboard(w.ctx, as.viewer!, 2026);
    expect(ext(d3.appeals)).toBe(ext(d2.appeals) + 1);
    // a write rolled back changes nothing; an order's write is seen as well
    await other
      .tx(async (q) => {
        await q.query(`UPDATE appeal SET extended = false WHERE id = $1`, [a.id]);
        throw new Error("rolled back");
      })
      .catch(() => undefined);
    expect(await disciplineDashboard(w.ctx, as.viewer!, 2026)).toEqual(d3);
    await other.query(`UPDATE control_order SET returns = returns + 1 WHERE municipality_id = $1`, [as.economy!.actor.municipalityId]);
    const d4 = await disciplineDashboard(w.ctx, as.viewer!, 2026);
    expect(sum(d4.orders.map((r) => ({ total: r.returned })))).toBe(sum(d3.orders));
  });

  it("an appeal's files are erased with its personal data when the retention ends", async () => {
    w.setNow("2026-03-30T09:00:00Z");
    const a = await registerAppeal(w.ctx, as.economy!, appealBody("Ленинский округ", 9));
    const pdf = Buffer.from("%PDF-1.7\nписьмо\n").toString("base64");
    const files = await uploadAppealFile(w.ctx, as.economy!, a.id, { filename: "письмо.pdf", contentBase64: pdf });
    expect(files.items).toHaveLength(1);
    const stored = files.items[0]!;
    const count = async () =>
      Number((await w.db.query<{ n: string }>(`SELECT count(*) AS n FROM control_file WHERE appeal_id = $1`, [a.id])).rows[0]!.n);
    // before the retention ends nothing is erased
    await w.db.tx((q) => purgeAppeals(w.ctx, q, as.economy!.actor.municipalityId));
    expect(await count()).toBe(1);
    // the retention (set by the rules when the appeal is closed) ended yesterday
    await w.db.query(`UPDATE appeal SET purge_after = '2026-03-29' WHERE id = $1`, [a.id]);
    await w.db.tx((q) => purgeAppeals(w.ctx, q, as.economy!.actor.municipalityId));
    expect(await count()).toBe(0);
    expect((await w.db.query(`SELECT 1 FROM stored_file WHERE sha256 = $1`, [stored.sha256])).rowCount).toBe(0);
  });
});
