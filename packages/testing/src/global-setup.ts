/**
 * Vitest global setup: one PostgreSQL server for the whole run (the embedded one in a throwaway
 * folder, or TEST_DATABASE_URL's server), and a migrated template database from which every test
 * file makes its own fresh database.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { freePort, migrate, startEmbedded, withDatabase } from "@orientir/db";
import pg from "pg";

export const TEMPLATE_DB = "orientir_template";

declare module "vitest" {
  export interface ProvidedContext {
    pgAdminUrl: string;
    pgTemplate: string;
  }
}

export default async function setup(project: TestProject) {
  await resolveChromiumOnce();
  let adminUrl = process.env.TEST_DATABASE_URL;
  let stop: (() => Promise<void>) | undefined;
  let dir: string | undefined;
  if (!adminUrl) {
    dir = mkdtempSync(join(tmpdir(), "orientir-test-pg-"));
    const server = await startEmbedded({ dataDir: join(dir, "pg"), port: await freePort(), persistent: false });
    adminUrl = server.url;
    stop = server.stop;
  }
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DB}`);
  await admin.query(`CREATE DATABASE ${TEMPLATE_DB}`);
  await admin.end();
  await migrate(withDatabase(adminUrl, TEMPLATE_DB));
  project.provide("pgAdminUrl", adminUrl);
  project.provide("pgTemplate", TEMPLATE_DB);
  return async () => {
    if (stop) await stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  };
}

/**
 * @sparticuz/chromium unpacks its binary into the temporary folder on first use; two test workers
 * doing that at once race (one spawns the binary while the other still writes it: ETXTBSY). The
 * global setup unpacks it once, before any worker starts, and hands the path down in CHROMIUM_PATH.
 */
async function resolveChromiumOnce(): Promise<void> {
  if (process.env.CHROMIUM_PATH) return;
  const { chromiumPath } = await import("./browser-path.ts");
  process.env.CHROMIUM_PATH = await chromiumPath();
}
