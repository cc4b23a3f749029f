/**
 * The embedded server's process, as its data folder tells it: `postmaster.pid` holds the pid of the
 * postmaster and its port (lines 1 and 4). After Node was killed, the postmaster it started may be
 * still running (found here and reused), or dead with its pid file left behind (removed here, so a
 * new one starts) — also when the dead process is a zombie nobody reaps, or its pid now belongs to
 * another program. While Orientir runs, `superviseEmbedded` starts the server again when it dies.
 */
import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";

export interface PostmasterPid {
  pid: number;
  port: number;
}

/** The pid and port in the folder's postmaster.pid, or null when there is none (or it is unreadable). */
export function readPostmasterPid(dataDir: string): PostmasterPid | null {
  let text: string;
  try {
    text = readFileSync(join(dataDir, "postmaster.pid"), "utf8");
  } catch {
    return null;
  }
  const lines = text.split("\n");
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid <= 0) return null;
  return { pid, port: Number.isInteger(port) && port > 0 ? port : 0 };
}

/** Is `pid` a live PostgreSQL process (not gone, not a zombie, not a reused pid of another program)? */
export function postgresAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (e) {
    // EPERM: it exists, as another user (the `postgres` account)
    if ((e as NodeJS.ErrnoException).code !== "EPERM") return false;
  }
  // Linux tells more: a zombie is dead, and a pid reused by another program is not our postmaster
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const state = stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3);
    if (state === "Z" || state === "X") return false;
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, "utf8");
    if (cmdline && !/postgres/.test(cmdline)) return false;
  } catch {
    /* no /proc (not Linux), or it ended just now: kill(0) answered */
  }
  return true;
}

export type PostmasterState = { state: "none" } | { state: "running"; pid: number; port: number } | { state: "stale"; pid: number };

/** What runs on the data folder: nothing, a live postmaster (with its port), or a pid file of a dead one. */
export function findPostmaster(dataDir: string): PostmasterState {
  const found = readPostmasterPid(dataDir);
  if (!found) return existsSync(join(dataDir, "postmaster.pid")) ? { state: "stale", pid: 0 } : { state: "none" };
  return postgresAlive(found.pid) ? { state: "running", pid: found.pid, port: found.port } : { state: "stale", pid: found.pid };
}

/** Removes the pid file of a postmaster that is dead (PostgreSQL refuses to start while a live-looking one is there). */
export function removeStalePidFile(dataDir: string): boolean {
  const found = findPostmaster(dataDir);
  if (found.state !== "stale") return false;
  rmSync(join(dataDir, "postmaster.pid"), { force: true });
  return true;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Waits until the process is gone; answers whether it went within `ms`. */
export async function waitGone(pid: number, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (postgresAlive(pid)) {
    if (Date.now() > until) return false;
    await sleep(100);
  }
  return true;
}

/**
 * Stops the postmaster running on the folder: fast shutdown (SIGINT: sessions end, transactions
 * roll back, a checkpoint is written), then immediate (SIGQUIT) and SIGKILL if it does not go.
 */
export async function stopPostmaster(dataDir: string, graceMs = 20_000): Promise<void> {
  const found = findPostmaster(dataDir);
  if (found.state !== "running") {
    removeStalePidFile(dataDir);
    return;
  }
  for (const [signal, ms] of [
    ["SIGINT", graceMs],
    ["SIGQUIT", 5000],
    ["SIGKILL", 5000],
  ] as const) {
    try {
      process.kill(found.pid, signal);
    } catch {
      break;
    }
    if (await waitGone(found.pid, ms)) break;
  }
  removeStalePidFile(dataDir);
}

export interface Supervised {
  /** The server's URL (the port stays the same across restarts). */
  url: string;
  port: number;
  /** Stops watching, then stops the server. */
  stop: () => Promise<void>;
}

/**
 * Watches the embedded server of `dataDir` every `everyMs` (default 1 s) and, when its postmaster
 * is gone (crashed, killed), starts it again on the same port with `restart` — retrying with a
 * growing pause (up to 10 s) while it cannot (the port taken, old processes still holding the
 * shared memory). Requests in the meantime get 503; the pool connects again by itself.
 */
export function superviseEmbedded(
  first: { url: string; port: number; stop: () => Promise<void> },
  dataDir: string,
  restart: () => Promise<{ url: string; port: number; stop: () => Promise<void> }>,
  opts: { everyMs?: number; log?: (line: string) => void } = {},
): Supervised {
  const everyMs = opts.everyMs ?? 1000;
  let current = first;
  let stopped = false;
  let failures = 0;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> = Promise.resolve();
  const check = async () => {
    if (stopped) return;
    if (findPostmaster(dataDir).state === "running") return;
    opts.log?.(`embedded PostgreSQL (${dataDir}) is not running: starting it again on port ${current.port}`);
    try {
      current = await restart();
      opts.log?.(`embedded PostgreSQL is running again on port ${current.port}`);
      failures = 0;
    } catch (e) {
      failures++;
      opts.log?.(`embedded PostgreSQL did not start (attempt ${failures}): ${(e as Error).message}`);
    }
  };
  const schedule = () => {
    if (stopped) return;
    const wait = failures === 0 ? everyMs : Math.min(10_000, everyMs * 2 ** failures);
    timer = setTimeout(() => {
      running = check().finally(schedule);
    }, wait);
    timer.unref();
  };
  schedule();
  return {
    url: first.url,
    port: first.port,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
      await current.stop();
    },
  };
}
