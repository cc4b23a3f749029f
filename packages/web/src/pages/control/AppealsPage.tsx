/**
 * /control/appeals: citizens' appeals (issue 15, part 3) — all, the open ones by their term, the
 * overdue ones, mine (assigned to me or my department); the office registers a new one here.
 * The list carries no personal data; the author is shown on the appeal's page to those allowed.
 */
import { useState, type FormEvent } from "react";
import { APPEAL_CHANNEL_LABELS, APPEAL_CHANNELS, APPEAL_CLASSIFIER } from "@orientir/domain";
import { api, type ApiError } from "../../lib/api.ts";
import { save } from "../../lib/query.ts";
import { messages, useLang, useT } from "../../lib/i18n.tsx";
import { Link, navigate, useLocation } from "../../lib/router.tsx";
import { useLoad } from "../../lib/useLoad.ts";
import { useMore } from "../../lib/useMore.ts";
import { formatNumber } from "../../lib/format.ts";
import { APPEAL_STATE_NAMES, fmtDate } from "./appealLabels.ts";
import "../strategy/pages.css";
import { DateField } from "../../components/DateField.tsx";
import { MoreFooter } from "../../components/MoreFooter.tsx";

const M = messages({
  title: ["Обращения граждан", "Citizens' appeals"],
  orders: ["Поручения на контроле", "Orders on control"],
  templates: ["Шаблоны ответов", "Answer templates"],
  f_all: ["Все", "All"],
  f_due: ["На рассмотрении", "Due"],
  f_overdue: ["Просроченные", "Overdue"],
  mine: ["только мои", "mine only"],
  number: ["Номер", "Number"],
  channel: ["Канал", "Channel"],
  topic: ["Тема", "Topic"],
  district: ["Территория", "District"],
  due: ["Срок ответа", "Due"],
  state: ["Состояние", "State"],
  extended: ["продлен", "extended"],
  overdue: ["просрочено", "overdue"],
  empty: ["Обращений нет", "No appeals"],
  register: ["Зарегистрировать обращение", "Register an appeal"],
  receivedOn: ["Дата поступления", "Received on"],
  authorName: ["Автор (ФИО)", "Author (name)"],
  authorAddress: ["Почтовый адрес", "Postal address"],
  authorEmail: ["Электронная почта", "E-mail"],
  collective: ["коллективное", "collective"],
  signatories: ["Подписавших", "Signatories"],
  text: ["Содержание", "Text"],
  registered: ["Зарегистрировано", "Registered"],
  code: ["код для отслеживания", "tracking code"],
  more: ["Показать ещё", "Show more"],
  shown: ["Показано", "Shown"],
  of: ["из", "of"],
  moreThan: ["более", "more than"],
});

const today = () => new Date().toISOString().slice(0, 10);
const blank = () => ({
  channel: "letter" as (typeof APPEAL_CHANNELS)[number],
  receivedOn: today(),
  authorName: "",
  authorAddress: "",
  authorEmail: "",
  collective: false,
  signatories: "2",
  text: "",
  topicCode: APPEAL_CLASSIFIER[0]?.items[0]?.code ?? "",
  district: "",
});

