/** The one way the web app talks to the server: JSON over /api with the session cookie and CSRF token. */
import createClient, { type ClientPathsWithMethod, type FetchResponse, type MaybeOptionalInit } from "openapi-fetch";
import type { components, paths } from "../api/openapi";

/** An error answer of the API (`{ error: { code, message, issues, rule, current } }`). */
type ErrorAnswer = Schema<"Error">;

/** A refused field of an error answer: its path (e.g. "operations.3.data.plan") and message. */
export type FieldIssue = NonNullable<ErrorAnswer["error"]["issues"]>[number];

/** An error answer of the API: status, code, message and the issues per field. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: FieldIssue[],
    readonly body: unknown,
  ) {
    super(message);
    this.name = "ApiError";
  }
  /** The message of the issue whose path ends with this field name (e.g. "value", "operations.3.data.plan"). */
  issueFor(field: string): string | undefined {
    return this.issues.find((i) => i.path === field || i.path.endsWith(`.${field}`))?.message;
  }
}

let csrfToken = "";
export function setCsrfToken(token: string): void {
  csrfToken = token;
}

/** The interface language (lib/i18n.tsx sets it on <html lang>), for the server's texts: form names, errors, the audit log. */
function interfaceLanguage(): string {
  const lang = typeof document === "undefined" ? "" : document.documentElement.lang;
  return lang && lang !== "ru" && lang !== "en" ? `${lang}, ru;q=0.8` : lang || "ru";
}

/** The generated client: same-origin cookie, JSON, and the CSRF token on every request that is not a GET. */
const client = createClient<paths>({ credentials: "same-origin", headers: { accept: "application/json" } });
client.use({
  onRequest({ request }) {
    if (request.method !== "GET" && csrfToken) request.headers.set("x-csrf-token", csrfToken);
    request.headers.set("accept-language", interfaceLanguage());
    return request;
  },
});

type Method = "get" | "post" | "put" | "patch" | "delete";
/** The API's paths that answer this method (`/api/programs/{id}/tree`…). */
export type PathsFor<M extends Method> = ClientPathsWithMethod<typeof client, M>;
type RequiredKeysOf<T> = { [K in keyof T]-?: object extends Pick<T, K> ? never : K }[keyof T];
/** The options of a call (`params: { path, query }`, `body`): optional when nothing in them is required. */
export type InitOf<M extends Method, P extends PathsFor<M>> = MaybeOptionalInit<paths[P], M>;
/** The query of a GET (`params.query`). */
export type QueryOf<P extends PathsFor<"get">> = NonNullable<NonNullable<InitOf<"get", P>>["params"]>["query"];
/** A named schema of the OpenAPI document (`components.schemas`): the contract's type as the web sees it. */
export type Schema<N extends keyof components["schemas"]> = components["schemas"][N];
/** The JSON body a call sends. */
export type BodyOf<M extends Method, P extends PathsFor<M>> = NonNullable<NonNullable<InitOf<M, P>>["body"]>;
type InitArg<I> = RequiredKeysOf<I> extends never ? [init?: I] : [init: I];
type Success<M extends Method, P extends PathsFor<M>> = Extract<
  FetchResponse<Extract<paths[P][M], object>, object, "application/json">,
  { data: unknown }
>["data"];
/** What a call answers on success (undefined for 204). */
export type ResponseOf<M extends Method, P extends PathsFor<M>> = [Success<M, P>] extends [never] ? undefined : Success<M, P>;
type Call<M extends Method> = <P extends PathsFor<M>>(path: P, ...init: InitArg<InitOf<M, P>>) => Promise<ResponseOf<M, P>>;
type Answer = { data?: unknown; error?: unknown; response: Response };

/** The data of a success; an error answer thrown as ApiError. */
async function unwrap(call: Promise<Answer>): Promise<never> {
  const { data, error, response } = await call;
  if (!response.ok) throw errorOf(response.status, error ?? null);
  return data as never;
}

function parseBody(text: string): unknown {
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return text;
  }
}

