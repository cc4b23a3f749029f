/**
 * A route is data: method, path, schemas of its input and output, whether it needs a session,
 * and a handler that calls one use case. The server, the OpenAPI document and the authorization
 * test are all made from the same list.
 */
import type { z } from "zod";
import type { AppContext, Caller, SessionInfo } from "@orientir/app";

export type Method = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";

export interface RequestContext {
  app: AppContext;
  requestId: string;
  ip: string;
  session: SessionInfo | null;
  /** Behind HTTPS: the session cookie is Secure and named with the `__Host-` prefix (see `sessionCookie`). */
  secureCookies: boolean;
  /** The signed-in user acting in their current municipality (present on "session" routes). */
  caller: Caller;
  setCookie(value: string): void;
  setHeader(name: string, value: string): void;
  /** Answer with this status instead of the route's (the health check's 503). */
  setStatus(code: number): void;
}

export interface RouteDef {
  method: Method;
  /** Fastify-style path: /api/programs/:id */
  path: string;
  summary: string;
  tag: string;
  /** public: no session needed; session: a signed-in user with a municipality. */
  auth: "public" | "session";
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  /** Schema of the 200 response; null for 204 No Content; "binary" for a file. */
  response: z.ZodType | null | "binary";
  /** Status on success (default 200, or 204 when response is null). */
  status?: number;
  handler(ctx: RequestContext, input: { params: any; query: any; body: any }): Promise<unknown>;
}

export function route(def: RouteDef): RouteDef {
  return def;
}

/** A file answer of a route whose response is "binary". */
export interface FileResult {
  __file: true;
  buffer: Buffer;
  filename: string;
  contentType: string;
}
