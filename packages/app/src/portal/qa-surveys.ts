/**
 * Live Q&A sessions with the drafters and surveys of residents (issue 14, part 5).
 *
 * Q&A: staff schedule a session at a set time, linked to a publication, naming the drafters who
 * answer. Signed-in residents send questions beforehand and live (until the session ends);
 * staff moderate them (pre- or post-moderation, the portal's setting) and record each answer
 * under a drafter's name once the session has begun. The published questions with their answers
 * are the session's transcript, public on the portal.
 *
 * Surveys: staff build a survey (single and multiple choice, scale, free text) with its open and
 * close moments; its questions cannot change afterwards (there is no edit). A signed-in resident
 * responds once (a unique constraint). Results — counts per option, a scale's distribution and
 * mean — are public once the survey closes, as a page with charts and as open data; free-text
 * answers are shown to staff only (they may hold personal data).
 */
import {
  answerQaQuestion,
  getPublication,
  getQaQuestion,
  getQaSession,
  getSurvey,
  hasSurveyResponse,
  insertQaQuestion,
  insertQaSession,
  insertSurvey,
  insertSurveyResponse,
  listQaSessions,
  listSurveys,
  moderateQaQuestion,
  portalSettingOf,
  qaQuestions,
  surveyAnswers,
  surveyQuestions,
  type QaQuestionRecord,
  type QaSessionRecord,
  type Queryable,
  type SurveyQuestionRecord,
  type SurveyRecord,
} from "@orientir/db";
import {
  ConflictError,
  NotFoundError,
  RuleError,
  ValidationError,
  checkSurveyAnswers,
  ensure,
  normaliseSurveyAnswers,
  tallySurvey,
  type FieldIssue,
  type SurveyAnswer,
  type SurveyQuestionDef,
  type SurveyResults,
} from "@orientir/domain";
import type {
  QaAnswerBody,
  QaModerationBody,
  QaQuestionCreate,
  QaQuestionView,
  QaSessionCreate,
  QaSessionList,
  QaSessionView,
  SurveyCreate,
  SurveyList,
  SurveyResponseBody,
  SurveyResultsView,
  SurveyView,
} from "@orientir/contracts";
import type { AppContext, Caller } from "../context.ts";
import { audit } from "../audit.ts";
import type { Dataset } from "./publications.ts";
import type { PublicPortal } from "./publications.ts";
import { RESIDENT_LIMITS, freshResident, throttle, type ResidentCaller } from "./residents.ts";
import { initialsOf } from "./participation.ts";
import { notifyResident } from "./notify.ts";

// ---- Q&A ----------------------------------------------------------------------------------------

function questionView(x: QaQuestionRecord): QaQuestionView {
  return {
    id: x.id,
    sessionId: x.sessionId,
    authorName: x.authorName,
    text: x.text,
    phase: x.phase,
    moderation: x.moderation,
    moderationReason: x.moderationReason,
    answer: x.answer,
    answeredBy: x.answeredBy,
    answeredAt: x.answeredAt,
    createdAt: x.createdAt,
    version: x.version,
  };
}

function sessionState(s: QaSessionRecord, now: Date): "upcoming" | "live" | "ended" {
  const t = now.getTime();
  return t < Date.parse(s.startsAt) ? "upcoming" : t < Date.parse(s.endsAt) ? "live" : "ended";
}

function sessionView(ctx: AppContext, s: QaSessionRecord, questions: QaQuestionRecord[]): QaSessionView {
  return {
    id: s.id,
    publicationId: s.publicationId,
    title: s.title,
    description: s.description,
    startsAt: s.startsAt,
    endsAt: s.endsAt,
    state: sessionState(s, ctx.now()),
    drafters: s.drafters as { name: string; position: string }[],
    questions: questions.map(questionView),
    version: s.version,
  };
}

async function checkPublication(ctx: AppContext, municipalityId: string, id: string | null | undefined): Promise<void> {
  if (!id) return;
  const p = await getPublication(ctx.db, id);
  if (!p || p.municipalityId !== municipalityId || p.status !== "published")
    throw new ValidationError([{ path: "body.publicationId", message: "Нет такой опубликованной публикации" }]);
}

