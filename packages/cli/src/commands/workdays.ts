import {
  BUILTIN_CALENDARS,
  CalendarRangeError,
  addWorkingDays,
  parseDateLoose,
  workingDaysBetween,
  type IsoDate,
  type WorkingCalendar,
} from "@orientir/domain";
import { helpAsked, scanArgs, usageError } from "../args.ts";

const HELP = `orientir workdays — working-day arithmetic on the production calendar

Usage:
  orientir workdays add DATE N [--country RU|KG]    the date N working days after DATE
                                                    (N = 0: DATE if working, else the next
                                                    working day; negative N counts back)
  orientir workdays between A B [--country RU|KG]   working days in (A, B]: A not counted,
                                                    B counted; negative when B is before A

Dates are YYYY-MM-DD or DD.MM.YYYY. The default country is RU (Russian production calendar,
${range("RU")}); KG is Kyrgyzstan (${range("KG")}).

Examples:
  orientir workdays add 2025-04-30 1        → 2025-05-05
  orientir workdays between 2025-01-01 2025-12-31`;

function range(country: string): string {
  const cal = BUILTIN_CALENDARS[country]!;
  return `${cal.years[0]}–${cal.years[1]}`;
}

type WorkdaysIO = { out(s: string): void; err(s: string): void };

/** The command as main.ts calls every command: the exit code as a promise (an error thrown becomes its rejection). */
export function workdaysCommand(args: string[], io: WorkdaysIO): Promise<number> {
  return Promise.resolve().then(() => workdays(args, io));
}

function workdays(args: string[], io: WorkdaysIO): number {
  if (helpAsked(args, io, HELP)) return 0;
  const usage = usageError("workdays", io);

  // Options may come anywhere: --country X or --country=X.
  let country = "RU";
  const positional: string[] = [];
  for (const a of scanArgs(args)) {
    if (a.flag === "--country") {
      const v = a.value();
      if (v === undefined) return usage("--country needs a value: RU or KG");
      country = v;
    } else if (a.option) return usage(`unknown option: ${a.raw}`);
    else positional.push(a.raw);
  }
  const cal: WorkingCalendar | undefined = BUILTIN_CALENDARS[country.toUpperCase()];
  if (!cal) return usage(`unknown country "${country}"; known: ${Object.keys(BUILTIN_CALENDARS).join(", ")}`);

  const [sub, x, y, ...extra] = positional;
  if (!sub) return usage("missing subcommand: add or between");
  if (sub !== "add" && sub !== "between") return usage(`unknown subcommand "${sub}": use add or between`);
  if (x === undefined || y === undefined) return usage(sub === "add" ? "usage: workdays add DATE N" : "usage: workdays between A B");
  if (extra.length > 0) return usage(`unexpected arguments: ${extra.join(" ")}`);

  const badDate = (s: string, what: string) => usage(`${what} is not a valid date: "${s}" (expected YYYY-MM-DD or DD.MM.YYYY)`);
  const a: IsoDate | null = parseDateLoose(x);
  if (a === null) return badDate(x, sub === "add" ? "DATE" : "A");

  try {
    if (sub === "add") {
      if (!/^-?\d+$/.test(y)) return usage(`N must be a whole number of working days: "${y}"`);
      io.out(addWorkingDays(cal, a, Number(y)));
    } else {
      const b = parseDateLoose(y);
      if (b === null) return badDate(y, "B");
      io.out(String(workingDaysBetween(cal, a, b)));
    }
    return 0;
  } catch (e) {
    if (e instanceof CalendarRangeError) return usage(e.messageEn);
    throw e;
  }
}
