/**
 * The public portal's pages and open data under /p/<municipality>/… (issue 14, parts 1 and 9):
 * HTML rendered on the server from published data only (@orientir/portal), and the datasets as
 * CSV and JSON with a machine-readable list (`data.json`).
 *
 * Caching: a page or dataset for an anonymous reader is the same for everyone and holds no
 * personal data — `public, max-age=300` (a proxy may keep it), `Vary: Cookie`. A request carrying
 * the resident's session cookie gets `private, no-store` (the page names the resident and shows
 * their own proposals awaiting moderation).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import {
  CONSENT_TEXT,
  castVote,
  datasetCsv,
  datasetJson,
  datasetsOfPublication,
  discussionState,
  hasVoted,
  requestResidentCode,
  requireResident,
  residentNotifications,
  residentSignIn,
  residentSignOut,
  portalOf,
  publicHearings,
  publicProposals,
  publicProtocol,
  publicProtocolFile,
  publicVote,
  publicVotes,
  publishedFile,
  publishedList,
  publishedOne,
  resolveResident,
  todayIn,
  voteBallots,
  voteResults,
  type AppContext,
  type Dataset,
  type PublicPortal,
  type PublicationRecord,
  type ResidentCaller,
} from "@orientir/app";
import {
  AuthError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  RuleError,
  TooManyRequestsError,
  ValidationError,
  anchorsOf,
} from "@orientir/domain";
import {
  renderDatasets,
  renderHearings,
  renderIndex,
  renderMessage,
  renderNotFound,
  renderNotifications,
  renderPublication,
  renderSignIn,
  renderVote,
  renderVotes,
  type PublicationSummary,
  type ResidentView,
} from "@orientir/portal";
import { ResidentCodeRequest } from "@orientir/contracts";
import { RESIDENT_COOKIE } from "./routes/portal.ts";
import { sessionCookieOptions } from "./http.ts";
import { oidcButton, registerPortalOidc, registerUnsubscribe } from "./portal-oidc.ts";
import { appealPortalPages } from "./portal-appeal-pages.ts";
import { profilePortalPages } from "./portal-profile-pages.ts";
import { participationPages } from "./portal-participation-pages.ts";
import { qaSurveyDataset, qaSurveyDatasets, registerQaSurveyPages } from "./portal-pages-qa.ts";
import { proposalFormRoute, registerMultipart } from "./portal-proposal-form.ts";
import { followFormRoute } from "./portal-follow-form.ts";
import { speakerFormRoute } from "./portal-speaker-form.ts";
import type { ProposalFormState } from "@orientir/portal/pages/ProposalForm";

export const PUBLIC_CACHE = "public, max-age=300";
export const PRIVATE_CACHE = "private, no-store";

function summary(p: PublicationRecord, today: string): PublicationSummary {
  return {
    id: p.id,
    kind: p.kind,
    title: p.title,
    summary: p.summary,
    startsOn: p.startsOn,
    endsOn: p.endsOn,
    discussion: discussionState(p, today),
    publishedAt: p.publishedAt,
  };
}

export interface PageContext {
  portal: PublicPortal;
  resident: ResidentCaller | null;
  reply: FastifyReply;
}

/** Every dataset of the portal: each publication's, and each closed vote's results and ballots. */
async function allDatasets(app: AppContext, portal: PublicPortal): Promise<Dataset[]> {
  const out: Dataset[] = [];
  for (const p of await publishedList(app, portal)) out.push(...datasetsOfPublication(p));
  for (const v of await publicVotes(app, portal)) {
    if (v.state !== "closed") continue;
    out.push(...(await voteDatasets(app, portal, v.id, v.title)));
  }
  out.push(...(await qaSurveyDatasets(app, portal)));
  return out;
}

async function voteDatasets(app: AppContext, portal: PublicPortal, id: string, title: string): Promise<Dataset[]> {
  const [results, ballots] = await Promise.all([voteResults(app, portal, id), voteBallots(app, portal, id)]);
  return [
    {
      id: `vote-${id}-results`,
      title: `${title}: итоги`,
      publicationId: null,
      columns: ["optionId", "title", "votes", "winner"],
      rows: results.options.map((o) => [o.id, o.title, o.votes, o.winner]),
    },
    {
      id: `vote-${id}-ballots`,
      title: `${title}: обезличенные бюллетени (по ним подсчет можно повторить)`,
      publicationId: null,
      columns: ["receiptSha256", "choices"],
      rows: ballots.map((b) => [b.receiptHash, b.choices.join(" ")]),
    },
  ];
}

