/**
 * One way to write numbers, money, percentages and dates: `Intl` with the reader's locale
 * (the municipality's country and the interface language — "ru-RU" for Russian, see `localeFor`).
 *
 *   formatNumber("1250000.5", { digits: 2 })   // "1 250 000,50"
 *   formatMoney("1250000.5")                   // "1 250 000,50"  (a decimal string: exact, never a float)
 *   formatMoney("1250000.5", { unit: "тыс. руб." })  // "1 250 000,50 тыс. руб."
 *   formatPercent(100.72)                      // "100,72 %"      (the value is in percent, not a ratio)
 *   formatDate("2025-12-31")                   // "31.12.2025"    (a plain date never shifts by time zone)
 *   formatDateTime("2025-12-31T09:05:00Z")     // "31.12.2025, 12:05" (in the municipality's time zone)
 *
 * The spaces between groups and before "%" are no-break spaces (U+00A0), as `Intl` writes them for
 * Russian, so a number never breaks across lines; `plainSpaces` turns them into ordinary spaces
 * where a text must be compared or copied to a plain-text medium. An absent value is "—".
 *
 * Every function takes `{ locale }`; without it the current locale is used, which the language
 * provider (lib/i18n.tsx) sets with `setFormatLocale` when the language or municipality changes.
 */

export const DASH = "—";

let currentLocale = "ru-RU";
let currentTimeZone: string | undefined;

/** The locale of the interface language in a municipality's country: ru → "ru-RU" (Kyrgyzstan: "ru-KG"), en → "en-GB", ky → "ky-KG". */
export function localeFor(lang: string, country?: string | null): string {
  const c = (country ?? "").toUpperCase();
  const region = /^[A-Z]{2}$/.test(c) ? c : lang === "ky" ? "KG" : lang === "en" ? "GB" : "RU";
  if (lang === "en") return "en-GB";
  return `${lang}-${region}`;
}

/** Sets the locale (and time zone of date-times) that the functions use when not given one. */
export function setFormatLocale(locale: string, timeZone: string | undefined = currentTimeZone): void {
  currentLocale = locale;
  currentTimeZone = timeZone;
}

/** The municipality's time zone for date-times (lib/money.ts sets it when the municipality is read). */
export function setFormatTimeZone(timeZone: string | undefined): void {
  currentTimeZone = timeZone;
}

export function formatLocale(): string {
  return currentLocale;
}

export interface NumberOptions {
  locale?: string;
  /** Exactly this many decimals. */
  digits?: number;
  /** At most this many decimals (default 2 when `digits` is not given) … */
  maxDigits?: number;
  /** … and at least this many (default 0). */
  minDigits?: number;
  /** "+1 500" for positive values (a difference). */
  sign?: boolean;
}

/** A number or a decimal string; a string is formatted exactly (Intl's decimal strings), not through a float. */
type Numeric = number | string | bigint | null | undefined;

function parseNumeric(v: Numeric): number | string | bigint | null {
  if (v === null || v === undefined) return null;
  if (typeof v === "bigint") return v;
  if (typeof v === "number") return Number.isFinite(v) ? v : null;
  const s = v.trim().replace(",", ".");
  return /^[-+]?\d+(\.\d+)?$/.test(s) ? s : null;
}

const cache = new Map<string, Intl.NumberFormat>();
function nf(locale: string, o: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(o)}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, o);
    cache.set(key, f);
  }
  return f;
}

function numberFormatOptions(o: NumberOptions): Intl.NumberFormatOptions {
  const min = o.digits ?? o.minDigits ?? 0;
  const max = o.digits ?? Math.max(o.maxDigits ?? 2, min);
  return { minimumFractionDigits: min, maximumFractionDigits: max, signDisplay: o.sign ? "exceptZero" : "auto" };
}

/** "1 250 000,5" — a number in the reader's notation; "—" when absent or not a number. */
export function formatNumber(value: Numeric, o: NumberOptions = {}): string {
  const v = parseNumeric(value);
  if (v === null) return DASH;
  // Intl takes a decimal string exactly (Intl.NumberFormat v3); its type declaration wants a number
  return nf(o.locale ?? currentLocale, numberFormatOptions(o)).format(typeof v === "string" ? (v as Intl.StringNumericLiteral) : v);
}

export interface MoneyOptions {
  locale?: string;
  /** The unit written after the amount ("тыс. руб."): the municipality's, from `useMoneyUnit()`. */
  unit?: string;
  /** "+1 500,00" for positive values (a difference). */
  sign?: boolean;
}

/** Money (thousands of the municipality's currency, a decimal string): always two decimals, "1 250 000,50". */
export function formatMoney(value: Numeric, o: MoneyOptions = {}): string {
  const s = formatNumber(value, { locale: o.locale, digits: 2, sign: o.sign });
  return s === DASH || !o.unit ? s : `${s}\u00a0${o.unit}`;
}

/** A percentage given in percent (100.72 → "100,72 %"); two decimals at most unless `digits` says otherwise. */
export function formatPercent(value: Numeric, o: NumberOptions = {}): string {
  const v = parseNumeric(value);
  if (v === null) return DASH;
  const opts = numberFormatOptions(o);
  // Intl's percent style multiplies by 100: give it the ratio's digits by formatting the number and
  // taking the locale's own percent pattern (space or not, sign before or after)
  const number = nf(o.locale ?? currentLocale, opts).format(typeof v === "string" ? (v as Intl.StringNumericLiteral) : v);
  const pattern = nf(o.locale ?? currentLocale, { style: "percent" }).formatToParts(0.01);
  return pattern.map((p) => (p.type === "integer" ? number : p.value)).join("");
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A plan date "2025-12-31" (or a timestamp: its day in the municipality's time zone) → "31.12.2025". */
export function formatDate(value: string | Date | null | undefined, o: { locale?: string; timeZone?: string } = {}): string {
  if (value === null || value === undefined || value === "") return DASH;
  const locale = o.locale ?? currentLocale;
  if (typeof value === "string") {
    const m = ISO_DATE.exec(value);
    if (m) {
      const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
      return dtf(locale, { day: "2-digit", month: "2-digit", year: "numeric", timeZone: "UTC" }).format(d);
    }
  }
  const d = typeof value === "string" ? new Date(value) : value;
  if (Number.isNaN(d.getTime())) return typeof value === "string" ? value : DASH;
  return dtf(locale, { day: "2-digit", month: "2-digit", year: "numeric", timeZone: o.timeZone ?? currentTimeZone }).format(d);
}

/** A moment → "31.12.2025, 12:05" in the municipality's time zone (or the given one). */
export function formatDateTime(
  value: string | Date | null | undefined,
  o: { locale?: string; timeZone?: string; seconds?: boolean } = {},
): string {
  if (value === null || value === undefined || value === "") return DASH;
  const d = typeof value === "string" ? new Date(value) : value;
  if (Number.isNaN(d.getTime())) return typeof value === "string" ? value : DASH;
  return dtf(o.locale ?? currentLocale, {
    day: "2-digit",
    month: "2-digit",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    second: o.seconds ? "2-digit" : undefined,
    timeZone: o.timeZone ?? currentTimeZone,
  }).format(d);
}

const dcache = new Map<string, Intl.DateTimeFormat>();
function dtf(locale: string, o: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(o)}`;
  let f = dcache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, o);
    dcache.set(key, f);
  }
  return f;
}

/** No-break spaces (U+00A0, U+202F) as ordinary spaces: for comparing or for plain-text output. */
export function plainSpaces(s: string): string {
  return s.replace(/[\u00a0\u202f]/g, " ");
}
