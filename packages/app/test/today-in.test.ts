/**
 * The municipality's today, formatted once per minute of the clock (issue 16, part 7): still the
 * right day on each side of the zone's midnight, and in each zone on its own.
 */
import { describe, expect, it } from "vitest";
import { todayIn, type AppContext } from "../src/index.ts";

const at = (iso: string) => ({ now: () => new Date(iso) }) as unknown as AppContext;

describe("todayIn", () => {
  it("turns at the zone's midnight, not a minute late", () => {
    expect(todayIn(at("2026-03-31T20:59:59.999Z"))).toBe("2026-03-31");
    expect(todayIn(at("2026-03-31T21:00:00.000Z"))).toBe("2026-04-01");
    expect(todayIn(at("2026-03-31T20:59:30.000Z"))).toBe("2026-03-31");
    expect(todayIn(at("2026-03-31T21:00:00.000Z"), "Asia/Vladivostok")).toBe("2026-04-01");
    expect(todayIn(at("2026-03-31T13:59:59.000Z"), "Asia/Vladivostok")).toBe("2026-03-31");
    expect(todayIn(at("2026-03-31T14:00:00.000Z"), "Asia/Vladivostok")).toBe("2026-04-01");
    expect(todayIn(at("2026-03-31T14:00:00.000Z"))).toBe("2026-03-31");
  });
});
