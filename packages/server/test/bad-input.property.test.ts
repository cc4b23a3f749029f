/**
 * Bad input is a 400, never a 5xx (issue 9, part 7), as a property over EVERY route of the route
 * list (the list the server, the OpenAPI document and the authorization tests are made from): each
 * param, query and body field of the route's schemas — nested objects, arrays and records too — gets
 * generated bad values (NUL and other control characters, invisible-only text, huge text, impossible
 * dates, oversized decimals, wrong types, negative and huge numbers, deep objects) on top of a
 * request that is otherwise well-formed, sent by a signed-in administrator (the economy department
 * for the evaluation routes) on real rows of the own municipality.
 *
 * Expected: never a 5xx; a 400 (that names the field) whenever the value is clearly invalid —
 * a control character anywhere, nesting deeper than the server takes, a value the field's own
 * schema refuses, and, on the generic resource routes, a value the domain's check of that field
 * refuses.
 *
 * `npm test` runs a few values per field (about a minute); ORIENTIR_LONG_TESTS=1 runs many more.
 * ORIENTIR_FC_SEED=N replays a run (the seed is printed with any failure); ORIENTIR_BAD_INPUT_RUNS=N sets
 * the generated values per field; ORIENTIR_BAD_INPUT_STATS=1 prints how far the requests got.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { z } from "zod";
import { listRows, type Row } from "@orientir/db";
import { RESOURCES, checkField, hasControlChars, resource, type ResourceSpec } from "@orientir/domain";
import { allRoutes, routeGroups, type RouteDef } from "@orientir/server";
import { createTestApp, type Client, type TestApp } from "@orientir/testing";
import { MAX_DEPTH } from "../src/input-guard.ts";

const LONG = process.env.ORIENTIR_LONG_TESTS === "1";
/** Generated values per field (besides the fixed NUL and deep ones every field gets). */
const RUNS_PER_FIELD = Number(process.env.ORIENTIR_BAD_INPUT_RUNS) || (LONG ? 40 : 2);
const SEED = Number(process.env.ORIENTIR_FC_SEED) || Math.floor(Math.random() * 2 ** 31);

let app: TestApp;
let admin: Client;
let economy: Client;
let signOut: Client;
const ids: Record<string, string> = {};
const samples = new Map<string, Row>();
const walked = new Set<string>();

// ---- bad values -------------------------------------------------------------------------------

const INVISIBLE = ["\u200B", "\u200C", "\u200D", "\u2060", "\uFEFF", "\u00A0", " ", "\t", "\u3000", "\u2028", "\u180E", "\u00AD"];

function deep(depth: number, leaf: unknown = "x"): unknown {
  let v: unknown = leaf;
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v };
  return v;
}

const nulText = fc.tuple(fc.string({ maxLength: 10 }), fc.string({ maxLength: 10 })).map(([a, b]) => `${a}\u0000${b}`);
const controlText = fc
  .tuple(
    fc.string({ maxLength: 8 }),
    fc.integer({ min: 0, max: 0x9f }).filter((c) => (c < 0x20 && ![9, 10, 13].includes(c)) || c >= 0x7f),
  )
  .map(([a, c]) => `${a}${String.fromCharCode(c)}`);
const invisibleText = fc.array(fc.constantFrom(...INVISIBLE), { minLength: 1, maxLength: 8 }).map((a) => a.join(""));
const hugeText = fc.constantFrom(5_000, 70_000, 1_100_000).map((n) => "я".repeat(n));
const impossibleDate = fc.constantFrom(
  "2025-02-30",
  "2023-02-29",
  "2025-04-31",
  "2025-13-01",
  "2025-00-10",
  "0000-01-01",
  "9999-99-99",
  "2025-1-1",
  "abc",
  "2025-02-30T10:00:00Z",
);
const oversizedDecimal = fc.constantFrom(
  "1".repeat(40),
  "9".repeat(17) + ".99",
  "0." + "1".repeat(40),
  "123456789012345678901234567890123.5",
  "1e400",
  "-" + "9".repeat(300),
  "99999999999999999999",
  "NaN",
  "Infinity",
);
const badNumber = fc.oneof(
  fc.constantFrom(-1, -2_147_483_649, 2_147_483_648, 2 ** 53, 2 ** 64, 1e308, -1e308, 0.5, -0.0001, 0),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
);
const wrongType = fc.constantFrom<unknown>(null, true, false, [], {}, [1, 2], { a: 1 }, "", 0, "true", "null", [null]);
const deepValue = fc.integer({ min: MAX_DEPTH + 1, max: 300 }).map((d) => deep(d));
const anyText = fc.string({ maxLength: 30, unit: "binary" });

