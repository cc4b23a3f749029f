/**
 * /search?q=…: the results of the global search of the top bar (issue 13) — programs, goals,
 * activities, indicators, metrics, documents and people of the municipality, typos allowed,
 * narrowed by kind.
 */
import { useState } from "react";
import { api } from "../../lib/api.ts";
import { messages, useT } from "../../lib/i18n.tsx";
import { Link, navigate, useLocation } from "../../lib/router.tsx";
import { useLoad } from "../../lib/useLoad.ts";

const M = messages({
  title: ["Поиск", "Search"],
  query: ["Что найти", "Search for"],
  find: ["Найти", "Search"],
  kind: ["Что искать", "Kind"],
  all: ["Все", "All"],
  kind_program: ["Программы", "Programs"],
  kind_goal: ["Цели", "Goals"],
  kind_activity: ["Мероприятия", "Activities"],
  kind_indicator: ["Индикаторы", "Indicators"],
  kind_metric: ["Показатели", "Metrics"],
  kind_document: ["Документы", "Documents"],
  kind_person: ["Люди", "People"],
  one_program: ["программа", "program"],
  one_goal: ["цель", "goal"],
  one_activity: ["мероприятие", "activity"],
  one_indicator: ["индикатор", "indicator"],
  one_metric: ["показатель", "metric"],
  one_document: ["документ", "document"],
  one_person: ["человек", "person"],
  short: ["Введите не меньше двух букв", "Type at least two letters"],
  none: ["Ничего не найдено", "Nothing found"],
  loading: ["Поиск…", "Searching…"],
  found: ["Найдено: {n}", "Found: {n}"],
});

const KINDS = ["program", "goal", "activity", "indicator", "metric", "document", "person"] as const;
type Kind = (typeof KINDS)[number];

/** The search's address with its query (and kind). */
function searchUrl(q: string, kind?: string): string {
  const p = new URLSearchParams({ q });
  if (kind) p.set("kind", kind);
  return `/search?${p.toString()}`;
}

export function SearchPage() {
  const t = useT(M);
  useLocation(); // re-render when the address changes
  const params = new URLSearchParams(window.location.search);
  const q = (params.get("q") ?? "").trim();
  const kindParam = params.get("kind") ?? "";
  const kind = (KINDS as readonly string[]).includes(kindParam) ? (kindParam as Kind) : undefined;
  const [text, setText] = useState(q);
  const results = useLoad(
    () => (q.length >= 2 ? api.GET("/api/search", { params: { query: { q, ...(kind ? { kind } : {}) } } }) : Promise.resolve(null)),
    [q, kind],
  );
  const items = results.data?.items ?? [];
  return (
    <section>
      <h1>{t("title")}</h1>
      <form
        role="search"
        className="toolbar"
        onSubmit={(e) => {
          e.preventDefault();
          navigate(searchUrl(text.trim(), kind));
        }}
      >
        <input
          type="search"
          value={text}
          onChange={(e) => setText(e.target.value)}
          aria-label={t("query")}
          data-testid="search-page-input"
        />
        <label>
          {t("kind")}{" "}
          <select value={kind ?? ""} onChange={(e) => navigate(searchUrl(q, e.target.value || undefined))}>
            <option value="">{t("all")}</option>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`kind_${k}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">{t("find")}</button>
      </form>
      {q.length < 2 ? <p className="muted">{t("short")}</p> : null}
      {results.error ? <p className="error">{results.error.message}</p> : null}
      {results.loading && q.length >= 2 ? (
        <p className="muted" aria-busy="true">
          {t("loading")}
        </p>
      ) : null}
      {!results.loading && results.data && items.length === 0 ? <p className="muted">{t("none")}</p> : null}
      {items.length ? (
        <>
          <p className="muted" aria-live="polite">
            {t("found", { n: items.length })}
          </p>
          <ol className="search-results" data-testid="search-results">
            {items.map((i) => (
              <li key={`${i.kind}-${i.id}`} data-testid={`hit-${i.kind}`}>
                <span className="badge">{t(`one_${i.kind}`)}</span>{" "}
                {i.link ? <Link to={i.link}>{i.code ? `${i.code} ${i.title}` : i.title}</Link> : <strong>{i.title}</strong>}
                <div className="muted">{i.context}</div>
              </li>
            ))}
          </ol>
        </>
      ) : null}
    </section>
  );
}
