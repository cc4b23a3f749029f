/** `npx orientir COMMAND …` */
import { readFile } from "node:fs/promises";
import { serveCommand } from "./commands/serve.ts";
import { migrateCommand } from "./commands/migrate.ts";
import { seedDemoCommand } from "./commands/seed-demo.ts";
import { programsCommand } from "./commands/programs.ts";
import { auditCommand } from "./commands/audit.ts";
import { workdaysCommand } from "./commands/workdays.ts";
import { evaluateCommand } from "./commands/evaluate.ts";
import { exportReportCommand } from "./commands/export-report.ts";
import { formCommand } from "./commands/form.ts";
import { importCommand } from "./commands/import.ts";
import { deploymentAdminCommand } from "./commands/deployment-admin.ts";

export interface IO {
  out(s: string): void;
  err(s: string): void;
}

const HELP = `orientir — strategic planning and municipal programs (decree 220-п)

Usage: npx orientir COMMAND [options]   (each command takes --help)

  serve                  run the web server (http://localhost:3000)
  migrate                apply the pending database migrations
  seed-demo              load the demo data and accounts
  programs [--json]      list the municipal programs
  audit verify           check the audit log's hash chain and its anchors (exit 1: broken, 3: not checkable)
  audit anchor           sign the audit log's chain heads and write them out (anchor file, mail)
  workdays add DATE N    the date N working days after DATE (production calendar)
  workdays between A B   the number of working days between two dates
  evaluate FILE|-        effectiveness evaluation of a program report (format 1)
  export-report CODE --year Y   a stored program's year as a program report (format 1)
  form FORM --program CODE --year Y --format xlsx|docx|pdf --out FILE   an official form as a file
  form --list            the official forms (220-п appendices 1–9, action plan, consolidated report)
  import FILE --program CODE [--yes]   a program from XLSX or a format-1 report (JSON): preview, then apply with --yes
  deployment-admin LOGIN [--off] | --list   who manages the accounts shared by several municipalities`;

type Command = (args: string[], io: IO) => Promise<number>;

const COMMANDS: Record<string, Command> = {
  serve: serveCommand,
  migrate: migrateCommand,
  "seed-demo": seedDemoCommand,
  programs: programsCommand,
  audit: auditCommand,
  workdays: workdaysCommand,
  evaluate: evaluateCommand,
  "export-report": exportReportCommand,
  form: formCommand,
  import: importCommand,
  "deployment-admin": deploymentAdminCommand,
};

export const stdio: IO = {
  out: (s) => process.stdout.write(s + "\n"),
  err: (s) => process.stderr.write(s + "\n"),
};

export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

export const fileIO = { readFile: (p: string) => readFile(p, "utf8"), readStdin };

export async function main(argv: string[], io: IO = stdio): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    io.out(HELP);
    return name ? 0 : 2;
  }
  const cmd = COMMANDS[name];
  if (!cmd) {
    io.err(`unknown command: ${name}\n\n${HELP}`);
    return 2;
  }
  try {
    return await cmd(args, io);
  } catch (e) {
    io.err(`error: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
}
