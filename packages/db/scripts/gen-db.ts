/**
 * `npm run gen:db -w @orientir/db`: migrates a fresh embedded database in a throwaway folder and
 * writes src/schema.generated.ts from its catalog (see src/codegen.ts).
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ensureAppLogin, ensureDatabase, freePort, migrate, randomSecret, startEmbedded, withDatabase } from "../src/index.ts";
import { generateSchemaTypes } from "../src/codegen.ts";

const OUT = new URL("../src/schema.generated.ts", import.meta.url).pathname;

const dir = mkdtempSync(join(tmpdir(), "orientir-gen-db-"));
const server = await startEmbedded({ dataDir: join(dir, "pg"), port: await freePort(), persistent: false });
try {
  await ensureAppLogin(server.url, randomSecret(16));
  await ensureDatabase(server.url, "orientir_gen");
  const url = withDatabase(server.url, "orientir_gen");
  await migrate(url);
  writeFileSync(OUT, await generateSchemaTypes(url));
  console.log(`wrote ${OUT}`);
} finally {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}
process.exit(0);
