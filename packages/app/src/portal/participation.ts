/**
 * Proposals and remarks (issue 14, part 3) and rating votes (part 6).
 */
import { createHash, randomBytes } from "node:crypto";
import {
  enqueueJob,
  anonymisedBallots,
  answerProposal,
  ballotByReceipt,
  castBallot,
  getProposal,
  getPublication,
  getVote,
  hasBallot,
  insertProposal,
  insertVote,
  listProposals,
  listVotes,
  moderateProposal,
  portalSettingOf,
  type PublicationRecord,
  replaceVoteOptions,
  residentsRegisteredBefore,
  supportProposal,
  voteClock,
  voteOptions,
  type ProposalRecord,
  type Queryable,
  type VoteRecord,
} from "@orientir/db";
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  RuleError,
  ValidationError,
  anchorsOf,
  answerIssues,
  choiceIssues,
  ensure,
  ineligibility,
  parseEligibility,
  tally,
  type Eligibility,
  type PortalDocument,
} from "@orientir/domain";
import type {
  AnswerBody,
  BallotBody,
  ModerationBody,
  ProposalChange,
  ProposalList,
  ProposalView,
  VoteCreate,
  VoteList,
  VoteOptionsBody,
  VoteResults,
  VoteView,
} from "@orientir/contracts";
import type { AppContext, Caller } from "../context.ts";
import { audit } from "../audit.ts";
import { todayIn } from "../context.ts";
import { discussionState, type PublicPortal } from "./publications.ts";
import { RESIDENT_LIMITS, freshResident, throttle, type ResidentCaller } from "./residents.ts";
import { notifyResident } from "./notify.ts";
import { notifyFollowers } from "./follow.ts";
import { diffProgramVersions } from "../workflow/diff.ts";
import { VOTE_CLOSE_JOB } from "./vote-close-key.ts";
import {
  authorOf,
  checkProposalExtras,
  publicComments,
  storeProposalExtras,
  withProposalFiles,
  type ProposalInput,
} from "./proposal-extras.ts";

// ---- proposals --------------------------------------------------------------------------------

export function proposalView(p: ProposalRecord): ProposalView {
  return {
    id: p.id,
    publicationId: p.publicationId,
    kind: p.kind,
    anchor: p.anchor,
    anchorLabel: p.anchorLabel,
    text: p.text,
    authorName: p.authorName,
    moderation: p.moderation,
    moderationReason: p.moderationReason,
    decision: p.decision,
    answer: p.answer,
    answeredAt: p.answeredAt,
    change: (p.change as ProposalChange | null) ?? null,
    createdAt: p.createdAt,
    supports: p.supports,
    version: p.version,
    organisation: (p.organisation as ProposalView["organisation"]) ?? null,
    hiddenReason: p.hiddenReason,
  };
}

/** «Иванов И. И.»: how an author is shown (the law lets the city publish initials, not the full name). */
export function initialsOf(fullName: string): string {
  const [last, ...rest] = fullName.trim().split(/\s+/);
  return [last, ...rest.map((n) => `${n[0]!.toUpperCase()}.`)].join(" ");
}

/** A signed-in resident's proposal on a publication under discussion, tied to a place in it. */
export async function makeProposal(
  ctx: AppContext,
  portal: PublicPortal,
  r: ResidentCaller,
  publicationId: string,
  body: ProposalInput,
): Promise<ProposalView> {
  const resident = await freshResident(ctx, r);
  if (!resident.fullName)
    throw new ValidationError([
      { path: "profile.fullName", message: "Укажите в профиле фамилию и имя: без них предложение не принимается" },
    ]);
  const p = await getPublication(ctx.db, publicationId);
  if (!p || p.municipalityId !== portal.municipalityId || p.status !== "published") throw new NotFoundError("публикация", publicationId);
  if (discussionState(p, todayIn(ctx)) !== "open") throw new RuleError("Обсуждение этого документа не идет", "portal.discussionClosed");
  const label = anchorsOf(p.content as PortalDocument).get(body.anchor);
  if (!label) throw new ValidationError([{ path: "body.anchor", message: "Нет такого места в документе" }]);
  const extras = checkProposalExtras(body);
  const setting = await portalSettingOf(ctx.db, portal.municipalityId);
  return ctx.db.tx(async (q) => {
    await throttle(ctx, q, `write:${resident.id}`, RESIDENT_LIMITS.writePerResidentHour);
    const x = await insertProposal(q, {
      municipalityId: portal.municipalityId,
      publicationId,
      residentId: resident.id,
      authorName: authorOf(extras, initialsOf(resident.fullName!)),
      kind: body.kind,
      anchor: body.anchor,
      anchorLabel: label,
      text: body.text.trim(),
      moderation: setting?.moderation === "post" ? "published" : "pending",
      at: ctx.now().toISOString(),
    });
    await audit(
      q,
      { actor: null, requestId: null },
      {
        action: "portal.proposal",
        objectType: "proposal",
        objectId: x.id,
        municipalityId: portal.municipalityId,
        login: `resident:${resident.id}`,
        after: { ...x, organisation: extras.organisation, files: extras.files.map((f) => f.filename) },
      },
    );
    await storeProposalExtras(q, x, extras);
    const [view] = await withProposalFiles(q, [proposalView({ ...x, organisation: extras.organisation })], false);
    return view!;
  });
}

