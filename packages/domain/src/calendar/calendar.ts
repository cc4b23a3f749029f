/**
 * The working-day calendar (производственный календарь): which days are working days for a
 * five-day week, and arithmetic in working days. Calendars are plain data, edited by the
 * administrator as JSON and validated by `calendarFromData`; treat them as immutable.
 */
import { addDays, dayOfWeek, formatDateRu, isIsoDate, makeDate, yearOf, type IsoDate } from "../dates.ts";
import { ValidationError, type FieldIssue } from "../errors.ts";

export interface WorkingCalendar {
  readonly id: string;
  /** ISO 3166-1 alpha-2, e.g. "RU". */
  readonly country: string;
  readonly name: string;
  /** Days of the week that are days off (`dayOfWeek`: 0 = Sunday … 6 = Saturday). Usually [0, 6]. */
  readonly weekend: readonly number[];
  /**
   * Non-working days that would otherwise be working: public holidays falling on weekdays and
   * days off moved onto weekdays (by law or by the government's transfer decree). Listing a
   * holiday that falls on a weekend is allowed and changes nothing.
   */
  readonly holidays: readonly IsoDate[];
  /** Weekend days declared working days by a transfer (e.g. Saturday 1 November 2025 in Russia). */
  readonly workingWeekends: readonly IsoDate[];
  /** Pre-holiday days shortened by one hour (informational: still full working days here). */
  readonly shortDays?: readonly IsoDate[];
  /** The years covered, inclusive: [from, to]. Any date outside them is an error. */
  readonly years: readonly [number, number];
}

/** A date outside the years a calendar covers: working days there are unknown, not guessed. */
export class CalendarRangeError extends RangeError {
  readonly messageEn: string;
  constructor(
    readonly date: IsoDate,
    readonly calendarId: string,
    readonly years: readonly [number, number],
  ) {
    super(`Дата ${formatDateRu(date)} вне производственного календаря «${calendarId}»: он охватывает ${years[0]}–${years[1]} годы`);
    this.messageEn = `Date ${date} is outside the working-day calendar "${calendarId}", which covers the years ${years[0]}–${years[1]}`;
    this.name = "CalendarRangeError";
  }
}

interface Compiled {
  weekend: ReadonlySet<number>;
  holidays: ReadonlySet<IsoDate>;
  workingWeekends: ReadonlySet<IsoDate>;
}

const compiledCache = new WeakMap<WorkingCalendar, Compiled>();

function compiled(cal: WorkingCalendar): Compiled {
  let c = compiledCache.get(cal);
  if (!c) {
    c = { weekend: new Set(cal.weekend), holidays: new Set(cal.holidays), workingWeekends: new Set(cal.workingWeekends) };
    compiledCache.set(cal, c);
  }
  return c;
}

function requireDate(date: IsoDate): void {
  if (!isIsoDate(date)) throw new RangeError(`Не дата: "${String(date)}" (ожидается ГГГГ-ММ-ДД) / not a date`);
}

function requireCovered(cal: WorkingCalendar, date: IsoDate): void {
  const y = yearOf(date);
  if (y < cal.years[0] || y > cal.years[1]) throw new CalendarRangeError(date, cal.id, cal.years);
}

/** Whether the calendar covers the date's year (no error). */
export function calendarCovers(cal: WorkingCalendar, date: IsoDate): boolean {
  if (!isIsoDate(date)) return false;
  const y = yearOf(date);
  return y >= cal.years[0] && y <= cal.years[1];
}

/** Whether `date` is a working day. Throws `CalendarRangeError` outside the calendar's years. */
export function isWorkingDay(cal: WorkingCalendar, date: IsoDate): boolean {
  requireDate(date);
  requireCovered(cal, date);
  const c = compiled(cal);
  if (c.weekend.has(dayOfWeek(date))) return c.workingWeekends.has(date);
  return !c.holidays.has(date);
}

/** Whether `date` is a pre-holiday shortened working day (informational). */
export function isShortDay(cal: WorkingCalendar, date: IsoDate): boolean {
  return isWorkingDay(cal, date) && (cal.shortDays ?? []).includes(date);
}

/** The first working day strictly after `date`. */
export function nextWorkingDay(cal: WorkingCalendar, date: IsoDate): IsoDate {
  requireDate(date);
  let d = addDays(date, 1);
  while (!isWorkingDay(cal, d)) d = addDays(d, 1);
  return d;
}

/** The last working day strictly before `date`. */
export function previousWorkingDay(cal: WorkingCalendar, date: IsoDate): IsoDate {
  requireDate(date);
  let d = addDays(date, -1);
  while (!isWorkingDay(cal, d)) d = addDays(d, -1);
  return d;
}

