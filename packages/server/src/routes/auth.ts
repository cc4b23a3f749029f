import {
  changeOwnPassword,
  confirmTotpEnrolment,
  disableOwnTotp,
  login,
  loginSecondFactor,
  logout,
  startTotpEnrolment,
  switchMunicipality,
  totpStatus,
  type SessionInfo,
} from "@orientir/app";
import { AuthError } from "@orientir/domain";
import { route, type RequestContext } from "../route.ts";
import {
  LoginBody,
  LoginResult,
  Me,
  PasswordChangeBody,
  RecoveryCodes,
  SwitchMunicipalityBody,
  TotpConfirmBody,
  TotpDisableBody,
  TotpLoginBody,
  TotpSecret,
  TotpSetupBody,
  TotpStatus,
} from "@orientir/contracts";

export function presentSession(s: SessionInfo): Me {
  return {
    user: s.user,
    csrfToken: s.csrfToken,
    municipalityId: s.actor?.municipalityId ?? null,
    role: s.actor?.role ?? null,
    departmentId: s.actor?.departmentId ?? null,
    memberships: s.memberships,
    deploymentAdmin: s.deploymentAdmin,
    totp: s.totp,
  };
}

function setSession(ctx: RequestContext, token: string) {
  ctx.setSessionCookie(token, Math.round(ctx.app.config.sessionMaxHours * 3600));
}

function signedIn(ctx: RequestContext): SessionInfo {
  if (!ctx.session) throw new AuthError();
  return ctx.session;
}

export const authRoutes = [
  route({
    method: "POST",
    path: "/api/auth/login",
    summary:
      "Вход по логину и паролю; ставит cookie сессии и возвращает CSRF-токен — или, если нужен второй фактор, временный токен для /api/auth/totp",
    tag: "auth",
    auth: "public",
    body: LoginBody,
    response: LoginResult,
    handler: async (ctx, { body }) => {
      const r = await login(ctx.app, { login: body.login, password: body.password, ip: ctx.ip, requestId: ctx.requestId });
      if ("pending" in r) return r.pending;
      setSession(ctx, r.token);
      return presentSession(r.session);
    },
  }),
  route({
    method: "POST",
    path: "/api/auth/totp",
    summary: "Второй шаг входа: код приложения-аутентификатора (или код восстановления) и временный токен входа",
    tag: "auth",
    auth: "public",
    body: TotpLoginBody,
    response: Me,
    handler: async (ctx, { body }) => {
      const r = await loginSecondFactor(ctx.app, { pendingToken: body.pendingToken, code: body.code, requestId: ctx.requestId });
      setSession(ctx, r.token);
      return { ...presentSession(r.session), ...(r.recoveryCodes ? { recoveryCodes: r.recoveryCodes } : {}) };
    },
  }),
  route({
    method: "POST",
    path: "/api/auth/totp/setup",
    summary:
      "Подключение второго фактора: новый секрет (текстом и как otpauth://-адрес); свой — в сессии, или при обязательном подключении — по временному токену входа",
    tag: "auth",
    auth: "public",
    body: TotpSetupBody,
    response: TotpSecret,
    handler: async (ctx, { body }) =>
      startTotpEnrolment(ctx.app, body.pendingToken ? { pendingToken: body.pendingToken } : { session: signedIn(ctx) }),
  }),
  route({
    method: "POST",
    path: "/api/auth/totp/confirm",
    summary: "Подтвердить подключение второго фактора кодом из приложения; возвращает коды восстановления (показываются один раз)",
    tag: "auth",
    auth: "public",
    body: TotpConfirmBody,
    response: RecoveryCodes,
    handler: async (ctx, { body }) => confirmTotpEnrolment(ctx.app, signedIn(ctx), body.code, ctx.requestId),
  }),
  route({
    method: "GET",
    path: "/api/auth/totp",
    summary: "Второй фактор текущего пользователя: подключен ли, обязателен ли, сколько осталось кодов восстановления",
    tag: "auth",
    auth: "public",
    response: TotpStatus,
    handler: async (ctx) => totpStatus(ctx.app, signedIn(ctx)),
  }),
  route({
    method: "POST",
    path: "/api/auth/totp/disable",
    summary: "Отключить свой второй фактор (по текущему паролю; нельзя, если он обязателен)",
    tag: "auth",
    auth: "public",
    body: TotpDisableBody,
    response: null,
    handler: async (ctx, { body }) => disableOwnTotp(ctx.app, signedIn(ctx), body.password, ctx.requestId),
  }),
  route({
    method: "POST",
    path: "/api/auth/password",
    summary: "Сменить свой пароль (по текущему); остальные сессии пользователя завершаются",
    tag: "auth",
    auth: "public",
    body: PasswordChangeBody,
    response: null,
    handler: async (ctx, { body }) => changeOwnPassword(ctx.app, signedIn(ctx), body, ctx.requestId),
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
      ctx.setSessionCookie("", 0);
      // the reads the browser kept (private, revalidated: see http.ts) go with the session
      ctx.setHeader("clear-site-data", '"cache"');
    },
  }),
  route({
    method: "GET",
    path: "/api/auth/me",
    summary: "Текущий пользователь, его роли и CSRF-токен",
    tag: "auth",
    auth: "public",
    response: Me,
    handler: (ctx) => Promise.resolve(presentSession(signedIn(ctx))),
  }),
  route({
    method: "POST",
    path: "/api/auth/municipality",
    summary: "Переключить текущее муниципальное образование",
    tag: "auth",
    auth: "public",
    body: SwitchMunicipalityBody,
    response: Me,
    handler: async (ctx, { body }) => presentSession(await switchMunicipality(ctx.app, signedIn(ctx), body.municipalityId)),
  }),
];
