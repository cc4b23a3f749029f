/** Loads whole municipalities (the demo data) and their accounts into the database. */
import { countMunicipalities, findMunicipalityByName, findUserByLogin, insertUser, upsertMembership } from "@orientir/db";
import { ValidationError, type MunicipalityDocument, type Role } from "@orientir/domain";
import type { AppContext } from "./context.ts";
import { insertMunicipalityDocument, lookupsOf } from "./documents.ts";
import { hashPassword } from "./passwords.ts";
import { audit } from "./audit.ts";

export interface SeedUser {
  login: string;
  fullName: string;
  memberships: { municipality: string; role: Role; department?: string }[];
}

export interface SeedResult {
  municipalities: string[];
  users: string[];
  skipped: string[];
}

/**
 * Inserts each municipality that is not there yet (by name) and the users, all in one
 * transaction: a failure leaves the database as it was.
 */
export async function seedMunicipalities(ctx: AppContext, docs: MunicipalityDocument[], users: SeedUser[], password: string): Promise<SeedResult> {
  const passwordHash = await hashPassword(password);
  return ctx.db.tx(async (q) => {
    const result: SeedResult = { municipalities: [], users: [], skipped: [] };
    const ids = new Map<string, string>();
    for (const doc of docs) {
      const existing = await findMunicipalityByName(q, doc.name);
      if (existing) {
        result.skipped.push(doc.name);
        ids.set(doc.name, existing.id);
        continue;
      }
      const { municipalityId } = await insertMunicipalityDocument(q, doc);
      ids.set(doc.name, municipalityId);
      result.municipalities.push(doc.name);
      await audit(q, { actor: null, requestId: null }, { action: "seed", objectType: "municipality", objectId: municipalityId, municipalityId, login: "system" });
    }
    for (const u of users) {
      const user = (await findUserByLogin(q, u.login)) ?? (await insertUser(q, { login: u.login, fullName: u.fullName, passwordHash }));
      for (const m of u.memberships) {
        const municipalityId = ids.get(m.municipality);
        if (!municipalityId) throw new ValidationError([{ path: `users.${u.login}.municipality`, message: `Нет муниципального образования «${m.municipality}»` }]);
        const l = await lookupsOf(q, municipalityId);
        const departmentId = m.department ? l.departments.find(m.department, `users.${u.login}.department`) : null;
        await upsertMembership(q, { municipalityId, userId: user.id, role: m.role, departmentId });
      }
      result.users.push(u.login);
    }
    return result;
  });
}

export async function isEmpty(ctx: AppContext): Promise<boolean> {
  return (await countMunicipalities(ctx.db)) === 0;
}
