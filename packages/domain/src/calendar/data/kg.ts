/**
 * Fixed public holidays of the Kyrgyz Republic (Labour Code art. 113). A holiday that falls on a
 * weekend moves to the next working day. Orozo ait and Kurman ait follow the lunar calendar and
 * are announced each year; a municipality adds them through its own calendar data.
 */
export interface KgHoliday {
  /** MM-DD */
  readonly date: string;
  readonly name: string;
}

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

/** The years the built-in Kyrgyz calendar covers. */
export const KG_YEARS: readonly [number, number] = [2013, 2027];
