/** Create, read, update and delete for every entity of the resource specs. */
import { z } from "zod";
import { createResource, deleteResource, getResource, listResource, runBatch, updateResource } from "@orientir/app";
import { RESOURCES, resource, scopeColumns, type ResourceSpec } from "@orientir/domain";
import { route, type RouteDef } from "../route.ts";
import { IdParams, Uuid, Version, VersionQuery, resourceSchemas } from "../schemas.ts";

function filterSchema(spec: ResourceSpec) {
  const shape: Record<string, z.ZodType> = {};
  for (const c of scopeColumns(spec)) shape[c] = Uuid.optional();
  if (spec.parent) shape[spec.parent.field] = Uuid.optional();
  return z.object(shape).strict();
}

export function resourceRoutes(spec: ResourceSpec): RouteDef[] {
  const s = resourceSchemas(spec);
  const base = `/api/${spec.path}`;
  const tag = spec.scope;
  return [
    route({
      method: "GET", path: base, tag, auth: "session",
      summary: `${spec.label.ru}: список (фильтр по родителю)`,
      query: filterSchema(spec),
      response: z.object({ items: z.array(s.row) }),
      handler: async (ctx, { query }) => ({ items: await listResource(ctx.app, ctx.caller, spec, query) }),
    }),
    route({
      method: "GET", path: `${base}/:id`, tag, auth: "session",
      summary: `${spec.label.ru}: одна запись`,
      params: IdParams, response: s.row,
      handler: async (ctx, { params }) => getResource(ctx.app, ctx.caller, spec, params.id),
    }),
    route({
      method: "POST", path: base, tag, auth: "session", status: 201,
      summary: `${spec.label.ru}: создать`,
      body: s.create, response: s.row,
      handler: async (ctx, { body }) => createResource(ctx.app, ctx.caller, spec, body),
    }),
    route({
      method: "PATCH", path: `${base}/:id`, tag, auth: "session",
      summary: `${spec.label.ru}: изменить (с версией, прочитанной клиентом)`,
      params: IdParams, body: s.update, response: s.row,
      handler: async (ctx, { params, body }) => {
        const { version, ...patch } = body as { version: number } & Record<string, unknown>;
        return updateResource(ctx.app, ctx.caller, spec, params.id, version, patch);
      },
    }),
    route({
      method: "DELETE", path: `${base}/:id`, tag, auth: "session",
      summary: `${spec.label.ru}: удалить (с версией)`,
      params: IdParams, query: z.object({ version: VersionQuery }), response: null,
      handler: async (ctx, { params, query }) => deleteResource(ctx.app, ctx.caller, spec, params.id, query.version),
    }),
  ];
}

const Operation = z.discriminatedUnion("op", [
  z.object({ op: z.literal("create"), resource: z.string(), data: z.record(z.string(), z.unknown()) }),
  z.object({ op: z.literal("update"), resource: z.string(), id: Uuid, version: Version, data: z.record(z.string(), z.unknown()) }),
  z.object({ op: z.literal("delete"), resource: z.string(), id: Uuid, version: Version }),
]);

export const batchRoute = route({
  method: "POST",
  path: "/api/batch",
  summary: "Несколько изменений одной транзакцией (вставка блока из Excel): все или ни одного",
  tag: "program",
  auth: "session",
  body: z.object({ operations: z.array(Operation).min(1).max(5000) }),
  response: z.object({ results: z.array(z.record(z.string(), z.unknown()).nullable()) }),
  handler: async (ctx, { body }) => {
    for (const [i, op] of body.operations.entries()) {
      try {
        resource(op.resource);
      } catch {
        throw Object.assign(new Error(), { statusCode: 400, message: `operations[${i}].resource: нет такой сущности «${op.resource}»` });
      }
    }
    return { results: await runBatch(ctx.app, ctx.caller, body.operations) };
  },
});

export function allResourceRoutes(): RouteDef[] {
  return RESOURCES.flatMap(resourceRoutes);
}
