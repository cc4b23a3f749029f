/**
 * /control/discipline: execution discipline (issue 15, part 4) — orders and appeals by department
 * and by person (on time, late, overdue, extended, returned), by month as charts, the appeals'
 * topics and territories, with a map of the districts whose coordinates are known; a table beside
 * each chart.
 */
import { Chart } from "../../components/Chart.tsx";
import { api, type ApiError } from "../../lib/api.ts";
import { messages, useT } from "../../lib/i18n.tsx";
import { Link, navigate, useLocation } from "../../lib/router.tsx";
import { useLoad } from "../../lib/useLoad.ts";
import { AppealsMap } from "./AppealsMap.tsx";
import "../strategy/pages.css";

const M = messages({
  title: ["Исполнительская дисциплина", "Execution discipline"],
  year: ["Год", "Year"],
  noData: ["За {year} год нет поручений и обращений со сроком исполнения", "No orders or appeals are due in {year}"],
  orders: ["Поручения по подразделениям", "Orders by department"],
  appeals: ["Обращения по подразделениям", "Appeals by department"],
  ordersMonth: ["Поручения по месяцам срока", "Orders by month of the term"],
  appealsMonth: ["Обращения по месяцам срока", "Appeals by month of the term"],
  ordersPerson: ["Поручения по исполнителям", "Orders by executor"],
  appealsPerson: ["Обращения по исполнителям", "Appeals by executor"],
  person: ["Исполнитель", "Executor"],
  topics: ["Темы обращений", "Topics of appeals"],
  districts: ["Территории обращений", "Territories of appeals"],
  department: ["Подразделение", "Department"],
  month: ["Месяц", "Month"],
  total: ["Всего", "Total"],
  onTime: ["В срок", "On time"],
  late: ["С нарушением срока", "Late"],
  overdue: ["Просрочено", "Overdue"],
  extended: ["Продлено", "Extended"],
  returned: ["Возвращено", "Returned"],
  topic: ["Тема", "Topic"],
  district: ["Территория", "District"],
  count: ["Количество", "Count"],
  none: ["не указана", "not given"],
  appealsLink: ["Обращения граждан", "Citizens' appeals"],
  ordersLink: ["Поручения", "Orders"],
});

type Counts = { total: number; onTime: number; late: number; overdue: number; extended: number; returned: number };
const KEYS = ["total", "onTime", "late", "overdue", "extended", "returned"] as const;
const fmt = new Intl.NumberFormat("ru-RU");

