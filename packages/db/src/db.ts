/** The connection pool and transactions. The data layer is the only code that speaks SQL. */
import { AsyncLocalStorage } from "node:async_hooks";
import pg from "pg";
import { ConflictError, NotFoundError, RuleError, ValidationError, camel } from "@orientir/domain";
import { isConnectionLost, unavailableOr } from "./faults.ts";
import { Notices } from "./notices.ts";

// Plans have dates, not timestamps: a `date` column comes back as "YYYY-MM-DD", never a JS Date.
pg.types.setTypeParser(1082, (v: string) => v);
// bigint counts come back as numbers (they are small here); numeric stays a decimal string.
pg.types.setTypeParser(20, (v: string) => Number(v));

/** The role the application acts as (see migration 0002). */
export const APP_ROLE = "orientir_app";

/** What a query answers: its rows (typed by the caller, from schema.generated.ts) and how many it touched. */
export interface QueryResult<R> {
  rows: R[];
  rowCount: number | null;
}

/**
 * Runs SQL. A caller that reads the rows names their type (`query<Pick<AppUserTable, "login">>`);
 * unnamed, a row's values are `unknown`.
 */
export interface Queryable {
  query<R extends object = Record<string, unknown>>(text: string, values?: unknown[]): Promise<QueryResult<R>>;
}

/**
 * Runs SQL, and gives a statement's rows one at a time as they arrive (`stream`): the caller works on
 * the first while PostgreSQL computes the next.
 */
export interface Streamable extends Queryable {
  /**
   * The rows of one statement (each an array of its values, in the order of its columns) as they
   * arrive. The statement runs to its end whatever the caller does: rows not yet taken wait in
   * memory; a caller that stops early leaves them. Its failure is thrown where the caller has got to.
   */
  stream(text: string, values?: unknown[]): AsyncGenerator<unknown[]>;
}

/** A row `stream` has handed on, in place of it. */
const GIVEN: unknown[] = [];

/** One request's reads: they run one at a time, so a request holds one connection for them (and one for its transaction). */
interface RequestScope {
  turn: Promise<unknown>;
}

export class Db implements Streamable {
  readonly pool: pg.Pool;
  private readonly scopes = new AsyncLocalStorage<RequestScope>();

  /**
   * Runs fn as one request: the reads it makes outside a transaction (`db.query`, even when issued
   * together with Promise.all) go to PostgreSQL one after another, so that the request holds at
   * most one pool connection for them and one for its transaction (`tx`) — never the whole pool.
   */
  scoped<T>(fn: () => Promise<T>): Promise<T> {
    if (this.scopes.getStore()) return fn();
    return this.scopes.run({ turn: Promise.resolve() }, fn);
  }

  constructor(
    readonly url: string,
    opts: { max?: number; role?: string | null } = {},
  ) {
    this.pool = new pg.Pool({ connectionString: url, max: opts.max ?? 10, ...POOL_RESILIENCE });
    this.pool.on("error", () => {
      /* an idle client lost its connection; the pool replaces it */
    });
    this.role = opts.role === undefined ? APP_ROLE : opts.role;
  }

  private readonly role: string | null;
  private noticesOf: Notices | null = null;

  /** The database's notices (LISTEN/NOTIFY), on a connection of their own opened at the first subscription. */
  get notices(): Notices {
    return (this.noticesOf ??= new Notices(this.url));
  }
  private readonly prepared = new WeakSet<pg.PoolClient>();

  private readonly watched = new WeakSet<pg.PoolClient>();

  /**
   * A checked-out client whose connection dies emits `error`: without a listener that would end
   * the process. The query in flight fails by itself; the client is dropped when released.
   */
  private watch(client: pg.PoolClient): pg.PoolClient {
    if (!this.watched.has(client)) {
      this.watched.add(client);
      client.on("error", () => {});
    }
    return client;
  }

  /** acquire(), with a refused or lost connection answered as UnavailableError. */
  private async connect(): Promise<pg.PoolClient> {
    try {
      return await this.acquire();
    } catch (e) {
      throw translatePgError(e);
    }
  }

  /** A client of the pool acting as the application's role (where it exists and we may take it). */
  private async acquire(): Promise<pg.PoolClient> {
    const client = this.watch(await this.pool.connect());
    if (this.role && !this.prepared.has(client)) {
      try {
        await client.query(
          `DO $$ BEGIN IF pg_has_role(current_user, '${this.role}', 'MEMBER') THEN SET ROLE ${this.role}; END IF; EXCEPTION WHEN undefined_object THEN NULL; END $$`,
        );
      } catch (e) {
        client.release(e as Error);
        throw e;
      }
      this.prepared.add(client);
    }
    return client;
  }

