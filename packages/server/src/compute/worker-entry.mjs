// The entry of the compute worker (pool.ts) when the sources run as TypeScript (tsx: the CLI from
// its sources, vitest, whose transform does not reach a worker). The bundle starts its own entry.
import { register } from "tsx/esm/api";

register();
await import("./worker-main.ts");
