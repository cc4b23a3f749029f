/**
 * The one editable grid of the app (Excel-like): keyboard navigation, editing in place, the
 * server's validation message beside the cell, a 409 banner instead of overwriting, and a block
 * pasted from Excel sent as ONE /api/batch request (all or nothing).
 *
 * A cell is stored somewhere: `column.target(row)` names the record and field (an existing row
 * with its version → PATCH; no id → POST with `create` data, e.g. a value for a year not yet
 * entered). A page may instead handle a single edit itself with `onSave`.
 *
 *   <Grid label="Показатели" rows={metrics} rowKey={(m) => m.id}
 *     columns={[{ key: "name", header: "Наименование", value: (m) => m.name,
 *                 editable: (m) => canEdit(m), target: (m) => ({ resource: "metric", id: m.id, version: m.version, field: "name", record: m }) }]} />
 */
import {
  createContext,
  useContext,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type ClipboardEvent,
  type KeyboardEvent,
  type ReactNode,
} from "react";
import { resource as resourceSpec, type ResourceSpec } from "@orientir/domain";
import { api, ApiError, errorBodyOf, type BodyOf, type FieldIssue } from "../lib/api.ts";
import { textOf, createRow, deleteRow, updateRow } from "../api/resources.ts";
import { invalidateAll, save } from "../lib/query.ts";
import { messages, useLang, useT } from "../lib/i18n.tsx";
import "./Grid.css";
import { cellKeyAction, editorKeyAction, placeBlock, type KeyPress } from "./gridKeys.ts";
import {
  editText,
  formatCell,
  parseCellInput,
  parseTsv,
  sameValue,
  sumDecimals,
  sumMoneyValues,
  type CellKind,
  type Option,
} from "./GridValues.ts";

export type { CellKind, Option } from "./GridValues.ts";

const M = messages({
  conflict: ["Данные изменены другим пользователем", "The data was changed by another user"],
  conflictHint: ["Ваше изменение не сохранено; показаны текущие данные.", "Your change was not saved; the current data is shown."],
  pasteNotSaved: [
    "Вставка не сохранена: ни одно значение не записано. Исправьте ошибки у ячеек.",
    "The paste was not saved: no value was written. Fix the errors beside the cells.",
  ],
  pasteReadOnly: ["Вставка невозможна: ячейка «{cell}» недоступна для изменения.", "Cannot paste: cell “{cell}” is read-only."],
  pasteOutside: ["Вставляемый блок выходит за границы таблицы.", "The pasted block does not fit into the table."],
  pasted: ["Вставлено значений: {n}", "Values pasted: {n}"],
  saving: ["сохранение…", "saving…"],
  add: ["Добавить", "Add"],
  newRow: ["Новая строка", "New row"],
  newRowHint: [
    "Заполните пустую строку внизу таблицы: выберите ячейку и начните ввод (Enter — сохранить значение).",
    "Fill in the empty row at the bottom of the table: select a cell and type (Enter keeps the value).",
  ],
  rowIssue: ["Строка {n}: {message}", "Row {n}: {message}"],
  close: ["Закрыть", "Close"],
  noRows: ["Нет данных", "No data"],
  readOnly: ["только просмотр", "read-only"],
});

/**
 * Why a stored cell is read-only, told before anyone types (its title, and the refusal of a paste):
 * a page provides it for the cells whose target it explains (e.g. a program in force: its content
 * changes only in an amendment). Null: no reason to give.
 */
export type ReadOnlyReason = (target: CellTarget) => string | null;
export const ReadOnlyReasonContext = createContext<ReadOnlyReason | null>(null);

export interface CellTarget {
  /** The domain resource name, e.g. "metricValue". */
  resource: string;
  /** The existing record (with its version), or none: then `create` data makes it. */
  id?: string | null;
  version?: number;
  create?: Record<string, unknown>;
  field: string;
  /** The record as loaded: shown against the current one when someone else changed it. */
  record?: Record<string, unknown>;
  /** Emptying the cell deletes the record (e.g. a funding amount) instead of writing null. */
  deleteWhenEmpty?: boolean;
}

