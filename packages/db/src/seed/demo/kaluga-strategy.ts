/**
 * Kaluga: the strategy of social-economic development to 2030 and the action plan 2021–2023
 * (decree 260-п of 23.07.2021), after the strategists' forum of 2023 (shared/domain/sources/000),
 * and the next plan in draft. Put together from two parts kept apart:
 * - kaluga-source.ts — what the source gives, as it gives it: the plan's activities 1–3 with their
 *   funding, the five indicators of appendix 2 with their plan of 2020–2023 and responsible body,
 *   the projects of appendix 3 with the kind the source marks, the eleven projects of the next plan;
 * - illustrative.ts — what the demo composes in the same spirit (NOT Kaluga's figures): further
 *   activities, indicators and their facts, the strategy's indicators, two projects, the next plan's years.
 * The mission, vision, stages, SWOT, priorities, goals, tasks and risks below are the source's
 * theses (the four goals of «Стратегия СЭР Калуги до 2030 года», the forum's statistics) worded as a
 * strategy; the tasks and activities under the goals are composed. Amounts are thousands of roubles.
 */
import type { ActionPlanDocument, PlanIndicatorDoc, StrategyDocument, StrategyIndicatorDoc } from "@orientir/domain";
import {
  ILLUSTRATIVE_NEXT_PLAN,
  ILLUSTRATIVE_PLAN_ACTIVITIES,
  ILLUSTRATIVE_PLAN_FACTS,
  ILLUSTRATIVE_PLAN_INDICATORS,
  ILLUSTRATIVE_POPULATION,
  ILLUSTRATIVE_PRIORITY_PROJECTS,
  ILLUSTRATIVE_STRATEGY_INDICATORS,
} from "./illustrative.ts";
import {
  NEXT_PLAN_PRIORITY_PROJECTS,
  SOURCE_PLAN_ACTIVITIES,
  SOURCE_PLAN_INDICATORS,
  SOURCE_PRIORITY_PROJECTS,
  sourcePlanIndicators,
} from "./kaluga-source.ts";

/**
 * С1.1, the population: its targets of 2020–2023 are the plan of appendix 2 (row 1) — a plan, not a
 * fact; the base, the later targets and the facts of 2024–2025 are illustrative.
 */
function population(): StrategyIndicatorDoc {
  const plan = SOURCE_PLAN_INDICATORS[0]!.plan;
  const years = [2020, 2021, 2022, 2023, 2024, 2025, 2026, 2027, 2028, 2029, 2030];
  return {
    code: "С1.1",
    name: "Численность постоянного населения (на конец года)",
    unit: "тыс. чел.",
    okei: "793",
    trend: "increase",
    baseYear: ILLUSTRATIVE_POPULATION.base.year,
    baseValue: ILLUSTRATIVE_POPULATION.base.value,
    goal: "1",
    values: years.map((year) => ({
      year,
      target: year <= 2023 ? plan[year as 2020 | 2021 | 2022 | 2023] : ILLUSTRATIVE_POPULATION.laterTargets[year]!,
      fact: ILLUSTRATIVE_POPULATION.facts[year] ?? null,
    })),
  };
}

