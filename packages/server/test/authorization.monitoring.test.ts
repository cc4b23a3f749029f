/**
 * Every route of the monitoring group × every role × a target in the user's own program or
 * direction, in another department's, and in another municipality. The expectations are written
 * out here, apart from the permission rules they check.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROLES, type Role } from "@orientir/domain";
import { routeGroups } from "@orientir/server";
import { createTestApp, type Client, type TestApp } from "@orientir/testing";

type Kind = "own" | "other" | "foreign";
type Step = "submitDirection" | "reviewDirection" | "compile" | "financeReview" | "economyReview";

/** May the role take the step on the own program (MP-1, direction 1) or the other one (MP-2, direction 1)? */
function mayStep(role: Role, step: Step, kind: "own" | "other"): boolean {
  if (role === "admin") return true;
  switch (step) {
    case "submitDirection":
      return role === "coexecutor" && kind === "own"; // the co-executor of direction 1 of MP-1 is Комитет по культуре
    case "reviewDirection":
    case "compile":
      return role === "executor" && kind === "own"; // MP-1's responsible executor is Управление образования
    case "financeReview":
      return role === "finance";
    case "economyReview":
      return role === "economy";
  }
}

/** May the role change the checkpoint (attach or remove its documents)? */
function mayWriteCheckpoint(role: Role, kind: "own" | "other"): boolean {
  if (role === "admin" || role === "economy") return true;
  if (role === "executor" || role === "coexecutor") return kind === "own";
  return false;
}

const PDF = Buffer.from("%PDF-1.4\n%%EOF\n").toString("base64");
const GIF = Buffer.from("GIF89a").toString("base64");
const put = (c: Client, url: string, body: unknown) => c.request("PUT", url, body);

let app: TestApp;
const clients = new Map<Role, Client>();
const covered = new Set<string>();
const ids = {
  program: {} as Record<Kind, string>,
  direction: {} as Record<Kind, string>,
  checkpoint: {} as Record<Kind, string>,
  metric: {} as Record<Kind, string>,
  document: {} as Record<Kind, string>,
};
const programsOfA = new Set<string>();
let viewerId = "";
let outsiderId = "";

function cover(method: string, path: string) {
  covered.add(`${method} ${path}`);
}

async function treeOf(c: Client, code: string) {
  const p = (await c.get("/api/programs")).body.items.find((x: any) => x.code === code);
  return (await c.get(`/api/programs/${p.id}/tree`)).body;
}

beforeAll(async () => {
  app = await createTestApp();
  for (const role of ROLES) clients.set(role, await app.as(role));
  const admin = clients.get("admin")!;
  const adminB = await app.as("adminb");
  const trees: Record<Kind, any> = {
    own: await treeOf(admin, "MP-1"),
    other: await treeOf(admin, "MP-2"),
    foreign: await treeOf(adminB, "MP-1"),
  };
  for (const p of (await admin.get("/api/programs")).body.items) programsOfA.add(p.id);
  for (const kind of ["own", "other", "foreign"] as Kind[]) {
    const t = trees[kind];
    const d = t.directions.find((x: any) => x.code === "1");
    ids.program[kind] = t.id;
    ids.direction[kind] = d.id;
    ids.checkpoint[kind] = d.structuralElements[0].checkpoints[0].id;
    ids.metric[kind] = d.structuralElements[0].metrics[0].id;
    const up = await (kind === "foreign" ? adminB : admin).post(`/api/monitoring/checkpoints/${ids.checkpoint[kind]}/documents`, {
      filename: "акт.pdf",
      contentBase64: PDF,
    });
    expect(up.status).toBe(201);
    ids.document[kind] = up.body.id;
    // the directions' parts of Q1 2026 are submitted, so that a permitted second submission is refused by state only
    const sub = await (kind === "foreign" ? adminB : admin).post(`/api/monitoring/programs/${t.id}/reports/2026/Q1/transitions`, {
      action: "submitDirection",
      directionId: d.id,
    });
    expect(sub.status).toBe(200);
  }
  viewerId = (await clients.get("viewer")!.get("/api/auth/me")).body.user.id;
  outsiderId = (await adminB.get("/api/auth/me")).body.user.id;
});

