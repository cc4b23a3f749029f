/**
 * The committed OpenAPI document (packages/server/openapi.json) is the one the routes make: a
 * client generated from it (the web app's) cannot drift from the server. Its shapes are named
 * components referred to by `$ref`, and every reference resolves.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { allRoutes, openApiJson } from "@orientir/server";

const file = new URL("../openapi.json", import.meta.url);

describe("the OpenAPI document", () => {
  const text = openApiJson(allRoutes());
  const doc = JSON.parse(text) as {
    paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: { $ref?: string } }> }> }>>;
    components: { schemas: Record<string, unknown> };
  };

  it("is committed as the routes make it (run `npm run openapi` after changing a schema or a route)", () => {
    expect(readFileSync(file, "utf8") === text, "packages/server/openapi.json is stale: run `npm run openapi`").toBe(true);
  });

  it("is the same each time it is made", () => {
    expect(openApiJson(allRoutes())).toBe(text);
  });

  it("names the shapes as components and refers to them", () => {
    const answer = (path: string, method = "get") => doc.paths[path]![method]!.responses["200"]!.content!["application/json"]!.schema.$ref;
    expect(answer("/api/programs/{id}/tree")).toBe("#/components/schemas/ProgramTree");
    expect(answer("/api/strategies/{id}/tree")).toBe("#/components/schemas/StrategyTree");
    expect(answer("/api/action-plans/{id}/tree")).toBe("#/components/schemas/PlanTree");
    expect(answer("/api/workflows/{id}")).toBe("#/components/schemas/WorkflowView");
    expect(answer("/api/programs/{id}/evaluation")).toBe("#/components/schemas/ProgramEvaluation");
    expect(Object.keys(doc.components.schemas)).toEqual(
      expect.arrayContaining(["Error", "Me", "Program", "DirectionNode", "Deadline", "ReportView", "TraceNode"]),
    );
  });

  it("resolves every reference", () => {
    const refs = [...text.matchAll(/"\$ref": "([^"]+)"/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThan(100);
    const missing = refs.filter(
      (r) => !r.startsWith("#/components/schemas/") || !(r.slice("#/components/schemas/".length) in doc.components.schemas),
    );
    expect([...new Set(missing)]).toEqual([]);
  });

  it("describes the tree of a program to its leaves: a direction's elements, an element's metrics and checkpoints", () => {
    const props = (name: string) => Object.keys((doc.components.schemas[name] as { properties: Record<string, unknown> }).properties);
    expect(props("ProgramTree")).toEqual(expect.arrayContaining(["id", "version", "code", "name", "directions", "warnings"]));
    expect(props("DirectionNode")).toEqual(expect.arrayContaining(["structuralElements"]));
    expect(props("StructuralElementNode")).toEqual(expect.arrayContaining(["metrics", "checkpoints"]));
  });
});
