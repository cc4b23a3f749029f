/**
 * Catalogs of the server's user-facing texts (form names, import errors, deadline names, the audit
 * log's sentences) in Russian and English, selected per request by `Accept-Language` (the web app
 * sends its interface language). A catalog is a module's own:
 *   export const FORM_TEXTS = catalog("forms", { title: ["Форма {n}", "Form {n}"] });
 *   say(FORM_TEXTS, lang, "title", { n: 1 })
 * A text may be plural forms, chosen by `count` with the language's rules (Intl.PluralRules):
 *   rows: [{ one: "{count} строка", few: "{count} строки", many: "{count} строк", other: "{count} строки" }, { one: "{count} row", other: "{count} rows" }]
 * Every catalog registers itself in CATALOGS, which the completeness test walks (a missing or
 * Cyrillic English text fails it). A third language is a third column of the tuple type here.
 */

export type MessageLang = "ru" | "en";
export const MESSAGE_LANGS: readonly MessageLang[] = ["ru", "en"];

export interface PluralText {
  zero?: string;
  one?: string;
  two?: string;
  few?: string;
  many?: string;
  other: string;
}
export type CatalogText = string | PluralText;
export type Catalog<K extends string> = { readonly id: string; readonly texts: Record<K, readonly [ru: CatalogText, en: CatalogText]> };

/** Every catalog defined, by id: what the completeness test checks. */
export const CATALOGS: Catalog<string>[] = [];

export function catalog<K extends string>(id: string, texts: Record<K, readonly [ru: CatalogText, en: CatalogText]>): Catalog<K> {
  const c = { id, texts };
  CATALOGS.push(c);
  return c;
}

const plurals = new Map<MessageLang, Intl.PluralRules>();
function pluralRules(lang: MessageLang): Intl.PluralRules {
  let r = plurals.get(lang);
  if (!r) plurals.set(lang, (r = new Intl.PluralRules(lang)));
  return r;
}

/** The text of a key in a language, its `{name}` placeholders filled in. */
export function say<K extends string>(c: Catalog<K>, lang: MessageLang, key: K, params: Record<string, string | number> = {}): string {
  const text = c.texts[key][lang === "en" ? 1 : 0];
  let s: string;
  if (typeof text === "string") s = text;
  else {
    const count = Number(params.count ?? 0);
    const form = pluralRules(lang).select(count);
    s = text[form] ?? text.other;
  }
  return s.replace(/\{(\w+)\}/g, (all, name: string) => (name in params ? String(params[name]) : all));
}

/** Both languages of a key: for texts stored or sent in both ("Label"). */
export function sayBoth<K extends string>(c: Catalog<K>, key: K, params?: Record<string, string | number>): { ru: string; en: string } {
  return { ru: say(c, "ru", key, params), en: say(c, "en", key, params) };
}

/**
 * The language of an `Accept-Language` header: the first of its ranges (by weight) that is
 * Russian or English; Russian when none is (or the header is absent). "ky" reads Russian.
 */
export function langOfAcceptLanguage(header: string | null | undefined): MessageLang {
  if (!header) return "ru";
  const ranges = header
    .split(",")
    .map((part, i) => {
      const [tag = "", ...ps] = part.trim().split(";");
      const q = ps.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((x) => x !== undefined);
      return { tag: tag.trim().toLowerCase(), q: q === undefined ? 1 : Number(q), i };
    })
    .filter((r) => r.tag && r.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  for (const r of ranges) {
    const primary = r.tag.split("-")[0];
    if (primary === "en") return "en";
    if (primary === "ru" || primary === "ky") return "ru";
  }
  return "ru";
}
