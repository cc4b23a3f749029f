/**
 * Residents' sign-in by OpenID Connect (issue 14, part 2) against a real provider run in the test:
 * `oidc-provider` on a random port, the whole redirect flow driven over HTTP (the provider's own
 * login and consent pages), with PKCE, state and nonce. A changed state, a changed nonce and a
 * forged ID token are refused with 400; the account is linked by the provider's subject; what the
 * provider vouched for counts for a vote that requires it.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import Provider from "oidc-provider";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OidcConfig } from "@orientir/app";
import { DEFAULT_OIDC_CLAIMS } from "@orientir/app";
import { createTestApp, type Client, type TestApp } from "@orientir/testing";

const SLUG = "oidc-a";
const PUBLIC_URL = "http://localhost:3999";
const CALLBACK = `${PUBLIC_URL}/p/${SLUG}/sign-in/oidc/callback`;
const thisYear = new Date().getUTCFullYear();

/** The provider's people (ЕСИА-like claims). */
const ACCOUNTS: Record<string, Record<string, unknown>> = {
  "esia-1001": {
    family_name: "Иванов",
    given_name: "Иван",
    middle_name: "Иванович",
    birthdate: "1990-05-01",
    email: "ivanov@esia.example",
    email_verified: true,
    address: { formatted: "г. Калуга, ул. Ленина, д. 1" },
  },
  "esia-1002": { name: "Петрова Анна", birthdate: `${thisYear - 12}-01-01`, email: "petrova@esia.example", email_verified: true },
  "esia-1003": { name: "Сидоров Сидор", birthdate: "1970-02-02", email: "taken@example.org", email_verified: true },
};

let app: TestApp;
let server: Server;
let issuer: string;
/** The next token response's ID token is altered (its payload changed, the signature kept). */
let forgeNext = false;

async function startProvider(): Promise<void> {
  server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: "orientir",
        client_secret: "orientir-secret-for-tests",
        redirect_uris: [CALLBACK],
        grant_types: ["authorization_code"],
        response_types: ["code"],
        token_endpoint_auth_method: "client_secret_basic",
      },
    ],
    claims: {
      openid: ["sub"],
      profile: ["name", "family_name", "given_name", "middle_name", "birthdate"],
      email: ["email", "email_verified"],
      address: ["address"],
    },
    findAccount: (_ctx: unknown, id: string) =>
      ACCOUNTS[id] ? { accountId: id, claims: () => Promise.resolve({ sub: id, ...ACCOUNTS[id] }) } : undefined,
    cookies: { keys: ["a-cookie-key-for-the-test-provider"] },
    features: { devInteractions: { enabled: true } },
  });
  provider.use(async (ctx, next) => {
    await next();
    const body = ctx.body as { id_token?: string } | undefined;
    if (forgeNext && ctx.path === "/token" && body?.id_token) {
      forgeNext = false;
      const [h, p, s] = body.id_token.split(".");
      const claims = JSON.parse(Buffer.from(p!, "base64url").toString());
      claims.sub = "esia-1001";
      body.id_token = `${h}.${Buffer.from(JSON.stringify(claims)).toString("base64url")}.${s}`;
    }
  });
  server.on("request", provider.callback());
}

/**
 * Follows the provider's redirects from the authorization URL, signing in as `login` on its
 * login page and agreeing on its consent page, until it sends the browser back to the portal.
 * Answers the callback's path and query.
 */
async function throughProvider(authUrl: string, login: string): Promise<string> {
  const jar = new Map<string, string>();
  let url = authUrl;
  let method = "GET";
  let body: string | undefined;
  for (let i = 0; i < 20; i++) {
    if (url.startsWith(PUBLIC_URL)) return url.slice(PUBLIC_URL.length);
    const res = await fetch(url, {
      method,
      body,
      redirect: "manual",
      headers: {
        cookie: [...jar].map(([k, v]) => `${k}=${v}`).join("; "),
        ...(body ? { "content-type": "application/x-www-form-urlencoded" } : {}),
      },
    });
    for (const c of res.headers.getSetCookie()) {
      const [kv] = c.split(";");
      const at = kv!.indexOf("=");
      jar.set(kv!.slice(0, at), kv!.slice(at + 1));
    }
    if (res.status >= 300 && res.status < 400) {
      url = new URL(res.headers.get("location")!, url).toString();
      method = "GET";
      body = undefined;
      continue;
    }
    const html = await res.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    const prompt = /name="prompt" value="(\w+)"/.exec(html)?.[1];
    if (res.status !== 200 || !action || !prompt) throw new Error(`provider answered ${res.status}: ${html.slice(0, 400)}`);
    body = new URLSearchParams(prompt === "login" ? { prompt, login, password: "any" } : { prompt }).toString();
    method = "POST";
    url = new URL(action.replace(/&amp;/g, "&"), url).toString();
  }
  throw new Error("too many redirects");
}

