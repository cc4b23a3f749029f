/** Helpers of the CLI's tests: the output of a command captured, the fixture's database for the commands. */
import { afterAll, beforeAll } from "vitest";
import { Db } from "@orientir/db";
import { createContext, seedMunicipalities } from "@orientir/app";
import { createTestDatabase, FIXTURE_PASSWORD, FIXTURE_USERS, MUNICIPALITY_A, MUNICIPALITY_B } from "@orientir/testing";

/** An IO for main() that keeps the lines written to standard output and to standard error. */
export function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (s: string) => out.push(s), err: (s: string) => err.push(s) }, out, err };
}

/**
 * A fresh database of the test file with the fixture's municipalities A and B (and their users), given
 * to the commands before the file's tests (DATABASE_URL as the owner, for the migrations;
 * DATABASE_APP_URL as the application's role) and dropped after them.
 */
export function useFixtureDatabase(): { readonly url: string; readonly ownerUrl: string } {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  beforeAll(async () => {
    database = await createTestDatabase();
    const db = new Db(database.url);
    await seedMunicipalities(createContext(db), [MUNICIPALITY_A, MUNICIPALITY_B], FIXTURE_USERS, FIXTURE_PASSWORD);
    await db.close();
    process.env.DATABASE_URL = database.ownerUrl;
    process.env.DATABASE_APP_URL = database.url;
  });
  afterAll(async () => {
    delete process.env.DATABASE_URL;
    delete process.env.DATABASE_APP_URL;
    await database.drop();
  });
  return {
    get url() {
      return database.url;
    },
    get ownerUrl() {
      return database.ownerUrl;
    },
  };
}
