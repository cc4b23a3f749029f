/**
 * Issue 14, parts 3 and 7: files and organisations of proposals, comments, abuse reports, and the
 * public council of strategic planning (members, meetings, agendas, decisions, linked documents).
 */
import { z } from "zod";
import { ABUSE_DECISIONS, COUNCIL_DOCUMENT_KINDS, COUNCIL_ROLES } from "@orientir/domain";
import { IsoDate, RequiredText, Uuid, Version } from "./common.ts";

// ---- proposals: organisation, files ------------------------------------------------------------

export const ProposalOrganisationBody = z
  .object({
    name: RequiredText(500).describe("наименование организации"),
    inn: z.string().max(12).nullable().optional().describe("ИНН (10 или 12 цифр), необязательно"),
    ogrn: z.string().max(15).nullable().optional().describe("ОГРН (13 цифр) или ОГРНИП (15), необязательно"),
    role: RequiredText(200).describe("кем житель является в организации (руководитель, представитель по доверенности…)"),
  })
  .strict()
  .meta({ id: "ProposalOrganisationBody" });
export type ProposalOrganisationBody = z.infer<typeof ProposalOrganisationBody>;

export const ProposalOrganisation = z
  .object({ name: z.string(), inn: z.string().nullable(), ogrn: z.string().nullable(), role: z.string() })
  .meta({ id: "ProposalOrganisation" });

export const ProposalFileUpload = z
  .object({
    filename: RequiredText(255),
    contentBase64: z
      .string()
      .min(1)
      .max(7_200_000)
      .describe("содержимое в base64: PDF, DOCX, XLSX, PNG, JPEG до 5 МиБ (тип по содержимому)"),
  })
  .strict()
  .meta({ id: "ProposalFileUpload" });
export type ProposalFileUpload = z.infer<typeof ProposalFileUpload>;

export const ProposalFileView = z
  .object({ id: Uuid, filename: z.string(), contentType: z.string(), size: z.number().int() })
  .meta({ id: "ProposalFileView" });
export type ProposalFileView = z.infer<typeof ProposalFileView>;

// ---- comments ----------------------------------------------------------------------------------

export const CommentCreate = z
  .object({ text: RequiredText(5000) })
  .strict()
  .meta({ id: "CommentCreate" });
export type CommentCreate = z.infer<typeof CommentCreate>;

export const CommentView = z
  .object({
    id: Uuid,
    proposalId: Uuid,
    publicationId: Uuid,
    authorName: z.string(),
    text: z.string(),
    moderation: z.enum(["pending", "published", "rejected"]),
    moderationReason: z.string().nullable(),
    hiddenReason: z.string().nullable().describe("скрыт по жалобе: причина (текст тогда не показывается на портале)"),
    createdAt: z.string(),
    version: z.number().int(),
  })
  .meta({ id: "CommentView" });
export type CommentView = z.infer<typeof CommentView>;

export const CommentList = z.object({ items: z.array(CommentView) }).meta({ id: "CommentList" });
export type CommentList = z.infer<typeof CommentList>;

export const CommentListQuery = z
  .object({ moderation: z.enum(["pending", "published", "rejected"]).optional(), proposalId: Uuid.optional() })
  .strict()
  .meta({ id: "CommentListQuery" });

// ---- abuse reports -----------------------------------------------------------------------------

export const AbuseReportCreate = z
  .object({ targetType: z.enum(["proposal", "comment"]), targetId: Uuid, reason: RequiredText(2000) })
  .strict()
  .meta({ id: "AbuseReportCreate" });
export type AbuseReportCreate = z.infer<typeof AbuseReportCreate>;

export const AbuseReportAccepted = z
  .object({ id: Uuid, status: z.literal("open"), message: z.string() })
  .meta({ id: "AbuseReportAccepted" });

export const AbuseReportView = z
  .object({
    id: Uuid,
    targetType: z.enum(["proposal", "comment"]),
    targetId: Uuid,
    reason: z.string(),
    status: z.enum(["open", "hidden", "kept"]),
    decisionReason: z.string().nullable(),
    createdAt: z.string(),
    decidedAt: z.string().nullable(),
    version: z.number().int(),
    target: z.object({
      text: z.string(),
      authorName: z.string(),
      proposalId: Uuid,
      publicationId: Uuid,
      hidden: z.boolean(),
    }),
  })
  .meta({ id: "AbuseReportView" });
export type AbuseReportView = z.infer<typeof AbuseReportView>;

export const AbuseReportList = z.object({ items: z.array(AbuseReportView) }).meta({ id: "AbuseReportList" });
export type AbuseReportList = z.infer<typeof AbuseReportList>;

export const AbuseReportListQuery = z
  .object({ status: z.enum(["open", "hidden", "kept"]).optional() })
  .strict()
  .meta({ id: "AbuseReportListQuery" });

