/**
 * Citizens' appeals under 59-ФЗ (issue 15, part 3): registration (number, tracking code, the
 * answer's term on the calendar, an anonymous appeal registered but not answered, a repeated one
 * recognised), assignment, redirection within 7 days, one extension of at most 30 days, the answer,
 * the decision to stop the correspondence on a repeated appeal. The author's personal data is shown
 * only to the staff assigned and to the controllers (the office), and each showing is logged; the
 * audit log never stores it (it is append-only, and the data must be purgeable).
 */
import { randomBytes, randomUUID } from "node:crypto";
import {
  appealAnswers,
  appealEvents,
  decideAppealAnswer,
  insertAppealAnswer,
  insertAppealEvent,
  type AppealAnswerRecord,
  registrationReads,
  getAppeal,
  getAppealByTrackingCode,
  getMunicipality,
  listAnswerTemplates,
  enqueueJob,
  insertAppealNotice,
  setAppealFeedback,
  appealNumberPlaceholder,
  insertNotification,
  type NumberedAppeal,
  listAppeals,
  logAppealAccess,
  purgeAppealPersonalData,
  purgeAppealFiles,
  updateAppeal,
  type AppealRecord,
  type Queryable,
} from "@orientir/db";
import type {
  AnswerDraft,
  Appeal,
  AppealBody,
  AppealFeedbackBody,
  AppealList,
  AppealListQuery,
  AppealRegistered,
  AppealStepBody,
  AppealTracking,
} from "@orientir/contracts";
import {
  ANONYMOUS_CLAUSE,
  APPEAL_TOPICS,
  ConflictError,
  DEFAULT_NUMBERING_RULES,
  LAW_59_TERMS,
  NotFoundError,
  REPEATED_CLAUSE,
  answerDeadline,
  appealNotice,
  DEFAULT_ANSWER_TEMPLATES,
  fillAnswerTemplate,
  authorize,
  ensure,
  extendedDeadline,
  registrationNumberTemplate,
  isAnonymous,
  personKey,
  purgeAfter,
  redirectionDeadline,
  trackingCodeFrom,
  yearOf,
  type Actor,
  type OrderParty,
  type ValidationError,
} from "@orientir/domain";
import type { AppContext, Caller } from "../context.ts";
import { audit } from "../audit.ts";
import { auditEntry } from "../audit-last.ts";
import { registerInBatch } from "./appeal-batches.ts";
import {
  PAGE_SIZE,
  blankToNull,
  controlSetup,
  controlSetupUnder,
  decodeCursor,
  hasKeptControlSetup,
  invalid,
  pageOf,
  partiesOf,
  requireIn,
  type ControlSetup,
} from "./shared.ts";

function appealParties(actor: Actor, setup: ControlSetup, a: AppealRecord): OrderParty[] {
  const parties = partiesOf(actor, setup.settings, { departmentId: a.assignedDepartmentId, userId: a.assignedUserId, controllerId: null });
  // the head of the assigned department approves its answers (and sees what they approve)
  if (a.assignedDepartmentId !== null && setup.heads.get(a.assignedDepartmentId) === actor.userId) parties.push("departmentHead");
  return parties;
}

const APPEAL_STEPS = ["assign", "redirect", "extend", "answer", "stop", "approveAnswer", "returnAnswer"] as const;

/**
 * The steps the actor may take on the appeal now: what 59-ФЗ leaves open and the permissions allow.
 * `pendingBy`: who sent the draft awaiting approval (null: none awaits); the drafter does not approve
 * their own draft.
 */
export function appealActions(
  actor: Actor,
  setup: ControlSetup,
  a: AppealRecord,
  pendingBy: string | null = null,
  /** The permission's answers by parties and step, kept over a list's rows (the same actor). */
  memo?: Map<string, boolean>,
): Appeal["actions"] {
  if (a.state !== "registered" && a.state !== "inWork") return [];
  const pending = pendingBy !== null;
  const lawful = {
    assign: true,
    redirect: setup.today <= redirectionDeadline(a.registeredOn),
    extend: !a.extended,
    answer: !a.anonymous && !pending,
    stop: a.repeatedOf !== null,
    approveAnswer: pending && pendingBy !== actor.userId,
    returnAnswer: pending && pendingBy !== actor.userId,
  };
  const parties = appealParties(actor, setup, a);
  const allowed = (step: (typeof APPEAL_STEPS)[number]) =>
    authorize(actor, "update", { area: "control", municipalityId: actor.municipalityId, part: "appeal", parties, step }).allowed;
  return APPEAL_STEPS.filter((step) => {
    if (!lawful[step]) return false;
    if (!memo) return allowed(step);
    const key = `${parties.join(",")}|${step}`;
    let ok = memo.get(key);
    if (ok === undefined) memo.set(key, (ok = allowed(step)));
    return ok;
  });
}

