/** Control of orders and citizens' appeals (issue 15): the registry of documents, meetings, orders, appeals, statistics. */
import { z } from "zod";
import {
  APPEAL_CHANNELS,
  APPEAL_STATES,
  DOCUMENT_KINDS,
  DOCUMENT_LINK_KINDS,
  ORDER_ACTIONS,
  ORDER_SOURCES,
  ORDER_STATES,
  PERIODICITIES,
  TERM_KINDS,
} from "@orientir/domain";
import { IsoDate, RequiredText, Text, Uuid, Version, YearQuery } from "./common.ts";
import { ControlFile } from "./control-files.ts";

// ---- settings --------------------------------------------------------------------------------------

export const ControlSettings = z
  .object({
    officeDepartmentId: Uuid.nullable().describe("подразделение-канцелярия (управление делами)"),
    reminderDaysBefore: z.number().int().min(0).max(30).describe("упреждающий контроль: за сколько рабочих дней напоминать"),
    version: Version,
  })
  .meta({ id: "ControlSettings" });
export type ControlSettings = z.infer<typeof ControlSettings>;
export const ControlSettingsBody = z
  .object({ officeDepartmentId: Uuid.nullable(), reminderDaysBefore: z.number().int().min(0).max(30) })
  .strict()
  .meta({ id: "ControlSettingsBody" });
export type ControlSettingsBody = z.infer<typeof ControlSettingsBody>;

// ---- registry of documents ----------------------------------------------------------------------------

export const RegistryDocumentBody = z
  .object({
    kind: z.enum(DOCUMENT_KINDS),
    subtype: Text(40).nullable().optional(),
    regDate: IsoDate.describe("дата регистрации"),
    correspondent: Text(500).nullable().optional(),
    correspondentNumber: Text(100).nullable().optional(),
    correspondentDate: IsoDate.nullable().optional(),
    summary: RequiredText(4000).describe("краткое содержание"),
    departmentId: Uuid.nullable().optional(),
    links: z
      .array(z.object({ kind: z.enum(DOCUMENT_LINK_KINDS), documentId: Uuid }).strict())
      .max(50)
      .optional()
      .describe("связи: ответ на, во исполнение"),
  })
  .strict()
  .meta({ id: "RegistryDocumentBody" });
export type RegistryDocumentBody = z.infer<typeof RegistryDocumentBody>;

export const DocumentLinkView = z
  .object({
    direction: z.enum(["from", "to"]),
    kind: z.enum(DOCUMENT_LINK_KINDS),
    documentId: Uuid,
    regNumber: z.string(),
    summary: z.string(),
  })
  .meta({ id: "DocumentLinkView" });

export const RegistryDocument = z
  .object({
    id: Uuid,
    kind: z.enum(DOCUMENT_KINDS),
    subtype: z.string().nullable(),
    regNumber: z.string(),
    regDate: z.string(),
    correspondent: z.string().nullable(),
    correspondentNumber: z.string().nullable(),
    correspondentDate: z.string().nullable(),
    summary: z.string(),
    departmentId: Uuid.nullable(),
    matched: z.enum(["fts", "similar", "number"]).nullable().optional(),
    links: z.array(DocumentLinkView).optional(),
    files: z.array(ControlFile).optional().describe("файлы документа (в карточке документа)"),
    version: Version,
  })
  .meta({ id: "RegistryDocument" });
export type RegistryDocument = z.infer<typeof RegistryDocument>;

export const RegistrySearchQuery = z
  .object({
    q: Text(200).optional(),
    kind: z.enum(DOCUMENT_KINDS).optional(),
    year: YearQuery.optional(),
    limit: z.coerce.number().int().min(1).max(200).optional(),
    offset: z.coerce.number().int().min(0).max(1_000_000).optional(),
  })
  .strict()
  .meta({ id: "RegistrySearchQuery" });
export type RegistrySearchQuery = z.infer<typeof RegistrySearchQuery>;
export const RegistryDocumentList = z
  .object({
    items: z.array(RegistryDocument),
    total: z.number().int().describe("число найденных; при totalCapped — нижняя граница (найдено больше)"),
    totalCapped: z.boolean().describe("true: совпадений больше, чем total (считаются до 2 000), — «более 2 000»; false: total точен"),
  })
  .meta({ id: "RegistryDocumentList" });
