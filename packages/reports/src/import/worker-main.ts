/** The import worker: parses one uploaded file and posts back what it describes (isolated.ts). */
import { parentPort, workerData } from "node:worker_threads";
import { parseProgramFile } from "./index.ts";
import type { WorkerRequest, WorkerReply } from "./isolated.ts";

const req = workerData as WorkerRequest;
let reply: WorkerReply;
try {
  const parsed = await parseProgramFile(Buffer.from(req.content), req.filename, req.current, req.context, req.limits);
  reply = { ok: true, parsed };
} catch (e) {
  reply = { ok: false, message: (e as Error)?.message ?? String(e) };
}
// one message: the document and the origins keyed by its items keep their identity when cloned
parentPort!.postMessage(reply);
