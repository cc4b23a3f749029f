/**
 * Parsing an uploaded file off the request path: in a worker thread with its own heap limit and a
 * deadline, so that a file the limits of workbook.ts did not foresee can exhaust only the worker,
 * never the server. A worker that runs out of memory, overruns its time or fails gives the upload
 * one clear issue (a 400 for the route), and the server goes on answering. Workers run a few at a
 * time; more uploads wait their turn, and past a queue's length are refused.
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

export type WorkerReply = { ok: true; parsed: ParsedProgram } | { ok: false; message: string };

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
  layout: "unknown", document: current, present: [], deleteMissing: false, origins: new Map(), issues: [{ sheet: "", row: 0, column: "", reason } satisfies ImportIssue],
});

/** Uploads being parsed in workers now, and waiting (for the health of the service and tests). */
export const isolationLoad = () => ({ running, waiting: waiting.length });

/**
 * parseProgramFile (index.ts) in a worker thread: the same result, or a file-level issue when the
 * worker runs out of memory or time.
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
      const request: WorkerRequest = { content: new Uint8Array(buf), filename, current, context, limits };
      let done = false;
      const finish = (r: ParsedProgram) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        void worker.terminate();
        resolve(r);
      };
      const worker = new Worker(new URL("./worker-entry.mjs", import.meta.url), {
        workerData: request,
        resourceLimits: { maxOldGenerationSizeMb: o.maxMemoryMb, maxYoungGenerationSizeMb: Math.min(64, Math.max(8, Math.round(o.maxMemoryMb / 8))), stackSizeMb: 4 },
        // the worker's output is not the server's log
        stdout: true,
        stderr: true,
      });
      worker.stdout.resume();
      worker.stderr.resume();
      const timer = setTimeout(
        () => finish(failed(current, `Файл не удалось разобрать за ${Math.round(o.timeoutMs / 1000)} с: он слишком сложен. Разделите его на части или удалите лишнее`)),
        o.timeoutMs,
      );
      worker.on("message", (m: WorkerReply) => finish(m.ok ? m.parsed : failed(current, `Файл не читается: ${m.message}`)));
      worker.on("error", (e: Error & { code?: string }) =>
        finish(
          failed(
            current,
            e.code === "ERR_WORKER_OUT_OF_MEMORY"
              ? `Файлу не хватило памяти разбора (${o.maxMemoryMb} МБ): он слишком велик или сложен. Разделите его на части или удалите лишнее`
              : `Файл не читается: ${e.message}`,
          ),
        ),
      );
      worker.on("exit", (code) => finish(failed(current, `Разбор файла прерван (код ${code})`)));
    });
  } finally {
    release();
  }
}
