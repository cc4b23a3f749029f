/**
 * Parsing an uploaded file off the request path: in a worker thread with its own heap limit and a
 * deadline, so that a file the limits of workbook.ts did not foresee can exhaust only the worker,
 * never the server. A worker that runs out of memory, overruns its time or fails gives the upload
 * one clear issue (a 400 for the route), and the server goes on answering. Workers run a few at a
 * time and are kept warm for the next upload while idle; more uploads wait their turn, and past a
 * queue's length are refused.
 */
import { Worker } from "node:worker_threads";
import type { ProgramDocument } from "@orientir/domain";
import type { FormContext } from "../forms/common.ts";
import type { ParsedProgram } from "./plain.ts";
import { DEFAULT_IMPORT_LIMITS, type ImportIssue, type ImportLimits } from "./workbook.ts";

export interface IsolationOptions {
  /** The worker's old-generation heap, MB. */
  maxMemoryMb: number;
  /** Time for one file, from the start of its worker, ms. */
  timeoutMs: number;
  /** Workers at once. */
  concurrency: number;
  /** Uploads waiting for a worker; one more is refused. */
  maxQueue: number;
}

export const DEFAULT_ISOLATION: IsolationOptions = { maxMemoryMb: 512, timeoutMs: 30_000, concurrency: 2, maxQueue: 16 };

/** The defaults, with the deployment's settings: ORIENTIR_IMPORT_MEMORY_MB, ORIENTIR_IMPORT_TIMEOUT_MS, ORIENTIR_IMPORT_WORKERS. */
export function isolationSettings(env: NodeJS.ProcessEnv = process.env): IsolationOptions {
  const num = (v: string | undefined, d: number, min: number) => {
    const n = Number(v);
    return v !== undefined && v !== "" && Number.isInteger(n) && n >= min ? n : d;
  };
  return {
    ...DEFAULT_ISOLATION,
    maxMemoryMb: num(env.ORIENTIR_IMPORT_MEMORY_MB, DEFAULT_ISOLATION.maxMemoryMb, 16),
    timeoutMs: num(env.ORIENTIR_IMPORT_TIMEOUT_MS, DEFAULT_ISOLATION.timeoutMs, 10),
    concurrency: num(env.ORIENTIR_IMPORT_WORKERS, DEFAULT_ISOLATION.concurrency, 1),
  };
}

/** What the worker is given. */
export interface WorkerRequest {
  content: Uint8Array;
  filename: string | null | undefined;
  current: ProgramDocument;
  context: FormContext;
  limits: ImportLimits;
}

export interface WorkerJob {
  id: number;
  request: WorkerRequest;
}

export type WorkerReply = { id: number; ok: true; parsed: ParsedProgram } | { id: number; ok: false; message: string };

/** How long an idle worker is kept for the next upload, ms. */
const IDLE_MS = 60_000;

interface Pooled {
  worker: Worker;
  memoryMb: number;
  idle: boolean;
  idleTimer?: NodeJS.Timeout;
  /** The job it runs: where its answer goes. */
  job?: { id: number; settle: (r: ParsedProgram) => void };
}

const pool = new Set<Pooled>();
let nextJob = 1;
let running = 0;
const waiting: (() => void)[] = [];

async function slot(o: IsolationOptions): Promise<boolean> {
  if (running < o.concurrency) {
    running++;
    return true;
  }
  if (waiting.length >= o.maxQueue) return false;
  await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  return true;
}

function release(): void {
  running--;
  waiting.shift()?.();
}

const failed = (current: ProgramDocument, reason: string): ParsedProgram => ({
  layout: "unknown",
  document: current,
  present: [],
  deleteMissing: false,
  origins: new Map(),
  issues: [{ sheet: "", row: 0, column: "", reason } satisfies ImportIssue],
});

/** Uploads being parsed in workers now, waiting, and the workers alive (for tests and the health of the service). */
export const isolationLoad = () => ({ running, waiting: waiting.length, workers: pool.size });

