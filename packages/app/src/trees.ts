/**
 * A whole strategy, action plan or program as one nested tree of stored rows (with ids and
 * versions), for the pages that show and edit them. Children arrays are named after the child
 * resource's path in camelCase: `directions`, `structuralElements`, `metricValues`, …
 */
import { scopeParts, scopeRows, sameMunicipalityAs, type Queryable, type Row, type TreeOptions } from "@orientir/db";

export { scopeParts, type TreeOptions };
import {
  RESOURCES,
  camel,
  snake,
  checkpointWarnings,
  ensure,
  resource,
  type CheckpointInput,
  type Issue,
  type ResourceSpec,
  NotFoundError,
} from "@orientir/domain";
import type { AppContext, Caller } from "./context.ts";
import { getResource, targetOf } from "./resources.ts";
import { withPlansInForce } from "./content.ts";

export type TreeNode = Row & { [children: string]: unknown };

export function childKey(spec: ResourceSpec): string {
  return camel(spec.path.replace(/-/g, "_"));
}

const childrenOf = new Map<string, ResourceSpec[]>();
for (const r of RESOURCES) {
  if (!r.parent) continue;
  const list = childrenOf.get(r.parent.resource) ?? [];
  list.push(r);
  childrenOf.set(r.parent.resource, list);
}

/** Nests rows under their parents: `byParent` — resource name → parent id → rows. */
export function nest(byParent: Map<string, Map<string, Row[]>>): (spec: ResourceSpec, row: Row) => TreeNode {
  const attach = (spec: ResourceSpec, row: Row): TreeNode => {
    const node: TreeNode = { ...row };
    for (const child of childrenOf.get(spec.name) ?? []) {
      const rows = byParent.get(child.name);
      if (!rows) continue; // not read (monthly plans left out)
      node[childKey(child)] = (rows.get(row.id) ?? []).map((r) => attach(child, r));
    }
    return node;
  };
  return attach;
}

/** Groups rows by the value of their parent field. */
export function byParentOf(spec: ResourceSpec, rows: Row[]): Map<string, Row[]> {
  const m = new Map<string, Row[]>();
  const field = spec.parent!.field;
  for (const row of rows) {
    const pid = String(row[field]);
    const list = m.get(pid);
    if (list) list.push(row);
    else m.set(pid, [row]);
  }
  return m;
}

/** Loads the rows of the scope (one statement) and nests each under its parent. */
export async function loadTree(
  q: Queryable,
  rootName: string,
  rootId: string,
  scopeField: string,
  opts: TreeOptions = {},
): Promise<TreeNode | null> {
  return (await loadTreeWith(q, rootName, rootId, scopeField, opts)).tree;
}

/** `loadTree`, with the `extra` tables of the options read in the same statement. */
export async function loadTreeWith(
  q: Queryable,
  rootName: string,
  rootId: string,
  scopeField: string,
  opts: TreeOptions = {},
): Promise<{ tree: TreeNode | null; extra: Map<string, Row[]> }> {
  const rootSpec = resource(rootName);
  const scopeSpecs = RESOURCES.filter((r) => r.scope === rootSpec.scope && r.name !== rootName && r.parent);
  const values: unknown[] = [rootId];
  const parts = scopeParts(scopeSpecs, snake(scopeField), opts, values);
  const extraParts = (opts.extra ?? []).map((x) => ({
    key: `extra:${x.key}`,
    spec: resource(x.resource),
    where: sameMunicipalityAs(rootSpec.table),
  }));
  const rows = await scopeRows(q, [{ key: "root", spec: rootSpec, where: "id = $1" }, ...parts, ...extraParts], values);
  const extra = new Map<string, Row[]>();
  for (const x of opts.extra ?? []) extra.set(x.key, rows.get(`extra:${x.key}`) ?? []);
  const root = rows.get("root")?.[0];
  if (!root) return { tree: null, extra };
  const byParent = new Map<string, Map<string, Row[]>>();
  for (const p of parts) byParent.set(p.spec.name, byParentOf(p.spec, rows.get(p.key) ?? []));
  return { tree: nest(byParent)(rootSpec, root), extra };
}

/**
 * The program's tree with the decree's warnings beside the data (checkpoint distribution);
 * `inForce`: the plan values of the version in force while an amendment is open (content.ts).
 */
export async function programTree(
  ctx: AppContext,
  caller: Caller,
  programId: string,
  opts: { inForce?: boolean; months?: TreeOptions["months"] } = {},
): Promise<TreeNode & { warnings: Issue[] }> {
  // the tree and its root in one statement; the root is authorized as `getResource` would
  const spec = resource("program");
  const loaded = await loadTree(ctx.db, "program", programId, "programId", { months: opts.months ?? "all" });
  if (!loaded || loaded.municipalityId !== caller.actor.municipalityId) throw new NotFoundError(spec.label.ru, programId);
  ensure(caller.actor, "read", await targetOf(ctx.db, spec, loaded));
  const tree = opts.inForce ? await withPlansInForce(ctx.db, loaded.id, loaded) : loaded;
  const checkpoints: CheckpointInput[] = [];
  for (const d of (tree.directions as TreeNode[]) ?? []) {
    for (const e of (d.structuralElements as TreeNode[]) ?? []) {
      if (e.kind !== "process") continue;
      for (const c of (e.checkpoints as TreeNode[]) ?? []) {
        checkpoints.push({
          id: c.id,
          name: String(c.name),
          plannedDate: String(c.plannedDate),
          activityKey: (c.activityId as string | null) ?? null,
          elementKey: e.id,
        });
      }
    }
  }
  return { ...tree, warnings: checkpointWarnings(checkpoints) };
}

export async function strategyTree(ctx: AppContext, caller: Caller, strategyId: string): Promise<TreeNode> {
  const s = await getResource(ctx, caller, resource("strategy"), strategyId);
  return (await loadTree(ctx.db, "strategy", s.id, "strategyId"))!;
}

export async function planTree(ctx: AppContext, caller: Caller, planId: string): Promise<TreeNode> {
  const p = await getResource(ctx, caller, resource("actionPlan"), planId);
  return (await loadTree(ctx.db, "actionPlan", p.id, "planId"))!;
}

export { targetOf, ensure };