export async function scheduleQaSession(ctx: AppContext, caller: Caller, body: QaSessionCreate): Promise<QaSessionView> {
  const municipalityId = caller.actor.municipalityId;
  ensure(caller.actor, "create", { area: "portal", municipalityId, part: "publication" });
  if (Date.parse(body.startsAt) <= ctx.now().getTime())
    throw new ValidationError([{ path: "body.startsAt", message: "Сессия назначается заранее: время начала в будущем" }]);
  if (Date.parse(body.endsAt) <= Date.parse(body.startsAt))
    throw new ValidationError([{ path: "body.endsAt", message: "Окончание сессии позже ее начала" }]);
  const names = body.drafters.map((d) => d.name.trim());
  if (new Set(names).size !== names.length) throw new ValidationError([{ path: "body.drafters", message: "Разработчик указан дважды" }]);
  await checkPublication(ctx, municipalityId, body.publicationId);
  return ctx.db.tx(async (q) => {
    const s = await insertQaSession(q, {
      municipalityId,
      publicationId: body.publicationId ?? null,
      title: body.title.trim(),
      description: body.description?.trim() || null,
      startsAt: body.startsAt,
      endsAt: body.endsAt,
      drafters: body.drafters.map((d) => ({ name: d.name.trim(), position: d.position.trim() })),
      by: caller.actor.userId,
    });
    await audit(q, caller, { action: "portal.qaSession", objectType: "qa_session", objectId: s.id, after: body });
    return sessionView(ctx, s, []);
  });
}

export async function staffQaSessions(ctx: AppContext, caller: Caller): Promise<QaSessionList> {
  ensure(caller.actor, "read", { area: "portal", municipalityId: caller.actor.municipalityId });
  const list = await listQaSessions(ctx.db, caller.actor.municipalityId);
  return { items: await Promise.all(list.map(async (s) => sessionView(ctx, s, await qaQuestions(ctx.db, s.id)))) };
}

export async function publicQaSessions(ctx: AppContext, portal: PublicPortal): Promise<QaSessionView[]> {
  const list = await listQaSessions(ctx.db, portal.municipalityId);
  return Promise.all(list.map(async (s) => sessionView(ctx, s, await qaQuestions(ctx.db, s.id, { publishedOrOf: null }))));
}

/** A session as the portal shows it: its published questions with their answers, and the resident's own awaiting moderation. */
export async function publicQaSession(
  ctx: AppContext,
  portal: PublicPortal,
  id: string,
  residentId: string | null,
): Promise<QaSessionView> {
  const s = await getQaSession(ctx.db, id);
  if (!s || s.municipalityId !== portal.municipalityId) throw new NotFoundError("сессия вопросов и ответов", id);
  return sessionView(ctx, s, await qaQuestions(ctx.db, id, { publishedOrOf: residentId }));
}

/** A signed-in resident's question, beforehand or live, until the session ends. */
export async function askQuestion(
  ctx: AppContext,
  portal: PublicPortal,
  r: ResidentCaller,
  sessionId: string,
  body: QaQuestionCreate,
): Promise<QaQuestionView> {
  const resident = await freshResident(ctx, r);
  if (!resident.fullName)
    throw new ValidationError([{ path: "profile.fullName", message: "Укажите в профиле фамилию и имя: без них вопрос не принимается" }]);
  const s = await getQaSession(ctx.db, sessionId);
  if (!s || s.municipalityId !== portal.municipalityId) throw new NotFoundError("сессия вопросов и ответов", sessionId);
  const setting = await portalSettingOf(ctx.db, portal.municipalityId);
  return ctx.db.tx(async (q) => {
    await throttle(ctx, q, `write:${resident.id}`, RESIDENT_LIMITS.writePerResidentHour);
    const x = await insertQaQuestion(q, {
      sessionId,
      residentId: resident.id,
      authorName: initialsOf(resident.fullName!),
      text: body.text.trim(),
      moderation: setting?.moderation === "post" ? "published" : "pending",
    });
    if (!x) throw new RuleError("Сессия вопросов и ответов завершена: вопросы не принимаются", "portal.qaEnded");
    await audit(
      q,
      { actor: null, requestId: null },
      {
        action: "portal.qaQuestion",
        objectType: "qa_question",
        objectId: x.id,
        municipalityId: portal.municipalityId,
        login: `resident:${resident.id}`,
        after: { sessionId, phase: x.phase },
      },
    );
    return questionView(x);
  });
}

async function questionOfMunicipality(q: Queryable, id: string, municipalityId: string): Promise<QaQuestionRecord> {
  const x = await getQaQuestion(q, id);
  if (!x || x.municipalityId !== municipalityId) throw new NotFoundError("вопрос", id);
  return x;
}

async function qaLink(q: Queryable, municipalityId: string, sessionId: string): Promise<string | null> {
  const setting = await portalSettingOf(q, municipalityId);
  return setting ? `/p/${setting.slug}/qa/${sessionId}` : null;
}

