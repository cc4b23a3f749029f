/** Errors every layer understands; the HTTP layer maps each to a status and a JSON body. */

export interface FieldIssue {
  /** Where: a field name or a JSON path such as `directions[0].elements[1].funding[2].amount`. */
  path: string;
  message: string;
  messageEn?: string;
  severity?: "error" | "warning";
  rule?: string;
}

export class ValidationError extends Error {
  constructor(
    readonly issues: FieldIssue[],
    message = issues.length === 1 ? `${issues[0]!.path}: ${issues[0]!.message}` : `Ошибки в данных (${issues.length})`,
  ) {
    super(message);
    this.name = "ValidationError";
  }
}

export class NotFoundError extends Error {
  constructor(
    readonly what: string,
    readonly id?: string,
  ) {
    super(`Не найдено: ${what}${id ? ` (${id})` : ""}`);
    this.name = "NotFoundError";
  }
}

/** A write based on a stale version, or a uniqueness conflict. */
export class ConflictError extends Error {
  constructor(
    message: string,
    readonly current?: unknown,
  ) {
    super(message);
    this.name = "ConflictError";
  }
}

/** A rule of the decree forbids the change; the message cites the rule. */
export class RuleError extends Error {
  constructor(
    message: string,
    readonly rule: string,
    readonly issues: FieldIssue[] = [],
  ) {
    super(message);
    this.name = "RuleError";
  }
}

export class AuthError extends Error {
  constructor(message = "Требуется вход в систему") {
    super(message);
    this.name = "AuthError";
  }
}

export class TooManyRequestsError extends Error {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
    this.name = "TooManyRequestsError";
  }
}

/**
 * The database cannot be reached now (stopped, restarting, connection lost): the request may be
 * repeated later. `maybeSaved`: the connection was lost while the change was being committed, so
 * whether it was saved is not known.
 */
export class UnavailableError extends Error {
  constructor(
    message = "База данных временно недоступна; повторите запрос через несколько секунд",
    readonly retryAfterSeconds = 5,
    readonly maybeSaved = false,
  ) {
    super(message);
    this.name = "UnavailableError";
  }
}