/** Who sent the draft awaiting approval, or null. */
const pendingBy = (rounds: readonly AppealAnswerRecord[]): string | null =>
  rounds.find((r) => r.state === "pending")?.draftedBy ?? (rounds.some((r) => r.state === "pending") ? "" : null);

/** The appeal as the reader may see it: the author only where the rules allow (the caller logs that). */
function view(a: AppealRecord, withAuthor: boolean, actions: Appeal["actions"] = [], rounds: readonly AppealAnswerRecord[] = []): Appeal {
  return {
    id: a.id,
    number: a.number,
    channel: a.channel,
    receivedOn: a.receivedOn,
    registeredOn: a.registeredOn,
    collective: a.collective,
    signatories: a.signatories,
    anonymous: a.anonymous,
    author: withAuthor ? { name: a.authorName, address: a.authorAddress, email: a.authorEmail } : null,
    text: a.text,
    topicCode: a.topicCode,
    topicTitle: APPEAL_TOPICS.get(a.topicCode)?.title ?? null,
    district: a.district,
    assignedDepartmentId: a.assignedDepartmentId,
    assignedUserId: a.assignedUserId,
    state: a.state,
    due: a.due,
    extended: a.extended,
    redirectedTo: a.redirectedTo,
    answeredOn: a.answeredOn,
    repeatedOf: a.repeatedOf,
    version: a.version,
    feedback: a.feedback,
    feedbackComment: a.feedbackComment,
    actions,
    // the drafts name the author: their texts only for those who see the personal data
    answers: rounds.map((r) => ({
      round: r.round,
      state: r.state,
      templateCode: r.templateCode,
      text: withAuthor ? r.text : null,
      draftedBy: r.draftedBy,
      draftedAt: r.draftedAt,
      decidedBy: r.decidedBy,
      decidedAt: r.decidedAt,
      remark: r.remark,
    })),
  };
}

/** What goes to the audit log: the appeal without its author's personal data. */
function auditable(
  a: AppealRecord,
): Omit<AppealRecord, "authorName" | "authorAddress" | "authorEmail" | "authorNameKey" | "authorAddressKey"> {
  const { authorName: _n, authorAddress: _a, authorEmail: _e, authorNameKey: _nk, authorAddressKey: _ak, ...rest } = a;
  return rest;
}

async function showAuthor(
  q: Queryable,
  ctx: AppContext,
  actor: Actor,
  setup: ControlSetup,
  a: AppealRecord,
  purpose: string,
): Promise<boolean> {
  const allowed = authorize(actor, "read", {
    area: "control",
    municipalityId: actor.municipalityId,
    part: "appeal",
    parties: appealParties(actor, setup, a),
    personalData: true,
  }).allowed;
  if (allowed)
    await logAppealAccess(q, {
      municipalityId: actor.municipalityId,
      appealId: a.id,
      userId: actor.userId,
      purpose,
      at: ctx.now().toISOString(),
    });
  return allowed;
}

/**
 * Registers an appeal (the office): its number, its tracking code, its term; anonymous and repeated
 * recognised. The checks and reads are the request's own (a bad input gets its own 400); the write
 * joins the municipality's registrations being written together (`registerInBatch`). While this
 * process keeps the control's setup (`keptControlSetup`), the registration's reads (`registrationReads`)
 * also read the setup's counter, and the kept setup is taken only under that same number; otherwise
 * (changed since, or none kept) the setup is read as before, after them. Either way the checks run in
 * the same order as before (the permission, then each field's own 400).
 */