  query<R extends object = Record<string, unknown>>(text: string, values?: unknown[]): Promise<QueryResult<R>> {
    const scope = this.scopes.getStore();
    if (!scope) return this.queryOnce<R>(text, values);
    const run = scope.turn.then(() => this.queryOnce<R>(text, values));
    scope.turn = run.catch(() => {});
    return run;
  }

  async *stream(text: string, values?: unknown[]): AsyncGenerator<unknown[]> {
    const rows: unknown[][] = [];
    let taken = 0;
    const state: { done: boolean; failed: boolean; error?: unknown } = { done: false, failed: false };
    let wake: (() => void) | null = null;
    const signal = () => {
      const w = wake;
      wake = null;
      w?.();
    };
    const run = async (): Promise<void> => {
      const client = await this.connect();
      let lost: Error | undefined;
      try {
        await new Promise<void>((resolve, reject) => {
          const config: pg.QueryArrayConfig = { text, values, rowMode: "array" };
          const query = new pg.Query(config);
          query.on("row", (row: unknown[]) => {
            rows.push(row);
            signal();
          });
          query.on("end", () => resolve());
          query.on("error", reject);
          void client.query(query);
        });
      } catch (e) {
        if (isConnectionLost(e)) lost = e as Error;
        throw translatePgError(e);
      } finally {
        client.release(lost);
      }
    };
    // in a request's scope, after its reads before it and before those after it (one connection at a time)
    const scope = this.scopes.getStore();
    const running = scope ? scope.turn.then(run) : run();
    if (scope) scope.turn = running.catch(() => {});
    running.then(
      () => {
        state.done = true;
        signal();
      },
      (error: unknown) => {
        state.done = true;
        state.failed = true;
        state.error = error;
        signal();
      },
    );
    for (;;) {
      if (taken < rows.length) {
        const row = rows[taken]!;
        rows[taken++] = GIVEN; // not kept for the rest of the statement
        yield row;
        continue;
      }
      if (state.done) {
        if (state.failed) throw state.error;
        return;
      }
      await new Promise<void>((resolve) => (wake = resolve));
    }
  }

  private async queryOnce<R extends object>(text: string, values?: unknown[]): Promise<QueryResult<R>> {
    const client = await this.connect();
    let lost: Error | undefined;
    try {
      return await client.query(text, values);
    } catch (e) {
      if (isConnectionLost(e)) lost = e as Error;
      throw translatePgError(e);
    } finally {
      client.release(lost);
    }
  }

  /**
   * Runs fn in one transaction: everything it writes lands together or not at all.
   * `beginWithFirst`: the BEGIN goes out with fn's first statement in one message when that one has
   * no parameters (the simple query protocol; values quoted as literals) — one round trip less for a
   * short transaction (a PATCH, issue 16 part 7); with parameters it is sent on its own before it.
   */
  async tx<T>(fn: (q: Queryable) => Promise<T>, opts: { beginWithFirst?: boolean } = {}): Promise<T> {
    const client = await this.connect();
    // whether BEGIN has been sent (at once, or with the first statement)
    let begun = !opts.beginWithFirst;
    // the first statement's text with the BEGIN before it (when it has no parameters), or the BEGIN alone first
    const withBegin = async (text: string, values: unknown[] | undefined): Promise<unknown> => {
      if (begun) return client.query(text, values);
      begun = true;
      if (values?.length) {
        await client.query("BEGIN");
        return client.query(text, values);
      }
      const all = resultsOf(await client.query(`BEGIN;\n${text}`)).slice(1);
      return all.length === 1 ? all[0] : all;
    };
    // the connection lost midway: the server rolls the transaction back; the client is dropped
    let lost: Error | undefined;
    // One connection runs one query at a time: queries issued together (Promise.all) wait their turn.
    let turn: Promise<unknown> = Promise.resolve();
    // committed by the fn's last round trip (commitWith): nothing more may run in it, no COMMIT after
    let committed = false;
    const hooks: (() => void)[] = [];
    const q: Queryable = {
      query: <R extends object>(text: string, values?: unknown[]) => {
        if (committed) return Promise.reject(new Error("the transaction is already committed (commitWith)"));
        const run = turn.then(() => withBegin(text, values) as Promise<QueryResult<R>>);
        turn = run.catch(() => {});
        return run.catch((e) => {
          if (isConnectionLost(e)) lost = e as Error;
          throw translatePgError(e);
        });
      },
    };
    afterCommits.set(q, { db: this, hooks });
    finishers.set(q, async (text: string) => {
      if (committed) throw new Error("the transaction is already committed (commitWith)");
      const message = `${begun ? "" : "BEGIN;\n"}${text};\nCOMMIT`;
      begun = true;
      const run = turn.then(() => client.query(message));
      turn = run.catch(() => {});
      let r: unknown;
      try {
        r = await run;
      } catch (e) {
        if (isConnectionLost(e)) {
          lost = e as Error;
          throw unavailableOr(e, { duringCommit: true });
        }
        throw translatePgError(e);
      }
      committed = true;
      return resultsOf(r);
    });
    try {
      if (begun)
        await client.query("BEGIN").catch((e) => {
          if (isConnectionLost(e)) lost = e as Error;
          throw translatePgError(e);
        });
      const result = await fn(q);
      // nothing was sent (an early refusal): no transaction to end, nothing to tell
      if (!committed && !begun) return result;
      if (!committed)
        await client.query("COMMIT").catch((e) => {
          // lost during COMMIT: whether it was saved is not known, and the answer says so
          if (isConnectionLost(e)) {
            lost = e as Error;
            throw unavailableOr(e, { duringCommit: true });
          }
          throw translatePgError(e);
        });
      for (const h of hooks) h();
      return result;
    } catch (e) {
      if (!lost && begun) await client.query("ROLLBACK").catch(() => {});
      throw e;
    } finally {
      client.release(lost);
    }
  }

