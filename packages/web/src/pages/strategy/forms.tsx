/**
 * Forms over the resource specs of the domain, shared by the strategy, action plan and admin pages:
 * a record form (create / edit one row, the API's message beside each field, a stale write shows
 * what changed meanwhile), a delete button, a collapsible block and small helpers.
 * Tables of values by year are edited with components/Grid.tsx (specColumn/deleteColumn below).
 */
import { useState, type FormEvent, type ReactNode } from "react";
import { resource, type FieldSpec, type Label, type Target } from "@orientir/domain";
import { ApiError, errorBodyOf } from "../../lib/api.ts";
import { createRow, deleteRow, updateRow } from "../../api/resources.ts";
import { messages, useLang, useT, type Lang } from "../../lib/i18n.tsx";
import { navigate } from "../../lib/router.tsx";
import { useSession } from "../../lib/session.tsx";
import type { CellKind, GridColumn } from "../../components/Grid.tsx";
import "./pages.css";

export type Row = Record<string, any>;
export interface Option {
  value: string;
  label: string;
}

const M = messages({
  save: ["Сохранить", "Save"],
  cancel: ["Отмена", "Cancel"],
  add: ["Добавить", "Add"],
  edit: ["Изменить", "Edit"],
  remove: ["Удалить", "Delete"],
  confirmDelete: ["Удалить «{name}»? Вложенные записи будут удалены тоже.", "Delete \"{name}\"? Nested rows are deleted too."],
  conflict: ["Запись изменил другой пользователь. Его значения:", "Another user changed the record meanwhile. Their values:"],
  takeCurrent: ["Взять текущие значения и продолжить", "Take the current values and continue"],
  theirs: ["сейчас", "now"],
  yours: ["у вас", "yours"],
  none: ["—", "—"],
  saving: ["Сохранение…", "Saving…"],
});

export function labelOf(l: Label, lang: Lang): string {
  return lang === "ru" ? l.ru : l.en;
}

/** May the current user do `action` on rows of this resource (strategy / plan / reference areas)? */
export function useCan(area: "strategy" | "plan" | "reference", resourceName: string): (action: "create" | "update" | "delete") => boolean {
  const { can, me } = useSession();
  return (action) => !!me?.municipalityId && can(action, { area, municipalityId: me.municipalityId, resource: resourceName } as Target);
}

/** Shows a field's value as text: enum labels, referenced names, "—" for empty. */
export function display(field: FieldSpec, value: unknown, lang: Lang, options?: Option[]): string {
  if (value === null || value === undefined || value === "") return "—";
  if (field.type.kind === "enum") {
    const l = field.type.labels?.[String(value)];
    return l ? labelOf(l, lang) : String(value);
  }
  if (field.type.kind === "ref") return options?.find((o) => o.value === value)?.label ?? String(value);
  if (field.type.kind === "bool") return value ? "✓" : "—";
  return String(value);
}

function toInput(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "boolean") return v ? "true" : "";
  return String(v);
}

/** The JSON value of one input: numbers keep their decimal string form (no floats), empty → null. */
function fromInput(field: FieldSpec, s: string): unknown {
  const t = s.trim();
  if (field.type.kind === "bool") return t === "true";
  if (t === "") return null;
  if (field.type.kind === "decimal" || field.type.kind === "money") return t.replace(/[\s\u00a0]/g, "").replace(",", ".");
  return t;
}

export interface RecordFormProps {
  /** Resource name of the domain spec, e.g. "goal". */
  resource: string;
  /** The row to edit; without it the form creates a row. */
  row?: Row | null;
  /** Fixed values of a new row (its parent id, a preset kind …). */
  preset?: Row;
  /** The fields to show (default: every field of the spec except those preset). */
  fields?: string[];
  /** Choices of reference fields. */
  options?: Record<string, Option[]>;
  onDone(row: Row): void;
  onCancel(): void;
  title?: ReactNode;
}

