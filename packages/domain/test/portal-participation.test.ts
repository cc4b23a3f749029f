/** Organisations as authors (INN, OGRN check digits) and the council's permissions (issue 14, parts 3 and 7). */
import { describe, expect, it } from "vitest";
import { ROLES, authorize, innValid, ogrnValid, organisationAuthor, organisationIssues, type Actor } from "../src/index.ts";

describe("INN and OGRN", () => {
  it("accept numbers whose control digits hold, and refuse one changed digit", () => {
    // Sberbank: INN 7707083893, OGRN 1027700132195 (public registry data)
    expect(innValid("7707083893")).toBe(true);
    expect(innValid("7707083894")).toBe(false);
    expect(ogrnValid("1027700132195")).toBe(true);
    expect(ogrnValid("1027700132196")).toBe(false);
    // an individual's INN: 12 digits with two control digits
    expect(innValid("500100732259")).toBe(true);
    expect(innValid("500100732258")).toBe(false);
    // OGRNIP: 15 digits, remainder by 13
    expect(ogrnValid("304500116000157")).toBe(true);
    expect(ogrnValid("304500116000158")).toBe(false);
    for (const bad of ["", "123", "77070838931", "770708389a"]) expect(innValid(bad)).toBe(false);
    for (const bad of ["", "10277001321950", "10277001321a5"]) expect(ogrnValid(bad)).toBe(false);
  });

  it("name each wrong field; the author shown is the organisation", () => {
    expect(organisationIssues({ name: " ", inn: "1", ogrn: "2", role: "" }, "body.organisation").map((i) => i.path)).toEqual([
      "body.organisation.name",
      "body.organisation.role",
      "body.organisation.inn",
      "body.organisation.ogrn",
    ]);
    expect(organisationIssues({ name: "ТОС", inn: null, ogrn: "", role: "председатель" }, "o")).toEqual([]);
    expect(organisationAuthor({ name: " АНО «Спорт» ", inn: null, ogrn: null, role: "директор" })).toBe("АНО «Спорт»");
  });
});

describe("the council's permissions", () => {
  const actor = (role: (typeof ROLES)[number]): Actor => ({ userId: "u", login: role, municipalityId: "m", role, departmentId: null });
  it("every member reads, the administrator and the economy department write, the rest are refused", () => {
    for (const role of ROLES) {
      expect(authorize(actor(role), "read", { area: "council", municipalityId: "m" }).allowed, role).toBe(true);
      for (const action of ["create", "update", "delete"] as const)
        expect(authorize(actor(role), action, { area: "council", municipalityId: "m" }).allowed, `${role} ${action}`).toBe(
          role === "admin" || role === "economy",
        );
      expect(authorize(actor(role), "read", { area: "council", municipalityId: "other" }).allowed).toBe(false);
    }
  });
});
