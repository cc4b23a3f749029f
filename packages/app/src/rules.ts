/**
 * The decree's rules that need stored data (the document's period, the municipality's budget
 * sources, the other programs' goals and indicators): this gathers the data and asks the domain.
 */
import { budgetSourceExists, programGoalAndIndicatorNames, programRowsOutsidePeriod, type Queryable, type Row } from "@orientir/db";
import {
  ValidationError,
  crossProgramDuplicateIssues,
  periodOf,
  resource,
  rowPeriodIssues,
  type FieldIssue,
  type Actor,
  type Period,
  type ResourceSpec,
} from "@orientir/domain";
import type { AppContext } from "./context.ts";
import { checkChangeRules, isRestoring } from "./change-rules.ts";
import { checkPeriodLock } from "./period-locks.ts";
import { checkContentAndRecord } from "./content.ts";
import { budgetRuleIssues } from "./budget.ts";
import { dbReads, type RowReads } from "./resources.ts";

const TABLE_LABELS: Record<string, string> = {
  funding: "строк финансирования",
  metric_value: "значений показателей",
  metric_month: "значений помесячного плана",
  program_indicator_value: "значений индикаторов",
  checkpoint: "контрольных точек",
};

/** The period of the strategy, plan or program the row belongs to. */
async function periodFor(reads: RowReads, spec: ResourceSpec, row: Record<string, unknown>): Promise<Period | null> {
  const root = { program: ["program", "programId"], strategy: ["strategy", "strategyId"], plan: ["actionPlan", "planId"] }[
    spec.scope as string
  ];
  if (!root || spec.name === root[0]) return null;
  const id = row[root[1]!];
  if (typeof id !== "string") return null;
  const owner = await reads.getRow(resource(root[0]!), id);
  return owner ? periodOf(owner as Record<string, unknown>) : null;
}

export async function checkRules(
  q: Queryable,
  _ctx: AppContext,
  spec: ResourceSpec,
  after: Record<string, unknown> | null,
  before: Row | null,
  actor?: Actor,
  reads: RowReads = dbReads(q),
): Promise<void> {
  // 220-п 6.16: a period whose conclusions are in is closed for changes (monitoring, issue 4)
  await checkPeriodLock(q, spec, after, before);
  // content changes only in a draft with its preparer; the record of execution only while its
  // report is not submitted (domain versions/content.ts)
  await checkContentAndRecord(q, actor, spec, after, before, reads);
  // 220-п 3.1.4, 3.1.6, 4.16, 6.16 on the rows of an approved program (change-rules.ts)
  if (!after) return isRestoring(actor) ? undefined : checkChangeRules(q, _ctx, spec, null, before, reads);
  const issues: FieldIssue[] = [];
  issues.push(...rowPeriodIssues(spec.name, after, await periodFor(reads, spec, after)));

  if (spec.fields.some((f) => f.name === "source") && typeof after.source === "string") {
    if (!(await budgetSourceExists(q, String(after.municipalityId), after.source))) {
      issues.push({
        path: "source",
        message: `Нет такого источника финансирования: «${after.source}»`,
        messageEn: `Unknown funding source ${after.source}`,
      });
    }
  }

  // issue 11 (part 5): the strategy goal a program serves is a goal of the program's strategy
  if (spec.name === "program" && typeof after.strategyGoalId === "string" && typeof after.strategyId === "string") {
    const goal = await reads.getRow(resource("goal"), after.strategyGoalId);
    if (goal && goal.strategyId !== after.strategyId)
      issues.push({
        path: "strategyGoalId",
        message: "Цель относится к другой стратегии, чем та, которую реализует программа",
        messageEn: "The goal belongs to another strategy than the program's",
      });
  }

  // the budget schedule and cash execution (budget.ts)
  issues.push(...(await budgetRuleIssues(reads, spec, after)));

  // shrinking a program's period may not leave plan data outside it
  if (spec.name === "program" && before && (after.startYear !== before.startYear || after.endYear !== before.endYear)) {
    const p = periodOf(after);
    if (p) {
      for (const { table, n } of await programRowsOutsidePeriod(q, before.id, p.startYear, p.endYear)) {
        issues.push({
          path: after.startYear !== before.startYear ? "startYear" : "endYear",
          message: `Вне нового срока ${p.startYear}–${p.endYear} остались данные: ${n} ${TABLE_LABELS[table] ?? table}. Удалите или перенесите их сначала.`,
          messageEn: `${n} rows of ${table} fall outside the new period ${p.startYear}–${p.endYear}`,
        });
      }
    }
  }

  // 220-п: goals and indicators may not repeat those of another program
  if ((spec.name === "programGoal" || spec.name === "programIndicator") && typeof after.name === "string" && after.name !== before?.name) {
    const all = await programGoalAndIndicatorNames(q, String(after.municipalityId));
    const own = all.find((p) => p.programId === after.programId);
    const others = all.filter((p) => p.programId !== after.programId);
    const key = spec.name === "programGoal" ? "goals" : "indicators";
    const candidate = { code: own?.code ?? "", goals: [] as string[], indicators: [] as string[] };
    candidate[key] = [after.name];
    for (const i of crossProgramDuplicateIssues(candidate, others)) issues.push({ ...i, path: "name" });
  }

  const errors = issues.filter((i) => i.severity !== "warning");
  if (errors.length) throw new ValidationError(errors);
  if (!isRestoring(actor)) await checkChangeRules(q, _ctx, spec, after, before, reads);
}
