/**
 * The import use cases (`app/src/import/`) called directly, with a parser that edits the stored
 * program's document as a file would: the preview writes nothing, the confirmation applies the
 * previewed changes under their token, all or none, each row through the use case of a single
 * change (permissions of the department, audit), and every error named at its sheet, row and
 * column.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Row } from "@orientir/db";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError, resource, type ProgramDocument } from "@orientir/domain";
import {
  confirmProgramImport,
  previewProgramImport,
  updateResource,
  type Caller,
  type ImportOrigin,
  type ImportParser,
} from "@orientir/app";
import { openWorld, type World } from "./world.ts";

let w: World;
let mp1: Row;
let mp2: Row;
let as: Record<string, Caller>;
beforeAll(
  async () => void ({ w, as, mp1, mp2 } = await openWorld("2026-04-10T09:00:00Z", ["admin", "executor", "coexecutor", "viewer", "adminb"])),
  120_000,
);
afterAll(() => w?.close());

/** A "file": the stored document as the parser is given it, edited; `at` places an item in the file. */
function file(
  present: string[],
  edit: (doc: ProgramDocument, at: (item: object, origin: ImportOrigin) => void) => void,
  deleteMissing = false,
): ImportParser {
  return (current) => {
    const document = structuredClone(current);
    const origins = new Map<object, ImportOrigin>();
    edit(document, (item, origin) => origins.set(item, origin));
    return Promise.resolve({ layout: "test", document, present, deleteMissing, origins, issues: [] });
  };
}

/** The 2027 value of the metric of direction `code` in a document. */
const value2027 = (doc: ProgramDocument, code: string) =>
  doc.directions.find((d) => d.code === code)!.elements[0]!.metrics[0]!.values.find((v) => v.year === 2027)!;

async function storedPlan2027(program: Row, code: string): Promise<string> {
  const d = (await w.rows("direction", { programId: program.id })).find((x) => x.code === code)!;
  const metric = (await w.rows("metric", { directionId: d.id }))[0]!;
  return String((await w.rows("metricValue", { metricId: metric.id })).find((v) => Number(v.year) === 2027)!.plan);
}

