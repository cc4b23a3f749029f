import { describe, expect, it } from "vitest";
import { RuleError } from "../src/errors.ts";
import type { ProgramDocument } from "../src/model/documents.ts";
import {
  NO_REASON,
  amendmentError,
  checkAmendment,
  diffPrograms,
  diffSummary,
  explanatoryNote,
  noteToText,
  rowChangeError,
  rowChangeViolations,
} from "../src/versions/index.ts";

function program(): ProgramDocument {
  return {
    code: "MP-1",
    name: "Развитие образования",
    responsibleExecutor: "Управление образования",
    coExecutors: ["Комитет по культуре"],
    startYear: 2025,
    endYear: 2028,
    goals: [{ code: "Ц1", name: "Доступность образования", targetValue: "100", unit: "%", targetYear: 2028 }],
    stages: [{ name: "Этап 1", startYear: 2025, endYear: 2028 }],
    indicators: [
      {
        code: "И1",
        name: "Охват дошкольным образованием",
        unit: "%",
        trend: "increase",
        baseYear: 2024,
        baseValue: "50",
        goal: "Ц1",
        values: [2025, 2026, 2027, 2028].map((y) => ({ year: y, plan: String(50 + (y - 2024) * 5), fact: null })),
      },
    ],
    directions: [
      {
        code: "1",
        name: "Культура",
        coExecutor: "Комитет по культуре",
        elements: [
          {
            code: "1.1",
            name: "Комплекс процессных мероприятий",
            kind: "process",
            tasks: [{ code: "1", name: "Задача", activities: [{ code: "1.1", name: "Мероприятие" }] }],
            metrics: [
              {
                code: "П1",
                name: "Число посетителей",
                unit: "тыс. чел.",
                trend: "increase",
                level: "МП",
                baseYear: 2024,
                baseValue: "10",
                values: [2025, 2026, 2027, 2028].map((y) => ({ year: y, plan: String(10 + (y - 2024)), fact: null })),
                months: [3, 6, 9, 12].map((m) => ({ year: 2026, month: m, plan: String(m), fact: null, forecast: null })),
              },
            ],
            checkpoints: [
              { name: "Контракт заключен", activity: "1.1", plannedDate: "2026-03-20" },
              { name: "Работы приняты", activity: "1.1", plannedDate: "2026-12-20" },
            ],
            funding: [2025, 2026, 2027, 2028].flatMap((y) => [
              { year: y, source: "local", amount: "1000.50" },
              { year: y, source: "regional", amount: "250.25" },
            ]),
          },
        ],
      },
    ],
  };
}

const el = (p: ProgramDocument) => p.directions[0]!.elements[0]!;

describe("diff of two versions", () => {
  it("is empty between equal documents, whatever the order of children and the spelling of numbers", () => {
    const a = program();
    const b = program();
    el(b).checkpoints.reverse();
    el(b).funding[0]!.amount = "1 000,5";
    el(b).metrics[0]!.values[0]!.plan = "11.0";
    expect(diffPrograms(a, b)).toEqual([]);
  });

  it("finds changes of structure, indicators, metrics, checkpoints and funding, with exact differences", () => {
    const a = program();
    const b = program();
    b.indicators[0]!.values[2]!.plan = "66.5";
    el(b).metrics[0]!.values[3]!.plan = "15";
    el(b).checkpoints[1]!.plannedDate = "2026-12-25";
    el(b).funding.find((f) => f.year === 2027 && f.source === "local")!.amount = "1500.75";
    b.directions[0]!.elements.push({ ...el(a), code: "1.2", name: "Новый комплекс", funding: [], metrics: [], checkpoints: [] });
    const changes = diffPrograms(a, b);
    const find = (path: string) => changes.find((c) => c.path === path);
    expect(find("indicators[И1].values[2027].plan")).toMatchObject({
      entity: "indicator",
      kind: "changed",
      before: "65",
      after: "66.5",
      delta: "1.5",
      year: 2027,
    });
    expect(find("directions[1].elements[1.1].metrics[П1].values[2028].plan")).toMatchObject({ before: "14", after: "15", delta: "1" });
    expect(find("directions[1].elements[1.1].checkpoints[1.1 / Работы приняты].plannedDate")).toMatchObject({
      before: "2026-12-20",
      after: "2026-12-25",
    });
    expect(find("directions[1].elements[1.1].funding[2027:local].amount")).toMatchObject({
      before: "1000.50",
      after: "1500.75",
      delta: "500.25",
    });
    expect(find("fundingTotals[2027:local].amount")).toMatchObject({ entity: "fundingTotal", delta: "500.25" });
    expect(find("directions[1].elements[1.2]")).toMatchObject({ entity: "element", kind: "added" });
    expect(diffSummary(changes).byEntity.element).toEqual({ added: 1, removed: 0, changed: 0 });
  });
});

