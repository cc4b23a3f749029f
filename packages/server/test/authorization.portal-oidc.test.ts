/**
 * The portal's routes of sign-in by the identity provider and of one-click unsubscribe (issue 14,
 * parts 2 and 8): HTML routes outside the API's route list, so covered here. All are public (no
 * staff session is asked or used); without a configured provider the sign-in routes are 404; a
 * form from another site is refused; an unsubscribe needs only its signed token, and a token that
 * does not verify is 400. The flows themselves: portal-oidc.test.ts, portal-vote-close.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_OIDC_CLAIMS } from "@orientir/app";
import { createTestApp, type TestApp } from "@orientir/testing";

let app: TestApp;
const SLUG = "auth-oidc";

beforeAll(async () => {
  app = await createTestApp();
  const admin = await app.as("admin");
  expect((await admin.request("PUT", "/api/portal/settings", { slug: SLUG, moderation: "post", minDiscussionDays: 30 })).status).toBe(200);
});

afterAll(async () => {
  await app?.close();
});

const formHeaders = { "content-type": "application/x-www-form-urlencoded" };

describe("sign-in by the identity provider and unsubscribe: who may", () => {
  it("without a provider: the sign-in routes are 404 for everyone, staff included", async () => {
    app.ctx.config.oidc = null;
    for (const c of [app.client(), await app.as("admin")]) {
      expect((await c.request("POST", `/p/${SLUG}/sign-in/oidc`, "consent=yes", formHeaders)).status).toBe(404);
      expect((await c.get(`/p/${SLUG}/sign-in/oidc/callback?code=a&state=b`)).status).toBe(404);
    }
    expect((await app.client().get(`/p/no-such-portal/sign-in/oidc/callback?state=b`)).status).toBe(404);
  });

  it("with a provider: public, but a form from another site is 403 and a callback of no sign-in begun is 400", async () => {
    app.ctx.config.oidc = {
      issuer: "http://127.0.0.1:9",
      clientId: "x",
      clientSecret: null,
      scopes: "openid",
      label: "Войти",
      claims: DEFAULT_OIDC_CLAIMS,
      publicUrl: "http://localhost:3000",
      allowHttp: true,
    };
    const cross = await app
      .client()
      .request("POST", `/p/${SLUG}/sign-in/oidc`, "consent=yes", { ...formHeaders, origin: "https://evil.example" });
    expect(cross.status).toBe(403);
    // the provider is away (nothing listens on port 9): said, not a 500
    const away = await app.client().request("POST", `/p/${SLUG}/sign-in/oidc`, "consent=yes", formHeaders);
    expect(away.status).toBe(503);
    const cb = await app.client().get(`/p/${SLUG}/sign-in/oidc/callback?code=a&state=never-begun`);
    expect(cb.status).toBe(400);
    expect(cb.headers["cache-control"]).toBe("no-store");
    app.ctx.config.oidc = null;
  });

  it("unsubscribe: no session needed; a token that does not verify is 400 for everyone", async () => {
    for (const c of [app.client(), await app.as("admin")]) {
      expect((await c.get(`/p/${SLUG}/unsubscribe?token=abc`)).status).toBe(400);
      expect((await c.request("POST", `/p/${SLUG}/unsubscribe?token=abc`, "List-Unsubscribe=One-Click", formHeaders)).status).toBe(400);
    }
  });
});