/**
 * `date` itself when it is a working day; otherwise the next ("forward") or previous
 * ("backward") working day. Russian law (Civil Code art. 193) moves a deadline that falls on a
 * day off forward to the next working day.
 */
export function shiftToWorkingDay(cal: WorkingCalendar, date: IsoDate, direction: "forward" | "backward" = "forward"): IsoDate {
  if (isWorkingDay(cal, date)) return date;
  return direction === "forward" ? nextWorkingDay(cal, date) : previousWorkingDay(cal, date);
}

/**
 * The date `n` working days after `date` (n > 0): the n-th working day strictly after it, so a
 * start on a day off does not count. n = 0: `date` itself if it is a working day, else the next
 * working day. n < 0: the |n|-th working day strictly before `date`.
 */
export function addWorkingDays(cal: WorkingCalendar, date: IsoDate, n: number): IsoDate {
  if (!Number.isInteger(n)) throw new RangeError(`Число рабочих дней должно быть целым: ${n} / n must be an integer`);
  if (n === 0) return shiftToWorkingDay(cal, date, "forward");
  let d = date;
  for (let left = Math.abs(n); left > 0; left--) d = n > 0 ? nextWorkingDay(cal, d) : previousWorkingDay(cal, d);
  return d;
}

/**
 * Working days between two dates. Convention: for b ≥ a, the number of working days in the
 * half-open interval (a, b] — a itself is not counted, b is. For b < a, minus the number of
 * working days in (b, a]. So `workingDaysBetween(a, a) = 0`, swapping the arguments flips the
 * sign, and for a working day d, `workingDaysBetween(d, addWorkingDays(d, n)) === n` for every n.
 */
export function workingDaysBetween(cal: WorkingCalendar, a: IsoDate, b: IsoDate): number {
  requireDate(a);
  requireDate(b);
  requireCovered(cal, a);
  requireCovered(cal, b);
  if (b < a) {
    const n = workingDaysBetween(cal, b, a);
    return n === 0 ? 0 : -n;
  }
  return a === b ? 0 : countWorkingDays(cal, addDays(a, 1), b);
}

/** Working days in [from, to], both inclusive (from ≤ to, both covered). */
function countWorkingDays(cal: WorkingCalendar, from: IsoDate, to: IsoDate): number {
  let count = 0;
  for (let d = from; d <= to; d = addDays(d, 1)) if (isWorkingDay(cal, d)) count++;
  return count;
}

/** Working days in a calendar year (the production calendar's annual total for a five-day week). */
export function workingDaysInYear(cal: WorkingCalendar, year: number): number {
  const first = makeDate(year, 1, 1);
  requireCovered(cal, first);
  return countWorkingDays(cal, first, makeDate(year, 12, 31));
}

/* ---------------------------------------------------------------- validation of JSON data -- */

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function nonEmptyString(json: Record<string, unknown>, key: string, issues: FieldIssue[]): string {
  const v = json[key];
  if (typeof v !== "string" || v.trim() === "") {
    issues.push({ path: key, message: "Обязательное поле: непустая строка", messageEn: "Required: a non-empty string" });
    return "";
  }
  return v;
}

function dateList(json: Record<string, unknown>, key: string, required: boolean, issues: FieldIssue[]): IsoDate[] {
  const v = json[key];
  if (v === undefined && !required) return [];
  if (!Array.isArray(v)) {
    issues.push({ path: key, message: "Ожидается список дат ГГГГ-ММ-ДД", messageEn: "Expected a list of YYYY-MM-DD dates" });
    return [];
  }
  const out: IsoDate[] = [];
  const seen = new Set<string>();
  v.forEach((d, i) => {
    const path = `${key}[${i}]`;
    if (!isIsoDate(d)) {
      issues.push({
        path,
        message: `Неверная дата: ${JSON.stringify(d)} (ожидается ГГГГ-ММ-ДД)`,
        messageEn: `Invalid date: ${JSON.stringify(d)} (expected YYYY-MM-DD)`,
      });
    } else if (seen.has(d)) {
      issues.push({ path, message: `Дата ${formatDateRu(d)} указана дважды`, messageEn: `Date ${d} is listed twice` });
    } else {
      seen.add(d);
      out.push(d);
    }
  });
  return out;
}

/**
 * Validates a calendar given as JSON (as the administrator edits it) and returns it. Collects
 * every problem and throws one `ValidationError` whose issues name the path of each, e.g.
 * `holidays[3]`. `weekend` defaults to Saturday and Sunday.
 */
