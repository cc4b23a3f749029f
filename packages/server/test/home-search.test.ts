/**
 * The global search (issue 13, part 5): a program is found by part of its name typed with a typo;
 * the search rows follow the source rows (renamed, deleted); people by name; the units of ОКЕИ.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type Client, type TestApp } from "@orientir/testing";

let app: TestApp;
let admin: Client;
let programId: string;
let programVersion: number;

const search = async (c: Client, q: string, extra = "") => {
  const r = await c.get(`/api/search?q=${encodeURIComponent(q)}${extra}`);
  expect(r.status).toBe(200);
  return r.body.items as { id: string; kind: string; title: string; link: string | null; context: string }[];
};

beforeAll(async () => {
  app = await createTestApp();
  admin = await app.as("admin");
  const departments = (await admin.get("/api/departments")).body.items;
  const r = await admin.post("/api/programs", {
    code: "MP-T",
    name: "Развитие транспортной системы города",
    responsibleDepartmentId: departments.find((d: any) => d.name === "Управление городского хозяйства").id,
    startYear: 2025,
    endYear: 2030,
  });
  expect(r.status).toBe(201);
  programId = r.body.id;
  programVersion = r.body.version;
});

afterAll(async () => {
  await app?.close();
});

describe("global search", () => {
  it("finds a program by part of its name typed with a typo, first", async () => {
    const items = await search(admin, "программа развития трансорта");
    expect(items[0]).toMatchObject({
      id: programId,
      kind: "program",
      title: "Развитие транспортной системы города",
      link: `/programs/${programId}`,
    });
    // one word, misspelt: still the program
    expect((await search(admin, "транспротной"))[0]?.id).toBe(programId);
  });

  it("finds the rows below a program with the program as their context, and narrows by kind", async () => {
    const items = await search(admin, "Показатель 1 А1", "&kind=metric");
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((i) => i.kind === "metric")).toBe(true);
    expect(items[0]!.context).toBe("Программа «Программа А1»");
    const goals = await search(admin, "Цель стратегии");
    expect(goals[0]).toMatchObject({ kind: "goal", title: "Цель стратегии", link: "/strategy" });
  });

  it("follows the source rows: a renamed program is found by its new name, a deleted one no more", async () => {
    const r = await admin.patch(`/api/programs/${programId}`, { version: programVersion, name: "Развитие дорожного хозяйства" });
    expect(r.status).toBe(200);
    expect((await search(admin, "дорожного хозяйства"))[0]?.id).toBe(programId);
    expect((await search(admin, "транспортной системы")).some((i) => i.id === programId)).toBe(false);
    expect((await admin.delete(`/api/programs/${programId}?version=${r.body.version}`)).status).toBe(204);
    expect((await search(admin, "дорожного хозяйства")).some((i) => i.id === programId)).toBe(false);
  });

  it("finds people by name with a typo, with their role and department, without their login", async () => {
    const items = await search(admin, "Исполнитль", "&kind=person");
    expect(items.map((i) => i.title)).toContain("Исполнитель");
    const p = items.find((i) => i.title === "Исполнитель")!;
    expect(p.context).toBe("Ответственный исполнитель, Управление образования");
    expect(JSON.stringify(items)).not.toContain("executor");
  });

  it("refuses a query too short or too long with a 400 naming the field", async () => {
    const r = await admin.get("/api/search?q=a");
    expect(r.status).toBe(400);
    expect(JSON.stringify(r.body.error.issues)).toContain("q");
    expect((await admin.get(`/api/search?q=${"я".repeat(201)}`)).status).toBe(400);
  });
});

describe("reference lists in a meaningful order", () => {
  it("lists the departments by name, not in the order they were entered", async () => {
    const names = (await admin.get("/api/departments")).body.items.map((d: any) => d.name);
    expect(names).toEqual([
      "Комитет по культуре",
      "Управление городского хозяйства",
      "Управление образования",
      "Управление финансов",
      "Управление экономики",
    ]);
  });
});

describe("units of ОКЕИ", () => {
  it("holds the classifier's common units as data, searchable by code, symbol and name with typos", async () => {
    const all = (await admin.get("/api/units")).body.items;
    expect(all.length).toBeGreaterThanOrEqual(150);
    expect(all.find((u: any) => u.code === "744")).toMatchObject({ name: "Процент", symbol: "%" });
    expect(all.find((u: any) => u.code === "384")).toMatchObject({ name: "Тысяча рублей" });
    expect((await admin.get("/api/units?q=792")).body.items[0]).toMatchObject({ code: "792", name: "Человек" });
    expect((await admin.get(`/api/units?q=${encodeURIComponent("килограм")}`)).body.items[0].code).toBe("166");
    expect((await admin.get(`/api/units?q=${encodeURIComponent("гектр")}`)).body.items.map((u: any) => u.code)).toContain("059");
    // Latin letters find a Cyrillic unit: its symbol or name transliterated (the picker of the web app asks so)
    expect((await admin.get("/api/units?q=kg")).body.items[0]).toMatchObject({ code: "166", symbol: "кг" });
    expect((await admin.get("/api/units?q=kilogramm")).body.items[0].code).toBe("166");
    // a LIKE wildcard is a character, not a pattern
    expect((await admin.get("/api/units?q=%25%25")).body.items.every((u: any) => u.symbol.includes("%") || u.name.includes("%"))).toBe(
      true,
    );
  });
});