function CountsTable({
  rows,
  label,
  head,
  testId,
}: {
  rows: (Counts & { label: string })[];
  label: string;
  head: (k: (typeof KEYS)[number]) => string;
  testId: string;
}) {
  return (
    <table className="data" data-testid={testId}>
      <thead>
        <tr>
          <th>{label}</th>
          {KEYS.map((k) => (
            <th key={k}>{head(k)}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.label}>
            <td>{r.label}</td>
            {KEYS.map((k) => (
              <td key={k} className="num">
                {fmt.format(r[k])}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function DisciplinePage() {
  const t = useT(M);
  const { query } = useLocation();
  const year = Number(query.get("year")) || new Date().getFullYear();
  const d = useLoad(() => api.GET("/api/control/discipline", { params: { query: { year } } }), [year]);
  const err = d.error as ApiError | null;
  const x = d.data;
  const bars = (rows: Counts[]) =>
    (["onTime", "late", "overdue", "extended"] as const).map((k) => ({ name: t(k), kind: "bar" as const, values: rows.map((r) => r[k]) }));
  return (
    <section data-testid="discipline-page">
      <h1>{t("title")}</h1>
      <p>
        <Link to="/control/orders">{t("ordersLink")}</Link> · <Link to="/control/appeals">{t("appealsLink")}</Link>
      </p>
      <div className="filters card">
        <label>
          {t("year")}{" "}
          <input
            type="number"
            value={year}
            min={1901}
            max={2200}
            onChange={(e) => navigate(`/control/discipline?year=${e.target.value}`)}
          />
        </label>
      </div>
      {err ? (
        <div className="banner error" role="alert">
          {err.message}
        </div>
      ) : null}
      {x && !x.orders.length && !x.appeals.length && !x.ordersByMonth.length && !x.appealsByMonth.length ? (
        <p className="muted" data-testid="discipline-empty">
          {t("noData", { year })}
        </p>
      ) : x ? (
        <>
          <h2>{t("orders")}</h2>
          <Chart title={t("orders")} categories={x.orders.map((r) => r.department)} series={bars(x.orders)} />
          <CountsTable
            rows={x.orders.map((r) => ({ ...r, label: r.department }))}
            label={t("department")}
            head={(k) => t(k)}
            testId="discipline-orders"
          />
          <h2>{t("appeals")}</h2>
          <Chart title={t("appeals")} categories={x.appeals.map((r) => r.department)} series={bars(x.appeals)} />
          <CountsTable
            rows={x.appeals.map((r) => ({ ...r, label: r.department }))}
            label={t("department")}
            head={(k) => t(k)}
            testId="discipline-appeals"
          />
          <h2>{t("ordersPerson")}</h2>
          <Chart title={t("ordersPerson")} categories={x.ordersByPerson.map((r) => r.person)} series={bars(x.ordersByPerson)} />
          <CountsTable
            rows={x.ordersByPerson.map((r) => ({ ...r, label: r.person }))}
            label={t("person")}
            head={(k) => t(k)}
            testId="discipline-orders-person"
          />
          <h2>{t("appealsPerson")}</h2>
          <Chart title={t("appealsPerson")} categories={x.appealsByPerson.map((r) => r.person)} series={bars(x.appealsByPerson)} />
          <CountsTable
            rows={x.appealsByPerson.map((r) => ({ ...r, label: r.person }))}
            label={t("person")}
            head={(k) => t(k)}
            testId="discipline-appeals-person"
          />
          <h2>{t("ordersMonth")}</h2>
          <Chart title={t("ordersMonth")} categories={x.ordersByMonth.map((r) => r.month)} series={bars(x.ordersByMonth)} />
          <CountsTable
            rows={x.ordersByMonth.map((r) => ({ ...r, label: r.month }))}
            label={t("month")}
            head={(k) => t(k)}
            testId="discipline-orders-month"
          />
          <h2>{t("appealsMonth")}</h2>
          <Chart title={t("appealsMonth")} categories={x.appealsByMonth.map((r) => r.month)} series={bars(x.appealsByMonth)} />
          <CountsTable
            rows={x.appealsByMonth.map((r) => ({ ...r, label: r.month }))}
            label={t("month")}
            head={(k) => t(k)}
            testId="discipline-appeals-month"
          />
          <h2>{t("topics")}</h2>
          <Chart
            title={t("topics")}
            categories={x.topics.map((r) => r.title)}
            series={[{ name: t("count"), kind: "bar", values: x.topics.map((r) => r.count) }]}
          />
          <table className="data" data-testid="discipline-topics">
            <tbody>
              {x.topics.map((r) => (
                <tr key={r.code}>
                  <td>{r.title}</td>
                  <td className="num">{fmt.format(r.count)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h2>{t("districts")}</h2>
          <Chart
            title={t("districts")}
            categories={x.districts.map((r) => r.district ?? t("none"))}
            series={[{ name: t("count"), kind: "bar", values: x.districts.map((r) => r.count) }]}
          />
          <AppealsMap districts={x.districts} />
          <table className="data" data-testid="discipline-districts">
            <tbody>
              {x.districts.map((r) => (
                <tr key={r.district ?? ""}>
                  <td>{r.district ?? t("none")}</td>
                  <td className="num">{fmt.format(r.count)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </section>
  );
}
