/**
 * OpenAPI 3.1 made from the routes' schemas. Every named schema (`.meta({ id })` in
 * `@orientir/contracts`) is one entry of `components.schemas`, referred to by `$ref`; where the
 * shape a client sends differs from the shape the server answers (defaults, coercions, strict
 * objects), the request's form is named `<Id>Input`.
 */
import { z } from "zod";
import { ErrorBody } from "@orientir/contracts";
import type { RouteDef } from "./route.ts";

type Json = Record<string, unknown>;
type Io = "input" | "output";

/** Collects the named schemas of the document as `components.schemas`. */
class Components {
  readonly schemas: Record<string, Json> = {};
  private readonly ioOf = new Map<string, Io>();

  /** The JSON Schema of a route's schema, its named parts moved to the components. */
  schema(schema: z.ZodType, io: Io): Json {
    const js = z.toJSONSchema(schema, { target: "draft-2020-12", io, unrepresentable: "any" }) as Json;
    delete js.$schema;
    const defs = (js.$defs ?? {}) as Record<string, Json>;
    delete js.$defs;
    const names = new Map<string, string>();
    for (const [id, def] of Object.entries(defs)) names.set(id, this.nameFor(id, def, io));
    const rewrite = (v: unknown): unknown => {
      if (Array.isArray(v)) return v.map(rewrite);
      if (v && typeof v === "object") {
        const out: Json = {};
        for (const [k, x] of Object.entries(v)) {
          out[k] =
            k === "$ref" && typeof x === "string" && x.startsWith("#/$defs/")
              ? `#/components/schemas/${names.get(x.slice(8)) ?? x.slice(8)}`
              : rewrite(x);
        }
        return out;
      }
      return v;
    };
    for (const [id, def] of Object.entries(defs)) this.schemas[names.get(id)!] = rewrite(def) as Json;
    return rewrite(js) as Json;
  }

  /** The name a schema takes: its id, or `<id>Input` when its output form already holds the id with another shape. */
  private nameFor(id: string, def: Json, io: Io): string {
    const known = this.schemas[id];
    if (!known || this.ioOf.get(id) === io) {
      this.ioOf.set(id, io);
      return id;
    }
    // the same id seen from the other side: one entry when the shapes agree
    if (JSON.stringify(known) === JSON.stringify(def)) return id;
    const other = io === "input" ? `${id}Input` : `${id}Output`;
    this.ioOf.set(other, io);
    return other;
  }

  /** The properties of an object schema (following its `$ref`), for the parameters of a path or query. */
  properties(js: Json): { properties: Record<string, unknown>; required: string[] } {
    const ref = typeof js.$ref === "string" ? this.schemas[js.$ref.replace("#/components/schemas/", "")] : js;
    const target = (ref ?? js) as { properties?: Record<string, unknown>; required?: string[] };
    return { properties: target.properties ?? {}, required: target.required ?? [] };
  }
}

function parameters(c: Components, schema: z.ZodType | undefined, where: "path" | "query") {
  if (!schema) return [];
  const js = c.properties(c.schema(schema, "input"));
  return Object.entries(js.properties).map(([name, s]) => ({
    name,
    in: where,
    required: where === "path" || js.required.includes(name),
    schema: s,
  }));
}

export function openApiDocument(routes: RouteDef[], opts: { sessionCookie?: string } = {}) {
  const c = new Components();
  const paths: Record<string, Record<string, unknown>> = {};
  // answers first: a named schema takes its id as the server answers it
  const responses = routes.map((r) => (r.response === null || r.response === "binary" ? null : c.schema(r.response, "output")));
  const errorSchema = c.schema(ErrorBody, "output");
  routes.forEach((r, i) => {
    const p = r.path.replace(/:(\w+)/g, "{$1}");
    const response = responses[i];
    const op: Record<string, unknown> = {
      summary: r.summary,
      tags: [r.tag],
      operationId: `${r.method.toLowerCase()}${p.replace(/[{}]/g, "").replace(/[^a-zA-Z0-9]+(.)?/g, (_, ch: string | undefined) => (ch ? ch.toUpperCase() : ""))}`,
      parameters: [...parameters(c, r.params, "path"), ...parameters(c, r.query, "query")],
      security: r.auth === "session" ? [{ session: [] }] : [],
      responses: {
        [String(r.status ?? (r.response === null ? 204 : 200))]:
          r.response === null
            ? { description: "Выполнено" }
            : r.response === "binary"
              ? { description: "Файл", content: { "application/octet-stream": { schema: { type: "string", format: "binary" } } } }
              : { description: "Выполнено", content: { "application/json": { schema: response } } },
        default: {
          description: "Ошибка: сообщение и путь каждого неверного поля",
          content: { "application/json": { schema: errorSchema } },
        },
      },
    };
    if (r.body) op.requestBody = { required: true, content: { "application/json": { schema: c.schema(r.body, "input") } } };
    (paths[p] ??= {})[r.method.toLowerCase()] = op;
  });
  const schemas: Record<string, Json> = {};
  for (const name of Object.keys(c.schemas).sort()) schemas[name] = c.schemas[name]!;
  return {
    openapi: "3.1.0",
    info: {
      title: "Orientir API",
      version: "0.1.0",
      description:
        "Стратегия, план мероприятий и муниципальные программы (постановление 220-п). Вход: POST /api/auth/login; " +
        "изменяющие запросы передают заголовок X-CSRF-Token из ответа входа или GET /api/auth/me. Деньги — строки в тысячах единиц валюты муниципального образования (тыс. руб., тыс. сом), 2 знака.",
    },
    components: {
      schemas,
      securitySchemes: {
        session: { type: "apiKey", in: "cookie", name: opts.sessionCookie ?? "orientir_session" },
      },
    },
    paths,
  };
}