export function AppealsPage() {
  const t = useT(M);
  const { lang } = useLang();
  const L = lang === "ru" ? "ru" : "en";
  const { query: params } = useLocation();
  const filterParam = params.get("filter");
  const filter = filterParam === "due" || filterParam === "overdue" ? filterParam : "all";
  const mine = params.get("mine") === "1";
  const list = useLoad(
    () => api.GET("/api/appeals", { params: { query: { filter, ...(mine ? { mine: "1" as const } : {}) } } }),
    [filter, mine],
  );
  // the list comes a page at a time (50 by term, then number): «Показать ещё» adds the next one
  const paged = useMore(list.data, (after) =>
    api.GET("/api/appeals", { params: { query: { filter, ...(mine ? { mine: "1" as const } : {}), after } } }),
  );
  const go = (f: string, m: boolean) => navigate(`/control/appeals?filter=${f}&mine=${m ? "1" : "0"}`);
  const [showForm, setShowForm] = useState(false);
  const [form, setForm] = useState(blank);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<{ id: string; number: string; trackingCode: string } | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      // a mutation: the list is fetched again after it
      const r = await save(() =>
        api.POST("/api/appeals", {
          body: {
            channel: form.channel,
            receivedOn: form.receivedOn,
            collective: form.collective,
            signatories: form.collective ? Number(form.signatories) : 1,
            authorName: form.authorName || null,
            authorAddress: form.authorAddress || null,
            authorEmail: form.authorEmail || null,
            text: form.text,
            topicCode: form.topicCode,
            district: form.district || null,
          },
        }),
      );
      setDone({ id: r.id, number: r.number, trackingCode: r.trackingCode });
      setForm(blank());
      setShowForm(false);
    } catch (err) {
      setError((err as ApiError).message);
    }
  };
  const err = list.error as ApiError | null;
  const todayIso = today();
  return (
    <section data-testid="appeals-page">
      <h1>{t("title")}</h1>
      <p>
        <Link to="/control/orders">{t("orders")}</Link> · <Link to="/control/templates">{t("templates")}</Link>
      </p>
      <div className="filters card">
        {(["all", "due", "overdue"] as const).map((f) => (
          <button
            key={f}
            type="button"
            className={filter === f ? "" : "secondary"}
            onClick={() => go(f, mine)}
            data-testid={`appeals-filter-${f}`}
          >
            {t(`f_${f}`)}
          </button>
        ))}
        <label>
          <input type="checkbox" checked={mine} onChange={(e) => go(filter, e.target.checked)} data-testid="appeals-mine" /> {t("mine")}
        </label>
        <button type="button" onClick={() => setShowForm(!showForm)} data-testid="appeal-register-open">
          {t("register")}
        </button>
      </div>
      {done ? (
        <div className="banner" role="status" data-testid="appeal-registered">
          {t("registered")}: <Link to={`/control/appeals/${done.id}`}>{done.number}</Link> · {t("code")}:{" "}
          <strong>{done.trackingCode}</strong>
        </div>
      ) : null}
      {showForm ? (
        <form className="card filters" onSubmit={(e) => void submit(e)} data-testid="appeal-register-form">
          <label>
            {t("channel")}
            <select value={form.channel} onChange={(e) => setForm({ ...form, channel: e.target.value as typeof form.channel })}>
              {APPEAL_CHANNELS.map((c) => (
                <option key={c} value={c}>
                  {APPEAL_CHANNEL_LABELS[c][L]}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t("receivedOn")}
            <DateField
              name="receivedOn"
              aria-label={t("receivedOn")}
              value={form.receivedOn}
              onChange={(receivedOn) => setForm({ ...form, receivedOn })}
            />
          </label>
          <label>
            {t("authorName")}
            <input value={form.authorName} onChange={(e) => setForm({ ...form, authorName: e.target.value })} />
          </label>
          <label>
            {t("authorAddress")}
            <input value={form.authorAddress} onChange={(e) => setForm({ ...form, authorAddress: e.target.value })} size={40} />
          </label>
          <label>
            {t("authorEmail")}
            <input type="email" value={form.authorEmail} onChange={(e) => setForm({ ...form, authorEmail: e.target.value })} />
          </label>
          <label>
            <input type="checkbox" checked={form.collective} onChange={(e) => setForm({ ...form, collective: e.target.checked })} />{" "}
            {t("collective")}
          </label>
          {form.collective ? (
            <label>
              {t("signatories")}
              <input type="number" min={2} value={form.signatories} onChange={(e) => setForm({ ...form, signatories: e.target.value })} />
            </label>
          ) : null}
          <label>
            {t("topic")}
            <select value={form.topicCode} onChange={(e) => setForm({ ...form, topicCode: e.target.value })}>
              {APPEAL_CLASSIFIER.map((s) => (
                <optgroup key={s.code} label={s.title}>
                  {s.items.map((i) => (
                    <option key={i.code} value={i.code}>
                      {i.title}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
          </label>
          <label>
            {t("district")}
            <input value={form.district} onChange={(e) => setForm({ ...form, district: e.target.value })} />
          </label>
          <label>
            {t("text")}
            <textarea value={form.text} onChange={(e) => setForm({ ...form, text: e.target.value })} cols={60} />
          </label>
          <button type="submit">{t("register")}</button>
        </form>
      ) : null}
      {error ? (
        <div className="banner error" role="alert">
          {error}
        </div>
      ) : null}
      {err ? (
        <div className="banner error" role="alert">
          {err.message}
        </div>
      ) : null}
      {list.data && list.data.items.length === 0 ? <p className="muted">{t("empty")}</p> : null}
      {list.data && list.data.items.length > 0 && list.data.total !== null ? (
        <p className="muted" data-testid="appeals-count">
          {t("shown")} {formatNumber(paged.items.length)} {t("of")} {list.data.totalCapped ? `${t("moreThan")} ` : ""}
          {formatNumber(list.data.total)}
        </p>
      ) : null}
      {list.data && list.data.items.length > 0 ? (
        <table className="data" data-testid="appeals-list" style={{ width: "100%" }}>
          <thead>
            <tr>
              <th>{t("number")}</th>
              <th>{t("channel")}</th>
              <th>{t("topic")}</th>
              <th>{t("district")}</th>
              <th>{t("due")}</th>
              <th>{t("state")}</th>
            </tr>
          </thead>
          <tbody>
            {paged.items.map((a) => {
              const late = (a.state === "registered" || a.state === "inWork") && a.due < todayIso;
              return (
                <tr key={a.id} className={late ? "overdue" : ""}>
                  <td className="nowrap">
                    <Link to={`/control/appeals/${a.id}`}>{a.number}</Link>
                  </td>
                  <td>{APPEAL_CHANNEL_LABELS[a.channel][L]}</td>
                  <td>{a.topicTitle ?? a.topicCode}</td>
                  <td>{a.district ?? "—"}</td>
                  <td className="nowrap">
                    {fmtDate(a.due)}
                    {a.extended ? ` (${t("extended")})` : ""}
                    {late ? <strong> · {t("overdue")}</strong> : null}
                  </td>
                  <td>{APPEAL_STATE_NAMES[a.state][L]}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
      <MoreFooter paged={paged} label={t("more")} testId="appeals-more" />
    </section>
  );
}
