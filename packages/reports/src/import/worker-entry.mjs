// The entry of the import worker (isolated.ts): the sources are TypeScript, run through tsx both
// under the CLI (bin/orientir.mjs) and under vitest, whose transform does not reach a worker.
import { register } from "tsx/esm/api";

register();
await import("./worker-main.ts");
