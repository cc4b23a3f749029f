/** Every official form Orientir produces: its id, title, scope and builder. */
import type { FormDocument } from "./model.ts";
import {
  annualReportForm,
  fundingForm,
  indicatorsForm,
  metricsForm,
  monitoringForm,
  monthlyPlanForm,
  passportForm,
  processPlanForm,
  structureForm,
  type ProgramFormInput,
} from "./program.ts";
import { planActivitiesForm, planIndicatorsForm, priorityProjectsForm, type PlanFormInput } from "./plan.ts";
import { consolidatedReportForm, type MunicipalityFormInput } from "./municipality.ts";

export type FormScope = "program" | "plan" | "municipality";

interface FormBase {
  id: string;
  title: string;
  /** Where the form comes from: «220-п, приложение 4». */
  source: string;
  /** The form is for one year (the `year` parameter matters). */
  yearly: boolean;
  /** The form takes a quarter (monitoring). */
  quarterly?: boolean;
}
export type FormDef =
  | (FormBase & { scope: "program"; build(input: ProgramFormInput): FormDocument })
  | (FormBase & { scope: "plan"; build(input: PlanFormInput): FormDocument })
  | (FormBase & { scope: "municipality"; build(input: MunicipalityFormInput): FormDocument });

export const FORMS: FormDef[] = [
  {
    id: "passport",
    scope: "program",
    title: "Паспорт муниципальной программы",
    source: "220-п, приложение 1",
    yearly: false,
    build: passportForm,
  },
  {
    id: "indicators",
    scope: "program",
    title: "Индикаторы достижения целей муниципальной программы",
    source: "220-п, приложение 2",
    yearly: false,
    build: indicatorsForm,
  },
  {
    id: "structure",
    scope: "program",
    title: "Структура направления муниципальной программы",
    source: "220-п, приложение 3",
    yearly: false,
    build: structureForm,
  },
  {
    id: "funding",
    scope: "program",
    title: "Финансовое обеспечение направления муниципальной программы",
    source: "220-п, приложение 4",
    yearly: false,
    build: fundingForm,
  },
  {
    id: "metrics",
    scope: "program",
    title: "Сведения о показателях направления муниципальной программы",
    source: "220-п, приложение 5",
    yearly: false,
    build: metricsForm,
  },
  {
    id: "monthly-plan",
    scope: "program",
    title: "План достижения показателей направления (помесячный)",
    source: "220-п, приложение 6",
    yearly: true,
    build: monthlyPlanForm,
  },
  {
    id: "process-plan",
    scope: "program",
    title: "План реализации комплекса процессных мероприятий с контрольными точками",
    source: "220-п, приложение 7",
    yearly: true,
    build: processPlanForm,
  },
  {
    id: "monitoring",
    scope: "program",
    title: "Форма мониторинга реализации муниципальной программы (квартальная)",
    source: "220-п, приложение 8",
    yearly: true,
    quarterly: true,
    build: monitoringForm,
  },
  {
    id: "annual-report",
    scope: "program",
    title: "Годовой отчет о ходе реализации муниципальной программы",
    source: "220-п, приложение 9",
    yearly: true,
    build: annualReportForm,
  },
  {
    id: "plan-activities",
    scope: "plan",
    title: "План мероприятий по реализации стратегии",
    source: "план мероприятий, приложение 1",
    yearly: false,
    build: planActivitiesForm,
  },
  {
    id: "plan-indicators",
    scope: "plan",
    title: "Перечень показателей плана мероприятий",
    source: "план мероприятий, приложение 2",
    yearly: false,
    build: planIndicatorsForm,
  },
  {
    id: "priority-projects",
    scope: "plan",
    title: "Перечень приоритетных проектов",
    source: "план мероприятий, приложение 3",
    yearly: false,
    build: priorityProjectsForm,
  },
  {
    id: "consolidated-report",
    scope: "municipality",
    title: "Сводный годовой доклад о ходе реализации и оценке эффективности муниципальных программ",
    source: "220-п, п. 6.18",
    yearly: true,
    build: consolidatedReportForm,
  },
];

export function findForm(id: string): FormDef | undefined {
  return FORMS.find((f) => f.id === id);
}

export const FORM_IDS = FORMS.map((f) => f.id);
