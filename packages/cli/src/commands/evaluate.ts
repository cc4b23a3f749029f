import { readFile } from "node:fs/promises";
import { evaluateReport, methodologyFromJson, parseProgramReportJson, ValidationError, type Methodology } from "@orientir/domain";
import { helpAsked, scanArgs, usageError, ruleOption, type RuleOptions } from "../args.ts";

const HELP = `orientir evaluate — effectiveness evaluation of a program report (format 1)

Usage:
  orientir evaluate FILE [--trace] [--compact] [--methodology M.json]
                        [--missing-fact zero|exclude] [--zero-equals-zero true|false]
  orientir evaluate - [options]   the report from standard input

Reads a program report in format 1 ("orientir.program-report/1") and prints the result
document as JSON: score, rating, the levels of indicators, directions and elements, the
methodology (preset and version) used, and the trace of every step.

  --trace     print only the trace, as lines of text, instead of the JSON document
  --compact   JSON on one line
  --missing-fact zero|exclude
              rule 9: an indicator or metric without a fact scores 0 and is listed in
              "warnings" (zero, the default: the evaluation of a year), or is left out of
              the means (exclude: a preliminary evaluation, "preliminary": true); overrides
              the report's methodology.missingFact
  --zero-equals-zero true|false
              rule 10: fact equal to plan, zero included, is 100 (true, the default); false
              is the decree's literal reading (plan 0, fact 0 → 0); overrides the report's
              methodology.zeroEqualsZero
  --methodology M.json
              a municipality's own methodology (or several: an array, or the answer of
              GET /api/evaluation/methodologies), for reports that name it; the built-in
              presets (kaluga-220p) need nothing

An invalid report is refused with one line per problem, "PATH: reason", and exit code 1.

Examples:
  orientir evaluate report.json
  orientir export-report MP-1 --year 2025 | orientir evaluate -`;

export interface EvaluateIO {
  out(s: string): void;
  err(s: string): void;
  readStdin?: () => Promise<string>;
}

async function stdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

export async function evaluateCommand(args: string[], io: EvaluateIO): Promise<number> {
  if (helpAsked(args, io, HELP)) return 0;
  const usage = usageError("evaluate", io);
  let trace = false;
  let compact = false;
  let methodologyFile: string | undefined;
  const rules: RuleOptions = {};
  const files: string[] = [];
  for (const a of scanArgs(args)) {
    if (a.raw === "--trace") trace = true;
    else if (a.raw === "--compact") compact = true;
    else if (a.flag === "--methodology") {
      methodologyFile = a.value();
      if (!methodologyFile) return usage("--methodology needs a file");
    } else {
      const problem = ruleOption(a, rules);
      if (problem) return usage(problem);
      if (problem === null) {
        if (a.option) return usage(`unknown option: ${a.raw}`);
        files.push(a.raw);
      }
    }
  }
  if (files.length !== 1) return usage(files.length === 0 ? "missing FILE (or - for standard input)" : "only one FILE");
  const file = files[0]!;
  let text: string;
  try {
    text = file === "-" ? await (io.readStdin ?? stdin)() : await readFile(file, "utf8");
  } catch (e) {
    io.err(`error: cannot read ${file}: ${(e as Error).message}`);
    return 1;
  }
  async function readMethodologies(path: string): Promise<Methodology[]> {
    let value: unknown;
    try {
      value = JSON.parse(await readFile(path, "utf8"));
    } catch (e) {
      throw new ValidationError([{ path: "--methodology", message: `не читается как JSON: ${(e as Error).message}` }]);
    }
    const list = Array.isArray(value)
      ? value
      : typeof value === "object" && value !== null && Array.isArray((value as { items?: unknown }).items)
        ? (value as { items: { definition?: unknown }[] }).items.map((x) => x.definition)
        : [value];
    return list.map((m, i) => methodologyFromJson(m, list.length === 1 ? "--methodology" : `--methodology[${i}]`));
  }
  try {
    const methodologies = methodologyFile ? await readMethodologies(methodologyFile) : [];
    const result = evaluateReport(parseProgramReportJson(text), { methodologies, ...rules });
    if (trace) io.out(result.trace.join("\n"));
    else io.out(compact ? JSON.stringify(result) : JSON.stringify(result, null, 2));
    return 0;
  } catch (e) {
    if (e instanceof ValidationError) {
      io.err(`error: the report is not valid (${e.issues.length} problem${e.issues.length === 1 ? "" : "s"}):`);
      for (const i of e.issues) io.err(`  ${i.path}: ${i.message}${i.messageEn ? ` (${i.messageEn})` : ""}`);
      return 1;
    }
    throw e;
  }
}
