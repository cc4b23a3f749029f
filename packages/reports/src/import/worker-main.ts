/**
 * The import worker (isolated.ts): parses the uploaded files it is sent, one at a time, and posts
 * back what each describes. It stays up between files, so that an upload does not pay for loading
 * the parser; one that runs out of memory or time is ended by the server and replaced.
 */
import { parentPort } from "node:worker_threads";
import { parseProgramFile } from "./index.ts";
import type { WorkerJob, WorkerReply } from "./isolated.ts";

async function handle(job: WorkerJob): Promise<void> {
  const req = job.request;
  let reply: WorkerReply;
  try {
    const parsed = await parseProgramFile(Buffer.from(req.content), req.filename, req.current, req.context, req.limits);
    reply = { id: job.id, ok: true, parsed };
  } catch (e) {
    reply = { id: job.id, ok: false, message: (e as Error)?.message ?? String(e) };
  }
  // one message: the document and the origins keyed by its items keep their identity when cloned
  parentPort!.postMessage(reply);
}

parentPort!.on("message", (job: WorkerJob) => void handle(job));
parentPort!.postMessage({ ready: true });
