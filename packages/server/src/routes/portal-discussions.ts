/**
 * Issue 14, part 4: the staff page of discussions and hearings — every discussion with its term,
 * state, proposals by stage and protocol; a public hearing recorded after it was held. The
 * announcement, the result and the protocol's generation are the routes of ./portal.ts.
 */
import { DiscussionList, HearingView, HeldHearingCreate } from "@orientir/contracts";
import { recordHeldHearing, staffDiscussions } from "@orientir/app";
import { route } from "../route.ts";

const TAG = "portal";

export const portalDiscussionRoutes = [
  route({
    method: "GET",
    path: "/api/portal/discussions",
    summary: "Общественные обсуждения: срок и состояние, предложения по стадиям, слушания, протокол с итогами по решениям",
    tag: TAG,
    auth: "session",
    response: DiscussionList,
    handler: (ctx) => staffDiscussions(ctx.app, ctx.caller),
  }),
  route({
    method: "POST",
    path: "/api/portal/hearings/held",
    summary: "Записать прошедшие публичные слушания: место, время, число участников, номер, дата и текст протокола",
    tag: TAG,
    auth: "session",
    body: HeldHearingCreate,
    response: HearingView,
    status: 201,
    handler: (ctx, { body }) => recordHeldHearing(ctx.app, ctx.caller, body),
  }),
];
