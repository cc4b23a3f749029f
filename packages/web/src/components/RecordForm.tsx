/**
 * A form over a resource spec of the domain: creates one row or changes one (with the version it
 * read), the API's message beside each field; a stale write shows what changed meanwhile and
 * offers to continue from the current values. Used by the strategy, action plan and admin pages.
 *
 * The form is a react-hook-form whose resolver checks, before anything is sent, each field the
 * domain's way (`checkField`: required, number, date, list — the same messages the server gives)
 * and the row it would send against the contract's zod schema of the resource (create or update);
 * what only the server can judge (rules across rows, versions) still comes back beside the field.
 */
import { useMemo, useState, type ReactNode } from "react";
import { Controller, useForm, useWatch } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { notifications } from "@mantine/notifications";
import { z } from "zod";
import "../lib/zodConfig.ts";
import { checkField, resource, type FieldSpec, type Label, type ResourceSpec } from "@orientir/domain";
import { resourceSchemas } from "../lib/contracts.ts";
import { ApiError, errorBodyOf } from "../lib/api.ts";
import { textOf, createRow, updateRow, type StoredRow } from "../api/resources.ts";
import { messages, useLang, useT, type Lang } from "../lib/i18n.tsx";
import type { Option } from "./Grid.tsx";
import { DateField } from "./DateField.tsx";
import "./RecordForm.css";

