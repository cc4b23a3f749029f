/**
 * /control/templates: the answer templates of appeals (issue 15, part 3) — the municipality's own
 * (active and deactivated) beside the system's defaults; the office creates, edits, deactivates and
 * restores them (a template with a default's code replaces the default); the placeholders allowed are
 * listed and inserted by a click; the preview fills them with a sample appeal. The server refuses a
 * template with an unknown placeholder and says which.
 */
import { useState, type FormEvent } from "react";
import { api, type ApiError } from "../../lib/api.ts";
import { useConfirm } from "../../lib/confirm.tsx";
import { messages, useT } from "../../lib/i18n.tsx";
import { Link } from "../../lib/router.tsx";
import { useSession } from "../../lib/session.tsx";
import { useLoad } from "../../lib/useLoad.ts";
import { save as mutate } from "../../lib/query.ts";
import "../strategy/pages.css";

const M = messages({
  title: ["Шаблоны ответов на обращения", "Answer templates"],
  back: ["Обращения граждан", "Citizens' appeals"],
  code: ["Код", "Code"],
  name: ["Название", "Title"],
  body: ["Текст шаблона", "Template text"],
  state: ["Состояние", "State"],
  active: ["действует", "active"],
  inactive: ["отключен", "deactivated"],
  builtin: ["типовой", "default"],
  overridden: ["заменен своим", "replaced by own"],
  own: ["свой", "own"],
  edit: ["Изменить", "Edit"],
  deactivate: ["Отключить", "Deactivate"],
  restore: ["Включить", "Restore"],
  copy: ["Создать на его основе", "Create from it"],
  create: ["Новый шаблон", "New template"],
  save: ["Сохранить", "Save"],
  cancel: ["Отмена", "Cancel"],
  preview: ["Предпросмотр", "Preview"],
  placeholders: ["Подстановки (нажмите, чтобы вставить)", "Placeholders (click to insert)"],
  unknown: ["Неизвестные подстановки", "Unknown placeholders"],
  sample: ["Пример на условном обращении", "Filled for a sample appeal"],
  confirmOff: ["Отключить шаблон? Он перестанет предлагаться для новых ответов.", "Deactivate the template? It will no longer be offered."],
  readOnly: ["Шаблоны ведет канцелярия: вы можете их просматривать.", "The office keeps the templates: you may view them."],
  saved: ["Сохранено", "Saved"],
  empty: ["Шаблонов нет", "No templates"],
});

type Editing = { mode: "new" | "edit"; code: string; title: string; body: string; version: number | null; active: boolean };

