import { readFile } from "node:fs/promises";
import { confirmProgramImport, operatorCaller, previewProgramImport, programIdByCode, type ImportParser } from "@orientir/app";
import { ValidationError } from "@orientir/domain";
import { parseProgramFile } from "@orientir/reports";
import { openDatabase } from "../runtime.ts";
import type { IO } from "../main.ts";

const HELP = `orientir import — a program from an XLSX workbook (the plain layout or the forms' layout)
or from a program report in format 1 (JSON)

Usage:
  orientir import FILE --program CODE [--municipality NAME] [--yes]

Shows what the file would create, change and delete in the program, and every error by sheet,
row and column (of a JSON file: by its JSON path). With --yes, and only when the file has no
error, applies all of it in one transaction. The plain layout is what "orientir form workbook"
writes. A report (FILE.json, what "orientir export-report" prints) sets its year's plans, facts,
checkpoints and funding; what the program has and the report does not is kept, never deleted.

Examples:
  orientir form workbook --program MP-1 --out mp-1.xlsx
  orientir import mp-1.xlsx --program MP-1          (preview)
  orientir import mp-1.xlsx --program MP-1 --yes    (apply)
  orientir export-report MP-1 --year 2025 > mp-1-2025.json
  orientir import mp-1-2025.json --program MP-1 --yes`;

export async function importCommand(args: string[], io: IO): Promise<number> {
  if (args.includes("--help") || args.includes("-h")) {
    io.out(HELP);
    return 0;
  }
  const usage = (msg: string) => {
    io.err(`error: ${msg}\n\nRun "orientir import --help" for usage.`);
    return 2;
  };
  let program: string | undefined;
  let municipality: string | undefined;
  let yes = false;
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === "--program") program = args[++i];
    else if (a === "--municipality") municipality = args[++i];
    else if (a === "--yes") yes = true;
    else if (a.startsWith("--")) return usage(`unknown option: ${a}`);
    else files.push(a);
  }
  if (files.length !== 1) return usage(files.length ? "only one FILE" : "missing FILE");
  if (!program) return usage("missing --program CODE");
  let content: Buffer;
  try {
    content = await readFile(files[0]!);
  } catch (e) {
    io.err(`error: ${files[0]}: ${(e as Error).message}`);
    return 1;
  }
  const parse: ImportParser = (current, context) => parseProgramFile(content, files[0], current, context);
  const opened = await openDatabase(() => {});
  try {
    const { ctx } = opened;
    const caller = await operatorCaller(ctx.db, municipality);
    const id = await programIdByCode(ctx, caller, program);
    const p = await previewProgramImport(ctx, caller, id, parse);
    io.out(`layout: ${p.layout}; create ${p.summary.create}, update ${p.summary.update}, delete ${p.summary.delete}`);
    for (const n of p.notes) io.out(`note: ${n}`);
    for (const c of p.changes) {
      const at = c.path ? ` [${c.path}]` : c.sheet ? ` [${c.sheet}, row ${c.row}]` : "";
      const fields = c.fields?.map((f) => `${f.label}: ${JSON.stringify(f.before)} → ${JSON.stringify(f.after)}`).join("; ");
      io.out(`${c.action.padEnd(6)} ${c.item}${fields ? ` — ${fields}` : ""}${at}`);
    }
    for (const i of p.issues) io.err(`error: ${i.sheet === "JSON" ? (i.column ? `${i.column}: ` : "") : i.sheet ? `${i.sheet}!${i.column}${i.row}: ` : ""}${i.reason}`);
    if (!p.valid) return 1;
    if (!yes) {
      if (p.changes.length) io.err("nothing written: run again with --yes to apply");
      return 0;
    }
    const r = await confirmProgramImport(ctx, caller, id, parse, p.token, files[0]);
    io.err(`applied: create ${r.summary.create}, update ${r.summary.update}, delete ${r.summary.delete}`);
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
