/** The arguments of a command: its help, usage errors, options as `--flag value` or `--flag=value`. */
import type { IO } from "./main.ts";

/** `--help` or `-h` anywhere prints the command's HELP; true when it did (the command then exits with 0). */
export function helpAsked(args: string[], io: Pick<IO, "out">, help: string): boolean {
  if (!args.includes("--help") && !args.includes("-h")) return false;
  io.out(help);
  return true;
}

/** A usage error of `orientir COMMAND`: the message and where the usage is, on stderr; returns exit code 2. */
export function usageError(command: string, io: Pick<IO, "err">): (msg: string) => number {
  return (msg) => {
    io.err(`error: ${msg}\n\nRun "orientir ${command} --help" for usage.`);
    return 2;
  };
}

export interface Arg {
  /** the argument as given */
  raw: string;
  /** true when it starts with "--" */
  option: boolean;
  /** an option's name without its inline value ("--year" of "--year=2025"); else the argument itself */
  flag: string;
  /** an option's value: its inline value after "=", else the next argument (which is then consumed) */
  value(): string | undefined;
}

/** The arguments one by one; an option's value() takes the next argument when it has no inline value. */
export function* scanArgs(args: string[]): Generator<Arg> {
  let i = 0;
  while (i < args.length) {
    const raw = args[i++]!;
    const option = raw.startsWith("--");
    const eq = option ? raw.indexOf("=") : -1;
    const inline = eq > 0 ? raw.slice(eq + 1) : undefined;
    yield { raw, option, flag: eq > 0 ? raw.slice(0, eq) : raw, value: () => inline ?? args[i++] };
  }
}

/** Rules 9 and 10 of the program-report format as the evaluating commands take them. */
export interface RuleOptions {
  missingFact?: "zero" | "exclude";
  zeroEqualsZero?: boolean;
}

/**
 * `--missing-fact zero|exclude` and `--zero-equals-zero true|false` into `rules`: null when `a` is
 * not one of them, "" when it was taken, else the usage error's message.
 */
export function ruleOption(a: Arg, rules: RuleOptions): string | null {
  if (a.flag === "--missing-fact") {
    const v = a.value();
    if (v !== "zero" && v !== "exclude") return "--missing-fact needs zero or exclude";
    rules.missingFact = v;
    return "";
  }
  if (a.flag === "--zero-equals-zero") {
    const v = a.value();
    if (v !== "true" && v !== "false") return "--zero-equals-zero needs true or false";
    rules.zeroEqualsZero = v === "true";
    return "";
  }
  return null;
}
