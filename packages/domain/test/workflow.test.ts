import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { RU_CALENDAR, addWorkingDays } from "../src/calendar/index.ts";
import { ROLES, type Role } from "../src/model/enums.ts";
import { authorize, type Actor } from "../src/policies/permissions.ts";
import {
  CLOSED_STATES,
  FLOW_STAGES,
  WORKFLOW_ACTIONS,
  WORKFLOW_STATES,
  WORKFLOW_TRANSITIONS,
  applicableLegalDeadlines,
  applyTransition,
  availableActions,
  awaitsHandOver,
  contextOf,
  isOverdue,
  legalDeadlines,
  startWorkflow,
  statusOfState,
  workQueue,
  type Flow,
  type TransitionInput,
  type WorkflowAction,
  type WorkflowInstance,
  type WorkflowKind,
} from "../src/workflow/index.ts";

const add = (d: string, n: number) => addWorkingDays(RU_CALENDAR, d, n);
const actor = (role: Role) => ({ role, userId: `u-${role}` });
const FULL: TransitionInput = {
  period: { from: "2026-03-02", to: "2026-03-16" },
  protocol: { date: "2026-03-17", number: "П-1" },
  conclusion: { document: "Заключение № 1" },
  remarks: ["Уточнить значения индикатора"],
  decree: { number: "123-п", date: "2026-03-20" },
};

function step(i: WorkflowInstance, action: WorkflowAction, role: Role, today: string, input: TransitionInput = FULL): WorkflowInstance {
  const r = applyTransition(i, action, actor(role), input, today, add);
  if (!r.ok) throw new Error(`${action} by ${role} in ${i.state}: ${r.error.message}`);
  return r.instance;
}

