/**
 * A whole strategy, action plan or program as one nested tree of stored rows (with ids and
 * versions), for the pages that show and edit them. Children arrays are named after the child
 * resource's path in camelCase: `directions`, `structuralElements`, `metricValues`, …
 */
import { rowsInScope, type Queryable, type Row } from "@orientir/db";
import {
  RESOURCES,
  camel,
  checkpointWarnings,
  ensure,
  resource,
  type CheckpointInput,
  type Issue,
  type ResourceSpec,
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

/** Loads every row of the scope and nests each under its parent. */
export async function loadTree(q: Queryable, rootName: string, rootId: string, scopeField: string): Promise<TreeNode | null> {
  const rootSpec = resource(rootName);
  const [root] = await rowsInScope(q, rootSpec, "id", rootId);
  if (!root) return null;
  const scopeSpecs = RESOURCES.filter((r) => r.scope === rootSpec.scope && r.name !== rootName && r.parent);
  const byParent = new Map<string, Map<string, Row[]>>(); // resource name -> parentId -> rows
  await Promise.all(
    scopeSpecs.map(async (spec) => {
      const rows = await rowsInScope(q, spec, scopeField, rootId);
      const m = new Map<string, Row[]>();
      for (const row of rows) {
        const pid = String(row[spec.parent!.field]);
        const list = m.get(pid) ?? [];
        list.push(row);
        m.set(pid, list);
      }
      byParent.set(spec.name, m);
    }),
  );
  const attach = (spec: ResourceSpec, row: Row): TreeNode => {
    const node: TreeNode = { ...row };
    for (const child of childrenOf.get(spec.name) ?? []) {
      const rows = byParent.get(child.name)?.get(row.id) ?? [];
      node[childKey(child)] = rows.map((r) => attach(child, r));
    }
    return node;
  };
  return attach(rootSpec, root);
}

/**
 * The program's tree with the decree's warnings beside the data (checkpoint distribution);
 * `inForce`: the plan values of the version in force while an amendment is open (content.ts).
 */
export async function programTree(
  ctx: AppContext,
  caller: Caller,
  programId: string,
  opts: { inForce?: boolean } = {},
): Promise<TreeNode & { warnings: Issue[] }> {
  const program = await getResource(ctx, caller, resource("program"), programId);
  const loaded = (await loadTree(ctx.db, "program", program.id, "programId"))!;
  const tree = opts.inForce ? await withPlansInForce(ctx.db, program.id, loaded) : loaded;
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
