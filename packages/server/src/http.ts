/**
 * The HTTP layer: thin. For each request: find the session, check CSRF on state changes,
 * validate the input by the route's schemas, call the use case, validate and present the output.
 */
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from "fastify";
import { createHash, randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { computePool } from "./compute/pool.ts";
import { resolveSession, sessionCacheOf, type AppContext, type SessionInfo } from "@orientir/app";
import {
  AuthError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  RuleError,
  TooManyRequestsError,
  UnavailableError,
  langOfAcceptLanguage,
  ValidationError,
} from "@orientir/domain";
import { isFileResult, type RequestContext, type RouteDef } from "./route.ts";
import { allRoutes } from "./routes/index.ts";
import { openApiDocument, docsPage, DOCS_SCRIPT } from "./openapi.ts";
import helmet from "helmet";
import fastifyCompress from "@fastify/compress";
import fastifyCookie from "@fastify/cookie";
import { helmetOptions } from "./security-headers.ts";
import { checkInput } from "./input-guard.ts";
import { registerPortalPages } from "./portal-pages.ts";

/** The session cookie's name; behind HTTPS it takes the `__Host-` prefix (Secure, Path=/, no Domain). */
export const SESSION_COOKIE = "orientir_session";
export const SECURE_SESSION_COOKIE = `__Host-${SESSION_COOKIE}`;

export function sessionCookieName(secure: boolean): string {
  return secure ? SECURE_SESSION_COOKIE : SESSION_COOKIE;
}

/** Whether cookies are marked Secure when the server's options do not say: ORIENTIR_SECURE_COOKIES=1. */
export function secureCookiesFromEnv(): boolean {
  return process.env.ORIENTIR_SECURE_COOKIES === "1";
}

export interface ServerOptions {
  /** Folder of the built web app, served at /. */
  webDist?: string;
  /**
   * Behind HTTPS: the session cookie is `__Host-orientir_session` with Secure, and responses carry
   * Strict-Transport-Security. Default: ORIENTIR_SECURE_COOKIES=1.
   */
  secureCookies?: boolean;
  logger?: boolean;
}

/**
 * The session cookie's attributes: HttpOnly, SameSite=Lax, Path=/, and behind HTTPS Secure (with the
 * `__Host-` name). Written by @fastify/cookie (`reply.setCookie`), which also parses the request's.
 */
export function sessionCookieOptions(opts: { secure: boolean; maxAgeSeconds: number }) {
  return { path: "/", httpOnly: true, sameSite: "lax" as const, maxAge: opts.maxAgeSeconds, secure: opts.secure };
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues?: { path: string; message: string }[],
  ) {
    super(message);
  }
}

/** An error body's issues with their English texts as their messages (each keeps `messageEn`). */
function inEnglish(body: unknown): void {
  const issues = (body as { error?: { issues?: unknown } } | null)?.error?.issues;
  if (!Array.isArray(issues)) return;
  for (const i of issues as { message?: unknown; messageEn?: unknown }[])
    if (typeof i.messageEn === "string" && i.messageEn) i.message = i.messageEn;
}

