/**
 * The discipline dashboard (issue 15, part 4): execution by department — on time, late, overdue,
 * extended, returned — for the orders (due in the year) and the appeals (registered in it), the
 * same by month and by person (the responsible executor of an order, the staff assigned to an
 * appeal), the appeals' topics (classifier sections) and territories, with the points of the
 * districts whose coordinates are known (the map). Open to every member.
 */
import { disciplineData, type DisciplineCounts, type DisciplineRow } from "@orientir/db";
import type { DisciplineDashboard } from "@orientir/contracts";
import { APPEAL_TOPICS, ensure, topicSection } from "@orientir/domain";
import type { AppContext, Caller } from "../context.ts";
import { controlSetup } from "./shared.ts";

const counts = (d: DisciplineRow) => ({
  total: d.total,
  onTime: d.onTime,
  late: d.late,
  overdue: d.overdue,
  extended: d.extended,
  returned: d.returned,
});

/**
 * The dashboard's counts last read per database, municipality, year and day, under the change
 * counter read with them: given back while the counter (read with the setup, in the request's one
 * setup statement) is the same — no order or appeal of the municipality written since, by this
 * process or any other. A few entries per municipality; the oldest are dropped beyond the bound.
 */
const COUNTS = new WeakMap<object, Map<string, DisciplineCounts>>();
const COUNTS_BOUND = 200;

export async function disciplineDashboard(ctx: AppContext, caller: Caller, year: number): Promise<DisciplineDashboard> {
  const { actor } = caller;
  const m = actor.municipalityId;
  ensure(actor, "read", { area: "control", municipalityId: m, part: "statistics", parties: [] });
  const setup = await controlSetup(ctx.db, m, ctx.now());
  // one statement: the counts (GROUPING SETS), the topics, the districts' points and the names
  let cache = COUNTS.get(ctx.db);
  if (!cache) COUNTS.set(ctx.db, (cache = new Map<string, DisciplineCounts>()));
  const key = `${m}|${year}|${setup.today}`;
  const kept = cache.get(key);
  const data = await disciplineData(
    ctx.db,
    m,
    year,
    setup.today,
    kept && setup.change !== null && kept.change === setup.change ? kept : undefined,
  );
  if (data.counts !== kept) {
    cache.delete(key);
    if (cache.size >= COUNTS_BOUND) cache.delete(cache.keys().next().value!);
    cache.set(key, data.counts);
  }
  const { topics, points, departments: names, people } = data;
  const breakdown = data;
  const { department: orders, person: ordersByPerson, month: ordersByMonth } = breakdown.orders;
  const { department: appeals, person: appealsByPerson, month: appealsByMonth, district: districts } = breakdown.appeals;
  const at = new Map(points.map((p) => [p.name, p]));
  const person = (id: string | null) => (id ? (people.get(id) ?? "—") : "без назначенного лица");
  const byPerson = (rows: DisciplineRow[]) =>
    rows
      .map((d) => ({ userId: d.key, person: person(d.key), ...counts(d) }))
      .sort((a, b) => (a.userId === null ? 1 : 0) - (b.userId === null ? 1 : 0) || b.total - a.total || a.person.localeCompare(b.person));
  const bySection = new Map<string, { title: string; count: number }>();
  for (const t of topics) {
    const s = topicSection(t.topic);
    const key = s?.code ?? t.topic;
    const e = bySection.get(key) ?? { title: s?.title ?? APPEAL_TOPICS.get(t.topic)?.title ?? t.topic, count: 0 };
    e.count += t.count;
    bySection.set(key, e);
  }
  const dept = (id: string | null) => (id ? (names.get(id) ?? "—") : "не назначено");
  return {
    year,
    orders: orders.map((d) => ({ departmentId: d.key, department: dept(d.key), ...counts(d) })),
    appeals: appeals.map((d) => ({ departmentId: d.key, department: dept(d.key), ...counts(d) })),
    ordersByMonth: ordersByMonth.map((d) => ({ month: d.key ?? "", ...counts(d) })),
    appealsByMonth: appealsByMonth.map((d) => ({ month: d.key ?? "", ...counts(d) })),
    topics: [...bySection.entries()].map(([code, e]) => ({ code, ...e })).sort((a, b) => b.count - a.count || a.code.localeCompare(b.code)),
    ordersByPerson: byPerson(ordersByPerson),
    appealsByPerson: byPerson(appealsByPerson),
    districts: districts.map((d) => {
      const p = d.district === null ? undefined : at.get(d.district);
      return { ...d, lat: p?.lat ?? null, lon: p?.lon ?? null };
    }),
  };
}
