/**
 * The portal's appeal pages (issue 15, part 3), registered by portal-pages.ts: the form (GET and its
 * POST), and following an appeal by its tracking code. Rate-limited in the use cases (a 429 page);
 * a refusal of the form shows the form again with what was typed and the reason, naming the field.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import {
  APPEAL_CONSENT_TEXT,
  appealTopicChoices,
  registerPortalAppeal,
  requireResident,
  residentAppeals,
  trackAppealOnPortal,
  type AppContext,
  type PublicPortal,
  type ResidentCaller,
} from "@orientir/app";
import { PortalAppealForm } from "@orientir/contracts";
import { NotFoundError, TooManyRequestsError, ValidationError } from "@orientir/domain";
import {
  EMPTY_APPEAL_FORM,
  renderAppealForm,
  renderAppealRegistered,
  renderAppealTrack,
  type AppealFormValues,
  type PortalLink,
  type ResidentView,
} from "@orientir/portal";
import { one, type FormBody, type PageContext } from "./portal-pages.ts";

type Req = FastifyRequest<{ Params: Record<string, string> }>;
type Handler = (req: Req, reply: FastifyReply) => Promise<unknown>;

export interface PortalPageKit {
  page: (fn: (ctx: PageContext, req: Req) => Promise<string | Buffer | void>) => Handler;
  form: (fn: (ctx: PageContext, body: FormBody, req: Req) => Promise<string | void>) => Handler;
  link: (p: PublicPortal) => PortalLink;
  who: (r: ResidentCaller | null) => ResidentView | null;
}

const FIELD_NAMES: Record<string, string> = {
  authorName: "Фамилия, имя, отчество",
  authorAddress: "Почтовый адрес",
  authorEmail: "Адрес электронной почты",
  text: "Текст обращения",
  topicCode: "Тема обращения",
  district: "Район",
  consent: "Согласие",
};

/** The reason of a refusal, naming the field. */
function reasonOf(issues: readonly { path: string | readonly PropertyKey[]; message: string }[]): string {
  return issues
    .map((i) => {
      const path = typeof i.path === "string" ? i.path : i.path.map(String).join(".");
      const field = path.replace(/^body\./, "");
      return `${FIELD_NAMES[field] ?? field}: ${i.message}`;
    })
    .join("; ");
}

export function appealPortalPages(server: FastifyInstance, app: AppContext, kit: PortalPageKit): void {
  const { page, form, link, who } = kit;

  const formPage = async (
    portal: PublicPortal,
    resident: ResidentCaller | null,
    values: AppealFormValues,
    error: string | null,
  ): Promise<string> =>
    renderAppealForm({
      portal: link(portal),
      resident: who(resident),
      profile: resident ? { name: resident.resident.fullName, address: resident.resident.address, email: resident.resident.email } : null,
      topics: appealTopicChoices(),
      values,
      consentText: APPEAL_CONSENT_TEXT,
      error,
      myAppeals: resident ? await residentAppeals(app, portal, resident) : [],
    });

  server.get(
    "/p/:municipality/appeals",
    page(async ({ portal, resident }) => formPage(portal, resident, EMPTY_APPEAL_FORM, null)),
  );

  server.post(
    "/p/:municipality/appeals",
    form(async ({ portal, resident, reply }, body, req) => {
      // a signed-in resident's form carries their CSRF token
      if (resident) requireResident(resident, one(body, "csrf"), true);
      const values: AppealFormValues = {
        authorName: one(body, "authorName"),
        authorAddress: one(body, "authorAddress"),
        authorEmail: one(body, "authorEmail").trim(),
        text: one(body, "text"),
        topicCode: one(body, "topicCode"),
        district: one(body, "district"),
      };
      const parsed = PortalAppealForm.safeParse({ ...values, consent: one(body, "consent") === "yes" });
      if (!parsed.success) {
        reply.code(400);
        return formPage(portal, resident, values, reasonOf(parsed.error.issues));
      }
      try {
        const r = await registerPortalAppeal(app, portal, resident, parsed.data, req.ip);
        reply.code(201);
        return renderAppealRegistered({ portal: link(portal), resident: who(resident), ...r });
      } catch (e) {
        if (!(e instanceof ValidationError)) throw e;
        reply.code(400);
        return formPage(portal, resident, values, reasonOf(e.issues));
      }
    }),
  );

  server.get(
    "/p/:municipality/appeals/track",
    page(async ({ portal, resident, reply }, req) => {
      reply.header("cache-control", "no-store");
      const raw = (req.query as Record<string, unknown>).code;
      const code = (typeof raw === "string" ? raw : "").trim().toUpperCase();
      const show = (error: string | null, appeal: Parameters<typeof renderAppealTrack>[0]["appeal"] = null) =>
        renderAppealTrack({ portal: link(portal), resident: who(resident), code, appeal, error });
      if (code === "") return show(null);
      if (!/^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$/.test(code)) {
        reply.code(400);
        return show("Код для отслеживания: вида XXXX-XXXX-XXXX (буквы и цифры из письма или со страницы регистрации)");
      }
      try {
        const t = await trackAppealOnPortal(app, portal, code, req.ip);
        return show(null, { code, ...t });
      } catch (e) {
        if (e instanceof NotFoundError) {
          reply.code(404);
          return show("Обращение с таким кодом не найдено");
        }
        if (e instanceof TooManyRequestsError) {
          reply.code(429).header("retry-after", String(e.retryAfterSeconds ?? 3600));
          return show(e.message);
        }
        throw e;
      }
    }),
  );
}
