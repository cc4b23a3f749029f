import { describe, expect, it } from "vitest";
import { RuleError, ValidationError } from "../src/errors.ts";
import { RU_CALENDAR as RU } from "../src/calendar/index.ts";
import { KALUGA_220P_DEADLINES } from "../src/deadlines/index.ts";
import { authorize, type Actor } from "../src/policies/permissions.ts";
import {
  cashOrderIssues,
  directionQuarterBudget,
  executionRate,
  holderQuarterBudget,
  quarterBudget,
  reconcileSchedule,
  scheduleEntryInForce,
  scheduleEntryIssues,
  scheduleInForce,
  splitQuarterlyBudget,
  type BudgetScheduleEntry,
  type CashRow,
  FILE_TYPES,
  availableSubmissionActions,
  checkUpload,
  cleanFilename,
  compareDecimal,
  coveringLock,
  ensureNotLocked,
  fallsShort,
  missingJustifications,
  offPlan,
  planSubmission,
  programDeadlines,
  reminderDue,
  sniffFileType,
  stepOf,
  trackingOf,
  type ProgramFacts,
  type SubmissionAction,
} from "../src/monitoring/index.ts";

describe("submission state machine", () => {
  const run = (period: "Q1" | "annual", steps: [SubmissionAction, string, string?][]) => {
    let ps: any = "open";
    let ds: any = "draft";
    for (const [action, wantProgram, wantDirection] of steps) {
      const isDir = action.endsWith("Direction");
      const out = planSubmission({
        action,
        period,
        programState: ps,
        directionState: isDir ? ds : undefined,
        directionStates: [ds],
        comment: "замечания",
        conclusion: "заключение",
      });
      expect(out.programState, action).toBe(wantProgram);
      if (wantDirection) expect(out.directionState, action).toBe(wantDirection);
      ps = out.programState;
      if (out.directionState) ds = out.directionState;
    }
    return ps;
  };

  it("runs a quarter: submit, return, resubmit, accept, compile, submit, control (locks)", () => {
    expect(
      run("Q1", [
        ["submitDirection", "open", "submitted"],
        ["returnDirection", "open", "returned"],
        ["submitDirection", "open", "submitted"],
        ["acceptDirection", "open", "accepted"],
        ["compile", "compiled"],
        ["submit", "submitted"],
        ["return", "compiled"],
        ["submit", "submitted"],
        ["control", "controlled"],
      ]),
    ).toBe("controlled");
    expect(planSubmission({ action: "control", period: "Q2", programState: "submitted", conclusion: "ok" }).locks).toBe(true);
  });

  it("runs the annual report through the finance review before the economy's conclusion", () => {
    expect(
      run("annual", [
        ["submitDirection", "open", "submitted"],
        ["acceptDirection", "open", "accepted"],
        ["compile", "compiled"],
        ["submit", "submitted"],
        ["financeReview", "financeReviewed"],
        ["control", "controlled"],
      ]),
    ).toBe("controlled");
    expect(() => planSubmission({ action: "control", period: "annual", programState: "submitted", conclusion: "x" })).toThrow(RuleError);
    expect(() => planSubmission({ action: "financeReview", period: "Q1", programState: "submitted", conclusion: "x" })).toThrow(
      /только годовой отчет/,
    );
  });

  it("refuses steps out of order and asks for comments and conclusions", () => {
    expect(() =>
      planSubmission({ action: "compile", period: "Q1", programState: "open", directionStates: ["accepted", "submitted"] }),
    ).toThrow(/1 из 2/);
    expect(() => planSubmission({ action: "submitDirection", period: "Q1", programState: "compiled", directionState: "accepted" })).toThrow(
      RuleError,
    );
    expect(() => planSubmission({ action: "acceptDirection", period: "Q1", programState: "open", directionState: "draft" })).toThrow(
      RuleError,
    );
    expect(() =>
      planSubmission({ action: "returnDirection", period: "Q1", programState: "open", directionState: "submitted", comment: "  " }),
    ).toThrow(ValidationError);
    expect(() => planSubmission({ action: "control", period: "Q1", programState: "submitted", conclusion: "" })).toThrow(ValidationError);
    expect(() => planSubmission({ action: "submit", period: "Q1", programState: "open" })).toThrow(RuleError);
    expect(() => planSubmission({ action: "submitDirection", period: "Q1", programState: "open" })).toThrow(ValidationError);
    // a returned direction of a compiled report re-opens it
    expect(
      planSubmission({ action: "returnDirection", period: "Q1", programState: "compiled", directionState: "accepted", comment: "x" })
        .programState,
    ).toBe("open");
  });

  it("names the step each action is, for permissions", () => {
    expect(stepOf("return", "annual", "submitted")).toBe("financeReview");
    expect(stepOf("return", "annual", "financeReviewed")).toBe("economyReview");
    expect(stepOf("return", "Q2", "submitted")).toBe("economyReview");
    expect(stepOf("acceptDirection", "Q1", "open")).toBe("reviewDirection");
    expect(availableSubmissionActions("Q1", "submitted")).toEqual(["return", "control"]);
    expect(availableSubmissionActions("Q1", "open", "returned")).toEqual(["submitDirection"]);
  });
});

