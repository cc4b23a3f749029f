/** The municipality's settings, its users and roles, and the audit log. */
import {
  deleteMembership,
  deleteSessionsOfUser,
  disableTotp,
  findUserByLogin,
  getMunicipality,
  getRow,
  getUser,
  insertUser,
  listAudit,
  auditFilterValues,
  listMunicipalities,
  listRows,
  municipalityIdsOfUser,
  listDeploymentAdmins,
  setDeploymentAdmin,
  updateMunicipality,
  updateUser,
  upsertMembership,
  usersOfMunicipality,
  namesOfRows,
  rowIdsIn,
  type AuditFilter,
  type MunicipalityRecord,
  type MunicipalityUser,
  type Queryable,
  type UserRecord,
} from "@orientir/db";
import type { AuditEntry, AuditFilters, Municipality, MunicipalityPatch, UserCreate, UserPatch, UserRow } from "@orientir/contracts";
import {
  ConflictError,
  NotFoundError,
  ROLES,
  ValidationError,
  authorize,
  auditActionLabel,
  auditActorKindLabel,
  auditActorLabel,
  describeAudit,
  ensure,
  isBlankText,
  resource,
  type AccountScope,
  type FieldIssue,
  type MessageLang,
  type Role,
} from "@orientir/domain";
import type { AppContext, Caller } from "./context.ts";
import { text } from "./row-values.ts";
import { audit } from "./audit.ts";
import { hashPassword } from "./passwords.ts";

/** A municipality's row as the API shows it. */
function presentMunicipality(m: MunicipalityRecord): Municipality {
  return {
    id: m.id,
    name: m.name,
    country: m.country,
    currency: m.currency,
    timezone: m.timezone,
    version: m.version,
    createdAt: m.createdAt,
    updatedAt: m.updatedAt,
  };
}

export async function myMunicipalities(ctx: AppContext, ids: string[]): Promise<Municipality[]> {
  return (await listMunicipalities(ctx.db, ids)).map(presentMunicipality);
}

export async function currentMunicipality(ctx: AppContext, caller: Caller): Promise<Municipality> {
  ensure(caller.actor, "read", { area: "municipality", municipalityId: caller.actor.municipalityId });
  const m = await getMunicipality(ctx.db, caller.actor.municipalityId);
  if (!m) throw new NotFoundError("муниципальное образование");
  return presentMunicipality(m);
}

export async function changeMunicipality(
  ctx: AppContext,
  caller: Caller,
  version: number,
  patch: Omit<MunicipalityPatch, "version">,
): Promise<Municipality> {
  const { actor } = caller;
  ensure(actor, "update", { area: "municipality", municipalityId: actor.municipalityId });
  const issues: FieldIssue[] = [];
  if (patch.name !== undefined && isBlankText(patch.name)) issues.push({ path: "name", message: "Укажите наименование" });
  if (patch.currency !== undefined && !/^[A-Z]{3}$/.test(patch.currency))
    issues.push({ path: "currency", message: "Код валюты — три латинские буквы (ISO 4217), например RUB" });
  if (patch.country !== undefined && !/^[A-Z]{2}$/.test(patch.country))
    issues.push({ path: "country", message: "Код страны — две латинские буквы, например RU" });
  if (patch.timezone !== undefined) {
    try {
      new Intl.DateTimeFormat("en", { timeZone: patch.timezone });
    } catch {
      issues.push({ path: "timezone", message: "Неизвестный часовой пояс" });
    }
  }
  if (issues.length) throw new ValidationError(issues);
  return ctx.db.tx(async (q) => {
    const before = await getMunicipality(q, actor.municipalityId);
    const row = await updateMunicipality(q, actor.municipalityId, version, patch);
    if (!row) throw new ConflictError("Настройки изменены другим пользователем. Обновите данные.", before);
    await audit(q, caller, { action: "municipality.update", objectType: "municipality", objectId: row.id, before, after: row });
    return presentMunicipality(row);
  });
}

/**
 * The municipality's members with their role here. `shared`: the account also belongs to another
 * municipality (or is a deployment administrator's), so its identity — password, name, e-mail,
 * active flag — is not this municipality's administrator's to change.
 */
export async function listUsers(ctx: AppContext, caller: Caller): Promise<UserRow[]> {
  ensure(caller.actor, "read", { area: "users", municipalityId: caller.actor.municipalityId });
  const rows = await usersOfMunicipality(ctx.db, caller.actor.municipalityId);
  return rows.map(presentMember);
}

