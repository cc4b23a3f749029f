import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { resource } from "../src/model/resources.ts";
import { formatMoney, parseMoney } from "../src/money.ts";
import { checkMoney, normalizeDecimal, validateFields, valueText } from "../src/validation/index.ts";

const program = resource("program");
const funding = resource("funding");
const metric = resource("metric");
const metricMonth = resource("metricMonth");
const checkpoint = resource("checkpoint");
const indicatorValue = resource("programIndicatorValue");

const UUID = "3f2c8a9e-1b4d-4c6e-9a7b-2d5e8f1a0c3b";

function only<T extends { path: string }>(issues: T[], path: string): T[] {
  return issues.filter((i) => i.path === path);
}

describe("validateFields: required and unknown fields", () => {
  it("names a missing required field by its Russian label", () => {
    const { issues } = validateFields(program, { code: "МП-1", responsibleDepartmentId: UUID, startYear: 2025, endYear: 2030 }, "create");
    expect(issues).toEqual([
      { path: "name", message: "Поле «Наименование» обязательно", messageEn: 'Field "Name" is required', severity: "error" },
    ]);
  });

  it("treats blank text as missing and trims text", () => {
    const r = validateFields(
      program,
      { code: "  МП-1 ", name: "   ", responsibleDepartmentId: UUID, startYear: 2025, endYear: 2030, otherSources: "  " },
      "create",
    );
    expect(only(r.issues, "name")[0]?.message).toBe("Поле «Наименование» обязательно");
    expect(r.value.code).toBe("МП-1");
    expect(r.value.otherSources).toBeNull();
    expect("name" in r.value).toBe(false);
  });

  it("fills absent optional fields with null on create", () => {
    const r = validateFields(
      program,
      { code: "МП-1", name: "Развитие", responsibleDepartmentId: UUID, startYear: "2025", endYear: 2030 },
      "create",
    );
    expect(r.issues).toEqual([]);
    expect(r.value).toEqual({
      code: "МП-1",
      name: "Развитие",
      responsibleDepartmentId: UUID,
      startYear: 2025,
      endYear: 2030,
      otherSources: null,
      strategyId: null,
      strategyGoalId: null,
    });
  });

  it("reports each unknown key", () => {
    const r = validateFields(funding, { year: 2025, source: "local", amount: "1", colour: "red", id: "x" }, "create");
    expect(r.issues.map((i) => [i.path, i.message])).toEqual([
      ["colour", "Неизвестное поле «colour» (Финансовое обеспечение)"],
      ["id", "Неизвестное поле «id» (Финансовое обеспечение)"],
    ]);
  });

  it("update mode checks only the keys present and refuses clearing a required one", () => {
    expect(validateFields(program, { otherSources: "средства организаций" }, "update")).toEqual({
      value: { otherSources: "средства организаций" },
      issues: [],
    });
    const r = validateFields(program, { name: null, endYear: "" }, "update");
    expect(r.issues.map((i) => i.message)).toEqual(["Поле «Наименование» обязательно", "Поле «Год окончания» обязательно"]);
    expect(r.value).toEqual({});
    // an optional field may be cleared
    expect(validateFields(program, { otherSources: null }, "update")).toEqual({ value: { otherSources: null }, issues: [] });
  });

  it("rejects text over the maximum length", () => {
    const r = validateFields(funding, { year: 2025, source: "x".repeat(31), amount: "1" }, "create");
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]!.message).toBe("Поле «Источник»: не более 30 символов (сейчас 31)");
    expect(validateFields(funding, { year: 2025, source: "x".repeat(30), amount: "1" }, "create").issues).toEqual([]);
  });
});

describe("validateFields: numbers", () => {
  it("accepts integers only for years and ints, within their ranges", () => {
    expect(validateFields(indicatorValue, { year: 2025.5 }, "update").issues[0]?.message).toBe(
      "Поле «Год»: «2025.5» не является целым числом",
    );
    expect(validateFields(indicatorValue, { year: "20x5" }, "update").issues[0]?.path).toBe("year");
    expect(validateFields(indicatorValue, { year: 1899 }, "update").issues[0]?.message).toBe("Поле «Год»: должно быть от 1900 до 2200");
    expect(validateFields(indicatorValue, { year: 2201 }, "update").issues).toHaveLength(1);
    expect(validateFields(indicatorValue, { year: 1900 }, "update").issues).toEqual([]);
    expect(validateFields(indicatorValue, { year: 2200 }, "update").issues).toEqual([]);
    expect(validateFields(metricMonth, { month: 0 }, "update").issues[0]?.message).toBe(
      "Поле «Месяц (12 — на 31 декабря)»: должно быть от 1 до 12",
    );
    expect(validateFields(metricMonth, { month: 13 }, "update").issues).toHaveLength(1);
    expect(validateFields(metricMonth, { month: "12" }, "update")).toEqual({ value: { month: 12 }, issues: [] });
  });

  it("normalizes a decimal with a Russian comma and thousands spaces", () => {
    expect(validateFields(indicatorValue, { plan: "12,5" }, "update").value).toEqual({ plan: "12.5" });
    expect(validateFields(indicatorValue, { plan: "1 234 567,50" }, "update").value).toEqual({ plan: "1234567.5" });
    expect(validateFields(indicatorValue, { plan: 0.1 }, "update").value).toEqual({ plan: "0.1" });
    expect(validateFields(indicatorValue, { plan: -3 }, "update").value).toEqual({ plan: "-3" });
    expect(validateFields(indicatorValue, { plan: 1e-7 }, "update").value).toEqual({ plan: "0.0000001" });
    expect(validateFields(indicatorValue, { plan: 1e21 }, "update").value).toEqual({ plan: "1000000000000000000000" });
  });

  it("rejects NaN, Infinity, exponents and junk, naming the field", () => {
    for (const bad of [
      NaN,
      Infinity,
      -Infinity,
      "1e5",
      "NaN",
      "Infinity",
      "12,5,1",
      "1.234,5",
      "1 23",
      "abc",
      "0x10",
      "--1",
      ".",
      true,
      {},
    ]) {
      const r = validateFields(indicatorValue, { fact: bad }, "update");
      expect(r.issues, valueText(bad)).toHaveLength(1);
      expect(r.issues[0]!.path).toBe("fact");
      expect(r.issues[0]!.message.startsWith("Поле «Факт»: ")).toBe(true);
      expect(r.value).toEqual({});
    }
  });

  it("decimal normalization is canonical and exact for any integer-and-fraction string", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }), fc.nat({ max: 12 }), (n, scale) => {
        const neg = n < 0n;
        const digits = (neg ? -n : n).toString().padStart(scale + 1, "0");
        const s = scale ? `${digits.slice(0, -scale)},${digits.slice(-scale)}` : digits;
        const out = normalizeDecimal((neg ? "-" : "") + s)!;
        expect(out).toMatch(/^-?(0|[1-9]\d*)(\.\d*[1-9])?$/);
        // the same value: the output read back at the input's scale is the input
        const [i, f = ""] = out.replace("-", "").split(".");
        expect(f.length).toBeLessThanOrEqual(scale);
        const back = BigInt(i! + f.padEnd(scale, "0")) * (out.startsWith("-") ? -1n : 1n);
        expect(back).toBe(n);
        expect(normalizeDecimal(out)).toBe(out);
      }),
    );
  });
});

