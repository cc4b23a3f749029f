/** What the program pages share: the loaded tree, permissions per row, a form built from a resource spec. */
import { OkeiPicker, okeiCodeOf, useOkeiUnits } from "../../components/OkeiUnits.tsx";
import { useState, type FormEvent, type ReactNode } from "react";
import { fieldClass, resource as resourceSpec, type Action, type FieldSpec } from "@orientir/domain";
import { ApiError, type ResponseOf, type Schema } from "../../lib/api.ts";
import { textOf, createRow, numberOf, type StoredRow } from "../../api/resources.ts";
import { messages, useLang, useT, type Lang } from "../../lib/i18n.tsx";
import { useSession } from "../../lib/session.tsx";
import type { GridColumn, Option } from "../../components/Grid.tsx";
import { DeleteButton } from "../../components/DeleteButton.tsx";
import { DateField } from "../../components/DateField.tsx";

export type Row = StoredRow;

export type Department = ResponseOf<"get", "/api/departments">["items"][number];
export type BudgetSource = ResponseOf<"get", "/api/budget-sources">["items"][number];

/** A program with its rows nested (GET /api/programs/:id/tree). */
export type ProgramTree = Schema<"ProgramTree">;

/** A structural element of a direction in the tree, with its tasks, metrics, checkpoints and funding. */
export type ElementNode = Schema<"StructuralElementNode">;

export const STATUS_LABELS: Record<string, [string, string]> = {
  draft: ["проект", "draft"],
  discussion: ["общественное обсуждение", "public discussion"],
  review: ["согласование", "review"],
  approved: ["утверждена", "approved"],
  published: ["опубликована", "published"],
};

export function byOrd(a: Row, b: Row): number {
  return (
    numberOf(a.ord) - numberOf(b.ord) ||
    (textOf(a.code) ?? "").localeCompare(textOf(b.code) ?? "", "ru", { numeric: true }) ||
    (textOf(a.name) ?? "").localeCompare(textOf(b.name) ?? "", "ru")
  );
}

export function sorted<T extends Row>(rows: T[] | undefined): T[] {
  return [...(rows ?? [])].sort(byOrd);
}

export function years(p: { startYear: number | null; endYear: number | null }): number[] {
  const ys: number[] = [];
  if (p.startYear === null || p.endYear === null) return ys;
  for (let y = p.startYear; y <= p.endYear && ys.length < 30; y++) ys.push(y);
  return ys;
}

export function label(f: FieldSpec, lang: Lang): string {
  return lang === "ru" ? f.label.ru : f.label.en;
}

/** The label of a field of a resource, in the current language. */
export function useFieldLabel(): (resource: string, field: string) => string {
  const { lang } = useLang();
  return (res, field) => {
    const f = resourceSpec(res).fields.find((x) => x.name === field);
    return f ? label(f, lang) : field;
  };
}

export function enumOptions(res: string, field: string, lang: Lang): Option[] {
  const f = resourceSpec(res).fields.find((x) => x.name === field);
  if (!f || f.type.kind !== "enum") return [];
  const labels = f.type.labels;
  return f.type.values.map((v) => ({ value: v, label: labels?.[v] ? (lang === "ru" ? labels[v].ru : labels[v].en) : v }));
}

/** Where the program's content stands (GET /api/programs/:id/content): the page's banner and read-only cells. */
export type ContentView = Schema<"ProgramContent">;

/**
 * Permission for a row of a program: the same rules as the server — the role's permissions, and
 * the content's state: content (everything but the record of execution, `fieldClass`) changes only
 * in a draft with its preparer. `field` names the field a cell edits (a fact is not content).
 */
