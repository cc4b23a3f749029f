/**
 * The facts of a period, entered in the shared Grid: metrics (monthly fact, forecast and the
 * justification of a deviation), checkpoints (actual date and confirming documents), program
 * indicators (the year's fact), and the finance department's budget schedule and cash execution.
 * Who may edit a cell is decided by the same permission rules as on the server.
 */
import { formatMoney, formatPercent, localeFor } from "../../lib/format.ts";
import { useState, type FormEvent } from "react";
import { fallsShort } from "@orientir/domain";
import { Grid, type GridColumn, type Option } from "../../components/Grid.tsx";
import { api, ApiError, fileToBase64, type Schema } from "../../lib/api.ts";
import { save } from "../../lib/query.ts";
import { numberOf, textOf } from "../../api/resources.ts";
import { messages, useLang, useT } from "../../lib/i18n.tsx";
import { useLoad } from "../../lib/useLoad.ts";
import { formatDate, MONTHS, periodLastMonth, periodMonths, pick, saveCell, type ReportPeriod, type Row } from "./common.ts";
import { useMoneyUnit } from "../../lib/money.ts";

const M = messages({
  metrics: ["Показатели: факт и прогноз", "Metrics: fact and forecast"],
  direction: ["Напр.", "Dir."],
  metric: ["Показатель", "Metric"],
  unit: ["Ед. изм.", "Unit"],
  when: ["Период", "Period"],
  year: ["за год", "for the year"],
  atEnd: ["на конец: {m}", "at the end of {m}"],
  plan: ["План", "Plan"],
  fact: ["Факт", "Fact"],
  forecast: ["Прогноз", "Forecast"],
  justification: ["Обоснование отклонения", "Justification of the deviation"],
  check: ["Проверка", "Check"],
  belowPlan: ["Факт ниже плана: укажите обоснование отклонения", "Fact below plan: give a justification"],
  checkpoints: ["Контрольные точки", "Checkpoints"],
  name: ["Наименование", "Name"],
  planned: ["Плановая дата", "Planned date"],
  actual: ["Фактическая дата", "Actual date"],
  documentKind: ["Вид документа", "Document kind"],
  documents: ["Подтверждающие документы", "Confirming documents"],
  upload: ["Загрузить документ", "Upload a document"],
  uploadTitle: [
    "Подтверждающий документ (PDF, DOCX, XLSX, PNG, JPEG до 5 МБ)",
    "Confirming document (PDF, DOCX, XLSX, PNG, JPEG up to 5 MB)",
  ],
  checkpoint: ["Контрольная точка", "Checkpoint"],
  file: ["Файл", "File"],
  comment: ["Комментарий", "Comment"],
  cpComment: ["Комментарий (результаты/проблемы)", "Comment (results / problems)"],
  deviationReason: ["Причина отклонения", "Reason for the deviation"],
  annualTitle: ["Основные результаты реализации за {year} год (годовой отчет, 6.12.3)", "Main results of {year} (annual report, 6.12.3)"],
  annualHint: [
    "Вносит ответственный исполнитель; текст входит в годовой отчет (приложение 9). Каждый результат — с новой строки.",
    "Entered by the responsible executor; the text goes into the annual report (appendix 9). One result per line.",
  ],
  mainResults: ["Основные результаты", "Main results"],
  choose: ["— выберите —", "— choose —"],
  uploaded: ["Документ «{name}» загружен", "Document “{name}” uploaded"],
  noFile: ["Выберите файл", "Choose a file"],
  noCheckpoint: ["Выберите контрольную точку", "Choose a checkpoint"],
  indicators: ["Индикаторы программы за {year} год", "Program indicators, {year}"],
  indicator: ["Индикатор", "Indicator"],
  budget: [
    "Кассовое исполнение, {unit} (нарастающим итогом с начала года)",
    "Cash execution, {unit} (cumulative from the start of the year)",
  ],
  budgetTitle: ["Сводная бюджетная роспись и кассовое исполнение, {unit}", "Budget schedule and cash execution, {unit}"],
  budgetHint: [
    "Роспись — сумма на год; каждое изменение вносится строкой с датой, с которой оно действует, и основанием. Кассовое исполнение — нарастающим итогом с начала года на конец квартала. Процент исполнения — кассовое исполнение к росписи, действующей на конец квартала. По направлению и по каждому структурному элементу.",
    "The schedule is the year's amount; each change is a row with the date it takes effect and its reason. Cash is cumulative from the start of the year to the quarter's end. The rate is cash to date over the schedule in force at the quarter's end. Per direction and per structural element.",
  ],
  scheduleTitle: ["Сводная бюджетная роспись на год и ее изменения, {unit}", "The year's budget schedule and its changes, {unit}"],
  amount: ["Сумма на год", "Amount of the year"],
  effectiveDate: ["Действует с", "Effective from"],
  reason: ["Основание (документ)", "Reason (document)"],
  inForce: ["Роспись на год, действующая на {date}, {unit}:", "The year's schedule in force on {date}, {unit}:"],
  scheduleAtEnd: ["Роспись на конец квартала", "Schedule at the quarter's end"],
  cashToDate: ["Кассовое исполнение нарастающим итогом", "Cash to date"],
  rate: ["Процент исполнения", "Rate"],
  addSchedule: ["Добавить изменение росписи", "Add a schedule change"],
  quarter: ["Квартал", "Quarter"],
  source: ["Источник", "Source"],
  schedule: ["Роспись", "Schedule"],
  cash: ["Кассовое исполнение", "Cash execution"],
  addBudget: ["Добавить строку", "Add a row"],
  by: ["загрузил {who}", "uploaded by {who}"],
});

