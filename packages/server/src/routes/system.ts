import { Health, ResourcesMeta } from "@orientir/contracts";
import { ROLES, RESOURCES, ROLE_LABELS } from "@orientir/domain";
import { databaseStatus } from "@orientir/app";
import { route } from "../route.ts";

export const systemRoutes = [
  route({
    method: "GET",
    path: "/api/health",
    summary: "Состояние сервера и базы данных (503, пока база данных недоступна)",
    tag: "system",
    auth: "public",
    response: Health,
    handler: async (ctx) => {
      const time = new Date().toISOString();
      const s = await databaseStatus(ctx.app);
      if (s.status === "ok") return { ...s, time };
      ctx.setStatus(503);
      ctx.setHeader("retry-after", String(s.retryAfterSeconds));
      return { status: s.status, database: s.database, message: s.message, time };
    },
  }),
  route({
    method: "GET",
    path: "/api/meta/resources",
    summary: "Описание всех сущностей: поля, типы, подписи (для форм и таблиц)",
    tag: "system",
    auth: "public",
    response: ResourcesMeta,
    handler: () => Promise.resolve({ resources: RESOURCES, roles: ROLES.map((id) => ({ id, ...ROLE_LABELS[id] })) }),
  }),
];
