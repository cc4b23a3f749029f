/**
 * zod without its compiled fast path: it would probe `new Function`, which the app's
 * Content-Security-Policy (script-src 'self') refuses and reports as a violation. Must run before
 * any schema is built: import the contracts only through `lib/contracts.ts`, which imports this first.
 */
import { config } from "zod";

config({ jitless: true });
