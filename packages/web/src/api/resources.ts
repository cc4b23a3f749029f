/**
 * The generic resources' routes (the server makes them from the domain's RESOURCES: create, change
 * with the version read, delete with it), for the pages that edit any resource by its spec (the
 * Grid, the record forms). The path is checked to be one of the API's resource paths; the data is
 * the spec's fields, which the server validates.
 */
import type { ResourceSpec } from "@orientir/domain";
import { api, type PathsFor } from "../lib/api.ts";
import { save } from "../lib/query.ts";

type ItemPath = Extract<PathsFor<"patch"> & PathsFor<"delete">, `/api/${string}/{id}`>;
type CollectionPath = Extract<{ [P in ItemPath]: P extends `${infer C}/{id}` ? C : never }[ItemPath], PathsFor<"post">>;

/** A stored row of a resource as the API answers it. */
export interface StoredRow {
  id: string;
  version: number;
  [field: string]: unknown;
}

const collection = (spec: Pick<ResourceSpec, "path">) => `/api/${spec.path}` as CollectionPath;
const item = (spec: Pick<ResourceSpec, "path">) => `/api/${spec.path}/{id}` as ItemPath;

export function createRow(spec: Pick<ResourceSpec, "path">, data: Record<string, unknown>): Promise<StoredRow> {
  // each write a mutation: the reads it may change are invalidated (lib/query.ts)
  return save(() => api.POST(collection(spec), { body: data as never }));
}

export function updateRow(
  spec: Pick<ResourceSpec, "path">,
  id: string,
  version: number,
  data: Record<string, unknown>,
): Promise<StoredRow> {
  return save(() => api.PATCH(item(spec), { params: { path: { id } }, body: { version, ...data } as never }));
}

export function deleteRow(spec: Pick<ResourceSpec, "path">, id: string, version: number): Promise<undefined> {
  return save(() => api.DELETE(item(spec), { params: { path: { id }, query: { version } } }));
}

/** A field of a stored row as text (decimal strings, codes, dates); null when empty. */
export function textOf(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") return String(value);
  return JSON.stringify(value);
}

/** A numeric field of a stored row (order, year); 0 when empty. */
export function numberOf(value: unknown): number {
  return value === null || value === undefined || value === "" ? 0 : Number(value);
}

/** The child rows of a tree node under `key` (the nesting of the tree endpoints); [] when none. */
export function childrenOf(row: StoredRow | null | undefined, key: string): StoredRow[] {
  const v = row?.[key];
  return Array.isArray(v) ? (v as StoredRow[]) : [];
}
