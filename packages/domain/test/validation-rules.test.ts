import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  checkpointWarnings,
  crossProgramDuplicateIssues,
  metricIssues,
  programPeriodIssues,
  rowPeriodIssues,
  type CheckpointInput,
} from "../src/validation/index.ts";

const P = { startYear: 2025, endYear: 2030 };

describe("program period (220-п 1.5)", () => {
  it("5 years is too short, 6 years is enough", () => {
    const five = programPeriodIssues({ startYear: 2025, endYear: 2029 });
    expect(five).toHaveLength(1);
    expect(five[0]).toMatchObject({ path: "endYear", severity: "error", rule: "220-п 1.5" });
    expect(five[0]!.message).toBe("Срок реализации муниципальной программы — не менее 6 лет; сейчас 2025–2029 (5 лет)");
    expect(programPeriodIssues({ startYear: 2025, endYear: 2030 })).toEqual([]);
  });

  it("the end year may not precede the start year", () => {
    const r = programPeriodIssues({ startYear: 2030, endYear: 2025 });
    expect(r).toHaveLength(1);
    expect(r[0]!.message).toBe("«Год окончания» (2025) не может быть раньше «Года начала» (2030)");
  });

  it("holds exactly when the program lasts 6 years or more", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 2180 }), fc.integer({ min: -5, max: 15 }), (s, d) => {
        const e = s + d;
        expect(programPeriodIssues({ startYear: s, endYear: e }).length === 0).toBe(e - s + 1 >= 6);
      }),
    );
  });

  it("leaves invalid years to the field rules", () => {
    expect(programPeriodIssues({ startYear: "x", endYear: 2030 })).toEqual([]);
  });
});

describe("dates and years within the program's period", () => {
  it("checkpoint planned dates", () => {
    expect(rowPeriodIssues("checkpoint", { plannedDate: "2030-12-31" }, P)).toEqual([]);
    const r = rowPeriodIssues("checkpoint", { plannedDate: "2031-01-01" }, P);
    expect(r).toEqual([
      {
        path: "plannedDate",
        message: "«Плановая дата» (2031-01-01) вне срока реализации 2025–2030",
        messageEn: "Planned date (2031-01-01) is outside the period 2025–2030",
        severity: "error",
        rule: "220-п прил. 7",
      },
    ]);
  });

  it("years of values, monthly plans, funding and goal targets", () => {
    for (const name of ["programIndicatorValue", "metricValue", "metricMonth", "funding"]) {
      expect(rowPeriodIssues(name, { year: 2025 }, P), name).toEqual([]);
      expect(rowPeriodIssues(name, { year: 2030 }, P), name).toEqual([]);
      expect(rowPeriodIssues(name, { year: 2024 }, P)[0]?.path, name).toBe("year");
      expect(rowPeriodIssues(name, { year: 2031 }, P)[0]?.path, name).toBe("year");
    }
    expect(rowPeriodIssues("programGoal", { targetYear: 2031 }, P)[0]?.path).toBe("targetYear");
    expect(rowPeriodIssues("programGoal", { targetYear: null }, P)).toEqual([]);
  });

  it("stages and elements: ordered and inside", () => {
    expect(rowPeriodIssues("programStage", { startYear: 2025, endYear: 2027 }, P)).toEqual([]);
    expect(rowPeriodIssues("programStage", { startYear: 2024, endYear: 2027 }, P).map((i) => i.path)).toEqual(["startYear"]);
    expect(rowPeriodIssues("programStage", { startYear: 2028, endYear: 2027 }, P).map((i) => i.path)).toEqual(["endYear"]);
    expect(rowPeriodIssues("structuralElement", { startYear: null, endYear: 2032 }, P).map((i) => i.path)).toEqual(["endYear"]);
  });

  it("the base year precedes or equals the start", () => {
    expect(rowPeriodIssues("programIndicator", { baseYear: 2024 }, P)).toEqual([]);
    expect(rowPeriodIssues("programIndicator", { baseYear: 2025 }, P)).toEqual([]);
    const r = rowPeriodIssues("programIndicator", { baseYear: 2026 }, P);
    expect(r[0]).toMatchObject({ path: "baseYear", rule: "220-п прил. 2" });
    expect(rowPeriodIssues("metric", { baseYear: 2026 }, P)).toHaveLength(1);
  });

  it("the program row itself gets the 6-year rule, plans only the order of years", () => {
    expect(rowPeriodIssues("program", { startYear: 2025, endYear: 2027 }, null)).toHaveLength(1);
    expect(rowPeriodIssues("actionPlan", { startYear: 2025, endYear: 2025 }, null)).toEqual([]);
    expect(rowPeriodIssues("actionPlan", { startYear: 2025, endYear: 2024 }, null)).toHaveLength(1);
  });
});

