import type { AppContext } from "./context.ts";
import { migrationStatus } from "@orientir/db";

export async function databaseStatus(ctx: AppContext): Promise<{ database: string; migrations: number }> {
  return { database: "ok", migrations: await migrationStatus(ctx.db) };
}