/** What a form's refusal tells the resident, with its status; anything else is a server error. */
export function formError(e: unknown): { status: number; text: string } | null {
  if (e instanceof ValidationError) return { status: 400, text: e.issues.map((i) => i.message).join("; ") };
  if (e instanceof AuthError) return { status: 401, text: e.message };
  if (e instanceof ForbiddenError) return { status: 403, text: e.message };
  if (e instanceof NotFoundError) return { status: 404, text: e.message };
  if (e instanceof ConflictError) return { status: 409, text: e.message };
  if (e instanceof RuleError) return { status: 422, text: e.message };
  if (e instanceof TooManyRequestsError) return { status: 429, text: e.message };
  return null;
}

export type FormBody = Record<string, string | string[]>;
export const one = (b: FormBody, k: string): string => {
  const v = b[k];
  return Array.isArray(v) ? (v[0] ?? "") : (v ?? "");
};

/**
 * The pages, open data and the residents' forms, in a plugin of their own: only here are bodies of
 * HTML forms (application/x-www-form-urlencoded, and multipart/form-data for files) read; the API
 * takes JSON only.
 */
export async function registerPortalPages(server: FastifyInstance, app: AppContext, secureCookies: boolean): Promise<void> {
  await server.register((scope, _opts, ready) => {
    scope.addContentTypeParser("application/x-www-form-urlencoded", { parseAs: "string", bodyLimit: 64 * 1024 }, (_req, body, done) => {
      const out: FormBody = {};
      for (const [k, v] of new URLSearchParams(String(body))) {
        const prev = out[k];
        out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
      }
      done(null, out);
    });
    // multipart/form-data: the proposal form's files, read by its route alone (./portal-proposal-form.ts)
    registerMultipart(scope);
    portalRoutes(scope, app, secureCookies);
    registerPortalOidc(scope, app, secureCookies);
    participationPages(scope, app);
    ready();
  });
}

/** A page's handler: the portal, the resident if signed in, cache headers, a 404 page for what is not published. */
export type PageHandler = (
  fn: (ctx: PageContext, req: FastifyRequest<{ Params: Record<string, string> }>) => Promise<string | Buffer | void>,
) => (req: FastifyRequest<{ Params: Record<string, string> }>, reply: FastifyReply) => Promise<FastifyReply>;

