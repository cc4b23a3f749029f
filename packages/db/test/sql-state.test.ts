import { describe, expect, it } from "vitest";
import { ConflictError, ValidationError } from "@orientir/domain";
import { sqlStateOf, translatePgError } from "../src/db.ts";

/** An error as node-pg gives it: a message and PostgreSQL's fields. */
const pgError = (fields: Record<string, string>) => Object.assign(new Error(fields.message ?? "refused"), fields);

describe("the SQLSTATE behind a translated error (the import's retry one by one asks it)", () => {
  it("a unique key's 23505 becomes a ConflictError that still tells its state", () => {
    const e = translatePgError(pgError({ code: "23505", detail: "Key (program_id, code)=(x, 1.1) already exists." }));
    expect(e).toBeInstanceOf(ConflictError);
    expect(sqlStateOf(e)).toBe("23505");
  });

  it("a missing value's 23502 becomes a ValidationError naming the field, with its state", () => {
    const e = translatePgError(pgError({ code: "23502", column: "start_date" }));
    expect(e).toBeInstanceOf(ValidationError);
    expect((e as ValidationError).issues[0]!.path).toBe("startDate");
    expect(sqlStateOf(e)).toBe("23502");
  });

  it("an error not from the database has none; an untranslated one keeps its own", () => {
    expect(sqlStateOf(new ConflictError("занято"))).toBeUndefined();
    expect(sqlStateOf(pgError({ code: "40001" }))).toBe("40001");
    expect(sqlStateOf(null)).toBeUndefined();
  });
});
