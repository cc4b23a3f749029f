/**
 * A step of the workflow: who may take it and when, what it needs, the check of an amendment
 * against the version in force, approval with its snapshot, withdrawal restoring the rows.
 */
import {
  fullNamesOf,
  approveVersion,
  cancelVersion,
  getMonitoringSettings,
  getMunicipality,
  getVersion,
  hasApprovedVersion,
  lastApprovedVersion,
  latestDiscussionOf,
  insertWorkflowConclusion,
  insertWorkflowTransition,
  listWorkflowConclusions,
  setProgramStatus,
  updateInstance,
  type Queryable,
  type Row,
} from "@orientir/db";
import {
  CalendarRangeError,
  ConflictError,
  ForbiddenError,
  RuleError,
  ValidationError,
  WORKFLOW_STATE_LABELS,
  addDays,
  addWorkingDays,
  amendmentError,
  applyTransition,
  builtinCalendar,
  calendarFromData,
  dayOfWeek,
  diffPrograms,
  ensure,
  explanatoryNote,
  stageOfState,
  ROLE_LABELS,
  statusOfState,
  type ConclusionRecord,
  type Flow,
  type IsoDate,
  type ProgramDocument,
  type ReviewStage,
  type TransitionInput,
  type WorkflowInstance,
  type WorkflowKind,
  type WorkflowState,
  type WorkingCalendar,
  withRecordOf,
} from "@orientir/domain";
import type { AppContext, Caller } from "../context.ts";
import { audit } from "../audit.ts";
import { lockedYearsOf, restoring, todayOf } from "../change-rules.ts";
import { checkDraftAttachments } from "./attachments.ts";
import { restoreProgramContent } from "../import/index.ts";
import { noteMeta, ownProgram, workflowTarget, directionCoExecutorOf, liveDocument, loadInstance } from "./shared.ts";
import type { WorkflowView } from "@orientir/contracts";
import { buildView } from "./views.ts";
import type { WorkflowStepBody } from "@orientir/contracts";
import { text } from "../row-values.ts";
import { notifyWorkflowStep } from "./notify.ts";

/**
 * The answers to the remarks of the negative conclusion that returned the draft, given with its
 * resubmission: one for each remark, in order, none empty. Answers with any other step are refused.
 */
function checkAnswers(
  action: string,
  state: string,
  answers: string[] | undefined,
  conclusions: Record<string, unknown>[],
): string[] | null {
  if (answers === undefined) return null;
  if (action !== "resubmit")
    throw new ValidationError([
      {
        path: "input.answers",
        message: "Ответы на замечания даются при повторном направлении на экспертизу",
        messageEn: "Answers go with a resubmission",
      },
    ]);
  const stage = stageOfState(state as WorkflowState);
  const last = [...conclusions].reverse().find((c) => c.stage === stage && c.result === "negative");
  const remarks = Array.isArray(last?.remarks) ? (last.remarks as unknown[]) : [];
  const issues: { path: string; message: string; messageEn: string }[] = [];
  if (answers.length !== remarks.length)
    issues.push({
      path: "input.answers",
      message: `Нужен ответ на каждое замечание: замечаний ${remarks.length}, ответов ${answers.length}`,
      messageEn: `One answer per remark: ${remarks.length} remarks, ${answers.length} answers`,
    });
  answers.forEach((a, k) => {
    if (!a.trim())
      issues.push({ path: `input.answers[${k}]`, message: `Нет ответа на замечание ${k + 1}`, messageEn: `No answer to remark ${k + 1}` });
  });
  if (issues.length) throw new ValidationError(issues, issues[0]!.message);
  return answers.map((a) => a.trim());
}

/** The municipality's working-day calendar: its own (monitoring settings) or its country's. */
async function calendarOf(q: Queryable, municipalityId: string): Promise<WorkingCalendar | null> {
  const settings = await getMonitoringSettings(q, municipalityId);
  if (settings.calendar) {
    try {
      return calendarFromData(settings.calendar);
    } catch {
      /* an invalid stored calendar: the country's */
    }
  }
  const m = await getMunicipality(q, municipalityId);
  try {
    return builtinCalendar(String(m?.country ?? "RU"));
  } catch {
    return null;
  }
}

/**
 * Working days by the calendar; outside the years it covers (or with none), Monday to Friday, so
 * that a term is still shown rather than the draft stuck.
 */
