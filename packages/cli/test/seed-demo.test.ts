/**
 * `orientir seed-demo` records the version in force of every demo program (approved by its demo
 * decree), so that a newcomer signed in as a program's executor can draft an amendment at once.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Db, findMunicipalityByName, findUserByLogin, listRows, listVersions, membershipsOfUser } from "@orientir/db";
import { DEMO_DECREES, KALUGA_NAME } from "@orientir/db/demo";
import { resource } from "@orientir/domain";
import { createContext, evaluationRanking, programDeadlinesOf, programVersions, startProgramDraft, type AppContext } from "@orientir/app";
import { createTestDatabase } from "@orientir/testing";
import { seedDemo } from "../src/commands/seed-demo.ts";

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let db: Db;
let ctx: AppContext;
const err: string[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  db = new Db(database.url, { max: 3 });
  ctx = createContext(db);
  await seedDemo(ctx, { out: () => {}, err: (s) => err.push(s) });
}, 180_000);
afterAll(async () => {
  await db?.close();
  await database?.drop();
});

async function callerOf(login: string) {
  const m = (await findMunicipalityByName(db, KALUGA_NAME))!;
  const user = (await findUserByLogin(db, login))!;
  const ms = (await membershipsOfUser(db, user.id)).find((x) => x.municipalityId === m.id)!;
  return { actor: { userId: user.id, login, municipalityId: m.id, role: ms.role as any, departmentId: ms.departmentId }, requestId: null };
}

describe("seed-demo", () => {
  it("records each Kaluga program's version in force with its decree", async () => {
    expect(err.join("\n")).toContain("versions in force recorded (" + KALUGA_NAME + "): МП-01, МП-02, МП-03");
    const m = (await findMunicipalityByName(db, KALUGA_NAME))!;
    const programs = await listRows(db, resource("program"), { municipalityId: m.id });
    expect(programs).toHaveLength(3);
    for (const p of programs) {
      const all = await listVersions(db, p.id, { flow: "program" });
      // МП-02 has besides a draft amendment: the one the portal's demo puts on discussion (issue 14)
      expect(all.filter((v) => v.status === "draft").map(() => p.code)).toEqual(p.code === "МП-02" ? ["МП-02"] : []);
      const versions = all.filter((v) => v.status !== "draft");
      expect(versions).toHaveLength(1);
      const decree = DEMO_DECREES[KALUGA_NAME]![String(p.code)]!;
      expect(versions[0]).toMatchObject({ number: 1, status: "approved", decreeNumber: decree.number, decreeDate: decree.date });
      // a program with a draft amendment is shown as a draft (its version in force stays approved)
      expect(p.status).toBe(p.code === "МП-02" ? "draft" : "approved");
    }
  });

  it("lets the executor of МП-01 start an amendment from the version in force", async () => {
    const m = (await findMunicipalityByName(db, KALUGA_NAME))!;
    const p = (await listRows(db, resource("program"), { municipalityId: m.id })).find((x) => x.code === "МП-01")!;
    const executor = await callerOf("executor");
    const wf = await startProgramDraft(ctx, executor, p.id);
    expect(wf).toMatchObject({ kind: "amendment", state: "draft", discussionRequired: false });
    expect(wf.programVersion).toMatchObject({ number: 2, status: "draft" });
    expect(wf.actions.map((a) => a.action)).toEqual(["submit", "cancel"]);
    const list = await programVersions(ctx, executor, p.id);
    expect(list.inForce).toBe(1);
  });

  it("dates the demo's budget figures as entered on time: the finance department is not shown late for the past quarters", async () => {
    const m = (await findMunicipalityByName(db, KALUGA_NAME))!;
    const p = (await listRows(db, resource("program"), { municipalityId: m.id })).find((x) => x.code === "МП-01")!;
    const at = createContext(db);
    at.now = () => new Date("2026-11-23T09:00:00Z");
    const { items } = await programDeadlinesOf(at, await callerOf("economy"), p.id, 2026);
    const finance = items.filter((x) => x.ruleId === "monitoring.finance");
    expect(finance.map((x) => x.period)).toEqual(["Q1", "Q2", "Q3"]);
    for (const x of finance) {
      expect(x.state, `${x.period}: done on ${x.doneOn}, due ${x.due}`).toBe("done");
      expect(x.doneOn! <= x.due).toBe(true);
    }
  });

  it("the demo programs, in force since their decrees of November 2024, are ranked for 2025 with their data (issue 10)", async () => {
    const r = await evaluationRanking(ctx, await callerOf("economy"), 2025, { asOf: "2025-12-31" });
    expect(r.notInForce).toEqual([]);
    expect(r.preliminary).toBe(false);
    expect(r.items.map((x) => x.code).sort()).toEqual(["МП-01", "МП-02", "МП-03"]);
    for (const x of r.items) {
      expect(x.error, x.code).toBeNull();
      expect(x.noData, x.code).toBe(false);
      expect(x.score, x.code).not.toBeNull();
      expect(x.completeness!.withFact, x.code).toBeGreaterThan(0);
    }
    // 2024 is before the programs' period: none is in force in it
    const before = await evaluationRanking(ctx, await callerOf("economy"), 2024, { asOf: "2024-12-31" });
    expect(before.items).toEqual([]);
    expect(before.notInForce.map((x) => x.code)).toEqual(["МП-01", "МП-02", "МП-03"]);
  });

  it("leaves the versions as they are on a second run", async () => {
    const m = (await findMunicipalityByName(db, KALUGA_NAME))!;
    const programs = await listRows(db, resource("program"), { municipalityId: m.id });
    const count = async () => Promise.all(programs.map(async (p) => (await listVersions(db, p.id, { flow: "program" })).length));
    const before = await count();
    const again: string[] = [];
    await seedDemo(ctx, { out: () => {}, err: (s) => again.push(s) });
    expect(again.join("\n")).not.toContain("versions in force recorded");
    expect(again.join("\n")).not.toContain("public portal");
    expect(await count()).toEqual(before);
  });
});
