/**
 * A small, complete world for API tests: two municipalities; in the first, two programs with
 * different responsible executors, each with directions of different co-executors; one user per
 * role. Built from documents, like the demo data.
 */
import type { MunicipalityDocument, ProgramDocument } from "@orientir/domain";
import type { SeedUser } from "@orientir/app";

const years = [2025, 2026, 2027, 2028, 2029, 2030];

export function smallProgram(code: string, executor: string, coExecutors: [string, string], suffix: string): ProgramDocument {
  return {
    code,
    name: `Программа ${suffix}`,
    responsibleExecutor: executor,
    coExecutors,
    startYear: 2025,
    endYear: 2030,
    goals: [{ code: "Ц1", name: `Цель ${suffix}`, targetValue: "100", unit: "%", targetYear: 2030 }],
    stages: [{ name: "Этап 1", startYear: 2025, endYear: 2030 }],
    annualReports: [{ year: 2025, mainResults: `Основные результаты 2025 года: ${suffix}` }],
    indicators: [
      {
        code: "И1",
        name: `Индикатор ${suffix}`,
        unit: "%",
        okei: "744",
        trend: "increase",
        baseYear: 2024,
        baseValue: "50",
        goal: "Ц1",
        values: years.map((y) => ({ year: y, plan: String(50 + (y - 2024) * 5), fact: y === 2025 ? "54" : null })),
      },
    ],
    directions: coExecutors.map((co, i) => ({
      code: `${i + 1}`,
      name: `Направление ${i + 1} ${suffix}`,
      coExecutor: co,
      budgetExecution: [
        { year: 2025, quarter: 4, source: "local", schedule: "1000.50", cash: "950.00" },
        { year: 2026, quarter: 1, source: "local", schedule: "1000.50", cash: "200.10" },
      ],
      elements: [
        {
          code: `${i + 1}.1`,
          name: `Комплекс процессных мероприятий ${i + 1}.1 ${suffix}`,
          kind: "process" as const,
          responsible: co,
          tasks: [{ code: "1", name: `Задача ${i + 1}`, activities: [{ code: "1.1", name: `Мероприятие ${i + 1}` }] }],
          metrics: [
            {
              code: `П${i + 1}`,
              name: `Показатель ${i + 1} ${suffix}`,
              unit: "ед.",
              okei: "642",
              trend: "increase" as const,
              baseYear: 2024,
              baseValue: "10",
              level: "МП" as const,
              task: "1",
              valueSource: "ведомственная отчетность",
              values: years.map((y) => ({ year: y, plan: String(10 + (y - 2024)), fact: y === 2025 ? "11" : null })),
              months: [3, 6, 9, 12].map((m) => ({ year: 2026, month: m, plan: String(m), fact: null, forecast: null })),
            },
          ],
          checkpoints: ["2026-03-20", "2026-06-20", "2026-09-20", "2026-12-20"].map((d, k) => ({
            name: `Контрольная точка ${k + 1}`,
            activity: "1.1",
            plannedDate: d,
            actualDate: null,
            responsible: co,
            documentKind: "отчет",
          })),
          funding: years.flatMap((y) => [
            { year: y, source: "local", amount: "1000.50" },
            { year: y, source: "regional", amount: "250.25" },
          ]),
        },
      ],
    })),
  };
}

