/**
 * The approval workflow of decree 220-п and the versions of programs: drafts of programs,
 * amendments and directions' orders, their steps with conclusions, the reviewers' queues,
 * versions and their diffs, the explanatory note.
 */
import { z } from "zod";
import {
  ATTACHMENT_KINDS,
  CHANGE_ENTITIES,
  FLOWS,
  REVIEW_STAGES,
  WORKFLOW_ACTIONS,
  WORKFLOW_KINDS,
  WORKFLOW_STATES,
} from "@orientir/domain";
import { IsoDate, Text, Uuid, Version as RowVersion } from "./common.ts";
import { ProgramDocument } from "./documents.ts";

export const ProgramVersion = z
  .object({
    id: Uuid,
    programId: Uuid,
    flow: z.enum(FLOWS),
    directionCode: z.string().nullable(),
    directionName: z.string().nullable(),
    number: z.number().int(),
    kind: z.enum(WORKFLOW_KINDS),
    status: z.enum(["draft", "approved", "cancelled"]),
    basedOnId: Uuid.nullable(),
    decreeNumber: z.string().nullable(),
    decreeDate: z.string().nullable(),
    approvedAt: z.string().nullable(),
    approvedByLogin: z.string().nullable(),
    createdByLogin: z.string().nullable(),
    /** The people's full names (issue 13), where known; the login otherwise. */
    approvedByName: z.string().nullable().optional(),
    createdByName: z.string().nullable().optional(),
    createdAt: z.string(),
    version: z.number().int(),
    workflowId: Uuid.nullable(),
    state: z.enum(WORKFLOW_STATES).nullable(),
  })
  .meta({ id: "ProgramVersion" });
export type ProgramVersion = z.infer<typeof ProgramVersion>;

export const LegalDeadline = z
  .object({
    key: z.string(),
    date: z.string(),
    clause: z.string(),
    ru: z.string(),
    en: z.string(),
    passed: z.boolean(),
    daysLeft: z.number().int(),
  })
  .meta({ id: "LegalDeadline" });
export type LegalDeadline = z.infer<typeof LegalDeadline>;

export const WorkflowView = z
  .object({
    id: Uuid,
    programId: Uuid,
    programCode: z.string(),
    programName: z.string(),
    flow: z.enum(FLOWS),
    kind: z.enum(WORKFLOW_KINDS),
    directionId: Uuid.nullable(),
    directionCode: z.string().nullable(),
    directionName: z.string().nullable(),
    discussionRequired: z.boolean(),
    state: z.enum(WORKFLOW_STATES),
    stateLabel: z.string(),
    since: z.string(),
    dueDate: z.string().nullable(),
    dueClause: z.string().nullable(),
    overdue: z.boolean(),
    discussion: z
      .object({
        period: z.object({ from: z.string(), to: z.string() }),
        protocol: z
          .object({ date: z.string(), number: z.string().nullable().optional(), document: z.string().nullable().optional() })
          .optional(),
      })
      .nullable(),
    version: z.number().int(),
    programVersion: ProgramVersion,
    history: z.array(
      z.object({
        seq: z.number().int(),
        at: z.string(),
        onDate: z.string(),
        actorLogin: z.string().nullable(),
        /** The person's full name (their login when the account is gone). */
        actorName: z.string().nullable(),
        role: z.string(),
        action: z.enum(WORKFLOW_ACTIONS),
        actionLabel: z.string(),
        from: z.enum(WORKFLOW_STATES),
        to: z.enum(WORKFLOW_STATES),
        dueDate: z.string().nullable(),
        payload: z.record(z.string(), z.unknown()),
      }),
    ),
    conclusions: z.array(
      z.object({
        id: Uuid,
        stage: z.enum(REVIEW_STAGES),
        result: z.enum(["positive", "negative"]),
        document: z.string(),
        date: z.string(),
        remarks: z.array(z.string()),
        authorLogin: z.string().nullable(),
        authorName: z.string().nullable(),
        /** The preparer's answer to each remark, given when the draft was sent back to review; null before. */
        answers: z.array(z.string()).nullable(),
      }),
    ),
    /** Where the draft is: the states of its way in order, who holds it and until when (issue 13). */
    stepper: z.array(
      z.object({
        state: z.enum(WORKFLOW_STATES),
        label: z.string(),
        status: z.enum(["done", "current", "upcoming"]),
        rework: z.boolean(),
        awaitingHandOver: z.boolean(),
        /** The role holding the draft at this step, and its label. */
        role: z.string().nullable(),
        roleLabel: z.string().nullable(),
        /** The people who hold it now (current step): full names of the active members with that role (and department). */
        people: z.array(z.string()),
        /** When the step was reached (done or current), and the term of the current one. */
        reachedOn: z.string().nullable(),
        dueDate: z.string().nullable(),
      }),
    ),
    actions: z.array(z.object({ action: z.enum(WORKFLOW_ACTIONS), label: z.string(), requires: z.array(z.string()) })),
    legalDeadlines: z.array(LegalDeadline),
  })
  .meta({ id: "WorkflowView" });