export async function moderateQuestion(ctx: AppContext, caller: Caller, id: string, body: QaModerationBody): Promise<QaQuestionView> {
  const municipalityId = caller.actor.municipalityId;
  ensure(caller.actor, "update", { area: "portal", municipalityId, part: "moderation" });
  const reason = body.reason?.trim() || null;
  if (body.moderation === "rejected" && !reason)
    throw new ValidationError([{ path: "body.reason", message: "Укажите причину отклонения вопроса" }]);
  return ctx.db.tx(async (q) => {
    const before = await questionOfMunicipality(q, id, municipalityId);
    if (before.moderation !== "pending") throw new ConflictError("Вопрос уже прошел модерацию", questionView(before));
    const x = await moderateQaQuestion(q, id, body.version, { moderation: body.moderation, reason });
    if (!x) throw new ConflictError("Вопрос изменен другим пользователем", questionView(before));
    await audit(q, caller, {
      action: "portal.qaModerate",
      objectType: "qa_question",
      objectId: id,
      before: { moderation: before.moderation },
      after: { moderation: x.moderation, reason },
    });
    if (x.residentId)
      await notifyResident(ctx, q, {
        municipalityId,
        residentId: x.residentId,
        kind: "qaModeration",
        objectType: "qa_question",
        objectId: x.id,
        subject: x.moderation === "published" ? "Ваш вопрос опубликован" : "Ваш вопрос отклонен модератором",
        body:
          x.moderation === "published"
            ? `Вопрос «${x.text.slice(0, 200)}» опубликован и будет передан разработчикам.`
            : `Вопрос «${x.text.slice(0, 200)}» отклонен. Причина: ${reason}`,
        link: await qaLink(q, municipalityId, x.sessionId),
      });
    return questionView(x);
  });
}

/** A drafter's answer, recorded by staff once the session has begun: the drafter must be one of the session's. */
export async function answerQuestion(ctx: AppContext, caller: Caller, id: string, body: QaAnswerBody): Promise<QaQuestionView> {
  const municipalityId = caller.actor.municipalityId;
  ensure(caller.actor, "update", { area: "portal", municipalityId, part: "answer" });
  return ctx.db.tx(async (q) => {
    const before = await questionOfMunicipality(q, id, municipalityId);
    const s = (await getQaSession(q, before.sessionId))!;
    const drafters = (s.drafters as { name: string }[]).map((d) => d.name);
    if (!drafters.includes(body.answeredBy.trim()))
      throw new ValidationError([{ path: "body.answeredBy", message: `Отвечает разработчик сессии: ${drafters.join(", ")}` }]);
    if (before.moderation !== "published") throw new RuleError("Ответ дается на опубликованный вопрос", "portal.qaNotPublished");
    if (before.answer !== null) throw new ConflictError("На вопрос уже дан ответ", questionView(before));
    if (Date.parse(s.startsAt) > ctx.now().getTime()) throw new RuleError("Ответы записываются с начала сессии", "portal.qaNotStarted");
    const x = await answerQaQuestion(q, id, body.version, { answer: body.answer.trim(), answeredBy: body.answeredBy.trim() });
    if (!x) throw new ConflictError("Вопрос изменен другим пользователем", questionView(before));
    await audit(q, caller, {
      action: "portal.qaAnswer",
      objectType: "qa_question",
      objectId: id,
      after: { answeredBy: x.answeredBy },
    });
    if (x.residentId)
      await notifyResident(ctx, q, {
        municipalityId,
        residentId: x.residentId,
        kind: "qaAnswer",
        objectType: "qa_question",
        objectId: x.id,
        subject: "Ответ на ваш вопрос",
        body: `${x.answeredBy} ответил(а) на вопрос «${x.text.slice(0, 200)}»: ${x.answer!.slice(0, 2000)}`,
        link: await qaLink(q, municipalityId, x.sessionId),
      });
    return questionView(x);
  });
}

// ---- surveys --------------------------------------------------------------------------------------

function questionDef(x: SurveyQuestionRecord): SurveyQuestionDef {
  return {
    id: x.id,
    kind: x.kind,
    text: x.text,
    options: x.options as string[],
    scaleMin: x.scaleMin,
    scaleMax: x.scaleMax,
    required: x.required,
  };
}

function surveyState(s: SurveyRecord, now: Date): "upcoming" | "open" | "closed" {
  const t = now.getTime();
  return t < Date.parse(s.opensAt) ? "upcoming" : t < Date.parse(s.closesAt) ? "open" : "closed";
}

