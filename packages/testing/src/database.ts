/**
 * A fresh database for one test file, copied from the migrated template: `url` connects as the
 * application's login role (as the server does), `ownerUrl` as the tables' owner (a superuser:
 * what a test playing a DBA or an attacker with the server's keys uses).
 */
import { inject } from "vitest";
import pg from "pg";
import { randomBytes } from "node:crypto";
import { withCredentials, withDatabase } from "@orientir/db";

export interface TestDatabase {
  /** As the application: the role orientir_app. */
  url: string;
  /** As the owner of the tables. */
  ownerUrl: string;
  drop(): Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = inject("pgAdminUrl");
  const template = inject("pgTemplate");
  const name = `t_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  // copying a template needs it to have no other sessions; retry briefly if another file copies it now
  for (let attempt = 0; ; attempt++) {
    try {
      await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
      break;
    } catch (e) {
      if (attempt > 50) throw e;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  await admin.end();
  const ownerUrl = withDatabase(adminUrl, name);
  return {
    url: withCredentials(ownerUrl, inject("pgAppUser"), inject("pgAppPassword")),
    ownerUrl,
    async drop() {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