afterAll(async () => {
  await app?.close();
});

describe("authorization of the monitoring routes", () => {
  it("reads: every member reads their own municipality's, nobody another's", async () => {
    const failures: string[] = [];
    const byId: [string, (k: Kind) => string][] = [
      ["/api/monitoring/checkpoints/:id/documents", (k) => `/api/monitoring/checkpoints/${ids.checkpoint[k]}/documents`],
      ["/api/monitoring/documents/:id/content", (k) => `/api/monitoring/documents/${ids.document[k]}/content`],
      ["/api/monitoring/programs/:id/reports/:year/:period", (k) => `/api/monitoring/programs/${ids.program[k]}/reports/2026/Q1`],
      ["/api/monitoring/programs/:id/deadlines", (k) => `/api/monitoring/programs/${ids.program[k]}/deadlines?year=2026`],
      ["/api/monitoring/programs/:id/plan-fact", (k) => `/api/monitoring/programs/${ids.program[k]}/plan-fact?year=2026`],
      ["/api/monitoring/programs/:id/budget", (k) => `/api/monitoring/programs/${ids.program[k]}/budget?year=2026`],
      ["/api/monitoring/metrics/:id/plan-fact", (k) => `/api/monitoring/metrics/${ids.metric[k]}/plan-fact?year=2026`],
      ["/api/monitoring/locks", (k) => `/api/monitoring/locks?programId=${ids.program[k]}`],
    ];
    for (const [path, url] of byId) {
      cover("GET", path);
      for (const role of ROLES) {
        const c = clients.get(role)!;
        for (const kind of ["own", "other", "foreign"] as Kind[]) {
          const got = (await c.get(url(kind))).status;
          const want = kind === "foreign" ? 404 : 200;
          if (got !== want) failures.push(`${role} GET ${path} (${kind}): got ${got}, want ${want}`);
        }
      }
    }
    const lists = [
      "/api/monitoring/reports",
      "/api/monitoring/deadlines?year=2026",
      "/api/monitoring/settings",
      "/api/monitoring/notifications",
      "/api/monitoring/dashboard/my-tasks",
      "/api/monitoring/dashboard/overdue-reports",
      "/api/monitoring/dashboard/metrics-off-plan?year=2025&threshold=0",
      "/api/monitoring/dashboard/overdue-checkpoints",
    ];
    for (const url of lists) {
      cover("GET", url.split("?")[0]!);
      for (const role of ROLES) {
        const r = await clients.get(role)!.get(url);
        if (r.status !== 200) failures.push(`${role} GET ${url}: got ${r.status}`);
        const text = JSON.stringify(r.body);
        if (text.includes(ids.program.foreign)) failures.push(`${role} GET ${url} leaks another municipality`);
      }
    }
    // the foreign program's reports are simply not listed
    const foreignReports = await clients.get("admin")!.get(`/api/monitoring/reports?programId=${ids.program.foreign}`);
    expect(foreignReports.body.items).toEqual([]);
    const own = await clients.get("viewer")!.get("/api/monitoring/reports");
    expect(own.body.items.length).toBe(2);
    expect(own.body.items.every((r: any) => programsOfA.has(r.programId))).toBe(true);
    expect(failures).toEqual([]);
  }, 120_000);

  it("steps of a report: by role, department and step; nothing across municipalities", async () => {
    cover("POST", "/api/monitoring/programs/:id/reports/:year/:period/transitions");
    const failures: string[] = [];
    // each probe is refused by the state machine or for a missing comment when it is permitted, so nothing changes
    const probes: [Step, (k: Kind) => Record<string, unknown>, number][] = [
      ["submitDirection", (k) => ({ action: "submitDirection", directionId: ids.direction[k] }), 422],
      ["reviewDirection", (k) => ({ action: "returnDirection", directionId: ids.direction[k] }), 400],
      ["compile", () => ({ action: "submit" }), 422],
      ["financeReview", () => ({ action: "financeReview", conclusion: "x" }), 422],
      ["economyReview", () => ({ action: "control" }), 400],
    ];
    for (const [step, body, permitted] of probes) {
      for (const role of ROLES) {
        const c = clients.get(role)!;
        for (const kind of ["own", "other", "foreign"] as Kind[]) {
          const r = await c.post(`/api/monitoring/programs/${ids.program[kind]}/reports/2026/Q1/transitions`, body(kind));
          const want = kind === "foreign" ? 404 : mayStep(role, step, kind) ? permitted : 403;
          if (r.status !== want)
            failures.push(`${role} ${step} (${kind}): got ${r.status} ${JSON.stringify(r.body?.error?.message)}, want ${want}`);
        }
      }
    }
    expect(failures).toEqual([]);
    // nothing changed: the parts are still submitted and the reports open
    for (const kind of ["own", "other"] as Kind[]) {
      const r = (await clients.get("viewer")!.get(`/api/monitoring/programs/${ids.program[kind]}/reports/2026/Q1`)).body;
      expect(r.state).toBe("open");
      expect(r.directions.find((d: any) => d.directionId === ids.direction[kind]).state).toBe("submitted");
      expect(r.transitions).toHaveLength(1);
    }
  }, 120_000);

  it("confirming documents: attached and removed by who may change the checkpoint", async () => {
    cover("POST", "/api/monitoring/checkpoints/:id/documents");
    cover("DELETE", "/api/monitoring/documents/:id");
    const failures: string[] = [];
    for (const role of ROLES) {
      const c = clients.get(role)!;
      for (const kind of ["own", "other", "foreign"] as Kind[]) {
        // a permitted upload of a GIF is refused for its type (400); a stale version for its version (409)
        const up = await c.post(`/api/monitoring/checkpoints/${ids.checkpoint[kind]}/documents`, { filename: "x.gif", contentBase64: GIF });
        const wantUp = kind === "foreign" ? 404 : mayWriteCheckpoint(role, kind) ? 400 : 403;
        if (up.status !== wantUp) failures.push(`${role} POST document (${kind}): got ${up.status}, want ${wantUp}`);
        const del = await c.delete(`/api/monitoring/documents/${ids.document[kind]}?version=999`);
        // the co-executor submitted its own direction's part above: its documents are frozen for it (422, issue 10)
        const wantDel =
          kind === "foreign" ? 404 : !mayWriteCheckpoint(role, kind) ? 403 : role === "coexecutor" && kind === "own" ? 422 : 409;
        if (del.status !== wantDel) failures.push(`${role} DELETE document (${kind}): got ${del.status}, want ${wantDel}`);
      }
    }
    expect(failures).toEqual([]);
  }, 60_000);

  it("settings are the administrator's; notifications and e-mail are one's own", async () => {
    cover("PUT", "/api/monitoring/settings");
    cover("POST", "/api/monitoring/notifications/read");
    cover("PUT", "/api/monitoring/users/:id/email");
    for (const role of ROLES) {
      const c = clients.get(role)!;
      expect((await put(c, "/api/monitoring/settings", { version: 999 })).status, `${role} PUT settings`).toBe(
        role === "admin" ? 409 : 403,
      );
      expect((await c.post("/api/monitoring/notifications/read", {})).status, `${role} read`).toBe(200);
      // another member's address: the administrator's to set (an invalid one is refused for its form)
      const mine = role === "viewer";
      expect(
        (await put(c, `/api/monitoring/users/${viewerId}/email`, { email: "not an address" })).status,
        `${role} PUT viewer's email`,
      ).toBe(role === "admin" || mine ? 400 : 403);
      // a user of another municipality is not found, even by the administrator
      expect(
        (await put(c, `/api/monitoring/users/${outsiderId}/email`, { email: "b@city.example" })).status,
        `${role} PUT outsider's email`,
      ).toBe(role === "admin" ? 404 : 403);
    }
  });

  it("covers every route of the monitoring group", () => {
    const all = routeGroups().monitoring!.map((r) => `${r.method} ${r.path}`);
    const missing = all.filter((r) => !covered.has(r));
    expect(missing).toEqual([]);
  });
});
