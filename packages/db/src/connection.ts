/**
 * Where Orientir's database is: DATABASE_URL when set (any PostgreSQL), otherwise the embedded
 * server with its data under ./data (kept between runs).
 */
import { join, resolve } from "node:path";
import { ensureDatabase } from "./migrate.ts";
import { startEmbedded, withDatabase } from "./embedded.ts";

export interface DatabaseHandle {
  url: string;
  embedded: boolean;
  stop(): Promise<void>;
}

export interface ResolveOptions {
  /** Folder of the embedded server's data; default ORIENTIR_DATA_DIR or ./data. */
  dataDir?: string;
  log?: (m: string) => void;
}

export async function resolveDatabase(opts: ResolveOptions = {}): Promise<DatabaseHandle> {
  const url = process.env.DATABASE_URL;
  if (url) return { url, embedded: false, stop: async () => {} };
  const dataDir = resolve(opts.dataDir ?? process.env.ORIENTIR_DATA_DIR ?? "data");
  const port = Number(process.env.ORIENTIR_PG_PORT ?? 54329);
  const server = await startEmbedded({
    dataDir: join(dataDir, "pg"),
    port,
    // the default port may be taken (another Orientir, another PostgreSQL): then any free one;
    // a port named in ORIENTIR_PG_PORT is used or refused
    anyPortIfTaken: process.env.ORIENTIR_PG_PORT === undefined,
    persistent: true,
    log: process.env.ORIENTIR_PG_LOG ? opts.log : undefined,
    notice: opts.log,
  });
  opts.log?.(`embedded PostgreSQL: data in ${join(dataDir, "pg")}, port ${server.port}`);
  await ensureDatabase(server.url, "orientir");
  return { url: withDatabase(server.url, "orientir"), embedded: true, stop: server.stop };
}
