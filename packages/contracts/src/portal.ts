/** The public portal (issue 14): the staff side (publication, moderation, answers, votes) and the residents' API. */
import { z } from "zod";
import { ANCHOR_KINDS, PROPOSAL_DECISIONS } from "@orientir/domain";
import { IsoDate, RequiredText, Uuid, Version } from "./common.ts";
import { Change } from "./workflow.ts";
import {
  CommentView,
  ProposalFileUpload,
  ProposalFileView,
  ProposalOrganisation,
  ProposalOrganisationBody,
} from "./portal-participation.ts";

export const PortalSettingsBody = z
  .object({
    slug: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{1,39}$/, "латинские строчные буквы, цифры и дефис, 2–40 знаков")
      .describe("адрес портала: /p/<slug>"),
    moderation: z.enum(["pre", "post"]).describe("pre: предложение видно после модерации; post: сразу, модерация после"),
    minDiscussionDays: z.number().int().min(1).max(365).describe("минимальный срок общественного обсуждения, дней"),
  })
  .strict()
  .meta({ id: "PortalSettingsBody" });
export type PortalSettingsBody = z.infer<typeof PortalSettingsBody>;

export const PortalSettings = PortalSettingsBody.extend({ version: z.number().int() }).meta({ id: "PortalSettings" });
export type PortalSettings = z.infer<typeof PortalSettings>;

export const PublicationKind = z.enum(["discussion", "approved"]);
export const PublicationSubjectKind = z.enum(["program", "amendment", "strategy", "actionPlan"]);

export const PublicationCreate = z
  .object({
    kind: PublicationKind,
    subjectKind: PublicationSubjectKind,
    subjectId: Uuid.describe("программа, стратегия или план мероприятий"),
    title: RequiredText(500).optional(),
    summary: z.string().max(5000).nullable().optional(),
    startsOn: IsoDate.optional().describe("начало обсуждения (для kind=discussion)"),
    endsOn: IsoDate.optional().describe("последний день обсуждения (для kind=discussion)"),
    evaluationYears: z
      .array(z.number().int().min(2000).max(2100))
      .max(20)
      .optional()
      .describe("годы оценки эффективности (утвержденная программа)"),
  })
  .strict()
  .meta({ id: "PublicationCreate" });
export type PublicationCreate = z.infer<typeof PublicationCreate>;

export const PublicationFileView = z
  .object({ id: Uuid, kind: z.enum(["note", "attachment"]), title: z.string(), filename: z.string(), contentType: z.string() })
  .meta({ id: "PublicationFileView" });
export type PublicationFileView = z.infer<typeof PublicationFileView>;

export const PublicationView = z
  .object({
    id: Uuid,
    kind: PublicationKind,
    subjectKind: PublicationSubjectKind,
    subjectId: Uuid,
    title: z.string(),
    summary: z.string().nullable(),
    startsOn: z.string().nullable(),
    endsOn: z.string().nullable(),
    status: z.enum(["published", "withdrawn"]),
    publishedAt: z.string(),
    version: z.number().int(),
    files: z.array(PublicationFileView),
  })
  .meta({ id: "PublicationView" });
export type PublicationView = z.infer<typeof PublicationView>;

export const PublicationList = z.object({ items: z.array(PublicationView) }).meta({ id: "PublicationList" });
export type PublicationList = z.infer<typeof PublicationList>;

export const PublicationFileUpload = z
  .object({
    kind: z.enum(["note", "attachment"]),
    title: RequiredText(300),
    filename: RequiredText(200),
    contentBase64: z.string().max(7_000_000),
  })
  .strict()
  .meta({ id: "PublicationFileUpload" });
export type PublicationFileUpload = z.infer<typeof PublicationFileUpload>;

export const WithdrawBody = z.object({ version: Version }).strict().meta({ id: "WithdrawBody" });

/** The change in the draft that takes up an accepted proposal: chosen entries of the amendment's diff, frozen with the answer. */
export const ProposalChange = z
  .object({
    programId: Uuid,
    from: z.object({ versionId: Uuid.nullable(), number: z.number().int().nullable(), label: z.string() }),
    to: z.object({ versionId: Uuid.nullable(), number: z.number().int().nullable(), label: z.string() }),
    diffUrl: z.string().describe("сравнение редакций в приложении сотрудников: /api/programs/<id>/diff?from=…&to=…"),
    changes: z.array(Change),
  })
  .meta({ id: "ProposalChange" });
export type ProposalChange = z.infer<typeof ProposalChange>;