describe("who may take each step", () => {
  const M = "m1";
  const actor = (role: Actor["role"], departmentId: string | null = null): Actor => ({
    userId: `u-${role}`,
    login: role,
    municipalityId: M,
    role,
    departmentId,
  });
  const target = (step: any) => ({
    area: "monitoring" as const,
    municipalityId: M,
    step,
    responsibleDepartmentId: "exec",
    directionCoExecutorId: "co",
  });
  const may = (a: Actor, step: any) => authorize(a, "update", target(step)).allowed;

  it("co-executor submits its own direction; executor reviews and compiles its own program; finance and economy review", () => {
    expect(may(actor("coexecutor", "co"), "submitDirection")).toBe(true);
    expect(may(actor("coexecutor", "other"), "submitDirection")).toBe(false);
    expect(may(actor("executor", "co"), "submitDirection")).toBe(true); // a department that is co-executor of the direction
    expect(may(actor("executor", "exec"), "submitDirection")).toBe(false);
    expect(may(actor("executor", "exec"), "reviewDirection")).toBe(true);
    expect(may(actor("executor", "exec"), "compile")).toBe(true);
    expect(may(actor("executor", "other"), "compile")).toBe(false);
    expect(may(actor("coexecutor", "exec"), "compile")).toBe(false);
    expect(may(actor("finance"), "financeReview")).toBe(true);
    expect(may(actor("finance"), "economyReview")).toBe(false);
    expect(may(actor("economy"), "economyReview")).toBe(true);
    expect(may(actor("economy"), "compile")).toBe(false);
    for (const role of ["head", "viewer", "audit"] as const) {
      for (const step of ["submitDirection", "reviewDirection", "compile", "financeReview", "economyReview"])
        expect(may(actor(role), step), `${role} ${step}`).toBe(false);
    }
    for (const step of ["submitDirection", "reviewDirection", "compile", "financeReview", "economyReview", "settings"])
      expect(may(actor("admin"), step)).toBe(true);
  });

  it("reading is open, settings are the administrator's, e-mail is one's own, nothing across municipalities", () => {
    expect(authorize(actor("viewer"), "read", { area: "monitoring", municipalityId: M }).allowed).toBe(true);
    expect(authorize(actor("viewer"), "update", { area: "monitoring", municipalityId: M }).allowed).toBe(false);
    expect(may(actor("economy"), "settings")).toBe(false);
    expect(
      authorize(actor("viewer"), "update", { area: "monitoring", municipalityId: M, step: "email", subjectUserId: "u-viewer" }).allowed,
    ).toBe(true);
    expect(
      authorize(actor("viewer"), "update", { area: "monitoring", municipalityId: M, step: "email", subjectUserId: "someone" }).allowed,
    ).toBe(false);
    // another user's address is part of their account: the administrator sets it only for an account of this municipality alone
    expect(
      authorize(actor("admin"), "update", {
        area: "monitoring",
        municipalityId: M,
        step: "email",
        subjectUserId: "someone",
        subjectAccount: "local",
      }).allowed,
    ).toBe(true);
    expect(
      authorize(actor("admin"), "update", {
        area: "monitoring",
        municipalityId: M,
        step: "email",
        subjectUserId: "someone",
        subjectAccount: "shared",
      }).allowed,
    ).toBe(false);
    expect(
      authorize(actor("admin"), "update", { area: "monitoring", municipalityId: M, step: "email", subjectUserId: "someone" }).allowed,
    ).toBe(false);
    expect(authorize(actor("admin"), "update", { ...target("compile"), municipalityId: "m2" }).allowed).toBe(false);
  });
});

