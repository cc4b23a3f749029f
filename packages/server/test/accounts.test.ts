/**
 * Accounts and sessions (issue 9, parts 1 and 2), through the API against the real PostgreSQL:
 * the takeover of another municipality's account is refused; sessions end when they must and
 * at their absolute lifetime; login throttling holds under 50 parallel attempts, backs off and
 * does not let one address lock other people's accounts; the TOTP second factor.
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { base32Decode, seedMunicipalities, totp } from "@orientir/app";
import { FIXTURE_PASSWORD, MUNICIPALITY_A, MUNICIPALITY_B, createTestApp, type Client, type TestApp } from "@orientir/testing";

let app: TestApp;

async function userId(login: string): Promise<string> {
  const r = await app.ctx.db.query<any>(`SELECT id FROM app_user WHERE login = $1`, [login]);
  return r.rows[0].id;
}

async function sessionsOf(login: string): Promise<number> {
  const r = await app.ctx.db.query<any>(`SELECT count(*)::int AS n FROM session s JOIN app_user u ON u.id = s.user_id WHERE u.login = $1`, [
    login,
  ]);
  return r.rows[0].n;
}

/** How many times the password of a login was checked (each check is recorded after it is made). */
async function passwordChecks(login: string): Promise<number> {
  const r = await app.ctx.db.query<any>(`SELECT count(*)::int AS n FROM login_attempt WHERE login = $1`, [login]);
  return r.rows[0].n;
}

async function addUsers(users: Parameters<typeof seedMunicipalities>[2], password = FIXTURE_PASSWORD) {
  await seedMunicipalities(app.ctx, [MUNICIPALITY_A, MUNICIPALITY_B], users, password);
}

function clientAt(ip: string): Client {
  const c = app.client();
  c.ip = ip;
  return c;
}

beforeAll(async () => {
  app = await createTestApp();
  await addUsers([
    // a viewer of A (Kaluga's user in the issue's words), one of both A and B, and a deployment administrator
    {
      login: "kaluga",
      fullName: "Пользователь А",
      memberships: [{ municipality: "Город А", role: "economy", department: "Управление экономики" }],
    },
    {
      login: "both",
      fullName: "Общий пользователь",
      email: "both@city.example",
      memberships: [
        { municipality: "Город А", role: "admin" },
        { municipality: "Город Б", role: "admin" },
      ],
    },
    {
      login: "root",
      fullName: "Администратор развертывания",
      deploymentAdmin: true,
      memberships: [{ municipality: "Город Б", role: "admin" }],
    },
  ]);
});

afterAll(async () => {
  await app.close();
});

describe("the takeover of another municipality's account (issue 9, item 1)", () => {
  it("B's administrator cannot claim, reset or disable a user of A, nor one shared with A", async () => {
    const victim = await app.as("kaluga");
    const adminB = await app.as("adminb");
    const kalugaId = await userId("kaluga");
    const bothId = await userId("both");

    // 1. «create» with the existing login: refused, the user is not added to B
    const claim = await adminB.post("/api/users", { login: "kaluga", fullName: "Захват", password: "attacker-password-1", role: "admin" });
    expect(claim.status).toBe(400);
    expect(claim.body.error.issues[0].path).toBe("login");
    expect((await adminB.get("/api/users")).body.items.map((u: { login: string }) => u.login)).not.toContain("kaluga");

    // 2. the password, name and active flag of A's user: not found from B
    expect((await adminB.patch(`/api/users/${kalugaId}`, { version: 1, password: "attacker-password-1" })).status).toBe(404);
    expect((await app.client().login("kaluga", "attacker-password-1")).status).toBe(401);

    // 3. the account shared by A and B: B's administrator sees its role in B, but cannot touch the account
    const list = (await adminB.get("/api/users")).body.items;
    const shared = list.find((u: { login: string }) => u.login === "both");
    expect(shared).toMatchObject({ shared: true, role: "admin" });
    for (const patch of [{ password: "attacker-password-1" }, { fullName: "Захвачен" }, { isActive: false }]) {
      const r = await adminB.patch(`/api/users/${bothId}`, { version: shared.version, ...patch });
      expect(r.status, JSON.stringify(patch)).toBe(403);
    }
    const email = await adminB.request("PUT", `/api/monitoring/users/${bothId}/email`, { email: "attacker@evil.example" });
    expect(email.status).toBe(403);
    const row = (await app.ctx.db.query<any>(`SELECT full_name, is_active, email FROM app_user WHERE id = $1`, [bothId])).rows[0];
    expect(row).toEqual({ full_name: "Общий пользователь", is_active: true, email: "both@city.example" });
    expect((await app.client().login("both")).status).toBe(200);
    expect((await app.client().login("both", "attacker-password-1")).status).toBe(401);
    // the victim's session is untouched
    expect((await victim.get("/api/auth/me")).status).toBe(200);
  });

  it("a deployment administrator manages the shared account; its other sessions end on a new password", async () => {
    const root = await app.as("root");
    const both = await app.as("both");
    const bothId = await userId("both");
    const before = (await root.get("/api/users")).body.items.find((u: { login: string }) => u.login === "both");
    const r = await root.patch(`/api/users/${bothId}`, { version: before.version, password: "new-shared-password-1" });
    expect(r.status).toBe(200);
    expect((await both.get("/api/auth/me")).status).toBe(401);
    expect((await app.client().login("both", "new-shared-password-1")).status).toBe(200);
    // and may give an account that exists elsewhere a role here (its password is kept)
    const add = await root.post("/api/users", { login: "kaluga", fullName: "—", password: "ignored-password-1", role: "viewer" });
    expect(add.status).toBe(201);
    expect(add.body).toMatchObject({ login: "kaluga", shared: true, role: "viewer" });
    expect((await app.client().login("kaluga")).status).toBe(200);
  });
});

