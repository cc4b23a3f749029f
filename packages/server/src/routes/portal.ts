/**
 * The public portal's API (issue 14). Staff routes (`/api/portal/…`, a staff session): settings,
 * publication, moderation, answers, votes. Residents' routes (`/api/p/:municipality/…`): public
 * as far as the staff session goes; the resident's own session cookie and CSRF token are checked
 * by the portal's use cases (`requireResident`). The HTML pages are `../portal-pages.ts`.
 */
import {
  AnswerBody,
  BallotBody,
  BallotReceipt,
  IdParams,
  ModerationBody,
  PortalIdParams,
  PortalParams,
  PortalSettings,
  PortalSettingsBody,
  ProposalCreate,
  ProposalList,
  ProposalListQuery,
  ProposalView,
  PublicationCreate,
  PublicationFileUpload,
  PublicationList,
  PublicationView,
  ReceiptCheck,
  ReceiptQuery,
  ResidentCodeRequest,
  ResidentCodeSent,
  ResidentProfile,
  ResidentProfileBody,
  ResidentSession,
  ResidentSignIn,
  VoteCreate,
  VoteList,
  VoteOptionsBody,
  VoteResults,
  VoteView,
  WithdrawBody,
} from "@orientir/contracts";
import {
  answer,
  attachPublicationFile,
  castVote,
  checkReceipt,
  createVote,
  deleteResidentAccount,
  getPortalSettings,
  makeProposal,
  moderate,
  portalOf,
  publish,
  requestResidentCode,
  requireResident,
  residentProfile,
  residentSignIn,
  residentSignOut,
  resolveResident,
  saveResidentProfile,
  savePortalSettings,
  setVoteOptions,
  staffProposals,
  staffPublications,
  staffVoteResults,
  staffVotes,
  supportOne,
  withdraw,
  type ResidentCaller,
} from "@orientir/app";
import { route, type RequestContext } from "../route.ts";

/** The resident's session cookie (apart from the staff session's). */
export const RESIDENT_COOKIE = "orientir_resident";

async function resident(ctx: RequestContext, unsafe: boolean): Promise<ResidentCaller> {
  return requireResident(await resolveResident(ctx.app, ctx.cookie(RESIDENT_COOKIE)), ctx.header("x-csrf-token"), unsafe);
}

const TAG = "portal";

