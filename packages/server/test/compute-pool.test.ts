/**
 * The event loop stays free (issue 16, part 5): the server computes the ranking and renders forms
 * in its pool of worker threads, with the same answers as in the calling thread; a failing task
 * fails only its request. (How long the event loop waits is measured by bench/history.ts, not here.)
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { evaluationRanking, type AppContext } from "@orientir/app";
import { createTestApp, type Client, type TestApp } from "@orientir/testing";
import { computePool, createComputePool } from "../src/compute/pool.ts";

let app: TestApp;
let economy: Client;

beforeAll(async () => {
  app = await createTestApp();
  economy = await app.as("economy");
  const admin = await app.as("admin");
  for (const p of (await economy.get("/api/programs")).body.items)
    expect(
      (await admin.post(`/api/programs/${p.id}/versions/in-force`, { decreeNumber: `${p.code}-п`, decreeDate: "2024-12-10" })).status,
    ).toBe(201);
});

afterAll(async () => {
  await app?.close();
});

describe("the compute pool", () => {
  it("the server's ranking runs in a worker and answers what the calling thread computes", async () => {
    expect(app.ctx.offload).toBeDefined();
    const pool = computePool()!;
    const before = pool.load().workers;
    const r = await economy.get("/api/evaluation/ranking?year=2025&asOf=2025-12-31");
    expect(r.status).toBe(200);
    expect(r.body.items.length).toBeGreaterThan(0);
    expect(pool.load().workers).toBeGreaterThanOrEqual(Math.max(1, before));
    // the same use case without the pool, in this thread
    const here: AppContext = { ...app.ctx, offload: undefined };
    const me = (await economy.get("/api/auth/me")).body;
    const local = await evaluationRanking(
      here,
      {
        actor: {
          userId: me.user.id,
          login: me.user.login,
          municipalityId: me.municipalityId,
          role: me.role,
          departmentId: me.departmentId,
        },
        requestId: null,
      },
      2025,
      "2025-12-31",
    );
    expect(r.body).toEqual(JSON.parse(JSON.stringify(local)));
  });

  it("renders a form in a worker: the consolidated report as PDF", async () => {
    const r = await economy.request("GET", "/api/municipality/forms/consolidated-report?year=2025&format=pdf");
    expect(r.status).toBe(200);
    expect(String(r.headers["content-type"])).toContain("pdf");
  });

  it("a task that throws fails its own call; the worker answers the next one", async () => {
    const pool = createComputePool(1);
    try {
      await expect(pool.run("render", { doc: null as never, format: "pdf" })).rejects.toThrow();
      const ok = await pool.run("rank", {
        programs: [],
        year: 2025,
        asOf: "2025-12-31",
        reportMethodology: { preset: "kaluga-220p" },
        methodologies: [],
        methodology: "kaluga-220p v1",
      });
      expect(ok).toEqual({ items: [], methodology: "kaluga-220p v1" });
      expect(pool.load().workers).toBe(1);
    } finally {
      await pool.close();
    }
  });
});
