/**
 * The close of a rating vote (issue 14, parts 6 and 8). At its end (the database's clock) the
 * jobs' worker closes it: the results — counts, turnout, winners — are computed once from the
 * ballots, recorded in `vote_close` with an audit entry, and the vote's followers and voters are
 * told in the portal and by e-mail, all in one transaction per vote. The vote row is locked with
 * SKIP LOCKED and `vote_close` has one row per vote, so two processes never close it twice. Before
 * the end nothing of the count is given to anyone (participation.ts `resultsOf`).
 */
import {
  followsOf,
  insertVoteClose,
  lockVoteToClose,
  portalSettingOf,
  votersOf,
  votesToClose,
  type Queryable,
  type VoteRecord,
} from "@orientir/db";
import type { VoteResults } from "@orientir/contracts";
import type { AppContext } from "../context.ts";
import { audit } from "../audit.ts";
import { resultsOf } from "./participation.ts";
import { notifyResident } from "./notify.ts";
import { signUnsubscribe } from "./unsubscribe.ts";

export { VOTE_CLOSE_JOB } from "./vote-close-key.ts";

const int = (n: number) => new Intl.NumberFormat("ru-RU").format(n);

/** The notice's text: the winners, the count and the turnout. */
export function voteResultText(title: string, r: VoteResults): { subject: string; body: string } {
  const winners = r.options.filter((o) => o.winner).map((o) => `«${o.title}»`);
  const lines = r.options.map((o) => `— ${o.title}: ${int(o.votes)}${o.winner ? " (победитель)" : ""}`);
  return {
    subject: `Итоги голосования «${title}»`,
    body:
      `Голосование «${title}» завершено. ` +
      (winners.length ? `Победители: ${winners.join(", ")}. ` : "Голосов не подано. ") +
      `Бюллетеней: ${int(r.ballots)}, явка ${r.turnoutPercent.replace(".", ",")} % от ` +
      (r.eligibleVoters ? `${int(r.eligibleVoters)} имеющих право голоса` : `${int(r.registeredResidents)} зарегистрированных жителей`) +
      ".\n\n" +
      lines.join("\n") +
      "\n\nОбезличенные бюллетени опубликованы: подсчет может повторить каждый.",
  };
}

async function closeOne(ctx: AppContext, q: Queryable, v: VoteRecord): Promise<number> {
  const { results } = await resultsOf(q, v);
  const slug = (await portalSettingOf(q, v.municipalityId))?.slug ?? null;
  const link = slug ? `/p/${slug}/votes/${v.id}` : null;
  const text = voteResultText(v.title, results);
  const followers = await followsOf(q, "vote", [v.id]);
  const told = new Set<string>();
  for (const f of followers) {
    told.add(f.residentId);
    await notifyResident(ctx, q, {
      municipalityId: v.municipalityId,
      residentId: f.residentId,
      kind: "vote.results",
      objectType: "vote",
      objectId: v.id,
      ...text,
      link,
      unsubscribe: slug ? `/p/${slug}/unsubscribe?token=${await signUnsubscribe(ctx, f)}` : null,
    });
  }
  for (const voter of await votersOf(q, v.id)) {
    if (told.has(voter)) continue;
    told.add(voter);
    await notifyResident(ctx, q, {
      municipalityId: v.municipalityId,
      residentId: voter,
      kind: "vote.results",
      objectType: "vote",
      objectId: v.id,
      ...text,
      link,
    });
  }
  return told.size;
}

/**
 * Closes every vote whose end has come and that is not closed yet; answers the ids closed. Run by
 * the `votes.close` job (enqueued at the vote's end when it is set up) and by the hourly scan (a
 * vote recorded otherwise, e.g. the demo's).
 */
export async function closeDueVotes(ctx: AppContext): Promise<string[]> {
  const closed: string[] = [];
  for (const id of await votesToClose(ctx.db)) {
    const done = await ctx.db.tx(async (q) => {
      const v = await lockVoteToClose(q, id);
      if (!v) return false;
      const { results } = await resultsOf(q, v);
      const notified = await closeOne(ctx, q, v);
      if (!(await insertVoteClose(q, { voteId: v.id, municipalityId: v.municipalityId, results, notified })))
        throw new Error(`vote ${v.id} closed twice`);
      await audit(
        q,
        { actor: null, requestId: null },
        {
          action: "portal.voteClosed",
          objectType: "vote",
          objectId: v.id,
          municipalityId: v.municipalityId,
          // the vote's title first: the log names which vote closed («Голосование «…»»)
          after: { title: v.title, ...results },
          login: "system",
        },
      );
      return true;
    });
    if (done) closed.push(id);
  }
  return closed;
}
