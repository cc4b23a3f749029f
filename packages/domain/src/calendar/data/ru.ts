/**
 * The Russian production calendar as plain data (five-day week).
 *
 * For each year: the weekdays that are not worked (public holidays of art. 112 of the Labour Code
 * that fall on a weekday, and the days off moved onto weekdays) and the weekend days made working
 * by the government's transfer decree. 2027 is provisional: no transfer decree yet, so only the
 * Labour Code applies (holidays on a weekend move to the next working day, January ones do not).
 */
import type { IsoDate } from "../../dates.ts";

export interface RuCalendarYear {
  readonly year: number;
  /** The government decree on the transfer of days off; null while there is none. */
  readonly decree: string | null;
  /** True while the year's calendar is not final. */
  readonly provisional?: boolean;
  /** Weekdays that are days off. */
  readonly off: readonly IsoDate[];
  /** Saturdays and Sundays that are working days. */
  readonly work: readonly IsoDate[];
}

/** Non-working public holidays of art. 112 of the Labour Code, as MM-DD. */
export const RU_PUBLIC_HOLIDAYS: readonly string[] = [
  "01-01", "01-02", "01-03", "01-04", "01-05", "01-06", "01-07", "01-08",
  "02-23", "03-08", "05-01", "05-09", "06-12", "11-04",
];

const d = (year: number, list: string): IsoDate[] =>
  list.split(/\s+/).filter(Boolean).map((md) => `${year}-${md}`);

export const RU_CALENDAR_YEARS: readonly RuCalendarYear[] = [
  { year: 2013, decree: "Постановление Правительства РФ от 15.08.2012 N 828",
    off: d(2013, "01-01 01-02 01-03 01-04 01-07 01-08 03-08 05-01 05-02 05-03 05-09 05-10 06-12 11-04"), work: [] },
  { year: 2014, decree: "Постановление Правительства РФ от 28.05.2013 N 444",
    off: d(2014, "01-01 01-02 01-03 01-06 01-07 01-08 02-24 03-10 05-01 05-02 05-09 06-12 06-13 11-03 11-04"), work: d(2014, "11-01") },
  { year: 2015, decree: "Постановление Правительства РФ от 27.08.2014 N 860",
    off: d(2015, "01-01 01-02 01-05 01-06 01-07 01-08 01-09 02-23 03-09 05-01 05-04 05-11 06-12 11-04"), work: [] },
  { year: 2016, decree: "Постановление Правительства РФ от 24.09.2015 N 1017",
    off: d(2016, "01-01 01-04 01-05 01-06 01-07 01-08 02-22 02-23 03-07 03-08 05-02 05-03 05-09 06-13 11-04"), work: d(2016, "02-20") },
  { year: 2017, decree: "Постановление Правительства РФ от 04.08.2016 N 756",
    off: d(2017, "01-02 01-03 01-04 01-05 01-06 02-23 02-24 03-08 05-01 05-08 05-09 06-12 11-06"), work: [] },
  { year: 2018, decree: "Постановление Правительства РФ от 14.10.2017 N 1250",
    off: d(2018, "01-01 01-02 01-03 01-04 01-05 01-08 02-23 03-08 03-09 04-30 05-01 05-02 05-09 06-11 06-12 11-05 12-31"),
    work: d(2018, "04-28 06-09 12-29") },
  { year: 2019, decree: "Постановление Правительства РФ от 01.10.2018 N 1163",
    off: d(2019, "01-01 01-02 01-03 01-04 01-07 01-08 03-08 05-01 05-02 05-03 05-09 05-10 06-12 11-04"), work: [] },
  { year: 2020, decree: "Постановление Правительства РФ от 10.07.2019 N 875",
    off: d(2020, "01-01 01-02 01-03 01-06 01-07 01-08 02-24 03-09 05-01 05-04 05-05 05-11 06-12 11-04"), work: [] },
  { year: 2021, decree: "Постановление Правительства РФ от 10.10.2020 N 1648",
    off: d(2021, "01-01 01-04 01-05 01-06 01-07 01-08 02-22 02-23 03-08 05-03 05-10 06-14 11-04 11-05 12-31"), work: d(2021, "02-20") },
  { year: 2022, decree: "Постановление Правительства РФ от 16.09.2021 N 1564",
    off: d(2022, "01-03 01-04 01-05 01-06 01-07 02-23 03-07 03-08 05-02 05-03 05-09 05-10 06-13 11-04"), work: d(2022, "03-05") },
  { year: 2023, decree: "Постановление Правительства РФ от 29.08.2022 N 1505",
    off: d(2023, "01-02 01-03 01-04 01-05 01-06 02-23 02-24 03-08 05-01 05-08 05-09 06-12 11-06"), work: [] },
  { year: 2024, decree: "Постановление Правительства РФ от 10.08.2023 N 1314",
    off: d(2024, "01-01 01-02 01-03 01-04 01-05 01-08 02-23 03-08 04-29 04-30 05-01 05-09 05-10 06-12 11-04 12-30 12-31"),
    work: d(2024, "04-27 11-02 12-28") },
  { year: 2025, decree: "Постановление Правительства РФ от 04.10.2024 N 1335",
    off: d(2025, "01-01 01-02 01-03 01-06 01-07 01-08 05-01 05-02 05-08 05-09 06-12 06-13 11-03 11-04 12-31"), work: d(2025, "11-01") },
  { year: 2026, decree: "Постановление Правительства РФ от 24.09.2025 N 1466",
    off: d(2026, "01-01 01-02 01-05 01-06 01-07 01-08 01-09 02-23 03-09 05-01 05-11 06-12 11-04 12-31"), work: [] },
  { year: 2027, decree: null, provisional: true,
    off: d(2027, "01-01 01-04 01-05 01-06 01-07 01-08 02-23 03-08 05-03 05-10 06-14 11-04"), work: [] },
];

/**
 * The official annual totals of working days for a five-day week (the production calendar each
 * year's decree above gives, as published by the Ministry of Labour of Russia). 2027 has none
 * while its calendar is provisional.
 */
export const RU_OFFICIAL_WORKING_DAYS: Readonly<Record<number, number>> = {
  2013: 247, 2014: 247, 2015: 247, 2016: 247, 2017: 247, 2018: 247, 2019: 247,
  2020: 248, 2021: 247, 2022: 247, 2023: 247, 2024: 248, 2025: 247, 2026: 247,
};
