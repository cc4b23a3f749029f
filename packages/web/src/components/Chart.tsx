/**
 * A plan-versus-fact chart (Apache ECharts, SVG renderer: crisp on screen and in print). The
 * values come as decimal strings from the API and are drawn as numbers — a chart is a picture;
 * the exact figures are in the table under it (also read by screen readers and tests).
 *
 *   <Chart title="План и факт" categories={["янв", "фев"]} testId="chart-metric"
 *     series={[{ name: "План", kind: "line", values: ["1", "2"] }, { name: "Факт", kind: "bar", values: ["1", null] }]} />
 *
 * ECharts (about half of the app's script) is loaded on the first chart drawn (chart-draw.ts, a
 * chunk of its own): the table is there at once, the picture a moment later.
 */
import { useEffect, useId, useRef, useState } from "react";
import type { DrawnChart } from "./chart-draw.ts";
import { formatLocale, formatNumber } from "../lib/format.ts";

export interface ChartSeries {
  name: string;
  kind: "line" | "bar";
  /** Decimal strings (or numbers); null where there is no value. */
  values: (string | number | null)[];
  color?: string;
}

export interface ChartProps {
  title: string;
  categories: string[];
  series: ChartSeries[];
  /** Name of the value axis (a unit). */
  unit?: string;
  height?: number;
  testId?: string;
}

const COLORS = ["#1f5fa8", "#d9822b", "#2e8b57", "#9b59b6", "#c0392b"];

function toNumber(v: string | number | null): number | null {
  if (v === null || v === "") return null;
  const n = typeof v === "number" ? v : Number(v);
  return Number.isFinite(n) ? n : null;
}

/** A value of the table beside the chart, in the reader's notation ("1 250 000,5"). */
function formatValue(v: string | number | null): string {
  if (v === null || v === "") return "—";
  return formatNumber(v, { maxDigits: 4 });
}

/** A category's label on the axis: long names shortened (the table beside the chart has them whole). */
function shortLabel(s: string, max = 18): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

export function Chart({ title, categories, series, unit, height = 280, testId }: ChartProps) {
  const ref = useRef<HTMLDivElement>(null);
  const [chart, setChart] = useState<DrawnChart | null>(null);
  // the picture's text alternative is the table of its figures (screen readers are sent to it)
  const tableId = useId();

  useEffect(() => {
    let drawn: DrawnChart | null = null;
    let gone = false;
    const onResize = () => drawn?.resize();
    void import("./chart-draw.ts").then(({ drawChart }) => {
      if (gone || !ref.current) return;
      drawn = drawChart(ref.current);
      window.addEventListener("resize", onResize);
      setChart(drawn);
    });
    return () => {
      gone = true;
      window.removeEventListener("resize", onResize);
      drawn?.dispose();
      setChart(null);
    };
  }, []);

  // the chart's option as JSON: the pages build categories and series anew on each render, so the
  // option is set again only when its content changes
  const option = JSON.stringify({
    animation: false,
    title: { text: title, left: 0, textStyle: { fontSize: 14, fontWeight: 600 } },
    tooltip: { trigger: "axis" },
    legend: { top: 0, right: 0 },
    // the unit is written along the value axis, beside its numbers: not on top, where the title and legend are
    grid: { left: unit ? 56 : 48, right: 16, top: 48, bottom: 28, containLabel: true },
    xAxis: { type: "category", data: categories, axisLabel: { interval: 0, hideOverlap: true } },
    yAxis: { type: "value", name: unit ?? "", nameLocation: "middle", nameRotate: 90, nameGap: 48, nameTextStyle: { color: "#4a5568" } },
    locale: formatLocale(),
    series: series.map((s, i) => ({
      name: s.name,
      type: s.kind,
      data: s.values.map(toNumber),
      connectNulls: s.kind === "line",
      itemStyle: { color: s.color ?? COLORS[i % COLORS.length] },
      lineStyle: s.kind === "line" ? { width: 2 } : undefined,
      barMaxWidth: 28,
    })),
  });
  useEffect(() => {
    if (!chart) return;
    const o = JSON.parse(option) as Record<string, Record<string, unknown>> & { locale?: string };
    const locale = o.locale;
    delete o.locale;
    // numbers of the axis and the tooltip in the reader's notation ("25 000", "12 000 000", "97,5")
    o.yAxis = { ...o.yAxis, axisLabel: { formatter: (v: number) => formatNumber(v, { locale, maxDigits: 2 }) } };
    o.xAxis = { ...o.xAxis, axisLabel: { interval: 0, hideOverlap: true, formatter: (v: string) => shortLabel(v) } };
    o.tooltip = {
      ...o.tooltip,
      valueFormatter: (v: unknown) =>
        typeof v === "number" ? formatNumber(v, { locale, maxDigits: 4 }) + (unit ? `\u00a0${unit}` : "") : "—",
    };
    chart.setOption(o);
  }, [chart, option, unit]);

  return (
    <figure className="chart" data-testid={testId}>
      <div ref={ref} className="chart-canvas" style={{ height }} role="img" aria-label={title} aria-describedby={tableId} />
      <figcaption>
        <table className="data chart-data" id={tableId}>
          <caption className="sr-only">{title}</caption>
          <thead>
            <tr>
              <th scope="col" />
              {categories.map((c) => (
                <th key={c} scope="col">
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {series.map((s) => (
              <tr key={s.name} data-series={s.name}>
                <th scope="row">{s.name}</th>
                {s.values.map((v, i) => (
                  <td key={i} className="num">
                    {formatValue(v)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </figcaption>
    </figure>
  );
}
