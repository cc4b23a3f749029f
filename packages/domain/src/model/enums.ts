import type { Label } from "./fields.ts";

export const TRENDS = ["increase", "decrease"] as const;
export type Trend = (typeof TRENDS)[number];
export const TREND_LABELS: Record<Trend, Label> = {
  increase: { ru: "рост", en: "increase" },
  decrease: { ru: "снижение", en: "decrease" },
};

export const ELEMENT_KINDS = ["project", "process"] as const;
export type ElementKind = (typeof ELEMENT_KINDS)[number];
export const ELEMENT_KIND_LABELS: Record<ElementKind, Label> = {
  project: { ru: "комплекс проектных мероприятий", en: "project complex" },
  process: { ru: "комплекс процессных мероприятий", en: "process complex" },
};

/** Kind of a project of the action plan (source 000, appendix 3: «приоритетному» / «стратегическому»). */
export const PROJECT_KINDS = ["priority", "strategic"] as const;
export type ProjectKind = (typeof PROJECT_KINDS)[number];
export const PROJECT_KIND_LABELS: Record<ProjectKind, Label> = {
  priority: { ru: "приоритетный проект", en: "priority project" },
  strategic: { ru: "стратегический проект", en: "strategic project" },
};

/** Level of a metric (показатель), appendix 5 of decree 220-п. */
export const METRIC_LEVELS = ["ВДЛ", "ГП РФ", "НП", "ФП в НП", "ФП вне НП", "ГП", "СТ", "МП"] as const;
export type MetricLevel = (typeof METRIC_LEVELS)[number];

export const SWOT_KINDS = ["strength", "weakness", "opportunity", "threat"] as const;
export type SwotKind = (typeof SWOT_KINDS)[number];
export const SWOT_LABELS: Record<SwotKind, Label> = {
  strength: { ru: "Сильные стороны", en: "Strengths" },
  weakness: { ru: "Слабые стороны", en: "Weaknesses" },
  opportunity: { ru: "Возможности", en: "Opportunities" },
  threat: { ru: "Угрозы", en: "Threats" },
};

export const ROLES = ["admin", "economy", "finance", "audit", "executor", "coexecutor", "head", "viewer", "office"] as const;
export type Role = (typeof ROLES)[number];
export const ROLE_LABELS: Record<Role, Label> = {
  admin: { ru: "Администратор", en: "Administrator" },
  economy: { ru: "Управление экономики", en: "Economy department" },
  finance: { ru: "Финансовое управление", en: "Finance department" },
  audit: { ru: "Контрольно-счетный орган", en: "Audit chamber" },
  executor: { ru: "Ответственный исполнитель", en: "Responsible executor" },
  coexecutor: { ru: "Соисполнитель", en: "Co-executor" },
  head: { ru: "Глава города", en: "Head of the city" },
  viewer: { ru: "Наблюдатель", en: "Viewer" },
  office: { ru: "Канцелярия (управление делами)", en: "Office of the Head" },
};

export const PROGRAM_STATUSES = ["draft", "discussion", "review", "approved", "published"] as const;
export type ProgramStatus = (typeof PROGRAM_STATUSES)[number];

/** Month of a monthly plan: 1..11 are the ends of January..November, 12 stands for "на 31 декабря". */
export const MONTHS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] as const;
