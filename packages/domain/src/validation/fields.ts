/**
 * Field validation and normalization driven by the resource specs: one function checks every
 * field of every entity, whether it comes from a form, an API call, a pasted Excel block or an
 * imported document.
 */
import { formatMoney, MoneyFormatError, parseMoney } from "../money.ts";
import { parseDateLoose } from "../dates.ts";
import type { FieldSpec, ResourceSpec } from "../model/fields.ts";
import { error, type Issue } from "./issue.ts";
import { controlCharMessage, isBlankText, trimText } from "./text.ts";

export const YEAR_MIN = 1900;
export const YEAR_MAX = 2200;

/**
 * The digits a decimal (an indicator's or a metric's value) may have before and after the point:
 * far more than any value of a plan needs, and far within PostgreSQL's `numeric`.
 */
export const DECIMAL_MAX_INTEGER_DIGITS = 30;
export const DECIMAL_MAX_FRACTION_DIGITS = 30;

/** Clauses of decree 220-п a field's own check enforces (resource.field → rule). */
const FIELD_RULES: Record<string, string> = {
  "metric.unit": "220-п прил. 5",
  "metric.level": "220-п прил. 6",
  "programIndicator.unit": "220-п прил. 2",
  "funding.amount": "220-п 1.3.11",
};

type Checked = { ok: true; value: unknown } | { ok: false; ru: string; en: string };

const ok = (value: unknown): Checked => ({ ok: true, value });
const bad = (ru: string, en: string): Checked => ({ ok: false, ru, en });

function show(raw: unknown): string {
  const s = typeof raw === "string" ? raw : (JSON.stringify(raw) ?? String(raw));
  return s.length > 40 ? s.slice(0, 40) + "…" : s;
}

// ---- decimals ------------------------------------------------------------------------------