  async close(): Promise<void> {
    await this.noticesOf?.close();
    await this.pool.end();
  }
}

/** The transactions' own Queryables (Db.tx): their database, and what runs once they have committed. */
const afterCommits = new WeakMap<Queryable, { db: Db; hooks: (() => void)[] | null }>();

/** A wrapper of a transaction's Queryable (a read cache) runs its after-commit work as the transaction's own. */
export function sameTransaction(wrapper: Queryable, inner: Queryable): void {
  const tx = afterCommits.get(inner);
  if (tx) afterCommits.set(wrapper, tx);
  else if (inner instanceof Db) afterCommits.set(wrapper, { db: inner, hooks: null });
}

/**
 * Tells this process's listeners of `channel` (see Notices) once the change made through `q` has
 * committed: at once when `q` is the database itself, after the COMMIT inside `Db.tx`, never if it
 * rolls back. Other processes learn it from the NOTIFY the tables' triggers send.
 */
export function announce(q: Queryable, channel: string, payload: string | null): void {
  if (q instanceof Db) return q.notices.local(channel, payload);
  const tx = afterCommits.get(q);
  if (!tx) return;
  if (tx.hooks) tx.hooks.push(() => tx.db.notices.local(channel, payload));
  else tx.db.notices.local(channel, payload);
}

/** The transactions' own Queryables (Db.tx), each with its way to send its last statements with its COMMIT. */
const finishers = new WeakMap<Queryable, (text: string) => Promise<QueryResult<Record<string, unknown>>[]>>();

/**
 * Sends `text` — the transaction's last statements, with no parameters (values already quoted as
 * literals), several separated by `;` — and the COMMIT in ONE round trip (the simple query protocol),
 * so that locks taken there (the audit chain's) are held only while PostgreSQL runs them, not over
 * a round trip to Node and back. Each statement takes its own snapshot (READ COMMITTED), so one may
 * read what another transaction committed while an earlier one waited for a lock. Nothing may run
 * in the transaction after it; `tx` then sends no COMMIT of its own. Outside `Db.tx` (a wrapper of
 * its Queryable, a plain connection) the text runs without the COMMIT, and the caller's transaction
 * commits as usual. Answers whether it committed.
 */
export async function commitWith(
  q: Queryable,
  text: string,
): Promise<{ committed: boolean; results: QueryResult<Record<string, unknown>>[] }> {
  const finish = finishers.get(q);
  if (!finish) return { committed: false, results: resultsOf(await q.query(text)) };
  const results = await finish(text);
  // the last result is the COMMIT's
  return { committed: true, results: results.slice(0, -1) };
}

/** node-pg answers a message of several statements with one result each, of one statement with the result. */
function resultsOf(r: unknown): QueryResult<Record<string, unknown>>[] {
  return Array.isArray(r) ? (r as QueryResult<Record<string, unknown>>[]) : [r as QueryResult<Record<string, unknown>>];
}

/**
 * The pool facing a database that may go away: TCP keep-alive finds a dead peer, and a connection
 * (or a free client of a full pool) that does not come within 30 s is an UnavailableError, not a
 * request waiting forever.
 */
const POOL_RESILIENCE = { keepAlive: true, connectionTimeoutMillis: 30_000 } as const;

