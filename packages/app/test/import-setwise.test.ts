/**
 * The import's set-wise path (`app/src/import/setwise.ts`) against the rows one by one through the
 * use case of a single change (`ImportOptions.oneByOne`): the same stored rows, the same audit
 * entries in the same order (and the chain verifies), the same preview with every error at its
 * cell — for errors in several rows of several tables, the change rules of an approved program
 * and a locked period.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertPeriodLock, verifyAudit, type Row } from "@orientir/db";
import { ValidationError, type ProgramDocument } from "@orientir/domain";
import {
  confirmProgramImport,
  exportProgramDocument,
  insertProgramDocument,
  loadTree,
  lookupsOf,
  previewProgramImport,
  registerVersionInForce,
  startProgramDraft,
  type Caller,
  type ImportOrigin,
  type ImportParser,
  type ImportPreview,
} from "@orientir/app";
import { openWorld, type World } from "./world.ts";

let w: World;
let mp1: Row;
let as: Record<string, Caller>;
beforeAll(async () => void ({ w, as, mp1 } = await openWorld("2026-04-10T09:00:00Z", ["admin", "executor", "economy"])), 120_000);
afterAll(() => w?.close());

const ALL = [
  "program",
  "programGoal",
  "programIndicator",
  "programIndicatorValue",
  "direction",
  "structuralElement",
  "elementTask",
  "elementActivity",
  "metric",
  "metricValue",
  "metricMonth",
  "checkpoint",
  "funding",
];

/** A "file" whose document is `doc` (with the target's code and name); `at` places items in it. */
function fileOf(
  make: (current: ProgramDocument, at: (item: object, origin: ImportOrigin) => void) => ProgramDocument,
  present = ALL,
): ImportParser {
  return (current) => {
    const origins = new Map<object, ImportOrigin>();
    const document = make(current, (item, origin) => origins.set(item, origin));
    return Promise.resolve({ layout: "test", document, present, deleteMissing: false, origins, issues: [] });
  };
}

/** The content of MP-1 for a program of another code: its goals and indicators renamed (names may not repeat across programs). */
async function contentFor(code: string): Promise<ProgramDocument> {
  const doc = structuredClone((await exportProgramDocument(w.db, mp1.id))!);
  doc.code = code;
  for (const g of doc.goals) g.name = `${g.name} (${code})`;
  for (const i of doc.indicators) i.name = `${i.name} (${code})`;
  return doc;
}

/** A new program of A with MP-1's fields and no content. */
async function emptyProgram(code: string): Promise<string> {
  const doc = await contentFor(code);
  const empty: ProgramDocument = { ...doc, goals: [], stages: [], indicators: [], directions: [], coExecutors: [] };
  return (await w.db.tx(async (q) => insertProgramDocument(q, await lookupsOf(q, mp1.municipalityId as string), empty))).id;
}

/**
 * A row as compared: no ids, versions or times; the program's code made neutral. `unordered`:
 * the lists as sets (rows written in one transaction tie on their time and are listed by id).
 */
function neutral(v: unknown, code: string, unordered = false): unknown {
  if (Array.isArray(v)) {
    const list = v.map((x) => neutral(x, code, unordered));
    return unordered ? list.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))) : list;
  }
  if (v && typeof v === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      if (k === "id" || k.endsWith("Id") || k === "version" || k === "createdAt" || k === "updatedAt") continue;
      out[k] = neutral(x, code, unordered);
    }
    return out;
  }
  return typeof v === "string" ? v.replaceAll(code, "<code>") : v;
}

/** The audit entries of a request, in the order of the chain. */
async function entriesOf(requestId: string): Promise<{ action: string; objectType: string; before: unknown; after: unknown }[]> {
  const r = await w.db.query<{ action: string; object_type: string; before: unknown; after: unknown }>(
    `SELECT action, object_type, before, after FROM audit_log WHERE request_id = $1 ORDER BY id`,
    [requestId],
  );
  return r.rows.map((x) => ({ action: x.action, objectType: x.object_type, before: x.before, after: x.after }));
}

const withRequest = (c: Caller, requestId: string): Caller => ({ ...c, requestId });
const previewShape = (p: ImportPreview) => ({ ...p, token: "" });

