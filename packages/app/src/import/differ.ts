/**
 * The operations an import is made of, and the Differ that pairs the file's items with the stored
 * rows of one resource and turns the difference into operations.
 */
import type { Row } from "@orientir/db";
import { parseMoney, resource, type FieldSpec } from "@orientir/domain";
import type { MunicipalityLookups } from "../documents.ts";
import type { TreeNode } from "../trees.ts";
import type { ImportOrigin, ImportIssueView, ImportPlan } from "./types.ts";
import { text, textOrNull } from "../row-values.ts";

export interface OpRef {
  $op: number;
}
export const isRef = (v: unknown): v is OpRef => typeof v === "object" && v !== null && "$op" in v;

export interface Op {
  op: "create" | "update" | "delete";
  resource: string;
  id?: string;
  version?: number;
  data: Record<string, unknown>;
  before?: Row;
  origin?: ImportOrigin;
  /** The document field a resource field came from, for the column of an error. */
  fieldOf?: Record<string, string>;
  item: string;
}

export const norm = (s: string | null | undefined) => (s ?? "").trim().replace(/\s+/g, " ").toLowerCase();
export const arr = (n: TreeNode | null | undefined, key: string) => (n?.[key] as TreeNode[] | undefined) ?? [];

function normDecimal(v: unknown): string | null {
  if (v === null || v === undefined || v === "") return null;
  let s = text(v).trim();
  if (s.includes(".")) s = s.replace(/0+$/, "").replace(/\.$/, "");
  if (s === "-0") s = "0";
  return s;
}

export function same(f: FieldSpec, a: unknown, b: unknown): boolean {
  const blank = (x: unknown) => x === null || x === undefined || x === "";
  if (blank(a) || blank(b)) return blank(a) && blank(b);
  switch (f.type.kind) {
    case "decimal":
      return normDecimal(a) === normDecimal(b);
    case "money":
      try {
        return parseMoney(text(a)) === parseMoney(text(b));
      } catch {
        return false;
      }
    case "int":
    case "year":
      return Number(a) === Number(b);
    default:
      return text(a) === text(b);
  }
}

/** Pairs desired items with stored rows by key; duplicates of a key pair in order. */
/**
 * Pairs the file's items with the stored rows by key; items with equal keys are paired in order.
 * With a looser second key (a checkpoint's name without its date), the items and rows left
 * unpaired by the first key are paired by the second, so that a changed date is an update of
 * the same checkpoint, not a deletion and a creation.
 */
function pair<D>(
  docs: D[],
  rows: TreeNode[],
  keys: { dkey: (d: D) => string; rkey: (r: TreeNode) => string }[],
): { pairs: [D, TreeNode | null][]; unmatched: TreeNode[] } {
  const found = new Map<D, TreeNode>();
  let left = rows;
  for (const { dkey, rkey } of keys) {
    const pool = new Map<string, TreeNode[]>();
    for (const r of left) pool.set(rkey(r), [...(pool.get(rkey(r)) ?? []), r]);
    for (const d of docs) {
      if (found.has(d)) continue;
      const r = pool.get(dkey(d))?.shift();
      if (r) found.set(d, r);
    }
    left = [...pool.values()].flat();
  }
  return { pairs: docs.map((d) => [d, found.get(d) ?? null]), unmatched: left };
}

export class Differ {
  ops: Op[] = [];
  issues: ImportIssueView[] = [];
  private deletions: Op[] = [];

  constructor(
    readonly plan: ImportPlan,
    readonly lookups: MunicipalityLookups,
    readonly deptNames: Map<string, string>,
  ) {}

  private present(resourceName: string) {
    return this.plan.present.includes(resourceName);
  }

  issue(origin: ImportOrigin | undefined, field: string | null, reason: string) {
    this.issues.push({
      sheet: origin?.sheet ?? "",
      row: origin?.row ?? 0,
      column: (field && origin?.columns[field]) || origin?.columns[""] || "",
      reason,
    });
  }

  /** A department id by name, or an issue at the cell. */
  dept(name: string | null | undefined, origin: ImportOrigin | undefined, field: string, required: boolean): string | null | undefined {
    if (!name) {
      if (required) this.issue(origin, field, "подразделение не указано");
      return required ? undefined : null;
    }
    try {
      return this.lookups.departments.find(name, field);
    } catch {
      this.issue(origin, field, `подразделение «${name}» не найдено в справочнике`);
      return undefined;
    }
  }