const badBody: fc.Arbitrary<unknown> = fc.oneof(
  nulText,
  controlText,
  invisibleText,
  hugeText,
  impossibleDate,
  oversizedDecimal,
  badNumber,
  wrongType,
  deepValue,
  anyText,
  oversizedDecimal.map((d) => Number(d)),
);
/** In a query string or a path everything is text (an array in a query: the key repeated). */
const badText: fc.Arbitrary<unknown> = fc.oneof(
  nulText,
  controlText,
  invisibleText,
  hugeText,
  impossibleDate,
  oversizedDecimal,
  anyText,
  badNumber.map(String),
  fc.constantFrom("", "-1", "0", "true", "current", "Q5", "%", "../x", "{}", "[]"),
  fc.array(fc.oneof(anyText, fc.constant("1")), { minLength: 2, maxLength: 3 }),
);

/** Holds a control character (other than tab, line feed, carriage return), in a value or a key. */
function hasControl(v: unknown, depth = 0): boolean {
  if (depth > 400) return false;
  if (typeof v === "string") return hasControlChars(v);
  if (Array.isArray(v)) return v.some((x) => hasControl(x, depth + 1));
  if (v && typeof v === "object") return Object.entries(v).some(([k, x]) => hasControlChars(k) || hasControl(x, depth + 1));
  return false;
}

function depthOf(v: unknown): number {
  let d = 0;
  let cur: unknown[] = [v];
  while (cur.length) {
    const next: unknown[] = [];
    for (const x of cur) if (x && typeof x === "object") next.push(...(Array.isArray(x) ? x : Object.values(x)));
    if (!next.length) break;
    d++;
    cur = next;
  }
  return d;
}

// ---- the fields of a schema, and a well-formed example of it ----------------------------------

type Def = { type: string; [k: string]: any };
const def = (s: z.ZodType): Def => (s as any)._zod.def;

function unwrap(s: z.ZodType): z.ZodType {
  let cur = s;
  for (;;) {
    const d = def(cur);
    if (d.type === "optional" || d.type === "nullable" || d.type === "default" || d.type === "readonly" || d.type === "nonoptional")
      cur = d.innerType;
    else if (d.type === "pipe") cur = d.in;
    else return cur;
  }
}

interface Field {
  /** Dotted path inside params, query or body: `protocol.date`, `remarks.0`, `reasons.k`. */
  path: string[];
  schema: z.ZodType;
}

/** Every field of an object schema, nested objects, array elements and record values included. */
function fieldsOf(schema: z.ZodType | undefined, prefix: string[] = [], depth = 0): Field[] {
  if (!schema || depth > 4) return [];
  const d = def(unwrap(schema));
  const out: Field[] = [];
  if (d.type === "object") {
    for (const [k, sub] of Object.entries(d.shape as Record<string, z.ZodType>)) {
      out.push({ path: [...prefix, k], schema: sub });
      out.push(...fieldsOf(sub, [...prefix, k], depth + 1).filter((f) => f.path.length > prefix.length + 1));
    }
  } else if (d.type === "array") {
    out.push(
      { path: [...prefix, "0"], schema: d.element },
      ...fieldsOf(d.element, [...prefix, "0"], depth + 1).filter((f) => f.path.length > prefix.length + 1),
    );
  } else if (d.type === "record") {
    out.push({ path: [...prefix, "k"], schema: d.valueType });
  }
  return out;
}

