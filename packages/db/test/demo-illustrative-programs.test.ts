/**
 * Issue 11, part 4: what the demo adds that source 000 does not give is kept apart and named
 * illustrative. The three municipal programs of Kaluga live in illustrative-programs.ts (with the
 * header saying so), not beside the source's data, and the municipality still carries them.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { KALUGA } from "../src/seed/demo/index.ts";
import { KALUGA_PROGRAMS } from "../src/seed/demo/illustrative-programs.ts";
import { KALUGA_PROGRAMS as REEXPORTED } from "../src/seed/demo/kaluga.ts";

const src = (name: string) => readFileSync(new URL(`../src/seed/demo/${name}`, import.meta.url), "utf8");

describe("the demo's illustrative programs are kept apart from Kaluga's source data", () => {
  it("the municipality's programs are the illustrative module's, still exported from kaluga.ts", () => {
    expect(KALUGA.programs).toBe(KALUGA_PROGRAMS);
    expect(REEXPORTED).toBe(KALUGA_PROGRAMS);
    expect(KALUGA_PROGRAMS.map((p) => p.code)).toEqual(["МП-01", "МП-02", "МП-03"]);
  });
  it("the illustrative module opens with a header naming it illustrative", () => {
    expect(src("illustrative-programs.ts").slice(0, 200)).toMatch(/ILLUSTRATIVE PROGRAMS — NOT KALUGA'S FIGURES/);
  });
  it("kaluga.ts holds no program of its own (no ProgramDocument literal beside the source data)", () => {
    const text = src("kaluga.ts");
    expect(text).not.toMatch(/:\s*ProgramDocument\s*=/);
    expect(text).not.toMatch(/directions:\s*\[/);
  });
});
