/**
 * «Записаться выступающим» on the portal's hearings page, without script (issue 14, part 4): a
 * signed-in resident posts the topic with the resident's form token to
 * /p/<slug>/hearings/<id>/speakers; the same use case as `POST /api/p/<slug>/hearings/:id/speakers`
 * (before the hearing starts, once, with a name in the profile).
 */
import { registerAsSpeaker, requireResident, type AppContext } from "@orientir/app";
import { NotFoundError, ValidationError } from "@orientir/domain";
import { renderMessage } from "@orientir/portal";
import type { FastifyInstance } from "fastify";
import type { PortalPageKit } from "./portal-appeal-pages.ts";
import { one } from "./portal-pages.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function speakerFormRoute(server: FastifyInstance, app: AppContext, kit: Pick<PortalPageKit, "form" | "link" | "who">): void {
  server.post(
    "/p/:municipality/hearings/:id/speakers",
    kit.form(async ({ portal, resident }, body, req) => {
      const r = requireResident(resident, one(body, "csrf"), true);
      const id = req.params.id ?? "";
      if (!UUID.test(id)) throw new NotFoundError("слушания", id);
      const topic = one(body, "topic").trim();
      if (!topic) throw new ValidationError([{ path: "body.topic", message: "Укажите тему выступления" }]);
      if (topic.length > 2000) throw new ValidationError([{ path: "body.topic", message: "Тема выступления — не длиннее 2000 знаков" }]);
      await registerAsSpeaker(app, portal, r, id, { topic });
      return renderMessage({
        portal: kit.link(portal),
        title: "Вы записаны выступающим",
        text: "Ваше имя (инициалы) и тема выступления появились в списке выступающих на странице слушаний.",
        back: `/p/${portal.slug}/hearings#hearing-${id}`,
        resident: kit.who(r),
        error: false,
      });
    }),
  );
}
