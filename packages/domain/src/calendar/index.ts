export * from "./calendar.ts";
export * from "./builtin.ts";
export { RU_CALENDAR_YEARS, RU_OFFICIAL_WORKING_DAYS, RU_PUBLIC_HOLIDAYS, type RuCalendarYear } from "./data/ru.ts";
export {
  KG_CALENDAR_YEARS,
  KG_PUBLIC_HOLIDAYS,
  KG_PUBLIC_HOLIDAYS_2025,
  KG_YEARS,
  type KgCalendarYear,
  type KgHoliday,
  type KgLabourCode,
  type KgLunarHoliday,
} from "./data/kg.ts";
export { CALENDAR_SOURCES, type CalendarYearSources } from "./data/index.ts";