export type RegistryDocumentList = z.infer<typeof RegistryDocumentList>;

// ---- meetings -------------------------------------------------------------------------------------------

export const MeetingBody = z
  .object({
    heldOn: IsoDate,
    title: RequiredText(500),
    protocolNumber: RequiredText(50),
    items: z
      .array(z.object({ text: RequiredText(4000) }).strict())
      .min(1)
      .max(500),
  })
  .strict()
  .meta({ id: "MeetingBody" });
export type MeetingBody = z.infer<typeof MeetingBody>;
export const Meeting = z
  .object({
    id: Uuid,
    heldOn: z.string(),
    title: z.string(),
    protocolNumber: z.string(),
    items: z.array(z.object({ id: Uuid, number: z.number().int(), text: z.string() })),
  })
  .meta({ id: "Meeting" });
export type Meeting = z.infer<typeof Meeting>;
export const MeetingList = z.object({ items: z.array(Meeting) }).meta({ id: "MeetingList" });
export type MeetingList = z.infer<typeof MeetingList>;

// ---- orders ---------------------------------------------------------------------------------------------

export const OrderBody = z
  .object({
    source: z.enum(ORDER_SOURCES),
    documentId: Uuid.nullable().optional().describe("резолюция по документу: документ реестра"),
    meetingItemId: Uuid.nullable().optional().describe("пункт протокола совещания"),
    broadcastQuestion: Text(4000).nullable().optional().describe("вопрос прямого эфира"),
    text: RequiredText(8000),
    issuedOn: IsoDate,
    term: z.discriminatedUnion("kind", [
      z.object({ kind: z.literal("date"), due: IsoDate }).strict(),
      z.object({ kind: z.enum(["calendarDays", "workingDays"]), days: z.number().int().min(1).max(3650) }).strict(),
    ]),
    periodicity: z.enum(PERIODICITIES).optional(),
    responsibleDepartmentId: Uuid,
    responsibleUserId: Uuid.nullable().optional(),
    coexecutors: z
      .array(z.object({ departmentId: Uuid.nullable().optional(), userId: Uuid.nullable().optional() }).strict())
      .max(50)
      .optional(),
    controllerId: Uuid.nullable().optional(),
    strategyTaskId: Uuid.nullable().optional(),
    planActivityId: Uuid.nullable().optional(),
    programId: Uuid.nullable().optional(),
  })
  .strict()
  .meta({ id: "OrderBody" });
export type OrderBody = z.infer<typeof OrderBody>;

export const OrderStepBody = z
  .object({
    action: z.enum(ORDER_ACTIONS),
    version: Version,
    text: Text(8000).nullable().optional().describe("отчет, обоснование продления"),
    remarks: Text(8000).nullable().optional().describe("замечания при возврате или отказе"),
    newDue: IsoDate.nullable().optional().describe("новый срок (продление)"),
    result: Text(8000).nullable().optional().describe("результат выездной проверки"),
    responsibleDepartmentId: Uuid.nullable().optional().describe("новый исполнитель (переназначение)"),
    responsibleUserId: Uuid.nullable().optional(),
    files: z
      .array(
        z
          .object({
            name: RequiredText(255),
            size: z.number().int().min(0).nullable().optional(),
            sha256: Text(64).nullable().optional(),
            contentBase64: z
              .string()
              .min(1)
              .optional()
              .describe("содержимое файла в base64 (PDF, DOCX, XLSX, PNG, JPEG до 5 МБ): файл хранится и скачивается"),
          })
          .strict(),
      )
      .max(20)
      .optional()
      .describe("файлы отчета: загружаемые (contentBase64) или ссылки (имя, размер, хеш)"),
  })
  .strict()
  .meta({ id: "OrderStepBody" });
export type OrderStepBody = z.infer<typeof OrderStepBody>;

