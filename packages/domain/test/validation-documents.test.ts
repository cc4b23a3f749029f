import { describe, expect, it } from "vitest";
import type { ActionPlanDocument, ProgramDocument, StrategyDocument } from "../src/model/documents.ts";
import {
  hasErrors,
  validateActionPlanDocument,
  validateProgramDocument,
  validateStrategyDocument,
  type Issue,
  type ProgramContext,
} from "../src/validation/index.ts";

const EDU = "Управление образования";
const ECON = "Управление экономики и имущественных отношений";
const ROADS = "Управление городского хозяйства";

const ctx: ProgramContext = {
  departments: [EDU, ECON, ROADS],
  budgetSources: ["federal", "regional", "local", "other"],
  others: [{ code: "МП-07", goals: ["Развитие дорожной сети"], indicators: ["Доля дорог в нормативном состоянии"] }],
  strategyIndicators: ["С-12", "Охват детей дошкольным образованием"],
};

/** A program that satisfies every rule: six years, references resolve, four checkpoints a quarter apart. */
function validProgram(): ProgramDocument {
  return {
    code: "МП-03",
    name: "Развитие образования",
    responsibleExecutor: EDU,
    coExecutors: [ROADS],
    startYear: 2025,
    endYear: 2030,
    otherSources: null,
    goals: [{ code: "Ц1", name: "Повышение доступности дошкольного образования", targetValue: "100", unit: "%", targetYear: 2030 }],
    stages: [
      { name: "Первый этап", startYear: 2025, endYear: 2027 },
      { name: "Второй этап", startYear: 2028, endYear: 2030 },
    ],
    indicators: [
      {
        code: "И1",
        name: "Доступность дошкольного образования",
        unit: "%",
        okei: "744",
        trend: "increase",
        baseYear: 2024,
        baseValue: "97,5",
        goal: "Ц1",
        strategyIndicator: "охват детей дошкольным образованием",
        values: [
          { year: 2025, plan: "98" },
          { year: 2030, plan: "100" },
        ],
      },
    ],
    directions: [
      {
        code: "07",
        name: "Образование",
        coExecutor: EDU,
        elements: [
          {
            code: "07.1",
            name: "Содержание детских садов",
            kind: "process",
            responsible: EDU,
            startYear: 2025,
            endYear: 2030,
            tasks: [
              {
                code: "З1",
                name: "Обеспечить работу детских садов",
                activities: [{ code: "1.1", name: "Выполнение муниципального задания" }],
              },
            ],
            metrics: [
              {
                code: "П1",
                name: "Число воспитанников",
                unit: "человек",
                okei: "792",
                trend: "increase",
                baseYear: 2024,
                baseValue: "12 400",
                level: "МП",
                task: "З1",
                values: [{ year: 2025, plan: "12500" }],
                months: [
                  { year: 2025, month: 6, plan: "12450" },
                  { year: 2025, month: 12, plan: "12500" },
                ],
              },
            ],
            checkpoints: [
              { name: "Задание утверждено", activity: "1.1", plannedDate: "31.01.2025" },
              { name: "Отчёт за I квартал", activity: "1.1", plannedDate: "2025-04-15" },
              { name: "Отчёт за полугодие", activity: "Выполнение муниципального задания", plannedDate: "2025-07-15" },
              { name: "Отчёт за 9 месяцев", activity: "1.1", plannedDate: "2025-10-15" },
            ],
            funding: [
              { year: 2025, source: "local", amount: "150 000,5" },
              { year: 2025, source: "regional", amount: "20000" },
              { year: 2026, source: "local", amount: "0" },
            ],
          },
          {
            code: "07.2",
            name: "Строительство детского сада",
            kind: "project",
            tasks: [],
            metrics: [],
            checkpoints: [],
            funding: [{ year: 2026, source: "federal", amount: "99999.99" }],
          },
        ],
      },
    ],
  };
}

const brief = (issues: Issue[]) => issues.map((i) => [i.path, i.severity, i.message]);