/** The program's tree (GET /api/programs/:id/tree?inForce=1: the content in force with the live facts). */
export type ProgramTree = Schema<"ProgramTree">;

export type CanRow = (action: "create" | "update", resource: string, directionCoExecutorId: string | null) => boolean;

export interface SectionProps {
  program: ProgramTree;
  year: number;
  period: ReportPeriod;
  can: CanRow;
  /** Messages of the last refused submission by path (e.g. "metricMonth.<id>.justification"). */
  issues: Record<string, string>;
}

const byOrd = (a: Row, b: Row) =>
  numberOf(a.ord) - numberOf(b.ord) || (textOf(a.code) ?? "").localeCompare(textOf(b.code) ?? "", "ru", { numeric: true });
const sorted = <T extends Row>(rows: T[] | undefined): T[] => [...(rows ?? [])].sort(byOrd);

/** The column that writes a field of the row's record (or creates it) through saveCell. */
interface Stored {
  resource: string;
  record: Row | null;
  create: Record<string, unknown> | null;
}
function storedColumn<R extends Stored>(
  field: string,
  header: string,
  kind: GridColumn<R>["kind"],
  editable: (r: R) => boolean,
  extra: Partial<GridColumn<R>> = {},
): GridColumn<R> {
  return {
    key: field,
    header,
    kind,
    value: (r) => (r.record?.[field] === null || r.record?.[field] === undefined ? null : (textOf(r.record[field]) ?? "")),
    editable,
    target: (r) =>
      r.record
        ? { resource: r.resource, id: r.record.id, version: r.record.version, field, record: r.record }
        : { resource: r.resource, create: r.create ?? {}, field },
    ...extra,
  };
}
async function saveStored(row: Stored, changes: Record<string, string | null>): Promise<void> {
  for (const [field, value] of Object.entries(changes)) await saveCell(row.resource, row.record, row.create, field, value);
}

// ---- metrics ------------------------------------------------------------------------------------

interface MetricRow extends Stored {
  key: string;
  directionCode: string;
  coExecutorId: string | null;
  metric: Row;
  month: number | null;
}

