/**
 * The documents of a draft (220-п 4.7, 4.7.1, 4.19) on the version page: what its kind needs, what
 * is attached (each a file — PDF, DOCX or XLSX up to 5 MB, its type judged by the server from the
 * content — downloaded by its link), what is missing; the preparer attaches and removes them.
 */
import { useState } from "react";
import { api, fileToBase64, type Schema } from "../../lib/api.ts";
import { messages, useLang, useT } from "../../lib/i18n.tsx";
import { useLoad } from "../../lib/useLoad.ts";
import { useSave } from "../../lib/query.ts";
import { ErrorBox, fmtDate } from "./common.tsx";

const M = messages({
  attachments: ["Документы проекта (220-п пп. 4.7, 4.7.1, 4.19)", "Documents of the draft (220-p 4.7, 4.7.1, 4.19)"],
  attachRequired: ["Требуются: {list}", "Required: {list}"],
  attachMissing: ["Не приложено: {list}", "Missing: {list}"],
  attachEnforced: [
    "Без этих документов проект не направить на экспертизу (настройка муниципального образования).",
    "The draft cannot go to review without them (the municipality's setting).",
  ],
  attachNone: ["Документы не приложены", "No documents attached"],
  attachKind: ["Вид документа", "Kind"],
  attachTitle: ["Документ: наименование, номер, дата", "Document: name, number, date"],
  attachFile: ["Файл (PDF, DOCX, XLSX до 5 МБ)", "File (PDF, DOCX, XLSX up to 5 MB)"],
  attachNoFile: ["без файла", "no file"],
  attachAdd: ["Приложить", "Attach"],
  attachRemove: ["Убрать", "Remove"],
  attachChoose: ["Выбрать файл", "Choose a file"],
  attachNoChosen: ["файл не выбран", "no file chosen"],
});

const size = (n: number) => `${new Intl.NumberFormat("ru-RU", { maximumFractionDigits: 1 }).format(n / 1024)} КБ`;

export function DraftAttachments({ versionId }: { versionId: string }) {
  const t = useT(M);
  const { lang } = useLang();
  const list = useLoad(() => api.GET("/api/versions/{id}/attachments", { params: { path: { id: versionId } } }), [versionId]);
  const [kind, setKind] = useState<"financialJustification" | "methodology" | "other">("financialJustification");
  const [title, setTitle] = useState("");
  const [file, setFile] = useState<File | null>(null);
  const [inputKey, setInputKey] = useState(0);
  const [error, setError] = useState<unknown>(null);
  // attaching or removing is a mutation: the draft's page (its missing documents, its actions) is fetched again
  const write = useSave((f: () => Promise<Schema<"DraftAttachmentList">>) => f());
  const busy = write.busy;
  const run = async (f: () => Promise<Schema<"DraftAttachmentList">>) => {
    setError(null);
    try {
      list.setData(await write.run(f));
      setTitle("");
      setFile(null);
      setInputKey((k) => k + 1);
    } catch (e) {
      setError(e);
    }
  };
  if (list.error) return <ErrorBox error={list.error} />;
  const d = list.data;
  if (!d) return null;
  const label = (k: string) => d.required.find((r) => r.kind === k)?.label ?? k;
  const attach = async (f: File) =>
    api.POST("/api/versions/{id}/attachments", {
      params: { path: { id: versionId } },
      body: { kind, title, filename: f.name, contentBase64: await fileToBase64(f) },
    });
  return (
    <section data-testid="attachments">
      <h2>{t("attachments")}</h2>
      {d.required.length ? (
        <p className="muted">{t("attachRequired", { list: d.required.map((r) => `${r.label} (${r.clause})`).join("; ") })}</p>
      ) : null}
      {d.missing.length ? (
        <p className={d.enforced ? "banner error" : "muted"} data-testid="attachments-missing">
          {t("attachMissing", { list: d.missing.map(label).join("; ") })}
          {d.enforced ? ` ${t("attachEnforced")}` : ""}
        </p>
      ) : null}
      {d.items.length === 0 ? (
        <p className="muted">{t("attachNone")}</p>
      ) : (
        <ul data-testid="attachment-list">
          {d.items.map((a) => (
            <li key={a.id}>
              <strong>{a.kindLabel}</strong>: {a.title}{" "}
              {a.file ? (
                <a
                  href={`/api/versions/${versionId}/attachments/${a.id}/content`}
                  target="_blank"
                  rel="noreferrer"
                  data-testid="attachment-file"
                >
                  {a.file.filename}
                </a>
              ) : (
                <span className="muted">({t("attachNoFile")})</span>
              )}{" "}
              <span className="muted small">
                ({a.file ? `${size(a.file.size)}, ` : ""}
                {a.createdByName ?? "—"}, {fmtDate(a.createdAt.slice(0, 10))})
              </span>{" "}
              {d.editable ? (
                <button
                  type="button"
                  disabled={busy}
                  onClick={() =>
                    void run(() =>
                      api.DELETE("/api/versions/{id}/attachments/{attachmentId}", {
                        params: { path: { id: versionId, attachmentId: a.id } },
                      }),
                    )
                  }
                >
                  {t("attachRemove")}
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {d.editable ? (
        <div className="toolbar">
          <label>
            {t("attachKind")}{" "}
            <select value={kind} onChange={(e) => setKind(e.target.value as typeof kind)} data-testid="attachment-kind">
              <option value="financialJustification">
                {lang === "en" ? "Financial-economic justification" : "Финансово-экономическое обоснование"}
              </option>
              <option value="methodology">
                {lang === "en" ? "Methodology of calculation" : "Методика расчета показателей и индикаторов"}
              </option>
              <option value="other">{lang === "en" ? "Other" : "Иной документ"}</option>
            </select>
          </label>{" "}
          <input aria-label={t("attachTitle")} placeholder={t("attachTitle")} value={title} onChange={(e) => setTitle(e.target.value)} />{" "}
          {/* the browser's own file button speaks the browser's language: ours says it in the interface's */}
          <label className="file-pick">
            {t("attachFile")}{" "}
            <input
              key={inputKey}
              type="file"
              className="sr-only"
              accept=".pdf,.docx,.xlsx,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              data-testid="attachment-file-input"
              onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            />
            <span className="file-button" aria-hidden="true">
              {t("attachChoose")}
            </span>{" "}
            <span className="muted">{file ? file.name : t("attachNoChosen")}</span>
          </label>{" "}
          <button type="button" disabled={busy || title.trim() === "" || !file} onClick={() => file && void run(() => attach(file))}>
            {t("attachAdd")}
          </button>
        </div>
      ) : null}
      <ErrorBox error={error} />
    </section>
  );
}