describe("validateProgramDocument", () => {
  it("a valid program has no errors and no warnings", () => {
    expect(validateProgramDocument(validProgram(), ctx)).toEqual([]);
  });

  it("the budget of a direction and of an element: dated schedule entries within their year, known sources, cash not decreasing", () => {
    const doc = validProgram();
    const d = doc.directions[0]!;
    d.budgetSchedule = [
      { year: 2026, source: "local", amount: "100.00", effectiveDate: "2026-01-01" },
      { year: 2026, source: "local", amount: "90.00", effectiveDate: "2026-01-01" },
      { year: 2026, source: "nowhere", amount: "1.00", effectiveDate: "2025-06-01" },
    ];
    d.budgetExecution = [
      { year: 2026, quarter: 1, source: "local", cash: "50.00" },
      { year: 2026, quarter: 2, source: "local", cash: "40.00" },
    ];
    d.elements[0]!.budgetExecution = [
      { year: 2026, quarter: 1, source: "local", cash: "1.00" },
      { year: 2026, quarter: 1, source: "local", cash: "2.00" },
    ];
    const paths = validateProgramDocument(doc, ctx)
      .filter((i) => i.severity === "error")
      .map((i) => i.path);
    expect(paths).toEqual([
      "directions[0].budgetSchedule[2].source",
      "directions[0].budgetSchedule[2].effectiveDate",
      "directions[0].budgetSchedule[1].effectiveDate",
      "directions[0].budgetExecution[1].cash",
      "directions[0].elements[0].budgetExecution[1].quarter",
    ]);
    // cash may stay equal; a document without budget is valid
    d.budgetSchedule = d.budgetSchedule.slice(0, 1);
    d.budgetExecution[1]!.cash = "50.00";
    d.elements[0]!.budgetExecution = [];
    expect(validateProgramDocument(doc, ctx)).toEqual([]);
  });

  it("lists each error of an invalid program with its path", () => {
    const doc = validProgram();
    doc.endYear = 2029; // 5 years; what was planned for 2030 moves to 2029
    doc.goals[0]!.targetYear = 2029;
    doc.indicators[0]!.values[1]!.year = 2029;
    doc.directions[0]!.elements[0]!.endYear = 2029;
    doc.responsibleExecutor = "Неизвестное управление";
    doc.coExecutors = [ROADS, ROADS];
    doc.goals.push({ name: "Развитие дорожной сети" });
    doc.stages[1]!.endYear = 2031;
    const ind = doc.indicators[0]!;
    ind.baseYear = 2026;
    ind.goal = "Ц9";
    ind.strategyIndicator = "С-99";
    ind.values.push({ year: 2025, plan: "1e3" }, { year: 2031, plan: "100" });
    const dir = doc.directions[0]!;
    dir.coExecutor = ECON;
    dir.elements[1]!.code = "07.1";
    const el = dir.elements[0]!;
    const m = el.metrics[0]!;
    m.unit = "";
    m.level = "район" as never;
    m.task = "З5";
    m.months.push({ year: 2025, month: 6, plan: "1" }, { year: 2025, month: 13, plan: "1" });
    el.checkpoints[1]!.activity = "9.9";
    el.checkpoints[2]!.plannedDate = "2031-02-30";
    el.funding.push(
      { year: 2025, source: "local", amount: "5" },
      { year: 2027, source: "lottery", amount: "-1" },
      { year: 2028, source: "other", amount: "1,005" },
    );
    (el as unknown as Record<string, unknown>).colour = "red"; // documents ignore keys that are not fields

    const issues = validateProgramDocument(doc, ctx);
    expect(brief(issues)).toEqual([
      ["endYear", "error", "Срок реализации муниципальной программы — не менее 6 лет; сейчас 2025–2029 (5 лет)"],
      [
        "responsibleExecutor",
        "error",
        "Поле «Ответственный исполнитель»: не найдено (структурное подразделение) «Неизвестное управление» — по коду или наименованию",
      ],
      ["coExecutors[1]", "error", "Соисполнитель указан дважды"],
      ["stages[1].endYear", "error", "«Год окончания» (2031) вне срока реализации 2025–2029"],
      ["indicators[0].baseYear", "error", "«Базовый год» (2026) должен предшествовать началу реализации (2025) или совпадать с ним"],
      ["indicators[0].goal", "error", "Поле «Цель программы»: не найдено (цель программы) «Ц9» — по коду или наименованию"],
      [
        "indicators[0].strategyIndicator",
        "error",
        "Поле «Показатель стратегии»: не найдено (показатель стратегии) «С-99» — по коду или наименованию",
      ],
      ["indicators[0].values[2].plan", "error", "Поле «План»: «1e3» не является числом"],
      ["indicators[0].values[3].year", "error", "«Год» (2031) вне срока реализации 2025–2029"],
      ["indicators[0].values[2].year", "error", "Значение за 2025 год указано дважды"],
      [
        "directions[0].coExecutor",
        "warning",
        "Соисполнитель направления «Управление экономики и имущественных отношений» не указан среди соисполнителей программы и не является ответственным исполнителем",
      ],
      ["directions[0].elements[1].code", "error", "Структурные элементы: код «07.1» повторяется"],
      ["directions[0].elements[0].metrics[0].unit", "error", "Поле «Единица измерения» обязательно"],
      [
        "directions[0].elements[0].metrics[0].level",
        "error",
        "Поле «Уровень»: «район» — недопустимое значение; допустимы: ВДЛ, ГП РФ, НП, ФП в НП, ФП вне НП, ГП, СТ, МП",
      ],
      [
        "directions[0].elements[0].metrics[0].task",
        "error",
        "Поле «Задача»: не найдено (задача структурного элемента) «З5» — по коду или наименованию",
      ],
      ["directions[0].elements[0].metrics[0].months[3].month", "error", "Поле «Месяц (12 — на 31 декабря)»: должно быть от 1 до 12"],
      ["directions[0].elements[0].metrics[0].months[2].month", "error", "Месяц 6 2025 года указан дважды"],
      [
        "directions[0].elements[0].checkpoints[1].activity",
        "error",
        "Поле «Мероприятие»: не найдено (мероприятие структурного элемента) «9.9» — по коду или наименованию",
      ],
      [
        "directions[0].elements[0].checkpoints[2].plannedDate",
        "error",
        "Поле «Плановая дата»: «2031-02-30» не является датой (ДД.ММ.ГГГГ или ГГГГ-ММ-ДД)",
      ],
      ["directions[0].elements[0].funding[4].amount", "error", "Поле «Сумма»: не может быть отрицательной"],
      [
        "directions[0].elements[0].funding[4].source",
        "error",
        "Поле «Источник»: не найдено (источник финансирования) «lottery» — по коду или наименованию",
      ],
      ["directions[0].elements[0].funding[5].amount", "error", "Поле «Сумма»: не более 2 знаков после запятой"],
      ["directions[0].elements[0].funding[3].source", "error", "Финансирование за 2025 год из источника «local» указано дважды"],
      ["goals[1].name", "error", "Цель «Развитие дорожной сети» уже есть в муниципальной программе «МП-07»: дублирование не допускается"],
      // the two checkpoints left for activity 1.1 in 2025
      [
        "directions[0].elements[0].tasks[0].activities[0]:2025",
        "warning",
        "В 2025 году у мероприятия 2 контрольные точки; рекомендуется не менее 4 в год, распределённых равномерно в течение года",
      ],
    ]);
    expect(issues.find((i) => i.path === "endYear")?.rule).toBe("220-п 1.5");
    expect(issues.find((i) => i.path === "goals[1].name")?.rule).toBe("220-п 2.1.1 б");
    expect(issues.find((i) => i.path.endsWith("funding[5].amount"))?.rule).toBe("220-п 1.3.11");
  });

  it("warns about checkpoints of a process element linked to no activity, and not of a project element", () => {
    const doc = validProgram();
    const [proc, proj] = doc.directions[0]!.elements;
    proc!.checkpoints = [{ name: "Годовой отчёт", plannedDate: "2026-12-31" }];
    proj!.checkpoints = [{ name: "Ввод в эксплуатацию", plannedDate: "2027-12-31" }];
    const issues = validateProgramDocument(doc, ctx);
    expect(hasErrors(issues)).toBe(false);
    expect(issues.map((i) => i.path)).toEqual(["directions[0].elements[0]:2026", "directions[0].elements[0]:2026"]);
  });

  it("a checkpoint outside the period is an error", () => {
    const doc = validProgram();
    doc.directions[0]!.elements[0]!.checkpoints[0]!.plannedDate = "31.12.2024";
    const issues = validateProgramDocument(doc, ctx).filter((i) => i.severity === "error");
    expect(brief(issues)).toEqual([
      ["directions[0].elements[0].checkpoints[0].plannedDate", "error", "«Плановая дата» (2024-12-31) вне срока реализации 2025–2030"],
    ]);
  });

  it("required fields of nested rows and a list that is not a list", () => {
    const doc = validProgram() as unknown as Record<string, unknown>;
    doc.code = " ";
    doc.stages = "none";
    const issues = validateProgramDocument(doc as unknown as ProgramDocument, ctx);
    expect(brief(issues)).toEqual([
      ["code", "error", "Поле «Код» обязательно"],
      ["stages", "error", "Ожидается список"],
    ]);
  });

  it("skips strategy indicator references when the strategy is not known", () => {
    const doc = validProgram();
    doc.indicators[0]!.strategyIndicator = "что-то другое";
    expect(validateProgramDocument(doc, { ...ctx, strategyIndicators: undefined })).toEqual([]);
  });
});