export function MetricFacts({ program, year, period, can, issues }: SectionProps) {
  const t = useT(M);
  const { lang } = useLang();
  const months = periodMonths(period);
  const rows: MetricRow[] = [];
  for (const d of sorted(program.directions)) {
    for (const e of sorted(d.structuralElements)) {
      for (const m of sorted(e.metrics)) {
        const mm = m.metricMonths ?? [];
        for (const month of months) {
          const rec = mm.find((x) => x.year === year && x.month === month) ?? null;
          if (!rec && month !== months[months.length - 1]) continue;
          rows.push({
            key: `${m.id}:${month}`,
            directionCode: String(d.code),
            coExecutorId: d.coExecutorDepartmentId,
            metric: m,
            month,
            resource: "metricMonth",
            record: rec,
            create: { metricId: m.id, year, month },
          });
        }
        if (period === "annual") {
          const rec = m.metricValues.find((x) => x.year === year) ?? null;
          rows.push({
            key: `${m.id}:year`,
            directionCode: String(d.code),
            coExecutorId: d.coExecutorDepartmentId,
            metric: m,
            month: null,
            resource: "metricValue",
            record: rec,
            create: { metricId: m.id, year },
          });
        }
      }
    }
  }
  const editable = (r: MetricRow) => can(r.record ? "update" : "create", r.resource, r.coExecutorId);
  const issueOf = (r: MetricRow) => (r.record ? issues[`${r.resource}.${r.record.id}.justification`] : undefined);
  const columns: GridColumn<MetricRow>[] = [
    { key: "direction", header: t("direction"), value: (r) => r.directionCode },
    { key: "metric", header: t("metric"), width: 240, value: (r) => [r.metric.code, r.metric.name].filter(Boolean).join(" ") },
    { key: "unit", header: t("unit"), value: (r) => textOf(r.metric.unit) },
    { key: "when", header: t("when"), value: (r) => (r.month === null ? t("year") : t("atEnd", { m: pick(MONTHS[r.month - 1], lang) })) },
    { key: "plan", header: t("plan"), kind: "number", value: (r) => textOf(r.record?.plan) },
    storedColumn<MetricRow>("fact", t("fact"), "number", editable),
    storedColumn<MetricRow>("forecast", t("forecast"), "number", (r) => r.month !== null && editable(r), {
      value: (r) => (r.month === null ? null : textOf(r.record?.forecast)),
    }),
    storedColumn<MetricRow>("justification", t("justification"), "text", editable, { width: 260 }),
    {
      key: "check",
      header: t("check"),
      width: 260,
      value: (r) => issueOf(r) ?? "",
      render: (r) => {
        const issue = issueOf(r);
        if (issue && !r.record?.justification)
          return (
            <span className="cell-issue" role="alert" data-testid={`justify-${r.key}`}>
              {issue}
            </span>
          );
        const p = r.record?.plan;
        const f = r.record?.fact;
        if (p != null && f != null && !r.record?.justification && fallsShort(String(r.metric.trend), textOf(p) ?? "", textOf(f) ?? "")) {
          return (
            <span className="warning" data-testid={`below-${r.key}`}>
              {t("belowPlan")}
            </span>
          );
        }
        return "";
      },
    },
  ];
  return (
    <section className="facts">
      <h2>{t("metrics")}</h2>
      <Grid
        label={t("metrics")}
        testId="grid-facts"
        rows={rows}
        rowKey={(r) => r.key}
        columns={columns}
        onSave={(_k, changes, row) => saveStored(row, changes)}
        rowClass={(r) => (r.record && issueOf(r) && !r.record.justification ? "needs-justification" : undefined)}
      />
    </section>
  );
}

// ---- checkpoints ----------------------------------------------------------------------------------

interface CheckpointRow extends Stored {
  key: string;
  directionCode: string;
  coExecutorId: string | null;
}

