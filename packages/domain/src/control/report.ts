/**
 * The office's annual report (issue 15, part 4) in the structure of source 003 (the report of the
 * office of the Head of Kaluga for 2023): each line a count for the year beside the previous year,
 * with the change in numbers and percent.
 */

/** The counts of one year, as the report's lines need them. */
export interface OfficeYearCounts {
  /** Documents received from organisations (incoming). */
  incoming: number;
  /** Individual orders of the Head. */
  headOrders: number;
  outgoing: number;
  /** Contracts, powers of attorney and internal documents. */
  other: number;
  /** Incoming documents put on control (with a resolution order). */
  controlDocuments: number;
  /** Orders from the Head's working meetings put on control. */
  meetingOrders: number;
  /** Orders from live broadcasts with residents' questions. */
  broadcastOrders: number;
  /** Written appeals of citizens, collective ones included. */
  appeals: number;
  collectiveAppeals: number;
}

export const OFFICE_REPORT_LINES: readonly { key: keyof OfficeYearCounts; title: string }[] = [
  { key: "incoming", title: "Поступило обращений (документов) от юридических лиц" },
  { key: "headOrders", title: "Индивидуальных поручений Городского Головы" },
  { key: "outgoing", title: "Исходящих документов" },
  { key: "other", title: "Прочих документов (договоры, доверенности, внутренние документы)" },
  { key: "controlDocuments", title: "Контрольных документов, поступивших от организаций" },
  { key: "meetingOrders", title: "Поручений по итогам рабочих совещаний, поставленных на контроль" },
  { key: "broadcastOrders", title: "Поручений по итогам прямых эфиров (обращения в социальных сетях)" },
  { key: "appeals", title: "Письменных обращений граждан, в том числе коллективных" },
  { key: "collectiveAppeals", title: "из них коллективных" },
];

/** The change from `previous` to `current`: the difference and the percent (one decimal; null when previous is 0). */
export function yearChange(current: number, previous: number): { diff: number; percent: number | null } {
  if (previous === 0) return { diff: current - previous, percent: null };
  return { diff: current - previous, percent: Math.round(((current - previous) / previous) * 1000) / 10 };
}

/** «меньше на 2 %», «больше на 5 %», «на уровне прошлого года» — rounded to a whole percent as source 003 writes it. */
export function changeInWords(current: number, previous: number): string {
  const c = yearChange(current, previous);
  if (c.percent === null) return c.diff === 0 ? "на уровне прошлого года" : "в прошлом году не было";
  const whole = Math.round(Math.abs(c.percent));
  if (whole === 0) return "на уровне прошлого года";
  return `${c.diff < 0 ? "меньше" : "больше"}, чем в прошлом году, на ${whole} %`;
}
