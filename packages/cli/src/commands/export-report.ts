import { programReportByCode, todayIn } from "@orientir/app";
import { ValidationError } from "@orientir/domain";
import { openDatabase } from "../runtime.ts";
import type { IO } from "../main.ts";

const HELP = `orientir export-report — a stored program's year as a program report (format 1)

Usage:
  orientir export-report CODE --year Y [--as-of YYYY-MM-DD] [--municipality NAME] [--compact]

Prints the report ("orientir.program-report/1") that the evaluation of program CODE for year Y
uses: indicators and metrics planned for Y, elements of Y, checkpoints planned in Y, the budget
schedule and cash execution of each direction. The date of calculation defaults to today, but
not later than 31 December of Y. When several municipalities have a program CODE, name one.

Examples:
  orientir export-report MP-1 --year 2025 > mp-1-2025.json
  orientir export-report MP-1 --year 2025 | orientir evaluate -`;

export async function exportReportCommand(args: string[], io: IO): Promise<number> {
  if (args.includes("--help") || args.includes("-h")) {
    io.out(HELP);
    return 0;
  }
  const usage = (msg: string) => {
    io.err(`error: ${msg}\n\nRun "orientir export-report --help" for usage.`);
    return 2;
  };
  let year: number | undefined;
  let asOf: string | undefined;
  let municipality: string | undefined;
  let compact = false;
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const [flag, inline] = a.startsWith("--") && a.includes("=") ? [a.slice(0, a.indexOf("=")), a.slice(a.indexOf("=") + 1)] : [a, undefined];
    const value = () => inline ?? args[++i];
    if (flag === "--year") {
      const v = value();
      if (!v || !/^\d{4}$/.test(v)) return usage("--year needs a year, e.g. --year 2025");
      year = Number(v);
    } else if (flag === "--as-of") {
      asOf = value();
      if (!asOf) return usage("--as-of needs a date YYYY-MM-DD");
    } else if (flag === "--municipality") {
      municipality = value();
      if (!municipality) return usage("--municipality needs a name");
    } else if (flag === "--compact") compact = true;
    else if (a.startsWith("--")) return usage(`unknown option: ${a}`);
    else positional.push(a);
  }
  if (positional.length !== 1) return usage(positional.length === 0 ? "missing program CODE" : "only one program CODE");
  if (year === undefined) return usage("missing --year");
  const opened = await openDatabase(() => {});
  try {
    const report = await programReportByCode(opened.ctx.db, positional[0]!, year, { asOf, municipality, today: todayIn(opened.ctx) });
    io.out(compact ? JSON.stringify(report) : JSON.stringify(report, null, 2));
    return 0;
  } catch (e) {
    if (e instanceof ValidationError) {
      for (const i of e.issues) io.err(`error: ${i.path}: ${i.message}`);
      return 1;
    }
    throw e;
  } finally {
    await opened.close();
  }
}