export const KALUGA_STRATEGY: StrategyDocument = {
  name: "Стратегия социально-экономического развития муниципального образования «Город Калуга» до 2030 года",
  startYear: 2018,
  endYear: 2030,
  mission:
    "Калуга — город устойчивого развития: комфортный для жизни, открытый для инвестиций и гостей, сохраняющий свое историческое наследие",
  vision:
    "Калуга входит в число лучших городов России по качеству жизни; стратегия города полностью интегрирована в Стратегию социально-экономического развития Калужской области до 2040 года",
  approvalDocument: null,
  stages: [
    { name: "I этап", startYear: 2018, endYear: 2020, description: "Формирование условий для реализации Стратегии" },
    {
      name: "II этап",
      startYear: 2021,
      endYear: 2023,
      description: "План мероприятий на 2021–2023 годы (постановление Городской Управы города Калуги от 23.07.2021 № 260-п)",
    },
    { name: "III этап", startYear: 2024, endYear: 2030, description: "Достижение целевых значений Стратегии" },
  ],
  swot: {
    strength: [
      "Калуга входит в Топ-10 лучших городов России по качеству жизни (по итогам I полугодия 2023 года)",
      "7 место в национальном рейтинге состояния инвестиционного климата",
      "Рост численности населения (102%) и уровня рождаемости (108%, 1 место в ЦФО)",
      "Снижение уровня безработицы на 28%, рост заработной платы (104%) и числа субъектов МСП (101%)",
      "Рост оборота розничной торговли (105%) и объема работ по виду деятельности «Строительство» (100,2%)",
    ],
    weakness: [
      "Снижение объема отгруженных товаров собственного производства на 8%",
      "Нехватка мест в общеобразовательных и дошкольных организациях в районах новой застройки",
      "Износ водозаборных и очистных сооружений, подвижного состава и депо общественного транспорта",
      "Наличие аварийного жилищного фонда",
    ],
    opportunity: [
      "Интеграция Стратегии города в Стратегию социально-экономического развития Калужской области до 2040 года",
      "Максимальное внедрение в региональные и федеральные программы и национальные проекты",
      "Развитие туризма: культурно-выставочный центр «Эрмитаж», пешеходные и велосипедные эко-маршруты",
      "Комплексное развитие незастроенных территорий",
    ],
    threat: [
      "Изменение внешней среды, санкционные ограничения для промышленных предприятий города",
      "Сокращение межбюджетных трансфертов из федерального и областного бюджетов",
      "Рост стоимости строительных работ и материалов",
      "Дублирование мероприятий и проектов разных программ, распыление ресурсов",
    ],
  },
  priorities: [
    {
      code: "1",
      name: "Развитие человеческого потенциала",
      goals: [
        {
          code: "1",
          name: "Создание благоприятных условий для развития человеческого потенциала",
          tasks: [
            {
              code: "1.1",
              name: "Повышение доступности и качества дошкольного и общего образования",
              activities: [
                {
                  code: "1.1.1",
                  name: "Формирование образовательной сети, обеспечивающей равный доступ населения к качественным услугам дошкольного образования",
                  expectedResult: "Новые места в дошкольных образовательных организациях",
                  term: "2018–2030",
                },
                {
                  code: "1.1.2",
                  name: "Обеспечение развития общего образования",
                  expectedResult: "Новые места в общеобразовательных организациях, обучение в одну смену",
                  term: "2018–2030",
                },
              ],
            },
            {
              code: "1.2",
              name: "Социальная поддержка граждан и привлечение молодых специалистов",
              activities: [
                {
                  code: "1.2.1",
                  name: "Адресная социальная поддержка малоимущих граждан и граждан, находящихся в трудной жизненной ситуации",
                  expectedResult: "Снижение численности малоимущих граждан",
                  term: "2018–2030",
                },
                {
                  code: "1.2.2",
                  name: "Реализация программы «Молодые специалисты в Калуге»",
                  expectedResult: "Закрепление молодых специалистов в социальной сфере города",
                  term: "2021–2030",
                },
              ],
            },
            {
              code: "1.3",
              name: "Развитие физической культуры и массового спорта",
              activities: [
                {
                  code: "1.3.1",
                  name: "Строительство физкультурно-оздоровительных комплексов открытого типа",
                  expectedResult: "Рост обеспеченности населения спортивными сооружениями",
                  term: "2021–2030",
                },
                {
                  code: "1.3.2",
                  name: "Вовлечение населения в систематические занятия физической культурой и спортом",
                  expectedResult: "Рост доли жителей, систематически занимающихся спортом",
                  term: "2018–2030",
                },
              ],
            },
            {
              code: "1.4",
              name: "Развитие культуры и дополнительного образования в сфере искусства",
              activities: [
                {
                  code: "1.4.1",
                  name: "Реконструкция объектов дополнительного образования",
                  expectedResult: "Реконструкция 8 объектов дополнительного образования",
                  term: "2021–2023",
                },
                {
                  code: "1.4.2",
                  name: "Повышение доступности услуг муниципальных учреждений культуры",
                  expectedResult: "Рост числа посещений учреждений культуры",
                  term: "2018–2030",
                },
              ],
            },
          ],
        },
      ],
    },
    {
      code: "2",
      name: "Комфортная городская среда",
      goals: [
        {
          code: "2",
          name: "Создание комфортной городской среды",
          tasks: [
            {
              code: "2.1",
              name: "Развитие жилищного фонда и расселение аварийного жилья",
              activities: [
                {
                  code: "2.1.1",
                  name: "Мероприятия по развитию жилищного фонда",
                  expectedResult: "Рост общей площади жилых помещений на 1 жителя",
                  term: "2018–2030",
                },
                {
                  code: "2.1.2",
                  name: "Переселение граждан из аварийного жилищного фонда",
                  expectedResult: "Ликвидация аварийного жилищного фонда",
                  term: "2019–2030",
                },
                {
                  code: "2.1.3",
                  name: "Комплексное развитие незастроенных территорий",
                  expectedResult: "Комплексное развитие 3 незастроенных территорий",
                  term: "2024–2030",
                },
              ],
            },
            {
              code: "2.2",
              name: "Благоустройство общественных пространств",
              activities: [
                {
                  code: "2.2.1",
                  name: "Благоустройство общественных территорий, в том числе сквера им. Волкова",
                  expectedResult: "Благоустроенные общественные пространства",
                  term: "2018–2030",
                },
                {
                  code: "2.2.2",
                  name: "Создание пешеходных и велосипедных эко-маршрутов",
                  expectedResult: "Сеть эко-маршрутов города",
                  term: "2024–2030",
                },
              ],
            },
            {
              code: "2.3",
              name: "Модернизация коммунальной и транспортной инфраструктуры",
              activities: [
                {
                  code: "2.3.1",
                  name: "Развитие транспортной инфраструктуры",
                  expectedResult: "Доля автомобильных дорог в нормативном состоянии не менее 85%",
                  term: "2018–2030",
                },
                {
                  code: "2.3.2",
                  name: "Реконструкция водозаборных и очистных сооружений",
                  expectedResult: "Качественная питьевая вода и очистка стоков",
                  term: "2024–2030",
                },
                {
                  code: "2.3.3",
                  name: "Строительство троллейбусного депо на 100 единиц",
                  expectedResult: "Обновление инфраструктуры электротранспорта",
                  term: "2024–2030",
                },
                {
                  code: "2.3.4",
                  name: "Строительство завода по переработке ТКО",
                  expectedResult: "Переработка твердых коммунальных отходов",
                  term: "2021–2023",
                },
              ],
            },
          ],
        },
      ],
    },
    {
      code: "3",
      name: "Туризм",
      goals: [
        {
          code: "3",
          name: "Создание условий для развития туризма",
          tasks: [
            {
              code: "3.1",
              name: "Развитие туристской инфраструктуры",
              activities: [
                {
                  code: "3.1.1",
                  name: "Открытие культурно-выставочного центра «Эрмитаж»",
                  expectedResult: "Новый центр притяжения туристов",
                  term: "2024–2026",
                },
                {
                  code: "3.1.2",
                  name: "Развитие потенциала туристической инфраструктуры",
                  expectedResult: "Рост туристского потока",
                  term: "2018–2030",
                },
              ],
            },
            {
              code: "3.2",
              name: "Продвижение туристского бренда Калуги",
              activities: [
                {
                  code: "3.2.1",
                  name: "Проведение событийных мероприятий и продвижение туристских маршрутов города",
                  expectedResult: "Узнаваемость бренда «Калуга — колыбель космонавтики»",
                  term: "2018–2030",
                },
              ],
            },
          ],
        },
      ],
    },
    {
      code: "4",
      name: "Экономика",
      goals: [
        {
          code: "4",
          name: "Инвестиционное и инновационное развитие экономики города",
          tasks: [
            {
              code: "4.1",
              name: "Улучшение инвестиционного климата",
              activities: [
                {
                  code: "4.1.1",
                  name: "Сопровождение инвестиционных проектов по принципу «одного окна»",
                  expectedResult: "Рост объема инвестиций в основной капитал",
                  term: "2018–2030",
                },
                {
                  code: "4.1.2",
                  name: "Формирование инвестиционных площадок с подведенной инфраструктурой",
                  expectedResult: "Готовые площадки для инвесторов",
                  term: "2018–2030",
                },
              ],
            },
            {
              code: "4.2",
              name: "Поддержка малого и среднего предпринимательства",
              activities: [
                {
                  code: "4.2.1",
                  name: "Финансовая и имущественная поддержка субъектов малого и среднего предпринимательства",
                  expectedResult: "Рост числа субъектов МСП",
                  term: "2018–2030",
                },
              ],
            },
          ],
        },
      ],
    },
  ],
  goals: [],
  risks: [
    {
      name: "Сокращение финансирования из федерального и областного бюджетов",
      mitigation: "Максимальное внедрение в региональные и федеральные программы, приоритизация мероприятий в плане",
    },
    {
      name: "Невыполнение мероприятий в установленные сроки",
      mitigation:
        "Мониторинг исполнения мероприятий плана, ежеквартальный контроль и корректировка плана на основе показателей результативности",
    },
    {
      name: "Дублирование мероприятий и проектов в разных программах",
      mitigation: "Исключение дублирования мероприятий и проектов при формировании плана и муниципальных программ",
    },
    {
      name: "Изменение внешней среды и ухудшение экономической ситуации",
      mitigation: "Гибкость плана мероприятий: оперативная корректировка под изменяющиеся внешние и внутренние факторы",
    },
  ],
  indicators: [population(), ...ILLUSTRATIVE_STRATEGY_INDICATORS],
};

