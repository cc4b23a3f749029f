/**
 * ILLUSTRATIVE DATA — NOT KALUGA'S FIGURES.
 *
 * Everything the Kaluga demo adds to what source 000 gives (kaluga-source.ts): the strategy's
 * indicators other than the population's plan of 2020–2023, with their targets and facts; the
 * action plan's activities 4–17 and indicators 6–13; the facts of the plan indicators (the source
 * gives only the plan); two priority projects of the plan (the physical-culture complex and the
 * waste-processing plant the source names among the projects carried out, with composed objects
 * and funding); the years and name of the next plan (the source lists its eleven projects only).
 * The demo's three municipal programs (illustrative-programs.ts) are illustrative as a whole. They are composed
 * in the spirit of the source so that every page and form of the demo has data; no figure here is
 * to be read as Kaluga's.
 */
import type { PlanActivityDoc, PlanIndicatorDoc, PriorityProjectDoc, StrategyIndicatorDoc } from "@orientir/domain";
import { linear } from "./build.ts";

const STRATEGY_YEARS = [2020, 2021, 2022, 2023, 2024, 2025, 2026, 2027, 2028, 2029, 2030];

/** An illustrative strategy indicator: targets 2020–2030 going from the 2017 base to the 2030 target; facts to 2025. */
function si(
  code: string,
  name: string,
  unit: string,
  okei: string,
  goal: string,
  base: string,
  target: string,
  facts: string[] = [],
  trend: "increase" | "decrease" = "increase",
): StrategyIndicatorDoc {
  const targets = linear(base, target, STRATEGY_YEARS);
  return {
    code,
    name,
    unit,
    okei,
    trend,
    baseYear: 2017,
    baseValue: base,
    goal,
    values: STRATEGY_YEARS.map((year, k) => ({ year, target: targets[k]!, fact: facts[k] ?? null })),
  };
}

/**
 * The population indicator (С1.1) beyond the source: its base of 2017, its targets after 2023 (on
 * to 362 thousand in 2030) and its facts of 2024–2025. Its targets of 2020–2023 are the source's
 * plan (kaluga-source.ts, appendix 2, row 1).
 */
export const ILLUSTRATIVE_POPULATION = {
  base: { year: 2017, value: "341.200" },
  laterTargets: Object.fromEntries(
    linear("352.415", "362.000", [2024, 2025, 2026, 2027, 2028, 2029, 2030]).map((v, k) => [2024 + k, v]),
  ) as Record<number, string>,
  facts: { 2024: "353.900", 2025: "355.100" } as Record<number, string>,
};

/** The strategy's other indicators, composed. */
export const ILLUSTRATIVE_STRATEGY_INDICATORS: StrategyIndicatorDoc[] = [
  si("С1.2", "Число мест в муниципальных дошкольных образовательных организациях", "мест", "698", "1", "19850", "23600", [
    "20900",
    "21150",
    "21450",
    "21800",
    "22050",
    "22300",
  ]),
  si("С1.3", "Доля населения, систематически занимающегося физической культурой и спортом", "%", "744", "1", "38.0", "70.0", [
    "46.1",
    "49.0",
    "52.3",
    "55.4",
    "58.2",
    "60.3",
  ]),
  si("С1.4", "Число посещений культурных мероприятий", "тыс. ед.", "798", "1", "2850", "4150", [
    "2410",
    "2960",
    "3180",
    "3300",
    "3420",
    "3560",
  ]),
  si(
    "С1.5",
    "Доля обучающихся, занимающихся в одну смену, в общей численности обучающихся общеобразовательных организаций",
    "%",
    "744",
    "1",
    "74.0",
    "100.0",
    ["75.2", "75.9", "76.8", "77.6", "78.4", "80.1"],
  ),
  si("С2.1", "Общая площадь жилых помещений, приходящаяся в среднем на одного жителя", "кв. м", "055", "2", "27.8", "33.0", [
    "29.1",
    "29.6",
    "30.2",
    "30.7",
    "31.1",
    "31.5",
  ]),
  si("С2.2", "Ввод в действие жилых домов", "тыс. кв. м", "058", "2", "310.0", "450.0", [
    "352.4",
    "368.0",
    "391.2",
    "402.5",
    "410.8",
    "396.3",
  ]),
  si("С3.1", "Туристский поток в город Калугу", "тыс. чел.", "793", "3", "520", "1100", ["430", "610", "700", "780", "830", "880"]),
  si("С4.1", "Объем инвестиций в основной капитал (без субъектов малого предпринимательства)", "млн руб.", "385", "4", "28500", "52000", [
    "33100",
    "35400",
    "38200",
    "40600",
    "41900",
    "43800",
  ]),
  si(
    "С4.2",
    "Число субъектов малого и среднего предпринимательства в расчете на 10 тыс. человек населения",
    "ед.",
    "642",
    "4",
    "540",
    "650",
    ["561", "566", "572", "578", "583", "589"],
  ),
  si("С4.3", "Объем работ, выполненных по виду деятельности «Строительство»", "млн руб.", "385", "4", "21000", "38000", [
    "24800",
    "25900",
    "27300",
    "27400",
    "28600",
    "29800",
  ]),
];

