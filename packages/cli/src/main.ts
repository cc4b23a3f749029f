/** `npx orientir COMMAND …` */
import { readFile } from "node:fs/promises";

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

// Each command's module is loaded when it runs: `orientir --help` or `workdays` does not load the
// web server, the database driver or the report renderers (docs/PERFORMANCE.md, "Start-up").
const COMMANDS: Record<string, () => Promise<Command>> = {
  serve: async () => (await import("./commands/serve.ts")).serveCommand,
  migrate: async () => (await import("./commands/migrate.ts")).migrateCommand,
  "seed-demo": async () => (await import("./commands/seed-demo.ts")).seedDemoCommand,
  programs: async () => (await import("./commands/programs.ts")).programsCommand,
  audit: async () => (await import("./commands/audit.ts")).auditCommand,
  workdays: async () => (await import("./commands/workdays.ts")).workdaysCommand,
  evaluate: async () => (await import("./commands/evaluate.ts")).evaluateCommand,
  "export-report": async () => (await import("./commands/export-report.ts")).exportReportCommand,
  form: async () => (await import("./commands/form.ts")).formCommand,
  import: async () => (await import("./commands/import.ts")).importCommand,
  "deployment-admin": async () => (await import("./commands/deployment-admin.ts")).deploymentAdminCommand,
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
  const load = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!load) {
    io.err(`unknown command: ${name}\n\n${HELP}`);
    return 2;
  }
  try {
    const cmd = await load();
    return await cmd(args, io);
  } catch (e) {
    io.err(`error: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
}
