/**
 * HTTP hardening (issue 9, part 6): every response — an API answer, an error, the web app's page,
 * a static file, the API's documentation page — carries the security headers; the CSP allows no
 * inline script; behind HTTPS the session cookie is `__Host-` prefixed and HSTS is sent.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { buildServer } from "@orientir/server";
import { Client, createTestApp, type TestApp } from "@orientir/testing";

let app: TestApp;
let secure: FastifyInstance;
let webDist = "";

beforeAll(async () => {
  // a web app of its own (a page and a script), so the test does not depend on the Vite build
  webDist = mkdtempSync(join(tmpdir(), "orientir-web-"));
  mkdirSync(join(webDist, "assets"));
  writeFileSync(
    join(webDist, "index.html"),
    '<!doctype html><html><head><script type="module" src="/assets/app.js"></script></head><body><div id="root"></div></body></html>',
  );
  writeFileSync(join(webDist, "assets", "app.js"), "document.getElementById('root').textContent = 'ok';\n");
  app = await createTestApp({ webDist });
  secure = await buildServer(app.ctx, { webDist, secureCookies: true });
});

afterAll(async () => {
  await secure?.close();
  await app?.close();
  rmSync(webDist, { recursive: true, force: true });
});

/** The directives of a Content-Security-Policy header: name → sources. */
function csp(header: unknown): Map<string, string[]> {
  expect(typeof header, "Content-Security-Policy is present").toBe("string");
  return new Map(
    String(header)
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...sources]) => [name!, sources]),
  );
}

function expectHardened(headers: Record<string, unknown>, what: string, opts: { https: boolean }) {
  const policy = csp(headers["content-security-policy"]);
  const scripts = policy.get("script-src") ?? policy.get("default-src");
  expect(scripts, `${what}: script-src`).toEqual(["'self'"]);
  expect(policy.get("default-src"), `${what}: default-src`).toEqual(["'self'"]);
  expect(policy.get("script-src-attr"), `${what}: script-src-attr`).toEqual(["'none'"]);
  expect(policy.get("object-src"), `${what}: object-src`).toEqual(["'none'"]);
  expect(policy.get("frame-ancestors"), `${what}: frame-ancestors`).toEqual(["'none'"]);
  for (const [name, sources] of policy) {
    if (name.startsWith("script")) expect(sources, `${what}: ${name} without unsafe-inline/eval`).not.toContain("'unsafe-inline'");
    expect(sources, `${what}: ${name}`).not.toContain("'unsafe-eval'");
  }
  expect(policy.has("upgrade-insecure-requests"), `${what}: upgrade-insecure-requests only behind HTTPS`).toBe(opts.https);
  expect(headers["x-frame-options"], `${what}: X-Frame-Options`).toBe("DENY");
  expect(headers["x-content-type-options"], `${what}: X-Content-Type-Options`).toBe("nosniff");
  expect(headers["referrer-policy"], `${what}: Referrer-Policy`).toBe("same-origin");
  if (opts.https) expect(String(headers["strict-transport-security"]), `${what}: HSTS`).toMatch(/^max-age=31536000; includeSubDomains$/);
  else expect(headers["strict-transport-security"], `${what}: no HSTS over plain HTTP`).toBeUndefined();
}