/**
 * The committed OpenAPI document (`packages/server/openapi.json`, written by `npm run openapi`):
 * the routes of the API with the session cookie's plain name, as text with a final newline.
 */
export function openApiJson(routes: RouteDef[]): string {
  return `${JSON.stringify(openApiDocument(routes), null, 2)}\n`;
}

/** The page's script, served as /api/docs.js: the CSP allows no inline script. */
export const DOCS_SCRIPT = `fetch('/api/openapi.json').then(r=>r.json()).then(doc=>{
  document.getElementById('d').textContent=doc.info.description+' — OpenAPI '+doc.openapi;
  const byTag={};
  for(const [p,ops] of Object.entries(doc.paths))for(const [m,op] of Object.entries(ops))(byTag[op.tags[0]]??=[]).push({p,m:m.toUpperCase(),op});
  const list=document.getElementById('list');
  const render=(q)=>{list.innerHTML='';
    for(const [tag,items] of Object.entries(byTag)){
      const shown=items.filter(i=>!q||(i.p+' '+i.op.summary).toLowerCase().includes(q));
      if(!shown.length)continue;
      const h=document.createElement('h2');h.textContent=tag;list.appendChild(h);
      for(const i of shown){const d=document.createElement('details');const s=document.createElement('summary');
        s.innerHTML='<span class="m '+i.m+'">'+i.m+'</span>'+i.p.replace(/</g,'&lt;')+' <span class="s">— '+i.op.summary.replace(/</g,'&lt;')+'</span>';
        const pre=document.createElement('pre');pre.textContent=JSON.stringify({parameters:i.op.parameters,requestBody:i.op.requestBody,responses:i.op.responses},null,2);
        d.appendChild(s);d.appendChild(pre);list.appendChild(d);}
    }};
  render('');document.getElementById('f').oninput=e=>render(e.target.value.toLowerCase());
});
`;

export function docsPage(): string {
  return `<!doctype html>
<html lang="ru"><head><meta charset="utf-8"><title>Orientir API</title>
<style>
body{font:14px/1.45 system-ui,sans-serif;margin:0;background:#f6f7f9;color:#1d2330}
header{background:#1f3b63;color:#fff;padding:14px 24px}h1{margin:0;font-size:20px}
main{padding:16px 24px;max-width:1200px}input{padding:6px 8px;width:320px;margin-bottom:12px}
h2{font-size:16px;margin:22px 0 8px;border-bottom:1px solid #ccd}
details{background:#fff;border:1px solid #d8dce3;border-radius:4px;margin:4px 0}
summary{cursor:pointer;padding:6px 10px;font-family:ui-monospace,monospace}
.m{display:inline-block;width:64px;font-weight:700}.GET{color:#1b7f3a}.POST{color:#1d5fb8}.PATCH{color:#a86500}.DELETE{color:#b22}.PUT{color:#7a3cb8}
pre{margin:0;padding:8px 12px;background:#fbfbfd;overflow:auto;font-size:12px;border-top:1px solid #eee}
.s{color:#555;font-family:system-ui}
header a{color:#cfe0ff}
</style></head><body><header><h1>Orientir API</h1><div id="d"></div><a href="/api/openapi.json">/api/openapi.json</a></header>
<main><input id="f" placeholder="Фильтр: путь или описание"><div id="list">Загрузка…</div></main>
<script src="/api/docs.js"></script></body></html>`;
}
