/**
 * Issue 11, «Done when»: every deadline of decree 220-п appears in the deadlines' data with its
 * paragraph. The paragraphs below are every term of the decree given in days, working days, months
 * or as a calendar date (read from the decree's text, edition of 13.02.2026 N 73-п): each must be
 * the clause of a rule of KALUGA_220P_DEADLINES with the same term; and every term of a workflow
 * stage (STAGE_DEADLINES, HANDOVER_DEADLINES) is in the data too, so the data is the one list.
 */
import { describe, expect, it } from "vitest";
import { KALUGA_220P_DEADLINES, type DeadlineRule } from "../src/deadlines/index.ts";
import { HANDOVER_DEADLINES, STAGE_DEADLINES } from "../src/workflow/definition.ts";

type Term = { workingDays: number } | { days: number } | { months: number } | { date: [month: number, day: number] } | { monthDay: number };

/** The decree's terms, paragraph by paragraph (the text it says them in, shortened). */
const DECREE_TERMS: [paragraph: string, term: Term, text: string][] = [
  ["1.7", { days: 30 }, "направление детализируется в распоряжении (срок — п. 4.19)"],
  ["4.1", { date: [7, 15] }, "изменения в перечень программ — не позднее 15 июля"],
  ["4.6", { date: [8, 1] }, "экспертиза проектов — не позднее 1 августа"],
  ["4.8", { workingDays: 5 }, "экспертиза управления экономики — 5 рабочих дней"],
  ["4.9", { workingDays: 2 }, "пакет документов в управление финансов — 2 рабочих дня"],
  ["4.10", { workingDays: 5 }, "экспертиза управления финансов — 5 рабочих дней"],
  ["4.11", { workingDays: 5 }, "доработка и повторная экспертиза — не более 5 рабочих дней"],
  ["4.13", { workingDays: 2 }, "проект в контрольно-счетный орган — 2 рабочих дня"],
  ["4.16", { date: [4, 1] }, "уточнение по сводной росписи отчетного года — не позднее 1 апреля"],
  ["4.17", { date: [4, 1] }, "программы на очередной год — не позднее 1 апреля"],
  ["4.18", { workingDays: 5 }, "размещение на сайте — 5 рабочих дней со вступления в силу"],
  ["4.18.1", { days: 10 }, "ГАС «Управление» — 10 дней со дня вступления в силу"],
  ["4.19", { days: 30 }, "распоряжение о направлении — не позднее 30 дней"],
  ["4.20", { workingDays: 7 }, "согласование распоряжения каждым управлением — не более 7 рабочих дней"],
  ["4.22", { date: [4, 1] }, "изменения направлений по отчетному году — в срок п. 4.16"],
  ["4.24", { workingDays: 7 }, "размещение распоряжения — не позднее 7 рабочих дней с принятия"],
  ["5.4", { months: 2 }, "приведение в соответствие с бюджетом — не позднее двух месяцев"],
  ["5.5", { days: 30 }, "распоряжение при изменении показателей направления — 30 дней"],
  ["6.6", { monthDay: 15 }, "финансовые данные мониторинга — до 15 числа"],
  ["6.7", { monthDay: 20 }, "информация соисполнителя — до 20 числа"],
  ["6.8", { monthDay: 25 }, "мониторинг на сайте — до 25 числа"],
  ["6.9", { monthDay: 30 }, "контроль управления экономики — до 30 числа"],
  ["6.10", { date: [2, 5] }, "информация соисполнителя за год — до 5 февраля"],
  ["6.11", { date: [2, 15] }, "годовой отчет в управление финансов — до 15 февраля"],
  ["6.13", { workingDays: 10 }, "экспертиза годового отчета управлением финансов — 10 рабочих дней"],
  ["6.14", { days: 2 }, "годовой отчет в управление экономики — в течение 2 дней"],
  ["6.15", { workingDays: 15 }, "анализ годового отчета — 15 рабочих дней"],
  ["6.17", { workingDays: 5 }, "доработка годового отчета — 5 рабочих дней"],
  ["6.19", { date: [5, 25] }, "сводный годовой доклад — до 25 мая"],
  ["6.21", { date: [6, 1] }, "годовой отчет и доклад на сайте — не позднее 1 июня"],
  ["6.22", { date: [6, 1] }, "годовой отчет в ГАС «Управление» — не позднее 1 июня"],
];

/** The paragraphs a rule cites: "220-п п. 1.7, 4.19" → ["1.7", "4.19"]. */
const paragraphs = (r: DeadlineRule) =>
  r.clause
    .replace(/^220-п\s*п\.\s*/, "")
    .split(/,\s*/)
    .map((p) => p.trim());

function sameTerm(r: DeadlineRule, t: Term): boolean {
  const a = r.anchor;
  if ("date" in t) return a.type === "fixedDate" && a.month === t.date[0] && a.day === t.date[1];
  if ("monthDay" in t) return a.type === "monthAfterQuarter" && a.day === t.monthDay;
  return a.type === "event" && JSON.stringify(r.offset) === JSON.stringify(t);
}

describe("every deadline of 220-п is in the deadlines' data with its paragraph", () => {
  it.each(DECREE_TERMS)("п. %s: a rule cites it with the decree's term", (paragraph, term) => {
    const rules = KALUGA_220P_DEADLINES.filter((r) => paragraphs(r).includes(paragraph));
    expect(rules.length, `no rule cites 220-п п. ${paragraph}`).toBeGreaterThan(0);
    expect(
      rules.some((r) => sameTerm(r, term)),
      `п. ${paragraph}: ${JSON.stringify(term)}`,
    ).toBe(true);
  });

  it("every rule of the data cites a paragraph of the list (nothing invented, nothing unlisted)", () => {
    const listed = new Set(DECREE_TERMS.map(([p]) => p));
    for (const r of KALUGA_220P_DEADLINES) for (const p of paragraphs(r)) expect(listed.has(p), `${r.id}: п. ${p}`).toBe(true);
  });

  it("the terms of the workflow's stages are the data's terms (one list of the decree's deadlines)", () => {
    const stageTerms = [
      ...Object.values(STAGE_DEADLINES).flatMap((byState) => Object.values(byState)),
      ...Object.values(HANDOVER_DEADLINES).flatMap((byState) => Object.values(byState ?? {})),
    ];
    expect(stageTerms.length).toBeGreaterThan(0);
    for (const s of stageTerms) {
      const paragraph = s.clause.replace(/^220-п\s*/, "");
      const rules = KALUGA_220P_DEADLINES.filter((r) => paragraphs(r).includes(paragraph));
      expect(
        rules.some((r) => sameTerm(r, { workingDays: s.workingDays })),
        `${s.clause}: ${s.workingDays} working days`,
      ).toBe(true);
    }
  });
});
