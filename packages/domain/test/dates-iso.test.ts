/**
 * `isIsoDate` read character by character (issue 16, part 7) answers as the regular expression and
 * the calendar of `Date` did: every day of years 0–450 and 1890–2110 (leap years of every rule,
 * years below 100 that `Date.UTC` would read as 19xx), months and days out of range, other shapes.
 */
import { describe, expect, it } from "vitest";
import { isIsoDate } from "../src/dates.ts";

/** The former definition: the shape by a regular expression, the month's length by `Date`. */
function reference(s: unknown): boolean {
  if (typeof s !== "string") return false;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1 || mo < 1 || mo > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

const pad = (n: number, w: number) => String(n).padStart(w, "0");

describe("isIsoDate", () => {
  it("accepts exactly the days of the calendar, as before", () => {
    let checked = 0;
    let accepted = 0;
    const differ: string[] = [];
    for (const [from, to] of [
      [0, 450],
      [1890, 2110],
    ] as const)
      for (let y = from; y <= to; y++)
        for (let mo = 0; mo <= 13; mo++)
          for (let d = 0; d <= 32; d++) {
            const s = `${pad(y, 4)}-${pad(mo, 2)}-${pad(d, 2)}`;
            if (isIsoDate(s) !== reference(s)) differ.push(s);
            checked++;
            if (isIsoDate(s)) accepted++;
          }
    expect(differ).toEqual([]);
    expect(checked).toBeGreaterThan(300_000);
    // 671 years (no year 0) of 365 days, and the 29th of February of the leap ones
    const years = [...Array.from({ length: 450 }, (_, i) => i + 1), ...Array.from({ length: 221 }, (_, i) => 1890 + i)];
    const leap = years.filter((y) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0).length;
    expect(accepted).toBe(365 * years.length + leap);
    expect(isIsoDate("2024-02-29")).toBe(true);
    expect(isIsoDate("2023-02-29")).toBe(false);
    expect(isIsoDate("1900-02-29")).toBe(false);
    expect(isIsoDate("2000-02-29")).toBe(true);
    expect(isIsoDate("0004-02-29")).toBe(true);
    expect(isIsoDate("0000-01-01")).toBe(false);
  });

  it("refuses every other shape, as before", () => {
    const others: unknown[] = [
      "2024-1-01",
      "2024-01-1",
      " 2024-01-01",
      "2024-01-01 ",
      "2024-01-01\n",
      "2024/01/01",
      "20240101",
      "2024-01-01T00:00",
      "２０２４-01-01",
      "2024-0a-01",
      "+024-01-01",
      "-024-01-01",
      "2024--1-01",
      "",
      null,
      undefined,
      20240101,
      new Date(0),
      ["2024-01-01"],
    ];
    for (const s of others) {
      expect(isIsoDate(s), String(s)).toBe(false);
      expect(reference(s), String(s)).toBe(false);
    }
  });
});
