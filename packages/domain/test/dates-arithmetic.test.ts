/**
 * The dates by arithmetic (issue 15, part 6: every date of a list goes through them): the same
 * answers as the `Date` object gives, over the years 0001–9999 and across every leap-year rule.
 */
import { describe, expect, it } from "vitest";
import { addDays, daysInMonth, fromDayNumber, isIsoDate, toDayNumber } from "@orientir/domain";

const viaDate = (n: number) => new Date(n * 86_400_000).toISOString().slice(0, 10);

describe("dates by arithmetic", () => {
  it("fromDayNumber gives the Date's ISO day for every day from 0001-01-01 to 9999-12-31, by steps", () => {
    const first = Date.UTC(2000, 0, 1) / 86_400_000 - 730_119; // 0001-01-01
    expect(fromDayNumber(first)).toBe("0001-01-01");
    expect(fromDayNumber(first + 3_652_058)).toBe("9999-12-31");
    for (let n = first; n <= first + 3_652_058; n += 97) expect(fromDayNumber(n)).toBe(viaDate(n));
    // every day of the years around the century rules (1900 not leap, 2000 leap, 2100 not)
    for (const y of [1899, 1900, 1999, 2000, 2024, 2100]) {
      const start = Date.UTC(y, 0, 1) / 86_400_000;
      for (let n = start; n < start + 366; n++) {
        expect(fromDayNumber(n)).toBe(viaDate(n));
        expect(toDayNumber(viaDate(n))).toBe(n);
      }
    }
    // beyond the four-digit years, as the Date writes them
    expect(fromDayNumber(first + 3_652_059)).toBe(viaDate(first + 3_652_059));
  });

  it("daysInMonth follows the Gregorian leap years; a 29 February only in a leap year", () => {
    for (let y = 1; y <= 2400; y++)
      for (let m = 1; m <= 12; m++) expect(daysInMonth(y, m), `${y}-${m}`).toBe(new Date(Date.UTC(y, m, 0)).getUTCDate());
    expect(isIsoDate("2024-02-29")).toBe(true);
    expect(isIsoDate("2100-02-29")).toBe(false);
    expect(isIsoDate("2000-02-29")).toBe(true);
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addDays("2025-02-28", 1)).toBe("2025-03-01");
    expect(() => toDayNumber("2025-02-29")).toThrow(RangeError);
  });
});
