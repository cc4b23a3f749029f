/**
 * «Загрузка из Excel»: a workbook (the plain layout of «Скачать для правки», or the forms of 220-п)
 * or a program report JSON of format 1 is sent for a preview: what would be created, changed and
 * deleted, or every error with its sheet, row and column. Nothing is written until the user
 * confirms a valid preview; the confirmation carries the preview's token, so a file or a program
 * changed in between is refused by the server.
 */
import { textOf } from "../../api/resources.ts";
import { useRef, useState } from "react";
import { api, ApiError, fileToBase64, type Schema } from "../../lib/api.ts";
import { save } from "../../lib/query.ts";
import { messages, useT } from "../../lib/i18n.tsx";
import { DownloadButton } from "../../components/FormDownload.tsx";
import type { TabProps } from "./tabs.ts";
import { sorted, years } from "./common.tsx";

const M = messages({
  title: ["Загрузка из Excel", "Import from Excel"],
  hint: [
    "Файл XLSX в простом формате (кнопка «Скачать для правки (XLSX)»: лист на таблицу, строка на запись) или в формах 220-п, либо отчет программы в формате JSON (формат 1). Сначала показывается, что изменится; в программу ничего не записывается до подтверждения.",
    "An XLSX file in the plain layout (the “Download for editing (XLSX)” button: a sheet per table, a row per item) or in the forms of Decree 220-p, or a program report JSON (format 1). First you see what would change; nothing is written to the program until you confirm.",
  ],
  file: ["Файл (.xlsx или .json)", "File (.xlsx or .json)"],
  report: ["Отчет программы за год (JSON, формат 1):", "The program's report for a year (JSON, format 1):"],
  year: ["Год", "Year"],
  reportDownload: ["Скачать отчет JSON", "Download the JSON report"],
  checking: ["Файл проверяется…", "Checking the file…"],
  layout: ["Формат файла: {layout}", "File layout: {layout}"],
  layoutPlain: ["простой (лист на таблицу, строка на запись)", "plain (a sheet per table, a row per item)"],
  layoutUnknown: ["не распознан", "not recognised"],
  layoutForms: ["формы 220-п ({forms})", "forms of Decree 220-p ({forms})"],
  layoutJson: ["отчет программы JSON (формат 1)", "program report JSON (format 1)"],
  summary: [
    "Будет создано: {create}, изменено: {update}, удалено: {delete}",
    "To create: {create}, to change: {update}, to delete: {delete}",
  ],
  noChanges: ["Файл совпадает с программой: изменений нет.", "The file matches the program: nothing to change."],
  changes: ["Изменения", "Changes"],
  action: ["Действие", "Action"],
  what: ["Что", "What"],
  item: ["Запись", "Item"],
  field: ["Поле", "Field"],
  before: ["Было", "Before"],
  after: ["Стало", "After"],
  where: ["Лист, строка", "Sheet, row"],
  create: ["создать", "create"],
  update: ["изменить", "change"],
  delete: ["удалить", "delete"],
  invalid: [
    "В файле ошибки ({n}); ничего не будет записано. Исправьте файл и загрузите его снова.",
    "The file has errors ({n}); nothing will be written. Correct the file and load it again.",
  ],
  sheet: ["Лист", "Sheet"],
  row: ["Строка", "Row"],
  column: ["Столбец", "Column"],
  reason: ["Причина", "Reason"],
  confirm: ["Подтвердить загрузку", "Confirm the import"],
  cancel: ["Отмена", "Cancel"],
  saving: ["Загрузка…", "Importing…"],
  done: [
    "Загрузка выполнена: создано {create}, изменено {update}, удалено {delete}.",
    "Imported: {create} created, {update} changed, {delete} deleted.",
  ],
  doneNothing: ["Загрузка выполнена: изменений не было.", "Imported: there was nothing to change."],
  none: ["—", "—"],
});

type Summary = Schema<"ImportSummary">;
type Change = Schema<"ImportChange">;
type ImportPreview = Schema<"ImportPreview">;
type Upload = Schema<"ImportBody">;

/** May the user change anything of this program (the server checks each row again)? */
export function mayImport(p: TabProps["program"], can: TabProps["can"]): boolean {
  const probes = ["program", "programIndicatorValue", "funding", "budgetExecution", "metricValue"];
  const coExecutors = [null, ...sorted(p.directions).map((d) => d.coExecutorDepartmentId ?? null)];
  return probes.some((r) => coExecutors.some((co) => can("update", r, co)));
}

const show = (v: unknown): string =>
  v === null || v === undefined || v === "" ? "—" : typeof v === "object" ? JSON.stringify(v) : (textOf(v) ?? "");

