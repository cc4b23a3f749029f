/**
 * The home page of a role (issue 13): tiles (programs in force, in approval, execution of this
 * year's funding, overdue, awaiting me), the programs in force with their last score and rating
 * and their funding as small charts — each with its table beside it — what awaits me, and
 * «мои программы» for an executor or co-executor.
 */
import { Chart } from "../components/Chart.tsx";
import { api, type Schema } from "../lib/api.ts";
import { messages, useLang, useT } from "../lib/i18n.tsx";
import { useMoneyUnit } from "../lib/money.ts";
import { Link } from "../lib/router.tsx";
import { useSession } from "../lib/session.tsx";
import { useLoad } from "../lib/useLoad.ts";
import { STATUS_LABELS } from "./programs/common.tsx";
import "./home.css";

const M = messages({
  welcome: ["Здравствуйте, {name}", "Welcome, {name}"],
  loading: ["Загрузка…", "Loading…"],
  inForce: ["Программ действует", "Programs in force"],
  inApproval: ["На согласовании", "In approval"],
  execution: ["Исполнение финансирования {year}", "Funding executed in {year}"],
  executionOf: ["{cash} из {plan} {unit}", "{cash} of {plan} {unit}"],
  overdue: ["Просрочено", "Overdue"],
  awaiting: ["Ждут меня", "Awaiting me"],
  noPlan: ["нет плана", "no plan"],
  mine: ["Мои программы", "My programs"],
  programs: ["Программы в действии: последняя оценка", "Programs in force: last evaluation"],
  funding: ["Финансирование {year}: план и кассовое исполнение, {unit}", "Funding {year}: plan and cash, {unit}"],
  ratings: ["Уровень эффективности", "Effectiveness"],
  program: ["Программа", "Program"],
  status: ["Статус", "Status"],
  score: ["Оценка", "Score"],
  rating: ["Уровень", "Rating"],
  plan: ["План", "Plan"],
  cash: ["Кассовое исполнение", "Cash"],
  preliminary: ["предварительная, {year}", "preliminary, {year}"],
  ofYear: ["за {year}", "for {year}"],
  noData: ["нет данных", "no data"],
  tasks: ["Что ждет меня", "What awaits me"],
  noTasks: ["Ничего не ждет — все сделано", "Nothing is waiting"],
  due: ["срок {date}", "due {date}"],
  kind_workflow: ["Согласование", "Approval"],
  kind_report: ["Отчет", "Report"],
  kind_deadline: ["Срок", "Deadline"],
  checkpoints: ["Контрольных точек просрочено: {n}", "Overdue checkpoints: {n}"],
  high: ["высокий", "high"],
  satisfactory: ["удовлетворительный", "satisfactory"],
  unsatisfactory: ["неудовлетворительный", "unsatisfactory"],
  none: ["нет оценки", "not evaluated"],
  all: ["Все программы", "All programs"],
  count: ["Число программ", "Programs"],
});

type Home = Schema<"HomeView">;
type Program = Schema<"HomeProgram">;

