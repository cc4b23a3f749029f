import { verifyAudit } from "@orientir/db";
import { withDatabase } from "../runtime.ts";
import type { IO } from "../main.ts";

export async function auditCommand(args: string[], io: IO): Promise<number> {
  if (args.includes("--help") || args[0] !== "verify") {
    io.out(`orientir audit verify — check the hash chain of the audit log

Recomputes every entry's hash and its link to the previous one; prints each broken entry and
exits with 1 when any is found.`);
    return args.includes("--help") ? 0 : 2;
  }
  return withDatabase(async (ctx) => {
    const r = await verifyAudit(ctx.db);
    for (const b of r.breaks) io.out(`entry ${b.id}: ${b.reason}`);
    io.out(`${r.checked} entries checked, ${r.breaks.length} broken`);
    return r.breaks.length ? 1 : 0;
  });
}
