/**
 * What a date field writes and reads (components/DateField.tsx): a plan's date is a calendar date,
 * "YYYY-MM-DD" in the API, never a timestamp, so nothing here goes through a time zone. The field
 * shows the date as the interface language writes it ("31.12.2025" in Russian and Kyrgyz,
 * "31/12/2025" in English) and reads what a person types in that form (one-digit day or month
 * allowed) or in the API's form.
 */

/** The dayjs pattern of a date in a field, by interface language. */
export function dateFieldFormat(locale: string): string {
  return locale === "en" ? "DD/MM/YYYY" : "DD.MM.YYYY";
}

/** The dayjs locale of an interface language (month and weekday names of the calendar). */
export function dayjsLocale(locale: string): string {
  return locale === "en" ? "en-gb" : locale === "ky" ? "ky" : "ru";
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
const TYPED = /^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$/;

function isoOf(year: number, month: number, day: number): string | null {
  if (year < 1000 || month < 1 || month > 12 || day < 1) return null;
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** The "YYYY-MM-DD" of a typed date ("31.12.2025", "1.2.2025", "31/12/2025", "2025-12-31"), or null when it is none (yet). */
export function parseDateInput(text: string): string | null {
  const s = text.trim();
  const iso = ISO.exec(s);
  if (iso) return isoOf(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const typed = TYPED.exec(s);
  if (typed) return isoOf(Number(typed[3]), Number(typed[2]), Number(typed[1]));
  return null;
}

/** A "YYYY-MM-DD" written in a field's form ("31.12.2025"), without a time zone; "" for no date. */
export function formatDateInput(value: string | null | undefined, locale: string): string {
  const m = value ? ISO.exec(value) : null;
  if (!m) return "";
  const sep = locale === "en" ? "/" : ".";
  return `${m[3]}${sep}${m[2]}${sep}${m[1]}`;
}
