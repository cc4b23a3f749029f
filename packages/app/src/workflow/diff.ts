/**
 * The difference between two versions of a program.
 */
import { getVersion, lastApprovedVersion, type Queryable, type Row } from "@orientir/db";
import { NotFoundError, ValidationError, diffPrograms, diffSummary, ensure, type Actor } from "@orientir/domain";
import type { VersionDiff } from "@orientir/contracts";
import type { AppContext, Caller } from "../context.ts";
import { ownProgram, workflowTarget, documentOf } from "./shared.ts";
import { text } from "../row-values.ts";

/** One side of a diff: e.g. "редакция 2 (постановление № 123-п от 26.03.2026)", "текущий проект". */
type VersionRef = VersionDiff["from"];

function refLabel(v: Row | null): string {
  if (!v) return "текущие данные программы";
  if (v.status === "approved")
    return `редакция ${text(v.number)} (постановление № ${text(v.decreeNumber)} от ${text(v.decreeDate).split("-").reverse().join(".")})`;
  if (v.status === "draft") return `проект редакции ${text(v.number)}`;
  return `отозванный проект редакции ${text(v.number)}`;
}

async function versionOf(q: Queryable, actor: Actor, programId: string, id: string): Promise<Row> {
  const v = await getVersion(q, id);
  if (!v || v.municipalityId !== actor.municipalityId || v.programId !== programId) throw new NotFoundError("Редакция программы", id);
  return v;
}

/**
 * The difference between two versions of a program: `from` defaults to the version in force,
 * `to` to the current data (the live rows, i.e. the draft). "current" names the live rows.
 */
export async function diffProgramVersions(
  ctx: AppContext,
  caller: Caller,
  programId: string,
  opts: { from?: string; to?: string } = {},
): Promise<VersionDiff> {
  const q = ctx.db;
  const program = await ownProgram(q, caller.actor, programId);
  ensure(caller.actor, "read", workflowTarget(program, "program", null));
  const pick = async (id: string | undefined, dflt: "inForce" | "current"): Promise<Row | null> => {
    if (id === "current" || (id === undefined && dflt === "current")) return null;
    if (id === undefined) {
      const v = await lastApprovedVersion(q, programId);
      if (!v)
        throw new ValidationError([
          { path: "from", message: "У программы нет утвержденной редакции: укажите, с какой редакцией сравнивать" },
        ]);
      return v;
    }
    return versionOf(q, caller.actor, programId, id);
  };
  const a = await pick(opts.from, "inForce");
  const b = await pick(opts.to, "current");
  const changes = diffPrograms(await documentOf(q, programId, a), await documentOf(q, programId, b));
  const ref = (v: Row | null): VersionRef => ({ versionId: v?.id ?? null, number: v ? Number(v.number) : null, label: refLabel(v) });
  return { from: ref(a), to: ref(b), changes, summary: diffSummary(changes) };
}
