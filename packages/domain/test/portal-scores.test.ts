/** Issue 14, part 8: which years' published scores a new publication adds or changes. */
import { describe, expect, it } from "vitest";
import { scoreChangeText, scoreChanges, type PortalEvaluation } from "../src/index.ts";

const e = (year: number, score: string | null, rating: string | null = score ? "high" : null): PortalEvaluation => ({
  year,
  score,
  rating,
  ratingLabel: rating === "high" ? "высокая эффективность" : rating === "satisfactory" ? "удовлетворительная эффективность" : "нет данных",
});

describe("scoreChanges", () => {
  it("a year's first score is a change; the same score again is none", () => {
    expect(scoreChanges([], [e(2025, "97.48")])).toEqual([
      { year: 2025, score: "97.48", rating: "high", ratingLabel: "высокая эффективность", before: null },
    ]);
    expect(scoreChanges([[e(2025, "97.48")]], [e(2025, "97.48")])).toEqual([]);
  });

  it("compares with the newest earlier publication that has the year, and names the score replaced", () => {
    const earlier = [[e(2024, "80.00", "satisfactory")], [e(2025, "97.48"), e(2024, "70.00", "satisfactory")]];
    const c = scoreChanges(earlier, [e(2025, "85.10", "satisfactory"), e(2024, "80.00", "satisfactory")]);
    expect(c).toEqual([
      {
        year: 2025,
        score: "85.10",
        rating: "satisfactory",
        ratingLabel: "удовлетворительная эффективность",
        before: { score: "97.48", rating: "high", ratingLabel: "высокая эффективность" },
      },
    ]);
    expect(scoreChangeText(c[0]!)).toBe("2025 год: 85,10 балла (удовлетворительная эффективность); было 97,48 (высокая эффективность)");
  });

  it("a year without a score («нет данных») announces nothing; a score after «нет данных» is new", () => {
    expect(scoreChanges([[e(2025, "97.48")]], [e(2025, null)])).toEqual([]);
    expect(scoreChanges([[e(2025, null)], [e(2025, "97.48")]], [e(2025, "97.48")])).toMatchObject([{ year: 2025, before: null }]);
  });
});
