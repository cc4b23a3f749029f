import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { RuleError } from "@orientir/domain";
import {
  Db,
  approveVersion,
  getVersion,
  insertWorkflowConclusion,
  insertInstance,
  insertWorkflowTransition,
  insertVersion,
  lastApprovedVersion,
  listWorkflowConclusions,
  updateDraftNote,
} from "@orientir/db";
import { createTestDatabase } from "@orientir/testing";

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let db: Db; // acts as orientir_app
let owner: pg.Client; // the migrating user, owner of the tables
let municipalityId = "";
let programId = "";

beforeAll(async () => {
  database = await createTestDatabase();
  db = new Db(database.url, { max: 4 });
  owner = new pg.Client({ connectionString: database.ownerUrl });
  await owner.connect();
  municipalityId = (await db.query<any>(`INSERT INTO municipality (name, country, currency) VALUES ('М', 'RU', 'RUB') RETURNING id`))
    .rows[0].id;
  const dep = (await db.query<any>(`INSERT INTO department (municipality_id, name) VALUES ($1, 'Отдел') RETURNING id`, [municipalityId]))
    .rows[0].id;
  programId = (
    await db.query<any>(
      `INSERT INTO program (municipality_id, code, name, responsible_department_id, start_year, end_year) VALUES ($1, 'MP-1', 'П', $2, 2025, 2030) RETURNING id`,
      [municipalityId, dep],
    )
  ).rows[0].id;
});
afterAll(async () => {
  await owner.end();
  await db.close();
  await database.drop();
});

const base = () => ({
  municipalityId,
  programId,
  flow: "program" as const,
  directionCode: null,
  directionName: null,
  kind: "amendment" as const,
  basedOnId: null,
  createdBy: null,
  createdByLogin: "executor",
});
const approval = {
  document: { code: "MP-1", name: "П" },
  decreeNumber: "1-п",
  decreeDate: "2026-01-15",
  approvedAt: "2026-01-15T10:00:00Z",
  approvedBy: null,
  approvedByLogin: "head",
};

describe("versions of a program", () => {
  it("numbers versions, keeps one draft at a time, lets a draft change and approves it", async () => {
    const v1 = await db.tx((q) => insertVersion(q, { ...base(), kind: "program", approved: approval }));
    expect(v1).toMatchObject({ number: 1, status: "approved", decreeNumber: "1-п", decreeDate: "2026-01-15" });
    const v2 = await db.tx((q) => insertVersion(q, { ...base(), basedOnId: v1.id }));
    expect(v2).toMatchObject({ number: 2, status: "draft" });
    await expect(db.tx((q) => insertVersion(q, base()))).rejects.toThrow(/уже есть/);
    const noted = await updateDraftNote(db, v2.id, v2.version, { reasons: { "a.b": "причина" }, noteText: "Текст" });
    expect(noted).toMatchObject({ reasons: { "a.b": "причина" }, noteText: "Текст", version: v2.version + 1 });
    expect(await updateDraftNote(db, v2.id, v2.version, { noteText: "устаревшая версия" })).toBeNull();
    await db.tx((q) => approveVersion(q, v2.id, { ...approval, decreeNumber: "2-п" }));
    expect((await lastApprovedVersion(db, programId))!.number).toBe(2);
  });

  it("refuses to change or delete an approved version, as the application and even as the tables' owner", async () => {
    const v = (await lastApprovedVersion(db, programId))!;
    await expect(db.query<any>(`UPDATE program_version SET decree_number = 'подделка' WHERE id = $1`, [v.id])).rejects.toBeInstanceOf(
      RuleError,
    );
    await expect(db.query<any>(`UPDATE program_version SET document = '{}'::jsonb WHERE id = $1`, [v.id])).rejects.toThrow(/не изменяется/);
    // the application's role may not delete versions at all
    await expect(db.query<any>(`DELETE FROM program_version WHERE id = $1`, [v.id])).rejects.toThrow(/permission denied/);
    await expect(db.query<any>(`TRUNCATE program_version CASCADE`)).rejects.toThrow(/permission denied|never change/);
    // the owner is stopped by the trigger
    await expect(owner.query<any>(`UPDATE program_version SET note_text = 'x' WHERE id = $1`, [v.id])).rejects.toThrow(/never changes/);
    await expect(owner.query<any>(`DELETE FROM program_version WHERE id = $1`, [v.id])).rejects.toThrow(/never changes/);
    await expect(owner.query<any>(`TRUNCATE program_version CASCADE`)).rejects.toThrow(/never change/);
    // nor does deleting the program take its approved versions with it
    await expect(db.query<any>(`DELETE FROM program WHERE id = $1`, [programId])).rejects.toBeInstanceOf(RuleError);
    expect((await getVersion(db, v.id))!.decreeNumber).toBe("2-п");
  });

  it("keeps steps and conclusions append-only for the application", async () => {
    const draft = await db.tx((q) => insertVersion(q, base()));
    const inst = await insertInstance(db, {
      municipalityId,
      programId,
      programVersionId: draft.id,
      flow: "program",
      kind: "amendment",
      directionId: null,
      discussionRequired: false,
      state: "draft",
      since: "2026-05-01",
      createdBy: null,
    });
    const t = await insertWorkflowTransition(db, {
      municipalityId,
      instanceId: inst.id,
      onDate: "2026-05-02",
      at: "2026-05-02T10:00:00Z",
      actorId: null,
      actorLogin: "economy",
      role: "economy",
      action: "negativeConclusion",
      fromState: "economyReview",
      toState: "economyRework",
      dueDate: "2026-05-12",
      payload: {},
      requestId: "r1",
    });
    expect(t.seq).toBe(1);
    await insertWorkflowConclusion(db, {
      municipalityId,
      instanceId: inst.id,
      transitionId: t.id,
      stage: "economy",
      result: "negative",
      document: "Заключение 1",
      conclusionDate: "2026-05-02",
      remarks: ["Замечание"],
      authorId: null,
      authorLogin: "economy",
    });
    expect((await listWorkflowConclusions(db, inst.id)).map((c) => c.remarks)).toEqual([["Замечание"]]);
    await expect(db.query<any>(`UPDATE workflow_conclusion SET result = 'positive'`)).rejects.toThrow(/permission denied/);
    await expect(db.query<any>(`DELETE FROM workflow_transition`)).rejects.toThrow(/permission denied/);
    // a negative conclusion without remarks is refused by the database too
    await expect(
      insertWorkflowConclusion(db, {
        municipalityId,
        instanceId: inst.id,
        transitionId: t.id,
        stage: "economy",
        result: "negative",
        document: "З",
        conclusionDate: "2026-05-02",
        remarks: [],
        authorId: null,
        authorLogin: null,
      }),
    ).rejects.toThrow(/ограничение/);
  });
});
