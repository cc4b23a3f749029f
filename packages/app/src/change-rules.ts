/**
 * The rules of change of an approved program (220-п 3.1.4, 3.1.6, 4.16, 6.16) on every write of
 * its rows, and the small facts they need: the municipality's today and the locked years.
 */
import { getMunicipality, hasApprovedVersion, periodLocksOfProgram, type Queryable } from "@orientir/db";
import { isRuledResource, resource, rowChangeError, type IsoDate, type ResourceSpec } from "@orientir/domain";
import { todayIn, type AppContext } from "./context.ts";
import { dbReads, type RowReads } from "./resources.ts";

/**
 * Actors writing the rows back to the version in force (a withdrawn amendment, `restoring`): the
 * rules of change guard the approved values, so giving them back is not a change they refuse.
 */
const RESTORING = new WeakSet<object>();

/** A caller whose writes restore the version in force: the rules of change let them through. */
export function restoring<C extends { actor: object }>(caller: C): C {
  const copy = { ...caller, actor: { ...caller.actor } };
  RESTORING.add(copy.actor);
  return copy;
}

export function isRestoring(actor: object | undefined): boolean {
  return actor !== undefined && RESTORING.has(actor);
}

/** Today in the municipality's time zone. */
export async function todayOf(q: Queryable, ctx: AppContext, municipalityId: string): Promise<IsoDate> {
  const m = await getMunicipality(q, municipalityId);
  return todayIn(ctx, m?.timezone ?? "Europe/Moscow");
}

/** The years of the program whose annual report has its conclusions (220-п 6.16). */
export async function lockedYearsOf(q: Queryable, programId: string): Promise<number[]> {
  return (await periodLocksOfProgram(q, programId)).filter((l) => l.period === "annual").map((l) => Number(l.year));
}

/**
 * 220-п 3.1.4, 3.1.6, 4.16 and 6.16 on one row of a program that has an approved version: past
 * plan values, past checkpoints and locked years are refused with a RuleError citing the rule.
 * A program never approved (a first draft, an import) is not restricted.
 */
export async function checkChangeRules(
  q: Queryable,
  ctx: AppContext,
  spec: ResourceSpec,
  after: Record<string, unknown> | null,
  before: Record<string, unknown> | null,
  reads: RowReads = dbReads(q),
): Promise<void> {
  if (!isRuledResource(spec.name)) return;
  const row = after ?? before;
  const programId = row?.programId;
  if (typeof programId !== "string" || !(await hasApprovedVersion(q, programId))) return;
  const today = await todayOf(q, ctx, String(row!.municipalityId));
  let label: string | undefined;
  // a value is named by its metric, indicator or element; a checkpoint by its own name in the message
  if (spec.parent && spec.name !== "checkpoint") {
    const parentId = row![spec.parent.field];
    const parent = typeof parentId === "string" ? await reads.getRow(resource(spec.parent.resource), parentId) : null;
    if (parent && typeof parent.name === "string") label = parent.name;
  }
  const error = rowChangeError(
    { resource: spec.name, before, after, ...(label ? { label } : {}) },
    today,
    await lockedYearsOf(q, programId),
  );
  if (error) throw error;
}