const fund = (source: string, a: string, b: string, c: string) => [
  { year: 2021, source, amount: a },
  { year: 2022, source, amount: b },
  { year: 2023, source, amount: c },
];

/** The action plan's activities 4–17, composed. */
export const ILLUSTRATIVE_PLAN_ACTIVITIES: PlanActivityDoc[] = [
  {
    code: "4",
    name: "Формирование образовательной сети, обеспечивающей равный доступ населения к качественным услугам дошкольного образования",
    goal: "1",
    task: "1.1",
    responsible: "Управление образования",
    term: "2021–2023",
    expectedResult: "Создание новых мест в дошкольных образовательных организациях (4 детских сада)",
    funding: [...fund("regional", "337475.90", "110153.80", "95400.00"), ...fund("local", "37523.60", "18325.90", "12600.00")],
  },
  {
    code: "5",
    name: "Обеспечение развития общего образования",
    goal: "1",
    task: "1.1",
    responsible: "Управление образования",
    term: "2021–2023",
    expectedResult: "Создание новых мест в общеобразовательных организациях (2 новые школы)",
    funding: [
      ...fund("federal", "410200.00", "655300.00", "298700.00"),
      ...fund("regional", "182400.00", "291250.00", "132750.00"),
      ...fund("local", "20270.00", "32360.00", "14750.00"),
    ],
  },
  {
    code: "6",
    name: "Реконструкция объектов дополнительного образования",
    goal: "1",
    task: "1.4",
    responsible: "Комитет по культуре",
    term: "2021–2023",
    expectedResult: "Реконструкция 8 объектов дополнительного образования",
    funding: [...fund("regional", "48600.00", "52300.00", "39800.00"), ...fund("local", "12150.00", "13075.00", "9950.00")],
  },
  {
    code: "7",
    name: "Повышение доступности услуг муниципальных учреждений культуры и проведение общегородских культурных мероприятий",
    goal: "1",
    task: "1.4",
    responsible: "Комитет по культуре",
    term: "2021–2023",
    expectedResult: "Рост числа посещений культурных мероприятий",
    funding: fund("local", "412300.00", "438900.00", "461200.00"),
  },
  {
    code: "8",
    name: "Строительство физкультурно-оздоровительного комплекса открытого типа",
    goal: "1",
    task: "1.3",
    responsible: "Управление капитального строительства",
    term: "2022–2023",
    expectedResult: "Введен в эксплуатацию ФОК открытого типа",
    funding: [...fund("regional", "0.00", "96400.00", "48200.00"), ...fund("local", "0.00", "10710.00", "5360.00")],
  },
  {
    code: "9",
    name: "Организация и проведение официальных физкультурных и спортивных мероприятий",
    goal: "1",
    task: "1.3",
    responsible: "Управление физической культуры и спорта",
    term: "2021–2023",
    expectedResult: "Рост доли жителей, систематически занимающихся физической культурой и спортом",
    funding: fund("local", "28400.00", "30100.00", "31900.00"),
  },
  {
    code: "10",
    name: "Мероприятия по развитию жилищного фонда",
    goal: "2",
    task: "2.1",
    responsible: "Управление архитектуры, градостроительства и земельных отношений",
    term: "2021–2023",
    expectedResult: "Рост общей площади жилых помещений на 1 жителя",
    funding: fund("other", "14500000.00", "15200000.00", "15900000.00"),
  },
  {
    code: "11",
    name: "Переселение граждан из аварийного жилищного фонда",
    goal: "2",
    task: "2.1",
    responsible: "Управление городского хозяйства",
    term: "2021–2023",
    expectedResult: "Переселение граждан из 18 аварийных домов",
    funding: [
      ...fund("federal", "121300.00", "98400.00", "76500.00"),
      ...fund("regional", "40430.00", "32800.00", "25500.00"),
      ...fund("local", "8090.00", "6560.00", "5100.00"),
    ],
  },
  {
    code: "12",
    name: "Благоустройство общественных территорий (формирование комфортной городской среды)",
    goal: "2",
    task: "2.2",
    responsible: "Управление городского хозяйства",
    term: "2021–2023",
    expectedResult: "Благоустройство 12 общественных территорий",
    funding: [
      ...fund("federal", "98200.00", "101500.00", "104800.00"),
      ...fund("regional", "2000.00", "2070.00", "2140.00"),
      ...fund("local", "24500.00", "25300.00", "26100.00"),
    ],
  },
  {
    code: "13",
    name: "Развитие транспортной инфраструктуры: ремонт автомобильных дорог общего пользования местного значения",
    goal: "2",
    task: "2.3",
    responsible: "Управление городского хозяйства",
    term: "2021–2023",
    expectedResult: "Доля дорог в нормативном состоянии — 85%",
    funding: [...fund("regional", "612000.00", "648500.00", "702300.00"), ...fund("local", "204000.00", "216100.00", "234100.00")],
  },
  {
    code: "14",
    name: "Строительство завода по переработке ТКО",
    goal: "2",
    task: "2.3",
    responsible: "Управление городского хозяйства",
    term: "2021–2023",
    expectedResult: "Переработка твердых коммунальных отходов города",
    funding: fund("other", "450000.00", "1250000.00", "800000.00"),
  },
  {
    code: "15",
    name: "Развитие потенциала туристической инфраструктуры и продвижение туристских маршрутов",
    goal: "3",
    task: "3.1",
    responsible: "Комитет по культуре",
    term: "2021–2023",
    expectedResult: "Рост туристского потока до 780 тыс. чел.",
    funding: [...fund("local", "18600.00", "21400.00", "23900.00"), ...fund("other", "35000.00", "42000.00", "48000.00")],
  },
  {
    code: "16",
    name: "Сопровождение инвестиционных проектов по принципу «одного окна»",
    goal: "4",
    task: "4.1",
    responsible: "Управление экономики",
    term: "2021–2023",
    expectedResult: "Рост объема инвестиций в основной капитал",
    funding: fund("local", "3200.00", "3350.00", "3500.00"),
  },
  {
    code: "17",
    name: "Финансовая и имущественная поддержка субъектов малого и среднего предпринимательства",
    goal: "4",
    task: "4.2",
    responsible: "Управление экономики",
    term: "2021–2023",
    expectedResult: "Рост числа субъектов МСП на 1% в год",
    funding: [...fund("regional", "5600.00", "5800.00", "6000.00"), ...fund("local", "4200.00", "4350.00", "4500.00")],
  },
];

