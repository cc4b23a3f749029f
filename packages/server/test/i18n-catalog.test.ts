/**
 * The server's catalogs of user-facing texts are complete in Russian and English (issue 13): every
 * key of every catalog (form names, the audit log's sentences…), the deadline names of 220-п, the
 * labels of RESOURCES and of the workflow and monitoring steps have both, the English one with no
 * Cyrillic letter; and the API answers in the request's language.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CATALOGS,
  KALUGA_220P_DEADLINES,
  langOfAcceptLanguage,
  RESOURCES,
  ROLE_LABELS,
  say,
  SUBMISSION_ACTION_LABELS,
  WORKFLOW_ACTION_LABELS,
  WORKFLOW_STATE_LABELS,
  type CatalogText,
} from "@orientir/domain";
import { FORM_TEXTS, FORMS } from "@orientir/reports";
import { createTestApp, type TestApp } from "@orientir/testing";

const CYRILLIC = /[\u0400-\u04ff]/;
const texts = (t: CatalogText) => (typeof t === "string" ? [t] : Object.values(t).filter((s): s is string => typeof s === "string"));
const vars = (t: CatalogText) => [...new Set(texts(t).flatMap((s) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1])))].sort().join(",");

function problems(where: string, ru: CatalogText, en: CatalogText): string[] {
  const out: string[] = [];
  if (texts(ru).some((s) => !s.trim())) out.push(`${where}: empty Russian text`);
  if (texts(en).some((s) => !s.trim())) out.push(`${where}: empty English text`);
  for (const s of texts(en)) if (CYRILLIC.test(s)) out.push(`${where}: English text in Russian: "${s}"`);
  if (vars(ru) !== vars(en)) out.push(`${where}: placeholders differ`);
  if (typeof ru !== "string" && !["one", "few", "many", "other"].every((f) => f in ru)) out.push(`${where}: Russian plural forms missing`);
  if (typeof en !== "string" && !["one", "other"].every((f) => f in en)) out.push(`${where}: English plural forms missing`);
  return out;
}

describe("the server's catalogs", () => {
  it("have every key in Russian and in English", () => {
    expect(CATALOGS.map((c) => c.id)).toEqual(expect.arrayContaining(["audit", "forms"]));
    const found = CATALOGS.flatMap((c) => Object.entries(c.texts).flatMap(([k, [ru, en]]) => problems(`${c.id}.${k}`, ru, en)));
    expect(found).toEqual([]);
  });

  it("the check finds a missing or half-Russian English text", () => {
    expect(problems("x", "Форма", "")).toEqual(["x: empty English text"]);
    expect(problems("x", "Форма {n}", "Форма {n}")).toEqual(['x: English text in Russian: "Форма {n}"']);
    expect(problems("x", { one: "{count} строка", other: "{count} строки" }, { one: "{count} row", other: "{count} rows" })).toEqual([
      "x: Russian plural forms missing",
    ]);
  });

  it("name every form, the Russian name being the form's own title", () => {
    for (const f of FORMS) {
      expect(f.id in FORM_TEXTS.texts, f.id).toBe(true);
      expect(say(FORM_TEXTS, "ru", f.id as keyof typeof FORM_TEXTS.texts)).toBe(f.title);
    }
  });

  it("deadline names, resources, fields, roles and steps have English labels", () => {
    const labels: [string, { ru: string; en: string }][] = [
      ...KALUGA_220P_DEADLINES.map((r) => [`deadline ${r.id}`, r.label] as [string, { ru: string; en: string }]),
      ...RESOURCES.flatMap((r) => [
        [`resource ${r.name}`, r.label] as [string, { ru: string; en: string }],
        ...r.fields.map((f) => [`field ${r.name}.${f.name}`, f.label] as [string, { ru: string; en: string }]),
      ]),
      ...Object.entries(ROLE_LABELS).map(([k, l]) => [`role ${k}`, l] as [string, { ru: string; en: string }]),
      ...Object.entries(WORKFLOW_STATE_LABELS).map(([k, l]) => [`state ${k}`, l] as [string, { ru: string; en: string }]),
      ...Object.entries(WORKFLOW_ACTION_LABELS).map(([k, l]) => [`action ${k}`, l] as [string, { ru: string; en: string }]),
      ...Object.entries(SUBMISSION_ACTION_LABELS).map(([k, l]) => [`step ${k}`, l] as [string, { ru: string; en: string }]),
    ];
    expect(labels.flatMap(([where, l]) => problems(where, l.ru, l.en))).toEqual([]);
  });

  it("read the language of Accept-Language", () => {
    expect(langOfAcceptLanguage(undefined)).toBe("ru");
    expect(langOfAcceptLanguage("en-GB,en;q=0.9")).toBe("en");
    expect(langOfAcceptLanguage("de-DE, en;q=0.5, ru;q=0.8")).toBe("ru");
    expect(langOfAcceptLanguage("ky, ru;q=0.8")).toBe("ru");
    expect(langOfAcceptLanguage("fr")).toBe("ru");
  });
});

describe("the API in the request's language", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(async () => {
    await app.close();
  });

  it("names the forms and the deadlines in English for an English request, in Russian otherwise", async () => {
    const c = await app.as("economy");
    const en = (await c.request("GET", "/api/forms", undefined, { "accept-language": "en" })).body.items;
    const ru = (await c.get("/api/forms")).body.items;
    expect(en.find((f: any) => f.id === "passport")).toMatchObject({
      title: "Passport of the municipal program",
      source: "Decree 220-p, appendix 1",
    });
    expect(ru.find((f: any) => f.id === "passport")).toMatchObject({
      title: "Паспорт муниципальной программы",
      source: "220-п, приложение 1",
    });
    for (const f of en) expect(f.title, f.id).not.toMatch(CYRILLIC);
    const cal = (await c.request("GET", "/api/monitoring/deadlines?year=2026", undefined, { "accept-language": "en" })).body;
    expect(cal.items.length).toBeGreaterThan(0);
    for (const d of cal.items) expect(d.label, d.ruleId).not.toMatch(CYRILLIC);
  });

  it("gives the issues of a refused request in English where they have an English text", async () => {
    const c = await app.as("economy");
    const r = await c.request("POST", "/api/programs", { name: 5 }, { "accept-language": "en" });
    expect(r.status).toBe(400);
    expect(r.body.error.issues.length).toBeGreaterThan(0);
    for (const i of r.body.error.issues) expect(i.message, i.path).not.toMatch(CYRILLIC);
    const ru = await c.post("/api/programs", { name: 5 });
    expect(ru.body.error.issues.map((i: any) => i.path)).toEqual(r.body.error.issues.map((i: any) => i.path));
    expect(ru.body.error.issues.some((i: any) => CYRILLIC.test(i.message))).toBe(true);
  });
});