function validStrategy(): StrategyDocument {
  return {
    name: "Стратегия социально-экономического развития до 2030 года",
    startYear: 2020,
    endYear: 2030,
    mission: "Город для жизни",
    stages: [{ name: "Первый этап", startYear: 2020, endYear: 2025 }],
    swot: { strength: ["Выгодное положение"], weakness: [], opportunity: ["Туризм"], threat: ["Отток молодёжи"] },
    priorities: [
      {
        code: "1",
        name: "Человеческий капитал",
        goals: [
          {
            code: "1.1",
            name: "Качественное образование",
            tasks: [{ code: "1.1.1", name: "Строительство школ", activities: [{ name: "Построить школу", term: "2027" }] }],
          },
        ],
      },
    ],
    goals: [{ code: "9", name: "Открытое управление", tasks: [] }],
    risks: [{ name: "Сокращение доходов бюджета", mitigation: "Резервы" }],
    indicators: [
      {
        code: "С-1",
        name: "Охват детей дошкольным образованием",
        unit: "%",
        trend: "increase",
        baseYear: 2019,
        baseValue: "95",
        goal: "1.1",
        values: [{ year: 2030, target: "100" }],
      },
    ],
  };
}

describe("validateStrategyDocument", () => {
  it("a valid strategy has no issues", () => {
    expect(validateStrategyDocument(validStrategy())).toEqual([]);
  });

  it("period, stages, target years, references and duplicates", () => {
    const doc = validStrategy();
    doc.stages.push({ name: "Второй этап", startYear: 2026, endYear: 2035 });
    doc.swot.threat.push("");
    doc.goals.push({ code: "1.1", name: "Ещё цель", tasks: [] });
    const ind = doc.indicators[0]!;
    ind.goal = "Несуществующая цель";
    ind.values.push({ year: 2031, target: "100" });
    doc.indicators.push({ ...ind, goal: "открытое  управление", values: [] });
    expect(brief(validateStrategyDocument(doc))).toEqual([
      ["stages[1].endYear", "error", "«Год окончания» (2035) вне срока реализации 2020–2030"],
      ["swot.threat[1]", "error", "Поле «Текст» обязательно"],
      ["goals[1].code", "error", "Цели: код «1.1» повторяется"],
      ["indicators[1].name", "error", "Показатель стратегии с таким наименованием уже есть"],
      ["indicators[0].goal", "error", "Поле «Цель»: не найдено (цель стратегии) «Несуществующая цель» — по коду или наименованию"],
      ["indicators[0].values[1].year", "error", "«Год» (2031) вне срока реализации 2020–2030"],
    ]);
  });

  it("a strategy may last one year but not end before it starts", () => {
    expect(validateStrategyDocument({ ...validStrategy(), startYear: 2030, endYear: 2030, stages: [], indicators: [] })).toEqual([]);
    expect(
      validateStrategyDocument({ ...validStrategy(), startYear: 2030, endYear: 2029, stages: [], indicators: [] }).map((i) => i.path),
    ).toEqual(["endYear"]);
  });
});

