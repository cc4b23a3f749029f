/**
 * Rules of change: what an amendment may not touch (decree 220-п), checked on the difference
 * between the approved version and the draft of the amendment (diff.ts, deep).
 *
 * What the decree says, and how it is read here:
 *
 * - 3.1.4 (section "План достижения показателей направления", appendix 6 — the monthly plan of the
 *   metrics): "Не допускается внесение изменений … в части изменения плановых значений показателей
 *   за предыдущий период." A month is past when it has ended (its last day is before today; month
 *   12 is "на 31 декабря"). A year is past when it is before the current year; so the yearly plan
 *   values of metrics of past years are covered too.
 * - 4.16 and 4.22 allow one exception: an amendment refining the indicators, the metrics and the
 *   funding of the reporting (previous) year by the budget schedule, approved not later than
 *   1 April of the current year. So the previous year's yearly values and funding may change up to
 *   and including 1 April; after it, and for earlier years, never.
 * - Program indicators and funding are not named in 3.1.4 (it is about the metrics of a
 *   direction); their past years are closed by 4.16, which allows refining only the reporting year
 *   and only until 1 April.
 * - 3.1.6 (section "План реализации комплекса процессных мероприятий", appendix 7): "Не допускается
 *   внесение изменений … в части наименования и даты наступления прошедших контрольных точек."
 *   A checkpoint is past when its planned date is before today. Its name and planned date may not
 *   change and it may not be removed (a rename is seen as removal, since checkpoints are matched by
 *   name). Likewise no checkpoint may be added with, or moved to, a planned date already past.
 * - 6.16: "После получения заключений ответственный исполнитель не может инициировать внесение
 *   изменений за отчетный период." The years whose annual-report conclusions have been received are
 *   given as `lockedYears`: no plan value, funding or checkpoint of such a year may change.
 *
 * Facts are not plan values and are not restricted here.
 */
import { compareDates, daysInMonth, isIsoDate, makeDate, yearOf, type IsoDate } from "../dates.ts";
import type { ProgramDocument } from "../model/documents.ts";
import { formatDateRu } from "../dates.ts";
import { legalDeadlines } from "../workflow/legal-deadlines.ts";
import { diffPrograms, type Change } from "./diff.ts";

export type AmendmentRule = "220-п 3.1.4" | "220-п 3.1.6" | "220-п 4.16" | "220-п 6.16";

export interface AmendmentViolation {
  path: string;
  /** Russian, cites the rule. */
  message: string;
  messageEn: string;
  rule: AmendmentRule;
}

/** The last day of a month of a monthly plan. */
export function monthEnd(year: number, month: number): IsoDate {
  return makeDate(year, month, daysInMonth(year, month));
}

/** A month has ended when its last day is before today. */
export function monthEnded(year: number, month: number, today: IsoDate): boolean {
  return compareDates(monthEnd(year, month), today) < 0;
}

const MONTHS_GEN = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря"];

function periodRu(c: Change): string {
  if (c.month !== undefined && c.year !== undefined) return c.month === 12 ? `на 31 декабря ${c.year} года` : `на конец ${MONTHS_GEN[c.month - 1]} ${c.year} года`;
  return `за ${c.year} год`;
}

function periodEn(c: Change): string {
  return c.month !== undefined ? `for ${c.year}-${String(c.month).padStart(2, "0")}` : `for ${c.year}`;
}

/** Plan-type values: what an amendment plans, as opposed to the facts it reports. */
function isPlanValue(c: Change): boolean {
  if (c.entity === "metric" || c.entity === "indicator") return c.field === "plan" && c.year !== undefined;
  return c.entity === "funding" && c.field === "amount";
}

/** The years a change of a checkpoint touches: of the old and of the new planned date. */
function checkpointYears(c: Change): number[] {
  const dates = c.field === "plannedDate" ? [c.before, c.after] : [c.date];
  return dates.filter((d): d is string => typeof d === "string" && isIsoDate(d)).map(yearOf);
}

/** The planned date of the checkpoint as approved (for a change or a removal). */
function approvedDate(c: Change): string | null {
  if (c.kind === "added") return null;
  return c.field === "plannedDate" ? (c.before ?? null) : (c.date ?? null);
}

function isPast(date: string | null | undefined, today: IsoDate): boolean {
  return typeof date === "string" && isIsoDate(date) && compareDates(date, today) < 0;
}

/**
 * The violations of the rules of change in a draft amendment of an approved program, checked on
 * `today`; `lockedYears`: the years whose annual-report conclusions have been received (6.16).
 */