describe("deviations and justifications", () => {
  it("compares decimals exactly", () => {
    expect(compareDecimal("0.1", "0.10")).toBe(0);
    expect(compareDecimal("10", "9.999999999999999999")).toBe(1);
    expect(compareDecimal("-1.5", "-1.25")).toBe(-1);
    expect(compareDecimal("1,5", "1.5")).toBe(0);
    expect(() => compareDecimal("abc", "1")).toThrow(RangeError);
  });

  it("falls short by the desired trend", () => {
    expect(fallsShort("increase", "10", "9.99")).toBe(true);
    expect(fallsShort("increase", "10", "10")).toBe(false);
    expect(fallsShort("decrease", "10", "10.01")).toBe(true);
    expect(fallsShort("decrease", "10", "9")).toBe(false);
  });

  it("asks for a justification of each value short of plan, citing 6.12", () => {
    const issues = missingJustifications([
      { path: "a", what: "Показатель А", trend: "increase", plan: "10", fact: "8", justification: null, kind: "metric" },
      { path: "b", what: "Показатель Б", trend: "increase", plan: "10", fact: "8", justification: "Погода", kind: "metric" },
      { path: "c", what: "Индикатор В", trend: "decrease", plan: "5", fact: "6", justification: "  ", kind: "indicator" },
      { path: "d", what: "Показатель Г", trend: "increase", plan: "10", fact: null, justification: null, kind: "metric" },
      { path: "e", what: "Показатель Д", trend: "increase", plan: "10", fact: "12", justification: null, kind: "metric" },
    ]);
    expect(issues.map((i) => [i.path, i.rule])).toEqual([
      ["a", "220-п п. 6.12.2"],
      ["c", "220-п п. 6.12.1"],
    ]);
    expect(issues[0]!.message).toMatch(/ниже плана 10/);
    expect(issues[1]!.message).toMatch(/выше плана 5/);
  });

  it('writes the numbers of the message as people read them, not as stored ("19.0")', () => {
    const [issue] = missingJustifications([
      { path: "a", what: "Показатель А", trend: "increase", plan: "25000.50", fact: "19.0", justification: null, kind: "metric" },
    ]);
    expect(issue!.message).toContain("факт 19 ниже плана 25\u00a0000,5 —");
    expect(issue!.messageEn).toContain("fact 19 falls short of plan 25,000.5;");
  });

  it("finds values off plan beyond a threshold either way", () => {
    expect(offPlan("increase", "100", "85", 10)).toEqual({ deviationPercent: -15, unfavourable: true });
    expect(offPlan("increase", "100", "95", 10)).toBeNull();
    expect(offPlan("decrease", "100", "120", 10)).toEqual({ deviationPercent: 20, unfavourable: true });
    expect(offPlan("increase", "0", "3", 10)).toEqual({ deviationPercent: null, unfavourable: false });
  });
});

