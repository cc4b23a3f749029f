/** Финансирование: structural element × source × year, thousands; totals per year, per source and in all — exact (bigint). */
import type { Schema } from "../../lib/api.ts";
import { Grid, type GridColumn, type GridTotal } from "../../components/Grid.tsx";
import { sumMoneyValues } from "../../components/GridValues.ts";
import { messages, useT } from "../../lib/i18n.tsx";
import { useMoneyUnit } from "../../lib/money.ts";
import { years, type ElementNode } from "./common.tsx";
import { elementLabel, elementsOf, type TabProps } from "./tabs.ts";
import { textOf } from "../../api/resources.ts";

const M = messages({
  title: ["Финансовое обеспечение, {unit}", "Funding, {unit}"],
  element: ["Структурный элемент", "Structural element"],
  source: ["Источник", "Source"],
  total: ["Всего", "Total"],
  byYear: ["Объем по годам", "By year"],
  totalSource: ["Итого: {source}", "Total: {source}"],
  grand: ["Всего по программе", "Program total"],
  noElements: ["Сначала добавьте структурные элементы на вкладке «Структура».", "First add structural elements on the Structure tab."],
});

interface FundingRow {
  key: string;
  element: ElementNode;
  source: string;
  sourceName: string;
  coExecutorId: string | null;
  byYear: Map<number, Schema<"FundingNode">>;
  /** The element's first line: only it shows the element's name (the others repeat it for copying). */
  first: boolean;
}

export function FundingTab({ program, sources, can }: TabProps) {
  const t = useT(M);
  const unit = useMoneyUnit();
  const ys = years(program);
  const elements = elementsOf(program);
  const rows: FundingRow[] = [];
  for (const e of elements) {
    const funding = e.element.funding;
    const codes = [
      ...sources.map((s) => s.code ?? ""),
      ...funding.map((f) => String(f.source)).filter((c) => !sources.some((s) => s.code === c)),
    ];
    for (const [i, code] of [...new Set(codes)].entries()) {
      const byYear = new Map<number, Schema<"FundingNode">>();
      for (const f of funding) if (f.source === code) byYear.set(Number(f.year), f);
      rows.push({
        key: `${e.element.id}:${code}`,
        element: e.element,
        source: code,
        sourceName: sources.find((s) => s.code === code)?.name ?? String(code),
        coExecutorId: e.coExecutorId,
        byYear,
        first: i === 0,
      });
    }
  }
  const columns: GridColumn<FundingRow>[] = [
    {
      key: "element",
      header: t("element"),
      width: 280,
      value: (r) => elementLabel(r.element),
      render: (r) => (r.first ? elementLabel(r.element) : ""),
    },
    { key: "source", header: t("source"), width: 160, value: (r) => r.sourceName },
  ];
  for (const y of ys) {
    columns.push({
      key: `y${y}`,
      header: String(y),
      group: t("byYear"),
      kind: "money",
      total: true,
      width: 110,
      value: (r) => textOf(r.byYear.get(y)?.amount),
      editable: (r) => can(r.byYear.has(y) ? "update" : "create", "funding", r.coExecutorId),
      target: (r) => {
        const f = r.byYear.get(y);
        return f
          ? { resource: "funding", id: f.id, version: f.version, field: "amount", record: f, deleteWhenEmpty: true }
          : { resource: "funding", create: { elementId: r.element.id, year: y, source: r.source }, field: "amount" };
      },
    });
  }
  columns.push({
    key: "total",
    header: t("total"),
    kind: "money",
    total: true,
    width: 120,
    value: (r) => sumMoneyValues(ys.map((y) => textOf(r.byYear.get(y)?.amount))) ?? "0.00",
  });
  const totals: GridTotal<FundingRow>[] = [
    ...sources.map((s) => ({ label: t("totalSource", { source: s.name ?? "" }), filter: (r: FundingRow) => r.source === s.code })),
    { label: t("grand") },
  ];
  return (
    <div>
      <h3>{t("title", { unit })}</h3>
      {elements.length === 0 ? <p className="muted">{t("noElements")}</p> : null}
      <Grid label={t("title", { unit })} testId="grid-funding" rows={rows} rowKey={(r) => r.key} columns={columns} totals={totals} />
    </div>
  );
}