const form = (c: Client, url: string, fields: Record<string, string>) =>
  c.request("POST", url, new URLSearchParams(fields).toString(), { "content-type": "application/x-www-form-urlencoded" });

/** Starts the portal's sign-in and answers the provider's authorization URL. */
async function start(c: Client, fields: Record<string, string> = { consent: "yes" }): Promise<string> {
  const r = await form(c, `/p/${SLUG}/sign-in/oidc`, fields);
  expect(r.status, String(r.body)).toBe(303);
  expect(r.headers["cache-control"]).toBe("no-store");
  return String(r.headers.location);
}

/** A resident's whole sign-in through the provider; answers the portal's client, signed in. */
async function signInAs(login: string, fields: Record<string, string> = { consent: "yes" }, c = app.client()): Promise<Client> {
  const back = await throughProvider(await start(c, fields), login);
  const r = await c.get(back);
  expect(r.status, String(r.body)).toBe(303);
  expect(r.headers.location).toBe(`/p/${SLUG}`);
  return c;
}

async function lastCode(email: string): Promise<string> {
  const r = await app.ctx.db.query<{ body: string }>(
    `SELECT body FROM email_outbox WHERE to_address = $1 ORDER BY created_at DESC LIMIT 1`,
    [email],
  );
  return /(\d{6})/.exec(r.rows[0]!.body)![1]!;
}

beforeAll(async () => {
  app = await createTestApp();
  const admin = await app.as("admin");
  expect((await admin.request("PUT", "/api/portal/settings", { slug: SLUG, moderation: "post", minDiscussionDays: 30 })).status).toBe(200);
  await startProvider();
  app.ctx.config.oidc = config();
});

afterAll(async () => {
  await new Promise((r) => server?.close(r));
  await app?.close();
});

const config = (): OidcConfig => ({
  issuer,
  clientId: "orientir",
  clientSecret: "orientir-secret-for-tests",
  scopes: "openid profile email address",
  label: "Войти через Госуслуги",
  claims: DEFAULT_OIDC_CLAIMS,
  publicUrl: PUBLIC_URL,
  allowHttp: true,
});

