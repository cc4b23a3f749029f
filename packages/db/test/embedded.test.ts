/**
 * The embedded PostgreSQL on a port that another program holds: refused with a clear error when the
 * port was asked for, moved to a free port otherwise; a server of an earlier process on the same
 * folder is reused.
 */
import { afterAll, describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { freePort, startEmbedded, superuserPasswordFile, type EmbeddedServer } from "../src/embedded.ts";

const dir = mkdtempSync(join(tmpdir(), "orientir-embedded-"));
const blocker = net.createServer();
let started: EmbeddedServer | null = null;

afterAll(async () => {
  await started?.stop();
  blocker.close();
  rmSync(dir, { recursive: true, force: true });
});

async function answers(url: string): Promise<string> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<{ data_directory: string }>("SHOW data_directory")).rows[0]!.data_directory;
  } finally {
    await c.end();
  }
}

describe("the embedded server and a taken port", () => {
  it("refuses a taken port it was told to use, naming the port and the setting", async () => {
    const port = await freePort();
    await new Promise<void>((ok) => blocker.listen(port, "127.0.0.1", () => ok()));
    await expect(startEmbedded({ dataDir: join(dir, "pg"), port, persistent: false })).rejects.toThrow(
      new RegExp(`порт ${port} занят.*ORIENTIR_PG_PORT`),
    );
  });

  it("takes a free port when allowed, and says so", async () => {
    const port = (blocker.address() as net.AddressInfo).port;
    const notices: string[] = [];
    started = await startEmbedded({
      dataDir: join(dir, "pg"),
      port,
      anyPortIfTaken: true,
      persistent: false,
      notice: (m) => notices.push(m),
    });
    expect(started.port).not.toBe(port);
    expect(notices).toEqual([`port ${port} is taken by another program: the embedded PostgreSQL uses port ${started.port}`]);
    expect(await answers(started.url)).toContain(dir.split("/").pop());
    // the superuser's password: random, kept beside the data folder, readable by its owner only
    const file = superuserPasswordFile(join(dir, "pg"));
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(decodeURIComponent(new URL(started.url).password)).toBe(readFileSync(file, "utf8").trim());
    expect(readFileSync(file, "utf8").trim()).toMatch(/^[0-9a-f]{64}$/);
  }, 120_000);

  it("reuses its own server of an earlier process on the same folder, and refuses one on another folder", async () => {
    const again = await startEmbedded({ dataDir: join(dir, "pg"), port: started!.port, persistent: false });
    expect(again.url).toBe(started!.url);
    await expect(startEmbedded({ dataDir: join(dir, "other"), port: started!.port, persistent: false })).rejects.toThrow(
      /занят другой программой/,
    );
  });
});
