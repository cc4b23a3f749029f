/** The deployment's settings of accounts and sessions, from the environment. */
import { describe, expect, it } from "vitest";
import { DEFAULT_CONFIG, configFromEnv } from "../src/context.ts";

describe("configFromEnv", () => {
  it("keeps the defaults (12 h absolute lifetime, no required second factor) when nothing is set", () => {
    expect(configFromEnv({})).toEqual({});
    expect(DEFAULT_CONFIG.sessionMaxHours).toBe(12);
    expect(DEFAULT_CONFIG.requireTotpForAdmins).toBe(false);
  });

  it("reads the session lifetimes and the 2FA requirement", () => {
    expect(
      configFromEnv({ ORIENTIR_SESSION_IDLE_HOURS: "1.5", ORIENTIR_SESSION_MAX_HOURS: "8", ORIENTIR_REQUIRE_2FA_ADMINS: "1" }),
    ).toEqual({
      sessionTtlHours: 1.5,
      sessionMaxHours: 8,
      requireTotpForAdmins: true,
    });
    expect(configFromEnv({ ORIENTIR_REQUIRE_2FA_ADMINS: "0" })).toEqual({});
  });

  it("refuses a lifetime that is not a positive number, naming the variable", () => {
    expect(() => configFromEnv({ ORIENTIR_SESSION_MAX_HOURS: "twelve" })).toThrow(/ORIENTIR_SESSION_MAX_HOURS/);
    expect(() => configFromEnv({ ORIENTIR_SESSION_IDLE_HOURS: "0" })).toThrow(/ORIENTIR_SESSION_IDLE_HOURS/);
  });
});
