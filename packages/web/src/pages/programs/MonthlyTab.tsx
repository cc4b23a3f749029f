/** Помесячный план: metric × months (ends of January..November and 31 December) for a chosen year. */
import { useState } from "react";
import { Grid, type GridColumn } from "../../components/Grid.tsx";
import { messages, useT } from "../../lib/i18n.tsx";
import { sorted, years } from "./common.tsx";
import { elementsOf, type TabProps } from "./tabs.ts";
import type { MetricRow } from "./MetricsTab.tsx";
import { textOf } from "../../api/resources.ts";

const M = messages({
  title: ["Помесячный план достижения показателей", "Monthly plan of the metrics"],
  year: ["Год", "Year"],
  part: ["Значения", "Values"],
  plan: ["План", "Plan"],
  fact: ["Факт", "Fact"],
  forecast: ["Прогноз", "Forecast"],
  element: ["Элемент", "Element"],
  metric: ["Показатель", "Metric"],
  unit: ["Ед. изм.", "Unit"],
  annual: ["План на год", "Annual plan"],
  months: ["Плановые значения на конец месяца", "Values at the end of the month"],
  m1: ["янв", "Jan"],
  m2: ["фев", "Feb"],
  m3: ["мар", "Mar"],
  m4: ["апр", "Apr"],
  m5: ["май", "May"],
  m6: ["июн", "Jun"],
  m7: ["июл", "Jul"],
  m8: ["авг", "Aug"],
  m9: ["сен", "Sep"],
  m10: ["окт", "Oct"],
  m11: ["ноя", "Nov"],
  m12: ["на 31 дек", "31 Dec"],
});

type Part = "plan" | "fact" | "forecast";

export function MonthlyTab({ program, can }: TabProps) {
  const t = useT(M);
  const ys = years(program);
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState<number>(ys.includes(thisYear) ? thisYear : (ys[0] ?? thisYear));
  const [part, setPart] = useState<Part>("plan");
  const elements = elementsOf(program);
  const coOf = new Map(elements.map((e) => [e.element.id, e.coExecutorId]));
  const codeOf = new Map(elements.map((e) => [e.element.id, String(e.element.code ?? "")]));
  const rows: MetricRow[] = elements.flatMap((e) => sorted(e.element.metrics));
  const monthOf = (r: MetricRow, m: number) => r.metricMonths?.find((v) => v.year === year && v.month === m);
  const columns: GridColumn<MetricRow>[] = [
    { key: "element", header: t("element"), value: (r) => codeOf.get(r.elementId) ?? "" },
    { key: "metric", header: t("metric"), width: 260, value: (r) => [r.code, r.name].filter(Boolean).join(" ") },
    { key: "unit", header: t("unit"), value: (r) => textOf(r.unit) },
    { key: "annual", header: t("annual"), kind: "number", value: (r) => textOf(r.metricValues?.find((v) => v.year === year)?.plan) },
  ];
  for (let m = 1; m <= 12; m++) {
    columns.push({
      key: `m${m}`,
      header: t(`m${m}` as "m1"),
      group: t("months"),
      kind: "number",
      value: (r) => textOf(monthOf(r, m)?.[part]),
      editable: (r) => can(monthOf(r, m) ? "update" : "create", "metricMonth", coOf.get(r.elementId) ?? null, part),
      target: (r) => {
        const v = monthOf(r, m);
        return v
          ? { resource: "metricMonth", id: v.id, version: v.version, field: part, record: v }
          : { resource: "metricMonth", create: { metricId: r.id, year, month: m }, field: part };
      },
    });
  }
  return (
    <div>
      <h3>{t("title")}</h3>
      <div className="toolbar">
        <label>
          {t("year")}
          <select value={year} onChange={(e) => setYear(Number(e.target.value))} data-testid="monthly-year">
            {ys.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("part")}
          <select value={part} onChange={(e) => setPart(e.target.value as Part)} data-testid="monthly-part">
            {(["plan", "fact", "forecast"] as const).map((p) => (
              <option key={p} value={p}>
                {t(p)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <Grid
        key={`${year}-${part}`}
        label={`${t("title")}, ${year}`}
        testId="grid-monthly"
        rows={rows}
        rowKey={(r) => r.id}
        columns={columns}
      />
    </div>
  );
}
