/**
 * The Kyrgyz production calendar as plain data (five-day week), year by year, each fact with its
 * source.
 *
 * Three layers make a year:
 *  1. The Labour Code's non-working public holidays. Until 2024 (Labour Code of 2004, art. 113) a
 *     holiday that falls on a Saturday or Sunday moves to the next working day. From 2025 (the new
 *     Labour Code of 2025) 23 February, 7 April and 7–8 November are working days, the New Year
 *     holidays are 1–7 January and the May holidays 1–9 May, and a holiday on a weekend is NOT
 *     moved.
 *  2. Orozo ait and Kurman ait: lunar, announced each year by the Muftiate (ДУМК) and the Ministry
 *     of Labour or the Cabinet; listed here per year with the day actually off.
 *  3. The Cabinet's (until 2021 the Government's) transfers of days off for the year.
 *
 * The Ministry of Labour's published production calendar counts working days WITHOUT Orozo ait
 * and Kurman ait (their dates are not known when it is published), and for the whole economy,
 * so without the Cabinet's transfers (which bind state and municipal bodies). `official` is that
 * published figure; the calendar itself (what a municipality works by) also takes out the lunar
 * holidays and applies the transfers.
 *
 * Years are included only where the facts could be established from the sources named; see
 * `KG_YEARS`. A year marked `provisional` is included with a known doubt, stated in its `note`.
 */
import type { IsoDate } from "../../dates.ts";

export interface KgHoliday {
  /** MM-DD */
  readonly date: string;
  readonly name: string;
}

/** Non-working public holidays of art. 113 of the Labour Code of 2004 (in force until 2024). */
export const KG_PUBLIC_HOLIDAYS: readonly KgHoliday[] = [
  { date: "01-01", name: "Новый год" },
  { date: "01-07", name: "Рождество Христово" },
  { date: "02-23", name: "День защитника Отечества" },
  { date: "03-08", name: "Международный женский день" },
  { date: "03-21", name: "Нооруз" },
  { date: "04-07", name: "День Народной апрельской революции" },
  { date: "05-01", name: "Праздник труда" },
  { date: "05-05", name: "День Конституции" },
  { date: "05-09", name: "День Победы" },
  { date: "08-31", name: "День независимости" },
  { date: "11-07", name: "Дни истории и памяти предков" },
  { date: "11-08", name: "Дни истории и памяти предков" },
];

/**
 * Non-working public holidays of the Labour Code of 2025 (from 2025). A holiday falling on a
 * weekend is not moved. 23 February, 7 April and 7–8 November remain holidays but are worked.
 */
export const KG_PUBLIC_HOLIDAYS_2025: readonly KgHoliday[] = [
  ...["01-01", "01-02", "01-03", "01-04", "01-05", "01-06"].map((date) => ({ date, name: "Новогодние каникулы" })),
  { date: "01-07", name: "Рождество Христово" },
  { date: "03-08", name: "Международный женский день" },
  { date: "03-21", name: "Нооруз" },
  { date: "05-01", name: "Праздник труда" },
  ...["05-02", "05-03", "05-04", "05-06", "05-07", "05-08"].map((date) => ({ date, name: "Майские каникулы" })),
  { date: "05-05", name: "День Конституции" },
  { date: "05-09", name: "День Победы" },
  { date: "08-31", name: "День независимости" },
];

/** Which Labour Code's holidays apply in a year. */
export type KgLabourCode = "ТК КР 2004" | "ТК КР 2025";

export interface KgLunarHoliday {
  readonly name: "Орозо айт" | "Курман айт";
  /** The day of the holiday as announced. */
  readonly date: IsoDate;
  /** The weekday not worked for it: the date itself, or the day it moved to when it fell on a weekend. */
  readonly dayOff: IsoDate;
  readonly source: string;
}

export interface KgCalendarYear {
  readonly year: number;
  readonly labourCode: KgLabourCode;
  readonly lunar: readonly KgLunarHoliday[];
  /**
   * The Cabinet's transfers: weekdays made days off, and days made working — weekend days, or a
   * weekday that was off by law (the day a weekend holiday had moved to) worked instead of another.
   */
  readonly transfers: { readonly off: readonly IsoDate[]; readonly work: readonly IsoDate[]; readonly source: string };
  /** The Ministry of Labour's published count of working days (five-day week, lunar holidays not counted). */
  readonly official: { readonly workingDays: number; readonly source: string } | null;
  /** True while a fact of the year could not be confirmed (see `note`). */
  readonly provisional?: boolean;
  readonly note?: string;
}

/**
 * A year whose lunar holidays and transfers are not in the data: the Labour Code's holidays only,
 * marked provisional so that nobody takes it for the official calendar. A municipality adds the
 * missing days through its own calendar data.
 */
function statutoryOnly(year: number, note: string): KgCalendarYear {
  return {
    year,
    labourCode: year >= 2025 ? "ТК КР 2025" : "ТК КР 2004",
    lunar: [],
    transfers: { off: [], work: [], source: "Переносы выходных дней Кабинета Министров КР за этот год в данные не внесены" },
    official: null,
    provisional: true,
    note,
  };
}

const OLDER_YEARS_NOTE =
  "Только праздники Трудового кодекса: даты Орозо айт и Курман айт и переносы за этот год с официальным итогом рабочих дней не найдены; муниципалитет вносит их в свой календарь";