export const ProposalView = z
  .object({
    id: Uuid,
    publicationId: Uuid,
    kind: z.enum(["proposal", "remark"]),
    anchor: z.string(),
    anchorLabel: z.string(),
    text: z.string(),
    authorName: z.string(),
    moderation: z.enum(["pending", "published", "rejected"]),
    moderationReason: z.string().nullable(),
    decision: z.enum(PROPOSAL_DECISIONS).nullable(),
    answer: z.string().nullable(),
    answeredAt: z.string().nullable(),
    change: ProposalChange.nullable(),
    createdAt: z.string(),
    supports: z.number().int(),
    version: z.number().int(),
    organisation: ProposalOrganisation.nullable().optional().describe("организация, от имени которой внесено предложение"),
    files: z.array(ProposalFileView).optional(),
    hiddenReason: z.string().nullable().optional().describe("скрыто по жалобе: причина"),
    comments: z.array(CommentView).optional().describe("комментарии, которые показывает портал"),
  })
  .meta({ id: "ProposalView" });
export type ProposalView = z.infer<typeof ProposalView>;

export const ProposalList = z.object({ items: z.array(ProposalView) }).meta({ id: "ProposalList" });
export type ProposalList = z.infer<typeof ProposalList>;

export const ProposalListQuery = z
  .object({ publicationId: Uuid.optional(), moderation: z.enum(["pending", "published", "rejected"]).optional() })
  .strict()
  .meta({ id: "ProposalListQuery" });

export const ModerationBody = z
  .object({
    version: Version,
    moderation: z.enum(["published", "rejected"]),
    reason: z.string().max(2000).nullable().optional().describe("причина (обязательна при отклонении)"),
  })
  .strict()
  .meta({ id: "ModerationBody" });
export type ModerationBody = z.infer<typeof ModerationBody>;

export const AnswerBody = z
  .object({
    version: Version,
    decision: z.enum(PROPOSAL_DECISIONS),
    answer: RequiredText(10000),
    changePaths: z
      .array(z.string().min(1).max(1000))
      .max(100)
      .optional()
      .describe(
        "принятое (частично) предложение: пути изменений в сравнении действующей редакции с проектом (path из /api/programs/<id>/diff), " +
          "которые его учитывают; для проекта изменений обязательны",
      ),
  })
  .strict()
  .meta({ id: "AnswerBody" });
export type AnswerBody = z.infer<typeof AnswerBody>;

export const EligibilityRules = z
  .object({
    minAge: z.number().int().min(0).max(120).nullable(),
    confirmedEmail: z.boolean().describe("подтвержденная личность: подтвержденный e-mail или вход через поставщика идентификации"),
    address: z.boolean(),
    identityProvider: z
      .boolean()
      .default(false)
      .describe("только личность, подтвержденная поставщиком идентификации (OpenID Connect, например ЕСИА); возраст и адрес — с его слов"),
  })
  .strict()
  .meta({ id: "EligibilityRules" });

export const VoteCreate = z
  .object({
    title: RequiredText(500),
    description: z.string().max(5000).nullable().optional(),
    startsAt: z.iso.datetime({ offset: true }),
    endsAt: z.iso.datetime({ offset: true }),
    maxChoices: z.number().int().min(1).max(100),
    winners: z.number().int().min(1).max(100),
    eligibility: EligibilityRules,
    eligibleVoters: z
      .number()
      .int()
      .min(1)
      .max(100_000_000)
      .nullable()
      .optional()
      .describe(
        "сколько жителей имеют право голоса (например, жители от 14 лет по данным статистики) — база явки; без него явка считается от жителей с учетной записью",
      ),
    options: z
      .array(z.object({ title: RequiredText(500), description: z.string().max(5000).nullable().optional() }).strict())
      .min(2)
      .max(200),
  })
  .strict()
  .meta({ id: "VoteCreate" });
export type VoteCreate = z.infer<typeof VoteCreate>;

export const VoteOptionsBody = z.object({ options: VoteCreate.shape.options }).strict().meta({ id: "VoteOptionsBody" });
export type VoteOptionsBody = z.infer<typeof VoteOptionsBody>;

export const VoteView = z
  .object({
    id: Uuid,
    title: z.string(),
    description: z.string().nullable(),
    startsAt: z.string(),
    endsAt: z.string(),
    maxChoices: z.number().int(),
    winners: z.number().int(),
    eligibility: EligibilityRules,
    eligibleVoters: z.number().int().nullable(),
    state: z.enum(["upcoming", "open", "closed"]),
    options: z.array(z.object({ id: Uuid, title: z.string(), description: z.string().nullable() })),
    version: z.number().int(),
  })
  .meta({ id: "VoteView" });
export type VoteView = z.infer<typeof VoteView>;

