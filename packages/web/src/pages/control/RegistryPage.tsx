/**
 * /control/registry: the registry of documents (issue 15, part 1) — search by words (Russian
 * full-text search, then similarity for mistyped words), by registration number, kind and year;
 * a document's number opens its card with its files and the upload of a file (DocumentFiles).
 */
import { useState, type FormEvent } from "react";
import { DOCUMENT_KINDS, DOCUMENT_KIND_LABELS } from "@orientir/domain";
import { api, given, qs, type ApiError } from "../../lib/api.ts";
import { formatNumber } from "../../lib/format.ts";
import { messages, useLang, useT } from "../../lib/i18n.tsx";
import { Link, navigate, useLocation } from "../../lib/router.tsx";
import { useLoad } from "../../lib/useLoad.ts";
import { DocumentFiles } from "./DocumentFiles.tsx";
import "../strategy/pages.css";

const M = messages({
  title: ["Реестр документов", "Registry of documents"],
  search: ["Поиск: слова, номер, корреспондент", "Search: words, number, correspondent"],
  kind: ["Вид", "Kind"],
  year: ["Год", "Year"],
  any: ["любой", "any"],
  find: ["Найти", "Find"],
  number: ["Рег. номер", "Number"],
  date: ["Дата", "Date"],
  correspondent: ["Корреспондент", "Correspondent"],
  summary: ["Краткое содержание", "Summary"],
  found: ["Найдено", "Found"],
  // the matches are counted up to a bound (totalCapped): «более 2 000»
  moreThan: ["более", "more than"],
  match_fts: ["по словам", "by words"],
  match_similar: ["похожее", "similar"],
  match_number: ["по номеру", "by number"],
  empty: ["Ничего не найдено", "Nothing found"],
  orders: ["Поручения", "Orders"],
  open: ["Карточка и файлы документа", "The document's card and files"],
});

const fmtDate = (d: string) => d.split("-").reverse().join(".");

export function RegistryPage() {
  const t = useT(M);
  const { lang } = useLang();
  const { query: params } = useLocation();
  const filters = { q: params.get("q") ?? "", kind: params.get("kind") ?? "", year: params.get("year") ?? "" };
  const [form, setForm] = useState(filters);
  const [opened, setOpened] = useState<string | null>(null);
  const key = `${filters.q}|${filters.kind}|${filters.year}`;
  const list = useLoad(
    () =>
      api.GET("/api/registry", {
        params: {
          query: given({
            q: filters.q,
            kind: (DOCUMENT_KINDS as readonly string[]).includes(filters.kind)
              ? (filters.kind as (typeof DOCUMENT_KINDS)[number])
              : undefined,
            year: /^\d{4}$/.test(filters.year) ? Number(filters.year) : undefined,
            limit: 100,
          }),
        },
      }),
    [key],
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    navigate(`/control/registry${qs(form)}`);
  };
  const err = list.error as ApiError | null;
  return (
    <section data-testid="registry-page">
      <h1>{t("title")}</h1>
      <p>
        <Link to="/control/orders">{t("orders")}</Link>
      </p>
      <form className="filters card" onSubmit={submit} data-testid="registry-search">
        <label>
          {t("search")}
          <input name="q" value={form.q} onChange={(e) => setForm({ ...form, q: e.target.value })} size={40} />
        </label>
        <label>
          {t("kind")}
          <select name="kind" value={form.kind} onChange={(e) => setForm({ ...form, kind: e.target.value })}>
            <option value="">{t("any")}</option>
            {DOCUMENT_KINDS.map((k) => (
              <option key={k} value={k}>
                {DOCUMENT_KIND_LABELS[k][lang === "ru" ? "ru" : "en"]}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("year")}
          <input name="year" value={form.year} onChange={(e) => setForm({ ...form, year: e.target.value })} size={5} />
        </label>
        <button type="submit">{t("find")}</button>
      </form>
      {err ? (
        <div className="banner error" role="alert">
          {err.message}
        </div>
      ) : null}
      {opened ? <DocumentFiles id={opened} onClose={() => setOpened(null)} /> : null}
      {list.data ? (
        <>
          <p className="muted" data-testid="registry-total">
            {t("found")}: {list.data.totalCapped ? `${t("moreThan")} ` : ""}
            {formatNumber(list.data.total)}
          </p>
          {list.data.items.length === 0 ? <p className="muted">{t("empty")}</p> : null}
          <table className="data" data-testid="registry-results" style={{ width: "100%" }}>
            <thead>
              <tr>
                <th>{t("number")}</th>
                <th>{t("date")}</th>
                <th>{t("kind")}</th>
                <th>{t("correspondent")}</th>
                <th>{t("summary")}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((d) => (
                <tr key={d.id}>
                  <td className="nowrap">
                    <button type="button" className="link" title={t("open")} onClick={() => setOpened(opened === d.id ? null : d.id)}>
                      {d.regNumber}
                    </button>
                  </td>
                  <td className="nowrap">{fmtDate(d.regDate)}</td>
                  <td>{DOCUMENT_KIND_LABELS[d.kind][lang === "ru" ? "ru" : "en"]}</td>
                  <td>{d.correspondent ?? "—"}</td>
                  <td>
                    {d.summary}
                    {d.matched ? <span className="muted"> · {t(`match_${d.matched}`)}</span> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </section>
  );
}