function workingDaysAdder(cal: WorkingCalendar | null): (date: IsoDate, n: number) => IsoDate {
  return (date, n) => {
    if (cal) {
      try {
        return addWorkingDays(cal, date, n);
      } catch (e) {
        if (!(e instanceof CalendarRangeError)) throw e;
      }
    }
    let d = date;
    for (let left = n; left > 0;) {
      d = addDays(d, 1);
      const w = dayOfWeek(d);
      if (w !== 0 && w !== 6) left--;
    }
    return d;
  };
}

/** The domain's instance from the stored rows (the history is not needed to take a step). */
function domainInstance(i: Row, conclusions: Record<string, unknown>[], v: Row): WorkflowInstance {
  const latest: Partial<Record<ReviewStage, ConclusionRecord>> = {};
  for (const c of conclusions) {
    latest[c.stage as ReviewStage] = {
      stage: c.stage as ReviewStage,
      result: c.result as "positive" | "negative",
      remarks: (c.remarks as string[]) ?? [],
      document: String(c.document),
      date: String(c.conclusionDate),
      userId: text(c.authorId ?? ""),
    };
  }
  return {
    id: i.id,
    flow: i.flow as Flow,
    kind: i.kind as WorkflowKind,
    discussionRequired: Boolean(i.discussionRequired),
    state: i.state as WorkflowState,
    since: String(i.since),
    dueDate: (i.dueDate as string | null) ?? null,
    dueClause: (i.dueClause as string | null) ?? null,
    ...(i.discussion ? { discussion: i.discussion as WorkflowInstance["discussion"] } : {}),
    conclusions: latest,
    ...(v.decreeNumber ? { decree: { number: text(v.decreeNumber), date: text(v.decreeDate) } } : {}),
    history: [],
  };
}

/**
 * Before an amendment goes to review (and again when it is approved): the rules of change on the
 * whole draft against the version in force (3.1.4, 3.1.6, 4.16, 6.16); before review also the
 * note: every change needs its reason (4.7.1).
 */
async function checkAmendmentDraft(q: Queryable, program: Row, v: Row, today: IsoDate, withReasons: boolean): Promise<void> {
  if (v.kind !== "amendment" || !v.basedOnId) return;
  const base = await getVersion(q, text(v.basedOnId));
  if (!base?.document) return;
  const flow = v.flow as Flow;
  const draft = await liveDocument(q, program.id, flow, (v.directionCode as string | null) ?? null);
  const approved = base.document as ProgramDocument;
  const ruleError = amendmentError(approved, draft, today, await lockedYearsOf(q, program.id));
  if (ruleError) throw ruleError;
  if (!withReasons) return;
  const changes = diffPrograms(approved, draft);
  if (changes.length === 0) {
    throw new ValidationError([
      { path: "changes", message: "В проекте изменений нет ни одного изменения по сравнению с действующей редакцией" },
    ]);
  }
  const reasons = (v.reasons as Record<string, string>) ?? {};
  const note = explanatoryNote(changes, reasons, await noteMeta(q, program, base, v));
  if (note.missingReasons.length > 0) {
    throw new ValidationError(
      note.missingReasons.map((path) => ({
        path: `reasons.${path}`,
        message: `Не указана причина изменения (пояснительная записка, 220-п п. 4.7.1): ${changes.find((c) => c.path === path)?.label ?? path}`,
        messageEn: `No reason given for the change ${path} (220-п 4.7.1)`,
      })),
      `Пояснительная записка: не указаны причины ${note.missingReasons.length} изменений (220-п, п. 4.7.1)`,
    );
  }
}