export async function registerAppeal(ctx: AppContext, caller: Caller, body: AppealBody): Promise<AppealRegistered> {
  const { actor } = caller;
  const m = actor.municipalityId;
  // reads only until the write: no transaction of the request's own (the batch's is the one)
  let read: RegistrationRead | undefined;
  let setup: ControlSetup;
  if (hasKeptControlSetup(ctx.db, m) && !plainlyInvalid(body)) {
    read = await registrationReads(ctx.db, m, registrationQuery(body));
    setup = await controlSetupUnder(ctx.db, m, read.setupChange, ctx.now());
  } else setup = await controlSetup(ctx.db, m, ctx.now());
  ensure(actor, "create", { area: "control", municipalityId: m, part: "appeal", parties: partiesOf(actor, setup.settings) });
  const a = await prepareRegistration(ctx, ctx.db, m, setup, body, actor.userId, undefined, read);
  // the number and the earlier appeal of the same author filled in by the database, at the write
  const placeholder = appealNumberPlaceholder();
  const repeatedPlaceholder = appealNumberPlaceholder();
  const row = await registerInBatch(ctx.db, {
    appeal: a,
    audit: {
      at: ctx.now().toISOString(),
      placeholder,
      repeatedPlaceholder,
      entry: auditEntry(caller, m, {
        action: "appeal.create",
        objectType: "appeal",
        objectId: a.id,
        // the appeal as registered, without its author's personal data
        after: {
          id: a.id,
          municipalityId: m,
          number: placeholder,
          trackingCode: a.trackingCode,
          channel: a.channel,
          receivedOn: a.receivedOn,
          registeredOn: a.registeredOn,
          collective: a.collective,
          signatories: a.signatories,
          anonymous: a.anonymous,
          text: a.text,
          topicCode: a.topicCode,
          district: a.district,
          assignedDepartmentId: a.assignedDepartmentId,
          state: a.state,
          due: a.due,
          repeatedOf: repeatedPlaceholder,
          createdBy: a.createdBy,
        },
      }),
    },
  });
  return { ...view(row, true, appealActions(actor, setup, row)), trackingCode: row.trackingCode };
}

/**
 * Whether the body fails a check of `prepareRegistration` that needs neither the setup nor the reads
 * (its 400 then comes as before: the setup read, the reads spared).
 */
function plainlyInvalid(body: AppealBody): boolean {
  return (body.registeredOn != null && body.registeredOn < body.receivedOn) || topicOrSignatoriesError(body) !== null;
}

/** The 400 of a topic not in the classifier, or of signatories that do not fit the appeal's kind; null if neither. */
function topicOrSignatoriesError(body: AppealBody): ValidationError | null {
  if (!APPEAL_TOPICS.has(body.topicCode))
    return invalid("topicCode", "Нет такой темы в классификаторе обращений", "No such topic in the classifier");
  const collective = body.collective ?? false;
  const signatories = body.signatories ?? 1;
  if (collective && signatories < 2) return invalid("signatories", "Коллективное обращение подписывают два и более человека");
  if (!collective && signatories !== 1) return invalid("signatories", "Индивидуальное обращение подписывает один человек");
  return null;
}

/** What a registration's reads (`registrationReads`) answer. */
type RegistrationRead = Awaited<ReturnType<typeof registrationReads>>;

/** The author as registered (blank fields null), whether anonymous, and the author's keys. */
function authorOf(body: AppealBody) {
  const author = {
    authorName: blankToNull(body.authorName),
    authorAddress: blankToNull(body.authorAddress),
    authorEmail: blankToNull(body.authorEmail),
  };
  const anonymous = isAnonymous(author);
  const keys = { authorNameKey: personKey(author.authorName), authorAddressKey: personKey(author.authorAddress) };
  return { author, anonymous, keys };
}

/** What a registration reads (`registrationReads`): the department, the author (for the repeated check), the numbering rule's kind. */
function registrationQuery(body: AppealBody): Parameters<typeof registrationReads>[2] {
  const { author, anonymous, keys } = authorOf(body);
  return {
    departmentId: body.assignedDepartmentId ?? null,
    author:
      anonymous || keys.authorNameKey === null
        ? null
        : { nameKey: keys.authorNameKey, addressKey: keys.authorAddressKey, email: author.authorEmail },
    kind: "appeal",
  };
}

/**
 * The registration itself (the office's and the portal's), before its write: checks, the tracking
 * code, the term, anonymous and repeated recognised, the numbering rule; the caller writes it with
 * `registerInBatch` (the number, the appeal, its first step, the audit entry, the COMMIT — together
 * with the registrations waiting beside it; the earlier appeal of the same author looked up again there).
 */
