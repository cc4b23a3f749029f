/**
 * What source 000 (shared/domain/sources/000_f94694af1a25ca89.txt: Kaluga, strategists' forum 2023)
 * gives of the action plan 2021–2023 (decree 260-п of 23.07.2021) and of the next plan — and only
 * that, as the source writes it. The demo's composed additions are in `illustrative.ts`; the demo
 * documents (kaluga-strategy.ts) are the two put together. `test/demo-source.test.ts` of the app
 * checks these values against the source's text.
 *
 * Reading notes: the source's appendix 1 heads its funding «млн руб.», but its figures are those
 * of thousands (1 194 494,4 «млн» for one program of young specialists a year is not possible), and
 * the demo keeps amounts in thousands of roubles: the digits are kept, the unit is the demo's.
 * Appendix 3 names three projects «(до 132 мес.)», «(до 150 мес.)», «(до 1300 мес.)»: places of a
 * kindergarten or school, written «мест» here.
 */
import type { PlanIndicatorDoc, PriorityProjectDoc } from "@orientir/domain";

/**
 * Appendix 1, rows 1–3 (source lines 139–141): the plan's activities as the source lists them;
 * `responsible` is the source's text, `department` the demo's department it stands for.
 */
export const SOURCE_PLAN_ACTIVITIES = [
  {
    code: "1",
    name: "Адресная социальная поддержка малоимущих граждан и граждан, находящихся в трудной жизненной ситуации, а также оказание адресной поддержки уязвимым категориям граждан",
    responsible: "Управление социальной защиты города Калуги",
    department: "Управление социальной защиты",
    // «Бюджет МО 15 423,3 | 15 423,3 | 15 248,0»
    funding: [
      { year: 2021, source: "local", amount: "15423.30" },
      { year: 2022, source: "local", amount: "15423.30" },
      { year: 2023, source: "local", amount: "15248.00" },
    ],
    expectedResult: "Обеспечение количества получателей 1400 чел. при росте населения - 700 чел.",
  },
  {
    code: "2",
    name: "Создание благоприятных условий для реализации программы «Молодые специалисты в Калуге»",
    responsible:
      "Отдел по работе с молодежью, инновационным и перспективным стартапами города Калуги, управление образования города Калуги",
    department: "Отдел по работе с молодежью",
    // «Областной бюджет 1 194 494,4» each year
    funding: [2021, 2022, 2023].map((year) => ({ year, source: "regional", amount: "1194494.40" })),
    expectedResult:
      "Минимум количество получателей программы - 700 чел. Минимум количество получателей муниципальной программы - 130 чел. в год",
  },
  {
    code: "3",
    name: "Обеспечение качества жизни населения в отношении предоставления услуг по обращению граждан за помощью",
    responsible: "Отдел по работе с молодежью, инновационным и перспективным стартапами города Калуги",
    department: "Отдел по работе с молодежью",
    // «Областной бюджет 240,0» each year
    funding: [2021, 2022, 2023].map((year) => ({ year, source: "regional", amount: "240.00" })),
    expectedResult: "Минимум количество получателей муниципальной программы - 130 чел. в год",
  },
] as const;

/** The responsible body of appendix 2 (column 4), in full as the source writes it. */
export const ECONOMY_BODY = "Управление экономики и муниципальных отношений города Калуги";
export const EDUCATION_BODY = "Управление образования города Калуги";

/**
 * Appendix 2 (source lines 159–163): the plan's indicators, names and units as written, the values
 * of 2020 (the base, the column before the plan's years) and 2021–2023 as the plan — the source
 * gives no facts. `responsible` is the responsible executor's full name as the source prints it
 * (column 4), kept here as text beside the indicator.
 */
export const SOURCE_PLAN_INDICATORS: (Omit<PlanIndicatorDoc, "values"> & {
  plan: { 2020: string; 2021: string; 2022: string; 2023: string };
  responsible: string;
})[] = [
  {
    code: "1",
    name: "Численность постоянного населения (на конец года), тыс. чел.",
    unit: "тыс. чел.",
    trend: "increase",
    goal: "1",
    strategyIndicator: "С1.1",
    plan: { 2020: "347.150", 2021: "348.055", 2022: "349.195", 2023: "352.415" },
    responsible: ECONOMY_BODY,
  },
  {
    code: "2",
    name: "Естественный прирост (убыль), чел.",
    unit: "чел.",
    trend: "increase",
    goal: "1",
    // «-2,537» is minus 2 537 people (the base year of a natural decline), «+1228»…
    plan: { 2020: "-2537", 2021: "1228", 2022: "738", 2023: "446" },
    responsible: ECONOMY_BODY,
  },
  {
    code: "3",
    name: "Миграционный прирост (убыль), чел.",
    unit: "чел.",
    trend: "increase",
    goal: "1",
    plan: { 2020: "1872", 2021: "1279", 2022: "564", 2023: "554" },
    responsible: ECONOMY_BODY,
  },
  {
    code: "4",
    name: "Коэффициент демографической нагрузки",
    unit: "коэфф.",
    trend: "decrease",
    goal: "1",
    plan: { 2020: "0.81", 2021: "0.82", 2022: "0.83", 2023: "0.84" },
    responsible: ECONOMY_BODY,
  },
  {
    code: "5",
    name: "Число образовательных учреждений, ед.",
    unit: "ед.",
    trend: "increase",
    goal: "1",
    plan: { 2020: "48", 2021: "48", 2022: "48", 2023: "48" },
    responsible: EDUCATION_BODY,
  },
];

