/**
 * Every route of the workflow group × every role × a target in the user's own program or
 * direction, in another department's, and in another municipality. The expectations are written
 * out here, apart from the permission rules they check. Writes are sent so that an allowed one
 * stops at a conflict (a draft already there, a stale version: 409) and a denied one at 403.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROLES, type Role } from "@orientir/domain";
import { routeGroups } from "@orientir/server";
import { createTestApp, type Client, type TestApp } from "@orientir/testing";

type TargetKind = "own" | "other" | "foreign";
const KINDS: TargetKind[] = ["own", "other", "foreign"];

let app: TestApp;
const clients = new Map<Role, Client>();
const covered = new Set<string>();
const failures: string[] = [];

/** Ids per target: program, its draft's workflow and version; a direction, its order's workflow and version. */
interface Targets {
  program: string;
  workflow: { id: string; version: number };
  version: { id: string; version: number };
  direction: string;
  order: { id: string; version: number };
  orderVersion: { id: string; version: number };
}
const targets = {} as Record<TargetKind, Targets>;

function cover(method: string, path: string) {
  covered.add(`${method} ${path}`);
}
function check(what: string, got: number, want: number) {
  if (got !== want) failures.push(`${what}: got ${got}, want ${want}`);
}

/** May the role start a program's draft (own = the executor's program)? */
const mayStartProgram = (role: Role, t: TargetKind) => t !== "foreign" && (role === "admin" || (role === "executor" && t === "own"));
/** May the role start a direction's order (own = the co-executor's direction)? */
const mayStartOrder = (role: Role, t: TargetKind) => t !== "foreign" && (role === "admin" || (role === "coexecutor" && t === "own"));
const mayRegister = (role: Role, t: TargetKind) => t !== "foreign" && (role === "admin" || role === "economy");
/** The note of a program's draft: its executor; of an order: its co-executor; the administrator. */
const mayEditNote = (role: Role, flow: "program" | "order", t: TargetKind) =>
  t !== "foreign" && (role === "admin" || ((flow === "program" ? role === "executor" : role === "coexecutor") && t === "own"));

/** The step each role tries, and whether it may take it in each flow and target. */
const TRY: Record<Role, string> = {
  admin: "approve",
  economy: "positiveConclusion",
  finance: "positiveConclusion",
  audit: "positiveConclusion",
  executor: "submit",
  coexecutor: "submit",
  head: "approve",
  viewer: "submit",
  office: "submit",
};
function mayStep(role: Role, flow: "program" | "order", t: TargetKind): boolean {
  if (t === "foreign") return false;
  if (flow === "program") {
    if (role === "executor") return t === "own";
    return ["admin", "economy", "finance", "audit", "head"].includes(role);
  }
  if (role === "coexecutor") return t === "own";
  return ["admin", "economy", "finance"].includes(role);
}

beforeAll(async () => {
  app = await createTestApp();
  for (const role of ROLES) clients.set(role, await app.as(role));
  const admin = clients.get("admin")!;
  const economy = clients.get("economy")!;
  const adminB = await app.as("adminb");

  const setUp = async (who: Client, registrar: Client, orderBy: Client, programCode: string, directionCode: string): Promise<Targets> => {
    const programs = (await who.get("/api/programs")).body.items;
    const program = programs.find((p: any) => p.code === programCode);
    const reg = await registrar.post(`/api/programs/${program.id}/versions/in-force`, { decreeNumber: "1-п", decreeDate: "2025-01-10" });
    if (reg.status !== 201 && reg.status !== 409) throw new Error(`register ${programCode}: ${JSON.stringify(reg.body)}`);
    let wf = (await who.get(`/api/programs/${program.id}/workflows`)).body.items.find(
      (w: any) => w.flow === "program" && w.state === "draft",
    );
    if (!wf) {
      const r = await who.post(`/api/programs/${program.id}/versions`, {});
      if (r.status !== 201) throw new Error(`start ${programCode}: ${JSON.stringify(r.body)}`);
      wf = r.body;
    }
    const tree = (await who.get(`/api/programs/${program.id}/tree`)).body;
    const direction = tree.directions.find((d: any) => d.code === directionCode);
    const o = await orderBy.post(`/api/directions/${direction.id}/orders`, {});
    if (o.status !== 201) throw new Error(`order ${programCode}/${directionCode}: ${JSON.stringify(o.body)}`);
    return {
      program: program.id,
      workflow: { id: wf.id, version: wf.version },
      version: { id: wf.programVersion.id, version: wf.programVersion.version },
      direction: direction.id,
      order: { id: o.body.id, version: o.body.version },
      orderVersion: { id: o.body.programVersion.id, version: o.body.programVersion.version },
    };
  };
  // own: MP-1 (executor: Управление образования) and its direction 1 (co-executor: Комитет по культуре);
  // other: MP-2 and MP-1's direction 2 (Управление городского хозяйства); foreign: municipality B
  targets.own = await setUp(clients.get("executor")!, economy, clients.get("coexecutor")!, "MP-1", "1");
  const mp2 = await setUp(admin, economy, admin, "MP-2", "1");
  const mp1dir2 = await setUp(admin, economy, admin, "MP-1", "2");
  targets.other = { ...mp2, direction: mp1dir2.direction, order: mp1dir2.order, orderVersion: mp1dir2.orderVersion };
  targets.foreign = await setUp(adminB, adminB, adminB, "MP-1", "1");
});

