/**
 * The explanatory note of a version: generated from the diff and the reasons, edited, exported.
 */
import { getRow, getVersion, instanceOfVersion, updateDraftNote, type Queryable, type Row } from "@orientir/db";
import {
  ConflictError,
  NotFoundError,
  RuleError,
  ValidationError,
  WORKFLOW_STATE_LABELS,
  authorize,
  diffPrograms,
  ensure,
  explanatoryNote,
  isWithPreparer,
  newProgramNote,
  noteToText,
  reportingYearConformity,
  resource,
  type Actor,
  type Change,
  type ExplanatoryNote,
  type Flow,
  type ProgramDocument,
  type WorkflowKind,
  type WorkflowState,
} from "@orientir/domain";
import type { VersionNote } from "@orientir/contracts";
import type { AppContext, Caller } from "../context.ts";
import { audit } from "../audit.ts";
import { moneyUnitOf, noteMeta, sourceNamesOf, ownProgram, workflowTarget, directionCoExecutorOf, documentOf } from "./shared.ts";
import { text } from "../row-values.ts";
import { todayOf } from "../change-rules.ts";

/**
 * The version's note with what the reviewer checks against the record of execution: the funding
 * and refined indicators of the reporting year (`today`'s year − 1) against the budget schedule and
 * the annual report (220-п 4.16), the refined metrics of regional projects (4.22).
 */
async function noteView(q: Queryable, actor: Actor, v: Row, today: string): Promise<VersionNote> {
  const program = await ownProgram(q, actor, String(v.programId));
  const reasons = (v.reasons as Record<string, string>) ?? {};
  const draft = await documentOf(q, program.id, v);
  const base = v.basedOnId ? await getVersion(q, text(v.basedOnId)) : null;
  let changes: Change[] = [];
  let generated: ExplanatoryNote;
  if (base?.document) {
    changes = diffPrograms(base.document as ProgramDocument, draft);
    generated = explanatoryNote(changes, reasons, await noteMeta(q, program, base, v));
  } else {
    generated = newProgramNote(draft, {
      moneyUnit: await moneyUnitOf(q, String(program.municipalityId)),
      sourceNames: await sourceNamesOf(q, String(program.municipalityId)),
    });
  }
  const reportingYear = Number(today.slice(0, 4)) - 1;
  const conformity = {
    year: reportingYear,
    issues: reportingYearConformity(draft, (base?.document as ProgramDocument | undefined) ?? null, reportingYear),
  };
  const instance = await instanceOfVersion(q, v.id);
  const coExecutorId = instance ? await directionCoExecutorOf(q, instance) : null;
  const editable =
    v.status === "draft" &&
    (!instance || isWithPreparer(instance.state) || instance.state === "discussion") &&
    authorize(actor, "update", workflowTarget(program, v.flow as Flow, coExecutorId, "note")).allowed;
  return {
    versionId: v.id,
    number: Number(v.number),
    status: String(v.status),
    version: v.version,
    kind: v.kind as WorkflowKind,
    generated,
    text: (v.noteText as string | null) ?? noteToText(generated),
    edited: v.noteText !== null && v.noteText !== undefined,
    reasons,
    changes,
    editable,
    conformity,
  };
}

async function loadVersion(q: Queryable, actor: Actor, versionId: string, lock = false): Promise<Row> {
  const v = await getVersion(q, versionId, lock);
  if (!v || v.municipalityId !== actor.municipalityId) throw new NotFoundError("Редакция программы", versionId);
  return v;
}

export async function versionNote(ctx: AppContext, caller: Caller, versionId: string): Promise<VersionNote> {
  const v = await loadVersion(ctx.db, caller.actor, versionId);
  const program = await ownProgram(ctx.db, caller.actor, String(v.programId));
  ensure(caller.actor, "read", workflowTarget(program, v.flow as Flow, null));
  return noteView(ctx.db, caller.actor, v, await todayOf(ctx.db, ctx, caller.actor.municipalityId));
}