describe("security headers on every response", () => {
  it("an API answer, an API error, a 404 of the API, the page, a page path of the app, a static file", async () => {
    const anon = app.client();
    const economy = await app.as("economy");
    const cases: [string, () => Promise<{ status: number; headers: Record<string, unknown> }>, number][] = [
      ["GET /api/health", () => anon.get("/api/health"), 200],
      ["GET /api/programs (signed in)", () => economy.get("/api/programs"), 200],
      ["GET /api/programs without a session", () => anon.get("/api/programs"), 401],
      ["a bad request", () => anon.post("/api/auth/login", { login: 1 }), 400],
      ["an unknown API address", () => anon.get("/api/nothing-here"), 404],
      ["the page /", () => anon.get("/"), 200],
      ["a page path of the app /programs", () => anon.get("/programs"), 200],
      ["a static file", () => anon.get("/assets/app.js"), 200],
      ["the OpenAPI document", () => anon.get("/api/openapi.json"), 200],
    ];
    for (const [what, call, status] of cases) {
      const r = await call();
      expect(r.status, what).toBe(status);
      expectHardened(r.headers, what, { https: false });
    }
  });

  it("the page and the static file keep their content types (nosniff needs them right)", async () => {
    const anon = app.client();
    expect(String((await anon.get("/")).headers["content-type"])).toMatch(/^text\/html/);
    expect(String((await anon.get("/assets/app.js")).headers["content-type"])).toMatch(/^(text|application)\/javascript/);
  });

  it("the API's documentation page has no inline script: its script is a file of its own under the same policy", async () => {
    const anon = app.client();
    const page = await anon.get("/api/docs");
    expect(page.status).toBe(200);
    expectHardened(page.headers, "/api/docs", { https: false });
    const html = String(page.body);
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attrs, body] of scripts) {
      expect(attrs, "every script of the page has a src").toMatch(/\bsrc="\/api\/docs\.js"/);
      expect(body!.trim(), "and no inline code").toBe("");
    }
    expect(html).not.toMatch(/\son[a-z]+=/i); // no inline event handler attributes either
    const js = await anon.get("/api/docs.js");
    expect(js.status).toBe(200);
    expect(String(js.headers["content-type"])).toMatch(/^text\/javascript/);
    expect(String(js.body)).toContain("/api/openapi.json");
    expectHardened(js.headers, "/api/docs.js", { https: false });
  });
});

describe("behind HTTPS (secure cookies)", () => {
  it("sends HSTS and upgrade-insecure-requests, and the session cookie is __Host- prefixed, Secure, Path=/, without Domain", async () => {
    const c = new Client(secure);
    const health = await c.get("/api/health");
    expectHardened(health.headers, "GET /api/health (HTTPS)", { https: true });
    expectHardened((await c.get("/")).headers, "the page (HTTPS)", { https: true });
    expectHardened((await c.get("/assets/app.js")).headers, "a static file (HTTPS)", { https: true });

    const login = await c.login("viewer");
    expect(login.status).toBe(200);
    const cookie = String(login.headers["set-cookie"]);
    expect(cookie).toMatch(/^__Host-orientir_session=[^;]+;/);
    expect(cookie).toMatch(/; Secure(;|$)/);
    expect(cookie).toMatch(/; Path=\/(;|$)/);
    expect(cookie).toMatch(/; HttpOnly(;|$)/);
    expect(cookie).not.toMatch(/Domain=/i);
    expectHardened(login.headers, "POST /api/auth/login (HTTPS)", { https: true });

    // the prefixed cookie is the session; the plain name is not read behind HTTPS
    expect((await c.get("/api/auth/me")).body.user.login).toBe("viewer");
    const token = c.cookie.split("=")[1]!;
    const plain = new Client(secure);
    plain.cookie = `orientir_session=${token}`;
    expect((await plain.get("/api/auth/me")).status).toBe(401);

    // signing out clears the same (prefixed, Secure) cookie
    const out = await c.post("/api/auth/logout");
    expect(out.status).toBe(204);
    expect(String(out.headers["set-cookie"])).toMatch(/^__Host-orientir_session=; .*Max-Age=0.*; Secure/);

    // the OpenAPI document names the cookie the server reads
    const doc = await new Client(secure).get("/api/openapi.json");
    expect(doc.body.components.securitySchemes.session.name).toBe("__Host-orientir_session");
  });

  it("over plain HTTP the cookie keeps its plain name (a __Host- cookie needs Secure, which a browser refuses without HTTPS)", async () => {
    const c = app.client();
    const login = await c.login("viewer");
    expect(String(login.headers["set-cookie"])).toMatch(/^orientir_session=/);
    expect(String(login.headers["set-cookie"])).not.toMatch(/Secure/);
  });
});
