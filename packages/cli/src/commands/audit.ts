import { anchorAudit, auditAnchorConfig, checkAudit } from "@orientir/app";
import { withDatabase } from "../runtime.ts";
import type { IO } from "../main.ts";

export const AUDIT_HELP = `orientir audit verify [--require-anchor] — check the audit log
orientir audit anchor — anchor the audit log's chain heads outside the database

verify: recomputes every entry's hash and its link to the previous one, then checks each chain
against every anchor of the anchor file (signed with the anchor key): entries deleted after an
anchor, or a chain recomputed after a change, are found. Prints each broken entry.
anchor: signs the head of each municipality's chain (count, last id, hash) with the anchor key
and appends it to the anchor file; with ORIENTIR_AUDIT_ANCHOR_EMAIL, also queues it as a mail to
the audit chamber. The server does this hourly when the log has changed.

Exit codes of verify: 0 intact (a warning on standard error when no anchor was ever made),
1 something is broken, 3 something could not be checked (the anchor file missing or unreadable
while anchors were made, the anchor key missing; with --require-anchor, no anchor yet).

Environment: ORIENTIR_AUDIT_KEY (the key; default the file <data>/audit-anchor.key, made 0600 by
the first anchor), ORIENTIR_AUDIT_ANCHOR_FILE (default <data>/audit-anchors.jsonl),
ORIENTIR_AUDIT_ANCHOR_EMAIL, ORIENTIR_DATA_DIR (<data>, default ./data), DATABASE_URL, DATABASE_APP_URL.`;

/** Exit code of `audit verify` when something could not be checked (1 is for broken). */
export const CANNOT_CHECK = 3;

export async function auditCommand(args: string[], io: IO): Promise<number> {
  const [sub, ...rest] = args;
  if (args.includes("--help") || (sub !== "verify" && sub !== "anchor")) {
    io.out(AUDIT_HELP);
    return args.includes("--help") ? 0 : 2;
  }
  const unknown = rest.filter((a) => !(sub === "verify" && a === "--require-anchor"));
  if (unknown.length) {
    io.err(`unknown option: ${unknown[0]}\n\n${AUDIT_HELP}`);
    return 2;
  }
  const cfg = auditAnchorConfig();
  if (sub === "anchor") {
    return withDatabase(async (ctx) => {
      const a = (await anchorAudit(ctx, cfg))!;
      for (const h of a.heads) io.out(`${h.municipalityId ?? "(no municipality)"}\t${h.count} entries\tlast ${h.lastId}\t${h.hash}`);
      io.out(`anchored ${a.heads.length} chains at ${a.at} in ${cfg.anchorFile}${cfg.email ? `; mail to ${cfg.email} queued` : ""}`);
      return 0;
    });
  }
  try {
    return await withDatabase(async (ctx) => {
      const r = await checkAudit(ctx, cfg, { requireAnchor: rest.includes("--require-anchor") });
      for (const b of r.breaks) io.out(b.id ? `entry ${b.id}: ${b.reason}` : b.reason);
      for (const w of r.warnings) io.err(`warning: ${w}`);
      for (const p of r.problems) io.err(`error: ${p}`);
      io.out(
        `${r.checked} entries checked, ${r.breaks.length} broken; ` +
          (r.anchorsChecked ? `${r.anchorsChecked} anchors checked (last ${r.lastAnchorAt})` : "no anchor checked") +
          (r.problems.length ? `; NOT fully checked: ${r.problems.length} problem(s)` : ""),
      );
      return r.breaks.length ? 1 : r.problems.length ? CANNOT_CHECK : 0;
    });
  } catch (e) {
    io.err(`error: the audit log could not be checked: ${e instanceof Error ? e.message : String(e)}`);
    return CANNOT_CHECK;
  }
}
