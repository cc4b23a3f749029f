/**
 * Files of the control (issue 15, part 1) through the API × every role: the office (here the
 * economy department, named in the control settings) and the administrator attach files to
 * registry documents, every member downloads them; the executor uploads the files of its report
 * with the report step, every member downloads them; an appeal's files are personal data — only
 * the staff assigned and the office upload, list and download them (not the administrator), each
 * reading logged; another
 * municipality gets 404; without a session 401. A refused type or size is a 400 naming the field,
 * and nothing is written.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROLES, type Role } from "@orientir/domain";
import { routeGroups } from "@orientir/server";
import { createTestApp, type Client, type TestApp } from "@orientir/testing";

let app: TestApp;
const clients = new Map<Role, Client>();
const covered = new Set<string>();
let adminB: Client;
let deps: Record<string, string>;

// the office: the administrator, the department named the office in the settings, and the office role
const OFFICE: Role[] = ["admin", "economy", "office"];
const PDF = Buffer.from("%PDF-1.7\nОтчет об исполнении\n");
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
const b64 = (b: Buffer) => b.toString("base64");

beforeAll(async () => {
  app = await createTestApp();
  for (const role of ROLES) clients.set(role, await app.as(role));
  adminB = await app.as("adminb");
  const admin = clients.get("admin")!;
  deps = Object.fromEntries((await admin.get("/api/departments")).body.items.map((d: any) => [d.name, d.id]));
  const r = await admin.request("PUT", "/api/control/settings", {
    officeDepartmentId: deps["Управление экономики"],
    reminderDaysBefore: 3,
  });
  expect(r.status).toBe(200);
});

afterAll(async () => {
  await app?.close();
});

async function walk(label: string, call: (role: Role, c: Client) => Promise<{ status: number }>, want: (role: Role) => number) {
  const failures: string[] = [];
  for (const role of ROLES) {
    const r = await call(role, clients.get(role)!);
    if (r.status !== want(role)) failures.push(`${label} as ${role}: got ${r.status}, want ${want(role)}`);
  }
  expect(failures).toEqual([]);
}

const count = async (sql: string, params: unknown[]) => Number((await app.ctx.db.query<{ n: string }>(sql, params)).rows[0]!.n);

describe("files of the control", () => {
  it("a registry document's file: the office attaches it, every member downloads it as uploaded; refused ones are 400 naming the field", async () => {
    covered.add("POST /api/registry/:id/files").add("GET /api/registry/:id/files/:fileId/content");
    const economy = clients.get("economy")!;
    const doc = (await economy.post("/api/registry", { kind: "incoming", regDate: "2026-03-02", summary: "Письмо о ремонте школы" })).body;
    await walk(
      "POST registry files",
      (role, c) => c.post(`/api/registry/${doc.id}/files`, { filename: `скан-${role}.pdf`, title: "Скан письма", contentBase64: b64(PDF) }),
      (r) => (OFFICE.includes(r) ? 201 : 403),
    );
    const card = (await clients.get("viewer")!.get(`/api/registry/${doc.id}`)).body;
    expect(card.files.map((f: any) => f.filename).sort()).toEqual(["скан-admin.pdf", "скан-economy.pdf", "скан-office.pdf"]);
    expect(card.files[0]).toMatchObject({ title: "Скан письма", contentType: "application/pdf", size: PDF.length });
    const fileId = card.files[0].id;
    await walk(
      "GET registry file",
      (_r, c) => c.get(`/api/registry/${doc.id}/files/${fileId}/content`),
      () => 200,
    );
    const got = await clients.get("viewer")!.get(`/api/registry/${doc.id}/files/${fileId}/content`);
    expect(got.headers["content-type"]).toContain("application/pdf");
    expect(Buffer.from(got.body)).toEqual(PDF);
    // another municipality: neither the document nor its file
    expect((await adminB.get(`/api/registry/${doc.id}/files/${fileId}/content`)).status).toBe(404);
    expect((await adminB.post(`/api/registry/${doc.id}/files`, { filename: "x.pdf", contentBase64: b64(PDF) })).status).toBe(404);
    // a file of another document is not this document's
    const other = (await economy.post("/api/registry", { kind: "outgoing", regDate: "2026-03-03", summary: "Ответ" })).body;
    expect((await economy.get(`/api/registry/${other.id}/files/${fileId}/content`)).status).toBe(404);
    // refused: a type judged by the content, the size, not base64 — each a 400 naming contentBase64, nothing written
    const before = await count(`SELECT count(*) AS n FROM control_file WHERE document_id = $1`, [doc.id]);
    const text = await economy.post(`/api/registry/${doc.id}/files`, { filename: "a.pdf", contentBase64: b64(Buffer.from("not a pdf")) });
    expect(text.status).toBe(400);
    expect(text.body.error.issues[0].path).toBe("contentBase64");
    expect(text.body.error.issues[0].message).toMatch(/Недопустимый тип файла/);
    const big = await economy.post(`/api/registry/${doc.id}/files`, {
      filename: "big.pdf",
      contentBase64: b64(Buffer.concat([PDF, Buffer.alloc(5 * 1024 * 1024)])),
    });
    expect(big.status).toBe(400);
    expect(big.body.error.issues[0].path).toBe("contentBase64");
    expect(big.body.error.issues[0].message).toMatch(/больше допустимых/);
    const notB64 = await economy.post(`/api/registry/${doc.id}/files`, { filename: "a.pdf", contentBase64: "%%%" });
    expect(notB64.status).toBe(400);
    expect(notB64.body.error.issues[0].path).toBe("contentBase64");
    const noName = await economy.post(`/api/registry/${doc.id}/files`, { filename: "", contentBase64: b64(PDF) });
    expect(noName.status).toBe(400);
    expect(noName.body.error.issues[0].path).toBe("body.filename");
    expect(await count(`SELECT count(*) AS n FROM control_file WHERE document_id = $1`, [doc.id])).toBe(before);
  });

  it("an order's report carries its files: uploaded with the step, shown in the history, downloaded by every member", async () => {
    covered.add("GET /api/orders/:id/files/:fileId/content");
    const admin = clients.get("admin")!;
    const executor = clients.get("executor")!;
    const order = (
      await admin.post("/api/orders", {
        source: "headOrder",
        text: "Подготовить отчет о ремонте",
        issuedOn: "2026-03-02",
        term: { kind: "workingDays", days: 10 },
        responsibleDepartmentId: deps["Управление образования"],
      })
    ).body;
    const started = (await executor.post(`/api/orders/${order.id}/steps`, { action: "start", version: order.version })).body;
    // a refused file fails the whole step: 400 naming files[1].contentBase64, the order unchanged
    const bad = await executor.post(`/api/orders/${order.id}/steps`, {
      action: "report",
      version: started.version,
      text: "Исполнено",
      files: [
        { name: "отчет.pdf", contentBase64: b64(PDF) },
        { name: "фото.exe", contentBase64: b64(Buffer.from("MZ\x90\x00 not allowed")) },
      ],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues[0].path).toBe("files[1].contentBase64");
    const same = (await executor.get(`/api/orders/${order.id}`)).body;
    expect(same.state).toBe("inWork");
    expect(await count(`SELECT count(*) AS n FROM control_file WHERE order_id = $1`, [order.id])).toBe(0);
    const ok = await executor.post(`/api/orders/${order.id}/steps`, {
      action: "report",
      version: started.version,
      text: "Исполнено",
      files: [
        { name: "отчет.pdf", contentBase64: b64(PDF) },
        { name: "фото.png", contentBase64: b64(PNG) },
        { name: "акт-на-бумаге.pdf", size: 1000, sha256: null },
      ],
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    const report = ok.body.events.find((e: any) => e.action === "report");
    expect(report.files.map((f: any) => [f.name, f.fileId !== undefined && f.fileId !== null])).toEqual([
      ["акт-на-бумаге.pdf", false],
      ["отчет.pdf", true],
      ["фото.png", true],
    ]);
    const pdf = report.files.find((f: any) => f.name === "отчет.pdf");
    await walk(
      "GET order file",
      (_r, c) => c.get(`/api/orders/${order.id}/files/${pdf.fileId}/content`),
      () => 200,
    );
    expect(Buffer.from((await clients.get("viewer")!.get(`/api/orders/${order.id}/files/${pdf.fileId}/content`)).body)).toEqual(PDF);
    expect((await adminB.get(`/api/orders/${order.id}/files/${pdf.fileId}/content`)).status).toBe(404);
  });

  it("an appeal's files are personal data: only the assigned staff and the office; every reading logged", async () => {
    covered.add("GET /api/appeals/:id/files").add("POST /api/appeals/:id/files").add("GET /api/appeals/:id/files/:fileId/content");
    const economy = clients.get("economy")!;
    const appeal = (
      await economy.post("/api/appeals", {
        channel: "letter",
        receivedOn: "2026-03-02",
        registeredOn: "2026-03-02",
        authorName: "Иванов Иван",
        authorAddress: "г. Калуга, ул. Садовая, 1",
        text: "Прошу отремонтировать дорогу",
        topicCode: "0003.0009.0097.0692",
      })
    ).body;
    const cur = (await economy.get(`/api/appeals/${appeal.id}`)).body;
    const assigned = await economy.post(`/api/appeals/${appeal.id}/steps`, {
      action: "assign",
      version: cur.version,
      assignedDepartmentId: deps["Управление образования"],
    });
    expect(assigned.status).toBe(200);
    // the administrator is no controller of appeals: the personal data is not theirs to see
    const WHO: Role[] = ["economy", "executor", "office"];
    await walk(
      "POST appeal files",
      (role, c) => c.post(`/api/appeals/${appeal.id}/files`, { filename: `письмо-${role}.pdf`, contentBase64: b64(PDF) }),
      (r) => (WHO.includes(r) ? 201 : 403),
    );
    await walk(
      "GET appeal files",
      (_r, c) => c.get(`/api/appeals/${appeal.id}/files`),
      (r) => (WHO.includes(r) ? 200 : 403),
    );
    const files = (await clients.get("executor")!.get(`/api/appeals/${appeal.id}/files`)).body.items;
    expect(files).toHaveLength(WHO.length);
    const fileId = files[0].id;
    const logged = () =>
      count(`SELECT count(*) AS n FROM appeal_access_log WHERE appeal_id = $1 AND purpose LIKE 'скачан файл%'`, [appeal.id]);
    const before = await logged();
    await walk(
      "GET appeal file",
      (_r, c) => c.get(`/api/appeals/${appeal.id}/files/${fileId}/content`),
      (r) => (WHO.includes(r) ? 200 : 403),
    );
    // the downloads of those who may are logged, the refused ones are not
    expect((await logged()) - before).toBe(WHO.length);
    const who = (
      await app.ctx.db.query(
        `SELECT DISTINCT u.login FROM appeal_access_log l JOIN app_user u ON u.id = l.user_id
         WHERE l.appeal_id = $1 AND l.purpose LIKE 'скачан файл%' ORDER BY 1`,
        [appeal.id],
      )
    ).rows.map((r: any) => r.login);
    expect(who).toHaveLength(WHO.length);
    expect((await adminB.get(`/api/appeals/${appeal.id}/files/${fileId}/content`)).status).toBe(404);
    expect((await adminB.get(`/api/appeals/${appeal.id}/files`)).status).toBe(404);
    const refused = await economy.post(`/api/appeals/${appeal.id}/files`, {
      filename: "a.pdf",
      contentBase64: b64(Buffer.from("plain text")),
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.issues[0].path).toBe("contentBase64");
  });

  it("without a session nothing is answered", async () => {
    const anonymous = app.client();
    for (const r of routeGroups().controlFiles!) {
      const path = r.path.replace(":id", "00000000-0000-4000-8000-000000000000").replace(":fileId", "00000000-0000-4000-8000-000000000001");
      const res = await anonymous.request(r.method, path, r.method === "GET" ? undefined : {});
      expect(res.status, `${r.method} ${r.path}`).toBe(401);
    }
  });

  it("covers every route of the group", () => {
    const all = routeGroups().controlFiles!.map((r) => `${r.method} ${r.path}`);
    expect(all.filter((r) => !covered.has(r))).toEqual([]);
  });
});
