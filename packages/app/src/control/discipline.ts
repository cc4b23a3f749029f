/**
 * The discipline dashboard (issue 15, part 4): execution by department — on time, late, overdue,
 * extended, returned — for the orders (due in the year) and the appeals (registered in it), the
 * same by month, the appeals' topics (classifier sections) and territories. Open to every member.
 */
import {
  appealDiscipline,
  appealDistrictCounts,
  appealTopicCounts,
  departmentNames,
  orderDiscipline,
  orderDisciplineByMonth,
  type DisciplineRow,
} from "@orientir/db";
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

export async function disciplineDashboard(ctx: AppContext, caller: Caller, year: number): Promise<DisciplineDashboard> {
  const { actor } = caller;
  const m = actor.municipalityId;
  ensure(actor, "read", { area: "control", municipalityId: m, part: "statistics", parties: [] });
  const setup = await controlSetup(ctx.db, m, ctx.now());
  const [orders, appeals, ordersByMonth, appealsByMonth, topics, districts, names] = await Promise.all([
    orderDiscipline(ctx.db, m, year, setup.today),
    appealDiscipline(ctx.db, m, year, setup.today, "department"),
    orderDisciplineByMonth(ctx.db, m, year, setup.today),
    appealDiscipline(ctx.db, m, year, setup.today, "month"),
    appealTopicCounts(ctx.db, m, year),
    appealDistrictCounts(ctx.db, m, year),
    departmentNames(ctx.db, m),
  ]);
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
    orders: orders.map((d) => ({ ...d, department: dept(d.departmentId) })),
    appeals: appeals.map((d) => ({ departmentId: d.key, department: dept(d.key), ...counts(d) })),
    ordersByMonth: ordersByMonth.map((d) => ({ month: d.key ?? "", ...counts(d) })),
    appealsByMonth: appealsByMonth.map((d) => ({ month: d.key ?? "", ...counts(d) })),
    topics: [...bySection.entries()].map(([code, e]) => ({ code, ...e })).sort((a, b) => b.count - a.count || a.code.localeCompare(b.code)),
    districts,
  };
}