export type WorkflowView = z.infer<typeof WorkflowView>;

export const Change = z
  .object({
    path: z.string(),
    entity: z.enum(CHANGE_ENTITIES),
    kind: z.enum(["added", "removed", "changed"]),
    label: z.string(),
    name: z.string(),
    field: z.string().optional(),
    valueKind: z.string().optional(),
    before: z.string().nullable().optional(),
    after: z.string().nullable().optional(),
    delta: z.string().optional(),
    year: z.number().int().optional(),
    month: z.number().int().optional(),
    source: z.string().optional(),
    date: z.string().optional(),
  })
  .meta({ id: "Change" });
export type Change = z.infer<typeof Change>;

export const VersionNote = z
  .object({
    versionId: Uuid,
    number: z.number().int(),
    status: z.string(),
    version: z.number().int(),
    kind: z.enum(WORKFLOW_KINDS),
    generated: z.object({
      title: z.string(),
      sections: z.array(z.object({ heading: z.string(), paragraphs: z.array(z.string()) })),
      missingReasons: z.array(z.string()),
    }),
    text: z.string(),
    edited: z.boolean(),
    reasons: z.record(z.string(), z.string()),
    changes: z.array(Change),
    editable: z.boolean(),
    /** 220-п 4.16, 4.22: the draft's reporting year against the budget schedule and the annual report (reported, not refused). */
    conformity: z.object({
      year: z.number().int(),
      issues: z.array(
        z.object({
          rule: z.enum(["220-п 4.16", "220-п 4.22"]),
          path: z.string(),
          message: z.string(),
          messageEn: z.string(),
          expected: z.string().nullable(),
          actual: z.string().nullable(),
        }),
      ),
    }),
  })
  .meta({ id: "VersionNote" });
export type VersionNote = z.infer<typeof VersionNote>;

export const StepInput = z
  .object({
    period: z.object({ from: IsoDate, to: IsoDate }).strict().optional(),
    protocol: z
      .object({ date: IsoDate, number: Text(100).nullable().optional(), document: Text(500).nullable().optional() })
      .strict()
      .optional(),
    conclusion: z
      .object({ document: Text(500), date: IsoDate.nullable().optional() })
      .strict()
      .optional(),
    remarks: z.array(Text(4000)).max(200).optional(),
    /** With "resubmit": an answer to each remark of the negative conclusion, in its order. */
    answers: z.array(Text(4000)).max(200).optional(),
    decree: z
      .object({ number: Text(100), date: IsoDate, inForceFrom: IsoDate.nullable().optional() })
      .strict()
      .optional(),
  })
  .strict()
  .meta({ id: "StepInput" });
export type StepInput = z.infer<typeof StepInput>;

const VersionRef = z.union([Uuid, z.literal("current")]);

export const ContentState = z
  .object({
    mode: z.enum(["new", "draft", "amendment", "review", "inForce"]),
    editable: z.boolean(),
    draft: z
      .object({
        flow: z.enum(FLOWS),
        kind: z.enum(WORKFLOW_KINDS),
        state: z.enum(WORKFLOW_STATES),
        number: z.number().int(),
        directionCode: z.string().nullable().optional(),
      })
      .nullable(),
    message: z.string(),
    messageEn: z.string(),
    reopen: z.string().nullable(),
    rule: z.string(),
  })
  .meta({ id: "ContentState" });
export type ContentState = z.infer<typeof ContentState>;

export const ProgramContent = z
  .object({
    programId: Uuid,
    program: ContentState,
    directions: z.record(z.string(), ContentState),
    executionFields: z.record(z.string(), z.array(z.string()).readonly()),
    keyFields: z.record(z.string(), z.array(z.string()).readonly()),
    executionResources: z.array(z.string()).readonly(),
  })
  .meta({ id: "ProgramContent" });
export type ProgramContent = z.infer<typeof ProgramContent>;

export const ProgramVersionList = z
  .object({ programId: Uuid, inForce: z.number().int().nullable(), versions: z.array(ProgramVersion) })
  .meta({ id: "ProgramVersionList" });
export type ProgramVersionList = z.infer<typeof ProgramVersionList>;

export const StartDraftBody = z
  .object({
    discussionRequired: z
      .boolean()
      .optional()
      .describe("изменения перечня общественных и дворовых территорий: нужно общественное обсуждение (220-п п. 4.5)"),
  })
  .strict()
  .meta({ id: "StartDraftBody" });
export type StartDraftBody = z.infer<typeof StartDraftBody>;

export const VersionInForceBody = z
  .object({ decreeNumber: Text(100), decreeDate: IsoDate })
  .strict()
  .meta({ id: "VersionInForceBody" });
export type VersionInForceBody = z.infer<typeof VersionInForceBody>;

export const WorkflowList = z.object({ items: z.array(WorkflowView) }).meta({ id: "WorkflowList" });
export type WorkflowList = z.infer<typeof WorkflowList>;

export const DiffQuery = z.object({ from: VersionRef.optional(), to: VersionRef.optional() }).strict().meta({ id: "DiffQuery" });
export type DiffQuery = z.infer<typeof DiffQuery>;

