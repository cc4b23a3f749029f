/**
 * The web app's API types (`src/api/openapi.d.ts`, `npm run gen:api -w @orientir/web`) are
 * generated from the server's committed OpenAPI document (`packages/server/openapi.json`): this
 * regenerates them in memory, as the script does, and fails when the committed file is stale.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import openapiTS, { astToString, COMMENT_HEADER } from "openapi-typescript";

const root = new URL("../", import.meta.url);
const documentText = () => readFileSync(new URL("../server/openapi.json", root), "utf8");

async function typesOf(document: object): Promise<string> {
  return `${COMMENT_HEADER}${astToString(await openapiTS(document as Parameters<typeof openapiTS>[0], { silent: true }))}`;
}

describe("the web's generated API types", () => {
  it("are current with packages/server/openapi.json", async () => {
    const committed = readFileSync(new URL("src/api/openapi.d.ts", root), "utf8");
    expect(await typesOf(JSON.parse(documentText()))).toBe(committed);
  }, 60_000);

  it("change when a field of the document is renamed (the comparison sees a rename)", async () => {
    const committed = readFileSync(new URL("src/api/openapi.d.ts", root), "utf8");
    const renamed = documentText().replace(/"pendingToken"/g, '"pendingTokenRenamed"');
    expect(renamed).not.toBe(documentText());
    const types = await typesOf(JSON.parse(renamed));
    expect(types).not.toBe(committed);
    expect(types).toContain("pendingTokenRenamed");
  }, 60_000);
});