export const MUNICIPALITY_A: MunicipalityDocument = {
  name: "Город А",
  country: "RU",
  currency: "RUB",
  budgetSources: [
    { code: "federal", name: "Федеральный бюджет" },
    { code: "regional", name: "Областной бюджет" },
    { code: "local", name: "Местный бюджет" },
    { code: "other", name: "Иные источники" },
  ],
  departments: [
    { name: "Управление экономики" },
    { name: "Управление финансов" },
    { name: "Управление образования" },
    { name: "Комитет по культуре" },
    { name: "Управление городского хозяйства" },
  ],
  strategy: {
    name: "Стратегия А до 2030 года",
    startYear: 2021,
    endYear: 2030,
    mission: "Миссия",
    stages: [
      { name: "I этап", startYear: 2021, endYear: 2025 },
      { name: "II этап", startYear: 2026, endYear: 2030 },
    ],
    swot: { strength: ["Сила"], weakness: ["Слабость"], opportunity: ["Возможность"], threat: ["Угроза"] },
    priorities: [
      {
        code: "1",
        name: "Человеческий потенциал",
        goals: [
          {
            code: "1",
            name: "Цель стратегии",
            tasks: [
              { code: "1.1", name: "Задача стратегии", activities: [{ name: "Мероприятие стратегии", expectedResult: "Результат" }] },
            ],
          },
        ],
      },
    ],
    goals: [],
    risks: [{ name: "Риск", mitigation: "Снижение" }],
    problems: [{ code: "1", name: "Проблема развития", priorities: ["1"] }],
    indicators: [
      {
        code: "С1",
        name: "Показатель стратегии",
        unit: "%",
        trend: "increase",
        baseYear: 2020,
        baseValue: "40",
        goal: "1",
        values: [{ year: 2025, target: "60", fact: "58" }],
      },
    ],
  },
  actionPlan: {
    name: "План мероприятий 2024–2026",
    startYear: 2024,
    endYear: 2026,
    activities: [
      {
        code: "1",
        name: "Мероприятие плана",
        goal: "1",
        task: "1.1",
        responsible: "Управление образования",
        program: "MP-1",
        funding: [{ year: 2025, source: "local", amount: "500.00" }],
      },
    ],
    indicators: [
      {
        code: "ПП1",
        name: "Показатель плана",
        unit: "%",
        trend: "increase",
        strategyIndicator: "С1",
        values: [{ year: 2025, plan: "55", fact: "56" }],
      },
    ],
    priorityProjects: [
      {
        name: "Приоритетный проект",
        object: "Объект",
        responsible: "Управление городского хозяйства",
        funding: [{ year: 2025, source: "regional", amount: "1500.00" }],
      },
    ],
  },
  programs: [
    smallProgram("MP-1", "Управление образования", ["Комитет по культуре", "Управление городского хозяйства"], "А1"),
    smallProgram("MP-2", "Управление городского хозяйства", ["Управление городского хозяйства", "Комитет по культуре"], "А2"),
  ],
};

export const MUNICIPALITY_B: MunicipalityDocument = {
  ...MUNICIPALITY_A,
  name: "Город Б",
  strategy: { ...MUNICIPALITY_A.strategy!, name: "Стратегия Б" },
  programs: [smallProgram("MP-1", "Управление образования", ["Комитет по культуре", "Управление городского хозяйства"], "Б1")],
};

/** One account per role in A (logins are the role names), and one admin in B. */
export const FIXTURE_USERS: SeedUser[] = [
  { login: "admin", fullName: "Администратор", memberships: [{ municipality: "Город А", role: "admin" }] },
  {
    login: "economy",
    fullName: "Экономист",
    memberships: [{ municipality: "Город А", role: "economy", department: "Управление экономики" }],
  },
  {
    login: "finance",
    fullName: "Финансист",
    memberships: [{ municipality: "Город А", role: "finance", department: "Управление финансов" }],
  },
  { login: "audit", fullName: "Аудитор", memberships: [{ municipality: "Город А", role: "audit" }] },
  {
    login: "executor",
    fullName: "Исполнитель",
    memberships: [{ municipality: "Город А", role: "executor", department: "Управление образования" }],
  },
  {
    login: "coexecutor",
    fullName: "Соисполнитель",
    memberships: [{ municipality: "Город А", role: "coexecutor", department: "Комитет по культуре" }],
  },
  { login: "head", fullName: "Глава", memberships: [{ municipality: "Город А", role: "head" }] },
  { login: "viewer", fullName: "Наблюдатель", memberships: [{ municipality: "Город А", role: "viewer" }] },
  { login: "office", fullName: "Канцелярия", memberships: [{ municipality: "Город А", role: "office" }] },
  { login: "adminb", fullName: "Администратор Б", memberships: [{ municipality: "Город Б", role: "admin" }] },
];

export const FIXTURE_PASSWORD = "password-1";
