import { listAllPrograms } from "@orientir/db";
import { openDatabase } from "../runtime.ts";
import type { IO } from "../main.ts";

export async function programsCommand(args: string[], io: IO): Promise<number> {
  if (args.includes("--help")) {
    io.out(`orientir programs [--json] — list the municipal programs of every municipality

Prints code, name and municipality; with --json, a JSON array of objects with code, name, municipality.`);
    return 0;
  }
  const unknown = args.filter((a) => a !== "--json");
  if (unknown.length) {
    io.err(`unknown argument: ${unknown[0]} (see orientir programs --help)`);
    return 2;
  }
  const opened = await openDatabase(() => {});
  try {
    const rows = await listAllPrograms(opened.ctx.db);
    if (args.includes("--json")) io.out(JSON.stringify(rows, null, 2));
    else for (const r of rows) io.out(`${r.code}\t${r.name}\t${r.municipality}`);
  } finally {
    await opened.close();
  }
  return 0;
}