describe("sessions end when the account changes (issue 9, item 2)", () => {
  it("a password reset, disabling, a role change and removal each end the user's sessions", async () => {
    const admin = await app.as("admin");
    await addUsers([{ login: "temp", fullName: "Временный", memberships: [{ municipality: "Город А", role: "head" }] }]);
    const id = await userId("temp");
    const version = async () => (await admin.get("/api/users")).body.items.find((u: { id: string }) => u.id === id).version;

    const steps: [string, () => Promise<unknown>][] = [
      [
        "password",
        async () =>
          expect((await admin.patch(`/api/users/${id}`, { version: await version(), password: "reset-password-1" })).status).toBe(200),
      ],
      ["role", async () => expect((await admin.patch(`/api/users/${id}`, { version: await version(), role: "viewer" })).status).toBe(200)],
      [
        "disable",
        async () => expect((await admin.patch(`/api/users/${id}`, { version: await version(), isActive: false })).status).toBe(200),
      ],
    ];
    let password = FIXTURE_PASSWORD;
    for (const [what, act] of steps) {
      const s1 = app.client();
      const s2 = app.client();
      expect((await s1.login("temp", password)).status, what).toBe(200);
      expect((await s2.login("temp", password)).status, what).toBe(200);
      await act();
      if (what === "password") password = "reset-password-1";
      expect((await s1.get("/api/auth/me")).status, what).toBe(401);
      expect((await s2.get("/api/auth/me")).status, what).toBe(401);
      expect(await sessionsOf("temp"), what).toBe(0);
    }
    // disabled: cannot sign in; enabled again, then the role removed: the session ends
    expect((await app.client().login("temp", password)).status).toBe(401);
    expect((await admin.patch(`/api/users/${id}`, { version: await version(), isActive: true })).status).toBe(200);
    const s = app.client();
    expect((await s.login("temp", password)).status).toBe(200);
    expect((await admin.delete(`/api/users/${id}`)).status).toBe(204);
    expect((await s.get("/api/auth/me")).status).toBe(401);
  });

  it("changing one's own password keeps this session and ends the others", async () => {
    await addUsers([{ login: "self", fullName: "Сам", memberships: [{ municipality: "Город А", role: "viewer" }] }]);
    const here = await app.as("self");
    const elsewhere = await app.as("self");
    const r = await here.post("/api/auth/password", { currentPassword: FIXTURE_PASSWORD, newPassword: "my-new-password-1" });
    expect(r.status).toBe(204);
    expect((await here.get("/api/auth/me")).status).toBe(200);
    expect((await elsewhere.get("/api/auth/me")).status).toBe(401);
    expect((await app.client().login("self")).status).toBe(401);
    expect((await app.client().login("self", "my-new-password-1")).status).toBe(200);
    // a short new password names the field
    const short = await here.post("/api/auth/password", { currentPassword: "my-new-password-1", newPassword: "short" });
    expect(short.status).toBe(400);
    expect(short.body.error.issues[0].path).toBe("newPassword");
  });

  it("a session ends at its absolute lifetime however active it is", async () => {
    await addUsers([{ login: "longday", fullName: "Долгий день", memberships: [{ municipality: "Город А", role: "viewer" }] }]);
    const c = await app.as("longday");
    const s = (await app.ctx.db.query<any>(`SELECT s.* FROM session s JOIN app_user u ON u.id = s.user_id WHERE u.login = 'longday'`))
      .rows[0];
    const hours = (a: Date, b: Date) => (a.getTime() - b.getTime()) / 3600_000;
    expect(hours(s.absolute_expires_at, s.created_at)).toBeCloseTo(app.ctx.config.sessionMaxHours, 2);
    expect(s.expires_at.getTime()).toBeLessThanOrEqual(s.absolute_expires_at.getTime());
    // the sign-in was 12 hours ago, the last request a minute ago: the idle expiry is far, the absolute one passed
    await app.ctx.db.query<any>(
      `UPDATE session SET created_at = now() - interval '12 hours', last_seen_at = now() - interval '1 minute',
         expires_at = now() + interval '3 hours', absolute_expires_at = now() - interval '1 second' WHERE id = $1`,
      [s.id],
    );
    expect((await c.get("/api/auth/me")).status).toBe(401);
    // a request never slides the idle expiry past the absolute end
    const d = await app.as("longday");
    // (the session's row is written at most once a minute: its last refresh made a minute old)
    await app.ctx.db.query<any>(
      `UPDATE session SET absolute_expires_at = now() + interval '10 minutes', last_seen_at = now() - interval '61 seconds' WHERE user_id = $1 AND absolute_expires_at > now()`,
      [await userId("longday")],
    );
    expect((await d.get("/api/auth/me")).status).toBe(200);
    const after = (
      await app.ctx.db.query<any>(
        `SELECT expires_at, absolute_expires_at FROM session WHERE user_id = $1 AND absolute_expires_at > now()`,
        [await userId("longday")],
      )
    ).rows;
    expect(after).toHaveLength(1);
    expect(after[0].expires_at.getTime()).toBe(after[0].absolute_expires_at.getTime());
  });
});

