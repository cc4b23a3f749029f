/** Create, read, update and delete for every entity of the resource specs. */
import { createResource, deleteResource, getResource, listResource, runBatch, updateResource } from "@orientir/app";
import { RESOURCES, resource, type ResourceSpec } from "@orientir/domain";
import { BatchBody, BatchResult, DeleteQuery, IdParams, resourceFilter, resourceList, resourceSchemas } from "@orientir/contracts";
import { route, type RouteDef } from "../route.ts";

/** The filter's ids that were given (a list is filtered by them). */
function given(filter: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(filter)) if (v !== undefined) out[k] = v;
  return out;
}

export function resourceRoutes(spec: ResourceSpec): RouteDef[] {
  const s = resourceSchemas(spec);
  const base = `/api/${spec.path}`;
  const tag = spec.scope;
  return [
    route({
      method: "GET",
      path: base,
      tag,
      auth: "session",
      summary: `${spec.label.ru}: список (фильтр по родителю)`,
      query: resourceFilter(spec),
      response: resourceList(spec),
      handler: async (ctx, { query }) => ({ items: await listResource(ctx.app, ctx.caller, spec, given(query)) }),
    }),
    route({
      method: "GET",
      path: `${base}/:id`,
      tag,
      auth: "session",
      summary: `${spec.label.ru}: одна запись`,
      params: IdParams,
      response: s.row,
      handler: async (ctx, { params }) => getResource(ctx.app, ctx.caller, spec, params.id),
    }),
    route({
      method: "POST",
      path: base,
      tag,
      auth: "session",
      status: 201,
      summary: `${spec.label.ru}: создать`,
      body: s.create,
      response: s.row,
      handler: async (ctx, { body }) => createResource(ctx.app, ctx.caller, spec, body),
    }),
    route({
      method: "PATCH",
      path: `${base}/:id`,
      tag,
      auth: "session",
      summary: `${spec.label.ru}: изменить (с версией, прочитанной клиентом)`,
      params: IdParams,
      body: s.update,
      response: s.row,
      handler: async (ctx, { params, body }) => {
        const { version, ...patch } = body;
        return updateResource(ctx.app, ctx.caller, spec, params.id, version, patch);
      },
    }),
    route({
      method: "DELETE",
      path: `${base}/:id`,
      tag,
      auth: "session",
      summary: `${spec.label.ru}: удалить (с версией)`,
      params: IdParams,
      query: DeleteQuery,
      response: null,
      handler: async (ctx, { params, query }) => deleteResource(ctx.app, ctx.caller, spec, params.id, query.version),
    }),
  ];
}

export const batchRoute = route({
  method: "POST",
  path: "/api/batch",
  summary: "Несколько изменений одной транзакцией (вставка блока из Excel): все или ни одного",
  tag: "program",
  auth: "session",
  body: BatchBody,
  response: BatchResult,
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
