/**
 * The interface's messages, on i18next. Russian by default, English and the locales of
 * src/locales/*.json switchable. Each module keeps its Russian and English texts next to its code:
 *   const M = messages({ title: ["Программы", "Programs"], count: ["Всего: {n}", "Total: {n}"] });
 *   const t = useT(M);  t("count", { n: 3 })
 *
 * Namespaces. Each catalog is an i18next namespace. The build gives it the module's path
 * ("pages/audit/AuditPage"; "/<Name>" added when the constant is not `M`): scripts/i18n-namespaces.ts
 * rewrites `const M = messages({` into `messages.in("<namespace>", {`. `messages(m, "id")` names
 * one explicitly.
 *
 * Plurals. A text may be a set of plural forms; `t(key, { count })` picks the form by the
 * language's rules (Intl.PluralRules: Russian one/few/many/other, English one/other) and `{count}`
 * writes the number:
 *   programs: [
 *     { one: "{count} программа", few: "{count} программы", many: "{count} программ", other: "{count} программы" },
 *     { one: "{count} program", other: "{count} programs" },
 *   ]
 * In i18next's resources these are the keys `programs_one`, `programs_few`, … — the same keys a
 * locale's JSON catalog uses.
 *
 * Another locale. Add src/locales/<code>.json — `{ "$locale": { "name": "Кыргызча", "short": "KY",
 * "base": "ru" }, "<namespace>": { "<key>": "text", "<key>_one": … } }` — and nothing else: the build
 * picks up every catalog of that folder (`import.meta.glob`), the language switch offers it, and a
 * text it lacks falls back to Russian (or to its `base`). The catalog test fails on a key that is
 * missing or not English in the English column, and on a locale's key that no catalog has.
 */
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import i18next from "i18next";
import { localeFor, setFormatLocale } from "./format.ts";

/** The language of a catalog's columns: Russian or English. */
export type Lang = "ru" | "en";
/** An interface language: "ru", "en", or the code of a catalog of src/locales (e.g. Kyrgyz). */
export type Locale = string;

/** What a locale's catalog says of itself (its "$locale" entry). */
export interface LocaleMeta {
  /** The language's name in itself. */
  name: string;
  /** Its short label in the switch (the code in capitals when absent). */
  short?: string;
  /** The column its texts fall back to and its labels of the domain come from (Russian when absent). */
  base?: Lang;
}
/** A locale's catalog: its "$locale" entry and its texts by namespace and key. */
export type LocaleCatalog = { $locale?: LocaleMeta } & Record<string, Record<string, string> | LocaleMeta | undefined>;

export interface LocaleInfo {
  id: Locale;
  name: string;
  short: string;
  base: Lang;
}

/** The locales of catalog files (path → catalog, as `import.meta.glob` gives them): the code is the file's name. */
export function localesOf(files: Record<string, LocaleCatalog>): (LocaleInfo & { texts: Record<string, Record<string, string>> })[] {
  return Object.entries(files)
    .map(([path, catalog]) => {
      const id = /([^/\\]+)\.json$/.exec(path)?.[1] ?? path;
      const { $locale: meta, ...rest } = catalog;
      const texts = rest as Record<string, Record<string, string>>;
      return { id, name: meta?.name ?? id, short: meta?.short ?? id.toUpperCase(), base: meta?.base ?? "ru", texts };
    })
    .filter((l) => /^[a-z]{2,3}(-[A-Za-z0-9]+)?$/.test(l.id) && l.id !== "ru" && l.id !== "en")
    .sort((a, b) => a.id.localeCompare(b.id));
}

const CATALOG_FILES = import.meta.glob<LocaleCatalog>("../locales/*.json", { eager: true, import: "default" });
const CATALOG_LOCALES = localesOf(CATALOG_FILES);

/** Interface languages, their names in themselves, and the column their dates, labels and fallbacks come from. */
export const LOCALES: readonly LocaleInfo[] = [
  { id: "ru", name: "Русский", short: "RU", base: "ru" },
  { id: "en", name: "English", short: "EN", base: "en" },
  ...CATALOG_LOCALES.map(({ id, name, short, base }) => ({ id, name, short, base })),
];

