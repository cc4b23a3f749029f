/**
 * Approval that talks (issue 13, part 6): every step of a draft's way — sent for review,
 * conclusion, return for rework, hand-over, approval, publication, withdrawal — tells whoever must
 * act next or is affected, in the app and (with SMTP configured) by e-mail through the outbox.
 */
import {
  enqueueJob,
  insertNotification,
  insertOutboxMail,
  membersOfMunicipality,
  type Queryable,
  type Recipient,
  type Row,
} from "@orientir/db";
import {
  REVIEWER_ROLES,
  WORKFLOW_ACTION_LABELS,
  WORKFLOW_STATE_LABELS,
  stageOfState,
  type Actor,
  type Flow,
  type WorkflowAction,
  type WorkflowState,
} from "@orientir/domain";
import type { AppContext } from "../context.ts";
import { text, textOrNull } from "../row-values.ts";

export interface StepNotice {
  program: Row;
  versionId: string;
  versionNumber: number;
  flow: Flow;
  directionCode: string | null;
  /** The direction's co-executor (department id) for a direction's order. */
  coExecutorId: string | null;
  action: WorkflowAction;
  from: WorkflowState;
  to: WorkflowState;
  dueDate: string | null;
  remarks: string[];
  transitionId: string;
  actorName: string;
}

/**
 * What happened, as the notification's title says it (a past event, not the action's imperative
 * label: «Проект утвержден», not «Зарегистрировать акт об утверждении»).
 */
export const WORKFLOW_EVENT_TEXTS: Record<WorkflowAction, string> = {
  startDiscussion: "Проект вынесен на общественное обсуждение",
  submit: "Проект направлен на экспертизу",
  positiveConclusion: "Положительное заключение",
  negativeConclusion: "Отрицательное заключение, проект возвращен на доработку",
  resubmit: "Проект направлен на повторную экспертизу",
  handOver: "Проект передан на экспертизу",
  approve: "Проект утвержден",
  publish: "Размещено на официальном сайте",
  cancel: "Проект отозван",
};

/** «31.12.2025» */
function ruDate(iso: string): string {
  const [y, m, d] = iso.split("-");
  return `${d}.${m}.${y}`;
}

/** Who must act or is affected by a step: the preparer (executor, or a direction's co-executor), a reviewer role, the approver. */
export function recipientsOfStep(
  n: Pick<StepNotice, "program" | "flow" | "coExecutorId" | "action" | "to">,
  members: Recipient[],
): Recipient[] {
  const preparerDepartment = n.flow === "directionOrder" ? n.coExecutorId : textOrNull(n.program.responsibleDepartmentId);
  const preparerRole = n.flow === "directionOrder" ? "coexecutor" : "executor";
  const preparer = (m: Recipient) => m.role === preparerRole && preparerDepartment !== null && m.departmentId === preparerDepartment;
  const reviewer = (state: WorkflowState) => {
    const stage = stageOfState(state);
    return (m: Recipient) => stage !== null && state.endsWith("Review") && m.role === REVIEWER_ROLES[stage];
  };
  const approver = (m: Recipient) => (n.flow === "program" ? m.role === "head" : preparer(m));
  const economy = (m: Recipient) => m.role === "economy";
  let who: (m: Recipient) => boolean;
  switch (n.action) {
    case "submit":
    case "resubmit":
    case "handOver":
      who = reviewer(n.to);
      break;
    case "startDiscussion":
      who = economy;
      break;
    case "negativeConclusion":
      who = preparer;
      break;
    case "positiveConclusion":
      // the preparer hears of it (and hands the draft over where 4.9, 4.13 ask); the next reviewer or the approver acts
      who = (m) => preparer(m) || (n.flow === "directionOrder" && reviewer(n.to)(m)) || (n.to === "approval" && approver(m));
      break;
    case "approve":
      who = (m) => preparer(m) || economy(m);
      break;
    case "publish":
      // published by the preparer or, for them, by an administrator: the preparer hears of it then
      who = (m) => economy(m) || m.role === "finance" || preparer(m);
      break;
    case "cancel":
      who = (m) => economy(m) || preparer(m);
      break;
  }
  return members.filter(who);
}

/** Writes the notifications of a step (and its mails to the outbox, with SMTP configured), except to the one who took it. */
export async function notifyWorkflowStep(q: Queryable, ctx: AppContext, actor: Actor, n: StepNotice): Promise<number> {
  const members = (await membersOfMunicipality(q, actor.municipalityId)).filter((m) => m.userId !== actor.userId);
  const to = recipientsOfStep(n, members);
  if (to.length === 0) return 0;
  const what = n.flow === "directionOrder" ? `распоряжение по направлению ${n.directionCode ?? ""}` : `редакция ${n.versionNumber}`;
  const where = `${text(n.program.code)} «${text(n.program.name)}», ${what}`;
  const title = `${WORKFLOW_EVENT_TEXTS[n.action]}: ${where}`;
  const lines = [
    `${WORKFLOW_ACTION_LABELS[n.action].ru}: ${n.actorName}.`,
    `Этап: ${WORKFLOW_STATE_LABELS[n.to].ru}${n.dueDate ? `, срок — ${ruDate(n.dueDate)}` : ""}.`,
    ...(n.remarks.length ? ["Замечания:", ...n.remarks.map((r, i) => `${i + 1}. ${r}`)] : []),
  ];
  const body = lines.join("\n");
  const link = `/versions/${n.versionId}`;
  const at = ctx.now().toISOString();
  for (const m of to) {
    await insertNotification(q, {
      municipalityId: actor.municipalityId,
      userId: m.userId,
      programId: n.program.id,
      kind: `workflow.${n.action}`,
      title,
      body,
      link,
      deadlineKey: null,
      moment: null,
      dueDate: n.dueDate,
      at,
    });
    if (!ctx.config.emailNotifications || !m.email) continue;
    const mailId = await insertOutboxMail(q, {
      municipalityId: actor.municipalityId,
      userId: m.userId,
      toAddress: m.email,
      subject: `[Ориентир] ${title}`,
      body: `${m.fullName},\n\n${body}\n\nОткрыть: ${link}\n\n— Ориентир`,
      deadlineKey: `workflow:${n.transitionId}`,
      moment: "step",
      at,
    });
    if (mailId) {
      await enqueueJob(q, {
        kind: "email.send",
        payload: { outboxId: mailId },
        uniqueKey: `email:${mailId}`,
        runAt: at,
        municipalityId: actor.municipalityId,
        maxAttempts: 8,
      });
    }
  }
  return to.length;
}
