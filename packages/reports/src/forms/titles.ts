/**
 * The names of the official forms for people, in Russian and English (the server's catalog of form
 * names). The forms themselves are Russian documents; the list of forms (GET /api/forms) answers in
 * the request's language. Each form of FORMS has its entry (a test checks it, and that the Russian
 * text is the form's own title).
 */
import { catalog } from "@orientir/domain";

export const FORM_TEXTS = catalog("forms", {
  passport: ["Паспорт муниципальной программы", "Passport of the municipal program"],
  indicators: ["Индикаторы достижения целей муниципальной программы", "Indicators of the municipal program's goals"],
  structure: ["Структура направления муниципальной программы", "Structure of a direction of the municipal program"],
  funding: ["Финансовое обеспечение направления муниципальной программы", "Funding of a direction of the municipal program"],
  metrics: ["Сведения о показателях направления муниципальной программы", "Metrics of a direction of the municipal program"],
  "monthly-plan": ["План достижения показателей направления (помесячный)", "Monthly plan of a direction's metrics"],
  "process-plan": [
    "План реализации комплекса процессных мероприятий с контрольными точками",
    "Implementation plan of a set of process activities with checkpoints",
  ],
  monitoring: ["Форма мониторинга реализации муниципальной программы (квартальная)", "Quarterly monitoring form of the municipal program"],
  "annual-report": ["Годовой отчет о ходе реализации муниципальной программы", "Annual report on the municipal program"],
  "plan-activities": ["План мероприятий по реализации стратегии", "Action plan of the strategy"],
  "plan-indicators": ["Перечень показателей плана мероприятий", "Indicators of the action plan"],
  "priority-projects": ["Перечень приоритетных проектов", "Priority projects"],
  "consolidated-report": [
    "Сводный годовой доклад о ходе реализации и оценке эффективности муниципальных программ",
    "Consolidated annual report on the implementation and effectiveness of the municipal programs",
  ],
  source_decree: ["220-п, приложение {n}", "Decree 220-p, appendix {n}"],
  source_plan: ["план мероприятий, приложение {n}", "action plan, appendix {n}"],
  source_clause: ["220-п, п. {n}", "Decree 220-p, clause {n}"],
});

export type FormTextKey = keyof typeof FORM_TEXTS.texts;
