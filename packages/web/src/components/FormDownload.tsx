/**
 * «Скачать форму»: an official form (issue 5) as XLSX, DOCX or PDF, with a year where the form is
 * for one year. The file comes from the API with the session cookie and is saved under the server's
 * file name; a refusal of the server shows beside the button.
 *   <FormDownload path={`/api/programs/${id}/forms/passport`} form="passport" />
 *   <FormDownload path={`/api/programs/${id}/forms/monthly-plan`} form="monthly-plan" years={[2025, 2026]} />
 *   <DownloadButton path={`/api/programs/${id}/workbook`} label="Скачать для правки (XLSX)" />
 */
import { useEffect, useState } from "react";
import { api, downloadFile, qs } from "../lib/api.ts";
import { messages, useT } from "../lib/i18n.tsx";
import "./FormDownload.css";

const M = messages({
  download: ["Скачать форму", "Download the form"],
  format: ["Формат", "Format"],
  year: ["Год", "Year"],
  busy: ["Формируется…", "Preparing…"],
  failed: ["Не удалось скачать: {message}", "Download failed: {message}"],
});

export const FORM_FORMATS = ["xlsx", "docx", "pdf"] as const;
export type FormFormat = (typeof FORM_FORMATS)[number];

export interface FormInfo {
  id: string;
  title: string;
  scope: "program" | "plan" | "municipality";
  source: string;
  yearly: boolean;
  quarterly: boolean;
}

/** The list of forms (GET /api/forms), loaded once per page load. */
let formsList: Promise<FormInfo[]> | null = null;
function loadForms(): Promise<FormInfo[]> {
  if (!formsList) {
    formsList = api.get<{ items: FormInfo[] }>("/api/forms").then((r) => r.items);
    formsList.catch(() => (formsList = null));
  }
  return formsList;
}

function useFormInfo(id: string): FormInfo | null {
  const [info, setInfo] = useState<FormInfo | null>(null);
  useEffect(() => {
    let live = true;
    loadForms().then((list) => live && setInfo(list.find((f) => f.id === id) ?? null), () => {});
    return () => {
      live = false;
    };
  }, [id]);
  return info;
}

/** Runs a download and keeps its state: busy while it runs, the error message if it failed. */
function useDownload(): { busy: boolean; error: string | null; run(path: string): Promise<void> } {
  const t = useT(M);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (path: string) => {
    setBusy(true);
    setError(null);
    try {
      await downloadFile(path);
    } catch (e) {
      setError(t("failed", { message: e instanceof Error ? e.message : String(e) }));
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run };
}

export interface FormDownloadProps {
  /** The form's API path without the query, e.g. /api/programs/ID/forms/passport. */
  path: string;
  /** The form's id in the registry (its title and source are shown from GET /api/forms). */
  form: string;
  /** Fixed query parameters (the page's year and quarter). */
  params?: Record<string, string | number | null | undefined>;
  /** The years to choose from, for a form of one year; without it no year is asked. */
  years?: number[];
  defaultYear?: number;
  testId?: string;
}

export function FormDownload({ path, form, params, years, defaultYear, testId }: FormDownloadProps) {
  const t = useT(M);
  const info = useFormInfo(form);
  const [format, setFormat] = useState<FormFormat>("xlsx");
  const pickYear = () => (years?.length ? (defaultYear !== undefined && years.includes(defaultYear) ? defaultYear : years[0]!) : null);
  const [year, setYear] = useState<number | null>(pickYear);
  useEffect(() => setYear(pickYear()), [years?.join(","), defaultYear]); // eslint-disable-line react-hooks/exhaustive-deps
  const { busy, error, run } = useDownload();
  const query = qs({ ...params, ...(year !== null ? { year } : {}), format });
  return (
    <div className="form-download" data-testid={testId ?? `form-download-${form}`} data-form={form}>
      {info ? (
        <span className="form-download-title" title={info.title}>
          {info.source}
        </span>
      ) : null}
      {years?.length ? (
        <label className="inline">
          <span>{t("year")}</span>
          <select name="year" value={year ?? ""} onChange={(e) => setYear(Number(e.target.value))}>
            {years.map((y) => (
              <option key={y} value={y}>{y}</option>
            ))}
          </select>
        </label>
      ) : null}
      <label className="inline">
        <span className="sr-only">{t("format")}</span>
        <select name="format" aria-label={t("format")} value={format} onChange={(e) => setFormat(e.target.value as FormFormat)}>
          {FORM_FORMATS.map((f) => (
            <option key={f} value={f}>{f.toUpperCase()}</option>
          ))}
        </select>
      </label>
      <button type="button" className="secondary" disabled={busy} title={info?.title} onClick={() => void run(`${path}${query}`)}>
        {busy ? t("busy") : t("download")}
      </button>
      {error ? (
        <span className="error" role="alert">
          {error}
        </span>
      ) : null}
    </div>
  );
}

/** A plain download of one file of the API (the program's workbook for editing). */
export function DownloadButton({ path, label, testId }: { path: string; label: string; testId?: string }) {
  const t = useT(M);
  const { busy, error, run } = useDownload();
  return (
    <span className="form-download" data-testid={testId}>
      <button type="button" className="secondary" disabled={busy} onClick={() => void run(path)}>
        {busy ? t("busy") : label}
      </button>
      {error ? (
        <span className="error" role="alert">
          {error}
        </span>
      ) : null}
    </span>
  );
}