/** «1 250 000,50» (the format helper's lib/format.ts replaces this once merged). */
function num(value: string | number, lang: string, digits = 2): string {
  return new Intl.NumberFormat(lang === "ru" ? "ru-RU" : "en-GB", { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(
    Number(value),
  );
}
function date(iso: string, lang: string): string {
  const [y, m, d] = iso.split("-");
  return lang === "ru" ? `${d}.${m}.${y}` : `${d}/${m}/${y}`;
}

function Tile({
  label,
  value,
  note,
  tone,
  testId,
}: {
  label: string;
  value: string;
  note?: string;
  tone?: "bad" | "good";
  testId: string;
}) {
  return (
    <li className={`tile${tone ? ` tile-${tone}` : ""}`} data-testid={testId}>
      <span className="tile-label">{label}</span>
      <strong className="tile-value">{value}</strong>
      {note ? <span className="tile-note muted">{note}</span> : null}
    </li>
  );
}

export function HomePage() {
  const t = useT(M);
  const { lang } = useLang();
  const { me } = useSession();
  const unit = useMoneyUnit();
  const home = useLoad(() => api.GET("/api/home"), [me?.municipalityId]);
  const h: Home | null = home.data;
  const label = (p: Program) => `${p.code}`;
  const evaluation = (p: Program) =>
    p.evaluation
      ? `${p.evaluation.scoreDisplay.replace(".", lang === "ru" ? "," : ".")} (${p.evaluation.preliminary ? t("preliminary", { year: p.evaluation.year }) : t("ofYear", { year: p.evaluation.year })})`
      : t("noData");
  const inForce = h?.programs.filter((p) => p.inForce) ?? [];
  const mine = h?.programs.filter((p) => p.mine) ?? [];
  return (
    <section className="home">
      <h1>{t("welcome", { name: me?.user.fullName ?? "" })}</h1>
      {home.error ? <p className="error">{home.error.message}</p> : null}
      {!h ? (
        <p className="muted" aria-busy="true">
          {t("loading")}
        </p>
      ) : (
        <>
          <ul className="tiles" aria-label={t("programs")}>
            <Tile testId="tile-in-force" label={t("inForce")} value={String(h.tiles.inForce)} />
            <Tile testId="tile-in-approval" label={t("inApproval")} value={String(h.tiles.inApproval)} />
            <Tile
              testId="tile-execution"
              label={t("execution", { year: h.year })}
              value={h.tiles.executionPercent === null ? t("noPlan") : `${num(h.tiles.executionPercent, lang)} %`}
              note={t("executionOf", { cash: num(h.tiles.cash, lang), plan: num(h.tiles.fundingPlan, lang), unit })}
            />
            <Tile
              testId="tile-overdue"
              label={t("overdue")}
              value={String(h.tiles.overdue)}
              {...(h.tiles.overdue > 0 ? { tone: "bad" as const } : {})}
            />
            <Tile testId="tile-awaiting" label={t("awaiting")} value={String(h.tiles.awaitingMe)} />
          </ul>

          {mine.length ? (
            <section className="card" data-testid="my-programs">
              <h2>{t("mine")}</h2>
              <ul className="plain">
                {mine.map((p) => (
                  <li key={p.id}>
                    <Link to={`/programs/${p.id}`}>
                      {p.code} {p.name}
                    </Link>{" "}
                    <span className="muted">
                      {STATUS_LABELS[p.status]?.[lang === "ru" ? 0 : 1] ?? p.status} · {evaluation(p)}
                    </span>
                  </li>
                ))}
              </ul>
              <Link to="/programs?mine=1">{t("all")}</Link>
            </section>
          ) : null}

          <section className="card" data-testid="home-tasks">
            <h2>{t("tasks")}</h2>
            {h.tasks.length === 0 ? <p className="muted">{t("noTasks")}</p> : null}
            <ul className="plain tasks">
              {h.tasks.slice(0, 12).map((task, i) => (
                <li key={i} className={task.overdue ? "overdue" : ""}>
                  <span className="badge">{t(`kind_${task.kind}`)}</span> <Link to={task.link}>{task.title}</Link>
                  {task.dueDate ? <span className="muted"> · {t("due", { date: date(task.dueDate, lang) })}</span> : null}
                </li>
              ))}
            </ul>
            {h.overdueCheckpoints > 0 ? <p className="muted">{t("checkpoints", { n: h.overdueCheckpoints })}</p> : null}
          </section>

          {inForce.length ? (
            <div className="home-charts">
              <section className="card chart-with-table">
                <Chart
                  title={t("funding", { year: h.year, unit })}
                  categories={inForce.map(label)}
                  series={[
                    { name: t("plan"), kind: "bar", values: inForce.map((p) => p.fundingPlan) },
                    { name: t("cash"), kind: "bar", values: inForce.map((p) => p.cash) },
                  ]}
                  height={220}
                  testId="chart-home-funding"
                />
                <div className="table-scroll">
                  <table className="data" aria-label={t("funding", { year: h.year, unit })}>
                    <thead>
                      <tr>
                        <th>{t("program")}</th>
                        <th>{t("plan")}</th>
                        <th>{t("cash")}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {inForce.map((p) => (
                        <tr key={p.id}>
                          <td>
                            <Link to={`/programs/${p.id}`} title={p.name}>
                              {p.code}
                            </Link>
                          </td>
                          <td className="num">{num(p.fundingPlan, lang)}</td>
                          <td className="num">{p.cash === null ? "—" : num(p.cash, lang)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </section>
              <section className="card chart-with-table">
                <Chart
                  title={t("ratings")}
                  categories={[t("high"), t("satisfactory"), t("unsatisfactory"), t("none")]}
                  series={[
                    {
                      name: t("count"),
                      kind: "bar",
                      values: [h.ratings.high, h.ratings.satisfactory, h.ratings.unsatisfactory, h.ratings.none],
                    },
                  ]}
                  height={220}
                  testId="chart-home-ratings"
                />
                <div className="table-scroll">
                  <table className="data" aria-label={t("programs")} data-testid="home-programs">
                    <thead>
                      <tr>
                        <th>{t("program")}</th>
                        <th>{t("status")}</th>
                        <th>{t("score")}</th>
                        <th>{t("rating")}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {inForce.map((p) => (
                        <tr key={p.id}>
                          <td>
                            <Link to={`/programs/${p.id}/evaluation`}>
                              {p.code} {p.name}
                            </Link>
                          </td>
                          <td>{STATUS_LABELS[p.status]?.[lang === "ru" ? 0 : 1] ?? p.status}</td>
                          <td>{evaluation(p)}</td>
                          <td>{p.evaluation ? t(p.evaluation.rating) : "—"}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </section>
            </div>
          ) : null}
        </>
      )}
    </section>
  );
}
