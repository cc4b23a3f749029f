/** Показатели: the program's indicators × years, plan and fact. */
import type { Schema } from "../../lib/api.ts";
import { okeiCodeColumn, okeiUnitColumn, useOkeiUnits } from "../../components/OkeiUnits.tsx";
import { useState } from "react";
import { resource as resourceSpec } from "@orientir/domain";
import { Grid, type GridColumn } from "../../components/Grid.tsx";
import { yearValueColumn } from "../../components/yearValueColumn.ts";
import { messages, useLang, useT } from "../../lib/i18n.tsx";
import { deleteRowColumn, enumOptions, fieldColumn, label, sorted, years } from "./common.tsx";
import type { TabProps } from "./tabs.ts";

const M = messages({
  title: ["Индикаторы достижения целей программы по годам", "Program indicators by year"],
  plan: ["План", "Plan"],
  fact: ["Факт", "Fact"],
  add: ["Добавить показатель", "Add an indicator"],
});

type Indicator = Schema<"ProgramIndicatorNode">;

export function IndicatorsTab({ program, can }: TabProps) {
  const t = useT(M);
  const { lang } = useLang();
  const [error, setError] = useState<string | null>(null);
  const rows = sorted(program.programIndicators);
  const units = useOkeiUnits();
  const fl = (f: string) =>
    label(
      resourceSpec("programIndicator").fields.find((x) => x.name === f)!,
      lang,
    );
  const mayUpdate = can("update", "programIndicator");
  const valueOf = (r: Indicator, y: number) => r.programIndicatorValues.find((v) => v.year === y);
  const goals = sorted(program.programGoals).map((g) => ({ value: g.id, label: [g.code, g.name].filter(Boolean).join(" ") }));
  const columns: GridColumn<Indicator>[] = [
    fieldColumn<Indicator>("programIndicator", "code", fl("code"), { canEdit: () => mayUpdate }),
    fieldColumn<Indicator>("programIndicator", "name", fl("name"), { canEdit: () => mayUpdate, width: 300 }),
    okeiUnitColumn(fieldColumn<Indicator>("programIndicator", "unit", fl("unit"), { canEdit: () => mayUpdate }), "okei"),
    okeiCodeColumn(fieldColumn<Indicator>("programIndicator", "okei", fl("okei"), { canEdit: () => mayUpdate }), (r) => r.unit, units),
    fieldColumn<Indicator>("programIndicator", "trend", fl("trend"), {
      canEdit: () => mayUpdate,
      options: enumOptions("programIndicator", "trend", lang),
    }),
    fieldColumn<Indicator>("programIndicator", "baseYear", fl("baseYear"), { canEdit: () => mayUpdate }),
    fieldColumn<Indicator>("programIndicator", "baseValue", fl("baseValue"), { canEdit: () => mayUpdate }),
    fieldColumn<Indicator>("programIndicator", "goalId", fl("goalId"), { canEdit: () => mayUpdate, options: goals, width: 160 }),
  ];
  for (const y of years(program)) {
    for (const part of ["plan", "fact"] as const) {
      columns.push(
        yearValueColumn<Indicator>({
          key: `${part}-${y}`,
          header: t(part),
          group: String(y),
          year: y,
          resource: "programIndicatorValue",
          field: part,
          valueOf: (r) => valueOf(r, y),
          parent: (r) => ({ indicatorId: r.id }),
          editable: (r) => can(valueOf(r, y) ? "update" : "create", "programIndicatorValue", null, part),
        }),
      );
    }
  }
  columns.push(
    deleteRowColumn<Indicator>("programIndicator", {
      mayDelete: () => can("delete", "programIndicator"),
      onError: setError,
    }),
  );
  return (
    <div>
      <h3>{t("title")}</h3>
      {error ? (
        <p className="banner error" role="alert">
          {error}
        </p>
      ) : null}
      <Grid
        label={t("title")}
        testId="grid-indicators"
        rows={rows}
        rowKey={(r) => r.id}
        columns={columns}
        newRow={
          can("create", "programIndicator") ? { resource: "programIndicator", data: { programId: program.id }, label: t("add") } : undefined
        }
      />
    </div>
  );
}
