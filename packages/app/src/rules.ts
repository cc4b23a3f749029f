/**
 * The decree's rules that need stored data (the program's period, the municipality's budget
 * sources, the other programs' goals and indicators): this gathers the data and asks the domain.
 */
import { budgetSourceExists, type Queryable, type Row } from "@orientir/db";
import { ValidationError, type ResourceSpec } from "@orientir/domain";
import type { AppContext } from "./context.ts";

export async function checkRules(
  q: Queryable,
  _ctx: AppContext,
  spec: ResourceSpec,
  after: Record<string, unknown> | null,
  _before: Row | null,
): Promise<void> {
  if (!after) return;
  const issues = [];
  if (spec.fields.some((f) => f.name === "source") && typeof after.source === "string") {
    if (!(await budgetSourceExists(q, String(after.municipalityId), after.source))) issues.push({ path: "source", message: `Нет такого источника финансирования: «${after.source}»`, messageEn: `Unknown funding source ${after.source}` });
  }
  if (issues.length) throw new ValidationError(issues);
}