export async function prepareRegistration(
  ctx: AppContext,
  q: Queryable,
  m: string,
  setup: ControlSetup,
  body: AppealBody,
  createdBy: string | null,
  portal?: NumberedAppeal["portal"],
  /** The reads already made for this body (`registrationReads` of `registrationQuery(body)`), or read here. */
  read?: RegistrationRead,
): Promise<NumberedAppeal & { id: string }> {
  {
    const registeredOn = body.registeredOn ?? setup.today;
    if (registeredOn < body.receivedOn) throw invalid("registeredOn", "Обращение не регистрируется раньше, чем поступило");
    if (registeredOn > setup.today) throw invalid("registeredOn", "Дата регистрации не может быть в будущем");
    const wrong = topicOrSignatoriesError(body);
    if (wrong) throw wrong;
    const { author, anonymous, keys } = authorOf(body);
    // the department, the repeated check and the numbering rule in one statement
    const reads = read ?? (await registrationReads(q, m, registrationQuery(body)));
    if (!reads.departmentFound) throw invalid("assignedDepartmentId", "Нет такого объекта: подразделение", "No such подразделение");
    const earlier = reads.earlier;
    const year = yearOf(registeredOn);
    const rule = reads.rule ?? DEFAULT_NUMBERING_RULES.appeal;
    return {
      id: randomUUID(),
      kind: "appeal",
      year,
      numberTemplate: registrationNumberTemplate(rule, year),
      at: ctx.now().toISOString(),
      portal,
      municipalityId: m,
      trackingCode: trackingCodeFrom(randomBytes(12)),
      channel: body.channel,
      receivedOn: body.receivedOn,
      registeredOn,
      collective: body.collective ?? false,
      signatories: body.signatories ?? 1,
      anonymous,
      ...author,
      ...(anonymous ? { authorNameKey: null, authorAddressKey: null } : keys),
      text: body.text.trim(),
      topicCode: body.topicCode,
      district: blankToNull(body.district),
      assignedDepartmentId: body.assignedDepartmentId ?? null,
      // an anonymous appeal is registered and not answered (59-ФЗ art. 11 p. 1)
      state: anonymous ? "notAnswered" : "registered",
      due: answerDeadline(registeredOn, setup.calendar),
      repeatedOf: earlier?.id ?? null,
      createdBy,
    };
  }
}

/** What each step writes to the audit log. */
const STEP_AUDIT: Record<AppealStepBody["action"], string> = {
  assign: "appeal.assign",
  redirect: "appeal.redirect",
  extend: "appeal.extend",
  answer: "appeal.answerSubmit",
  stop: "appeal.stop",
  approveAnswer: "appeal.answerApprove",
  returnAnswer: "appeal.answerReturn",
};
/** The step the author follows by the tracking code, for the steps that are one. */
const STEP_EVENT = {
  assign: "assigned",
  redirect: "redirected",
  extend: "extended",
  approveAnswer: "answered",
  stop: "stopped",
} as const;

/**
 * A step of an appeal's handling: assign, redirect, extend, stop the correspondence; the answer in
 * two steps: the drafted text sent for approval ("answer"), then approved by the head of the assigned
 * department or a controller — and only then sent to the author ("approveAnswer") — or returned with a
 * remark ("returnAnswer"). The drafter does not approve their own draft; every round is kept.
 */
