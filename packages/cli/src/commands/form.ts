import { writeFile } from "node:fs/promises";
import { extname } from "node:path";
import {
  municipalityFormData,
  officeReport,
  operatorCaller,
  planFormData,
  planIdFor,
  programFormData,
  programIdByCode,
} from "@orientir/app";
import {
  FORMATS,
  FORMS,
  OFFICE_REPORT_FORM,
  officeReportForm,
  renderForm,
  renderPlainWorkbook,
  type Format,
  type FormDocument,
} from "@orientir/reports";
import { helpAsked, scanArgs, usageError } from "../args.ts";
import { issuesAsErrors, programByCode, withDatabase } from "../runtime.ts";
import type { IO } from "../main.ts";

const HELP = `orientir form — an official form as an XLSX, DOCX or PDF file

Usage:
  orientir form --list
  orientir form FORM --program CODE [--year Y] [--quarter Q] [--format xlsx|docx|pdf] --out FILE
  orientir form FORM [--year Y] [--format …] --out FILE         (forms of the action plan, the consolidated report)
  orientir form workbook --program CODE --out FILE.xlsx         (the whole program in the plain layout, for "orientir import")
  orientir form office-report --year Y [--format docx|pdf|xlsx] --out FILE  (the office's annual report: documents, orders, appeals)

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
  orientir form consolidated-report --year 2025 --out svod.docx
  orientir form office-report --year 2023 --format docx --out office-2023.docx`;

export interface FormIO extends IO {
  writeBinary?: (b: Buffer) => void;
}

export async function formCommand(args: string[], io: FormIO): Promise<number> {
  if (helpAsked(args, io, HELP)) return 0;
  const usage = usageError("form", io);
  if (args.includes("--list")) {
    if (args.length > 1) return usage("--list takes no other arguments");
    for (const f of FORMS) io.out(`${f.id.padEnd(20)} ${f.scope.padEnd(13)} ${f.source.padEnd(32)} ${f.title}`);
    io.out(
      `${OFFICE_REPORT_FORM.id.padEnd(20)} ${"municipality".padEnd(13)} ${"управление делами".padEnd(32)} ${OFFICE_REPORT_FORM.title}`,
    );
    io.out(
      `${"workbook".padEnd(20)} ${"program".padEnd(13)} ${"простой формат (XLSX)".padEnd(32)} Программа целиком: лист на таблицу, строка на запись (для загрузки обратно)`,
    );
    return 0;
  }
  const opts: Record<string, string> = {};
  const positional: string[] = [];
  const known = ["--program", "--year", "--quarter", "--format", "--out", "--municipality"];
  for (const a of scanArgs(args)) {
    if (!a.option) {
      positional.push(a.raw);
      continue;
    }
    if (!known.includes(a.flag)) return usage(`unknown option: ${a.raw}`);
    const v = a.value();
    if (v === undefined || v === "") return usage(`${a.flag} needs a value`);
    opts[a.flag.slice(2)] = v;
  }
  if (positional.length !== 1) return usage(positional.length ? "only one FORM" : "missing FORM (see orientir form --list)");
  if (!opts.out) return usage("missing --out FILE");
  const toStdout = io.writeBinary ?? ((b: Buffer) => process.stdout.write(b));
  if (positional[0] === "workbook") {
    if (!opts.program) return usage("the workbook is a program's: give --program CODE");
    return withDatabase((ctx) =>
      issuesAsErrors(io, async () => {
        const { caller, id } = await programByCode(ctx, opts.municipality, opts.program!);
        const buffer = await renderPlainWorkbook((await programFormData(ctx, caller, id)).program);
        if (opts.out === "-") toStdout(buffer);
        else await writeFile(opts.out!, buffer);
        return 0;
      }),
    );
  }
  if (positional[0] === OFFICE_REPORT_FORM.id) {
    if (opts.program) return usage("the office's report is not a program's: --program does not apply");
    if (opts.quarter) return usage("the office's report is yearly: --quarter does not apply");
    const format = (opts.format ?? extname(opts.out).slice(1).toLowerCase()) as Format;
    if (!FORMATS.includes(format)) return usage(`--format must be one of ${FORMATS.join(", ")}`);
    if (opts.year !== undefined && !/^\d{4}$/.test(opts.year)) return usage("--year needs a year, e.g. --year 2023");
    return withDatabase((ctx) =>
      issuesAsErrors(io, async () => {
        const caller = await operatorCaller(ctx.db, opts.municipality);
        const year = opts.year === undefined ? ctx.now().getUTCFullYear() - 1 : Number(opts.year);
        const file = await renderForm(officeReportForm(await officeReport(ctx, caller, year)), format);
        if (opts.out === "-") toStdout(file.buffer);
        else {
          await writeFile(opts.out!, file.buffer);
          io.err(`${OFFICE_REPORT_FORM.id}: ${opts.out} (${file.buffer.length} bytes)`);
        }
        return 0;
      }),
    );
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

  return withDatabase((ctx) =>
    issuesAsErrors(io, async () => {
      const caller = await operatorCaller(ctx.db, opts.municipality);
      let doc: FormDocument;
      const thisYear = ctx.now().getUTCFullYear();
      if (form.scope === "program") {
        const y = year ?? thisYear;
        const data = await programFormData(ctx, caller, await programIdByCode(ctx, caller, opts.program!), {
          year: y,
          evaluate: form.id === "annual-report",
        });
        doc = form.build({
          program: data.program,
          year: y,
          quarter,
          context: data.context,
          mainResults: data.mainResults,
          evaluation: data.evaluation,
        });
      } else if (form.scope === "plan") {
        const data = await planFormData(ctx, caller, await planIdFor(ctx, caller, year));
        doc = form.build({ plan: data.plan, goals: data.goals, programs: data.programs, context: data.context });
      } else {
        const data = await municipalityFormData(ctx, caller, year ?? thisYear - 1);
        doc = form.build({ ...data, context: data.context });
      }
      const file = await renderForm(doc, format);
      if (opts.out === "-") toStdout(file.buffer);
      else {
        await writeFile(opts.out!, file.buffer);
        io.err(`${form.id}: ${opts.out} (${file.buffer.length} bytes)`);
      }
      return 0;
    }),
  );
}
