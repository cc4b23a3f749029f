/** The generic create/read/update/delete of every resource, and a batch of changes in one transaction. */
import { z } from "zod";
import { scopeColumns, type ResourceSpec } from "@orientir/domain";
import { Uuid, Version, VersionQuery, resourceSchemas, schemaName } from "./common.ts";

const filters = new Map<string, z.ZodObject<Record<string, z.ZodOptional<typeof Uuid>>>>();
/** The filter of a resource's list: its scope's ids and its parent (`ProgramListQuery`). */
export function resourceFilter(spec: ResourceSpec) {
  let s = filters.get(spec.name);
  if (!s) {
    const shape: Record<string, z.ZodOptional<typeof Uuid>> = {};
    for (const c of scopeColumns(spec)) shape[c] = Uuid.optional();
    if (spec.parent) shape[spec.parent.field] = Uuid.optional();
    s = z
      .object(shape)
      .strict()
      .meta({ id: `${schemaName(spec.name)}ListQuery` });
    filters.set(spec.name, s);
  }
  return s;
}

const lists = new Map<string, ReturnType<typeof listOf>>();
const listOf = (spec: ResourceSpec) => z.object({ items: z.array(resourceSchemas(spec).row) }).meta({ id: `${schemaName(spec.name)}List` });
/** `{ items: [row…] }` of a resource (`ProgramList`). */
export function resourceList(spec: ResourceSpec) {
  let s = lists.get(spec.name);
  if (!s) {
    s = listOf(spec);
    lists.set(spec.name, s);
  }
  return s;
}

export const DeleteQuery = z.object({ version: VersionQuery }).meta({ id: "DeleteQuery" });
export type DeleteQuery = z.infer<typeof DeleteQuery>;

export const BatchOperation = z
  .discriminatedUnion("op", [
    z.object({ op: z.literal("create"), resource: z.string(), data: z.record(z.string(), z.unknown()) }),
    z.object({ op: z.literal("update"), resource: z.string(), id: Uuid, version: Version, data: z.record(z.string(), z.unknown()) }),
    z.object({ op: z.literal("delete"), resource: z.string(), id: Uuid, version: Version }),
  ])
  .meta({ id: "BatchOperation" });
export type BatchOperation = z.infer<typeof BatchOperation>;

export const BatchBody = z.object({ operations: z.array(BatchOperation).min(1).max(5000) }).meta({ id: "BatchBody" });
export type BatchBody = z.infer<typeof BatchBody>;

/** Each operation's row (null for a delete). */
export const BatchResult = z.object({ results: z.array(z.record(z.string(), z.unknown()).nullable()) }).meta({ id: "BatchResult" });
export type BatchResult = z.infer<typeof BatchResult>;
