/**
 * A Grid column of one value a year kept in a child record of the row (an indicator's plan for
 * 2026 in its value record, say): an existing record is patched with its version, a missing one is
 * created from the row's link (`{ indicatorId: row.id }`) and the year.
 */
import { textOf, type StoredRow } from "../api/resources.ts";
import type { GridColumn } from "./Grid.tsx";

export interface YearValueColumn<R> {
  key: string;
  header: string;
  group: string;
  year: number;
  /** The domain resource of the child records, e.g. "metricValue". */
  resource: string;
  /** The field of the child record shown and edited, e.g. "plan". */
  field: string;
  /** The row's child record for the year, if there is one. */
  valueOf: (row: R) => StoredRow | undefined;
  /** The data that ties a new child record to the row. */
  parent: (row: R) => Record<string, unknown>;
  editable: (row: R) => boolean;
}

export function yearValueColumn<R>(o: YearValueColumn<R>): GridColumn<R> {
  return {
    key: o.key,
    header: o.header,
    group: o.group,
    kind: "number",
    value: (row) => {
      const v = o.valueOf(row)?.[o.field];
      return v === null || v === undefined ? null : (textOf(v) ?? "");
    },
    editable: o.editable,
    target: (row) => {
      const v = o.valueOf(row);
      return v
        ? { resource: o.resource, id: v.id, version: v.version, field: o.field, record: v }
        : { resource: o.resource, create: { ...o.parent(row), year: o.year }, field: o.field };
    },
  };
}