const M = messages({
  save: ["Сохранить", "Save"],
  cancel: ["Отмена", "Cancel"],
  conflict: ["Запись изменил другой пользователь. Его значения:", "Another user changed the record meanwhile. Their values:"],
  takeCurrent: ["Взять текущие значения и продолжить", "Take the current values and continue"],
  theirs: ["сейчас", "now"],
  yours: ["у вас", "yours"],
  saving: ["Сохранение…", "Saving…"],
  saved: ["Сохранено", "Saved"],
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

/** The value of a form control: text (a checkbox: "true" or ""). */
type InputValue = string | boolean;
type Values = Record<string, InputValue>;

function toInput(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "boolean") return v ? "true" : "";
  return textOf(v) ?? "";
}

/** The JSON value of one input: numbers keep their decimal string form (no floats), empty → null. */
function fromInput(field: FieldSpec, s: InputValue | undefined): unknown {
  if (field.type.kind === "bool") return s === true || s === "true";
  const t = typeof s === "string" ? s.trim() : "";
  if (t === "") return null;
  if (field.type.kind === "decimal" || field.type.kind === "money") return t.replace(/[\s\u00a0]/g, "").replace(",", ".");
  return t;
}

/** What a valid form sends: the fields to create the row with, or those changed (for an update). */
interface RowData {
  data: Record<string, unknown>;
}

/**
 * The form's resolver schema: each shown field checked as the domain checks it (only the fields
 * changed, when a stored row is edited: its other values are the server's), then the row the form
 * would send parsed by the contract's schema (create or update) of the resource.
 */
function formSchema(
  spec: ResourceSpec,
  fields: FieldSpec[],
  base: StoredRow | null | undefined,
  preset: Record<string, unknown> | undefined,
  lang: Lang,
): z.ZodType<RowData, Values> {
  const contract = resourceSchemas(spec);
  // the contract's object without .strict(): the preset may carry scope ids the form does not send
  const sent = z.object(base ? contract.update.shape : contract.create.shape);
  return z.record(z.string(), z.union([z.string(), z.boolean()])).transform((values, ctx) => {
    const data: Record<string, unknown> = {};
    for (const f of fields) {
      const v = fromInput(f, values[f.name]);
      if (base && toInput(v) === toInput(base[f.name])) continue;
      const checked = checkField(spec, f, v);
      for (const i of checked.issues) ctx.addIssue({ code: "custom", path: [f.name], message: lang === "ru" ? i.message : i.messageEn });
      if (base || v !== null) data[f.name] = v;
    }
    const parsed = sent.safeParse(base ? { version: base.version, ...data } : { ...(preset ?? {}), ...data });
    if (!parsed.success)
      for (const i of parsed.error.issues) {
        const field = String(i.path[0] ?? "");
        ctx.addIssue({ code: "custom", path: fields.some((f) => f.name === field) ? [field] : ["root"], message: i.message });
      }
    return { data };
  });
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
  const initial = (row: StoredRow | null | undefined): Values =>
    Object.fromEntries(ordered.map((f) => [f.name, f.type.kind === "bool" ? row?.[f.name] === true : toInput(row?.[f.name])]));
  const [base, setBase] = useState<StoredRow | null | undefined>(props.row);
  const [error, setError] = useState<ApiError | Error | null>(null);
  const [conflict, setConflict] = useState<StoredRow | null>(null);
  const names = ordered.map((f) => f.name).join(",");
  const resolver = useMemo(
    () => zodResolver(formSchema(spec, ordered, base, props.preset, lang)),
    // the fields are given by their names; the preset is fixed for the form's life
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [spec, names, base, lang],
  );
  const form = useForm<Values, unknown, RowData>({ defaultValues: initial(props.row), resolver });
  const busy = form.formState.isSubmitting;

  const submit = form.handleSubmit(async ({ data }) => {
    setError(null);
    setConflict(null);
    try {
      let saved: StoredRow;
      if (base) saved = Object.keys(data).length > 0 ? await updateRow(spec, base.id, base.version, data) : base;
      else saved = await createRow(spec, { ...(props.preset ?? {}), ...data });
      notifications.show({ message: t("saved"), color: "green", autoClose: 2500 });
      props.onDone(saved);
    } catch (err) {
      setError(err as Error);
      if (err instanceof ApiError && err.status === 409) setConflict((errorBodyOf(err).current as StoredRow | undefined) ?? null);
    }
  });
  const values = useWatch({ control: form.control }) as Values;

  const issue = (name: string) => form.formState.errors[name]?.message ?? (error instanceof ApiError ? error.issueFor(name) : undefined);
  const unplaced =
    error instanceof ApiError ? error.issues.filter((i) => !ordered.some((f) => i.path === f.name || i.path.endsWith(`.${f.name}`))) : [];

  return (
    <form className="record-form card" onSubmit={(e) => void submit(e)} data-resource={props.resource} noValidate>
      {props.title ? <h3>{props.title}</h3> : null}
      {ordered.map((f) => {
        const id = `${props.resource}-${f.name}`;
        const msg = issue(f.name);
        const common = {
          id,
          "aria-invalid": msg ? true : undefined,
          "aria-describedby": msg ? `${id}-err` : undefined,
          ...form.register(f.name),
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
        else if (k.kind === "bool") input = <input type="checkbox" id={id} {...form.register(f.name)} />;
        else if (k.kind === "date")
          input = (
            <Controller
              control={form.control}
              name={f.name}
              render={({ field }) => (
                <DateField
                  id={id}
                  name={f.name}
                  value={typeof field.value === "string" ? field.value : ""}
                  onChange={field.onChange}
                  onBlur={field.onBlur}
                  required={f.required}
                  aria-invalid={msg ? true : undefined}
                  aria-describedby={msg ? `${id}-err` : undefined}
                />
              )}
            />
          );
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
      {form.formState.errors.root?.message ? (
        <p className="error" role="alert">
          {form.formState.errors.root.message}
        </p>
      ) : null}
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
                .filter((f) => toInput(conflict[f.name]) !== toInput(fromInput(f, values[f.name])))
                .map((f) => (
                  <tr key={f.name}>
                    <th>{labelOf(f.label, lang)}</th>
                    <td>
                      {t("theirs")}: {display(f, conflict[f.name], lang, props.options?.[f.name])}
                    </td>
                    <td>
                      {t("yours")}: {display(f, fromInput(f, values[f.name]), lang, props.options?.[f.name])}
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
 * RecordForm of `fields` while it is edited; `onChanged` after a save, for anything else than the
 * refresh (the save refreshes the reads itself).
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
  onChanged?: () => void;
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
        onChanged?.();
      }}
      onCancel={() => setEditing(false)}
    />
  );
}
