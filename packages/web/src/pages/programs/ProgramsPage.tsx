/** /programs: the municipality's programs; economy (and the administrator) add new ones. */
import { useState } from "react";
import { api } from "../../lib/api.ts";
import { messages, useLang, useT } from "../../lib/i18n.tsx";
import { Link, navigate } from "../../lib/router.tsx";
import { useSession } from "../../lib/session.tsx";
import { useLoad } from "../../lib/useLoad.ts";
import { SpecForm, STATUS_LABELS } from "./common.tsx";
import "./programs.css";
import { Loading } from "../../components/Loading.tsx";

const M = messages({
  title: ["Муниципальные программы", "Municipal programs"],
  code: ["Код", "Code"],
  name: ["Наименование", "Name"],
  executor: ["Ответственный исполнитель", "Responsible executor"],
  period: ["Срок реализации", "Period"],
  status: ["Статус", "Status"],
  none: ["Программ пока нет", "No programs yet"],
  add: ["Новая программа", "New program"],
  create: ["Создать программу", "Create the program"],
  loading: ["Загрузка…", "Loading…"],
});

export function ProgramsPage() {
  const t = useT(M);
  const { lang } = useLang();
  const { me, can } = useSession();
  const [adding, setAdding] = useState(false);
  const programs = useLoad(() => api.GET("/api/programs"), []);
  const departments = useLoad(() => api.GET("/api/departments"), []);
  // the strategy goal the new program serves (issue 11, part 5)
  const goals = useLoad(() => api.GET("/api/goals"), []);
  const depName = (id: string | null) => departments.data?.items.find((d) => d.id === id)?.name ?? "";
  const mayCreate =
    me?.municipalityId != null &&
    can("create", {
      area: "program",
      municipalityId: me.municipalityId,
      resource: "program",
      responsibleDepartmentId: null,
      directionCoExecutorId: null,
    });
  const items = [...(programs.data?.items ?? [])].sort((a, b) => String(a.code).localeCompare(String(b.code), "ru", { numeric: true }));
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
            responsibleDepartmentId: (departments.data?.items ?? []).map((d) => ({ value: d.id, label: d.name ?? "" })),
            strategyGoalId: (goals.data?.items ?? []).map((g) => ({ value: g.id, label: [g.code, g.name].filter(Boolean).join(". ") })),
          }}
          submitLabel={t("create")}
          onCancel={() => setAdding(false)}
          onCreated={(row) => navigate(`/programs/${row.id}`)}
        />
      ) : null}
      {programs.loading && !programs.data ? <Loading /> : null}
      {programs.error ? <p className="error">{programs.error.message}</p> : null}
      {programs.data && items.length === 0 ? <p className="muted">{t("none")}</p> : null}
      {items.length ? (
        <table className="data programs" aria-label={t("title")}>
          <thead>
            <tr>
              <th>{t("code")}</th>
              <th>{t("name")}</th>
              <th>{t("executor")}</th>
              <th>{t("period")}</th>
              <th>{t("status")}</th>
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
                <td>{depName(p.responsibleDepartmentId)}</td>
                <td className="num">
                  {p.startYear}–{p.endYear}
                </td>
                <td>{p.status ? (STATUS_LABELS[p.status]?.[lang === "ru" ? 0 : 1] ?? p.status) : ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