/** Saves the reasons of the changes and (or) the edited text of the note of a draft. */
export async function saveVersionNote(
  ctx: AppContext,
  caller: Caller,
  versionId: string,
  input: { version: number; reasons?: Record<string, string>; text?: string | null },
): Promise<VersionNote> {
  const { actor } = caller;
  const issues = [];
  for (const [path, reason] of Object.entries(input.reasons ?? {})) {
    if (path.length > 1000) issues.push({ path: `reasons`, message: "Слишком длинный путь изменения" });
    if (reason.length > 4000) issues.push({ path: `reasons.${path}`, message: "Причина — не длиннее 4000 знаков" });
  }
  if (input.text !== undefined && input.text !== null && input.text.length > 200_000)
    issues.push({ path: "text", message: "Текст записки — не длиннее 200 000 знаков" });
  if (issues.length) throw new ValidationError(issues);
  return ctx.db.tx(async (q) => {
    const v = await loadVersion(q, actor, versionId, true);
    const program = await ownProgram(q, actor, String(v.programId));
    const instance = await instanceOfVersion(q, v.id);
    const coExecutorId = instance ? await directionCoExecutorOf(q, instance) : null;
    ensure(actor, "update", workflowTarget(program, v.flow as Flow, coExecutorId, "note"));
    if (v.status !== "draft") {
      throw new RuleError(
        "Утвержденная (или отозванная) редакция не изменяется, в том числе ее пояснительная записка (220-п, пп. 4.4, 4.14)",
        "220-п 4.14",
      );
    }
    if (v.version !== input.version) {
      throw new ConflictError(
        `Пояснительная записка изменена другим пользователем (версия ${v.version}, у вас ${input.version}). Обновите данные.`,
        await noteView(q, actor, v, await todayOf(q, ctx, actor.municipalityId)),
      );
    }
    if (instance && !(isWithPreparer(instance.state) || instance.state === "discussion")) {
      throw new ConflictError(
        `Проект на этапе «${WORKFLOW_STATE_LABELS[instance.state as WorkflowState].ru}»: записку можно менять, пока проект у разработчика`,
      );
    }
    const reasons =
      input.reasons === undefined
        ? undefined
        : Object.fromEntries(
            Object.entries(input.reasons)
              .filter(([, r]) => r.trim() !== "")
              .map(([p, r]) => [p, r.trim()]),
          );
    const text = input.text === undefined ? undefined : input.text === null || input.text.trim() === "" ? null : input.text;
    const updated = await updateDraftNote(q, v.id, v.version, {
      ...(reasons !== undefined ? { reasons } : {}),
      ...(text !== undefined ? { noteText: text } : {}),
    });
    if (!updated)
      throw new ConflictError(
        "Пояснительная записка изменена другим пользователем. Обновите данные.",
        await noteView(q, actor, v, await todayOf(q, ctx, actor.municipalityId)),
      );
    await audit(q, caller, {
      action: "programVersion.note",
      objectType: "programVersion",
      objectId: v.id,
      before: { reasons: v.reasons, noteText: v.noteText ?? null },
      after: { reasons: updated.reasons, noteText: updated.noteText ?? null },
    });
    return noteView(q, actor, updated, await todayOf(q, ctx, actor.municipalityId));
  });
}

/** The note as a plain text file. */
export async function exportVersionNote(ctx: AppContext, caller: Caller, versionId: string): Promise<{ filename: string; text: string }> {
  const note = await versionNote(ctx, caller, versionId);
  const v = await getVersion(ctx.db, versionId);
  const program = await getRow(ctx.db, resource("program"), String(v!.programId));
  const code = text(program?.code ?? "program").replace(/[^\p{L}\p{N}_-]+/gu, "_");
  return { filename: `Пояснительная записка ${code} ред. ${note.number}.txt`, text: note.text };
}
