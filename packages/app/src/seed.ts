/** Loads whole municipalities (the demo data) and their accounts into the database. */
import {
  countMunicipalities,
  dateLoadedBudgetFigures,
  ensureDirectionSubmission,
  ensureSubmission,
  insertPeriodLock,
  insertTransition,
  listRows,
  updateDirectionSubmission,
  updateSubmission,
  findMunicipalityByName,
  findUserByLogin,
  getUserEmail,
  insertUser,
  setUserEmail,
  listVersions,
  membershipsOfUser,
  setDeploymentAdmin,
  upsertMembership,
} from "@orientir/db";
import { resource, ValidationError, type MunicipalityDocument, type Role } from "@orientir/domain";
import type { AppContext } from "./context.ts";
import { insertMunicipalityDocument, lookupsOf } from "./documents.ts";
import { hashPassword } from "./passwords.ts";
import { audit } from "./audit.ts";
import { listResource } from "./resources.ts";
import { registerVersionInForce } from "./workflow/index.ts";

export interface SeedUser {
  login: string;
  fullName: string;
  /** E-mail address for reminders, set when the user has none yet. */
  email?: string | null;
  memberships: { municipality: string; role: Role; department?: string }[];
  /** A deployment administrator (manages accounts of several municipalities). */
  deploymentAdmin?: boolean;
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
export async function seedMunicipalities(
  ctx: AppContext,
  docs: MunicipalityDocument[],
  users: SeedUser[],
  password: string,
): Promise<SeedResult> {
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
      await audit(
        q,
        { actor: null, requestId: null },
        { action: "seed", objectType: "municipality", objectId: municipalityId, municipalityId, login: "system" },
      );
    }
    for (const u of users) {
      const user = (await findUserByLogin(q, u.login)) ?? (await insertUser(q, { login: u.login, fullName: u.fullName, passwordHash }));
      if (u.email && !(await getUserEmail(q, user.id))) await setUserEmail(q, user.id, u.email);
      if (u.deploymentAdmin && !user.deploymentAdmin) await setDeploymentAdmin(q, user.id, true);
      for (const m of u.memberships) {
        const municipalityId = ids.get(m.municipality);
        if (!municipalityId)
          throw new ValidationError([
            { path: `users.${u.login}.municipality`, message: `Нет муниципального образования «${m.municipality}»` },
          ]);
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

/** The decree that approved a seeded program (number as written, date ГГГГ-ММ-ДД). */
export interface SeedDecree {
  number: string;
  date: string;
}

/**
 * Records the version in force of each program of a seeded municipality that has no version yet:
 * the snapshot of its rows approved by the decree `decreeOf` gives, registered through the use
 * case (permissions, checks, audit) as the user `login` (the municipality's administrator or
 * economy department). Then an executor can draft an amendment to it at once. Returns the codes
 * of the programs registered.
 */
export async function seedVersionsInForce(
  ctx: AppContext,
  municipality: string,
  login: string,
  decreeOf: (program: { code: string; name: string; startYear: number }) => SeedDecree,
): Promise<string[]> {
  const m = await findMunicipalityByName(ctx.db, municipality);
  if (!m) throw new ValidationError([{ path: "municipality", message: `Нет муниципального образования «${municipality}»` }]);
  const user = await findUserByLogin(ctx.db, login);
  const membership = user ? (await membershipsOfUser(ctx.db, user.id)).find((x) => x.municipalityId === m.id) : undefined;
  if (!user || !membership)
    throw new ValidationError([{ path: "login", message: `Пользователь «${login}» не участник «${municipality}»` }]);
  const caller = {
    actor: { userId: user.id, login: user.login, municipalityId: m.id, role: membership.role, departmentId: membership.departmentId },
    requestId: null,
  };
  const registered: string[] = [];
  const programs = await listResource(ctx, caller, resource("program"), {});
  for (const p of [...programs].sort((a, b) => String(a.code).localeCompare(String(b.code), "ru", { numeric: true }))) {
    if ((await listVersions(ctx.db, p.id, { flow: "program" })).length > 0) continue;
    const decree = decreeOf({ code: String(p.code), name: String(p.name), startYear: Number(p.startYear) });
    await registerVersionInForce(ctx, caller, p.id, { decreeNumber: decree.number, decreeDate: decree.date });
    registered.push(String(p.code));
  }
  return registered;
}

/**
 * The demo's budget figures as the finance department entered them, on time each quarter (the
 * loading itself is one moment, which would make every quarter's finance data look late).
 */
export async function dateDemoBudgetFigures(ctx: AppContext, municipality: string): Promise<number> {
  const m = await findMunicipalityByName(ctx.db, municipality);
  if (!m) throw new ValidationError([{ path: "municipality", message: `Нет муниципального образования «${municipality}»` }]);
  return ctx.db.tx((q) => dateLoadedBudgetFigures(q, m.id));
}

/** A report of the demo's record of reporting (db/src/seed/demo/reports.ts). */
export interface SeedReport {
  program: string;
  year: number;
  period: string;
  directionsSubmitted: string;
  lateDirections?: Record<string, string>;
  accepted: string;
  compiled: string;
  submitted: string;
  financeReviewed?: string;
  /** An annual report: the day the executor sent it to the economy department (220-п 6.14). */
  sentToEconomy?: string;
  controlled?: string;
}

/**
 * Writes the demo's past reports of a seeded municipality as the departments passed them: each
 * direction's part submitted and accepted, the report compiled and submitted, reviewed by the
 * finance department (an annual report) and concluded by the economy department, which locks the
 * period (220-п 6.16) — each step with its day and a transition of the report's history. Reports
 * already there are left alone. Returns how many were written.
 */
export async function seedDemoReports(ctx: AppContext, municipality: string, reports: readonly SeedReport[]): Promise<number> {
  const m = await findMunicipalityByName(ctx.db, municipality);
  if (!m) throw new ValidationError([{ path: "municipality", message: `Нет муниципального образования «${municipality}»` }]);
  return ctx.db.tx(async (q) => {
    const programs = await listRows(q, resource("program"), { municipalityId: m.id });
    let written = 0;
    for (const r of reports) {
      const program = programs.find((p) => p.code === r.program);
      if (!program) throw new ValidationError([{ path: "program", message: `Нет программы «${r.program}» в «${municipality}»` }]);
      const at = (day: string) => `${day}T09:00:00Z`;
      const key = { municipalityId: m.id, programId: program.id, year: r.year, period: r.period };
      const sub = await ensureSubmission(q, key);
      if (sub.state !== "open" || sub.version > 1) continue;
      const step = async (directionId: string | null, action: string, fromState: string, toState: string, day: string, login: string) =>
        insertTransition(q, {
          ...key,
          submissionId: sub.id,
          directionId,
          action,
          fromState,
          toState,
          actorId: null,
          actorLogin: login,
          comment: null,
          at: at(day),
        });
      for (const d of await listRows(q, resource("direction"), { municipalityId: m.id, where: { programId: program.id } })) {
        const ds = await ensureDirectionSubmission(q, {
          municipalityId: m.id,
          programId: program.id,
          directionId: d.id,
          submissionId: sub.id,
        });
        const submittedOn = r.lateDirections?.[String(d.code)] ?? r.directionsSubmitted;
        await updateDirectionSubmission(q, ds.id, { state: "accepted", submittedAt: at(submittedOn), acceptedAt: at(r.accepted) });
        await step(d.id, "submitDirection", "draft", "submitted", submittedOn, "coexecutor");
        await step(d.id, "acceptDirection", "submitted", "accepted", r.accepted, "executor");
      }
      await step(null, "compile", "open", "compiled", r.compiled, "executor");
      await step(null, "submit", "compiled", "submitted", r.submitted, "executor");
      const patch: Record<string, unknown> = { state: "submitted", compiledAt: at(r.compiled), submittedAt: at(r.submitted) };
      if (r.financeReviewed) {
        await step(null, "financeReview", "submitted", "financeReviewed", r.financeReviewed, "finance");
        Object.assign(patch, {
          state: "financeReviewed",
          financeReviewedAt: at(r.financeReviewed),
          financeConclusion: `Заключение управления финансов от ${r.financeReviewed.split("-").reverse().join(".")}`,
        });
      }
      if (r.sentToEconomy) await step(null, "sendToEconomy", "financeReviewed", "financeReviewed", r.sentToEconomy, "executor");
      if (r.controlled) {
        await step(null, "control", String(patch.state), "controlled", r.controlled, "economy");
        Object.assign(patch, {
          state: "controlled",
          controlledAt: at(r.controlled),
          economyConclusion: `Заключение управления экономики от ${r.controlled.split("-").reverse().join(".")}`,
        });
        await insertPeriodLock(q, { ...key, submissionId: sub.id, lockedBy: null, at: at(r.controlled) });
      }
      await updateSubmission(q, sub.id, patch);
      written++;
    }
    return written;
  });
}
