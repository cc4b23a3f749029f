/**
 * The workflow use cases (`app/src/workflow/`) called directly: registering the version in force,
 * starting drafts (who may, for which program or direction, one at a time), a step refused by
 * permission, by a stale version or by the rules of an amendment leaving nothing written, the
 * explanatory note, the queues, and a withdrawn amendment giving the rows of the version in force
 * back with the facts entered meanwhile.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Row } from "@orientir/db";
import { ConflictError, ForbiddenError, NotFoundError, RuleError, ValidationError, resource } from "@orientir/domain";
import {
  diffProgramVersions,
  exportVersionNote,
  getWorkflow,
  programVersions,
  programWorkflows,
  registerVersionInForce,
  saveVersionNote,
  startDirectionOrder,
  startProgramDraft,
  takeWorkflowStep,
  updateResource,
  versionNote,
  workflowQueue,
  type Caller,
} from "@orientir/app";
import type { WorkflowView } from "@orientir/contracts";
import { openWorld, type World } from "./world.ts";

let w: World;
let mp1: Row;
let mp2: Row;
let as: Record<string, Caller>;
// Friday 15 May 2026, noon in Moscow
beforeAll(
  async () =>
    void ({ w, as, mp1, mp2 } = await openWorld("2026-05-15T09:00:00Z", [
      "admin",
      "economy",
      "finance",
      "executor",
      "coexecutor",
      "head",
      "viewer",
      "adminb",
    ])),
  120_000,
);
afterAll(() => w?.close());

/** The 2027 local funding of MP-1's element 1.1, and the 2026 value of its metric. */
async function rowsOfElement() {
  const d1 = (await w.rows("direction", { programId: mp1.id })).find((d) => d.code === "1")!;
  const el = (await w.rows("structuralElement", { directionId: d1.id }))[0]!;
  const funding = (await w.rows("funding", { elementId: el.id })).find((f) => Number(f.year) === 2027 && f.source === "local")!;
  const metric = (await w.rows("metric", { elementId: el.id }))[0]!;
  const value2026 = (await w.rows("metricValue", { metricId: metric.id })).find((v) => Number(v.year) === 2026)!;
  return { funding, value2026 };
}

describe("the version in force (drafts.ts: registerVersionInForce)", () => {
  it("is registered by the economy department only, for the caller's municipality only", async () => {
    const input = { decreeNumber: "100-п", decreeDate: "2025-12-20" };
    await expect(registerVersionInForce(w.ctx, as.executor!, mp1.id, input)).rejects.toThrow(ForbiddenError);
    await expect(registerVersionInForce(w.ctx, as.adminb!, mp1.id, input)).rejects.toThrow(NotFoundError);
    const e = await registerVersionInForce(w.ctx, as.economy!, mp1.id, { decreeNumber: " ", decreeDate: "2026-05-16" }).catch((x) => x);
    expect(e).toBeInstanceOf(ValidationError);
    expect((e as ValidationError).issues.map((i) => i.path)).toEqual(["decreeNumber", "decreeDate"]);
    expect((await programVersions(w.ctx, as.viewer!, mp1.id)).versions).toEqual([]);
  });

  it("records the approved snapshot with its decree, audited; a second registration is a conflict", async () => {
    const v = await registerVersionInForce(w.ctx, as.economy!, mp1.id, { decreeNumber: " 100-п ", decreeDate: "2025-12-20" });
    expect(v).toMatchObject({
      number: 1,
      status: "approved",
      kind: "program",
      decreeNumber: "100-п",
      decreeDate: "2025-12-20",
      workflowId: null,
    });
    expect(await w.audit("programVersion.register", v.id)).toHaveLength(1);
    expect((await w.program("MP-1")).status).toBe("approved");
    await expect(registerVersionInForce(w.ctx, as.economy!, mp1.id, { decreeNumber: "101-п", decreeDate: "2025-12-21" })).rejects.toThrow(
      ConflictError,
    );
    expect(await programVersions(w.ctx, as.viewer!, mp1.id)).toMatchObject({ inForce: 1, versions: [{ number: 1 }] });
  });
});

let amendment: WorkflowView;

