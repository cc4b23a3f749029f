/**
 * «Скачать форму»: an official form (issue 5) as XLSX, DOCX or PDF, with a year where the form is
 * for one year. The file comes from the API with the session cookie and is saved under the server's
 * file name; a refusal of the server shows beside the button.
 *   <FormDownload path={`/api/programs/${id}/forms/passport`} form="passport" />
 *   <FormDownload path={`/api/programs/${id}/forms/monthly-plan`} form="monthly-plan" years={[2025, 2026]} />
 *   <DownloadButton path={`/api/programs/${id}/workbook`} label="Скачать для правки (XLSX)" />
 */
import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { api, downloadFile, qs, type FilePath, type FileUrl, type ResponseOf } from "../lib/api.ts";
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

/** A form of 220-п the server renders (GET /api/forms). */
export type FormInfo = ResponseOf<"get", "/api/forms">["items"][number];

/** The list of forms (GET /api/forms): one query for the whole app, loaded once (it changes only with a release). */
function useFormInfo(id: string): FormInfo | null {
  const forms = useQuery({ queryKey: ["forms"], queryFn: () => api.GET("/api/forms").then((r) => r.items), staleTime: Infinity });
  return forms.data?.find((f) => f.id === id) ?? null;
}

/** A button that downloads the file of `path()` (busy while it runs) and shows why it failed. */
function DownloadAction({ label, path, title }: { label: string; path: () => FileUrl; title?: string }) {
  const t = useT(M);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      await downloadFile(path());
    } catch (e) {
      setError(t("failed", { message: e instanceof Error ? e.message : String(e) }));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button type="button" className="secondary" disabled={busy} title={title} onClick={() => void run()}>
        {busy ? t("busy") : label}
      </button>
      {error ? (
        <span className="error" role="alert">
          {error}
        </span>
      ) : null}
    </>
  );
}

export interface FormDownloadProps {
  /** The form's API path without the query, e.g. /api/programs/ID/forms/passport (one of the API's file routes). */
  path: FilePath;
  /** The form's id in the registry (its title and source are shown from GET /api/forms). */
  form: string;
  /** Fixed query parameters (the page's year and quarter). */
  params?: Record<string, string | number | null | undefined>;
  /** The years to choose from, for a form of one year; without it no year is asked. */
  years?: number[];
  defaultYear?: number;
  /** A short name of the form shown before its source, where a page offers more than one. */
  label?: string;
  testId?: string;
}

export function FormDownload({ path, form, params, years, defaultYear, label, testId }: FormDownloadProps) {
  const t = useT(M);
  const info = useFormInfo(form);
  const [format, setFormat] = useState<FormFormat>("xlsx");
  // the year chosen, for the years offered when it was chosen: other years or another default start again from the default
  const offer = `${years?.join(",") ?? ""}|${defaultYear ?? ""}`;
  const [chosen, setChosen] = useState<{ offer: string; year: number | null } | null>(null);
  const year =
    chosen?.offer === offer
      ? chosen.year
      : years?.length
        ? defaultYear !== undefined && years.includes(defaultYear)
          ? defaultYear
          : years[0]!
        : null;
  const setYear = (y: number) => setChosen({ offer, year: y });
  const query = qs({ ...params, ...(year !== null ? { year } : {}), format });
  return (
    <div className="form-download" data-testid={testId ?? `form-download-${form}`} data-form={form}>
      {label ? <span className="form-download-label">{label}</span> : null}
      {info ? (
        <span className="form-download-title" title={info.title}>
          {label ? `(${info.source})` : info.source}
        </span>
      ) : null}
      {years?.length ? (
        <label className="inline">
          <span>{t("year")}</span>
          <select name="year" value={year ?? ""} onChange={(e) => setYear(Number(e.target.value))}>
            {years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      <label className="inline">
        <span className="sr-only">{t("format")}</span>
        <select name="format" aria-label={t("format")} value={format} onChange={(e) => setFormat(e.target.value as FormFormat)}>
          {FORM_FORMATS.map((f) => (
            <option key={f} value={f}>
              {f.toUpperCase()}
            </option>
          ))}
        </select>
      </label>
      <DownloadAction label={t("download")} title={info?.title} path={() => (query ? `${path}?${query.slice(1)}` : path)} />
    </div>
  );
}

/** A plain download of one file of the API (the program's workbook for editing). */
export function DownloadButton({ path, label, testId }: { path: FileUrl; label: string; testId?: string }) {
  return (
    <span className="form-download" data-testid={testId}>
      <DownloadAction label={label} path={() => path} />
    </span>
  );
}