export function RecordForm(props: RecordFormProps) {
  const t = useT(M);
  const { lang } = useLang();
  const spec = resource(props.resource);
  const shown = spec.fields.filter((f) => (props.fields ? props.fields.includes(f.name) : !(props.preset && f.name in props.preset)));
  const ordered = props.fields ? props.fields.map((n) => shown.find((f) => f.name === n)).filter((f): f is FieldSpec => !!f) : shown;
  const initial = (row: Row | null | undefined) => Object.fromEntries(ordered.map((f) => [f.name, toInput(row?.[f.name])]));
  const [base, setBase] = useState<Row | null | undefined>(props.row);
  const [values, setValues] = useState<Record<string, string>>(() => initial(props.row));
  const [error, setError] = useState<ApiError | Error | null>(null);
  const [conflict, setConflict] = useState<Row | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setConflict(null);
    try {
      let saved: Row;
      if (base) {
        const patch: Row = { version: base.version };
        for (const f of ordered) {
          const v = fromInput(f, values[f.name] ?? "");
          if (toInput(v) !== toInput(base[f.name])) patch[f.name] = v;
        }
        saved = Object.keys(patch).length > 1 ? await updateRow(spec, base.id, base.version, patch) : base;
      } else {
        const data: Row = { ...(props.preset ?? {}) };
        for (const f of ordered) {
          const v = fromInput(f, values[f.name] ?? "");
          if (v !== null) data[f.name] = v;
        }
        saved = await createRow(spec, data);
      }
      props.onDone(saved);
    } catch (err) {
      setError(err as Error);
      if (err instanceof ApiError && err.status === 409) setConflict((errorBodyOf(err).current as Row | undefined) ?? null);
    } finally {
      setBusy(false);
    }
  };

  const issue = (name: string) => (error instanceof ApiError ? error.issueFor(name) : undefined);
  const unplaced =
    error instanceof ApiError ? error.issues.filter((i) => !ordered.some((f) => i.path === f.name || i.path.endsWith(`.${f.name}`))) : [];

  return (
    <form className="record-form card" onSubmit={submit} data-resource={props.resource}>
      {props.title ? <h3>{props.title}</h3> : null}
      {ordered.map((f) => {
        const id = `${props.resource}-${f.name}`;
        const msg = issue(f.name);
        const common = {
          id,
          name: f.name,
          "aria-invalid": msg ? true : undefined,
          "aria-describedby": msg ? `${id}-err` : undefined,
          value: values[f.name] ?? "",
          onChange: (e: { target: { value: string } }) => setValues({ ...values, [f.name]: e.target.value }),
        };
        let input: ReactNode;
        const k = f.type;
        if (k.kind === "text" && k.multiline) input = <textarea rows={3} {...common} />;
        else if (k.kind === "enum")
          input = (
            <select {...common}>
              {!f.required ? <option value="">—</option> : null}
              {k.values.map((v) => (
                <option key={v} value={v}>{k.labels?.[v] ? labelOf(k.labels[v]!, lang) : v}</option>
              ))}
            </select>
          );
        else if (k.kind === "ref")
          input = (
            <select {...common}>
              <option value="">—</option>
              {(props.options?.[f.name] ?? []).map((o) => (
                <option key={o.value} value={o.value}>{o.label}</option>
              ))}
            </select>
          );
        else if (k.kind === "bool")
          input = (
            <input type="checkbox" id={id} name={f.name} checked={values[f.name] === "true"} onChange={(e) => setValues({ ...values, [f.name]: e.target.checked ? "true" : "" })} />
          );
        else if (k.kind === "date") input = <input type="date" {...common} />;
        else if (k.kind === "int" || k.kind === "year") input = <input inputMode="numeric" className="short" {...common} />;
        else if (k.kind === "decimal" || k.kind === "money") input = <input inputMode="decimal" className="short" {...common} />;
        else input = <input {...common} />;
        return (
          <div className={`field${msg ? " invalid" : ""}`} key={f.name}>
            <label htmlFor={id}>
              {labelOf(f.label, lang)}
              {f.required ? <span className="req"> *</span> : null}
            </label>
            {input}
            {msg ? (
              <span className="field-error error" id={`${id}-err`} role="alert">{msg}</span>
            ) : null}
          </div>
        );
      })}
      {error && !(error instanceof ApiError && error.issues.length > 0 && unplaced.length === 0) ? (
        <p className="error" role="alert">
          {error instanceof ApiError && unplaced.length ? unplaced.map((i) => i.message).join("; ") : error.message}
        </p>
      ) : null}
      {conflict ? (
        <div className="banner" data-testid="conflict">
          <p>{t("conflict")}</p>
          <table className="data">
            <tbody>
              {ordered
                .filter((f) => toInput(conflict[f.name]) !== (values[f.name] ?? ""))
                .map((f) => (
                  <tr key={f.name}>
                    <th>{labelOf(f.label, lang)}</th>
                    <td>{t("theirs")}: {display(f, conflict[f.name], lang, props.options?.[f.name])}</td>
                    <td>{t("yours")}: {values[f.name] || "—"}</td>
                  </tr>
                ))}
            </tbody>
          </table>
          <button
            type="button"
            className="secondary"
            onClick={() => {
              setBase(conflict);
              setConflict(null);
              setError(null);
            }}
          >
            {t("takeCurrent")}
          </button>
        </div>
      ) : null}
      <div className="toolbar">
        <button type="submit" disabled={busy}>{busy ? t("saving") : t("save")}</button>
        <button type="button" className="secondary" onClick={props.onCancel}>{t("cancel")}</button>
      </div>
    </form>
  );
}