describe("the session's row is refreshed at most once a minute (issue 16, part 2)", () => {
  it("a signed-in request is one SELECT; the row is written only when its last refresh is 60 s old, and the lifetimes still hold", async () => {
    // the look-up itself, as every request makes it without the sessions' cache (below)
    app.ctx.config.sessionCache = false;
    onTestFinished(() => {
      delete app.ctx.config.sessionCache;
    });
    await addUsers([{ login: "minutely", fullName: "Поминутный", memberships: [{ municipality: "Город А", role: "viewer" }] }]);
    const c = await app.as("minutely");
    const row = async () =>
      (
        await app.ctx.db.query<any>(`SELECT id, last_seen_at, expires_at, absolute_expires_at FROM session WHERE user_id = $1`, [
          await userId("minutely"),
        ])
      ).rows[0];
    const s0 = await row();
    // every statement the request runs on the pool (the session's look-up; /api/auth/me itself reads nothing)
    const statements: string[] = [];
    const query = app.ctx.db.query.bind(app.ctx.db);
    app.ctx.db.query = async (text: string, values?: unknown[]) => {
      statements.push(text.trim().split(/\s+/)[0]!.toUpperCase());
      return query(text, values);
    };
    try {
      for (let i = 0; i < 3; i++) expect((await c.get("/api/auth/me")).status).toBe(200);
      expect(statements).toEqual(["SELECT", "SELECT", "SELECT"]);
      const s1 = await row();
      expect(s1.last_seen_at.getTime()).toBe(s0.last_seen_at.getTime());
      expect(s1.expires_at.getTime()).toBe(s0.expires_at.getTime());

      // 59 s since the last refresh: still no write
      await app.ctx.db.query<any>(
        `UPDATE session SET last_seen_at = now() - interval '59 seconds', expires_at = now() + interval '1 hour' WHERE id = $1`,
        [s0.id],
      );
      statements.length = 0;
      expect((await c.get("/api/auth/me")).status).toBe(200);
      expect(statements).toEqual(["SELECT"]);
      const s2 = await row();
      expect(s2.expires_at.getTime() - Date.now()).toBeLessThan(3600_000 + 5_000);

      // 61 s: this request refreshes the row (idle expiry slid forward, never past the absolute end)
      await app.ctx.db.query<any>(`UPDATE session SET last_seen_at = now() - interval '61 seconds' WHERE id = $1`, [s0.id]);
      statements.length = 0;
      expect((await c.get("/api/auth/me")).status).toBe(200);
      expect(statements).toEqual(["SELECT", "UPDATE"]);
      const s3 = await row();
      expect(Math.abs(s3.last_seen_at.getTime() - Date.now())).toBeLessThan(5_000);
      const idle = app.ctx.config.sessionTtlHours * 3600_000;
      expect(s3.expires_at.getTime()).toBe(Math.min(s3.absolute_expires_at.getTime(), s3.last_seen_at.getTime() + idle));
      // and the next request within the minute writes nothing again
      statements.length = 0;
      expect((await c.get("/api/auth/me")).status).toBe(200);
      expect(statements).toEqual(["SELECT"]);
    } finally {
      app.ctx.db.query = query;
    }
    // the idle expiry still ends the session though its row was not written on each request
    await app.ctx.db.query<any>(`UPDATE session SET expires_at = now() - interval '1 second' WHERE id = $1`, [s0.id]);
    expect((await c.get("/api/auth/me")).status).toBe(401);
  });
});

