import { describe, expect, it } from "vitest";
import {
  contentDateOf,
  documentOfYear,
  programReportFromDocument,
  versionForYear,
  versionInForceOn,
  withRecordOfExecution,
  type ApprovedVersion,
  type ProgramDocument,
} from "../src/index.ts";

const doc = (plan: string, fact: string | null, startYear = 2025, endYear = 2030): ProgramDocument => ({
  code: "MP-1",
  name: "Программа",
  responsibleExecutor: "Управление",
  coExecutors: [],
  startYear,
  endYear,
  goals: [],
  stages: [],
  indicators: [{ code: "И1", name: "Индикатор", unit: "%", trend: "increase", baseYear: 2024, values: [{ year: 2025, plan, fact }] }],
  directions: [
    {
      code: "1",
      name: "Направление",
      coExecutor: "Управление",
      budgetExecution: [{ year: 2025, quarter: 4, source: "local", schedule: "100.00", cash: fact === null ? "0.00" : "90.00" }],
      elements: [
        {
          code: "1.1",
          name: "Элемент",
          kind: "process",
          tasks: [],
          funding: [],
          metrics: [
            {
              code: "П1",
              name: "Показатель",
              unit: "ед.",
              trend: "increase",
              level: "МП",
              values: [{ year: 2025, plan, fact }],
              months: [],
            },
          ],
          checkpoints: [{ name: "КТ", plannedDate: "2025-06-01", actualDate: fact === null ? null : "2025-05-30" }],
        },
      ],
    },
  ],
});

const v = (number: number, decreeDate: string, d: ProgramDocument): ApprovedVersion => ({
  number,
  decreeNumber: `${number}-п`,
  decreeDate,
  document: d,
});

describe("the version in force (approval takes effect on the date of its decree)", () => {
  const versions = [v(1, "2024-11-08", doc("10", null)), v(2, "2026-03-01", doc("20", null)), v(3, "2026-03-01", doc("30", null))];

  it("is the last approved on or before the date; none before the first decree", () => {
    expect(versionInForceOn(versions, "2024-11-07")).toBeNull();
    expect(versionInForceOn(versions, "2024-11-08")!.number).toBe(1);
    expect(versionInForceOn(versions, "2025-12-31")!.number).toBe(1);
    expect(versionInForceOn(versions, "2026-03-01")!.number).toBe(3);
  });

  it("a year is evaluated on the content as of 31 December: an amendment approved later does not rewrite it", () => {
    expect(contentDateOf(2025, "2026-04-15")).toBe("2025-12-31");
    expect(contentDateOf(2026, "2026-04-15")).toBe("2026-04-15");
    expect(versionForYear(versions, 2025, "2026-12-03")!.number).toBe(1);
    expect(versionForYear(versions, 2026, "2026-12-03")!.number).toBe(3);
  });

  it("a program not yet approved, or a year outside the period of the version in force, is not in force", () => {
    expect(versionForYear([], 2025, "2025-12-31")).toBeNull();
    expect(versionForYear([v(1, "2026-12-01", doc("1", null, 2026, 2031))], 2025, "2025-12-31")).toBeNull();
    expect(versionForYear([v(1, "2025-12-01", doc("1", null, 2026, 2031))], 2025, "2025-12-31")).toBeNull();
    expect(versionForYear([v(1, "2025-12-01", doc("1", null, 2026, 2031))], 2026, "2026-12-31")!.number).toBe(1);
  });
});

describe("content of the version in force with the record of execution as reported", () => {
  it("takes plans from the snapshot and facts, checkpoints' dates and cash from the live rows", () => {
    const merged = withRecordOfExecution(doc("10", null), doc("99", "8"));
    expect(merged.indicators[0]!.values).toEqual([{ year: 2025, plan: "10", fact: "8", justification: null }]);
    const e = merged.directions[0]!.elements[0]!;
    expect(e.metrics[0]!.values[0]).toMatchObject({ plan: "10", fact: "8" });
    expect(e.checkpoints[0]).toMatchObject({ plannedDate: "2025-06-01", actualDate: "2025-05-30" });
    expect(merged.directions[0]!.budgetExecution![0]!.cash).toBe("90.00");
  });

  it("an item the live rows no longer have keeps the snapshot's facts; a live item not in the content is not evaluated", () => {
    const live = doc("10", "7");
    live.indicators[0]!.code = "И2";
    live.directions[0]!.elements[0]!.metrics.push({
      code: "П9",
      name: "Новый",
      unit: "ед.",
      trend: "increase",
      level: "МП",
      values: [{ year: 2025, plan: "1", fact: "1" }],
      months: [],
    });
    const merged = withRecordOfExecution(doc("10", "5"), live);
    expect(merged.indicators[0]!.values[0]!.fact).toBe("5");
    expect(merged.directions[0]!.elements[0]!.metrics.map((m) => m.code)).toEqual(["П1"]);
    expect(merged.directions[0]!.elements[0]!.metrics[0]!.values[0]!.fact).toBe("7");
  });
});