/** The plan indicators of appendix 2 with the illustrative facts, then the illustrative ones. */
function planIndicators(): PlanIndicatorDoc[] {
  const source = sourcePlanIndicators().map((i) => ({
    ...i,
    values: i.values.map((v) => ({ ...v, fact: ILLUSTRATIVE_PLAN_FACTS[i.code ?? ""]?.[v.year] ?? null })),
  }));
  return [...source, ...ILLUSTRATIVE_PLAN_INDICATORS];
}

export const KALUGA_ACTION_PLAN: ActionPlanDocument = {
  name: "План мероприятий на 2021–2023 годы по реализации Стратегии социально-экономического развития муниципального образования «Город Калуга» до 2030 года",
  startYear: 2021,
  endYear: 2023,
  approvalDocument: "Постановление Городской Управы города Калуги от 23.07.2021 № 260-п",
  activities: [
    ...SOURCE_PLAN_ACTIVITIES.map((a) => ({
      code: a.code,
      name: a.name,
      goal: "1",
      task: "1.2",
      responsible: a.department,
      term: "2021–2023",
      expectedResult: a.expectedResult,
      funding: a.funding.map((f) => ({ ...f })),
    })),
    ...ILLUSTRATIVE_PLAN_ACTIVITIES,
  ],
  indicators: planIndicators(),
  priorityProjects: [...SOURCE_PRIORITY_PROJECTS, ...ILLUSTRATIVE_PRIORITY_PROJECTS],
};

/**
 * The next plan, in draft: the eleven priority projects the source lists for it, with nothing the
 * source does not give (no object, works, term, funding or activities); its years are illustrative.
 */
export const KALUGA_NEXT_ACTION_PLAN: ActionPlanDocument = {
  ...ILLUSTRATIVE_NEXT_PLAN,
  approvalDocument: null,
  draft: true,
  activities: [],
  indicators: [],
  priorityProjects: NEXT_PLAN_PRIORITY_PROJECTS.map((name) => ({ name, funding: [] })),
};
