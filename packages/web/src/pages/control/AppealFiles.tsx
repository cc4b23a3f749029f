/**
 * The files of an appeal on its page (issue 15, part 1): personal data, shown only to those who see
 * the author (the assigned staff and the office) — listing them and each download is written to the
 * appeal's access log by the server; they attach a scanned letter or an attachment (PDF, DOCX, XLSX,
 * PNG, JPEG up to 5 MB, the type judged by the server from the content).
 */
import { useState } from "react";
import { api, fileToBase64, type ApiError } from "../../lib/api.ts";
import { messages, useT } from "../../lib/i18n.tsx";
import { useLoad } from "../../lib/useLoad.ts";

const M = messages({
  files: ["Файлы обращения", "Files of the appeal"],
  none: ["Файлов нет", "No files"],
  logged: ["Просмотр и скачивание записываются в журнал доступа", "Viewing and downloads are logged"],
  file: ["Файл (PDF, DOCX, XLSX, PNG, JPEG до 5 МБ)", "File (PDF, DOCX, XLSX, PNG, JPEG up to 5 MB)"],
  attach: ["Приложить", "Attach"],
});

export function AppealFiles({ id }: { id: string }) {
  const t = useT(M);
  const list = useLoad(() => api.GET("/api/appeals/{id}/files", { params: { path: { id } } }), [id]);
  const [file, setFile] = useState<File | null>(null);
  const [inputKey, setInputKey] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const attach = async () => {
    if (!file) return;
    setError(null);
    try {
      list.setData(
        await api.POST("/api/appeals/{id}/files", {
          params: { path: { id } },
          body: { filename: file.name, contentBase64: await fileToBase64(file) },
        }),
      );
      setFile(null);
      setInputKey((k) => k + 1);
    } catch (e) {
      setError((e as ApiError).message);
    }
  };
  if (list.error) return null;
  const items = list.data?.items ?? [];
  return (
    <section className="card" data-testid="appeal-files">
      <h2>{t("files")}</h2>
      <p className="muted small">{t("logged")}</p>
      {items.length ? (
        <ul>
          {items.map((f) => (
            <li key={f.id}>
              <a href={`/api/appeals/${id}/files/${f.id}/content`} target="_blank" rel="noreferrer">
                {f.filename}
              </a>{" "}
              <span className="muted small">({f.createdByName ?? "—"})</span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t("none")}</p>
      )}
      <label>
        {t("file")}{" "}
        <input
          key={inputKey}
          type="file"
          accept=".pdf,.docx,.xlsx,.png,.jpg,.jpeg"
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
        />
      </label>{" "}
      <button type="button" disabled={!file} onClick={() => void attach()}>
        {t("attach")}
      </button>
      {error ? (
        <div className="banner error" role="alert">
          {error}
        </div>
      ) : null}
    </section>
  );
}