export interface GridColumn<R> {
  key: string;
  header: string;
  /** Upper header row: adjacent columns with the same group share one header cell. */
  group?: string;
  kind?: CellKind | ((row: R) => CellKind);
  options?: Option[] | ((row: R | null) => Option[]);
  width?: number | string;
  /** The stored value (decimal string, ISO date, option value, text). */
  value: (row: R) => string | null | undefined;
  /** Custom content for a read-only cell (links, computed text). */
  render?: (row: R) => ReactNode;
  editable?: (row: R) => boolean;
  target?: (row: R) => CellTarget | null;
  /** Sum this column in the total rows. */
  total?: boolean;
  /** An editor of its own instead of the text input (the ОКЕИ picker of a unit). */
  editor?: (props: CellEditorProps) => ReactNode;
  /** Field of the new-row draft this column fills (the column is then editable in the draft row). */
  field?: string;
  className?: string;
}

/** What the grid gives a column's own editor (`GridColumn.editor`). */
export interface CellEditorProps {
  /** The text the edit starts from (the cell's value, or the key typed). */
  initial: string;
  /** The column's header: the editor's accessible name. */
  label: string;
  /**
   * Ends the edit with this text; `also`: other fields of the same record (by column key) written in
   * the same update; `key`: the key that ended it (Enter, Tab), where the selection then moves.
   */
  commit: (text: string, also?: Record<string, string | null>, key?: KeyPress) => void;
  /** Ends the edit without a change. */
  cancel: () => void;
}

/** Renders a column's own editor. */
function CellEditorHost({ editor, ...props }: CellEditorProps & { editor: (p: CellEditorProps) => ReactNode }) {
  return <>{editor(props)}</>;
}

export interface GridTotal<R> {
  label: string;
  /** Rows counted (all if absent). */
  filter?: (row: R) => boolean;
}

export interface GridNewRow {
  /** Domain resource name of the records of this grid, e.g. "checkpoint". */
  resource: string;
  /** Fixed data of every new record (the parent's id…). */
  data?: Record<string, unknown>;
  /** Last changes to the draft before it is sent (derive a parent from a chosen item…). */
  prepare?: (draft: Record<string, string | null>) => Record<string, unknown>;
  /** Button label. */
  label?: string;
}

export interface GridProps<R> {
  /** Accessible name of the grid. */
  label: string;
  columns: GridColumn<R>[];
  rows: R[];
  rowKey: (row: R) => string;
  /**
   * Something else to do after anything was saved (or someone else's change was found). The reads
   * need no help: a write invalidates them (lib/query.ts), and so does a conflict found here.
   */
  onSaved?: () => void;
  /** Handle a single edit instead of the column's target (throw an ApiError to show it beside the cell). */
  onSave?: (rowKey: string, changes: Record<string, string | null>, row: R) => Promise<void>;
  totals?: GridTotal<R>[];
  /** A draft row at the bottom to add a record (shown only if given: pass it only to those who may create). */
  newRow?: GridNewRow;
  /** Extra classes per row (e.g. a subtotal). */
  rowClass?: (row: R) => string | undefined;
  testId?: string;
}

interface Pending {
  input: string;
  error?: string;
  saving?: boolean;
  /** Saved: the record (id and version) the value was written to; shown until the reloaded data has moved past it. */
  savedTo?: string;
}

function recordStamp(target: CellTarget | null | undefined): string {
  return target ? `${target.resource}#${target.id ?? "new"}#${target.version ?? ""}` : "";
}

interface Banner {
  kind: "conflict" | "error" | "info";
  text: string;
  details?: string[];
}

const DRAFT = "__new";

function kindOf<R>(c: GridColumn<R>, row: R | null): CellKind {
  if (typeof c.kind === "function") return row === null ? "text" : c.kind(row);
  return c.kind ?? "text";
}
function optionsOf<R>(c: GridColumn<R>, row: R | null): Option[] {
  if (typeof c.options === "function") return c.options(row);
  return c.options ?? [];
}

function specOf(name: string): ResourceSpec | null {
  try {
    return resourceSpec(name);
  } catch {
    return null;
  }
}

/** The field name of an issue path: "plan", "data.plan", "operations[3].data.plan", "operations.3.data.plan". */
function issueField(path: string): string {
  const parts = path.split(/[.[\]]+/).filter(Boolean);
  return parts[parts.length - 1] ?? path;
}
function issueOp(path: string): number | null {
  const m = /^operations(?:\[(\d+)\]|\.(\d+))/.exec(path);
  return m ? Number(m[1] ?? m[2]) : null;
}