export const portalStaffRoutes = [
  route({
    method: "GET",
    path: "/api/portal/settings",
    summary: "Настройки портала: адрес, модерация, минимальный срок обсуждения",
    tag: TAG,
    auth: "session",
    response: PortalSettings,
    handler: (ctx) => getPortalSettings(ctx.app, ctx.caller),
  }),
  route({
    method: "PUT",
    path: "/api/portal/settings",
    summary: "Задать настройки портала (администратор)",
    tag: TAG,
    auth: "session",
    body: PortalSettingsBody,
    response: PortalSettings,
    handler: (ctx, { body }) => savePortalSettings(ctx.app, ctx.caller, body),
  }),
  route({
    method: "GET",
    path: "/api/portal/publications",
    summary: "Публикации муниципального образования (и отозванные)",
    tag: TAG,
    auth: "session",
    response: PublicationList,
    handler: (ctx) => staffPublications(ctx.app, ctx.caller),
  }),
  route({
    method: "POST",
    path: "/api/portal/publications",
    summary: "Опубликовать проект для обсуждения (со сроком) или утвержденный документ с оценкой",
    tag: TAG,
    auth: "session",
    body: PublicationCreate,
    response: PublicationView,
    status: 201,
    handler: (ctx, { body }) => publish(ctx.app, ctx.caller, body),
  }),
  route({
    method: "POST",
    path: "/api/portal/publications/:id/files",
    summary: "Приложить к публикации пояснительную записку или файл (PDF, DOCX, XLSX до 5 МиБ)",
    tag: TAG,
    auth: "session",
    params: IdParams,
    body: PublicationFileUpload,
    response: PublicationView,
    status: 201,
    handler: (ctx, { params, body }) => attachPublicationFile(ctx.app, ctx.caller, params.id, body),
  }),
  route({
    method: "POST",
    path: "/api/portal/publications/:id/withdraw",
    summary: "Снять публикацию: она перестает быть доступной на портале",
    tag: TAG,
    auth: "session",
    params: IdParams,
    body: WithdrawBody,
    response: PublicationView,
    handler: (ctx, { params, body }) => withdraw(ctx.app, ctx.caller, params.id, body.version),
  }),
  route({
    method: "GET",
    path: "/api/portal/proposals",
    summary: "Предложения и замечания жителей со всеми состояниями модерации",
    tag: TAG,
    auth: "session",
    query: ProposalListQuery,
    response: ProposalList,
    handler: (ctx, { query }) => staffProposals(ctx.app, ctx.caller, query),
  }),
  route({
    method: "POST",
    path: "/api/portal/proposals/:id/moderation",
    summary: "Модерация предложения: опубликовать или отклонить с причиной",
    tag: TAG,
    auth: "session",
    params: IdParams,
    body: ModerationBody,
    response: ProposalView,
    handler: (ctx, { params, body }) => moderate(ctx.app, ctx.caller, params.id, body),
  }),
  route({
    method: "POST",
    path: "/api/portal/proposals/:id/answer",
    summary: "Официальный ответ на предложение с решением (учтено, частично, отклонено, вне предмета)",
    tag: TAG,
    auth: "session",
    params: IdParams,
    body: AnswerBody,
    response: ProposalView,
    handler: (ctx, { params, body }) => answer(ctx.app, ctx.caller, params.id, body),
  }),
  route({
    method: "GET",
    path: "/api/portal/votes",
    summary: "Рейтинговые голосования",
    tag: TAG,
    auth: "session",
    response: VoteList,
    handler: (ctx) => staffVotes(ctx.app, ctx.caller),
  }),
  route({
    method: "POST",
    path: "/api/portal/votes",
    summary: "Назначить рейтинговое голосование: варианты, срок, правила допуска, число выборов",
    tag: TAG,
    auth: "session",
    body: VoteCreate,
    response: VoteView,
    status: 201,
    handler: (ctx, { body }) => createVote(ctx.app, ctx.caller, body),
  }),
  route({
    method: "PUT",
    path: "/api/portal/votes/:id/options",
    summary: "Заменить варианты голосования до его начала (после начала заморожены)",
    tag: TAG,
    auth: "session",
    params: IdParams,
    body: VoteOptionsBody,
    response: VoteView,
    handler: (ctx, { params, body }) => setVoteOptions(ctx.app, ctx.caller, params.id, body),
  }),
  route({
    method: "GET",
    path: "/api/portal/votes/:id/results",
    summary: "Итоги голосования — только после его окончания (и для администраторов)",
    tag: TAG,
    auth: "session",
    params: IdParams,
    response: VoteResults,
    handler: (ctx, { params }) => staffVoteResults(ctx.app, ctx.caller, params.id),
  }),
];

