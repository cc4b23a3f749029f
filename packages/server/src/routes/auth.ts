import { z } from "zod";
import { login, logout, switchMunicipality, type SessionInfo } from "@orientir/app";
import { AuthError, ROLES } from "@orientir/domain";
import { route } from "../route.ts";
import { sessionCookie } from "../http.ts";
import { Uuid } from "../schemas.ts";

const Me = z.object({
  user: z.object({ id: Uuid, login: z.string(), fullName: z.string() }),
  csrfToken: z.string(),
  municipalityId: Uuid.nullable(),
  role: z.enum(ROLES).nullable(),
  departmentId: Uuid.nullable(),
  memberships: z.array(z.object({ municipalityId: Uuid, municipalityName: z.string(), role: z.enum(ROLES), departmentId: Uuid.nullable() })),
});

export function presentSession(s: SessionInfo): z.infer<typeof Me> {
  return {
    user: s.user,
    csrfToken: s.csrfToken,
    municipalityId: s.actor?.municipalityId ?? null,
    role: s.actor?.role ?? null,
    departmentId: s.actor?.departmentId ?? null,
    memberships: s.memberships,
  };
}

export const authRoutes = [
  route({
    method: "POST",
    path: "/api/auth/login",
    summary: "Вход по логину и паролю; ставит cookie сессии и возвращает CSRF-токен",
    tag: "auth",
    auth: "public",
    body: z.object({ login: z.string().max(200), password: z.string().max(500) }),
    response: Me,
    handler: async (ctx, { body }) => {
      const r = await login(ctx.app, { login: body.login, password: body.password, ip: ctx.ip, requestId: ctx.requestId });
      ctx.setCookie(sessionCookie(r.token, { secure: ctx.secureCookies, maxAgeSeconds: ctx.app.config.sessionTtlHours * 3600 }));
      return presentSession(r.session);
    },
  }),
  route({
    method: "POST",
    path: "/api/auth/logout",
    summary: "Выход: сессия удаляется",
    tag: "auth",
    auth: "public",
    response: null,
    handler: async (ctx) => {
      if (ctx.session) await logout(ctx.app, ctx.session, ctx.requestId);
      ctx.setCookie(sessionCookie("", { secure: ctx.secureCookies, maxAgeSeconds: 0 }));
    },
  }),
  route({
    method: "GET",
    path: "/api/auth/me",
    summary: "Текущий пользователь, его роли и CSRF-токен",
    tag: "auth",
    auth: "public",
    response: Me,
    handler: async (ctx) => {
      if (!ctx.session) throw new AuthError();
      return presentSession(ctx.session);
    },
  }),
  route({
    method: "POST",
    path: "/api/auth/municipality",
    summary: "Переключить текущее муниципальное образование",
    tag: "auth",
    auth: "public",
    body: z.object({ municipalityId: Uuid }),
    response: Me,
    handler: async (ctx, { body }) => {
      if (!ctx.session) throw new AuthError();
      return presentSession(await switchMunicipality(ctx.app, ctx.session, body.municipalityId));
    },
  }),
];