describe("the sessions this process keeps (issue 16, part 2)", () => {
  /** Every statement the requests send (the pool's, not the test's own). */
  function recorded() {
    const statements: string[] = [];
    const query = app.ctx.db.query.bind(app.ctx.db);
    app.ctx.db.query = async (text: string, values?: unknown[]) => {
      statements.push(text.trim().split(/\s+/)[0]!.toUpperCase());
      return query(text, values);
    };
    onTestFinished(() => {
      app.ctx.db.query = query;
    });
    return statements;
  }
  /** Another process's change: a connection of its own, committed there (the database tells the listeners). */
  async function elsewhere(sql: string, values: unknown[]) {
    const c = new pg.Client({ connectionString: app.ownerUrl });
    await c.connect();
    try {
      await c.query(sql, values);
    } finally {
      await c.end();
    }
  }
  /** Asks /api/auth/me until its answer is what is awaited; the notice of another process's change arrives within moments. */
  async function until(c: Client, awaited: (r: Awaited<ReturnType<Client["get"]>>) => boolean) {
    const started = Date.now();
    while (Date.now() - started < 5_000) {
      if (awaited(await c.get("/api/auth/me"))) return true;
      await new Promise((r) => setTimeout(r, 20));
    }
    return false;
  }

  it("a kept session sends no statement; a change in this process is seen by its very next request", async () => {
    await addUsers([{ login: "kept", fullName: "Хранимый", memberships: [{ municipality: "Город А", role: "viewer" }] }]);
    const c = await app.as("kept");
    const statements = recorded();
    for (let i = 0; i < 3; i++) expect((await c.get("/api/auth/me")).status).toBe(200);
    // the first request looks the session up, the next two find it kept
    expect(statements).toEqual(["SELECT"]);

    // the administrator renames the user (the session goes on): the next request has the new name, not the kept one
    const admin = await app.as("admin");
    const users = (await admin.get("/api/users")).body.items as any[];
    const kept = users.find((u) => u.login === "kept");
    const renamed = await admin.patch(`/api/users/${kept.id}`, { version: kept.version, fullName: "Хранимый Переименованный" });
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
    expect((await c.get("/api/auth/me")).body.user.fullName).toBe("Хранимый Переименованный");

    // signed out: the same cookie is refused at once
    const cookie = c.cookie;
    expect((await c.post("/api/auth/logout", {})).status).toBeLessThan(300);
    c.cookie = cookie;
    expect((await c.get("/api/auth/me")).status).toBe(401);
  });

  it("a change committed by another process reaches the kept session: disabled, then the role removed", async () => {
    await addUsers([{ login: "remote", fullName: "Удалённый", memberships: [{ municipality: "Город А", role: "viewer" }] }]);
    const c = await app.as("remote");
    expect((await c.get("/api/auth/me")).status).toBe(200);
    expect((await c.get("/api/auth/me")).status).toBe(200);
    await elsewhere(`UPDATE app_user SET is_active = false WHERE login = $1`, ["remote"]);
    expect(await until(c, (r) => r.status === 401)).toBe(true);
    await elsewhere(`UPDATE app_user SET is_active = true WHERE login = $1`, ["remote"]);
    expect(await until(c, (r) => r.status === 200)).toBe(true);
    await elsewhere(`DELETE FROM membership WHERE user_id = (SELECT id FROM app_user WHERE login = $1)`, ["remote"]);
    // no role left in any municipality
    expect(await until(c, (r) => r.status === 200 && r.body.memberships.length === 0)).toBe(true);
    expect((await c.get("/api/programs")).status).toBe(403);
  });

  it("the row's refresh still comes once a minute when the session is kept", async () => {
    await addUsers([{ login: "keptminute", fullName: "Поминутно хранимый", memberships: [{ municipality: "Город А", role: "viewer" }] }]);
    const c = await app.as("keptminute");
    expect((await c.get("/api/auth/me")).status).toBe(200);
    const id = (await app.ctx.db.query<any>(`SELECT s.id FROM session s JOIN app_user u ON u.id = s.user_id WHERE u.login = 'keptminute'`))
      .rows[0].id;
    // the refresh is due; what the process keeps is forgotten (as after any told change)
    await app.ctx.db.query(`UPDATE session SET last_seen_at = now() - interval '61 seconds' WHERE id = $1`, [id]);
    await elsewhere(`SELECT pg_notify('orientir_auth', $1)`, [`s:${id}`]);
    const statements = recorded();
    for (let i = 0; i < 50 && statements.length === 0; i++) {
      expect((await c.get("/api/auth/me")).status).toBe(200);
      if (statements.length === 0) await new Promise((r) => setTimeout(r, 20));
    }
    expect(statements).toEqual(["SELECT", "UPDATE"]);
    const seen = (await app.ctx.db.query<any>(`SELECT last_seen_at FROM session WHERE id = $1`, [id])).rows[0].last_seen_at;
    expect(Math.abs(seen.getTime() - Date.now())).toBeLessThan(5_000);
    statements.length = 0;
    expect((await c.get("/api/auth/me")).status).toBe(200);
    expect(statements).toEqual([]);
  });
});