export const AbuseReportDecisionBody = z
  .object({
    version: Version,
    decision: z.enum(ABUSE_DECISIONS).describe("hide: скрыть содержание; keep: оставить"),
    reason: RequiredText(2000).describe("причина решения (сообщается пожаловавшимся, а при скрытии и автору)"),
  })
  .strict()
  .meta({ id: "AbuseReportDecisionBody" });
export type AbuseReportDecisionBody = z.infer<typeof AbuseReportDecisionBody>;

// ---- the public council ------------------------------------------------------------------------

export const CouncilBody = z
  .object({
    name: RequiredText(500),
    description: z.string().max(5000).nullable().optional(),
    basis: z.string().max(1000).nullable().optional().describe("правовой акт о создании совета"),
    version: Version.optional().describe("версия при изменении (нет — при создании)"),
  })
  .strict()
  .meta({ id: "CouncilBody" });
export type CouncilBody = z.infer<typeof CouncilBody>;

export const CouncilMemberBody = z
  .object({
    fullName: RequiredText(300),
    position: z.string().max(500).nullable().optional(),
    organisation: z.string().max(500).nullable().optional().describe("организация, которую представляет член совета"),
    role: z.enum(COUNCIL_ROLES),
    since: IsoDate.nullable().optional(),
    until: IsoDate.nullable().optional(),
    version: Version.optional(),
  })
  .strict()
  .meta({ id: "CouncilMemberBody" });
export type CouncilMemberBody = z.infer<typeof CouncilMemberBody>;

export const CouncilMeetingBody = z
  .object({
    number: z.string().max(50).nullable().optional(),
    heldOn: IsoDate,
    place: RequiredText(500),
    published: z.boolean(),
    version: Version.optional(),
  })
  .strict()
  .meta({ id: "CouncilMeetingBody" });
export type CouncilMeetingBody = z.infer<typeof CouncilMeetingBody>;

export const CouncilDocumentRef = z
  .object({ kind: z.enum(COUNCIL_DOCUMENT_KINDS), id: Uuid })
  .strict()
  .meta({ id: "CouncilDocumentRef" });

export const CouncilAgendaBody = z
  .object({
    version: Version,
    items: z
      .array(
        z
          .object({
            title: RequiredText(2000),
            speaker: z.string().max(500).nullable().optional(),
            decision: z.string().max(10000).nullable().optional(),
            documents: z.array(CouncilDocumentRef).max(20).optional(),
          })
          .strict(),
      )
      .max(100),
  })
  .strict()
  .meta({ id: "CouncilAgendaBody" });
export type CouncilAgendaBody = z.infer<typeof CouncilAgendaBody>;

export const CouncilDocumentView = z
  .object({
    kind: z.enum(COUNCIL_DOCUMENT_KINDS),
    id: Uuid,
    label: z.string(),
    /** the portal's page of it, when one is published */
    portalUrl: z.string().nullable(),
  })
  .meta({ id: "CouncilDocumentView" });

export const CouncilMemberView = z
  .object({
    id: Uuid,
    fullName: z.string(),
    position: z.string().nullable(),
    organisation: z.string().nullable(),
    role: z.enum(COUNCIL_ROLES),
    roleLabel: z.string(),
    since: z.string().nullable(),
    until: z.string().nullable(),
    version: z.number().int(),
  })
  .meta({ id: "CouncilMemberView" });
export type CouncilMemberView = z.infer<typeof CouncilMemberView>;

export const CouncilMeetingView = z
  .object({
    id: Uuid,
    number: z.string().nullable(),
    heldOn: z.string(),
    place: z.string(),
    published: z.boolean(),
    version: z.number().int(),
    items: z.array(
      z.object({
        position: z.number().int(),
        title: z.string(),
        speaker: z.string().nullable(),
        decision: z.string().nullable(),
        documents: z.array(CouncilDocumentView),
      }),
    ),
  })
  .meta({ id: "CouncilMeetingView" });
export type CouncilMeetingView = z.infer<typeof CouncilMeetingView>;

export const CouncilView = z
  .object({
    council: z
      .object({ id: Uuid, name: z.string(), description: z.string().nullable(), basis: z.string().nullable(), version: z.number().int() })
      .nullable(),
    members: z.array(CouncilMemberView),
    meetings: z.array(CouncilMeetingView),
  })
  .meta({ id: "CouncilView" });
export type CouncilView = z.infer<typeof CouncilView>;

export const CouncilDocumentOptions = z
  .object({ items: z.array(z.object({ kind: z.enum(COUNCIL_DOCUMENT_KINDS), id: Uuid, label: z.string() })) })
  .meta({ id: "CouncilDocumentOptions" });
export type CouncilDocumentOptions = z.infer<typeof CouncilDocumentOptions>;