describe("starting a draft (drafts.ts)", () => {
  it("is the responsible executor's for a program: another department's executor and a co-executor are refused", async () => {
    await expect(startProgramDraft(w.ctx, as.coexecutor!, mp1.id)).rejects.toThrow(ForbiddenError);
    await expect(startProgramDraft(w.ctx, as.executor!, mp2.id)).rejects.toThrow(ForbiddenError); // MP-2 is Управление городского хозяйства's
    await expect(startProgramDraft(w.ctx, as.adminb!, mp1.id)).rejects.toThrow(NotFoundError);
    expect(await programWorkflows(w.ctx, as.viewer!, mp1.id)).toEqual([]);
  });

  it("starts an amendment from the version in force, audited; a second draft at the same time is a conflict", async () => {
    amendment = await startProgramDraft(w.ctx, as.executor!, mp1.id);
    expect(amendment).toMatchObject({ state: "draft", kind: "amendment", flow: "program", programVersion: { number: 2, status: "draft" } });
    expect(amendment.actions.map((a) => a.action)).toEqual(["submit", "cancel"]);
    expect(await w.audit("workflow.start", amendment.id)).toHaveLength(1);
    await expect(startProgramDraft(w.ctx, as.executor!, mp1.id)).rejects.toThrow(ConflictError);
    expect((await programVersions(w.ctx, as.viewer!, mp1.id)).versions.map((v) => v.number).sort()).toEqual([1, 2]);
    expect(await w.audit("workflow.start")).toHaveLength(1);
  });

  it("starts a direction's order for the co-executor of that direction only", async () => {
    const dirs = await w.rows("direction", { programId: mp1.id });
    const own = dirs.find((d) => d.code === "1")!; // Комитет по культуре
    const other = dirs.find((d) => d.code === "2")!;
    await expect(startDirectionOrder(w.ctx, as.coexecutor!, other.id)).rejects.toThrow(ForbiddenError);
    await expect(startDirectionOrder(w.ctx, as.executor!, own.id)).rejects.toThrow(ForbiddenError);
    await expect(startDirectionOrder(w.ctx, as.adminb!, own.id)).rejects.toThrow(NotFoundError);
    const order = await startDirectionOrder(w.ctx, as.coexecutor!, own.id);
    expect(order).toMatchObject({ flow: "directionOrder", kind: "program", state: "draft", directionId: own.id, directionCode: "1" });
  });
});