function toErrorBody(e: unknown): { status: number; body: unknown; headers?: Record<string, string> } {
  const body = (code: string, message: string, extra: Record<string, unknown> = {}) => ({ error: { code, message, ...extra } });
  if (e instanceof ValidationError) return { status: 400, body: body("validation", e.message, { issues: e.issues }) };
  if (e instanceof AuthError) return { status: 401, body: body("unauthenticated", e.message) };
  if (e instanceof ForbiddenError) return { status: 403, body: body("forbidden", e.message) };
  if (e instanceof NotFoundError) return { status: 404, body: body("not_found", e.message) };
  if (e instanceof ConflictError)
    return { status: 409, body: body("conflict", e.message, e.current === undefined ? {} : { current: e.current }) };
  if (e instanceof RuleError) return { status: 422, body: body("rule", e.message, { rule: e.rule, issues: e.issues }) };
  if (e instanceof TooManyRequestsError) {
    return { status: 429, body: body("too_many_requests", e.message), headers: { "retry-after": String(e.retryAfterSeconds) } };
  }
  if (e instanceof UnavailableError) {
    // the database is away (stopped, restarting): nothing was half-written, the request may be repeated
    return {
      status: 503,
      body: body("unavailable", e.message, e.maybeSaved ? { maybeSaved: true } : {}),
      headers: { "retry-after": String(e.retryAfterSeconds) },
    };
  }
  if (e instanceof HttpError) return { status: e.status, body: body(e.code, e.message, e.issues ? { issues: e.issues } : {}) };
  const fe = e as { statusCode?: number; code?: string; message?: string };
  if (fe && typeof fe.statusCode === "number" && fe.statusCode >= 400 && fe.statusCode < 500) {
    return {
      status: fe.statusCode,
      body: body(
        "bad_request",
        fe.code === "FST_ERR_CTP_INVALID_JSON_BODY" || /JSON/.test(fe.message ?? "")
          ? "Тело запроса — не JSON"
          : (fe.message ?? "Неверный запрос"),
      ),
    };
  }
  return { status: 500, body: body("internal", "Внутренняя ошибка сервера") };
}

/** While the database is away, says so on stderr at most every 10 s (with how many requests got 503). */
let unavailableSince = 0;
let unavailableCount = 0;
function unavailableNotice(what: string): void {
  unavailableCount++;
  const now = Date.now();
  if (now - unavailableSince < 10_000) return;
  console.error(`database unavailable: 503 to ${unavailableCount} request(s), the last ${what}`);
  unavailableSince = now;
  unavailableCount = 0;
}

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * Caching of API answers. Every answer is `no-store` (nothing of it is kept anywhere) except the
 * JSON reads of municipal data (trees, summaries, evaluation, plan-fact, versions…): those are
 * `private, no-cache` with a weak ETag of the body — only the user's own browser keeps them, it asks
 * again on every use (so a changed permission or row counts at once), and an unchanged answer comes
 * back as a bodiless 304. Accounts, sessions and the second factor (/api/auth, /api/users) and the
 * audit log stay `no-store`; so do file downloads, changes and errors. Sign-out clears the browser's
 * cache (Clear-Site-Data).
 */
const NO_STORE_READS = /^\/api\/(auth|users|audit|p)(\/|$)/;
export function revalidatedRead(r: RouteDef): boolean {
  return r.method === "GET" && r.response !== null && r.response !== "binary" && !NO_STORE_READS.test(r.path);
}

/** A weak ETag of a JSON body: the same for its gzip and brotli forms (RFC 9110 §8.8.1). */
function weakEtag(body: string): string {
  return `W/"${createHash("sha1").update(body).digest("base64url")}"`;
}

