/**
 * The portal's appeal form as JSON (issue 15, part 3): a resident — signed in (their session and
 * CSRF token) or without an account — sends an appeal and gets its number and tracking code; anyone
 * follows an appeal of this portal by its code, without personal data. The same use cases as the
 * HTML form (portal-appeal-pages.ts): the same checks (a 400 naming the field), the consent to the
 * processing of personal data, the rate limits per network address and per sender (429).
 */
import { portalOf, registerPortalAppeal, requireResident, resolveResident, trackAppealOnPortal, type ResidentCaller } from "@orientir/app";
import { AppealTracking, PortalAppealForm, PortalAppealRegistered, PortalAppealTrackParams, PortalParams } from "@orientir/contracts";
import { route, type RequestContext } from "../route.ts";
import { RESIDENT_COOKIE } from "./portal.ts";

/** The signed-in resident, whose request carries their CSRF token; null without a resident session. */
async function residentIfAny(ctx: RequestContext): Promise<ResidentCaller | null> {
  const r = await resolveResident(ctx.app, ctx.cookie(RESIDENT_COOKIE));
  return r ? requireResident(r, ctx.header("x-csrf-token"), true) : null;
}

const TAG = "portal";

export const portalAppealRoutes = [
  route({
    method: "POST",
    path: "/api/p/:municipality/appeals",
    summary:
      "Житель: обращение (59-ФЗ) — со входом (заголовок X-CSRF-Token) или без него; ФИО, почтовый адрес или e-mail, текст, тема, район, согласие на обработку персональных данных (152-ФЗ); номер и код для отслеживания",
    tag: TAG,
    auth: "public",
    params: PortalParams,
    body: PortalAppealForm,
    response: PortalAppealRegistered,
    status: 201,
    handler: async (ctx, { params, body }) =>
      registerPortalAppeal(ctx.app, await portalOf(ctx.app, params.municipality), await residentIfAny(ctx), body, ctx.ip),
  }),
  route({
    method: "GET",
    path: "/api/p/:municipality/appeals/track/:code",
    summary: "Где обращение: состояние, срок, шаги с датами — по коду для отслеживания, без персональных данных",
    tag: TAG,
    auth: "public",
    params: PortalAppealTrackParams,
    response: AppealTracking,
    handler: async (ctx, { params }) => {
      ctx.setHeader("cache-control", "no-store");
      return trackAppealOnPortal(ctx.app, await portalOf(ctx.app, params.municipality), params.code, ctx.ip);
    },
  }),
];