export function checkAmendment(approved: ProgramDocument, draft: ProgramDocument, today: IsoDate, lockedYears: readonly number[]): AmendmentViolation[] {
  const year = yearOf(today);
  const refinement = legalDeadlines(year).reportingYearRefinement;
  const refinementOpen = compareDates(today, refinement.date) <= 0;
  const locked = new Set(lockedYears);
  const out: AmendmentViolation[] = [];
  const push = (path: string, rule: AmendmentRule, message: string, messageEn: string) => out.push({ path, rule, message, messageEn });

  for (const c of diffPrograms(approved, draft, { deep: true })) {
    if (isPlanValue(c)) {
      const y = c.year!;
      const what = c.entity === "funding" ? "объем финансирования" : "плановое значение";
      if (locked.has(y)) {
        push(
          c.path,
          "220-п 6.16",
          `${cap(c.label)}: ${what} ${periodRu(c)} изменить нельзя — заключения по годовому отчету за ${y} год получены, изменения за отчетный период не вносятся (220-п, п. 6.16)`,
          `${c.path}: the annual report for ${y} has its conclusions; no amendment for that period (220-п 6.16)`,
        );
        continue;
      }
      if (c.entity === "metric" && c.month !== undefined) {
        if (monthEnded(y, c.month, today)) {
          push(
            c.path,
            "220-п 3.1.4",
            `${cap(c.label)}: плановое значение ${periodRu(c)} изменить нельзя — не допускается изменение плановых значений показателей за предыдущий период (220-п, п. 3.1.4)`,
            `${c.path}: plan values of a past period (a month that has ended, ${periodEn(c)}) may not change (220-п 3.1.4)`,
          );
        }
        continue;
      }
      if (y >= year) continue;
      if (y === year - 1 && refinementOpen) continue;
      const window =
        y === year - 1
          ? `; уточнение за отчетный ${y} год утверждается не позднее ${formatDateRu(refinement.date)} (220-п, пп. 4.16, 4.22)`
          : `; уточнять можно только отчетный год и только до 1 апреля (220-п, пп. 4.16, 4.22)`;
      if (c.entity === "metric") {
        push(
          c.path,
          "220-п 3.1.4",
          `${cap(c.label)}: плановое значение ${periodRu(c)} изменить нельзя — не допускается изменение плановых значений показателей за предыдущий период (220-п, п. 3.1.4)${window}`,
          `${c.path}: plan values of a past year (${y}) may not change (220-п 3.1.4); the reporting year may be refined until ${refinement.date} (4.16, 4.22)`,
        );
      } else {
        push(
          c.path,
          "220-п 4.16",
          `${cap(c.label)}: ${what} ${periodRu(c)} изменить нельзя — прошедший год${window}`,
          `${c.path}: values of a past year (${y}) may not change; only the reporting year may be refined, until ${refinement.date} (220-п 4.16)`,
        );
      }
      continue;
    }

    if (c.entity === "checkpoint" && (c.field === undefined || c.field === "name" || c.field === "plannedDate")) {
      const lockedYear = checkpointYears(c).find((y) => locked.has(y));
      if (lockedYear !== undefined) {
        push(
          c.path,
          "220-п 6.16",
          `${cap(c.label)}: изменить нельзя — заключения по годовому отчету за ${lockedYear} год получены, изменения за отчетный период не вносятся (220-п, п. 6.16)`,
          `${c.path}: the annual report for ${lockedYear} has its conclusions; no amendment for that period (220-п 6.16)`,
        );
        continue;
      }
      if (isPast(approvedDate(c), today)) {
        const act = c.kind === "removed" ? "исключить или переименовать" : c.field === "name" ? "переименовать" : "перенести";
        push(
          c.path,
          "220-п 3.1.6",
          `${cap(c.label)}: прошедшую контрольную точку нельзя ${act} — не допускается изменение наименования и даты наступления прошедших контрольных точек (220-п, п. 3.1.6)`,
          `${c.path}: the name and date of a past checkpoint may not change, nor may it be removed (220-п 3.1.6)`,
        );
        continue;
      }
      const newDate = c.kind === "added" ? c.date : c.field === "plannedDate" ? c.after : null;
      if (isPast(newDate, today)) {
        push(
          c.path,
          "220-п 3.1.6",
          `${cap(c.label)}: плановая дата ${formatDateRu(newDate!)} уже прошла — контрольную точку нельзя добавить или перенести задним числом (220-п, п. 3.1.6)`,
          `${c.path}: a checkpoint may not be added with, or moved to, a planned date already past (220-п 3.1.6)`,
        );
      }
    }
  }
  return out;
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