describe("period locks (220-п 6.16)", () => {
  const q1 = { year: 2026, period: "Q1" as const };
  const annual = { year: 2025, period: "annual" as const };

  it("a quarter's lock covers the year's months up to its end; the annual lock the whole year", () => {
    expect(coveringLock("metricMonth", { year: 2026, month: 3 }, [q1])).toEqual(q1);
    expect(coveringLock("metricMonth", { year: 2026, month: 4 }, [q1])).toBeNull();
    expect(coveringLock("metricValue", { year: 2026 }, [q1])).toBeNull();
    expect(coveringLock("budgetExecution", { year: 2026, quarter: 1 }, [q1])).toEqual(q1);
    expect(coveringLock("budgetExecution", { year: 2026, quarter: 2 }, [q1])).toBeNull();
    expect(coveringLock("checkpoint", { plannedDate: "2026-03-31" }, [q1])).toEqual(q1);
    expect(coveringLock("checkpoint", { plannedDate: "2026-04-01" }, [q1])).toBeNull();
    for (const [res, row] of [
      ["metricValue", { year: 2025 }],
      ["programIndicatorValue", { year: 2025 }],
      ["funding", { year: 2025 }],
      ["metricMonth", { year: 2025, month: 12 }],
    ] as const) {
      expect(coveringLock(res, row, [annual]), res).toEqual(annual);
    }
    expect(coveringLock("metric", { year: 2025 }, [annual])).toBeNull();
  });

  it("refuses a change into or out of a locked period with the rule cited", () => {
    expect(() => ensureNotLocked("metricMonth", "Помесячный план", { year: 2026, month: 5 }, { year: 2026, month: 6 }, [q1])).not.toThrow();
    try {
      ensureNotLocked("metricMonth", "Помесячный план", { year: 2026, month: 5 }, { year: 2026, month: 2 }, [q1]);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(RuleError);
      expect((e as RuleError).rule).toBe("220-п п. 6.16");
      expect((e as Error).message).toMatch(/мониторинг за I квартал 2026 года закрыт.*6\.16/);
    }
    expect(() => ensureNotLocked("metricMonth", "x", { year: 2026, month: 1 }, null, [q1])).toThrow(RuleError);
  });
});

/** A minimal ZIP archive (stored entries) with the given entry names. */
function zip(names: string[]): Uint8Array {
  const enc = new TextEncoder();
  const local: number[] = [];
  const central: number[] = [];
  const u16 = (a: number[], v: number) => a.push(v & 0xff, (v >> 8) & 0xff);
  const u32 = (a: number[], v: number) => a.push(v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff, (v >>> 24) & 0xff);
  for (const n of names) {
    const name = [...enc.encode(n)];
    const offset = local.length;
    u32(local, 0x04034b50);
    u16(local, 20);
    u16(local, 0);
    u16(local, 0);
    u16(local, 0);
    u16(local, 0);
    u32(local, 0);
    u32(local, 0);
    u32(local, 0);
    u16(local, name.length);
    u16(local, 0);
    local.push(...name);
    u32(central, 0x02014b50);
    u16(central, 20);
    u16(central, 20);
    u16(central, 0);
    u16(central, 0);
    u16(central, 0);
    u16(central, 0);
    u32(central, 0);
    u32(central, 0);
    u32(central, 0);
    u16(central, name.length);
    u16(central, 0);
    u16(central, 0);
    u16(central, 0);
    u16(central, 0);
    u32(central, 0);
    u32(central, offset);
    central.push(...name);
  }
  const end: number[] = [];
  u32(end, 0x06054b50);
  u16(end, 0);
  u16(end, 0);
  u16(end, names.length);
  u16(end, names.length);
  u32(end, central.length);
  u32(end, local.length);
  u16(end, 0);
  return new Uint8Array([...local, ...central, ...end]);
}

