/**
 * The versions of a program and one version with its document.
 */
import { fullNamesOf, getVersion, instanceOfVersion, listVersions } from "@orientir/db";
import { NotFoundError, ensure, type ProgramDocument } from "@orientir/domain";
import type { AppContext, Caller } from "../context.ts";
import { ownProgram, workflowTarget, liveDocument } from "./shared.ts";
import type { ProgramVersion, ProgramVersionList, ProgramVersionWithDocument } from "@orientir/contracts";
import { versionView } from "./views.ts";

export async function programVersions(ctx: AppContext, caller: Caller, programId: string): Promise<ProgramVersionList> {
  const q = ctx.db;
  const program = await ownProgram(q, caller.actor, programId);
  ensure(caller.actor, "read", workflowTarget(program, "program", null));
  const versions: ProgramVersion[] = [];
  const listed = await listVersions(q, programId);
  const names = await fullNamesOf(
    q,
    listed.flatMap((v) => [v.createdBy, v.approvedBy]),
  );
  for (const v of listed) versions.push(versionView(v, await instanceOfVersion(q, v.id), names));
  const inForce = versions.find((v) => v.flow === "program" && v.status === "approved");
  return { programId, inForce: inForce?.number ?? null, versions };
}

export async function getProgramVersion(ctx: AppContext, caller: Caller, versionId: string): Promise<ProgramVersionWithDocument> {
  const q = ctx.db;
  const v = await getVersion(q, versionId);
  if (!v || v.municipalityId !== caller.actor.municipalityId) throw new NotFoundError("Редакция программы", versionId);
  const program = await ownProgram(q, caller.actor, String(v.programId));
  ensure(caller.actor, "read", workflowTarget(program, v.flow, null));
  const live = v.status === "draft";
  const document = live
    ? await liveDocument(q, program.id, v.flow, v.directionCode ?? null)
    : ((v.document as ProgramDocument | null) ?? null);
  return { ...versionView(v, await instanceOfVersion(q, v.id)), document, live };
}