/** Takes a step of the workflow: checks who, when and what it needs, records it, audits it. */
export async function takeWorkflowStep(ctx: AppContext, caller: Caller, instanceId: string, step: WorkflowStepBody): Promise<WorkflowView> {
  const { actor } = caller;
  return ctx.db.tx(async (q) => {
    const i = await loadInstance(q, actor, instanceId, true);
    const program = await ownProgram(q, actor, String(i.programId));
    const coExecutorId = await directionCoExecutorOf(q, i);
    ensure(actor, "update", workflowTarget(program, i.flow, coExecutorId, step.action));
    const today = await todayOf(q, ctx, actor.municipalityId);
    if (i.version !== step.version) {
      throw new ConflictError(
        `Процесс согласования изменен другим пользователем (версия ${i.version}, у вас ${step.version}): сейчас «${WORKFLOW_STATE_LABELS[i.state].ru}». Обновите данные.`,
        await buildView(q, actor, i, today),
      );
    }
    const v = (await getVersion(q, String(i.programVersionId), true))!;
    const conclusions = await listWorkflowConclusions(q, i.id);
    const { answers: givenAnswers, ...input }: TransitionInput & { answers?: string[] } = step.input ?? {};
    const answers = checkAnswers(step.action, i.state, givenAnswers, conclusions);
    const r = applyTransition(
      domainInstance(i, conclusions, v),
      step.action,
      { role: actor.role, userId: actor.userId },
      input,
      today,
      workingDaysAdder(await calendarOf(q, actor.municipalityId)),
    );
    if (!r.ok) {
      if (r.error.code === "forbidden") throw new ForbiddenError(r.error.message);
      if (r.error.code === "missingInput")
        throw new ValidationError([{ path: "input", message: r.error.message, messageEn: r.error.messageEn }], r.error.message);
      throw new ConflictError(r.error.message, await buildView(q, actor, i, today));
    }
    // a draft published on the portal for discussion goes on to review only with the
    // discussion's protocol generated (issue 14, part 4; 220-п 4.5)
    if (step.action === "submit" && i.state === "discussion" && v.flow === "program") {
      const d = await latestDiscussionOf(q, program.id);
      if (d && !d.hasProtocol)
        throw new RuleError(
          "Нужен протокол общественного обсуждения на портале: составьте его по окончании срока обсуждения",
          "portal.protocolRequired",
          [{ path: "publication", message: d.publicationId }],
        );
    }
    const next = r.instance;
    const entry = next.history[next.history.length - 1]!;
    if (step.action === "submit" || step.action === "resubmit") await checkAmendmentDraft(q, program, v, today, true);
    // 220-п 4.7, 4.7.1, 4.19: the documents the draft needs, where the municipality's setting asks for them
    if (step.action === "submit" || step.action === "resubmit") await checkDraftAttachments(q, actor.municipalityId, v);
    if (step.action === "approve") await checkAmendmentDraft(q, program, v, today, false);
    // an amendment is a working copy: withdrawn, its changes go and the version in force is the
    // program's content again (the facts entered meanwhile stay) — done while the draft is still
    // with its preparer, so the rows may change
    if (step.action === "cancel" && v.flow === "program" && v.kind === "amendment" && v.basedOnId) {
      const base = await getVersion(q, text(v.basedOnId));
      if (base?.document) {
        const live = await liveDocument(q, program.id, "program", null);
        const restored = await restoreProgramContent(
          q,
          ctx,
          restoring(caller),
          program.id,
          withRecordOf(base.document as ProgramDocument, live),
        );
        if (restored > 0) {
          await audit(q, caller, {
            action: "programVersion.restore",
            objectType: "programVersion",
            objectId: v.id,
            after: { restoredFrom: base.number, rows: restored },
          });
        }
      }
    }
    // a direction's order withdrawn: that direction's rows go back to its content as last approved
    // (by its former order or by the program's version in force, whichever is later); the rest of
    // the program and the facts entered meanwhile stay
    if (step.action === "cancel" && v.flow === "directionOrder" && v.directionCode) {
      const code = String(v.directionCode);
      const candidates = [
        await lastApprovedVersion(q, program.id, "program", null),
        v.basedOnId ? await getVersion(q, String(v.basedOnId)) : null,
      ];
      const base = candidates
        .filter((x): x is NonNullable<typeof x> => !!x?.document && (x.document as ProgramDocument).directions.some((d) => d.code === code))
        .sort((a, b) => approvedTime(b) - approvedTime(a))[0];
      if (base) {
        const live = await liveDocument(q, program.id, "program", null);
        const approvedDirection = (base.document as ProgramDocument).directions.find((d) => d.code === code)!;
        const target = withRecordOf({ ...live, directions: live.directions.map((d) => (d.code === code ? approvedDirection : d)) }, live);
        const restored = await restoreProgramContent(q, ctx, restoring(caller), program.id, target);
        if (restored > 0) {
          await audit(q, caller, {
            action: "programVersion.restore",
            objectType: "programVersion",
            objectId: v.id,
            after: { restoredFrom: base.number, direction: code, rows: restored },
          });
        }
      }
    }

    const payload: Record<string, unknown> = {};
    if (entry.period) payload.period = entry.period;
    if (entry.protocol) payload.protocol = entry.protocol;
    if (entry.decree) payload.decree = entry.decree;
    if (entry.remarks) payload.remarks = entry.remarks;
    if (answers) payload.answers = answers;
    if (entry.conclusion) {
      payload.conclusion = {
        stage: entry.conclusion.stage,
        result: entry.conclusion.result,
        document: entry.conclusion.document,
        date: entry.conclusion.date,
      };
      if (entry.conclusion.remarks.length > 0) payload.remarks = entry.conclusion.remarks;
    }
    const updated = await updateInstance(q, i.id, i.version, {
      state: next.state,
      since: next.since,
      dueDate: next.dueDate,
      dueClause: next.dueClause,
      discussion: next.discussion ?? null,
    });
    if (!updated) throw new ConflictError("Процесс согласования изменен другим пользователем. Обновите данные.");
    const t = await insertWorkflowTransition(q, {
      municipalityId: actor.municipalityId,
      instanceId: i.id,
      onDate: today,
      at: ctx.now().toISOString(),
      actorId: actor.userId,
      actorLogin: actor.login,
      role: actor.role,
      action: step.action,
      fromState: String(i.state),
      toState: next.state,
      dueDate: next.dueDate,
      payload,
      requestId: caller.requestId,
    });
    if (entry.conclusion) {
      await insertWorkflowConclusion(q, {
        municipalityId: actor.municipalityId,
        instanceId: i.id,
        transitionId: t.id,
        stage: entry.conclusion.stage,
        result: entry.conclusion.result,
        document: entry.conclusion.document,
        conclusionDate: entry.conclusion.date,
        remarks: entry.conclusion.remarks,
        authorId: actor.userId,
        authorLogin: actor.login,
      });
    }
    const flow = i.flow;
    const directionCode = v.directionCode ?? null;
    if (step.action === "approve") {
      const document = await liveDocument(q, program.id, flow, directionCode);
      const approved = await approveVersion(q, v.id, {
        document,
        decreeNumber: next.decree!.number,
        decreeDate: next.decree!.date,
        approvedAt: ctx.now().toISOString(),
        approvedBy: actor.userId,
        approvedByLogin: actor.login,
      });
      await audit(q, caller, {
        action: "programVersion.approve",
        objectType: "programVersion",
        objectId: v.id,
        before: { status: v.status },
        after: {
          status: approved.status,
          number: approved.number,
          flow,
          directionCode,
          decreeNumber: approved.decreeNumber,
          decreeDate: approved.decreeDate,
        },
      });
    }
    if (step.action === "cancel") await cancelVersion(q, v.id);
    await notifyWorkflowStep(q, ctx, actor, {
      program,
      versionId: v.id,
      versionNumber: Number(v.number),
      flow: i.flow,
      directionCode: directionCode ?? null,
      coExecutorId,
      action: step.action,
      from: i.state,
      to: next.state,
      dueDate: next.dueDate,
      remarks: entry.conclusion?.remarks ?? entry.remarks ?? [],
      transitionId: t.id,
      // a person by their name; without one, by their role — never by a login
      actorName: (await fullNamesOf(q, [actor.userId])).get(actor.userId) || ROLE_LABELS[actor.role].ru,
    });
    if (flow === "program") {
      const status =
        next.state === "cancelled" ? ((await hasApprovedVersion(q, program.id)) ? "approved" : "draft") : statusOfState(next.state);
      await setProgramStatus(q, program.id, status);
    }
    await audit(q, caller, {
      action: `workflow.${step.action}`,
      objectType: "workflowInstance",
      objectId: i.id,
      before: { state: i.state, version: i.version },
      after: {
        state: next.state,
        version: updated.version,
        programId: program.id,
        programVersionId: v.id,
        dueDate: next.dueDate,
        ...payload,
      },
    });
    return buildView(q, actor, updated, today);
  });
}

/** When a version was approved, as a number to order by (0 when it was not). */
function approvedTime(v: { approvedAt: string | null }): number {
  return v.approvedAt ? Date.parse(v.approvedAt) : 0;
}
