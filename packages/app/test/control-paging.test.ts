/**
 * "My due items" a page at a time (issue 15, part 6): the executor's open appeals and orders come in
 * pages (`limit`, the previous page's `next` as `after`) by term, then number; the pages cover the
 * list exactly once and in order, across equal terms (the appeals of one day share theirs); the
 * total comes with the first page; a cursor that is not one of ours is a 400 naming `after`.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appeals, createOrder, orders, registerAppeal, updateControlSettings, type Caller } from "@orientir/app";
import { ValidationError } from "@orientir/domain";
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

/** Every page of a list, following `next`. */
async function allPages<T extends { id: string }>(
  page: (after: string | undefined) => Promise<{ items: T[]; next: string | null; total: number | null }>,
): Promise<{ pages: T[][]; totals: (number | null)[] }> {
  const pages: T[][] = [];
  const totals: (number | null)[] = [];
  let after: string | undefined;
  for (let i = 0; i < 50; i++) {
    const p = await page(after);
    pages.push(p.items);
    totals.push(p.total);
    if (p.next === null) break;
    after = p.next;
  }
  return { pages, totals };
}

describe("the executor's due appeals, a page at a time", () => {
  it("covers the list exactly once, by term then number, across equal terms; the total on the first page", async () => {
    const education = await dept("Управление образования");
    // seven appeals of one day (one term) and two of the day before, assigned to the executor's department
    for (const [i, receivedOn] of [
      "2026-03-02",
      "2026-03-02",
      "2026-03-02",
      "2026-03-02",
      "2026-03-02",
      "2026-03-02",
      "2026-03-02",
      "2026-03-01",
      "2026-03-01",
    ].entries())
      await registerAppeal(w.ctx, as.economy!, {
        channel: "letter",
        receivedOn,
        registeredOn: receivedOn,
        authorName: `Автор ${i}`,
        authorAddress: `г. Калуга, ул. Ленина, д. ${i + 1}`,
        text: "Прошу отремонтировать дорогу",
        topicCode: "0003.0009.0097.0692",
        assignedDepartmentId: education,
      });
    const whole = await appeals(w.ctx, as.executor!, { filter: "due", mine: "1", limit: 200 });
    expect(whole.items.length).toBe(9);
    expect(whole.next).toBeNull();
    expect(whole.total).toBe(9);
    // by term, then number
    const keys = whole.items.map((a) => [a.due, a.number] as const);
    expect(keys).toEqual([...keys].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0)));
    expect(new Set(whole.items.map((a) => a.due)).size).toBe(2);

    const { pages, totals } = await allPages((after) => appeals(w.ctx, as.executor!, { filter: "due", mine: "1", limit: 2, after }));
    expect(pages.map((p) => p.length)).toEqual([2, 2, 2, 2, 1]);
    expect(pages.flat().map((a) => a.id)).toEqual(whole.items.map((a) => a.id));
    expect(totals).toEqual([9, null, null, null, null]);
    // a page ending exactly at the list's end says so
    const { pages: threes } = await allPages((after) => appeals(w.ctx, as.executor!, { filter: "due", mine: "1", limit: 3, after }));
    expect(threes.map((p) => p.length)).toEqual([3, 3, 3]);
    // the default page is 50; the other member's list is empty
    expect((await appeals(w.ctx, as.executor!, { filter: "due", mine: "1" })).items.length).toBe(9);
    expect(await appeals(w.ctx, as.coexecutor!, { filter: "due", mine: "1" })).toMatchObject({ items: [], next: null, total: 0 });
    // all appeals, newest first, page by page too
    const all = await appeals(w.ctx, as.economy!, { filter: "all", limit: 200 });
    const { pages: allPaged } = await allPages((after) => appeals(w.ctx, as.economy!, { filter: "all", limit: 4, after }));
    expect(allPaged.flat().map((a) => a.id)).toEqual(all.items.map((a) => a.id));
  });

  it("refuses a cursor that is not one of ours, naming `after`", async () => {
    for (const after of ["nonsense", Buffer.from(JSON.stringify(["2026-13-01", "1", "x"])).toString("base64url")]) {
      const e = await appeals(w.ctx, as.executor!, { filter: "due", mine: "1", after }).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(ValidationError);
      expect((e as ValidationError).issues[0]!.path).toBe("after");
    }
  });
});

describe("the executor's due orders, a page at a time", () => {
  it("covers the list exactly once, by term then number, across equal terms", async () => {
    const education = await dept("Управление образования");
    for (const [i, due] of ["2026-04-10", "2026-04-10", "2026-04-10", "2026-04-10", "2026-04-01"].entries())
      await createOrder(w.ctx, as.economy!, {
        source: "headOrder",
        text: `Поручение ${i}`,
        issuedOn: "2026-03-02",
        term: { kind: "date", due },
        responsibleDepartmentId: education,
      });
    const whole = await orders(w.ctx, as.executor!, { mine: "1", open: "1", limit: 200 });
    expect(whole.items.length).toBe(5);
    expect(whole.total).toBe(5);
    expect(whole.items[0]!.due).toBe("2026-04-01");
    const { pages, totals } = await allPages((after) => orders(w.ctx, as.executor!, { mine: "1", open: "1", limit: 2, after }));
    expect(pages.map((p) => p.length)).toEqual([2, 2, 1]);
    expect(pages.flat().map((o) => o.id)).toEqual(whole.items.map((o) => o.id));
    expect(totals).toEqual([5, null, null]);
    // the department's list (not "mine") pages the same way
    const dep = await orders(w.ctx, as.economy!, { departmentId: education, limit: 200 });
    const { pages: depPages } = await allPages((after) => orders(w.ctx, as.economy!, { departmentId: education, limit: 3, after }));
    expect(depPages.flat().map((o) => o.id)).toEqual(dep.items.map((o) => o.id));
    expect(dep.items.length).toBe(5);
  });
});
