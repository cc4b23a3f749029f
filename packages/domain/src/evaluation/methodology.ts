/**
 * An evaluation methodology as data: a tree of levels with named parameters. The evaluator
 * (`evaluate.ts`) interprets the tree; nothing about 220-п is hard-coded there. `kaluga-220p`
 * (program-report-v1.md) is one preset; a municipality may store its own parameters or its own
 * tree under another id. Every result records the id and version of the methodology it used and
 * the values of all its parameters.
 *
 * The kinds of levels:
 * - `ratio`: the level of one indicator or metric (`source: "value"`: fact / plan × 100 for
 *   trend increase, plan / fact × 100 for decrease) or of a direction's budget
 *   (`source: "funding"`: cash / plan × 100). A zero divisor is taken as the parameter
 *   `zeroDivisor` (`onZeroDivisor: "param"`) or makes the level absent (`"absent"`: a direction
 *   without funding has no `А`). A null fact gives level 0 and a warning, or (`missingFact:
 *   "exclude"`, a preliminary evaluation) makes the level absent (left out of means); a fact
 *   equal to the plan, zero included, gives 100 (`zeroEqualsZero`). These two options of the
 *   format (rules 9, 10) are the evaluator's, not parameters of the tree. The level is never
 *   below 0 and never above the parameter named by `cap`.
 * - `mean`: the mean of a level over the program's indicators or directions, a direction's
 *   elements or an element's metrics; absent levels are left out; with none present the value
 *   is the parameter named by `whenEmpty`, or absent when `whenEmpty` is null.
 * - `countRatio`: `achieved / due × 100` over an element's checkpoints (due: planned on or
 *   before `asOf`; achieved: those of them with an actual date on or before `asOf`); the
 *   parameter `whenNoneDue` when none is due; for an element of a kind listed in `fixedForKinds`,
 *   that parameter's value.
 * - `weightedSum`: `Σ wᵢ × levelᵢ` with weights named by parameters; the weights of a sum must
 *   add up to 1. An absent part is dropped and the weights of the present parts are scaled to
 *   add up to 1 (`Σ wᵢ × levelᵢ / Σ wᵢ` over the present parts), so a direction without `А` has
 *   `Эн = mean(Осэ)`. With every part absent the sum is absent.
 */
import type { ElementKind } from "../model/enums.ts";

/** What a level stands for; the result document is keyed on these ids. */
export const LEVEL_IDS = [
  "program",
  "indicators",
  "indicator",
  "directions",
  "direction",
  "budget",
  "elements",
  "element",
  "metrics",
  "metric",
  "checkpoints",
] as const;
export type LevelId = (typeof LEVEL_IDS)[number];

/** Where a level is evaluated: the program, one direction, one element, one indicator or metric. */
export type LevelScope = "program" | "direction" | "element" | "indicator" | "metric";

interface LevelBase {
  id: LevelId;
  /** The symbol of the decree, e.g. "ОЭмп", "Эн", "Осэ", "Псэ", "КТсэ", "А", "Имп". */
  symbol: string;
  /** Russian name shown in the trace. */
  label: string;
}

export interface RatioLevel extends LevelBase {
  kind: "ratio";
  source: "value" | "funding";
  /** "param": a zero divisor is taken as the parameter `zeroDivisor`; "absent": no level. */
  onZeroDivisor: "param" | "absent";
  /** Parameter name of the upper bound (100), or null for none. */
  cap: string | null;
}

export interface MeanLevel extends LevelBase {
  kind: "mean";
  over: "indicators" | "directions" | "elements" | "metrics";
  item: Level;
  /** Parameter name of the value when no item has a level; null: the mean is absent. */
  whenEmpty: string | null;
}

export interface CountRatioLevel extends LevelBase {
  kind: "countRatio";
  over: "checkpoints";
  /** Parameter name of the value when no checkpoint is due by `asOf`. */
  whenNoneDue: string;
  /** Element kinds for which the level is fixed, with the parameter giving the value. */
  fixedForKinds: Partial<Record<ElementKind, string>>;
}

export interface WeightedSumLevel extends LevelBase {
  kind: "weightedSum";
  parts: { weight: string; level: Level }[];
}

export type Level = RatioLevel | MeanLevel | CountRatioLevel | WeightedSumLevel;

export type Rating = "high" | "satisfactory" | "unsatisfactory";
export const RATINGS: readonly Rating[] = ["high", "satisfactory", "unsatisfactory"];
export const RATING_LABELS: Record<Rating, string> = {
  high: "высокий уровень эффективности",
  satisfactory: "удовлетворительный уровень эффективности",
  unsatisfactory: "неудовлетворительный уровень эффективности",
};

