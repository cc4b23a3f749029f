/**
 * «Следить» from a portal page, without script (issue 14, part 8): the form posts
 * objectType/objectId with the resident's form token to /p/<slug>/follows and gets a page saying
 * what the resident will be told of; the same use case as `POST /api/p/<slug>/follows`.
 */
import { follow, requireResident, type AppContext } from "@orientir/app";
import { NotFoundError, ValidationError } from "@orientir/domain";
import { renderMessage } from "@orientir/portal";
import type { FastifyInstance } from "fastify";
import type { PortalPageKit } from "./portal-appeal-pages.ts";
import { one } from "./portal-pages.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const BACK = { publication: "publications", proposal: "proposals", vote: "votes" } as const;
const WHAT = {
  publication: "документом: вы узнаете о его новой редакции, ответах на предложения и оценке эффективности",
  proposal: "предложением: вы узнаете об ответе на него",
  vote: "голосованием: вы узнаете его итоги",
} as const;

export function followFormRoute(server: FastifyInstance, app: AppContext, kit: Pick<PortalPageKit, "form" | "link" | "who">): void {
  server.post(
    "/p/:municipality/follows",
    kit.form(async ({ portal, resident }, body) => {
      const r = requireResident(resident, one(body, "csrf"), true);
      const objectType = one(body, "objectType");
      const objectId = one(body, "objectId");
      if (objectType !== "publication" && objectType !== "proposal" && objectType !== "vote")
        throw new ValidationError([{ path: "body.objectType", message: "Следить можно за документом, предложением или голосованием" }]);
      if (!UUID.test(objectId)) throw new NotFoundError(objectType, objectId);
      await follow(app, portal, r, { objectType, objectId });
      const back = objectType === "proposal" ? `/p/${portal.slug}` : `/p/${portal.slug}/${BACK[objectType]}/${objectId}`;
      return renderMessage({
        portal: kit.link(portal),
        title: "Вы следите",
        text: `Вы следите за ${WHAT[objectType]} — на портале (раздел «Уведомления») и по e-mail. В каждом письме есть ссылка, чтобы отписаться одним переходом.`,
        back,
        resident: kit.who(r),
        error: false,
      });
    }),
  );
}
