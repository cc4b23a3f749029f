import { describe, expect, it } from "vitest";
import pg from "pg";
import { main } from "../src/main.ts";
import { capture, useFixtureDatabase } from "./helpers.ts";

const database = useFixtureDatabase();

async function flag(login: string): Promise<boolean> {
  const c = new pg.Client({ connectionString: database.url });
  await c.connect();
  try {
    return (await c.query(`SELECT deployment_admin FROM app_user WHERE login = $1`, [login])).rows[0].deployment_admin;
  } finally {
    await c.end();
  }
}

describe("orientir deployment-admin", () => {
  it("makes an account a deployment administrator, lists them, and takes it back", async () => {
    expect(await flag("adminb")).toBe(false);
    const on = capture();
    expect(await main(["deployment-admin", "adminb"], on.io)).toBe(0);
    expect(await flag("adminb")).toBe(true);
    const list = capture();
    expect(await main(["deployment-admin", "--list"], list.io)).toBe(0);
    expect(list.out).toEqual(["adminb\tАдминистратор Б"]);
    expect(await main(["deployment-admin", "adminb", "--off"], capture().io)).toBe(0);
    expect(await flag("adminb")).toBe(false);
  });

  it("names an unknown login and refuses bad usage", async () => {
    const c = capture();
    expect(await main(["deployment-admin", "nobody"], c.io)).toBe(1);
    expect(c.err.join("\n")).toContain("login: Нет учетной записи «nobody»");
    expect(await main(["deployment-admin"], capture().io)).toBe(2);
    const help = capture();
    expect(await main(["deployment-admin", "--help"], help.io)).toBe(0);
    expect(help.out.join("\n")).toContain("orientir deployment-admin");
  });
});
