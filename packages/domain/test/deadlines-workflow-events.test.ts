/**
 * 220-п 4.9, 4.13, 4.18: deadlines tracked from the steps of a draft's workflow — each appears when
 * its event is recorded and is closed by the step that does what the paragraph asks. Dates counted
 * by hand on the Russian production calendar of 2026.
 */
import { describe, expect, it } from "vitest";
import { RU_CALENDAR as RU } from "../src/calendar/index.ts";
import { KALUGA_220P_DEADLINES, workflowEventDeadlines, type WorkflowFacts, type WorkflowStepFact } from "../src/deadlines/index.ts";

const step = (on: string, action: string, from: string, to: string, extra: Partial<WorkflowStepFact> = {}): WorkflowStepFact => ({
  on,
  action,
  from,
  to,
  ...extra,
});
const instance = (steps: WorkflowStepFact[], flow = "program"): WorkflowFacts => ({
  instanceId: "w1",
  flow,
  programId: "p1",
  programCode: "МП-1",
  responsibleDepartmentId: "dep-exec",
  steps,
});
const submitted = [step("2026-04-06", "submit", "draft", "economyReview")];
const economyPositive = step("2026-04-14", "positiveConclusion", "economyReview", "financeReview");

describe("220-п п. 4.9: the full package goes to the finance department within 2 working days of the economy's positive conclusion", () => {
  it("appears when the conclusion arrives (Tue 14.04.2026 → due Thu 16.04.2026), open and upcoming", () => {
    const items = workflowEventDeadlines([instance([...submitted, economyPositive])], KALUGA_220P_DEADLINES, RU, "2026-04-15");
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      ruleId: "review.program.toFinance",
      clause: "220-п п. 4.9",
      actor: "executor",
      departmentId: "dep-exec",
      start: "2026-04-14",
      due: "2026-04-16",
      doneAt: null,
      stepIndex: 1,
      status: { state: "upcoming", workingDaysLeft: 1 },
    });
  });

  it("no draft arrived yet: nothing is due", () => {
    expect(workflowEventDeadlines([instance(submitted)], KALUGA_220P_DEADLINES, RU, "2026-04-15")).toEqual([]);
  });

  it("is closed by the hand-over step; late when passed on after the due date; overdue while not passed on", () => {
    const onTime = workflowEventDeadlines(
      [instance([...submitted, economyPositive, step("2026-04-16", "handOver", "financeReview", "financeReview")])],
      KALUGA_220P_DEADLINES,
      RU,
      "2026-04-20",
    );
    expect(onTime[0]).toMatchObject({ doneAt: "2026-04-16", status: { state: "done" } });
    const late = workflowEventDeadlines(
      [instance([...submitted, economyPositive, step("2026-04-17", "handOver", "financeReview", "financeReview")])],
      KALUGA_220P_DEADLINES,
      RU,
      "2026-04-20",
    );
    expect(late[0]!.status.state).toBe("doneLate");
    const open = workflowEventDeadlines([instance([...submitted, economyPositive])], KALUGA_220P_DEADLINES, RU, "2026-04-17");
    expect(open[0]!.status).toEqual({ state: "overdue", workingDaysLeft: -1 });
  });

  it("a direction's order has no hand-over (4.20): not tracked", () => {
    expect(
      workflowEventDeadlines([instance([...submitted, economyPositive], "directionOrder")], KALUGA_220P_DEADLINES, RU, "2026-04-15"),
    ).toEqual([]);
  });

  it("a rule set without the rule tracks nothing for it", () => {
    const rules = KALUGA_220P_DEADLINES.filter((r) => r.id !== "review.program.toFinance");
    expect(workflowEventDeadlines([instance([...submitted, economyPositive])], rules, RU, "2026-04-15")).toEqual([]);
  });
});

describe("220-п п. 4.13: the draft goes to the audit chamber within 2 working days of the finance department's conclusion", () => {
  const steps = [
    ...submitted,
    economyPositive,
    step("2026-04-15", "handOver", "financeReview", "financeReview"),
    step("2026-04-24", "positiveConclusion", "financeReview", "auditReview"),
  ];
  it("Fri 24.04.2026 → due Tue 28.04.2026; the 4.9 deadline before it is done", () => {
    const items = workflowEventDeadlines([instance(steps)], KALUGA_220P_DEADLINES, RU, "2026-04-27");
    expect(items.map((i) => [i.ruleId, i.due, i.status.state])).toEqual([
      ["review.program.toFinance", "2026-04-16", "done"],
      ["review.program.toAuditChamber", "2026-04-28", "upcoming"],
    ]);
    expect(items[1]!.clause).toBe("220-п п. 4.13");
  });
  it("closed by the hand-over to the audit chamber", () => {
    const items = workflowEventDeadlines(
      [instance([...steps, step("2026-04-28", "handOver", "auditReview", "auditReview")])],
      KALUGA_220P_DEADLINES,
      RU,
      "2026-05-05",
    );
    expect(items.find((i) => i.ruleId === "review.program.toAuditChamber")).toMatchObject({
      doneAt: "2026-04-28",
      status: { state: "done" },
    });
  });
  it("a second positive conclusion after a rework starts a new deadline of its own", () => {
    const again = [
      ...submitted,
      step("2026-04-08", "negativeConclusion", "economyReview", "economyRework"),
      step("2026-04-10", "resubmit", "economyRework", "economyReview"),
      economyPositive,
    ];
    const items = workflowEventDeadlines([instance(again)], KALUGA_220P_DEADLINES, RU, "2026-04-15");
    expect(items.map((i) => i.stepIndex)).toEqual([3]);
  });
});

describe("220-п п. 4.18: published within 5 working days of the decree's entry into force, closed by the publish step", () => {
  const approved = step("2026-04-27", "approve", "approval", "approved", { decree: { date: "2026-04-27", inForceFrom: "2026-04-30" } });
  it("counted from the entry into force (30.04.2026 → 08.05.2026), not from the decree's date", () => {
    const [item] = workflowEventDeadlines([instance([approved])], KALUGA_220P_DEADLINES, RU, "2026-05-06");
    expect(item).toMatchObject({ ruleId: "program.publication", clause: "220-п п. 4.18", start: "2026-04-30", due: "2026-05-08" });
    expect(item!.status.state).toBe("upcoming");
  });
  it("without a recorded entry into force, from the decree's date (27.04.2026 → 05.05.2026)", () => {
    const noEffective = step("2026-04-27", "approve", "approval", "approved", { decree: { date: "2026-04-27" } });
    expect(workflowEventDeadlines([instance([noEffective])], KALUGA_220P_DEADLINES, RU, "2026-05-06")[0]).toMatchObject({
      due: "2026-05-05",
      status: { state: "overdue" },
    });
  });
  it("the publish step closes it", () => {
    const items = workflowEventDeadlines(
      [instance([approved, step("2026-05-07", "publish", "approved", "published")])],
      KALUGA_220P_DEADLINES,
      RU,
      "2026-05-12",
    );
    expect(items[0]).toMatchObject({ doneAt: "2026-05-07", status: { state: "done" } });
  });
});
