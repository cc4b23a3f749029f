/**
 * The catalogs of the web app's messages are complete: every `messages({ key: [ru, en] })` of
 * packages/web/src has a Russian and an English text (an English text with Cyrillic letters is
 * half Russian), the same placeholders in both, the plural forms each language needs; each call
 * site gets its namespace at build time; a locale's JSON catalog names only existing keys.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { catalogNamespace, MESSAGES_CALL, moduleNamespace, withNamespaces } from "../scripts/i18n-namespaces.ts";
import { LOCALES, localesOf, messages, translate } from "../src/lib/i18n.tsx";
import { countsSentence } from "../src/pages/evaluation/common.ts";

const SRC = join(import.meta.dirname, "../src");
const CYRILLIC = /[\u0400-\u04ff]/;
const PLURAL_FORMS = ["zero", "one", "two", "few", "many", "other"];
/** The forms each column needs (CLDR): Russian one/few/many/other, English one/other. */
const NEEDED = { ru: ["one", "few", "many", "other"], en: ["one", "other"] };

type Text = string | Record<string, string>;
interface Entry {
  file: string;
  ns: string;
  key: string;
  ru: Text;
  en: Text;
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return sources(p);
    return /\.tsx?$/.test(name) && !name.endsWith(".d.ts") ? [p] : [];
  });
}

function literal(node: ts.Node, where: string, problems: string[]): Text | null {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isObjectLiteralExpression(node)) {
    const forms: Record<string, string> = {};
    for (const p of node.properties) {
      const name = p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) ? p.name.text : "?";
      if (!ts.isPropertyAssignment(p) || !PLURAL_FORMS.includes(name)) problems.push(`${where}: "${name}" is not a plural form`);
      else if (ts.isStringLiteral(p.initializer) || ts.isNoSubstitutionTemplateLiteral(p.initializer)) forms[name] = p.initializer.text;
      else problems.push(`${where}.${name}: not a literal text`);
    }
    return forms;
  }
  problems.push(`${where}: not a literal text`);
  return null;
}

