/**
 * The portal's demo (issue 14, part 10) over the real demo data of Kaluga: the draft amendment on
 * discussion with proposals at every stage, the approved program with its evaluation, the closed
 * vote with results that the published ballots recount, and the residents resident1…resident3.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Db } from "@orientir/db";
import { DEMO_MUNICIPALITIES, DEMO_USERS, KALUGA_NAME, demoDecreeOf } from "@orientir/db/demo";
import { createContext, seedMunicipalities, seedPortalDemo, seedVersionsInForce, type AppContext } from "@orientir/app";
import { buildServer } from "@orientir/server";
import { Client, createTestDatabase, type TestDatabase } from "@orientir/testing";
import type { FastifyInstance } from "fastify";

let database: TestDatabase;
let db: Db;
let ctx: AppContext;
let server: FastifyInstance;

beforeAll(async () => {
  database = await createTestDatabase();
  db = new Db(database.url, { max: 5 });
  ctx = createContext(db);
  await seedMunicipalities(ctx, DEMO_MUNICIPALITIES, DEMO_USERS, "demo");
  await seedVersionsInForce(ctx, KALUGA_NAME, "admin", demoDecreeOf(KALUGA_NAME));
  expect(await seedPortalDemo(ctx, KALUGA_NAME, "kaluga")).toBe(true);
  server = await buildServer(ctx);
}, 300_000);

afterAll(async () => {
  await server?.close();
  await db?.close();
  await database?.drop();
});

describe("the portal's demo", () => {
  it("is loaded once", async () => {
    expect(await seedPortalDemo(ctx, KALUGA_NAME, "kaluga")).toBe(false);
  });

  it("Kaluga's draft program is on discussion with proposals at each stage; only the published ones show", async () => {
    const anon = new Client(server);
    const index = String((await anon.get("/p/kaluga")).body);
    expect(index).toContain("Проект: ");
    const id = /\/p\/kaluga\/publications\/([0-9a-f-]{36})/.exec(index)![1]!;
    const staff = new Client(server);
    await staff.login("economy", "demo");
    const all = (await staff.get("/api/portal/proposals")).body.items;
    expect(new Set(all.map((p: any) => p.moderation))).toEqual(new Set(["pending", "published", "rejected"]));
    expect(new Set(all.filter((p: any) => p.decision).map((p: any) => p.decision))).toEqual(
      new Set(["accepted", "partly", "rejected", "outOfScope"]),
    );
    expect(all.some((p: any) => p.moderation === "published" && !p.decision)).toBe(true);
    const html = String((await anon.get(`/p/kaluga/publications/${id}`)).body);
    expect(html).toContain("Учтено частично.");
    expect(html).toContain("Вне предмета документа.");
    expect(html).not.toContain("Реклама услуг репетитора");
    expect(html).not.toContain("пристройки к школе");
  });

  it("the closed vote's results are public and the published ballots recount them", async () => {
    const anon = new Client(server);
    const votes = String((await anon.get("/p/kaluga/votes")).body);
    const id = /\/p\/kaluga\/votes\/([0-9a-f-]{36})/.exec(votes)![1]!;
    expect(String((await anon.get(`/p/kaluga/votes/${id}`)).body)).toContain("победитель");
    const results = (await anon.get(`/p/kaluga/data/vote-${id}-results.json`)).body.rows;
    const ballots = (await anon.get(`/p/kaluga/data/vote-${id}-ballots.json`)).body.rows;
    expect(ballots).toHaveLength(300);
    const recount = new Map<string, number>();
    for (const b of ballots) for (const c of String(b.choices).split(" ")) recount.set(c, (recount.get(c) ?? 0) + 1);
    for (const r of results) expect(recount.get(r.optionId) ?? 0).toBe(r.votes);
    expect(results.filter((r: any) => r.winner)).toHaveLength(2);
  });

  it("resident1 signs in by a code mailed through the outbox", async () => {
    const c = new Client(server);
    expect((await c.post("/api/p/kaluga/auth/code", { email: "resident1@demo.orientir.example" })).status).toBe(200);
    // the last mail: the demo's answers to the resident's proposals came before the code
    const mail = await db.query<{ body: string }>(
      `SELECT body FROM email_outbox WHERE to_address = 'resident1@demo.orientir.example' ORDER BY created_at DESC, id DESC LIMIT 1`,
    );
    const code = /(\d{6})/.exec(mail.rows[0]!.body)![1];
    const r = await c.post("/api/p/kaluga/auth/sign-in", { email: "resident1@demo.orientir.example", code });
    expect(r.status).toBe(200);
    expect(r.body.resident.fullName).toBe("Соколова Анна Викторовна");
  });
});