describe("uploaded files", () => {
  const bytes = (s: string | number[]) => (typeof s === "string" ? new TextEncoder().encode(s) : new Uint8Array(s));
  it("tells the type by magic bytes", () => {
    expect(sniffFileType(bytes("%PDF-1.7\n..."))).toBe(FILE_TYPES.pdf);
    expect(sniffFileType(bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]))).toBe(FILE_TYPES.png);
    expect(sniffFileType(bytes([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]))).toBe(FILE_TYPES.jpeg);
    expect(sniffFileType(zip(["[Content_Types].xml", "_rels/.rels", "word/document.xml"]))).toBe(FILE_TYPES.docx);
    expect(sniffFileType(zip(["[Content_Types].xml", "xl/workbook.xml", "xl/worksheets/sheet1.xml"]))).toBe(FILE_TYPES.xlsx);
    expect(sniffFileType(zip(["readme.txt"]))).toBeNull(); // a plain ZIP is not a document
    expect(sniffFileType(bytes("MZ\x90\x00 an executable"))).toBeNull();
    expect(sniffFileType(bytes("<html>%PDF-</html>"))).toBeNull();
  });

  it("checks size and type; cleans the name", () => {
    expect(checkUpload(bytes(""))).toMatchObject({ issues: [{ path: "content", message: "Файл пуст" }] });
    expect(checkUpload(bytes("%PDF-1.4 0123456789"), 10)).toMatchObject({ issues: [{ path: "content" }] });
    expect(checkUpload(bytes("GIF89a"))).toMatchObject({ issues: [{ message: expect.stringMatching(/PDF, DOCX, XLSX, PNG, JPEG/) }] });
    expect(checkUpload(bytes("%PDF-1.4"))).toEqual({ type: FILE_TYPES.pdf });
    expect(cleanFilename("C:\\Users\\x\\акт приемки.pdf", FILE_TYPES.pdf)).toBe("акт приемки.pdf");
    expect(cleanFilename("../../etc/passwd", FILE_TYPES.pdf)).toBe("passwd");
    expect(cleanFilename("a\u0000b<c>.pdf", FILE_TYPES.pdf)).toBe("a_b_c_.pdf");
    expect(cleanFilename("", FILE_TYPES.png)).toBe("document.png");
    expect(cleanFilename(`${"я".repeat(300)}.docx`, FILE_TYPES.docx)).toHaveLength(255);
  });

  it("replaces exactly the C0 controls, DEL and the characters a file system refuses; C1 and the rest stay", () => {
    for (let c = 0; c <= 0xff; c++) {
      const ch = String.fromCharCode(c);
      const refused = c <= 0x1f || c === 0x7f || '"<>|:*?'.includes(ch);
      const folder = ch === "/" || ch === "\\";
      expect(cleanFilename(`a${ch}b.pdf`, FILE_TYPES.pdf), `U+${c.toString(16)}`).toBe(
        folder ? "b.pdf" : refused ? "a_b.pdf" : `a${ch}b.pdf`,
      );
    }
  });
});

