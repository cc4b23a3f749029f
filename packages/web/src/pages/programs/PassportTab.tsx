/** Паспорт: the program's own fields, co-executors, goals with target values, stages. */
import { textOf } from "../../api/resources.ts";
import { useState } from "react";
import { resource as resourceSpec } from "@orientir/domain";
import { Grid, type CellKind, type GridColumn, type Option } from "../../components/Grid.tsx";
import { messages, useLang, useT } from "../../lib/i18n.tsx";
import { deleteRowColumn, fieldColumn, label, sorted, type Row } from "./common.tsx";
import type { TabProps } from "./tabs.ts";
import { api } from "../../lib/api.ts";
import { useLoad } from "../../lib/useLoad.ts";

const M = messages({
  passport: ["Паспорт программы", "Program passport"],
  field: ["Параметр", "Field"],
  value: ["Значение", "Value"],
  coExecutors: ["Соисполнители", "Co-executors"],
  goals: ["Цели программы", "Program goals"],
  stages: ["Этапы реализации", "Stages"],
  directions: ["Направления и их соисполнители", "Directions and their co-executors"],
  actions: ["Действия", "Actions"],
  addCoExecutor: ["Добавить соисполнителя", "Add a co-executor"],
  addGoal: ["Добавить цель", "Add a goal"],
  addStage: ["Добавить этап", "Add a stage"],
  warnings: ["Предупреждения по контрольным точкам", "Checkpoint warnings"],
  noWarnings: ["Замечаний к распределению контрольных точек нет", "No remarks on the checkpoints"],
});

interface FieldRow extends Row {
  field: string;
}