export interface Methodology {
  /** Preset id, e.g. "kaluga-220p". */
  id: string;
  version: number;
  name: string;
  /** Named parameters as decimal strings (exact): weights, caps, thresholds. */
  parameters: Record<string, string>;
  /** Parameters that a format-1 report may override in `methodology.weights`. */
  weightNames: readonly string[];
  root: Level;
  /** Rating bands, highest first: the first whose parameter `from` is ≤ the score; else `otherwise`. */
  rating: { bands: { from: string; rating: Rating }[]; otherwise: Rating };
}

const metric: RatioLevel = {
  id: "metric",
  kind: "ratio",
  symbol: "П",
  label: "уровень достижения показателя",
  source: "value",
  onZeroDivisor: "param",
  cap: "levelCap",
};

const indicator: RatioLevel = { ...metric, id: "indicator", symbol: "И", label: "уровень достижения индикатора" };

/** The preset of program-report-v1.md ("The evaluation (preset kaluga-220p)"), version 1. */
export const KALUGA_220P: Methodology = {
  id: "kaluga-220p",
  version: 1,
  name: "Оценка эффективности муниципальных программ (постановление 220-п, приложение 1 к порядку оценки)",
  parameters: {
    elementMetrics: "0.7",
    elementCheckpoints: "0.3",
    directionElements: "0.5",
    directionBudget: "0.5",
    programDirections: "0.5",
    programIndicators: "0.5",
    levelCap: "100",
    zeroDivisor: "1",
    metricsWhenNone: "100",
    checkpointsWhenNoneDue: "100",
    checkpointsForProject: "100",
    ratingHigh: "95",
    ratingSatisfactory: "80",
  },
  weightNames: ["elementMetrics", "elementCheckpoints", "directionElements", "directionBudget", "programDirections", "programIndicators"],
  root: {
    id: "program",
    kind: "weightedSum",
    symbol: "ОЭмп",
    label: "оценка эффективности муниципальной программы",
    parts: [
      {
        weight: "programDirections",
        level: {
          id: "directions",
          kind: "mean",
          symbol: "mean(Эн)",
          label: "средняя оценка направлений",
          over: "directions",
          whenEmpty: null,
          item: {
            id: "direction",
            kind: "weightedSum",
            symbol: "Эн",
            label: "оценка направления",
            parts: [
              {
                weight: "directionElements",
                level: {
                  id: "elements",
                  kind: "mean",
                  symbol: "mean(Осэ)",
                  label: "средняя оценка структурных элементов",
                  over: "elements",
                  whenEmpty: null,
                  item: {
                    id: "element",
                    kind: "weightedSum",
                    symbol: "Осэ",
                    label: "оценка структурного элемента",
                    parts: [
                      {
                        weight: "elementMetrics",
                        level: {
                          id: "metrics",
                          kind: "mean",
                          symbol: "Псэ",
                          label: "средний уровень достижения показателей элемента",
                          over: "metrics",
                          whenEmpty: "metricsWhenNone",
                          item: metric,
                        },
                      },
                      {
                        weight: "elementCheckpoints",
                        level: {
                          id: "checkpoints",
                          kind: "countRatio",
                          symbol: "КТсэ",
                          label: "уровень достижения контрольных точек",
                          over: "checkpoints",
                          whenNoneDue: "checkpointsWhenNoneDue",
                          fixedForKinds: { project: "checkpointsForProject" },
                        },
                      },
                    ],
                  },
                },
              },
              {
                weight: "directionBudget",
                level: {
                  id: "budget",
                  kind: "ratio",
                  symbol: "А",
                  label: "уровень использования бюджетных ассигнований",
                  source: "funding",
                  onZeroDivisor: "absent",
                  cap: "levelCap",
                },
              },
            ],
          },
        },
      },
      {
        weight: "programIndicators",
        level: {
          id: "indicators",
          kind: "mean",
          symbol: "Имп",
          label: "средний уровень достижения индикаторов программы",
          over: "indicators",
          whenEmpty: null,
          item: indicator,
        },
      },
    ],
  },
  rating: {
    bands: [
      { from: "ratingHigh", rating: "high" },
      { from: "ratingSatisfactory", rating: "satisfactory" },
    ],
    otherwise: "unsatisfactory",
  },
};

/** The presets this installation knows; a municipality's own presets are passed to the evaluator. */
export const BUILTIN_METHODOLOGIES: readonly Methodology[] = [KALUGA_220P];

/** Every level of a tree, depth first. */
export function levelsOf(level: Level): Level[] {
  const out: Level[] = [level];
  if (level.kind === "mean") out.push(...levelsOf(level.item));
  if (level.kind === "weightedSum") for (const p of level.parts) out.push(...levelsOf(p.level));
  return out;
}
