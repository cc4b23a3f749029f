/**
 * The ranking's record of execution (issue 16): `programRecordsByProgram` reads only what the merge with
 * a version in force reads — directions and elements without their names, indicators and metrics
 * with a name only when they have no code, values without their plan, in no order but the one
 * equal codes depend on — and merges it into a version's content straight from the rows exactly
 * as `withRecordOfExecution` merges the whole document: a metric without a code matched by its
 * name, an item the rows do not have keeping the content's facts.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import {
  evaluationSetup,
  forgetRankedItems,
  inForceRecords,
  programDocumentsOf,
  programRecordsByProgram,
  programsInForce,
  rankPrograms,
  type ProgramRecords,
  type RankInput,
} from "@orientir/app";
import { documentOfYear, withRecordOfExecution, type MetricDoc, type ProgramDocument } from "@orientir/domain";
import { createTestApp, type TestApp } from "@orientir/testing";

let app: TestApp;

beforeAll(async () => {
  app = await createTestApp();
});

afterAll(async () => {
  await app?.close();
});

/** `programRecordsByProgram` gathered: each program's record (null: not read), in the order the rows came. */
async function byProgram(
  municipalityId: string,
  opts: Parameters<typeof programRecordsByProgram>[2] = {},
): Promise<{ order: string[]; records: Map<string, ProgramRecords | null> }> {
  const order: string[] = [];
  const records = new Map<string, ProgramRecords | null>();
  for await (const { program, records: r } of programRecordsByProgram(app.ctx.db, municipalityId, opts)) {
    order.push(program.code);
    records.set(program.id, r);
  }
  return { order, records };
}

/** The document with every fact, monthly fact, justification and actual date emptied: a version's content before the year was reported. */
function withoutFacts(doc: ProgramDocument): ProgramDocument {
  const clear = <T extends { fact?: string | null }>(v: T): T => ({ ...v, fact: null, justification: null });
  return {
    ...doc,
    indicators: doc.indicators.map((i) => ({ ...i, values: i.values.map(clear) })),
    directions: doc.directions.map((d) => ({
      ...d,
      elements: d.elements.map((e) => ({
        ...e,
        metrics: e.metrics.map((m) => ({ ...m, values: m.values.map(clear), months: m.months.map(clear) })),
        checkpoints: e.checkpoints.map((c) => ({ ...c, actualDate: null })),
      })),
    })),
  };
}