/** What the public sees of a publication's proposals: the published ones (and a resident's own). */
export async function publicProposals(
  ctx: AppContext,
  portal: PublicPortal,
  publicationId: string,
  residentId: string | null,
): Promise<ProposalView[]> {
  const list = await listProposals(ctx.db, { municipalityId: portal.municipalityId, publicationId });
  const views = await withProposalFiles(
    ctx.db,
    list.filter((p) => p.moderation === "published" || (residentId !== null && p.residentId === residentId)).map(proposalView),
    true,
  );
  const comments = await publicComments(
    ctx,
    portal,
    views.filter((v) => !v.hiddenReason).map((v) => v.id),
    residentId,
  );
  return views.map((v) => ({ ...v, comments: comments.filter((c) => c.proposalId === v.id) }));
}

export async function supportOne(ctx: AppContext, portal: PublicPortal, r: ResidentCaller, proposalId: string): Promise<ProposalView> {
  const p = await getProposal(ctx.db, proposalId);
  if (!p || p.municipalityId !== portal.municipalityId || p.moderation !== "published" || p.hiddenAt)
    throw new NotFoundError("предложение", proposalId);
  await ctx.db.tx(async (q) => {
    await throttle(ctx, q, `write:${r.resident.id}`, RESIDENT_LIMITS.writePerResidentHour);
    await supportProposal(q, proposalId, r.resident.id);
  });
  return proposalView((await getProposal(ctx.db, proposalId))!);
}

export async function staffProposals(
  ctx: AppContext,
  caller: Caller,
  f: { publicationId?: string | undefined; moderation?: string | undefined },
): Promise<ProposalList> {
  ensure(caller.actor, "read", { area: "portal", municipalityId: caller.actor.municipalityId });
  const list = await listProposals(ctx.db, {
    municipalityId: caller.actor.municipalityId,
    ...(f.publicationId ? { publicationId: f.publicationId } : {}),
    ...(f.moderation ? { moderation: f.moderation } : {}),
  });
  return { items: await withProposalFiles(ctx.db, list.map(proposalView), false) };
}

async function ownProposal(q: Queryable, caller: Caller, id: string): Promise<ProposalRecord> {
  const p = await getProposal(q, id);
  if (!p || p.municipalityId !== caller.actor.municipalityId) throw new NotFoundError("предложение", id);
  return p;
}

