/** The portal's pure rules (issue 14): the discussion's term, eligibility, choices, the count, CSV, the frozen view. */
import { describe, expect, it } from "vitest";
import {
  anchorsOf,
  choiceIssues,
  discussionTermIssues,
  ineligibility,
  parseEligibility,
  portalViewOfTree,
  tally,
  toCsv,
} from "@orientir/domain";

describe("discussion term", () => {
  it("counts both ends and refuses a term below the municipality's minimum", () => {
    expect(discussionTermIssues("2026-01-01", "2026-01-30", 30)).toEqual([]);
    expect(discussionTermIssues("2026-01-01", "2026-01-29", 30)[0]).toMatchObject({ path: "endsOn", rule: "discussion.minTerm" });
    expect(discussionTermIssues("2026-01-10", "2026-01-01", 1)[0]!.path).toBe("endsOn");
  });
});

describe("eligibility", () => {
  const rules = parseEligibility({ minAge: 14, confirmedEmail: true, address: true });
  it("reads the rules and names a wrong one", () => {
    expect(rules).toEqual({ value: { minAge: 14, confirmedEmail: true, address: true, identityProvider: false } });
    expect(parseEligibility({ identityProvider: "yes" })).toMatchObject({ issues: [{ path: "eligibility.identityProvider" }] });
    expect(parseEligibility({ minAge: "14" })).toEqual({ issues: [{ path: "eligibility.minAge", message: expect.any(String) }] });
    expect(parseEligibility({ age: 14 })).toMatchObject({ issues: [{ path: "eligibility.age" }] });
  });
  it("age by the year of birth, a confirmed e-mail, an address", () => {
    const r = (rules as { value: any }).value;
    const ok = { birthYear: 2012, emailConfirmed: true, address: "ул. Ленина, 1" };
    expect(ineligibility(r, ok, 2026)).toBeNull();
    expect(ineligibility(r, { ...ok, birthYear: 2013 }, 2026)).toMatch(/от 14 лет/);
    expect(ineligibility(r, { ...ok, birthYear: null }, 2026)).toMatch(/год рождения/);
    expect(ineligibility(r, { ...ok, emailConfirmed: false }, 2026)).toMatch(/почты/);
    expect(ineligibility(r, { ...ok, address: "  " }, 2026)).toMatch(/адрес/);
  });
  it("a verified identity: a confirmed e-mail or the identity provider; a rule may require the provider's", () => {
    const r = (rules as { value: any }).value;
    const byProvider = { birthYear: 2000, emailConfirmed: false, address: "ул. Ленина, 1", identityVerified: true };
    expect(ineligibility(r, byProvider, 2026)).toBeNull();
    expect(ineligibility(r, { ...byProvider, identityVerified: false }, 2026)).toMatch(/почты или вход через поставщика/);
    const strict = { ...r, identityProvider: true };
    const typed = { birthYear: 2000, emailConfirmed: true, address: "ул. Ленина, 1" };
    expect(ineligibility(strict, typed, 2026)).toMatch(/поставщика идентификации/);
    // the age and the address count only as the provider gave them
    expect(ineligibility(strict, { ...typed, identityVerified: true }, 2026)).toMatch(/не подтвердил год рождения/);
    expect(ineligibility(strict, { ...typed, identityVerified: true, birthYearVerified: true }, 2026)).toMatch(/не подтвердил адрес/);
    expect(ineligibility(strict, { ...typed, identityVerified: true, birthYearVerified: true, addressVerified: true }, 2026)).toBeNull();
    expect(
      ineligibility(strict, { ...typed, birthYear: 2015, identityVerified: true, birthYearVerified: true, addressVerified: true }, 2026),
    ).toMatch(/от 14 лет/);
  });
});

describe("choices and the count", () => {
  it("refuses no choice, too many, a repeat and an unknown option, naming the place", () => {
    expect(choiceIssues([], ["a", "b"], 1)[0]!.path).toBe("choices");
    expect(choiceIssues(["a", "b"], ["a", "b"], 1)[0]!.path).toBe("choices");
    expect(choiceIssues(["a", "a"], ["a", "b"], 2)[0]!.message).toMatch(/дважды/);
    expect(choiceIssues(["a", "x"], ["a", "b"], 2)[0]!.path).toBe("choices.1");
    expect(choiceIssues(["b"], ["a", "b"], 1)).toEqual([]);
  });
  it("counts each choice, best first, ties with the last winner win too, no votes never wins", () => {
    const options = [
      { id: "a", title: "A" },
      { id: "b", title: "B" },
      { id: "c", title: "C" },
      { id: "d", title: "D" },
    ];
    const r = tally(options, [{ choices: ["b", "c"] }, { choices: ["c"] }, { choices: ["a", "b"] }], 1);
    expect(r.map((x) => [x.id, x.votes, x.winner])).toEqual([
      ["b", 2, true],
      ["c", 2, true],
      ["a", 1, false],
      ["d", 0, false],
    ]);
    expect(tally(options, [], 2).every((x) => !x.winner)).toBe(true);
  });
});

describe("CSV", () => {
  it("quotes, doubles quotes, keeps numbers and neutralises formulas", () => {
    const csv = toCsv(
      ["a", "b"],
      [
        ["x,y", 'say "hi"'],
        ["=HYPERLINK(1)", "-5"],
        ["-cmd", null],
      ],
    );
    expect(csv.startsWith("\uFEFF")).toBe(true);
    expect(csv.slice(1).split("\r\n")).toEqual(["a,b", '"x,y","say ""hi"""', "'=HYPERLINK(1),-5", "'-cmd,", ""]);
  });
});

describe("the frozen view of a tree", () => {
  const tree = {
    id: "s1",
    name: "Стратегия",
    mission: "Миссия города",
    startYear: 2020,
    endYear: 2030,
    goals: [
      {
        id: "g1",
        code: "1",
        name: "Цель 1",
        strategyTasks: [
          { id: "t1", code: "1.1", name: "Задача", strategyActivities: [{ id: "a1", name: "Мероприятие", expectedResult: "Итог" }] },
        ],
      },
    ],
    strategyIndicators: [
      { id: "i1", name: "Население", unit: "чел.", strategyIndicatorValues: [{ id: "v1", year: 2025, target: "100", fact: "90" }] },
    ],
  };
  it("sections with anchors and indicators; a draft shows no fact", () => {
    const draft = portalViewOfTree("strategy", tree, { withFacts: false });
    expect(draft.sections.map((s) => s.anchor)).toEqual(["strategy:s1:mission", "goal:g1"]);
    expect(draft.sections[1]!.children[0]!.children[0]).toMatchObject({ anchor: "strategyActivity:a1", kind: "activity", text: "Итог" });
    expect(draft.indicators).toEqual([
      { anchor: "strategyIndicator:i1", code: null, name: "Население", unit: "чел.", values: [{ year: 2025, plan: "100", fact: null }] },
    ]);
    expect(portalViewOfTree("strategy", tree, { withFacts: true }).indicators[0]!.values[0]!.fact).toBe("90");
    const anchors = anchorsOf(draft);
    expect(anchors.get("strategyTask:t1")).toBe("Задача 1.1: Задача");
    expect(anchors.has("document")).toBe(true);
  });
});