export function PassportTab({ program, departments, can }: TabProps) {
  const t = useT(M);
  const { lang } = useLang();
  const [error, setError] = useState<string | null>(null);
  const depOptions: Option[] = departments.map((d) => ({ value: d.id, label: d.name ?? "" }));
  const spec = resourceSpec("program");
  const mayUpdate = can("update", "program");
  // the strategy goal the program serves (issue 11, part 5)
  const strategyGoals = useLoad(() => api.GET("/api/goals"), []);
  const goalOptions: Option[] = (strategyGoals.data?.items ?? []).map((g) => ({
    value: g.id,
    label: [g.code, g.name].filter(Boolean).join(". "),
  }));
  const passportFields = ["code", "name", "responsibleDepartmentId", "startYear", "endYear", "otherSources", "strategyGoalId"];
  const fieldRows: FieldRow[] = passportFields.map((field) => ({ id: field, version: program.version, field }));
  const kindOfField = (field: string): CellKind => {
    const f = spec.fields.find((x) => x.name === field)!;
    return f.type.kind === "ref" ? "select" : f.type.kind === "year" ? "int" : "text";
  };
  const passportColumns: GridColumn<FieldRow>[] = [
    {
      key: "label",
      header: t("field"),
      width: 260,
      value: (r) =>
        label(
          spec.fields.find((x) => x.name === r.field)!,
          lang,
        ),
    },
    {
      key: "value",
      header: t("value"),
      width: 520,
      kind: (r) => kindOfField(r.field),
      options: (r) => (r?.field === "responsibleDepartmentId" ? depOptions : r?.field === "strategyGoalId" ? goalOptions : []),
      value: (r) => (program[r.field] === null || program[r.field] === undefined ? null : String(program[r.field])),
      editable: () => mayUpdate,
      target: (r) => ({ resource: "program", id: program.id, version: program.version, field: r.field, record: program }),
    },
  ];

  const del = (res: string, name: (r: Row) => string, mayDelete: boolean): GridColumn<Row> =>
    deleteRowColumn<Row>(res, { header: t("actions"), mayDelete: () => mayDelete, name, onError: setError });

  const coExecutors = sorted(program.programCoExecutors);
  const mayCo = (a: "create" | "update" | "delete") => can(a, "programCoExecutor");
  const goals = sorted(program.programGoals);
  const mayGoal = (a: "create" | "update" | "delete") => can(a, "programGoal");
  const stages = sorted(program.programStages);
  const mayStage = (a: "create" | "update" | "delete") => can(a, "programStage");
  const fl = (res: string, f: string) =>
    label(
      resourceSpec(res).fields.find((x) => x.name === f)!,
      lang,
    );
  const directions = sorted(program.directions);

  return (
    <div className="section-grid">
      {error ? (
        <p className="banner error" role="alert">
          {error}
        </p>
      ) : null}
      <h3>{t("passport")}</h3>
      <Grid label={t("passport")} testId="grid-passport" rows={fieldRows} rowKey={(r) => r.field} columns={passportColumns} />

      <h3>{t("coExecutors")}</h3>
      <Grid
        label={t("coExecutors")}
        testId="grid-coexecutors"
        rows={coExecutors}
        rowKey={(r) => r.id}
        columns={[
          fieldColumn<Row>("programCoExecutor", "departmentId", fl("programCoExecutor", "departmentId"), {
            options: depOptions,
            width: 420,
            canEdit: () => mayCo("update"),
          }),
          del("programCoExecutor", (r) => departments.find((d) => d.id === r.departmentId)?.name ?? "", mayCo("delete")),
        ]}
        newRow={mayCo("create") ? { resource: "programCoExecutor", data: { programId: program.id }, label: t("addCoExecutor") } : undefined}
      />

      <h3>{t("goals")}</h3>
      <Grid
        label={t("goals")}
        testId="grid-goals"
        rows={goals}
        rowKey={(r) => r.id}
        columns={[
          ...["code", "name", "targetValue", "unit", "targetYear"].map((f) =>
            fieldColumn<Row>("programGoal", f, fl("programGoal", f), {
              canEdit: () => mayGoal("update"),
              width: f === "name" ? 420 : undefined,
            }),
          ),
          del("programGoal", (r) => textOf(r.name) ?? "", mayGoal("delete")),
        ]}
        newRow={mayGoal("create") ? { resource: "programGoal", data: { programId: program.id }, label: t("addGoal") } : undefined}
      />

      <h3>{t("stages")}</h3>
      <Grid
        label={t("stages")}
        testId="grid-stages"
        rows={stages}
        rowKey={(r) => r.id}
        columns={[
          ...["name", "startYear", "endYear"].map((f) =>
            fieldColumn<Row>("programStage", f, fl("programStage", f), {
              canEdit: () => mayStage("update"),
              width: f === "name" ? 420 : undefined,
            }),
          ),
          del("programStage", (r) => textOf(r.name) ?? "", mayStage("delete")),
        ]}
        newRow={mayStage("create") ? { resource: "programStage", data: { programId: program.id }, label: t("addStage") } : undefined}
      />

      <h3>{t("directions")}</h3>
      <Grid
        label={t("directions")}
        testId="grid-directions"
        rows={directions}
        rowKey={(r) => r.id}
        columns={[
          fieldColumn<Row>("direction", "code", fl("direction", "code"), { canEdit: () => can("update", "direction"), newRow: false }),
          fieldColumn<Row>("direction", "name", fl("direction", "name"), {
            canEdit: () => can("update", "direction"),
            newRow: false,
            width: 420,
          }),
          fieldColumn<Row>("direction", "coExecutorDepartmentId", fl("direction", "coExecutorDepartmentId"), {
            options: depOptions,
            canEdit: () => can("update", "direction"),
            newRow: false,
            width: 300,
          }),
        ]}
      />

      <h3>{t("warnings")}</h3>
      {program.warnings.length ? (
        <ul className="warnings">
          {program.warnings.map((w, i) => (
            <li key={i} className="warning">
              {lang === "ru" ? w.message : w.messageEn}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t("noWarnings")}</p>
      )}
    </div>
  );
}
