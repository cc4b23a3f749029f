/**
 * The annual report of the office (управление делами) on the control of documents, orders and
 * citizens' appeals (issue 15, part 4), in the structure of source 003 — the report of the office
 * of the Head of Kaluga for 2023: documents received from organisations, individual orders of the
 * Head, outgoing, other documents, control documents, orders of the working meetings and of the
 * live broadcasts, citizens' written appeals with their change and main topics — each line the
 * year beside the previous one, with the difference and the percent; then the execution of the
 * orders by department. Each section has its chart (the year beside the previous one; the main
 * topics; the execution by department), drawn natively in the DOCX and the PDF.
 */
import { OFFICE_REPORT_LINES, changeInWords, yearChange, type OfficeYearCounts } from "@orientir/domain";
import type { BarChart, Cell, FormDocument } from "./model.ts";

export interface OfficeReportInput {
  municipality: string;
  year: number;
  current: OfficeYearCounts;
  previous: OfficeYearCounts;
  topics: { code: string; title: string; count: number; previous: number }[];
  discipline: { department: string; total: number; onTime: number; late: number; overdue: number; extended: number; returned: number }[];
}

export const OFFICE_REPORT_FORM = {
  id: "office-report",
  title: "Отчет о деятельности управления делами: документы, поручения, обращения граждан",
  source: "источник 003 (отчет управления делами Городского Головы г. Калуги за 2023 год)",
} as const;

const text = (t: string, extra: Partial<Cell> = {}): Cell => ({ kind: "text", text: t, ...extra }) as Cell;
const num = (n: number | null, decimals = 0): Cell => ({
  kind: "number",
  value: n === null ? null : n.toFixed(decimals),
  decimals,
  align: "right",
});
const fmt = (n: number) => new Intl.NumberFormat("ru-RU").format(n);

/** The prose of source 003 with this year's numbers: «… поступило 22808 (2022 г. - 23142) обращений от юридических лиц». */
export function officeReportText(r: OfficeReportInput): string[] {
  const c = r.current;
  const p = r.previous;
  const y = r.year;
  const py = y - 1;
  const thousands = Math.floor(c.controlDocuments / 1000);
  return [
    `В течение ${y} года в управление делами поступило ${c.incoming} (${py} г. - ${p.incoming}) обращений от юридических лиц.`,
    "Было зарегистрировано:",
    `- индивидуальных поручений Главы – ${c.headOrders} (${py} г. - ${p.headOrders});`,
    `- исходящих – ${c.outgoing} (${py} г. - ${p.outgoing});`,
    `- прочих – ${c.other} (${py} г. - ${p.other}) – это договоры, доверенности и внутренние документы.`,
    thousands > 0
      ? `Обработано более ${thousands} тысяч контрольных документов, поступивших от организаций (${fmt(c.controlDocuments)}).`
      : `Обработано контрольных документов, поступивших от организаций: ${c.controlDocuments}.`,
    `По итогам рабочих совещаний у Главы было поставлено на контроль ${c.meetingOrders} поручений.`,
    `По итогам проведенных прямых эфиров с учетом поступивших обращений жителей в социальных сетях на контроле находятся ${c.broadcastOrders} поручения.`,
    `По итогам ${y} года получено и зарегистрировано ${c.appeals} письменных, в том числе и коллективных (${c.collectiveAppeals}), обращения граждан. ` +
      `Это ${changeInWords(c.appeals, p.appeals)} (${py} г. – ${p.appeals}).`,
    r.topics[0]
      ? `Наиболее востребованными остаются вопросы: ${r.topics
          .slice(0, 2)
          .map((t) => t.title.toLowerCase())
          .join(", ")}.`
      : "",
  ].filter((s) => s !== "");
}

/** The colours of the previous year and of the year in the charts. */
const PREVIOUS = "#9DB4CF";
const CURRENT = "#1F5FA8";

/** The lines of section 1 drawn as a chart: the kinds of documents, the orders and the appeals (not the "of them" line). */
const CHARTED: readonly (keyof OfficeReportInput["current"])[] = [
  "incoming",
  "headOrders",
  "outgoing",
  "other",
  "meetingOrders",
  "broadcastOrders",
  "appeals",
];
const SHORT: Partial<Record<keyof OfficeReportInput["current"], string>> = {
  incoming: "От юридических лиц",
  headOrders: "Поручения Главы",
  outgoing: "Исходящие",
  other: "Прочие",
  meetingOrders: "Поручения совещаний",
  broadcastOrders: "Поручения прямых эфиров",
  appeals: "Обращения граждан",
};

