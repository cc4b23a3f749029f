import { describe, expect, it } from "vitest";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { appPasswordFile, freePort, migrate, resolveDatabase, superuserPasswordFile } from "@orientir/db";
import { main } from "../src/main.ts";
import { capture, useFixtureDatabase } from "./helpers.ts";

const root = new URL("../../..", import.meta.url).pathname;
const bin = join(root, "packages/cli/bin/orientir.mjs");

const database = useFixtureDatabase();

describe("npx orientir", () => {
  it("prints help for the tool and for each command, and refuses an unknown command", async () => {
    const r = spawnSync(process.execPath, [bin, "--help"], { encoding: "utf8" });
    expect(r.status).toBe(0);
    for (const cmd of ["serve", "migrate", "seed-demo", "programs"]) expect(r.stdout).toContain(cmd);
    for (const cmd of ["serve", "migrate", "seed-demo", "programs"]) {
      const c = capture();
      expect(await main([cmd, "--help"], c.io)).toBe(0);
      expect(c.out.join("\n")).toContain(`orientir ${cmd}`);
    }
    const bad = spawnSync(process.execPath, [bin, "frobnicate"], { encoding: "utf8" });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("unknown command: frobnicate");
  });

  it("lists programs as text and as JSON", async () => {
    const text = capture();
    expect(await main(["programs"], text.io)).toBe(0);
    expect(text.out).toContain("MP-1\tПрограмма А1\tГород А");
    const json = execFileSync(process.execPath, [bin, "programs", "--json"], {
      encoding: "utf8",
      env: { ...process.env, DATABASE_URL: database.ownerUrl },
    });
    const rows = JSON.parse(json);
    expect(rows).toEqual(
      expect.arrayContaining([
        { code: "MP-1", name: "Программа А1", municipality: "Город А" },
        { code: "MP-2", name: "Программа А2", municipality: "Город А" },
        { code: "MP-1", name: "Программа Б1", municipality: "Город Б" },
      ]),
    );
    expect(rows).toHaveLength(3);
    const bad = capture();
    expect(await main(["programs", "--yaml"], bad.io)).toBe(2);
  });

  it("migrates an empty database and verifies the audit log chain", async () => {
    const m = capture();
    expect(await main(["migrate"], m.io)).toBe(0);
    expect(m.out.join("\n")).toContain("up to date");
    const a = capture();
    expect(await main(["audit", "verify"], a.io)).toBe(0);
    expect(a.out.at(-1)).toMatch(/entries checked, 0 broken/);
  });

  it("audit verify detects a changed entry", async () => {
    const c = new pg.Client({ connectionString: database.ownerUrl });
    await c.connect();
    // the trigger guards the table; a superuser disabling it is the attack this check exists for
    await c.query("ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update");
    await c.query("UPDATE audit_log SET actor_login = 'mallory' WHERE id = (SELECT min(id) FROM audit_log)");
    await c.query("ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update");
    await c.end();
    const a = capture();
    expect(await main(["audit", "verify"], a.io)).toBe(1);
    expect(a.out.join("\n")).toMatch(/changed/);
  });
});

describe("embedded PostgreSQL", () => {
  it("keeps its data between runs; random passwords kept 0600 in the data folder; the app connects as a role that cannot rewrite the log", async () => {
    const dir = mkdtempSync(join(tmpdir(), "orientir-embedded-"));
    const saved = process.env.DATABASE_URL;
    delete process.env.DATABASE_URL;
    process.env.ORIENTIR_PG_PORT = String(await freePort());
    const mode = (f: string) => statSync(f).mode & 0o777;
    const canLogIn = async (url: string) => {
      const c = new pg.Client({ connectionString: url });
      try {
        await c.connect();
        return true;
      } catch {
        return false;
      } finally {
        await c.end().catch(() => {});
      }
    };
    try {
      const first = await resolveDatabase({ dataDir: dir });
      const superFile = superuserPasswordFile(join(dir, "pg"));
      const appFile = appPasswordFile(dir);
      for (const f of [superFile, appFile]) expect(mode(f), f).toBe(0o600);
      const superPassword = readFileSync(superFile, "utf8").trim();
      expect(superPassword).toMatch(/^[0-9a-f]{64}$/);
      expect(decodeURIComponent(new URL(first.url).password)).toBe(superPassword);
      // the fixed password of earlier versions opens nothing
      const legacy = new URL(first.url);
      legacy.password = "orientir";
      expect(await canLogIn(legacy.toString())).toBe(false);
      expect(first.separateAppRole).toBe(true);
      expect(new URL(first.appUrl).username).toBe("orientir_app");
      expect(decodeURIComponent(new URL(first.appUrl).password)).toBe(readFileSync(appFile, "utf8").trim());
      await migrate(first.url);
      const app = new pg.Client({ connectionString: first.appUrl });
      await app.connect();
      expect((await app.query(`SELECT rolsuper FROM pg_roles WHERE rolname = current_user`)).rows[0].rolsuper).toBe(false);
      await expect(app.query(`ALTER TABLE audit_log DISABLE TRIGGER ALL`)).rejects.toThrow(/must be owner/);
      await app.end();
      const c1 = new pg.Client({ connectionString: first.url });
      await c1.connect();
      await c1.query("CREATE TABLE kept (v text)");
      await c1.query("INSERT INTO kept VALUES ('между запусками')");
      // a data folder of an earlier version: the fixed password, no password file
      await c1.query("ALTER ROLE orientir PASSWORD 'orientir'");
      await c1.end();
      await first.stop();
      rmSync(superFile);
      const second = await resolveDatabase({ dataDir: dir });
      expect(mode(superFile)).toBe(0o600);
      expect(readFileSync(superFile, "utf8").trim()).not.toBe(superPassword);
      expect(await canLogIn(legacy.toString())).toBe(false);
      const c2 = new pg.Client({ connectionString: second.url });
      await c2.connect();
      expect((await c2.query("SELECT v FROM kept")).rows[0].v).toBe("между запусками");
      await c2.end();
      expect(await canLogIn(second.appUrl)).toBe(true);
      await second.stop();
    } finally {
      process.env.DATABASE_URL = saved;
      delete process.env.ORIENTIR_PG_PORT;
      rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);
});