  /**
   * Compares the desired items of one resource with its stored rows under one parent: creates,
   * updates, deletes; then calls `children` for each pair (to go down the tree). Returns the id
   * (or the reference to the create operation) of each desired item.
   */
  sync<D extends object>(o: {
    resource: string;
    docs: D[];
    rows: TreeNode[];
    dkey: (d: D) => string;
    rkey: (r: TreeNode) => string;
    /** A second, looser key for the items left unpaired by the first. */
    looser?: { dkey: (d: D) => string; rkey: (r: TreeNode) => string };
    parent: { field: string; id: string | OpRef } | null;
    values: (d: D) => Record<string, unknown> | null;
    fieldOf?: Record<string, string>;
    item: (d: D) => string;
    children?: (d: D, row: TreeNode | null, self: string | OpRef | null) => void;
  }): Map<D, string | OpRef | null> {
    const spec = resource(o.resource);
    const active = this.present(o.resource);
    const { pairs, unmatched } = pair(o.docs, o.rows, [{ dkey: o.dkey, rkey: o.rkey }, ...(o.looser ? [o.looser] : [])]);
    const ids = new Map<D, string | OpRef | null>();
    if (active && this.plan.deleteMissing) {
      for (const r of unmatched) {
        this.deletions.push({
          op: "delete",
          resource: o.resource,
          id: r.id,
          version: Number(r.version),
          data: {},
          before: r,
          item: `${spec.label.ru} ${this.describeRow(r)}`,
        });
      }
    }
    const seen = new Set<string>();
    for (const [d, row] of pairs) {
      const origin = this.plan.origins.get(d);
      const k = o.dkey(d);
      if (active && seen.has(k)) this.issue(origin, null, `${spec.label.ru} «${k}» встречается в файле дважды`);
      seen.add(k);
      let self: string | OpRef | null = row ? row.id : null;
      if (active) {
        const values = o.values(d);
        if (values) {
          if (!row) {
            if (o.parent) values[o.parent.field] = o.parent.id;
            if (spec.fields.some((f) => f.name === "ord")) values.ord = o.docs.indexOf(d) + 1;
            this.ops.push({ op: "create", resource: o.resource, data: values, origin, fieldOf: o.fieldOf, item: o.item(d) });
            self = { $op: this.ops.length - 1 };
          } else {
            const patch: Record<string, unknown> = {};
            for (const f of spec.fields) {
              if (!(f.name in values) || f.name === "ord") continue;
              if (!same(f, values[f.name], row[f.name])) patch[f.name] = values[f.name];
            }
            if (Object.keys(patch).length) {
              this.ops.push({
                op: "update",
                resource: o.resource,
                id: row.id,
                version: Number(row.version),
                data: patch,
                before: row,
                origin,
                fieldOf: o.fieldOf,
                item: o.item(d),
              });
            }
          }
        }
      }
      ids.set(d, self);
      o.children?.(d, row, self);
    }
    return ids;
  }

  private describeRow(r: TreeNode): string {
    const parts = [
      r.code,
      r.name,
      r.year,
      r.month ? `месяц ${text(r.month)}` : null,
      r.quarter ? `${text(r.quarter)} кв.` : null,
      r.source,
      r.plannedDate,
    ]
      .filter((x) => x !== null && x !== undefined && x !== "")
      .map(text);
    return parts.length ? `«${parts.join(" — ")}»` : "";
  }

  /** Deletions first (only the top-most: the rows below go with them), then creates and updates in tree order. */
  finish(): Op[] {
    const deleted = new Set(this.deletions.map((d) => d.id));
    const parentIdOf = (op: Op): string | null => {
      const spec = resource(op.resource);
      return spec.parent ? textOrNull(op.before?.[spec.parent.field]) || null : null;
    };
    const topMost = this.deletions.filter((d) => {
      const p = parentIdOf(d);
      return !p || !deleted.has(p);
    });
    // references to the creates shift by the number of deletions put before them
    const shift = topMost.length;
    const rebase = (v: unknown): unknown => (isRef(v) ? { $op: v.$op + shift } : v);
    const rest = this.ops.map((op) => ({ ...op, data: Object.fromEntries(Object.entries(op.data).map(([k, v]) => [k, rebase(v)])) }));
    return [...topMost, ...rest];
  }
}
