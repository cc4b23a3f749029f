import { f, type ResourceSpec } from "./fields.ts";
import {
  ELEMENT_KINDS,
  ELEMENT_KIND_LABELS,
  METRIC_LEVELS,
  PROJECT_KINDS,
  PROJECT_KIND_LABELS,
  SWOT_KINDS,
  SWOT_LABELS,
  TRENDS,
  TREND_LABELS,
} from "./enums.ts";

/**
 * Every entity a user edits through the generic create/read/update/delete API.
 * Each row also has: id, municipalityId, version (optimistic concurrency), createdAt, updatedAt,
 * and the ids of its scope (strategyId / planId / programId, and directionId below a direction).
 */

const code = (required = false) => f.text("code", "Код / номер", "Code / number", required, 50);
const ord = () => f.int("ord", "Порядок", "Order", false, 0, 100000);
const name = (ru = "Наименование") => f.text("name", ru, "Name");
const unit = () => f.text("unit", "Единица измерения", "Unit", true, 100);
const okei = () => f.text("okei", "Код ОКЕИ", "OKEI code", false, 10);
const trend = () => f.enumOf("trend", TRENDS, "Желаемая тенденция", "Trend", true, TREND_LABELS);

export const RESOURCES: ResourceSpec[] = [
  // ---- municipality-wide ---------------------------------------------------------------
  {
    name: "budgetSource",
    path: "budget-sources",
    table: "budget_source",
    scope: "municipality",
    label: { ru: "Источник финансирования", en: "Funding source" },
    unique: [["code"]],
    fields: [
      f.text("code", "Код", "Code", true, 30),
      name(),
      ord(),
      // how the forms name the source's rows, as the municipality words it (passport, appendices 4, 8, 9)
      f.text("formLabel", "Наименование в формах", "Name in the forms", false, 500),
    ],
  },
  {
    name: "department",
    path: "departments",
    table: "department",
    scope: "municipality",
    label: { ru: "Структурное подразделение", en: "Department" },
    unique: [["name"]],
    fields: [name(), f.text("shortName", "Краткое наименование", "Short name", false, 200)],
  },
  // ---- strategy ------------------------------------------------------------------------
  {
    name: "strategy",
    path: "strategies",
    table: "strategy",
    scope: "strategy",
    label: { ru: "Стратегия", en: "Strategy" },
    fields: [
      name(),
      f.year("startYear", "Год начала", "Start year"),
      f.year("endYear", "Год окончания", "End year"),
      f.longText("mission", "Миссия", "Mission"),
      f.longText("vision", "Видение", "Vision"),
      f.text("approvalDocument", "Документ об утверждении", "Approval document", false),
    ],
  },
  {
    name: "strategyStage",
    path: "strategy-stages",
    table: "strategy_stage",
    scope: "strategy",
    parent: { field: "strategyId", resource: "strategy" },
    label: { ru: "Этап", en: "Stage" },
    fields: [
      name(),
      f.year("startYear", "Год начала", "Start year"),
      f.year("endYear", "Год окончания", "End year"),
      f.longText("description", "Описание", "Description"),
      ord(),
    ],
  },
  {
    name: "swotItem",
    path: "swot-items",
    table: "swot_item",
    scope: "strategy",
    parent: { field: "strategyId", resource: "strategy" },
    label: { ru: "Пункт SWOT", en: "SWOT item" },
    fields: [f.enumOf("kind", SWOT_KINDS, "Раздел", "Kind", true, SWOT_LABELS), f.text("text", "Текст", "Text"), ord()],
  },
  {
    name: "priority",
    path: "priorities",
    table: "priority",
    scope: "strategy",
    parent: { field: "strategyId", resource: "strategy" },
    label: { ru: "Приоритет", en: "Priority" },
    fields: [code(), name(), f.longText("description", "Описание", "Description"), ord()],
  },
  {
    name: "goal",
    path: "goals",
    table: "goal",
    scope: "strategy",
    parent: { field: "strategyId", resource: "strategy" },
    label: { ru: "Цель", en: "Goal" },
    fields: [
      f.ref("priorityId", "priority", "Приоритет", "Priority", false),
      code(),
      name(),
      f.longText("description", "Описание", "Description"),
      ord(),
    ],
  },
  {
    name: "strategyTask",
    path: "strategy-tasks",
    table: "strategy_task",
    scope: "strategy",
    parent: { field: "goalId", resource: "goal" },
    label: { ru: "Задача", en: "Task" },
    fields: [code(), name(), ord()],
  },
  {
    name: "strategyActivity",
    path: "strategy-activities",
    table: "strategy_activity",
    scope: "strategy",
    parent: { field: "taskId", resource: "strategyTask" },
    label: { ru: "Мероприятие", en: "Activity" },
    fields: [
      code(),
      name(),
      f.longText("expectedResult", "Ожидаемый результат", "Expected result"),
      f.text("term", "Срок", "Term", false, 200),
      ord(),
    ],
  },
  {
    name: "risk",
    path: "risks",
    table: "risk",
    scope: "strategy",
    parent: { field: "strategyId", resource: "strategy" },
    label: { ru: "Риск", en: "Risk" },
    fields: [name("Риск"), f.longText("mitigation", "Способ снижения", "Mitigation"), ord()],
  },
  {
    // a main problem of the strategy's development (e.g. Kant's section III «Проблемы городского развития»)
    name: "strategyProblem",
    path: "strategy-problems",
    table: "strategy_problem",
    scope: "strategy",
    parent: { field: "strategyId", resource: "strategy" },
    label: { ru: "Проблема развития", en: "Problem" },
    fields: [code(), name("Проблема"), f.longText("description", "Описание", "Description"), ord()],
  },
  {
    // a priority that answers the problem
    name: "strategyProblemPriority",
    path: "strategy-problem-priorities",
    table: "strategy_problem_priority",
    scope: "strategy",
    parent: { field: "problemId", resource: "strategyProblem" },
    label: { ru: "Приоритет, решающий проблему", en: "Priority answering the problem" },
    unique: [["priorityId"]],
    fields: [f.ref("priorityId", "priority", "Приоритет", "Priority")],
  },
  {
    name: "strategyIndicator",
    path: "strategy-indicators",
    table: "strategy_indicator",
    scope: "strategy",
    parent: { field: "strategyId", resource: "strategy" },
    label: { ru: "Показатель стратегии", en: "Strategy indicator" },
    unique: [["name"]],
    fields: [
      f.ref("goalId", "goal", "Цель", "Goal", false),
      code(),
      name(),
      unit(),
      okei(),
      trend(),
      f.year("baseYear", "Базовый год", "Base year", false),
      f.decimal("baseValue", "Базовое значение", "Base value"),
      ord(),
    ],
  },
  {
    name: "strategyIndicatorValue",
    path: "strategy-indicator-values",
    table: "strategy_indicator_value",
    scope: "strategy",
    parent: { field: "indicatorId", resource: "strategyIndicator" },
    label: { ru: "Значение показателя стратегии", en: "Strategy indicator value" },
    unique: [["year"]],
    fields: [
      f.year("year", "Год", "Year"),
      f.decimal("target", "Целевое значение", "Target"),
      f.decimal("fact", "Фактическое значение", "Fact"),
    ],
  },
  // ---- action plan ---------------------------------------------------------------------
  {
    name: "actionPlan",
    path: "action-plans",
    table: "action_plan",
    scope: "plan",
    label: { ru: "План мероприятий", en: "Action plan" },
    fields: [
      f.ref("strategyId", "strategy", "Стратегия", "Strategy"),
      name(),
      f.year("startYear", "Год начала", "Start year"),
      f.year("endYear", "Год окончания", "End year"),
      f.text("approvalDocument", "Документ об утверждении", "Approval document", false),
      f.bool("draft", "Проект (не утвержден)", "Draft (not approved)"),
    ],
  },
  {
    name: "planActivity",
    path: "plan-activities",
    table: "plan_activity",
    scope: "plan",
    parent: { field: "planId", resource: "actionPlan" },
    label: { ru: "Мероприятие плана", en: "Plan activity" },
    fields: [
      code(),
      name(),
      f.ref("goalId", "goal", "Цель стратегии", "Strategy goal", false),
      f.ref("taskId", "strategyTask", "Задача стратегии", "Strategy task", false),
      f.ref("responsibleDepartmentId", "department", "Ответственный", "Responsible department", false),
      f.ref("programId", "program", "Муниципальная программа", "Municipal program", false),
      f.text(
        "executingBody",
        "Исполнительный муниципальный орган/структурное подразделение",
        "Executing body / structural unit",
        false,
        1000,
      ),
      f.longText("expectedResult", "Ожидаемый результат", "Expected result"),
      f.text("term", "Срок реализации", "Term", false, 200),
      ord(),
    ],
  },
  {
    name: "planActivityFunding",
    path: "plan-activity-funding",
    table: "plan_activity_funding",
    scope: "plan",
    parent: { field: "activityId", resource: "planActivity" },
    label: { ru: "Финансирование мероприятия", en: "Activity funding" },
    unique: [["year", "source"]],
    fields: [f.year("year", "Год", "Year"), f.text("source", "Источник", "Source", true, 30), f.money("amount", "Сумма", "Amount")],
  },
  {
    name: "planIndicator",
    path: "plan-indicators",
    table: "plan_indicator",
    scope: "plan",
    parent: { field: "planId", resource: "actionPlan" },
    label: { ru: "Показатель плана", en: "Plan indicator" },
    fields: [
      code(),
      name(),
      unit(),
      trend(),
      f.decimal("baseValue", "Базовое значение", "Base value"),
      f.ref("goalId", "goal", "Цель стратегии", "Strategy goal", false),
      f.ref("strategyIndicatorId", "strategyIndicator", "Показатель стратегии", "Strategy indicator", false),
      f.ref("responsibleDepartmentId", "department", "Ответственный исполнитель", "Responsible executor", false),
      ord(),
    ],
  },
  {
    name: "planIndicatorValue",
    path: "plan-indicator-values",
    table: "plan_indicator_value",
    scope: "plan",
    parent: { field: "indicatorId", resource: "planIndicator" },
    label: { ru: "Значение показателя плана", en: "Plan indicator value" },
    unique: [["year"]],
    fields: [f.year("year", "Год", "Year"), f.decimal("plan", "План", "Plan"), f.decimal("fact", "Факт", "Fact")],
  },
  {
    name: "priorityProject",
    path: "priority-projects",
    table: "priority_project",
    scope: "plan",
    parent: { field: "planId", resource: "actionPlan" },
    label: { ru: "Приоритетный проект", en: "Priority project" },
    fields: [
      name(),
      f.text("object", "Объект", "Object", false),
      f.longText("plannedWorks", "Планируемые работы", "Planned works"),
      f.text("term", "Срок", "Term", false, 200),
      f.ref("responsibleDepartmentId", "department", "Ответственный", "Responsible department", false),
      f.enumOf("kind", PROJECT_KINDS, "Вид проекта", "Kind of project", false, PROJECT_KIND_LABELS),
      ord(),
    ],
  },
  {
    name: "priorityProjectFunding",
    path: "priority-project-funding",
    table: "priority_project_funding",
    scope: "plan",
    parent: { field: "projectId", resource: "priorityProject" },
    label: { ru: "Финансирование проекта", en: "Project funding" },
    unique: [["year", "source"]],
    fields: [f.year("year", "Год", "Year"), f.text("source", "Источник", "Source", true, 30), f.money("amount", "Сумма", "Amount")],
  },
  // ---- municipal program (decree 220-п) ---------------------------------------------------
  {
    name: "program",
    path: "programs",
    table: "program",
    scope: "program",
    label: { ru: "Муниципальная программа", en: "Municipal program" },
    unique: [["code"]],
    fields: [
      f.text("code", "Код", "Code", true, 50),
      name(),
      f.ref("responsibleDepartmentId", "department", "Ответственный исполнитель", "Responsible executor"),
      f.year("startYear", "Год начала", "Start year"),
      f.year("endYear", "Год окончания", "End year"),
      f.longText("otherSources", "Иные источники", "Other sources"),
      f.ref("strategyId", "strategy", "Стратегия", "Strategy", false),
      // the strategy goal the program serves (chosen when the program is created)
      f.ref("strategyGoalId", "goal", "Цель стратегии", "Strategy goal", false),
    ],
  },
  {
    name: "programCoExecutor",
    path: "program-co-executors",
    table: "program_co_executor",
    scope: "program",
    parent: { field: "programId", resource: "program" },
    label: { ru: "Соисполнитель", en: "Co-executor" },
    unique: [["departmentId"]],
    fields: [f.ref("departmentId", "department", "Соисполнитель", "Co-executor")],
  },
  {
    name: "programGoal",
    path: "program-goals",
    table: "program_goal",
    scope: "program",
    parent: { field: "programId", resource: "program" },
    label: { ru: "Цель программы", en: "Program goal" },
    fields: [
      code(),
      name("Цель"),
      f.decimal("targetValue", "Целевое значение", "Target value"),
      f.text("unit", "Единица измерения", "Unit", false, 100),
      f.year("targetYear", "Год достижения", "Target year", false),
      ord(),
    ],
  },
  {
    name: "programStage",
    path: "program-stages",
    table: "program_stage",
    scope: "program",
    parent: { field: "programId", resource: "program" },
    label: { ru: "Этап", en: "Stage" },
    fields: [name(), f.year("startYear", "Год начала", "Start year"), f.year("endYear", "Год окончания", "End year"), ord()],
  },
  {
    name: "programIndicator",
    path: "program-indicators",
    table: "program_indicator",
    scope: "program",
    parent: { field: "programId", resource: "program" },
    label: { ru: "Индикатор", en: "Program indicator" },
    fields: [
      code(),
      name(),
      unit(),
      okei(),
      trend(),
      f.year("baseYear", "Базовый год", "Base year"),
      f.decimal("baseValue", "Базовое значение", "Base value"),
      f.ref("goalId", "programGoal", "Цель программы", "Program goal", false),
      f.ref("strategyIndicatorId", "strategyIndicator", "Показатель стратегии", "Strategy indicator", false),
      ord(),
    ],
  },
  {
    name: "programIndicatorValue",
    path: "program-indicator-values",
    table: "program_indicator_value",
    scope: "program",
    parent: { field: "indicatorId", resource: "programIndicator" },
    label: { ru: "Значение индикатора", en: "Indicator value" },
    unique: [["year"]],
    fields: [
      f.year("year", "Год", "Year"),
      f.decimal("plan", "План", "Plan"),
      f.decimal("fact", "Факт", "Fact"),
      f.longText("justification", "Обоснование отклонения", "Justification of the deviation"),
    ],
  },
  {
    name: "direction",
    path: "directions",
    table: "direction",
    scope: "program",
    parent: { field: "programId", resource: "program" },
    label: { ru: "Направление", en: "Direction" },
    unique: [["code"]],
    fields: [
      code(true),
      name(),
      f.ref("coExecutorDepartmentId", "department", "Соисполнитель", "Co-executor"),
      ord(),
      // 1.3.4: the section (subsection) of the classification of expenditure the direction groups
      f.text("budgetClassification", "Раздел, подраздел классификации расходов", "Budget classification section", false, 200),
    ],
  },
  {
    name: "structuralElement",
    path: "structural-elements",
    table: "structural_element",
    scope: "program",
    parent: { field: "directionId", resource: "direction" },
    label: { ru: "Структурный элемент", en: "Structural element" },
    unique: [["code"]],
    fields: [
      code(true),
      name(),
      f.enumOf("kind", ELEMENT_KINDS, "Вид", "Kind", true, ELEMENT_KIND_LABELS),
      f.ref("responsibleDepartmentId", "department", "Ответственный", "Responsible", false),
      f.year("startYear", "Год начала", "Start year", false),
      f.year("endYear", "Год окончания", "End year", false),
      ord(),
      // 1.3.3: bodies and organisations taking part in the element, one per line (not co-executors)
      f.longText("participants", "Участники структурного элемента", "Participants"),
    ],
  },
  {
    name: "elementTask",
    path: "element-tasks",
    table: "element_task",
    scope: "program",
    parent: { field: "elementId", resource: "structuralElement" },
    label: { ru: "Задача структурного элемента", en: "Element task" },
    fields: [code(), name("Задача"), ord()],
  },
  {
    name: "elementActivity",
    path: "element-activities",
    table: "element_activity",
    scope: "program",
    parent: { field: "taskId", resource: "elementTask" },
    label: { ru: "Мероприятие (результат)", en: "Activity" },
    fields: [code(), name(), f.longText("description", "Характеристика", "Description"), ord()],
  },
  {
    name: "metric",
    path: "metrics",
    table: "metric",
    scope: "program",
    parent: { field: "elementId", resource: "structuralElement" },
    label: { ru: "Показатель", en: "Metric" },
    fields: [
      code(),
      name(),
      unit(),
      okei(),
      trend(),
      f.year("baseYear", "Базовый год", "Base year", false),
      f.decimal("baseValue", "Базовое значение", "Base value"),
      f.text("valueSource", "Источник данных", "Source of the value", false, 500),
      f.enumOf("level", METRIC_LEVELS, "Уровень", "Level", true),
      f.ref("taskId", "elementTask", "Задача", "Task", false),
      ord(),
    ],
  },
  {
    name: "metricValue",
    path: "metric-values",
    table: "metric_value",
    scope: "program",
    parent: { field: "metricId", resource: "metric" },
    label: { ru: "Значение показателя", en: "Metric value" },
    unique: [["year"]],
    fields: [
      f.year("year", "Год", "Year"),
      f.decimal("plan", "План", "Plan"),
      f.decimal("fact", "Факт", "Fact"),
      f.longText("justification", "Обоснование отклонения", "Justification of the deviation"),
    ],
  },
  {
    name: "metricMonth",
    path: "metric-months",
    table: "metric_month",
    scope: "program",
    parent: { field: "metricId", resource: "metric" },
    label: { ru: "Помесячный план показателя", en: "Monthly plan of a metric" },
    unique: [["year", "month"]],
    fields: [
      f.year("year", "Год", "Year"),
      f.int("month", "Месяц (12 — на 31 декабря)", "Month (12 = 31 Dec)", true, 1, 12),
      f.decimal("plan", "План", "Plan"),
      f.decimal("fact", "Факт", "Fact"),
      f.decimal("forecast", "Прогноз", "Forecast"),
      f.longText("justification", "Обоснование отклонения", "Justification of the deviation"),
    ],
  },
  {
    name: "checkpoint",
    path: "checkpoints",
    table: "checkpoint",
    scope: "program",
    parent: { field: "elementId", resource: "structuralElement" },
    label: { ru: "Контрольная точка", en: "Checkpoint" },
    fields: [
      f.ref("activityId", "elementActivity", "Мероприятие", "Activity", false),
      name(),
      f.date("plannedDate", "Плановая дата", "Planned date"),
      f.date("actualDate", "Фактическая дата", "Actual date", false),
      f.text("responsible", "Ответственный", "Responsible", false, 500),
      f.text("documentKind", "Вид подтверждающего документа", "Confirming document", false, 500),
      f.text("informationSystem", "Информационная система", "Information system", false, 200),
      ord(),
      // monitoring: results / problems of the checkpoint (appendices 8 and 9, «Комментарий»)
      f.longText("comment", "Комментарий (результаты/проблемы)", "Comment (results / problems)"),
    ],
  },
  {
    name: "funding",
    path: "funding",
    table: "funding",
    scope: "program",
    parent: { field: "elementId", resource: "structuralElement" },
    label: { ru: "Финансовое обеспечение", en: "Funding" },
    unique: [["year", "source"]],
    fields: [f.year("year", "Год", "Year"), f.text("source", "Источник", "Source", true, 30), f.money("amount", "Сумма", "Amount")],
  },
  {
    // cash execution from the start of the year to the quarter's end, of the direction or (elementId) of one of its structural elements
    name: "budgetExecution",
    path: "budget-execution",
    table: "budget_execution",
    scope: "program",
    parent: { field: "directionId", resource: "direction" },
    label: { ru: "Кассовое исполнение", en: "Cash execution" },
    unique: [["elementId", "year", "quarter", "source"]],
    fields: [
      f.ref("elementId", "structuralElement", "Структурный элемент", "Structural element", false),
      f.year("year", "Год", "Year"),
      f.int("quarter", "Квартал (нарастающим итогом)", "Quarter (cumulative)", true, 1, 4),
      f.text("source", "Источник", "Source", true, 30),
      f.money("cash", "Кассовое исполнение", "Cash execution"),
      // monitoring: the reason for a deviation of funding (appendices 8 and 9, «Комментарий»)
      f.longText("deviationReason", "Причина отклонения", "Reason for the deviation"),
    ],
  },
  {
    // the year's budget schedule (СБР) of the direction or (elementId) of one of its structural elements: the amount in force from effectiveDate
    name: "budgetSchedule",
    path: "budget-schedule",
    table: "budget_schedule",
    scope: "program",
    parent: { field: "directionId", resource: "direction" },
    label: { ru: "Сводная бюджетная роспись", en: "Budget schedule" },
    unique: [["elementId", "year", "source", "effectiveDate"]],
    fields: [
      f.ref("elementId", "structuralElement", "Структурный элемент", "Structural element", false),
      f.year("year", "Год", "Year"),
      f.text("source", "Источник", "Source", true, 30),
      f.money("amount", "Сумма на год", "Amount of the year"),
      f.date("effectiveDate", "Действует с", "Effective from"),
      f.text("reason", "Основание изменения", "Reason (document)", false, 500),
    ],
  },
  {
    // the program's annual report (220-п 6.12): the main results of the year (6.12.3), entered by the executor
    name: "programAnnualReport",
    path: "program-annual-reports",
    table: "program_annual_report",
    scope: "program",
    parent: { field: "programId", resource: "program" },
    label: { ru: "Годовой отчет: основные результаты", en: "Annual report: main results" },
    unique: [["year"]],
    fields: [f.year("year", "Год", "Year"), f.longText("mainResults", "Основные результаты реализации за год", "Main results of the year")],
  },
];

