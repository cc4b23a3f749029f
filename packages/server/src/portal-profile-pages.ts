/**
 * The resident's profile pages (issue 14, part 2), registered by portal-pages.ts: the profile form
 * and its POST (the same use case as PUT /api/p/…/profile), and the deletion of the account.
 * A refusal shows the form again with the reason, naming the field; nothing is half-written.
 */
import type { FastifyInstance } from "fastify";
import { deleteResidentAccount, requireResident, residentProfile, saveResidentProfile, type AppContext } from "@orientir/app";
import { ResidentProfileBody } from "@orientir/contracts";
import { ValidationError } from "@orientir/domain";
import { renderProfile } from "@orientir/portal";
import { RESIDENT_COOKIE } from "./routes/portal.ts";
import { sessionCookieOptions } from "./http.ts";
import type { PortalPageKit } from "./portal-appeal-pages.ts";
import { one } from "./portal-pages.ts";

const FIELD_NAMES: Record<string, string> = {
  fullName: "Фамилия, имя, отчество",
  address: "Адрес",
  birthYear: "Год рождения",
};

const reasonOf = (issues: readonly { path: string | readonly PropertyKey[]; message: string }[]): string =>
  issues
    .map((i) => {
      const field = (typeof i.path === "string" ? i.path : i.path.map(String).join(".")).replace(/^body\./, "");
      return `${FIELD_NAMES[field] ?? field}: ${i.message}`;
    })
    .join("; ");

export function profilePortalPages(server: FastifyInstance, app: AppContext, kit: PortalPageKit, secureCookies: boolean): void {
  const { page, form, link, who } = kit;

  server.get(
    "/p/:municipality/profile",
    page(async ({ portal, resident, reply }, req) => {
      if (!resident) {
        reply.code(303).header("location", `/p/${portal.slug}/sign-in`);
        return "";
      }
      reply.header("cache-control", "private, no-store");
      const saved = (req.query as Record<string, unknown>).saved === "1";
      return renderProfile({
        portal: link(portal),
        resident: who(resident)!,
        profile: await residentProfile(app, resident),
        saved,
        error: null,
      });
    }),
  );

  server.post(
    "/p/:municipality/profile",
    form(async ({ portal, resident, reply }, body) => {
      const r = requireResident(resident, one(body, "csrf"), true);
      const year = one(body, "birthYear").trim();
      const address = one(body, "address").trim();
      const parsed = ResidentProfileBody.safeParse({
        fullName: one(body, "fullName"),
        address: address || null,
        birthYear: year === "" ? null : /^\d{1,4}$/.test(year) ? Number(year) : year,
      });
      const refuse = async (error: string) => {
        reply.code(400).header("cache-control", "private, no-store");
        const profile = await residentProfile(app, r);
        return renderProfile({ portal: link(portal), resident: who(r)!, profile, saved: false, error });
      };
      if (!parsed.success) return refuse(reasonOf(parsed.error.issues.map((i) => ({ path: ["body", ...i.path], message: i.message }))));
      try {
        await saveResidentProfile(app, r, parsed.data);
      } catch (e) {
        if (e instanceof ValidationError) return refuse(reasonOf(e.issues));
        throw e;
      }
      reply.code(303).header("location", `/p/${portal.slug}/profile?saved=1`);
      return "";
    }),
  );

  server.post(
    "/p/:municipality/profile/delete",
    form(async ({ portal, resident, reply }, body) => {
      const r = requireResident(resident, one(body, "csrf"), true);
      if (one(body, "confirm") !== "yes")
        throw new ValidationError([{ path: "body.confirm", message: "Подтвердите удаление учетной записи" }]);
      await deleteResidentAccount(app, r);
      reply.setCookie(RESIDENT_COOKIE, "", sessionCookieOptions({ secure: secureCookies, maxAgeSeconds: 0 }));
      reply.code(303).header("location", `/p/${portal.slug}`);
      return "";
    }),
  );
}
