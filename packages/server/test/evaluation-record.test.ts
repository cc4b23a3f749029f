/**
 * The ranking's record of execution (issue 16): `programRecordsOf` reads only what the merge with
 * a version in force reads — directions and elements without their names, indicators and metrics
 * with a name only when they have no code, values without their plan, in no order but the one
 * equal codes depend on — and merges it into a version's content straight from the rows exactly
 * as `withRecordOfExecution` merges the whole document: a metric without a code matched by its
 * name, an item the rows do not have keeping the content's facts.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { programDocumentsOf, programRecordsOf } from "@orientir/app";
import { withRecordOfExecution, type MetricDoc, type ProgramDocument } from "@orientir/domain";
import { createTestApp, type TestApp } from "@orientir/testing";

let app: TestApp;

beforeAll(async () => {
  app = await createTestApp();
});

afterAll(async () => {
  await app?.close();
});

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
    } finally {
      await owner.end();
    }
    const { municipality_id: municipalityId, name: metricName } = found!;
    const whole = await programDocumentsOf(app.ctx.db, municipalityId);
    const records = await programRecordsOf(app.ctx.db, municipalityId);
    expect(records.programs.map((p) => p.id).sort()).toEqual(whole.map((p) => p.id).sort());
    let matchedByName = 0;
    let kept = 0;
    for (const { id, doc } of whole) {
      const content = withoutFacts(doc);
      // an item of the version the rows no longer have (a metric of another code) keeps the version's fact
      const gone = { ...content.directions[0]?.elements[0]?.metrics[0], code: "нет-такого-кода" } as MetricDoc;
      if (content.directions[0]?.elements[0]?.metrics[0]) {
        gone.values = gone.values.map((v) => ({ ...v, fact: "7" }));
        content.directions[0].elements[0].metrics.push(gone);
      }
      const merged = records.merge(content, id);
      expect(merged).toEqual(withRecordOfExecution(content, doc));
      if (merged.directions[0]?.elements[0]?.metrics.at(-1)?.values.some((v) => v.fact === "7")) kept++;
      for (const d of merged.directions)
        for (const e of d.elements)
          for (const m of e.metrics) if (!m.code && m.name === metricName && m.values.some((v) => v.fact !== null)) matchedByName++;
    }
    expect(matchedByName).toBe(1);
    expect(kept).toBeGreaterThan(0);
  });
});