/** Ends a worker and forgets it; the job it ran, if any, gets `reason`. */
function discard(p: Pooled, current: ProgramDocument | null, reason: string): void {
  pool.delete(p);
  clearTimeout(p.idleTimer);
  const job = p.job;
  p.job = undefined;
  void p.worker.terminate();
  if (job && current) job.settle(failed(current, reason));
}

function spawn(memoryMb: number): Pooled {
  const worker = new Worker(new URL("./worker-entry.mjs", import.meta.url), {
    resourceLimits: {
      maxOldGenerationSizeMb: memoryMb,
      maxYoungGenerationSizeMb: Math.min(64, Math.max(8, Math.round(memoryMb / 8))),
      stackSizeMb: 4,
    },
    // the worker's output is not the server's log
    stdout: true,
    stderr: true,
  });
  worker.stdout.resume();
  worker.stderr.resume();
  const p: Pooled = { worker, memoryMb, idle: false };
  // an idle worker that fails or ends is forgotten (a busy one: its job's listeners answer the upload)
  worker.on("error", () => {
    if (!p.job) discard(p, null, "");
  });
  worker.on("exit", () => {
    if (!p.job) discard(p, null, "");
  });
  pool.add(p);
  return p;
}

/** An idle worker with this heap limit, or a new one. */
function take(memoryMb: number): Pooled {
  for (const p of pool) {
    if (p.idle && p.memoryMb === memoryMb) {
      p.idle = false;
      clearTimeout(p.idleTimer);
      p.worker.ref();
      return p;
    }
  }
  return spawn(memoryMb);
}

function giveBack(p: Pooled): void {
  p.idle = true;
  p.worker.unref(); // an idle worker does not keep the process alive
  p.idleTimer = setTimeout(() => discard(p, null, ""), IDLE_MS);
  p.idleTimer.unref();
}

/**
 * parseProgramFile (index.ts) in a worker thread: the same result, or a file-level issue when the
 * worker runs out of memory or time. Workers are kept for the next upload while idle; a worker
 * that failed is ended and never reused.
 */
export async function parseProgramFileIsolated(
  buf: Buffer,
  filename: string | null | undefined,
  current: ProgramDocument,
  context: FormContext = {},
  limits: ImportLimits = DEFAULT_IMPORT_LIMITS,
  options: Partial<IsolationOptions> = {},
): Promise<ParsedProgram> {
  const o = { ...isolationSettings(), ...options };
  if (!(await slot(o))) return failed(current, "Сервер занят разбором других файлов: повторите загрузку через минуту");
  try {
    return await new Promise<ParsedProgram>((resolve) => {
      const p = take(o.maxMemoryMb);
      const id = nextJob++;
      let done = false;
      const settle = (r: ParsedProgram) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        p.worker.off("message", onMessage);
        p.worker.off("error", onError);
        p.worker.off("exit", onExit);
        resolve(r);
      };
      p.job = { id, settle };
      const onMessage = (m: WorkerReply | { ready: true }) => {
        if (!("id" in m) || m.id !== id) return;
        p.job = undefined;
        giveBack(p);
        settle(m.ok ? m.parsed : failed(current, `Файл не читается: ${m.message}`));
      };
      const onError = (e: Error & { code?: string }) =>
        discard(
          p,
          current,
          e.code === "ERR_WORKER_OUT_OF_MEMORY"
            ? `Файлу не хватило памяти разбора (${o.maxMemoryMb} МБ): он слишком велик или сложен. Разделите его на части или удалите лишнее`
            : `Файл не читается: ${e.message}`,
        );
      const onExit = (code: number) => discard(p, current, `Разбор файла прерван (код ${code})`);
      const timer = setTimeout(
        () =>
          discard(
            p,
            current,
            `Файл не удалось разобрать за ${Math.round(o.timeoutMs / 1000)} с: он слишком сложен. Разделите его на части или удалите лишнее`,
          ),
        o.timeoutMs,
      );
      p.worker.on("message", onMessage);
      p.worker.on("error", onError);
      p.worker.on("exit", onExit);
      const job: WorkerJob = { id, request: { content: new Uint8Array(buf), filename, current, context, limits } };
      p.worker.postMessage(job);
    });
  } finally {
    release();
  }
}
