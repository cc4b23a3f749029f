/**
 * Every route of the forms group × every role × a target in the own program (MP-1, whose
 * responsible executor is the executor's department and whose direction 1 belongs to the
 * co-executor), another department's program (MP-2), and another municipality's. Every member
 * of the municipality may download every form of it; another municipality's program or plan is
 * answered 404, and its consolidated report holds only its own programs. An import is for those
 * who may change the program, each row checked as a single change would be.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readXlsx } from "../../reports/test/xlsx.ts";
import ExcelJS from "exceljs";
import { ROLES, type Role } from "@orientir/domain";
import { routeGroups } from "@orientir/server";
import { FORMS } from "@orientir/reports";
import { createTestApp, type Client, type TestApp } from "@orientir/testing";

type Kind = "own" | "other" | "foreign";

let app: TestApp;
const clients = new Map<Role, Client>();
const covered = new Set<string>();
const program = {} as Record<Kind, string>;
const plan = {} as Record<"own" | "foreign", string>;

/** A GET answered as raw bytes (the test client decodes bodies as text). */
async function download(c: Client, url: string): Promise<{ status: number; body: Buffer; headers: Record<string, unknown> }> {
  const res = await app.server.inject({ method: "GET", url, headers: c.cookie ? { cookie: c.cookie } : {} });
  return { status: res.statusCode, body: res.rawPayload, headers: res.headers };
}

beforeAll(async () => {
  app = await createTestApp();
  for (const role of ROLES) clients.set(role, await app.as(role));
  const admin = clients.get("admin")!;
  const adminB = await app.as("adminb");
  const listA = (await admin.get("/api/programs")).body.items;
  const listB = (await adminB.get("/api/programs")).body.items;
  program.own = listA.find((p: any) => p.code === "MP-1").id;
  program.other = listA.find((p: any) => p.code === "MP-2").id;
  program.foreign = listB.find((p: any) => p.code === "MP-1").id;
  plan.own = (await admin.get("/api/action-plans")).body.items[0].id;
  plan.foreign = (await adminB.get("/api/action-plans")).body.items[0].id;
});

afterAll(async () => {
  await app?.close();
});

const isXlsx = (b: Buffer) => b.subarray(0, 2).toString("latin1") === "PK";

type Want = "valid" | "invalid" | 403 | 404;
/** Who may import a change of a metric of direction 1 into each program. */
const expectedImport = (role: Role, kind: Kind): Want => {
  if (kind === "foreign") return 404;
  if (role === "admin" || role === "economy") return "valid";
  if (role === "executor") return kind === "own" ? "valid" : 403;
  if (role === "coexecutor") return kind === "own" ? "valid" : "invalid"; // direction 1 of MP-1 is theirs, of MP-2 not
  if (role === "finance") return "invalid"; // may correct funding, not metrics
  return 403;
};

/** Each role previews and confirms its edited file in each program; what differs from `expectedImport`. */
async function importFailures(
  edited: (kind: Kind, value: number) => Promise<string>,
  extra: Record<string, unknown>,
  refusedAt: (issue: unknown) => boolean,
): Promise<string[]> {
  const failures: string[] = [];
  let n = 0;
  for (const role of ROLES) {
    for (const kind of ["own", "other", "foreign"] as Kind[]) {
      const c = clients.get(role)!;
      const contentBase64 = await edited(kind, 70 + ++n);
      const url = `/api/programs/${program[kind]}/import`;
      const p = await c.post(`${url}/preview`, { ...extra, contentBase64 });
      const want = expectedImport(role, kind);
      const got: "valid" | "invalid" | number = p.status !== 200 ? p.status : p.body.valid ? "valid" : "invalid";
      if (got !== want)
        failures.push(`${role} preview (${kind}): got ${got}, want ${want} ${JSON.stringify(p.body.issues ?? p.body.error)}`);
      if (got === "invalid" && !p.body.issues.some(refusedAt))
        failures.push(`${role} preview (${kind}): the refusal is not an issue at the row`);
      const token = p.status === 200 ? p.body.token : "x";
      const confirm = await c.post(`${url}/confirm`, { ...extra, contentBase64, token });
      const wantConfirm = want === "valid" ? 200 : want === "invalid" ? 400 : want;
      if (confirm.status !== wantConfirm) failures.push(`${role} confirm (${kind}): got ${confirm.status}, want ${wantConfirm}`);
    }
  }
  return failures;
}

