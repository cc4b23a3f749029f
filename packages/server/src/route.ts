/**
 * A route is data: method, path, schemas of its input and output, whether it needs a session,
 * and a handler that calls one use case. The server, the OpenAPI document and the authorization
 * test are all made from the same list.
 *
 * `route()` types the handler from the schemas: its `params`, `query` and `body` are what the
 * schemas give after parsing (`z.output`), and it must return what its response schema takes
 * (`z.input`: the server parses the handler's value with that schema before answering, so a
 * default or a transform of the response is applied there; for the schemas of the API input and
 * output are the same type). A handler that returns a wrong shape does not compile.
 */
import { z } from "zod";
import { ValidationError, type MessageLang } from "@orientir/domain";
import type { AppContext, Caller, SessionInfo } from "@orientir/app";

export type Method = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";

export interface RequestContext {
  app: AppContext;
  requestId: string;
  ip: string;
  session: SessionInfo | null;
  /** The language of the answer's texts: the request's Accept-Language (the web app sends its interface language). */
  lang: MessageLang;
  /** The signed-in user acting in their current municipality (present on "session" routes). */
  caller: Caller;
  /**
   * Sets the session cookie (see `sessionCookieOptions`; behind HTTPS Secure and named with the
   * `__Host-` prefix); an empty token with 0 seconds clears it.
   */
  setSessionCookie(token: string, maxAgeSeconds: number): void;
  setHeader(name: string, value: string): void;
  /** Answer with this status instead of the route's (the health check's 503). */
  setStatus(code: number): void;
  /** A cookie of the request (the portal's resident session). */
  cookie(name: string): string | undefined;
  /** A header of the request (the portal's CSRF token). */
  header(name: string): string | undefined;
  /** Sets an HttpOnly, SameSite=Lax cookie on / (Secure behind HTTPS); an empty value with 0 seconds clears it. */
  setCookie(name: string, value: string, maxAgeSeconds: number): void;
}

/** A file answer of a route whose response is "binary". */
export interface FileResult {
  __file: true;
  buffer: Buffer;
  filename: string;
  contentType: string;
}

export function isFileResult(v: unknown): v is FileResult {
  return typeof v === "object" && v !== null && "__file" in v && v.__file === true && "buffer" in v && Buffer.isBuffer(v.buffer);
}

/** What a route answers: a JSON schema, null for 204 No Content, "binary" for a file. */
export type ResponseSpec = z.ZodType | null | "binary";

/** The parsed value of an input schema; without a schema the input is not read. */
type Parsed<S extends z.ZodType | undefined> = S extends z.ZodType ? z.output<S> : undefined;

/** What the handler must return for its response spec. */
export type HandlerResult<R extends ResponseSpec> = R extends z.ZodType ? z.input<R> : R extends "binary" ? FileResult : void;

export interface RouteSpec<
  P extends z.ZodType | undefined,
  Q extends z.ZodType | undefined,
  B extends z.ZodType | undefined,
  R extends ResponseSpec,
> {
  method: Method;
  /** Fastify-style path: /api/programs/:id */
  path: string;
  summary: string;
  tag: string;
  /** public: no session needed; session: a signed-in user with a municipality. */
  auth: "public" | "session";
  params?: P;
  query?: Q;
  body?: B;
  /** Schema of the 200 response; null for 204 No Content; "binary" for a file. */
  response: R;
  /** Status on success (default 200, or 204 when response is null). */
  status?: number;
  handler: (ctx: RequestContext, input: { params: Parsed<P>; query: Parsed<Q>; body: Parsed<B> }) => Promise<HandlerResult<R>>;
}

/** The raw input of a request, before its schemas. */
export interface RawInput {
  params: unknown;
  query: unknown;
  body: unknown;
}

/** A route as the server, the OpenAPI document and the tests see it: its schemas and `run`. */
export interface RouteDef {
  method: Method;
  path: string;
  summary: string;
  tag: string;
  auth: "public" | "session";
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  response: ResponseSpec;
  status?: number;
  /** Validates the input by the schemas (400 naming each field, params → query → body) and calls the handler. */
  run(ctx: RequestContext, input: RawInput): Promise<unknown>;
}

function zodIssues(err: z.ZodError, prefix: string): { path: string; message: string; messageEn: string }[] {
  return err.issues.map((i) => {
    const path = [prefix, ...i.path.map(String)].filter(Boolean).join(".");
    let ru = i.message;
    if (i.code === "unrecognized_keys") ru = `Неизвестные поля: ${i.keys.join(", ")}`;
    else if (i.code === "invalid_type") ru = `Неверный тип значения (ожидается ${i.expected})`;
    else if (i.code === "invalid_format") ru = "Неверный формат значения";
    return { path: path || prefix, message: ru, messageEn: i.message };
  });
}

/** The value parsed by the schema, or a 400 naming each wrong field under `where` (`body.items.0.amount`). */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, where: string): z.output<S> {
  const r = schema.safeParse(value);
  if (!r.success) throw new ValidationError(zodIssues(r.error, where));
  return r.data;
}

function parseOptional<S extends z.ZodType | undefined>(schema: S | undefined, value: unknown, where: string): Parsed<S>;
function parseOptional(schema: z.ZodType | undefined, value: unknown, where: string): unknown {
  return schema ? parseInput(schema, value, where) : undefined;
}

export function route<
  P extends z.ZodType | undefined = undefined,
  Q extends z.ZodType | undefined = undefined,
  B extends z.ZodType | undefined = undefined,
  R extends ResponseSpec = null,
>(spec: RouteSpec<P, Q, B, R>): RouteDef {
  const { handler, ...def } = spec;
  return {
    ...def,
    run: async (ctx, raw) => {
      const params = parseOptional(spec.params, raw.params, "params");
      const query = parseOptional(spec.query, raw.query, "query");
      const body = parseOptional(spec.body, raw.body, "body");
      return handler(ctx, { params, query, body });
    },
  };
}