describe("deadlines of a program's reports", () => {
  const program = (over: Partial<ProgramFacts> = {}): ProgramFacts => ({
    id: "p1",
    code: "MP-1",
    responsibleDepartmentId: "exec",
    startYear: 2024,
    endYear: 2030,
    inForceFrom: "2023-12-15",
    directions: [
      { id: "d1", code: "1", coExecutorDepartmentId: "co1" },
      { id: "d2", code: "2", coExecutorDepartmentId: "co2" },
    ],
    reports: {},
    financeData: {},
    ...over,
  });
  const find = (items: ReturnType<typeof programDeadlines>["items"], ruleId: string, period: string, directionId: string | null = null) =>
    items.find((i) => i.ruleId === ruleId && i.period === period && i.directionId === directionId)!;

  it("tracks the rules of 220-п that a program's report completes", () => {
    const tracked = KALUGA_220P_DEADLINES.filter((r) => trackingOf(r)).map((r) => r.id);
    expect(tracked).toEqual([
      "monitoring.finance",
      "monitoring.coexecutor",
      "monitoring.publication",
      "monitoring.control",
      "annual.coexecutor",
      "annual.report",
      "review.annual.finance",
      "review.annual.economy",
      // 220-п 6.14: closed by the executor's step sendToEconomy (deadlines-annual-to-economy.test.ts)
      "review.annual.toEconomy",
    ]);
  });

  it("Q3 2025: the 25 October Saturday moves to Monday; a co-executor per direction", () => {
    const { items } = programDeadlines(program(), KALUGA_220P_DEADLINES, RU, 2025, "2025-10-21");
    expect(find(items, "monitoring.publication", "Q3")).toMatchObject({
      nominal: "2025-10-25",
      due: "2025-10-27",
      departmentId: "exec",
      state: "upcoming",
    });
    expect(find(items, "monitoring.coexecutor", "Q3", "d2")).toMatchObject({
      due: "2025-10-20",
      departmentId: "co2",
      state: "overdue",
      workingDaysLeft: -1,
    });
    expect(find(items, "monitoring.finance", "Q1")).toMatchObject({ due: "2025-04-15", actor: "finance", state: "overdue" });
    expect(find(items, "annual.report", "annual")).toMatchObject({ due: "2026-02-16", state: "upcoming" }); // 15 Feb 2026 is a Sunday
    expect(items.some((i) => i.ruleId.startsWith("review."))).toBe(false); // no event yet
  });

  it("done by the submission states; review deadlines counted in working days across the May 2025 holidays and the working Saturday 1 Nov 2025", () => {
    const facts = program({
      reports: {
        "2024:annual": {
          state: "financeReviewed",
          reachedOn: { compiled: "2025-02-10", submitted: "2025-04-28", financeReviewed: "2025-10-20" },
          directions: { d1: { state: "accepted", submittedOn: "2025-02-04" }, d2: { state: "accepted", submittedOn: "2025-02-07" } },
        },
      },
      financeData: { "d1:2024:4": "2025-01-20", "d2:2024:4": "2025-01-21" },
    });
    const { items } = programDeadlines(facts, KALUGA_220P_DEADLINES, RU, 2024, "2025-10-22");
    // 10 working days after 28 April 2025: 29, 30 April, 5–7 May, 12–16 May (1–4 and 8–11 May are days off)
    expect(find(items, "review.annual.finance", "annual")).toMatchObject({ due: "2025-05-16", state: "doneLate", doneOn: "2025-10-20" });
    // 15 working days after 20 October 2025, counting Saturday 1 November and skipping 3–4 November
    expect(find(items, "review.annual.economy", "annual")).toMatchObject({ due: "2025-11-11", state: "upcoming" });
    expect(find(items, "annual.coexecutor", "annual", "d1")).toMatchObject({ due: "2025-02-05", state: "done" });
    expect(find(items, "annual.coexecutor", "annual", "d2")).toMatchObject({ state: "doneLate", workingDaysLeft: -2 });
    expect(find(items, "annual.report", "annual")).toMatchObject({ due: "2025-02-17", state: "doneLate" });
  });

  it("raises reporting deadlines only for a program in force, for the periods ending after its approval took effect", () => {
    // a draft (no approved version): no 220-п reporting deadline at all, however late in the year
    expect(programDeadlines(program({ inForceFrom: null }), KALUGA_220P_DEADLINES, RU, 2025, "2025-12-20").items).toEqual([]);
    // approved on 10 May 2025: Q1 is not reported; Q2, Q3 and the annual report are
    const { items } = programDeadlines(program({ inForceFrom: "2025-05-10" }), KALUGA_220P_DEADLINES, RU, 2025, "2025-12-20");
    expect(new Set(items.map((i) => i.period))).toEqual(new Set(["Q2", "Q3", "annual"]));
    // approved on the last day of a quarter: that quarter is reported
    const last = programDeadlines(program({ inForceFrom: "2025-06-30" }), KALUGA_220P_DEADLINES, RU, 2025, "2025-12-20").items;
    expect(last.some((i) => i.period === "Q2")).toBe(true);
    expect(last.some((i) => i.period === "Q1")).toBe(false);
    // approved after the year: nothing of that year
    expect(programDeadlines(program({ inForceFrom: "2026-01-01" }), KALUGA_220P_DEADLINES, RU, 2025, "2026-03-20").items).toEqual([]);
  });

  it("reminds before, on the day and once overdue, on working days", () => {
    const item = { due: "2025-10-31", state: "upcoming" as const };
    expect(reminderDue(item, "2025-10-27", RU, 3)).toBeNull();
    expect(reminderDue(item, "2025-10-28", RU, 3)).toEqual({ kind: "before", date: "2025-10-28" });
    expect(reminderDue(item, "2025-10-30", RU, 3)).toEqual({ kind: "before", date: "2025-10-28" });
    expect(reminderDue({ ...item, state: "dueToday" }, "2025-10-31", RU, 3)).toEqual({ kind: "due", date: "2025-10-31" });
    // the first working day after Friday 31 October 2025 is the working Saturday 1 November
    expect(reminderDue({ ...item, state: "overdue" }, "2025-11-01", RU, 3)).toEqual({ kind: "overdue", date: "2025-11-01" });
    expect(reminderDue({ ...item, state: "overdue" }, "2025-11-20", RU, 3)).toEqual({ kind: "overdue", date: "2025-11-01" });
    expect(reminderDue({ ...item, state: "overdue" }, "2025-12-20", RU, 3)).toBeNull();
    expect(reminderDue({ ...item, state: "done" }, "2025-10-31", RU, 3)).toBeNull();
  });
});