describe("authorization of the forms routes", () => {
  it("the list of forms: every member", async () => {
    covered.add("GET /api/forms");
    for (const role of ROLES) {
      const r = await clients.get(role)!.get("/api/forms");
      expect(r.status, role).toBe(200);
      expect(r.body.items.map((f: any) => f.id)).toEqual(FORMS.map((f) => f.id));
    }
  });

  it("every form of a program: every member of the municipality, own or other department; nobody of another", async () => {
    covered.add("GET /api/programs/:id/forms/:form");
    const failures: string[] = [];
    for (const f of FORMS.filter((x) => x.scope === "program")) {
      for (const role of ROLES) {
        for (const kind of ["own", "other", "foreign"] as Kind[]) {
          const r = await download(clients.get(role)!, `/api/programs/${program[kind]}/forms/${f.id}?year=2026&quarter=1&format=xlsx`);
          const want = kind === "foreign" ? 404 : 200;
          if (r.status !== want) failures.push(`${role} ${f.id} (${kind}): got ${r.status}, want ${want}`);
          if (want === 200 && !isXlsx(r.body)) failures.push(`${role} ${f.id} (${kind}): not an xlsx`);
        }
      }
    }
    expect(failures).toEqual([]);
  }, 180_000);

  it("every form of the action plan: every member of the municipality; nobody of another", async () => {
    covered.add("GET /api/action-plans/:id/forms/:form");
    const failures: string[] = [];
    for (const f of FORMS.filter((x) => x.scope === "plan")) {
      for (const role of ROLES) {
        for (const kind of ["own", "foreign"] as const) {
          const r = await download(clients.get(role)!, `/api/action-plans/${plan[kind]}/forms/${f.id}?format=xlsx`);
          const want = kind === "foreign" ? 404 : 200;
          if (r.status !== want) failures.push(`${role} ${f.id} (${kind}): got ${r.status}, want ${want}`);
        }
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);

  it("the consolidated report: every member, with exactly the programs of their own municipality in force in the year", async () => {
    covered.add("GET /api/municipality/forms/:form");
    // The fixture's programs are drafts (not in force): each municipality gets one program in force from December 2024.
    for (const [c, letter] of [
      [clients.get("admin")!, "А"],
      [await app.as("adminb"), "Б"],
    ] as const) {
      const deps = (await c.get("/api/departments")).body.items;
      const p = await c.post("/api/programs", {
        code: "MP-5",
        name: `Программа ${letter}5`,
        responsibleDepartmentId: deps[0].id,
        startYear: 2025,
        endYear: 2030,
      });
      expect(p.status).toBe(201);
      expect((await c.post(`/api/programs/${p.body.id}/versions/in-force`, { decreeNumber: "5-п", decreeDate: "2024-12-10" })).status).toBe(
        201,
      );
    }
    const names = async (b: Buffer) => [
      ...new Set((await readXlsx(b)).rows.flat().filter((v) => typeof v === "string" && /^MP-\d/.test(v))),
    ];
    for (const role of ROLES) {
      const r = await download(clients.get(role)!, "/api/municipality/forms/consolidated-report?year=2025&format=xlsx");
      expect(r.status, role).toBe(200);
      expect(await names(r.body), role).toEqual(["MP-5 «Программа А5»"]);
    }
    const b = await download(await app.as("adminb"), "/api/municipality/forms/consolidated-report?year=2025&format=xlsx");
    expect(await names(b.body)).toEqual(["MP-5 «Программа Б5»"]);
  });

  it("the program's workbook: every member of the municipality; nobody of another", async () => {
    covered.add("GET /api/programs/:id/workbook");
    const failures: string[] = [];
    for (const role of ROLES) {
      for (const kind of ["own", "other", "foreign"] as Kind[]) {
        const r = await download(clients.get(role)!, `/api/programs/${program[kind]}/workbook`);
        const want = kind === "foreign" ? 404 : 200;
        if (r.status !== want) failures.push(`${role} workbook (${kind}): got ${r.status}, want ${want}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it("the program's report of a year as a JSON file: every member of the municipality; nobody of another", async () => {
    covered.add("GET /api/programs/:id/report.json");
    const failures: string[] = [];
    for (const role of ROLES) {
      for (const kind of ["own", "other", "foreign"] as Kind[]) {
        const r = await download(clients.get(role)!, `/api/programs/${program[kind]}/report.json?year=2025`);
        const want = kind === "foreign" ? 404 : 200;
        if (r.status !== want) failures.push(`${role} report.json (${kind}): got ${r.status}, want ${want}`);
        if (want === 200 && JSON.parse(r.body.toString("utf8")).format !== "orientir.program-report/1")
          failures.push(`${role} report.json (${kind}): not a report`);
      }
    }
    expect(failures).toEqual([]);
  });

  it("import of a report (JSON): the same rights as of a workbook, each row checked as a single change", async () => {
    const admin = clients.get("admin")!;
    const adminB = await app.as("adminb");
    // the fact of 2025 of the metric of direction 1, in the report of each program
    const edited = async (kind: Kind, value: number) => {
      const r = JSON.parse(
        (await download(kind === "foreign" ? adminB : admin, `/api/programs/${program[kind]}/report.json?year=2025`)).body.toString("utf8"),
      );
      r.directions[0].elements[0].metrics[0].fact = value;
      return Buffer.from(JSON.stringify(r)).toString("base64");
    };
    const refusedAt = (i: any) => /Недостаточно прав/.test(i.reason) && i.column === "directions[0].elements[0].metrics[0]";
    expect(await importFailures(edited, { filename: "report.json" }, refusedAt)).toEqual([]);
  }, 120_000);

  it("import: those who may change the program preview and confirm; a row they may not change is an error of the file; others are refused", async () => {
    covered.add("POST /api/programs/:id/import/preview");
    covered.add("POST /api/programs/:id/import/confirm");
    const admin = clients.get("admin")!;
    const adminB = await app.as("adminb");
    // a plan of a metric of direction 1 changed, in the workbook of each program
    const edited = async (kind: Kind, value: number) => {
      const file = (await download(kind === "foreign" ? adminB : admin, `/api/programs/${program[kind]}/workbook`)).body;
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(file as unknown as ArrayBuffer);
      const ws = wb.getWorksheet("Значения показателей")!;
      ws.eachRow((row) => {
        if (row.getCell(1).value === "1.1" && row.getCell(3).value === 2027) row.getCell(4).value = value;
      });
      return Buffer.from(await wb.xlsx.writeBuffer()).toString("base64");
    };
    const refusedAt = (i: any) => /Недостаточно прав/.test(i.reason) && i.sheet === "Значения показателей";
    expect(await importFailures(edited, {}, refusedAt)).toEqual([]);
  }, 180_000);

  it("without a session nothing is answered; a form of another scope or an unknown format is refused", async () => {
    const anonymous = app.client();
    for (const url of [
      "/api/forms",
      `/api/programs/${program.own}/forms/passport`,
      `/api/action-plans/${plan.own}/forms/plan-activities`,
      "/api/municipality/forms/consolidated-report",
      `/api/programs/${program.own}/workbook`,
      `/api/programs/${program.own}/report.json?year=2025`,
    ]) {
      expect((await download(anonymous, url)).status, url).toBe(401);
    }
    for (const url of [`/api/programs/${program.own}/import/preview`, `/api/programs/${program.own}/import/confirm`]) {
      expect((await anonymous.post(url, { contentBase64: "UEs=", token: "x" })).status, url).toBe(401);
    }
    const viewer = clients.get("viewer")!;
    expect((await viewer.get(`/api/programs/${program.own}/forms/plan-activities`)).status).toBe(400);
    expect((await viewer.get(`/api/programs/${program.own}/forms/passport?format=csv`)).status).toBe(400);
    expect((await viewer.get(`/api/action-plans/${plan.own}/forms/passport`)).status).toBe(400);
  });

  it("covers every route of the group", () => {
    const all = routeGroups().forms!.map((r) => `${r.method} ${r.path}`);
    expect(all.filter((r) => !covered.has(r))).toEqual([]);
  });
});
