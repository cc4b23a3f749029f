/**
 * The database going away: which errors mean "no connection now" (the server stopped, crashed,
 * restarts, refuses connections, or the socket broke) rather than a problem of the request.
 * They become the domain's UnavailableError, which the HTTP layer answers with 503 and Retry-After.
 */
import { UnavailableError } from "@orientir/domain";

/** Socket errors of Node that mean the server cannot be reached or the connection broke. */
const SOCKET_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ECONNABORTED",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
]);

/**
 * SQLSTATEs of a server going away or not accepting connections yet: 57P01 admin_shutdown,
 * 57P02 crash_shutdown, 57P03 cannot_connect_now (starting up, in recovery), 53300
 * too_many_connections; class 08 is "connection exception".
 */
const SQLSTATES = new Set(["57P01", "57P02", "57P03", "53300"]);

/** What node-postgres and its pool say when the connection is gone or cannot be had. */
const MESSAGES =
  /Connection terminated|not queryable|timeout exceeded when trying to connect|Connection terminated due to connection timeout|the database system is (starting up|shutting down|in recovery mode)/i;

/** Is this error the connection to the database being lost or refused (and not the request's fault)? */
export function isConnectionLost(e: unknown): boolean {
  if (e instanceof UnavailableError) return true;
  if (!e || typeof e !== "object") return false;
  const err = e as { code?: unknown; message?: unknown; errors?: unknown };
  const code = typeof err.code === "string" ? err.code : "";
  if (SOCKET_CODES.has(code) || SQLSTATES.has(code) || /^08[0-9A-Z]{3}$/.test(code)) return true;
  if (typeof err.message === "string" && MESSAGES.test(err.message)) return true;
  // a host name with several addresses (localhost: ::1 and 127.0.0.1) fails with all their errors
  if (Array.isArray(err.errors)) return err.errors.length > 0 && err.errors.every(isConnectionLost);
  return false;
}

/** The error to answer with: UnavailableError for a lost connection, the error itself otherwise. */
export function unavailableOr(e: unknown, opts: { duringCommit?: boolean } = {}): unknown {
  if (e instanceof UnavailableError) return e;
  if (!isConnectionLost(e)) return e;
  return opts.duringCommit
    ? new UnavailableError(
        "Соединение с базой данных потеряно во время сохранения: изменение могло не сохраниться. Обновите данные и проверьте, прежде чем повторять",
        5,
        true,
      )
    : new UnavailableError();
}
