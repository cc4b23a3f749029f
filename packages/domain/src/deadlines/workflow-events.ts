/**
 * Deadlines tracked from the steps of a draft's workflow (220-п 4.9, 4.13, 4.18): each appears when
 * its event is recorded — a positive conclusion reaches the executor, the decree approving the
 * program takes effect — and is closed by the step that does what the rule asks: the draft passed
 * on (`handOver`), the approved program placed on the official site (`publish`). Pure: the caller
 * gives the recorded steps and today's date.
 */
import type { IsoDate } from "../dates.ts";
import type { WorkingCalendar } from "../calendar/calendar.ts";
import { dueDate } from "./due.ts";
import { deadlineState } from "./reminders.ts";
import { DEADLINE_EVENTS, type DeadlineRule } from "./rules.ts";
import type { EventDeadline } from "./budget-change.ts";

/** A recorded step of a draft's workflow, as the tracking sees it. */
export interface WorkflowStepFact {
  /** The day the step was taken (the municipality's date). */
  on: IsoDate;
  action: string;
  from: string;
  to: string;
  /** The approving decree's date and, when recorded, the day it takes effect (the `approve` step). */
  decree?: { date: IsoDate; inForceFrom?: IsoDate | null } | null;
}

/** A workflow instance of a program (new program or amendment) with its steps in order. */
export interface WorkflowFacts {
  instanceId: string;
  flow: string;
  programId: string;
  programCode: string;
  responsibleDepartmentId: string | null;
  steps: WorkflowStepFact[];
}

/** An event deadline of one workflow instance, keyed by the instance and the step that started it. */
export interface WorkflowEventDeadline extends EventDeadline {
  instanceId: string;
  /** Index of the starting step in `steps`: a second conclusion after a rework starts a new deadline. */
  stepIndex: number;
}

/** What starts each tracked rule: the step and the state it leaves or enters. */
interface Trigger {
  event: string;
  completedBy: string;
  /** Does this step start the deadline? */
  starts: (s: WorkflowStepFact) => boolean;
  /** Does this later step complete it? */
  completes: (s: WorkflowStepFact, start: WorkflowStepFact) => boolean;
  /** Does this later step make it moot (the draft withdrawn before it was done)? */
  ends: (s: WorkflowStepFact, start: WorkflowStepFact) => boolean;
  /** The day the deadline counts from. */
  eventDate: (s: WorkflowStepFact) => IsoDate;
}

const TRIGGERS: Trigger[] = [
  {
    // 4.9: the economy department's positive conclusion reaches the executor; the full package goes to finance
    event: DEADLINE_EVENTS.economyConclusionPositive,
    completedBy: "sentToFinance",
    starts: (s) => s.action === "positiveConclusion" && s.from === "economyReview",
    completes: (s, start) => s.action === "handOver" && s.from === start.to,
    ends: (s, start) => s.from === start.to && s.to !== start.to,
    eventDate: (s) => s.on,
  },
  {
    // 4.13: the finance department's conclusion reaches the executor; the draft goes to the audit chamber
    event: DEADLINE_EVENTS.financeConclusionPositive,
    completedBy: "sentToAuditChamber",
    starts: (s) => s.action === "positiveConclusion" && s.from === "financeReview",
    completes: (s, start) => s.action === "handOver" && s.from === start.to,
    ends: (s, start) => s.from === start.to && s.to !== start.to,
    eventDate: (s) => s.on,
  },
  {
    // 4.18: placed on the official site within 5 working days of the decree's entry into force
    event: DEADLINE_EVENTS.decreeInForce,
    completedBy: "published",
    starts: (s) => s.action === "approve" && !!s.decree,
    completes: (s) => s.action === "publish",
    ends: () => false,
    eventDate: (s) => s.decree?.inForceFrom ?? s.decree!.date,
  },
];

/**
 * The deadlines of 220-п 4.9, 4.13 and 4.18 of each program workflow: one per starting step, done
 * by the first completing step after it, left out when the draft left the state some other way
 * (withdrawn) before. The rules are found in the municipality's set by their anchor event and
 * completing event, so its own terms apply; a set without such a rule tracks nothing for it.
 */
export function workflowEventDeadlines(
  instances: readonly WorkflowFacts[],
  rules: readonly DeadlineRule[],
  cal: WorkingCalendar,
  today: IsoDate,
): WorkflowEventDeadline[] {
  const out: WorkflowEventDeadline[] = [];
  for (const t of TRIGGERS) {
    const rule = rules.find((r) => r.anchor.type === "event" && r.anchor.event === t.event && r.completedBy === t.completedBy);
    if (!rule) continue;
    for (const i of instances) {
      if (i.flow !== "program") continue;
      i.steps.forEach((s, index) => {
        if (!t.starts(s)) return;
        let doneAt: IsoDate | null = null;
        for (const later of i.steps.slice(index + 1)) {
          if (t.completes(later, s)) {
            doneAt = later.on;
            break;
          }
          if (t.ends(later, s)) return;
        }
        const start = t.eventDate(s);
        const due = dueDate(rule, { eventDate: start }, cal);
        out.push({
          instanceId: i.instanceId,
          stepIndex: index,
          ruleId: rule.id,
          label: rule.label.ru,
          clause: rule.clause,
          actor: rule.actor,
          programId: i.programId,
          programCode: i.programCode,
          directionId: null,
          directionCode: null,
          departmentId: i.responsibleDepartmentId,
          start,
          due,
          doneAt,
          status: deadlineState(due, today, doneAt, cal),
        });
      });
    }
  }
  return out.sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0));
}
