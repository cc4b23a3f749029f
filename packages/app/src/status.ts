import type { AppContext } from "./context.ts";
import { migrationStatus } from "@orientir/db";
import { UnavailableError } from "@orientir/domain";

export type DatabaseStatus =
  | { status: "ok"; database: "ok"; migrations: number }
  | { status: "unavailable"; database: "unavailable"; message: string; retryAfterSeconds: number };

/** Whether the database answers: the applied migrations when it does, "unavailable" while it is away. */
export async function databaseStatus(ctx: AppContext): Promise<DatabaseStatus> {
  try {
    return { status: "ok", database: "ok", migrations: await migrationStatus(ctx.db) };
  } catch (e) {
    if (!(e instanceof UnavailableError)) throw e;
    return { status: "unavailable", database: "unavailable", message: e.message, retryAfterSeconds: e.retryAfterSeconds };
  }
}