describe("login throttling (issue 9, item 2)", () => {
  it("50 parallel wrong passwords for one account: at most 5 are checked, the rest are told the account is locked", async () => {
    await addUsers([{ login: "target", fullName: "Цель", memberships: [{ municipality: "Город А", role: "viewer" }] }]);
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => clientAt(`10.0.${Math.floor(i / 10)}.${(i % 10) + 1}`).login("target", `wrong-${i}`)),
    );
    const statuses = results.map((r) => r.status);
    expect(await passwordChecks("target")).toBeLessThanOrEqual(5);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(5);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(45);
    // even the right password is refused for now, with a clear message and when to retry
    const locked = await app.client().login("target");
    expect(locked.status).toBe(429);
    expect(locked.body.error.message).toMatch(/заблокирован/);
    expect(Number(locked.headers["retry-after"])).toBeGreaterThan(0);
    expect(Number(locked.headers["retry-after"])).toBeLessThanOrEqual(30);
    expect(await passwordChecks("target")).toBeLessThanOrEqual(5);
  });

  it("the lock backs off: short at first, doubling with each further failure, and a right password clears it", async () => {
    await addUsers([{ login: "backoff", fullName: "Отсрочка", memberships: [{ municipality: "Город А", role: "viewer" }] }]);
    const c = clientAt("10.1.0.1");
    for (let i = 0; i < 5; i++) expect((await c.login("backoff", "wrong")).status).toBe(401);
    const first = await c.login("backoff", "wrong");
    expect(first.status).toBe(429);
    const wait1 = Number(first.headers["retry-after"]);
    const expire = () =>
      app.ctx.db.query<any>(`UPDATE login_throttle SET locked_until = now() - interval '1 second' WHERE key = 'login:backoff'`);
    await expire();
    expect((await c.login("backoff", "wrong")).status).toBe(401); // one more try once the lock is over
    const wait2 = Number((await c.login("backoff", "wrong")).headers["retry-after"]);
    await expire();
    expect((await c.login("backoff", "wrong")).status).toBe(401);
    const wait3 = Number((await c.login("backoff", "wrong")).headers["retry-after"]);
    expect(wait1).toBeLessThanOrEqual(30);
    expect(wait2).toBeGreaterThan(wait1 * 1.5);
    expect(wait3).toBeGreaterThan(wait2 * 1.5);
    expect(wait3).toBeLessThanOrEqual(app.ctx.config.loginMaxLockSeconds);
    await expire();
    expect((await c.login("backoff")).status).toBe(200);
    // cleared: five wrong passwords are allowed again before a lock
    for (let i = 0; i < 4; i++) expect((await c.login("backoff", "wrong")).status).toBe(401);
    expect((await c.login("backoff")).status).toBe(200);
  });

  it("the per-address limit throttles that address only, and does not lock the account for others", async () => {
    await addUsers([{ login: "victim", fullName: "Жертва", memberships: [{ municipality: "Город А", role: "viewer" }] }]);
    const attacker = clientAt("10.2.0.66");
    // spraying other logins from one address
    for (let i = 0; i < app.ctx.config.loginMaxFailuresPerIp; i++) await attacker.login(`nobody-${i}`, "wrong");
    const blocked = await attacker.login("victim");
    expect(blocked.status).toBe(429);
    expect(blocked.body.error.message).toMatch(/адреса/);
    // the victim, from their own address, signs in
    expect((await clientAt("10.2.0.7").login("victim")).status).toBe(200);
    // and the address's attempts on the victim while throttled did not count against the account
    for (let i = 0; i < 10; i++) expect((await attacker.login("victim", "wrong")).status).toBe(429);
    expect((await clientAt("10.2.0.8").login("victim")).status).toBe(200);
  });
});

