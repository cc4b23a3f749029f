/** Savepoints: a part of a transaction that can fail and be undone while the transaction goes on. */
import type { Queryable } from "../db.ts";

let counter = 0;

/**
 * Runs fn inside a savepoint: on success the savepoint is released; on failure the changes of fn
 * are undone (the transaction stays usable) and the error is thrown again.
 */
export async function withSavepoint<T>(q: Queryable, fn: () => Promise<T>): Promise<T> {
  const name = `sp_${++counter}`;
  await q.query(`SAVEPOINT ${name}`);
  try {
    const r = await fn();
    await q.query(`RELEASE SAVEPOINT ${name}`);
    return r;
  } catch (e) {
    await q.query(`ROLLBACK TO SAVEPOINT ${name}`);
    throw e;
  }
}
