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
  const parsed = parseBody(text);
  if (!res.ok) throw errorOf(res.status, parsed);
  return parsed as T;
}

function parseBody(text: string): any {
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return text;
  }
}

function errorOf(status: number, parsed: any): ApiError {
  const e = parsed?.error ?? {};
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

/**
 * Downloads a file the API answers to GET (a form, a workbook) with the session cookie and saves it
 * under the server's file name. An error answer is thrown as ApiError, like any other request.
 */
export async function downloadFile(path: string, fallbackName = "download"): Promise<string> {
  const res = await fetch(path, { method: "GET", credentials: "same-origin" });
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