/** One operation of a batch (POST /api/batch). */
type Operation = BodyOf<"post", "/api/batch">["operations"][number];

export function Grid<R>(props: GridProps<R>) {
  const t = useT(M);
  const { lang } = useLang();
  const { columns, rows, rowKey, newRow } = props;
  const readOnlyReason = useContext(ReadOnlyReasonContext);
  /** The reason a stored, read-only cell gives, if the page has one for it. */
  const reasonAt = (r: number, c: number): string | null => {
    const col = columns[c];
    const row = rows[r];
    if (!readOnlyReason || !col?.target || row === undefined) return null;
    const target = col.target(row);
    return target ? readOnlyReason(target) : null;
  };
  const [sel, setSel] = useState<{ r: number; c: number }>({ r: 0, c: 0 });
  const [editing, setEditing] = useState<{ r: number; c: number; text: string } | null>(null);
  /** The cells typed, being saved or refused, by cell key (what of it still applies is `pending`, below). */
  const [stored, setPending] = useState<Record<string, Pending>>({});
  const [draft, setDraft] = useState<Record<string, string>>({});
  const [draftErrors, setDraftErrors] = useState<Record<string, string>>({});
  const [banner, setBanner] = useState<Banner | null>(null);
  const [busy, setBusy] = useState(false);
  const tableRef = useRef<HTMLTableElement>(null);
  const focusWanted = useRef(false);
  /** The cell being edited, cleared the moment an edit ends (so a late blur does not commit twice). */
  const editRef = useRef<{ r: number; c: number } | null>(null);
  useLayoutEffect(() => {
    editRef.current = editing ? { r: editing.r, c: editing.c } : null;
  }, [editing]);
  const endEdit = () => {
    editRef.current = null;
    setEditing(null);
  };
  const rowCount = rows.length + (newRow ? 1 : 0);

  // After a reload the saved values come from the server; keep what failed (typed values with their errors), what is
  // being saved, and a saved value until the reloaded data has the record past the version it was written to (pages
  // build their rows anew on each render, so a new `rows` alone does not mean the data was reloaded).
  const pending: Record<string, Pending> = Object.fromEntries(
    Object.entries(stored).filter(([k, v]) => {
      if (v.error !== undefined || v.saving) return true;
      if (!v.savedTo) return false;
      const at = k.lastIndexOf("|");
      const row = rows.find((r) => rowKey(r) === k.slice(0, at));
      const col = columns.find((c) => c.key === k.slice(at + 1));
      return Boolean(row && col && recordStamp(col.target?.(row)) === v.savedTo);
    }),
  );

  useEffect(() => {
    if (!focusWanted.current) return;
    focusWanted.current = false;
    const el = tableRef.current?.querySelector<HTMLElement>(
      editing
        ? `[data-r="${editing.r}"][data-c="${editing.c}"] input, [data-r="${editing.r}"][data-c="${editing.c}"] select`
        : `td[data-r="${sel.r}"][data-c="${sel.c}"]`,
    );
    el?.focus();
  });

  const keyOf = (r: number, c: number) => `${r < rows.length ? rowKey(rows[r]!) : DRAFT}|${columns[c]!.key}`;
  const rowKeyAt = (r: number) => (r < rows.length ? rowKey(rows[r]!) : DRAFT);

  const isEditable = (r: number, c: number): boolean => {
    const col = columns[c]!;
    if (r >= rows.length) return Boolean(newRow && col.field);
    const row = rows[r]!;
    if (!col.editable || !col.editable(row)) return false;
    return Boolean(props.onSave || col.target?.(row));
  };

  const move = (r: number, c: number) => {
    const nr = Math.max(0, Math.min(rowCount - 1, r));
    const nc = Math.max(0, Math.min(columns.length - 1, c));
    focusWanted.current = true;
    setSel({ r: nr, c: nc });
  };

  const startEdit = (r: number, c: number, text?: string) => {
    if (!isEditable(r, c)) return;
    const col = columns[c]!;
    const k = keyOf(r, c);
    let initial: string;
    if (text !== undefined) initial = text;
    else if (pending[k]) initial = pending[k].input;
    else if (r >= rows.length) initial = draft[col.key] ?? "";
    else initial = editText(kindOf(col, rows[r]!), col.value(rows[r]!), optionsOf(col, rows[r]!));
    focusWanted.current = true;
    setEditing({ r, c, text: initial });
  };

  const setCellPending = (k: string, v: Pending | null) =>
    setPending((p) => {
      const n = { ...p };
      if (v) n[k] = v;
      else delete n[k];
      return n;
    });

  const showConflict = (e: ApiError, target: CellTarget | null) => {
    const current = errorBodyOf(e).current as Record<string, unknown> | undefined;
    const details: string[] = [];
    const spec = target ? specOf(target.resource) : null;
    if (current && spec) {
      for (const f of spec.fields) {
        const before = target?.record?.[f.name];
        const now = current[f.name];
        if (target?.record && (textOf(before) ?? "") === (textOf(now) ?? "")) continue;
        if (!target?.record && f.name !== target?.field) continue;
        const label = lang === "ru" ? f.label.ru : f.label.en;
        details.push(target?.record ? `${label}: «${textOf(before) ?? ""}» → «${textOf(now) ?? ""}»` : `${label}: «${textOf(now) ?? ""}»`);
      }
    }
    setBanner({ kind: "conflict", text: `${t("conflict")}. ${t("conflictHint")}`, details: details.length ? details : [e.message] });
  };

  const isStale = (e: unknown): e is ApiError => e instanceof ApiError && e.status === 409 && Boolean(errorBodyOf(e).current);

  const opFor = (target: CellTarget, value: string | null): Operation | null => {
    if (target.id) {
      if (value === null && target.deleteWhenEmpty)
        return { op: "delete", resource: target.resource, id: target.id, version: target.version ?? 0 };
      return { op: "update", resource: target.resource, id: target.id, version: target.version ?? 0, data: { [target.field]: value } };
    }
    if (value === null) return null;
    return { op: "create", resource: target.resource, data: { ...(target.create ?? {}), [target.field]: value } };
  };

  const send = async (op: Operation) => {
    const spec = specOf(op.resource);
    if (!spec) throw new Error(`unknown resource ${op.resource}`);
    if (op.op === "update") return updateRow(spec, op.id, op.version, op.data);
    if (op.op === "delete") return deleteRow(spec, op.id, op.version);
    return createRow(spec, op.data);
  };

  /** Commit what was typed into a cell. */
  const commit = async (r: number, c: number, text: string, also?: Record<string, string | null>) => {
    const col = columns[c]!;
    if (r >= rows.length) {
      setDraft((d) => ({ ...d, ...Object.fromEntries(Object.entries(also ?? {}).map(([f, v]) => [f, v ?? ""])), [col.key]: text }));
      setDraftErrors((e) => {
        const n = { ...e };
        delete n[col.key];
        return n;
      });
      return;
    }
    const row = rows[r]!;
    const kind = kindOf(col, row);
    const value = parseCellInput(kind, text, optionsOf(col, row));
    const k = keyOf(r, c);
    const target = col.target?.(row) ?? null;
    // other fields written with this one (a unit's ОКЕИ code), those that differ from the record's
    const extra = Object.fromEntries(Object.entries(also ?? {}).filter(([f, v]) => (textOf(target?.record?.[f]) ?? null) !== v));
    if (sameValue(kind, value, col.value(row) ?? null) && Object.keys(extra).length === 0) {
      setCellPending(k, null);
      return;
    }
    setBanner(null);
    setCellPending(k, { input: text, saving: true });
    try {
      if (props.onSave) await props.onSave(rowKey(row), { [col.key]: value, ...extra }, row);
      else if (target) {
        const op = opFor(target, value);
        if (op && op.op === "update") Object.assign(op.data, extra);
        if (op) await send(op);
      }
      setCellPending(k, { input: text, savedTo: props.onSave ? undefined : recordStamp(target) });
      props.onSaved?.();
    } catch (e) {
      if (isStale(e)) {
        setCellPending(k, null);
        showConflict(e, target);
        // someone else's change: fetched (a refused write invalidates nothing by itself)
        void invalidateAll();
        props.onSaved?.();
        return;
      }
      const msg = e instanceof ApiError ? (e.issueFor(target?.field ?? col.key) ?? e.issues[0]?.message ?? e.message) : String(e);
      setCellPending(k, { input: text, error: msg });
    }
  };

  const addDraft = async () => {
    if (!newRow) return;
    const data: Record<string, unknown> = { ...(newRow.data ?? {}) };
    const values: Record<string, string | null> = {};
    for (const col of columns) {
      if (!col.field) continue;
      const text = draft[col.key];
      const v = text === undefined ? null : parseCellInput(kindOf(col, null), text, optionsOf(col, null));
      values[col.field] = v;
      if (v !== null) data[col.field] = v;
    }
    Object.assign(data, newRow.prepare?.(values) ?? {});
    setBusy(true);
    setBanner(null);
    try {
      const spec = specOf(newRow.resource)!;
      await createRow(spec, data);
      setDraft({});
      setDraftErrors({});
      props.onSaved?.();
    } catch (e) {
      if (e instanceof ApiError) {
        const errs: Record<string, string> = {};
        const unplaced: string[] = [];
        for (const iss of e.issues) {
          const col = columns.find((c) => c.field === issueField(iss.path));
          if (col && !errs[col.key]) errs[col.key] = iss.message;
          else unplaced.push(iss.message);
        }
        setDraftErrors(errs);
        if (unplaced.length || e.issues.length === 0) setBanner({ kind: "error", text: unplaced.length ? unplaced.join("; ") : e.message });
      } else setBanner({ kind: "error", text: String(e) });
    } finally {
      setBusy(false);
    }
  };

  /** A block from the clipboard, starting at the selected cell: one batch, all or nothing. */
  const paste = async (text: string) => {
    const block = parseTsv(text);
    if (block.length === 0) return;
    const start = sel;
    const ops: Operation[] = [];
    const opCells: { cells: { k: string; field: string }[]; row: number }[] = [];
    const byTarget = new Map<string, number>();
    const typed: Record<string, Pending> = {};
    const newRecords: Record<string, unknown>[] = [];
    // where the block lands (gridKeys.ts, pure); then what each cell writes, in one batch
    const placed = placeBlock(block, start, rows.length, columns.length, Boolean(newRow));
    if (placed === "outside") {
      setBanner({ kind: "error", text: t("pasteOutside") });
      return;
    }
    for (const { index: i, r, isNew, cells } of placed) {
      if (isNew) {
        // rows below the table become new records (the grid has a new row)
        const values: Record<string, string | null> = {};
        const data: Record<string, unknown> = { ...(newRow!.data ?? {}) };
        for (const { c, text: typedText } of cells) {
          const col = columns[c]!;
          if (!col.field) {
            setBanner({ kind: "error", text: t("pasteReadOnly", { cell: `${t("newRow")} ${i + 1}, ${col.header}` }) });
            return;
          }
          const v = parseCellInput(kindOf(col, null), typedText, optionsOf(col, null));
          values[col.field] = v;
          if (v !== null) data[col.field] = v;
        }
        Object.assign(data, newRow!.prepare?.(values) ?? {});
        ops.push({ op: "create", resource: newRow!.resource, data });
        opCells.push({ cells: [], row: r });
        newRecords.push(data);
        continue;
      }
      const row = rows[r]!;
      for (const { c, text: typedText } of cells) {
        const col = columns[c]!;
        if (!isEditable(r, c) || !col.target) {
          const why = reasonAt(r, c);
          setBanner({ kind: "error", text: `${t("pasteReadOnly", { cell: `${r + 1}, ${col.header}` })}${why ? ` ${why}` : ""}` });
          return;
        }
        const target = col.target(row);
        if (!target) continue;
        const kind = kindOf(col, row);
        const value = parseCellInput(kind, typedText, optionsOf(col, row));
        const k = keyOf(r, c);
        if (sameValue(kind, value, col.value(row) ?? null)) continue;
        typed[k] = { input: typedText, saving: true, savedTo: recordStamp(target) };
        const tk = target.id ? `${target.resource}#${target.id}` : `${target.resource}+${JSON.stringify(target.create ?? {})}`;
        const existing = byTarget.get(tk);
        if (existing !== undefined && ops[existing]!.op !== "delete") {
          if (value === null && !target.id) continue;
          ops[existing]!.data = { ...ops[existing]!.data, [target.field]: value };
          opCells[existing]!.cells.push({ k, field: target.field });
          continue;
        }
        const op = opFor(target, value);
        if (!op) continue;
        byTarget.set(tk, ops.length);
        ops.push(op);
        opCells.push({ cells: [{ k, field: target.field }], row: r });
      }
    }
    if (ops.length === 0) return;
    setBanner(null);
    setPending((p) => ({ ...p, ...typed }));
    setBusy(true);
    try {
      await save(() => api.POST("/api/batch", { body: { operations: ops } }));
      setPending((p) => {
        const n = { ...p };
        for (const k of Object.keys(typed)) n[k] = { input: typed[k]!.input, savedTo: typed[k]!.savedTo };
        return n;
      });
      setBanner({ kind: "info", text: t("pasted", { n: ops.length }) });
      props.onSaved?.();
    } catch (e) {
      if (isStale(e)) {
        setPending((p) => Object.fromEntries(Object.entries(p).filter(([k]) => !(k in typed))));
        showConflict(e, null);
        void invalidateAll();
        props.onSaved?.();
        return;
      }
      const issues: FieldIssue[] = e instanceof ApiError ? e.issues : [];
      const errs: Record<string, string> = {};
      const details: string[] = [];
      for (const iss of issues) {
        const i = issueOp(iss.path);
        const oc = i === null ? undefined : opCells[i];
        const field = issueField(iss.path);
        const cell = oc?.cells.find((x) => x.field === field) ?? oc?.cells[0];
        if (cell && !errs[cell.k]) errs[cell.k] = iss.message;
        else details.push(oc ? t("rowIssue", { n: oc.row + 1, message: iss.message }) : iss.message);
      }
      if (issues.length === 0) details.push(e instanceof Error ? e.message : String(e));
      setPending((p) => {
        const n = { ...p };
        for (const [k, v] of Object.entries(typed)) n[k] = errs[k] ? { input: v.input, error: errs[k] } : { input: v.input, error: "" };
        return n;
      });
      setBanner({ kind: "error", text: t("pasteNotSaved"), details });
    } finally {
      setBusy(false);
    }
  };

  // the keys decide (gridKeys.ts, pure); the grid moves, edits and saves
  const onCellKey = (e: KeyboardEvent<HTMLElement>, r: number, c: number) => {
    if (editing) return;
    const action = cellKeyAction(e, { r, c }, rowCount, columns.length, isEditable(r, c));
    if (!action) return;
    e.preventDefault();
    if (action.kind === "move") move(action.to.r, action.to.c);
    else if (action.kind === "edit") startEdit(r, c, action.text);
    else void commit(r, c, "");
  };

  const onEditorKey = (e: KeyboardEvent<HTMLInputElement | HTMLSelectElement>) => {
    if (!editing) return;
    const { r, c } = editing;
    const action = editorKeyAction(e, { r, c }, rowCount, columns.length);
    if (!action) return;
    const text = (e.currentTarget as HTMLInputElement).value;
    e.preventDefault();
    e.stopPropagation();
    endEdit();
    if (action.kind === "cancel") {
      focusWanted.current = true;
      setSel({ r, c });
    } else {
      void commit(r, c, text);
      move(action.then.r, action.then.c);
    }
  };

  /** A column's own editor ends the edit of (r, c) with a text (and other fields of the record), moving by the key that ended it. */
  const commitEditor = (r: number, c: number, text: string, also?: Record<string, string | null>, key?: KeyPress) => {
    const cur = editRef.current;
    if (!cur || cur.r !== r || cur.c !== c) return;
    const action = key ? editorKeyAction(key, { r, c }, rowCount, columns.length) : null;
    endEdit();
    void commit(r, c, text, also);
    if (action?.kind === "commit") move(action.then.r, action.then.c);
    else {
      focusWanted.current = true;
      setSel({ r, c });
    }
  };
  const cancelEditor = (r: number, c: number) => {
    endEdit();
    focusWanted.current = true;
    setSel({ r, c });
  };

  const onPaste = (e: ClipboardEvent<HTMLTableElement>) => {
    if (editing) return;
    const text = e.clipboardData.getData("text/plain");
    if (!text) return;
    e.preventDefault();
    void paste(text);
  };

  const onCopy = (e: ClipboardEvent<HTMLTableElement>) => {
    if (editing) return;
    const { r, c } = sel;
    const col = columns[c];
    if (!col) return;
    const v = r < rows.length ? editText(kindOf(col, rows[r]!), col.value(rows[r]!), optionsOf(col, rows[r]!)) : (draft[col.key] ?? "");
    e.clipboardData.setData("text/plain", v);
    e.preventDefault();
  };

  // ---- header --------------------------------------------------------------------------
  const grouped = columns.some((c) => c.group);
  const headerTop: { label: string; span: number; rowSpan: number }[] = [];
  if (grouped) {
    for (const c of columns) {
      const last = headerTop[headerTop.length - 1];
      if (c.group && last && last.rowSpan === 1 && last.label === c.group) last.span++;
      else headerTop.push(c.group ? { label: c.group, span: 1, rowSpan: 1 } : { label: c.header, span: 1, rowSpan: 2 });
    }
  }

  const totals = useMemo(
    () =>
      (props.totals ?? []).map((tot) => {
        const counted = tot.filter ? rows.filter(tot.filter) : rows;
        return columns.map((col) => {
          if (!col.total) return null;
          const vals = counted.map((r) => col.value(r));
          const kind = counted.length ? kindOf(col, counted[0]!) : "number";
          return kind === "money" ? sumMoneyValues(vals) : sumDecimals(vals);
        });
      }),
    [props.totals, rows, columns],
  );

  const renderCell = (r: number, c: number) => {
    const col = columns[c]!;
    const draftRow = r >= rows.length;
    const row = draftRow ? null : rows[r]!;
    const k = keyOf(r, c);
    const p = pending[k];
    const editable = isEditable(r, c);
    const selected = sel.r === r && sel.c === c;
    const kind = kindOf(col, row);
    const error = draftRow ? draftErrors[col.key] : p?.error || undefined;
    const classes = [
      kind === "money" || kind === "number" || kind === "int" ? "num" : "",
      editable ? "editable" : "readonly",
      selected ? "selected" : "",
      error ? "invalid" : "",
      p?.saving ? "saving" : "",
      p && p.error === "" ? "unsaved" : "",
      col.className ?? "",
    ].filter(Boolean);
    const isEditing = editing && editing.r === r && editing.c === c;
    let content: ReactNode;
    if (isEditing) {
      const opts = optionsOf(col, row);
      content =
        kind === "select" ? (
          <select
            autoFocus
            aria-label={col.header}
            defaultValue={parseCellInput("select", editing.text, opts) ?? ""}
            onKeyDown={onEditorKey}
            onChange={(e) => {
              const v = e.currentTarget.value;
              endEdit();
              void commit(r, c, v);
              move(r, c);
            }}
            onBlur={() => endEdit()}
          >
            <option value="">—</option>
            {opts.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        ) : col.editor ? (
          <CellEditorHost
            editor={col.editor}
            initial={editing.text}
            label={col.header}
            commit={(text, also, key) => commitEditor(r, c, text, also, key)}
            cancel={() => cancelEditor(r, c)}
          />
        ) : (
          <input
            autoFocus
            aria-label={col.header}
            defaultValue={editing.text}
            onKeyDown={onEditorKey}
            onBlur={(e) => {
              const cur = editRef.current;
              if (!cur || cur.r !== r || cur.c !== c) return;
              const v = e.currentTarget.value;
              endEdit();
              void commit(r, c, v);
            }}
          />
        );
    } else if (draftRow) {
      const text = draft[col.key];
      content = text === undefined ? "" : formatCell(kind, parseCellInput(kind, text, optionsOf(col, null)), optionsOf(col, null));
    } else if (p) {
      content = p.input;
    } else if (col.render && !editable) {
      content = col.render(row!);
    } else {
      content = formatCell(kind, col.value(row!), optionsOf(col, row));
    }
    return (
      <td
        key={col.key}
        role="gridcell"
        data-r={r}
        data-c={c}
        data-testid={`cell-${rowKeyAt(r)}-${col.key}`}
        className={classes.join(" ")}
        tabIndex={selected ? 0 : -1}
        aria-selected={selected}
        aria-readonly={!editable}
        title={!editable && !draftRow ? (reasonAt(r, c) ?? undefined) : undefined}
        aria-invalid={error ? true : undefined}
        style={col.width ? { width: col.width, minWidth: col.width } : undefined}
        onClick={() => {
          if (!(sel.r === r && sel.c === c)) move(r, c);
        }}
        onDoubleClick={() => startEdit(r, c)}
        onKeyDown={(e) => onCellKey(e, r, c)}
      >
        {isEditing ? content : <span className="cell-value">{content}</span>}
        {error ? (
          <span className="cell-error" role="alert" data-testid={`error-${rowKeyAt(r)}-${col.key}`}>
            {error}
          </span>
        ) : null}
      </td>
    );
  };

  return (
    <div className="grid-wrap" data-testid={props.testId}>
      {banner ? (
        <div
          className={`banner ${banner.kind === "error" ? "error" : banner.kind === "info" ? "info" : ""}`}
          role={banner.kind === "info" ? "status" : "alert"}
          data-testid="grid-banner"
        >
          <strong>{banner.text}</strong>
          {banner.details && banner.details.length ? (
            <ul>
              {banner.details.map((d, i) => (
                <li key={i}>{d}</li>
              ))}
            </ul>
          ) : null}
          <button type="button" className="link" onClick={() => setBanner(null)}>
            {t("close")}
          </button>
        </div>
      ) : null}
      <div className="grid-scroll">
        <table className="grid" role="grid" aria-label={props.label} aria-busy={busy} ref={tableRef} onPaste={onPaste} onCopy={onCopy}>
          <thead>
            {grouped ? (
              <>
                <tr>
                  {headerTop.map((h, i) => (
                    <th key={i} colSpan={h.span} rowSpan={h.rowSpan} role="columnheader" scope="col">
                      {h.label}
                    </th>
                  ))}
                </tr>
                <tr>
                  {columns
                    .filter((c) => c.group)
                    .map((c) => (
                      <th key={c.key} role="columnheader" scope="col">
                        {c.header}
                      </th>
                    ))}
                </tr>
              </>
            ) : (
              <tr>
                {columns.map((c) => (
                  <th key={c.key} role="columnheader" scope="col" style={c.width ? { width: c.width } : undefined}>
                    {c.header}
                  </th>
                ))}
              </tr>
            )}
          </thead>
          <tbody>
            {rows.map((row, r) => (
              <tr key={rowKey(row)} role="row" data-testid={`row-${rowKey(row)}`} className={props.rowClass?.(row)}>
                {columns.map((_, c) => renderCell(r, c))}
              </tr>
            ))}
            {rows.length === 0 && !newRow ? (
              <tr>
                <td colSpan={columns.length} className="muted">
                  {t("noRows")}
                </td>
              </tr>
            ) : null}
            {newRow ? (
              <tr role="row" className="draft" data-testid="row-new">
                {columns.map((_, c) => renderCell(rows.length, c))}
              </tr>
            ) : null}
          </tbody>
          {totals.length ? (
            <tfoot>
              {totals.map((sums, i) => (
                <tr key={i} className="total" role="row">
                  {columns.map((col, c) => (
                    <td
                      key={col.key}
                      role="gridcell"
                      aria-readonly
                      className={sums[c] !== null ? "num" : ""}
                      data-testid={`total-${i}-${col.key}`}
                    >
                      {c === 0
                        ? props.totals![i]!.label
                        : sums[c] !== null
                          ? formatCell(kindOf(col, rows[0] ?? (null as R | null)) === "money" ? "money" : "number", sums[c])
                          : ""}
                    </td>
                  ))}
                </tr>
              ))}
            </tfoot>
          ) : null}
        </table>
      </div>
      {newRow ? (
        <div className="toolbar">
          <button type="button" onClick={() => void addDraft()} disabled={busy || Object.keys(draft).length === 0} data-testid="grid-add">
            {newRow.label ?? t("add")}
          </button>
          {Object.keys(draft).length === 0 ? (
            <span className="muted" data-testid="grid-add-hint">
              {t("newRowHint")}
            </span>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
