/**
 * Pieces of the strategy, action plan and admin pages over the resource specs of the domain: a row
 * with its edit and delete controls, an "add" button, a collapsible block and small helpers (the
 * record form, the delete button and useCan are in components/).
 * Tables of values by year are edited with components/Grid.tsx (specColumn/deleteColumn below).
 */
import { useState, type ReactNode } from "react";
import { resource } from "@orientir/domain";
import { textOf, type StoredRow } from "../../api/resources.ts";
import { messages, useT, type Lang } from "../../lib/i18n.tsx";
import { navigate } from "../../lib/router.tsx";
import type { CellKind, GridColumn } from "../../components/Grid.tsx";
import { DeleteButton } from "../../components/DeleteButton.tsx";
import { EditInPlace, labelOf, RecordForm } from "../../components/RecordForm.tsx";
import "./pages.css";

export type Row = StoredRow;
export interface Option {
  value: string;
  label: string;
}

const M = messages({
  edit: ["Изменить", "Edit"],
});

/** The edit/delete controls of one row: an "edit" button that opens a RecordForm in place. */
export function EditableItem({
  resource: name,
  row,
  children,
  canEdit,
  canDelete,
  fields,
  options,
  onChanged,
}: {
  resource: string;
  row: Row;
  children: ReactNode;
  canEdit: boolean;
  canDelete: boolean;
  fields?: string[];
  options?: Record<string, Option[]>;
  /** Something else to do after a save or delete (they refresh the reads themselves). */
  onChanged?: () => void;
}) {
  const t = useT(M);
  return (
    <EditInPlace resource={name} row={row} fields={fields} options={options} onChanged={onChanged}>
      {(edit) => (
        <span className="item">
          {children}
          {canEdit || canDelete ? (
            <span className="item-actions">
              {canEdit ? (
                <button type="button" className="link" onClick={edit} aria-label={`${t("edit")} ${textOf(row.name ?? row.text) ?? ""}`}>
                  {t("edit")}
                </button>
              ) : null}
              {canDelete ? <DeleteButton resource={name} row={row} name={textOf(row.name ?? row.text) ?? ""} onDone={onChanged} /> : null}
            </span>
          ) : null}
        </span>
      )}
    </EditInPlace>
  );
}

/** An "add" button that opens a RecordForm for a new row. */
export function AddButton({
  resource: name,
  preset,
  fields,
  options,
  label,
  onChanged,
}: {
  resource: string;
  preset: Record<string, unknown>;
  fields?: string[];
  options?: Record<string, Option[]>;
  label: string;
  /** Something else to do with the new row (the save refreshes the reads itself). */
  onChanged?: (row: Row) => void;
}) {
  const [open, setOpen] = useState(false);
  if (open)
    return (
      <RecordForm
        resource={name}
        preset={preset}
        fields={fields}
        options={options}
        title={label}
        onDone={(r) => {
          setOpen(false);
          onChanged?.(r);
        }}
        onCancel={() => setOpen(false)}
      />
    );
  return (
    <button type="button" className="secondary add" onClick={() => setOpen(true)} data-add={name}>
      + {label}
    </button>
  );
}

/** A block that opens and closes (the strategy tree, long lists). */
export function Collapsible({
  title,
  children,
  open: initial = true,
  testId,
}: {
  title: ReactNode;
  children: ReactNode;
  open?: boolean;
  testId?: string;
}) {
  const [open, setOpen] = useState(initial);
  return (
    <div className="collapsible" data-testid={testId}>
      <button type="button" className="toggle" aria-expanded={open} onClick={() => setOpen(!open)}>
        {open ? "▾" : "▸"}
      </button>
      <div className="collapsible-body">
        <div className="collapsible-title">{title}</div>
        {open ? children : null}
      </div>
    </div>
  );
}

/** The choice of the document a page shows, when there are several; the address keeps it (`path?id=`). */
export function DocumentChoice({ label, items, id, path }: { label: string; items: Row[] | undefined; id: string; path: string }) {
  if (!items || items.length <= 1) return null;
  return (
    <label className="inline">
      {label}{" "}
      <select value={id} onChange={(e) => navigate(`${path}?id=${e.target.value}`)}>
        {items.map((s) => (
          <option key={s.id} value={s.id}>
            {textOf(s.name) ?? ""}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The years from..to inclusive. */
export function years(from: number, to: number): number[] {
  const out: number[] = [];
  for (let y = from; y <= to && out.length < 100; y++) out.push(y);
  return out;
}

export function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * A column of components/Grid.tsx over one field of a resource spec: header, cell kind, options,
 * the stored value, and the record the cell writes to (PATCH with the version read).
 */
export function specColumn<R extends Row>(
  resourceName: string,
  fieldName: string,
  lang: Lang,
  opts: { canEdit: boolean; options?: Option[]; width?: number | string; newRow?: boolean; header?: string },
): GridColumn<R> {
  const spec = resource(resourceName);
  const field = spec.fields.find((f) => f.name === fieldName);
  if (!field) throw new Error(`${resourceName}.${fieldName}: no such field`);
  const k = field.type;
  const kind: CellKind =
    k.kind === "int" || k.kind === "year"
      ? "int"
      : k.kind === "decimal"
        ? "number"
        : k.kind === "money"
          ? "money"
          : k.kind === "date"
            ? "date"
            : k.kind === "enum" || k.kind === "ref"
              ? "select"
              : "text";
  const options: Option[] | undefined =
    k.kind === "enum" ? k.values.map((v) => ({ value: v, label: k.labels?.[v] ? labelOf(k.labels[v], lang) : v })) : opts.options;
  return {
    key: fieldName,
    header: opts.header ?? labelOf(field.label, lang),
    kind,
    options,
    width: opts.width,
    value: (r) => (r[fieldName] === null || r[fieldName] === undefined ? null : (textOf(r[fieldName]) ?? "")),
    editable: () => opts.canEdit,
    target: (r) => ({ resource: resourceName, id: r.id, version: r.version, field: fieldName, record: r }),
    field: opts.newRow === false ? undefined : fieldName,
  };
}

/** A Grid column with a delete button per row (shown only if the user may delete). */
export function deleteColumn<R extends Row>(resourceName: string, nameOf: (r: R) => string = (r) => textOf(r.name) ?? ""): GridColumn<R> {
  return {
    key: "__delete",
    header: "",
    value: () => null,
    render: (r) => <DeleteButton resource={resourceName} row={r} name={nameOf(r)} />,
  };
}