const DiffSide = z.object({ versionId: Uuid.nullable(), number: z.number().int().nullable(), label: z.string() });
export const VersionDiff = z
  .object({
    from: DiffSide,
    to: DiffSide,
    changes: z.array(Change),
    summary: z.object({
      total: z.number().int(),
      byEntity: z.record(z.string(), z.object({ added: z.number(), removed: z.number(), changed: z.number() })),
    }),
  })
  .meta({ id: "VersionDiff" });
export type VersionDiff = z.infer<typeof VersionDiff>;

export const EmptyBody = z.object({}).strict().meta({ id: "EmptyBody" });
export type EmptyBody = z.infer<typeof EmptyBody>;

/** A version with its text: an approved one's snapshot, a draft's live rows (a program document). */
export const ProgramVersionWithDocument = ProgramVersion.extend({ document: ProgramDocument.nullable(), live: z.boolean() }).meta({
  id: "ProgramVersionWithDocument",
});
export type ProgramVersionWithDocument = z.infer<typeof ProgramVersionWithDocument>;

export const VersionNotePatch = z
  .object({ version: RowVersion, reasons: z.record(z.string(), Text(4000)).optional(), text: z.string().nullable().optional() })
  .strict()
  .meta({ id: "VersionNotePatch" });
export type VersionNotePatch = z.infer<typeof VersionNotePatch>;

export const WorkflowStepBody = z
  .object({ version: RowVersion, action: z.enum(WORKFLOW_ACTIONS), input: StepInput.optional() })
  .strict()
  .meta({ id: "WorkflowStepBody" });
export type WorkflowStepBody = z.infer<typeof WorkflowStepBody>;

export const WorkflowQueueItem = z
  .object({
    workflowId: Uuid,
    programId: Uuid,
    programCode: z.string(),
    programName: z.string(),
    flow: z.enum(FLOWS),
    kind: z.enum(WORKFLOW_KINDS),
    directionCode: z.string().nullable(),
    versionNumber: z.number().int(),
    state: z.enum(WORKFLOW_STATES),
    stateLabel: z.string(),
    since: z.string(),
    dueDate: z.string().nullable(),
    dueClause: z.string().nullable(),
    overdue: z.boolean(),
    actions: z.array(z.enum(WORKFLOW_ACTIONS)),
    version: z.number().int(),
  })
  .meta({ id: "WorkflowQueueItem" });
export type WorkflowQueueItem = z.infer<typeof WorkflowQueueItem>;

export const WorkflowQueue = z
  .object({ today: z.string(), items: z.array(WorkflowQueueItem), legalDeadlines: z.array(LegalDeadline) })
  .meta({ id: "WorkflowQueue" });
export type WorkflowQueue = z.infer<typeof WorkflowQueue>;

/** A document attached to a draft (220-п 4.7, 4.7.1, 4.19): its kind and what it is (name, number, date). */
export const DraftAttachment = z
  .object({
    id: Uuid,
    versionId: Uuid,
    kind: z.enum(ATTACHMENT_KINDS),
    kindLabel: z.string(),
    title: z.string(),
    /** The attached file (PDF, DOCX or XLSX); null for a document recorded before files (a title only). */
    file: z.object({ filename: z.string(), contentType: z.string(), size: z.number().int() }).nullable(),
    createdByLogin: z.string().nullable(),
    /** Who attached it, by name (shown instead of the login). */
    createdByName: z.string().nullable().optional(),
    createdAt: z.string(),
  })
  .meta({ id: "DraftAttachment" });
export type DraftAttachment = z.infer<typeof DraftAttachment>;

/** The draft's documents, those its kind needs (by clause), those missing, and whether review requires them. */
export const DraftAttachmentList = z
  .object({
    items: z.array(DraftAttachment),
    required: z.array(z.object({ kind: z.enum(ATTACHMENT_KINDS), label: z.string(), clause: z.string() })),
    missing: z.array(z.enum(ATTACHMENT_KINDS)),
    /** The municipality's setting: the draft goes to review only with them. */
    enforced: z.boolean(),
    editable: z.boolean(),
  })
  .meta({ id: "DraftAttachmentList" });
export type DraftAttachmentList = z.infer<typeof DraftAttachmentList>;

export const DraftAttachmentBody = z
  .object({
    kind: z.enum(ATTACHMENT_KINDS),
    title: Text(1000).describe("наименование, номер, дата документа"),
    filename: z.string().min(1).max(1000).describe("имя файла"),
    contentBase64: z.string().min(1).describe("содержимое файла в base64 (PDF, DOCX, XLSX до 5 МБ; тип — по содержимому)"),
  })
  .strict()
  .meta({ id: "DraftAttachmentBody" });
export type DraftAttachmentBody = z.infer<typeof DraftAttachmentBody>;

export const DraftAttachmentParams = z.object({ id: Uuid, attachmentId: Uuid }).meta({ id: "DraftAttachmentParams" });
export type DraftAttachmentParams = z.infer<typeof DraftAttachmentParams>;
