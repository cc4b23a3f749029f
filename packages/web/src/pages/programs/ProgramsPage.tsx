/**
 * /programs: the municipality's programs with filters (status, responsible executor, rating,
 * «мои программы») and sorting; economy (and the administrator) add new ones.
 */
import { useState } from "react";
import { api } from "../../lib/api.ts";
import { messages, useLang, useT } from "../../lib/i18n.tsx";
import { Link, navigate } from "../../lib/router.tsx";
import { useSession } from "../../lib/session.tsx";
import { useLoad } from "../../lib/useLoad.ts";
import { SpecForm, STATUS_LABELS } from "./common.tsx";
import "./programs.css";
import { Loading } from "../../components/Loading.tsx";
import { formatNumber } from "../../lib/format.ts";

const M = messages({
  title: ["Муниципальные программы", "Municipal programs"],
  code: ["Код", "Code"],
  name: ["Наименование", "Name"],
  executor: ["Ответственный исполнитель", "Responsible executor"],
  period: ["Срок реализации", "Period"],
  status: ["Статус", "Status"],
  rating: ["Оценка эффективности", "Effectiveness"],
  none: ["Программ пока нет", "No programs yet"],
  noneMatch: ["Нет программ, отвечающих условиям", "No program matches the filters"],
  add: ["Новая программа", "New program"],
  create: ["Создать программу", "Create the program"],
  loading: ["Загрузка…", "Loading…"],
  filters: ["Отбор программ", "Filter the programs"],
  any: ["все", "all"],
  mine: ["Мои программы", "My programs"],
  sort: ["Сортировка", "Sort by"],
  sort_code: ["по коду", "by code"],
  sort_name: ["по наименованию", "by name"],
  sort_score: ["по оценке (лучшие сверху)", "by score (best first)"],
  sort_executor: ["по исполнителю", "by executor"],
  r_high: ["высокий", "high"],
  r_satisfactory: ["удовлетворительный", "satisfactory"],
  r_unsatisfactory: ["неудовлетворительный", "unsatisfactory"],
  r_none: ["нет оценки", "not evaluated"],
  shown: ["Показано {n} из {total}", "{n} of {total} shown"],
  preliminary: ["предв.", "prelim."],
});

const SORTS = ["code", "name", "score", "executor"] as const;
type Sort = (typeof SORTS)[number];
const RATINGS = ["high", "satisfactory", "unsatisfactory", "none"] as const;

