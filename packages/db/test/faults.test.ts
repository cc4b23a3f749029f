/** Which errors of node-postgres mean "the database is away" (503, retry) and which are the request's own. */
import { describe, expect, it } from "vitest";
import { ConflictError, UnavailableError } from "@orientir/domain";
import { isConnectionLost, translatePgError, unavailableOr } from "../src/index.ts";

const pgError = (code: string, message = "x") => Object.assign(new Error(message), { code });

describe("a lost or refused connection", () => {
  it.each([
    ["refused", pgError("ECONNREFUSED", "connect ECONNREFUSED 127.0.0.1:5432")],
    ["reset", pgError("ECONNRESET", "read ECONNRESET")],
    ["admin shutdown", pgError("57P01", "terminating connection due to administrator command")],
    ["crash shutdown", pgError("57P02", "terminating connection because of crash of another server process")],
    ["starting up", pgError("57P03", "the database system is starting up")],
    ["connection failure (class 08)", pgError("08006", "connection failure")],
    ["terminated", new Error("Connection terminated unexpectedly")],
    ["not queryable", new Error("Client has encountered a connection error and is not queryable")],
    ["a full pool that does not free up", new Error("timeout exceeded when trying to connect")],
    ["localhost refused on both addresses", Object.assign(new AggregateError([pgError("ECONNREFUSED"), pgError("ECONNREFUSED")], ""), {})],
  ])("%s is UnavailableError", (_what, e) => {
    expect(isConnectionLost(e)).toBe(true);
    const t = translatePgError(e);
    expect(t).toBeInstanceOf(UnavailableError);
    expect((t as UnavailableError).retryAfterSeconds).toBeGreaterThan(0);
    expect((t as UnavailableError).maybeSaved).toBe(false);
  });

  it("says that a change may or may not be saved when the connection went during COMMIT", () => {
    const t = unavailableOr(new Error("Connection terminated unexpectedly"), { duringCommit: true }) as UnavailableError;
    expect(t).toBeInstanceOf(UnavailableError);
    expect(t.maybeSaved).toBe(true);
    expect(t.message).toMatch(/могло не сохраниться/);
  });

  it.each([
    ["a unique violation", pgError("23505", "duplicate key"), ConflictError],
    ["a syntax error", pgError("42601", "syntax error"), Error],
    ["a plain error", new Error("boom"), Error],
    ["an AggregateError of other errors", new AggregateError([new Error("a")], ""), Error],
  ])("%s is not", (_what, e, kind) => {
    expect(isConnectionLost(e)).toBe(false);
    const t = translatePgError(e);
    expect(t).not.toBeInstanceOf(UnavailableError);
    expect(t).toBeInstanceOf(kind);
  });
});