export async function moderate(ctx: AppContext, caller: Caller, id: string, body: ModerationBody): Promise<ProposalView> {
  ensure(caller.actor, "update", { area: "portal", municipalityId: caller.actor.municipalityId, part: "moderation" });
  const reason = body.reason?.trim() || null;
  if (body.moderation === "rejected" && !reason)
    throw new ValidationError([{ path: "body.reason", message: "Укажите причину отклонения" }]);
  return ctx.db.tx(async (q) => {
    const before = await ownProposal(q, caller, id);
    if (before.decision) throw new RuleError("На предложение уже дан ответ: модерация закрыта", "portal.answered");
    const ok = await moderateProposal(q, id, body.version, {
      moderation: body.moderation,
      reason,
      by: caller.actor.userId,
      at: ctx.now().toISOString(),
    });
    if (!ok) throw new ConflictError("Предложение изменено другим пользователем", proposalView(before));
    const after = (await getProposal(q, id))!;
    await audit(q, caller, {
      action: "portal.moderate",
      objectType: "proposal",
      objectId: id,
      before: { moderation: before.moderation },
      after: { moderation: after.moderation, reason },
    });
    if (after.residentId && after.moderation !== before.moderation) {
      const published = after.moderation === "published";
      await notifyResident(ctx, q, {
        municipalityId: after.municipalityId,
        residentId: after.residentId,
        kind: published ? "proposal.published" : "proposal.rejected",
        objectType: "proposal",
        objectId: id,
        subject: published ? "Ваше предложение опубликовано" : "Ваше предложение отклонено модератором",
        body: published
          ? `Ваше предложение («${excerpt(after.text)}») прошло модерацию и опубликовано.`
          : `Ваше предложение («${excerpt(after.text)}») отклонено модератором. Причина: ${reason ?? ""}`,
        link: await proposalLink(q, after),
      });
    }
    return proposalView(after);
  });
}

const DECISION_LABEL: Record<string, string> = {
  accepted: "учтено",
  partly: "учтено частично",
  rejected: "отклонено",
  outOfScope: "не относится к предмету документа",
};

function excerpt(text: string): string {
  const t = text.replace(/\s+/g, " ").trim();
  return t.length > 80 ? `${t.slice(0, 79)}…` : t;
}

async function proposalLink(q: Queryable, p: ProposalRecord): Promise<string | null> {
  const setting = await portalSettingOf(q, p.municipalityId);
  return setting ? `/p/${setting.slug}/publications/${p.publicationId}#proposal-${p.id}` : null;
}

/**
 * The change in the draft that takes up an accepted proposal: the entries of the amendment's diff
 * (the version in force → the draft as it stands) under the paths the answer names. Required for
 * an accepted or partly accepted proposal on a draft amendment; refused for other decisions and
 * for documents without versions (strategy, action plan).
 */
async function changeFor(
  ctx: AppContext,
  caller: Caller,
  publication: PublicationRecord,
  body: AnswerBody,
): Promise<ProposalChange | null> {
  const taken = body.decision === "accepted" || body.decision === "partly";
  const paths = body.changePaths ?? [];
  if (!taken) {
    if (paths.length)
      throw new ValidationError([{ path: "body.changePaths", message: "Изменения указываются только для учтенного предложения" }]);
    return null;
  }
  if (!paths.length) {
    if (publication.subjectKind === "amendment")
      throw new ValidationError([
        { path: "body.changePaths", message: "Укажите изменения проекта, которыми учтено предложение (сравнение редакций)" },
      ]);
    return null;
  }
  if (publication.subjectKind !== "program" && publication.subjectKind !== "amendment")
    throw new ValidationError([{ path: "body.changePaths", message: "У этого документа нет редакций для сравнения" }]);
  let diff;
  try {
    diff = await diffProgramVersions(ctx, caller, publication.subjectId);
  } catch (e) {
    if (e instanceof ValidationError)
      throw new ValidationError([{ path: "body.changePaths", message: "У программы нет действующей редакции: сравнивать не с чем" }]);
    throw e;
  }
  const picked = new Map<string, (typeof diff.changes)[number]>();
  const unknown: { path: string; message: string }[] = [];
  paths.forEach((p, i) => {
    const hits = diff.changes.filter((c) => c.path === p || c.path.startsWith(`${p}.`) || c.path.startsWith(`${p}[`));
    if (!hits.length) unknown.push({ path: `body.changePaths.${i}`, message: `Нет такого изменения в проекте: ${p}` });
    for (const c of hits) picked.set(`${c.path}|${c.kind}`, c);
  });
  if (unknown.length) throw new ValidationError(unknown);
  const from = diff.from.versionId ?? "current";
  return {
    programId: publication.subjectId,
    from: diff.from,
    to: diff.to,
    diffUrl: `/api/programs/${publication.subjectId}/diff?from=${from}&to=current`,
    changes: [...picked.values()],
  };
}

