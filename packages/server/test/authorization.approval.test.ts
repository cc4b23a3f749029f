/**
 * Every route of the approval group × every role: the explanatory note of a version as DOCX and
 * PDF is read by every member of the municipality (as the note itself); another municipality's
 * version is answered 404; without a session, 401.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROLES, type Role } from "@orientir/domain";
import { routeGroups } from "@orientir/server";
import { createTestApp, type Client, type TestApp } from "@orientir/testing";

let app: TestApp;
const clients = new Map<Role, Client>();
const covered = new Set<string>();
let own: string;
let foreign: string;

beforeAll(async () => {
  app = await createTestApp();
  for (const role of ROLES) clients.set(role, await app.as(role));
  const admin = clients.get("admin")!;
  const adminB = await app.as("adminb");
  const mp1 = (await admin.get("/api/programs")).body.items.find((p: any) => p.code === "MP-1");
  own = (await clients.get("executor")!.post(`/api/programs/${mp1.id}/versions`, {})).body.programVersion.id;
  const b1 = (await adminB.get("/api/programs")).body.items[0];
  foreign = (await adminB.post(`/api/programs/${b1.id}/versions/in-force`, { decreeNumber: "1-п", decreeDate: "2025-01-10" })).body.id;
  expect(own && foreign).toBeTruthy();
});

afterAll(async () => {
  await app?.close();
});

describe("authorization of the approval routes", () => {
  for (const format of ["docx", "pdf"]) {
    it(`the note as ${format}: every member; another municipality's version is not disclosed`, async () => {
      covered.add(`GET /api/versions/:id/note.${format}`);
      const failures: string[] = [];
      for (const role of ROLES) {
        const c = clients.get(role)!;
        const mine = await c.get(`/api/versions/${own}/note.${format}`);
        if (mine.status !== 200) failures.push(`${role} own: ${mine.status}`);
        const other = await c.get(`/api/versions/${foreign}/note.${format}`);
        if (other.status !== 404) failures.push(`${role} foreign: ${other.status}`);
      }
      expect(failures).toEqual([]);
      expect((await app.client().get(`/api/versions/${own}/note.${format}`)).status).toBe(401);
    });
  }

  it("covers every route of the group", () => {
    const all = routeGroups().approval!.map((r) => `${r.method} ${r.path}`);
    expect(all.filter((r) => !covered.has(r))).toEqual([]);
  });
});
