import { describe, expect, it } from "vitest";
import {
  formatDate,
  formatDateTime,
  formatMoney,
  formatNumber,
  formatPercent,
  localeFor,
  plainSpaces,
  setFormatLocale,
} from "../src/lib/format.ts";

const NB = "\u00a0";

describe("format: one Russian notation", () => {
  it("writes numbers with no-break spaces between groups and a decimal comma", () => {
    expect(formatNumber(1250000.5, { digits: 2 })).toBe(`1${NB}250${NB}000,50`);
    expect(formatNumber("1250000.5")).toBe(`1${NB}250${NB}000,5`);
    expect(formatNumber(25000)).toBe(`25${NB}000`);
    expect(formatNumber("19.0")).toBe("19");
    expect(formatNumber(-1500, { sign: true })).toBe(`-1${NB}500`);
    expect(formatNumber(1500, { sign: true })).toBe(`+1${NB}500`);
    expect(formatNumber(null)).toBe("—");
    expect(formatNumber("abc")).toBe("—");
    expect(formatNumber(Number.NaN)).toBe("—");
  });

  it("formats money exactly from a decimal string, beyond a float's precision", () => {
    expect(formatMoney("10733643.52")).toBe(`10${NB}733${NB}643,52`);
    expect(formatMoney("3438480.6")).toBe(`3${NB}438${NB}480,60`);
    expect(formatMoney("1250000.50", { unit: "тыс. руб." })).toBe(`1${NB}250${NB}000,50${NB}тыс. руб.`);
    // 2^53 + 1 hundredths is not a float: the string is written as is
    expect(plainSpaces(formatMoney("90071992547409.93"))).toBe("90 071 992 547 409,93");
    expect(formatMoney("0")).toBe("0,00");
  });

  it("writes percentages given in percent with a no-break space before the sign", () => {
    expect(formatPercent(100.72)).toBe(`100,72${NB}%`);
    expect(formatPercent("97.5")).toBe(`97,5${NB}%`);
    expect(formatPercent(1234.5, { digits: 1 })).toBe(`1${NB}234,5${NB}%`);
    expect(formatPercent(undefined)).toBe("—");
    expect(formatPercent(100.72, { locale: "en-GB" })).toBe("100.72%");
  });

  it("writes a plan date as dd.mm.yyyy without shifting it by the time zone", () => {
    expect(formatDate("2025-12-31")).toBe("31.12.2025");
    expect(formatDate("2026-01-01", { locale: "ru-RU" })).toBe("01.01.2026");
    expect(formatDate(null)).toBe("—");
    expect(formatDate("2025-12-31", { locale: "en-GB" })).toBe("31/12/2025");
  });

  it("writes a moment in the municipality's time zone", () => {
    expect(formatDateTime("2025-12-31T21:05:00Z", { timeZone: "Europe/Moscow" })).toBe("01.01.2026, 00:05");
    expect(formatDateTime("2025-12-31T21:05:00Z", { timeZone: "Asia/Bishkek" })).toBe("01.01.2026, 03:05");
    expect(formatDate("2025-12-31T21:05:00Z", { timeZone: "Europe/Moscow" })).toBe("01.01.2026");
    expect(formatDateTime("not a date")).toBe("not a date");
  });

  it("follows the locale set for the interface", () => {
    try {
      setFormatLocale("en-GB");
      expect(formatNumber(1250000.5, { digits: 2 })).toBe("1,250,000.50");
      expect(formatDate("2025-12-31")).toBe("31/12/2025");
    } finally {
      setFormatLocale("ru-RU");
    }
    expect(formatNumber(1250000.5, { digits: 2 })).toBe(`1${NB}250${NB}000,50`);
  });

  it("chooses the locale from the language and the municipality's country", () => {
    expect(localeFor("ru", "RU")).toBe("ru-RU");
    expect(localeFor("ru", "KG")).toBe("ru-KG");
    expect(localeFor("ru")).toBe("ru-RU");
    expect(localeFor("en", "RU")).toBe("en-GB");
    expect(localeFor("ky", "KG")).toBe("ky-KG");
    expect(formatNumber(1250000.5, { digits: 2, locale: "ru-KG" })).toBe(`1${NB}250${NB}000,50`);
  });
});