const byName = new Map(RESOURCES.map((r) => [r.name, r]));
const byPath = new Map(RESOURCES.map((r) => [r.path, r]));

export function resource(name: string): ResourceSpec {
  const r = byName.get(name);
  if (!r) throw new Error(`unknown resource ${name}`);
  return r;
}

export function resourceByPath(path: string): ResourceSpec | undefined {
  return byPath.get(path);
}

/** The chain of parents from a resource up to its scope root, e.g. metric → element → direction → program. */
export function ancestry(name: string): ResourceSpec[] {
  const chain: ResourceSpec[] = [];
  let r: ResourceSpec | undefined = resource(name);
  while (r?.parent) {
    r = byName.get(r.parent.resource);
    if (r) chain.push(r);
  }
  return chain;
}

/** The scope-id columns a row of this resource carries (beyond its own parent field). */
export function scopeColumns(spec: ResourceSpec): string[] {
  const cols: string[] = [];
  const chain = [spec, ...ancestry(spec.name)];
  const names = chain.map((r) => r.name);
  if (spec.scope === "strategy" && spec.name !== "strategy") cols.push("strategyId");
  if (spec.scope === "plan" && spec.name !== "actionPlan") cols.push("planId");
  if (spec.scope === "program" && spec.name !== "program") cols.push("programId");
  if (names.includes("direction") && spec.name !== "direction") cols.push("directionId");
  return cols;
}
