/**
 * Helpers the workflow use cases share: the program, instance and version of the caller's
 * municipality, the permission target, the live rows as a document, the note's money unit.
 */
import { getInstance, getMunicipality, getRow, listRows, type InstanceRecord, type Queryable, type Row } from "@orientir/db";
import {
  ConflictError,
  NotFoundError,
  thousandsUnit,
  type NoteMeta,
  resource,
  NOTE_SOURCE_PHRASES,
  type Actor,
  type Flow,
  type ProgramDocument,
  type Target,
} from "@orientir/domain";
import { exportProgramDocument } from "../documents.ts";
import { text, textOrNull } from "../row-values.ts";

/** Thousands of the municipality's currency, the unit of amounts in an explanatory note. */
export async function moneyUnitOf(q: Queryable, municipalityId: string): Promise<string> {
  const m = await getMunicipality(q, municipalityId);
  return thousandsUnit(String(m?.currency ?? "RUB"));
}

export async function noteMeta(q: Queryable, program: Row, base: Row, v: Row): Promise<NoteMeta> {
  return {
    programName: String(program.name),
    versionFrom: String(base.number),
    versionTo: String(v.number),
    moneyUnit: await moneyUnitOf(q, String(program.municipalityId)),
    sourceNames: await sourceNamesOf(q, String(program.municipalityId)),
  };
}

/** The "из …" phrase of each budget source of the municipality: the built-in ones as the note words them, the others by their names. */
export async function sourceNamesOf(q: Queryable, municipalityId: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const r of await listRows(q, resource("budgetSource"), { municipalityId }))
    if (!NOTE_SOURCE_PHRASES[String(r.code)]) out[String(r.code)] = `по источнику «${String(r.name)}»`;
  return out;
}

export async function ownProgram(q: Queryable, actor: Actor, programId: string): Promise<Row> {
  const p = await getRow(q, resource("program"), programId);
  if (!p || p.municipalityId !== actor.municipalityId) throw new NotFoundError("Муниципальная программа", programId);
  return p;
}

/** The program a workflow belongs to, as far as the permissions read it: its row, or a listed instance's columns. */
export type WorkflowProgram = Row | { municipalityId: string; responsibleDepartmentId: string | null };

export function workflowTarget(
  program: WorkflowProgram,
  flow: Flow,
  directionCoExecutorId: string | null,
  step?: Extract<Target, { area: "workflow" }>["step"],
): Target {
  return {
    area: "workflow",
    municipalityId: String(program.municipalityId),
    flow,
    responsibleDepartmentId: textOrNull(program.responsibleDepartmentId),
    directionCoExecutorId,
    ...(step ? { step } : {}),
  };
}

export async function directionCoExecutorOf(q: Queryable, instance: Pick<InstanceRecord, "flow" | "directionId">): Promise<string | null> {
  if (instance.flow !== "directionOrder" || !instance.directionId) return null;
  const d = await getRow(q, resource("direction"), instance.directionId);
  return (d?.coExecutorDepartmentId as string | undefined) ?? null;
}

/** The live rows as a document: the whole program, or for an order the program with that direction only. */
export async function liveDocument(q: Queryable, programId: string, flow: Flow, directionCode: string | null): Promise<ProgramDocument> {
  const doc = await exportProgramDocument(q, programId);
  if (!doc) throw new NotFoundError("Муниципальная программа", programId);
  return flow === "directionOrder" ? { ...doc, directions: doc.directions.filter((d) => d.code === directionCode) } : doc;
}

export async function loadInstance(q: Queryable, actor: Actor, id: string, lock = false): Promise<InstanceRecord> {
  const i = await getInstance(q, id, lock);
  if (!i || i.municipalityId !== actor.municipalityId) throw new NotFoundError("Процесс согласования", id);
  return i;
}

/** A version's document: the snapshot of an approved or withdrawn one, the live rows of a draft. */
export async function documentOf(q: Queryable, programId: string, v: Row | null): Promise<ProgramDocument> {
  if (!v) return liveDocument(q, programId, "program", null);
  if (v.status === "draft") return liveDocument(q, programId, v.flow as Flow, (v.directionCode as string | null) ?? null);
  if (!v.document) throw new ConflictError(`У редакции ${text(v.number)} нет сохраненного текста`);
  return v.document as ProgramDocument;
}
