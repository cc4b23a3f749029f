/** Opening Orientir's database for a command: resolve, migrate, and close again. */
import { Db, migrate, resolveDatabase, type DatabaseHandle } from "@orientir/db";
import { createContext, type AppContext } from "@orientir/app";

export interface Opened {
  ctx: AppContext;
  handle: DatabaseHandle;
  close(): Promise<void>;
}

export async function openDatabase(log: (m: string) => void, opts: { poolSize?: number } = {}): Promise<Opened> {
  const handle = await resolveDatabase({ log });
  const applied = await migrate(handle.url, log);
  if (applied.length) log(`migrations applied: ${applied.join(", ")}`);
  const db = new Db(handle.url, { max: opts.poolSize ?? 10 });
  return {
    ctx: createContext(db),
    handle,
    async close() {
      await db.close();
      await handle.stop();
    },
  };
}
