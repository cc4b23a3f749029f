import { describe, expect, it } from "vitest";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { freePort, resolveDatabase } from "@orientir/db";
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
    const json = execFileSync(process.execPath, [bin, "programs", "--json"], { encoding: "utf8", env: { ...process.env, DATABASE_URL: database.ownerUrl } });
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
  it("keeps its data between runs", async () => {
    const dir = mkdtempSync(join(tmpdir(), "orientir-embedded-"));
    const saved = process.env.DATABASE_URL;
    delete process.env.DATABASE_URL;
    process.env.ORIENTIR_PG_PORT = String(await freePort());
    try {
      const first = await resolveDatabase({ dataDir: dir });
      const c1 = new pg.Client({ connectionString: first.url });
      await c1.connect();
      await c1.query("CREATE TABLE kept (v text)");
      await c1.query("INSERT INTO kept VALUES ('между запусками')");
      await c1.end();
      await first.stop();
      const second = await resolveDatabase({ dataDir: dir });
      const c2 = new pg.Client({ connectionString: second.url });
      await c2.connect();
      expect((await c2.query("SELECT v FROM kept")).rows[0].v).toBe("между запусками");
      await c2.end();
      await second.stop();
    } finally {
      process.env.DATABASE_URL = saved;
      delete process.env.ORIENTIR_PG_PORT;
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