export function useProgramCan(
  program: { municipalityId: string; responsibleDepartmentId: string | null; directions?: Row[] } | null,
  content: ContentView | null = null,
) {
  const { can } = useSession();
  // the directions whose own order is being drafted: their content is its working copy
  const openDirections = new Set(
    (program?.directions ?? []).filter((d) => content?.directions[d.id]?.editable).map((d) => String(d.coExecutorDepartmentId)),
  );
  return (action: Action, resource: string, directionCoExecutorId: string | null = null, field?: string): boolean => {
    if (program === null) return false;
    if (
      !can(action, {
        area: "program",
        municipalityId: program.municipalityId,
        resource,
        responsibleDepartmentId: program.responsibleDepartmentId,
        directionCoExecutorId,
      })
    )
      return false;
    if (action === "read" || !content || content.program.editable) return true;
    if (directionCoExecutorId !== null && openDirections.has(directionCoExecutorId)) return true;
    // a fact, a forecast, a justification, an actual date: the record of execution, not content
    if (field !== undefined && fieldClass(resource, field) === "execution") return true;
    if (field === undefined && fieldClass(resource, "*") === "execution") return true;
    return false;
  };
}

/** A column stored in a field of the row's own record (PATCH with its version). */
export function fieldColumn<R extends Row>(
  res: string,
  field: string,
  header: string,
  opts: Partial<GridColumn<R>> & { canEdit?: (row: R) => boolean; newRow?: boolean } = {},
): GridColumn<R> {
  const f = resourceSpec(res).fields.find((x) => x.name === field);
  const kind =
    opts.kind ??
    (f?.type.kind === "decimal"
      ? "number"
      : f?.type.kind === "money"
        ? "money"
        : f?.type.kind === "int" || f?.type.kind === "year"
          ? "int"
          : f?.type.kind === "date"
            ? "date"
            : f?.type.kind === "enum" || f?.type.kind === "ref"
              ? "select"
              : "text");
  const { canEdit, newRow, ...rest } = opts;
  return {
    key: field,
    header,
    kind,
    value: (r) => (r[field] === null || r[field] === undefined ? null : (textOf(r[field]) ?? "")),
    editable: canEdit,
    target: (r) => ({ resource: res, id: r.id, version: r.version, field, record: r }),
    field: newRow === false ? undefined : field,
    ...rest,
  };
}

const M = messages({
  create: ["Создать", "Create"],
  cancel: ["Отмена", "Cancel"],
  required: ["обязательное поле", "required"],
  choose: ["— выберите —", "— choose —"],
  deleteConfirm: ["Удалить «{name}»? Будут удалены и все вложенные данные.", "Delete “{name}”? Everything below it is deleted too."],
  delete: ["Удалить", "Delete"],
});

export interface SpecFormProps {
  /** Domain resource name, e.g. "direction". */
  resource: string;
  /** The fields the form shows, in order. */
  fields: string[];
  /** Fixed data (parent ids). */
  data?: Record<string, unknown>;
  /** Choices for ref fields (and to narrow enums). */
  options?: Record<string, Option[]>;
  initial?: Record<string, string>;
  submitLabel?: string;
  onCreated: (row: Row) => void;
  onCancel?: () => void;
  testId?: string;
}

