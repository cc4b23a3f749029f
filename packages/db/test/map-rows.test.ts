/**
 * mapRows (issue 15, part 6): the rows of one result mapped as mapRow maps each, with the mapping
 * made once per column list — the same objects, for any column name (quoted, never run as code).
 */
import { describe, expect, it } from "vitest";
import { mapRow, mapRows } from "@orientir/db";

describe("mapRows", () => {
  it("gives what mapRow gives for each row: camelCase keys in order, a Date as its ISO string", () => {
    const at = new Date("2026-12-03T07:00:00.000Z");
    const rows = [
      { id: "a", full_name: "Иванов", created_at: at, due: "2026-12-04", total: 3, q_1: null, flag: true },
      { id: "b", full_name: null, created_at: new Date(0), due: "2026-12-05", total: 0, q_1: 2, flag: false },
    ];
    const mapped = mapRows(rows);
    expect(mapped).toEqual(rows.map(mapRow));
    expect(Object.keys(mapped[0]!)).toEqual(Object.keys(mapRow(rows[0]!)));
    expect(mapped[0]!.createdAt).toBe("2026-12-03T07:00:00.000Z");
    expect(mapRows([])).toEqual([]);
  });

  it("leaves out the columns named, and keeps apart results of other columns", () => {
    const rows = [{ id: "a", order_no: "П-1", total: 5, coexecutors_json: [] as unknown[] }];
    const mapped = mapRows(rows, ["total", "coexecutors_json"]);
    expect(mapped).toEqual([{ id: "a", orderNo: "П-1" }]);
    expect(mapRows(rows)).toEqual([{ id: "a", orderNo: "П-1", total: 5, coexecutorsJson: [] }]);
    // the same names in another order: another mapping, in that order
    expect(Object.keys(mapRows([{ total: 1, id: "x" }])[0]!)).toEqual(["total", "id"]);
  });

  it("takes a column's name as data, whatever it holds", () => {
    const odd = { 'a"b': 1, "c\\nd": 2, "x}; throw 1; //": 3, "${process.exit(1)}": 4, "e`f": 5 };
    expect(mapRows([odd, odd])).toEqual([mapRow(odd), mapRow(odd)]);
    // a column named __proto__ (not a literal's key): mapped one row at a time, as mapRow does
    const proto = JSON.parse('{"__proto__": 1, "b_c": 2}') as Record<string, number>;
    expect(mapRows([proto])).toEqual([mapRow(proto)]);
  });
});