export const Order = z
  .object({
    id: Uuid,
    number: z.string(),
    source: z.enum(ORDER_SOURCES),
    documentId: Uuid.nullable(),
    meetingItemId: Uuid.nullable(),
    broadcastQuestion: z.string().nullable(),
    text: z.string(),
    issuedOn: z.string(),
    termKind: z.enum(TERM_KINDS),
    termDays: z.number().int().nullable(),
    due: z.string(),
    periodicity: z.enum(PERIODICITIES),
    state: z.enum(ORDER_STATES),
    responsibleDepartmentId: Uuid,
    responsibleUserId: Uuid.nullable(),
    controllerId: Uuid.nullable(),
    strategyTaskId: Uuid.nullable(),
    planActivityId: Uuid.nullable(),
    programId: Uuid.nullable(),
    extensions: z.number().int(),
    returns: z.number().int(),
    closedOn: z.string().nullable(),
    standing: z.enum(["notYet", "soon", "dueToday", "overdue"]).nullable().describe("где поручение на сегодня (открытое)"),
    actions: z.array(z.enum(ORDER_ACTIONS)).describe("шаги, доступные пользователю"),
    version: Version,
  })
  .meta({ id: "Order" });
export type Order = z.infer<typeof Order>;

export const OrderDetail = Order.extend({
  coexecutors: z.array(z.object({ departmentId: Uuid.nullable(), userId: Uuid.nullable() })),
  deadlines: z.array(z.object({ due: z.string(), reason: z.string(), setAt: z.string() })),
  events: z.array(
    z.object({
      action: z.string(),
      fromState: z.string().nullable(),
      toState: z.string(),
      onDate: z.string(),
      text: z.string().nullable(),
      requestedDue: z.string().nullable(),
      files: z.array(
        z.object({
          name: z.string(),
          size: z.number().nullable(),
          sha256: z.string().nullable(),
          fileId: Uuid.nullable().optional().describe("загруженный файл: /api/orders/{id}/files/{fileId}/content"),
        }),
      ),
      actorName: z.string().nullable(),
      at: z.string(),
    }),
  ),
}).meta({ id: "OrderDetail" });
export type OrderDetail = z.infer<typeof OrderDetail>;

/** A page of a list (issue 15, part 6): its size and the cursor of the previous page's `next`. */
const PageQuery = {
  limit: z.coerce.number().int().min(1).max(200).optional().describe("размер страницы (по умолчанию 50, не более 200)"),
  after: z.string().min(1).max(400).optional().describe("продолжение: значение next предыдущей страницы"),
};
/** What a page of a list says besides its items: where the next one starts, and the total on the first one. */
const PageInfo = {
  next: z.string().nullable().describe("курсор следующей страницы (параметр after); null — страница последняя"),
  total: z
    .number()
    .int()
    .nullable()
    .describe("сколько всего в списке (на первой странице; при totalCapped — нижняя граница); null на следующих страницах"),
  totalCapped: z.boolean().describe("true: в списке больше, чем total (считаются до 2 000)"),
};

export const OrderListQuery = z
  .object({
    mine: z.enum(["1"]).optional().describe("только мои: исполнитель, соисполнитель, контролер"),
    departmentId: Uuid.optional(),
    open: z.enum(["1"]).optional(),
    ...PageQuery,
  })
  .strict()
  .meta({ id: "OrderListQuery" });
export type OrderListQuery = z.infer<typeof OrderListQuery>;
export const OrderList = z
  .object({ items: z.array(Order), ...PageInfo })
  .describe("по сроку, затем по номеру; страницами (limit, after → next)")
  .meta({ id: "OrderList" });
export type OrderList = z.infer<typeof OrderList>;

// ---- appeals --------------------------------------------------------------------------------------------

export const AppealBody = z
  .object({
    channel: z.enum(APPEAL_CHANNELS),
    receivedOn: IsoDate,
    registeredOn: IsoDate.optional().describe("по умолчанию — сегодня"),
    collective: z.boolean().optional(),
    signatories: z.number().int().min(1).max(100000).optional(),
    authorName: Text(300).nullable().optional(),
    authorAddress: Text(500).nullable().optional(),
    authorEmail: Text(254).nullable().optional(),
    text: RequiredText(20000),
    topicCode: Text(40),
    district: Text(200).nullable().optional(),
    assignedDepartmentId: Uuid.nullable().optional(),
  })
  .strict()
  .meta({ id: "AppealBody" });
export type AppealBody = z.infer<typeof AppealBody>;