function validPlan(): ActionPlanDocument {
  return {
    name: "План мероприятий на 2025–2027 годы",
    startYear: 2025,
    endYear: 2027,
    activities: [
      {
        code: "1",
        name: "Строительство школы на 1100 мест",
        goal: "1.1",
        task: "Строительство школ",
        responsible: EDU,
        program: "МП-03",
        funding: [
          { year: 2025, source: "regional", amount: "1000,25" },
          { year: 2026, source: "local", amount: "50" },
        ],
      },
    ],
    indicators: [
      { name: "Охват детей", unit: "%", trend: "increase", goal: "1.1", strategyIndicator: "С-1", values: [{ year: 2027, plan: "99,5" }] },
    ],
    priorityProjects: [{ name: "Набережная", responsible: ROADS, funding: [{ year: 2027, source: "federal", amount: "10" }] }],
  };
}

describe("validateActionPlanDocument", () => {
  const planCtx = { departments: ctx.departments, budgetSources: ctx.budgetSources, strategy: validStrategy(), programs: ["МП-03"] };

  it("a valid plan has no issues", () => {
    expect(validateActionPlanDocument(validPlan(), planCtx)).toEqual([]);
  });

  it("references, funding and years", () => {
    const doc = validPlan();
    const a = doc.activities[0]!;
    a.goal = "9"; // a goal that exists, but the task is not one of its tasks
    a.program = "МП-99";
    a.funding.push({ year: 2028, source: "local", amount: "1,001" }, { year: 2026, source: "local", amount: "-5" });
    doc.indicators[0]!.strategyIndicator = "С-5";
    doc.indicators[0]!.values.push({ year: 2024, plan: "90" });
    doc.priorityProjects[0]!.responsible = "Кто-то";
    expect(brief(validateActionPlanDocument(doc, planCtx))).toEqual([
      [
        "activities[0].task",
        "error",
        "Поле «Задача стратегии»: не найдено (задача этой цели) «Строительство школ» — по коду или наименованию",
      ],
      [
        "activities[0].program",
        "error",
        "Поле «Муниципальная программа»: не найдено (муниципальная программа) «МП-99» — по коду или наименованию",
      ],
      ["activities[0].funding[2].amount", "error", "Поле «Сумма»: не более 2 знаков после запятой"],
      ["activities[0].funding[2].year", "error", "«Год» (2028) вне срока реализации 2025–2027"],
      ["activities[0].funding[3].amount", "error", "Поле «Сумма»: не может быть отрицательной"],
      ["activities[0].funding[3].source", "error", "Финансирование за 2026 год из источника «local» указано дважды"],
      [
        "indicators[0].strategyIndicator",
        "error",
        "Поле «Показатель стратегии»: не найдено (показатель стратегии) «С-5» — по коду или наименованию",
      ],
      ["indicators[0].values[1].year", "error", "«Год» (2024) вне срока реализации 2025–2027"],
      [
        "priorityProjects[0].responsible",
        "error",
        "Поле «Ответственный»: не найдено (структурное подразделение) «Кто-то» — по коду или наименованию",
      ],
    ]);
  });

  it("a plan of one year is allowed; without a strategy its references are not checked", () => {
    const doc = { ...validPlan(), endYear: 2025, indicators: [], priorityProjects: [] };
    doc.activities[0]!.funding = [{ year: 2025, source: "local", amount: "1" }];
    doc.activities[0]!.goal = "что угодно";
    expect(validateActionPlanDocument(doc, { departments: ctx.departments, budgetSources: ctx.budgetSources })).toEqual([]);
  });
});