export async function answer(ctx: AppContext, caller: Caller, id: string, body: AnswerBody): Promise<ProposalView> {
  ensure(caller.actor, "update", { area: "portal", municipalityId: caller.actor.municipalityId, part: "answer" });
  const issues = answerIssues(body.decision, body.answer);
  if (issues.length) throw new ValidationError(issues.map((i) => ({ ...i, path: `body.${i.path}` })));
  const found = await ownProposal(ctx.db, caller, id);
  const publication = await getPublication(ctx.db, found.publicationId);
  if (!publication) throw new NotFoundError("публикация", found.publicationId);
  const change = await changeFor(ctx, caller, publication, body);
  return ctx.db.tx(async (q) => {
    const before = await ownProposal(q, caller, id);
    if (before.moderation === "rejected") throw new RuleError("Предложение отклонено модератором: ответ не дается", "portal.rejected");
    if (before.moderation === "pending") throw new RuleError("Сначала проведите модерацию предложения", "portal.pending");
    const ok = await answerProposal(q, id, body.version, {
      decision: body.decision,
      answer: body.answer.trim(),
      change,
      by: caller.actor.userId,
      at: ctx.now().toISOString(),
    });
    if (!ok) throw new ConflictError("Предложение изменено другим пользователем", proposalView(before));
    const after = (await getProposal(q, id))!;
    await audit(q, caller, {
      action: "portal.answer",
      objectType: "proposal",
      objectId: id,
      before: { decision: before.decision },
      after: { decision: after.decision, answer: after.answer, change: change?.changes.map((c) => c.path) ?? null },
    });
    if (after.residentId) {
      const taken = change
        ? ` Изменения в проекте: ${change.changes
            .map((c) => c.label)
            .filter((v, i, a) => a.indexOf(v) === i)
            .join("; ")}.`
        : "";
      await notifyResident(ctx, q, {
        municipalityId: after.municipalityId,
        residentId: after.residentId,
        kind: "proposal.answered",
        objectType: "proposal",
        objectId: id,
        subject: `Ответ на ваше предложение: ${DECISION_LABEL[after.decision ?? ""] ?? after.decision}`,
        body: `На ваше предложение («${excerpt(after.text)}») дан официальный ответ — ${DECISION_LABEL[after.decision ?? ""] ?? after.decision}: ${after.answer ?? ""}${taken}`,
        link: await proposalLink(q, after),
      });
    }
    await notifyFollowers(ctx, q, {
      municipalityId: after.municipalityId,
      objectType: "proposal",
      objectIds: [id],
      notifiedType: "proposal",
      notifiedId: id,
      kind: "follow.answer",
      subject: `Ответ на предложение: ${DECISION_LABEL[after.decision ?? ""] ?? after.decision}`,
      body: `На предложение, за которым вы следите («${excerpt(after.text)}»), дан ответ — ${DECISION_LABEL[after.decision ?? ""] ?? after.decision}: ${after.answer ?? ""}`,
      link: await proposalLink(q, after),
      except: after.residentId,
    });
    return proposalView(after);
  });
}

// ---- votes ------------------------------------------------------------------------------------

async function voteView(q: Queryable, v: VoteRecord): Promise<VoteView> {
  const clock = (await voteClock(q, v.id))!;
  const parsed = parseEligibility(v.eligibility);
  return {
    id: v.id,
    title: v.title,
    description: v.description,
    startsAt: v.startsAt,
    endsAt: v.endsAt,
    maxChoices: v.maxChoices,
    winners: v.winners,
    eligibleVoters: v.eligibleVoters,
    eligibility: "value" in parsed ? parsed.value : { minAge: null, confirmedEmail: true, address: false, identityProvider: false },
    state: clock.closed ? "closed" : clock.open ? "open" : "upcoming",
    options: (await voteOptions(q, v.id)).map((o) => ({ id: o.id, title: o.title, description: o.description })),
    version: v.version,
  };
}