export const AppealStepBody = z
  .object({
    action: z
      .enum(["assign", "redirect", "extend", "answer", "stop", "approveAnswer", "returnAnswer"])
      .describe(
        "answer — отправить проект ответа на утверждение; approveAnswer — утвердить и направить; returnAnswer — вернуть с замечанием (reason)",
      ),
    version: Version,
    assignedDepartmentId: Uuid.nullable().optional(),
    assignedUserId: Uuid.nullable().optional(),
    redirectedTo: Text(500).nullable().optional(),
    newDue: IsoDate.nullable().optional(),
    answerText: Text(20000).nullable().optional(),
    /** The template the draft was made from (kept in the approval history). */
    templateCode: Text(40).nullable().optional(),
    reason: Text(4000).nullable().optional(),
  })
  .strict()
  .meta({ id: "AppealStepBody" });
export type AppealStepBody = z.infer<typeof AppealStepBody>;

export const Appeal = z
  .object({
    id: Uuid,
    number: z.string(),
    channel: z.enum(APPEAL_CHANNELS),
    receivedOn: z.string(),
    registeredOn: z.string(),
    collective: z.boolean(),
    signatories: z.number().int(),
    anonymous: z.boolean(),
    /** Null unless the reader may see personal data (each such reading is logged). */
    author: z.object({ name: z.string().nullable(), address: z.string().nullable(), email: z.string().nullable() }).nullable(),
    text: z.string(),
    topicCode: z.string(),
    topicTitle: z.string().nullable(),
    district: z.string().nullable(),
    assignedDepartmentId: Uuid.nullable(),
    assignedUserId: Uuid.nullable(),
    state: z.enum(APPEAL_STATES),
    due: z.string(),
    extended: z.boolean(),
    redirectedTo: z.string().nullable(),
    answeredOn: z.string().nullable(),
    repeatedOf: Uuid.nullable(),
    version: Version,
    /** The author's feedback on the answer, given by the tracking code. */
    feedback: z.enum(["satisfied", "notSatisfied"]).nullable(),
    feedbackComment: z.string().nullable(),
    /** The steps the reader may take now (by the rules of 59-ФЗ and the permissions). */
    actions: z.array(z.enum(["assign", "redirect", "extend", "answer", "stop", "approveAnswer", "returnAnswer"])),
    /** The answer's approval rounds, oldest first (the texts only for those who see the personal data). */
    answers: z.array(
      z
        .object({
          round: z.number().int(),
          state: z.enum(["pending", "approved", "returned"]),
          templateCode: z.string().nullable(),
          text: z.string().nullable(),
          draftedBy: Uuid.nullable(),
          draftedAt: z.string(),
          decidedBy: Uuid.nullable(),
          decidedAt: z.string().nullable(),
          remark: z.string().nullable(),
        })
        .meta({ id: "AppealAnswerRound" }),
    ),
  })
  .meta({ id: "Appeal" });
export type Appeal = z.infer<typeof Appeal>;
export const AppealRegistered = Appeal.extend({ trackingCode: z.string() }).meta({ id: "AppealRegistered" });
export type AppealRegistered = z.infer<typeof AppealRegistered>;
export const AppealList = z
  .object({ items: z.array(Appeal), ...PageInfo })
  .describe("открытые — по сроку, затем по номеру; все — новые первыми; страницами (limit, after → next)")
  .meta({ id: "AppealList" });
export type AppealList = z.infer<typeof AppealList>;

export const TrackingParams = z
  .object({ code: z.string().regex(/^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$/, "код вида XXXX-XXXX-XXXX") })
  .meta({ id: "TrackingParams" });
export const AppealTracking = z
  .object({
    number: z.string(),
    registeredOn: z.string(),
    state: z.enum(APPEAL_STATES),
    due: z.string(),
    extended: z.boolean(),
    answeredOn: z.string().nullable(),
    feedback: z.enum(["satisfied", "notSatisfied"]).nullable(),
    redirectedTo: z.string().nullable(),
    /** The steps of the appeal with their dates and whether the author was notified (no personal data). */
    steps: z.array(
      z.object({
        kind: z.enum(["registered", "assigned", "redirected", "extended", "answered", "stopped"]),
        on: z.string(),
        due: z.string().nullable(),
        noticed: z.boolean(),
      }),
    ),
  })
  .meta({ id: "AppealTracking" });
export const AppealFeedbackBody = z
  .object({
    feedback: z.enum(["satisfied", "notSatisfied"]),
    comment: Text(4000).nullable().optional(),
  })
  .strict()
  .meta({ id: "AppealFeedbackBody" });