describe("metrics", () => {
  it("a metric has a unit and a level of appendix 6", () => {
    expect(metricIssues({ unit: "%", level: "МП" })).toEqual([]);
    const r = metricIssues({ unit: " ", level: "район" });
    expect(r.map((i) => [i.path, i.rule])).toEqual([
      ["unit", "220-п прил. 5"],
      ["level", "220-п прил. 6"],
    ]);
    expect(r[0]!.message).toBe("Поле «Единица измерения» обязательно");
  });
});

describe("goals and indicators of other programs (220-п 2.1.1 б)", () => {
  const others = [
    { code: "МП-02", goals: ["Повышение  качества образования"], indicators: ["Доля детей в детских садах"] },
    { code: "МП-01", goals: ["Развитие транспорта"], indicators: [] },
  ];

  it("names the other program, ignoring case and spacing", () => {
    const r = crossProgramDuplicateIssues(
      {
        code: "МП-01",
        goals: ["Развитие транспорта", "повышение качества ОБРАЗОВАНИЯ "],
        indicators: ["Протяжённость дорог", "доля детей в  детских садах"],
      },
      others,
    );
    expect(r.map((i) => [i.path, i.message])).toEqual([
      ["goals[1].name", "Цель «повышение качества ОБРАЗОВАНИЯ» уже есть в муниципальной программе «МП-02»: дублирование не допускается"],
      [
        "indicators[1].name",
        "Индикатор «доля детей в  детских садах» уже есть в муниципальной программе «МП-02»: дублирование не допускается",
      ],
    ]);
    expect(r.every((i) => i.rule === "220-п 2.1.1 б" && i.severity === "error")).toBe(true);
  });

  it("a name that differs is no duplicate; the program's own stored copy is not another program", () => {
    expect(crossProgramDuplicateIssues({ code: "МП-01", goals: ["Развитие транспорта"], indicators: [] }, others)).toEqual([]);
    expect(crossProgramDuplicateIssues({ code: "МП-03", goals: ["Повышение качества образования детей"], indicators: [] }, others)).toEqual(
      [],
    );
  });
});

describe("checkpoint distribution (220-п прил. 7 п. 3)", () => {
  const cp = (plannedDate: string, activityKey: string | null = "A1", elementKey = "E1"): CheckpointInput => ({
    name: "КТ",
    plannedDate,
    activityKey,
    elementKey,
  });

  it("3 checkpoints in a year are too few, 4 spread over the year are fine", () => {
    const three = checkpointWarnings([cp("2026-03-31"), cp("2026-06-30"), cp("2026-09-30")]);
    expect(three).toHaveLength(1);
    expect(three[0]).toMatchObject({ path: "A1:2026", severity: "warning", rule: "220-п прил. 7 п. 3" });
    expect(three[0]!.message).toBe(
      "В 2026 году у мероприятия 3 контрольные точки; рекомендуется не менее 4 в год, распределённых равномерно в течение года",
    );
    expect(checkpointWarnings([cp("2026-03-31"), cp("2026-06-30"), cp("2026-09-30"), cp("2026-12-31")])).toEqual([]);
  });

  it("a single checkpoint on 31 December", () => {
    const r = checkpointWarnings([cp("2026-12-31")]);
    expect(r.map((i) => i.message)).toEqual([
      "В 2026 году у мероприятия 1 контрольная точка; рекомендуется не менее 4 в год, распределённых равномерно в течение года",
      "В 2026 году у мероприятия только одна контрольная точка, и она на 31 декабря: так не допускается",
    ]);
    // a single one on another date is only too few
    expect(checkpointWarnings([cp("2026-06-30")])).toHaveLength(1);
  });

  it("2 of 4 in Q4 is not most, 3 of 4 is", () => {
    expect(checkpointWarnings([cp("2026-03-31"), cp("2026-06-30"), cp("2026-10-01"), cp("2026-12-31")])).toEqual([]);
    const r = checkpointWarnings([cp("2026-06-30"), cp("2026-10-01"), cp("2026-11-15"), cp("2026-12-31")]);
    expect(r).toHaveLength(1);
    expect(r[0]!.message).toBe(
      "В 2026 году 3 из 4 контрольных точек мероприятия приходятся на IV квартал: их следует распределить равномерно в течение года",
    );
  });

  it("groups by activity and year; unlinked checkpoints count for their element", () => {
    const r = checkpointWarnings([
      cp("2026-03-31"),
      cp("2026-06-30"),
      cp("2026-09-30"),
      cp("2026-12-01"),
      cp("2027-03-31", "A2"),
      cp("2027-12-31", null, "E7"),
      cp("31.12.2027"), // not a date: not counted
    ]);
    expect(r.map((i) => i.path)).toEqual(["A2:2027", "E7:2027", "E7:2027"]);
    expect(r[1]!.message).toContain("у структурного элемента");
  });
});
