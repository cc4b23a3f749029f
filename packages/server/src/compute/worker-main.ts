/**
 * A compute worker (pool.ts): runs the tasks it is sent one at a time and posts back each result
 * (a rendered file's bytes are transferred, not copied). It stays up between tasks.
 */
import { parentPort } from "node:worker_threads";
import { TASKS, type Job, type Reply } from "./tasks.ts";

async function handle(job: Job): Promise<void> {
  let reply: Reply;
  try {
    const run = TASKS[job.task] as (input: unknown) => Promise<unknown>;
    reply = { id: job.id, ok: true, output: await run(job.input) };
  } catch (e) {
    const err = e as Error;
    reply = { id: job.id, ok: false, message: err?.message ?? String(e), name: err?.name ?? "Error" };
  }
  const out = reply.ok ? (reply.output as { buffer?: unknown }) : null;
  const transfer = out && out.buffer instanceof Uint8Array ? [out.buffer.buffer as ArrayBuffer] : [];
  parentPort!.postMessage(reply, transfer);
}

parentPort!.on("message", (job: Job) => void handle(job));
parentPort!.postMessage({ ready: true });
