/** Whole trees for the pages, the municipality, users and the audit log. */
import { z } from "zod";
import {
  auditLog,
  changeMunicipality,
  changeUser,
  createUser,
  currentMunicipality,
  listUsers,
  myMunicipalities,
  planTree,
  programTree,
  removeUser,
  strategyTree,
} from "@orientir/app";
import { AuthError, ROLES } from "@orientir/domain";
import { route } from "../route.ts";
import { DateOrDateTime, IdParams, RequiredText, Uuid, Version } from "../schemas.ts";

const Tree = z.object({ id: Uuid, version: z.number().int() }).passthrough();
const Municipality = z.object({ id: Uuid, name: z.string(), country: z.string(), currency: z.string(), timezone: z.string(), version: z.number().int() }).passthrough();
const UserRow = z.object({
  id: Uuid, login: z.string(), fullName: z.string(), isActive: z.boolean(), version: z.number().int(),
  role: z.enum(ROLES), departmentId: Uuid.nullable(),
  /** The account also belongs to another municipality (or is a deployment administrator's): only a deployment administrator changes it. */
  shared: z.boolean(), deploymentAdmin: z.boolean(), totpEnabled: z.boolean(),
}).passthrough();

export const viewRoutes = [
  route({
    method: "GET", path: "/api/programs/:id/tree", tag: "program", auth: "session",
    summary: "Программа целиком: паспорт, индикаторы, направления, элементы, показатели, контрольные точки, финансирование",
    params: IdParams, response: Tree,
    query: z.object({ inForce: z.enum(["0", "1"]).optional().describe("1: плановые значения действующей редакции, пока открыт проект изменений (для мониторинга)") }).strict(),
    handler: async (ctx, { params, query }) => programTree(ctx.app, ctx.caller, params.id, { inForce: query.inForce === "1" }),
  }),
  route({
    method: "GET", path: "/api/strategies/:id/tree", tag: "strategy", auth: "session",
    summary: "Стратегия целиком: этапы, SWOT, приоритеты, цели, задачи, мероприятия, риски, показатели",
    params: IdParams, response: Tree,
    handler: async (ctx, { params }) => strategyTree(ctx.app, ctx.caller, params.id),
  }),
  route({
    method: "GET", path: "/api/action-plans/:id/tree", tag: "plan", auth: "session",
    summary: "План мероприятий целиком: мероприятия с финансированием, показатели, приоритетные проекты",
    params: IdParams, response: Tree,
    handler: async (ctx, { params }) => planTree(ctx.app, ctx.caller, params.id),
  }),
  route({
    method: "GET", path: "/api/municipalities", tag: "municipality", auth: "public",
    summary: "Муниципальные образования, в которых у пользователя есть роль",
    response: z.object({ items: z.array(Municipality) }),
    handler: async (ctx) => {
      if (!ctx.session) throw new AuthError();
      return { items: await myMunicipalities(ctx.app, ctx.session.memberships.map((m) => m.municipalityId)) };
    },
  }),
  route({
    method: "GET", path: "/api/municipality", tag: "municipality", auth: "session",
    summary: "Текущее муниципальное образование", response: Municipality,
    handler: async (ctx) => currentMunicipality(ctx.app, ctx.caller),
  }),
  route({
    method: "PATCH", path: "/api/municipality", tag: "municipality", auth: "session",
    summary: "Изменить настройки муниципального образования (администратор)",
    body: z.object({ version: Version, name: z.string().max(300).optional(), country: z.string().optional(), currency: z.string().optional(), timezone: z.string().optional() }).strict(),
    response: Municipality,
    handler: async (ctx, { body }) => {
      const { version, ...patch } = body;
      return changeMunicipality(ctx.app, ctx.caller, version, patch);
    },
  }),
  route({
    method: "GET", path: "/api/users", tag: "users", auth: "session",
    summary: "Пользователи и их роли (администратор)", response: z.object({ items: z.array(UserRow) }),
    handler: async (ctx) => ({ items: await listUsers(ctx.app, ctx.caller) }),
  }),
  route({
    method: "POST", path: "/api/users", tag: "users", auth: "session", status: 201,
    summary: "Создать учетную запись этого муниципального образования с ролью (администратор); занятый логин — 400 без указания, где он занят",
    body: z.object({ login: z.string(), fullName: RequiredText(300), password: z.string().max(500), role: z.enum(ROLES), departmentId: Uuid.nullable().optional() }).strict(),
    response: UserRow,
    handler: async (ctx, { body }) => createUser(ctx.app, ctx.caller, body),
  }),
  route({
    method: "PATCH", path: "/api/users/:id", tag: "users", auth: "session",
    summary: "Изменить роль и подразделение участника; ФИО, пароль и блокировку — только учетной записи одного этого муниципального образования (иначе — администратор развертывания). Новый пароль, блокировка или смена роли завершают сессии пользователя",
    params: IdParams,
    body: z.object({
      version: Version, fullName: RequiredText(300).optional(), password: z.string().max(500).optional(), isActive: z.boolean().optional(),
      /** Turn the user's second factor off (a lost phone); they enrol again at their next sign-in or on their account page. */
      resetSecondFactor: z.literal(true).optional(),
      role: z.enum(ROLES).optional(), departmentId: Uuid.nullable().optional(),
    }).strict(),
    response: UserRow,
    handler: async (ctx, { params, body }) => changeUser(ctx.app, ctx.caller, params.id, body),
  }),
  route({
    method: "DELETE", path: "/api/users/:id", tag: "users", auth: "session",
    summary: "Снять роль пользователя в муниципальном образовании (администратор)",
    params: IdParams, response: null,
    handler: async (ctx, { params }) => removeUser(ctx.app, ctx.caller, params.id),
  }),
  route({
    method: "GET", path: "/api/audit", tag: "audit", auth: "session",
    summary: "Журнал изменений: кто, когда, что, значения до и после",
    query: z.object({
      objectType: z.string().optional(), objectId: z.string().optional(), actor: z.string().optional(), action: z.string().optional(),
      from: DateOrDateTime.optional().describe("с даты ГГГГ-ММ-ДД или момента ISO 8601"), to: DateOrDateTime.optional().describe("до даты или момента (не включая)"),
      limit: z.coerce.number().int().min(1).max(1000).optional(), beforeId: z.coerce.number().int().min(1).optional(),
    }).strict(),
    response: z.object({ items: z.array(z.object({ id: z.number(), at: z.string(), action: z.string(), objectType: z.string() }).passthrough()) }),
    handler: async (ctx, { query }) => ({
      items: await auditLog(ctx.app, ctx.caller, { ...query, actorLogin: query.actor }),
    }),
  }),
];