describe("set-wise and one by one give the same result", () => {
  it("a whole program's content: the same stored rows, the same audit entries in the same order; the chain verifies", async () => {
    const [a, b, c] = [await emptyProgram("SW-1"), await emptyProgram("SW-2"), await emptyProgram("SW-5")];
    const runs = [
      { id: a, code: "SW-1", caller: withRequest(as.admin!, "import-setwise"), options: {} },
      { id: b, code: "SW-2", caller: withRequest(as.admin!, "import-one-by-one"), options: { oneByOne: true } },
      // sets of 3 rows: each written while the next is checked (a parent's set before its children's)
      { id: c, code: "SW-5", caller: withRequest(as.admin!, "import-small-sets"), options: { setRows: 3 } },
    ];
    const previews: ImportPreview[] = [];
    for (const r of runs) {
      const f = fileOf(() => structuredClone(doc[r.code]!));
      const p = await previewProgramImport(w.ctx, r.caller, r.id, f, r.options);
      expect(p.issues).toEqual([]);
      previews.push(p);
      await confirmProgramImport(w.ctx, r.caller, r.id, f, p.token, "x.xlsx", r.options);
    }
    expect(previews[0]!.summary.create).toBeGreaterThan(20);
    expect(neutral(previewShape(previews[0]!), "SW-1")).toEqual(neutral(previewShape(previews[1]!), "SW-2"));
    expect(neutral(previewShape(previews[2]!), "SW-5")).toEqual(neutral(previewShape(previews[1]!), "SW-2"));
    const trees = await Promise.all(runs.map((r) => loadTree(w.db, "program", r.id, "programId")));
    expect(neutral(trees[0], "SW-1", true)).toEqual(neutral(trees[1], "SW-2", true));
    expect(neutral(trees[2], "SW-5", true)).toEqual(neutral(trees[1], "SW-2", true));
    const [setwise, oneByOne, smallSets] = await Promise.all(runs.map((r) => entriesOf(r.caller.requestId!)));
    expect(setwise!.length).toBe(previews[0]!.summary.create + 1); // every row's entry and the import's
    expect(neutral(setwise, "SW-1")).toEqual(neutral(oneByOne, "SW-2"));
    expect(neutral(smallSets, "SW-5")).toEqual(neutral(oneByOne, "SW-2"));
    expect((await verifyAudit(w.db)).breaks).toEqual([]);

    // the same file again changes nothing; a change of values is the same update either way
    for (const r of runs) {
      const again = await previewProgramImport(
        w.ctx,
        r.caller,
        r.id,
        fileOf(() => structuredClone(doc[r.code]!)),
        r.options,
      );
      expect(again.summary).toEqual({ create: 0, update: 0, delete: 0 });
      const changed = fileOf(() => {
        const d = structuredClone(doc[r.code]!);
        for (const v of d.directions[0]!.elements[0]!.metrics[0]!.values) v.plan = `${Number(v.plan ?? 0) + 1}`;
        d.directions[0]!.elements[0]!.funding[0]!.amount = "777.70";
        // an update of a table's row before the creation of a new parent with rows of that table:
        // the new indicator is written before its values
        const ind = d.indicators[0]!;
        ind.values[0]!.plan = `${Number(ind.values[0]!.plan ?? 0) + 1}`;
        d.indicators.push({ ...structuredClone(ind), code: null, name: `Новый индикатор (${r.code})` });
        return d;
      });
      const p = await previewProgramImport(w.ctx, withRequest(r.caller, `${r.caller.requestId}-2`), r.id, changed, r.options);
      expect(p.valid).toBe(true);
      await confirmProgramImport(w.ctx, withRequest(r.caller, `${r.caller.requestId}-2`), r.id, changed, p.token, undefined, r.options);
    }
    const after = await Promise.all(runs.map((r) => loadTree(w.db, "program", r.id, "programId")));
    expect(neutral(after[0], "SW-1", true)).toEqual(neutral(after[1], "SW-2", true));
    const updates = await Promise.all(runs.map((r) => entriesOf(`${r.caller.requestId}-2`)));
    expect(updates[0]!.filter((e) => e.action.endsWith(".update")).length).toBeGreaterThan(1);
    expect(updates[0]!.filter((e) => e.action === "programIndicatorValue.create").length).toBe(doc["SW-1"]!.indicators[0]!.values.length);
    expect(neutral(updates[0], "SW-1")).toEqual(neutral(updates[1], "SW-2"));
    expect((await verifyAudit(w.db)).breaks).toEqual([]);
  });

  it("a file with errors in several rows of several tables: every error with its cell, the same either way; nothing written", async () => {
    const f = fileOf((current, at) => {
      const d = structuredClone(current);
      const e0 = d.directions[0]!.elements[0]!;
      const v = e0.metrics[0]!.values[0]!;
      v.year = 2040; // outside the program's period
      at(v, { sheet: "Показатели", row: 5, columns: { "": "A", year: "D" } });
      const v2 = d.directions[1]!.elements[0]!.metrics[0]!.values[0]!;
      v2.year = 2041;
      at(v2, { sheet: "Показатели", row: 9, columns: { "": "A", year: "D" } });
      const fu = { year: 2027, source: "нет такого", amount: "10.00" };
      e0.funding.push(fu);
      at(fu, { sheet: "Финансирование", row: 4, columns: { "": "A", source: "C" } });
      const fu2 = { year: 2039, source: e0.funding[0]!.source, amount: "12.00" };
      d.directions[1]!.elements[0]!.funding.push(fu2);
      at(fu2, { sheet: "Финансирование", row: 6, columns: { "": "A", year: "B" } });
      return d;
    });
    const set = await previewProgramImport(w.ctx, as.admin!, mp1.id, f);
    const one = await previewProgramImport(w.ctx, as.admin!, mp1.id, f, { oneByOne: true });
    expect(set.valid).toBe(false);
    // in the order of the operations: the tree's (direction by direction)
    expect(set.issues.map((i) => [i.sheet, i.row, i.column])).toEqual([
      ["Показатели", 5, "D"],
      ["Финансирование", 4, "C"],
      ["Показатели", 9, "D"],
      ["Финансирование", 6, "B"],
    ]);
    expect(set.issues).toEqual(one.issues);
    expect(previewShape(set)).toEqual(previewShape(one));
    const small = await previewProgramImport(w.ctx, as.admin!, mp1.id, f, { setRows: 2 });
    expect(previewShape(small)).toEqual(previewShape(one));
    const before = await loadTree(w.db, "program", mp1.id, "programId");
    const e = await confirmProgramImport(w.ctx, as.admin!, mp1.id, f, set.token).catch((x) => x);
    expect(e).toBeInstanceOf(ValidationError);
    expect((e as ValidationError).issues.map((i) => i.path)).toEqual(["Показатели!D5"]);
    expect(await loadTree(w.db, "program", mp1.id, "programId")).toEqual(before);
  });

  it("an approved program under amendment: the change rules refuse each past year's plan at its row, the same either way", async () => {
    const id = await emptyProgram("SW-3");
    const d = await contentFor("SW-3");
    const admin = withRequest(as.admin!, "sw3-fill");
    const fill = fileOf(() => structuredClone(d));
    await confirmProgramImport(w.ctx, admin, id, fill, (await previewProgramImport(w.ctx, admin, id, fill)).token);
    await registerVersionInForce(w.ctx, as.economy!, id, { decreeNumber: "7-п", decreeDate: "2025-12-20" });
    await startProgramDraft(w.ctx, as.admin!, id);
    const plans = fileOf((current, at) => {
      const doc = structuredClone(current);
      const metric = doc.directions[0]!.elements[0]!.metrics[0]!;
      metric.values.forEach((v, k) => {
        v.plan = `${Number(v.plan ?? 0) + 5}`;
        at(v, { sheet: "Показатели", row: 10 + k, columns: { "": "A", plan: "E" } });
      });
      return doc;
    });
    const set = await previewProgramImport(w.ctx, admin, id, plans);
    const one = await previewProgramImport(w.ctx, admin, id, plans, { oneByOne: true });
    expect(previewShape(set)).toEqual(previewShape(one));
    const years = (await exportProgramDocument(w.db, id))!.directions[0]!.elements[0]!.metrics[0]!.values.map((v) => v.year);
    const past = years.filter((y) => y < 2026).length;
    expect(past).toBeGreaterThan(0);
    expect(set.valid).toBe(false);
    expect(set.issues).toHaveLength(past);
    expect(set.issues.every((i) => i.sheet === "Показатели" && /3\.1\.4|3\.1\.6|4\.16|6\.16/.test(i.reason))).toBe(true);
  });

  it("a locked period (220-п 6.16): the locked year's rows are refused at their cells, the same either way; nothing written", async () => {
    const id = await emptyProgram("SW-4");
    const d = await contentFor("SW-4");
    const admin = withRequest(as.admin!, "sw4-fill");
    const fill = fileOf(() => structuredClone(d));
    await confirmProgramImport(w.ctx, admin, id, fill, (await previewProgramImport(w.ctx, admin, id, fill)).token);
    await w.db.tx((q) =>
      insertPeriodLock(q, {
        municipalityId: mp1.municipalityId as string,
        programId: id,
        year: 2026,
        period: "annual",
        submissionId: null,
        lockedBy: null,
        at: "2026-04-01T00:00:00Z",
      }),
    );
    const facts = fileOf((current, at) => {
      const doc = structuredClone(current);
      let row = 20;
      for (const dir of doc.directions) {
        for (const v of dir.elements[0]!.metrics[0]!.values) {
          v.fact = "42";
          at(v, { sheet: "Показатели", row: row++, columns: { "": "A", fact: "F" } });
        }
      }
      return doc;
    });
    const set = await previewProgramImport(w.ctx, admin, id, facts);
    const one = await previewProgramImport(w.ctx, admin, id, facts, { oneByOne: true });
    expect(previewShape(set)).toEqual(previewShape(one));
    expect(set.valid).toBe(false);
    const locked = (await exportProgramDocument(w.db, id))!.directions.flatMap((dir) =>
      dir.elements[0]!.metrics[0]!.values.filter((v) => v.year === 2026),
    );
    expect(locked.length).toBeGreaterThan(1);
    expect(set.issues).toHaveLength(locked.length);
    expect(set.issues.every((i) => i.sheet === "Показатели" && i.column === "A" && /2026: Период закрыт/.test(i.reason))).toBe(true);
    const before = await loadTree(w.db, "program", id, "programId");
    await expect(confirmProgramImport(w.ctx, admin, id, facts, set.token)).rejects.toThrow(ValidationError);
    expect(await loadTree(w.db, "program", id, "programId")).toEqual(before);
  });
});

const doc: Record<string, ProgramDocument> = {};
beforeAll(async () => {
  for (const code of ["SW-1", "SW-2", "SW-5"]) doc[code] = await contentFor(code);
});