export async function appealStep(ctx: AppContext, caller: Caller, id: string, body: AppealStepBody): Promise<Appeal> {
  const { actor } = caller;
  const m = actor.municipalityId;
  return ctx.db.tx(async (q) => {
    const a = await getAppeal(q, id, true);
    if (!a || a.municipalityId !== m) throw new NotFoundError("обращение", id);
    const setup = await controlSetup(q, m, ctx.now());
    ensure(actor, "update", {
      area: "control",
      municipalityId: m,
      part: "appeal",
      parties: appealParties(actor, setup, a),
      step: body.action,
    });
    if (body.version !== a.version) throw new ConflictError("Обращение изменено другим пользователем: обновите страницу");
    const open = a.state === "registered" || a.state === "inWork";
    if (!open) throw invalid("action", `Обращение уже закрыто (${a.state})`);
    const today = setup.today;
    const at = ctx.now().toISOString();
    const rounds = await appealAnswers(q, a.id);
    const pending = rounds.find((r) => r.state === "pending") ?? null;
    let change: Parameters<typeof updateAppeal>[3];
    let round: AppealAnswerRecord | null = null;
    switch (body.action) {
      case "assign":
        if (!body.assignedDepartmentId) throw invalid("assignedDepartmentId", "Укажите подразделение");
        await requireIn(q, "department", m, body.assignedDepartmentId, "assignedDepartmentId", "подразделение");
        await requireIn(q, "member", m, body.assignedUserId, "assignedUserId", "пользователь");
        change = { assignedDepartmentId: body.assignedDepartmentId, assignedUserId: body.assignedUserId ?? null, state: "inWork" };
        break;
      case "redirect": {
        const to = blankToNull(body.redirectedTo);
        if (!to) throw invalid("redirectedTo", "Укажите орган, которому направлено обращение");
        const last = redirectionDeadline(a.registeredOn);
        if (today > last)
          throw invalid("action", `Срок переадресации истек ${last} (${LAW_59_TERMS.redirectionDays.clause}): ответ дается по существу`);
        change = { state: "redirected", redirectedTo: to, redirectedOn: today, purgeAfter: purgeAfter(today, "ordinary") };
        break;
      }
      case "extend": {
        if (a.extended) throw invalid("action", `Срок продлевается один раз (${LAW_59_TERMS.extensionDays.clause})`);
        if (!body.newDue) throw invalid("newDue", "Укажите новый срок");
        if (!blankToNull(body.reason)) throw invalid("reason", "Укажите причину продления: автор уведомляется о ней");
        const e = extendedDeadline(a.due, body.newDue);
        if (!e.ok) throw invalid("newDue", e.message);
        change = { due: e.due, extended: true };
        break;
      }
      case "answer": {
        if (a.anonymous) throw invalid("action", `Анонимное обращение не подлежит ответу (${ANONYMOUS_CLAUSE})`);
        if (pending) throw invalid("action", "Проект ответа уже на утверждении", "An answer already awaits approval");
        const text = blankToNull(body.answerText);
        if (!text) throw invalid("answerText", "Напишите ответ");
        round = await insertAppealAnswer(q, {
          municipalityId: m,
          appealId: a.id,
          templateCode: blankToNull(body.templateCode),
          text,
          draftedBy: actor.userId,
          at,
        });
        change = {};
        break;
      }
      case "approveAnswer":
      case "returnAnswer": {
        if (!pending) throw invalid("action", "Нет проекта ответа на утверждении", "No answer awaits approval");
        if (pending.draftedBy === actor.userId)
          throw invalid("action", "Свой проект ответа утверждает другой сотрудник", "Another person approves your own draft");
        const remark = blankToNull(body.reason);
        if (body.action === "returnAnswer" && !remark) throw invalid("reason", "Укажите замечание: проект возвращается с ним");
        round = await decideAppealAnswer(q, a.id, {
          state: body.action === "approveAnswer" ? "approved" : "returned",
          decidedBy: actor.userId,
          at,
          remark,
        });
        change =
          body.action === "approveAnswer"
            ? { state: "answered", answerText: pending.text, answeredOn: today, purgeAfter: purgeAfter(today, "ordinary") }
            : {};
        // the drafter learns in the bell that the draft came back, with the remark and a link to the appeal
        if (body.action === "returnAnswer" && pending.draftedBy !== null)
          await insertNotification(q, {
            municipalityId: m,
            userId: pending.draftedBy,
            programId: null,
            kind: "control.appeal",
            title: `Проект ответа на обращение ${a.number} возвращен на доработку`,
            body: `Замечание: ${remark ?? ""}`,
            link: `/control/appeals/${a.id}`,
            deadlineKey: null,
            moment: null,
            dueDate: a.due,
            at,
          });
        break;
      }
      case "stop":
        if (!a.repeatedOf) throw invalid("action", `Переписка прекращается только по повторному обращению (${REPEATED_CLAUSE})`);
        if (!blankToNull(body.reason)) throw invalid("reason", "Укажите основание решения о прекращении переписки");
        change = { state: "stopped", answeredOn: today, purgeAfter: purgeAfter(today, "ordinary") };
        break;
    }
    const updated = await updateAppeal(q, a.id, a.version, change);
    if (!updated) throw new ConflictError("Обращение изменено другим пользователем: обновите страницу");
    const noticeKind =
      body.action === "redirect" || body.action === "extend" || body.action === "stop"
        ? body.action
        : body.action === "approveAnswer"
          ? ("answer" as const)
          : null;
    const noticed = noticeKind === null ? false : await noticeToAuthor(ctx, q, updated, noticeKind, blankToNull(body.reason));
    if (body.action in STEP_EVENT)
      await insertAppealEvent(q, {
        appealId: a.id,
        kind: STEP_EVENT[body.action as keyof typeof STEP_EVENT],
        onDate: today,
        due: updated.due,
        // the author is told by e-mail, or by a letter to the postal address
        noticed: noticeKind !== null && (noticed || updated.authorAddress !== null),
        at,
      });
    await audit(q, caller, {
      action: STEP_AUDIT[body.action],
      objectType: "appeal",
      objectId: a.id,
      before: auditable(a),
      after: {
        ...auditable(updated),
        reason: blankToNull(body.reason),
        noticeToAuthor: noticeKind !== null,
        noticeByEmail: noticed,
        ...(round ? { answerRound: round.round, answerState: round.state } : {}),
      },
    });
    const after = await appealAnswers(q, a.id);
    return view(
      updated,
      await showAuthor(q, ctx, actor, setup, updated, STEP_AUDIT[body.action]),
      appealActions(actor, setup, updated, pendingBy(after)),
      after,
    );
  });
}

