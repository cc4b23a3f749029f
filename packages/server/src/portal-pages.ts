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
  datasetCsv,
  datasetJson,
  datasetsOfPublication,
  discussionState,
  portalOf,
  publicProposals,
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
import { NotFoundError, RuleError } from "@orientir/domain";
import {
  renderDatasets,
  renderIndex,
  renderNotFound,
  renderPublication,
  renderVote,
  renderVotes,
  type PublicationSummary,
} from "@orientir/portal";
import { RESIDENT_COOKIE } from "./routes/portal.ts";

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

interface PageContext {
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

export function registerPortalPages(server: FastifyInstance, app: AppContext): void {
  const page =
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
  const who = (r: ResidentCaller | null) => (r ? (r.resident.fullName ?? r.resident.email ?? "житель") : null);

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

  server.get(
    "/p/:municipality/publications/:id",
    page(async ({ portal, resident }, req) => {
      const id = req.params.id ?? "";
      if (!/^[0-9a-f-]{36}$/.test(id)) throw new NotFoundError("публикация", id);
      const today = todayIn(app);
      const p = await publishedOne(app, portal, id, today);
      const proposals = p.record.kind === "discussion" ? await publicProposals(app, portal, id, resident?.resident.id ?? null) : [];
      return renderPublication({
        portal: link(portal),
        publication: summary(p.record, today),
        doc: p.doc,
        files: p.files,
        proposals,
        datasets: datasetsOfPublication(p.record).map((d) => ({ id: d.id, title: d.title })),
        resident: who(resident),
      });
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
      return renderVote({ portal: link(portal), vote, results, resident: who(resident) });
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
      if (vote) {
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
}