/** The `error` object of an API error answer (code, message, issues, rule, current), or {} for anything else. */
export function errorBodyOf(e: unknown): Partial<ErrorAnswer["error"]> {
  const body = e instanceof ApiError ? e.body : null;
  return (body && typeof body === "object" && (body as Partial<ErrorAnswer>).error) || {};
}

function errorOf(status: number, parsed: unknown): ApiError {
  const e: Partial<ErrorAnswer["error"]> = (parsed && typeof parsed === "object" && (parsed as Partial<ErrorAnswer>).error) || {};
  return new ApiError(status, e.code ?? String(status), e.message ?? `Ошибка ${status}`, e.issues ?? [], parsed);
}

/** The file name of a download from its Content-Disposition header (RFC 5987 `filename*` or plain `filename`). */
export function filenameOf(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(disposition);
  if (star) {
    try {
      return decodeURIComponent(star[1]!.trim());
    } catch {
      /* a malformed name: try the plain one */
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/.exec(disposition);
  return plain ? plain[1]!.trim() : fallback;
}

/** A GET path of the API that answers a file (`application/octet-stream` in the document). */
type FileRoute = {
  [P in PathsFor<"get">]: paths[P]["get"] extends { responses: { 200: { content: { "application/octet-stream": unknown } } } } ? P : never;
}[PathsFor<"get">];
/** A path template with its parameters filled in: `/api/programs/{id}/workbook` → `/api/programs/${string}/workbook`. */
type Filled<P extends string> = P extends `${infer A}{${string}}${infer B}` ? `${A}${string}${Filled<B>}` : P;
/** A file route of the API with its parameters filled in (`/api/programs/${id}/forms/passport`). */
export type FilePath = Filled<FileRoute>;
/** The URL of a file the API answers: one of its file routes, filled in, with an optional query string. */
export type FileUrl = FilePath | `${FilePath}?${string}`;

/**
 * Downloads a file the API answers to GET (a form, a workbook) with the session cookie and saves it
 * under the server's file name. The URL must be one of the document's file routes (checked by the
 * compiler through the generated types). An error answer is thrown as ApiError, like any other request.
 */
export async function downloadFile(path: FileUrl, fallbackName = "download"): Promise<string> {
  const res = await fetch(path, { method: "GET", credentials: "same-origin", headers: { "accept-language": interfaceLanguage() } });
  if (!res.ok) throw errorOf(res.status, parseBody(await res.text()));
  const name = filenameOf(res.headers.get("content-disposition"), fallbackName);
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.style.display = "none";
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return name;
}

/** A file's content in base64, for the JSON uploads of the API ({ filename, contentBase64 }). */
export async function fileToBase64(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/**
 * The API, typed by the OpenAPI document (`src/api/openapi.d.ts`, `npm run gen:api`): the path as the
 * document writes it, `params: { path, query }` and `body` checked against its schemas; answers the
 * data of a success (undefined for 204) and throws ApiError for an error answer.
 */
export const api = {
  GET: ((path, init) => unwrap(client.GET(path as never, init as never))) as Call<"get">,
  POST: ((path, init) => unwrap(client.POST(path as never, init as never))) as Call<"post">,
  PATCH: ((path, init) => unwrap(client.PATCH(path as never, init as never))) as Call<"patch">,
  PUT: ((path, init) => unwrap(client.PUT(path as never, init as never))) as Call<"put">,
  DELETE: ((path, init) => unwrap(client.DELETE(path as never, init as never))) as Call<"delete">,
};

/** The entries of a query that have a value: "", null and undefined are left out (as `qs` does). */
export function given<T extends Record<string, unknown>>(query: T): { [K in keyof T]?: Exclude<T[K], null | ""> } {
  return Object.fromEntries(Object.entries(query).filter(([, v]) => v !== null && v !== undefined && v !== "")) as {
    [K in keyof T]?: Exclude<T[K], null | "">;
  };
}

/** Query string from an object, leaving out null/undefined values. */
export function qs(params: Record<string, string | number | boolean | null | undefined>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== null && v !== undefined && v !== "") p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : "";
}
