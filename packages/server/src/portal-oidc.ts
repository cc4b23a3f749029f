/**
 * The portal's routes of residents' sign-in by OpenID Connect and of one-click unsubscribe
 * (issue 14, parts 2 and 8), registered inside the portal pages' plugin (which reads HTML forms).
 *
 *  - `POST /p/<slug>/sign-in/oidc` (form: `consent`; a signed-in resident's `csrf` links the
 *    provider's account to theirs) → 303 to the provider's authorization URL (PKCE, state, nonce).
 *  - `GET /p/<slug>/sign-in/oidc/callback?code&state` → the resident's session cookie and 303 to
 *    the portal; a state unknown or used, a nonce or token that does not verify: 400, a provider's
 *    account linked to another resident or an e-mail taken: 409.
 *  - `GET /p/<slug>/unsubscribe?token=…` asks to confirm; `POST` (the page's form, or a mail
 *    client's RFC 8058 one-click POST to the same URL) ends the follow. A token changed: 400.
 * All are public (no staff session); none is cached.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import {
  finishOidcSignIn,
  portalOf,
  resolveResident,
  startOidcSignIn,
  unsubscribe,
  unsubscribeState,
  type AppContext,
  type PublicPortal,
} from "@orientir/app";
import { ConflictError, TooManyRequestsError, ValidationError } from "@orientir/domain";
import { renderMessage, renderNotFound, renderUnsubscribe, type OidcButton } from "@orientir/portal";
import { RESIDENT_COOKIE } from "./routes/portal.ts";
import { sessionCookieOptions } from "./http.ts";
import type { PageHandler } from "./portal-pages.ts";

/** The button of the sign-in page, when the deployment has an identity provider. */
export function oidcButton(app: AppContext): OidcButton | null {
  return app.config.oidc ? { label: app.config.oidc.label } : null;
}

type Req = FastifyRequest<{ Params: Record<string, string> }>;

const field = (body: unknown, k: string): string => {
  if (typeof body !== "object" || body === null) return "";
  const v = (body as Record<string, unknown>)[k];
  return typeof v === "string" ? v : Array.isArray(v) && typeof v[0] === "string" ? v[0] : "";
};

const link = (p: PublicPortal) => ({ slug: p.slug, name: p.name });

export function registerPortalOidc(server: FastifyInstance, app: AppContext, secureCookies: boolean): void {
  const refuse = (reply: FastifyReply, portal: PublicPortal, status: number, text: string) =>
    reply
      .code(status)
      .header("cache-control", "no-store")
      .type("text/html; charset=utf-8")
      .send(
        renderMessage({
          portal: link(portal),
          title: "Вход не выполнен",
          text,
          back: `/p/${portal.slug}/sign-in`,
          resident: null,
          error: true,
        }),
      );

  server.post("/p/:municipality/sign-in/oidc", async (req: Req, reply) => {
    reply.header("cache-control", "no-store");
    const portal = await portalOf(app, String(req.params.municipality ?? "")).catch(() => null);
    const cfg = app.config.oidc;
    if (!portal || !cfg)
      return reply
        .code(404)
        .type("text/html; charset=utf-8")
        .send(renderNotFound(portal ? link(portal) : null));
    const origin = req.headers.origin;
    if (typeof origin === "string" && origin !== "null" && new URL(origin).host !== req.headers.host)
      return refuse(reply, portal, 403, "Запрос отправлен с другого сайта");
    // a signed-in resident (their form token) links the provider's account to theirs
    const current = await resolveResident(app, req.cookies[RESIDENT_COOKIE]);
    const csrf = field(req.body, "csrf");
    const linkTo = current && csrf && csrf === current.csrfToken ? current.resident.id : null;
    try {
      const url = await startOidcSignIn(app, cfg, portal, { consent: field(req.body, "consent") === "yes", linkTo, ip: req.ip });
      return reply.code(303).header("location", url).send();
    } catch (e) {
      if (e instanceof TooManyRequestsError) throw e;
      req.log.warn({ err: e }, "identity provider unavailable");
      return refuse(reply, portal, 503, "Поставщик идентификации недоступен; попробуйте позже или войдите по коду из письма");
    }
  });

  server.get("/p/:municipality/sign-in/oidc/callback", async (req: Req, reply) => {
    reply.header("cache-control", "no-store");
    const portal = await portalOf(app, String(req.params.municipality ?? "")).catch(() => null);
    const cfg = app.config.oidc;
    if (!portal || !cfg)
      return reply
        .code(404)
        .type("text/html; charset=utf-8")
        .send(renderNotFound(portal ? link(portal) : null));
    try {
      const r = await finishOidcSignIn(app, cfg, portal, new URL(req.url, "http://callback.invalid"));
      reply.setCookie(RESIDENT_COOKIE, r.token, sessionCookieOptions({ secure: secureCookies, maxAgeSeconds: r.maxAgeSeconds }));
      return reply.code(303).header("location", `/p/${portal.slug}`).send();
    } catch (e) {
      if (e instanceof ValidationError) return refuse(reply, portal, 400, e.issues.map((i) => i.message).join("; "));
      if (e instanceof ConflictError) return refuse(reply, portal, 409, e.message);
      throw e;
    }
  });
}

/** One-click unsubscribe: GET confirms, POST ends the follow the signed token names. */
export function registerUnsubscribe(server: FastifyInstance, app: AppContext, page: PageHandler): void {
  const tokenOf = (req: Req): string => {
    const q = (req.query as Record<string, unknown>).token;
    return typeof q === "string" && q ? q : field(req.body, "token");
  };
  const who = (r: Awaited<ReturnType<typeof resolveResident>>) =>
    r ? { name: r.resident.fullName ?? r.resident.email ?? "житель", csrf: r.csrfToken } : null;
  server.get(
    "/p/:municipality/unsubscribe",
    page(async ({ portal, resident, reply }, req) => {
      reply.header("cache-control", "no-store");
      const token = tokenOf(req);
      const state = await unsubscribeState(app, portal, token);
      if (state === "invalid") reply.code(400);
      return renderUnsubscribe({ portal: link(portal), token, state, resident: who(resident) });
    }),
  );
  server.post(
    "/p/:municipality/unsubscribe",
    page(async ({ portal, resident, reply }, req) => {
      reply.header("cache-control", "no-store");
      const token = tokenOf(req);
      const state = await unsubscribe(app, portal, token);
      if (state === "invalid") reply.code(400);
      return renderUnsubscribe({ portal: link(portal), token, state: state === "valid" ? "done" : state, resident: who(resident) });
    }),
  );
}
