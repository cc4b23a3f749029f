/**
 * The fixed dates of the program year in decree 220-п (calendar dates, not working days).
 */
import { compareDates, daysBetween, makeDate, yearOf, type IsoDate } from "../dates.ts";

export interface LegalDeadline {
  date: IsoDate;
  clause: string;
  ru: string;
  en: string;
}

export interface LegalDeadlines {
  /**
   * 4.17: programs to be carried out from the next financial year, and amendments that bring
   * programs into line with the budget decision, are adopted not later than 1 April.
   */
  approval: LegalDeadline;
  /**
   * 4.16 (4.22 for directions): an amendment refining the program's indicators and funding for
   * the reporting (previous) year by the budget schedule is approved not later than 1 April.
   */
  reportingYearRefinement: LegalDeadline;
  /** 4.1: changes to the list of programs that the next year's budget takes into account — by 15 July. */
  programList: LegalDeadline;
  /** 4.6: reviews of drafts by the economy and finance departments — by 1 August. */
  reviews: LegalDeadline;
}

export function legalDeadlines(year: number): LegalDeadlines {
  return {
    approval: {
      date: makeDate(year, 4, 1),
      clause: "220-п 4.17",
      ru: "Принятие муниципальных программ, реализуемых с очередного финансового года, и изменений, приводящих программы в соответствие с решением о бюджете, — не позднее 1 апреля",
      en: "Programs starting next financial year, and amendments aligning programs with the budget decision, are adopted by 1 April",
    },
    reportingYearRefinement: {
      date: makeDate(year, 4, 1),
      clause: "220-п 4.16",
      ru: "Утверждение изменений, уточняющих индикаторы и объемы финансирования за отчетный финансовый год по сводной бюджетной росписи, — не позднее 1 апреля",
      en: "Amendments refining the indicators and funding of the reporting year by the budget schedule are approved by 1 April",
    },
    programList: {
      date: makeDate(year, 7, 15),
      clause: "220-п 4.1",
      ru: "Изменения в перечень муниципальных программ, учитываемые при формировании бюджета на очередной финансовый год и плановый период, — не позднее 15 июля",
      en: "Changes to the list of programs taken into account in the next year's budget are made by 15 July",
    },
    reviews: {
      date: makeDate(year, 8, 1),
      clause: "220-п 4.6",
      ru: "Экспертиза проектов программ и проектов изменений управлением экономики и управлением финансов — не позднее 1 августа",
      en: "Reviews of draft programs and amendments by the economy and finance departments are completed by 1 August",
    },
  };
}

export type LegalDeadlineKey = keyof LegalDeadlines;

export interface ApplicableDeadline extends LegalDeadline {
  key: LegalDeadlineKey;
  /** The date is before today. */
  passed: boolean;
  /** Calendar days from today to the date (negative when passed). */
  daysLeft: number;
}

/**
 * The fixed dates of the current year that apply to a draft of this flow and kind: a new program
 * — its reviews by 1 August (4.6), the list of programs by 15 July (4.1) and the adoption by
 * 1 April (4.17); an amendment — its reviews by 1 August (4.6), and by 1 April the amendments
 * aligning with the budget (4.17) or refining the reporting year (4.16); a direction's order —
 * the same dates of 1 April through 4.22.
 */
export function applicableLegalDeadlines(
  flow: "program" | "directionOrder",
  kind: "program" | "amendment",
  today: IsoDate,
): ApplicableDeadline[] {
  const all = legalDeadlines(yearOf(today));
  const keys: LegalDeadlineKey[] =
    flow === "directionOrder"
      ? ["approval", "reportingYearRefinement"]
      : kind === "program"
        ? ["approval", "programList", "reviews"]
        : ["approval", "reportingYearRefinement", "reviews"];
  return keys
    .map((key) => {
      const d = all[key];
      const daysLeft = daysBetween(today, d.date);
      return { ...d, key, passed: daysLeft < 0, daysLeft };
    })
    .sort((a, b) => compareDates(a.date, b.date));
}
