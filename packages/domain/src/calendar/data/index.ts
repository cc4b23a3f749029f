/**
 * The built-in production calendars' data, both countries in one place: for every year, where its
 * days off come from (the transfer decree; for Kyrgyzstan also each lunar holiday) and the
 * official count of working days it is checked against. The calendars themselves are assembled
 * from ru.ts and kg.ts in ../builtin.ts.
 */
import { KG_CALENDAR_YEARS } from "./kg.ts";
import { RU_CALENDAR_YEARS, RU_OFFICIAL_WORKING_DAYS } from "./ru.ts";

export interface CalendarYearSources {
  readonly country: "RU" | "KG";
  readonly year: number;
  /** The acts and announcements the year's days off are taken from. */
  readonly sources: readonly string[];
  /**
   * The officially published number of working days (five-day week), with its source; null when
   * none was found. For Kyrgyzstan the Ministry's figure leaves Orozo ait and Kurman ait and the
   * Cabinet's transfers out (`lunarAndTransfersExcluded`).
   */
  readonly official: { readonly workingDays: number; readonly source: string; readonly lunarAndTransfersExcluded: boolean } | null;
  readonly provisional: boolean;
}

const RU_TOTALS_SOURCE = "Производственный календарь Минтруда России на год (пятидневная рабочая неделя)";

export const CALENDAR_SOURCES: readonly CalendarYearSources[] = [
  ...RU_CALENDAR_YEARS.map((y): CalendarYearSources => {
    const total = RU_OFFICIAL_WORKING_DAYS[y.year];
    return {
      country: "RU",
      year: y.year,
      sources: [y.decree ?? "Трудовой кодекс РФ, ст. 112 (постановления о переносе выходных дней ещё нет)"],
      official: total === undefined ? null : { workingDays: total, source: `${RU_TOTALS_SOURCE}; ${y.decree}`, lunarAndTransfersExcluded: false },
      provisional: y.provisional === true,
    };
  }),
  ...KG_CALENDAR_YEARS.map((y): CalendarYearSources => ({
    country: "KG",
    year: y.year,
    sources: [
      y.labourCode === "ТК КР 2004" ? "Трудовой кодекс КР 2004 г., ст. 113" : "Трудовой кодекс КР 2025 г.",
      ...y.lunar.map((h) => `${h.name} ${h.date}: ${h.source}`),
      y.transfers.source,
    ],
    official: y.official && { ...y.official, lunarAndTransfersExcluded: true },
    provisional: y.provisional === true,
  })),
];