describe("explanatory note", () => {
  it("says what changed in figures with the reason entered for each change, and lists those without one", () => {
    const a = program();
    const b = program();
    el(b).funding.find((f) => f.year === 2027 && f.source === "local")!.amount = "800.00";
    el(b).metrics[0]!.values[3]!.plan = "15";
    const changes = diffPrograms(a, b);
    const fundingPath = "directions[1].elements[1.1].funding[2027:local].amount";
    const note = explanatoryNote(
      changes,
      { [fundingPath]: "Уточнение решения о бюджете." },
      { programName: a.name, versionFrom: "1", versionTo: "2" },
    );
    const text = noteToText(note).replace(/\u00a0/g, " ");
    expect(note.title).toContain("Развитие образования");
    expect(text).toContain("уменьшен на 200,50 тыс. руб. (с 1 000,50 до 800,00 тыс. руб.)");
    expect(text).toContain("Причина: Уточнение решения о бюджете.");
    // the total of the program takes the reason of the element's funding behind it
    expect(note.missingReasons).toEqual(["directions[1].elements[1.1].metrics[П1].values[2028].plan"]);
    expect(text).toContain(`изменено с 14 до 15 (+1). ${NO_REASON}.`);
  });
});

describe("rules of change on a draft amendment", () => {
  const today = "2026-05-15";

  it("refuses the plan of a past year and of an ended month (3.1.4), a renamed or moved past checkpoint (3.1.6), a locked year (6.16)", () => {
    const a = program();
    const b = program();
    el(b).metrics[0]!.values[0]!.plan = "12"; // 2025: past
    el(b).metrics[0]!.months[0]!.plan = "4"; // March 2026: ended
    el(b).metrics[0]!.months[2]!.plan = "10"; // September 2026: ahead, allowed
    el(b).checkpoints[0]!.plannedDate = "2026-06-01"; // past checkpoint moved
    el(b).checkpoints[1]!.plannedDate = "2026-12-25"; // future: allowed
    b.indicators[0]!.values[3]!.plan = "75"; // 2028: allowed
    const v = checkAmendment(a, b, today, []);
    expect(v.map((x) => [x.rule, x.path])).toEqual([
      ["220-п 3.1.4", "directions[1].elements[1.1].metrics[П1].values[2025].plan"],
      ["220-п 3.1.4", "directions[1].elements[1.1].metrics[П1].months[2026-03].plan"],
      ["220-п 3.1.6", "directions[1].elements[1.1].checkpoints[1.1 / Контракт заключен].plannedDate"],
    ]);
    expect(v[0]!.message).toContain("(220-п, п. 3.1.4)");
    const err = amendmentError(a, b, today, []);
    expect(err).toBeInstanceOf(RuleError);
    expect(err!.rule).toBe("220-п 3.1.4, 220-п 3.1.6");
    expect(err!.issues).toHaveLength(3);

    const locked = program();
    el(locked).funding.find((f) => f.year === 2026 && f.source === "local")!.amount = "1.00";
    expect(checkAmendment(a, locked, today, [2026]).map((x) => x.rule)).toEqual(["220-п 6.16"]);
    expect(amendmentError(a, program(), today, [2026])).toBeNull();
  });

  it("lets the reporting year be refined until 1 April (4.16), not after", () => {
    const a = program();
    const b = program();
    b.indicators[0]!.values[0]!.plan = "56"; // 2025
    expect(checkAmendment(a, b, "2026-04-01", [])).toEqual([]);
    expect(checkAmendment(a, b, "2026-04-02", []).map((x) => x.rule)).toEqual(["220-п 4.16"]);
  });
});