export function CheckpointFacts({ program, year, period, can }: SectionProps) {
  const t = useT(M);
  const last = periodLastMonth(period);
  const rows: CheckpointRow[] = [];
  for (const d of sorted(program.directions)) {
    for (const e of sorted(d.structuralElements)) {
      for (const c of sorted(e.checkpoints)) {
        const pd = c.plannedDate ?? "";
        if (Number(pd.slice(0, 4)) !== year || Number(pd.slice(5, 7)) > last) continue;
        rows.push({
          key: c.id,
          directionCode: String(d.code),
          coExecutorId: d.coExecutorDepartmentId,
          resource: "checkpoint",
          record: c,
          create: null,
        });
      }
    }
  }
  rows.sort(
    (a, b) =>
      String(a.record!.plannedDate).localeCompare(String(b.record!.plannedDate)) ||
      a.directionCode.localeCompare(b.directionCode, "ru", { numeric: true }),
  );
  const ids = rows.map((r) => r.key);
  const docs = useLoad(
    async () => {
      const lists = await Promise.all(ids.map((id) => api.GET("/api/monitoring/checkpoints/{id}/documents", { params: { path: { id } } })));
      return Object.fromEntries(ids.map((id, i) => [id, lists[i]!.items]));
    },
    [ids.join(",")],
    { keepPrevious: true },
  );
  const editable = (r: CheckpointRow) => can("update", "checkpoint", r.coExecutorId);
  const columns: GridColumn<CheckpointRow>[] = [
    { key: "direction", header: t("direction"), value: (r) => r.directionCode },
    { key: "name", header: t("name"), width: 240, value: (r) => textOf(r.record!.name) },
    { key: "plannedDate", header: t("planned"), kind: "date", value: (r) => textOf(r.record!.plannedDate) },
    storedColumn<CheckpointRow>("actualDate", t("actual"), "date", editable),
    // appendices 8 and 9: «Комментарий (результаты/проблемы)» beside the actual date
    storedColumn<CheckpointRow>("comment", t("cpComment"), "text", editable, { width: 260 }),
    { key: "documentKind", header: t("documentKind"), value: (r) => textOf(r.record!.documentKind) ?? "" },
    {
      key: "documents",
      header: t("documents"),
      width: 260,
      value: (r) => (docs.data?.[r.key] ?? []).map((d) => d.filename).join("; "),
      render: (r) => (
        <ul className="docs">
          {(docs.data?.[r.key] ?? []).map((d) => (
            <li key={d.id}>
              <a href={`/api/monitoring/documents/${d.id}/content`} target="_blank" rel="noreferrer">
                {d.filename}
              </a>
              {d.comment ? <span className="muted"> — {d.comment}</span> : null}
              <span className="muted small">
                {" "}
                ({t("by", { who: d.createdByLogin ?? "" })}, {formatDate(d.createdAt, true)})
              </span>
            </li>
          ))}
        </ul>
      ),
    },
  ];
  const uploadable = rows.filter(editable);
  return (
    <section className="facts">
      <h2>{t("checkpoints")}</h2>
      <Grid
        label={t("checkpoints")}
        testId="grid-checkpoints"
        rows={rows}
        rowKey={(r) => r.key}
        columns={columns}
        onSave={(_k, changes, row) => saveStored(row, changes)}
      />
      {uploadable.length ? <UploadForm checkpoints={uploadable} /> : null}
    </section>
  );
}

