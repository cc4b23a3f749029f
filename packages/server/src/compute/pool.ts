/**
 * A small pool of worker threads for CPU-heavy work (issue 16, part 5): the ranking of a
 * municipality's programs, the consolidated report's evaluation and the rendering of forms run
 * there, so that the event loop keeps answering other requests meanwhile. Workers start on first
 * use, at most `size` of them (ORIENTIR_COMPUTE_WORKERS; default: the cores but one, 1 to 4); a
 * task waits for a free worker. An idle worker does not keep the process alive. A worker that
 * dies fails its task (a 500, the server goes on) and is replaced on the next task.
 *
 * Started by URL: from the TypeScript sources through worker-entry.mjs (tsx), from the bundle
 * through its own bundled entry (scripts/build-server.mjs rewrites the URL below).
 */
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { renderForm, type FormDocument, type Format, type RenderedFile } from "@orientir/reports";
import type { Job, Reply, TaskInput, TaskName, TaskOutput } from "./tasks.ts";

interface Slot {
  worker: Worker;
  ready: Promise<void>;
  busy: boolean;
  settle?: (r: Reply) => void;
}

export interface ComputePool {
  run<K extends TaskName>(task: K, input: TaskInput<K>): Promise<TaskOutput<K>>;
  /** Workers alive, tasks running and waiting (for tests and the benchmark). */
  load(): { workers: number; running: number; waiting: number };
  close(): Promise<void>;
}

/** The default size: the cores but one (the event loop's), at least 1, at most 4; ORIENTIR_COMPUTE_WORKERS overrides. */
export function computeWorkers(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.ORIENTIR_COMPUTE_WORKERS);
  if (env.ORIENTIR_COMPUTE_WORKERS && Number.isInteger(n) && n >= 1) return n;
  return Math.min(4, Math.max(1, availableParallelism() - 1));
}

export function createComputePool(size = computeWorkers()): ComputePool {
  const slots = new Set<Slot>();
  const waiting: (() => void)[] = [];
  let nextId = 1;
  let running = 0;

  const spawn = (): Slot => {
    const worker = new Worker(new URL("./worker-entry.mjs", import.meta.url), { stdout: true, stderr: true });
    worker.stdout.resume();
    worker.stderr.resume();
    worker.unref();
    let started!: () => void;
    let failed!: (e: Error) => void;
    const slot: Slot = { worker, busy: false, ready: new Promise<void>((res, rej) => ((started = res), (failed = rej))) };
    slot.ready.catch(() => {});
    const lost = (e: Error) => {
      slots.delete(slot);
      failed(e);
      const settle = slot.settle;
      slot.settle = undefined;
      settle?.({ id: 0, ok: false, message: `the compute worker stopped: ${e.message}`, name: "Error" });
    };
    worker.on("message", (m: Reply | { ready: true }) => {
      if ("ready" in m) return started();
      const settle = slot.settle;
      slot.settle = undefined;
      settle?.(m);
    });
    worker.on("error", lost);
    worker.on("exit", (code) => lost(new Error(`exit code ${code}`)));
    slots.add(slot);
    return slot;
  };

  const take = async (): Promise<Slot> => {
    for (;;) {
      for (const s of slots) if (!s.busy) return s;
      if (slots.size < size) return spawn();
      await new Promise<void>((resolve) => waiting.push(resolve));
    }
  };

  return {
    async run<K extends TaskName>(task: K, input: TaskInput<K>): Promise<TaskOutput<K>> {
      const slot = await take();
      slot.busy = true;
      running++;
      try {
        await slot.ready;
        const id = nextId++;
        const reply = await new Promise<Reply>((resolve) => {
          slot.settle = resolve;
          slot.worker.ref(); // a task in flight keeps the process alive until it answers
          slot.worker.postMessage({ id, task, input } satisfies Job);
        });
        if (!reply.ok) throw Object.assign(new Error(reply.message), { name: reply.name });
        return reply.output as TaskOutput<K>;
      } finally {
        slot.worker.unref();
        slot.busy = false;
        running--;
        waiting.shift()?.();
      }
    },
    load: () => ({ workers: slots.size, running, waiting: waiting.length }),
    async close() {
      const all = [...slots];
      slots.clear();
      await Promise.all(all.map((s) => s.worker.terminate()));
    },
  };
}

let shared: ComputePool | undefined;

/** The process's pool (made on first use); null when ORIENTIR_COMPUTE_WORKERS=0 (everything in the calling thread). */
export function computePool(env: NodeJS.ProcessEnv = process.env): ComputePool | null {
  if (env.ORIENTIR_COMPUTE_WORKERS === "0") return null;
  return (shared ??= createComputePool());
}

/** A form rendered in a worker of the pool (or here, without one). */
export async function renderInPool(doc: FormDocument, format: Format): Promise<RenderedFile> {
  const pool = computePool();
  if (!pool) return renderForm(doc, format);
  const r = await pool.run("render", { doc, format });
  return { ...r, buffer: Buffer.from(r.buffer.buffer, r.buffer.byteOffset, r.buffer.byteLength) };
}
