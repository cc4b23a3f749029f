/**
 * The demo's values of the fields the forms of issue 11 read, applied to Kaluga's documents in one
 * place (so the documents themselves stay as the sources give them):
 *  - from source 000 (the action plan of decree 260-п): column 7 of appendix 1 as the source prints
 *    it, the responsible executor of each indicator of appendix 2 (the demo's department of that
 *    name), and the kind of each project of appendix 3 («приоритетному» / «стратегическому»);
 *  - the municipality's wording of the local budget in the forms (220-п, the passport);
 *  - ILLUSTRATIVE, not Kaluga's figures: each direction's section of the classification of
 *    expenditure (codes of order 82н chosen for the direction's name), the participants of some
 *    complexes, the strategy goal each program serves, the main results of 2025 of МП-01 and the
 *    justification of its indicator off plan in 2025.
 * A value whose target is not found (renamed in the documents) is left out, never invented.
 */
import type { ActionPlanDocument, MunicipalityDocument, ProgramDocument, ProjectKind } from "@orientir/domain";

const norm = (s: string) => s.trim().replace(/\s+/g, " ").toLowerCase();

/** Source 000, appendix 1, column 7 («Исполнительный муниципальный орган/структурное подразделение») by activity code, as printed. */
const EXECUTING_BODY: Record<string, string> = {
  "1": "«Снижение количества малоимущих граждан - 6000 руб. в месяц»",
  "2": "«Создание и реализация муниципальных программ в сфере образования и культуры»",
  "3": "«Создание и реализация муниципальных программ в сфере образования и культуры»",
};

/** Source 000, appendix 2, «Ответственный исполнитель» by indicator code (the demo's department). */
const INDICATOR_EXECUTOR: Record<string, string> = {
  "1": "Управление экономики",
  "2": "Управление экономики",
  "3": "Управление экономики",
  "4": "Управление экономики",
  "5": "Управление образования",
};

/** Source 000, appendix 3: the kind the source marks, by the project's name (its start, as the source names it). */
const PROJECT_KIND: [string, ProjectKind][] = [
  ["Приоритетный инвестиционный проект для реализации муниципальной программы «Развитие образования в Калуге» (до 1300", "strategic"],
  ["Усиление образовательной инфраструктуры на 1000 мест", "strategic"],
  ["Приоритетный инвестиционный проект для реализации муниципальной программы «Развитие образования в Калуге» (до 1", "priority"],
];

/** ILLUSTRATIVE: program code → direction code → section (subsection) of the classification of expenditure. */
const CLASSIFICATION: Record<string, Record<string, string>> = {
  "МП-01": { "1": "0701 Дошкольное образование; 0702 Общее образование", "2": "0703 Дополнительное образование детей" },
  "МП-02": { "1": "0801 Культура", "2": "0801 Культура" },
  "МП-03": { "1": "1102 Массовый спорт", "2": "1102 Массовый спорт", "3": "1105 Другие вопросы в области физической культуры и спорта" },
};

/** ILLUSTRATIVE: participants (220-п 1.3.3) of complexes, by program code and element code. */
const PARTICIPANTS: Record<string, Record<string, string[]>> = {
  "МП-01": {
    "1.1": [
      "Муниципальные дошкольные образовательные организации города Калуги",
      "Муниципальные общеобразовательные организации города Калуги",
    ],
  },
  "МП-03": { "1.1": ["Муниципальные спортивные школы города Калуги"] },
};

/** ILLUSTRATIVE: the strategy goal (code) each program serves. */
const STRATEGY_GOAL: Record<string, string> = { "МП-01": "1", "МП-02": "1", "МП-03": "1" };

/** ILLUSTRATIVE: the main results of a year as the executor would write them (the demo's own facts). */
const ANNUAL_REPORTS: Record<string, { year: number; mainResults: string }[]> = {
  "МП-01": [
    {
      year: 2025,
      mainResults:
        "Обеспечено выполнение муниципального задания дошкольными и общеобразовательными организациями.\nОбучающиеся 1–4 классов обеспечены бесплатным горячим питанием.",
    },
  ],
};

/** ILLUSTRATIVE: the justification of an indicator off plan in a year (appendix 9, 6.12.5), by program and indicator name. */
const INDICATOR_JUSTIFICATIONS: Record<string, { indicator: string; year: number; justification: string }[]> = {
  "МП-01": [
    {
      indicator: "Доля обучающихся муниципальных общеобразовательных организаций, занимающихся в одну смену",
      year: 2025,
      justification: "Ввод в эксплуатацию новой школы перенесен на 2026 год; часть классов обучается во вторую смену",
    },
  ],
};

function applyToPlan(plan: ActionPlanDocument): void {
  for (const a of plan.activities) if (a.code && EXECUTING_BODY[a.code]) a.executingBody = EXECUTING_BODY[a.code];
  for (const i of plan.indicators) if (i.code && INDICATOR_EXECUTOR[i.code]) i.responsible = INDICATOR_EXECUTOR[i.code];
  for (const p of plan.priorityProjects) {
    const found = PROJECT_KIND.find(([start]) => norm(p.name).startsWith(norm(start)));
    if (found) p.kind = found[1];
  }
}

function applyToProgram(p: ProgramDocument): void {
  if (STRATEGY_GOAL[p.code]) p.strategyGoal = STRATEGY_GOAL[p.code];
  if (ANNUAL_REPORTS[p.code]) p.annualReports = ANNUAL_REPORTS[p.code];
  for (const j of INDICATOR_JUSTIFICATIONS[p.code] ?? []) {
    const v = p.indicators.find((i) => norm(i.name) === norm(j.indicator))?.values.find((x) => x.year === j.year);
    if (v && v.fact != null && v.plan != null && v.fact !== v.plan) v.justification = j.justification;
  }
  for (const d of p.directions) {
    const bc = CLASSIFICATION[p.code]?.[d.code];
    if (bc) d.budgetClassification = bc;
    for (const e of d.elements) {
      const who = PARTICIPANTS[p.code]?.[e.code];
      if (who) e.participants = who;
    }
  }
}

/** Kaluga's documents with the values above (changed in place: the same objects the demo exports). */
export function applyKalugaFormFields(m: MunicipalityDocument): MunicipalityDocument {
  m.budgetSources = m.budgetSources.map((s) =>
    s.code === "local" ? { ...s, formLabel: "средства бюджета городского округа города Калуги" } : s,
  );
  if (m.actionPlan) applyToPlan(m.actionPlan);
  for (const p of m.programs) applyToProgram(p);
  return m;
}
