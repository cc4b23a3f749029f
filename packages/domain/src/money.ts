/**
 * Money: thousands of roubles (or of the municipality's currency) with exactly 2 decimals.
 * Held as a bigint count of hundredths, so sums are exact; written as decimal strings.
 * No binary float ever carries an amount.
 */
export type Money = bigint & { readonly __money: unique symbol };

const MONEY_RE = /^(-)?(\d{1,14})(?:[.,](\d{1,2}))?$/;

export class MoneyFormatError extends Error {
  constructor(
    readonly input: string,
    readonly reason: string,
  ) {
    super(reason);
    this.name = "MoneyFormatError";
  }
}

/** Parses "1234.5", "1234,50", "-3", " 1 234,56 " (spaces as thousands separators). */
export function parseMoney(input: string): Money {
  const s = input.replace(/[\s\u00a0]/g, "");
  if (s === "") throw new MoneyFormatError(input, "сумма не указана");
  const m = MONEY_RE.exec(s);
  if (!m) {
    if (/^-?\d+[.,]\d{3,}$/.test(s)) {
      throw new MoneyFormatError(input, "не более 2 знаков после запятой");
    }
    throw new MoneyFormatError(input, "не является числом");
  }
  const [, sign, int, frac = ""] = m;
  const hundredths = BigInt(int!) * 100n + BigInt((frac + "00").slice(0, 2));
  return (sign ? -hundredths : hundredths) as Money;
}

/** True if the string is a valid money amount. */
export function isMoney(input: string): boolean {
  try {
    parseMoney(input);
    return true;
  } catch {
    return false;
  }
}

export function money(hundredths: bigint): Money {
  return hundredths as Money;
}

export const ZERO = 0n as Money;

/** The amount without its sign. */
export function absMoney(m: Money): Money {
  return (m < 0n ? 0n - m : m) as Money;
}

export function formatMoney(m: Money): string {
  const neg = m < 0n;
  const abs = absMoney(m);
  const int = abs / 100n;
  const frac = (abs % 100n).toString().padStart(2, "0");
  return `${neg ? "-" : ""}${int}.${frac}`;
}

/** Russian display: "1 234 567,89". */
export function formatMoneyRu(m: Money): string {
  const [int, frac] = formatMoney(m).split(".");
  const neg = int!.startsWith("-");
  const digits = neg ? int!.slice(1) : int!;
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, "\u00a0");
  return `${neg ? "-" : ""}${grouped},${frac}`;
}

export function addMoney(a: Money, b: Money): Money {
  return (a + b) as Money;
}

export function sumMoney(items: Iterable<Money>): Money {
  let total = 0n;
  for (const m of items) total += m;
  return total as Money;
}

/** Sums decimal strings exactly; returns a decimal string. */
export function sumMoneyStrings(items: Iterable<string>): string {
  let total = 0n;
  for (const s of items) total += parseMoney(s);
  return formatMoney(total as Money);
}

/** Ratio of two amounts as a plain number (a percentage input, not money). */
export function moneyRatio(numerator: Money, denominator: Money): number {
  if (denominator === 0n) throw new RangeError("division by zero amount");
  // Scale to keep 15 significant digits before converting.
  const SCALE = 10n ** 15n;
  const q = (numerator * SCALE) / denominator;
  return Number(q) / Number(SCALE);
}

/** Short names of currencies in Russian and English, for the unit of amounts. */
const CURRENCY_NAMES: Record<string, readonly [ru: string, en: string]> = {
  RUB: ["руб.", "RUB"],
  KGS: ["сом", "KGS"],
  KZT: ["тенге", "KZT"],
  BYN: ["бел. руб.", "BYN"],
  UZS: ["сум", "UZS"],
  USD: ["долл. США", "USD"],
  EUR: ["евро", "EUR"],
};

/**
 * The unit of amounts in plans, thousands of the municipality's currency: "тыс. руб." for RUB,
 * "тыс. сом" for KGS, "thousand RUB" in English; an unknown code is shown as is.
 */
export function thousandsUnit(currency: string, lang: "ru" | "en" = "ru"): string {
  const n = CURRENCY_NAMES[currency.toUpperCase()];
  return lang === "ru" ? `тыс. ${n?.[0] ?? currency}` : `thousand ${n?.[1] ?? currency}`;
}