describe("the table of transitions", () => {
  it("has at most one transition per flow, state, action and condition, and each cites 220-п", () => {
    const keys = WORKFLOW_TRANSITIONS.map((t) => `${t.flow} ${t.from} ${t.action} ${(t.when ?? []).join(",")}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const t of WORKFLOW_TRANSITIONS) expect(t.clause, `${t.flow} ${t.from} ${t.action}`).toMatch(/^220-п \d/);
  });

  it("has no way out of a published or withdrawn draft", () => {
    for (const t of WORKFLOW_TRANSITIONS) expect(["published", "cancelled"]).not.toContain(t.from);
  });

  it("gives each conclusion to its reviewer only, and each direction order no audit chamber review", () => {
    for (const t of WORKFLOW_TRANSITIONS.filter((x) => x.review)) expect(t.roles).toEqual([t.review!.stage]);
    expect(WORKFLOW_TRANSITIONS.some((t) => t.flow === "directionOrder" && (t.from === "auditReview" || t.to === "auditReview"))).toBe(
      false,
    );
  });
});

describe("a new program", () => {
  it("goes through discussion, three reviews with a negative conclusion and rework, approval and publication", () => {
    let i = startWorkflow({ id: "w1", flow: "program", kind: "program", today: "2026-03-02" });
    expect(i.discussionRequired).toBe(true);
    // a new program may not skip its public discussion
    const skip = applyTransition(i, "submit", actor("executor"), {}, "2026-03-02", add);
    expect(skip.ok).toBe(false);
    if (!skip.ok) expect(skip.error.message).toContain("4.5");

    i = step(i, "startDiscussion", "executor", "2026-03-02");
    expect(i.state).toBe("discussion");
    expect(i.dueDate).toBe("2026-03-16"); // the end of the period
    // no protocol: refused, naming what is missing
    const noProtocol = applyTransition(i, "submit", actor("executor"), {}, "2026-03-17", add);
    expect(noProtocol.ok).toBe(false);
    if (!noProtocol.ok) expect(noProtocol.error.message).toContain("протокол");

    i = step(i, "submit", "executor", "2026-03-17");
    expect(i.state).toBe("economyReview");
    expect(i.dueDate).toBe("2026-03-24"); // 5 working days
    expect(i.dueClause).toBe("220-п 4.8");
    expect(statusOfState(i.state)).toBe("review");

    // a negative conclusion needs remarks
    const bare = applyTransition(i, "negativeConclusion", actor("economy"), { conclusion: { document: "З-1" } }, "2026-03-18", add);
    expect(bare.ok).toBe(false);
    i = step(i, "negativeConclusion", "economy", "2026-03-18");
    expect(i.state).toBe("economyRework");
    expect(i.conclusions.economy).toMatchObject({
      result: "negative",
      remarks: ["Уточнить значения индикатора"],
      document: "Заключение № 1",
    });
    expect(i.dueDate).toBe("2026-03-25"); // rework: at most 5 working days (4.11)
    i = step(i, "resubmit", "executor", "2026-03-20");
    expect(i.state).toBe("economyReview");
    i = step(i, "positiveConclusion", "economy", "2026-03-23");
    expect(i.state).toBe("financeReview");
    expect(i.conclusions.economy!.result).toBe("positive");
    expect([i.dueDate, i.dueClause]).toEqual(["2026-03-25", "220-п 4.9"]); // passed on within 2 working days
    i = step(i, "handOver", "executor", "2026-03-23");
    expect([i.dueDate, i.dueClause]).toEqual(["2026-03-30", "220-п 4.10"]); // the finance review: 5 working days from receipt
    i = step(i, "positiveConclusion", "finance", "2026-03-24");
    expect(i.state).toBe("auditReview");
    expect([i.dueDate, i.dueClause]).toEqual(["2026-03-26", "220-п 4.13"]); // to the audit chamber within 2 working days
    i = step(i, "handOver", "executor", "2026-03-24");
    expect(i.dueDate).toBeNull(); // the decree sets no term for the audit chamber
    i = step(i, "positiveConclusion", "audit", "2026-03-25");
    expect(i.state).toBe("approval");
    // the decree may not be dated in the future
    const future = applyTransition(i, "approve", actor("head"), { decree: { number: "1", date: "2026-04-01" } }, "2026-03-26", add);
    expect(future.ok).toBe(false);
    i = step(i, "approve", "head", "2026-03-26", { decree: { number: "123-п", date: "2026-03-26" } });
    expect(i.state).toBe("approved");
    expect(i.decree).toEqual({ number: "123-п", date: "2026-03-26" });
    expect(i.dueDate).toBe("2026-04-02"); // published within 5 working days of the decree (4.18)
    i = step(i, "publish", "executor", "2026-03-30");
    expect(i.state).toBe("published");
    expect(i.history.map((h) => h.action)).toEqual([
      "startDiscussion",
      "submit",
      "negativeConclusion",
      "resubmit",
      "positiveConclusion",
      "handOver",
      "positiveConclusion",
      "handOver",
      "positiveConclusion",
      "approve",
      "publish",
    ]);
  });

  it("220-п п. 4.9: the package goes to the finance department within 2 working days of the economy's positive conclusion — tracked until handed over, overdue after", () => {
    let i = startWorkflow({ id: "w", flow: "program", kind: "amendment", today: "2026-04-27" });
    i = step(i, "submit", "executor", "2026-04-27");
    i = step(i, "positiveConclusion", "economy", "2026-04-30");
    // 1 May (Fri) and the weekend are days off: 4 and 5 May are the two working days
    expect([i.state, i.dueDate, i.dueClause]).toEqual(["financeReview", "2026-05-05", "220-п 4.9"]);
    expect(awaitsHandOver(i)).toBe(true);
    expect(isOverdue(i, "2026-05-05")).toBe(false);
    expect(isOverdue(i, "2026-05-06")).toBe(true);
    // until it is handed over the executor can hand it over (a conclusion of the finance department, if it
    // comes first, shows it was received: the review goes on)
    expect(availableActions("program", i.state, "executor", contextOf(i)).map((t) => t.action)).toEqual(["handOver"]);
    expect(availableActions("program", i.state, "finance", contextOf(i)).map((t) => t.action)).toEqual([
      "positiveConclusion",
      "negativeConclusion",
    ]);
    i = step(i, "handOver", "executor", "2026-05-06");
    expect(i.history.at(-1)).toMatchObject({ action: "handOver", from: "financeReview", to: "financeReview", at: "2026-05-06" });
    expect(awaitsHandOver(i)).toBe(false);
    // 4.10 counts from receipt: 7, 8, 12, 13, 14 May (11 May is a day off)
    expect([i.since, i.dueDate, i.dueClause]).toEqual(["2026-05-06", "2026-05-14", "220-п 4.10"]);
    // a second hand-over is refused
    const again = applyTransition(i, "handOver", actor("executor"), {}, "2026-05-07", add);
    expect(again.ok).toBe(false);
    if (!again.ok) expect(again.error.message).toContain("4.9");
  });

  it("220-п п. 4.13: the draft goes to the audit chamber within 2 working days of the finance conclusion; a resubmission after rework needs no hand-over", () => {
    let i = startWorkflow({ id: "w", flow: "program", kind: "amendment", today: "2026-03-02" });
    i = step(i, "submit", "executor", "2026-03-02");
    i = step(i, "positiveConclusion", "economy", "2026-03-03");
    i = step(i, "handOver", "executor", "2026-03-03");
    i = step(i, "positiveConclusion", "finance", "2026-03-06");
    // 9 March 2026 is a day off (8 March fell on a Sunday): 10 and 11 March
    expect([i.state, i.dueDate, i.dueClause]).toEqual(["auditReview", "2026-03-11", "220-п 4.13"]);
    i = step(i, "handOver", "executor", "2026-03-10");
    expect([i.dueDate, i.dueClause]).toEqual([null, null]);
    i = step(i, "negativeConclusion", "audit", "2026-03-12");
    i = step(i, "resubmit", "executor", "2026-03-13");
    expect([i.state, awaitsHandOver(i)]).toEqual(["auditReview", false]);
    expect(availableActions("program", i.state, "executor", contextOf(i))).toEqual([]);
  });

  it("the order of a direction (4.20) has no hand-over step", () => {
    let i = startWorkflow({ id: "w", flow: "directionOrder", today: "2026-06-01" });
    i = step(i, "submit", "coexecutor", "2026-06-01");
    i = step(i, "positiveConclusion", "economy", "2026-06-02");
    expect([i.state, i.dueClause, awaitsHandOver(i)]).toEqual(["financeReview", "220-п 4.20", false]);
  });

  it("counts review terms in working days across the May holidays of 2025", () => {
    let i = startWorkflow({ id: "w", flow: "program", kind: "amendment", today: "2025-04-30" });
    i = step(i, "submit", "executor", "2025-04-30");
    // 1–4 May and 8–11 May are days off: 5, 6, 7, 12, 13 May are the five working days
    expect(i.dueDate).toBe("2025-05-13");
  });
});

describe("an amendment", () => {
  it("skips public discussion unless it sets the list of territories to improve", () => {
    const a = startWorkflow({ id: "a", flow: "program", kind: "amendment", today: "2026-05-04" });
    expect(a.discussionRequired).toBe(false);
    expect(availableActions("program", "draft", "executor", a).map((t) => t.action)).toEqual(["submit", "cancel"]);
    expect(applyTransition(a, "startDiscussion", actor("executor"), FULL, "2026-05-04", add).ok).toBe(false);
    const t = startWorkflow({ id: "t", flow: "program", kind: "amendment", discussionRequired: true, today: "2026-05-04" });
    expect(availableActions("program", "draft", "executor", t).map((x) => x.action)).toEqual(["startDiscussion", "cancel"]);
  });

  it("returns to the same review after a negative conclusion of the finance department", () => {
    let i = startWorkflow({ id: "a", flow: "program", kind: "amendment", today: "2026-06-01" });
    i = step(i, "submit", "executor", "2026-06-01");
    i = step(i, "positiveConclusion", "economy", "2026-06-02");
    i = step(i, "negativeConclusion", "finance", "2026-06-03");
    expect(i.state).toBe("financeRework");
    i = step(i, "resubmit", "executor", "2026-06-04");
    expect(i.state).toBe("financeReview");
  });
});

describe("a direction's order", () => {
  it("is reviewed by the economy and finance departments in 7 working days each, then signed by the co-executor", () => {
    let i = startWorkflow({ id: "d", flow: "directionOrder", kind: "program", today: "2026-06-01" });
    expect(i.discussionRequired).toBe(false);
    i = step(i, "submit", "coexecutor", "2026-06-01");
    expect(i.state).toBe("economyReview");
    expect(i.dueDate).toBe(add("2026-06-01", 7));
    expect(i.dueClause).toBe("220-п 4.20");
    i = step(i, "positiveConclusion", "economy", "2026-06-02");
    i = step(i, "positiveConclusion", "finance", "2026-06-03");
    expect(i.state).toBe("approval");
    expect(applyTransition(i, "approve", actor("head"), FULL, "2026-06-04", add).ok).toBe(false);
    i = step(i, "approve", "coexecutor", "2026-06-04", { decree: { number: "45-р", date: "2026-06-04" } });
    expect(i.dueDate).toBe(add("2026-06-04", 7)); // published within 7 working days (4.24)
    i = step(i, "publish", "coexecutor", "2026-06-05");
    expect(i.state).toBe("published");
  });
});

describe("reviewers' queues", () => {
  it("lists what waits for a role, soonest due first, overdue marked", () => {
    let a = startWorkflow({ id: "a", flow: "program", kind: "amendment", today: "2026-06-01" });
    a = step(a, "submit", "executor", "2026-06-01");
    let b = startWorkflow({ id: "b", flow: "program", kind: "amendment", today: "2026-05-20" });
    b = step(b, "submit", "executor", "2026-05-20");
    const c = startWorkflow({ id: "c", flow: "program", kind: "amendment", today: "2026-06-01" });
    const q = workQueue([a, b, c], "economy", "2026-06-02");
    expect(q.map((x) => x.id)).toEqual(["b", "a"]);
    expect(q[0]!.overdue).toBe(true);
    expect(q[1]!.overdue).toBe(false);
    expect(q[1]!.dueText).toContain("220-п 4.8");
    expect(workQueue([a, b, c], "executor", "2026-06-02").map((x) => x.id)).toEqual(["c"]);
  });
});

describe("legal deadlines", () => {
  it("gives 1 April, 15 July and 1 August, and those that apply to each kind of draft", () => {
    const d = legalDeadlines(2026);
    expect([d.approval.date, d.programList.date, d.reviews.date]).toEqual(["2026-04-01", "2026-07-15", "2026-08-01"]);
    const forNew = applicableLegalDeadlines("program", "program", "2026-07-20");
    expect(forNew.map((x) => [x.key, x.passed])).toEqual([
      ["approval", true],
      ["programList", true],
      ["reviews", false],
    ]);
    expect(forNew[2]!.daysLeft).toBe(12);
    expect(applicableLegalDeadlines("program", "amendment", "2026-01-10").map((x) => x.key)).toEqual([
      "approval",
      "reportingYearRefinement",
      "reviews",
    ]);
    expect(applicableLegalDeadlines("directionOrder", "amendment", "2026-01-10").map((x) => x.clause)).toEqual([
      "220-п 4.17",
      "220-п 4.16",
    ]);
  });
});

describe("permissions of the workflow", () => {
  const DEP = "dep-education";
  const CO = "dep-culture";
  const who = (role: Role, departmentId: string | null = null): Actor => ({
    userId: role,
    login: role,
    municipalityId: "m",
    role,
    departmentId,
  });
  const target = (flow: Flow, step?: WorkflowAction | "note" | "register") =>
    ({
      area: "workflow",
      municipalityId: "m",
      flow,
      responsibleDepartmentId: DEP,
      directionCoExecutorId: flow === "directionOrder" ? CO : null,
      step,
    }) as const;

  it("lets the executor of the program, not another one, start and submit; reviewers only give their conclusions", () => {
    expect(authorize(who("executor", DEP), "create", target("program")).allowed).toBe(true);
    expect(authorize(who("executor", "other"), "create", target("program")).allowed).toBe(false);
    expect(authorize(who("executor", DEP), "update", target("program", "submit")).allowed).toBe(true);
    expect(authorize(who("executor", "other"), "update", target("program", "submit")).allowed).toBe(false);
    expect(authorize(who("economy"), "update", target("program", "positiveConclusion")).allowed).toBe(true);
    expect(authorize(who("economy"), "update", target("program", "submit")).allowed).toBe(false);
    expect(authorize(who("viewer"), "update", target("program", "approve")).allowed).toBe(false);
    expect(authorize(who("head"), "update", target("program", "approve")).allowed).toBe(true);
    expect(authorize({ ...who("head"), municipalityId: "other" }, "read", target("program")).allowed).toBe(false);
  });

  it("lets the co-executor of the direction, not another one, prepare its order", () => {
    expect(authorize(who("coexecutor", CO), "create", target("directionOrder")).allowed).toBe(true);
    expect(authorize(who("coexecutor", "x"), "create", target("directionOrder")).allowed).toBe(false);
    expect(authorize(who("executor", DEP), "create", target("directionOrder")).allowed).toBe(false);
    expect(authorize(who("coexecutor", CO), "update", target("directionOrder", "approve")).allowed).toBe(true);
    expect(authorize(who("coexecutor", CO), "create", target("program")).allowed).toBe(false);
  });

  it("never deletes; registers versions in force by the economy department", () => {
    for (const role of ROLES) expect(authorize(who(role, DEP), "delete", target("program")).allowed).toBe(false);
    expect(authorize(who("economy"), "create", target("program", "register")).allowed).toBe(true);
    expect(authorize(who("executor", DEP), "create", target("program", "register")).allowed).toBe(false);
  });
});

// ---- property: random sequences of actions by random roles --------------------------------

/**
 * What the rules forbid, checked on every instance reached, written out apart from the table:
 * - an instance at approval, approved or published has a positive latest conclusion of every
 *   review of its flow, given in the flow's order, each review from a negative one on repeated;
 * - approved and published instances have a decree dated not after the approval day;
 * - a new program reached a review only through a public discussion with a protocol; an
 *   amendment not requiring one never was in discussion;
 * - a direction's order never reaches the audit chamber;
 * - every step was taken by a role allowed to take it (and permitted by `authorize` to a user of
 *   the preparing department), and nothing follows publication or withdrawal.
 */
function violations(i: WorkflowInstance): string[] {
  const out: string[] = [];
  const stages = FLOW_STAGES[i.flow];
  if (["approval", "approved", "published"].includes(i.state)) {
    for (const s of stages) if (i.conclusions[s]?.result !== "positive") out.push(`${i.state} without a positive ${s} conclusion`);
    // the last conclusions are in the flow's order, and each came after the last negative one
    const lastIdx = stages.map((s) => i.history.findLastIndex((h) => h.conclusion?.stage === s));
    for (let k = 1; k < lastIdx.length; k++) if (lastIdx[k]! < lastIdx[k - 1]!) out.push(`${stages[k]} concluded before ${stages[k - 1]}`);
    // after a negative conclusion, that review and every later one was given again (4.11, 4.12)
    for (const [n, h] of i.history.entries()) {
      if (h.conclusion?.result !== "negative") continue;
      const from = stages.indexOf(h.conclusion.stage);
      if (lastIdx.slice(from).some((x) => x < n)) out.push(`a review not repeated after the negative ${h.conclusion.stage} conclusion`);
    }
  }
  if (i.state === "approved" || i.state === "published") {
    if (!i.decree?.number || !i.decree.date) out.push("approved without a decree");
    const approvedOn = i.history.find((h) => h.action === "approve")?.at;
    if (!approvedOn || (i.decree && i.decree.date > approvedOn)) out.push("decree dated after the approval");
  }
  const firstReview = i.history.findIndex((h) => h.to === "economyReview");
  if (firstReview >= 0) {
    const discussed = i.history.slice(0, firstReview).some((h) => h.action === "startDiscussion");
    const protocol = i.history[firstReview]!.protocol;
    if (i.discussionRequired && (!discussed || !protocol)) out.push("reviewed without the public discussion and its protocol");
    if (!i.discussionRequired && discussed) out.push("discussed though not required");
  }
  if (i.flow === "directionOrder" && i.history.some((h) => h.to === "auditReview")) out.push("an order at the audit chamber");
  for (const [k, h] of i.history.entries()) {
    const t = WORKFLOW_TRANSITIONS.find((x) => x.flow === i.flow && x.from === h.from && x.to === h.to && x.action === h.action);
    if (!t) out.push(`step ${k}: no such transition ${h.from} -${h.action}-> ${h.to}`);
    else if (!t.roles.includes(h.role)) out.push(`step ${k}: ${h.role} may not ${h.action}`);
    if (k > 0 && CLOSED_STATES.includes(i.history[k - 1]!.to) && i.history[k - 1]!.to !== "approved")
      out.push(`step ${k} after ${i.history[k - 1]!.to}`);
    if (k > 0 && i.history[k - 1]!.to !== h.from) out.push(`step ${k} does not start where the previous ended`);
  }
  if (!WORKFLOW_STATES.includes(i.state)) out.push(`unknown state ${i.state}`);
  return out;
}

const inputArb: fc.Arbitrary<TransitionInput> = fc.record(
  {
    period: fc.constant({ from: "2026-03-02", to: "2026-03-16" }),
    protocol: fc.constant({ date: "2026-03-17" }),
    conclusion: fc.oneof(fc.constant({ document: "Заключение" }), fc.constant({ document: "  " })),
    remarks: fc.constantFrom<string[]>(["Замечание"], [], [" "]),
    decree: fc.oneof(
      fc.constant({ number: "1-п", date: "2026-03-01" }),
      fc.constant({ number: "", date: "2026-03-01" }),
      fc.constant({ number: "2-п", date: "2027-01-01" }),
    ),
  },
  { requiredKeys: [] },
);

describe("property: no sequence of actions and roles reaches a forbidden state", () => {
  it("holds for random walks of both flows and both kinds", () => {
    let reachedApproval = 0;
    fc.assert(
      fc.property(
        fc.constantFrom<Flow>("program", "directionOrder"),
        fc.constantFrom<WorkflowKind>("program", "amendment"),
        fc.boolean(),
        fc.array(fc.tuple(fc.nat(), fc.boolean(), fc.nat(), fc.boolean(), inputArb, fc.boolean()), {
          minLength: 5,
          maxLength: 60,
          size: "max",
        }),
        (flow, kind, territories, steps) => {
          let i = startWorkflow({ id: "p", flow, kind, discussionRequired: territories, today: "2026-03-02" });
          let taken = 0;
          for (const [actionPick, fromState, rolePick, roleOfTable, input, ownDepartment] of steps) {
            // half the time an action that leaves the current state, else any; a role that the
            // table names for the action, else any (so that long paths are walked, not only refusals)
            const leaving = WORKFLOW_TRANSITIONS.filter((t) => t.flow === flow && t.from === i.state).map((t) => t.action);
            const actions = fromState && leaving.length > 0 ? leaving : WORKFLOW_ACTIONS;
            const action = actions[actionPick % actions.length]!;
            const tableRoles = [
              ...new Set(WORKFLOW_TRANSITIONS.filter((t) => t.flow === flow && t.action === action).flatMap((t) => t.roles)),
            ];
            const roles = roleOfTable && tableRoles.length > 0 ? tableRoles : ROLES;
            const role = roles[rolePick % roles.length]!;
            // the permission layer in front of the engine: a user of the preparing department or not
            const a: Actor = { userId: role, login: role, municipalityId: "m", role, departmentId: ownDepartment ? "own" : "other" };
            const permitted = authorize(a, "update", {
              area: "workflow",
              municipalityId: "m",
              flow,
              responsibleDepartmentId: "own",
              directionCoExecutorId: flow === "directionOrder" ? "own" : null,
              step: action,
            }).allowed;
            if (!permitted) continue;
            const before = JSON.stringify(i);
            const r = applyTransition(i, action, { role, userId: role }, input, "2026-03-20", add);
            if (!r.ok) {
              // a refused action changes nothing
              expect(JSON.stringify(i)).toBe(before);
              continue;
            }
            taken++;
            i = r.instance;
            expect(violations(i), `${i.history.map((h) => `${h.role}:${h.action}`).join(" ")}`).toEqual([]);
          }
          expect(i.history.length).toBe(taken);
          if (i.state === "approved" || i.state === "published") reachedApproval++;
        },
      ),
      { numRuns: 3000, seed: 20260601 },
    );
    // (the optional hand-over steps of 4.9 and 4.13 make some walks longer: fewer reach approval)
    expect(reachedApproval).toBeGreaterThan(60);
  });

  it("reaches approval in some walks (the property is not vacuous)", () => {
    let approved = 0;
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...WORKFLOW_ACTIONS), { minLength: 10, maxLength: 40, size: "max" }), (actions) => {
        let i = startWorkflow({ id: "p", flow: "program", kind: "amendment", today: "2026-03-02" });
        for (const action of actions) {
          const t = WORKFLOW_TRANSITIONS.find((x) => x.flow === "program" && x.from === i.state && x.action === action);
          if (!t) continue;
          const r = applyTransition(i, action, { role: t.roles[0]!, userId: "u" }, FULL, "2026-03-20", add);
          if (r.ok) i = r.instance;
        }
        if (i.state === "approved" || i.state === "published") approved++;
        expect(violations(i)).toEqual([]);
      }),
      { numRuns: 2000, seed: 7 },
    );
    expect(approved).toBeGreaterThan(0);
  });
});
