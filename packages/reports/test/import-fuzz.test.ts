/**
 * A fuzz run of the import over mutated real workbooks (issue 9, part 3): Orientir's own plain
 * workbook and forms, mutated in their zip bytes or in the XML of their parts (hostile addresses,
 * rows, ranges, DTDs, nesting, cut and repeated pieces). Every case must end — with a document or
 * with issues — without an exception, within 2 s and without the heap growing past 100 MB.
 * `npm test` runs a short fixed-seed run; ORIENTIR_LONG_TESTS=1 runs a long one with a new seed
 * (ORIENTIR_FUZZ_SEED=N repeats a run).
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import JSZip from "jszip";
import { FORMS, parseProgramWorkbook, renderForm, renderPlainWorkbook } from "../src/index.ts";
import { MUNICIPALITY_A, richProgram } from "./data.ts";
import { measured } from "./hostile.ts";

const LONG = process.env.ORIENTIR_LONG_TESTS === "1";
const RUNS = LONG ? 1500 : 60;
const SEED = process.env.ORIENTIR_FUZZ_SEED ? Number(process.env.ORIENTIR_FUZZ_SEED) : LONG ? Date.now() % 2 ** 31 : 20260903;
const P = richProgram();
const context = { sources: MUNICIPALITY_A.budgetSources };

const SNIPPETS = [
  '<c r="XFD1"><v>1</v></c>',
  '<row r="1048576"><c r="A1048576"><v>1</v></c></row>',
  '<row r="0">',
  '<c r="ZZZZ9"/>',
  '<c r="AMJ50000" t="s"><v>999999</v></c>',
  '<mergeCell ref="A1:XFD1048576"/>',
  '<mergeCell ref="B2:A1"/>',
  '<col min="1" max="16384"/>',
  '<col min="5" max="2"/>',
  '<dataValidation sqref="A1:AMJ5000"/>',
  '<!DOCTYPE x [<!ENTITY a "aaaa">]>',
  "&a;",
  "<!--",
  "-->",
  "<![CDATA[",
  "]]>",
  "<?pi x?>",
  "<x>".repeat(200),
  "</row>",
  "</sheetData>",
  '"',
  "'",
  "<",
  ">",
  "\u0000",
  '<c r="A1" t="s"><v>-1</v></c>',
  '<c r="A1" t="n"><v>1e400</v></c>',
  '<c r="A1" t="d"><v>not a date</v></c>',
  '<c r="A1"><f>SUM(A1:XFD1048576)</f></c>',
  '<xf numFmtId="99999" fontId="99999"/>',
  '<numFmt numFmtId="200" formatCode="[$-F800]dddd\\,\\ mmmm\\ dd\\,\\ yyyy"/>',
  "<si><t>x</t></si>",
  'r="A1"',
  'ref="A1:XFD1"',
  '<definedName name="x">Лист!$A$1:$XFD$1048576</definedName>',
  '<definedName name="y">$A$1:ZZ99999</definedName>',
];

const RADDR = ["XFD1", "AMJ9", "A50001", "A1048576", "ZZZZ1", "", "1A", "a1", "$A$1", "A0", "B2:C3"];

type Mutation =
  | { kind: "bytes"; at: number[]; values: number[] }
  | { kind: "insert"; part: number; at: number; snippet: number; times: number }
  | { kind: "delete"; part: number; at: number; length: number }
  | { kind: "repeat"; part: number; at: number; length: number; times: number }
  | { kind: "truncate"; part: number; at: number }
  | { kind: "address"; part: number; nth: number; addr: number };

const fraction = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({
    kind: fc.constant("bytes" as const),
    at: fc.array(fc.nat(), { minLength: 1, maxLength: 8 }),
    values: fc.array(fc.nat(255), { minLength: 8, maxLength: 8 }),
  }),
  fc.record({
    kind: fc.constant("insert" as const),
    part: fc.nat(),
    at: fraction.map((x) => x),
    snippet: fc.nat(SNIPPETS.length - 1),
    times: fc.integer({ min: 1, max: 2000 }),
  }),
  fc.record({ kind: fc.constant("delete" as const), part: fc.nat(), at: fraction, length: fc.integer({ min: 1, max: 500 }) }),
  fc.record({
    kind: fc.constant("repeat" as const),
    part: fc.nat(),
    at: fraction,
    length: fc.integer({ min: 1, max: 300 }),
    times: fc.integer({ min: 2, max: 3000 }),
  }),
  fc.record({ kind: fc.constant("truncate" as const), part: fc.nat(), at: fraction }),
  fc.record({ kind: fc.constant("address" as const), part: fc.nat(), nth: fc.nat(200), addr: fc.nat(RADDR.length - 1) }),
);

interface Seed {
  buf: Buffer;
  parts: { name: string; text: string }[];
  zip: JSZip;
}

async function seeds(): Promise<Seed[]> {
  const bufs = [await renderPlainWorkbook(P)];
  for (const id of ["indicators", "metrics", "monthly-plan", "funding"]) {
    const f = FORMS.find((x) => x.id === id)!;
    if (f.scope !== "program") throw new Error(id);
    bufs.push((await renderForm(f.build({ program: P, year: 2026, context }), "xlsx")).buffer);
  }
  return Promise.all(
    bufs.map(async (buf) => {
      const zip = await JSZip.loadAsync(buf);
      const names = Object.keys(zip.files)
        .filter((n) => /\.(xml|rels)$/.test(n))
        .sort();
      return { buf, zip, parts: await Promise.all(names.map(async (name) => ({ name, text: await zip.file(name)!.async("string") }))) };
    }),
  );
}

async function mutate(seed: Seed, ms: Mutation[]): Promise<Buffer> {
  if (ms.every((m) => m.kind === "bytes")) {
    const b = Buffer.from(seed.buf);
    for (const m of ms) if (m.kind === "bytes") m.at.forEach((a, i) => (b[a % b.length] = m.values[i]!));
    return b;
  }
  const texts = new Map(seed.parts.map((p) => [p.name, p.text]));
  for (const m of ms) {
    if (m.kind === "bytes") continue;
    const name = seed.parts[m.part % seed.parts.length]!.name;
    const t = texts.get(name)!;
    const at = m.kind === "address" ? 0 : Math.floor(m.at * t.length);
    switch (m.kind) {
      case "insert":
        texts.set(name, t.slice(0, at) + SNIPPETS[m.snippet]!.repeat(m.times) + t.slice(at));
        break;
      case "delete":
        texts.set(name, t.slice(0, at) + t.slice(at + m.length));
        break;
      case "repeat":
        texts.set(name, t.slice(0, at) + t.slice(at, at + m.length).repeat(m.times) + t.slice(at));
        break;
      case "truncate":
        texts.set(name, t.slice(0, at));
        break;
      case "address": {
        let n = 0;
        texts.set(
          name,
          t.replace(/ r="[^"]*"/g, (x) => (n++ === m.nth % 50 ? ` r="${RADDR[m.addr]}"` : x)),
        );
        break;
      }
    }
  }
  const zip = new JSZip();
  for (const [name, f] of Object.entries(seed.zip.files)) {
    if (f.dir) continue;
    zip.file(name, texts.get(name) ?? (await f.async("uint8array")));
  }
  return Buffer.from(await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE", compressionOptions: { level: 1 } }));
}

describe("fuzzing the import with mutated workbooks", () => {
  it(
    `${RUNS} mutated workbooks (seed ${SEED}): each ends with a document or issues, no exception, < 2 s, < 100 MB`,
    { timeout: LONG ? 3_600_000 : 180_000 },
    async () => {
      const all = await seeds();
      let refused = 0;
      await fc.assert(
        fc.asyncProperty(fc.nat(all.length - 1), fc.array(mutation, { minLength: 1, maxLength: 4 }), async (s, ms) => {
          const buf = await mutate(all[s]!, ms);
          const { value: r, ms: time, heapGrowthMb } = await measured(() => parseProgramWorkbook(buf, P, context));
          expect(Array.isArray(r.issues)).toBe(true);
          for (const i of r.issues) expect(typeof i.reason === "string" && i.reason.length > 0).toBe(true);
          if (r.layout === "unknown") refused++;
          // generous safety bounds of the issue: no hang over 2 s, bounded memory
          expect(time).toBeLessThan(2000);
          expect(heapGrowthMb).toBeLessThan(100);
        }),
        { numRuns: RUNS, seed: SEED, endOnFailure: true },
      );
      // the mutations reach both ends: some files are refused as a whole, some are read
      expect(refused).toBeGreaterThan(0);
      expect(refused).toBeLessThan(RUNS);
    },
  );
});