async function surveyView(ctx: AppContext, q: Queryable, s: SurveyRecord): Promise<SurveyView> {
  return {
    id: s.id,
    publicationId: s.publicationId,
    title: s.title,
    description: s.description,
    opensAt: s.opensAt,
    closesAt: s.closesAt,
    state: surveyState(s, ctx.now()),
    questions: (await surveyQuestions(q, s.id)).map(questionDef),
    version: s.version,
  };
}

export async function createSurvey(ctx: AppContext, caller: Caller, body: SurveyCreate): Promise<SurveyView> {
  const municipalityId = caller.actor.municipalityId;
  ensure(caller.actor, "create", { area: "portal", municipalityId, part: "publication" });
  const issues: FieldIssue[] = [];
  if (Date.parse(body.opensAt) < ctx.now().getTime() - 60_000)
    issues.push({ path: "body.opensAt", message: "Опрос открывается сейчас или позже" });
  if (Date.parse(body.closesAt) <= Date.parse(body.opensAt))
    issues.push({ path: "body.closesAt", message: "Опрос закрывается позже, чем открывается" });
  body.questions.forEach((x, i) => {
    const path = `body.questions.${i}`;
    const options = x.options ?? [];
    if ((x.kind === "single" || x.kind === "multiple") && options.length < 2)
      issues.push({ path: `${path}.options`, message: `Вопрос ${i + 1}: не меньше двух вариантов` });
    if (x.kind !== "single" && x.kind !== "multiple" && options.length)
      issues.push({ path: `${path}.options`, message: `Вопрос ${i + 1}: варианты только у вопросов с выбором` });
    if (x.kind === "scale") {
      if (x.scaleMin == null || x.scaleMax == null || x.scaleMax <= x.scaleMin || x.scaleMax - x.scaleMin > 20)
        issues.push({ path: `${path}.scaleMax`, message: `Вопрос ${i + 1}: шкала от меньшего к большему, не длиннее 20 делений` });
    } else if (x.scaleMin != null || x.scaleMax != null)
      issues.push({ path: `${path}.scaleMin`, message: `Вопрос ${i + 1}: границы шкалы только у вопроса-шкалы` });
    if (new Set(options.map((o) => o.trim())).size !== options.length)
      issues.push({ path: `${path}.options`, message: `Вопрос ${i + 1}: варианты повторяются` });
  });
  if (issues.length) throw new ValidationError(issues);
  await checkPublication(ctx, municipalityId, body.publicationId);
  return ctx.db.tx(async (q) => {
    const s = await insertSurvey(q, {
      municipalityId,
      publicationId: body.publicationId ?? null,
      title: body.title.trim(),
      description: body.description?.trim() || null,
      opensAt: body.opensAt,
      closesAt: body.closesAt,
      by: caller.actor.userId,
      questions: body.questions.map((x) => ({
        kind: x.kind,
        text: x.text.trim(),
        options: (x.options ?? []).map((o) => o.trim()),
        scaleMin: x.kind === "scale" ? x.scaleMin! : null,
        scaleMax: x.kind === "scale" ? x.scaleMax! : null,
        required: x.required ?? true,
      })),
    });
    await audit(q, caller, { action: "portal.survey", objectType: "survey", objectId: s.id, after: body });
    return surveyView(ctx, q, s);
  });
}

export async function staffSurveys(ctx: AppContext, caller: Caller): Promise<SurveyList> {
  ensure(caller.actor, "read", { area: "portal", municipalityId: caller.actor.municipalityId });
  const list = await listSurveys(ctx.db, caller.actor.municipalityId);
  return { items: await Promise.all(list.map((s) => surveyView(ctx, ctx.db, s))) };
}

export async function publicSurveys(ctx: AppContext, portal: PublicPortal): Promise<SurveyView[]> {
  const list = await listSurveys(ctx.db, portal.municipalityId);
  return Promise.all(list.map((s) => surveyView(ctx, ctx.db, s)));
}

export async function publicSurvey(ctx: AppContext, portal: PublicPortal, id: string): Promise<SurveyView> {
  const s = await getSurvey(ctx.db, id);
  if (!s || s.municipalityId !== portal.municipalityId) throw new NotFoundError("опрос", id);
  return surveyView(ctx, ctx.db, s);
}

export async function hasResponded(ctx: AppContext, r: ResidentCaller, surveyId: string): Promise<boolean> {
  return hasSurveyResponse(ctx.db, surveyId, r.resident.id);
}

