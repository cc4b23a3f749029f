import { seedMunicipalities, type AppContext } from "@orientir/app";
import { openDatabase } from "../runtime.ts";
import type { IO } from "../main.ts";

export const DEMO_PASSWORD = "demo";

export async function seedDemo(ctx: AppContext, io: IO): Promise<void> {
  // the demo data is large: loaded only when it is used
  const { DEMO_MUNICIPALITIES, DEMO_USERS } = await import("@orientir/db/demo");
  const r = await seedMunicipalities(ctx, DEMO_MUNICIPALITIES, DEMO_USERS, DEMO_PASSWORD);
  if (r.municipalities.length) io.err(`demo municipalities loaded: ${r.municipalities.join(", ")}`);
  if (r.skipped.length) io.err(`already there, left as they are: ${r.skipped.join(", ")}`);
  io.err(`demo accounts (password "${DEMO_PASSWORD}"): ${r.users.join(", ")}`);
}

export async function seedDemoCommand(args: string[], io: IO): Promise<number> {
  if (args.includes("--help")) {
    io.out(`orientir seed-demo — load the demo data (Kaluga and Kant) and the demo accounts

Municipalities already present (by name) are left as they are. The demo accounts admin, economy,
finance, audit, executor, coexecutor, head and viewer get the password "demo".`);
    return 0;
  }
  const opened = await openDatabase((m) => io.err(m));
  try {
    await seedDemo(opened.ctx, io);
  } finally {
    await opened.close();
  }
  return 0;
}
