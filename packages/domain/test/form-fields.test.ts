/**
 * Issue 11: the fields the forms read are classified as the decree treats them — the comments of
 * monitoring and the year's main results are the record of execution (editable in a program in
 * force, kept when an amendment is withdrawn, locked with their period); a direction's
 * classification, an element's participants and the program's strategy goal are content (in the
 * diff of an amendment).
 */
import { describe, expect, it } from "vitest";
import { smallProgram } from "../../testing/src/fixture.ts";
import { classifyRowWrite, diffPrograms, fieldClass, reportingSlot, withRecordOf, EXECUTION_FIELDS } from "../src/index.ts";

describe("record of execution or content", () => {
  it("a checkpoint's comment, a deviation reason and the main results are execution; the new passport/structure fields are content", () => {
    expect(EXECUTION_FIELDS.checkpoint).toContain("comment");
    expect(EXECUTION_FIELDS.budgetExecution).toContain("deviationReason");
    expect(fieldClass("checkpoint", "comment")).toBe("execution");
    expect(fieldClass("budgetExecution", "deviationReason")).toBe("execution");
    expect(fieldClass("programAnnualReport", "mainResults")).toBe("execution");
    expect(fieldClass("direction", "budgetClassification")).toBe("content");
    expect(fieldClass("structuralElement", "participants")).toBe("content");
    expect(classifyRowWrite("checkpoint", { name: "КТ", comment: null }, { name: "КТ", comment: "Выполнено" })).toEqual({
      content: [],
      execution: ["comment"],
    });
  });

  it("6.16: the main results of a year belong to that year's period", () => {
    expect(reportingSlot("programAnnualReport", { year: 2026 })).toEqual({ year: 2026 });
  });

  it("withdrawing an amendment keeps the live comment of a checkpoint", () => {
    const content = smallProgram("MP-1", "Управление образования", ["Комитет по культуре", "Управление городского хозяйства"], "А1");
    const live = structuredClone(content);
    live.directions[0]!.elements[0]!.checkpoints[0]!.comment = "Выполнено досрочно";
    const back = withRecordOf(content, live);
    expect(back.directions[0]!.elements[0]!.checkpoints[0]!.comment).toBe("Выполнено досрочно");
    expect(back.directions[0]!.elements[0]!.checkpoints[1]!.comment).toBeUndefined();
  });

  it("an amendment's diff names a changed classification, participants and strategy goal", () => {
    const a = smallProgram("MP-1", "Управление образования", ["Комитет по культуре", "Управление городского хозяйства"], "А1");
    const b = structuredClone(a);
    b.directions[0]!.budgetClassification = "0703";
    b.directions[0]!.elements[0]!.participants = ["МБУ «Центр»"];
    b.strategyGoal = "1";
    const fields = diffPrograms(a, b).map((c) => c.field);
    expect(fields).toEqual(expect.arrayContaining(["budgetClassification", "participants", "strategyGoal"]));
    // a comment of monitoring is not a change of content
    const c = structuredClone(a);
    c.directions[0]!.elements[0]!.checkpoints[0]!.comment = "Выполнено";
    expect(diffPrograms(a, c)).toEqual([]);
  });
});