export function calendarFromData(json: unknown): WorkingCalendar {
  if (!isObject(json)) {
    throw new ValidationError([
      { path: "", message: "Календарь должен быть объектом JSON", messageEn: "A calendar must be a JSON object" },
    ]);
  }
  const issues: FieldIssue[] = [];
  const id = nonEmptyString(json, "id", issues);
  const country = nonEmptyString(json, "country", issues);
  const name = nonEmptyString(json, "name", issues);

  let weekend: number[] = [0, 6];
  const issuesBeforeWeekend = issues.length;
  if (json.weekend !== undefined) {
    if (!Array.isArray(json.weekend)) {
      issues.push({
        path: "weekend",
        message: "Ожидается список дней недели 0–6 (0 — воскресенье)",
        messageEn: "Expected a list of weekdays 0–6 (0 = Sunday)",
      });
    } else {
      weekend = [];
      json.weekend.forEach((d, i) => {
        if (!Number.isInteger(d) || (d as number) < 0 || (d as number) > 6) {
          issues.push({
            path: `weekend[${i}]`,
            message: `День недели должен быть целым от 0 до 6: ${JSON.stringify(d)}`,
            messageEn: `A weekday is an integer 0–6: ${JSON.stringify(d)}`,
          });
        } else if (weekend.includes(d as number)) {
          issues.push({ path: `weekend[${i}]`, message: `День недели ${d} указан дважды`, messageEn: `Weekday ${d} is listed twice` });
        } else weekend.push(d as number);
      });
      if (weekend.length === 7)
        issues.push({
          path: "weekend",
          message: "В неделе должен быть хотя бы один рабочий день",
          messageEn: "A week needs at least one working day",
        });
    }
  }

  let years: [number, number] = [0, 0];
  const isYear = (v: unknown): v is number => typeof v === "number" && Number.isInteger(v) && v >= 1900 && v <= 2200;
  const y: unknown = json.years;
  if (!Array.isArray(y) || y.length !== 2 || !isYear(y[0]) || !isYear(y[1])) {
    issues.push({
      path: "years",
      message: "Ожидается [первый год, последний год], например [2013, 2027]",
      messageEn: "Expected [first year, last year], e.g. [2013, 2027]",
    });
  } else if (y[0] > y[1]) {
    issues.push({
      path: "years",
      message: `Первый год ${y[0]} позже последнего ${y[1]}`,
      messageEn: `First year ${y[0]} is after last year ${y[1]}`,
    });
  } else years = [y[0], y[1]];

  const weekendValid = issues.length === issuesBeforeWeekend;
  const holidays = dateList(json, "holidays", true, issues);
  const workingWeekends = dateList(json, "workingWeekends", true, issues);
  const shortDays = json.shortDays === undefined ? undefined : dateList(json, "shortDays", false, issues);

  const haveYears = years[0] !== 0;
  const checkYears = (key: string, list: unknown, dates: IsoDate[]) => {
    if (!haveYears || !Array.isArray(list)) return;
    list.forEach((d, i) => {
      if (dates.includes(d as string) && (yearOf(d as string) < years[0] || yearOf(d as string) > years[1])) {
        issues.push({
          path: `${key}[${i}]`,
          message: `Дата ${formatDateRu(d as string)} вне лет календаря ${years[0]}–${years[1]}`,
          messageEn: `Date ${d} is outside the calendar years ${years[0]}–${years[1]}`,
        });
      }
    });
  };
  checkYears("holidays", json.holidays, holidays);
  checkYears("workingWeekends", json.workingWeekends, workingWeekends);
  if (shortDays) checkYears("shortDays", json.shortDays, shortDays);

  const holidaySet = new Set(holidays);
  if (Array.isArray(json.workingWeekends)) {
    json.workingWeekends.forEach((d, i) => {
      if (!workingWeekends.includes(d as string)) return;
      if (weekendValid && !weekend.includes(dayOfWeek(d as string))) {
        issues.push({
          path: `workingWeekends[${i}]`,
          message: `${formatDateRu(d as string)} не выходной день недели, его нельзя объявить рабочим выходным`,
          messageEn: `${d} is not a weekend day, so it cannot be a working weekend day`,
        });
      } else if (holidaySet.has(d as string)) {
        issues.push({
          path: `workingWeekends[${i}]`,
          message: `${formatDateRu(d as string)} указана и как нерабочий, и как рабочий день`,
          messageEn: `${d} is listed both as a day off and as a working day`,
        });
      }
    });
  }

  if (issues.length > 0) throw new ValidationError(issues);
  const cal: WorkingCalendar = { id, country, name, weekend, holidays, workingWeekends, years };
  return shortDays ? { ...cal, shortDays } : cal;
}