/** A value the schema accepts, built from candidates that fit the names of this API. */
function example(schema: z.ZodType, key: string, inQuery: boolean): unknown {
  const accepts = (v: unknown) => schema.safeParse(v).success;
  const u = unwrap(schema);
  const d = def(u);
  const idFor = ids[key] ?? ids[key.replace(/Id$/, "")] ?? ids.program;
  const candidates: unknown[] = [];
  switch (d.type) {
    case "object": {
      const o: Record<string, unknown> = {};
      for (const [k, sub] of Object.entries(d.shape as Record<string, z.ZodType>)) {
        if (sub.safeParse(undefined).success) continue;
        o[k] = example(sub, k, inQuery);
      }
      return o;
    }
    case "array":
      return accepts([]) ? [] : [example(d.element, key, inQuery)];
    case "record":
      return {};
    case "enum":
      return Object.values(d.entries)[0];
    case "literal":
      return d.values[0];
    case "boolean":
      return inQuery ? "false" : false;
    case "union":
      for (const o of d.options as z.ZodType[]) {
        const v = example(o, key, inQuery);
        if (accepts(v)) return v;
      }
      return undefined;
    case "number":
      candidates.push(...(inQuery ? ["2026", "1", "0"] : [2026, 1, 0]));
      break;
    default:
      candidates.push(idFor, "2026-03-01", "2026", "x", "Текст", "1", "Q1", "true", "a.pdf", "kaluga-220p");
  }
  if (accepts(null) && !candidates.some(accepts)) return null;
  return candidates.find(accepts) ?? candidates[0];
}

function setAt(target: Record<string, unknown>, path: string[], value: unknown): Record<string, unknown> {
  const root = structuredClone(target);
  let cur: any = root;
  for (const [i, k] of path.entries()) {
    if (i === path.length - 1) cur[k] = value;
    else {
      if (cur[k] === null || typeof cur[k] !== "object") cur[k] = /^\d+$/.test(path[i + 1]!) ? [] : {};
      cur = cur[k];
    }
  }
  return root;
}

// ---- requests -----------------------------------------------------------------------------------

type Where = "params" | "query" | "body";

interface Base {
  params: Record<string, string>;
  query: Record<string, unknown>;
  body: Record<string, unknown> | undefined;
}

/** The resource spec of a generic resource route, if it is one. */
function specOf(r: RouteDef): ResourceSpec | undefined {
  return RESOURCES.find((s) => r.path === `/api/${s.path}` || r.path === `/api/${s.path}/:id`);
}

