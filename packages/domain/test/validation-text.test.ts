/**
 * What a field's value may hold (issue 9, part 7): no control characters in a text, a required text
 * is not satisfied by invisible characters, a date is a real calendar date, a decimal has at most
 * the digits a stored value holds.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { resource } from "../src/model/resources.ts";
import { isIsoDate } from "../src/dates.ts";
import { addWorkingDays, RU_CALENDAR } from "../src/calendar/index.ts";
import { applyTransition, startWorkflow } from "../src/workflow/index.ts";
import {
  DECIMAL_MAX_FRACTION_DIGITS,
  DECIMAL_MAX_INTEGER_DIGITS,
  checkField,
  controlCharIndex,
  controlCharMessage,
  hasControlChars,
  isBlankText,
  trimText,
  validateFields,
  valueText,
} from "../src/validation/index.ts";

const program = resource("program");
const checkpoint = resource("checkpoint");
const metricValue = resource("metricValue");
const field = (spec: typeof program, name: string) => spec.fields.find((f) => f.name === name)!;

const INVISIBLE = [
  "\u200B",
  "\u200C",
  "\u200D",
  "\u2060",
  "\uFEFF",
  "\u00A0",
  "\u202F",
  "\u3000",
  " ",
  "\t",
  "\n",
  "\r",
  "\u2028",
  "\u00AD",
  "\u180E",
  "\u115F",
  "\u3164",
  "\u200E",
];

describe("control characters", () => {
  it("a NUL or another C0/C1 control in a text field is an error naming the character; tab and line breaks are text", () => {
    for (const bad of ["a\u0000b", "\u0000", "x\u0007", "\u001B[31m", "\u007F", "\u0085", "\u009F"]) {
      const r = checkField(program, field(program, "name"), bad);
      expect(r.issues, JSON.stringify(bad)).toHaveLength(1);
      expect(r.issues[0]!.path).toBe("name");
      expect(r.issues[0]!.message).toMatch(/управляющий символ U\+00[0-9A-F]{2}/);
    }
    expect(checkField(program, field(program, "otherSources"), "строка 1\r\n\tстрока 2").issues).toEqual([]);
    // an optional field too: a NUL is never taken as "empty"
    expect(checkField(program, field(program, "otherSources"), "\u0000").issues).toHaveLength(1);
  });

  it("controlCharMessage finds the first one and its position", () => {
    expect(controlCharMessage("ab\u0001c")).toEqual({
      ru: "содержит недопустимый управляющий символ U+0001 (позиция 3)",
      en: "contains a forbidden control character U+0001 (position 3)",
    });
    expect(controlCharMessage("обычный текст\n")).toBeNull();
  });
});

describe("invisible-only text is blank", () => {
  it("every invisible character alone and in any mix is blank; one visible character is not", () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...INVISIBLE), { minLength: 0, maxLength: 12 }),
        fc.constantFrom("а", "1", ".", "😀"),
        fc.nat(12),
        (chars, visible, at) => {
          const blank = chars.join("");
          expect(isBlankText(blank)).toBe(true);
          const withVisible = [...chars.slice(0, at), visible, ...chars.slice(at)].join("");
          expect(isBlankText(withVisible)).toBe(false);
          expect(trimText(withVisible)).toContain(visible);
        },
      ),
    );
  });

  it("a required text field of only invisible characters is «обязательно»; an optional one becomes null", () => {
    for (const s of ["\u200B", "\u200B\u200C\u200D", "\u2060", "\uFEFF", "\u00A0\u00A0", "\u3000 \t"]) {
      const r = validateFields(program, { name: s, otherSources: s }, "update");
      expect(r.issues.map((i) => [i.path, i.message])).toEqual([["name", "Поле «Наименование» обязательно"]]);
      expect(r.value).toEqual({ otherSources: null });
    }
  });

  it("a visible text is trimmed of invisible characters at its ends, never inside", () => {
    const r = validateFields(program, { name: "\uFEFF\u200B Развитие\u200Bкультуры\u00A0\u2060" }, "update");
    expect(r).toEqual({ value: { name: "Развитие\u200Bкультуры" }, issues: [] });
  });
});

describe("dates are real calendar dates", () => {
  it("30 February, 29 February of a common year, 31 April, month 13, day 0, year 0000 are not dates", () => {
    for (const d of ["2025-02-30", "2023-02-29", "2025-04-31", "2025-13-01", "2025-01-00", "0000-01-01", "31.02.2025"]) {
      const r = checkField(checkpoint, field(checkpoint, "plannedDate"), d);
      expect(r.issues, d).toHaveLength(1);
      expect(r.issues[0]!.path).toBe("plannedDate");
    }
    expect(isIsoDate("0000-01-01")).toBe(false);
    expect(isIsoDate("2024-02-29")).toBe(true);
    expect(checkField(checkpoint, field(checkpoint, "plannedDate"), "29.02.2024")).toEqual({ value: "2024-02-29", issues: [] });
  });

  it("a date outside the years a plan has (1900–2200) is refused", () => {
    expect(checkField(checkpoint, field(checkpoint, "plannedDate"), "0001-01-01").issues[0]!.message).toMatch(/от 1900 до 2200/);
    expect(checkField(checkpoint, field(checkpoint, "plannedDate"), "9999-12-31").issues).toHaveLength(1);
  });
});

describe("decimals have at most the digits a stored value holds", () => {
  const plan = field(metricValue, "plan");

  it(`up to ${DECIMAL_MAX_INTEGER_DIGITS} digits before the point and ${DECIMAL_MAX_FRACTION_DIGITS} after are taken; one more is refused`, () => {
    const int = "9".repeat(DECIMAL_MAX_INTEGER_DIGITS);
    const frac = "1".repeat(DECIMAL_MAX_FRACTION_DIGITS);
    expect(checkField(metricValue, plan, `${int}.${frac}`)).toEqual({ value: `${int}.${frac}`, issues: [] });
    expect(checkField(metricValue, plan, `-${int}`).issues).toEqual([]);
    expect(checkField(metricValue, plan, `1${int}`).issues[0]!.message).toMatch(/не более 30 цифр до запятой/);
    expect(checkField(metricValue, plan, `0.${frac}1`).issues[0]!.message).toMatch(/не более 30 цифр после запятой/);
    expect(checkField(metricValue, plan, 1e300).issues).toHaveLength(1);
    expect(checkField(metricValue, plan, "9".repeat(100_000)).issues).toHaveLength(1);
    // a float as a spreadsheet gives it keeps working
    expect(checkField(metricValue, plan, 0.1 + 0.2)).toEqual({ value: "0.30000000000000004", issues: [] });
  });

  it("money keeps its own bound (numeric(18,2)): more integer digits than it holds are refused", () => {
    const funding = resource("funding");
    const amount = field(funding, "amount");
    expect(checkField(funding, amount, "12345678901234.50").issues).toEqual([]);
    expect(checkField(funding, amount, "1234567890123456789.00").issues).toHaveLength(1);
    expect(checkField(funding, amount, 1e300).issues).toHaveLength(1);
  });
});

describe("the workflow's required inputs are not satisfied by invisible characters", () => {
  const add = (d: string, n: number) => addWorkingDays(RU_CALENDAR, d, n);
  const amendment = () => startWorkflow({ id: "w", flow: "program", kind: "amendment", today: "2026-03-02" });

  it("a conclusion's document, a remark, a decree's number of only zero-width or no-break spaces is missing input", () => {
    let i = amendment();
    const submitted = applyTransition(i, "submit", { role: "executor", userId: "u" }, {}, "2026-03-02", add);
    expect(submitted.ok, JSON.stringify(submitted)).toBe(true);
    if (!submitted.ok) return;
    i = submitted.instance;
    const blank = applyTransition(
      i,
      "positiveConclusion",
      { role: "economy", userId: "e" },
      { conclusion: { document: "\u200B\u00A0\u2060" } },
      "2026-03-03",
      add,
    );
    expect(blank.ok).toBe(false);
    if (!blank.ok) expect(blank.error.code).toBe("missingInput");
    const noRemark = applyTransition(
      i,
      "negativeConclusion",
      { role: "economy", userId: "e" },
      { conclusion: { document: "З-1" }, remarks: ["\uFEFF", "\u200D"] },
      "2026-03-03",
      add,
    );
    expect(noRemark.ok).toBe(false);
    const good = applyTransition(
      i,
      "positiveConclusion",
      { role: "economy", userId: "e" },
      { conclusion: { document: "\u200BЗ-1\u00A0" } },
      "2026-03-03",
      add,
    );
    expect(good.ok).toBe(true);
    if (good.ok) expect(good.instance.conclusions.economy!.document).toBe("З-1");
  });
});

describe("which characters are controls", () => {
  it("every UTF-16 code unit: C0 and C1 controls but tab, line feed and carriage return", () => {
    for (let c = 0; c <= 0xffff; c++) {
      const control = (c <= 0x1f && c !== 0x09 && c !== 0x0a && c !== 0x0d) || (c >= 0x7f && c <= 0x9f);
      const s = String.fromCharCode(c);
      if (hasControlChars(s) !== control) expect.fail(`U+${c.toString(16)}: expected ${control ? "a control" : "no control"}`);
    }
    expect(controlCharIndex("ab\u0085c\u0000")).toBe(2);
    expect(controlCharIndex("𝄞\u0001")).toBe(2); // an index in UTF-16 code units, as before
  });
});

describe("valueText: a field value as text", () => {
  it("strings as they are, scalars as String writes them, null as empty, objects as JSON", () => {
    expect(valueText(" 12,5 ")).toBe(" 12,5 ");
    expect(valueText(12.5)).toBe("12.5");
    expect(valueText(NaN)).toBe("NaN");
    expect(valueText(10n)).toBe("10");
    expect(valueText(false)).toBe("false");
    expect(valueText(null)).toBe("");
    expect(valueText(undefined)).toBe("");
    expect(valueText(new Date(Date.UTC(2026, 2, 1)))).toBe("2026-03-01T00:00:00.000Z");
    expect(valueText({ a: 1 })).toBe('{"a":1}');
    expect(valueText(["x", 2])).toBe('["x",2]');
  });
});