/** Every catalog entry of the web app's sources, read from the syntax tree. */
function catalog(): { entries: Entry[]; problems: string[] } {
  const entries: Entry[] = [];
  const problems: string[] = [];
  for (const file of sources(SRC)) {
    const code = readFileSync(file, "utf8");
    if (!code.includes("messages(")) continue;
    const sf = ts.createSourceFile(file, code, ts.ScriptTarget.Latest, true, file.endsWith("x") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
    const rel = moduleNamespace(SRC, file);
    const visit = (node: ts.Node) => {
      if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === "messages") {
        const arg = node.arguments[0];
        const decl = node.parent;
        if (!arg || !ts.isObjectLiteralExpression(arg)) problems.push(`${rel}: messages() without an object literal`);
        else if (!ts.isVariableDeclaration(decl) || !ts.isIdentifier(decl.name))
          problems.push(`${rel}: messages() not assigned to a constant (it would get no namespace)`);
        else {
          const ns = catalogNamespace(rel, decl.name.text);
          for (const p of arg.properties) {
            const key = p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) ? p.name.text : "?";
            const where = `${ns}.${key}`;
            if (!ts.isPropertyAssignment(p) || !ts.isArrayLiteralExpression(p.initializer) || p.initializer.elements.length !== 2) {
              problems.push(`${where}: not a [ru, en] pair`);
              continue;
            }
            const [ruNode, enNode] = p.initializer.elements;
            const ru = literal(ruNode!, `${where}[ru]`, problems);
            const en = literal(enNode!, `${where}[en]`, problems);
            if (ru !== null && en !== null) entries.push({ file: rel, ns, key, ru, en });
          }
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
    // the build finds each catalog by the same pattern: as many rewritten call sites as catalogs
    const calls = (code.match(/\bmessages\(/g) ?? []).length - (code.match(/function messages\(/g) ?? []).length;
    const named = [...code.matchAll(MESSAGES_CALL)].length;
    if (rel !== "lib/i18n" && named !== calls) problems.push(`${rel}: ${calls - named} messages() call(s) the build cannot name`);
  }
  return { entries, problems };
}

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const texts = (t: Text) => (typeof t === "string" ? [t] : Object.values(t));

function problemsOf(e: Entry): string[] {
  const out: string[] = [];
  const where = `${e.ns}.${e.key}`;
  for (const [lang, t] of [
    ["ru", e.ru],
    ["en", e.en],
  ] as const) {
    if (texts(t).some((s) => s.trim() === "")) out.push(`${where}: empty ${lang} text`);
    if (typeof t !== "string") {
      const missing = NEEDED[lang].filter((f) => !(f in t));
      if (missing.length) out.push(`${where}: ${lang} lacks the plural forms ${missing.join(", ")}`);
    }
  }
  for (const s of texts(e.en)) if (CYRILLIC.test(s)) out.push(`${where}: English text in Russian: "${s}"`);
  const ruVars = [...new Set(texts(e.ru).flatMap(placeholders))].sort().join(",");
  const enVars = [...new Set(texts(e.en).flatMap(placeholders))].sort().join(",");
  if (ruVars !== enVars) out.push(`${where}: placeholders differ: ru {${ruVars}} en {${enVars}}`);
  return out;
}

describe("the web app's message catalogs", () => {
  const { entries, problems } = catalog();

  it("are found in the sources, each with a namespace the build gives it", () => {
    expect(entries.length).toBeGreaterThan(500);
    expect(problems).toEqual([]);
    expect(new Set(entries.map((e) => e.ns)).size).toBeGreaterThan(30);
  });

  it("have every key in Russian and in English, with the same placeholders and the plural forms", () => {
    expect(entries.flatMap(problemsOf)).toEqual([]);
  });

  it("the check itself finds a missing or half-Russian English text", () => {
    const base = { file: "x", ns: "x", key: "k" };
    expect(problemsOf({ ...base, ru: "Программы", en: "" })).toEqual(["x.k: empty en text"]);
    expect(problemsOf({ ...base, ru: "Программы", en: "Programs (всего)" })).toEqual(['x.k: English text in Russian: "Programs (всего)"']);
    expect(problemsOf({ ...base, ru: "Всего: {n}", en: "Total" })).toEqual(["x.k: placeholders differ: ru {n} en {}"]);
    expect(
      problemsOf({ ...base, ru: { one: "{count} год", other: "{count} года" }, en: { one: "{count} year", other: "{count} years" } }),
    ).toEqual(["x.k: ru lacks the plural forms few, many"]);
  });

  it("a locale's catalog (src/locales/*.json) names only existing keys, with their placeholders", () => {
    const known = new Map(entries.map((e) => [`${e.ns}\u0000${e.key}`, e]));
    for (const name of readdirSync(join(SRC, "locales"))) {
      const locale = JSON.parse(readFileSync(join(SRC, "locales", name), "utf8")) as Record<string, Record<string, string>>;
      const wrong: string[] = [];
      for (const [ns, keys] of Object.entries(locale).filter(([ns]) => ns !== "$locale"))
        for (const [k, text] of Object.entries(keys)) {
          const base = k.replace(new RegExp(`_(${PLURAL_FORMS.join("|")})$`), "");
          const e = known.get(`${ns}\u0000${base}`) ?? known.get(`${ns}\u0000${k}`);
          if (!e) wrong.push(`${name}: ${ns}.${k} is no key of the web app`);
          else if (placeholders(text).join(",") !== [...new Set(texts(e.ru).flatMap(placeholders))].sort().join(","))
            wrong.push(`${name}: ${ns}.${k}: placeholders differ from Russian`);
        }
      expect(wrong).toEqual([]);
    }
  });
});

describe("messages on i18next", () => {
  it("picks Russian and English plural forms by count, and falls back to Russian for a locale without the text", () => {
    const M = messages(
      {
        programs: [
          { one: "{count} программа", few: "{count} программы", many: "{count} программ", other: "{count} программы" },
          { one: "{count} program", other: "{count} programs" },
        ],
        total: ["Всего: {n}", "Total: {n}"],
      },
      "test/plural",
    );
    expect([1, 3, 5, 21, 22, 111].map((count) => translate(M, "ru", "programs", { count }))).toEqual([
      "1 программа",
      "3 программы",
      "5 программ",
      "21 программа",
      "22 программы",
      "111 программ",
    ]);
    expect([1, 2].map((count) => translate(M, "en", "programs", { count }))).toEqual(["1 program", "2 programs"]);
    expect(translate(M, "ru", "total", { n: "1\u00a0250" })).toBe("Всего: 1\u00a0250");
    expect(translate(M, "ky", "total", { n: 3 })).toBe("Всего: 3");
  });

  it("writes the evaluation's counts with the plural forms of each language", () => {
    expect(countsSentence({ achieved: 21, inProgress: 2, negative: 5, noData: 0, total: 28 }, "ru")).toBe(
      "21 показатель достигнут, 2 в процессе достижения, 5 с отрицательными отклонениями",
    );
    expect(countsSentence({ achieved: 3, inProgress: 0, negative: 1, noData: 2, total: 6 }, "ru")).toBe(
      "3 показателя достигнуто, 0 в процессе достижения, 1 с отрицательным отклонением, 2 без данных",
    );
    expect(countsSentence({ achieved: 1, inProgress: 0, negative: 1, noData: 0, total: 2 }, "en")).toBe(
      "1 achieved, 0 in progress, 1 with a negative deviation",
    );
  });

  it("reads a locale's catalog by the namespace the build gives the module", () => {
    const file = join(SRC, "app/Layout.tsx");
    const code = withNamespaces(readFileSync(file, "utf8"), SRC, file);
    expect(code).toContain('const M = messages.in("app/Layout", {');
    const M = messages.in("app/Layout", { logout: ["Выйти", "Sign out"], account: ["Учетная запись", "Account"] });
    expect(translate(M, "ky", "logout")).toBe("Чыгуу");
    expect(translate(M, "ru", "logout")).toBe("Выйти");
    expect(translate(M, "en", "logout")).toBe("Sign out");
  });
});

describe("a third locale is a catalog file", () => {
  it("every catalog of src/locales is an interface language, named by its file, with no other code naming it", () => {
    const files = readdirSync(join(SRC, "locales")).filter((n) => n.endsWith(".json"));
    expect(files).toContain("ky.json");
    for (const name of files) {
      const id = name.replace(/\.json$/, "");
      const meta = (JSON.parse(readFileSync(join(SRC, "locales", name), "utf8")) as { $locale?: { name: string } }).$locale;
      expect(LOCALES.find((l) => l.id === id)).toMatchObject({ id, name: meta?.name ?? id });
    }
    expect(LOCALES.map((l) => l.id).slice(0, 2)).toEqual(["ru", "en"]);
    // the mechanism names no locale of a catalog: adding one is adding its file
    for (const file of ["lib/i18n.tsx", "components/LanguageSwitch.tsx"])
      expect(readFileSync(join(SRC, file), "utf8"), file).not.toMatch(/["']ky["']|ky\.json/);
  });

  it("reads a catalog's code, name and base, and ignores what is not a locale's file", () => {
    const locales = localesOf({
      "../locales/ky.json": { $locale: { name: "Кыргызча", short: "KY" }, "app/Layout": { logout: "Чыгуу" } },
      "../locales/kk.json": { "app/Layout": { logout: "Шығу" } },
      "../locales/fr.json": { $locale: { name: "Français", base: "en" } },
      "../locales/notes.txt.json": {},
    });
    expect(locales.map(({ id, name, short, base }) => ({ id, name, short, base }))).toEqual([
      { id: "fr", name: "Français", short: "FR", base: "en" },
      { id: "kk", name: "kk", short: "KK", base: "ru" },
      { id: "ky", name: "Кыргызча", short: "KY", base: "ru" },
    ]);
    expect(locales.find((l) => l.id === "ky")?.texts).toEqual({ "app/Layout": { logout: "Чыгуу" } });
  });

  it("the Kyrgyz catalog's texts are used, and Russian where it has none", () => {
    const M = messages.in("app/Layout", { logout: ["Выйти", "Sign out"], account: ["Учетная запись", "Account"] });
    const Other = messages({ only: ["Только по-русски", "Only in English"] }, "test/ky-fallback");
    expect(translate(M, "ky", "logout")).toBe("Чыгуу");
    expect(translate(M, "ky", "account")).toBe("Эсептик жазуу");
    expect(translate(Other, "ky", "only")).toBe("Только по-русски");
    expect(translate(Other, "en", "only")).toBe("Only in English");
  });
});
