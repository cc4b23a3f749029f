/**
 * Issue 11, «Done when»: each form has no empty column the data could fill. Every form of 220-п
 * (appendices 1–9, the consolidated report of 6.18) and of the action plan (appendices 1–3) is built
 * from the Kaluga demo — its three programs for 2026 (monitoring: the III quarter; the annual
 * report: 2025) and its action plan — and each numbered column of each table must carry a value in
 * at least one row of the demo (a text, a number, a date, a computed sum or ratio; «—» is empty).
 */
import { describe, expect, it } from "vitest";
import { KALUGA } from "@orientir/db/demo";
import { evaluateReport, programReportFromDocument } from "@orientir/domain";
import { FORMS, layout, type Cell, type FormDef, type FormDocument } from "@orientir/reports";

const M = KALUGA;
const GOALS = M.strategy!.priorities.flatMap((x) => x.goals);
const context = { sources: M.budgetSources, currency: "RUB" };
/** Each program's evaluation of 2025 computed from the demo (as the consolidated report's caller does). */
const EVALUATIONS = Object.fromEntries(
  M.programs.map((p) => {
    const e = evaluateReport(programReportFromDocument(p, 2025, "2025-12-31"));
    return [p.code, { score: e.score, rating: e.rating }];
  }),
);

function build(f: FormDef, programIndex: number): FormDocument {
  if (f.scope === "program") {
    const annual = f.id === "annual-report";
    return f.build({ program: M.programs[programIndex]!, year: annual ? 2025 : 2026, quarter: 3, context });
  }
  if (f.scope === "plan") return f.build({ plan: M.actionPlan!, goals: GOALS, programs: M.programs, context });
  return f.build({ municipality: M, programs: M.programs, year: 2025, evaluations: EVALUATIONS, context });
}

function filled(c: Cell): boolean {
  switch (c.kind) {
    case "text":
      return c.text.trim() !== "" && c.text.trim() !== "—";
    case "number":
    case "money":
    case "date":
      return c.value !== null && c.value !== "";
    case "sum":
      return true;
    case "ratio":
      return c.value !== null;
    case "empty":
      return false;
  }
}

/** The numbered columns of each table of the form that no row of the body fills. */
function emptyColumns(doc: FormDocument): string[] {
  const out: string[] = [];
  doc.sections.forEach((s, k) => {
    if (!s.numbered || s.body.length === 0) return;
    const width = s.columns.length;
    const has = new Array<boolean>(width).fill(false);
    for (const row of layout(s.body, width, doc.form))
      for (const p of row) if (filled(p.cell)) for (let c = p.col; c < p.col + p.colSpan; c++) has[c] = true;
    has.forEach((h, c) => {
      if (!h) out.push(`${doc.form} table ${k + 1} (${s.title?.join(" ") ?? ""}): column ${c + 1}`);
    });
  });
  return out;
}

describe("the forms built from the Kaluga demo have no empty column", () => {
  const programForms = FORMS.filter((f) => f.scope === "program");
  it.each(programForms.map((f) => [f.id, f] as const))("%s of each program", (_id, f) => {
    const all = M.programs.flatMap((p, i) => {
      const doc = build(f, i);
      return emptyColumns(doc);
    });
    // a column empty in one program may be filled in another; it must be filled in at least one
    const byColumn = new Map<string, number>();
    for (const e of all) byColumn.set(e, (byColumn.get(e) ?? 0) + 1);
    expect([...byColumn].filter(([, n]) => n === M.programs.length).map(([e]) => e)).toEqual([]);
  });
  it.each(FORMS.filter((f) => f.scope !== "program").map((f) => [f.id, f] as const))("%s", (_id, f) => {
    expect(emptyColumns(build(f, 0))).toEqual([]);
  });
});
