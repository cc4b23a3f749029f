/**
 * The world of the use-case tests of `packages/app`: a database of its own for the test file (from
 * the migrated template), the small fixture of two municipalities seeded through the use cases, a
 * clock the test sets, and the callers as the server would make them from a session.
 */
import {
  Db,
  findMunicipalityByName,
  findUserByLogin,
  listAudit,
  listRows,
  membershipsOfUser,
  type AuditRecord,
  type Row,
} from "@orientir/db";
import { resource } from "@orientir/domain";
import { createContext, seedMunicipalities, type AppContext, type Caller } from "@orientir/app";
import { createTestDatabase, FIXTURE_PASSWORD, FIXTURE_USERS, MUNICIPALITY_A, MUNICIPALITY_B } from "@orientir/testing";

const CITY_A = MUNICIPALITY_A.name;

export interface World {
  ctx: AppContext;
  db: Db;
  /** Sets the clock of the use cases. */
  setNow(iso: string): void;
  /** The caller of a fixture account (logins are the role names; "adminb" is B's administrator). */
  caller(login: string): Promise<Caller>;
  municipalityId(name?: string): Promise<string>;
  /** A program of the municipality by its code. */
  program(code: string, municipality?: string): Promise<Row>;
  /** The rows of a resource of the municipality A matching `where`. */
  rows(name: string, where?: Record<string, string>): Promise<Row[]>;
  /** The audit entries of A with that action (newest first). */
  audit(action: string, objectId?: string): Promise<AuditRecord[]>;
  close(): Promise<void>;
}

export async function createWorld(): Promise<World> {
  const database = await createTestDatabase();
  const db = new Db(database.url, { max: 4 });
  let now = new Date();
  const ctx: AppContext = { ...createContext(db), now: () => now };
  await seedMunicipalities(ctx, [MUNICIPALITY_A, MUNICIPALITY_B], FIXTURE_USERS, FIXTURE_PASSWORD);
  const municipalityId = async (name = CITY_A) => (await findMunicipalityByName(db, name))!.id;
  const home = (login: string) => FIXTURE_USERS.find((u) => u.login === login)!.memberships[0]!.municipality;
  return {
    ctx,
    db,
    setNow(iso) {
      now = new Date(iso);
    },
    async caller(login) {
      const user = await findUserByLogin(db, login);
      if (!user) throw new Error(`no fixture account ${login}`);
      const mId = await municipalityId(home(login));
      const ms = (await membershipsOfUser(db, user.id)).find((x) => x.municipalityId === mId)!;
      return {
        actor: { userId: user.id, login, municipalityId: mId, role: ms.role, departmentId: ms.departmentId ?? null },
        requestId: `test-${login}`,
      };
    },
    municipalityId,
    async program(code, municipality = CITY_A) {
      const mId = await municipalityId(municipality);
      const p = (await listRows(db, resource("program"), { municipalityId: mId })).find((x) => x.code === code);
      if (!p) throw new Error(`no program ${code} in ${municipality}`);
      return p;
    },
    async rows(name, where = {}) {
      return listRows(db, resource(name), { municipalityId: await municipalityId(), where });
    },
    async audit(action, objectId) {
      return listAudit(db, { municipalityId: await municipalityId(), action, ...(objectId ? { objectId } : {}) });
    },
    async close() {
      await db.close();
      await database.drop();
    },
  };
}

/** A test file's world with its clock set, the callers of `logins` and the programs MP-1 and MP-2 of A. */
export async function openWorld(now: string, logins: string[]): Promise<{ w: World; as: Record<string, Caller>; mp1: Row; mp2: Row }> {
  const w = await createWorld();
  w.setNow(now);
  const as: Record<string, Caller> = {};
  for (const login of logins) as[login] = await w.caller(login);
  return { w, as, mp1: await w.program("MP-1"), mp2: await w.program("MP-2") };
}