/** Whether If-None-Match names the ETag (weak comparison; a list or `*`). */
function notModified(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const opaque = etag.replace(/^W\//, "");
  return ifNoneMatch.split(",").some((t) => {
    const x = t.trim();
    return x === "*" || x.replace(/^W\//, "") === opaque;
  });
}

/** Hashed files of the Vite build (assets/name-HASH.ext): never change under their name. */
const HASHED_ASSET = /[\\/]assets[\\/][^\\/]+-[A-Za-z0-9_-]{8}\.(js|mjs|css|woff2?|svg|png|jpg|webp|ico|map)$/;
export function staticCacheControl(path: string): string {
  return HASHED_ASSET.test(path) ? "public, max-age=31536000, immutable" : "no-cache";
}

export async function buildServer(app: AppContext, opts: ServerOptions = {}): Promise<FastifyInstance> {
  const server = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: 10 * 1024 * 1024,
    genReqId: (req) => {
      const given = req.headers["x-request-id"];
      return typeof given === "string" && /^[\w.-]{1,100}$/.test(given) ? given : randomUUID();
    },
  });
  const routes = allRoutes();
  // the sessions' cache listens before the first request (a second at most: without it, every look-up reads)
  if (app.config.sessionCache !== false)
    await Promise.race([sessionCacheOf(app.db).start(), new Promise((resolve) => setTimeout(resolve, 1000).unref())]);
  // CPU-heavy use cases (the ranking, the consolidated report's) compute in the worker pool
  const pool = computePool();
  if (pool && !app.offload) app.offload = { rank: (input) => pool.run("rank", input) };
  const secureCookies = opts.secureCookies ?? secureCookiesFromEnv();
  const cookieName = sessionCookieName(secureCookies);
  // the security headers on every response (security-headers.ts): helmet's middleware, made once —
  // @fastify/helmet made it again on every request (issue 16, part 7: a PATCH's CPU)
  const securityHeaders = helmet(helmetOptions(secureCookies));
  server.addHook("onRequest", (req, reply, done) => securityHeaders(req.raw, reply.raw, (err?: unknown) => done(err as Error | undefined)));
  // parses the Cookie header into req.cookies (a malformed value is left as it came) and writes Set-Cookie
  await server.register(fastifyCookie);
  // Brotli or gzip by the client's Accept-Encoding for answers and files of 1 KB or more (brotli at
  // quality 4: fast enough per request); request bodies are not inflated (uploads come as they are).
  await server.register(fastifyCompress, { encodings: ["br", "gzip"], threshold: 1024, globalDecompression: false });

  server.setErrorHandler((err, req, reply) => {
    const { status, body, headers } = toErrorBody(err);
    // the issues in the request's language: an issue with an English text answers with it for English
    if (langOfAcceptLanguage(req.headers["accept-language"]) === "en") inEnglish(body);
    if (status === 503) {
      // one line, not a stack per request while the database is away
      req.log.warn(`database unavailable: ${req.method} ${req.url}`);
      if (!opts.logger) unavailableNotice(`${req.method} ${req.url}`);
    } else if (status >= 500) {
      req.log.error(err);
      if (!opts.logger) console.error(err);
    }
    reply
      .code(status)
      .headers(headers ?? {})
      .send(body);
  });

  // each request's reads run one at a time: it holds at most one pool connection for them and one for its transaction
  const handle = (r: RouteDef) => (req: FastifyRequest, reply: FastifyReply) => app.db.scoped(() => serve(r, req, reply));
  const serve = async (r: RouteDef, req: FastifyRequest, reply: FastifyReply) => {
    reply.header("x-request-id", req.id);
    reply.header("cache-control", "no-store");
    const token = req.cookies[cookieName];
    // a public route (the health check) answers for itself while the database is away
    const session: SessionInfo | null = token
      ? await resolveSession(app, token).catch((e: unknown) => {
          if (r.auth === "public" && e instanceof UnavailableError) return null;
          throw e;
        })
      : null;
    if (r.auth === "session") {
      if (!session) throw new AuthError();
      if (!session.actor) throw new ForbiddenError("у пользователя нет роли ни в одном муниципальном образовании");
    }
    // the residents' routes (/api/p/…) check the resident's own session and CSRF token (portal routes)
    if (UNSAFE.has(r.method) && session && !r.path.startsWith("/api/p/")) {
      const sent = req.headers["x-csrf-token"];
      if (sent !== session.csrfToken)
        throw new HttpError(403, "csrf", "Запрос отклонен: нет или неверен CSRF-токен (заголовок X-CSRF-Token)");
    }
    checkInput(req.params, "params");
    checkInput(req.query, "query");
    checkInput(req.body, "body");
    let statusOverride: number | undefined;
    const ctx: RequestContext = {
      app,
      requestId: String(req.id),
      ip: req.ip,
      session,
      lang: langOfAcceptLanguage(req.headers["accept-language"]),
      caller: {
        actor: session?.actor as NonNullable<SessionInfo["actor"]>,
        requestId: String(req.id),
        sessionId: session?.sessionId ?? null,
      },
      setSessionCookie: (token, maxAgeSeconds) =>
        void reply.setCookie(cookieName, token, sessionCookieOptions({ secure: secureCookies, maxAgeSeconds })),
      setHeader: (k, v) => void reply.header(k, v),
      setStatus: (code) => void (statusOverride = code),
      cookie: (name) => req.cookies[name],
      header: (name) => {
        const v = req.headers[name.toLowerCase()];
        return typeof v === "string" ? v : undefined;
      },
      setCookie: (name, value, maxAgeSeconds) =>
        void reply.setCookie(name, value, sessionCookieOptions({ secure: secureCookies, maxAgeSeconds })),
    };
    const result = await r.run(ctx, { params: req.params, query: req.query, body: req.body ?? {} });
    if (r.response === null) return reply.code(r.status ?? 204).send();
    if (r.response === "binary") {
      if (!isFileResult(result)) throw new Error(`${r.method} ${r.path} did not answer with a file`);
      const f = result;
      return reply
        .code(200)
        .header("content-type", f.contentType)
        .header("content-disposition", `attachment; filename*=UTF-8''${encodeURIComponent(f.filename)}`)
        .send(f.buffer);
    }
    const out = r.response.safeParse(result);
    if (!out.success) {
      req.log.error({ issues: out.error.issues }, "response does not match its schema");
      throw new Error(`response of ${r.method} ${r.path} does not match its schema: ${JSON.stringify(out.error.issues.slice(0, 3))}`);
    }
    const status = statusOverride ?? r.status ?? 200;
    if (status === 200 && revalidatedRead(r)) {
      const json = JSON.stringify(out.data);
      const etag = weakEtag(json);
      reply.header("cache-control", "private, no-cache").header("etag", etag);
      if (notModified(req.headers["if-none-match"], etag)) return reply.code(304).send();
      return reply.code(200).type("application/json; charset=utf-8").send(json);
    }
    return reply.code(status).send(out.data);
  };

  // the answers of /api/auth carry the CSRF token: never compressed, so their length cannot leak it (BREACH)
  for (const r of routes)
    server.route({
      method: r.method,
      url: r.path,
      handler: handle(r),
      ...(r.path.startsWith("/api/auth/") ? { compress: false as const } : {}),
    });

  // the public portal's pages and open data (/p/<municipality>/…)
  await registerPortalPages(server, app, secureCookies);

  // made on the first request, not at start-up (converting every route's schema takes a while)
  let doc: ReturnType<typeof openApiDocument> | undefined;
  server.get("/api/openapi.json", () => Promise.resolve((doc ??= openApiDocument(routes, { sessionCookie: cookieName }))));
  // the page's script is a file of its own, so that the page runs under the CSP without 'unsafe-inline'
  server.get("/api/docs", async (_req, reply) => reply.type("text/html; charset=utf-8").send(docsPage()));
  server.get("/api/docs.js", async (_req, reply) => reply.type("text/javascript; charset=utf-8").send(DOCS_SCRIPT));
  server.setNotFoundHandler((req, reply) => {
    if (req.url.startsWith("/api/"))
      return reply.code(404).send({ error: { code: "not_found", message: `Нет такого адреса: ${req.method} ${req.url.split("?")[0]}` } });
    if (opts.webDist && existsSync(`${opts.webDist}/index.html`) && req.method === "GET") {
      return reply.type("text/html; charset=utf-8").sendFile("index.html");
    }
    return reply.code(404).type("text/plain; charset=utf-8").send("Not found");
  });
  if (opts.webDist && existsSync(opts.webDist)) {
    const { default: fastifyStatic } = await import("@fastify/static");
    // hashed assets are cached for a year and never asked again; the page (and any unhashed file)
    // is asked again each time, so a new build is seen at once (its ETag/Last-Modified give a 304)
    await server.register(fastifyStatic, {
      root: opts.webDist,
      prefix: "/",
      wildcard: false,
      cacheControl: false,
      setHeaders: (res, path) => void res.header("cache-control", staticCacheControl(path)),
    });
  }
  return server;
}
