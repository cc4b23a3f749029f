/**
 * /control/orders/:id: an order — its executors, the history of its deadlines and of its steps, and
 * the steps the user may take now (the server's table ORDER_TRANSITIONS says which), each with what
 * it needs: a report, a new deadline, remarks, the result of an on-site check.
 */
import { useState, type FormEvent } from "react";
import { ORDER_ACTION_LABELS, ORDER_SOURCE_LABELS, ORDER_STATE_LABELS, ORDER_TRANSITIONS, type OrderAction } from "@orientir/domain";
import { api, fileToBase64, type ApiError } from "../../lib/api.ts";
import { save } from "../../lib/query.ts";
import { messages, useLang, useT } from "../../lib/i18n.tsx";
import { Link } from "../../lib/router.tsx";
import { useLoad } from "../../lib/useLoad.ts";
import "../strategy/pages.css";
import { DateField } from "../../components/DateField.tsx";

const M = messages({
  back: ["Поручения", "Orders"],
  due: ["Срок", "Due"],
  state: ["Состояние", "State"],
  source: ["Источник", "Source"],
  deadlines: ["История сроков", "Deadlines"],
  events: ["Ход исполнения", "History"],
  act: ["Действия", "Actions"],
  text: ["Текст (отчет, обоснование)", "Text (report, reason)"],
  newDue: ["Новый срок", "New deadline"],
  remarks: ["Замечания", "Remarks"],
  result: ["Результат проверки", "Result of the check"],
  department: ["Новое подразделение-исполнитель (идентификатор)", "New executor department (id)"],
  files: ["Файлы отчета (PDF, DOCX, XLSX, PNG, JPEG до 5 МБ каждый)", "Report files (PDF, DOCX, XLSX, PNG, JPEG up to 5 MB each)"],
  download: ["скачать", "download"],
  done: ["Сохранено", "Saved"],
});

const fmtDate = (d: string) => d.split("-").reverse().join(".");