export interface Plural {
  zero?: string;
  one?: string;
  two?: string;
  few?: string;
  many?: string;
  other: string;
}
export type Text = string | Plural;
export type Messages<K extends string> = Record<K, readonly [ru: Text, en: Text]>;

const i18n = i18next.createInstance();
void i18n.init({
  initAsync: false,
  lng: "ru",
  fallbackLng: {
    en: ["ru"],
    ...Object.fromEntries(CATALOG_LOCALES.map((l) => [l.id, l.base === "en" ? ["en", "ru"] : ["ru"]])),
    default: ["ru"],
  },
  supportedLngs: LOCALES.map((l) => l.id),
  resources: {},
  ns: [],
  keySeparator: false,
  nsSeparator: false,
  returnEmptyString: false,
  interpolation: { prefix: "{", suffix: "}", escapeValue: false },
});
for (const l of CATALOG_LOCALES) for (const [ns, texts] of Object.entries(l.texts)) i18n.addResourceBundle(l.id, ns, texts, true, true);

const namespaceOf = new WeakMap<object, string>();
let anonymous = 0;

function resources(m: Record<string, readonly [Text, Text]>, column: 0 | 1): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, tuple] of Object.entries(m)) {
    const text = tuple[column];
    if (typeof text === "string") out[key] = text;
    else for (const [form, s] of Object.entries(text)) if (typeof s === "string") out[`${key}_${form}`] = s;
  }
  return out;
}

function register<K extends string>(m: Messages<K>, ns: string): Messages<K> {
  namespaceOf.set(m, ns);
  i18n.addResourceBundle("ru", ns, resources(m, 0), true, true);
  i18n.addResourceBundle("en", ns, resources(m, 1), true, true);
  return m;
}

/** A module's catalog: each key's Russian and English text (or plural forms). */
export function messages<K extends string>(m: Messages<K>, namespace?: string): Messages<K> {
  return register(m, namespace ?? `anonymous/${++anonymous}`);
}
/** The form the build writes (scripts/i18n-namespaces.ts): the namespace first. */
messages.in = <K extends string>(namespace: string, m: Messages<K>): Messages<K> => register(m, namespace);

const STORAGE = "orientir.lang";

function storedLocale(): Locale {
  const s = typeof localStorage === "undefined" ? null : localStorage.getItem(STORAGE);
  return LOCALES.find((l) => l.id === s)?.id ?? "ru";
}

interface LangState {
  /** The catalogs' column of the interface language (Kyrgyz reads Russian labels where it has none of its own). */
  lang: Lang;
  /** The interface language. */
  locale: Locale;
  setLang: (l: Locale) => void;
}
const LangContext = createContext<LangState>({ lang: "ru", locale: "ru", setLang: () => {} });

function baseOf(l: Locale): Lang {
  return LOCALES.find((x) => x.id === l)?.base ?? "ru";
}

function apply(l: Locale): void {
  void i18n.changeLanguage(l);
  setFormatLocale(localeFor(l));
  if (typeof document !== "undefined") document.documentElement.lang = l;
}

export function LangProvider({ children }: { children: ReactNode }) {
  const [locale, setLocale] = useState<Locale>(() => {
    const l = storedLocale();
    apply(l);
    return l;
  });
  useEffect(() => apply(locale), [locale]);
  const value = useMemo(
    () => ({
      lang: baseOf(locale),
      locale,
      setLang(l: Locale) {
        localStorage.setItem(STORAGE, l);
        apply(l);
        setLocale(l);
      },
    }),
    [locale],
  );
  return <LangContext.Provider value={value}>{children}</LangContext.Provider>;
}

export function useLang(): LangState {
  return useContext(LangContext);
}

export type Params = Record<string, string | number>;

/** A message of a catalog in a language (an interface locale, or a catalog's column). */
export function translate<K extends string>(m: Messages<K>, lang: Locale, key: K, params?: Params): string {
  let ns = namespaceOf.get(m);
  if (ns === undefined) register(m, (ns = `anonymous/${++anonymous}`));
  const k: string = key;
  const s = i18n.t(k, { ...params, lng: lang, ns });
  return typeof s === "string" ? s : key;
}

export function useT<K extends string>(m: Messages<K>): (key: K, params?: Params) => string {
  const { locale } = useLang();
  return (key, params) => translate(m, locale, key, params);
}
