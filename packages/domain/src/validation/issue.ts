/** A finding of validation: an error that blocks saving, or a warning shown beside the data. */
export interface Issue {
  /** A field name or a JSON path such as `directions[0].elements[1].funding[2].amount`. */
  path: string;
  /** Russian, names the field by its label. */
  message: string;
  messageEn: string;
  severity: "error" | "warning";
  /** The clause it enforces, e.g. "220-п 1.5". */
  rule?: string;
}

export function error(path: string, message: string, messageEn: string, rule?: string): Issue {
  return rule ? { path, message, messageEn, severity: "error", rule } : { path, message, messageEn, severity: "error" };
}

export function warning(path: string, message: string, messageEn: string, rule?: string): Issue {
  return rule ? { path, message, messageEn, severity: "warning", rule } : { path, message, messageEn, severity: "warning" };
}

/** `join("a[0]", "b")` → `a[0].b`; an empty base gives the key alone. */
export function join(base: string, key: string): string {
  if (!base) return key;
  if (!key) return base;
  return `${base}.${key}`;
}

/** `item("funding", 2)` → `funding[2]`. */
export function item(base: string, index: number): string {
  return `${base}[${index}]`;
}

/** Re-roots issues found on a part of a document under that part's path. */
export function under(base: string, issues: Issue[]): Issue[] {
  return base ? issues.map((i) => ({ ...i, path: join(base, i.path) })) : issues;
}

export function hasErrors(issues: readonly Issue[]): boolean {
  return issues.some((i) => i.severity === "error");
}

/** Names compared case- and whitespace-insensitively ("ё" counts as "е"). */
export function sameName(s: string): string {
  return s.trim().replace(/\s+/g, " ").toLowerCase().replace(/ё/g, "е");
}

/** The Russian plural form for n: plural(2, "год", "года", "лет") → "года". */
export function plural(n: number, one: string, few: string, many: string): string {
  const d = Math.abs(n) % 10;
  const dd = Math.abs(n) % 100;
  if (d === 1 && dd !== 11) return one;
  if (d >= 2 && d <= 4 && (dd < 12 || dd > 14)) return few;
  return many;
}
