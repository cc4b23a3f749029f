/**
 * What the public portal shows of a document (issue 14): a frozen, plain view made when the
 * document is published — sections (goals, tasks, activities, …) each with an anchor a proposal
 * can point at, and indicators with plan (and, for an approved document, fact) by year. Made from
 * a stored tree of rows (a strategy, an action plan, a program as it stands) or from the snapshot
 * of an approved program (`ProgramDocument`). Pure: no I/O.
 */
import { RESOURCES, type ResourceSpec } from "../model/index.ts";
import type { ProgramDocument } from "../model/documents.ts";

export const ANCHOR_KINDS = ["goal", "task", "activity", "indicator", "section"] as const;
export type AnchorKind = (typeof ANCHOR_KINDS)[number];

export const ANCHOR_KIND_LABELS: Record<AnchorKind, string> = {
  goal: "Цель",
  task: "Задача",
  activity: "Мероприятие",
  indicator: "Показатель",
  section: "Раздел",
};

export interface PortalSection {
  /** Stable within the publication: `<resource>:<id>` of a tree, or a path of the snapshot. */
  anchor: string;
  kind: AnchorKind;
  /** What the row is (the resource's label: «Приоритет», «Цель», «Направление»…). */
  label: string;
  code: string | null;
  title: string;
  text: string | null;
  children: PortalSection[];
}

export interface PortalIndicatorValue {
  year: number;
  plan: string | null;
  fact: string | null;
}

export interface PortalIndicator {
  anchor: string;
  code: string | null;
  name: string;
  unit: string;
  values: PortalIndicatorValue[];
}

export interface PortalEvaluation {
  year: number;
  score: string | null;
  rating: string | null;
  ratingLabel: string;
}

export interface PortalDocument {
  title: string;
  startYear: number | null;
  endYear: number | null;
  sections: PortalSection[];
  indicators: PortalIndicator[];
  evaluation: PortalEvaluation[];
}

/** A stored row with its children arrays (as app's `loadTree` gives it). */
export type TreeLike = { id: string; [field: string]: unknown };

function kindOf(spec: ResourceSpec): AnchorKind {
  const n = spec.name.toLowerCase();
  if (n.endsWith("goal") || n === "goal") return "goal";
  if (n.endsWith("task")) return "task";
  if (n.endsWith("activity")) return "activity";
  if (n.endsWith("indicator") || n === "metric") return "indicator";
  return "section";
}

const str = (v: unknown): string | null => (typeof v === "string" && v.trim() !== "" ? v : typeof v === "number" ? String(v) : null);