export const VoteList = z.object({ items: z.array(VoteView) }).meta({ id: "VoteList" });
export type VoteList = z.infer<typeof VoteList>;

export const VoteResults = z
  .object({
    voteId: Uuid,
    ballots: z.number().int(),
    registeredResidents: z.number().int().describe("жители с учетной записью на момент подсчета"),
    eligibleVoters: z.number().int().nullable().describe("имеющие право голоса по данным муниципалитета, если он их указал"),
    turnoutPercent: z
      .string()
      .describe("явка: бюллетени от имеющих право голоса, а если их число не указано — от жителей с учетной записью"),
    options: z.array(z.object({ id: Uuid, title: z.string(), votes: z.number().int(), winner: z.boolean() })),
  })
  .meta({ id: "VoteResults" });
export type VoteResults = z.infer<typeof VoteResults>;

// ---- residents -------------------------------------------------------------------------------

export const PortalParams = z.object({ municipality: z.string().max(40) }).meta({ id: "PortalParams" });
export const PortalIdParams = z.object({ municipality: z.string().max(40), id: Uuid }).meta({ id: "PortalIdParams" });

export const ResidentCodeRequest = z
  .object({ email: z.email().max(254) })
  .strict()
  .meta({ id: "ResidentCodeRequest" });
export type ResidentCodeRequest = z.infer<typeof ResidentCodeRequest>;

export const ResidentCodeSent = z.object({ sent: z.literal(true), message: z.string() }).meta({ id: "ResidentCodeSent" });

export const ResidentSignIn = z
  .object({
    email: z.email().max(254),
    code: z.string().regex(/^\d{6}$/, "код — 6 цифр"),
    consent: z.boolean().optional().describe("согласие на обработку персональных данных (нужно при первом входе)"),
  })
  .strict()
  .meta({ id: "ResidentSignIn" });
export type ResidentSignIn = z.infer<typeof ResidentSignIn>;

export const ResidentProfile = z
  .object({
    id: Uuid,
    email: z.string(),
    fullName: z.string().nullable(),
    address: z.string().nullable(),
    birthYear: z.number().int().nullable(),
    emailConfirmed: z.boolean(),
    consents: z.array(z.object({ textSha256: z.string(), givenAt: z.string(), withdrawnAt: z.string().nullable() })),
    verified: z
      .object({ identity: z.boolean(), birthYear: z.boolean(), address: z.boolean() })
      .optional()
      .describe("что подтвердил поставщик идентификации (OpenID Connect): личность, год рождения, адрес"),
  })
  .meta({ id: "ResidentProfile" });
export type ResidentProfile = z.infer<typeof ResidentProfile>;

export const ResidentNotification = z
  .object({
    id: Uuid,
    kind: z.string(),
    objectType: z.string(),
    objectId: Uuid,
    subject: z.string(),
    body: z.string(),
    link: z.string().nullable(),
    createdAt: z.string(),
    readAt: z.string().nullable(),
  })
  .meta({ id: "ResidentNotification" });
export type ResidentNotification = z.infer<typeof ResidentNotification>;
export const ResidentNotificationList = z
  .object({ items: z.array(ResidentNotification), unread: z.number().int() })
  .meta({ id: "ResidentNotificationList" });
export type ResidentNotificationList = z.infer<typeof ResidentNotificationList>;

export const ResidentSession = z.object({ csrfToken: z.string(), resident: ResidentProfile }).meta({ id: "ResidentSession" });
export type ResidentSession = z.infer<typeof ResidentSession>;

export const ResidentProfileBody = z
  .object({
    fullName: RequiredText(200),
    address: z.string().max(500).nullable().optional(),
    birthYear: z.number().int().min(1900).max(2100).nullable().optional(),
  })
  .strict()
  .meta({ id: "ResidentProfileBody" });
export type ResidentProfileBody = z.infer<typeof ResidentProfileBody>;

export const ProposalCreate = z
  .object({
    kind: z.enum(["proposal", "remark"]),
    anchor: z
      .string()
      .max(200)
      .describe(`место в документе: якорь раздела (${ANCHOR_KINDS.join(", ")}) или "document"`),
    text: RequiredText(10000),
    organisation: ProposalOrganisationBody.optional().describe("от имени организации: в протоколе указывается организация"),
    files: z.array(ProposalFileUpload).max(3).optional().describe("файлы к предложению (до 3)"),
  })
  .strict()
  .meta({ id: "ProposalCreate" });
export type ProposalCreate = z.infer<typeof ProposalCreate>;

export const BallotBody = z
  .object({ choices: z.array(Uuid).min(1).max(100) })
  .strict()
  .meta({ id: "BallotBody" });