export type AppealFeedbackBody = z.infer<typeof AppealFeedbackBody>;
export type AppealTracking = z.infer<typeof AppealTracking>;

// ---- answer templates (kept in a page) -----------------------------------------------------------------------

export const AnswerTemplateCode = z.string().regex(/^[a-z0-9_-]{1,40}$/, "латинские строчные буквы, цифры, - и _ (до 40)");
export const AnswerTemplate = z
  .object({
    code: z.string(),
    title: z.string(),
    body: z.string(),
    active: z.boolean(),
    /** A default of the system (read-only; a template of the municipality with its code replaces it). */
    builtin: z.boolean(),
    /** Replaced by the municipality's template of the same code. */
    overridden: z.boolean(),
    version: Version.nullable(),
  })
  .meta({ id: "AnswerTemplate" });
export type AnswerTemplate = z.infer<typeof AnswerTemplate>;
export const AnswerTemplateList = z
  .object({ items: z.array(AnswerTemplate), placeholders: z.array(z.string()) })
  .meta({ id: "AnswerTemplateList" });
export type AnswerTemplateList = z.infer<typeof AnswerTemplateList>;
export const AnswerTemplateBody = z
  .object({ code: AnswerTemplateCode, title: RequiredText(300), body: RequiredText(20000) })
  .strict()
  .meta({ id: "AnswerTemplateBody" });
export type AnswerTemplateBody = z.infer<typeof AnswerTemplateBody>;
export const AnswerTemplateUpdateBody = z
  .object({ title: RequiredText(300), body: RequiredText(20000), active: z.boolean(), version: Version })
  .strict()
  .meta({ id: "AnswerTemplateUpdateBody" });
export type AnswerTemplateUpdateBody = z.infer<typeof AnswerTemplateUpdateBody>;
export const AnswerTemplateCodeParams = z.object({ code: AnswerTemplateCode }).meta({ id: "AnswerTemplateCodeParams" });
export const AnswerTemplatePreviewBody = z
  .object({ body: RequiredText(20000) })
  .strict()
  .meta({ id: "AnswerTemplatePreviewBody" });
export const AnswerTemplatePreview = z
  .object({ text: z.string(), unknownPlaceholders: z.array(z.string()) })
  .meta({ id: "AnswerTemplatePreview" });
export type AnswerTemplatePreview = z.infer<typeof AnswerTemplatePreview>;

// ---- the portal's appeal form (issue 15, part 3) ----------------------------------------------------------------

/** The portal's form: without an account, the name and a postal address or an e-mail (else it is anonymous). */
export const PortalAppealForm = z
  .object({
    authorName: Text(300).nullable().optional(),
    authorAddress: Text(500).nullable().optional(),
    authorEmail: z
      .union([z.literal(""), z.email("неверный адрес электронной почты").max(254)])
      .nullable()
      .optional(),
    text: RequiredText(20000),
    topicCode: Text(40),
    district: Text(200).nullable().optional(),
    consent: z.boolean(),
  })
  .strict()
  .meta({ id: "PortalAppealForm" });
export type PortalAppealForm = z.infer<typeof PortalAppealForm>;

// ---- statistics -------------------------------------------------------------------------------------------

export const OfficeYearCounts = z
  .object({
    incoming: z.number().int(),
    headOrders: z.number().int(),
    outgoing: z.number().int(),
    other: z.number().int(),
    controlDocuments: z.number().int(),
    meetingOrders: z.number().int(),
    broadcastOrders: z.number().int(),
    appeals: z.number().int(),
    collectiveAppeals: z.number().int(),
  })
  .meta({ id: "OfficeYearCounts" });
export const OfficeReport = z
  .object({
    municipality: z.string(),
    year: z.number().int(),
    current: OfficeYearCounts,
    previous: OfficeYearCounts,
    topics: z.array(z.object({ code: z.string(), title: z.string(), count: z.number().int(), previous: z.number().int() })),
    discipline: z.array(
      z.object({
        departmentId: Uuid,
        department: z.string(),
        total: z.number().int(),
        onTime: z.number().int(),
        late: z.number().int(),
        overdue: z.number().int(),
        extended: z.number().int(),
        returned: z.number().int(),
      }),
    ),
  })
  .meta({ id: "OfficeReport" });
