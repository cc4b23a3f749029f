/**
 * The demo's record of reporting (ILLUSTRATIVE, like the programs): the monitoring of 2025 and
 * 2026 and the annual report on 2025, as the departments would have passed them — each direction's
 * part submitted and accepted, the report compiled, submitted, reviewed and concluded on time —
 * with two exceptions that make the control page worth opening: МП-03's co-executor of direction 2
 * and its report late for the 9 months of 2026, and МП-02's report for the 9 months of 2026 still
 * waiting for the economy department's conclusion. `seedDemoReports` (app) writes them.
 */
import { KALUGA_NAME } from "./kaluga.ts";

export type DemoReportPeriod = "Q1" | "Q2" | "Q3" | "annual";

export interface DemoReport {
  program: string;
  year: number;
  period: DemoReportPeriod;
  /** The days each step was taken (ГГГГ-ММ-ДД); a step without a day was not taken. */
  directionsSubmitted: string;
  /** Per direction code, a later day of submission than `directionsSubmitted`. */
  lateDirections?: Record<string, string>;
  accepted: string;
  compiled: string;
  submitted: string;
  financeReviewed?: string;
  /** An annual report: sent to the economy department (220-п 6.14: within 2 days of the finance conclusion). */
  sentToEconomy?: string;
  controlled?: string;
}

const PROGRAMS = ["МП-01", "МП-02", "МП-03"];

/** On time: a quarter's steps in the month after it (220-п 6.7–6.9: by the 20th, 25th, 30th). */
function quarterly(program: string, year: number, q: 1 | 2 | 3): DemoReport {
  const m = String(q * 3 + 1).padStart(2, "0");
  return {
    program,
    year,
    period: `Q${q}`,
    directionsSubmitted: `${year}-${m}-16`,
    accepted: `${year}-${m}-17`,
    compiled: `${year}-${m}-21`,
    submitted: `${year}-${m}-23`,
    controlled: `${year}-${m}-28`,
  };
}

/** On time: the annual report by 5 and 15 February, reviewed by the finance and economy departments (6.10–6.15). */
function annual(program: string, year: number): DemoReport {
  const y = year + 1;
  return {
    program,
    year,
    period: "annual",
    directionsSubmitted: `${y}-02-03`,
    accepted: `${y}-02-04`,
    compiled: `${y}-02-10`,
    submitted: `${y}-02-13`,
    financeReviewed: `${y}-02-25`,
    sentToEconomy: `${y}-02-26`,
    controlled: `${y}-03-06`,
  };
}

const KALUGA_REPORTS: DemoReport[] = PROGRAMS.flatMap((p) => [
  quarterly(p, 2025, 1),
  quarterly(p, 2025, 2),
  quarterly(p, 2025, 3),
  annual(p, 2025),
  quarterly(p, 2026, 1),
  quarterly(p, 2026, 2),
  p === "МП-03"
    ? {
        ...quarterly(p, 2026, 3),
        lateDirections: { "2": "2026-10-22" },
        accepted: "2026-10-23",
        compiled: "2026-10-26",
        submitted: "2026-10-27",
        controlled: "2026-10-30",
      }
    : p === "МП-02"
      ? { ...quarterly(p, 2026, 3), controlled: undefined }
      : quarterly(p, 2026, 3),
]);

/** The demo's past reports by municipality (Kant has no programs). */
export const DEMO_REPORTS: Record<string, DemoReport[]> = { [KALUGA_NAME]: KALUGA_REPORTS };