function presentMember(r: MunicipalityUser): UserRow {
  return {
    id: r.id,
    login: r.login,
    fullName: r.fullName,
    isActive: r.isActive,
    version: r.version,
    membershipId: r.membershipId,
    membershipVersion: r.membershipVersion,
    role: r.role,
    departmentId: r.departmentId,
    shared: r.inOtherMunicipalities || r.deploymentAdmin,
    deploymentAdmin: r.deploymentAdmin,
    totpEnabled: r.totpEnabled,
  };
}

/** Where an existing account stands, seen from a municipality (see AccountScope of the domain). */
export async function accountScope(q: Queryable, municipalityId: string, user: UserRecord): Promise<AccountScope> {
  if (user.deploymentAdmin) return "deployment";
  const ids = await municipalityIdsOfUser(q, user.id);
  return ids.length === 1 && ids[0] === municipalityId ? "local" : "shared";
}

function checkRole(role: string, departmentId: string | null | undefined, issues: FieldIssue[]) {
  if (!ROLES.includes(role as Role)) issues.push({ path: "role", message: `Роль: одна из ${ROLES.join(", ")}` });
  if ((role === "executor" || role === "coexecutor") && !departmentId) {
    issues.push({ path: "departmentId", message: "Исполнителю и соисполнителю нужно подразделение" });
  }
}

async function checkDepartment(ctx: AppContext, municipalityId: string, departmentId: string | null | undefined, issues: FieldIssue[]) {
  if (!departmentId) return;
  const d = await getRow(ctx.db, resource("department"), departmentId);
  if (!d || d.municipalityId !== municipalityId) issues.push({ path: "departmentId", message: "Подразделение не найдено" });
}

/** The one answer to a login that exists, wherever it is: it does not tell which municipality holds it. */
export const LOGIN_TAKEN = "Этот логин уже занят. Выберите другой.";

/**
 * Creates an account that belongs to the caller's municipality alone. A login that exists already
 * (in this municipality or any other) is refused with the same message; only a deployment
 * administrator may give an existing account a role here (its password is then left as it is).
 */
export async function createUser(ctx: AppContext, caller: Caller, input: UserCreate): Promise<UserRow> {
  const { actor } = caller;
  ensure(actor, "create", { area: "users", municipalityId: actor.municipalityId, part: "identity", account: "new" });
  const issues: FieldIssue[] = [];
  if (!/^[a-zA-Z0-9._-]{2,64}$/.test(input.login))
    issues.push({ path: "login", message: "Логин: 2–64 латинских буквы, цифры, точка, дефис, подчеркивание" });
  if (!input.fullName.trim()) issues.push({ path: "fullName", message: "Укажите ФИО" });
  if (input.password.length < 8) issues.push({ path: "password", message: "Пароль не короче 8 символов" });
  checkRole(input.role, input.departmentId, issues);
  await checkDepartment(ctx, actor.municipalityId, input.departmentId, issues);
  if (issues.length) throw new ValidationError(issues);
  const passwordHash = await hashPassword(input.password);
  return ctx.db.tx(async (q) => {
    const existing = await findUserByLogin(q, input.login);
    if (existing) {
      const scope = await accountScope(q, actor.municipalityId, existing);
      const member = (await municipalityIdsOfUser(q, existing.id)).includes(actor.municipalityId);
      if (
        !authorize(actor, "create", { area: "users", municipalityId: actor.municipalityId, part: "identity", account: scope }).allowed ||
        member ||
        scope === "local"
      ) {
        throw new ValidationError([{ path: "login", message: LOGIN_TAKEN, messageEn: "This login is taken. Choose another one." }]);
      }
    }
    let user: UserRecord;
    if (existing) user = existing;
    else {
      try {
        user = await insertUser(q, { login: input.login, fullName: input.fullName.trim(), passwordHash });
      } catch (e) {
        // a parallel creation of the same login
        if ((e as { code?: string }).code === "23505")
          throw new ValidationError([{ path: "login", message: LOGIN_TAKEN, messageEn: "This login is taken. Choose another one." }]);
        throw e;
      }
    }
    const m = await upsertMembership(q, {
      municipalityId: actor.municipalityId,
      userId: user.id,
      role: input.role,
      departmentId: input.departmentId ?? null,
    });
    await audit(q, caller, {
      action: existing ? "user.membership.add" : "user.create",
      objectType: "user",
      objectId: user.id,
      after: { login: user.login, fullName: user.fullName, role: m.role, departmentId: m.departmentId },
    });
    const rows = await usersOfMunicipality(q, actor.municipalityId);
    return presentMember(rows.find((r) => r.id === user.id)!);
  });
}

/**
 * Changes a member of the caller's municipality: their role and department here (the membership),
 * and — for an account of this municipality alone, or by a deployment administrator — the account
 * itself (full name, password, active flag). A new password, a disabled account or a changed role
 * ends the user's sessions (all but the caller's own current one).
 */
