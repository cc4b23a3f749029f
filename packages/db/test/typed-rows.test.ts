import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from "vitest";
import {
  Db,
  acceptTotpStep,
  findLiveSession,
  getUser,
  insertMunicipality,
  insertSession,
  insertUser,
  mapRow,
  membershipsOfUser,
  upsertMembership,
  type MembershipRecord,
  type UserRecord,
} from "@orientir/db";
import { createTestDatabase } from "@orientir/testing";

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let db: Db;

beforeAll(async () => {
  database = await createTestDatabase();
  db = new Db(database.url, { max: 4 });
});
afterAll(async () => {
  await db.close();
  await database.drop();
});

describe("typed rows", () => {
  it("mapRow's type follows what it does: camelCase keys, a Date as its ISO string", () => {
    const at = new Date("2026-12-03T07:00:00.000Z");
    const raw: { full_name: string; created_at: Date; totp_last_step: number | null; rules_v2: null; q_1: number; id: string } = {
      full_name: "Иванов",
      created_at: at,
      totp_last_step: 7,
      rules_v2: null,
      q_1: 1,
      id: "x",
    };
    const row = mapRow(raw);
    expectTypeOf(row).toEqualTypeOf<{
      fullName: string;
      createdAt: string;
      totpLastStep: number | null;
      rulesV2: null;
      q_1: number;
      id: string;
    }>();
    expect(row).toEqual({ fullName: "Иванов", createdAt: "2026-12-03T07:00:00.000Z", totpLastStep: 7, rulesV2: null, q_1: 1, id: "x" });
  });

  it("a user's row is what its type says (totpLastStep a number, times ISO strings), alike from getUser and a live session", async () => {
    expectTypeOf<UserRecord["totpLastStep"]>().toEqualTypeOf<number | null>();
    expectTypeOf<UserRecord["totpEnabledAt"]>().toEqualTypeOf<string | null>();
    expectTypeOf<MembershipRecord["role"]>().toEqualTypeOf<
      "admin" | "economy" | "finance" | "audit" | "executor" | "coexecutor" | "head" | "viewer" | "office"
    >();
    const m = await insertMunicipality(db, { name: "Типы", country: "RU", currency: "RUB" });
    const u = await insertUser(db, { login: "typed", fullName: "Т. Типов", passwordHash: "x" });
    await upsertMembership(db, { municipalityId: m.id, userId: u.id, role: "economy", departmentId: null });
    expect(await acceptTotpStep(db, u.id, 12345)).toBe(true);
    await db.query(`UPDATE app_user SET totp_enabled_at = '2026-12-03T07:00:00Z' WHERE id = $1`, [u.id]);
    const stored = (await getUser(db, u.id))!;
    expect(stored.totpLastStep).toBe(12345);
    expect(stored.totpEnabledAt).toBe("2026-12-03T07:00:00.000Z");

    await insertSession(db, { id: "typed-session", userId: u.id, municipalityId: m.id, csrfToken: "c", idleHours: 1, maxHours: 2 });
    const live = (await findLiveSession(db, "typed-session"))!;
    const userColumns = [
      "id",
      "login",
      "fullName",
      "passwordHash",
      "isActive",
      "deploymentAdmin",
      "totpSecret",
      "totpPendingSecret",
      "totpEnabledAt",
      "totpLastStep",
      "version",
    ];
    expect(Object.keys(live.user).sort()).toEqual([...userColumns].sort());
    for (const k of userColumns) expect(live.user[k as keyof UserRecord], k).toEqual(stored[k as keyof UserRecord]);
    expect(live.session).toMatchObject({ id: "typed-session", userId: u.id, municipalityId: m.id, csrfToken: "c" });
    expect(live.session.expiresAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    const listed = await membershipsOfUser(db, u.id);
    expect(live.memberships).toHaveLength(1);
    expect(Object.keys(live.memberships[0]!).sort()).toEqual([
      "departmentId",
      "id",
      "municipalityId",
      "municipalityName",
      "role",
      "userId",
      "version",
    ]);
    expect(listed[0]).toMatchObject(live.memberships[0]!);
    expect(live.memberships[0]).toMatchObject({
      municipalityId: m.id,
      municipalityName: "Типы",
      userId: u.id,
      role: "economy",
      departmentId: null,
    });
  });
});