describe("preview and confirmation (program-import.ts)", () => {
  it("finds nothing to do in the program as it is stored, and writes nothing", async () => {
    const same = file(
      [
        "program",
        "programGoal",
        "programIndicator",
        "programIndicatorValue",
        "direction",
        "structuralElement",
        "metric",
        "metricValue",
        "checkpoint",
        "funding",
      ],
      () => {},
      true,
    );
    const p = await previewProgramImport(w.ctx, as.executor!, mp1.id, same);
    expect(p).toMatchObject({ layout: "test", valid: true, summary: { create: 0, update: 0, delete: 0 }, changes: [], issues: [] });
    expect(await confirmProgramImport(w.ctx, as.executor!, mp1.id, same, p.token)).toEqual({
      layout: "test",
      summary: { create: 0, update: 0, delete: 0 },
    });
    expect(await w.audit("program.import")).toEqual([]);
  });

  it("previews a change with its cell and its values before and after, without writing it; the confirmation applies it, audited", async () => {
    const f = file(["metricValue"], (doc, at) => {
      const v = value2027(doc, "1");
      v.plan = "14";
      at(v, { sheet: "Показатели", row: 7, columns: { plan: "E" } });
    });
    const p = await previewProgramImport(w.ctx, as.executor!, mp1.id, f);
    expect(p).toMatchObject({ valid: true, summary: { create: 0, update: 1, delete: 0 }, issues: [] });
    expect(p.changes).toMatchObject([
      { action: "update", resource: "metricValue", sheet: "Показатели", row: 7, fields: [{ field: "plan", after: "14" }] },
    ]);
    expect(Number(p.changes[0]!.fields![0]!.before)).toBe(13);
    expect(Number(await storedPlan2027(mp1, "1"))).toBe(13);
    expect(await w.audit("metricValue.update")).toEqual([]);

    const r = await confirmProgramImport(w.ctx, as.executor!, mp1.id, f, p.token, "Показатели.xlsx");
    expect(r.summary).toEqual({ create: 0, update: 1, delete: 0 });
    expect(Number(await storedPlan2027(mp1, "1"))).toBe(14);
    expect(await w.audit("metricValue.update")).toHaveLength(1);
    const [entry] = await w.audit("program.import", mp1.id);
    expect(entry).toMatchObject({ actorLogin: "executor", after: { layout: "test", filename: "Показатели.xlsx", update: 1 } });
  });

  it("refuses a confirmation whose program changed since the preview, and writes nothing", async () => {
    const f = file(["metricValue"], (doc) => {
      value2027(doc, "1").plan = "15";
    });
    const p = await previewProgramImport(w.ctx, as.executor!, mp1.id, f);
    // someone else changes the value meanwhile: the same file now makes another operation
    const d1 = (await w.rows("direction", { programId: mp1.id })).find((x) => x.code === "1")!;
    const metric = (await w.rows("metric", { directionId: d1.id }))[0]!;
    const row = (await w.rows("metricValue", { metricId: metric.id })).find((v) => Number(v.year) === 2027)!;
    await updateResource(w.ctx, as.admin!, resource("metricValue"), row.id, row.version, { plan: "16" });
    await expect(confirmProgramImport(w.ctx, as.executor!, mp1.id, f, p.token)).rejects.toThrow(ConflictError);
    expect(Number(await storedPlan2027(mp1, "1"))).toBe(16);
    expect(await w.audit("program.import")).toHaveLength(1);
  });

  it("is all or nothing: a co-executor's file that also changes another department's direction writes none of it", async () => {
    const before1 = await storedPlan2027(mp1, "1");
    const before2 = await storedPlan2027(mp1, "2");
    const f = file(["metricValue"], (doc, at) => {
      const own = value2027(doc, "1"); // Комитет по культуре, the co-executor's
      own.plan = "20";
      at(own, { sheet: "Показатели", row: 7, columns: { plan: "E" } });
      const other = value2027(doc, "2");
      other.plan = "21";
      at(other, { sheet: "Показатели", row: 9, columns: { "": "A", plan: "E" } });
    });
    const p = await previewProgramImport(w.ctx, as.coexecutor!, mp1.id, f);
    expect(p.summary).toEqual({ create: 0, update: 2, delete: 0 });
    expect(p.valid).toBe(false);
    // a refusal of the whole row is placed at the row's first column
    expect(p.issues).toMatchObject([{ sheet: "Показатели", row: 9, column: "A" }]);
    const e = await confirmProgramImport(w.ctx, as.coexecutor!, mp1.id, f, p.token).catch((x) => x);
    expect(e).toBeInstanceOf(ValidationError);
    expect((e as ValidationError).issues.map((i) => i.path)).toEqual(["Показатели!A9"]);
    expect(await storedPlan2027(mp1, "1")).toBe(before1);
    expect(await storedPlan2027(mp1, "2")).toBe(before2);
    expect((await w.audit("metricValue.update")).filter((x) => x.actorLogin === "coexecutor")).toEqual([]);
  });

  it("names an unknown department at its cell and writes nothing", async () => {
    const f = file(["direction"], (doc, at) => {
      const d = doc.directions[0]!;
      d.coExecutor = "Управление несуществующих дел";
      at(d, { sheet: "Направления", row: 3, columns: { coExecutor: "C" } });
    });
    const p = await previewProgramImport(w.ctx, as.executor!, mp1.id, f);
    expect(p.valid).toBe(false);
    expect(p.issues).toEqual([
      { sheet: "Направления", row: 3, column: "C", reason: "подразделение «Управление несуществующих дел» не найдено в справочнике" },
    ]);
    const e = await confirmProgramImport(w.ctx, as.executor!, mp1.id, f, p.token).catch((x) => x);
    expect(e).toBeInstanceOf(ValidationError);
    expect((e as ValidationError).issues).toMatchObject([{ path: "Направления!C3" }]);
    expect((await w.rows("direction", { programId: mp1.id })).map((d) => d.coExecutorDepartmentId)).not.toContain(null);
  });

  it("a confirmation of the previewed file (the same fileKey) applies the preview's plan without reading the file again", async () => {
    let reads = 0;
    const keyed = (plan: string, fileKey: string): ImportParser => {
      const f = file(["metricValue"], (doc) => {
        value2027(doc, "1").plan = plan;
      });
      const parse: ImportParser = (current, context) => {
        reads++;
        return f(current, context);
      };
      parse.fileKey = fileKey;
      return parse;
    };
    // the same file: read once, by the preview
    const p = await previewProgramImport(w.ctx, as.executor!, mp1.id, keyed("31", "file-a"));
    expect(reads).toBe(1);
    await confirmProgramImport(w.ctx, as.executor!, mp1.id, keyed("31", "file-a"), p.token);
    expect(reads).toBe(1);
    expect(Number(await storedPlan2027(mp1, "1"))).toBe(31);

    // another file under the token of a preview: read, and refused as a change since the preview
    const q = await previewProgramImport(w.ctx, as.executor!, mp1.id, keyed("32", "file-b"));
    await expect(confirmProgramImport(w.ctx, as.executor!, mp1.id, keyed("33", "file-c"), q.token)).rejects.toThrow(ConflictError);
    expect(reads).toBe(3);
    // the previewed file itself still confirms, from its kept plan
    await confirmProgramImport(w.ctx, as.executor!, mp1.id, keyed("32", "file-b"), q.token);
    expect(reads).toBe(3);
    expect(Number(await storedPlan2027(mp1, "1"))).toBe(32);

    // the program changed since the preview: the kept plan meets the program as it is now, and is refused
    const r = await previewProgramImport(w.ctx, as.executor!, mp1.id, keyed("34", "file-d"));
    const d1 = (await w.rows("direction", { programId: mp1.id })).find((x) => x.code === "1")!;
    const metric = (await w.rows("metric", { directionId: d1.id }))[0]!;
    const row = (await w.rows("metricValue", { metricId: metric.id })).find((v) => Number(v.year) === 2027)!;
    await updateResource(w.ctx, as.admin!, resource("metricValue"), row.id, row.version, { plan: "35" });
    const before = reads;
    await expect(confirmProgramImport(w.ctx, as.executor!, mp1.id, keyed("34", "file-d"), r.token)).rejects.toThrow(ConflictError);
    expect(reads).toBe(before);
    expect(Number(await storedPlan2027(mp1, "1"))).toBe(35);
  });

  it("is refused to a caller who may change nothing of the program, and another municipality's program is not found", async () => {
    const f = file(["metricValue"], () => {});
    await expect(previewProgramImport(w.ctx, as.viewer!, mp1.id, f)).rejects.toThrow(ForbiddenError);
    await expect(previewProgramImport(w.ctx, as.adminb!, mp1.id, f)).rejects.toThrow(NotFoundError);
    await expect(confirmProgramImport(w.ctx, as.adminb!, mp1.id, f, "x")).rejects.toThrow(NotFoundError);
  });
});