export async function changeUser(ctx: AppContext, caller: Caller, userId: string, input: UserPatch): Promise<UserRow> {
  const { actor } = caller;
  ensure(actor, "read", { area: "users", municipalityId: actor.municipalityId });
  const members = await usersOfMunicipality(ctx.db, actor.municipalityId);
  const current = members.find((m) => m.id === userId);
  if (!current) throw new NotFoundError("пользователь", userId);
  const account = await getUser(ctx.db, userId);
  if (!account) throw new NotFoundError("пользователь", userId);
  const scope = await accountScope(ctx.db, actor.municipalityId, account);
  const identity =
    input.fullName !== undefined || input.password !== undefined || input.isActive !== undefined || input.resetSecondFactor === true;
  const membership = input.role !== undefined || input.departmentId !== undefined;
  if (identity || !membership)
    ensure(actor, "update", { area: "users", municipalityId: actor.municipalityId, part: "identity", account: scope });
  if (membership) ensure(actor, "update", { area: "users", municipalityId: actor.municipalityId, part: "membership", account: scope });
  const issues: FieldIssue[] = [];
  if (input.password !== undefined && input.password.length < 8) issues.push({ path: "password", message: "Пароль не короче 8 символов" });
  if (input.fullName !== undefined && !input.fullName.trim()) issues.push({ path: "fullName", message: "Укажите ФИО" });
  const role = input.role ?? String(current.role);
  const departmentId = input.departmentId !== undefined ? input.departmentId : current.departmentId;
  checkRole(role, departmentId, issues);
  await checkDepartment(ctx, actor.municipalityId, departmentId, issues);
  if (userId === actor.userId && (input.isActive === false || (input.role && input.role !== "admin"))) {
    issues.push({ path: "role", message: "Нельзя снять с себя роль администратора или заблокировать себя" });
  }
  if (issues.length) throw new ValidationError(issues);
  const passwordHash = input.password ? await hashPassword(input.password) : undefined;
  return ctx.db.tx(async (q) => {
    const before = await getUser(q, userId);
    const user = await updateUser(q, userId, input.version, { fullName: input.fullName?.trim(), passwordHash, isActive: input.isActive });
    if (!user) throw new ConflictError("Пользователь изменен другим администратором. Обновите данные.", presentMember(current));
    await upsertMembership(q, { municipalityId: actor.municipalityId, userId, role, departmentId });
    // a lost phone: the administrator turns the second factor off; the user enrols again
    if (input.resetSecondFactor) await disableTotp(q, userId);
    const roleChanged = role !== current.role || departmentId !== current.departmentId;
    const endSessions = Boolean(passwordHash) || input.isActive === false || roleChanged || input.resetSecondFactor === true;
    const ended = endSessions ? await deleteSessionsOfUser(q, userId, userId === actor.userId ? (caller.sessionId ?? null) : null) : 0;
    await audit(q, caller, {
      action: "user.update",
      objectType: "user",
      objectId: userId,
      before: { fullName: before?.fullName, isActive: before?.isActive, role: current.role, departmentId: current.departmentId },
      after: {
        fullName: user.fullName,
        isActive: user.isActive,
        role,
        departmentId,
        passwordChanged: Boolean(passwordHash),
        secondFactorReset: input.resetSecondFactor === true,
        sessionsEnded: ended,
      },
    });
    return presentMember((await usersOfMunicipality(q, actor.municipalityId)).find((r) => r.id === userId)!);
  });
}

/** Takes away the user's role in the caller's municipality; their sessions end. */
export async function removeUser(ctx: AppContext, caller: Caller, userId: string): Promise<void> {
  const { actor } = caller;
  ensure(actor, "read", { area: "users", municipalityId: actor.municipalityId });
  if (userId === actor.userId) throw new ValidationError([{ path: "id", message: "Нельзя удалить себя" }]);
  await ctx.db.tx(async (q) => {
    const account = await getUser(q, userId);
    const member = account ? (await municipalityIdsOfUser(q, userId)).includes(actor.municipalityId) : false;
    if (!account || !member) throw new NotFoundError("пользователь", userId);
    ensure(actor, "delete", {
      area: "users",
      municipalityId: actor.municipalityId,
      part: "membership",
      account: await accountScope(q, actor.municipalityId, account),
    });
    await deleteMembership(q, actor.municipalityId, userId);
    const ended = await deleteSessionsOfUser(q, userId);
    await audit(q, caller, { action: "user.remove", objectType: "user", objectId: userId, after: { sessionsEnded: ended } });
  });
}

