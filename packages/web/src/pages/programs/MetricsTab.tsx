/** Показатели (метрики): unit, OKEI, trend, base value, level, task; plan and fact per year. */
import type { Schema } from "../../lib/api.ts";
import { okeiCodeColumn, okeiUnitColumn, useOkeiUnits } from "../../components/OkeiUnits.tsx";
import { useState } from "react";
import { METRIC_LEVELS, resource as resourceSpec } from "@orientir/domain";
import { Grid, type GridColumn } from "../../components/Grid.tsx";
import { yearValueColumn } from "../../components/yearValueColumn.ts";
import { messages, useLang, useT } from "../../lib/i18n.tsx";
import { deleteRowColumn, enumOptions, fieldColumn, label, sorted, years } from "./common.tsx";
import { elementLabel, elementsOf, type TabProps } from "./tabs.ts";

const M = messages({
  title: ["Показатели структурных элементов", "Metrics of the structural elements"],
  element: ["Структурный элемент", "Structural element"],
  plan: ["План", "Plan"],
  fact: ["Факт", "Fact"],
  add: ["Добавить показатель", "Add a metric"],
  noElements: [
    "Сначала добавьте направление и структурный элемент на вкладке «Структура».",
    "First add a direction and a structural element on the Structure tab.",
  ],
});

export type MetricRow = Schema<"MetricNode">;

export function MetricsTab({ program, can }: TabProps) {
  const t = useT(M);
  const { lang } = useLang();
  const [error, setError] = useState<string | null>(null);
  const elements = elementsOf(program);
  const units = useOkeiUnits();
  const coOf = new Map(elements.map((e) => [e.element.id, e.coExecutorId]));
  const rows: MetricRow[] = elements.flatMap((e) => sorted(e.element.metrics));
  const fl = (f: string) =>
    label(
      resourceSpec("metric").fields.find((x) => x.name === f)!,
      lang,
    );
  const may = (a: "create" | "update" | "delete", res: string, elementId: string, field?: string) =>
    can(a, res, coOf.get(elementId) ?? null, field);
  const edit = (r: MetricRow) => may("update", "metric", r.elementId);
  const elementOptions = (r: MetricRow | null) =>
    elements.map((e) => ({ value: e.element.id, label: r ? String(e.element.code ?? "") : elementLabel(e.element) }));
  const taskOptions = (r: MetricRow | null) =>
    elements
      .filter((e) => !r || e.element.id === r.elementId)
      .flatMap((e) =>
        sorted(e.element.elementTasks).map((tk) => ({
          value: tk.id,
          label: r ? [tk.code, tk.name].filter(Boolean).join(" ") : `${e.element.code}: ${[tk.code, tk.name].filter(Boolean).join(" ")}`,
        })),
      );
  const valueOf = (r: MetricRow, y: number) => r.metricValues.find((v) => v.year === y);
  const columns: GridColumn<MetricRow>[] = [
    {
      ...fieldColumn<MetricRow>("metric", "elementId", t("element"), { options: elementOptions, width: 70 }),
      editable: () => false,
      target: undefined,
      kind: "select",
      field: "elementId",
    },
    fieldColumn<MetricRow>("metric", "code", fl("code"), { canEdit: edit }),
    fieldColumn<MetricRow>("metric", "name", fl("name"), { canEdit: edit, width: 260 }),
    okeiUnitColumn(fieldColumn<MetricRow>("metric", "unit", fl("unit"), { canEdit: edit }), "okei"),
    okeiCodeColumn(fieldColumn<MetricRow>("metric", "okei", fl("okei"), { canEdit: edit }), (r) => r.unit, units),
    fieldColumn<MetricRow>("metric", "trend", fl("trend"), { canEdit: edit, options: enumOptions("metric", "trend", lang) }),
    fieldColumn<MetricRow>("metric", "baseYear", fl("baseYear"), { canEdit: edit }),
    fieldColumn<MetricRow>("metric", "baseValue", fl("baseValue"), { canEdit: edit }),
    fieldColumn<MetricRow>("metric", "level", fl("level"), { canEdit: edit, options: METRIC_LEVELS.map((l) => ({ value: l, label: l })) }),
    fieldColumn<MetricRow>("metric", "taskId", fl("taskId"), { canEdit: edit, options: taskOptions, width: 140 }),
    fieldColumn<MetricRow>("metric", "valueSource", fl("valueSource"), { canEdit: edit, width: 160 }),
  ];
  for (const y of years(program)) {
    for (const part of ["plan", "fact"] as const) {
      columns.push(
        yearValueColumn<MetricRow>({
          key: `${part}-${y}`,
          header: t(part),
          group: String(y),
          year: y,
          resource: "metricValue",
          field: part,
          valueOf: (r) => valueOf(r, y),
          parent: (r) => ({ metricId: r.id }),
          editable: (r) => may(valueOf(r, y) ? "update" : "create", "metricValue", r.elementId, part),
        }),
      );
    }
  }
  columns.push(deleteRowColumn<MetricRow>("metric", { mayDelete: (r) => may("delete", "metric", r.elementId), onError: setError }));
  const mayCreate = elements.some((e) => can("create", "metric", e.coExecutorId));
  return (
    <div>
      <h3>{t("title")}</h3>
      {error ? (
        <p className="banner error" role="alert">
          {error}
        </p>
      ) : null}
      {elements.length === 0 ? <p className="muted">{t("noElements")}</p> : null}
      <Grid
        label={t("title")}
        testId="grid-metrics"
        rows={rows}
        rowKey={(r) => r.id}
        columns={columns}
        newRow={mayCreate && elements.length ? { resource: "metric", label: t("add") } : undefined}
      />
    </div>
  );
}
