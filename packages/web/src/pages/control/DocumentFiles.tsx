/**
 * The card of a registry document on the registry page (issue 15, part 1): its links and its files
 * (each downloaded by its link), and the office's upload of a file — PDF, DOCX, XLSX, PNG or JPEG
 * up to 5 MB, its type judged by the server from the content.
 */
import { useState } from "react";
import { api, fileToBase64, type ApiError } from "../../lib/api.ts";
import { messages, useT } from "../../lib/i18n.tsx";
import { useLoad } from "../../lib/useLoad.ts";

const M = messages({
  files: ["Файлы документа", "Files of the document"],
  none: ["Файлов нет", "No files"],
  title: ["Что это за файл (необязательно)", "What the file is (optional)"],
  file: ["Файл (PDF, DOCX, XLSX, PNG, JPEG до 5 МБ)", "File (PDF, DOCX, XLSX, PNG, JPEG up to 5 MB)"],
  attach: ["Приложить", "Attach"],
  links: ["Связи", "Links"],
  answerTo: ["ответ на", "answer to"],
  inExecutionOf: ["во исполнение", "in execution of"],
  close: ["Закрыть", "Close"],
});

const size = (n: number) => `${new Intl.NumberFormat("ru-RU", { maximumFractionDigits: 1 }).format(n / 1024)} КБ`;

export function DocumentFiles({ id, onClose }: { id: string; onClose: () => void }) {
  const t = useT(M);
  const doc = useLoad(() => api.GET("/api/registry/{id}", { params: { path: { id } } }), [id]);
  const [title, setTitle] = useState("");
  const [file, setFile] = useState<File | null>(null);
  const [inputKey, setInputKey] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const attach = async () => {
    if (!file || !doc.data) return;
    setBusy(true);
    setError(null);
    try {
      const list = await api.POST("/api/registry/{id}/files", {
        params: { path: { id } },
        body: { filename: file.name, title: title || null, contentBase64: await fileToBase64(file) },
      });
      doc.setData({ ...doc.data, files: list.items });
      setTitle("");
      setFile(null);
      setInputKey((k) => k + 1);
    } catch (e) {
      setError((e as ApiError).message);
    } finally {
      setBusy(false);
    }
  };
  const d = doc.data;
  if (doc.error)
    return (
      <div className="banner error" role="alert">
        {(doc.error as ApiError).message}
      </div>
    );
  if (!d) return null;
  return (
    <section className="card" data-testid="document-card" aria-label={d.regNumber}>
      <h2>
        {d.regNumber}: {d.summary}
      </h2>
      {d.links?.length ? (
        <p>
          {t("links")}:{" "}
          {d.links.map((l) => (
            <span key={`${l.direction}-${l.documentId}-${l.kind}`}>
              {t(l.kind)} {l.regNumber}{" "}
            </span>
          ))}
        </p>
      ) : null}
      <h3>{t("files")}</h3>
      {d.files?.length ? (
        <ul data-testid="document-files">
          {d.files.map((f) => (
            <li key={f.id}>
              <a href={`/api/registry/${id}/files/${f.id}/content`} target="_blank" rel="noreferrer">
                {f.filename}
              </a>
              {f.title ? ` — ${f.title}` : ""}{" "}
              <span className="muted small">
                ({size(f.size)}, {f.createdByName ?? "—"})
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t("none")}</p>
      )}
      <div className="toolbar">
        <input aria-label={t("title")} placeholder={t("title")} value={title} onChange={(e) => setTitle(e.target.value)} />{" "}
        <label>
          {t("file")}{" "}
          <input
            key={inputKey}
            type="file"
            accept=".pdf,.docx,.xlsx,.png,.jpg,.jpeg"
            data-testid="document-file-input"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
        </label>{" "}
        <button type="button" disabled={busy || !file} onClick={() => void attach()}>
          {t("attach")}
        </button>{" "}
        <button type="button" className="secondary" onClick={onClose}>
          {t("close")}
        </button>
      </div>
      {error ? (
        <div className="banner error" role="alert">
          {error}
        </div>
      ) : null}
    </section>
  );
}
