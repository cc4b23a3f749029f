/**
 * The portal's pages and forms of issue 14, parts 3 and 7, registered inside the portal's plugin
 * (./portal-pages.ts, which reads the HTML forms' bodies): the files of proposals, the residents'
 * comment and abuse-report forms, and the public council's pages. Same caching as every portal
 * page: anonymous answers are public for 5 minutes with `Vary: Cookie`, a resident's are private.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import {
  makeComment,
  portalOf,
  publicCouncil,
  publicCouncilMeeting,
  publicProposalFile,
  reportAbuse,
  requireResident,
  resolveResident,
  type AppContext,
  type PublicPortal,
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
} from "@orientir/domain";
import { renderMessage, renderNotFound, type ResidentView } from "@orientir/portal";
import { renderCouncil, renderCouncilMeeting } from "@orientir/portal/pages/Council";
import { RESIDENT_COOKIE } from "./routes/portal.ts";

type Req = FastifyRequest<{ Params: Record<string, string> }>;
type FormBody = Record<string, string | string[]>;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const one = (b: FormBody, k: string): string => {
  const v = b[k];
  return Array.isArray(v) ? (v[0] ?? "") : (v ?? "");
};
const link = (p: PublicPortal) => ({ slug: p.slug, name: p.name });
const who = (r: ResidentCaller | null): ResidentView | null =>
  r ? { name: r.resident.fullName ?? r.resident.email ?? "житель", csrf: r.csrfToken } : null;

function status(e: unknown): number | null {
  if (e instanceof ValidationError) return 400;
  if (e instanceof AuthError) return 401;
  if (e instanceof ForbiddenError) return 403;
  if (e instanceof NotFoundError) return 404;
  if (e instanceof ConflictError) return 409;
  if (e instanceof RuleError) return 422;
  if (e instanceof TooManyRequestsError) return 429;
  return null;
}

/** Back to the page the form was on, when it is this site's (never an address elsewhere). */
function sameSite(req: Req, fallback: string): string {
  try {
    const u = new URL(String(req.headers.referer ?? ""));
    if (u.host === req.headers.host && u.pathname.startsWith(fallback)) return `${u.pathname}${u.search}`;
  } catch {
    // no or bad referer
  }
  return fallback;
}

export function participationPages(server: FastifyInstance, app: AppContext): void {
  const page =
    (fn: (portal: PublicPortal, resident: ResidentCaller | null, req: Req, reply: FastifyReply) => Promise<string | Buffer>) =>
    async (req: Req, reply: FastifyReply) => {
      const hasCookie = req.cookies[RESIDENT_COOKIE] !== undefined;
      reply.header("cache-control", hasCookie ? "private, no-store" : "public, max-age=300").header("vary", "Cookie");
      let portal: PublicPortal | null = null;
      try {
        portal = await portalOf(app, String(req.params.municipality ?? ""));
        const resident = hasCookie ? await resolveResident(app, req.cookies[RESIDENT_COOKIE]) : null;
        const out = await fn(portal, resident, req, reply);
        if (!reply.hasHeader("content-type")) reply.type("text/html; charset=utf-8");
        return reply.send(out);
      } catch (e) {
        if (e instanceof NotFoundError)
          return reply
            .code(404)
            .header("cache-control", "no-store")
            .type("text/html; charset=utf-8")
            .send(renderNotFound(portal ? link(portal) : null));
        throw e;
      }
    };

  const form =
    (fn: (portal: PublicPortal, r: ResidentCaller, body: FormBody, req: Req) => Promise<string>) =>
    async (req: Req, reply: FastifyReply) => {
      reply.header("cache-control", "no-store");
      const portal = await portalOf(app, String(req.params.municipality ?? "")).catch(() => null);
      if (!portal) return reply.code(404).type("text/html; charset=utf-8").send(renderNotFound(null));
      const origin = req.headers.origin;
      if (typeof origin === "string" && origin !== "null" && new URL(origin).host !== req.headers.host)
        return reply
          .code(403)
          .type("text/html; charset=utf-8")
          .send(renderNotFound(link(portal)));
      const body = (typeof req.body === "object" && req.body !== null ? req.body : {}) as FormBody;
      const resident = await resolveResident(app, req.cookies[RESIDENT_COOKIE]);
      try {
        const r = requireResident(resident, one(body, "csrf"), true);
        const location = await fn(portal, r, body, req);
        return reply.code(303).header("location", location).send("");
      } catch (e) {
        const code = status(e);
        if (code === null) throw e;
        const text = e instanceof ValidationError ? e.issues.map((i) => i.message).join("; ") : (e as Error).message;
        return reply
          .code(code)
          .type("text/html; charset=utf-8")
          .send(
            renderMessage({
              portal: link(portal),
              title: "Не выполнено",
              text,
              back: String(req.headers.referer ?? `/p/${portal.slug}`),
              resident: who(resident),
              error: true,
            }),
          );
      }
    };

  server.get(
    "/p/:municipality/proposals/:id/files/:fileId",
    page(async (portal, resident, req, reply) => {
      const id = req.params.id ?? "";
      const fileId = req.params.fileId ?? "";
      if (!UUID.test(id) || !UUID.test(fileId)) throw new NotFoundError("файл", fileId);
      const f = await publicProposalFile(app, portal, id, fileId, resident?.resident.id ?? null);
      reply.type(f.contentType).header("content-disposition", `attachment; filename*=UTF-8''${encodeURIComponent(f.filename)}`);
      return f.content;
    }),
  );

  server.get(
    "/p/:municipality/council",
    page(async (portal, resident) =>
      renderCouncil({ portal: link(portal), data: await publicCouncil(app, portal), resident: who(resident) }),
    ),
  );

  server.get(
    "/p/:municipality/council/meetings/:id",
    page(async (portal, resident, req) => {
      const id = req.params.id ?? "";
      if (!UUID.test(id)) throw new NotFoundError("заседание", id);
      const { view, meeting } = await publicCouncilMeeting(app, portal, id);
      return renderCouncilMeeting({ portal: link(portal), council: view.council, meeting, resident: who(resident) });
    }),
  );

  server.post(
    "/p/:municipality/proposals/:id/comments",
    form(async (portal, r, body, req) => {
      const id = req.params.id ?? "";
      if (!UUID.test(id)) throw new NotFoundError("предложение", id);
      const text = one(body, "text");
      if (!text.trim() || text.length > 5000)
        throw new ValidationError([{ path: "body.text", message: "Комментарий: от 1 до 5 000 знаков" }]);
      const c = await makeComment(app, portal, r, id, { text });
      return `/p/${portal.slug}/publications/${c.publicationId}#comment-${c.id}`;
    }),
  );

  server.post(
    "/p/:municipality/reports",
    form(async (portal, r, body, req) => {
      const targetType = one(body, "targetType");
      const targetId = one(body, "targetId");
      if ((targetType !== "proposal" && targetType !== "comment") || !UUID.test(targetId))
        throw new ValidationError([{ path: "body.targetId", message: "На что жалоба: предложение или комментарий" }]);
      const reason = one(body, "reason");
      if (!reason.trim() || reason.length > 2000)
        throw new ValidationError([{ path: "body.reason", message: "Причина: от 1 до 2 000 знаков" }]);
      await reportAbuse(app, portal, r, { targetType, targetId, reason });
      return sameSite(req, `/p/${portal.slug}`);
    }),
  );
}