describe("the steps of an amendment (steps.ts, note.ts, queues.ts, diff.ts)", () => {
  it("shows the draft's changes against the version in force; a program without one has nothing to compare with", async () => {
    const { funding } = await rowsOfElement();
    await updateResource(w.ctx, as.executor!, resource("funding"), funding.id, funding.version, { amount: "1200.50" });
    const d = await diffProgramVersions(w.ctx, as.viewer!, mp1.id);
    expect(d.from).toMatchObject({ number: 1 });
    expect(d.to.versionId).toBeNull();
    expect(d.changes.map((c) => c.path)).toContain("directions[1].elements[1.1].funding[2027:local].amount");
    const e = await diffProgramVersions(w.ctx, as.viewer!, mp2.id).catch((x) => x);
    expect(e).toBeInstanceOf(ValidationError);
    expect((e as ValidationError).issues[0]!.path).toBe("from");
    await expect(diffProgramVersions(w.ctx, as.adminb!, mp1.id)).rejects.toThrow(NotFoundError);
  });

  it("refuses a stale version and a step of another role, and writes nothing", async () => {
    await expect(takeWorkflowStep(w.ctx, as.executor!, amendment.id, { version: amendment.version + 1, action: "submit" })).rejects.toThrow(
      ConflictError,
    );
    await expect(takeWorkflowStep(w.ctx, as.viewer!, amendment.id, { version: amendment.version, action: "submit" })).rejects.toThrow(
      ForbiddenError,
    );
    await expect(
      takeWorkflowStep(w.ctx, as.head!, amendment.id, {
        version: amendment.version,
        action: "approve",
        input: { decree: { number: "1", date: "2026-05-15" } },
      }),
    ).rejects.toThrow(ConflictError);
    await expect(takeWorkflowStep(w.ctx, as.adminb!, amendment.id, { version: amendment.version, action: "cancel" })).rejects.toThrow(
      NotFoundError,
    );
    const now = await getWorkflow(w.ctx, as.viewer!, amendment.id);
    expect(now).toMatchObject({ state: "draft", version: amendment.version, history: [] });
  });

  it("refuses to send it to review without a reason for each change (220-п 4.7.1): the step is undone as a whole", async () => {
    const e = await takeWorkflowStep(w.ctx, as.executor!, amendment.id, { version: amendment.version, action: "submit" }).catch((x) => x);
    expect(e).toBeInstanceOf(ValidationError);
    expect((e as ValidationError).issues.map((i) => i.path)).toContain("reasons.directions[1].elements[1.1].funding[2027:local].amount");
    expect(await getWorkflow(w.ctx, as.viewer!, amendment.id)).toMatchObject({ state: "draft", version: amendment.version, history: [] });
    expect(await w.audit("workflow.submit")).toEqual([]);
  });

  it("keeps the note its author's: a co-executor and a stale version are refused, the reasons are saved and audited", async () => {
    const versionId = amendment.programVersion.id;
    const note = await versionNote(w.ctx, as.viewer!, versionId);
    expect(note).toMatchObject({ editable: false, kind: "amendment" });
    expect((await versionNote(w.ctx, as.executor!, versionId)).editable).toBe(true);
    expect(note.generated.missingReasons).toContain("directions[1].elements[1.1].funding[2027:local].amount");
    const reasons = { "directions[1].elements[1.1].funding[2027:local].amount": " Решение Думы о бюджете на 2027 год " };
    await expect(saveVersionNote(w.ctx, as.coexecutor!, versionId, { version: note.version, reasons })).rejects.toThrow(ForbiddenError);
    await expect(saveVersionNote(w.ctx, as.executor!, versionId, { version: note.version + 1, reasons })).rejects.toThrow(ConflictError);
    const saved = await saveVersionNote(w.ctx, as.executor!, versionId, { version: note.version, reasons });
    expect(saved.reasons).toEqual({ "directions[1].elements[1.1].funding[2027:local].amount": "Решение Думы о бюджете на 2027 год" });
    expect(saved.generated.missingReasons).toEqual([]);
    expect(await w.audit("programVersion.note", versionId)).toHaveLength(1);
    const file = await exportVersionNote(w.ctx, as.viewer!, versionId);
    expect(file.filename).toBe("Пояснительная записка MP-1 ред. 2.txt");
    expect(file.text).toContain("Решение Думы о бюджете на 2027 год");
  });

  it("goes to the economy department's queue; the note is frozen while it is in review", async () => {
    amendment = await takeWorkflowStep(w.ctx, as.executor!, amendment.id, { version: amendment.version, action: "submit" });
    expect(amendment).toMatchObject({ state: "economyReview", since: "2026-05-15", dueDate: "2026-05-22" });
    expect(amendment.history).toMatchObject([{ action: "submit", from: "draft", to: "economyReview", actorLogin: "executor" }]);
    expect(await w.audit("workflow.submit", amendment.id)).toHaveLength(1);
    const queue = await workflowQueue(w.ctx, as.economy!);
    expect(queue.items.find((i) => i.workflowId === amendment.id)).toMatchObject({ actions: ["positiveConclusion", "negativeConclusion"] });
    expect((await workflowQueue(w.ctx, as.finance!)).items.find((i) => i.workflowId === amendment.id)).toBeUndefined();
    const note = await versionNote(w.ctx, as.executor!, amendment.programVersion.id);
    expect(note.editable).toBe(false);
    await expect(
      saveVersionNote(w.ctx, as.executor!, amendment.programVersion.id, { version: note.version, text: "Другой текст" }),
    ).rejects.toThrow(ConflictError);
  });

  it("returns it for rework only with remarks; the conclusion is recorded and the executor has it in their queue", async () => {
    const bare = await takeWorkflowStep(w.ctx, as.economy!, amendment.id, {
      version: amendment.version,
      action: "negativeConclusion",
      input: { conclusion: { document: "Заключение № 12" } },
    }).catch((x) => x);
    expect(bare).toBeInstanceOf(ValidationError);
    expect((await getWorkflow(w.ctx, as.viewer!, amendment.id)).conclusions).toEqual([]);
    amendment = await takeWorkflowStep(w.ctx, as.economy!, amendment.id, {
      version: amendment.version,
      action: "negativeConclusion",
      input: { conclusion: { document: "Заключение № 12", date: "2026-05-15" }, remarks: ["Обосновать рост финансирования"] },
    });
    expect(amendment.state).toBe("economyRework");
    expect(amendment.conclusions).toMatchObject([
      {
        stage: "economy",
        result: "negative",
        document: "Заключение № 12",
        remarks: ["Обосновать рост финансирования"],
        authorLogin: "economy",
      },
    ]);
    expect((await workflowQueue(w.ctx, as.executor!)).items.map((i) => i.workflowId)).toContain(amendment.id);
  });

  it("withdrawn, gives the rows of the version in force back and keeps the facts entered meanwhile", async () => {
    const { funding, value2026 } = await rowsOfElement();
    expect(funding.amount).toBe("1200.50");
    await updateResource(w.ctx, as.coexecutor!, resource("metricValue"), value2026.id, value2026.version, { fact: "12" });
    amendment = await takeWorkflowStep(w.ctx, as.executor!, amendment.id, { version: amendment.version, action: "cancel" });
    expect(amendment).toMatchObject({ state: "cancelled", programVersion: { status: "cancelled" } });
    const after = await rowsOfElement();
    expect(after.funding.amount).toBe("1000.50");
    expect(after.value2026.fact).toBe("12");
    const [restore] = await w.audit("programVersion.restore");
    expect(restore).toMatchObject({ objectId: amendment.programVersion.id, after: { restoredFrom: 1 } });
    expect((await w.program("MP-1")).status).toBe("approved");
    // the program's workflows, newest first: the direction's order started after the amendment
    expect((await programWorkflows(w.ctx, as.viewer!, mp1.id)).map((x) => [x.flow, x.state])).toEqual([
      ["directionOrder", "draft"],
      ["program", "cancelled"],
    ]);
    await expect(getWorkflow(w.ctx, as.adminb!, amendment.id)).rejects.toThrow(NotFoundError);
    // the withdrawn version's note no longer changes
    await expect(
      saveVersionNote(w.ctx, as.executor!, amendment.programVersion.id, { version: amendment.programVersion.version, text: "x" }),
    ).rejects.toThrow(RuleError);
  });
});