export async function createVote(ctx: AppContext, caller: Caller, body: VoteCreate): Promise<VoteView> {
  const municipalityId = caller.actor.municipalityId;
  ensure(caller.actor, "create", { area: "portal", municipalityId, part: "vote" });
  if (Date.parse(body.endsAt) <= Date.parse(body.startsAt))
    throw new ValidationError([{ path: "body.endsAt", message: "Окончание раньше начала" }]);
  if (body.maxChoices > body.options.length)
    throw new ValidationError([{ path: "body.maxChoices", message: "Выборов больше, чем вариантов" }]);
  if (body.winners > body.options.length)
    throw new ValidationError([{ path: "body.winners", message: "Победителей больше, чем вариантов" }]);
  if (Date.parse(body.startsAt) <= ctx.now().getTime())
    throw new ValidationError([
      { path: "body.startsAt", message: "Голосование назначается на будущее: после начала варианты и правила не меняются" },
    ]);
  return ctx.db.tx(async (q) => {
    const v = await insertVote(q, {
      municipalityId,
      title: body.title,
      description: body.description ?? null,
      startsAt: body.startsAt,
      endsAt: body.endsAt,
      maxChoices: body.maxChoices,
      winners: body.winners,
      eligibility: body.eligibility satisfies Eligibility,
      eligibleVoters: body.eligibleVoters ?? null,
      createdBy: caller.actor.userId,
      options: body.options.map((o) => ({ title: o.title, description: o.description ?? null })),
    });
    await audit(q, caller, { action: "portal.vote", objectType: "vote", objectId: v.id, after: body });
    // closed by the jobs' worker at its end: results published, followers and voters told
    await enqueueJob(q, { kind: VOTE_CLOSE_JOB, uniqueKey: `vote-close:${v.id}`, runAt: v.endsAt, maxAttempts: 1000 });
    return voteView(q, v);
  });
}

/** Replaces the options while the vote has not opened; once open, the database refuses (frozen). */
export async function setVoteOptions(ctx: AppContext, caller: Caller, id: string, body: VoteOptionsBody): Promise<VoteView> {
  ensure(caller.actor, "update", { area: "portal", municipalityId: caller.actor.municipalityId, part: "vote" });
  return ctx.db.tx(async (q) => {
    const v = await getVote(q, id);
    if (!v || v.municipalityId !== caller.actor.municipalityId) throw new NotFoundError("голосование", id);
    const clock = (await voteClock(q, id))!;
    if (clock.open || clock.closed) throw new RuleError("Голосование открыто: варианты и правила заморожены", "portal.voteFrozen");
    if (v.maxChoices > body.options.length) throw new ValidationError([{ path: "body.options", message: "Вариантов меньше, чем выборов" }]);
    await replaceVoteOptions(
      q,
      v,
      body.options.map((o) => ({ title: o.title, description: o.description ?? null })),
    );
    await audit(q, caller, { action: "portal.voteOptions", objectType: "vote", objectId: id, after: body });
    return voteView(q, v);
  });
}

export async function staffVotes(ctx: AppContext, caller: Caller): Promise<VoteList> {
  ensure(caller.actor, "read", { area: "portal", municipalityId: caller.actor.municipalityId });
  const list = await listVotes(ctx.db, caller.actor.municipalityId);
  return { items: await Promise.all(list.map((v) => voteView(ctx.db, v))) };
}

export async function publicVotes(ctx: AppContext, portal: PublicPortal): Promise<VoteView[]> {
  const list = await listVotes(ctx.db, portal.municipalityId);
  return Promise.all(list.map((v) => voteView(ctx.db, v)));
}

async function portalVote(ctx: AppContext, municipalityId: string, id: string): Promise<VoteRecord> {
  const v = await getVote(ctx.db, id);
  if (!v || v.municipalityId !== municipalityId) throw new NotFoundError("голосование", id);
  return v;
}

export async function publicVote(ctx: AppContext, portal: PublicPortal, id: string): Promise<VoteView> {
  return voteView(ctx.db, await portalVote(ctx, portal.municipalityId, id));
}

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

/**
 * Casts the resident's ballot. Exactly one per voter: the UNIQUE (vote_id, voter_key) constraint
 * decides, not a check before the insert, so parallel attempts (through any number of server
 * processes) make one ballot; the others get 409. Answers the receipt code (its SHA-256 is in the
 * published ballots).
 */
