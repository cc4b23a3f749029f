/**
 * The demo data (packages/db/src/seed/demo): every document passes the domain validators without
 * errors, the programs have no checkpoint warnings, and the whole set loads into a fresh database
 * through seedMunicipalities, after which every demo account signs in with the password "demo".
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Db, findMunicipalityByName, findUserByLogin, getUserEmail, listRows } from "@orientir/db";
import { DEMO_MUNICIPALITIES, DEMO_REPORTS, DEMO_USERS, KALUGA, KANT, demoDecreeOf } from "@orientir/db/demo";
import {
  CHECKPOINT_RULE,
  cashOrderIssues,
  parseMoney,
  quarterEndDate,
  scheduleEntryInForce,
  resource,
  validateActionPlanDocument,
  validateProgramDocument,
  validateStrategyDocument,
  type Issue,
  type MunicipalityDocument,
} from "@orientir/domain";
import {
  createContext,
  dateDemoBudgetFigures,
  login,
  monitoringSetup,
  municipalityDeadlineItems,
  seedDemoReports,
  seedMunicipalities,
  seedVersionsInForce,
  type AppContext,
  type SeedUser,
} from "@orientir/app";
import { createTestDatabase } from "@orientir/testing";

const errorsOf = (issues: Issue[]) => issues.filter((i) => i.severity !== "warning");

function programContext(doc: MunicipalityDocument, code: string) {
  return {
    departments: doc.departments.map((d) => d.name),
    budgetSources: doc.budgetSources.map((s) => s.code),
    others: doc.programs
      .filter((p) => p.code !== code)
      .map((p) => ({ code: p.code, goals: p.goals.map((g) => g.name), indicators: p.indicators.map((i) => i.name) })),
    strategyIndicators: (doc.strategy?.indicators ?? []).flatMap((i) => [i.code ?? "", i.name]).filter(Boolean),
  };
}

describe("demo documents are valid", () => {
  it("has Kaluga and Kant", () => {
    expect(DEMO_MUNICIPALITIES.map((m) => m.name)).toEqual([KALUGA.name, KANT.name]);
    expect(KALUGA.country).toBe("RU");
    expect(KANT.country).toBe("KG");
    expect(KANT.currency).toBe("KGS");
  });

  for (const doc of DEMO_MUNICIPALITIES) {
    it(`${doc.name}: the strategy has no errors`, () => {
      expect(errorsOf(validateStrategyDocument(doc.strategy!))).toEqual([]);
    });
  }

  it("Kaluga: the action plan and the next one (in draft) have no errors", () => {
    for (const plan of [KALUGA.actionPlan!, ...(KALUGA.nextActionPlans ?? [])]) {
      const issues = validateActionPlanDocument(plan, {
        departments: KALUGA.departments.map((d) => d.name),
        budgetSources: KALUGA.budgetSources.map((s) => s.code),
        strategy: KALUGA.strategy,
        programs: KALUGA.programs.map((p) => p.code),
      });
      expect(errorsOf(issues)).toEqual([]);
    }
    expect(KALUGA.nextActionPlans).toHaveLength(1);
  });

  for (const p of KALUGA.programs) {
    it(`Kaluga: program ${p.code} has no errors and no warnings (checkpoints spread over the year)`, () => {
      const issues = validateProgramDocument(p, programContext(KALUGA, p.code));
      expect(issues).toEqual([]);
      expect(issues.filter((i) => i.rule === CHECKPOINT_RULE)).toEqual([]);
    });
  }

  it("Kaluga: the programs are complete as 220-п asks", () => {
    expect(KALUGA.programs.length).toBeGreaterThanOrEqual(3);
    for (const p of KALUGA.programs) {
      expect(p.endYear - p.startYear + 1).toBe(6);
      for (const ind of p.indicators) expect(ind.values.map((v) => v.year)).toEqual([2025, 2026, 2027, 2028, 2029, 2030]);
      for (const d of p.directions) {
        const quarters = (d.budgetExecution ?? []).map((b) => `${b.year}Q${b.quarter}`);
        for (const q of ["2025Q1", "2025Q2", "2025Q3", "2025Q4", "2026Q1", "2026Q2", "2026Q3"]) expect(quarters).toContain(q);
        // cash to date never exceeds the year's schedule in force at the quarter's end, never decreases, and every complex has its own figures
        for (const h of [d, ...d.elements]) {
          expect(h.budgetSchedule?.length, `${d.code} budget schedule`).toBeGreaterThan(0);
          for (const b of h.budgetExecution ?? []) {
            const s = scheduleEntryInForce(h.budgetSchedule ?? [], b.year, b.source, quarterEndDate(b.year, b.quarter));
            expect(s).not.toBeNull();
            expect(parseMoney(b.cash)).toBeLessThanOrEqual(parseMoney(s!.amount));
            for (const o of h.budgetExecution ?? []) expect(cashOrderIssues(b, [o])).toEqual([]);
          }
        }
        for (const e of d.elements) {
          expect(e.funding.length).toBeGreaterThan(0);
          for (const f of e.funding) expect(f.amount).toMatch(/^\d+\.\d{2}$/);
          for (const m of e.metrics) {
            expect(m.okei).toMatch(/^\d{3}$/);
            expect(m.values.find((v) => v.year === 2025)?.fact).toBeTruthy();
            expect(m.months.filter((x) => x.year === 2026).map((x) => x.month)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
          }
          const acts = e.tasks.flatMap((t) => t.activities);
          for (const a of acts) {
            const cps = e.checkpoints.filter((c) => c.activity === a.code && c.plannedDate.startsWith("2026"));
            expect(cps.length, `${p.code} ${e.code} ${a.code}`).toBeGreaterThanOrEqual(4);
            const quartersOf = new Set(cps.map((c) => Math.ceil(Number(c.plannedDate.slice(5, 7)) / 3)));
            expect([...quartersOf].sort()).toEqual([1, 2, 3, 4]);
          }
        }
      }
    }
    const education = KALUGA.programs.find((p) => p.responsibleExecutor === "Управление образования")!;
    expect(education.directions.some((d) => d.coExecutor === "Комитет по культуре")).toBe(true);
  });
});

describe("demo data loads and the demo accounts sign in", () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let db: Db;
  let ctx: AppContext;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = new Db(database.url, { max: 3 });
    ctx = createContext(db);
    const users: SeedUser[] = DEMO_USERS;
    const r = await seedMunicipalities(ctx, DEMO_MUNICIPALITIES, users, "demo");
    expect(r.municipalities).toEqual([KALUGA.name, KANT.name]);
  }, 120_000);
  afterAll(async () => {
    await db?.close();
    await database?.drop();
  });

  const rows = async (municipality: string, name: string) => {
    const m = await findMunicipalityByName(db, municipality);
    return listRows(db, resource(name), { municipalityId: m!.id });
  };

  it("Kaluga: 3 programs, 4 strategy goals, the plan's activities, indicators and priority projects", async () => {
    expect((await rows(KALUGA.name, "program")).map((p) => p.code).sort()).toEqual(["МП-01", "МП-02", "МП-03"]);
    expect(await rows(KALUGA.name, "goal")).toHaveLength(4);
    expect(await rows(KALUGA.name, "planActivity")).toHaveLength(KALUGA.actionPlan!.activities.length);
    expect(KALUGA.actionPlan!.activities.length).toBeGreaterThanOrEqual(15);
    expect((await rows(KALUGA.name, "planIndicator")).length).toBeGreaterThanOrEqual(10);
    expect((await rows(KALUGA.name, "priorityProject")).length).toBeGreaterThanOrEqual(5);
    const checkpoints = await rows(KALUGA.name, "checkpoint");
    expect(checkpoints.length).toBe(
      KALUGA.programs.flatMap((p) => p.directions.flatMap((d) => d.elements.flatMap((e) => e.checkpoints))).length,
    );
    expect((await rows(KALUGA.name, "budgetExecution")).length).toBeGreaterThan(0);
  });

  it("Kant: 6 priorities with their tasks and measures, SWOT and risks", async () => {
    expect(await rows(KANT.name, "priority")).toHaveLength(6);
    expect(await rows(KANT.name, "strategyTask")).toHaveLength(18);
    expect((await rows(KANT.name, "strategyActivity")).length).toBe(
      KANT.strategy!.priorities.flatMap((p) => p.goals.flatMap((g) => g.tasks.flatMap((t) => t.activities))).length,
    );
    expect(await rows(KANT.name, "risk")).toHaveLength(3);
    const swot = await rows(KANT.name, "swotItem");
    expect(new Set(swot.map((s) => s.kind))).toEqual(new Set(["strength", "weakness", "opportunity", "threat"]));
  });

  it("Kant: the five problems of section III, each linked to the priorities that answer it", async () => {
    const problems = await rows(KANT.name, "strategyProblem");
    expect(problems.map((p) => p.code)).toEqual(["1", "2", "3", "4", "5"]);
    const links = await rows(KANT.name, "strategyProblemPriority");
    const priorities = new Map((await rows(KANT.name, "priority")).map((p) => [p.id, p.code]));
    const byProblem = (code: string) =>
      links
        .filter((l) => l.problemId === problems.find((p) => p.code === code)!.id)
        .map((l) => priorities.get(String(l.priorityId)))
        .sort();
    expect(byProblem("2")).toEqual(["1"]);
    expect(byProblem("3")).toEqual(["2", "4"]);
    expect(links).toHaveLength(KANT.strategy!.problems!.flatMap((p) => p.priorities).length);
  });

  it("Kaluga: the plan 2021–2023 in force and the next plan in draft with its eleven projects", async () => {
    const plans = await rows(KALUGA.name, "actionPlan");
    expect(plans.map((p) => [p.startYear, p.draft]).sort()).toEqual([
      [2021, false],
      [2024, true],
    ]);
    const next = plans.find((p) => p.draft === true)!;
    expect((await rows(KALUGA.name, "priorityProject")).filter((p) => p.planId === next.id)).toHaveLength(11);
  });

  it("Kaluga: with the past reports the demo shows a realistic year — one report overdue, one late, the rest on time", async () => {
    expect(await seedVersionsInForce(ctx, KALUGA.name, "admin", demoDecreeOf(KALUGA.name))).toEqual(["МП-01", "МП-02", "МП-03"]);
    await dateDemoBudgetFigures(ctx, KALUGA.name);
    expect(await seedDemoReports(ctx, KALUGA.name, DEMO_REPORTS[KALUGA.name]!)).toBe(21);
    // a second run writes nothing again
    expect(await seedDemoReports(ctx, KALUGA.name, DEMO_REPORTS[KALUGA.name]!)).toBe(0);
    const m = await findMunicipalityByName(db, KALUGA.name);
    const setup = await monitoringSetup(db, m!.id);
    const { items } = await municipalityDeadlineItems(db, setup, [2025, 2026], "2026-12-03");
    const of = (state: string) => items.filter((i) => i.state === state).map((i) => `${i.programCode} ${i.year} ${i.period} ${i.ruleId}`);
    expect(of("overdue")).toEqual(["МП-02 2026 Q3 monitoring.control"]);
    expect(of("doneLate")).toEqual(["МП-03 2026 Q3 monitoring.coexecutor", "МП-03 2026 Q3 monitoring.publication"]);
    expect(of("done").length).toBeGreaterThan(100);
    // the concluded periods are locked (220-п 6.16); the one awaiting its conclusion is not
    const locks = await db.query(`SELECT count(*)::text AS n FROM period_lock WHERE municipality_id = $1`, [m!.id]);
    expect(Number(locks.rows[0]!.n)).toBe(20);
  });

  it('every demo account signs in with the password "demo" and has its role', async () => {
    const signIn = async (l: string) => {
      const r = await login(ctx, { login: l, password: "demo", ip: "127.0.0.1", requestId: null });
      if (!("session" in r)) throw new Error(`${l}: a second factor is asked`);
      return r.session;
    };
    for (const u of DEMO_USERS) {
      const session = await signIn(u.login);
      expect(session.user.login).toBe(u.login);
      expect(session.actor?.role).toBe(u.memberships[0]!.role);
      // only the administrator of both municipalities is the deployment administrator
      expect(session.deploymentAdmin, u.login).toBe(u.login === "admin");
    }
    const session = await signIn("admin");
    expect(session.memberships).toHaveLength(2);
  });

  it("every demo account has its e-mail address for reminders", async () => {
    for (const u of DEMO_USERS) {
      const user = await findUserByLogin(db, u.login);
      expect(u.email).toBe(`${u.login}@demo.orientir.example`);
      expect(await getUserEmail(db, user!.id)).toBe(u.email);
    }
  });

  it("a second load leaves the data as it is", async () => {
    const r = await seedMunicipalities(ctx, DEMO_MUNICIPALITIES, DEMO_USERS, "demo");
    expect(r.skipped).toEqual([KALUGA.name, KANT.name]);
    expect(await rows(KALUGA.name, "program")).toHaveLength(3);
  });
});