export type OfficeReport = z.infer<typeof OfficeReport>;
export const OfficeReportQuery = z.object({ year: YearQuery }).strict().meta({ id: "OfficeReportQuery" });
export const OfficeReportFileQuery = z
  .object({ year: YearQuery, format: z.enum(["docx", "pdf", "xlsx"]).default("docx") })
  .strict()
  .meta({ id: "OfficeReportFileQuery" });
export const DepartmentHeadBody = z.object({ userId: Uuid.nullable() }).strict().meta({ id: "DepartmentHeadBody" });
export const AppealListQuery = z
  .object({
    year: YearQuery.optional(),
    /** all; due — open ones, nearest term first; overdue — open ones past their term. */
    filter: z.enum(["all", "due", "overdue"]).optional(),
    /** Only those assigned to me or to my department. */
    mine: z.enum(["0", "1"]).optional(),
    ...PageQuery,
  })
  .strict()
  .meta({ id: "AppealListQuery" });
export type AppealListQuery = z.infer<typeof AppealListQuery>;

export const AnswerDraftQuery = z
  .object({
    template: z
      .string()
      .regex(/^[a-z0-9_-]{1,40}$/, "код шаблона")
      .optional(),
  })
  .strict()
  .meta({ id: "AnswerDraftQuery" });
export const AnswerDraft = z
  .object({
    templates: z.array(z.object({ code: z.string(), title: z.string() })),
    template: z.string(),
    text: z.string(),
  })
  .meta({ id: "AnswerDraft" });
export type AnswerDraft = z.infer<typeof AnswerDraft>;
export const AppealLetterQuery = z
  .object({ format: z.enum(["docx", "pdf"]).default("docx") })
  .strict()
  .meta({ id: "AppealLetterQuery" });

const DisciplineCounts = {
  total: z.number().int(),
  onTime: z.number().int(),
  late: z.number().int(),
  overdue: z.number().int(),
  extended: z.number().int(),
  returned: z.number().int(),
};
export const DisciplineDashboard = z
  .object({
    year: z.number().int(),
    orders: z.array(z.object({ departmentId: Uuid.nullable(), department: z.string(), ...DisciplineCounts })),
    appeals: z.array(z.object({ departmentId: Uuid.nullable(), department: z.string(), ...DisciplineCounts })),
    ordersByMonth: z.array(z.object({ month: z.string(), ...DisciplineCounts })),
    appealsByMonth: z.array(z.object({ month: z.string(), ...DisciplineCounts })),
    ordersByPerson: z
      .array(z.object({ userId: Uuid.nullable(), person: z.string(), ...DisciplineCounts }))
      .describe("поручения по ответственному исполнителю (лицу)"),
    appealsByPerson: z
      .array(z.object({ userId: Uuid.nullable(), person: z.string(), ...DisciplineCounts }))
      .describe("обращения по назначенному сотруднику"),
    topics: z.array(z.object({ code: z.string(), title: z.string(), count: z.number().int() })),
    districts: z.array(
      z.object({
        district: z.string().nullable(),
        count: z.number().int(),
        lat: z.number().nullable().describe("координаты района для карты (нет — район не на карте)"),
        lon: z.number().nullable(),
      }),
    ),
  })
  .meta({ id: "DisciplineDashboard" });
export type DisciplineDashboard = z.infer<typeof DisciplineDashboard>;
export const DisciplineQuery = z.object({ year: YearQuery }).strict().meta({ id: "DisciplineQuery" });

// ---- the portal's appeal form as JSON (issue 15, part 3) -------------------------------------------------

export const PortalAppealTrackParams = z
  .object({
    municipality: z.string().max(40),
    code: z.string().regex(/^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$/, "код вида XXXX-XXXX-XXXX"),
  })
  .meta({ id: "PortalAppealTrackParams" });
export const PortalAppealRegistered = z
  .object({
    number: z.string(),
    trackingCode: z.string().describe("код для отслеживания обращения на портале (без входа)"),
    registeredOn: z.string(),
    due: z.string().describe("срок ответа (59-ФЗ: 30 дней)"),
    anonymous: z.boolean().describe("без фамилии или адреса: регистрируется, ответ не дается (59-ФЗ, ст. 11)"),
  })
  .meta({ id: "PortalAppealRegistered" });
export type PortalAppealRegistered = z.infer<typeof PortalAppealRegistered>;