export const portalResidentRoutes = [
  route({
    method: "POST",
    path: "/api/p/:municipality/auth/code",
    summary: "Житель: запросить код входа на e-mail (ответ одинаков для известных и новых адресов)",
    tag: TAG,
    auth: "public",
    params: PortalParams,
    body: ResidentCodeRequest,
    response: ResidentCodeSent,
    handler: async (ctx, { params, body }) => {
      const portal = await portalOf(ctx.app, params.municipality);
      await requestResidentCode(ctx.app, body.email, ctx.ip, portal.municipalityId);
      return { sent: true as const, message: "Если адрес верен, на него отправлен код для входа" };
    },
  }),
  route({
    method: "POST",
    path: "/api/p/:municipality/auth/sign-in",
    summary: "Житель: войти по коду (при первом входе — с согласием на обработку персональных данных)",
    tag: TAG,
    auth: "public",
    params: PortalParams,
    body: ResidentSignIn,
    response: ResidentSession,
    handler: async (ctx, { params, body }) => {
      await portalOf(ctx.app, params.municipality);
      const r = await residentSignIn(ctx.app, body, ctx.ip);
      ctx.setCookie(RESIDENT_COOKIE, r.token, r.maxAgeSeconds);
      return { csrfToken: r.csrfToken, resident: r.resident };
    },
  }),
  route({
    method: "POST",
    path: "/api/p/:municipality/auth/sign-out",
    summary: "Житель: выйти",
    tag: TAG,
    auth: "public",
    params: PortalParams,
    response: null,
    handler: async (ctx) => {
      await residentSignOut(ctx.app, await resident(ctx, true));
      ctx.setCookie(RESIDENT_COOKIE, "", 0);
    },
  }),
  route({
    method: "GET",
    path: "/api/p/:municipality/me",
    summary: "Житель: профиль и согласия",
    tag: TAG,
    auth: "public",
    params: PortalParams,
    response: ResidentProfile,
    handler: async (ctx) => residentProfile(ctx.app, await resident(ctx, false)),
  }),
  route({
    method: "PUT",
    path: "/api/p/:municipality/me",
    summary: "Житель: изменить профиль (ФИО, адрес, год рождения)",
    tag: TAG,
    auth: "public",
    params: PortalParams,
    body: ResidentProfileBody,
    response: ResidentProfile,
    handler: async (ctx, { body }) => saveResidentProfile(ctx.app, await resident(ctx, true), body),
  }),
  route({
    method: "DELETE",
    path: "/api/p/:municipality/me",
    summary: "Житель: удалить учетную запись (персональные данные удаляются, опубликованное остается с инициалами)",
    tag: TAG,
    auth: "public",
    params: PortalParams,
    response: null,
    handler: async (ctx) => {
      await deleteResidentAccount(ctx.app, await resident(ctx, true));
      ctx.setCookie(RESIDENT_COOKIE, "", 0);
    },
  }),
  route({
    method: "POST",
    path: "/api/p/:municipality/publications/:id/proposals",
    summary: "Житель: предложение или замечание к месту проекта, пока идет обсуждение",
    tag: TAG,
    auth: "public",
    params: PortalIdParams,
    body: ProposalCreate,
    response: ProposalView,
    status: 201,
    handler: async (ctx, { params, body }) =>
      makeProposal(ctx.app, await portalOf(ctx.app, params.municipality), await resident(ctx, true), params.id, body),
  }),
  route({
    method: "POST",
    path: "/api/p/:municipality/proposals/:id/support",
    summary: "Житель: поддержать предложение (один раз)",
    tag: TAG,
    auth: "public",
    params: PortalIdParams,
    response: ProposalView,
    handler: async (ctx, { params }) =>
      supportOne(ctx.app, await portalOf(ctx.app, params.municipality), await resident(ctx, true), params.id),
  }),
  route({
    method: "POST",
    path: "/api/p/:municipality/votes/:id/ballot",
    summary: "Житель: проголосовать (один бюллетень; ответ — код проверки)",
    tag: TAG,
    auth: "public",
    params: PortalIdParams,
    body: BallotBody,
    response: BallotReceipt,
    status: 201,
    handler: async (ctx, { params, body }) =>
      castVote(ctx.app, await portalOf(ctx.app, params.municipality), await resident(ctx, true), params.id, body),
  }),
  route({
    method: "GET",
    path: "/api/p/:municipality/votes/:id/receipt",
    summary: "Проверить по коду, что бюллетень учтен",
    tag: TAG,
    auth: "public",
    params: PortalIdParams,
    query: ReceiptQuery,
    response: ReceiptCheck,
    handler: async (ctx, { params, query }) =>
      checkReceipt(ctx.app, await portalOf(ctx.app, params.municipality), params.id, query.receipt),
  }),
];

export const portalRoutes = [...portalStaffRoutes, ...portalResidentRoutes];
