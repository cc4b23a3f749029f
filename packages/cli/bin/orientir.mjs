#!/usr/bin/env node
// `npx orientir …`: runs the TypeScript sources through tsx, on Node 20 and 22 alike.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../src/main.ts");
const code = await main(process.argv.slice(2));
process.exitCode = code;
