#!/usr/bin/env node
// `npm run openapi`: writes the API's OpenAPI document to packages/server/openapi.json (committed;
// packages/server/test/openapi.test.ts fails when it is stale). `--check`: exit 1 if it is stale.
import { readFileSync, writeFileSync } from "node:fs";
import { register } from "tsx/esm/api";

register();
const { allRoutes, openApiJson } = await import("../packages/server/src/index.ts");
const file = new URL("../packages/server/openapi.json", import.meta.url);
const text = openApiJson(allRoutes());
if (process.argv.includes("--check")) {
  let current = "";
  try {
    current = readFileSync(file, "utf8");
  } catch {
    /* missing: stale */
  }
  if (current !== text) {
    console.error("packages/server/openapi.json is stale: run `npm run openapi`");
    process.exit(1);
  }
  console.log("packages/server/openapi.json is up to date");
} else {
  writeFileSync(file, text);
  const doc = JSON.parse(text);
  console.log(
    `packages/server/openapi.json: ${Object.keys(doc.paths).length} paths, ${Object.keys(doc.components.schemas).length} named schemas, ${text.length} bytes`,
  );
}
