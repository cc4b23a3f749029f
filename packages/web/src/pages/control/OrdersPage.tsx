/**
 * /control/orders: orders on control (issue 15, part 2) — mine or all, open or all, with where each
 * stands today; the office's annual report to download.
 */
import { ORDER_SOURCE_LABELS, ORDER_STATE_LABELS } from "@orientir/domain";
import { api, type ApiError } from "../../lib/api.ts";
import { messages, useLang, useT } from "../../lib/i18n.tsx";
import { Link, navigate, useLocation } from "../../lib/router.tsx";
import { useLoad } from "../../lib/useLoad.ts";
import { useMore } from "../../lib/useMore.ts";
import { formatNumber } from "../../lib/format.ts";
import "../strategy/pages.css";
import { MoreFooter } from "../../components/MoreFooter.tsx";

const M = messages({
  title: ["Поручения на контроле", "Orders on control"],
  mine: ["Мои", "Mine"],
  all: ["Все", "All"],
  openOnly: ["только на контроле", "on control only"],
  number: ["Номер", "Number"],
  source: ["Источник", "Source"],
  text: ["Поручение", "Order"],
  due: ["Срок", "Due"],
  state: ["Состояние", "State"],
  empty: ["Поручений нет", "No orders"],
  registry: ["Реестр документов", "Registry of documents"],
  appeals: ["Обращения граждан", "Citizens' appeals"],
  discipline: ["Исполнительская дисциплина", "Execution discipline"],
  report: ["Годовой отчет управления делами", "The office's annual report"],
  standing_overdue: ["просрочено", "overdue"],
  standing_dueToday: ["срок сегодня", "due today"],
  standing_soon: ["срок подходит", "due soon"],
  standing_notYet: ["срок не наступил", "not yet due"],
  more: ["Показать ещё", "Show more"],
  shown: ["Показано", "Shown"],
  of: ["из", "of"],
  moreThan: ["более", "more than"],
});

const fmtDate = (d: string) => d.split("-").reverse().join(".");

export function OrdersPage() {
  const t = useT(M);
  const { lang } = useLang();
  const L = lang === "ru" ? "ru" : "en";
  const { query: params } = useLocation();
  const mine = params.get("mine") === "1";
  const open = params.get("open") !== "0";
  const list = useLoad(
    () =>
      api.GET("/api/orders", { params: { query: { ...(mine ? { mine: "1" as const } : {}), ...(open ? { open: "1" as const } : {}) } } }),
    [mine, open],
  );
  // the list comes a page at a time (50 by term, then number): «Показать ещё» adds the next one
  const paged = useMore(list.data, (after) =>
    api.GET("/api/orders", {
      params: { query: { ...(mine ? { mine: "1" as const } : {}), ...(open ? { open: "1" as const } : {}), after } },
    }),
  );
  const go = (m: boolean, o: boolean) => navigate(`/control/orders?mine=${m ? "1" : "0"}&open=${o ? "1" : "0"}`);
  const err = list.error as ApiError | null;
  const lastYear = new Date().getFullYear() - 1;
  return (
    <section data-testid="orders-page">
      <h1>{t("title")}</h1>
      <p>
        <Link to="/control/registry">{t("registry")}</Link> · <Link to="/control/appeals">{t("appeals")}</Link> ·{" "}
        <Link to="/control/discipline">{t("discipline")}</Link> ·{" "}
        <a href={`/api/control/office-report/file?year=${lastYear}&format=docx`} data-testid="office-report-link">
          {t("report")} ({lastYear}, DOCX)
        </a>
      </p>
      <div className="filters card">
        <button type="button" className={mine ? "" : "secondary"} onClick={() => go(true, open)} data-testid="orders-mine">
          {t("mine")}
        </button>
        <button type="button" className={mine ? "secondary" : ""} onClick={() => go(false, open)}>
          {t("all")}
        </button>
        <label>
          <input type="checkbox" checked={open} onChange={(e) => go(mine, e.target.checked)} /> {t("openOnly")}
        </label>
      </div>
      {err ? (
        <div className="banner error" role="alert">
          {err.message}
        </div>
      ) : null}
      {list.data && list.data.items.length === 0 ? <p className="muted">{t("empty")}</p> : null}
      {list.data && list.data.items.length > 0 && list.data.total !== null ? (
        <p className="muted" data-testid="orders-count">
          {t("shown")} {formatNumber(paged.items.length)} {t("of")} {list.data.totalCapped ? `${t("moreThan")} ` : ""}
          {formatNumber(list.data.total)}
        </p>
      ) : null}
      {list.data && list.data.items.length > 0 ? (
        <table className="data" data-testid="orders-list" style={{ width: "100%" }}>
          <thead>
            <tr>
              <th>{t("number")}</th>
              <th>{t("source")}</th>
              <th>{t("text")}</th>
              <th>{t("due")}</th>
              <th>{t("state")}</th>
            </tr>
          </thead>
          <tbody>
            {paged.items.map((o) => (
              <tr key={o.id} className={o.standing === "overdue" ? "overdue" : ""}>
                <td className="nowrap">
                  <Link to={`/control/orders/${o.id}`}>{o.number}</Link>
                </td>
                <td>{ORDER_SOURCE_LABELS[o.source][L]}</td>
                <td>{o.text}</td>
                <td className="nowrap">
                  {fmtDate(o.due)}
                  {o.standing && o.standing !== "notYet" ? <strong> · {t(`standing_${o.standing}`)}</strong> : null}
                </td>
                <td>{ORDER_STATE_LABELS[o.state][L]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <MoreFooter paged={paged} label={t("more")} testId="orders-more" />
    </section>
  );
}
