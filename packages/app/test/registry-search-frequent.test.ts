/**
 * Issue 15, part 6: the registry's search of a frequent word. Up to `rankedMatches` full-text
 * matches are ranked; beyond, the number comes first and then the newest matches (along the index
 * by date) — the same documents, paged without gaps or repeats, the total the full-text count.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerDocument, updateControlSettings, type Caller } from "@orientir/app";
import { searchRegistryDocuments } from "@orientir/db";
import { openWorld, type World } from "./world.ts";

let w: World;
let as: Record<string, Caller>;
const dept = async (name: string) => (await w.rows("department")).find((d) => d.name === name)!.id;

beforeAll(async () => {
  ({ w, as } = await openWorld("2026-03-03T09:00:00Z", ["admin", "economy"]));
  await updateControlSettings(w.ctx, as.admin!, { officeDepartmentId: await dept("Управление экономики"), reminderDaysBefore: 3 });
  for (let i = 1; i <= 7; i++)
    await registerDocument(w.ctx, as.economy!, { kind: "incoming", regDate: `2026-02-0${i}`, summary: `О ремонте школы № ${i}` });
  await registerDocument(w.ctx, as.economy!, { kind: "incoming", regDate: "2026-02-08", summary: "О вывозе снега" });
});
afterAll(async () => {
  await w?.close();
});

describe("a frequent word in the registry", () => {
  it("beyond the ranked count, lists the newest first, pages without gaps, the number first", async () => {
    const m = as.economy!.actor.municipalityId;
    const search = (text: string, offset: number, rankedMatches: number) =>
      searchRegistryDocuments(w.db, m, { text, kind: null, year: null, limit: 3, offset, rankedMatches });
    const pages = [await search("ремонт", 0, 2), await search("ремонт", 3, 2), await search("ремонт", 6, 2)];
    expect(pages.map((p) => p.total)).toEqual([7, 7, 7]);
    const dates = pages.flatMap((p) => p.items.map((d) => d.regDate));
    expect(dates).toEqual(["2026-02-07", "2026-02-06", "2026-02-05", "2026-02-04", "2026-02-03", "2026-02-02", "2026-02-01"]);
    expect(pages.flatMap((p) => p.items.map((d) => d.matched))).toEqual(Array(7).fill("fts"));
    // ranked (the default bound) finds the same seven
    const ranked = await search("ремонт", 0, 100);
    expect(ranked.total).toBe(7);
    // a number among many matches comes first, then the newest matches, the number not twice
    const snow = (await search("снега", 0, 100)).items[0]!;
    const number = await searchRegistryDocuments(w.db, m, {
      text: snow.regNumber,
      kind: null,
      year: null,
      limit: 3,
      offset: 0,
      rankedMatches: 0,
    });
    expect(number.items[0]).toMatchObject({ regNumber: snow.regNumber, matched: "number" });
    expect(new Set(number.items.map((d) => d.id)).size).toBe(number.items.length);
  });

  it("counts up to the cap: beyond, the total is the cap and flagged; exact below it", async () => {
    const m = as.economy!.actor.municipalityId;
    const search = (text: string | null, countCap: number, offset = 0, kind: string | null = null) =>
      searchRegistryDocuments(w.db, m, { text, kind, year: null, limit: 3, offset, countCap, rankedMatches: 2 });
    // seven matches of «ремонт»: with a cap of 5, «more than 5»; the page is the same newest three
    const capped = await search("ремонт", 5);
    expect(capped).toMatchObject({ total: 5, totalCapped: true });
    expect(capped.items.map((d) => d.regDate)).toEqual(["2026-02-07", "2026-02-06", "2026-02-05"]);
    // pages past the cap still list the matches, without the similar documents appended
    const last = await search("ремонт", 5, 6);
    expect(last.items.map((d) => d.regDate)).toEqual(["2026-02-01"]);
    expect(last.totalCapped).toBe(true);
    // at or under the cap: exact
    expect(await search("ремонт", 7)).toMatchObject({ total: 7, totalCapped: false });
    expect(await search("снега", 5)).toMatchObject({ total: 1, totalCapped: false });
    // the list without words: eight documents counted up to the cap too
    expect(await search(null, 5)).toMatchObject({ total: 5, totalCapped: true });
    expect(await search(null, 100)).toMatchObject({ total: 8, totalCapped: false });
    // the default cap (2 000): seven is exact
    const plain = await searchRegistryDocuments(w.db, m, { text: "ремонт", kind: null, year: null, limit: 3, offset: 0 });
    expect(plain).toMatchObject({ total: 7, totalCapped: false });
  });
});
