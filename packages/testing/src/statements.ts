/**
 * Counts what a piece of work asks of PostgreSQL through a pool (issue 16, part 2): every
 * statement sent on a connection of the pool, and the most connections it held at once. A hook on
 * the pool's clients, not a timer: tests assert a bound on the count, never a time.
 */
import type { Db } from "@orientir/db";

export interface StatementLog {
  /** Each statement's text, in the order sent (BEGIN and COMMIT included). */
  readonly statements: string[];
  /** The most connections of the pool checked out at the same time since the log started (or was reset). */
  readonly maxHeld: number;
  /** Statements other than BEGIN, COMMIT, ROLLBACK and the role's SET ROLE of a new connection. */
  work(): string[];
  reset(): void;
  stop(): void;
}

type Query = (...args: unknown[]) => unknown;
interface PoolClientLike {
  query: Query;
}

export function logStatements(db: Db): StatementLog {
  const pool = db.pool;
  const statements: string[] = [];
  let held = 0;
  let maxHeld = 0;
  let on = true;
  const wrapped = new WeakSet<object>();
  const wrap = (client: PoolClientLike) => {
    if (wrapped.has(client)) return;
    wrapped.add(client);
    const original = client.query;
    client.query = function (this: unknown, ...args: unknown[]) {
      const a = args[0];
      const text = typeof a === "string" ? a : a && typeof a === "object" && "text" in a ? String(a.text) : "";
      if (on) statements.push(text.trim());
      return original.apply(this, args);
    };
  };
  const onAcquire = (client: PoolClientLike) => {
    wrap(client);
    held++;
    if (on) maxHeld = Math.max(maxHeld, held);
  };
  const onRelease = () => {
    held--;
  };
  pool.on("acquire", onAcquire);
  pool.on("release", onRelease);
  return {
    statements,
    get maxHeld() {
      return maxHeld;
    },
    work: () => statements.filter((s) => !/^(BEGIN|COMMIT|ROLLBACK);?$/i.test(s) && !/^DO \$\$ BEGIN IF pg_has_role/.test(s)),
    reset() {
      statements.length = 0;
      maxHeld = held;
    },
    stop() {
      on = false;
      pool.off("acquire", onAcquire);
      pool.off("release", onRelease);
    },
  };
}