describe("the record of execution read narrow (issue 16)", () => {
  it("merges into a version's content as the whole document does; a metric without a code is matched by its name", async () => {
    const owner = new pg.Client({ connectionString: app.ownerUrl });
    await owner.connect();
    let found: { id: string; municipality_id: string; name: string } | undefined;
    try {
      // a metric with a reported fact loses its code: it can be matched by its name only
      const r = await owner.query<{ id: string; municipality_id: string; name: string }>(
        `SELECT m.id, m.municipality_id, m.name FROM metric m
         WHERE m.code IS NOT NULL AND EXISTS (SELECT 1 FROM metric_value v WHERE v.metric_id = m.id AND v.fact IS NOT NULL)
         ORDER BY m.created_at, m.id LIMIT 1`,
      );
      found = r.rows[0];
      expect(found).toBeDefined();
      await owner.query(`UPDATE metric SET code = NULL WHERE id = $1`, [found!.id]);
      // every checkpoint of the municipality done: a checkpoint matched by its name alone takes an actual date
      await owner.query(`UPDATE checkpoint SET actual_date = planned_date WHERE municipality_id = $1 AND actual_date IS NULL`, [
        found!.municipality_id,
      ]);
    } finally {
      await owner.end();
    }
    const { municipality_id: municipalityId, name: metricName } = found!;
    const whole = await programDocumentsOf(app.ctx.db, municipalityId);
    // the record a program at a time (the ranking's statement, one row per program): every program, by code
    const streamed = await byProgram(municipalityId);
    expect(streamed.order).toEqual(whole.map((p) => p.doc.code).sort());
    expect([...streamed.records.keys()].sort()).toEqual(whole.map((p) => p.id).sort());
    let matchedByName = 0;
    let kept = 0;
    let movedCheckpoints = 0;
    let movedDone = 0;
    for (const { id, doc } of whole) {
      const content = withoutFacts(doc);
      // an item of the version the rows no longer have (a metric of another code) keeps the version's fact
      const gone = { ...content.directions[0]?.elements[0]?.metrics[0], code: "нет-такого-кода" } as MetricDoc;
      if (content.directions[0]?.elements[0]?.metrics[0]) {
        gone.values = gone.values.map((v) => ({ ...v, fact: "7" }));
        content.directions[0].elements[0].metrics.push(gone);
      }
      // a checkpoint of the version whose planned date the rows no longer have: matched by its name alone
      const withCheckpoint = content.directions.flatMap((d) => d.elements).find((e) => e.checkpoints.length > 0);
      if (withCheckpoint) {
        withCheckpoint.checkpoints.push({ ...withCheckpoint.checkpoints[0]!, plannedDate: "2099-12-31" });
        movedCheckpoints++;
      }
      const merged = streamed.records.get(id)!.merge(content, id);
      expect(merged).toEqual(withRecordOfExecution(content, doc));
      for (const d of merged.directions)
        for (const e of d.elements) for (const c of e.checkpoints) if (c.plannedDate === "2099-12-31" && c.actualDate !== null) movedDone++;
      if (merged.directions[0]?.elements[0]?.metrics.at(-1)?.values.some((v) => v.fact === "7")) kept++;
      for (const d of merged.directions)
        for (const e of d.elements)
          for (const m of e.metrics) if (!m.code && m.name === metricName && m.values.some((v) => v.fact !== null)) matchedByName++;
    }
    expect(matchedByName).toBe(1);
    expect(kept).toBeGreaterThan(0);
    expect(movedCheckpoints).toBeGreaterThan(0);
    expect(movedDone).toBe(movedCheckpoints);
  });

  it("a year's record, each metric's value read with the metric, merges as the whole document's year part does; the first of equal codes wins", async () => {
    const owner = new pg.Client({ connectionString: app.ownerUrl });
    await owner.connect();
    let municipalityId: string;
    let year: number;
    try {
      // a metric with a fact in a year gets a twin of the same code under the same element, created
      // after it, with another fact that year: the merge keeps the first (its fact), never the twin's
      const r = await owner.query<{ id: string; municipality_id: string; year: number; fact: string }>(
        `SELECT m.id, m.municipality_id, v.year, v.fact::text AS fact FROM metric m JOIN metric_value v ON v.metric_id = m.id
         WHERE m.code IS NOT NULL AND v.fact IS NOT NULL ORDER BY m.created_at, m.id LIMIT 1`,
      );
      const first = r.rows[0]!;
      ({ municipality_id: municipalityId, year } = first);
      const twin = await owner.query<{ id: string }>(
        `INSERT INTO metric (municipality_id, program_id, direction_id, element_id, code, name, unit, trend, level, ord, created_at)
         SELECT municipality_id, program_id, direction_id, element_id, code, name || ' (двойник)', unit, trend, level, ord, created_at + interval '1 second'
         FROM metric WHERE id = $1 RETURNING id`,
        [first.id],
      );
      await owner.query(
        `INSERT INTO metric_value (municipality_id, program_id, direction_id, metric_id, year, plan, fact)
         SELECT municipality_id, program_id, direction_id, $2, year, plan, fact + 1000 FROM metric_value WHERE metric_id = $1 AND year = $3`,
        [first.id, twin.rows[0]!.id, year],
      );
      // and a metric without a value row that year keeps the version's fact
      await owner.query(
        `DELETE FROM metric_value WHERE id = (SELECT v.id FROM metric_value v JOIN metric m ON m.id = v.metric_id
        WHERE m.municipality_id = $1 AND v.year = $2 AND m.id <> $3 ORDER BY v.id LIMIT 1)`,
        [municipalityId, year, first.id],
      );
    } finally {
      await owner.end();
    }
    const whole = await programDocumentsOf(app.ctx.db, municipalityId);
    const ofYear = (await byProgram(municipalityId, { year, months: "none" })).records;
    const ofYearWithMonths = (await byProgram(municipalityId, { year })).records;
    // only some programs read: the others come without a record
    const only = whole.filter((_, i) => i % 2 === 0).map((p) => p.id);
    const streamed = await byProgram(municipalityId, { year, months: "none", only });
    const streamedWithMonths = await byProgram(municipalityId, { year, only });
    expect(streamed.records.size).toBe(whole.length);
    let facts = 0;
    for (const { id, doc } of whole) {
      // a version's content of the year, its facts set to a mark the record replaces where it has a value row
      const content = withoutFacts(doc);
      for (const d of content.directions)
        for (const e of d.elements) for (const m of e.metrics) m.values = m.values.map((v) => ({ ...v, fact: "-1" }));
      // what the merge of the whole live document's year part gives (the year's budget rows only)
      const yearPart = documentOfYear(content, year, { months: false });
      const expected = withRecordOfExecution(yearPart, documentOfYear(doc, year, { months: false }));
      expect(ofYear.get(id)!.merge(yearPart, id)).toEqual(expected);
      const withMonths = documentOfYear(content, year, { months: true });
      const expectedWithMonths = withRecordOfExecution(withMonths, documentOfYear(doc, year, { months: true }));
      expect(ofYearWithMonths.get(id)!.merge(withMonths, id)).toEqual(expectedWithMonths);
      if (only.includes(id)) {
        expect(streamed.records.get(id)!.merge(yearPart, id)).toEqual(expected);
        expect(streamedWithMonths.records.get(id)!.merge(withMonths, id)).toEqual(expectedWithMonths);
      } else {
        expect(streamed.records.get(id)).toBeNull();
        expect(streamedWithMonths.records.get(id)).toBeNull();
      }
      for (const d of expected.directions)
        for (const e of d.elements) for (const m of e.metrics) facts += m.values.filter((v) => v.fact !== null && v.fact !== "-1").length;
    }
    expect(facts).toBeGreaterThan(0);
  });

  it("a worker's ranking from the versions' text and the records' rows equals the ranking of the merged documents, and follows a changed fact", async () => {
    // every program of the municipality in force by a decree of 2024
    const admin = await app.as("admin");
    const programs = (await admin.get("/api/programs")).body.items as { id: string; code: string }[];
    for (const [i, p] of programs.entries())
      expect(
        (await admin.post(`/api/programs/${p.id}/versions/in-force`, { decreeNumber: `${200 + i}-п`, decreeDate: "2024-12-10" })).status,
      ).toBe(201);
    const municipalityId = (await admin.get("/api/auth/me")).body.municipalityId as string;
    const owner = new pg.Client({ connectionString: app.ownerUrl });
    await owner.connect();
    const year = 2025;
    const asOf = "2025-12-31";
    const setup = await evaluationSetup(app.ctx.db, municipalityId);
    const input = (programs: RankInput["programs"]): RankInput => ({
      programs,
      year,
      asOf,
      reportMethodology: { ...setup.methodology, missingFact: "zero", zeroEqualsZero: true },
      methodologies: setup.methodologies,
      methodology: "",
    });
    const asRead = async (): Promise<RankInput["programs"]> => {
      const out: RankInput["programs"] = [];
      for await (const p of inForceRecords(app.ctx.db, municipalityId, year, asOf, { onlyYear: true }))
        out.push({ id: p.id, inForce: p.inForce, version: { key: p.key, json: JSON.stringify(p.content) }, record: p.record });
      return out;
    };
    const merged = await programsInForce(app.ctx.db, municipalityId, year, asOf, { onlyYear: true });
    expect(merged.length).toBeGreaterThan(0);
    forgetRankedItems();
    const expected = rankPrograms(input(merged)).items;
    expect(expected.some((i) => i.score !== null)).toBe(true);
    // cold (each version read from its text), then again (its content and the items kept by the worker)
    expect(rankPrograms(input(await asRead())).items).toEqual(expected);
    expect(rankPrograms(input(await asRead())).items).toEqual(expected);
    // a fact of the year changes: the kept item is not given again, the new record is evaluated
    try {
      await owner.query(
        `UPDATE metric_value SET fact = 0 WHERE id = (SELECT v.id FROM metric_value v JOIN program p ON p.id = v.program_id
         WHERE p.id = $1 AND v.year = $2 AND v.fact IS NOT NULL AND v.fact <> 0 ORDER BY v.id LIMIT 1)`,
        [expected.find((i) => i.score !== null)!.programId, year],
      );
    } finally {
      await owner.end();
    }
    const after = rankPrograms(input(await programsInForce(app.ctx.db, municipalityId, year, asOf, { onlyYear: true }))).items;
    expect(after).not.toEqual(expected);
    expect(rankPrograms(input(await asRead())).items).toEqual(after);
  });
});
