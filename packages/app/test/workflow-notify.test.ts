/**
 * Approval that talks (issue 13, part 6): who each step of a draft's way notifies — whoever must
 * act next or is affected, and nobody else (recipientsOfStep, a pure choice over the members).
 */
import { describe, expect, it } from "vitest";
import type { Recipient } from "@orientir/db";
import { recipientsOfStep, type StepNotice } from "../src/workflow/notify.ts";

const member = (login: string, role: string, departmentId: string | null = null): Recipient => ({
  userId: `u-${login}`,
  login,
  fullName: login.toUpperCase(),
  email: null,
  role,
  departmentId,
});
const MEMBERS = [
  member("executor", "executor", "dep-own"),
  member("otherExecutor", "executor", "dep-other"),
  member("coexecutor", "coexecutor", "dep-co"),
  member("otherCo", "coexecutor", "dep-other"),
  member("economy", "economy"),
  member("finance", "finance"),
  member("audit", "audit"),
  member("head", "head"),
  member("viewer", "viewer"),
  member("admin", "admin"),
];
const program = { id: "p1", version: 1, code: "MP-1", name: "Программа", responsibleDepartmentId: "dep-own" };

function who(n: Pick<StepNotice, "flow" | "action" | "to">): string[] {
  return recipientsOfStep({ program, coExecutorId: n.flow === "directionOrder" ? "dep-co" : null, ...n }, MEMBERS)
    .map((m) => m.login)
    .sort();
}

describe("who a step of a program's draft notifies", () => {
  it.each([
    ["startDiscussion", "discussion", ["economy"]],
    ["submit", "economyReview", ["economy"]],
    ["negativeConclusion", "economyRework", ["executor"]],
    ["resubmit", "economyReview", ["economy"]],
    // after a positive conclusion the executor must hand the draft over (4.9, 4.13): they are told
    ["positiveConclusion", "financeReview", ["executor"]],
    ["handOver", "financeReview", ["finance"]],
    ["handOver", "auditReview", ["audit"]],
    // the last conclusion: the head must approve, the executor hears of it
    ["positiveConclusion", "approval", ["executor", "head"]],
    ["approve", "approved", ["economy", "executor"]],
    // published (by the executor, or an administrator for them): the departments and the preparer
    ["publish", "published", ["economy", "executor", "finance"]],
    ["cancel", "cancelled", ["economy", "executor"]],
  ] as const)("%s (to %s) → %j", (action, to, expected) => {
    expect(who({ flow: "program", action, to })).toEqual([...expected].sort());
  });

  it("never the viewer, nor another department's executor, whatever the step", () => {
    for (const action of [
      "startDiscussion",
      "submit",
      "negativeConclusion",
      "resubmit",
      "positiveConclusion",
      "handOver",
      "approve",
      "publish",
      "cancel",
    ] as const) {
      const got = who({ flow: "program", action, to: action === "positiveConclusion" ? "approval" : "economyReview" });
      expect(got).not.toContain("viewer");
      expect(got).not.toContain("otherExecutor");
    }
  });
});

describe("who a step of a direction's order notifies", () => {
  it.each([
    ["submit", "economyReview", ["economy"]],
    ["negativeConclusion", "economyRework", ["coexecutor"]],
    // the order goes on to the finance review at once: finance acts, the co-executor hears
    ["positiveConclusion", "financeReview", ["coexecutor", "finance"]],
    // the co-executor's head signs the order: the co-executor's department is told
    ["positiveConclusion", "approval", ["coexecutor"]],
    ["approve", "approved", ["coexecutor", "economy"]],
    ["publish", "published", ["coexecutor", "economy", "finance"]],
  ] as const)("%s (to %s) → %j", (action, to, expected) => {
    expect(who({ flow: "directionOrder", action, to })).toEqual([...expected].sort());
  });
});
