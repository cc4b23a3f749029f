import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type Client, type TestApp } from "@orientir/testing";

let app: TestApp;
let economy: Client;
let executor: Client;
let program: any;
let tree: any;

beforeAll(async () => {
  app = await createTestApp();
  economy = await app.as("economy");
  executor = await app.as("executor");
  program = (await economy.get("/api/programs")).body.items.find((p: any) => p.code === "MP-1");
  tree = (await executor.get(`/api/programs/${program.id}/tree`)).body;
});
afterAll(async () => {
  await app.close();
});

describe("rules of decree 220-п through the API", () => {
  it("a program lasts at least 6 years", async () => {
    const deps = (await economy.get("/api/departments")).body.items;
    const r = await economy.post("/api/programs", {
      code: "MP-9",
      name: "Короткая",
      responsibleDepartmentId: deps[0].id,
      startYear: 2026,
      endYear: 2030,
    });
    expect(r.status).toBe(400);
    expect(r.body.error.issues[0].path).toBe("endYear");
    expect(r.body.error.issues[0].rule).toBe("220-п 1.5");
    const ok = await economy.post("/api/programs", {
      code: "MP-9",
      name: "Шесть лет",
      responsibleDepartmentId: deps[0].id,
      startYear: 2026,
      endYear: 2031,
    });
    expect(ok.status).toBe(201);
  });

  it("plan dates and years lie in the program's period", async () => {
    const el = tree.directions[0].structuralElements[0];
    const cp = await executor.post("/api/checkpoints", { elementId: el.id, name: "Поздняя", plannedDate: "2031-03-01" });
    expect(cp.status).toBe(400);
    expect(cp.body.error.issues[0].path).toBe("plannedDate");
    const f = await executor.post("/api/funding", { elementId: el.id, year: 2024, source: "local", amount: "1.00" });
    expect(f.status).toBe(400);
    expect(f.body.error.issues[0].path).toBe("year");
  });

  it("shrinking the period is refused while plan data lies outside it", async () => {
    const r = await executor.patch(`/api/programs/${program.id}`, { version: program.version, endYear: 2029 });
    expect(r.status).toBe(400);
    expect(r.body.error.issues.some((i: any) => i.path === "endYear" && /вне нового срока/i.test(i.message))).toBe(true);
  });

  it("a goal may not repeat a goal of another program of the municipality", async () => {
    const r = await executor.post("/api/program-goals", { programId: program.id, name: "  цель А2 " });
    expect(r.status).toBe(400);
    expect(r.body.error.issues[0].message).toMatch(/MP-2/);
  });

  it("warns beside the data about checkpoints: a single one on 31 December", async () => {
    const el = tree.directions[0].structuralElements[0];
    const act = el.elementTasks[0].elementActivities[0];
    expect(tree.warnings.filter((w: any) => w.path.startsWith(act.id))).toEqual([]);
    const task = await executor.post("/api/element-tasks", { elementId: el.id, name: "Еще задача" });
    const act2 = await executor.post("/api/element-activities", { taskId: task.body.id, name: "Еще мероприятие" });
    const cp = await executor.post("/api/checkpoints", {
      elementId: el.id,
      activityId: act2.body.id,
      name: "Итог года",
      plannedDate: "2027-12-31",
    });
    expect(cp.status).toBe(201);
    const t2 = (await executor.get(`/api/programs/${program.id}/tree`)).body;
    const w = t2.warnings.filter((x: any) => x.path === `${act2.body.id}:2027`);
    expect(w.length).toBeGreaterThan(0);
    expect(w.every((x: any) => x.severity === "warning")).toBe(true);
    expect(w.map((x: any) => x.message).join(" ")).toMatch(/31 декабря/);
  });
});