export function AnswerTemplatesPage() {
  const t = useT(M);
  const confirm = useConfirm();
  const { me, can } = useSession();
  const list = useLoad(() => api.GET("/api/appeal-templates"), []);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [preview, setPreview] = useState<{ text: string; unknownPlaceholders: string[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const municipalityId = me?.municipalityId ?? "";
  // the server decides; the page only hides the buttons of those who may not
  const mayWrite = can("update", { area: "control", municipalityId, part: "template", parties: [] });

  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (!editing) return;
    setError(null);
    setNotice(null);
    try {
      // mutations: the list is fetched again
      if (editing.mode === "new")
        await mutate(() => api.POST("/api/appeal-templates", { body: { code: editing.code, title: editing.title, body: editing.body } }));
      else
        await mutate(() =>
          api.PUT("/api/appeal-templates/{code}", {
            params: { path: { code: editing.code } },
            body: { title: editing.title, body: editing.body, active: editing.active, version: editing.version ?? 1 },
          }),
        );
      setEditing(null);
      setPreview(null);
      setNotice(t("saved"));
    } catch (err) {
      setError((err as ApiError).message);
    }
  };

  const setActive = async (x: { code: string; title: string; body: string; version: number | null }, active: boolean) => {
    if (!active && !(await confirm(t("confirmOff")))) return;
    setError(null);
    try {
      await mutate(() =>
        api.PUT("/api/appeal-templates/{code}", {
          params: { path: { code: x.code } },
          body: { title: x.title, body: x.body, active, version: x.version ?? 1 },
        }),
      );
    } catch (err) {
      setError((err as ApiError).message);
    }
  };

  const showPreview = async () => {
    if (!editing) return;
    setError(null);
    try {
      setPreview(await api.POST("/api/appeal-templates/preview", { body: { body: editing.body } }));
    } catch (err) {
      setError((err as ApiError).message);
    }
  };

  const items = list.data?.items ?? [];
  const placeholders = list.data?.placeholders ?? [];
  return (
    <section data-testid="answer-templates-page">
      <p>
        <Link to="/control/appeals">{t("back")}</Link>
      </p>
      <h1>{t("title")}</h1>
      {mayWrite ? null : <p className="muted">{t("readOnly")}</p>}
      {error ? (
        <div className="banner error" role="alert">
          {error}
        </div>
      ) : null}
      {notice ? (
        <div className="banner" role="status">
          {notice}
        </div>
      ) : null}
      {mayWrite && !editing ? (
        <button type="button" onClick={() => setEditing({ mode: "new", code: "", title: "", body: "", version: null, active: true })}>
          {t("create")}
        </button>
      ) : null}
      {editing ? (
        <form className="card" onSubmit={(e) => void save(e)} data-testid="template-form">
          <label>
            {t("code")}
            <input
              value={editing.code}
              disabled={editing.mode === "edit"}
              onChange={(e) => setEditing({ ...editing, code: e.target.value })}
              pattern="[a-z0-9_-]{1,40}"
              required
            />
          </label>
          <label>
            {t("name")}
            <input
              value={editing.title}
              onChange={(e) => setEditing({ ...editing, title: e.target.value })}
              required
              style={{ width: "100%", maxWidth: "32rem" }}
            />
          </label>
          <div role="group" aria-label={t("placeholders")}>
            {t("placeholders")}:{" "}
            {placeholders.map((p) => (
              <button key={p} type="button" className="secondary" onClick={() => setEditing({ ...editing, body: `${editing.body}{${p}}` })}>
                {`{${p}}`}
              </button>
            ))}
          </div>
          <label>
            {t("body")}
            <textarea
              value={editing.body}
              onChange={(e) => setEditing({ ...editing, body: e.target.value })}
              rows={8}
              style={{ width: "100%", maxWidth: "48rem" }}
              required
            />
          </label>
          <div>
            <button type="submit">{t("save")}</button>
            <button type="button" className="secondary" onClick={() => void showPreview()}>
              {t("preview")}
            </button>
            <button
              type="button"
              className="secondary"
              onClick={() => {
                setEditing(null);
                setPreview(null);
              }}
            >
              {t("cancel")}
            </button>
          </div>
          {preview ? (
            <div data-testid="template-preview">
              <h2>{t("sample")}</h2>
              {preview.unknownPlaceholders.length ? (
                <p className="banner error">
                  {t("unknown")}: {preview.unknownPlaceholders.map((u) => `{${u}}`).join(", ")}
                </p>
              ) : null}
              <blockquote style={{ whiteSpace: "pre-wrap" }}>{preview.text}</blockquote>
            </div>
          ) : null}
        </form>
      ) : null}
      {items.length === 0 && list.data ? <p className="muted">{t("empty")}</p> : null}
      {/* a wide table scrolls inside its box on a narrow screen; the box takes the keyboard's focus to scroll */}
      <div style={{ overflowX: "auto" }} tabIndex={0} role="region" aria-label={t("title")}>
        <table className="data" data-testid="templates-table">
          <thead>
            <tr>
              <th scope="col">{t("code")}</th>
              <th scope="col">{t("name")}</th>
              <th scope="col">{t("state")}</th>
              <th scope="col">{t("body")}</th>
              {mayWrite ? <th scope="col" aria-label={t("edit")} /> : null}
            </tr>
          </thead>
          <tbody>
            {items.map((x) => (
              <tr key={`${x.builtin ? "default" : "own"}-${x.code}`}>
                <td>{x.code}</td>
                <td>{x.title}</td>
                <td>
                  {x.builtin ? t("builtin") : t("own")} · {x.overridden ? t("overridden") : x.active ? t("active") : t("inactive")}
                </td>
                <td style={{ whiteSpace: "pre-wrap", minWidth: "16rem", maxWidth: "40rem" }}>{x.body}</td>
                {mayWrite ? (
                  <td>
                    {x.builtin ? (
                      x.overridden ? null : (
                        <button
                          type="button"
                          className="secondary"
                          onClick={() =>
                            setEditing({ mode: "new", code: x.code, title: x.title, body: x.body, version: null, active: true })
                          }
                        >
                          {t("copy")}
                        </button>
                      )
                    ) : (
                      <>
                        <button
                          type="button"
                          className="secondary"
                          onClick={() =>
                            setEditing({ mode: "edit", code: x.code, title: x.title, body: x.body, version: x.version, active: x.active })
                          }
                        >
                          {t("edit")}
                        </button>
                        <button type="button" className="secondary" onClick={() => void setActive(x, !x.active)}>
                          {x.active ? t("deactivate") : t("restore")}
                        </button>
                      </>
                    )}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
