import { openDatabase } from "../runtime.ts";
import type { IO } from "../main.ts";

export async function migrateCommand(args: string[], io: IO): Promise<number> {
  if (args.includes("--help")) {
    io.out(`orientir migrate — apply the pending database migrations

Uses DATABASE_URL when set, otherwise the embedded PostgreSQL under ./data.`);
    return 0;
  }
  const opened = await openDatabase((m) => io.out(m));
  await opened.close();
  io.out("database is up to date");
  return 0;
}
