/** Live Q&A sessions with the drafters and surveys of residents (issue 14, part 5). */
import { z } from "zod";
import { SURVEY_QUESTION_KINDS } from "@orientir/domain";
import { RequiredText, Uuid, Version } from "./common.ts";

const DateTime = z.iso.datetime({ offset: true });

export const Drafter = z
  .object({ name: RequiredText(200).describe("ФИО разработчика"), position: RequiredText(300).describe("должность") })
  .strict()
  .meta({ id: "Drafter" });

export const QaSessionCreate = z
  .object({
    publicationId: Uuid.nullable().optional().describe("обсуждаемая публикация"),
    title: RequiredText(500),
    description: z.string().max(5000).nullable().optional(),
    startsAt: DateTime.describe("начало сессии"),
    endsAt: DateTime.describe("окончание сессии"),
    drafters: z.array(Drafter).min(1).max(20).describe("разработчики, отвечающие на вопросы"),
  })
  .strict()
  .meta({ id: "QaSessionCreate" });
export type QaSessionCreate = z.infer<typeof QaSessionCreate>;

export const QaQuestionView = z
  .object({
    id: Uuid,
    sessionId: Uuid,
    authorName: z.string(),
    text: z.string(),
    phase: z.enum(["before", "live"]).describe("до сессии или во время нее"),
    moderation: z.enum(["pending", "published", "rejected"]),
    moderationReason: z.string().nullable(),
    answer: z.string().nullable(),
    answeredBy: z.string().nullable(),
    answeredAt: z.string().nullable(),
    createdAt: z.string(),
    version: z.number().int(),
  })
  .meta({ id: "QaQuestionView" });
export type QaQuestionView = z.infer<typeof QaQuestionView>;

export const QaSessionView = z
  .object({
    id: Uuid,
    publicationId: Uuid.nullable(),
    title: z.string(),
    description: z.string().nullable(),
    startsAt: z.string(),
    endsAt: z.string(),
    state: z.enum(["upcoming", "live", "ended"]),
    drafters: z.array(z.object({ name: z.string(), position: z.string() })),
    questions: z.array(QaQuestionView).describe("персоналу — все вопросы; на портале — опубликованные (и свои на модерации)"),
    version: z.number().int(),
  })
  .meta({ id: "QaSessionView" });
export type QaSessionView = z.infer<typeof QaSessionView>;
export const QaSessionList = z.object({ items: z.array(QaSessionView) }).meta({ id: "QaSessionList" });
export type QaSessionList = z.infer<typeof QaSessionList>;

export const QaQuestionCreate = z
  .object({ text: RequiredText(3000).describe("вопрос разработчикам") })
  .strict()
  .meta({ id: "QaQuestionCreate" });
export type QaQuestionCreate = z.infer<typeof QaQuestionCreate>;

export const QaModerationBody = z
  .object({
    version: Version,
    moderation: z.enum(["published", "rejected"]),
    reason: z.string().max(2000).nullable().optional().describe("причина (обязательна при отклонении)"),
  })
  .strict()
  .meta({ id: "QaModerationBody" });
export type QaModerationBody = z.infer<typeof QaModerationBody>;

export const QaAnswerBody = z
  .object({
    version: Version,
    answeredBy: RequiredText(200).describe("разработчик сессии, который отвечает (ФИО из списка)"),
    answer: RequiredText(20000),
  })
  .strict()
  .meta({ id: "QaAnswerBody" });
export type QaAnswerBody = z.infer<typeof QaAnswerBody>;

export const SurveyQuestionCreate = z
  .object({
    kind: z.enum(SURVEY_QUESTION_KINDS),
    text: RequiredText(2000),
    options: z.array(RequiredText(500)).max(30).optional().describe("варианты (один или несколько вариантов): от 2"),
    scaleMin: z.number().int().min(0).max(10).nullable().optional(),
    scaleMax: z.number().int().min(1).max(100).nullable().optional(),
    required: z.boolean().optional(),
  })
  .strict()
  .meta({ id: "SurveyQuestionCreate" });
export type SurveyQuestionCreate = z.infer<typeof SurveyQuestionCreate>;

export const SurveyCreate = z
  .object({
    publicationId: Uuid.nullable().optional(),
    title: RequiredText(500),
    description: z.string().max(5000).nullable().optional(),
    opensAt: DateTime,
    closesAt: DateTime,
    questions: z.array(SurveyQuestionCreate).min(1).max(50),
  })
  .strict()
  .meta({ id: "SurveyCreate" });
export type SurveyCreate = z.infer<typeof SurveyCreate>;

export const SurveyQuestionView = z
  .object({
    id: Uuid,
    kind: z.enum(SURVEY_QUESTION_KINDS),
    text: z.string(),
    options: z.array(z.string()),
    scaleMin: z.number().int().nullable(),
    scaleMax: z.number().int().nullable(),
    required: z.boolean(),
  })
  .meta({ id: "SurveyQuestionView" });

export const SurveyView = z
  .object({
    id: Uuid,
    publicationId: Uuid.nullable(),
    title: z.string(),
    description: z.string().nullable(),
    opensAt: z.string(),
    closesAt: z.string(),
    state: z.enum(["upcoming", "open", "closed"]),
    questions: z.array(SurveyQuestionView),
    version: z.number().int(),
  })
  .meta({ id: "SurveyView" });
export type SurveyView = z.infer<typeof SurveyView>;
export const SurveyList = z.object({ items: z.array(SurveyView) }).meta({ id: "SurveyList" });
export type SurveyList = z.infer<typeof SurveyList>;

export const SurveyAnswerBody = z
  .object({
    questionId: Uuid,
    choices: z.array(z.number().int().min(0).max(100)).max(30).optional().describe("номера вариантов с 0"),
    value: z.number().int().optional().describe("оценка по шкале"),
    text: z.string().max(5000).optional(),
  })
  .strict();
export const SurveyResponseBody = z
  .object({ answers: z.array(SurveyAnswerBody).max(50) })
  .strict()
  .meta({ id: "SurveyResponseBody" });
export type SurveyResponseBody = z.infer<typeof SurveyResponseBody>;
export const SurveyResponseAccepted = z.object({ accepted: z.literal(true) }).meta({ id: "SurveyResponseAccepted" });

export const SurveyResultsView = z
  .object({
    surveyId: Uuid,
    responses: z.number().int(),
    questions: z.array(
      z.object({
        questionId: Uuid,
        kind: z.enum(SURVEY_QUESTION_KINDS),
        text: z.string(),
        answered: z.number().int(),
        counts: z.array(z.object({ label: z.string(), count: z.number().int() })),
        mean: z.string().nullable(),
      }),
    ),
    texts: z
      .array(z.object({ questionId: Uuid, text: z.string() }))
      .describe("свободные ответы — только персоналу (могут содержать персональные данные)"),
  })
  .meta({ id: "SurveyResultsView" });
export type SurveyResultsView = z.infer<typeof SurveyResultsView>;
