import { describe, expect, it } from "vitest";
import { absMoney, formatMoney, formatMoneyRu, parseMoney, sumMoneyStrings, thousandsUnit, MoneyFormatError } from "../src/index.ts";

describe("money: exact decimal amounts in thousands of the municipality's currency", () => {
  it("adds amounts that a binary float would get wrong", () => {
    expect(sumMoneyStrings(["0.10", "0.20"])).toBe("0.30");
    expect(sumMoneyStrings(["152340.50", "149876.12", "-0.62"])).toBe("302216.00");
    expect(formatMoney(parseMoney("1000,5"))).toBe("1000.50");
  });

  it("refuses more than two decimals and text", () => {
    expect(() => parseMoney("12.345")).toThrow(MoneyFormatError);
    expect(() => parseMoney("сто")).toThrow(MoneyFormatError);
  });

  it("writes Russian amounts with a space between thousands and a decimal comma", () => {
    expect(formatMoneyRu(parseMoney("1234567.8")).replace(/\u00a0/g, " ")).toBe("1 234 567,80");
  });

  it("names the unit after the municipality's currency", () => {
    expect(thousandsUnit("RUB")).toBe("тыс. руб.");
    expect(thousandsUnit("KGS")).toBe("тыс. сом");
    expect(thousandsUnit("kgs", "en")).toBe("thousand KGS");
    expect(thousandsUnit("XYZ")).toBe("тыс. XYZ");
  });
});

describe("absMoney", () => {
  it("drops the sign and keeps the amount exact", () => {
    expect(formatMoney(absMoney(parseMoney("-1234.56")))).toBe("1234.56");
    expect(formatMoney(absMoney(parseMoney("0.01")))).toBe("0.01");
    expect(absMoney(parseMoney("-0"))).toBe(0n);
    expect(formatMoney(parseMoney("-99999999999999.99"))).toBe("-99999999999999.99");
  });
});
