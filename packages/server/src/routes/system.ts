import { z } from "zod";
import { ROLES, RESOURCES, ROLE_LABELS } from "@orientir/domain";
import { databaseStatus } from "@orientir/app";
import { route } from "../route.ts";

export const systemRoutes = [
  route({
    method: "GET",
    path: "/api/health",
    summary: "Состояние сервера и базы данных",
    tag: "system",
    auth: "public",
    response: z.object({ status: z.literal("ok"), database: z.string(), migrations: z.number().int(), time: z.string() }),
    handler: async (ctx) => ({ status: "ok" as const, ...(await databaseStatus(ctx.app)), time: new Date().toISOString() }),
  }),
  route({
    method: "GET",
    path: "/api/meta/resources",
    summary: "Описание всех сущностей: поля, типы, подписи (для форм и таблиц)",
    tag: "system",
    auth: "public",
    response: z.object({ resources: z.array(z.unknown()), roles: z.array(z.object({ id: z.string(), ru: z.string(), en: z.string() })) }),
    handler: async () => ({ resources: RESOURCES, roles: ROLES.map((id) => ({ id, ...ROLE_LABELS[id] })) }),
  }),
];
