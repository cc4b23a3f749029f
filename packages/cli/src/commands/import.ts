import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { confirmProgramImport, previewProgramImport, type ImportParser } from "@orientir/app";
import { parseProgramFile } from "@orientir/reports";
import { helpAsked, scanArgs, usageError } from "../args.ts";
import { issuesAsErrors, programByCode, withDatabase } from "../runtime.ts";
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
  if (helpAsked(args, io, HELP)) return 0;
  const usage = usageError("import", io);
  let program: string | undefined;
  let municipality: string | undefined;
  let yes = false;
  const files: string[] = [];
  // its options take no inline "=value": "--program=MP-1" is an unknown option
  for (const a of scanArgs(args)) {
    if (a.raw === "--program") program = a.value();
    else if (a.raw === "--municipality") municipality = a.value();
    else if (a.raw === "--yes") yes = true;
    else if (a.option) return usage(`unknown option: ${a.raw}`);
    else files.push(a.raw);
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
  // --yes confirms the file just previewed: its plan is reused, the file not read again
  parse.fileKey = createHash("sha256").update(content).digest("hex");
  return withDatabase((ctx) =>
    issuesAsErrors(io, async () => {
      const { caller, id } = await programByCode(ctx, municipality, program);
      const p = await previewProgramImport(ctx, caller, id, parse);
      io.out(`layout: ${p.layout}; create ${p.summary.create}, update ${p.summary.update}, delete ${p.summary.delete}`);
      for (const n of p.notes) io.out(`note: ${n}`);
      for (const c of p.changes) {
        const at = c.path ? ` [${c.path}]` : c.sheet ? ` [${c.sheet}, row ${c.row}]` : "";
        const fields = c.fields?.map((f) => `${f.label}: ${JSON.stringify(f.before)} → ${JSON.stringify(f.after)}`).join("; ");
        io.out(`${c.action.padEnd(6)} ${c.item}${fields ? ` — ${fields}` : ""}${at}`);
      }
      for (const i of p.issues)
        io.err(
          `error: ${i.sheet === "JSON" ? (i.column ? `${i.column}: ` : "") : i.sheet ? `${i.sheet}!${i.column}${i.row}: ` : ""}${i.reason}`,
        );
      if (!p.valid) return 1;
      if (!yes) {
        if (p.changes.length) io.err("nothing written: run again with --yes to apply");
        return 0;
      }
      const r = await confirmProgramImport(ctx, caller, id, parse, p.token, files[0]);
      io.err(`applied: create ${r.summary.create}, update ${r.summary.update}, delete ${r.summary.delete}`);
      return 0;
    }),
  );
}