describe("the budget schedule is annual; cash is cumulative; the rate is cash to date / the schedule in force at the quarter's end", () => {
  const entries: BudgetScheduleEntry[] = [
    { year: 2026, source: "local", amount: "1000.00", effectiveDate: "2026-01-01", reason: "решение о бюджете" },
    { year: 2026, source: "local", amount: "1200.00", effectiveDate: "2026-05-20", reason: "изменения в решение о бюджете" },
    { year: 2026, source: "local", amount: "900.00", effectiveDate: "2026-09-30", reason: "изменения в решение о бюджете" },
    { year: 2026, source: "regional", amount: "500.00", effectiveDate: "2026-04-01" },
    { year: 2025, source: "local", amount: "7.00", effectiveDate: "2025-12-31" },
  ];

  it("the year's schedule in force on a date is the latest entry effective on or before it", () => {
    expect(scheduleEntryInForce(entries, 2026, "local", "2025-12-31")).toBeNull();
    expect(scheduleEntryInForce(entries, 2026, "local", "2026-01-01")?.amount).toBe("1000.00");
    expect(scheduleEntryInForce(entries, 2026, "local", "2026-05-19")?.amount).toBe("1000.00");
    expect(scheduleEntryInForce(entries, 2026, "local", "2026-05-20")?.amount).toBe("1200.00");
    expect(scheduleEntryInForce(entries, 2026, "local", "2026-09-30")?.amount).toBe("900.00");
    expect(Object.fromEntries(scheduleInForce(entries, 2026, "2026-03-31"))).toEqual({ local: "1000.00" });
    expect(Object.fromEntries(scheduleInForce(entries, 2026, "2026-06-30"))).toEqual({ local: "1200.00", regional: "500.00" });
    // entries of another year never count
    expect(scheduleInForce(entries, 2025, "2026-06-30").get("local")).toBe("7.00");
  });

  it("the quarter's rate: cash to date over the schedule in force at the quarter's end; cash carries over a quarter without a row", () => {
    const cash: CashRow[] = [
      { year: 2026, quarter: 1, source: "local", cash: "250.00" },
      { year: 2026, quarter: 2, source: "local", cash: "600.00" },
      { year: 2026, quarter: 2, source: "regional", cash: "100.00" },
      { year: 2026, quarter: 4, source: "local", cash: "899.99" },
    ];
    const q1 = quarterBudget(entries, cash, 2026, 1);
    expect([q1.schedule, q1.cash, q1.rate]).toEqual(["1000.00", "250.00", 25]);
    const q2 = quarterBudget(entries, cash, 2026, 2);
    expect(q2.sources).toEqual([
      { source: "local", schedule: "1200.00", cash: "600.00", rate: 50 },
      { source: "regional", schedule: "500.00", cash: "100.00", rate: 20 },
    ]);
    expect([q2.schedule, q2.cash, q2.rate]).toEqual(["1700.00", "700.00", 41.18]);
    // Q3: the schedule was cut to 900 on its last day; no Q3 cash row, so Q2's cumulative figure stands
    const q3 = quarterBudget(entries, cash, 2026, 3);
    expect(q3.sources.find((s) => s.source === "local")).toEqual({ source: "local", schedule: "900.00", cash: "600.00", rate: 66.67 });
    expect(quarterBudget(entries, cash, 2026, 4).sources.find((s) => s.source === "local")!.rate).toBe(100);
    expect(executionRate("1.00", "0.00")).toBeNull();
    expect(executionRate(null, "1.00")).toBeNull();
  });

  it("cumulative cash may not decrease from a quarter to the next", () => {
    const rows: CashRow[] = [
      { year: 2026, quarter: 1, source: "local", cash: "250.00" },
      { year: 2026, quarter: 3, source: "local", cash: "600.00" },
      { year: 2026, quarter: 2, source: "regional", cash: "1.00" },
    ];
    expect(cashOrderIssues({ year: 2026, quarter: 2, source: "local", cash: "250.00" }, rows)).toEqual([]);
    const low = cashOrderIssues({ year: 2026, quarter: 2, source: "local", cash: "249.99" }, rows);
    expect(low.map((i) => i.path)).toEqual(["cash"]);
    expect(low[0]!.message).toContain("за 1 квартал 2026 года уже 250.00");
    expect(cashOrderIssues({ year: 2026, quarter: 2, source: "local", cash: "600.01" }, rows)[0]!.message).toContain(
      "за 3 квартал 2026 года указано 600.00",
    );
    // another source or year is not compared
    expect(cashOrderIssues({ year: 2026, quarter: 3, source: "regional", cash: "0.50" }, rows.slice(0, 2))).toEqual([]);
    expect(cashOrderIssues({ year: 2027, quarter: 1, source: "local", cash: "0.00" }, rows)).toEqual([]);
    expect(scheduleEntryIssues({ year: 2026, effectiveDate: "2025-12-31" })[0]!.path).toBe("effectiveDate");
  });

  it("quarterly figures of the former shape become the year's entries with every quarter's figures unchanged", () => {
    const old = [
      { year: 2025, quarter: 1, source: "local", schedule: "220.00", cash: "200.00" },
      { year: 2025, quarter: 2, source: "local", schedule: "490.00", cash: "460.00" },
      { year: 2025, quarter: 3, source: "local", schedule: "490.00", cash: "480.00" },
      { year: 2025, quarter: 4, source: "federal", schedule: "0.01", cash: "0.00" },
    ];
    const { schedule, cash } = splitQuarterlyBudget(old);
    expect(schedule.map((e) => [e.source, e.effectiveDate, e.amount])).toEqual([
      ["federal", "2025-10-01", "0.01"],
      ["local", "2025-01-01", "220.00"],
      ["local", "2025-04-01", "490.00"],
    ]);
    for (const r of old) {
      const qb = quarterBudget(schedule, cash, r.year, r.quarter);
      expect(qb.sources.find((s) => s.source === r.source)).toMatchObject({ schedule: r.schedule, cash: r.cash });
    }
    // a document of the former shape reads the same
    expect(holderQuarterBudget({ budgetExecution: old }, 2025, 2)?.schedule).toBe("490.00");
    // a table's changed value becomes an entry dated at its quarter's end; equal values change nothing
    const next = reconcileSchedule(
      schedule,
      [
        { year: 2025, quarter: 2, source: "local", schedule: "490.00" },
        { year: 2025, quarter: 3, source: "local", schedule: "500.00" },
      ],
      "загрузка",
    );
    expect(next.slice(3)).toEqual([{ year: 2025, source: "local", amount: "500.00", effectiveDate: "2025-09-30", reason: "загрузка" }]);
  });

  it("a direction without figures of its own has the sum of its elements'", () => {
    const e1 = {
      budgetSchedule: [{ year: 2026, source: "local", amount: "100.00", effectiveDate: "2026-01-01" }],
      budgetExecution: [{ year: 2026, quarter: 1, source: "local", cash: "10.00" }],
    };
    const e2 = {
      budgetSchedule: [{ year: 2026, source: "local", amount: "300.00", effectiveDate: "2026-02-01" }],
      budgetExecution: [{ year: 2026, quarter: 1, source: "local", cash: "30.00" }],
    };
    const sum = directionQuarterBudget({}, [e1, e2, {}], 2026, 1)!;
    expect([sum.schedule, sum.cash, sum.rate]).toEqual(["400.00", "40.00", 10]);
    const own = { budgetSchedule: [{ year: 2026, source: "local", amount: "1000.00", effectiveDate: "2026-01-01" }], budgetExecution: [] };
    expect(directionQuarterBudget(own, [e1, e2], 2026, 1)!.schedule).toBe("1000.00");
    expect(directionQuarterBudget({}, [], 2026, 1)).toBeNull();
  });
});
