/**
 * The office's annual report and the discipline of execution (issue 15, part 4): the counts of a
 * year beside the previous year's, the main topics of the appeals, execution of the orders by
 * department — the data of the form `office-report` (reports/src/forms/office-report.ts).
 */
import {
  appealTopicCounts,
  departmentNames,
  findMunicipalityByName,
  getMunicipality,
  hasControlData,
  loadControlDemo,
  officeCounts,
  orderDiscipline,
} from "@orientir/db";
import type { OfficeReport } from "@orientir/contracts";
import { APPEAL_TOPICS, NotFoundError, ValidationError, ensure, topicSection } from "@orientir/domain";
import type { AppContext, Caller } from "../context.ts";
import { controlSetup } from "./shared.ts";
import { audit } from "../audit.ts";

export async function officeReport(ctx: AppContext, caller: Caller, year: number): Promise<OfficeReport> {
  const { actor } = caller;
  if (!Number.isInteger(year) || year < 1901 || year > 2200) throw new ValidationError([{ path: "year", message: "год от 1901 до 2200" }]);
  ensure(actor, "read", { area: "control", municipalityId: actor.municipalityId, part: "statistics", parties: [] });
  const m = await getMunicipality(ctx.db, actor.municipalityId);
  if (!m) throw new NotFoundError("муниципальное образование");
  const setup = await controlSetup(ctx.db, actor.municipalityId, ctx.now());
  const [current, previous, topicsNow, topicsBefore, discipline, names] = [
    await officeCounts(ctx.db, actor.municipalityId, year),
    await officeCounts(ctx.db, actor.municipalityId, year - 1),
    await appealTopicCounts(ctx.db, actor.municipalityId, year),
    await appealTopicCounts(ctx.db, actor.municipalityId, year - 1),
    await orderDiscipline(ctx.db, actor.municipalityId, year, setup.today),
    await departmentNames(ctx.db, actor.municipalityId),
  ];
  // the main topics by the classifier's sections
  const bySection = new Map<string, { title: string; count: number; previous: number }>();
  const add = (code: string, n: number, which: "count" | "previous") => {
    const s = topicSection(code);
    const key = s?.code ?? code;
    const e = bySection.get(key) ?? { title: s?.title ?? APPEAL_TOPICS.get(code)?.title ?? code, count: 0, previous: 0 };
    e[which] += n;
    bySection.set(key, e);
  };
  for (const t of topicsNow) add(t.topic, t.count, "count");
  for (const t of topicsBefore) add(t.topic, t.count, "previous");
  const topics = [...bySection.entries()]
    .map(([code, e]) => ({ code, title: e.title, count: e.count, previous: e.previous }))
    .sort((a, b) => b.count - a.count || a.code.localeCompare(b.code));
  return {
    municipality: m.name,
    year,
    current,
    previous,
    topics,
    discipline: discipline.map((d) => ({ ...d, department: names.get(d.departmentId) ?? "—" })),
  };
}

/**
 * Loads the demo registry of the office (2022 and 2023, source 003's counts) into a municipality
 * that has none yet, in one transaction with its audit entry. Answers the rows written per table,
 * or null when the municipality already had registry documents.
 */
export async function seedControlDemo(ctx: AppContext, municipalityName: string): Promise<Record<string, number> | null> {
  return ctx.db.tx(async (q) => {
    const m = await findMunicipalityByName(q, municipalityName);
    if (!m) throw new NotFoundError("муниципальное образование", municipalityName);
    if (await hasControlData(q, m.id)) return null;
    const counts = await loadControlDemo(q, m.id);
    await audit(
      q,
      { actor: null, requestId: null },
      {
        action: "control.demo",
        objectType: "municipality",
        objectId: m.id,
        municipalityId: m.id,
        login: "seed",
        after: counts,
      },
    );
    return counts;
  });
}
