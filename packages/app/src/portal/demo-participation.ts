/**
 * The portal's demo, second part (issue 14, parts 4, 5 and 10), for Kaluga: a finished discussion
 * of a program's draft with its generated protocol (DOCX and PDF); the draft next action plan on
 * discussion with residents' proposals at each stage of moderation and answer; a live Q&A session
 * with the drafters kept as a transcript, and one to come that takes questions beforehand; a closed
 * survey with 579 responses modelled on Ozersk's survey of its working residents (source 002,
 * February 2016: 64.5 % rate living conditions as good, 52.4 % do not tie their children's careers
 * to the city — the other answers are invented), and an open survey.
 *
 * What happens now goes through the use cases (permissions, checks, audit); what only the past can
 * hold is either done through them at a past moment (the finished discussion: its proposals were
 * made and answered while it was open) or recorded as held (the closed survey's responses, the past
 * session's questions and answers).
 */
import {
  ensureResident,
  findMunicipalityByName,
  findUserByLogin,
  insertPastSurveyResponses,
  insertQaQuestion,
  insertQaSession,
  insertSurvey,
  listSurveys,
  membershipsOfUser,
  recordPastQaQuestion,
  rowsInScope,
  surveyQuestions,
} from "@orientir/db";
import { resource, type SurveyAnswer } from "@orientir/domain";
import { updateIn } from "../resources.ts";
import { diffProgramVersions } from "../workflow/diff.ts";
import { startProgramDraft } from "../workflow/drafts.ts";
import type { AppContext, Caller } from "../context.ts";
import { todayIn } from "../context.ts";
import { answer, makeProposal, moderate } from "./participation.ts";
import { generateProtocol, type ProtocolRenderer } from "./protocol.ts";
import { portalOf, publish } from "./publications.ts";
import { askQuestion, createSurvey, respondToSurvey, scheduleQaSession } from "./qa-surveys.ts";
import type { ResidentCaller } from "./residents.ts";
import { DEMO_RESIDENTS } from "./demo.ts";

const DAY = 86_400_000;
const addDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);

/** The closed survey's size and its two figures from source 002. */
export const DEMO_SURVEY = { respondents: 579, goodLivingConditions: 373, childrenNotHere: 303 } as const;

async function callerOf(ctx: AppContext, municipalityId: string, login: string): Promise<Caller> {
  const user = await findUserByLogin(ctx.db, login);
  const m = user ? (await membershipsOfUser(ctx.db, user.id)).find((x) => x.municipalityId === municipalityId) : undefined;
  if (!user || !m) throw new Error(`demo: ${login} is not a member`);
  return { actor: { userId: user.id, login: user.login, municipalityId, role: m.role, departmentId: m.departmentId }, requestId: null };
}

/** Proposals on a publication, each taken to its stage: pending, rejected by the moderator, published, answered. */
async function proposalsAtEachStage(
  ctx: AppContext,
  economy: Caller,
  portal: Awaited<ReturnType<typeof portalOf>>,
  residents: ResidentCaller[],
  publicationId: string,
  items: {
    who: number;
    kind: "proposal" | "remark";
    text: string;
    stage: "pending" | "rejected" | "published" | "accepted" | "partly" | "declined" | "outOfScope";
    reason?: string;
    /** an accepted proposal on an amendment: the changes of its diff that take it up */
    changePaths?: string[];
  }[],
): Promise<void> {
  for (const x of items) {
    const p = await makeProposal(ctx, portal, residents[x.who]!, publicationId, { kind: x.kind, anchor: "document", text: x.text });
    if (x.stage === "pending") continue;
    if (x.stage === "rejected") {
      await moderate(ctx, economy, p.id, { version: p.version, moderation: "rejected", reason: x.reason! });
      continue;
    }
    const m = await moderate(ctx, economy, p.id, { version: p.version, moderation: "published", reason: null });
    if (x.stage === "published") continue;
    const decision = x.stage === "declined" ? "rejected" : x.stage;
    await answer(ctx, economy, p.id, {
      version: m.version,
      decision,
      answer: x.reason!,
      ...(x.changePaths ? { changePaths: x.changePaths } : {}),
    });
  }
}

