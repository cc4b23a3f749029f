/** The municipality's settings, its users and roles, and the audit log. */
import {
  deleteMembership,
  findUserByLogin,
  getMunicipality,
  getRow,
  getUser,
  insertUser,
  listAudit,
  listMunicipalities,
  updateMunicipality,
  updateUser,
  upsertMembership,
  usersOfMunicipality,
  type AuditFilter,
  type Row,
} from "@orientir/db";
import { ConflictError, NotFoundError, ROLES, ValidationError, ensure, isBlankText, resource, type FieldIssue, type Role } from "@orientir/domain";
import type { AppContext, Caller } from "./context.ts";
import { audit } from "./audit.ts";
import { hashPassword } from "./passwords.ts";

export async function myMunicipalities(ctx: AppContext, ids: string[]): Promise<Row[]> {
  return listMunicipalities(ctx.db, ids);
}

export async function currentMunicipality(ctx: AppContext, caller: Caller): Promise<Row> {
  ensure(caller.actor, "read", { area: "municipality", municipalityId: caller.actor.municipalityId });
  const m = await getMunicipality(ctx.db, caller.actor.municipalityId);
  if (!m) throw new NotFoundError("муниципальное образование");
  return m;
}

export async function changeMunicipality(
  ctx: AppContext,
  caller: Caller,
  version: number,
  patch: { name?: string; country?: string; currency?: string; timezone?: string },
): Promise<Row> {
  const { actor } = caller;
  ensure(actor, "update", { area: "municipality", municipalityId: actor.municipalityId });
  const issues: FieldIssue[] = [];
  if (patch.name !== undefined && isBlankText(patch.name)) issues.push({ path: "name", message: "Укажите наименование" });
  if (patch.currency !== undefined && !/^[A-Z]{3}$/.test(patch.currency)) issues.push({ path: "currency", message: "Код валюты — три латинские буквы (ISO 4217), например RUB" });
  if (patch.country !== undefined && !/^[A-Z]{2}$/.test(patch.country)) issues.push({ path: "country", message: "Код страны — две латинские буквы, например RU" });
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
    return row;
  });
}

export async function listUsers(ctx: AppContext, caller: Caller): Promise<Row[]> {
  ensure(caller.actor, "read", { area: "users", municipalityId: caller.actor.municipalityId });
  return usersOfMunicipality(ctx.db, caller.actor.municipalityId);
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

export async function createUser(
  ctx: AppContext,
  caller: Caller,
  input: { login: string; fullName: string; password: string; role: string; departmentId?: string | null },
): Promise<Row> {
  const { actor } = caller;
  ensure(actor, "create", { area: "users", municipalityId: actor.municipalityId });
  const issues: FieldIssue[] = [];
  if (!/^[a-zA-Z0-9._-]{2,64}$/.test(input.login)) issues.push({ path: "login", message: "Логин: 2–64 латинских буквы, цифры, точка, дефис, подчеркивание" });
  if (!input.fullName.trim()) issues.push({ path: "fullName", message: "Укажите ФИО" });
  if (input.password.length < 8) issues.push({ path: "password", message: "Пароль не короче 8 символов" });
  checkRole(input.role, input.departmentId, issues);
  await checkDepartment(ctx, actor.municipalityId, input.departmentId, issues);
  if (issues.length) throw new ValidationError(issues);
  const passwordHash = await hashPassword(input.password);
  return ctx.db.tx(async (q) => {
    const existing = await findUserByLogin(q, input.login);
    const user = existing ?? (await insertUser(q, { login: input.login, fullName: input.fullName.trim(), passwordHash }));
    if (existing) {
      const ms = await usersOfMunicipality(q, actor.municipalityId);
      if (ms.some((m) => m.id === existing.id)) throw new ConflictError(`Пользователь «${input.login}» уже есть`);
    }
    const m = await upsertMembership(q, { municipalityId: actor.municipalityId, userId: user.id, role: input.role, departmentId: input.departmentId ?? null });
    await audit(q, caller, { action: "user.create", objectType: "user", objectId: user.id, after: { login: user.login, fullName: user.fullName, role: m.role, departmentId: m.departmentId } });
    const rows = await usersOfMunicipality(q, actor.municipalityId);
    return rows.find((r) => r.id === user.id)!;
  });
}

export async function changeUser(
  ctx: AppContext,
  caller: Caller,
  userId: string,
  input: { version: number; fullName?: string; password?: string; isActive?: boolean; role?: string; departmentId?: string | null },
): Promise<Row> {
  const { actor } = caller;
  ensure(actor, "update", { area: "users", municipalityId: actor.municipalityId });
  const members = await usersOfMunicipality(ctx.db, actor.municipalityId);
  const current = members.find((m) => m.id === userId);
  if (!current) throw new NotFoundError("пользователь", userId);
  const issues: FieldIssue[] = [];
  if (input.password !== undefined && input.password.length < 8) issues.push({ path: "password", message: "Пароль не короче 8 символов" });
  if (input.fullName !== undefined && !input.fullName.trim()) issues.push({ path: "fullName", message: "Укажите ФИО" });
  const role = input.role ?? String(current.role);
  const departmentId = input.departmentId !== undefined ? input.departmentId : (current.departmentId as string | null);
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
    if (!user) throw new ConflictError("Пользователь изменен другим администратором. Обновите данные.", current);
    await upsertMembership(q, { municipalityId: actor.municipalityId, userId, role, departmentId });
    await audit(q, caller, {
      action: "user.update", objectType: "user", objectId: userId,
      before: { fullName: before?.fullName, isActive: before?.isActive, role: current.role, departmentId: current.departmentId },
      after: { fullName: user.fullName, isActive: user.isActive, role, departmentId, passwordChanged: Boolean(passwordHash) },
    });
    return (await usersOfMunicipality(q, actor.municipalityId)).find((r) => r.id === userId)!;
  });
}

export async function removeUser(ctx: AppContext, caller: Caller, userId: string): Promise<void> {
  const { actor } = caller;
  ensure(actor, "delete", { area: "users", municipalityId: actor.municipalityId });
  if (userId === actor.userId) throw new ValidationError([{ path: "id", message: "Нельзя удалить себя" }]);
  await ctx.db.tx(async (q) => {
    if (!(await deleteMembership(q, actor.municipalityId, userId))) throw new NotFoundError("пользователь", userId);
    await audit(q, caller, { action: "user.remove", objectType: "user", objectId: userId });
  });
}

export async function auditLog(ctx: AppContext, caller: Caller, filter: Omit<AuditFilter, "municipalityId">): Promise<Row[]> {
  ensure(caller.actor, "read", { area: "audit", municipalityId: caller.actor.municipalityId });
  return listAudit(ctx.db, { ...filter, municipalityId: caller.actor.municipalityId });
}
