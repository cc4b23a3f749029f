/** The stepper of a draft (issue 13): the path of each flow, where the draft is and who holds it. */
import { describe, expect, it } from "vitest";
import { workflowPath, workflowStepper } from "../src/index.ts";

const current = (steps: ReturnType<typeof workflowStepper>) => steps.filter((s) => s.status === "current");

describe("workflow stepper", () => {
  it("walks a program through its discussion (where required), three reviews, approval and publication", () => {
    expect(workflowPath("program", true)).toEqual([
      "draft",
      "discussion",
      "economyReview",
      "financeReview",
      "auditReview",
      "approval",
      "approved",
      "published",
    ]);
    expect(workflowPath("program", false)).not.toContain("discussion");
    expect(workflowPath("directionOrder", true)).toEqual(["draft", "economyReview", "financeReview", "approval", "approved", "published"]);
  });

  it("puts a rework on its review's step, held by the preparer; the steps before are done", () => {
    const steps = workflowStepper("program", false, "financeRework");
    expect(current(steps)).toEqual([
      { state: "financeReview", status: "current", rework: true, awaitingHandOver: false, holder: "reviewer", role: "executor" },
    ]);
    expect(steps.filter((s) => s.status === "done").map((s) => s.state)).toEqual(["draft", "economyReview"]);
    // a direction's order is reworked by its co-executor
    expect(current(workflowStepper("directionOrder", false, "economyRework"))[0]!.role).toBe("coexecutor");
  });

  it("names the reviewer of a review, the executor while a hand-over is awaited, the head at approval", () => {
    expect(current(workflowStepper("program", false, "economyReview"))[0]!.role).toBe("economy");
    const handOver = current(workflowStepper("program", false, "financeReview", "220-п 4.9"))[0]!;
    expect(handOver).toMatchObject({ awaitingHandOver: true, role: "executor" });
    expect(current(workflowStepper("program", false, "financeReview", "220-п 4.10"))[0]!.role).toBe("finance");
    expect(current(workflowStepper("program", false, "approval"))[0]!.role).toBe("head");
    expect(current(workflowStepper("directionOrder", false, "approval"))[0]!.role).toBe("coexecutor");
  });

  it("shows a published draft all done and a withdrawn one with nothing current", () => {
    expect(workflowStepper("program", false, "published").every((s) => s.status === "done")).toBe(true);
    const withdrawn = workflowStepper("program", false, "cancelled");
    expect(current(withdrawn)).toEqual([]);
    expect(withdrawn.every((s) => s.status === "upcoming")).toBe(true);
  });
});