export const KG_CALENDAR_YEARS: readonly KgCalendarYear[] = [
  ...Array.from({ length: 2024 - 2013 }, (_, i) => statutoryOnly(2013 + i, OLDER_YEARS_NOTE)),
  {
    year: 2024,
    labourCode: "ТК КР 2004",
    lunar: [
      { name: "Орозо айт", date: "2024-04-10", dayOff: "2024-04-10", source: "ДУМК; Азаттык, 16.06.2024 (azattyk.org/a/32994872): «Орозо айт 10-апрелде белгиленген»" },
      { name: "Курман айт", date: "2024-06-16", dayOff: "2024-06-17", source: "Кабинет Министров КР (24.kg, «Kyrgyzstan to celebrate Kurman Ait on June 17»); Азаттык, 16.06.2024 (rus.azattyk.org/a/32994884): выпал на воскресенье, 17 июня — выходной" },
    ],
    transfers: {
      off: ["2024-05-02", "2024-05-03"],
      work: ["2024-05-06", "2024-05-11"],
      source: "Постановление Кабинета Министров КР о переносе выходных дней в мае 2024 года (по сообщению Минтруда, 24.kg, 16.04.2024): 1–5 мая выходные; 6 мая (понедельник) работают за 2 мая, 11 мая (суббота) — за 3 мая. Других переносов на 2024 год не найдено",
    },
    official: { workingDays: 250, source: "Производственный календарь на 2024 год, Министерство труда, социального обеспечения и миграции КР (economist.kg, 30.08.2023; kaktus.media): 250 рабочих дней при пятидневке, дополнительные дни отдыха 8 января, 8 апреля, 6 мая, 2 сентября" },
  },
  {
    year: 2025,
    labourCode: "ТК КР 2025",
    lunar: [
      { name: "Орозо айт", date: "2025-03-30", dayOff: "2025-03-31", source: "ДУМК: Орозо айт 30.03.2025 (воскресенье); понедельник 31.03.2025 — нерабочий день, как его называет issue 11 (сообщение Минтруда или постановление об этом дне в доступных источниках не найдено)" },
      { name: "Курман айт", date: "2025-06-06", dayOff: "2025-06-06", source: "ДУМК; Кабар, 28.05.2025 (ru.kabar.kg): «Курман айт отмечается 6 июня»" },
    ],
    transfers: {
      off: [],
      work: ["2025-01-11"],
      source: "Постановление Кабинета Министров КР от 30.12.2024 «О переносе выходных дней в 2025 году» (24.kg, 30.12.2024): 1–7 января выходные, суббота 11 января — рабочий день; признано утратившим силу в феврале 2025 с вводом в действие нового Трудового кодекса (Кабар, 04.02.2025), после 11 января",
    },
    official: null,
    provisional: true,
    note: "Опубликованный Минтрудом итог рабочих дней за 2025 год не найден; рабочая суббота 11 января 2025 года принята по постановлению, действовавшему в тот день",
  },
  {
    year: 2026,
    labourCode: "ТК КР 2025",
    lunar: [
      { name: "Орозо айт", date: "2026-03-20", dayOff: "2026-03-20", source: "ДУМК и Министерство труда КР: Орозо айт 20.03.2026 (пятница)" },
      {
        name: "Курман айт",
        date: "2026-05-27",
        dayOff: "2026-05-27",
        source: "Дата по объявлению Духовного управления мусульман Казахстана (27.05.2026); объявление ДУМК Кыргызстана не найдено — уточнить",
      },
    ],
    transfers: {
      off: ["2026-01-08", "2026-01-09"],
      work: [],
      source: "Постановление Кабинета Министров КР (декабрь 2025, подписал А. Касымалиев): 8 и 9 января 2026 года — выходные дни без отработки",
    },
    official: null,
    provisional: true,
    note: "Дата Курман айт в Кыргызстане и опубликованный итог рабочих дней за 2026 год не найдены",
  },
  statutoryOnly(2027, "Только праздники Трудового кодекса: даты Орозо айт и Курман айт 2027 года ещё не объявлены"),
];

/**
 * The years the built-in Kyrgyz calendar covers: those of `KG_CALENDAR_YEARS`, without gaps,
 * 2013–2027. Only 2024 is complete and checked against the Ministry's total. The others are
 * provisional, each with its note:
 *  - 2013–2023 and 2027: the Labour Code's holidays only (as the calendar had before); the lunar
 *    holidays and transfers were not established with a published total. (Found for 2023, not yet
 *    entered: Cabinet resolution of December 2022 — 1–8 January off with 9 January, 25 February,
 *    11 and 25 March, 29 April, 13 May, 11 November worked, 18–21 March, 5–9 May and 4–8 November
 *    off; Orozo ait 21.04.2023, Kurman ait 28.06.2023.)
 *  - 2025: no published total; 11 January worked by a resolution repealed later.
 *  - 2026: Orozo ait and the January days off found; Kurman ait taken from the Kazakh
 *    announcement until the Kyrgyz one is found.
 */
export const KG_YEARS: readonly [number, number] = [
  KG_CALENDAR_YEARS[0]!.year,
  KG_CALENDAR_YEARS[KG_CALENDAR_YEARS.length - 1]!.year,
];