function portalRoutes(server: FastifyInstance, app: AppContext, secureCookies: boolean): void {
  const page: PageHandler =
    (fn: (ctx: PageContext, req: FastifyRequest<{ Params: Record<string, string> }>) => Promise<string | Buffer | void>) =>
    async (req: FastifyRequest<{ Params: Record<string, string> }>, reply: FastifyReply) => {
      const hasCookie = req.cookies[RESIDENT_COOKIE] !== undefined;
      reply.header("cache-control", hasCookie ? PRIVATE_CACHE : PUBLIC_CACHE).header("vary", "Cookie");
      let portal: PublicPortal | null = null;
      try {
        portal = await portalOf(app, String(req.params.municipality ?? ""));
        const resident = hasCookie ? await resolveResident(app, req.cookies[RESIDENT_COOKIE]) : null;
        const out = await fn({ portal, resident, reply }, req);
        if (out === undefined) return reply;
        if (!reply.hasHeader("content-type")) reply.type("text/html; charset=utf-8");
        return reply.send(out);
      } catch (e) {
        if (e instanceof NotFoundError || (e instanceof RuleError && e.rule === "portal.resultsHidden")) {
          return reply.code(404).header("cache-control", "no-store").type("text/html; charset=utf-8").send(renderNotFound(portal));
        }
        throw e;
      }
    };
  const link = (p: PublicPortal) => ({ slug: p.slug, name: p.name });
  const who = (r: ResidentCaller | null): ResidentView | null =>
    r ? { name: r.resident.fullName ?? r.resident.email ?? "житель", csrf: r.csrfToken } : null;

  server.get(
    "/p/:municipality",
    page(async ({ portal, resident }) => {
      const today = todayIn(app);
      return renderIndex({
        portal: link(portal),
        publications: (await publishedList(app, portal)).map((p) => summary(p, today)),
        resident: who(resident),
      });
    }),
  );

  /** A publication's page; after a refused proposal, with the form shown again (what was typed and why). */
  const publicationHtml = async (
    portal: PublicPortal,
    resident: ResidentCaller | null,
    id: string,
    proposalForm: ProposalFormState | null = null,
  ): Promise<string> => {
    const today = todayIn(app);
    const p = await publishedOne(app, portal, id, today);
    const proposals = p.record.kind === "discussion" ? await publicProposals(app, portal, id, resident?.resident.id ?? null) : [];
    const protocol = p.record.kind === "discussion" ? await publicProtocol(app, portal, id) : null;
    return renderPublication({
      portal: link(portal),
      publication: summary(p.record, today),
      doc: p.doc,
      files: p.files,
      proposals,
      protocol,
      datasets: datasetsOfPublication(p.record).map((d) => ({ id: d.id, title: d.title })),
      resident: who(resident),
      anchors: [...anchorsOf(p.doc)],
      proposalForm,
    });
  };

  server.get(
    "/p/:municipality/publications/:id",
    page(async ({ portal, resident }, req) => {
      const id = req.params.id ?? "";
      if (!/^[0-9a-f-]{36}$/.test(id)) throw new NotFoundError("публикация", id);
      return publicationHtml(portal, resident, id);
    }),
  );

  server.get(
    "/p/:municipality/publications/:id/files/:fileId",
    page(async ({ portal, reply }, req) => {
      const id = req.params.id ?? "";
      const fileId = req.params.fileId ?? "";
      if (!/^[0-9a-f-]{36}$/.test(id) || !/^[0-9a-f-]{36}$/.test(fileId)) throw new NotFoundError("файл", fileId);
      const f = await publishedFile(app, portal, id, fileId);
      reply.type(f.contentType).header("content-disposition", `attachment; filename*=UTF-8''${encodeURIComponent(f.filename)}`);
      return f.content;
    }),
  );

  for (const format of ["docx", "pdf"] as const) {
    server.get(
      `/p/:municipality/publications/:id/protocol.${format}`,
      page(async ({ portal, reply }, req) => {
        const id = req.params.id ?? "";
        if (!/^[0-9a-f-]{36}$/.test(id)) throw new NotFoundError("протокол", id);
        const f = await publicProtocolFile(app, portal, id, format);
        reply
          .type(format === "pdf" ? "application/pdf" : "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
          .header("content-disposition", `attachment; filename*=UTF-8''${encodeURIComponent(f.filename)}`);
        return f.content;
      }),
    );
  }

  // one-click unsubscribe from a follow (part 8): the signed token of the mail's link, no sign-in
  registerUnsubscribe(server, app, page);

  server.get(
    "/p/:municipality/hearings",
    page(async ({ portal, resident }) =>
      renderHearings({ portal: link(portal), hearings: await publicHearings(app, portal), resident: who(resident) }),
    ),
  );

  server.get(
    "/p/:municipality/notifications",
    page(async ({ portal, resident, reply }) => {
      reply.header("cache-control", "private, no-store");
      if (!resident) {
        reply.code(303).header("location", `/p/${portal.slug}/sign-in`);
        return "";
      }
      const list = await residentNotifications(app, portal, resident);
      return renderNotifications({ portal: link(portal), items: list.items, resident: who(resident)! });
    }),
  );

  server.get(
    "/p/:municipality/votes",
    page(async ({ portal, resident }) =>
      renderVotes({ portal: link(portal), votes: await publicVotes(app, portal), resident: who(resident) }),
    ),
  );

  server.get(
    "/p/:municipality/votes/:id",
    page(async ({ portal, resident }, req) => {
      const id = req.params.id ?? "";
      if (!/^[0-9a-f-]{36}$/.test(id)) throw new NotFoundError("голосование", id);
      const vote = await publicVote(app, portal, id);
      const results = vote.state === "closed" ? await voteResults(app, portal, id) : null;
      const voted = resident ? await hasVoted(app, resident, id) : false;
      return renderVote({ portal: link(portal), vote, results, resident: who(resident), voted });
    }),
  );

  server.get(
    "/p/:municipality/data",
    page(async ({ portal, resident }) =>
      renderDatasets({
        portal: link(portal),
        datasets: (await allDatasets(app, portal)).map((d) => ({ id: d.id, title: d.title })),
        resident: who(resident),
      }),
    ),
  );

  server.get(
    "/p/:municipality/data.json",
    page(async ({ portal, reply }) => {
      const base = `/p/${portal.slug}/data`;
      reply.type("application/json; charset=utf-8");
      return JSON.stringify({
        publisher: portal.name,
        datasets: (await allDatasets(app, portal)).map((d) => ({
          id: d.id,
          title: d.title,
          columns: d.columns,
          distributions: [
            { format: "CSV", mediaType: "text/csv", url: `${base}/${d.id}.csv` },
            { format: "JSON", mediaType: "application/json", url: `${base}/${d.id}.json` },
          ],
        })),
      });
    }),
  );

  server.get(
    "/p/:municipality/data/:file",
    page(async ({ portal, reply }, req) => {
      const m = /^(.+)\.(csv|json)$/.exec(req.params.file ?? "");
      if (!m) throw new NotFoundError("набор данных", req.params.file);
      const id = m[1]!;
      const ext = m[2]!;
      let dataset: Dataset | undefined;
      const vote = /^vote-([0-9a-f-]{36})-(results|ballots)$/.exec(id);
      if (id.startsWith("survey-")) dataset = await qaSurveyDataset(app, portal, id);
      else if (vote) {
        const v = await publicVote(app, portal, vote[1]!);
        if (v.state !== "closed") throw new NotFoundError("набор данных", id);
        dataset = (await voteDatasets(app, portal, v.id, v.title)).find((d) => d.id === id);
      } else {
        const pub = /^([0-9a-f-]{36})-[a-z]+$/.exec(id);
        if (!pub) throw new NotFoundError("набор данных", id);
        const p = await publishedOne(app, portal, pub[1]!, todayIn(app));
        dataset = datasetsOfPublication(p.record).find((d) => d.id === id);
      }
      if (!dataset) throw new NotFoundError("набор данных", id);
      if (ext === "csv") {
        reply.type("text/csv; charset=utf-8").header("content-disposition", `inline; filename="${id}.csv"`);
        return datasetCsv(dataset);
      }
      reply.type("application/json; charset=utf-8");
      return JSON.stringify(datasetJson(dataset));
    }),
  );

  // ---- the residents' forms (no script needed): sign-in by a code, a proposal, a ballot --------

  /** A form's answer: never cached; a refusal is a page saying why, with its status. */
  const form =
    (fn: (ctx: PageContext, body: FormBody, req: FastifyRequest<{ Params: Record<string, string> }>) => Promise<string | void>) =>
    async (req: FastifyRequest<{ Params: Record<string, string> }>, reply: FastifyReply) => {
      reply.header("cache-control", "no-store");
      const portal = await portalOf(app, String(req.params.municipality ?? "")).catch(() => null);
      if (!portal) return reply.code(404).type("text/html; charset=utf-8").send(renderNotFound(null));
      // a form from another site is refused (the cookie is SameSite=Lax; this covers the sign-in forms too)
      const origin = req.headers.origin;
      if (typeof origin === "string" && origin !== "null" && new URL(origin).host !== req.headers.host)
        return reply
          .code(403)
          .type("text/html; charset=utf-8")
          .send(renderNotFound(link(portal)));
      const body = (typeof req.body === "object" && req.body !== null ? req.body : {}) as FormBody;
      const resident = await resolveResident(app, req.cookies[RESIDENT_COOKIE]);
      try {
        const out = await fn({ portal, resident, reply }, body, req);
        if (out === undefined) return reply;
        return reply.type("text/html; charset=utf-8").send(out);
      } catch (e) {
        const f = formError(e);
        if (!f) throw e;
        return reply
          .code(f.status)
          .type("text/html; charset=utf-8")
          .send(
            renderMessage({
              portal: link(portal),
              title: "Не выполнено",
              text: f.text,
              back: String(req.headers.referer ?? `/p/${portal.slug}`),
              resident: who(resident),
              error: true,
            }),
          );
      }
    };

  server.get(
    "/p/:municipality/sign-in",
    page(({ portal, reply }) => {
      reply.header("cache-control", "no-store");
      return Promise.resolve(
        renderSignIn({ portal: link(portal), step: "email", email: "", error: null, consentText: CONSENT_TEXT, oidc: oidcButton(app) }),
      );
    }),
  );

  server.post(
    "/p/:municipality/sign-in/code",
    form(async ({ portal, reply }, body, req) => {
      const parsed = ResidentCodeRequest.safeParse({ email: one(body, "email") });
      if (!parsed.success) {
        reply.code(400);
        return renderSignIn({
          portal: link(portal),
          step: "email",
          email: one(body, "email"),
          error: "Неверный адрес электронной почты",
          consentText: CONSENT_TEXT,
          oidc: oidcButton(app),
        });
      }
      await requestResidentCode(app, parsed.data.email, req.ip, portal.municipalityId);
      return renderSignIn({ portal: link(portal), step: "code", email: parsed.data.email, error: null, consentText: CONSENT_TEXT });
    }),
  );

  server.post(
    "/p/:municipality/sign-in",
    form(async ({ portal, reply }, body, req) => {
      const email = one(body, "email");
      try {
        const r = await residentSignIn(app, { email, code: one(body, "code"), consent: one(body, "consent") === "yes" }, req.ip);
        reply.setCookie(RESIDENT_COOKIE, r.token, sessionCookieOptions({ secure: secureCookies, maxAgeSeconds: r.maxAgeSeconds }));
        reply.code(303).header("location", `/p/${portal.slug}`);
        return "";
      } catch (e) {
        const f = formError(e);
        if (!f || f.status === 429) throw e;
        reply.code(f.status);
        return renderSignIn({ portal: link(portal), step: "code", email, error: f.text, consentText: CONSENT_TEXT });
      }
    }),
  );

  server.post(
    "/p/:municipality/sign-out",
    form(async ({ portal, resident, reply }, body) => {
      await residentSignOut(app, requireResident(resident, one(body, "csrf"), true));
      reply.setCookie(RESIDENT_COOKIE, "", sessionCookieOptions({ secure: secureCookies, maxAgeSeconds: 0 }));
      reply.code(303).header("location", `/p/${portal.slug}`);
      return "";
    }),
  );

  // a proposal with its files (multipart/form-data), or without (a plain form)
  proposalFormRoute(server, app, { link, who, publicationHtml });

  followFormRoute(server, app, { form, link, who });
  speakerFormRoute(server, app, { form, link, who });
  appealPortalPages(server, app, { page, form, link, who });
  profilePortalPages(server, app, { page, form, link, who }, secureCookies);

  server.post(
    "/p/:municipality/votes/:id/ballot",
    form(async ({ portal, resident }, body, req) => {
      const r = requireResident(resident, one(body, "csrf"), true);
      const id = req.params.id ?? "";
      if (!/^[0-9a-f-]{36}$/.test(id)) throw new NotFoundError("голосование", id);
      const raw = body.choices;
      const choices = (Array.isArray(raw) ? raw : raw ? [raw] : []).filter((c) => /^[0-9a-f-]{36}$/.test(c));
      const { receipt } = await castVote(app, portal, r, id, { choices });
      return renderMessage({
        portal: link(portal),
        title: "Бюллетень принят",
        text: `Ваш код проверки: ${receipt}. Сохраните его: после окончания голосования по нему можно убедиться, что бюллетень учтен (его SHA-256 есть в опубликованных бюллетенях).`,
        back: `/p/${portal.slug}/votes/${id}`,
        resident: who(r),
        error: false,
      });
    }),
  );
  registerQaSurveyPages(server, app, { page, form, link, who });
}
