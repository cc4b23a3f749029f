import { writeFile } from "node:fs/promises";
import { extname } from "node:path";
import { municipalityFormData, operatorCaller, planFormData, planIdFor, programFormData, programIdByCode } from "@orientir/app";
import { ValidationError } from "@orientir/domain";
import { FORMATS, FORMS, renderForm, renderPlainWorkbook, type Format, type FormDocument } from "@orientir/reports";
import { openDatabase } from "../runtime.ts";
import type { IO } from "../main.ts";

const HELP = `orientir form — an official form as an XLSX, DOCX or PDF file

Usage:
  orientir form --list
  orientir form FORM --program CODE [--year Y] [--quarter Q] [--format xlsx|docx|pdf] --out FILE
  orientir form FORM [--year Y] [--format …] --out FILE         (forms of the action plan, the consolidated report)
  orientir form workbook --program CODE --out FILE.xlsx         (the whole program in the plain layout, for "orientir import")

Options:
  --program CODE        the program (forms of a program)
  --year Y              the year of a yearly form; for the action plan, the plan covering Y (default: the latest);
                        for the consolidated report, the reported year (default: last year)
  --quarter Q           the quarter of the monitoring form (1–4, cumulative)
  --format F            xlsx, docx or pdf (default: the extension of --out)
  --out FILE            where to write the file ("-" for standard output)
  --municipality NAME   when the database holds several municipalities

Examples:
  orientir form passport --program MP-1 --format pdf --out passport.pdf
  orientir form annual-report --program MP-1 --year 2025 --out report.xlsx
  orientir form consolidated-report --year 2025 --out svod.docx`;

export interface FormIO extends IO {
  writeBinary?(b: Buffer): void;
}

export async function formCommand(args: string[], io: FormIO): Promise<number> {
  if (args.includes("--help") || args.includes("-h")) {
    io.out(HELP);
    return 0;
  }
  const usage = (msg: string) => {
    io.err(`error: ${msg}\n\nRun "orientir form --help" for usage.`);
    return 2;
  };
  if (args.includes("--list")) {
    if (args.length > 1) return usage("--list takes no other arguments");
    for (const f of FORMS) io.out(`${f.id.padEnd(20)} ${f.scope.padEnd(13)} ${f.source.padEnd(32)} ${f.title}`);
    io.out(`${"workbook".padEnd(20)} ${"program".padEnd(13)} ${"простой формат (XLSX)".padEnd(32)} Программа целиком: лист на таблицу, строка на запись (для загрузки обратно)`);
    return 0;
  }
  const opts: Record<string, string> = {};
  const positional: string[] = [];
  const known = ["--program", "--year", "--quarter", "--format", "--out", "--municipality"];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const eq = a.startsWith("--") ? a.indexOf("=") : -1;
    const flag = eq > 0 ? a.slice(0, eq) : a;
    if (!a.startsWith("--")) {
      positional.push(a);
      continue;
    }
    if (!known.includes(flag)) return usage(`unknown option: ${a}`);
    const v = eq > 0 ? a.slice(eq + 1) : args[++i];
    if (v === undefined || v === "") return usage(`${flag} needs a value`);
    opts[flag.slice(2)] = v;
  }
  if (positional.length !== 1) return usage(positional.length ? "only one FORM" : "missing FORM (see orientir form --list)");
  if (!opts.out) return usage("missing --out FILE");
  if (positional[0] === "workbook") {
    if (!opts.program) return usage("the workbook is a program's: give --program CODE");
    const opened = await openDatabase(() => {});
    try {
      const caller = await operatorCaller(opened.ctx.db, opts.municipality);
      const data = await programFormData(opened.ctx, caller, await programIdByCode(opened.ctx, caller, opts.program));
      const buffer = await renderPlainWorkbook(data.program);
      if (opts.out === "-") (io.writeBinary ?? ((b: Buffer) => process.stdout.write(b)))(buffer);
      else await writeFile(opts.out, buffer);
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
  const form = FORMS.find((f) => f.id === positional[0]);
  if (!form) return usage(`unknown form: ${positional[0]} (see orientir form --list)`);
  const format = (opts.format ?? extname(opts.out).slice(1).toLowerCase()) as Format;
  if (!FORMATS.includes(format)) return usage(`--format must be one of ${FORMATS.join(", ")}`);
  const year = opts.year === undefined ? undefined : Number(opts.year);
  if (year !== undefined && !/^\d{4}$/.test(opts.year!)) return usage("--year needs a year, e.g. --year 2025");
  const quarter = opts.quarter === undefined ? undefined : Number(opts.quarter);
  if (quarter !== undefined && !(Number.isInteger(quarter) && quarter >= 1 && quarter <= 4)) return usage("--quarter must be 1, 2, 3 or 4");
  if (form.scope === "program" && !opts.program) return usage(`the form ${form.id} is a program's: give --program CODE`);
  if (form.scope !== "program" && opts.program) return usage(`the form ${form.id} is not a program's: --program does not apply`);

  const opened = await openDatabase(() => {});
  try {
    const { ctx } = opened;
    const caller = await operatorCaller(ctx.db, opts.municipality);
    let doc: FormDocument;
    const thisYear = ctx.now().getUTCFullYear();
    if (form.scope === "program") {
      const data = await programFormData(ctx, caller, await programIdByCode(ctx, caller, opts.program!));
      doc = form.build({ program: data.program, year: year ?? thisYear, quarter, context: data.context });
    } else if (form.scope === "plan") {
      const data = await planFormData(ctx, caller, await planIdFor(ctx, caller, year));
      doc = form.build({ plan: data.plan, goals: data.goals, programs: data.programs, context: data.context });
    } else {
      const data = await municipalityFormData(ctx, caller, year ?? thisYear - 1);
      doc = form.build({ ...data, context: data.context });
    }
    const file = await renderForm(doc, format);
    if (opts.out === "-") (io.writeBinary ?? ((b: Buffer) => process.stdout.write(b)))(file.buffer);
    else {
      await writeFile(opts.out, file.buffer);
      io.err(`${form.id}: ${opts.out} (${file.buffer.length} bytes)`);
    }
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
