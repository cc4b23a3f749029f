// A development server on a throwaway database seeded with the small test fixture (users are the
// role names, password "password-1"): `npx tsx scripts/dev-server.ts [port]`. Serves packages/web/dist.
import { fileURLToPath } from "node:url";
import {
  APP_ROLE,
  Db,
  ensureAppLogin,
  ensureDatabase,
  migrate,
  randomSecret,
  startEmbedded,
  withCredentials,
  withDatabase,
} from "@orientir/db";
import { createContext, isEmpty, seedMunicipalities } from "@orientir/app";
import { buildServer } from "@orientir/server";
import { FIXTURE_PASSWORD, FIXTURE_USERS, MUNICIPALITY_A, MUNICIPALITY_B } from "../packages/testing/src/fixture.ts";

const port = Number(process.argv[2] ?? 3100);
const pg = await startEmbedded({ dataDir: `/tmp/orientir-dev-${port}/pg`, port: port + 20000 });
await ensureDatabase(pg.url, "orientir");
const url = withDatabase(pg.url, "orientir");
await migrate(url);
// as the server does: migrations as the owner, the application as its own login role
const appPassword = randomSecret(16);
await ensureAppLogin(pg.url, appPassword);
const ctx = createContext(new Db(withCredentials(url, APP_ROLE, appPassword)));
if (await isEmpty(ctx)) await seedMunicipalities(ctx, [MUNICIPALITY_A, MUNICIPALITY_B], FIXTURE_USERS, FIXTURE_PASSWORD);
const server = await buildServer(ctx, { webDist: fileURLToPath(new URL("../packages/web/dist", import.meta.url)) });
await server.listen({ port, host: "127.0.0.1" });
console.log(
  `dev server on http://127.0.0.1:${port} (logins: ${FIXTURE_USERS.map((u) => u.login).join(", ")}; password ${FIXTURE_PASSWORD})`,
);