/** A signed-in resident's response: once (409 the second time), while the survey is open. */
export async function respondToSurvey(
  ctx: AppContext,
  portal: PublicPortal,
  r: ResidentCaller,
  surveyId: string,
  body: SurveyResponseBody,
): Promise<{ accepted: true }> {
  const resident = await freshResident(ctx, r);
  const s = await getSurvey(ctx.db, surveyId);
  if (!s || s.municipalityId !== portal.municipalityId) throw new NotFoundError("опрос", surveyId);
  const questions = (await surveyQuestions(ctx.db, surveyId)).map(questionDef);
  const answers = normaliseSurveyAnswers(body.answers);
  const issues = checkSurveyAnswers(questions, answers);
  if (issues.length) throw new ValidationError(issues);
  return ctx.db.tx(async (q) => {
    await throttle(ctx, q, `write:${resident.id}`, RESIDENT_LIMITS.writePerResidentHour);
    const out = await insertSurveyResponse(q, { surveyId, residentId: resident.id, respondentKey: resident.id, answers });
    if (out === "duplicate") throw new ConflictError("Вы уже ответили на этот опрос");
    if (out === "closed") throw new RuleError("Опрос не открыт: ответы не принимаются", "portal.surveyClosed");
    await audit(
      q,
      { actor: null, requestId: null },
      {
        action: "portal.surveyResponse",
        objectType: "survey",
        objectId: surveyId,
        municipalityId: portal.municipalityId,
        login: `resident:${resident.id}`,
        after: { answers: answers.length },
      },
    );
    return { accepted: true as const };
  });
}

async function tally(
  q: Queryable,
  s: SurveyRecord,
): Promise<{ questions: SurveyQuestionDef[]; results: SurveyResults; all: SurveyAnswer[][] }> {
  const questions = (await surveyQuestions(q, s.id)).map(questionDef);
  const all = (await surveyAnswers(q, s.id)) as SurveyAnswer[][];
  return { questions, results: tallySurvey(questions, all), all };
}

/** The results on the portal: only once the survey has closed (before, 422 `portal.resultsHidden`). */
export async function publicSurveyResults(
  ctx: AppContext,
  portal: PublicPortal,
  id: string,
): Promise<SurveyResults & { surveyId: string }> {
  const s = await getSurvey(ctx.db, id);
  if (!s || s.municipalityId !== portal.municipalityId) throw new NotFoundError("опрос", id);
  if (surveyState(s, ctx.now()) !== "closed")
    throw new RuleError("Результаты опроса публикуются после его окончания", "portal.resultsHidden");
  return { surveyId: id, ...(await tally(ctx.db, s)).results };
}

/** Staff see the results at any time, with the free-text answers. */
export async function staffSurveyResults(ctx: AppContext, caller: Caller, id: string): Promise<SurveyResultsView> {
  ensure(caller.actor, "read", { area: "portal", municipalityId: caller.actor.municipalityId });
  const s = await getSurvey(ctx.db, id);
  if (!s || s.municipalityId !== caller.actor.municipalityId) throw new NotFoundError("опрос", id);
  const t = await tally(ctx.db, s);
  const texts = t.all.flatMap((r) => r.filter((a) => a.text).map((a) => ({ questionId: a.questionId, text: a.text! })));
  return { surveyId: id, ...t.results, texts };
}

/**
 * The open data of a closed survey: the results (a row per question and option or scale value) and
 * the anonymised responses (a row per response and question; free-text answers are left out).
 */
export async function surveyDatasets(ctx: AppContext, portal: PublicPortal, id: string): Promise<Dataset[]> {
  const s = await getSurvey(ctx.db, id);
  if (!s || s.municipalityId !== portal.municipalityId || surveyState(s, ctx.now()) !== "closed") throw new NotFoundError("опрос", id);
  const t = await tally(ctx.db, s);
  const number = new Map(t.questions.map((x, i) => [x.id, i + 1]));
  return [
    {
      id: `survey-${id}-results`,
      title: `${s.title}: результаты`,
      publicationId: s.publicationId,
      columns: ["questionNo", "question", "answer", "count", "answered"],
      rows: t.results.questions.flatMap((x, i) =>
        x.kind === "text"
          ? [[i + 1, x.text, "(свободный ответ)", x.answered, x.answered]]
          : x.counts.map((c) => [i + 1, x.text, c.label, c.count, x.answered]),
      ),
    },
    {
      id: `survey-${id}-responses`,
      title: `${s.title}: обезличенные ответы (без свободных ответов)`,
      publicationId: s.publicationId,
      columns: ["responseNo", "questionNo", "answer"],
      rows: t.all.flatMap((r, n) =>
        r
          .filter((a) => !a.text)
          .map((a) => {
            const q = t.questions[number.get(a.questionId)! - 1]!;
            const answer = a.choices ? a.choices.map((c) => q.options[c]).join("; ") : String(a.value);
            return [n + 1, number.get(a.questionId)!, answer];
          }),
      ),
    },
  ];
}
