/**
 * Vitest global setup: one PostgreSQL server for the whole run (the embedded one in a throwaway
 * folder, or TEST_DATABASE_URL's server), and a migrated template database from which every test
 * file makes its own fresh database. As in production, the migrations run as the owner and the
 * tests' application connects as the login role `orientir_app` (random password, or the role of
 * TEST_DATABASE_APP_URL).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { APP_ROLE, ensureAppLogin, freePort, migrate, randomSecret, startEmbedded, withCredentials, withDatabase } from "@orientir/db";
import pg from "pg";

export const TEMPLATE_DB = "orientir_template";

declare module "vitest" {
  export interface ProvidedContext {
    pgAdminUrl: string;
    /** The application's user and password (the database name is each test file's). */
    pgAppUser: string;
    pgAppPassword: string;
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
  let appUser = APP_ROLE;
  let appPassword: string;
  const given = process.env.TEST_DATABASE_URL ? process.env.TEST_DATABASE_APP_URL : undefined;
  if (given) {
    const u = new URL(given);
    appUser = decodeURIComponent(u.username);
    appPassword = decodeURIComponent(u.password);
  } else {
    appPassword = randomSecret(16);
    await ensureAppLogin(adminUrl, appPassword);
  }
  // the app's credentials must open a connection, or every test fails far from the cause
  const probe = new pg.Client({ connectionString: withCredentials(adminUrl, appUser, appPassword) });
  await probe.connect();
  await probe.end();
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DB}`);
  await admin.query(`CREATE DATABASE ${TEMPLATE_DB}`);
  await admin.end();
  await migrate(withDatabase(adminUrl, TEMPLATE_DB));
  project.provide("pgAdminUrl", adminUrl);
  project.provide("pgAppUser", appUser);
  project.provide("pgAppPassword", appPassword);
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
