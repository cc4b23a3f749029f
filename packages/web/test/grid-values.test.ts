import { describe, expect, it } from "vitest";
import { formatCell, parseCellInput, parseTsv, sameValue, sumDecimals, sumMoneyValues } from "../src/components/GridValues.ts";

describe("grid values", () => {
  it("reads what a Russian user types or pastes: decimal comma, spaces between thousands, dd.mm.yyyy, list labels", () => {
    expect(parseCellInput("number", "1 234,5")).toBe("1234.5");
    expect(parseCellInput("money", "1\u00a0000,50")).toBe("1000.50");
    expect(parseCellInput("money", "\u22125")).toBe("-5");
    expect(parseCellInput("number", "abc")).toBe("abc"); // the server names the error
    expect(parseCellInput("number", "  ")).toBeNull();
    expect(parseCellInput("date", "1.3.2026")).toBe("2026-03-01");
    expect(parseCellInput("date", "2026-03-01")).toBe("2026-03-01");
    // not a day of the calendar: sent as typed, so the error beside the cell quotes the user's text
    expect(parseCellInput("date", "32.13.2026")).toBe("32.13.2026");
    expect(parseCellInput("date", "29.02.2026")).toBe("29.02.2026");
    expect(parseCellInput("date", "29.02.2028")).toBe("2028-02-29");
    expect(parseCellInput("select", "Рост", [{ value: "increase", label: "рост" }])).toBe("increase");
  });

  it("shows numbers the Russian way", () => {
    expect(formatCell("money", "1234567.8")).toBe("1\u00a0234\u00a0567,80");
    expect(formatCell("number", "15.5")).toBe("15,5");
    expect(formatCell("date", "2026-12-31")).toBe("31.12.2026");
    expect(formatCell("select", "increase", [{ value: "increase", label: "рост" }])).toBe("рост");
  });

  it("sums exactly, without binary floats", () => {
    expect(sumDecimals(["0.1", "0.2"])).toBe("0.3");
    expect(sumDecimals(["1", "2.25", null, "-0.5"])).toBe("2.75");
    expect(sumDecimals([null, ""])).toBeNull();
    expect(sumMoneyValues(["0.10", "0.20", "99999999999999.99"])).toBe("100000000000000.29");
    expect(sameValue("number", "11", "11.0")).toBe(true);
    expect(sameValue("number", "11", "11.01")).toBe(false);
  });

  it("splits a block copied from Excel: tabs, CRLF, quoted cells with newlines and quotes", () => {
    expect(parseTsv("1\t2\r\n3\t4\r\n")).toEqual([
      ["1", "2"],
      ["3", "4"],
    ]);
    expect(parseTsv('"a\nb"\t"say ""hi"""\nx\t')).toEqual([
      ["a\nb", 'say "hi"'],
      ["x", ""],
    ]);
    expect(parseTsv("5")).toEqual([["5"]]);
  });
});