/** One appeal; its author's data only for the assigned staff and the controllers, each reading logged. */
export async function appeal(ctx: AppContext, caller: Caller, id: string): Promise<Appeal> {
  const { actor } = caller;
  ensure(actor, "read", { area: "control", municipalityId: actor.municipalityId, part: "appeal", parties: [] });
  return ctx.db.tx(async (q) => {
    const a = await getAppeal(q, id);
    if (!a || a.municipalityId !== actor.municipalityId) throw new NotFoundError("обращение", id);
    const setup = await controlSetup(q, actor.municipalityId, ctx.now());
    const rounds = await appealAnswers(q, a.id);
    return view(a, await showAuthor(q, ctx, actor, setup, a, "appeal.read"), appealActions(actor, setup, a, pendingBy(rounds)), rounds);
  });
}

/**
 * The first pages' counts of the appeals' lists last read, per database, then per municipality and
 * list (its filters, the person and their department), each with the municipality's change counter
 * read in the same snapshot (`control_change`): `listAppeals` gives the count back without counting
 * again while the counter its own statement reads is still that number — exact, in any number of
 * server processes (any committed write to the municipality's appeals or orders changes it). The
 * oldest are dropped beyond the bound.
 */
const KEPT_COUNTS = new WeakMap<object, Map<string, { change: string; total: number }>>();
const KEPT_COUNTS_BOUND = 10_000;

function keptCounts(ctx: AppContext): Map<string, { change: string; total: number }> {
  let m = KEPT_COUNTS.get(ctx.db);
  if (!m) KEPT_COUNTS.set(ctx.db, (m = new Map<string, { change: string; total: number }>()));
  return m;
}

/**
 * The appeals (of a year, or the latest), without personal data: all, the open ones by their term
 * (`due`), the open ones past it (`overdue`); `mine` — assigned to me or to my department.
 */
