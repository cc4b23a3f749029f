/**
 * Where Orientir's database is: DATABASE_URL when set (any PostgreSQL), otherwise the embedded
 * server with its data under ./data (kept between runs).
 *
 * Two connections: `url`, the owner's, runs the migrations; `appUrl` is what the application
 * connects as — the login role `orientir_app` on the embedded server (password random, kept in
 * `<data>/pg-app.password`), DATABASE_APP_URL with an external server, or DATABASE_URL itself when
 * only that is given (weaker: the application then holds the owner's rights, see SECURITY).
 */
import { join, resolve } from "node:path";
import { ensureDatabase } from "./migrate.ts";
import { startEmbedded, withDatabase, type EmbeddedOptions } from "./embedded.ts";
import { superviseEmbedded } from "./postmaster.ts";
import { readOrCreateSecret } from "./secrets.ts";
import { ensureAppLogin, withCredentials } from "./roles.ts";
import { APP_ROLE } from "./db.ts";

export interface DatabaseHandle {
  /** The owner's connection: migrations. */
  url: string;
  /** The application's connection: a role that neither is a superuser nor owns the tables (when configured so). */
  appUrl: string;
  /** appUrl logs in as another role than url. */
  separateAppRole: boolean;
  embedded: boolean;
  stop: () => Promise<void>;
}

/** Where the embedded server's application role password is kept. */
export function appPasswordFile(dataDir: string): string {
  return join(resolve(dataDir), "pg-app.password");
}

export interface ResolveOptions {
  /** Folder of the embedded server's data; default ORIENTIR_DATA_DIR or ./data. */
  dataDir?: string;
  log?: (m: string) => void;
  /** Start the embedded server again whenever it dies (the web server does; one-off commands do not). */
  supervise?: boolean;
}

export async function resolveDatabase(opts: ResolveOptions = {}): Promise<DatabaseHandle> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const appUrl = process.env.DATABASE_APP_URL || url;
    return { url, appUrl, separateAppRole: appUrl !== url, embedded: false, stop: async () => {} };
  }
  const dataDir = resolve(opts.dataDir ?? process.env.ORIENTIR_DATA_DIR ?? "data");
  const port = Number(process.env.ORIENTIR_PG_PORT ?? 54329);
  const embeddedOptions: EmbeddedOptions = {
    dataDir: join(dataDir, "pg"),
    port,
    // the default port may be taken (another Orientir, another PostgreSQL): then any free one;
    // a port named in ORIENTIR_PG_PORT is used or refused
    anyPortIfTaken: process.env.ORIENTIR_PG_PORT === undefined,
    persistent: true,
    log: process.env.ORIENTIR_PG_LOG ? opts.log : undefined,
    notice: opts.log,
  };
  const server = await startEmbedded(embeddedOptions);
  opts.log?.(`embedded PostgreSQL: data in ${join(dataDir, "pg")}, port ${server.port}`);
  await ensureDatabase(server.url, "orientir");
  const appPassword = readOrCreateSecret(appPasswordFile(dataDir));
  await ensureAppLogin(server.url, appPassword);
  const ownerUrl = withDatabase(server.url, "orientir");
  const stop = opts.supervise ? superviseDatabase(server, embeddedOptions, opts.log).stop : server.stop;
  return { url: ownerUrl, appUrl: withCredentials(ownerUrl, APP_ROLE, appPassword), separateAppRole: true, embedded: true, stop };
}

/** The embedded server started again, on the same port, whenever it dies (see superviseEmbedded). */
function superviseDatabase(
  server: { url: string; port: number; stop: () => Promise<void> },
  options: EmbeddedOptions,
  log?: (m: string) => void,
) {
  const again: EmbeddedOptions = { ...options, port: server.port, anyPortIfTaken: false };
  return superviseEmbedded(server, options.dataDir, () => startEmbedded(again), { log });
}