export function OrderPage({ params }: { params: Record<string, string> }) {
  const t = useT(M);
  const { lang } = useLang();
  const L = lang === "ru" ? "ru" : "en";
  const id = params.id ?? "";
  const o = useLoad(() => api.GET("/api/orders/{id}", { params: { path: { id } } }), [id]);
  const [action, setAction] = useState<OrderAction | null>(null);
  const [form, setForm] = useState({ text: "", newDue: "", remarks: "", result: "", department: "" });
  const [files, setFiles] = useState<File[]>([]);
  const [inputKey, setInputKey] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const needs = (a: OrderAction) => new Set(ORDER_TRANSITIONS.filter((x) => x.action === a).flatMap((x) => x.requires ?? []));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!o.data || !action) return;
    setError(null);
    try {
      // the files themselves, in base64: the server judges their type by the content and keeps them
      const payload = await Promise.all(files.map(async (f) => ({ name: f.name, contentBase64: await fileToBase64(f) })));
      const next = await save(() =>
        api.POST("/api/orders/{id}/steps", {
          params: { path: { id } },
          body: {
            action,
            version: o.data!.version,
            text: form.text || null,
            newDue: form.newDue || null,
            remarks: form.remarks || null,
            result: form.result || null,
            responsibleDepartmentId: form.department || null,
            files: payload,
          },
        }),
      );
      o.setData(next);
      setAction(null);
      setForm({ text: "", newDue: "", remarks: "", result: "", department: "" });
      setFiles([]);
      setInputKey((k) => k + 1);
    } catch (err) {
      setError((err as ApiError).message);
    }
  };
  if (o.error)
    return (
      <div className="banner error" role="alert">
        {(o.error as ApiError).message}
      </div>
    );
  const d = o.data;
  if (!d) return null;
  const need = action ? needs(action) : new Set<string>();
  return (
    <section data-testid="order-page">
      <p>
        <Link to="/control/orders">{t("back")}</Link>
      </p>
      <h1>
        {d.number}: {d.text}
      </h1>
      <p>
        {t("source")}: {ORDER_SOURCE_LABELS[d.source][L]} · {t("due")}: <strong data-testid="order-due">{fmtDate(d.due)}</strong> ·{" "}
        {t("state")}: <strong data-testid="order-state">{ORDER_STATE_LABELS[d.state][L]}</strong>
      </p>
      {d.actions.length ? (
        <div className="card">
          <h2>{t("act")}</h2>
          {d.actions.map((a) => (
            <button
              key={a}
              type="button"
              className={action === a ? "" : "secondary"}
              onClick={() => setAction(a)}
              data-testid={`order-action-${a}`}
            >
              {ORDER_ACTION_LABELS[a][L]}
            </button>
          ))}
          {action ? (
            <form onSubmit={(e) => void submit(e)} className="filters" data-testid="order-step-form">
              {need.has("text") || action === "grantExtension" ? (
                <label>
                  {t("text")}
                  <textarea value={form.text} onChange={(e) => setForm({ ...form, text: e.target.value })} />
                </label>
              ) : null}
              {need.has("newDue") ? (
                <label>
                  {t("newDue")}
                  <DateField
                    name="newDue"
                    aria-label={t("newDue")}
                    value={form.newDue}
                    onChange={(newDue) => setForm({ ...form, newDue })}
                  />
                </label>
              ) : null}
              {need.has("remarks") ? (
                <label>
                  {t("remarks")}
                  <textarea value={form.remarks} onChange={(e) => setForm({ ...form, remarks: e.target.value })} />
                </label>
              ) : null}
              {need.has("result") ? (
                <label>
                  {t("result")}
                  <textarea value={form.result} onChange={(e) => setForm({ ...form, result: e.target.value })} />
                </label>
              ) : null}
              {need.has("executor") ? (
                <label>
                  {t("department")}
                  <input value={form.department} onChange={(e) => setForm({ ...form, department: e.target.value })} size={38} />
                </label>
              ) : null}
              {action === "report" || action === "periodicReport" || action === "recordCheck" || action === "requestExtension" ? (
                <label>
                  {t("files")}
                  <input
                    key={inputKey}
                    type="file"
                    multiple
                    accept=".pdf,.docx,.xlsx,.png,.jpg,.jpeg"
                    data-testid="order-files-input"
                    onChange={(e) => setFiles([...(e.target.files ?? [])])}
                  />
                </label>
              ) : null}
              <button type="submit">{ORDER_ACTION_LABELS[action][L]}</button>
            </form>
          ) : null}
          {error ? (
            <div className="banner error" role="alert">
              {error}
            </div>
          ) : null}
        </div>
      ) : null}
      <h2>{t("deadlines")}</h2>
      <ul data-testid="order-deadlines">
        {d.deadlines.map((x, i) => (
          <li key={i}>
            {fmtDate(x.due)} — {x.reason}
          </li>
        ))}
      </ul>
      <h2>{t("events")}</h2>
      <table className="data" data-testid="order-events">
        <tbody>
          {d.events.map((e, i) => (
            <tr key={i}>
              <td className="nowrap">{fmtDate(e.onDate)}</td>
              <td>{e.action in ORDER_ACTION_LABELS ? ORDER_ACTION_LABELS[e.action as OrderAction][L] : e.action}</td>
              <td>{e.actorName ?? "—"}</td>
              <td>
                {e.text ?? ""}
                {e.requestedDue ? ` (${fmtDate(e.requestedDue)})` : ""}
                {e.files.map((f, j) => (
                  <span key={j}>
                    {" · "}
                    {f.fileId ? (
                      <a href={`/api/orders/${d.id}/files/${f.fileId}/content`} target="_blank" rel="noreferrer" data-testid="order-file">
                        {f.name}
                      </a>
                    ) : (
                      f.name
                    )}
                  </span>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