export function ImportTab({ program }: TabProps) {
  const t = useT(M);
  const input = useRef<HTMLInputElement>(null);
  const [upload, setUpload] = useState<Upload | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [busy, setBusy] = useState<"check" | "confirm" | null>(null);
  const [error, setError] = useState<{ message: string; issues: { path: string; message: string }[] } | null>(null);
  const [done, setDone] = useState<Summary | null>(null);
  const programYears = years(program);
  const [reportYear, setReportYear] = useState(() => {
    const last = new Date().getFullYear() - 1;
    return programYears.includes(last) ? last : (programYears[0] ?? last);
  });

  const fail = (e: unknown) =>
    setError(e instanceof ApiError ? { message: e.message, issues: e.issues } : { message: String(e), issues: [] });

  const check = async (file: File) => {
    setBusy("check");
    setError(null);
    setDone(null);
    setPreview(null);
    try {
      const u = { filename: file.name, contentBase64: await fileToBase64(file) };
      setUpload(u);
      setPreview(await api.POST("/api/programs/{id}/import/preview", { params: { path: { id: program.id } }, body: u }));
    } catch (e) {
      fail(e);
    } finally {
      setBusy(null);
    }
  };

  const clear = () => {
    setUpload(null);
    setPreview(null);
    if (input.current) input.current.value = "";
  };

  const confirm = async () => {
    if (!upload || !preview) return;
    setBusy("confirm");
    setError(null);
    try {
      const r = await save(() =>
        api.POST("/api/programs/{id}/import/confirm", {
          params: { path: { id: program.id } },
          body: { ...upload, token: preview.token },
        }),
      );
      setDone(r.summary);
      clear();
    } catch (e) {
      fail(e);
    } finally {
      setBusy(null);
    }
  };

  const layoutName = (layout: string): string =>
    layout === "plain"
      ? t("layoutPlain")
      : layout.startsWith("form:")
        ? t("layoutForms", { forms: layout.slice(5).split("+").join(", ") })
        : layout === "report-json"
          ? t("layoutJson")
          : layout === "unknown"
            ? t("layoutUnknown")
            : layout;

  const changeRows = (preview?.changes ?? []).flatMap((c, i) => {
    const where = c.sheet ? `${c.sheet}${c.row ? `, ${c.row}` : ""}` : "";
    const fields: (NonNullable<Change["fields"]>[number] | null)[] = c.action === "update" && c.fields?.length ? c.fields : [null];
    return fields.map((f, j) => (
      <tr key={`${i}-${j}`} data-action={c.action} data-resource={c.resource} data-field={f?.field ?? ""}>
        <td>{t(c.action)}</td>
        <td>{c.what}</td>
        <td>{c.item}</td>
        <td>{f ? f.label : ""}</td>
        <td className="import-before">{f ? show(f.before) : ""}</td>
        <td className="import-after">{f ? show(f.after) : ""}</td>
        <td className="muted">{where}</td>
      </tr>
    ));
  });

  return (
    <div className="import-panel" data-testid="import-panel">
      <h3>{t("title")}</h3>
      <p className="muted">{t("hint")}</p>
      <div className="toolbar import-report">
        <span>{t("report")}</span>
        <select name="reportYear" aria-label={t("year")} value={reportYear} onChange={(e) => setReportYear(Number(e.target.value))}>
          {programYears.map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </select>
        <DownloadButton
          path={`/api/programs/${program.id}/report.json?year=${reportYear}`}
          label={t("reportDownload")}
          testId="report-json-download"
        />
      </div>
      <label className="import-file">
        <span>{t("file")}</span>
        <input
          ref={input}
          type="file"
          name="file"
          accept=".xlsx,.json,application/json,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          data-testid="import-file"
          disabled={busy !== null}
          onChange={(e) => {
            const f = e.target.files?.[0];
            if (f) void check(f);
          }}
        />
      </label>
      {busy === "check" ? (
        <p className="muted" role="status">
          {t("checking")}
        </p>
      ) : null}
      {done ? (
        <p className="banner ok" role="status" data-testid="import-done">
          {done.create + done.update + done.delete ? t("done", { ...done }) : t("doneNothing")}
        </p>
      ) : null}
      {error ? (
        <div className="banner error" role="alert" data-testid="import-error">
          {error.message}
          {error.issues.length ? (
            <ul>
              {error.issues.map((i, k) => (
                <li key={k}>{i.message}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      {preview ? (
        <div className="import-preview" data-testid="import-preview" data-valid={String(preview.valid)}>
          <p className="muted">{t("layout", { layout: layoutName(preview.layout) })}</p>
          {preview.notes?.length ? (
            <ul className="import-notes" data-testid="import-notes">
              {preview.notes.map((n, k) => (
                <li key={k} className="warning">
                  {n}
                </li>
              ))}
            </ul>
          ) : null}
          {preview.valid ? (
            <>
              <p
                data-testid="import-summary"
                data-create={preview.summary.create}
                data-update={preview.summary.update}
                data-delete={preview.summary.delete}
              >
                <strong>{t("summary", { ...preview.summary })}</strong>
              </p>
              {preview.changes.length ? (
                <table className="data" data-testid="import-changes" aria-label={t("changes")}>
                  <thead>
                    <tr>
                      <th>{t("action")}</th>
                      <th>{t("what")}</th>
                      <th>{t("item")}</th>
                      <th>{t("field")}</th>
                      <th>{t("before")}</th>
                      <th>{t("after")}</th>
                      <th>{t("where")}</th>
                    </tr>
                  </thead>
                  <tbody>{changeRows}</tbody>
                </table>
              ) : (
                <p data-testid="import-no-changes">{t("noChanges")}</p>
              )}
            </>
          ) : (
            <>
              <p className="banner error" role="alert">
                {t("invalid", { n: preview.issues.length })}
              </p>
              <table className="data" data-testid="import-issues" aria-label={t("reason")}>
                <thead>
                  <tr>
                    <th>{t("sheet")}</th>
                    <th>{t("row")}</th>
                    <th>{t("column")}</th>
                    <th>{t("reason")}</th>
                  </tr>
                </thead>
                <tbody>
                  {preview.issues.map((i, k) => (
                    <tr key={k}>
                      <td>{i.sheet || t("none")}</td>
                      <td className="num">{i.row || t("none")}</td>
                      <td>{i.column || t("none")}</td>
                      <td>{i.reason}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
          <div className="toolbar">
            {preview.valid && preview.changes.length ? (
              <button type="button" data-testid="import-confirm" disabled={busy !== null} onClick={() => void confirm()}>
                {busy === "confirm" ? t("saving") : t("confirm")}
              </button>
            ) : null}
            <button type="button" className="secondary" disabled={busy !== null} onClick={clear}>
              {t("cancel")}
            </button>
          </div>
        </div>
      ) : null}
    </div>
  );
}
