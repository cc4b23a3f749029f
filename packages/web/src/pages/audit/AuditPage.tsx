/**
 * /audit: the audit log — who, when, which object, which action, the values before and after side
 * by side; filters; and the history of one object (/audit?objectId=…, linked from the pages).
 * The filters offer the log's actions as sentences and who acted by name (GET /api/audit/filters),
 * searchable; they send the codes and ids, which the user never sees. Roles without access see
 * the API's refusal.
 */
import { useState, type FormEvent } from "react";
import { Select } from "@mantine/core";
import "@mantine/core/styles/Input.css";
import "@mantine/core/styles/Combobox.css";
import { RESOURCES } from "@orientir/domain";
import { api, given, qs, type ApiError, type QueryOf, type Schema } from "../../lib/api.ts";
import { messages, useLang, useT } from "../../lib/i18n.tsx";
import { Link, navigate, useLocation } from "../../lib/router.tsx";
import { useLoad } from "../../lib/useLoad.ts";
import { formatDateTime } from "../../lib/format.ts";
import { labelOf } from "../../components/RecordForm.tsx";
import "../strategy/pages.css";
import { Loading } from "../../components/Loading.tsx";
import { DateField } from "../../components/DateField.tsx";

const M = messages({
  title: ["Журнал изменений", "Audit log"],
  objectHistory: ["История объекта", "History of an object"],
  all: ["Весь журнал", "The whole log"],
  loading: ["Загрузка…", "Loading…"],
  noAccess: ["Нет доступа к журналу изменений", "No access to the audit log"],
  at: ["Когда", "When"],
  who: ["Кто", "Who"],
  action: ["Действие", "Action"],
  object: ["Объект", "Object"],
  changes: ["Изменения", "Changes"],
  field: ["Поле", "Field"],
  before: ["Было", "Before"],
  after: ["Стало", "After"],
  objectType: ["Вид объекта", "Object type"],
  objectUnknown: ["запись без изменений в журнале", "a record with no entries in the log"],
  actor: ["Кто", "Who"],
  people: ["Сотрудники", "Staff"],
  others: ["Без учетной записи", "Without an account"],
  nothingFound: ["Ничего не найдено", "Nothing found"],
  from: ["С даты", "From"],
  to: ["По дату", "To"],
  apply: ["Показать", "Show"],
  reset: ["Сбросить", "Reset"],
  any: ["любой", "any"],
  more: ["Показать еще", "Show more"],
  empty: ["Записей нет", "No entries"],
  history: ["история", "history"],
  request: ["запрос", "request"],
  noValues: ["без значений", "no values"],
  type_user: ["Пользователь", "User"],
  type_municipality: ["Муниципальное образование", "Municipality"],
  system: ["Система", "System"],
});

/** An entry of the audit log (GET /api/audit). */
type AuditEntry = Schema<"AuditEntry">;

/** GET /api/audit with the filters that have a value. */
const loadAudit = (query: QueryOf<"/api/audit">) => api.GET("/api/audit", { params: { query } });

const PAGE = 100;

/** The filter values of the log (its actions and who acted), in the interface language. */
const loadFilters = () => api.GET("/api/audit/filters");