/** The charts of the report: the documents by kind, the year beside the previous one; the appeals by topic. */
export function officeReportCharts(r: OfficeReportInput): { documents: BarChart; topics: BarChart; discipline: BarChart } {
  const y = r.year;
  const py = y - 1;
  const topics = r.topics.slice(0, 8);
  return {
    documents: {
      title: `Документы, поручения и обращения: ${py} и ${y} годы`,
      categories: CHARTED.map((k) => SHORT[k] ?? k),
      series: [
        { name: `${py} г.`, values: CHARTED.map((k) => r.previous[k]), color: PREVIOUS },
        { name: `${y} г.`, values: CHARTED.map((k) => r.current[k]), color: CURRENT },
      ],
    },
    topics: {
      title: `Основные темы обращений граждан: ${py} и ${y} годы`,
      categories: topics.map((t) => t.title),
      series: [
        { name: `${py} г.`, values: topics.map((t) => t.previous), color: PREVIOUS },
        { name: `${y} г.`, values: topics.map((t) => t.count), color: CURRENT },
      ],
    },
    discipline: {
      title: `Исполнение поручений со сроком в ${y} году`,
      categories: r.discipline.map((d) => d.department),
      series: [
        { name: "В срок", values: r.discipline.map((d) => d.onTime), color: "#2B8A3E" },
        { name: "С нарушением срока", values: r.discipline.map((d) => d.late), color: "#E8590C" },
        { name: "Просрочено", values: r.discipline.map((d) => d.overdue), color: "#C92A2A" },
      ],
    },
  };
}

export function officeReportForm(r: OfficeReportInput): FormDocument {
  const charts = officeReportCharts(r);
  const y = r.year;
  const py = y - 1;
  const lines = OFFICE_REPORT_LINES.map((l) => {
    const cur = r.current[l.key];
    const prev = r.previous[l.key];
    const ch = yearChange(cur, prev);
    return [text(l.title, l.key === "collectiveAppeals" ? { indent: 1 } : {}), num(prev), num(cur), num(ch.diff), num(ch.percent, 1)];
  });
  const totalAppeals = r.current.appeals;
  const topics = r.topics.map((t) => [
    text(`${t.title} (${t.code})`),
    num(t.previous),
    num(t.count),
    num(totalAppeals === 0 ? null : Math.round((t.count / totalAppeals) * 1000) / 10, 1),
  ]);
  const discipline = r.discipline.map((d) => [
    text(d.department),
    num(d.total),
    num(d.onTime),
    num(d.late),
    num(d.overdue),
    num(d.extended),
    num(d.returned),
  ]);
  return {
    form: OFFICE_REPORT_FORM.id,
    title: [`Отчет о деятельности управления делами (${r.municipality})`, `за отчетный ${y} год в сравнении с ${py} годом`],
    info: officeReportText(r),
    landscape: false,
    sheetName: `Отчет управления делами ${y}`.slice(0, 31),
    fileName: `Отчет_управления_делами_${y}`,
    sections: [
      {
        title: ["1. Документооборот, поручения и обращения граждан"],
        columns: [60, 12, 12, 12, 12],
        header: [[{ text: "Показатель" }, { text: `${py} г.` }, { text: `${y} г.` }, { text: "Изменение" }, { text: "Изменение, %" }]],
        numbered: true,
        body: lines,
        chart: charts.documents,
      },
      {
        title: ["2. Основные темы обращений граждан (по разделам типового классификатора)"],
        columns: [60, 12, 12, 14],
        header: [[{ text: "Тема" }, { text: `${py} г.` }, { text: `${y} г.` }, { text: `Доля в ${y} г., %` }]],
        numbered: false,
        body: topics.length ? topics : [[text("Обращений нет", { colSpan: 4 })]],
        chart: charts.topics,
      },
      {
        title: [`3. Исполнение поручений со сроком в ${y} году по подразделениям`],
        columns: [44, 10, 10, 10, 10, 10, 10],
        header: [
          [
            { text: "Подразделение" },
            { text: "Всего" },
            { text: "В срок" },
            { text: "С нарушением срока" },
            { text: "Просрочено" },
            { text: "Продлено" },
            { text: "Возвращено" },
          ],
        ],
        numbered: false,
        body: discipline.length ? discipline : [[text("Поручений нет", { colSpan: 7 })]],
        chart: charts.discipline,
      },
    ],
  };
}
