/**
 * A form over a resource spec of the domain: creates one row or changes one (with the version it
 * read), the API's message beside each field; a stale write shows what changed meanwhile and
 * offers to continue from the current values. Used by the strategy, action plan and admin pages.
 */
import { useState, type FormEvent, type ReactNode } from "react";
import { resource, type FieldSpec, type Label } from "@orientir/domain";
import { ApiError, errorBodyOf } from "../lib/api.ts";
import { textOf, createRow, updateRow, type StoredRow } from "../api/resources.ts";
import { messages, useLang, useT, type Lang } from "../lib/i18n.tsx";
import type { Option } from "./Grid.tsx";
import "./RecordForm.css";

const M = messages({
  save: ["Сохранить", "Save"],
  cancel: ["Отмена", "Cancel"],
  conflict: ["Запись изменил другой пользователь. Его значения:", "Another user changed the record meanwhile. Their values:"],
  takeCurrent: ["Взять текущие значения и продолжить", "Take the current values and continue"],
  theirs: ["сейчас", "now"],
  yours: ["у вас", "yours"],
  saving: ["Сохранение…", "Saving…"],
});

export function labelOf(l: Label, lang: Lang): string {
  return lang === "ru" ? l.ru : l.en;
}

/** Shows a field's value as text: enum labels, referenced names, "—" for empty. */
export function display(field: FieldSpec, value: unknown, lang: Lang, options?: Option[]): string {
  if (value === null || value === undefined || value === "") return "—";
  if (field.type.kind === "enum") {
    const l = field.type.labels?.[textOf(value) ?? ""];
    return l ? labelOf(l, lang) : (textOf(value) ?? "");
  }
  if (field.type.kind === "ref") return options?.find((o) => o.value === value)?.label ?? textOf(value) ?? "";
  if (field.type.kind === "bool") return value ? "✓" : "—";
  return textOf(value) ?? "";
}

function toInput(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "boolean") return v ? "true" : "";
  return textOf(v) ?? "";
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
  row?: StoredRow | null;
  /** Fixed values of a new row (its parent id, a preset kind …). */
  preset?: Record<string, unknown>;
  /** The fields to show (default: every field of the spec except those preset). */
  fields?: string[];
  /** Choices of reference fields. */
  options?: Record<string, Option[]>;
  onDone: (row: StoredRow) => void;
  onCancel: () => void;
  title?: ReactNode;
}

export function RecordForm(props: RecordFormProps) {
  const t = useT(M);
  const { lang } = useLang();
  const spec = resource(props.resource);
  const shown = spec.fields.filter((f) => (props.fields ? props.fields.includes(f.name) : !(props.preset && f.name in props.preset)));
  const ordered = props.fields ? props.fields.map((n) => shown.find((f) => f.name === n)).filter((f): f is FieldSpec => !!f) : shown;
  const initial = (row: StoredRow | null | undefined) => Object.fromEntries(ordered.map((f) => [f.name, toInput(row?.[f.name])]));
  const [base, setBase] = useState<StoredRow | null | undefined>(props.row);
  const [values, setValues] = useState<Record<string, string>>(() => initial(props.row));
  const [error, setError] = useState<ApiError | Error | null>(null);
  const [conflict, setConflict] = useState<StoredRow | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setConflict(null);
    try {
      let saved: StoredRow;
      if (base) {
        const patch: Record<string, unknown> = {};
        for (const f of ordered) {
          const v = fromInput(f, values[f.name] ?? "");
          if (toInput(v) !== toInput(base[f.name])) patch[f.name] = v;
        }
        saved = Object.keys(patch).length > 0 ? await updateRow(spec, base.id, base.version, patch) : base;
      } else {
        const data: Record<string, unknown> = { ...(props.preset ?? {}) };
        for (const f of ordered) {
          const v = fromInput(f, values[f.name] ?? "");
          if (v !== null) data[f.name] = v;
        }
        saved = await createRow(spec, data);
      }
      props.onDone(saved);
    } catch (err) {
      setError(err as Error);
      if (err instanceof ApiError && err.status === 409) setConflict((errorBodyOf(err).current as StoredRow | undefined) ?? null);
    } finally {
      setBusy(false);
    }
  };

  const issue = (name: string) => (error instanceof ApiError ? error.issueFor(name) : undefined);
  const unplaced =
    error instanceof ApiError ? error.issues.filter((i) => !ordered.some((f) => i.path === f.name || i.path.endsWith(`.${f.name}`))) : [];

  return (
    <form className="record-form card" onSubmit={(e) => void submit(e)} data-resource={props.resource}>
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
                <option key={v} value={v}>
                  {k.labels?.[v] ? labelOf(k.labels[v], lang) : v}
                </option>
              ))}
            </select>
          );
        else if (k.kind === "ref")
          input = (
            <select {...common}>
              <option value="">—</option>
              {(props.options?.[f.name] ?? []).map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          );
        else if (k.kind === "bool")
          input = (
            <input
              type="checkbox"
              id={id}
              name={f.name}
              checked={values[f.name] === "true"}
              onChange={(e) => setValues({ ...values, [f.name]: e.target.checked ? "true" : "" })}
            />
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
              <span className="field-error error" id={`${id}-err`} role="alert">
                {msg}
              </span>
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
                    <td>
                      {t("theirs")}: {display(f, conflict[f.name], lang, props.options?.[f.name])}
                    </td>
                    <td>
                      {t("yours")}: {values[f.name] || "—"}
                    </td>
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
        <button type="submit" disabled={busy}>
          {busy ? t("saving") : t("save")}
        </button>
        <button type="button" className="secondary" onClick={props.onCancel}>
          {t("cancel")}
        </button>
      </div>
    </form>
  );
}

/**
 * A row shown by `children` (given the function that opens the editor), replaced in place by a
 * RecordForm of `fields` while it is edited; `onChanged` after a save.
 */
export function EditInPlace({
  resource: name,
  row,
  fields,
  options,
  onChanged,
  children,
}: {
  resource: string;
  row: StoredRow;
  fields?: string[];
  options?: Record<string, Option[]>;
  onChanged: () => void;
  children: (edit: () => void) => ReactNode;
}) {
  const [editing, setEditing] = useState(false);
  if (!editing) return <>{children(() => setEditing(true))}</>;
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
}
