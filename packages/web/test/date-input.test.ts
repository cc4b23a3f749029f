/**
 * The date fields (components/DateField.tsx) read what a person types as the calendar date the API
 * takes, "YYYY-MM-DD", and write it back in the interface language's form — with no time zone in
 * between, so a plan's date never moves by a day, whatever the zone of the browser.
 */
import { describe, expect, it } from "vitest";
import { dateFieldFormat, dayjsLocale, formatDateInput, parseDateInput } from "../src/lib/dateInput.ts";

describe("a date typed in a date field", () => {
  it("reads the Russian and the English form, one-digit day and month, and the API's form", () => {
    expect(parseDateInput("31.12.2025")).toBe("2025-12-31");
    expect(parseDateInput(" 1.2.2026 ")).toBe("2026-02-01");
    expect(parseDateInput("31/12/2025")).toBe("2025-12-31");
    expect(parseDateInput("2025-12-31")).toBe("2025-12-31");
    expect(parseDateInput("29.02.2024")).toBe("2024-02-29");
  });

  it("is no date while incomplete or impossible", () => {
    for (const s of [
      "",
      "31.12.",
      "31.12.202",
      "31.12.20255",
      "32.01.2025",
      "29.02.2025",
      "00.10.2025",
      "10.13.2025",
      "2025-02-30",
      "вчера",
    ])
      expect(parseDateInput(s), s).toBeNull();
  });

  it("writes the date in the language's form and reads it back unchanged", () => {
    expect(formatDateInput("2025-12-31", "ru")).toBe("31.12.2025");
    expect(formatDateInput("2025-12-31", "ky")).toBe("31.12.2025");
    expect(formatDateInput("2025-12-31", "en")).toBe("31/12/2025");
    expect(formatDateInput("", "ru")).toBe("");
    for (const iso of ["2025-01-01", "2025-03-30", "2025-10-26", "2025-12-31", "2030-06-15"])
      for (const lang of ["ru", "en"]) expect(parseDateInput(formatDateInput(iso, lang))).toBe(iso);
    expect(dateFieldFormat("ru")).toBe("DD.MM.YYYY");
    expect(dateFieldFormat("en")).toBe("DD/MM/YYYY");
    expect([dayjsLocale("ru"), dayjsLocale("en"), dayjsLocale("ky")]).toEqual(["ru", "en-gb", "ky"]);
  });

  it("does not depend on the time zone of the process (dates around a change of summer time and the year's end)", () => {
    const before = process.env.TZ;
    try {
      for (const tz of ["Pacific/Kiritimati", "America/Los_Angeles", "Europe/Moscow", "UTC"]) {
        process.env.TZ = tz;
        expect(parseDateInput("01.01.2026"), tz).toBe("2026-01-01");
        expect(parseDateInput("29.03.2026"), tz).toBe("2026-03-29");
        expect(parseDateInput("31.12.2025"), tz).toBe("2025-12-31");
      }
    } finally {
      process.env.TZ = before;
    }
  });
});
