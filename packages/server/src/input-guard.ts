/**
 * What every request's input must be before any route's schema reads it: no text (value or key)
 * with a control character — NUL, which PostgreSQL refuses in text and jsonb, and the rest of
 * C0/C1 but tab, line feed and carriage return — and no nesting deeper than MAX_DEPTH (the use
 * cases and JSON.stringify walk what they are given). Refused as 400 naming the path
 * (`body.operations.0.data.name`), for every route, signed in or not.
 */
import { ValidationError, controlCharMessage, type FieldIssue } from "@orientir/domain";

export const MAX_DEPTH = 32;
const MAX_ISSUES = 20;

export function checkInput(value: unknown, where: string): void {
  const issues: FieldIssue[] = [];
  const stack: { v: unknown; path: string; depth: number }[] = [{ v: value, path: where, depth: 0 }];
  while (stack.length && issues.length < MAX_ISSUES) {
    const { v, path, depth } = stack.pop()!;
    if (typeof v === "string") {
      const m = controlCharMessage(v);
      if (m) issues.push({ path, message: `Значение ${m.ru}`, messageEn: `The value ${m.en}` });
      continue;
    }
    if (v === null || typeof v !== "object") continue;
    if (depth >= MAX_DEPTH) {
      issues.push({
        path,
        message: `Слишком глубокая вложенность (более ${MAX_DEPTH} уровней)`,
        messageEn: `Nested deeper than ${MAX_DEPTH} levels`,
      });
      continue;
    }
    const entries: [string, unknown][] = Array.isArray(v) ? v.map((x, i) => [String(i), x]) : Object.entries(v as Record<string, unknown>);
    for (const [k, x] of entries) {
      const m = controlCharMessage(k);
      if (m) {
        issues.push({ path, message: `Имя поля ${m.ru}`, messageEn: `A field's name ${m.en}` });
        continue;
      }
      stack.push({ v: x, path: `${path}.${k}`, depth: depth + 1 });
    }
  }
  if (issues.length) throw new ValidationError(issues);
}
