/**
 * The decree's rules that need stored data (the program's period, the municipality's budget
 * sources, the other programs' goals and indicators): this gathers the data and asks the domain.
 */
import type { Queryable, Row } from "@orientir/db";
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
    const r = await q.query(`SELECT 1 FROM budget_source WHERE municipality_id = $1 AND code = $2`, [after.municipalityId, after.source]);
    if (r.rowCount === 0) issues.push({ path: "source", message: `Нет такого источника финансирования: «${after.source}»`, messageEn: `Unknown funding source ${after.source}` });
  }
  if (issues.length) throw new ValidationError(issues);
}