function UploadForm({ checkpoints }: { checkpoints: CheckpointRow[] }) {
  const t = useT(M);
  const [checkpointId, setCheckpointId] = useState("");
  const [file, setFile] = useState<File | null>(null);
  const [comment, setComment] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [inputKey, setInputKey] = useState(0);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setDone(null);
    const errs: Record<string, string> = {};
    if (!checkpointId) errs.checkpoint = t("noCheckpoint");
    if (!file) errs.content = t("noFile");
    setErrors(errs);
    if (Object.keys(errs).length || !file) return;
    setBusy(true);
    try {
      const contentBase64 = await fileToBase64(file);
      const doc = await save(() =>
        api.POST("/api/monitoring/checkpoints/{id}/documents", {
          params: { path: { id: checkpointId } },
          body: { filename: file.name, contentBase64, comment: comment.trim() || null },
        }),
      );
      setDone(t("uploaded", { name: doc.filename }));
      setFile(null);
      setComment("");
      setInputKey((k) => k + 1);
    } catch (err) {
      if (err instanceof ApiError) {
        const out: Record<string, string> = {};
        for (const i of err.issues) {
          const k =
            i.path === "comment"
              ? "comment"
              : i.path === "content" || i.path === "contentBase64" || i.path === "filename"
                ? "content"
                : "general";
          out[k] = out[k] ? `${out[k]}; ${i.message}` : i.message;
        }
        if (!err.issues.length) out.general = err.message;
        setErrors(out);
      } else setErrors({ general: String(err) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="card upload" onSubmit={(e) => void submit(e)} data-testid="upload-form" noValidate>
      <h3>{t("uploadTitle")}</h3>
      <div className="row">
        <label>
          {t("checkpoint")}
          <select
            name="checkpoint"
            value={checkpointId}
            onChange={(e) => setCheckpointId(e.target.value)}
            aria-invalid={errors.checkpoint ? true : undefined}
          >
            <option value="">{t("choose")}</option>
            {checkpoints.map((c) => (
              <option key={c.key} value={c.key}>
                {c.directionCode}: {textOf(c.record!.name)} ({formatDate(textOf(c.record!.plannedDate))})
              </option>
            ))}
          </select>
          {errors.checkpoint ? (
            <span className="error" role="alert">
              {errors.checkpoint}
            </span>
          ) : null}
        </label>
        <label>
          {t("file")}
          <input
            key={inputKey}
            type="file"
            name="file"
            accept=".pdf,.docx,.xlsx,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            aria-invalid={errors.content ? true : undefined}
          />
          {errors.content ? (
            <span className="error" role="alert" data-testid="upload-error">
              {errors.content}
            </span>
          ) : null}
        </label>
        <label className="grow">
          {t("comment")}
          <input name="comment" value={comment} onChange={(e) => setComment(e.target.value)} maxLength={2000} />
          {errors.comment ? (
            <span className="error" role="alert">
              {errors.comment}
            </span>
          ) : null}
        </label>
      </div>
      {errors.general ? (
        <p className="error" role="alert" data-testid="upload-error">
          {errors.general}
        </p>
      ) : null}
      {done ? (
        <p className="ok" role="status" data-testid="upload-done">
          {done}
        </p>
      ) : null}
      <button type="submit" disabled={busy}>
        {t("upload")}
      </button>
    </form>
  );
}

// ---- program indicators ---------------------------------------------------------------------------

interface IndicatorRow extends Stored {
  key: string;
  indicator: Row;
}

export function IndicatorFacts({ program, year, can, issues }: SectionProps) {
  const t = useT(M);
  const rows: IndicatorRow[] = sorted(program.programIndicators).map((i) => ({
    key: i.id,
    indicator: i,
    resource: "programIndicatorValue",
    record: (i.programIndicatorValues ?? []).find((v) => v.year === year) ?? null,
    create: { indicatorId: i.id, year },
  }));
  const editable = (r: IndicatorRow) => can(r.record ? "update" : "create", "programIndicatorValue", null);
  const issueOf = (r: IndicatorRow) => (r.record ? issues[`programIndicatorValue.${r.record.id}.justification`] : undefined);
  const columns: GridColumn<IndicatorRow>[] = [
    { key: "indicator", header: t("indicator"), width: 280, value: (r) => [r.indicator.code, r.indicator.name].filter(Boolean).join(" ") },
    { key: "unit", header: t("unit"), value: (r) => textOf(r.indicator.unit) },
    { key: "plan", header: t("plan"), kind: "number", value: (r) => textOf(r.record?.plan) },
    storedColumn<IndicatorRow>("fact", t("fact"), "number", editable),
    storedColumn<IndicatorRow>("justification", t("justification"), "text", editable, { width: 260 }),
    {
      key: "check",
      header: t("check"),
      width: 240,
      value: (r) => issueOf(r) ?? "",
      render: (r) => {
        const issue = issueOf(r);
        if (issue && !r.record?.justification)
          return (
            <span className="cell-issue" role="alert">
              {issue}
            </span>
          );
        const p = r.record?.plan;
        const f = r.record?.fact;
        if (p != null && f != null && !r.record?.justification && fallsShort(String(r.indicator.trend), textOf(p) ?? "", textOf(f) ?? ""))
          return <span className="warning">{t("belowPlan")}</span>;
        return "";
      },
    },
  ];
  if (!rows.length) return null;
  return (
    <section className="facts">
      <h2>{t("indicators", { year })}</h2>
      <Grid
        label={t("indicators", { year })}
        testId="grid-indicators"
        rows={rows}
        rowKey={(r) => r.key}
        columns={columns}
        onSave={(_k, changes, row) => saveStored(row, changes)}
      />
    </section>
  );
}

// ---- budget schedule and cash execution (finance department) -----------------------------------

interface BudgetRow extends Stored {
  key: string;
}

/** The computed budget of a direction or of a structural element (schedule in force, quarters). */
type BudgetHolderView = Schema<"DirectionBudget"> | Schema<"ElementBudget">;

const fmtMoney = (v: string | null, lang: "ru" | "en") => formatMoney(v, { locale: localeFor(lang) });
const fmtRate = (v: number | null, lang: "ru" | "en") => formatPercent(v, { locale: localeFor(lang) });

/** The quarters of a year: the year's schedule in force at the quarter's end, cash to date, the rate. */
function BudgetSummary({ view, testId }: { view: BudgetHolderView | undefined; testId: string }) {
  const t = useT(M);
  const { lang } = useLang();
  if (!view) return null;
  return (
    <table className="budget-summary" data-testid={testId}>
      <thead>
        <tr>
          <th>{t("quarter")}</th>
          <th>{t("scheduleAtEnd")}</th>
          <th>{t("cashToDate")}</th>
          <th>{t("rate")}</th>
        </tr>
      </thead>
      <tbody>
        {view.quarters.map((q) => (
          <tr key={q.quarter}>
            <td>{q.quarter}</td>
            <td className="num">{fmtMoney(q.schedule, lang)}</td>
            <td className="num">{fmtMoney(q.cash, lang)}</td>
            <td className="num">{fmtRate(q.rate, lang)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The schedule entries (the year's amount and its dated changes) and the cumulative cash of a direction or a structural element. */
function BudgetBlock(props: {
  title: string;
  code: string;
  directionId: string;
  elementId: string | null;
  coExecutorId: string | null;
  year: number;
  schedule: Row[];
  cash: Row[];
  view: BudgetHolderView | undefined;
  asOf: string;
  can: CanRow;
  sourceOptions: Option[];
}) {
  const t = useT(M);
  const { lang } = useLang();
  const unit = useMoneyUnit();
  const { code, directionId, elementId, coExecutorId, year, can, sourceOptions } = props;
  const mine = (r: Row) => Number(r.year) === year && ((r.elementId as string | null) ?? null) === elementId;
  const scheduleRows: BudgetRow[] = props.schedule
    .filter(mine)
    .sort((a, b) => String(a.effectiveDate).localeCompare(String(b.effectiveDate)) || String(a.source).localeCompare(String(b.source)))
    .map((b) => ({ key: b.id, resource: "budgetSchedule", record: b, create: null }));
  const cashRows: BudgetRow[] = props.cash
    .filter(mine)
    .sort((a, b) => Number(a.quarter) - Number(b.quarter) || String(a.source).localeCompare(String(b.source)))
    .map((b) => ({ key: b.id, resource: "budgetExecution", record: b, create: null }));
  const editS = () => can("update", "budgetSchedule", coExecutorId);
  const editC = () => can("update", "budgetExecution", coExecutorId);
  const sColumns: GridColumn<BudgetRow>[] = [
    {
      key: "source",
      header: t("source"),
      kind: "select",
      options: sourceOptions,
      value: (r) => (r.record ? String(r.record.source) : null),
      field: "source",
    },
    storedColumn<BudgetRow>("amount", t("amount"), "money", editS, { field: "amount" }),
    storedColumn<BudgetRow>("effectiveDate", t("effectiveDate"), "date", editS, { field: "effectiveDate" }),
    storedColumn<BudgetRow>("reason", t("reason"), "text", editS, { field: "reason" }),
  ];
  const cColumns: GridColumn<BudgetRow>[] = [
    { key: "quarter", header: t("quarter"), kind: "int", value: (r) => (r.record ? String(r.record.quarter) : null), field: "quarter" },
    {
      key: "source",
      header: t("source"),
      kind: "select",
      options: sourceOptions,
      value: (r) => (r.record ? String(r.record.source) : null),
      field: "source",
    },
    storedColumn<BudgetRow>("cash", t("cash"), "money", editC, { field: "cash" }),
    // appendices 8 and 9: «Комментарий» — the reason for a deviation of funding
    storedColumn<BudgetRow>("deviationReason", t("deviationReason"), "text", editC, { field: "deviationReason", width: 260 }),
  ];
  const base = { directionId, elementId, year };
  const inForce = props.view?.scheduleInForce ?? [];
  return (
    <div className={elementId ? "budget-element" : "budget-direction"} data-testid={`budget-${code}`}>
      {elementId ? <h4>{props.title}</h4> : <h3>{props.title}</h3>}
      <p className="budget-in-force" data-testid={`budget-in-force-${code}`}>
        {t("inForce", { date: formatDate(props.asOf), unit })}{" "}
        {inForce.length
          ? inForce
              .map((s) => `${sourceOptions.find((o) => o.value === s.source)?.label ?? s.source}: ${fmtMoney(s.amount, lang)}`)
              .join("; ")
          : "—"}
      </p>
      <Grid
        label={`${t("scheduleTitle", { unit })}: ${props.title}`}
        testId={`grid-budget-schedule-${code}`}
        rows={scheduleRows}
        rowKey={(r) => r.key}
        columns={sColumns}
        onSave={(_k, changes, row) => saveStored(row, changes)}
        newRow={
          can("create", "budgetSchedule", coExecutorId) ? { resource: "budgetSchedule", data: base, label: t("addSchedule") } : undefined
        }
      />
      <Grid
        label={`${t("budget", { unit })}: ${props.title}`}
        testId={`grid-budget-${code}`}
        rows={cashRows}
        rowKey={(r) => r.key}
        columns={cColumns}
        onSave={(_k, changes, row) => saveStored(row, changes)}
        newRow={
          can("create", "budgetExecution", coExecutorId) ? { resource: "budgetExecution", data: base, label: t("addBudget") } : undefined
        }
      />
      <BudgetSummary view={props.view} testId={`budget-summary-${code}`} />
    </div>
  );
}

export function BudgetFacts({ program, year, can, sources }: SectionProps & { sources: { code: string; name: string }[] }) {
  const t = useT(M);
  const unit = useMoneyUnit();
  const sourceOptions: Option[] = sources.map((s) => ({ value: s.code, label: s.name }));
  // the computed view (schedule in force, cash to date, rate) is reloaded with the program's rows
  const view = useLoad(
    () => api.GET("/api/monitoring/programs/{id}/budget", { params: { path: { id: program.id }, query: { year } } }),
    [program, year],
  );
  return (
    <section className="facts">
      <h2>{t("budgetTitle", { unit })}</h2>
      <p className="hint">{t("budgetHint")}</p>
      {sorted(program.directions).map((d) => {
        const dv = view.data?.directions.find((x) => x.id === d.id);
        return (
          <div key={d.id} className="budget-of-direction">
            <BudgetBlock
              title={`${d.code}. ${d.name}`}
              code={String(d.code)}
              directionId={d.id}
              elementId={null}
              coExecutorId={d.coExecutorDepartmentId}
              year={year}
              schedule={d.budgetSchedule ?? []}
              cash={d.budgetExecution ?? []}
              view={dv}
              asOf={view.data?.asOf ?? ""}
              can={can}

              sourceOptions={sourceOptions}
            />
            {sorted(d.structuralElements).map((e) => (
              <BudgetBlock
                key={e.id}
                title={`${String(e.code)}. ${String(e.name)}`}
                code={String(e.code)}
                directionId={d.id}
                elementId={e.id}
                coExecutorId={d.coExecutorDepartmentId}
                year={year}
                schedule={d.budgetSchedule ?? []}
                cash={d.budgetExecution ?? []}
                view={dv?.elements.find((x) => x.id === e.id)}
                asOf={view.data?.asOf ?? ""}
                can={can}

                sourceOptions={sourceOptions}
              />
            ))}
          </div>
        );
      })}
    </section>
  );
}

// ---- the annual report's main results (220-п 6.12.3) ---------------------------------------------

interface AnnualRow extends Stored {
  key: string;
}

/** The main results of the year: one text per program and year, the executor's part of the annual report. */
export function AnnualResults({ program, year, can }: SectionProps) {
  const t = useT(M);
  const record = (program.programAnnualReports ?? []).find((r) => Number(r.year) === year) ?? null;
  const rows: AnnualRow[] = [
    { key: `annual-${year}`, resource: "programAnnualReport", record, create: record ? null : { programId: program.id, year } },
  ];
  const editable = () => can(record ? "update" : "create", "programAnnualReport", null);
  return (
    <section className="facts">
      <h2>{t("annualTitle", { year: String(year) })}</h2>
      <p className="hint">{t("annualHint")}</p>
      <Grid
        label={t("annualTitle", { year: String(year) })}
        testId="grid-annual-results"
        rows={rows}
        rowKey={(r) => r.key}
        columns={[storedColumn<AnnualRow>("mainResults", t("mainResults"), "text", editable, { width: 640 })]}
        onSave={(_k, changes, row) => saveStored(row, changes)}
      />
    </section>
  );
}