/**
 * The plan indicators of appendix 2 as documents: 2020 is the base value, 2021–2023 the plan, no
 * facts. The responsible body's full name stays in SOURCE_PLAN_INDICATORS: the document's
 * `responsible` (where the model has it) names the demo's department, which is not this text.
 */
export function sourcePlanIndicators(): PlanIndicatorDoc[] {
  return SOURCE_PLAN_INDICATORS.map(({ plan, responsible: _responsible, ...i }) => ({
    ...i,
    baseValue: plan[2020],
    values: ([2021, 2022, 2023] as const).map((year) => ({ year, plan: plan[year], fact: null })),
  }));
}

/**
 * The kind appendix 3 marks in its column «Планируемые мероприятия»: «Приоритетному» (a priority
 * project) or «Стратегическому» (a strategic one). The priority project has no field for it yet:
 * the kind of each project stands here, by the project's name (see SOURCE_PRIORITY_PROJECTS).
 */
export type SourceProjectKind = "priority" | "strategic";

const EDU_RESPONSIBLE = "Управление образования города Калуги, учреждения, муниципальные образовательные организации города Калуги";
const PROJECT = "Приоритетный инвестиционный проект для реализации муниципальной программы «Развитие образования в Калуге»";

/**
 * Appendix 3 (source lines 176–180): the projects, their object, term, funding; `kind` as marked;
 * `responsibleText` the source's column 7 in full, `responsible` the demo's department it stands for.
 * The column «Планируемые мероприятия» holds only the kind, so `plannedWorks` is empty.
 */
export const SOURCE_PRIORITY_PROJECTS: (PriorityProjectDoc & { kind: SourceProjectKind; responsibleText: string })[] = [
  {
    kind: "priority",
    name: `${PROJECT} (до 132 мест)`,
    object: "Муниципальный объект «Правобережье»",
    plannedWorks: null,
    term: "2021",
    responsible: "Управление образования",
    responsibleText: EDU_RESPONSIBLE,
    funding: [], // «Финансирование не определено»
  },
  {
    kind: "priority",
    name: `${PROJECT} (до 150 мест)`,
    object: "Муниципальный объект «Правобережье»",
    plannedWorks: null,
    term: "2021",
    responsible: "Управление образования",
    responsibleText: EDU_RESPONSIBLE,
    funding: [],
  },
  {
    kind: "priority",
    name: `${PROJECT} (до 150 мест), «Малое кольцо»`,
    object: "Муниципальный объект «Малое кольцо»",
    plannedWorks: null,
    term: "2021",
    responsible: "Управление образования",
    responsibleText: EDU_RESPONSIBLE,
    // «Областной бюджет 337 475,9 Бюджет МО 37 523,6»
    funding: [
      { year: 2021, source: "regional", amount: "337475.90" },
      { year: 2021, source: "local", amount: "37523.60" },
    ],
  },
  {
    kind: "strategic",
    name: `${PROJECT} (до 1300 мест)`,
    object: "Муниципальный объект «Жуковка»",
    plannedWorks: null,
    term: "2022",
    responsible: "Управление образования",
    responsibleText: EDU_RESPONSIBLE,
    // «Областной бюджет 110 153,8 Бюджет МО 18 325,9»
    funding: [
      { year: 2022, source: "regional", amount: "110153.80" },
      { year: 2022, source: "local", amount: "18325.90" },
    ],
  },
  {
    kind: "strategic",
    name: "Усиление образовательной инфраструктуры на 1000 мест (в т.ч. в с.п.п.)",
    object: "Муниципальный объект «Жуковка»",
    plannedWorks: null,
    term: "2021-2023",
    responsible: "Управление образования",
    responsibleText: "Управление образования города Калуги",
    funding: [],
  },
];

/** The kind of a priority project of the demo by its name (null: not in the source's appendix 3). */
export function sourceProjectKind(name: string): SourceProjectKind | null {
  return SOURCE_PRIORITY_PROJECTS.find((p) => p.name === name)?.kind ?? null;
}

/**
 * «Приоритетные проекты нового плана» (source lines 315–327): the eleven projects of the next
 * action plan, in the source's order (written there in capitals).
 */
export const NEXT_PLAN_PRIORITY_PROJECTS: readonly string[] = [
  "Строительство зданий детских садов на 300 мест",
  "Строительство 3 школ на 3056 мест",
  "Открытие культурно-выставочного центра «Эрмитаж»",
  "Благоустройство сквера им. Волкова",
  "Строительство ФОК",
  "Переселение граждан из аварийного жилищного фонда",
  "Создание пешеходных и велосипедных эко-маршрутов",
  "Комплексное развитие 3 незастроенных территорий",
  "Реконструкция водозаборных и очистных сооружений",
  "Строительство троллейбусного депо на 100 единиц",
  "Развитие потенциала туристической инфраструктуры",
];
