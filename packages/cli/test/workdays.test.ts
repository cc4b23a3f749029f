/** The `orientir workdays` command (packages/cli/src/commands/workdays.ts) over the domain calendar. */
import { describe, expect, it } from "vitest";
import { workdaysCommand } from "../src/commands/workdays.ts";

async function run(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await workdaysCommand(args, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

describe("orientir workdays", () => {
  it("add prints the date N working days later", async () => {
    expect(await run("add", "2025-04-30", "1")).toEqual({ code: 0, out: "2025-05-05", err: "" });
    expect((await run("add", "31.10.2025", "1")).out).toBe("2025-11-01");
    expect((await run("add", "2025-05-12", "-1")).out).toBe("2025-05-07");
    // Kyrgyzstan: 1–9 May 2025 are days off (the May holidays of the Labour Code of 2025).
    expect((await run("add", "2025-04-30", "1", "--country", "KG")).out).toBe("2025-05-12");
    expect((await run("--country=KG", "add", "2025-05-02", "1")).out).toBe("2025-05-12");
  });

  it("between prints the number of working days in (A, B]", async () => {
    expect(await run("between", "2024-12-31", "2025-12-31")).toEqual({ code: 0, out: "247", err: "" });
    expect((await run("between", "2025-05-12", "2025-04-30")).out).toBe("-4");
  });

  it("--help explains both subcommands", async () => {
    const r = await run("--help");
    expect(r.code).toBe(0);
    expect(r.out).toContain("workdays add DATE N");
    expect(r.out).toContain("workdays between A B");
  });

  it("bad input: a clear error and exit code 2", async () => {
    const bad = await run("add", "2025-02-30", "1");
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('"2025-02-30"');
    expect((await run("between", "2025-01-01", "soon")).err).toContain('B is not a valid date: "soon"');
    expect((await run("add", "2025-01-01", "x")).code).toBe(2);
    expect((await run("add", "2025-01-01")).code).toBe(2);
    expect((await run("subtract", "2025-01-01", "1")).code).toBe(2);
    expect((await run("add", "2025-01-01", "1", "--country", "FR")).err).toContain("RU, KG");
    const outside = await run("add", "2030-01-01", "1");
    expect(outside.code).toBe(2);
    expect(outside.err).toContain("2013–2027");
  });
});