function childKeyOf(spec: ResourceSpec): string {
  return spec.path.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

/** Rows of plan/fact by year (…Value resources): read into an indicator's values, not sections. */
function isValueSpec(spec: ResourceSpec): boolean {
  return spec.fields.some((f) => f.name === "year") && spec.fields.some((f) => f.name === "fact");
}

/** Resources below a program that are the record of execution or money, not text to discuss. */
const SKIPPED = new Set([
  "funding",
  "budgetSchedule",
  "budgetExecution",
  "checkpoint",
  "checkpointDocument",
  "metricMonth",
  "strategyStage",
  "programStage",
  "swotItem",
  "programCoExecutor",
]);

/**
 * The portal's view of a stored tree (a strategy, an action plan or a program as it stands).
 * `withFacts`: an approved document shows facts; a draft under discussion shows its plan only.
 */
export function portalViewOfTree(rootResource: string, tree: TreeLike, opts: { withFacts: boolean }): PortalDocument {
  const children = new Map<string, ResourceSpec[]>();
  for (const r of RESOURCES) if (r.parent) children.set(r.parent.resource, [...(children.get(r.parent.resource) ?? []), r]);
  const indicators: PortalIndicator[] = [];
  const valuesOf = (node: TreeLike, spec: ResourceSpec): PortalIndicatorValue[] => {
    const out: PortalIndicatorValue[] = [];
    for (const c of children.get(spec.name) ?? []) {
      if (!isValueSpec(c)) continue;
      const rows = node[childKeyOf(c)];
      if (!Array.isArray(rows)) continue;
      for (const v of rows as TreeLike[])
        out.push({
          year: Number(v.year),
          plan: str(v.plan ?? v.target),
          fact: opts.withFacts ? str(v.fact) : null,
        });
    }
    return out.sort((a, b) => a.year - b.year);
  };
  const walk = (spec: ResourceSpec, node: TreeLike): PortalSection[] => {
    const out: PortalSection[] = [];
    for (const c of children.get(spec.name) ?? []) {
      if (SKIPPED.has(c.name) || isValueSpec(c)) continue;
      const rows = node[childKeyOf(c)];
      if (!Array.isArray(rows)) continue;
      const sorted = [...(rows as TreeLike[])].sort(
        (a, b) => Number(a.ord ?? 0) - Number(b.ord ?? 0) || (str(a.code) ?? "").localeCompare(str(b.code) ?? "", "ru"),
      );
      for (const row of sorted) {
        const anchor = `${c.name}:${row.id}`;
        const kind = kindOf(c);
        const title = str(row.name) ?? str(row.title) ?? str(row.text) ?? c.label.ru;
        if (kind === "indicator") {
          indicators.push({ anchor, code: str(row.code), name: title, unit: str(row.unit) ?? "", values: valuesOf(row, c) });
          continue;
        }
        out.push({
          anchor,
          kind,
          label: c.label.ru,
          code: str(row.code),
          title,
          text: str(row.description) ?? str(row.expectedResult) ?? null,
          children: walk(c, row),
        });
      }
    }
    return out;
  };
  const root = RESOURCES.find((r) => r.name === rootResource);
  if (!root) throw new Error(`unknown resource ${rootResource}`);
  const sections = walk(root, tree);
  const intro: PortalSection[] = [];
  for (const f of ["mission", "vision", "goal", "description"]) {
    const t = str(tree[f]);
    if (t)
      intro.push({
        anchor: `${rootResource}:${tree.id}:${f}`,
        kind: "section",
        label: "Раздел",
        code: null,
        title: fieldLabel(root, f),
        text: t,
        children: [],
      });
  }
  return {
    title: str(tree.name) ?? root.label.ru,
    startYear: typeof tree.startYear === "number" ? tree.startYear : null,
    endYear: typeof tree.endYear === "number" ? tree.endYear : null,
    sections: [...intro, ...sections],
    indicators,
    evaluation: [],
  };
}

function fieldLabel(spec: ResourceSpec, field: string): string {
  return spec.fields.find((f) => f.name === field)?.label.ru ?? field;
}

/** The portal's view of an approved program's snapshot (with facts: it is the record of what came of it). */
export function portalViewOfProgramDocument(doc: ProgramDocument): PortalDocument {
  const sections: PortalSection[] = [];
  doc.goals.forEach((g, i) =>
    sections.push({ anchor: `goals[${i}]`, kind: "goal", label: "Цель", code: g.code ?? null, title: g.name, text: null, children: [] }),
  );
  doc.directions.forEach((d, i) =>
    sections.push({
      anchor: `directions[${i}]`,
      kind: "section",
      label: "Направление",
      code: d.code,
      title: d.name,
      text: null,
      children: d.elements.map((e, j) => ({
        anchor: `directions[${i}].elements[${j}]`,
        kind: "section" as const,
        label: "Структурный элемент",
        code: e.code,
        title: e.name,
        text: null,
        children: e.tasks.map((t, k) => ({
          anchor: `directions[${i}].elements[${j}].tasks[${k}]`,
          kind: "task" as const,
          label: "Задача",
          code: t.code ?? null,
          title: t.name,
          text: null,
          children: t.activities.map((a, l) => ({
            anchor: `directions[${i}].elements[${j}].tasks[${k}].activities[${l}]`,
            kind: "activity" as const,
            label: "Мероприятие",
            code: a.code ?? null,
            title: a.name,
            text: a.description ?? null,
            children: [],
          })),
        })),
      })),
    }),
  );
  const indicators: PortalIndicator[] = doc.indicators.map((x, i) => ({
    anchor: `indicators[${i}]`,
    code: x.code ?? null,
    name: x.name,
    unit: x.unit,
    values: x.values.map((v) => ({ year: v.year, plan: v.plan ?? null, fact: v.fact ?? null })).sort((a, b) => a.year - b.year),
  }));
  return { title: `${doc.code}. ${doc.name}`, startYear: doc.startYear, endYear: doc.endYear, sections, indicators, evaluation: [] };
}

/** Every place of the document a proposal may point at, with what a reader sees of it. */
export function anchorsOf(doc: PortalDocument): Map<string, string> {
  const out = new Map<string, string>();
  out.set("document", "Документ в целом");
  const walk = (list: PortalSection[]) => {
    for (const s of list) {
      out.set(s.anchor, `${s.label}${s.code ? ` ${s.code}` : ""}: ${s.title}`);
      walk(s.children);
    }
  };
  walk(doc.sections);
  for (const i of doc.indicators) out.set(i.anchor, `Показатель${i.code ? ` ${i.code}` : ""}: ${i.name}`);
  return out;
}
