/**
 * The drawing half of <Chart>: Apache ECharts (SVG renderer) with the parts the charts use. Chart.tsx
 * imports this module dynamically, so ECharts is a chunk of its own that only the pages drawing a
 * chart load — not part of the script every page starts with.
 */
import * as echarts from "echarts/core";
import { BarChart, LineChart } from "echarts/charts";
import { GridComponent, LegendComponent, TitleComponent, TooltipComponent } from "echarts/components";
import { SVGRenderer } from "echarts/renderers";

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TitleComponent, TooltipComponent, SVGRenderer]);

export interface DrawnChart {
  setOption: (option: Record<string, unknown>) => void;
  resize: () => void;
  dispose: () => void;
}

export function drawChart(el: HTMLElement): DrawnChart {
  const c = echarts.init(el, undefined, { renderer: "svg" });
  return {
    setOption: (option) => c.setOption(option, { notMerge: true }),
    resize: () => c.resize(),
    dispose: () => c.dispose(),
  };
}