const CONSTRAINT_MESSAGES: [RegExp, string][] = [];

/** The SQLSTATE behind a domain error made from PostgreSQL's (translatePgError). */
const sqlStates = new WeakMap<object, string>();

/**
 * The SQLSTATE of a database error, also once translated into the domain's (a unique key's 23505
 * behind its ConflictError): what a caller that retries differently on an integrity error asks.
 */
export function sqlStateOf(e: unknown): string | undefined {
  if (typeof e !== "object" || e === null) return undefined;
  const code = sqlStates.get(e) ?? (e as { code?: unknown }).code;
  return typeof code === "string" ? code : undefined;
}

/** Maps PostgreSQL's errors to the domain's, with messages a person understands. */
export function translatePgError(e: unknown): unknown {
  const translated = translatePgErrorOnce(e);
  const code = (e as { code?: unknown } | null)?.code;
  if (translated !== e && typeof translated === "object" && translated !== null && typeof code === "string")
    sqlStates.set(translated, code);
  return translated;
}

function translatePgErrorOnce(e: unknown): unknown {
  if (isConnectionLost(e)) return unavailableOr(e);
  const err = e as { code?: string; constraint?: string; detail?: string; table?: string; column?: string; message?: string };
  if (!err || typeof err !== "object" || !err.code) return e;
  switch (err.code) {
    case "23505": {
      const m = /Key \((.+)\)=\((.+)\) already exists/.exec(err.detail ?? "");
      const fields = m ? m[1]!.split(", ").filter((c) => !c.endsWith("_id")) : [];
      return new ConflictError(
        `Такая запись уже есть${fields.length ? ` (совпадает: ${fields.join(", ")}${m ? ` = ${m[2]!.split(", ").slice(-fields.length).join(", ")}` : ""})` : ""}`,
      );
    }
    case "23503":
      if (/update or delete/.test(err.message ?? "")) {
        return new ConflictError(`Запись используется в других данных (${err.table ?? ""}) и не может быть удалена`);
      }
      return new NotFoundError("связанная запись");
    case "23514": {
      // a value outside what its column allows is bad input (400) naming the field, not a conflict
      const field = columnOfCheck(err);
      let msg = `Недопустимое значение${field ? ` поля ${field}` : ""} (ограничение ${err.constraint ?? ""})`;
      for (const [re, m] of CONSTRAINT_MESSAGES) if (re.test(err.constraint ?? "")) msg = m;
      return new ValidationError([{ path: field ?? "", message: msg }], field ? undefined : msg);
    }
    case "23502": {
      const field = err.column ? camel(err.column) : "";
      return new ValidationError([{ path: field, message: `Поле ${field} обязательно`, messageEn: `Field ${field} is required` }]);
    }
    case "OV001":
      // migration 0004: an approved version of a program is never changed or deleted
      return new RuleError(
        "Утвержденная редакция программы не изменяется и не удаляется: изменения вносятся только новой редакцией, утвержденной постановлением (220-п, пп. 4.4, 4.14)",
        "220-п 4.14",
      );
    default:
      // class 22, data exceptions (22021 NUL in text, 22003 number out of range, 22007/22008 bad
      // date or time, 22P02 bad syntax, 22001 too long, 22P05 untranslatable character …): the
      // input's fault, a 400 — a safety net under the schemas and the domain's checks
      if (err.code.startsWith("22")) {
        const field = err.column ? camel(err.column) : "";
        const msg = `Недопустимое значение: ${dataErrorText(err.code)}`;
        return new ValidationError(
          [{ path: field, message: msg, messageEn: `Invalid value: ${err.message ?? err.code}` }],
          field ? undefined : msg,
        );
      }
      return e;
  }
}

/** The column of a violated CHECK constraint named by PostgreSQL's default `<table>_<column>_check`. */
function columnOfCheck(err: { constraint?: string; table?: string; column?: string }): string | null {
  if (err.column) return camel(err.column);
  const c = err.constraint ?? "";
  if (err.table && c.startsWith(`${err.table}_`) && c.endsWith("_check")) {
    const col = c.slice(err.table.length + 1, -"_check".length);
    return col ? camel(col) : null;
  }
  return null;
}

function dataErrorText(code: string): string {
  switch (code) {
    case "22021":
    case "22P05":
      return "текст содержит недопустимый символ";
    case "22003":
      return "число вне допустимого диапазона";
    case "22007":
    case "22008":
      return "неверная дата или время";
    case "22001":
      return "слишком длинное значение";
    default:
      return "значение не подходит к полю";
  }
}