/**
 * The facts of the source's plan indicators 2–5 in 2021–2023, composed: the source gives the plan
 * only. The population (indicator 1) has none: its figures of 2020–2023 are the plan.
 */
export const ILLUSTRATIVE_PLAN_FACTS: Record<string, Record<number, string>> = {
  "2": { 2021: "-1950", 2022: "-1210", 2023: "-890" },
  "3": { 2021: "2905", 2022: "2350", 2023: "4110" },
  "4": { 2021: "0.82", 2022: "0.83", 2023: "0.83" },
  "5": { 2021: "48", 2022: "49", 2023: "50" },
};

/** The action plan's indicators 6–13, composed. */
export const ILLUSTRATIVE_PLAN_INDICATORS: PlanIndicatorDoc[] = [
  {
    code: "6",
    name: "Число новых мест в дошкольных образовательных организациях, мест",
    unit: "мест",
    trend: "increase",
    baseValue: "0",
    goal: "1",
    strategyIndicator: "С1.2",
    values: [
      { year: 2021, plan: "250", fact: "250" },
      { year: 2022, plan: "300", fact: "300" },
      { year: 2023, plan: "350", fact: "280" },
    ],
  },
  {
    code: "7",
    name: "Доля обучающихся, занимающихся в одну смену, %",
    unit: "%",
    trend: "increase",
    baseValue: "74.9",
    goal: "1",
    strategyIndicator: "С1.5",
    values: [
      { year: 2021, plan: "75.5", fact: "75.9" },
      { year: 2022, plan: "76.5", fact: "76.8" },
      { year: 2023, plan: "77.5", fact: "77.6" },
    ],
  },
  {
    code: "8",
    name: "Доля населения, систематически занимающегося физической культурой и спортом, %",
    unit: "%",
    trend: "increase",
    baseValue: "46.1",
    goal: "1",
    strategyIndicator: "С1.3",
    values: [
      { year: 2021, plan: "48.5", fact: "49.0" },
      { year: 2022, plan: "51.0", fact: "52.3" },
      { year: 2023, plan: "54.0", fact: "55.4" },
    ],
  },
  {
    code: "9",
    name: "Общая площадь жилых помещений, приходящаяся в среднем на одного жителя, кв. м",
    unit: "кв. м",
    trend: "increase",
    baseValue: "29.1",
    goal: "2",
    strategyIndicator: "С2.1",
    values: [
      { year: 2021, plan: "29.5", fact: "29.6" },
      { year: 2022, plan: "30.0", fact: "30.2" },
      { year: 2023, plan: "30.5", fact: "30.7" },
    ],
  },
  {
    code: "10",
    name: "Ввод в действие жилых домов, тыс. кв. м",
    unit: "тыс. кв. м",
    trend: "increase",
    baseValue: "352.4",
    goal: "2",
    strategyIndicator: "С2.2",
    values: [
      { year: 2021, plan: "360.0", fact: "368.0" },
      { year: 2022, plan: "375.0", fact: "391.2" },
      { year: 2023, plan: "390.0", fact: "402.5" },
    ],
  },
  {
    code: "11",
    name: "Туристский поток, тыс. чел.",
    unit: "тыс. чел.",
    trend: "increase",
    baseValue: "430",
    goal: "3",
    strategyIndicator: "С3.1",
    values: [
      { year: 2021, plan: "600", fact: "610" },
      { year: 2022, plan: "720", fact: "700" },
      { year: 2023, plan: "800", fact: "780" },
    ],
  },
  {
    code: "12",
    name: "Объем работ, выполненных по виду деятельности «Строительство», млн руб.",
    unit: "млн руб.",
    trend: "increase",
    baseValue: "24800",
    goal: "4",
    strategyIndicator: "С4.3",
    values: [
      { year: 2021, plan: "25500", fact: "25900" },
      { year: 2022, plan: "26800", fact: "27300" },
      { year: 2023, plan: "28000", fact: "27400" },
    ],
  },
  {
    code: "13",
    name: "Число субъектов МСП на 10 тыс. человек населения, ед.",
    unit: "ед.",
    trend: "increase",
    baseValue: "561",
    goal: "4",
    strategyIndicator: "С4.2",
    values: [
      { year: 2021, plan: "565", fact: "566" },
      { year: 2022, plan: "570", fact: "572" },
      { year: 2023, plan: "575", fact: "578" },
    ],
  },
];

