/**
 * The demo registry of Kaluga's office (issue 15, part 5): loaded into a municipality, the office's
 * annual report for 2023 gives every count of source 003 for 2023 and 2022, and the change of the
 * appeals rounds to −2 % as the source says; the DOCX of the form carries those numbers.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import JSZip from "jszip";
import { officeReport, seedControlDemo } from "@orientir/app";
import { changeInWords } from "@orientir/domain";
import { officeReportForm, renderForm } from "@orientir/reports";
import { MUNICIPALITY_A } from "@orientir/testing";
import { createWorld, type World } from "./world.ts";

let w: World;
beforeAll(async () => {
  w = await createWorld();
});
afterAll(async () => {
  await w?.close();
});

describe("the office's demo registry and its annual report", () => {
  it("reproduces source 003's counts for 2023 and 2022", async () => {
    const counts = await seedControlDemo(w.ctx, MUNICIPALITY_A.name);
    expect(counts).not.toBeNull();
    // a second load leaves the registry alone
    expect(await seedControlDemo(w.ctx, MUNICIPALITY_A.name)).toBeNull();
    const r = await officeReport(w.ctx, await w.caller("viewer"), 2023);
    expect(r.current).toMatchObject({
      incoming: 22808,
      headOrders: 1079,
      outgoing: 3997,
      other: 1543,
      meetingOrders: 1959,
      broadcastOrders: 4,
      appeals: 6553,
    });
    expect(r.previous).toMatchObject({ incoming: 23142, headOrders: 1064, outgoing: 4829, other: 1674, appeals: 6667 });
    expect(r.current.controlDocuments).toBeGreaterThan(8000);
    expect(changeInWords(r.current.appeals, r.previous.appeals)).toBe("меньше, чем в прошлом году, на 2 %");
    // most appeals are on city and housing services (source 003)
    expect(r.topics[0]!.code).toBe("0005");
    expect(r.topics[1]!.code).toBe("0003");
    // the discipline: every order due in 2023 counted once, in one of on time / late / open
    const total = r.discipline.reduce((s, d) => s + d.total, 0);
    expect(total).toBeGreaterThan(10000);
    for (const d of r.discipline) expect(d.onTime + d.late).toBeLessThanOrEqual(d.total);
    // another municipality sees none of it
    const b = await officeReport(w.ctx, await w.caller("adminb"), 2023);
    expect(b.current.incoming).toBe(0);

    const file = await renderForm(officeReportForm(r), "docx");
    const xml = await (await JSZip.loadAsync(file.buffer)).file("word/document.xml")!.async("string");
    for (const n of ["22808", "23142", "1079", "1064", "3997", "4829", "1543", "1674", "1959", "6553", "6667"]) expect(xml).toContain(n);
    expect(xml).toContain("на 2 %");
  }, 120_000);
});
