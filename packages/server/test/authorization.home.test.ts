/**
 * Every route of the home group × every role: each member of the municipality reads their home
 * view, searches it and reads the units of ОКЕИ; another municipality's rows are never found;
 * without a session, 401.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROLES, type Role } from "@orientir/domain";
import { routeGroups } from "@orientir/server";
import { createTestApp, type Client, type TestApp } from "@orientir/testing";

let app: TestApp;
const clients = new Map<Role, Client>();
const covered = new Set<string>();

beforeAll(async () => {
  app = await createTestApp();
  for (const role of ROLES) clients.set(role, await app.as(role));
});

afterAll(async () => {
  await app?.close();
});

describe("authorization of the home routes", () => {
  it("the home view: every member, with «мои программы» only for the executor and co-executor of a program", async () => {
    covered.add("GET /api/home");
    const failures: string[] = [];
    for (const role of ROLES) {
      const r = await clients.get(role)!.get("/api/home");
      if (r.status !== 200) {
        failures.push(`${role}: got ${r.status}`);
        continue;
      }
      const mine = r.body.programs
        .filter((p: any) => p.mine)
        .map((p: any) => p.code)
        .sort();
      const want = role === "executor" ? ["MP-1"] : role === "coexecutor" ? ["MP-1", "MP-2"] : [];
      if (JSON.stringify(mine) !== JSON.stringify(want))
        failures.push(`${role}: mine ${JSON.stringify(mine)}, want ${JSON.stringify(want)}`);
      if (r.body.programs.length !== 2) failures.push(`${role}: ${r.body.programs.length} programs`);
    }
    expect(failures).toEqual([]);
    // another municipality sees its own program only
    const b = await app.as("adminb");
    const home = (await b.get("/api/home")).body;
    expect(home.programs.map((p: any) => p.name)).toEqual(["Программа Б1"]);
  });

  it("the search: every member, in their own municipality only", async () => {
    covered.add("GET /api/search");
    const failures: string[] = [];
    for (const role of ROLES) {
      const r = await clients.get(role)!.get(`/api/search?q=${encodeURIComponent("Программа")}`);
      if (r.status !== 200) failures.push(`${role}: got ${r.status}`);
      else {
        const titles = r.body.items.filter((i: any) => i.kind === "program").map((i: any) => i.title);
        if (titles.some((t: string) => t.includes("Б1")) || !titles.includes("Программа А1"))
          failures.push(`${role}: ${JSON.stringify(titles)}`);
      }
    }
    expect(failures).toEqual([]);
    const b = await app.as("adminb");
    const found = (await b.get(`/api/search?q=${encodeURIComponent("Программа")}`)).body.items.map((i: any) => i.title);
    expect(found).toContain("Программа Б1");
    expect(found).not.toContain("Программа А1");
    // people of another municipality are not found either
    expect((await b.get(`/api/search?q=${encodeURIComponent("Исполнитель")}&kind=person`)).body.items).toEqual([]);
  });

  it("the units of ОКЕИ: every member", async () => {
    covered.add("GET /api/units");
    const failures: string[] = [];
    for (const role of ROLES) {
      const r = await clients.get(role)!.get("/api/units?q=%D1%88%D1%82");
      if (r.status !== 200 || r.body.items[0]?.code !== "796")
        failures.push(`${role}: got ${r.status} ${JSON.stringify(r.body.items?.[0])}`);
    }
    expect(failures).toEqual([]);
  });

  it("without a session nothing is answered", async () => {
    const anonymous = app.client();
    expect((await anonymous.get("/api/home")).status).toBe(401);
    expect((await anonymous.get("/api/search?q=%D0%BF%D1%80%D0%BE")).status).toBe(401);
    expect((await anonymous.get("/api/units")).status).toBe(401);
  });

  it("covers every route of the group", () => {
    const all = routeGroups().home!.map((r) => `${r.method} ${r.path}`);
    expect(all.filter((r) => !covered.has(r))).toEqual([]);
  });
});
