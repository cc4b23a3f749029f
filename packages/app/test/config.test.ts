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

  it("reads the portal's key and identity provider, refusing what would not work", () => {
    expect(configFromEnv({ ORIENTIR_PORTAL_SECRET: "k".repeat(32) })).toEqual({ portalSecret: "k".repeat(32) });
    expect(() => configFromEnv({ ORIENTIR_PORTAL_SECRET: "short" })).toThrow(/ORIENTIR_PORTAL_SECRET/);
    const c = configFromEnv({
      ORIENTIR_OIDC_ISSUER: "https://esia.example.ru",
      ORIENTIR_OIDC_CLIENT_ID: "orientir",
      ORIENTIR_OIDC_CLIENT_SECRET: "s",
      ORIENTIR_OIDC_CLAIMS: '{"birthdate":"birth_date","address":"addresses.0.formatted"}',
      ORIENTIR_PUBLIC_URL: "https://city.example.ru/",
    }).oidc!;
    expect(c).toMatchObject({
      issuer: "https://esia.example.ru",
      clientId: "orientir",
      clientSecret: "s",
      publicUrl: "https://city.example.ru",
      allowHttp: false,
    });
    expect(c.claims.birthdate).toBe("birth_date");
    expect(c.claims.email).toBe("email");
    expect(configFromEnv({}).oidc).toBeUndefined();
    expect(() => configFromEnv({ ORIENTIR_OIDC_ISSUER: "https://esia.example.ru" })).toThrow(/ORIENTIR_OIDC_CLIENT_ID/);
    expect(() =>
      configFromEnv({ ORIENTIR_OIDC_ISSUER: "https://x", ORIENTIR_OIDC_CLIENT_ID: "a", ORIENTIR_OIDC_CLAIMS: '{"shoeSize":"x"}' }),
    ).toThrow(/shoeSize/);
  });
});
