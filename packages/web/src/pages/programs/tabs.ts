/** What every tab of the program page gets, and the program's rows flattened for the grids. */
import type { Schema } from "../../lib/api.ts";
import type { BudgetSource, Department, ElementNode, ProgramTree, Row, useProgramCan } from "./common.tsx";
import { sorted } from "./common.tsx";
import { textOf } from "../../api/resources.ts";

export interface TabProps {
  program: ProgramTree;
  departments: Department[];
  sources: BudgetSource[];
  can: ReturnType<typeof useProgramCan>;
}

export interface ElementRef {
  element: ElementNode;
  direction: Row;
  /** The direction's co-executor: who may edit rows below it. */
  coExecutorId: string | null;
}

export function elementsOf(program: ProgramTree): ElementRef[] {
  const out: ElementRef[] = [];
  for (const d of sorted(program.directions)) {
    for (const e of sorted(d.structuralElements)) out.push({ element: e, direction: d, coExecutorId: textOf(d.coExecutorDepartmentId) });
  }
  return out;
}

export interface ActivityRef {
  activity: Schema<"ElementActivityNode">;
  task: Schema<"ElementTaskNode">;
  element: ElementNode;
}

export function activitiesOf(program: ProgramTree): ActivityRef[] {
  const out: ActivityRef[] = [];
  for (const { element } of elementsOf(program)) {
    for (const task of sorted(element.elementTasks))
      for (const a of sorted(task.elementActivities)) out.push({ activity: a, task, element });
  }
  return out;
}

export function elementLabel(e: { code: string | null; name: string | null }): string {
  return [e.code, e.name].filter(Boolean).join(" ");
}