describe("validateFields: money", () => {
  it("gives exactly two decimals", () => {
    expect(validateFields(funding, { amount: "1 234,5" }, "update").value).toEqual({ amount: "1234.50" });
    expect(validateFields(funding, { amount: 12 }, "update").value).toEqual({ amount: "12.00" });
    expect(validateFields(funding, { amount: "0" }, "update").value).toEqual({ amount: "0.00" });
  });

  it("rejects three decimals, with the field's label and the decree clause", () => {
    const r = validateFields(funding, { amount: "10,125" }, "update");
    expect(r.issues).toEqual([
      {
        path: "amount",
        message: "Поле «Сумма»: не более 2 знаков после запятой",
        messageEn: 'Field "Amount": at most 2 decimal places',
        severity: "error",
        rule: "220-п 1.3.11",
      },
    ]);
    // a float sum is not a 2-decimal amount
    expect(validateFields(funding, { amount: 0.1 + 0.2 }, "update").issues).toHaveLength(1);
  });

  it("rejects a negative amount", () => {
    const r = validateFields(funding, { amount: "-0,01" }, "update");
    expect(r.issues[0]?.message).toBe("Поле «Сумма»: не может быть отрицательной");
    expect(validateFields(funding, { amount: "-0" }, "update").issues).toEqual([]);
  });

  it("round-trips every valid amount exactly", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 16n - 1n }), (h) => {
        const s = formatMoney(h as ReturnType<typeof parseMoney>);
        const ru = s.replace(".", ",");
        expect(checkMoney(ru)).toEqual({ value: s });
      }),
    );
  });
});

describe("validateFields: dates, enums, references, booleans", () => {
  it("accepts ISO and Russian dates and rejects impossible ones", () => {
    expect(validateFields(checkpoint, { plannedDate: "31.12.2025" }, "update").value).toEqual({ plannedDate: "2025-12-31" });
    expect(validateFields(checkpoint, { plannedDate: "2025-03-01" }, "update").value).toEqual({ plannedDate: "2025-03-01" });
    for (const bad of ["31.02.2025", "2025-13-01", "завтра", 20250101]) {
      const r = validateFields(checkpoint, { plannedDate: bad }, "update");
      expect(r.issues[0]?.path).toBe("plannedDate");
      expect(r.issues[0]?.message).toContain("Поле «Плановая дата»");
    }
  });

  it("lists the allowed values of an enum", () => {
    const r = validateFields(metric, { level: "XX" }, "update");
    expect(r.issues[0]?.message).toBe(
      "Поле «Уровень»: «XX» — недопустимое значение; допустимы: ВДЛ, ГП РФ, НП, ФП в НП, ФП вне НП, ГП, СТ, МП",
    );
    expect(r.issues[0]?.rule).toBe("220-п прил. 6");
    expect(validateFields(metric, { level: " МП " }, "update").value).toEqual({ level: "МП" });
    // a Russian label stands for its value
    expect(validateFields(metric, { trend: "Рост" }, "update").value).toEqual({ trend: "increase" });
  });

  it("accepts a UUID for a reference and nothing else", () => {
    expect(validateFields(program, { responsibleDepartmentId: UUID.toUpperCase() }, "update").value).toEqual({
      responsibleDepartmentId: UUID,
    });
    const r = validateFields(program, { responsibleDepartmentId: "Управление экономики" }, "update");
    expect(r.issues[0]?.message).toBe("Поле «Ответственный исполнитель»: «Управление экономики» не является идентификатором записи (UUID)");
  });

  it("reads booleans", () => {
    const spec = {
      ...funding,
      fields: [{ name: "flag", type: { kind: "bool" as const }, required: false, label: { ru: "Флаг", en: "Flag" } }],
    };
    expect(validateFields(spec, {}, "create").value).toEqual({ flag: false });
    expect(validateFields(spec, { flag: "да" }, "create").value).toEqual({ flag: true });
    expect(validateFields(spec, { flag: "может быть" }, "create").issues).toHaveLength(1);
  });

  it("refuses an input that is not an object", () => {
    expect(validateFields(funding, [] as unknown as Record<string, unknown>, "create").issues).toHaveLength(1);
  });
});
