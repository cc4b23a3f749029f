import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { buildServer } from "@orientir/server";
import { auditAnchorConfig, defaultWorkerId, isEmpty, localMailer, mailerFromEnv, startWorker } from "@orientir/app";
import { connectionPosture } from "@orientir/db";
import { openDatabase } from "../runtime.ts";
import { seedDemo } from "./seed-demo.ts";
import type { IO } from "../main.ts";

export const SERVE_HELP = `orientir serve — run Orientir's web server

Serves the web app at / and the API at /api on PORT (default 3000). Uses DATABASE_URL when set,
otherwise the embedded PostgreSQL with its data under ./data. Applies pending migrations, and
loads the demo data into an empty database unless ORIENTIR_NO_DEMO=1.

Environment: PORT, HOST (default localhost), DATABASE_URL, ORIENTIR_DATA_DIR, ORIENTIR_PG_PORT,
ORIENTIR_SECURE_COOKIES=1 (behind HTTPS), ORIENTIR_NO_DEMO=1.
Accounts: ORIENTIR_REQUIRE_2FA_ADMINS=1 (administrators sign in with a second factor, TOTP),
ORIENTIR_SESSION_IDLE_HOURS (default 4), ORIENTIR_SESSION_MAX_HOURS (default 12).
Background jobs (deadline reminders): SMTP_URL, SMTP_FROM for e-mail; ORIENTIR_JOBS=0 runs no
worker in this process (another process sharing the database does the work).
Database roles: migrations run as DATABASE_URL's user, the application as DATABASE_APP_URL's (a role
that owns no table; without it, as DATABASE_URL's — weaker). Audit log anchors (hourly when the log
changed): ORIENTIR_AUDIT_KEY, ORIENTIR_AUDIT_ANCHOR_FILE, ORIENTIR_AUDIT_ANCHOR_EMAIL (see audit --help).`;

export async function serveCommand(args: string[], io: IO): Promise<number> {
  if (args.includes("--help")) {
    io.out(SERVE_HELP);
    return 0;
  }
  // the web server keeps its embedded PostgreSQL running: started again whenever it dies
  const opened = await openDatabase((m) => io.err(m), { poolSize: 20, supervise: true });
  const posture = await connectionPosture(opened.handle.appUrl);
  if (posture.superuser || posture.ownsAuditLog) {
    io.err(
      `warning: the application connects as ${posture.user}, ${posture.superuser ? "a superuser" : "the owner of the tables"}: ` +
        "an injection could rewrite the audit log; give it its own role in DATABASE_APP_URL (docs/SECURITY.md)",
    );
  }
  if (process.env.ORIENTIR_NO_DEMO !== "1" && (await isEmpty(opened.ctx))) {
    io.err("empty database: loading the demo data");
    await seedDemo(opened.ctx, io);
  }
  const webDist = fileURLToPath(new URL("../../../web/dist", import.meta.url));
  const server = await buildServer(opened.ctx, { webDist, secureCookies: process.env.ORIENTIR_SECURE_COOKIES === "1" });
  const port = Number(process.env.PORT ?? 3000);
  const host = process.env.HOST ?? "localhost";
  await server.listen({ port, host });
  io.err(`Orientir is running at http://localhost:${port}`);
  const smtp = mailerFromEnv();
  // without SMTP (the demo, a developer's machine) the residents' codes and notices go to a local
  // file, quietly: `tail -f data/mail/outbox.txt` (README «Public portal»)
  const outboxFile = join(resolve(process.env.ORIENTIR_DATA_DIR || "data"), "mail", "outbox.txt");
  const mailer = smtp ?? localMailer(outboxFile, process.env.SMTP_FROM?.trim() || undefined);
  const auditAnchor = auditAnchorConfig();
  const publicUrl = (process.env.ORIENTIR_PUBLIC_URL?.trim() || `http://localhost:${port}`).replace(/\/+$/, "");
  const worker =
    process.env.ORIENTIR_JOBS === "0"
      ? null
      : startWorker({ ctx: opened.ctx, workerId: defaultWorkerId(), mailer, publicUrl, auditAnchor, log: (m) => io.err(m) });
  if (auditAnchor.email && !smtp)
    io.err(`warning: ORIENTIR_AUDIT_ANCHOR_EMAIL is set but SMTP_URL is not: the anchors' mails go to ${outboxFile}`);
  if (!smtp) io.err(`mail: SMTP_URL is not set: residents' codes and notices are written to ${outboxFile}`);
  if (worker) {
    io.err(
      `background jobs: running (reminders by e-mail ${smtp ? "on" : "off: SMTP_URL is not set"}; audit log anchored hourly in ${auditAnchor.anchorFile}${auditAnchor.email ? ` and mailed to ${auditAnchor.email}` : ""})`,
    );
  }
  await new Promise<void>((resolve) => {
    const stop = async () => {
      io.err("stopping");
      await worker?.stop();
      mailer?.close?.();
      await server.close();
      await opened.close();
      resolve();
    };
    process.once("SIGINT", () => void stop());
    process.once("SIGTERM", () => void stop());
  });
  return 0;
}