function paramId(r: RouteDef): string {
  const spec = specOf(r);
  if (spec) return samples.get(spec.name)!.id;
  const p = r.path;
  const table: [RegExp, string][] = [
    [/^\/api\/programs\/:id\/(versions|workflows|diff)/, "workflowProgram"],
    [/^\/api\/programs\//, "program"],
    [/^\/api\/monitoring\/programs\//, "program"],
    [/^\/api\/strategies\//, "strategy"],
    [/^\/api\/action-plans\//, "actionPlan"],
    [/^\/api\/directions\//, "direction"],
    [/^\/api\/versions\//, "programVersion"],
    [/^\/api\/workflows\//, "workflow"],
    [/^\/api\/monitoring\/checkpoints\//, "checkpoint"],
    [/^\/api\/monitoring\/documents\//, "document"],
    [/^\/api\/monitoring\/metrics\//, "metric"],
    [/^\/api\/(monitoring\/)?users\//, "user"],
    // the portal (issue 14): any id will do — a well-formed request about an unknown row is a 404, bad input a 400
    [/^\/api\/(portal|p)\//, "program"],
    // the council (issue 14, part 7): as the portal, any id will do
    [/^\/api\/council\//, "program"],
    [/^\/api\/control\/department-heads\//, "department"],
    [/^\/api\/registry\//, "registryDocument"],
    [/^\/api\/orders\//, "controlOrder"],
    [/^\/api\/appeals\//, "appeal"],
  ];
  for (const [re, key] of table) if (re.test(p)) return ids[key]!;
  throw new Error(`no sample id for ${r.method} ${r.path}`);
}

function baseOf(r: RouteDef): Base {
  const params: Record<string, string> = {};
  for (const name of r.path.match(/:(\w+)/g) ?? []) {
    const k = name.slice(1);
    if (k === "id") params.id = paramId(r);
    // an appeal's tracking code (issue 15): well-formed, unknown — the body is what is fuzzed
    else if (k === "code" && r.path.startsWith("/api/appeals/track/")) params.code = "AAAA-AAAA-AAAA";
    else params[k] = String(example((def(unwrap(r.params!)).shape as Record<string, z.ZodType>)[k]!, k, true));
  }
  const query = r.query ? (example(r.query, "", true) as Record<string, unknown>) : {};
  let body = r.body ? (example(r.body, "", false) as Record<string, unknown>) : r.method === "GET" ? undefined : {};
  const spec = specOf(r);
  const key = `${r.method} ${r.path}`;
  if (spec && r.method === "POST") {
    // a row like an existing one, under the same parent
    const row = samples.get(spec.name)!;
    body = {};
    for (const f of spec.fields) body[f.name] = row[f.name];
    if (spec.parent) body[spec.parent.field] = row[spec.parent.field];
  }
  if (spec && (r.method === "PATCH" || r.method === "DELETE")) {
    // the version of the sample is read afresh before each request (see send)
  }
  const overrides: Record<string, Partial<Base>> = {
    "POST /api/auth/login": { body: { login: "nobody-here", password: "x" } },
    "POST /api/auth/municipality": { body: { municipalityId: ids.municipality } },
    "POST /api/users": { body: { login: "prop-user", fullName: "Проверка Свойств", password: "long-enough-1", role: "viewer" } },
    "POST /api/batch": {
      body: { operations: [{ op: "update", resource: "funding", id: samples.get("funding")!.id, version: 1, data: {} }] },
    },
    "POST /api/monitoring/checkpoints/:id/documents": { body: { filename: "акт.pdf", contentBase64: PDF.toString("base64") } },
    "POST /api/programs/:id/import/preview": { body: { filename: "r.json", contentBase64: Buffer.from("{}").toString("base64") } },
    "POST /api/programs/:id/import/confirm": {
      body: { filename: "r.json", contentBase64: Buffer.from("{}").toString("base64"), token: "t" },
    },
    "PUT /api/evaluation/settings": { body: { version: null, preset: "kaluga-220p", presetVersion: null } },
    "POST /api/evaluation/methodologies": { body: { basedOn: { preset: "kaluga-220p" }, name: "Проверка" } },
    "POST /api/workflows/:id/steps": { body: { version: 1, action: "submit" } },
    "GET /api/programs/:id/diff": { query: {} },
  };
  return { params, query, body, ...overrides[key] };
}

const PDF = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

function clientFor(r: RouteDef): Client {
  if (r.path === "/api/auth/logout") return signOut;
  return r.tag === "evaluation" ? economy : admin;
}

function url(r: RouteDef, params: Record<string, unknown>, query: Record<string, unknown>): string {
  const path = r.path.replace(/:(\w+)/g, (_, k: string) => encodeURIComponent(String(params[k])));
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined) continue;
    for (const x of Array.isArray(v) ? v : [v]) qs.append(k, typeof x === "string" ? x : JSON.stringify(x));
  }
  const s = qs.toString();
  return s ? `${path}?${s}` : path;
}

/** The version of each sample row as last seen: read again after a write or a conflict. */
const versions = new Map<string, number>();

async function versionOf(spec: ResourceSpec): Promise<number> {
  const known = versions.get(spec.name);
  if (known !== undefined) return known;
  const row = await admin.get(`/api/${spec.path}/${samples.get(spec.name)!.id}`);
  const v = row.status === 200 ? (row.body.version as number) : 1;
  versions.set(spec.name, v);
  return v;
}

interface Outcome {
  status: number;
  body: any;
}

async function send(r: RouteDef, where: Where, field: Field | null, value: unknown): Promise<Outcome> {
  const base = baseOf(r);
  const spec = specOf(r);
  const version = spec && r.path.endsWith(":id") ? await versionOf(spec) : undefined;
  if (version !== undefined && r.method === "PATCH") base.body = { ...base.body, version };
  // a DELETE names a stale version, so that a well-formed request never deletes the sample
  if (version !== undefined && r.method === "DELETE") base.query = { ...base.query, version: version + 1000 };
  let { params, query, body } = base;
  if (field) {
    if (where === "params") params = { ...params, [field.path[0]!]: value as string };
    else if (where === "query") query = { ...query, [field.path[0]!]: value };
    else body = setAt(body ?? {}, field.path, value);
  }
  const res = await clientFor(r).request(r.method, url(r, params, query), body);
  // a write went through, or the row changed meanwhile (the batch writes samples too): read its version again
  if (spec && ((res.status < 300 && r.method !== "GET") || res.status === 409)) versions.delete(spec.name);
  if (r.path === "/api/batch") versions.clear();
  return { status: res.status, body: res.body };
}

/** Whether the value is clearly invalid for the field: the 400 expected. */
function clearlyInvalid(r: RouteDef, where: Where, field: Field, value: unknown): boolean {
  if (hasControl(value)) return true;
  if (where === "body" && depthOf(value) + field.path.length > MAX_DEPTH) return true;
  // a body goes as JSON: NaN and ±Infinity arrive as null, which an optional field accepts
  const asSent =
    where === "body"
      ? value === undefined
        ? undefined
        : (JSON.parse(JSON.stringify(value)) as unknown)
      : Array.isArray(value)
        ? value.map((x) => (typeof x === "string" ? x : JSON.stringify(x)))
        : typeof value === "string"
          ? value
          : JSON.stringify(value);
  if (!field.schema.safeParse(asSent).success) return true;
  const spec = specOf(r);
  if (spec && where === "body" && field.path.length === 1 && (r.method === "POST" || r.method === "PATCH")) {
    const f = spec.fields.find((x) => x.name === field.path[0]);
    if (f && checkField(spec, f, asSent).issues.length) return true;
  }
  return false;
}

const failures: string[] = [];
const stats = new Map<number, number>();
const plainStats: string[] = [];

function show(v: unknown): string {
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 120 ? `${s.slice(0, 120)}… (${s.length} chars)` : s;
}

async function probe(r: RouteDef, where: Where, field: Field, value: unknown): Promise<void> {
  const what = `${r.method} ${r.path} ${where}.${field.path.join(".")} = ${show(value)}`;
  let out: Outcome;
  try {
    out = await send(r, where, field, value);
  } catch (e) {
    failures.push(`${what}: the request threw ${(e as Error).message}`);
    return;
  }
  stats.set(out.status, (stats.get(out.status) ?? 0) + 1);
  if (out.status >= 500) {
    failures.push(`${what}: ${out.status} ${show(out.body)}`);
    return;
  }
  const invalid = clearlyInvalid(r, where, field, value);
  if (!invalid) return;
  if (where === "params") {
    // a path that no longer matches the route (empty, too long) is a 404 of the router
    if (out.status < 400) failures.push(`${what}: ${out.status}, expected a 4xx`);
    return;
  }
  if (out.status !== 400) {
    failures.push(`${what}: ${out.status} ${show(out.body)}, expected 400`);
    return;
  }
  const issues: { path: string }[] = out.body?.error?.issues ?? [];
  const named = issues.some((i) => i.path.includes(field.path[0]!) || i.path === where);
  if (!named) failures.push(`${what}: 400 without the field's path: ${show(out.body)}`);
}

async function walk(r: RouteDef): Promise<void> {
  walked.add(`${r.method} ${r.path}`);
  const fields: [Where, Field][] = [
    ...fieldsOf(r.params).map((f): [Where, Field] => ["params", f]),
    ...fieldsOf(r.query)
      .filter((f) => f.path.length === 1)
      .map((f): [Where, Field] => ["query", f]),
    ...fieldsOf(r.body).map((f): [Where, Field] => ["body", f]),
  ];
  // the batch carries rows of resources: walk the fields of one
  if (r.path === "/api/batch") {
    for (const f of resource("funding").fields) fields.push(["body", { path: ["operations", "0", "data", f.name], schema: z.unknown() }]);
  }
  // the route as it is (well-formed), then each field with the fixed values and the generated ones
  const plain = await send(r, "body", null, undefined);
  plainStats.push(`${plain.status} ${r.method} ${r.path}`);
  if (plain.status >= 500) failures.push(`${r.method} ${r.path} (well-formed): ${plain.status} ${show(plain.body)}`);
  for (const [where, field] of fields) {
    const text = where !== "body";
    await probe(r, where, field, "a\u0000b");
    if (!text) await probe(r, where, field, deep(MAX_DEPTH + 8));
    await fc.assert(
      fc.asyncProperty(text ? badText : badBody, async (v) => {
        await probe(r, where, field, v);
      }),
      { numRuns: RUNS_PER_FIELD, seed: SEED, endOnFailure: true },
    );
  }
}

beforeAll(async () => {
  app = await createTestApp();
  admin = await app.as("admin");
  economy = await app.as("economy");
  signOut = await app.as("head");
  const me = (await admin.get("/api/auth/me")).body;
  ids.municipality = me.municipalityId;
  const db = app.ctx.db;
  const programs = await listRows(db, resource("program"), { municipalityId: me.municipalityId });
  const mp1 = programs.find((p) => p.code === "MP-1")!;
  const mp2 = programs.find((p) => p.code === "MP-2")!;
  for (const spec of RESOURCES) {
    const rows = await listRows(db, spec, { municipalityId: me.municipalityId });
    const row = rows.find((x) => x.id === mp1.id || x.programId === mp1.id) ?? rows[0];
    if (!row) throw new Error(`no sample row of ${spec.name}`);
    samples.set(spec.name, row);
    ids[spec.name] = row.id;
  }
  ids.user = (await app.as("viewer").then((c) => c.get("/api/auth/me"))).body.user.id;
  // a program under approval (MP-2): its version in force, a draft with its workflow
  const reg = await economy.post(`/api/programs/${mp2.id}/versions/in-force`, { decreeNumber: "1-п", decreeDate: "2025-01-10" });
  if (reg.status !== 201) throw new Error(`register: ${JSON.stringify(reg.body)}`);
  const draft = await admin.post(`/api/programs/${mp2.id}/versions`, {});
  if (draft.status !== 201) throw new Error(`draft: ${JSON.stringify(draft.body)}`);
  ids.workflowProgram = mp2.id;
  ids.workflow = draft.body.id;
  ids.programVersion = draft.body.programVersion.id;
  const doc = await admin.post(`/api/monitoring/checkpoints/${ids.checkpoint}/documents`, {
    filename: "акт.pdf",
    contentBase64: PDF.toString("base64"),
  });
  if (doc.status !== 201) throw new Error(`document: ${JSON.stringify(doc.body)}`);
  ids.document = doc.body.id;
  // control (issue 15): a registered document, an order on control, a citizen's appeal
  const registered = await admin.post("/api/registry", { kind: "incoming", regDate: "2026-03-02", summary: "Письмо" });
  if (registered.status !== 201) throw new Error(`registry: ${JSON.stringify(registered.body)}`);
  ids.registryDocument = registered.body.id;
  const order = await admin.post("/api/orders", {
    source: "headOrder",
    text: "Поручение",
    issuedOn: "2026-03-02",
    term: { kind: "date", due: "2026-03-20" },
    responsibleDepartmentId: ids.department,
  });
  if (order.status !== 201) throw new Error(`order: ${JSON.stringify(order.body)}`);
  ids.controlOrder = order.body.id;
  const appeal = await admin.post("/api/appeals", {
    channel: "letter",
    receivedOn: "2026-03-02",
    registeredOn: "2026-03-02",
    authorName: "Автор",
    authorAddress: "Адрес",
    text: "Обращение",
    topicCode: "0003.0009.0097.0692",
  });
  if (appeal.status !== 201) throw new Error(`appeal: ${JSON.stringify(appeal.body)}`);
  ids.appeal = appeal.body.id;
}, 120_000);

afterAll(async () => {
  await app?.close();
});

/** The routes of a group, the deleting ones last (a DELETE that succeeds takes its sample away). */
function ordered(routes: RouteDef[]): RouteDef[] {
  return [...routes.filter((r) => r.method !== "DELETE"), ...routes.filter((r) => r.method === "DELETE")];
}

describe(`bad input on every route is a 400, never a 5xx (fast-check seed ${SEED})`, () => {
  for (const [group, routes] of Object.entries(routeGroups())) {
    it(
      `${group}: ${routes.length} routes`,
      async () => {
        failures.length = 0;
        for (const r of ordered(routes)) await walk(r);
        expect(failures, `seed ${SEED}`).toEqual([]);
      },
      LONG ? 3_600_000 : 300_000,
    );
  }

  it("walked every route of the list", () => {
    if (process.env.ORIENTIR_BAD_INPUT_STATS === "1") {
      // how far the requests got: statuses of the probes, and of each route's well-formed request
      console.log(`statuses of the probes: ${JSON.stringify([...stats.entries()])}`);
      console.log(`well-formed requests:\n${plainStats.join("\n")}`);
    }
    const missing = allRoutes()
      .filter((r) => !walked.has(`${r.method} ${r.path}`))
      .map((r) => `${r.method} ${r.path}`);
    expect(missing).toEqual([]);
  });
});
