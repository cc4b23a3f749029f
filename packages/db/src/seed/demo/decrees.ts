/**
 * The decrees that approved the demo programs (demo data, not real acts): `orientir seed-demo`
 * records each program's version in force with them, so that an executor can draft an amendment
 * to a demo program straight away. A program not listed gets a decree of 15 December of the year
 * before it starts.
 */
import { KALUGA_NAME } from "./kaluga.ts";

export const DEMO_DECREES: Record<string, Record<string, { number: string; date: string }>> = {
  [KALUGA_NAME]: {
    "МП-01": { number: "412-п", date: "2024-11-08" },
    "МП-02": { number: "418-п", date: "2024-11-12" },
    "МП-03": { number: "425-п", date: "2024-11-15" },
  },
};

/** The decree of a demo program of a municipality. */
export function demoDecreeOf(municipality: string): (program: { code: string; startYear: number }) => { number: string; date: string } {
  return (p) => DEMO_DECREES[municipality]?.[p.code] ?? { number: `${p.code}-п`, date: `${p.startYear - 1}-12-15` };
}
