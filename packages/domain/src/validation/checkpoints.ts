/**
 * Distribution of checkpoints over the year (decree 220-п, appendix 7, requirement 3):
 * "При планировании сроков выполнения контрольных точек необходимо исходить из возможности
 * равномерного распределения их в течение календарного года … Рекомендуемое количество
 * контрольных точек составляет не менее четырех в год на одно мероприятие … Не допускается
 * наличие у мероприятия только одной контрольной точки со сроком наступления 31 декабря, а также
 * преобладание наибольшего количества контрольных точек в четвертом квартале года".
 * These are warnings shown beside the data, not errors that block saving.
 */
import { isIsoDate, quarterOf, yearOf } from "../dates.ts";
import { plural, warning, type Issue } from "./issue.ts";

export const CHECKPOINT_RULE = "220-п прил. 7 п. 3";
export const MIN_CHECKPOINTS_PER_YEAR = 4;

export interface CheckpointInput {
  id?: string;
  name: string;
  plannedDate: string;
  /** The activity the checkpoint confirms; when absent, the checkpoint counts for its element. */
  activityKey?: string | null;
  elementKey: string;
}

/** The path of a warning about one activity (or element) in one year: `<key>:<year>`. */
export function checkpointGroupPath(key: string, year: number): string {
  return `${key}:${year}`;
}

/**
 * Warnings per activity (checkpoints linked to no activity: per element) and year: fewer than 4
 * checkpoints; a single checkpoint, on 31 December; more than half of them in the fourth quarter.
 * Checkpoints without a valid planned date are not counted. Path: `checkpointGroupPath(key, year)`.
 */
export function checkpointWarnings(checkpoints: readonly CheckpointInput[]): Issue[] {
  const groups = new Map<string, { year: number; ofActivity: boolean; dates: string[] }>();
  for (const c of checkpoints) {
    if (!isIsoDate(c.plannedDate)) continue;
    const key = c.activityKey ? c.activityKey : c.elementKey;
    const year = yearOf(c.plannedDate);
    const id = checkpointGroupPath(key, year);
    let g = groups.get(id);
    if (!g) groups.set(id, (g = { year, ofActivity: Boolean(c.activityKey), dates: [] }));
    g.dates.push(c.plannedDate);
  }
  const issues: Issue[] = [];
  for (const [path, { year, ofActivity, dates }] of groups) {
    const n = dates.length;
    const who = ofActivity ? "у мероприятия" : "у структурного элемента";
    const whoEn = ofActivity ? "the activity" : "the structural element";
    if (n < MIN_CHECKPOINTS_PER_YEAR) {
      issues.push(
        warning(
          path,
          `В ${year} году ${who} ${n} ${plural(n, "контрольная точка", "контрольные точки", "контрольных точек")}; рекомендуется не менее ${MIN_CHECKPOINTS_PER_YEAR} в год, распределённых равномерно в течение года`,
          `In ${year} ${whoEn} has ${n} checkpoint(s); at least ${MIN_CHECKPOINTS_PER_YEAR} a year, spread evenly over the year, are recommended`,
          CHECKPOINT_RULE,
        ),
      );
    }
    const single31Dec = n === 1 && dates[0]!.endsWith("-12-31");
    if (single31Dec) {
      issues.push(
        warning(
          path,
          `В ${year} году ${who} только одна контрольная точка, и она на 31 декабря: так не допускается`,
          `In ${year} ${whoEn} has a single checkpoint, on 31 December: not allowed`,
          CHECKPOINT_RULE,
        ),
      );
    }
    const q4 = dates.filter((d) => quarterOf(d) === 4).length;
    if (!single31Dec && q4 * 2 > n) {
      issues.push(
        warning(
          path,
          `В ${year} году ${q4} из ${n} контрольных точек ${ofActivity ? "мероприятия" : "структурного элемента"} приходятся на IV квартал: их следует распределить равномерно в течение года`,
          `In ${year}, ${q4} of ${n} checkpoints of ${whoEn} fall in Q4: spread them evenly over the year`,
          CHECKPOINT_RULE,
        ),
      );
    }
  }
  return issues;
}