export type BallotBody = z.infer<typeof BallotBody>;

export const BallotReceipt = z
  .object({ receipt: z.string().describe("код проверки: по нему видно, что бюллетень учтен (в открытых данных — его SHA-256)") })
  .meta({ id: "BallotReceipt" });

export const ReceiptQuery = z
  .object({ receipt: z.string().regex(/^[A-Za-z0-9_-]{10,64}$/) })
  .strict()
  .meta({ id: "ReceiptQuery" });
export const ReceiptCheck = z.object({ counted: z.boolean(), receiptSha256: z.string() }).meta({ id: "ReceiptCheck" });

export const ProtocolCreate = z
  .object({ number: RequiredText(100).describe("номер протокола общественного обсуждения") })
  .strict()
  .meta({ id: "ProtocolCreate" });
export type ProtocolCreate = z.infer<typeof ProtocolCreate>;

export const DiscussionProtocol = z
  .object({
    publicationId: Uuid,
    number: z.string(),
    date: z.string(),
    title: z.string(),
    startsOn: z.string(),
    endsOn: z.string(),
    rows: z.array(
      z.object({
        n: z.number().int(),
        proposalId: Uuid,
        kind: z.enum(["proposal", "remark"]),
        author: z.string(),
        place: z.string(),
        text: z.string(),
        decision: z.enum(PROPOSAL_DECISIONS),
        decisionLabel: z.string(),
        reason: z.string(),
      }),
    ),
    counts: z.object({
      accepted: z.number().int(),
      partly: z.number().int(),
      rejected: z.number().int(),
      outOfScope: z.number().int(),
      total: z.number().int(),
    }),
    rejectedByModeration: z.number().int(),
    generatedAt: z.string(),
    files: z.object({ docx: z.string(), pdf: z.string() }).describe("адреса файлов протокола на портале"),
  })
  .meta({ id: "DiscussionProtocol" });
export type DiscussionProtocol = z.infer<typeof DiscussionProtocol>;

export const HearingCreate = z
  .object({
    publicationId: Uuid.nullable().optional().describe("обсуждаемая публикация"),
    title: RequiredText(500),
    place: RequiredText(500),
    startsAt: z.iso.datetime({ offset: true }).describe("дата и время начала"),
    agenda: z.array(RequiredText(1000)).min(1).max(50).describe("повестка: вопросы по порядку"),
  })
  .strict()
  .meta({ id: "HearingCreate" });
export type HearingCreate = z.infer<typeof HearingCreate>;

export const HearingResultBody = z
  .object({
    version: Version,
    protocol: RequiredText(100000).describe("протокол публичных слушаний"),
    recommendations: z.array(RequiredText(5000)).max(100).describe("рекомендации по итогам слушаний"),
    participants: z.number().int().min(0).max(10_000_000).nullable().optional().describe("число участников слушаний"),
    protocolNumber: RequiredText(100).nullable().optional().describe("номер протокола слушаний"),
    protocolDate: IsoDate.nullable().optional().describe("дата протокола слушаний"),
  })
  .strict()
  .meta({ id: "HearingResultBody" });
export type HearingResultBody = z.infer<typeof HearingResultBody>;

export const SpeakerBody = z
  .object({ topic: RequiredText(2000).describe("тема выступления") })
  .strict()
  .meta({ id: "SpeakerBody" });
export type SpeakerBody = z.infer<typeof SpeakerBody>;

export const HearingView = z
  .object({
    id: Uuid,
    publicationId: Uuid.nullable(),
    title: z.string(),
    place: z.string(),
    startsAt: z.string(),
    agenda: z.array(z.string()),
    state: z.enum(["announced", "held"]),
    speakers: z.array(z.object({ name: z.string(), topic: z.string() })),
    protocol: z.string().nullable(),
    recommendations: z.array(z.string()).nullable(),
    participants: z.number().int().nullable().describe("число участников"),
    protocolNumber: z.string().nullable(),
    protocolDate: z.string().nullable(),
    version: z.number().int(),
  })
  .meta({ id: "HearingView" });
export type HearingView = z.infer<typeof HearingView>;
export const HearingList = z.object({ items: z.array(HearingView) }).meta({ id: "HearingList" });
export type HearingList = z.infer<typeof HearingList>;

export const FollowBody = z
  .object({ objectType: z.enum(["publication", "proposal", "vote"]), objectId: Uuid })
  .strict()
  .meta({ id: "FollowBody" });
export type FollowBody = z.infer<typeof FollowBody>;
export const FollowResult = z.object({ following: z.boolean() }).meta({ id: "FollowResult" });
