/**
 * The audit log shows the rows an entry links to by their names (issue 13): a reference field of a
 * resource, an `…Id`/`…By` field of another record, the object itself when its entry has no name;
 * a link whose row has no known name is left out rather than shown as an identifier.
 */
import { describe, expect, it } from "vitest";
import { describeAudit } from "../src/index.ts";

const PROGRAM = "0b6f3c1e-2a4d-4e5f-8a9b-1c2d3e4f5a6b";
const PERSON = "1c7a4d2f-3b5e-4f60-9b0c-2d3e4f5a6b7c";
const DEPT_A = "2d8b5e30-4c6f-4071-8c1d-3e4f5a6b7c8d";
const DEPT_B = "3e9c6f41-5d70-4182-9d2e-4f5a6b7c8d9e";
const GONE = "4fad7052-6e81-4293-ae3f-5a6b7c8d9eaf";
const names = new Map([
  [PROGRAM, "МП-03 Развитие спорта"],
  [DEPT_A, "Управление образования"],
  [DEPT_B, "Управление спорта"],
]);
const users = new Map([[PERSON, "Белова Марина Сергеевна"]]);
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-/i;

describe("links in the audit log", () => {
  it("a publication's subject and publisher by name; an unknown link left out", () => {
    const d = describeAudit(
      {
        action: "portal.publish",
        objectType: "publication",
        objectId: GONE,
        before: null,
        after: { subjectId: PROGRAM, publishedBy: PERSON, reviewerId: GONE, kind: "discussion", subjectKind: "program" },
      },
      "ru",
      { names, users },
    );
    expect(d.changes).toEqual(
      expect.arrayContaining([
        { field: "subjectId", label: "Документ", before: null, after: "МП-03 Развитие спорта" },
        { field: "publishedBy", label: "Опубликовал(а)", before: null, after: "Белова Марина Сергеевна" },
        { field: "kind", label: "Вид", before: null, after: "общественное обсуждение" },
        { field: "subjectKind", label: "Вид документа", before: null, after: "муниципальная программа" },
      ]),
    );
    expect(d.changes.map((c) => c.field)).not.toContain("reviewerId");
    expect(JSON.stringify(d)).not.toMatch(UUID);
  });

  it("a reference field of a resource by the names before and after; the object by its own name when the entry has none", () => {
    const d = describeAudit(
      {
        action: "planActivity.update",
        objectType: "planActivity",
        objectId: PROGRAM,
        before: { responsibleDepartmentId: DEPT_A },
        after: { responsibleDepartmentId: DEPT_B },
      },
      "en",
      { names },
    );
    expect(d.changes).toEqual([
      { field: "responsibleDepartmentId", label: "Responsible department", before: "Управление образования", after: "Управление спорта" },
    ]);
    expect(d.objectLabel).toContain("«МП-03 Развитие спорта»");
    const unknown = describeAudit(
      {
        action: "planActivity.update",
        objectType: "planActivity",
        objectId: GONE,
        before: { responsibleDepartmentId: DEPT_A },
        after: { responsibleDepartmentId: GONE },
      },
      "en",
      { names },
    );
    expect(unknown.changes).toEqual([]);
    expect(JSON.stringify(unknown)).not.toMatch(UUID);
  });
});