export function ProgramsPage() {
  const t = useT(M);
  const { lang } = useLang();
  const { me, can } = useSession();
  const [adding, setAdding] = useState(false);
  const initial = new URLSearchParams(window.location.search);
  const [status, setStatus] = useState("");
  const [department, setDepartment] = useState("");
  const [rating, setRating] = useState("");
  const [mineOnly, setMineOnly] = useState(initial.get("mine") === "1");
  const [sort, setSort] = useState<Sort>("code");
  const home = useLoad(() => api.GET("/api/home"), [me?.municipalityId]);
  const departments = useLoad(() => api.GET("/api/departments"), []);
  // the strategy goal the new program serves (issue 11, part 5)
  const goals = useLoad(() => api.GET("/api/goals"), []);
  const depts = [...(departments.data?.items ?? [])].sort((a, b) => (a.name ?? "").localeCompare(b.name ?? "", "ru"));
  const mayCreate =
    me?.municipalityId != null &&
    can("create", {
      area: "program",
      municipalityId: me.municipalityId,
      resource: "program",
      responsibleDepartmentId: null,
      directionCoExecutorId: null,
    });
  const all = home.data?.programs ?? [];
  const hasMine = all.some((p) => p.mine);
  const collator = new Intl.Collator("ru", { numeric: true });
  const items = all
    .filter((p) => !status || p.status === status)
    .filter((p) => !department || p.departmentId === department)
    .filter((p) => !rating || (rating === "none" ? !p.evaluation : p.evaluation?.rating === rating))
    .filter((p) => !mineOnly || p.mine)
    .sort((a, b) => {
      if (sort === "name") return collator.compare(a.name, b.name);
      if (sort === "executor") return collator.compare(a.departmentName, b.departmentName) || collator.compare(a.code, b.code);
      if (sort === "score") return (b.evaluation?.score ?? -1) - (a.evaluation?.score ?? -1) || collator.compare(a.code, b.code);
      return collator.compare(a.code, b.code);
    });
  const statusLabel = (s: string) => STATUS_LABELS[s]?.[lang === "ru" ? 0 : 1] ?? s;
  return (
    <section>
      <h1>{t("title")}</h1>
      {mayCreate ? (
        <div className="toolbar">
          <button type="button" onClick={() => setAdding((a) => !a)} aria-expanded={adding}>
            {t("add")}
          </button>
        </div>
      ) : null}
      {adding ? (
        <SpecForm
          resource="program"
          testId="new-program"
          fields={["code", "name", "responsibleDepartmentId", "startYear", "endYear", "strategyGoalId"]}
          options={{
            responsibleDepartmentId: depts.map((d) => ({ value: d.id, label: d.name ?? "" })),
            strategyGoalId: (goals.data?.items ?? []).map((g) => ({ value: g.id, label: [g.code, g.name].filter(Boolean).join(". ") })),
          }}
          submitLabel={t("create")}
          onCancel={() => setAdding(false)}
          onCreated={(row) => navigate(`/programs/${row.id}`)}
        />
      ) : null}
      <form className="toolbar programs-filters" aria-label={t("filters")} onSubmit={(e) => e.preventDefault()}>
        <label>
          {t("status")}{" "}
          <select value={status} onChange={(e) => setStatus(e.target.value)} data-testid="filter-status">
            <option value="">{t("any")}</option>
            {Object.keys(STATUS_LABELS).map((s) => (
              <option key={s} value={s}>
                {statusLabel(s)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("executor")}{" "}
          <select value={department} onChange={(e) => setDepartment(e.target.value)} data-testid="filter-department">
            <option value="">{t("any")}</option>
            {depts.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("rating")}{" "}
          <select value={rating} onChange={(e) => setRating(e.target.value)} data-testid="filter-rating">
            <option value="">{t("any")}</option>
            {RATINGS.map((r) => (
              <option key={r} value={r}>
                {t(`r_${r}`)}
              </option>
            ))}
          </select>
        </label>
        {hasMine ? (
          <label>
            <input type="checkbox" checked={mineOnly} onChange={(e) => setMineOnly(e.target.checked)} data-testid="filter-mine" />{" "}
            {t("mine")}
          </label>
        ) : null}
        <label>
          {t("sort")}{" "}
          <select value={sort} onChange={(e) => setSort(e.target.value as Sort)} data-testid="sort-programs">
            {SORTS.map((s) => (
              <option key={s} value={s}>
                {t(`sort_${s}`)}
              </option>
            ))}
          </select>
        </label>
      </form>
      {home.loading && !home.data ? <Loading /> : null}
      {home.error ? <p className="error">{home.error.message}</p> : null}
      {home.data && all.length === 0 ? <p className="muted">{t("none")}</p> : null}
      {home.data && all.length > 0 && items.length === 0 ? <p className="muted">{t("noneMatch")}</p> : null}
      {items.length ? (
        <>
          <p className="muted" aria-live="polite">
            {t("shown", { n: items.length, total: all.length })}
          </p>
          <div className="table-scroll">
            <table className="data programs" aria-label={t("title")}>
              <thead>
                <tr>
                  <th>{t("code")}</th>
                  <th>{t("name")}</th>
                  <th>{t("executor")}</th>
                  <th>{t("period")}</th>
                  <th>{t("status")}</th>
                  <th>{t("rating")}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((p) => (
                  <tr key={p.id} data-testid={`program-${p.code}`}>
                    <td>
                      <Link to={`/programs/${p.id}`}>{p.code}</Link>
                    </td>
                    <td>
                      <Link to={`/programs/${p.id}`}>{p.name}</Link>
                    </td>
                    <td>{p.departmentName}</td>
                    <td className="num">
                      {p.startYear}–{p.endYear}
                    </td>
                    <td>{statusLabel(p.status)}</td>
                    <td>
                      {p.evaluation
                        ? `${formatNumber(p.evaluation.scoreDisplay)} · ${t(`r_${p.evaluation.rating}`)} (${p.evaluation.year}${p.evaluation.preliminary ? `, ${t("preliminary")}` : ""})`
                        : t("r_none")}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
    </section>
  );
}
