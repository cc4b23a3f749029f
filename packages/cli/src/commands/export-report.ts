import { programReportByCode, todayIn } from "@orientir/app";
import { helpAsked, scanArgs, usageError, ruleOption, type RuleOptions } from "../args.ts";
import { issuesAsErrors, withDatabase } from "../runtime.ts";
import type { IO } from "../main.ts";

const HELP = `orientir export-report — a stored program's year as a program report (format 1)

Usage:
  orientir export-report CODE --year Y [--as-of YYYY-MM-DD] [--municipality NAME] [--compact]
                         [--missing-fact zero|exclude] [--zero-equals-zero true|false]

Prints the report ("orientir.program-report/1") that the evaluation of program CODE for year Y
uses: indicators and metrics planned for Y, elements of Y, checkpoints planned in Y, the budget
schedule and cash execution of each direction. The date of calculation defaults to today, but
not later than 31 December of Y. The program's content is that of its version in force on that
date (31 December for a past year), with the facts as reported. The report pins the methodology
and its rules 9 and 10: --missing-fact and --zero-equals-zero, else the municipality's settings,
else "exclude" during the year and "zero" after it, and true. When several municipalities have a
program CODE, name one.

Examples:
  orientir export-report MP-1 --year 2025 > mp-1-2025.json
  orientir export-report MP-1 --year 2025 | orientir evaluate -`;

export async function exportReportCommand(args: string[], io: IO): Promise<number> {
  if (helpAsked(args, io, HELP)) return 0;
  const usage = usageError("export-report", io);
  let year: number | undefined;
  let asOf: string | undefined;
  let municipality: string | undefined;
  let compact = false;
  const rules: RuleOptions = {};
  const positional: string[] = [];
  for (const a of scanArgs(args)) {
    if (a.flag === "--year") {
      const v = a.value();
      if (!v || !/^\d{4}$/.test(v)) return usage("--year needs a year, e.g. --year 2025");
      year = Number(v);
    } else if (a.flag === "--as-of") {
      asOf = a.value();
      if (!asOf) return usage("--as-of needs a date YYYY-MM-DD");
    } else if (a.flag === "--municipality") {
      municipality = a.value();
      if (!municipality) return usage("--municipality needs a name");
    } else if (a.flag === "--compact") compact = true;
    else {
      const problem = ruleOption(a, rules);
      if (problem) return usage(problem);
      if (problem === null) {
        if (a.option) return usage(`unknown option: ${a.raw}`);
        positional.push(a.raw);
      }
    }
  }
  if (positional.length !== 1) return usage(positional.length === 0 ? "missing program CODE" : "only one program CODE");
  if (year === undefined) return usage("missing --year");
  return withDatabase((ctx) =>
    issuesAsErrors(io, async () => {
      const report = await programReportByCode(ctx.db, positional[0]!, year, { asOf, municipality, today: todayIn(ctx), ...rules });
      io.out(compact ? JSON.stringify(report) : JSON.stringify(report, null, 2));
      return 0;
    }),
  );
}