export async function appeals(ctx: AppContext, caller: Caller, query: AppealListQuery = {}): Promise<AppealList> {
  const { actor } = caller;
  ensure(actor, "read", { area: "control", municipalityId: actor.municipalityId, part: "appeal", parties: [] });
  const filter = query.filter ?? "all";
  // the setup kept by this process is taken if the list's statement shows it unchanged (then no
  // statement of its own); read first when none is kept, or when the list needs today (overdue)
  const early =
    filter === "overdue" || !hasKeptControlSetup(ctx.db, actor.municipalityId)
      ? await controlSetup(ctx.db, actor.municipalityId, ctx.now())
      : null;
  const open = filter !== "all";
  const limit = query.limit ?? PAGE_SIZE;
  const after = decodeCursor(query.after);
  const overdueBefore = filter === "overdue" ? early!.today : null;
  const assignedTo = query.mine === "1" ? { userId: actor.userId, departmentId: actor.departmentId } : null;
  // the first page's count as last read for the same list, under the change counter it was read with
  const counts = after === null ? keptCounts(ctx) : null;
  const key = `${actor.municipalityId}|${query.year ?? ""}|${open}|${overdueBefore ?? ""}|${assignedTo ? `${assignedTo.userId}|${assignedTo.departmentId ?? ""}` : ""}`;
  const kept = counts?.get(key) ?? null;
  // a page (one row more tells whether another follows), counted with the first page
  const rows = await listAppeals(ctx.db, actor.municipalityId, {
    year: query.year ?? null,
    limit: limit + 1,
    openOnly: open,
    overdueBefore,
    assignedTo,
    after,
    count: after === null,
    kept,
  });
  const first = rows[0];
  if (counts && first?.change != null && first.total != null && (kept?.change !== first.change || kept.total !== first.total)) {
    counts.delete(key);
    if (counts.size >= KEPT_COUNTS_BOUND) counts.delete(counts.keys().next().value!);
    counts.set(key, { change: first.change, total: first.total });
  }
  const setup = early ?? (await controlSetupUnder(ctx.db, actor.municipalityId, first?.setupChange, ctx.now()));
  const page = pageOf(rows, limit, after === null, (a) => (open ? a.due : a.receivedOn));
  // the approval rounds are shown on the appeal's page; the list knows only whether a draft awaits
  // (who sent it: read with the list, in its statement)
  // the permission's answers are the same for the same parties and step: decided once per list
  const memo = new Map<string, boolean>();
  return {
    items: page.rows.map((a) => view(a, false, appealActions(actor, setup, a, a.pendingBy, memo))),
    next: page.next,
    total: page.total,
    totalCapped: page.totalCapped,
  };
}

/**
 * Queues the notice of a step to the author by e-mail when they gave an address (a letter is sent
 * by the office otherwise), and the job that sends it; answers whether a mail was queued.
 */
async function noticeToAuthor(
  ctx: AppContext,
  q: Queryable,
  a: AppealRecord,
  kind: "redirect" | "extend" | "answer" | "stop",
  reason: string | null,
): Promise<boolean> {
  if (!a.authorEmail || a.anonymous) return false;
  const municipality = await getMunicipality(q, a.municipalityId);
  const n = appealNotice(kind, {
    number: a.number,
    registeredOn: a.registeredOn,
    authorName: a.authorName,
    municipality: municipality?.name ?? "",
    trackingCode: a.trackingCode,
    redirectedTo: a.redirectedTo,
    due: a.due,
    reason,
    answerText: a.answerText,
  });
  const at = ctx.now().toISOString();
  const id = await insertAppealNotice(q, {
    municipalityId: a.municipalityId,
    appealId: a.id,
    toAddress: a.authorEmail,
    subject: n.subject,
    body: n.body,
    moment: `${kind}:${a.version}`,
    at,
  });
  if (id)
    await enqueueJob(q, {
      kind: "email.send",
      payload: { outboxId: id },
      uniqueKey: `email:${id}`,
      runAt: at,
      municipalityId: a.municipalityId,
      maxAttempts: 8,
    });
  return id !== null;
}

/** The author's feedback on the answer, by the tracking code (no account); given once. */
export async function appealFeedback(ctx: AppContext, code: string, body: AppealFeedbackBody): Promise<AppealTracking> {
  return ctx.db.tx(async (q) => {
    const a = await getAppealByTrackingCode(q, code);
    if (!a) throw new NotFoundError("обращение с таким кодом");
    if (a.state !== "answered") throw invalid("feedback", "Отзыв дается на ответ: ответа по обращению еще нет");
    if (!(await setAppealFeedback(q, a.id, { feedback: body.feedback, comment: blankToNull(body.comment), at: ctx.now().toISOString() })))
      throw new ConflictError("Отзыв по этому обращению уже дан");
    return trackingOf({ ...a, feedback: body.feedback }, await stepsOf(q, a.id));
  });
}

function trackingOf(a: AppealRecord, steps: AppealTracking["steps"]): AppealTracking {
  return {
    redirectedTo: a.redirectedTo,
    // an appeal registered before the steps were recorded shows at least its registration
    steps: steps.length ? steps : [{ kind: "registered", on: a.registeredOn, due: a.due, noticed: false }],
    number: a.number,
    registeredOn: a.registeredOn,
    state: a.state,
    due: a.due,
    extended: a.extended,
    answeredOn: a.answeredOn,
    feedback: a.feedback,
  };
}

