/**
 * The accounts table of the permissions (issue 9): every role × action × part × account scope,
 * against expectations written out here apart from the rules.
 */
import { describe, expect, it } from "vitest";
import { authorize, ROLES, type AccountScope, type Action, type Actor, type Role } from "../src/index.ts";

const M = "11111111-1111-1111-1111-111111111111";
const OTHER = "22222222-2222-2222-2222-222222222222";
const actor = (role: Role, deploymentAdmin?: boolean): Actor => ({
  userId: "u",
  login: "u",
  municipalityId: M,
  role,
  departmentId: null,
  ...(deploymentAdmin === undefined ? {} : { deploymentAdmin }),
});
const SCOPES: AccountScope[] = ["new", "local", "shared", "deployment"];

/** The expected answer, written out as a table. */
function expected(role: Role, deployment: boolean, action: Action, part: "membership" | "identity", account: AccountScope): boolean {
  if (deployment) return true;
  if (role !== "admin") return false;
  if (action === "read") return true;
  if (account === "deployment") return false;
  if (part === "identity") return account === "new" || account === "local";
  return account === "local" || account === "shared";
}

describe("accounts: who manages which account", () => {
  it("follows the table for every role, action, part and account", () => {
    const wrong: string[] = [];
    for (const role of ROLES) {
      for (const deployment of [false, true]) {
        for (const action of ["read", "create", "update", "delete"] as Action[]) {
          for (const part of ["membership", "identity"] as const) {
            for (const account of SCOPES) {
              const got = authorize(actor(role, deployment), action, { area: "users", municipalityId: M, part, account }).allowed;
              const want = expected(role, deployment, action, part, account);
              if (got !== want) wrong.push(`${role}${deployment ? "+deployment" : ""} ${action} ${part} ${account}: ${got}`);
            }
          }
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it("denies by default: a write that does not say whose account it is, and anything in another municipality", () => {
    expect(authorize(actor("admin"), "update", { area: "users", municipalityId: M }).allowed).toBe(false);
    expect(authorize(actor("admin"), "read", { area: "users", municipalityId: M }).allowed).toBe(true);
    for (const deployment of [false, true]) {
      expect(authorize(actor("admin", deployment), "read", { area: "users", municipalityId: OTHER }).allowed).toBe(false);
      expect(
        authorize(actor("admin", deployment), "update", { area: "users", municipalityId: OTHER, part: "identity", account: "local" })
          .allowed,
      ).toBe(false);
    }
  });

  it("another user's reminder e-mail is part of their account: an administrator sets only a local account's", () => {
    const email = (a: Actor, subjectAccount?: AccountScope, subjectUserId = "someone") =>
      authorize(a, "update", {
        area: "monitoring",
        municipalityId: M,
        step: "email",
        subjectUserId,
        ...(subjectAccount ? { subjectAccount } : {}),
      }).allowed;
    expect(email(actor("viewer"), undefined, "u")).toBe(true); // one's own
    expect(email(actor("admin"), "local")).toBe(true);
    expect(email(actor("admin"), "shared")).toBe(false);
    expect(email(actor("admin"), "deployment")).toBe(false);
    expect(email(actor("admin"))).toBe(false);
    expect(email(actor("viewer", true), "shared")).toBe(true);
    expect(email(actor("economy"), "local")).toBe(false);
  });
});