describe("sign-in by OpenID Connect", () => {
  it("the sign-in page shows the provider's button only when one is configured", async () => {
    app.ctx.config.oidc = null;
    const without = String((await app.client().get(`/p/${SLUG}/sign-in`)).body);
    expect(without).toContain("Получить код");
    expect(without).not.toContain("sign-in/oidc");
    expect((await form(app.client(), `/p/${SLUG}/sign-in/oidc`, { consent: "yes" })).status).toBe(404);
    app.ctx.config.oidc = config();
    const withIt = String((await app.client().get(`/p/${SLUG}/sign-in`)).body);
    expect(withIt).toContain(`action="/p/${SLUG}/sign-in/oidc"`);
    expect(withIt).toContain("Войти через Госуслуги");
  });

  it("the authorization request carries PKCE (S256), state and nonce; the whole flow signs the resident in with verified facts", async () => {
    const auth = new URL(await start(app.client()));
    expect(auth.origin).toBe(issuer);
    expect(auth.searchParams.get("code_challenge_method")).toBe("S256");
    expect(auth.searchParams.get("code_challenge")).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(auth.searchParams.get("state")).toBeTruthy();
    expect(auth.searchParams.get("nonce")).toBeTruthy();
    expect(auth.searchParams.get("redirect_uri")).toBe(CALLBACK);

    const c = await signInAs("esia-1001");
    const me = await c.get(`/api/p/${SLUG}/me`);
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({
      email: "ivanov@esia.example",
      emailConfirmed: true,
      fullName: "Иванов Иван Иванович",
      birthYear: 1990,
      address: "г. Калуга, ул. Ленина, д. 1",
    });
    expect(me.body.consents).toHaveLength(1);
    const row = await app.ctx.db.query<any>(
      `SELECT r.id, r.identity_verified_at, r.birth_year_verified, r.address_verified, i.issuer
         FROM resident r JOIN resident_identity i ON i.resident_id = r.id WHERE i.subject = 'esia-1001'`,
    );
    expect(row.rows).toHaveLength(1);
    expect(row.rows[0]).toMatchObject({ issuer, birth_year_verified: true, address_verified: true });
    expect(row.rows[0].identity_verified_at).not.toBeNull();

    expect(me.body.verified).toEqual({ identity: true, birthYear: true, address: true });

    // a second sign-in of the same subject is the same resident (no consent asked again)
    const again = await signInAs("esia-1001", {});
    expect((await again.get(`/api/p/${SLUG}/me`)).body.id).toBe(me.body.id);
    const n = await app.ctx.db.query<any>(`SELECT count(*)::int AS n FROM resident_identity WHERE subject = 'esia-1001'`);
    expect(n.rows[0].n).toBe(1);
  });

  it("a changed state is refused with 400, the right one works once", async () => {
    const c = app.client();
    const back = await throughProvider(await start(c), "esia-1001");
    const u = new URL(back, PUBLIC_URL);
    const state = u.searchParams.get("state")!;
    u.searchParams.set("state", state.slice(0, -2) + (state.endsWith("AA") ? "BB" : "AA"));
    const wrong = await c.get(u.pathname + u.search);
    expect(wrong.status).toBe(400);
    expect(String(wrong.body)).toContain("Вход не начат");
    expect(wrong.headers["set-cookie"]).toBeUndefined();
    const missing = await c.get(`/p/${SLUG}/sign-in/oidc/callback?code=x`);
    expect(missing.status).toBe(400);
    expect((await c.get(back)).status).toBe(303);
    // replayed: the state was used
    expect((await app.client().get(back)).status).toBe(400);
  });

  it("an ID token with another nonce than the one sent is refused with 400", async () => {
    const c = app.client();
    const auth = new URL(await start(c));
    auth.searchParams.set("nonce", "a-nonce-the-portal-never-sent");
    const back = await throughProvider(auth.toString(), "esia-1001");
    const r = await c.get(back);
    expect(r.status).toBe(400);
    expect(String(r.body)).toContain("&quot;nonce&quot; claim");
    expect(r.headers["set-cookie"]).toBeUndefined();
  });

  it("a forged ID token (payload changed, signature kept) is refused with 400", async () => {
    const c = app.client();
    const back = await throughProvider(await start(c), "esia-1002");
    forgeNext = true;
    const r = await c.get(back);
    expect(forgeNext).toBe(false);
    expect(r.status).toBe(400);
    expect(String(r.body)).toContain("signature verification failed");
    expect(r.headers["set-cookie"]).toBeUndefined();
    // a forged code is refused too
    const c2 = app.client();
    const back2 = new URL(await throughProvider(await start(c2), "esia-1002"), PUBLIC_URL);
    back2.searchParams.set("code", "forged-code");
    expect((await c2.get(back2.pathname + back2.search)).status).toBe(400);
  });

  it("a form from another site is refused; a resident's cookie without their form token links nothing", async () => {
    const cross = await app.client().request("POST", `/p/${SLUG}/sign-in/oidc`, "consent=yes", {
      "content-type": "application/x-www-form-urlencoded",
      origin: "https://evil.example",
    });
    expect(cross.status).toBe(403);
    // signed in by a code, but the form carries no token: the provider's account is not linked to this one
    const byCode = app.client();
    byCode.ip = "10.9.9.11";
    await byCode.post(`/api/p/${SLUG}/auth/code`, { email: "nolink@example.org" });
    const s = await byCode.post(`/api/p/${SLUG}/auth/sign-in`, {
      email: "nolink@example.org",
      code: await lastCode("nolink@example.org"),
      consent: true,
    });
    const back = await throughProvider(await start(byCode, { consent: "yes" }), "esia-1001");
    expect((await byCode.get(back)).status).toBe(303);
    const linked = await app.ctx.db.query<any>(`SELECT 1 FROM resident_identity WHERE resident_id = $1`, [s.body.resident.id]);
    expect(linked.rows).toHaveLength(0);
  });

  it("the first sign-in needs the consent (152-ФЗ)", async () => {
    const c = app.client();
    const back = await throughProvider(await start(c, {}), "esia-1002");
    const r = await c.get(back);
    expect(r.status).toBe(400);
    expect(String(r.body)).toContain("152-ФЗ");
    const n = await app.ctx.db.query<any>(`SELECT count(*)::int AS n FROM resident_identity WHERE subject = 'esia-1002'`);
    expect(n.rows[0].n).toBe(0);
  });

  it("an account is linked by the subject, not by the e-mail: a taken e-mail is refused until its owner links it", async () => {
    // a resident signed in by a code with the address the provider also gives
    const byCode = app.client();
    byCode.ip = "10.9.9.9";
    expect((await byCode.post(`/api/p/${SLUG}/auth/code`, { email: "taken@example.org" })).status).toBe(200);
    const s = await byCode.post(`/api/p/${SLUG}/auth/sign-in`, {
      email: "taken@example.org",
      code: await lastCode("taken@example.org"),
      consent: true,
    });
    expect(s.status).toBe(200);
    byCode.csrf = s.body.csrfToken;
    const ownId = s.body.resident.id;

    // the provider's account with that e-mail does not take the account over
    const stranger = app.client();
    const r = await stranger.get(await throughProvider(await start(stranger), "esia-1003"));
    expect(r.status).toBe(409);
    expect(String(r.body)).toContain("войдите по коду");

    // its owner, signed in, links the provider's account (their form token), then signs in by it
    const back = await throughProvider(await start(byCode, { csrf: s.body.csrfToken }), "esia-1003");
    expect((await byCode.get(back)).status).toBe(303);
    const linked = await signInAs("esia-1003", {});
    const me = (await linked.get(`/api/p/${SLUG}/me`)).body;
    expect(me.id).toBe(ownId);
    expect(me.birthYear).toBe(1970);
    const audit = await app.ctx.db.query<any>(`SELECT action FROM audit_log WHERE object_id = $1 ORDER BY id`, [ownId]);
    expect(audit.rows.map((a: any) => a.action)).toContain("resident.linkIdentity");
  });

  it("deleting the account ends the link: the same subject then makes a new resident, with a new consent", async () => {
    const c = await signInAs("esia-1002");
    const first = (await c.get(`/api/p/${SLUG}/me`)).body;
    c.csrf = await csrfOf(c);
    expect((await c.delete(`/api/p/${SLUG}/me`)).status).toBe(204);
    const gone = await app.ctx.db.query<any>(`SELECT 1 FROM resident_identity WHERE resident_id = $1`, [first.id]);
    expect(gone.rows).toHaveLength(0);
    const erased = await app.ctx.db.query<any>(`SELECT email, birth_year, identity_verified_at FROM resident WHERE id = $1`, [first.id]);
    expect(erased.rows[0]).toEqual({ email: null, birth_year: null, identity_verified_at: null });
    const without = app.client();
    expect((await without.get(await throughProvider(await start(without, {}), "esia-1002"))).status).toBe(400);
    const again = await signInAs("esia-1002");
    expect((await again.get(`/api/p/${SLUG}/me`)).body.id).not.toBe(first.id);
  });

  it("a vote that requires the provider's identity: a code-only resident and a minor by the provider's birth date may not vote", async () => {
    const economy = await app.as("economy");
    const realNow = app.ctx.now.bind(app.ctx);
    app.ctx.now = () => new Date(Date.now() - 60_000);
    const v = await economy.post("/api/portal/votes", {
      title: "Голосование с подтвержденной личностью",
      startsAt: new Date(Date.now() - 30_000).toISOString(),
      endsAt: new Date(Date.now() + 3_600_000).toISOString(),
      maxChoices: 1,
      winners: 1,
      eligibility: { minAge: 14, confirmedEmail: true, address: false, identityProvider: true },
      options: [{ title: "Парк" }, { title: "Сквер" }],
    });
    app.ctx.now = realNow;
    expect(v.status).toBe(201);
    expect(v.body.eligibility.identityProvider).toBe(true);
    const choice = { choices: [v.body.options[0].id] };

    const byCode = app.client();
    byCode.ip = "10.9.9.10";
    await byCode.post(`/api/p/${SLUG}/auth/code`, { email: "code-only@example.org" });
    const s = await byCode.post(`/api/p/${SLUG}/auth/sign-in`, {
      email: "code-only@example.org",
      code: await lastCode("code-only@example.org"),
      consent: true,
    });
    byCode.csrf = s.body.csrfToken;
    expect((await byCode.request("PUT", `/api/p/${SLUG}/me`, { fullName: "Кодов Код", birthYear: 1980 })).status).toBe(200);
    const refused = await byCode.post(`/api/p/${SLUG}/votes/${v.body.id}/ballot`, choice);
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toMatch(/поставщика идентификации/);

    // a minor by the provider's birth date: a year typed in the profile does not change that
    const minor = await signInAs("esia-1002");
    minor.csrf = await csrfOf(minor);
    expect((await minor.post(`/api/p/${SLUG}/votes/${v.body.id}/ballot`, choice)).status).toBe(403);
    const lie = await minor.request("PUT", `/api/p/${SLUG}/me`, { fullName: "Петрова Анна", birthYear: 1990 });
    expect(lie.status).toBe(400);
    expect(lie.body.error.issues[0].path).toBe("body.birthYear");

    const adult = await signInAs("esia-1001", {});
    adult.csrf = await csrfOf(adult);
    expect((await adult.post(`/api/p/${SLUG}/votes/${v.body.id}/ballot`, choice)).status).toBe(201);
  });
});

/** The form token of a resident signed in by the provider, read from a portal page. */
async function csrfOf(c: Client): Promise<string> {
  const page = String((await c.get(`/p/${SLUG}`)).body);
  return /name="csrf" value="([^"]+)"/.exec(page)![1]!;
}