/** Deletes a row after confirmation; shows the API's refusal next to the button. */
export function DeleteButton({ resource: name, row, onDone, label }: { resource: string; row: Row; onDone(): void; label?: string }) {
  const t = useT(M);
  const [error, setError] = useState<string | null>(null);
  const spec = resource(name);
  return (
    <>
      <button
        type="button"
        className="link danger"
        aria-label={`${t("remove")} ${label ?? row.name ?? ""}`}
        title={t("remove")}
        onClick={async () => {
          if (!window.confirm(t("confirmDelete", { name: label ?? row.name ?? row.text ?? "" }))) return;
          try {
            await deleteRow(spec, row.id, row.version);
            setError(null);
            onDone();
          } catch (e) {
            setError((e as Error).message);
          }
        }}
      >
        {t("remove")}
      </button>
      {error ? <span className="error" role="alert"> {error}</span> : null}
    </>
  );
}

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
  onChanged(): void;
}) {
  const t = useT(M);
  const [editing, setEditing] = useState(false);
  if (editing)
    return (
      <RecordForm
        resource={name}
        row={row}
        fields={fields}
        options={options}
        onDone={() => {
          setEditing(false);
          onChanged();
        }}
        onCancel={() => setEditing(false)}
      />
    );
  return (
    <span className="item">
      {children}
      {canEdit || canDelete ? (
        <span className="item-actions">
          {canEdit ? (
            <button type="button" className="link" onClick={() => setEditing(true)} aria-label={`${t("edit")} ${row.name ?? row.text ?? ""}`}>
              {t("edit")}
            </button>
          ) : null}
          {canDelete ? <DeleteButton resource={name} row={row} onDone={onChanged} /> : null}
        </span>
      ) : null}
    </span>
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
  preset: Row;
  fields?: string[];
  options?: Record<string, Option[]>;
  label: string;
  onChanged(row: Row): void;
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
          onChanged(r);
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
export function Collapsible({ title, children, open: initial = true, testId }: { title: ReactNode; children: ReactNode; open?: boolean; testId?: string }) {
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
          <option key={s.id} value={s.id}>{s.name}</option>
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

export const FormMessages = M;

/**
 * A column of components/Grid.tsx over one field of a resource spec: header, cell kind, options,
 * the stored value, and the record the cell writes to (PATCH with the version read).
 */
export function specColumn<R extends Row>(
  resourceName: string,
  fieldName: string,
  lang: Lang,
  opts: { canEdit: boolean; options?: Option[]; width?: number | string; newRow?: boolean; header?: string } ,
): GridColumn<R> {
  const spec = resource(resourceName);
  const field = spec.fields.find((f) => f.name === fieldName);
  if (!field) throw new Error(`${resourceName}.${fieldName}: no such field`);
  const k = field.type;
  const kind: CellKind =
    k.kind === "int" || k.kind === "year" ? "int" : k.kind === "decimal" ? "number" : k.kind === "money" ? "money" : k.kind === "date" ? "date" : k.kind === "enum" || k.kind === "ref" ? "select" : "text";
  const options: Option[] | undefined =
    k.kind === "enum" ? k.values.map((v) => ({ value: v, label: k.labels?.[v] ? labelOf(k.labels[v]!, lang) : v })) : opts.options;
  return {
    key: fieldName,
    header: opts.header ?? labelOf(field.label, lang),
    kind,
    options,
    width: opts.width,
    value: (r) => (r[fieldName] === null || r[fieldName] === undefined ? null : String(r[fieldName])),
    editable: () => opts.canEdit,
    target: (r) => ({ resource: resourceName, id: r.id, version: r.version, field: fieldName, record: r }),
    field: opts.newRow === false ? undefined : fieldName,
  };
}

/** A Grid column with a delete button per row (shown only if the user may delete). */
export function deleteColumn<R extends Row>(resourceName: string, onDone: () => void, nameOf: (r: R) => string = (r) => r.name): GridColumn<R> {
  return {
    key: "__delete",
    header: "",
    value: () => null,
    render: (r) => <DeleteButton resource={resourceName} row={r} onDone={onDone} label={nameOf(r)} />,
  };
}