describe("second factor (TOTP)", () => {
  const codeOf = (secret: string, at = new Date()) => totp(base32Decode(secret), at);

  it("enrol, sign in with a code, a code is accepted once, recovery codes work once, disable", async () => {
    await addUsers([
      {
        login: "twofa",
        fullName: "Двухфакторный",
        memberships: [{ municipality: "Город А", role: "executor", department: "Управление образования" }],
      },
    ]);
    const c = await app.as("twofa");
    const setup = await c.post("/api/auth/totp/setup", {});
    expect(setup.status).toBe(200);
    expect(setup.body.uri).toContain(`secret=${setup.body.secret}`);
    expect((await c.post("/api/auth/totp/confirm", { code: "000000" })).status).toBe(400);
    const confirmAt = new Date();
    const confirmed = await c.post("/api/auth/totp/confirm", { code: codeOf(setup.body.secret, confirmAt) });
    expect(confirmed.status).toBe(200);
    const recovery: string[] = confirmed.body.recoveryCodes;
    expect(recovery).toHaveLength(10);
    // only hashes are stored
    const stored = (
      await app.ctx.db.query<any>(`SELECT code_hash FROM totp_recovery_code WHERE user_id = $1`, [await userId("twofa")])
    ).rows.map((r) => r.code_hash);
    expect(stored).toHaveLength(10);
    for (const code of recovery) expect(stored).not.toContain(code);
    expect((await c.get("/api/auth/totp")).body).toEqual({ enabled: true, required: false, recoveryCodesLeft: 10 });

    // the password alone is no longer a session
    const d = app.client();
    const first = await d.login("twofa");
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ secondFactor: "totp" });
    expect(first.body.csrfToken).toBeUndefined();
    expect((await d.get("/api/auth/me")).status).toBe(401);
    expect((await d.post("/api/auth/totp", { pendingToken: first.body.pendingToken, code: "000000" })).status).toBe(401);
    // the code used to confirm the enrolment is not accepted again; the next step's is
    expect(
      (await d.post("/api/auth/totp", { pendingToken: first.body.pendingToken, code: codeOf(setup.body.secret, confirmAt) })).status,
    ).toBe(401);
    const next = codeOf(setup.body.secret, new Date(confirmAt.getTime() + 30_000));
    const ok = await d.post("/api/auth/totp", { pendingToken: first.body.pendingToken, code: next });
    expect(ok.status).toBe(200);
    expect(ok.body.user.login).toBe("twofa");
    d.csrf = ok.body.csrfToken;
    expect((await d.get("/api/auth/me")).status).toBe(200);
    // the pending token is spent
    expect((await app.client().post("/api/auth/totp", { pendingToken: first.body.pendingToken, code: next })).status).toBe(401);

    // a recovery code, once
    const e = app.client();
    const p1 = (await e.login("twofa")).body.pendingToken;
    expect((await e.post("/api/auth/totp", { pendingToken: p1, code: recovery[0]!.toUpperCase() })).status).toBe(200);
    const f = app.client();
    const p2 = (await f.login("twofa")).body.pendingToken;
    expect((await f.post("/api/auth/totp", { pendingToken: p2, code: recovery[0] })).status).toBe(401);
    expect((await f.post("/api/auth/totp", { pendingToken: p2, code: recovery[1] })).status).toBe(200);

    // disable with the password
    expect((await d.post("/api/auth/totp/disable", { password: FIXTURE_PASSWORD })).status).toBe(204);
    expect((await app.client().login("twofa")).body.csrfToken).toBeTruthy();
  });

  it("a pending sign-in allows only a few codes, and wrong codes count against the account", async () => {
    await addUsers([{ login: "guess", fullName: "Подбор", memberships: [{ municipality: "Город А", role: "viewer" }] }]);
    const c = await app.as("guess");
    const setup = await c.post("/api/auth/totp/setup", {});
    expect((await c.post("/api/auth/totp/confirm", { code: codeOf(setup.body.secret) })).status).toBe(200);
    const statuses: number[] = [];
    let checked = 0;
    for (let round = 0; round < 3; round++) {
      const a = app.client();
      const r = await a.login("guess");
      if (r.status !== 200) {
        statuses.push(r.status);
        continue;
      }
      for (let i = 0; i < 6; i++) {
        const t = await a.post("/api/auth/totp", { pendingToken: r.body.pendingToken, code: String(100000 + i) });
        statuses.push(t.status);
        if (t.status === 401) checked += t.body.error.message === "Неверный код" ? 1 : 0;
      }
    }
    // five wrong codes lock the account: no endless guessing by signing in again
    expect(checked).toBeLessThanOrEqual(5);
    expect(statuses).toContain(429);
  });

  it("a lost phone: the administrator resets the second factor of an account of their municipality, and its sessions end", async () => {
    await addUsers([{ login: "lost", fullName: "Потерял телефон", memberships: [{ municipality: "Город А", role: "viewer" }] }]);
    const c = await app.as("lost");
    const setup = await c.post("/api/auth/totp/setup", {});
    expect((await c.post("/api/auth/totp/confirm", { code: codeOf(setup.body.secret) })).status).toBe(200);
    expect((await app.client().login("lost")).body.secondFactor).toBe("totp");
    const admin = await app.as("admin");
    const row = (await admin.get("/api/users")).body.items.find((u: { login: string }) => u.login === "lost");
    expect(row.totpEnabled).toBe(true);
    // B's administrator does not even find it
    expect((await (await app.as("adminb")).patch(`/api/users/${row.id}`, { version: row.version, resetSecondFactor: true })).status).toBe(
      404,
    );
    const r = await admin.patch(`/api/users/${row.id}`, { version: row.version, resetSecondFactor: true });
    expect(r.status).toBe(200);
    expect(r.body.totpEnabled).toBe(false);
    expect((await c.get("/api/auth/me")).status).toBe(401);
    expect((await app.client().login("lost")).body.csrfToken).toBeTruthy();
  });

  it("required for administrators when the deployment says so: enrolment at sign-in, no disabling", async () => {
    app.ctx.config.requireTotpForAdmins = true;
    try {
      await addUsers([{ login: "admin2", fullName: "Второй администратор", memberships: [{ municipality: "Город А", role: "admin" }] }]);
      const c = app.client();
      const r = await c.login("admin2");
      expect(r.body).toMatchObject({ secondFactor: "enrol" });
      expect((await c.get("/api/users")).status).toBe(401);
      const setup = await c.post("/api/auth/totp/setup", { pendingToken: r.body.pendingToken });
      expect(setup.status).toBe(200);
      expect((await c.post("/api/auth/totp", { pendingToken: r.body.pendingToken, code: "000000" })).status).toBe(401);
      const done = await c.post("/api/auth/totp", { pendingToken: r.body.pendingToken, code: codeOf(setup.body.secret) });
      expect(done.status).toBe(200);
      expect(done.body.recoveryCodes).toHaveLength(10);
      expect(done.body.totp).toEqual({ enabled: true, required: true });
      c.csrf = done.body.csrfToken;
      expect((await c.get("/api/users")).status).toBe(200);
      const off = await c.post("/api/auth/totp/disable", { password: FIXTURE_PASSWORD });
      expect(off.status).toBe(400);
      // employees who are not administrators still sign in with the password alone
      expect((await app.client().login("viewer")).body.csrfToken).toBeTruthy();
    } finally {
      app.ctx.config.requireTotpForAdmins = false;
    }
  });
});
