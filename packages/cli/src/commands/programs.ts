import { listAllPrograms } from "@orientir/db";
import { withDatabase } from "../runtime.ts";
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
  await withDatabase(async (ctx) => {
    const rows = await listAllPrograms(ctx.db);
    if (args.includes("--json")) io.out(JSON.stringify(rows, null, 2));
    else for (const r of rows) io.out(`${r.code}\t${r.name}\t${r.municipality}`);
  });
  return 0;
}
