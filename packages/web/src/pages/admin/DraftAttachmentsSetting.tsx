/**
 * The municipality's setting `requireDraftAttachments` (monitoring settings, PUT
 * /api/monitoring/settings): whether a draft goes to review only with the documents 220-п 4.7,
 * 4.7.1 and 4.19 require. A checkbox saved at once, with the settings' version (409: reloaded).
 */
import { useState } from "react";
import { api, ApiError } from "../../lib/api.ts";
import { save } from "../../lib/query.ts";
import { messages, useT } from "../../lib/i18n.tsx";
import { useLoad } from "../../lib/useLoad.ts";

const M = messages({
  title: ["Документы проекта программы", "Documents of a draft program"],
  label: [
    "Направлять проект на экспертизу только с документами 220-п пп. 4.7, 4.7.1, 4.19 (финансово-экономическое обоснование, методика расчета)",
    "Send a draft for review only with the documents of 220-p 4.7, 4.7.1, 4.19 (financial-economic justification, methodology)",
  ],
  saved: ["Сохранено", "Saved"],
  conflict: ["Настройки изменены другим пользователем; загружены текущие", "Changed by someone else; reloaded"],
});

export function DraftAttachmentsSetting() {
  const t = useT(M);
  const s = useLoad(() => api.GET("/api/monitoring/settings"), []);
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (s.error)
    return (
      <p className="banner error" role="alert">
        {s.error.message}
      </p>
    );
  if (!s.data) return null;
  const settings = s.data;
  const toggle = async (on: boolean) => {
    setBusy(true);
    setNote(null);
    setError(null);
    try {
      s.setData(
        await save(() => api.PUT("/api/monitoring/settings", { body: { version: settings.version, requireDraftAttachments: on } })),
      );
      setNote(t("saved"));
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        setNote(t("conflict"));
        s.reload();
      } else setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section data-testid="draft-attachments-setting">
      <h2>{t("title")}</h2>
      <label>
        <input
          type="checkbox"
          checked={settings.requireDraftAttachments}
          disabled={busy}
          onChange={(e) => void toggle(e.target.checked)}
          data-testid="require-draft-attachments"
        />{" "}
        {t("label")}
      </label>
      {note ? (
        <p className="muted" role="status">
          {note}
        </p>
      ) : null}
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
    </section>
  );
}