/** Loads this part of the demo once (nothing when the municipality already has a survey). */
export async function seedPortalParticipationDemo(
  ctx: AppContext,
  municipalityName: string,
  slug: string,
  renderProtocol: ProtocolRenderer,
): Promise<boolean> {
  const m = await findMunicipalityByName(ctx.db, municipalityName);
  if (!m) return false;
  if ((await listSurveys(ctx.db, m.id)).length > 0) return false;
  const economy = await callerOf(ctx, m.id, "economy");
  const portal = await portalOf(ctx, slug);
  const now = ctx.now();
  const today = todayIn(ctx);
  const residents: ResidentCaller[] = [];
  for (const r of DEMO_RESIDENTS)
    residents.push({
      resident: await ensureResident(ctx.db, `${r.login}@demo.orientir.example`, now.toISOString()),
      csrfToken: "",
      sessionId: "",
    });

  // ---- a finished discussion with its protocol: held 40 to 5 days ago ---------------------------
  const programs = (await rowsInScope(ctx.db, resource("program"), "municipalityId", m.id)).sort((a, b) =>
    String(a.code).localeCompare(String(b.code), "ru", { numeric: true }),
  );
  const finishedOf = programs.length > 2 ? programs[1] : undefined;
  if (finishedOf) {
    const then: AppContext = { ...ctx, now: () => new Date(now.getTime() - 40 * DAY) };
    const finished = await publish(then, economy, {
      kind: "discussion",
      subjectKind: "program",
      subjectId: finishedOf.id,
      summary: "Общественное обсуждение проекта программы завершено; протокол опубликован.",
      startsOn: addDays(today, -40),
      endsOn: addDays(today, -5),
    });
    await proposalsAtEachStage(then, economy, portal, residents, finished.id, [
      {
        who: 0,
        kind: "proposal",
        text: "Предусмотреть в программе ежегодный отчет перед жителями о ходе ее реализации.",
        stage: "accepted",
        reason: "Учтено: ежегодный публичный отчет включен в раздел «Механизм реализации».",
      },
      {
        who: 1,
        kind: "proposal",
        text: "Увеличить число мест в группах продленного дня во всех школах города.",
        stage: "partly",
        reason: "Учтено частично: места добавлены в школах с очередью; в остальных спрос покрыт.",
      },
      {
        who: 2,
        kind: "remark",
        text: "Показатель охвата детей кружками завышен: фактически кружков меньше.",
        stage: "declined",
        reason: "Отклонено: значение показателя подтверждено отчетами учреждений за два года.",
      },
      {
        who: 1,
        kind: "proposal",
        text: "Построить новую поликлинику в микрорайоне Анненки.",
        stage: "outOfScope",
        reason: "Вне предмета программы: здравоохранение — полномочие региона.",
      },
    ]);
    await generateProtocol(ctx, economy, finished.id, { number: "ОО-1" }, renderProtocol);
  }

  // ---- a draft amendment of the same program on discussion now -----------------------------------
  // Opened in the approval workflow (discussion required) by the administrator; the draft renames the
  // program's first goal, and the accepted proposal names that change of the amendment's diff.
  if (finishedOf) {
    const admin = await callerOf(ctx, m.id, "admin");
    await startProgramDraft(ctx, admin, finishedOf.id, { discussionRequired: true });
    const goal = (await rowsInScope(ctx.db, resource("programGoal"), "programId", finishedOf.id))[0];
    const renamed = goal ? `${String(goal.name)}; ежегодный публичный отчет о ходе реализации` : null;
    if (goal && renamed) await ctx.db.tx((q) => updateIn(q, ctx, admin, resource("programGoal"), goal.id, goal.version, { name: renamed }));
    const amendment = await publish(ctx, economy, {
      kind: "discussion",
      subjectKind: "amendment",
      subjectId: finishedOf.id,
      summary:
        "Проект изменений в муниципальную программу вынесен на обсуждение. Сравнение с действующей редакцией показывает каждое изменение; принятые предложения ссылаются на изменение, которым учтены.",
      startsOn: addDays(today, -2),
      endsOn: addDays(today, 30),
    });
    const diff = await diffProgramVersions(ctx, economy, finishedOf.id);
    const change = diff.changes.find((c) => c.after === renamed);
    await proposalsAtEachStage(ctx, economy, portal, residents, amendment.id, [
      { who: 1, kind: "proposal", text: "Добавить в изменения показатель удовлетворенности жителей услугами.", stage: "pending" },
      { who: 2, kind: "remark", text: "Срочно продам велосипед.", stage: "rejected", reason: "Объявление: не относится к обсуждению" },
      { who: 0, kind: "remark", text: "Непонятно, почему изменения вносятся до конца года.", stage: "published" },
      ...(change
        ? [
            {
              who: 0,
              kind: "proposal" as const,
              text: "Закрепить в цели программы обязанность ежегодно отчитываться перед жителями.",
              stage: "accepted" as const,
              reason: "Учтено: формулировка цели дополнена ежегодным публичным отчетом.",
              changePaths: [change.path],
            },
          ]
        : []),
      {
        who: 2,
        kind: "proposal",
        text: "Перенести часть средств на ремонт спортивных залов школ.",
        stage: "declined",
        reason: "Отклонено: изменения не затрагивают финансирование мероприятий.",
      },
    ]);
  }

  // ---- the draft next action plan on discussion -----------------------------------------------------
  const plans = await rowsInScope(ctx.db, resource("actionPlan"), "municipalityId", m.id);
  const plan = plans[0];
  const year = Number(today.slice(0, 4)) + 1;
  let planPublicationId: string | null = null;
  if (plan) {
    const draft = await publish(ctx, economy, {
      kind: "discussion",
      subjectKind: "actionPlan",
      subjectId: plan.id,
      title: `Проект плана мероприятий по реализации стратегии на ${year}–${year + 2} годы`,
      summary:
        "Проект следующего плана мероприятий вынесен на обсуждение: предложения принимаются к задачам, мероприятиям и показателям плана.",
      startsOn: addDays(today, -3),
      endsOn: addDays(today, 30),
    });
    planPublicationId = draft.id;
    await proposalsAtEachStage(ctx, economy, portal, residents, draft.id, [
      { who: 2, kind: "proposal", text: "Включить в план создание молодежного коворкинга в центре города.", stage: "pending" },
      { who: 0, kind: "remark", text: "Куплю гараж недорого, пишите.", stage: "rejected", reason: "Объявление: не относится к обсуждению" },
      { who: 1, kind: "proposal", text: "Добавить мероприятие по переводу автобусов на газомоторное топливо.", stage: "published" },
      {
        who: 0,
        kind: "proposal",
        text: "Предусмотреть в плане ежегодный опрос жителей об оценке развития города.",
        stage: "accepted",
        reason: "Учтено: ежегодный опрос жителей включен в план как мероприятие мониторинга.",
      },
      {
        who: 2,
        kind: "proposal",
        text: "Провести благоустройство всех дворов города за три года.",
        stage: "partly",
        reason: "Учтено частично: план предусматривает дворы по программе благоустройства, по 40 в год.",
      },
      {
        who: 1,
        kind: "remark",
        text: "Срок строительства стадиона нужно сократить до одного года.",
        stage: "declined",
        reason: "Отклонено: срок определен проектной документацией и графиком финансирования.",
      },
    ]);
  }

  // ---- Q&A: a past session kept as a transcript, and one to come ------------------------------------
  const drafters = [
    { name: "Орлова Елена Николаевна", position: "начальник управления экономического развития" },
    { name: "Зайцев Игорь Владимирович", position: "руководитель рабочей группы по разработке плана" },
  ];
  const startsAt = new Date(now.getTime() - 2 * DAY);
  await ctx.db.tx(async (q) => {
    const s = await insertQaSession(q, {
      municipalityId: m.id,
      publicationId: planPublicationId,
      title: "Прямой эфир с разработчиками проекта плана мероприятий",
      description: "Разработчики проекта плана отвечали на вопросы жителей, заданные заранее и во время эфира.",
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 90 * 60_000).toISOString(),
      drafters,
      by: economy.actor.userId,
    });
    const items: [number, number, string, "published" | "rejected", string | null, number][] = [
      [0, -600, "Какие мероприятия плана касаются молодежи?", "published", "Орлова Елена Николаевна", 12],
      [1, -300, "Будет ли продлена набережная Оки до моста?", "published", "Зайцев Игорь Владимирович", 25],
      [2, -200, "Вы все там ничего не делаете!!!", "rejected", null, 0],
      [1, 20, "Когда начнется ремонт дороги на ул. Ленина?", "published", "Зайцев Игорь Владимирович", 40],
      [2, 35, "Как жители узнают о выполнении плана?", "published", "Орлова Елена Николаевна", 55],
    ];
    const answers = [
      "Это задачи 2.1 и 2.3: молодежный центр и программа наставничества; сроки и средства указаны в разделе 2 проекта.",
      "Да, второй этап набережной — от Гостиных рядов до моста — включен в проект плана на следующий период.",
      "",
      "Ремонт запланирован на будущий год по программе дорожного хозяйства; это не мероприятие плана, но мы передали вопрос.",
      "Отчет о выполнении плана публикуется ежегодно на этом портале вместе с оценкой эффективности программ.",
    ];
    for (const [i, [who, minutes, text, moderation, by, answeredAfter]] of items.entries()) {
      const at = new Date(startsAt.getTime() + minutes * 60_000).toISOString();
      const x = await insertQaQuestion(q, {
        sessionId: s.id,
        residentId: residents[who]!.resident.id,
        authorName: DEMO_RESIDENTS[who]!.fullName.replace(/^(\S+)\s+(\S)\S*\s+(\S)\S*$/, "$1 $2. $3."),
        text,
        moderation: "pending",
        at,
      });
      await recordPastQaQuestion(q, x!.id, {
        moderation,
        reason: moderation === "rejected" ? "Оскорбительный тон: правила портала, п. 2" : null,
        answer: by ? answers[i]! : null,
        answeredBy: by,
        at: by ? new Date(startsAt.getTime() + answeredAfter * 60_000).toISOString() : null,
      });
    }
  });
  const next = await scheduleQaSession(ctx, economy, {
    publicationId: planPublicationId,
    title: "Вопросы разработчикам проекта плана: вторая сессия",
    description: "Вопросы принимаются заранее; ответы — в прямом эфире.",
    startsAt: new Date(now.getTime() + 7 * DAY).toISOString(),
    endsAt: new Date(now.getTime() + 7 * DAY + 90 * 60_000).toISOString(),
    drafters,
  });
  await askQuestion(ctx, portal, residents[1]!, next.id, { text: "Будут ли в плане новые маршруты общественного транспорта?" });

  // ---- a closed survey with 579 responses (source 002) and an open one --------------------------------
  const closes = new Date(now.getTime() - 30 * DAY);
  const opens = new Date(closes.getTime() - 28 * DAY);
  await ctx.db.tx(async (q) => {
    const s = await insertSurvey(q, {
      municipalityId: m.id,
      publicationId: null,
      title: "Оценка жителями социально-экономического развития города",
      description:
        "Опрос работающих жителей по образцу опроса в Озерске (февраль 2016 г., 579 респондентов). Ответы на два первых вопроса повторяют доли из источника, остальные вымышлены.",
      opensAt: opens.toISOString(),
      closesAt: closes.toISOString(),
      by: economy.actor.userId,
      questions: [
        {
          kind: "single",
          text: "Как вы оцениваете условия жизни в городе?",
          options: ["Хорошие", "Удовлетворительные", "Плохие"],
          scaleMin: null,
          scaleMax: null,
          required: true,
        },
        {
          kind: "single",
          text: "Связываете ли вы будущую профессиональную карьеру своих детей с городом?",
          options: ["Да", "Нет", "Затрудняюсь ответить"],
          scaleMin: null,
          scaleMax: null,
          required: true,
        },
        {
          kind: "multiple",
          text: "Какие направления развития города важнее всего?",
          options: ["Рабочие места и зарплаты", "Жилье", "Здравоохранение", "Образование", "Благоустройство", "Транспорт"],
          scaleMin: null,
          scaleMax: null,
          required: true,
        },
        {
          kind: "scale",
          text: "Оцените изменения в городе за последние три года (1 — ухудшилось, 5 — улучшилось)",
          options: [],
          scaleMin: 1,
          scaleMax: 5,
          required: true,
        },
        {
          kind: "text",
          text: "Что бы вы изменили в городе в первую очередь?",
          options: [],
          scaleMin: null,
          scaleMax: null,
          required: false,
        },
      ],
    });
    const qs = await surveyQuestions(q, s.id);
    let seed = 11;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed / 2147483648);
    const n = DEMO_SURVEY.respondents;
    const rows = Array.from({ length: n }, (_, i) => {
      const living = i < DEMO_SURVEY.goodLivingConditions ? 0 : i % 5 === 0 ? 2 : 1;
      // a different order for the second question, so that the two are not the same respondents
      const j = (i * 7) % n;
      const children = j < DEMO_SURVEY.childrenNotHere ? 1 : j % 3 === 0 ? 2 : 0;
      const picks = [0, 1, 2, 3, 4, 5].filter((k) => rnd() < [0.62, 0.35, 0.41, 0.22, 0.3, 0.18][k]!);
      const scale = 1 + Math.min(4, Math.floor(rnd() * 3 + rnd() * 2.2));
      const answers: SurveyAnswer[] = [
        { questionId: qs[0]!.id, choices: [living] },
        { questionId: qs[1]!.id, choices: [children] },
        { questionId: qs[2]!.id, choices: picks.length ? picks : [0] },
        { questionId: qs[3]!.id, value: scale },
      ];
      if (i % 9 === 0)
        answers.push({
          questionId: qs[4]!.id,
          text: ["Больше рабочих мест для молодежи", "Дороги и тротуары", "Детские площадки"][i % 3]!,
        });
      return {
        respondentKey: `demo-respondent-${i}`,
        residentId: null,
        answers,
        at: new Date(opens.getTime() + (i + 1) * 3_600_000).toISOString(),
      };
    });
    await insertPastSurveyResponses(q, s.id, rows);
  });
  const open = await createSurvey(ctx, economy, {
    title: "Какие общественные пространства благоустроить в следующем году?",
    description: "Короткий опрос перед рейтинговым голосованием: ответы помогут составить список вариантов.",
    opensAt: now.toISOString(),
    closesAt: new Date(now.getTime() + 30 * DAY).toISOString(),
    questions: [
      { kind: "single", text: "Как часто вы бываете в парках и скверах города?", options: ["Каждую неделю", "Раз в месяц", "Реже"] },
      { kind: "scale", text: "Насколько вы довольны благоустройством вашего района?", scaleMin: 1, scaleMax: 5 },
      { kind: "text", text: "Какое место в городе нужно благоустроить прежде всего?", required: false },
    ],
  });
  await respondToSurvey(ctx, portal, residents[0]!, open.id, {
    answers: [
      { questionId: open.questions[0]!.id, choices: [0] },
      { questionId: open.questions[1]!.id, value: 3 },
    ],
  });
  return true;
}
