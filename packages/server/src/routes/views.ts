/** Whole trees for the pages, the municipality, users and the audit log. */
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
import { AuthError } from "@orientir/domain";
import {
  AuditList,
  AuditQuery,
  IdParams,
  Municipality,
  MunicipalityList,
  MunicipalityPatch,
  PlanTree,
  ProgramTree,
  ProgramTreeQuery,
  StrategyTree,
  UserCreate,
  UserList,
  UserPatch,
  UserRow,
} from "@orientir/contracts";
import { route } from "../route.ts";

export const viewRoutes = [
  route({
    method: "GET",
    path: "/api/programs/:id/tree",
    tag: "program",
    auth: "session",
    summary: "Программа целиком: паспорт, индикаторы, направления, элементы, показатели, контрольные точки, финансирование",
    params: IdParams,
    response: ProgramTree,
    query: ProgramTreeQuery,
    handler: async (ctx, { params, query }) =>
      programTree(ctx.app, ctx.caller, params.id, {
        inForce: query.inForce === "1",
        months: query.months === undefined || query.months === "all" ? "all" : query.months === "none" ? "none" : Number(query.months),
      }),
  }),
  route({
    method: "GET",
    path: "/api/strategies/:id/tree",
    tag: "strategy",
    auth: "session",
    summary: "Стратегия целиком: этапы, SWOT, приоритеты, цели, задачи, мероприятия, риски, показатели",
    params: IdParams,
    response: StrategyTree,
    handler: async (ctx, { params }) => strategyTree(ctx.app, ctx.caller, params.id),
  }),
  route({
    method: "GET",
    path: "/api/action-plans/:id/tree",
    tag: "plan",
    auth: "session",
    summary: "План мероприятий целиком: мероприятия с финансированием, показатели, приоритетные проекты",
    params: IdParams,
    response: PlanTree,
    handler: async (ctx, { params }) => planTree(ctx.app, ctx.caller, params.id),
  }),
  route({
    method: "GET",
    path: "/api/municipalities",
    tag: "municipality",
    auth: "public",
    summary: "Муниципальные образования, в которых у пользователя есть роль",
    response: MunicipalityList,
    handler: async (ctx) => {
      if (!ctx.session) throw new AuthError();
      return {
        items: await myMunicipalities(
          ctx.app,
          ctx.session.memberships.map((m) => m.municipalityId),
        ),
      };
    },
  }),
  route({
    method: "GET",
    path: "/api/municipality",
    tag: "municipality",
    auth: "session",
    summary: "Текущее муниципальное образование",
    response: Municipality,
    handler: async (ctx) => currentMunicipality(ctx.app, ctx.caller),
  }),
  route({
    method: "PATCH",
    path: "/api/municipality",
    tag: "municipality",
    auth: "session",
    summary: "Изменить настройки муниципального образования (администратор)",
    body: MunicipalityPatch,
    response: Municipality,
    handler: async (ctx, { body }) => {
      const { version, ...patch } = body;
      return changeMunicipality(ctx.app, ctx.caller, version, patch);
    },
  }),
  route({
    method: "GET",
    path: "/api/users",
    tag: "users",
    auth: "session",
    summary: "Пользователи и их роли (администратор)",
    response: UserList,
    handler: async (ctx) => ({ items: await listUsers(ctx.app, ctx.caller) }),
  }),
  route({
    method: "POST",
    path: "/api/users",
    tag: "users",
    auth: "session",
    status: 201,
    summary:
      "Создать учетную запись этого муниципального образования с ролью (администратор); занятый логин — 400 без указания, где он занят",
    body: UserCreate,
    response: UserRow,
    handler: async (ctx, { body }) => createUser(ctx.app, ctx.caller, body),
  }),
  route({
    method: "PATCH",
    path: "/api/users/:id",
    tag: "users",
    auth: "session",
    summary:
      "Изменить роль и подразделение участника; ФИО, пароль и блокировку — только учетной записи одного этого муниципального образования (иначе — администратор развертывания). Новый пароль, блокировка или смена роли завершают сессии пользователя",
    params: IdParams,
    body: UserPatch,
    response: UserRow,
    handler: async (ctx, { params, body }) => changeUser(ctx.app, ctx.caller, params.id, body),
  }),
  route({
    method: "DELETE",
    path: "/api/users/:id",
    tag: "users",
    auth: "session",
    summary: "Снять роль пользователя в муниципальном образовании (администратор)",
    params: IdParams,
    response: null,
    handler: async (ctx, { params }) => removeUser(ctx.app, ctx.caller, params.id),
  }),
  route({
    method: "GET",
    path: "/api/audit",
    tag: "audit",
    auth: "session",
    summary: "Журнал изменений: кто, когда, что, значения до и после",
    query: AuditQuery,
    response: AuditList,
    handler: async (ctx, { query }) => ({ items: await auditLog(ctx.app, ctx.caller, { ...query, actorLogin: query.actor }, ctx.lang) }),
  }),
];