/** A finite JS number written out without an exponent ("1e-7" → "0.0000001"). */
function plainNumber(n: number): string {
  const s = String(n);
  const m = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/.exec(s);
  if (!m) return s;
  const [, sign = "", int = "", frac = "", exp = "0"] = m;
  const digits = int + frac;
  const point = int.length + Number(exp);
  if (point <= 0) return `${sign}0.${"0".repeat(-point)}${digits}`;
  if (point >= digits.length) return sign + digits + "0".repeat(point - digits.length);
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

const PLAIN_RE = /^([+-])?(\d*)(?:\.(\d*))?$/;
const GROUPED_RE = /^[+-]?\d{1,3}(?: \d{3})+(?:[.,]\d*)?$/;

/**
 * Normalizes a decimal given as a number or a string: "12,5" and "1 234,50" (spaces as thousands
 * separators, the Russian comma) give "12.5" and "1234.5"; leading zeros and trailing fractional
 * zeros are dropped. Returns null for anything else (NaN, Infinity, exponents, "1.234,5", text).
 */
export function normalizeDecimal(raw: unknown): string | null {
  let s: string;
  if (typeof raw === "number") {
    if (!Number.isFinite(raw)) return null;
    s = plainNumber(raw);
  } else if (typeof raw === "bigint") {
    s = raw.toString();
  } else if (typeof raw === "string") {
    s = raw.trim().replace(/\u2212/g, "-");
    if (/\s/.test(s)) {
      s = s.replace(/\s/g, " ");
      if (!GROUPED_RE.test(s)) return null;
      s = s.replace(/ /g, "");
    }
    s = s.replace(",", ".");
  } else {
    return null;
  }
  const m = PLAIN_RE.exec(s);
  if (!m) return null;
  const [, sign, intRaw = "", fracRaw = ""] = m;
  if (intRaw === "" && fracRaw === "") return null;
  const int = intRaw.replace(/^0+(?=\d)/, "") || "0";
  const frac = fracRaw.replace(/0+$/, "");
  const body = frac ? `${int}.${frac}` : int;
  return sign === "-" && /[1-9]/.test(body) ? `-${body}` : body;
}

/** Why a normalized decimal has more digits than a stored value may hold; null when it fits. */
export function decimalSizeIssue(d: string): { ru: string; en: string } | null {
  const [int = "", frac = ""] = d.replace(/^-/, "").split(".");
  if (int.length > DECIMAL_MAX_INTEGER_DIGITS) {
    return {
      ru: `не более ${DECIMAL_MAX_INTEGER_DIGITS} цифр до запятой (сейчас ${int.length})`,
      en: `at most ${DECIMAL_MAX_INTEGER_DIGITS} digits before the point (now ${int.length})`,
    };
  }
  if (frac.length > DECIMAL_MAX_FRACTION_DIGITS) {
    return {
      ru: `не более ${DECIMAL_MAX_FRACTION_DIGITS} цифр после запятой (сейчас ${frac.length})`,
      en: `at most ${DECIMAL_MAX_FRACTION_DIGITS} digits after the point (now ${frac.length})`,
    };
  }
  return null;
}

/** Normalizes an integer given as a number or a string ("2 030" too); null when it is not one. */
export function normalizeInteger(raw: unknown): number | null {
  const d = normalizeDecimal(raw);
  if (d === null || d.includes(".")) return null;
  const n = Number(d);
  return Number.isSafeInteger(n) ? n : null;
}

/** Money as a string with exactly 2 decimals, never negative. */
export function checkMoney(raw: unknown): { value: string } | { ru: string; en: string } {
  const d = normalizeDecimal(raw);
  if (d === null) return { ru: `«${show(raw)}» не является суммой`, en: `"${show(raw)}" is not an amount` };
  if (d.startsWith("-")) return { ru: "не может быть отрицательной", en: "cannot be negative" };
  const decimals = d.includes(".") ? d.length - d.indexOf(".") - 1 : 0;
  if (decimals > 2) return { ru: "не более 2 знаков после запятой", en: "at most 2 decimal places" };
  try {
    return { value: formatMoney(parseMoney(d)) };
  } catch (e) {
    if (e instanceof MoneyFormatError) return { ru: `слишком большая сумма или не число (${e.reason})`, en: "too large or not a number" };
    throw e;
  }
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(s: unknown): s is string {
  return typeof s === "string" && UUID_RE.test(s);
}

// ---- one field ----------------------------------------------------------------------------------

/** Absent, or a text that shows nothing (only spaces, zero-width and other invisible characters). */
function isBlank(raw: unknown): boolean {
  return raw === null || raw === undefined || (typeof raw === "string" && isBlankText(raw) && controlCharMessage(raw) === null);
}

/** Checks one present, non-blank value against its field type; returns the normalized value. */
function checkType(field: FieldSpec, raw: unknown): Checked {
  const t = field.type;
  switch (t.kind) {
    case "text": {
      if (typeof raw !== "string" && typeof raw !== "number") return bad("должно быть текстом", "must be text");
      const control = controlCharMessage(String(raw));
      if (control) return bad(control.ru, control.en);
      const s = trimText(String(raw));
      const max = t.max ?? 2000;
      const len = [...s].length;
      if (len > max) return bad(`не более ${max} символов (сейчас ${len})`, `at most ${max} characters (now ${len})`);
      return ok(s);
    }
    case "int":
    case "year": {
      const n = normalizeInteger(raw);
      if (n === null) return bad(`«${show(raw)}» не является целым числом`, `"${show(raw)}" is not an integer`);
      const min = t.kind === "year" ? YEAR_MIN : t.min;
      const max = t.kind === "year" ? YEAR_MAX : t.max;
      if (min !== undefined && max !== undefined && (n < min || n > max)) {
        return bad(`должно быть от ${min} до ${max}`, `must be from ${min} to ${max}`);
      }
      if (min !== undefined && n < min) return bad(`должно быть не меньше ${min}`, `must be at least ${min}`);
      if (max !== undefined && n > max) return bad(`должно быть не больше ${max}`, `must be at most ${max}`);
      return ok(n);
    }
    case "decimal": {
      const d = normalizeDecimal(raw);
      if (d === null) return bad(`«${show(raw)}» не является числом`, `"${show(raw)}" is not a number`);
      const size = decimalSizeIssue(d);
      if (size) return bad(size.ru, size.en);
      return ok(d);
    }
    case "money": {
      const r = checkMoney(raw);
      return "value" in r ? ok(r.value) : bad(r.ru, r.en);
    }
    case "date": {
      const d = typeof raw === "string" ? parseDateLoose(raw) : null;
      if (d === null) {
        return bad(
          `«${show(raw)}» не является датой (ДД.ММ.ГГГГ или ГГГГ-ММ-ДД)`,
          `"${show(raw)}" is not a date (DD.MM.YYYY or YYYY-MM-DD)`,
        );
      }
      const year = Number(d.slice(0, 4));
      if (year < YEAR_MIN || year > YEAR_MAX)
        return bad(`год даты должен быть от ${YEAR_MIN} до ${YEAR_MAX}`, `the date's year must be from ${YEAR_MIN} to ${YEAR_MAX}`);
      return ok(d);
    }
    case "bool": {
      if (typeof raw === "boolean") return ok(raw);
      const s = String(raw).trim().toLowerCase();
      if (["true", "1", "да"].includes(s)) return ok(true);
      if (["false", "0", "нет"].includes(s)) return ok(false);
      return bad("должно быть «да» или «нет»", "must be yes or no");
    }
    case "enum": {
      if (typeof raw === "string") {
        const s = raw.trim();
        if (t.values.includes(s)) return ok(s);
        // a Russian or English label is accepted for its value (forms pasted from Excel)
        const key = s.toLowerCase();
        const byLabel = t.values.find((v) => t.labels?.[v]?.ru.toLowerCase() === key || t.labels?.[v]?.en.toLowerCase() === key);
        if (byLabel) return ok(byLabel);
      }
      const list = t.values.map((v) => (t.labels?.[v] ? `${v} (${t.labels[v].ru})` : v)).join(", ");
      return bad(
        `«${show(raw)}» — недопустимое значение; допустимы: ${list}`,
        `"${show(raw)}" is not allowed; allowed: ${t.values.join(", ")}`,
      );
    }
    case "ref": {
      if (typeof raw === "string" && isUuid(raw.trim())) return ok(raw.trim().toLowerCase());
      return bad(`«${show(raw)}» не является идентификатором записи (UUID)`, `"${show(raw)}" is not a record id (UUID)`);
    }
  }
}

/**
 * Checks one value of one field, as `validateFields` does: blank → null (an error when the field
 * is required), otherwise the normalized value. Paths are the field name.
 */
export function checkField(spec: ResourceSpec, field: FieldSpec, raw: unknown): { value: unknown; issues: Issue[] } {
  const rule = FIELD_RULES[`${spec.name}.${field.name}`];
  if (isBlank(raw)) {
    if (!field.required) return { value: null, issues: [] };
    return {
      value: null,
      issues: [error(field.name, `Поле «${field.label.ru}» обязательно`, `Field "${field.label.en}" is required`, rule)],
    };
  }
  const r = checkType(field, raw);
  if (r.ok) return { value: r.value, issues: [] };
  return { value: undefined, issues: [error(field.name, `Поле «${field.label.ru}»: ${r.ru}`, `Field "${field.label.en}": ${r.en}`, rule)] };
}

/**
 * Validates and normalizes the fields of one row. In "create" mode every field is checked (an
 * absent optional field becomes null, an absent bool false); in "update" mode only the keys
 * present, and a required field may not be cleared. Unknown keys are errors. The value holds only
 * the fields that passed.
 */
export function validateFields(
  spec: ResourceSpec,
  input: Record<string, unknown>,
  mode: "create" | "update",
): { value: Record<string, unknown>; issues: Issue[] } {
  const value: Record<string, unknown> = {};
  const issues: Issue[] = [];
  if (input === null || typeof input !== "object" || Array.isArray(input)) {
    return {
      value,
      issues: [error("", `${spec.label.ru}: ожидается объект с полями`, `${spec.label.en}: an object of fields is expected`)],
    };
  }
  const known = new Set(spec.fields.map((f) => f.name));
  for (const key of Object.keys(input)) {
    if (!known.has(key)) {
      issues.push(error(key, `Неизвестное поле «${key}» (${spec.label.ru})`, `Unknown field "${key}" (${spec.label.en})`));
    }
  }
  for (const field of spec.fields) {
    const present = Object.prototype.hasOwnProperty.call(input, field.name) && input[field.name] !== undefined;
    if (!present) {
      if (mode === "update") continue;
      if (field.type.kind === "bool" && !field.required) {
        value[field.name] = false;
        continue;
      }
    }
    const r = checkField(spec, field, present ? input[field.name] : undefined);
    issues.push(...r.issues);
    if (r.value !== undefined && !(r.issues.length && r.value === null)) value[field.name] = r.value;
  }
  return { value, issues };
}
