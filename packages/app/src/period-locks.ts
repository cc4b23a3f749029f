/**
 * 220-п 6.16 on the write path: once the conclusions on a period's report are in, the data of that
 * reporting period of the program may not be changed. `checkRules` calls this for every create,
 * update and delete (single, batch), so no way of writing passes it by.
 */
import { periodLocksOfProgram, type Queryable } from "@orientir/db";
import { ensureNotLocked, reportingSlot, type PeriodLockRef, type ResourceSpec } from "@orientir/domain";

const LOCKABLE = new Set([
  "metricMonth",
  "metricValue",
  "programIndicatorValue",
  "funding",
  "budgetExecution",
  "budgetSchedule",
  "checkpoint",
]);

/** Throws RuleError (220-п 6.16) when the row lies in a locked period before or after the change. */
export async function checkPeriodLock(
  q: Queryable,
  spec: ResourceSpec,
  after: Record<string, unknown> | null,
  before: Record<string, unknown> | null,
): Promise<void> {
  if (!LOCKABLE.has(spec.name)) return;
  const programId = (after?.programId ?? before?.programId) as string | undefined;
  if (typeof programId !== "string") return;
  if (!(after && reportingSlot(spec.name, after)) && !(before && reportingSlot(spec.name, before))) return;
  const locks = (await periodLocksOfProgram(q, programId)) as PeriodLockRef[];
  ensureNotLocked(spec.name, spec.label.ru, before, after, locks);
}
