/** Opening Orientir's database for a command: resolve, migrate, and close again. */
import { Db, migrate, resolveDatabase, type DatabaseHandle } from "@orientir/db";
import { configFromEnv, createContext, operatorCaller, programIdByCode, type AppContext, type Caller } from "@orientir/app";
import { ValidationError } from "@orientir/domain";
import type { IO } from "./main.ts";

export interface Opened {
  ctx: AppContext;
  handle: DatabaseHandle;
  close(): Promise<void>;
}

export async function openDatabase(log: (m: string) => void, opts: { poolSize?: number; supervise?: boolean } = {}): Promise<Opened> {
  const handle = await resolveDatabase({ log, supervise: opts.supervise });
  const applied = await migrate(handle.url, log);
  if (applied.length) log(`migrations applied: ${applied.join(", ")}`);
  // migrations as the owner (above), the application as its own role
  const db = new Db(handle.appUrl, { max: opts.poolSize ?? 10 });
  return {
    ctx: createContext(db, configFromEnv(process.env)),
    handle,
    async close() {
      await db.close();
      await handle.stop();
    },
  };
}

/** Runs fn on the database opened for it (logging to `log`, by default nowhere), and closes it after. */
export async function withDatabase<T>(fn: (ctx: AppContext) => Promise<T>, log: (m: string) => void = () => {}): Promise<T> {
  const opened = await openDatabase(log);
  try {
    return await fn(opened.ctx);
  } finally {
    await opened.close();
  }
}

/** Runs fn; a ValidationError it throws is printed as one line "error: PATH: message" per issue, exit code 1. */
export async function issuesAsErrors(io: Pick<IO, "err">, fn: () => Promise<number>): Promise<number> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof ValidationError) {
      for (const i of e.issues) io.err(`error: ${i.path}: ${i.message}`);
      return 1;
    }
    throw e;
  }
}

/** The caller a command acts as (the operator of the municipality NAME, or of the only one) and its program CODE. */
export async function programByCode(
  ctx: AppContext,
  municipality: string | undefined,
  code: string,
): Promise<{ caller: Caller; id: string }> {
  const caller = await operatorCaller(ctx.db, municipality);
  return { caller, id: await programIdByCode(ctx, caller, code) };
}
