/**
 * 220-п 6.14 tracked: «в течение 2 дней после получения заключения управления финансов направляет
 * годовой отчет в управление экономики». The deadline appears with the finance department's
 * conclusion and is closed by the executor's step `sendToEconomy` (or, failing it, by the economy
 * department's conclusion, which shows the report arrived). Dates on the Russian calendar of 2026.
 */
import { describe, expect, it } from "vitest";
import { RU_CALENDAR as RU } from "../src/calendar/index.ts";
import { KALUGA_220P_DEADLINES } from "../src/deadlines/index.ts";
import { planSubmission } from "../src/monitoring/submissions.ts";
import { programDeadlines, type ProgramFacts } from "../src/monitoring/tracking.ts";
import { RuleError } from "../src/errors.ts";

const program = (report: Partial<ProgramFacts["reports"][string]> | null): ProgramFacts => ({
  id: "p1",
  code: "МП-1",
  responsibleDepartmentId: "dep-exec",
  startYear: 2024,
  endYear: 2030,
  inForceFrom: "2024-12-01",
  directions: [],
  reports: report
    ? {
        "2025:annual": {
          state: "financeReviewed",
          reachedOn: { compiled: "2026-02-10", submitted: "2026-02-13", financeReviewed: "2026-03-05" },
          directions: {},
          ...report,
        },
      }
    : {},
  financeData: {},
});
const toEconomy = (p: ProgramFacts, today: string) =>
  programDeadlines(p, KALUGA_220P_DEADLINES, RU, 2025, today).items.find((i) => i.ruleId === "review.annual.toEconomy");

describe("220-п п. 6.14: the annual report to the economy department within 2 days of the finance conclusion", () => {
  it("no finance conclusion yet: nothing is due", () => {
    expect(toEconomy(program({ state: "submitted", reachedOn: { submitted: "2026-02-13" } }), "2026-03-01")).toBeUndefined();
  });

  it("the conclusion of Thu 05.03.2026: due Tue 10.03.2026 (7–9 March are days off), the executor's", () => {
    expect(toEconomy(program({}), "2026-03-06")).toMatchObject({
      clause: "220-п п. 6.14",
      actor: "executor",
      departmentId: "dep-exec",
      due: "2026-03-10",
      state: "upcoming",
      doneOn: null,
    });
  });

  it("closed by the step sendToEconomy; overdue without it; the economy's later conclusion closes it late", () => {
    expect(toEconomy(program({ sentToEconomyOn: "2026-03-06" }), "2026-03-11")).toMatchObject({ state: "done", doneOn: "2026-03-06" });
    expect(toEconomy(program({}), "2026-03-11")!.state).toBe("overdue");
    const concluded = program({ state: "controlled", reachedOn: { financeReviewed: "2026-03-05", controlled: "2026-03-12" } });
    expect(toEconomy(concluded, "2026-03-13")).toMatchObject({ state: "doneLate", doneOn: "2026-03-12" });
    // a sending before the (latest) finance conclusion does not count
    expect(toEconomy(program({ sentToEconomyOn: "2026-03-01" }), "2026-03-11")!.state).toBe("overdue");
  });

  it("the step exists only for an annual report after the finance conclusion", () => {
    expect(planSubmission({ action: "sendToEconomy", period: "annual", programState: "financeReviewed" })).toMatchObject({
      step: "compile",
      programState: "financeReviewed",
      locks: false,
    });
    expect(() => planSubmission({ action: "sendToEconomy", period: "annual", programState: "submitted" })).toThrow(RuleError);
    expect(() => planSubmission({ action: "sendToEconomy", period: "Q1", programState: "submitted" })).toThrow(/6\.14|годовой/);
  });
});