afterAll(async () => {
  await app.close();
});

describe("authorization of the workflow routes", () => {
  it("reads: every member of the municipality, nobody of another", async () => {
    const reads: [string, (t: Targets) => string][] = [
      ["/api/programs/:id/versions", (t) => t.program],
      ["/api/programs/:id/content", (t) => t.program],
      ["/api/programs/:id/workflows", (t) => t.program],
      ["/api/programs/:id/diff", (t) => t.program],
      ["/api/versions/:id", (t) => t.version.id],
      ["/api/versions/:id/note", (t) => t.version.id],
      ["/api/versions/:id/note.txt", (t) => t.orderVersion.id],
      ["/api/versions/:id/attachments", (t) => t.version.id],
      ["/api/workflows/:id", (t) => t.workflow.id],
    ];
    for (const [path, id] of reads) {
      cover("GET", path);
      for (const role of ROLES) {
        const c = clients.get(role)!;
        for (const kind of KINDS)
          check(
            `${role} GET ${path} (${kind})`,
            (await c.get(path.replace(":id", id(targets[kind])))).status,
            kind === "foreign" ? 404 : 200,
          );
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);

  it("starting drafts and registering versions in force", async () => {
    cover("POST", "/api/programs/:id/versions");
    cover("POST", "/api/programs/:id/versions/in-force");
    cover("POST", "/api/directions/:id/orders");
    for (const role of ROLES) {
      const c = clients.get(role)!;
      for (const kind of KINDS) {
        const t = targets[kind];
        // a draft is there already: allowed → 409, denied → 403, another municipality → 404
        const draft = await c.post(`/api/programs/${t.program}/versions`, {});
        check(`${role} start program draft (${kind})`, draft.status, kind === "foreign" ? 404 : mayStartProgram(role, kind) ? 409 : 403);
        const order = await c.post(`/api/directions/${t.direction}/orders`, {});
        check(`${role} start order (${kind})`, order.status, kind === "foreign" ? 404 : mayStartOrder(role, kind) ? 409 : 403);
        const reg = await c.post(`/api/programs/${t.program}/versions/in-force`, { decreeNumber: "2-п", decreeDate: "2025-02-01" });
        check(`${role} register in force (${kind})`, reg.status, kind === "foreign" ? 404 : mayRegister(role, kind) ? 409 : 403);
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);

  it("editing the note of a draft: its preparer of the own program or direction, and the administrator", async () => {
    cover("PATCH", "/api/versions/:id/note");
    for (const role of ROLES) {
      const c = clients.get(role)!;
      for (const kind of KINDS) {
        for (const flow of ["program", "order"] as const) {
          const v = flow === "program" ? targets[kind].version : targets[kind].orderVersion;
          const r = await c.patch(`/api/versions/${v.id}/note`, { version: v.version + 1000, text: "x" });
          check(`${role} PATCH note of ${flow} (${kind})`, r.status, kind === "foreign" ? 404 : mayEditNote(role, flow, kind) ? 409 : 403);
        }
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);

  it("documents of a draft (220-п 4.7): its preparer of the own program or direction, and the administrator", async () => {
    cover("POST", "/api/versions/:id/attachments");
    cover("DELETE", "/api/versions/:id/attachments/:attachmentId");
    cover("GET", "/api/versions/:id/attachments/:attachmentId/content");
    const none = "00000000-0000-4000-8000-000000000000";
    const pdf = Buffer.from("%PDF-1.4\n% ФЭО\n").toString("base64");
    const attached: { versionId: string; id: string; kind: TargetKind }[] = [];
    for (const role of ROLES) {
      const c = clients.get(role)!;
      for (const kind of KINDS) {
        for (const flow of ["program", "order"] as const) {
          const v = flow === "program" ? targets[kind].version : targets[kind].orderVersion;
          const add = await c.post(`/api/versions/${v.id}/attachments`, {
            kind: "financialJustification",
            title: `ФЭО (${role})`,
            filename: "feo.pdf",
            contentBase64: pdf,
          });
          check(`${role} attach to ${flow} (${kind})`, add.status, kind === "foreign" ? 404 : mayEditNote(role, flow, kind) ? 201 : 403);
          if (add.status === 201) attached.push({ versionId: v.id, id: add.body.items.at(-1).id, kind });
          // no such attachment: allowed → 404, denied → 403
          const del = await c.delete(`/api/versions/${v.id}/attachments/${none}`);
          check(`${role} remove from ${flow} (${kind})`, del.status, kind === "foreign" ? 404 : mayEditNote(role, flow, kind) ? 404 : 403);
        }
      }
    }
    // the file: every member of the municipality downloads it, nobody of another
    const own = attached.find((a) => a.kind === "own")!;
    expect(own).toBeTruthy();
    for (const role of ROLES) {
      const got = await clients.get(role)!.get(`/api/versions/${own.versionId}/attachments/${own.id}/content`);
      check(`${role} download own attachment`, got.status, 200);
    }
    const foreignPath = `/api/versions/${targets.foreign.version.id}/attachments/${own.id}/content`;
    check("admin through another municipality's version", (await clients.get("admin")!.get(foreignPath)).status, 404);
    expect(failures).toEqual([]);
  }, 120_000);

  it("steps: by the role the table names, the preparer only in the own program or direction", async () => {
    cover("POST", "/api/workflows/:id/steps");
    for (const role of ROLES) {
      const c = clients.get(role)!;
      for (const kind of KINDS) {
        for (const flow of ["program", "order"] as const) {
          const wf = flow === "program" ? targets[kind].workflow : targets[kind].order;
          const r = await c.post(`/api/workflows/${wf.id}/steps`, { version: wf.version + 1000, action: TRY[role] });
          check(`${role} ${TRY[role]} on ${flow} (${kind})`, r.status, kind === "foreign" ? 404 : mayStep(role, flow, kind) ? 409 : 403);
        }
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);

  it("queues: each sees only what waits for them, never another municipality's", async () => {
    cover("GET", "/api/workflow/queue");
    const foreignIds = [targets.foreign.workflow.id, targets.foreign.order.id];
    for (const role of ROLES) {
      const r = await clients.get(role)!.get("/api/workflow/queue");
      check(`${role} GET queue`, r.status, 200);
      const ids = r.body.items.map((x: any) => x.workflowId);
      if (ids.some((id: string) => foreignIds.includes(id))) failures.push(`${role} queue shows another municipality's drafts`);
    }
    const ids = async (role: Role) => (await clients.get(role)!.get("/api/workflow/queue")).body.items.map((x: any) => x.workflowId).sort();
    expect(await ids("executor")).toEqual([targets.own.workflow.id]);
    expect(await ids("coexecutor")).toEqual([targets.own.order.id]);
    expect(await ids("economy")).toEqual([]); // nothing submitted yet
    expect(await ids("viewer")).toEqual([]);
    // may withdraw every draft: the two programs' and three orders (MP-1/1, MP-1/2, MP-2/1)
    expect((await ids("admin")).length).toBe(5);
    expect(failures).toEqual([]);
  }, 60_000);

  it("covers every route of the workflow group", () => {
    const all = routeGroups().workflow!.map((r) => `${r.method} ${r.path}`);
    expect(all.filter((r) => !covered.has(r))).toEqual([]);
  });
});