/**
 * The audit log of the caller's municipality, each entry also in words in `lang`: the actor's name,
 * the action as a sentence, the object by kind and name, the changed fields labelled and formatted.
 */
export async function auditLog(
  ctx: AppContext,
  caller: Caller,
  filter: Omit<AuditFilter, "municipalityId">,
  lang: MessageLang = "ru",
): Promise<AuditEntry[]> {
  const municipalityId = caller.actor.municipalityId;
  ensure(caller.actor, "read", { area: "audit", municipalityId });
  const entries = await listAudit(ctx.db, { ...filter, municipalityId });
  const sources = new Map(
    (await listRows(ctx.db, resource("budgetSource"), { municipalityId })).map((r) => [text(r.code), text(r.name)] as const),
  );
  const users = new Map((await usersOfMunicipality(ctx.db, municipalityId)).map((u) => [u.id, u.fullName] as const));
  // the rows the entries link to (a publication's subject, who published it, a reference field), by name
  const ids = new Set<string>();
  for (const e of entries) {
    rowIdsIn(e.before, ids);
    rowIdsIn(e.after, ids);
    if (e.objectId) rowIdsIn(e.objectId, ids);
  }
  const names = await namesOfRows(ctx.db, municipalityId, ids);
  return entries.map((e) => {
    const d = describeAudit(e, lang, { sources, users, names });
    return {
      ...e,
      actorName: e.actorName ?? auditActorLabel(e.actorLogin, lang),
      actionLabel: d.actionLabel,
      objectLabel: d.objectLabel,
      changes: d.changes,
    };
  });
}

/**
 * What the caller's municipality's audit log can be filtered by, in `lang`: the actions it has as
 * sentences (actions that read the same are one option), and who acted — the members and the
 * accounts that acted here by name, then residents, the system, the demo loader in words.
 */
export async function auditFilters(ctx: AppContext, caller: Caller, lang: MessageLang = "ru"): Promise<AuditFilters> {
  const municipalityId = caller.actor.municipalityId;
  ensure(caller.actor, "read", { area: "audit", municipalityId });
  const [values, members] = await ctx.db.tx(async (q) => [
    await auditFilterValues(q, municipalityId),
    await usersOfMunicipality(q, municipalityId),
  ]);
  const byLabel = new Map<string, string[]>();
  for (const a of values.actions) {
    const label = auditActionLabel(a, lang);
    byLabel.set(label, [...(byLabel.get(label) ?? []), a]);
  }
  const order = (a: { label: string }, b: { label: string }) => a.label.localeCompare(b.label, lang);
  const people = new Map<string, string>(members.map((u) => [u.id, u.fullName] as const));
  for (const u of values.actors) if (!people.has(u.id)) people.set(u.id, u.fullName);
  return {
    actions: [...byLabel].map(([label, actions]) => ({ actions, label })).sort(order),
    actors: [
      ...[...people].map(([actorId, label]) => ({ actorId, actorKind: null, label })).sort(order),
      ...values.otherActors.map((kind) => ({ actorId: null, actorKind: kind, label: auditActorKindLabel(kind, lang) })).sort(order),
    ],
  };
}

/**
 * Makes an account a deployment administrator, or no longer one (the operator's command line; no
 * session acts here). Taking the flag away ends the account's sessions.
 */
export async function setDeploymentAdministrator(ctx: AppContext, login: string, value: boolean): Promise<void> {
  await ctx.db.tx(async (q) => {
    const user = await findUserByLogin(q, login);
    if (!user) throw new ValidationError([{ path: "login", message: `Нет учетной записи «${login}»` }]);
    if (user.deploymentAdmin === value) return;
    await setDeploymentAdmin(q, user.id, value);
    if (!value) await deleteSessionsOfUser(q, user.id);
    await audit(
      q,
      { actor: null, requestId: null },
      {
        action: "user.deploymentAdmin",
        objectType: "user",
        objectId: user.id,
        municipalityId: null,
        login: "operator",
        before: { deploymentAdmin: !value },
        after: { deploymentAdmin: value },
      },
    );
  });
}

export async function listDeploymentAdministrators(ctx: AppContext): Promise<{ login: string; fullName: string }[]> {
  return listDeploymentAdmins(ctx.db);
}

/** The full names of the municipality's users by login: people by their names where a record keeps a login. */
export async function namesByLogin(q: Queryable, municipalityId: string): Promise<(login: string | null | undefined) => string | null> {
  const names = new Map((await usersOfMunicipality(q, municipalityId)).map((u) => [u.login, u.fullName] as const));
  return (login) => (login ? (names.get(login) ?? login) : null);
}
