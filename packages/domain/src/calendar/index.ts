export * from "./calendar.ts";
export * from "./builtin.ts";
export { RU_CALENDAR_YEARS, RU_PUBLIC_HOLIDAYS, type RuCalendarYear } from "./data/ru.ts";
export { KG_PUBLIC_HOLIDAYS, type KgHoliday } from "./data/kg.ts";
