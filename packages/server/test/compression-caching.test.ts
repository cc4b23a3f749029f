/**
 * Compressed and cached (issue 16, part 3): API answers and files go out as brotli or gzip when the
 * client takes them; hashed assets are immutable for a year, the page is asked again each time;
 * reads of municipal data carry an ETag and an unchanged one is a bodiless 304, while accounts and
 * sessions stay no-store.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { seedMunicipalities } from "@orientir/app";
import { FIXTURE_PASSWORD, createTestApp, type TestApp } from "@orientir/testing";

let app: TestApp;
let webDist = "";
const SCRIPT = `export const rows = [${Array.from({ length: 400 }, (_, i) => `{ id: ${i}, label: "строка ${i}" }`).join(", ")}];\n`;

beforeAll(async () => {
  webDist = mkdtempSync(join(tmpdir(), "orientir-web-"));
  mkdirSync(join(webDist, "assets"));
  writeFileSync(
    join(webDist, "index.html"),
    '<!doctype html><html><head><script type="module" src="/assets/index-B3x_9kQz.js"></script></head><body><div id="root"></div></body></html>',
  );
  writeFileSync(join(webDist, "assets", "index-B3x_9kQz.js"), SCRIPT);
  writeFileSync(join(webDist, "assets", "index-Dq1Vt0aa.css"), `body { margin: 0 }\n${".x { color: red }\n".repeat(100)}`);
  writeFileSync(join(webDist, "robots.txt"), "User-agent: *\n");
  writeFileSync(join(webDist, "assets", "legacy-loader.js"), "// not hashed\n");
  app = await createTestApp({ webDist });
});
afterAll(async () => {
  await app?.close();
  rmSync(webDist, { recursive: true, force: true });
});

async function get(url: string, headers: Record<string, string> = {}, cookie = "") {
  return app.server.inject({ method: "GET", url, headers: { ...headers, ...(cookie ? { cookie } : {}) } });
}

describe("compression", () => {
  it("a program's tree goes out as brotli or gzip as the client asks, the same JSON as uncompressed", async () => {
    const c = await app.as("executor");
    const p = (await c.get("/api/programs")).body.items.find((x: { code: string }) => x.code === "MP-1");
    const url = `/api/programs/${p.id}/tree`;
    const plain = await get(url, { "accept-encoding": "identity" }, c.cookie);
    expect(plain.statusCode).toBe(200);
    expect(plain.headers["content-encoding"]).toBeUndefined();
    const json = JSON.parse(plain.body);
    expect(plain.rawPayload.length).toBeGreaterThan(1024);

    const br = await get(url, { "accept-encoding": "gzip, deflate, br" }, c.cookie);
    expect(br.headers["content-encoding"]).toBe("br");
    expect(String(br.headers.vary)).toMatch(/accept-encoding/i);
    expect(br.rawPayload.length).toBeLessThan(plain.rawPayload.length / 2);
    expect(JSON.parse(brotliDecompressSync(br.rawPayload).toString("utf8"))).toEqual(json);

    const gz = await get(url, { "accept-encoding": "gzip" }, c.cookie);
    expect(gz.headers["content-encoding"]).toBe("gzip");
    expect(JSON.parse(gunzipSync(gz.rawPayload).toString("utf8"))).toEqual(json);
  });

  it("a script of the build goes out compressed; a small answer is not worth it", async () => {
    const js = await get("/assets/index-B3x_9kQz.js", { "accept-encoding": "br" });
    expect(js.statusCode).toBe(200);
    expect(js.headers["content-encoding"]).toBe("br");
    expect(brotliDecompressSync(js.rawPayload).toString("utf8")).toBe(SCRIPT);
    const health = await get("/api/health", { "accept-encoding": "br" });
    expect(health.statusCode).toBe(200);
    expect(health.headers["content-encoding"]).toBeUndefined();
  });

  it("an answer carrying the CSRF token is never compressed (its length must not reveal the token)", async () => {
    // a user of many municipalities: the answer is well above the compression threshold
    const towns = Array.from({ length: 15 }, (_, k) => ({
      name: `Муниципальное образование номер ${k}`,
      country: "RU",
      currency: "RUB",
      budgetSources: [],
      departments: [],
      programs: [],
    }));
    await seedMunicipalities(
      app.ctx,
      towns,
      [{ login: "many", fullName: "Во многих", memberships: towns.map((t) => ({ municipality: t.name, role: "viewer" })) }],
      FIXTURE_PASSWORD,
    );
    const c = app.client();
    const login = await app.server.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { login: "many", password: FIXTURE_PASSWORD },
      headers: { "accept-encoding": "br, gzip" },
    });
    expect(login.statusCode).toBe(200);
    expect(login.headers["content-encoding"]).toBeUndefined();
    expect(login.rawPayload.length).toBeGreaterThan(2048);
    c.cookie = String(login.headers["set-cookie"]).split(";")[0]!;
    const me = await get("/api/auth/me", { "accept-encoding": "br, gzip" }, c.cookie);
    expect(me.statusCode).toBe(200);
    expect(JSON.parse(me.body).csrfToken).toBe(JSON.parse(login.body).csrfToken);
    expect(me.headers["content-encoding"]).toBeUndefined();
  });
});

describe("caching of files", () => {
  it("hashed assets are immutable for a year; the page and unhashed files are asked again each time", async () => {
    for (const f of ["/assets/index-B3x_9kQz.js", "/assets/index-Dq1Vt0aa.css"]) {
      const r = await get(f);
      expect(r.statusCode, f).toBe(200);
      expect(r.headers["cache-control"], f).toBe("public, max-age=31536000, immutable");
    }
    for (const f of ["/", "/index.html", "/programs/123", "/robots.txt", "/assets/legacy-loader.js"]) {
      const r = await get(f);
      expect(r.statusCode, f).toBe(200);
      expect(r.headers["cache-control"], f).toBe("no-cache");
    }
  });

  it("a conditional GET of the page with its ETag is a 304", async () => {
    const first = await get("/index.html");
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/"/);
    const again = await get("/index.html", { "if-none-match": etag });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe("");
  });
});

describe("caching of API answers", () => {
  it("a program's tree has an ETag; unchanged it is a bodiless 304, changed a 200 with a new ETag", async () => {
    const c = await app.as("executor");
    const p = (await c.get("/api/programs")).body.items.find((x: { code: string }) => x.code === "MP-1");
    const url = `/api/programs/${p.id}/tree`;
    const first = await get(url, {}, c.cookie);
    expect(first.statusCode).toBe(200);
    expect(first.headers["cache-control"]).toBe("private, no-cache");
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^W\/"[\w-]+"$/);
    expect(String(first.headers["content-type"])).toMatch(/^application\/json/);

    const same = await get(url, { "if-none-match": etag, "accept-encoding": "br, gzip" }, c.cookie);
    expect(same.statusCode).toBe(304);
    expect(same.rawPayload.length).toBe(0);
    expect(same.headers.etag).toBe(etag);
    // a list of validators, one of them current
    expect((await get(url, { "if-none-match": `W/"old", ${etag}` }, c.cookie)).statusCode).toBe(304);

    // the program changes: the old ETag no longer matches
    const value = JSON.parse(first.body).directions[0].structuralElements[0].metrics[0].metricValues[0];
    expect((await c.patch(`/api/metric-values/${value.id}`, { version: value.version, plan: "77" })).status).toBe(200);
    const changed = await get(url, { "if-none-match": etag }, c.cookie);
    expect(changed.statusCode).toBe(200);
    expect(changed.headers.etag).not.toBe(etag);

    // the same address without a session is refused, not answered from the validator
    expect((await get(url, { "if-none-match": String(changed.headers.etag) })).statusCode).toBe(401);
  });

  it("accounts, sessions and changes stay no-store without an ETag; sign-out clears the browser's cache", async () => {
    const admin = await app.as("admin");
    for (const url of ["/api/auth/me", "/api/users"]) {
      const r = await get(url, {}, admin.cookie);
      expect(r.statusCode, url).toBe(200);
      expect(r.headers["cache-control"], url).toBe("no-store");
      expect(r.headers.etag, url).toBeUndefined();
    }
    const out = await admin.post("/api/auth/logout");
    expect(out.status).toBe(204);
    expect(out.headers["cache-control"]).toBe("no-store");
    expect(out.headers["clear-site-data"]).toBe('"cache"');
  });
});