/** Where an appeal stands, for its author following it by the tracking code (no sign-in, no personal data). */
export async function trackAppeal(ctx: AppContext, code: string, municipalityId?: string): Promise<AppealTracking> {
  const a = await getAppealByTrackingCode(ctx.db, code);
  // on a municipality's portal, only its own appeals
  if (!a || (municipalityId !== undefined && a.municipalityId !== municipalityId)) throw new NotFoundError("обращение с таким кодом");
  return trackingOf(a, await stepsOf(ctx.db, a.id));
}

async function stepsOf(q: Queryable, appealId: string): Promise<AppealTracking["steps"]> {
  return (await appealEvents(q, appealId)).map((e) => ({ kind: e.kind, on: e.onDate, due: e.due, noticed: e.noticed }));
}

/** Erases the personal data whose retention ended (by APPEAL_RETENTION_RULES), in every municipality's today. */
export async function purgeAppeals(ctx: AppContext, q: Queryable, municipalityId: string): Promise<number> {
  const setup = await controlSetup(q, municipalityId, ctx.now());
  await purgeAppealFiles(q, municipalityId, setup.today); // an appeal's files are personal data
  return purgeAppealPersonalData(q, municipalityId, setup.today);
}

/** The answer drafted from a template (the municipality's, else the defaults), for those who may answer. */
export async function appealAnswerDraft(ctx: AppContext, caller: Caller, id: string, code: string | null): Promise<AnswerDraft> {
  const { actor } = caller;
  const m = actor.municipalityId;
  return ctx.db.tx(async (q) => {
    const a = await getAppeal(q, id);
    if (!a || a.municipalityId !== m) throw new NotFoundError("обращение", id);
    const setup = await controlSetup(q, m, ctx.now());
    ensure(actor, "update", {
      area: "control",
      municipalityId: m,
      part: "appeal",
      parties: appealParties(actor, setup, a),
      step: "answer",
    });
    const own = await listAnswerTemplates(q, m);
    const byCode = new Map([...DEFAULT_ANSWER_TEMPLATES, ...own].map((t) => [t.code, t]));
    const templates = [...byCode.values()];
    const chosen = code === null ? templates[0] : byCode.get(code);
    if (!chosen) throw invalid("template", "Нет такого шаблона ответа", "No such answer template");
    const municipality = await getMunicipality(q, m);
    const ru = (d: string) => d.split("-").reverse().join(".");
    // the draft carries the author's name: its showing is logged like any other
    const withAuthor = await showAuthor(q, ctx, actor, setup, a, "appeal.answerDraft");
    return {
      templates: templates.map((t) => ({ code: t.code, title: t.title })),
      template: chosen.code,
      text: fillAnswerTemplate(chosen.body, {
        author: withAuthor ? a.authorName : null,
        number: a.number,
        registeredOn: ru(a.registeredOn),
        topic: APPEAL_TOPICS.get(a.topicCode)?.title ?? a.topicCode,
        district: a.district,
        municipality: municipality?.name ?? null,
        due: ru(a.due),
      }),
    };
  });
}

/** What the answer letter says: the answered appeal with its author, for those who see the personal data. */
export async function appealLetter(
  ctx: AppContext,
  caller: Caller,
  id: string,
): Promise<{
  municipality: string;
  number: string;
  registeredOn: string;
  authorName: string | null;
  authorAddress: string | null;
  answerText: string;
  answeredOn: string;
}> {
  const { actor } = caller;
  const m = actor.municipalityId;
  return ctx.db.tx(async (q) => {
    const a = await getAppeal(q, id);
    if (!a || a.municipalityId !== m) throw new NotFoundError("обращение", id);
    const setup = await controlSetup(q, m, ctx.now());
    ensure(actor, "read", {
      area: "control",
      municipalityId: m,
      part: "appeal",
      parties: appealParties(actor, setup, a),
      personalData: true,
    });
    if (a.state !== "answered" || !a.answerText || !a.answeredOn)
      throw invalid("id", "Письмо формируется по данному ответу: ответа еще нет");
    await showAuthor(q, ctx, actor, setup, a, "appeal.letter");
    const municipality = await getMunicipality(q, m);
    return {
      municipality: municipality?.name ?? "",
      number: a.number,
      registeredOn: a.registeredOn,
      authorName: a.authorName,
      authorAddress: a.authorAddress,
      answerText: a.answerText,
      answeredOn: a.answeredOn,
    };
  });
}
