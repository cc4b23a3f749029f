/**
 * What a new publication of an approved program changes in its published scores (issue 14, part
 * 8: followers are told of "a score"): the years whose score appears or differs from the one the
 * portal showed until then. The portal shows a year's score from the newest publication still
 * published that has that year; a year without a score («нет данных») is no score to announce.
 */
import type { PortalEvaluation } from "./view.ts";

export interface ScoreChange {
  year: number;
  score: string;
  rating: string | null;
  ratingLabel: string;
  /** the score published until now, or null when the year had none */
  before: { score: string; rating: string | null; ratingLabel: string } | null;
}

/**
 * `earlier`: the evaluations of the document's earlier publications still published, newest first;
 * `next`: the new publication's. Answers the years of `next` whose score is new or changed.
 */
export function scoreChanges(earlier: readonly (readonly PortalEvaluation[])[], next: readonly PortalEvaluation[]): ScoreChange[] {
  const out: ScoreChange[] = [];
  for (const e of next) {
    if (e.score === null) continue;
    const shown = earlier.map((list) => list.find((x) => x.year === e.year)).find((x) => x !== undefined) ?? null;
    const before = shown && shown.score !== null ? { score: shown.score, rating: shown.rating, ratingLabel: shown.ratingLabel } : null;
    if (before && before.score === e.score && before.rating === e.rating) continue;
    out.push({ year: e.year, score: e.score, rating: e.rating, ratingLabel: e.ratingLabel, before });
  }
  return out.sort((a, b) => a.year - b.year);
}

/** «2025 год: 97,48 балла (высокая эффективность); было 85,10 (удовлетворительная эффективность)». */
export function scoreChangeText(c: ScoreChange): string {
  const n = (s: string) => s.replace(".", ",");
  const was = c.before ? `; было ${n(c.before.score)} (${c.before.ratingLabel})` : "";
  return `${c.year} год: ${n(c.score)} балла (${c.ratingLabel})${was}`;
}
