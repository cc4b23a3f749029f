import { describe, expect, it } from "vitest";
import { RU_CALENDAR as RU } from "../src/calendar/index.ts";
import { deadlineState, reminderMoments } from "../src/deadlines/index.ts";

describe("reminderMoments", () => {
  it("before (in working days), on the due date, and on the first working day after it", () => {
    expect(reminderMoments("2025-05-12", RU, { before: 3 })).toEqual([
      { kind: "before", date: "2025-05-05" },
      { kind: "due", date: "2025-05-12" },
      { kind: "overdue", date: "2025-05-13" },
    ]);
  });

  it("overdue after a Friday due date falls on the working Saturday 1 Nov 2025", () => {
    expect(reminderMoments("2025-10-31", RU, { before: 1 })).toEqual([
      { kind: "before", date: "2025-10-30" },
      { kind: "due", date: "2025-10-31" },
      { kind: "overdue", date: "2025-11-01" },
    ]);
  });

  it("overdue after 30 Dec 2025 is 12 Jan 2026; before = 0 leaves out the early reminder", () => {
    expect(reminderMoments("2025-12-30", RU, { before: 0 })).toEqual([
      { kind: "due", date: "2025-12-30" },
      { kind: "overdue", date: "2026-01-12" },
    ]);
    expect(() => reminderMoments("2025-12-30", RU, { before: -1 })).toThrow(RangeError);
  });
});

describe("deadlineState", () => {
  const due = "2025-05-12";
  it("open deadlines: upcoming, due today, overdue, with working days left", () => {
    expect(deadlineState(due, "2025-05-05", undefined, RU)).toEqual({ state: "upcoming", workingDaysLeft: 3 });
    expect(deadlineState(due, "2025-05-10", null, RU)).toEqual({ state: "upcoming", workingDaysLeft: 1 });
    expect(deadlineState(due, "2025-05-12", undefined, RU)).toEqual({ state: "dueToday", workingDaysLeft: 0 });
    expect(deadlineState(due, "2025-05-13", undefined, RU)).toEqual({ state: "overdue", workingDaysLeft: -1 });
    expect(deadlineState(due, "2025-05-19", undefined, RU)).toEqual({ state: "overdue", workingDaysLeft: -5 });
  });

  it("done deadlines: on time with the margin, or late by working days", () => {
    expect(deadlineState(due, "2025-05-20", "2025-05-12", RU)).toEqual({ state: "done", workingDaysLeft: 0 });
    expect(deadlineState(due, "2025-05-20", "2025-05-06", RU)).toEqual({ state: "done", workingDaysLeft: 2 });
    expect(deadlineState(due, "2025-05-20", "2025-05-14", RU)).toEqual({ state: "doneLate", workingDaysLeft: -2 });
  });

  it("rejects non-dates", () => {
    expect(() => deadlineState("12.05.2025", "2025-05-05", undefined, RU)).toThrow(/due/);
  });
});