describe("rules of change on one stored row", () => {
  const today = "2026-05-15";
  const mv = (year: number, plan: string | null, fact: string | null = null) => ({ year, plan, fact });

  it("refuses changing, setting or deleting a metric's plan of a past year (3.1.4) but lets facts in", () => {
    const e = rowChangeError(
      { resource: "metricValue", before: mv(2025, "11"), after: mv(2025, "12"), label: "Число посетителей" },
      today,
      [],
    );
    expect(e).toBeInstanceOf(RuleError);
    expect(e!.rule).toBe("220-п 3.1.4");
    expect(e!.message).toContain("Число посетителей");
    expect(e!.message).toContain("за 2025 год");
    expect(e!.issues[0]!.path).toBe("plan");
    expect(rowChangeError({ resource: "metricValue", before: mv(2025, "11"), after: null }, today, [])!.message).toContain("удалить");
    expect(rowChangeError({ resource: "metricValue", before: null, after: mv(2024, "1") }, today, [])!.rule).toBe("220-п 3.1.4");
    expect(rowChangeError({ resource: "metricValue", before: mv(2025, "11"), after: mv(2025, "11.00", "10") }, today, [])).toBeNull();
    expect(rowChangeError({ resource: "metricValue", before: mv(2026, "12"), after: mv(2026, "13") }, today, [])).toBeNull();
    // moving a value from a past year to a future one removes the past plan
    expect(rowChangeError({ resource: "metricValue", before: mv(2025, "11"), after: mv(2027, "11") }, today, [])!.rule).toBe("220-п 3.1.4");
  });

  it("refuses the plan of a month that has ended (3.1.4)", () => {
    const m = (month: number, plan: string) => ({ year: 2026, month, plan, fact: null, forecast: null });
    expect(rowChangeError({ resource: "metricMonth", before: m(4, "3"), after: m(4, "4") }, today, [])!.message).toContain(
      "на конец апреля 2026 года",
    );
    expect(rowChangeError({ resource: "metricMonth", before: m(5, "3"), after: m(5, "4") }, today, [])).toBeNull();
  });

  it("refuses indicator plans and funding of past years (4.16) after 1 April", () => {
    const f = (year: number, amount: string) => ({ year, source: "local", amount });
    expect(rowChangeError({ resource: "funding", before: f(2025, "1.00"), after: f(2025, "2.00") }, today, [])!.rule).toBe("220-п 4.16");
    expect(rowChangeError({ resource: "funding", before: f(2025, "1.00"), after: f(2025, "2.00") }, "2026-03-31", [])).toBeNull();
    expect(rowChangeError({ resource: "funding", before: f(2024, "1.00"), after: f(2024, "2.00") }, "2026-03-31", [])!.rule).toBe(
      "220-п 4.16",
    );
    expect(rowChangeError({ resource: "programIndicatorValue", before: mv(2025, "55"), after: mv(2025, "56") }, today, [])!.rule).toBe(
      "220-п 4.16",
    );
  });

  it("keeps the name and date of a past checkpoint and refuses backdating (3.1.6)", () => {
    const cp = (name: string, plannedDate: string, actualDate: string | null = null) => ({ name, plannedDate, actualDate });
    const past = cp("Контракт заключен", "2026-03-20");
    expect(
      rowChangeError({ resource: "checkpoint", before: past, after: cp("Контракт подписан", "2026-03-20") }, today, [])!.issues[0]!.path,
    ).toBe("name");
    expect(rowChangeError({ resource: "checkpoint", before: past, after: cp("Контракт заключен", "2026-06-20") }, today, [])!.rule).toBe(
      "220-п 3.1.6",
    );
    expect(rowChangeError({ resource: "checkpoint", before: past, after: null }, today, [])!.message).toContain("удалить");
    // the actual date of a past checkpoint is a fact: monitoring enters it
    expect(
      rowChangeError({ resource: "checkpoint", before: past, after: cp("Контракт заключен", "2026-03-20", "2026-03-19") }, today, []),
    ).toBeNull();
    expect(
      rowChangeError({ resource: "checkpoint", before: null, after: cp("Задним числом", "2026-05-01") }, today, [])!.message,
    ).toContain("задним числом");
    expect(
      rowChangeError(
        { resource: "checkpoint", before: cp("Будущая", "2026-09-01"), after: cp("Будущая (уточнено)", "2026-10-01") },
        today,
        [],
      ),
    ).toBeNull();
  });

  it("locks every value of a year whose annual report has its conclusions (6.16)", () => {
    const e = rowChangeError({ resource: "metricValue", before: mv(2025, "11", null), after: mv(2025, "11", "12") }, today, [2025]);
    expect(e!.rule).toBe("220-п 6.16");
    expect(e!.message).toContain("заключения по годовому отчету за 2025 год получены");
    expect(
      rowChangeViolations(
        { resource: "budgetExecution", before: null, after: { year: 2025, quarter: 4, source: "local", schedule: "1", cash: "1" } },
        today,
        [2025],
      ),
    ).toHaveLength(1);
    expect(rowChangeError({ resource: "metricValue", before: mv(2026, "12"), after: mv(2026, "12", "5") }, today, [2025])).toBeNull();
    // rows the rules do not look at
    expect(rowChangeError({ resource: "direction", before: { name: "a" }, after: { name: "b" } }, today, [2025])).toBeNull();
  });
});
