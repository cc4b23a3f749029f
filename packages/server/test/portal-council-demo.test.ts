/** The council's demo (issue 14, part 7) over Kaluga's demo data: loaded once, shown on the portal. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Db } from "@orientir/db";
import { DEMO_MUNICIPALITIES, DEMO_USERS, KALUGA_NAME, demoDecreeOf } from "@orientir/db/demo";
import { createContext, seedCouncilDemo, seedMunicipalities, seedPortalDemo, seedVersionsInForce, type AppContext } from "@orientir/app";
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

describe("the council's demo", () => {
  it("is loaded once and shown on Kaluga's portal with its members, meetings, decisions and the documents discussed", async () => {
    expect(await seedCouncilDemo(ctx, KALUGA_NAME)).toBe(true);
    expect(await seedCouncilDemo(ctx, KALUGA_NAME)).toBe(false);
    const anon = new Client(server);
    const json = (await anon.get("/api/p/kaluga/council")).body;
    expect(json.members).toHaveLength(5);
    expect(json.members[0].role).toBe("chair");
    expect(json.meetings.map((m: any) => m.heldOn)).toEqual(["2018-11-22", "2018-03-20"]);
    const docs = json.meetings[0].items[0].documents;
    expect(docs.map((d: any) => d.kind)).toEqual(["publication", "program"]);
    expect(docs[0].portalUrl).toMatch(/^\/p\/kaluga\/publications\/[0-9a-f-]{36}$/);
    expect(json.meetings[1].items[0].documents.map((d: any) => d.kind)).toEqual(["strategy"]);
    const page = await anon.get("/p/kaluga/council");
    expect(page.status).toBe(200);
    expect(page.body).toContain("Общественная палата города");
    expect(page.body).toContain("Заседание № 2 от 22.11.2018");
    expect(page.body).toContain(`href="${docs[0].portalUrl}"`);
  });
});