describe("the comparison (differ.ts, diff-program.ts)", () => {
  it("with deletion of what the file lacks: a renamed stage is a deletion and a creation", async () => {
    const f = file(
      ["programStage"],
      (doc) => {
        doc.stages = [{ name: "Этап 2", startYear: 2027, endYear: 2030 }];
      },
      true,
    );
    // MP-2 is not this executor's program
    await expect(previewProgramImport(w.ctx, as.executor!, mp2.id, f)).rejects.toThrow(ForbiddenError);
    const p = await previewProgramImport(w.ctx, as.admin!, mp2.id, f);
    expect(p.changes.map((c) => [c.action, c.resource])).toEqual([
      ["delete", "programStage"],
      ["create", "programStage"],
    ]);
    expect(p.valid).toBe(true);
    expect((await w.rows("programStage", { programId: mp2.id })).map((s) => s.name)).toEqual(["Этап 1"]);
    await confirmProgramImport(w.ctx, as.admin!, mp2.id, f, p.token);
    expect((await w.rows("programStage", { programId: mp2.id })).map((s) => s.name)).toEqual(["Этап 2"]);
    expect(await w.audit("programStage.delete")).toHaveLength(1);
    expect(await w.audit("programStage.create")).toHaveLength(1);
  });

  it("pairs a checkpoint whose planned date moved with the stored one: an update, not a deletion and a creation", async () => {
    const f = file(
      ["checkpoint"],
      (doc) => {
        doc.directions[0]!.elements[0]!.checkpoints[0]!.plannedDate = "2026-03-25";
      },
      true,
    );
    const p = await previewProgramImport(w.ctx, as.admin!, mp2.id, f);
    expect(p.summary).toEqual({ create: 0, update: 1, delete: 0 });
    expect(p.changes[0]).toMatchObject({
      action: "update",
      resource: "checkpoint",
      fields: [{ field: "plannedDate", before: "2026-03-20", after: "2026-03-25" }],
    });
  });
});