export async function castVote(
  ctx: AppContext,
  portal: PublicPortal,
  r: ResidentCaller,
  id: string,
  body: BallotBody,
): Promise<{ receipt: string }> {
  const v = await portalVote(ctx, portal.municipalityId, id);
  const resident = await freshResident(ctx, r);
  const rules = parseEligibility(v.eligibility);
  if (!("value" in rules)) throw new Error(`vote ${id}: stored eligibility rules are invalid`);
  const why = ineligibility(
    rules.value,
    {
      birthYear: resident.birthYear,
      emailConfirmed: resident.emailConfirmedAt !== null,
      address: resident.address,
      identityVerified: resident.identityVerifiedAt !== null,
      birthYearVerified: resident.birthYearVerified,
      addressVerified: resident.addressVerified,
    },
    new Date(v.startsAt).getUTCFullYear(),
  );
  if (why) throw new ForbiddenError(why);
  const options = await voteOptions(ctx.db, id);
  const issues = choiceIssues(
    body.choices,
    options.map((o) => o.id),
    v.maxChoices,
  );
  if (issues.length) throw new ValidationError(issues.map((i) => ({ ...i, path: `body.${i.path}` })));
  const receipt = randomBytes(12).toString("base64url");
  const outcome = await castBallot(ctx.db, {
    voteId: id,
    municipalityId: portal.municipalityId,
    voterId: resident.id,
    voterKey: resident.id,
    receiptHash: sha256(receipt),
    choices: body.choices,
  });
  if (outcome === "duplicate") throw new ConflictError("Вы уже проголосовали: бюллетень принимается один раз");
  if (outcome === "closed") throw new RuleError("Голосование не идет", "portal.voteClosed");
  return { receipt };
}

export async function hasVoted(ctx: AppContext, r: ResidentCaller, voteId: string): Promise<boolean> {
  return hasBallot(ctx.db, voteId, r.resident.id);
}

/** Whether the ballot of this receipt was counted (anyone holding the receipt can check). */
export async function checkReceipt(
  ctx: AppContext,
  portal: PublicPortal,
  id: string,
  receipt: string,
): Promise<{ counted: boolean; receiptSha256: string }> {
  await portalVote(ctx, portal.municipalityId, id);
  const h = sha256(receipt);
  return { counted: await ballotByReceipt(ctx.db, id, h), receiptSha256: h };
}

/**
 * The results, only once the vote has closed (by the database's clock) — for everyone,
 * administrators included: no route answers a count before.
 */
export async function resultsOf(
  q: Queryable,
  v: VoteRecord,
): Promise<{ results: VoteResults; ballots: { receiptHash: string; choices: string[] }[] }> {
  const clock = (await voteClock(q, v.id))!;
  if (!clock.closed)
    throw new RuleError("Итоги скрыты до окончания голосования — от всех, включая администраторов", "portal.resultsHidden");
  const [options, ballots, residents] = await Promise.all([
    voteOptions(q, v.id),
    anonymisedBallots(q, v.id),
    residentsRegisteredBefore(q, v.endsAt),
  ]);
  const counted = tally(options, ballots, v.winners);
  const registered = Math.max(residents, ballots.length);
  // the base: those entitled to vote when the municipality gave their number, else the accounts
  const base = v.eligibleVoters ? Math.max(v.eligibleVoters, ballots.length) : registered;
  return {
    results: {
      voteId: v.id,
      ballots: ballots.length,
      registeredResidents: registered,
      eligibleVoters: v.eligibleVoters,
      turnoutPercent: base ? ((ballots.length * 100) / base).toFixed(1) : "0.0",
      options: counted,
    },
    ballots,
  };
}

export async function voteResults(ctx: AppContext, portal: PublicPortal, id: string): Promise<VoteResults> {
  return (await resultsOf(ctx.db, await portalVote(ctx, portal.municipalityId, id))).results;
}

export async function staffVoteResults(ctx: AppContext, caller: Caller, id: string): Promise<VoteResults> {
  ensure(caller.actor, "read", { area: "portal", municipalityId: caller.actor.municipalityId });
  return (await resultsOf(ctx.db, await portalVote(ctx, caller.actor.municipalityId, id))).results;
}

/** The anonymised ballots of a closed vote (open data): receipt hash and choices, nothing of the voter. */
export async function voteBallots(
  ctx: AppContext,
  portal: PublicPortal,
  id: string,
): Promise<{ receiptHash: string; choices: string[] }[]> {
  return (await resultsOf(ctx.db, await portalVote(ctx, portal.municipalityId, id))).ballots;
}
