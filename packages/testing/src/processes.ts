/**
 * Orientir as a real process, for fault tests: `orientir serve` in a child process on the embedded
 * PostgreSQL of a data folder, killed (SIGKILL, no goodbye) and started again; the postmaster of
 * that folder killed the same way.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { readPostmasterPid, waitGone } from "@orientir/db";

const CLI = fileURLToPath(new URL("../../cli/bin/orientir.mjs", import.meta.url));

export interface ServeOptions {
  dataDir: string;
  httpPort: number;
  pgPort: number;
  /** More environment (e.g. ORIENTIR_JOBS=0). */
  env?: Record<string, string>;
}

export interface ServeProcess {
  child: ChildProcess;
  base: string;
  /** Resolves with the exit code or signal when the process ends. */
  exited: Promise<string>;
  /** Whether it ended (by itself or killed). */
  readonly ended: boolean;
  kill(signal?: NodeJS.Signals): Promise<string>;
}

/** The last lines the served processes wrote (for the message of a failing test). */
export const serveLog: string[] = [];
const remember = (prefix: string) => (chunk: Buffer) => {
  for (const line of chunk.toString("utf8").split("\n")) {
    if (!line.trim()) continue;
    serveLog.push(`${prefix} ${line}`);
    if (serveLog.length > 300) serveLog.shift();
  }
};

/** Starts `orientir serve` (no demo data) on the folder and ports; does not wait for it to answer. */
export function startServe(opts: ServeOptions): ServeProcess {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && k !== "DATABASE_URL" && k !== "SMTP_URL") env[k] = v;
  Object.assign(env, {
    ORIENTIR_DATA_DIR: opts.dataDir,
    PORT: String(opts.httpPort),
    HOST: "127.0.0.1",
    ORIENTIR_PG_PORT: String(opts.pgPort),
    ORIENTIR_NO_DEMO: "1",
    ...opts.env,
  });
  const child = spawn(process.execPath, [CLI, "serve"], { env, stdio: ["ignore", "pipe", "pipe"] });
  const tag = `[serve ${child.pid}]`;
  child.stdout.on("data", remember(tag));
  child.stderr.on("data", remember(tag));
  let ended = false;
  const exited = new Promise<string>((resolve) => {
    child.once("exit", (code, signal) => {
      ended = true;
      serveLog.push(`${tag} exited: ${signal ?? code}`);
      resolve(String(signal ?? code));
    });
  });
  return {
    child,
    base: `http://127.0.0.1:${opts.httpPort}`,
    exited,
    get ended() {
      return ended;
    },
    async kill(signal: NodeJS.Signals = "SIGKILL") {
      if (!ended) child.kill(signal);
      return exited;
    },
  };
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** GET /api/health: its status and body, or null when nothing answers. */
export async function health(base: string): Promise<{ status: number; body: unknown; retryAfter: string | null } | null> {
  try {
    const r = await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(10_000) });
    return { status: r.status, body: await r.json().catch(() => null), retryAfter: r.headers.get("retry-after") };
  } catch {
    return null;
  }
}

/** Waits until health answers `status` (200 by default); fails after `ms`, or when the process ends. */
export async function waitHealth(p: ServeProcess, status = 200, ms = 120_000): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    if (p.ended) throw new Error(`the server exited while waiting for health ${status}:\n${serveLog.slice(-40).join("\n")}`);
    const h = await health(p.base);
    if (h?.status === status) return;
    if (Date.now() > until)
      throw new Error(`health did not answer ${status} within ${ms} ms (last: ${JSON.stringify(h)}):\n${serveLog.slice(-40).join("\n")}`);
    await sleep(100);
  }
}

/** Kills the postmaster of the folder with SIGKILL (as a crash would) and waits until it is gone. */
export async function killPostmaster(pgDataDir: string): Promise<number> {
  const found = readPostmasterPid(pgDataDir);
  if (!found) throw new Error(`no postmaster.pid in ${pgDataDir}`);
  process.kill(found.pid, "SIGKILL");
  if (!(await waitGone(found.pid, 10_000))) throw new Error(`postmaster ${found.pid} did not die`);
  return found.pid;
}
