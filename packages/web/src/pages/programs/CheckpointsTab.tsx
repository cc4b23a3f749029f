/** Контрольные точки, with the decree's warnings beside the activities (fewer than 4 a year, a single one on 31 Dec, most in Q4). */
import type { Schema } from "../../lib/api.ts";
import { useState } from "react";
import { resource as resourceSpec } from "@orientir/domain";
import { Grid, type GridColumn } from "../../components/Grid.tsx";
import { messages, useLang, useT } from "../../lib/i18n.tsx";
import { deleteRowColumn, fieldColumn, label } from "./common.tsx";
import { activitiesOf, elementLabel, elementsOf, type TabProps } from "./tabs.ts";
import { numberOf } from "../../api/resources.ts";

const M = messages({
  title: ["Контрольные точки", "Checkpoints"],
  element: ["Структурный элемент", "Structural element"],
  warnings: ["Предупреждения", "Warnings"],
  byActivity: ["Распределение контрольных точек по мероприятиям", "Checkpoints per activity"],
  ok: ["замечаний нет", "no remarks"],
  add: ["Добавить контрольную точку", "Add a checkpoint"],
  count: ["{year}: {n}", "{year}: {n}"],
  noActivity: ["без мероприятия", "no activity"],
});

type Checkpoint = Schema<"CheckpointNode">;

export function CheckpointsTab({ program, can }: TabProps) {
  const t = useT(M);
  const { lang } = useLang();
  const [error, setError] = useState<string | null>(null);
  const elements = elementsOf(program);
  const activities = activitiesOf(program);
  const coOf = new Map(elements.map((e) => [e.element.id, e.coExecutorId]));
  const rows: Checkpoint[] = elements.flatMap((e) =>
    [...e.element.checkpoints].sort(
      (a, b) => String(a.plannedDate).localeCompare(String(b.plannedDate)) || numberOf(a.ord) - numberOf(b.ord),
    ),
  );
  const fl = (f: string) =>
    label(
      resourceSpec("checkpoint").fields.find((x) => x.name === f)!,
      lang,
    );
  const edit = (r: Checkpoint) => can("update", "checkpoint", coOf.get(r.elementId) ?? null);
  const warningsFor = (key: string, year?: number) =>
    program.warnings
      .filter((w) => (year === undefined ? w.path.startsWith(`${key}:`) : w.path === `${key}:${year}`))
      .map((w) => (lang === "ru" ? w.message : w.messageEn));
  const activityOptions = (r: Checkpoint | null) =>
    activities
      .filter((a) => !r || a.element.id === r.elementId)
      .map((a) => ({
        value: a.activity.id,
        label: `${r ? "" : `${a.element.code}: `}${[a.activity.code, a.activity.name].filter(Boolean).join(" ")}`,
      }));
  const columns: GridColumn<Checkpoint>[] = [
    {
      ...fieldColumn<Checkpoint>("checkpoint", "elementId", t("element"), {
        options: (r) => elements.map((e) => ({ value: e.element.id, label: r ? String(e.element.code ?? "") : elementLabel(e.element) })),
        width: 70,
      }),
      editable: () => false,
      target: undefined,
      kind: "select",
    },
    fieldColumn<Checkpoint>("checkpoint", "activityId", fl("activityId"), { canEdit: edit, options: activityOptions, width: 200 }),
    fieldColumn<Checkpoint>("checkpoint", "name", fl("name"), { canEdit: edit, width: 260 }),
    fieldColumn<Checkpoint>("checkpoint", "plannedDate", fl("plannedDate"), { canEdit: edit }),
    fieldColumn<Checkpoint>("checkpoint", "actualDate", fl("actualDate"), {
      canEdit: (r) => can("update", "checkpoint", coOf.get(r.elementId) ?? null, "actualDate"),
    }),
    fieldColumn<Checkpoint>("checkpoint", "responsible", fl("responsible"), { canEdit: edit }),
    fieldColumn<Checkpoint>("checkpoint", "documentKind", fl("documentKind"), { canEdit: edit }),
    fieldColumn<Checkpoint>("checkpoint", "informationSystem", fl("informationSystem"), { canEdit: edit }),
    {
      key: "warnings",
      header: t("warnings"),
      className: "warn-cell",
      width: 260,
      value: (r) => warningsFor(r.activityId ?? r.elementId, Number(String(r.plannedDate).slice(0, 4))).join("; ") || null,
    },
    deleteRowColumn<Checkpoint>("checkpoint", {
      mayDelete: (r) => can("delete", "checkpoint", coOf.get(r.elementId) ?? null),
      onError: setError,
    }),
  ];
  const mayCreate = elements.some((e) => can("create", "checkpoint", e.coExecutorId));
  // Activities and elements with their checkpoints per year, and the warnings beside them.
  const groups = [
    ...activities.map((a) => ({
      key: a.activity.id,
      title: `${a.element.code}: ${[a.activity.code, a.activity.name].filter(Boolean).join(" ")}`,
    })),
    ...elements
      .filter((e) => rows.some((r) => r.elementId === e.element.id && !r.activityId))
      .map((e) => ({ key: e.element.id, title: `${elementLabel(e.element)} (${t("noActivity")})` })),
  ];
  const countByYear = (key: string) => {
    const m = new Map<string, number>();
    for (const r of rows)
      if ((r.activityId ?? r.elementId) === key)
        m.set(String(r.plannedDate).slice(0, 4), (m.get(String(r.plannedDate).slice(0, 4)) ?? 0) + 1);
    return [...m.entries()].sort().map(([y, n]) => t("count", { year: y, n }));
  };
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
        testId="grid-checkpoints"
        rows={rows}
        rowKey={(r) => r.id}
        columns={columns}
        newRow={
          mayCreate && elements.length
            ? {
                resource: "checkpoint",
                label: t("add"),
                prepare: (d) => {
                  if (d.elementId || !d.activityId) return {};
                  const a = activities.find((x) => x.activity.id === d.activityId);
                  return a ? { elementId: a.element.id } : {};
                },
              }
            : undefined
        }
      />
      <h3>{t("byActivity")}</h3>
      <table className="data" data-testid="checkpoint-warnings">
        <tbody>
          {groups.map((g) => {
            const ws = warningsFor(g.key);
            return (
              <tr key={g.key} data-testid={`activity-${g.key}`}>
                <td>{g.title}</td>
                <td className="num">{countByYear(g.key).join(", ")}</td>
                <td>
                  {ws.length ? (
                    <ul className="warnings">
                      {ws.map((w, i) => (
                        <li key={i} className="warning">
                          {w}
                        </li>
                      ))}
                    </ul>
                  ) : (
                    <span className="muted">{t("ok")}</span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