/** A form that creates one record of a resource; the server's message stands beside each field. */
export function SpecForm(props: SpecFormProps) {
  const t = useT(M);
  const { lang } = useLang();
  const spec = resourceSpec(props.resource);
  const [values, setValues] = useState<Record<string, string>>(props.initial ?? {});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const units = useOkeiUnits(props.fields.includes("unit"));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setErrors({});
    setGeneral(null);
    const body: Record<string, unknown> = { ...(props.data ?? {}) };
    for (const name of props.fields) {
      const v = (values[name] ?? "").trim();
      const f = spec.fields.find((x) => x.name === name);
      if (v === "") continue;
      if (f?.type.kind === "int" || f?.type.kind === "year") body[name] = /^-?\d+$/.test(v) ? Number(v) : v;
      else if (f?.type.kind === "decimal" || f?.type.kind === "money") body[name] = v.replace(/[\s\u00a0]/g, "").replace(",", ".");
      else body[name] = v;
    }
    try {
      const row = await createRow(spec, body);
      setValues(props.initial ?? {});
      props.onCreated(row);
    } catch (err) {
      if (err instanceof ApiError) {
        const errs: Record<string, string> = {};
        const rest: string[] = [];
        for (const iss of err.issues) {
          const field =
            iss.path
              .split(/[.[\]]+/)
              .filter(Boolean)
              .pop() ?? iss.path;
          if (props.fields.includes(field) && !errs[field]) errs[field] = iss.message;
          else rest.push(iss.message);
        }
        setErrors(errs);
        if (rest.length || err.issues.length === 0) setGeneral(rest.length ? rest.join("; ") : err.message);
      } else setGeneral(String(err));
    } finally {
      setBusy(false);
    }
  };
  const input = (f: FieldSpec): ReactNode => {
    const v = values[f.name] ?? "";
    const set = (x: string) => setValues((s) => ({ ...s, [f.name]: x }));
    const common = {
      name: f.name,
      "aria-invalid": errors[f.name] ? true : undefined,
      "aria-describedby": errors[f.name] ? `${props.testId ?? props.resource}-${f.name}-error` : undefined,
    };
    if (f.type.kind === "enum" || f.type.kind === "ref") {
      const opts = props.options?.[f.name] ?? (f.type.kind === "enum" ? enumOptions(props.resource, f.name, lang) : []);
      return (
        <select {...common} value={v} onChange={(e) => set(e.target.value)}>
          <option value="">{t("choose")}</option>
          {opts.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      );
    }
    if (f.type.kind === "text" && f.type.multiline)
      return <textarea {...common} rows={2} value={v} onChange={(e) => set(e.target.value)} />;
    if (f.type.kind === "date") return <DateField {...common} aria-label={label(f, lang)} value={v} onChange={set} />;
    if (f.name === "unit")
      // a unit from ОКЕИ: picked from the classifier (searched on the server), its code filled in beside it when the form has one
      return (
        <OkeiPicker
          {...common}
          aria-label={label(f, lang)}
          value={v}
          onChange={(unit, code) =>
            setValues((s) => ({
              ...s,
              unit,
              ...(code && props.fields.includes("okei") && (!s.okei || s.okei === okeiCodeOf(units, s.unit)) ? { okei: code } : {}),
            }))
          }
          onPick={(unit, code) => setValues((s) => ({ ...s, unit, ...(props.fields.includes("okei") ? { okei: code } : {}) }))}
        />
      );
    return <input {...common} value={v} inputMode={f.type.kind === "text" ? undefined : "decimal"} onChange={(e) => set(e.target.value)} />;
  };
  return (
    <form className="spec-form card" onSubmit={(e) => void submit(e)} data-testid={props.testId} noValidate>
      <div className="spec-form-fields">
        {props.fields.map((name) => {
          const f = spec.fields.find((x) => x.name === name);
          if (!f) return null;
          return (
            <label key={name} className={errors[name] ? "invalid" : ""}>
              <span>
                {label(f, lang)}
                {f.required ? (
                  <span className="muted" title={t("required")}>
                    {" "}
                    *
                  </span>
                ) : null}
              </span>
              {input(f)}
              {errors[name] ? (
                <span className="field-error error" id={`${props.testId ?? props.resource}-${name}-error`} role="alert">
                  {errors[name]}
                </span>
              ) : null}
            </label>
          );
        })}
      </div>
      {general ? (
        <p className="error" role="alert">
          {general}
        </p>
      ) : null}
      <div className="toolbar">
        <button type="submit" disabled={busy}>
          {props.submitLabel ?? t("create")}
        </button>
        {props.onCancel ? (
          <button type="button" className="secondary" onClick={props.onCancel}>
            {t("cancel")}
          </button>
        ) : null}
      </div>
    </form>
  );
}

/** The last column of a program grid: a delete button on the rows the user may delete. */
export function deleteRowColumn<R extends Row>(
  resource: string,
  o: { header?: string; mayDelete: (row: R) => boolean; name?: (row: R) => string; onDeleted?: () => void; onError: (msg: string) => void },
): GridColumn<R> {
  return {
    key: "actions",
    header: o.header ?? "",
    value: () => null,
    render: (r) =>
      o.mayDelete(r) ? (
        <DeleteButton
          resource={resource}
          row={r}
          name={o.name ? o.name(r) : (textOf(r.name) ?? "")}
          onDone={o.onDeleted}
          onError={o.onError}
        />
      ) : null,
  };
}