/** Two projects the source names among those carried out, with a composed object, works and funding. */
export const ILLUSTRATIVE_PRIORITY_PROJECTS: PriorityProjectDoc[] = [
  {
    name: "Строительство физкультурно-оздоровительного комплекса открытого типа",
    object: "ФОК открытого типа",
    plannedWorks: "Строительство ФОК с универсальным игровым полем и беговыми дорожками",
    term: "2022–2023",
    responsible: "Управление капитального строительства",
    funding: [
      { year: 2022, source: "regional", amount: "96400.00" },
      { year: 2022, source: "local", amount: "10710.00" },
      { year: 2023, source: "regional", amount: "48200.00" },
      { year: 2023, source: "local", amount: "5360.00" },
    ],
  },
  {
    name: "Строительство завода по переработке ТКО",
    object: "Завод по переработке твердых коммунальных отходов",
    plannedWorks: "Строительство завода за счет средств инвестора",
    term: "2021–2023",
    responsible: "Управление городского хозяйства",
    funding: [
      { year: 2021, source: "other", amount: "450000.00" },
      { year: 2022, source: "other", amount: "1250000.00" },
      { year: 2023, source: "other", amount: "800000.00" },
    ],
  },
];

/** The next plan: the source does not give its years; the III stage of the strategy begins in 2024. */
export const ILLUSTRATIVE_NEXT_PLAN = {
  name: "План мероприятий на 2024–2026 годы по реализации Стратегии социально-экономического развития муниципального образования «Город Калуга» до 2030 года",
  startYear: 2024,
  endYear: 2026,
};