export function AuditPage() {
  const t = useT(M);
  const { lang } = useLang();
  const { query } = useLocation();
  const filters = {
    objectType: query.get("objectType") ?? "",
    objectId: query.get("objectId") ?? "",
    actorId: query.get("actorId") ?? "",
    actorKind: query.get("actorKind") ?? "",
    action: query.get("action") ?? "",
    from: query.get("from") ?? "",
    to: query.get("to") ?? "",
  };
  const [form, setForm] = useState(filters);
  const [more, setMore] = useState<AuditEntry[]>([]);
  const [moreDone, setMoreDone] = useState(false);
  const key = JSON.stringify(filters);
  const params = (beforeId?: number) => ({
    ...filters,
    // "to" is a day: include it whole
    to: filters.to ? nextDay(filters.to) : "",
    limit: PAGE,
    beforeId,
  });
  const options = useLoad(loadFilters, [lang]);
  // the values of the selects: an action option by its codes joined, a person by id or an actor kind
  const actionData = (options.data?.actions ?? []).map((a) => ({ value: a.actions.join(","), label: a.label }));
  // the option of the action(s) in the address (a link may name one of an option's actions)
  const codes = form.action.split(",").filter(Boolean);
  const actionValue = codes.length ? actionData.find((a) => codes.every((c) => a.value.split(",").includes(c)))?.value : undefined;
  const actorData = [
    {
      group: t("people"),
      items: (options.data?.actors ?? []).filter((a) => a.actorId).map((a) => ({ value: a.actorId!, label: a.label })),
    },
    {
      group: t("others"),
      items: (options.data?.actors ?? []).filter((a) => a.actorKind).map((a) => ({ value: `kind:${a.actorKind}`, label: a.label })),
    },
  ].filter((g) => g.items.length);
  const actorValue = form.actorId || (form.actorKind ? `kind:${form.actorKind}` : "");
  const log = useLoad(() => {
    setMore([]);
    setMoreDone(false);
    return loadAudit(given(params()));
  }, [key]);

  const typeLabel = (type: string) => {
    const spec = RESOURCES.find((r) => r.name === type);
    if (spec) return labelOf(spec.label, lang);
    return type === "user" ? t("type_user") : type === "municipality" ? t("type_municipality") : type;
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    navigate(`/audit${qs(form)}`);
  };
  const items = [...(log.data?.items ?? []), ...more];
  const err = log.error as ApiError | null;

  return (
    <section data-testid="audit-page">
      <h1>{filters.objectId ? t("objectHistory") : t("title")}</h1>
      {filters.objectId ? (
        <p>
          {/* the object by its name (the entries carry it), never its identifier */}
          <strong data-testid="object-label">{log.data ? (items[0]?.objectLabel ?? t("objectUnknown")) : ""}</strong> ·{" "}
          <Link to="/audit">{t("all")}</Link>
        </p>
      ) : null}
      {err ? (
        <div className="banner error noaccess" role="alert" data-testid="audit-error">
          {err.status === 403 ? <strong>{t("noAccess")}: </strong> : null}
          {err.message}
        </div>
      ) : (
        <>
          <form className="filters card" onSubmit={submit} data-testid="audit-filters">
            <label>
              {t("objectType")}
              <select name="objectType" value={form.objectType} onChange={(e) => setForm({ ...form, objectType: e.target.value })}>
                <option value="">{t("any")}</option>
                {[...RESOURCES.map((r) => r.name), "user", "municipality"]
                  // the kinds by their names in the interface language
                  .sort((a, b) => typeLabel(a).localeCompare(typeLabel(b), lang))
                  .map((n) => (
                    <option key={n} value={n}>
                      {typeLabel(n)}
                    </option>
                  ))}
              </select>
            </label>
            <Select
              label={t("actor")}
              data-testid="audit-actor"
              data={actorData}
              value={actorValue || null}
              onChange={(v) =>
                setForm({
                  ...form,
                  actorId: v && !v.startsWith("kind:") ? v : "",
                  actorKind: v?.startsWith("kind:") ? v.slice("kind:".length) : "",
                })
              }
              placeholder={t("any")}
              searchable
              clearable
              nothingFoundMessage={t("nothingFound")}
              style={{ width: 240, maxWidth: "100%" }}
            />
            <Select
              label={t("action")}
              data-testid="audit-action"
              data={actionData}
              value={actionValue ?? null}
              onChange={(v) => setForm({ ...form, action: v ?? "" })}
              placeholder={t("any")}
              searchable
              clearable
              nothingFoundMessage={t("nothingFound")}
              comboboxProps={{ width: "target", position: "bottom-start" }}
              style={{ width: 320, maxWidth: "100%" }}
            />
            <label>
              {t("from")}
              <DateField name="from" aria-label={t("from")} value={form.from} onChange={(from) => setForm({ ...form, from })} />
            </label>
            <label>
              {t("to")}
              <DateField name="to" aria-label={t("to")} value={form.to} onChange={(to) => setForm({ ...form, to })} />
            </label>
            <button type="submit">{t("apply")}</button>
            <button
              type="button"
              className="secondary"
              onClick={() => {
                setForm({ objectType: "", objectId: "", actorId: "", actorKind: "", action: "", from: "", to: "" });
                navigate("/audit");
              }}
            >
              {t("reset")}
            </button>
          </form>
          {log.loading && !log.data ? <Loading /> : null}
          <table className="data" data-testid="audit-log" style={{ marginTop: 12, width: "100%" }}>
            <thead>
              <tr>
                <th>{t("at")}</th>
                <th>{t("who")}</th>
                <th>{t("action")}</th>
                <th>{t("object")}</th>
                <th>{t("changes")}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((e) => (
                <tr key={e.id} data-testid="audit-entry" data-action={e.action}>
                  <td className="nowrap">{formatDateTime(e.at)}</td>
                  <td>{e.actorName ?? t("system")}</td>
                  <td>{e.actionLabel}</td>
                  <td>
                    {e.objectLabel}
                    {e.objectId ? (
                      <div>
                        <Link to={`/audit?objectId=${e.objectId}`} className="muted">
                          {t("history")}
                        </Link>
                      </div>
                    ) : null}
                  </td>
                  <td>
                    {e.changes.length ? (
                      <table className="data values">
                        <thead>
                          <tr>
                            <th>{t("field")}</th>
                            <th>{t("before")}</th>
                            <th>{t("after")}</th>
                          </tr>
                        </thead>
                        <tbody>
                          {e.changes.map((d) => (
                            <tr key={d.field}>
                              <td>{d.label}</td>
                              <td className={e.before ? "changed" : ""}>{d.before ?? "—"}</td>
                              <td className={e.after ? "changed" : ""}>{d.after ?? "—"}</td>
                            </tr>
                          ))}
                        </tbody>
                      </table>
                    ) : (
                      <span className="muted">{t("noValues")}</span>
                    )}
                  </td>
                </tr>
              ))}
              {log.data && !items.length ? (
                <tr>
                  <td colSpan={5} className="muted">
                    {t("empty")}
                  </td>
                </tr>
              ) : null}
            </tbody>
          </table>
          {log.data && items.length >= PAGE && !moreDone ? (
            <button
              type="button"
              className="secondary"
              style={{ marginTop: 8 }}
              onClick={() =>
                void (async () => {
                  const last = items[items.length - 1]!;
                  const next = await loadAudit(given(params(Number(last.id))));
                  setMore([...more, ...next.items]);
                  if (next.items.length < PAGE) setMoreDone(true);
                })()
              }
            >
              {t("more")}
            </button>
          ) : null}
        </>
      )}
    </section>
  );
}

function nextDay(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return iso;
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
