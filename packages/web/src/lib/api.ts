/** The one way the web app talks to the server: JSON over /api with the session cookie and CSRF token. */

export interface FieldIssue {
  path: string;
  message: string;
}

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

async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (body !== undefined) headers["content-type"] = "application/json";
  if (method !== "GET" && csrfToken) headers["x-csrf-token"] = csrfToken;
  const res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: "same-origin" });
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let parsed: any = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = text;
  }
  if (!res.ok) {
    const e = parsed?.error ?? {};
    throw new ApiError(res.status, e.code ?? String(res.status), e.message ?? `Ошибка ${res.status}`, e.issues ?? [], parsed);
  }
  return parsed as T;
}

export const api = {
  get: <T = any>(path: string) => request<T>("GET", path),
  post: <T = any>(path: string, body: unknown = {}) => request<T>("POST", path, body),
  patch: <T = any>(path: string, body: unknown) => request<T>("PATCH", path, body),
  put: <T = any>(path: string, body: unknown) => request<T>("PUT", path, body),
  delete: <T = any>(path: string) => request<T>("DELETE", path),
};

/** Query string from an object, leaving out null/undefined values. */
export function qs(params: Record<string, string | number | boolean | null | undefined>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== null && v !== undefined && v !== "") p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : "";
}