describe("a document's part of one year (what a year's ranking merges and sends to a worker)", () => {
  /** The one-year document with 2024 and 2026 added: values, monthly plans, checkpoints, budget rows, funding. */
  const threeYears = (): ProgramDocument => {
    const d = doc("100", "80");
    const ind = d.indicators[0]!;
    ind.values = [{ year: 2024, plan: "90", fact: "95" }, ...ind.values, { year: 2026, plan: "110", fact: null }];
    const dir = d.directions[0]!;
    dir.budgetExecution = [
      { year: 2024, quarter: 4, source: "local", schedule: "70.00", cash: "70.00" },
      ...dir.budgetExecution!,
      { year: 2026, quarter: 1, source: "local", schedule: "50.00", cash: "5.00" },
    ];
    const el = dir.elements[0]!;
    el.funding = [2024, 2025, 2026].map((year) => ({ year, source: "local", amount: "100.00" }));
    const m = el.metrics[0]!;
    m.values = [{ year: 2024, plan: "1", fact: "1" }, ...m.values, { year: 2026, plan: "120", fact: null }];
    m.months = [2024, 2025, 2026].flatMap((year) => [6, 12].map((month) => ({ year, month, plan: "50", fact: year < 2026 ? "40" : null })));
    el.checkpoints = [
      { name: "КТ", plannedDate: "2024-06-01", actualDate: null },
      ...el.checkpoints,
      { name: "КТ", plannedDate: "2026-06-01", actualDate: null },
    ];
    return d;
  };

  it("keeps only the year's rows, and the year's report is the same as the whole document's", () => {
    const d = threeYears();
    const y = documentOfYear(d, 2025);
    const el = y.directions[0]!.elements[0]!;
    expect(y.indicators[0]!.values.map((v) => v.year)).toEqual([2025]);
    expect(el.metrics[0]!.values.map((v) => v.year)).toEqual([2025]);
    expect(el.metrics[0]!.months.map((v) => `${v.year}-${v.month}`)).toEqual(["2025-6", "2025-12"]);
    expect(el.checkpoints.map((c) => c.plannedDate)).toEqual(["2025-06-01"]);
    expect(el.funding.map((f) => f.year)).toEqual([2025]);
    expect(y.directions[0]!.budgetExecution!.map((b) => b.year)).toEqual([2025]);
    for (const asOf of ["2025-07-15", "2025-12-31", "2026-03-01"])
      expect(programReportFromDocument(y, 2025, asOf)).toEqual(programReportFromDocument(d, 2025, asOf));
    // without monthly plans (a whole year's report never reads them)
    expect(documentOfYear(d, 2025, { months: false }).directions[0]!.elements[0]!.metrics[0]!.months).toEqual([]);
    expect(programReportFromDocument(documentOfYear(d, 2025, { months: false }), 2025, "2025-12-31")).toEqual(
      programReportFromDocument(d, 2025, "2025-12-31"),
    );
    // the document itself is unchanged
    expect(d.indicators[0]!.values).toHaveLength(3);
  });

  it("keeps a schedule of other years when none is of the year (the former quarterly shape is not read instead)", () => {
    const d = threeYears();
    d.directions[0]!.budgetSchedule = [{ year: 2024, source: "local", amount: "70.00", effectiveDate: "2024-01-01" }];
    expect(documentOfYear(d, 2025).directions[0]!.budgetSchedule).toHaveLength(1);
    expect(programReportFromDocument(documentOfYear(d, 2025), 2025, "2025-12-31")).toEqual(
      programReportFromDocument(d, 2025, "2025-12-31"),
    );
    d.directions[0]!.budgetSchedule.push({ year: 2025, source: "local", amount: "100.00", effectiveDate: "2025-01-01" });
    expect(documentOfYear(d, 2025).directions[0]!.budgetSchedule!.map((s) => s.year)).toEqual([2025]);
  });
});
