/**
 * The synthetic region of the evaluation benchmark: municipalities × programs × directions ×
 * elements × metrics × checkpoints, deterministic (a seeded generator), as format-1 reports and
 * as program documents (for loading into the database).
 */
import type { ProgramDocument, ProgramReport } from "@orientir/domain";

export interface RegionShape {
  municipalities: number;
  programs: number;
  directions: number;
  elements: number;
  metrics: number;
  checkpoints: number;
  indicators: number;
}

export const FULL_REGION: RegionShape = {
  municipalities: 300,
  programs: 25,
  directions: 5,
  elements: 4,
  metrics: 6,
  checkpoints: 6,
  indicators: 5,
};

/** Mulberry32: small, fast, seeded. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const YEAR = 2025;

function dec2(r: () => number, min: number, max: number): number {
  return Math.round((min + r() * (max - min)) * 100) / 100;
}

function date(r: () => number): string {
  const d = new Date(Date.UTC(YEAR, 0, 1 + Math.floor(r() * 365)));
  return d.toISOString().slice(0, 10);
}

function money(r: () => number, min: number, max: number): string {
  return (Math.round((min + r() * (max - min)) * 100) / 100).toFixed(2);
}

export function programReport(shape: RegionShape, m: number, p: number): ProgramReport {
  const r = rng(m * 100_003 + p * 7 + 1);
  const value = (code: string) => {
    const plan = dec2(r, 1, 50_000);
    const fact = r() < 0.05 ? null : Math.round(plan * (0.6 + r() * 0.6) * 100) / 100;
    return { code, name: `Показатель ${code}`, unit: "ед.", trend: r() < 0.8 ? ("increase" as const) : ("decrease" as const), plan, fact };
  };
  return {
    format: "orientir.program-report/1",
    program: { code: `MP-${p + 1}`, name: `Программа ${p + 1} МО ${m + 1}` },
    year: YEAR,
    asOf: "2025-12-31",
    methodology: { preset: "kaluga-220p" },
    indicators: Array.from({ length: shape.indicators }, (_, i) => value(`И-${i + 1}`)),
    directions: Array.from({ length: shape.directions }, (_, d) => {
      const plan = r() < 0.1 ? "0.00" : money(r, 1_000, 500_000);
      return {
        code: `${d + 1}`,
        name: `Направление ${d + 1}`,
        funding: { plan, cash: plan === "0.00" ? "0.00" : money(r, 500, Number(plan)) },
        elements: Array.from({ length: shape.elements }, (_, e) => ({
          code: `${d + 1}.${e + 1}`,
          kind: r() < 0.25 ? ("project" as const) : ("process" as const),
          name: `Элемент ${d + 1}.${e + 1}`,
          metrics: Array.from({ length: shape.metrics }, (_, k) => value(`П-${d + 1}.${e + 1}.${k + 1}`)),
          checkpoints: Array.from({ length: shape.checkpoints }, (_, k) => {
            const planned = date(r);
            return { name: `КТ ${k + 1}`, planned, actual: r() < 0.7 ? date(r) : null };
          }),
        })),
      };
    }),
  };
}

/** The same program as a stored document (one year of values), for the database part. */
export function programDocument(report: ProgramReport, executor: string): ProgramDocument {
  const yv = (plan: number, fact: number | null) => [{ year: YEAR, plan: String(plan), fact: fact === null ? null : String(fact) }];
  return {
    code: report.program.code,
    name: report.program.name,
    responsibleExecutor: executor,
    coExecutors: [],
    startYear: 2025,
    endYear: 2030,
    goals: [],
    stages: [],
    indicators: report.indicators.map((i) => ({
      code: i.code,
      name: i.name,
      unit: i.unit,
      trend: i.trend,
      baseYear: 2024,
      values: yv(i.plan, i.fact),
    })),
    directions: report.directions.map((d) => ({
      code: d.code,
      name: d.name,
      coExecutor: executor,
      budgetExecution: d.funding ? [{ year: YEAR, quarter: 4, source: "local", schedule: d.funding.plan, cash: d.funding.cash }] : [],
      elements: d.elements.map((e) => ({
        code: e.code,
        name: e.name,
        kind: e.kind,
        tasks: [],
        metrics: e.metrics.map((x) => ({
          code: x.code,
          name: x.name,
          unit: x.unit,
          trend: x.trend,
          level: "МП" as const,
          values: yv(x.plan, x.fact),
          months: [],
        })),
        checkpoints: e.checkpoints.map((c) => ({ name: c.name, plannedDate: c.planned, actualDate: c.actual })),
        funding: [],
      })),
    })),
  };
}
