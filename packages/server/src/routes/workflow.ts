/**
 * The approval workflow of decree 220-п and the versions of programs (issue 6): drafts of
 * programs, amendments and directions' orders, their steps with conclusions, the reviewers'
 * queues, versions and their diffs, the explanatory note.
 */
import { z } from "zod";
import {
  diffProgramVersions,
  exportVersionNote,
  getProgramVersion,
  getWorkflow,
  programContent,
  programVersions,
  programWorkflows,
  registerVersionInForce,
  saveVersionNote,
  startDirectionOrder,
  startProgramDraft,
  takeWorkflowStep,
  versionNote,
  workflowQueue,
} from "@orientir/app";
import { CHANGE_ENTITIES, FLOWS, REVIEW_STAGES, WORKFLOW_ACTIONS, WORKFLOW_KINDS, WORKFLOW_STATES } from "@orientir/domain";
import { route, type FileResult } from "../route.ts";
import { IdParams, IsoDate, Text, Uuid, Version as RowVersion } from "../schemas.ts";

const Version = z.object({
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
  createdAt: z.string(),
  version: z.number().int(),
  workflowId: Uuid.nullable(),
  state: z.enum(WORKFLOW_STATES).nullable(),
});

const LegalDeadline = z.object({
  key: z.string(), date: z.string(), clause: z.string(), ru: z.string(), en: z.string(), passed: z.boolean(), daysLeft: z.number().int(),
});

const Workflow = z.object({
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
  discussion: z.object({ period: z.object({ from: z.string(), to: z.string() }), protocol: z.object({ date: z.string() }).passthrough().optional() }).nullable(),
  version: z.number().int(),
  programVersion: Version,
  history: z.array(
    z.object({
      seq: z.number().int(), at: z.string(), onDate: z.string(), actorLogin: z.string().nullable(), role: z.string(),
      action: z.enum(WORKFLOW_ACTIONS), actionLabel: z.string(), from: z.enum(WORKFLOW_STATES), to: z.enum(WORKFLOW_STATES),
      dueDate: z.string().nullable(), payload: z.record(z.string(), z.unknown()),
    }),
  ),
  conclusions: z.array(
    z.object({
      id: Uuid, stage: z.enum(REVIEW_STAGES), result: z.enum(["positive", "negative"]), document: z.string(), date: z.string(),
      remarks: z.array(z.string()), authorLogin: z.string().nullable(),
    }),
  ),
  actions: z.array(z.object({ action: z.enum(WORKFLOW_ACTIONS), label: z.string(), requires: z.array(z.string()) })),
  legalDeadlines: z.array(LegalDeadline),
});

const Change = z.object({
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
});

const Note = z.object({
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
});

const StepInput = z
  .object({
    period: z.object({ from: IsoDate, to: IsoDate }).strict().optional(),
    protocol: z.object({ date: IsoDate, number: Text(100).nullable().optional(), document: Text(500).nullable().optional() }).strict().optional(),
    conclusion: z.object({ document: Text(500), date: IsoDate.nullable().optional() }).strict().optional(),
    remarks: z.array(Text(4000)).max(200).optional(),
    decree: z.object({ number: Text(100), date: IsoDate }).strict().optional(),
  })
  .strict();

const VersionRef = z.union([Uuid, z.literal("current")]);

const ContentState = z.object({
  mode: z.enum(["new", "draft", "amendment", "review", "inForce"]),
  editable: z.boolean(),
  draft: z.object({ flow: z.enum(FLOWS), kind: z.enum(WORKFLOW_KINDS), state: z.enum(WORKFLOW_STATES), number: z.number().int(), directionCode: z.string().nullable().optional() }).nullable(),
  message: z.string(),
  messageEn: z.string(),
  reopen: z.string().nullable(),
  rule: z.string(),
});

export const workflowRoutes = [
  route({
    method: "GET", path: "/api/programs/:id/content", tag: "workflow", auth: "session",
    summary: "Можно ли сейчас менять содержание программы (проект у разработчика, на экспертизе, действующая редакция) и почему; какие поля — данные исполнения",
    params: IdParams,
    response: z.object({
      programId: Uuid,
      program: ContentState,
      directions: z.record(z.string(), ContentState),
      executionFields: z.record(z.string(), z.array(z.string())),
      keyFields: z.record(z.string(), z.array(z.string())),
      executionResources: z.array(z.string()),
    }),
    handler: async (ctx, { params }) => programContent(ctx.app, ctx.caller, params.id),
  }),
  route({
    method: "GET", path: "/api/programs/:id/versions", tag: "workflow", auth: "session",
    summary: "Редакции программы и распоряжений по ее направлениям: проекты, утвержденные, отозванные",
    params: IdParams,
    response: z.object({ programId: Uuid, inForce: z.number().int().nullable(), versions: z.array(Version) }),
    handler: async (ctx, { params }) => programVersions(ctx.app, ctx.caller, params.id),
  }),
  route({
    method: "POST", path: "/api/programs/:id/versions", tag: "workflow", auth: "session", status: 201,
    summary: "Начать проект: новой программы или изменений от последней утвержденной редакции (ответственный исполнитель)",
    params: IdParams,
    body: z.object({ discussionRequired: z.boolean().optional().describe("изменения перечня общественных и дворовых территорий: нужно общественное обсуждение (220-п п. 4.5)") }).strict(),
    response: Workflow,
    handler: async (ctx, { params, body }) => startProgramDraft(ctx.app, ctx.caller, params.id, body),
  }),
  route({
    method: "POST", path: "/api/programs/:id/versions/in-force", tag: "workflow", auth: "session", status: 201,
    summary: "Зарегистрировать действующую редакцию программы, утвержденную ранее (номер и дата постановления)",
    params: IdParams,
    body: z.object({ decreeNumber: Text(100), decreeDate: IsoDate }).strict(),
    response: Version,
    handler: async (ctx, { params, body }) => registerVersionInForce(ctx.app, ctx.caller, params.id, body),
  }),
  route({
    method: "GET", path: "/api/programs/:id/workflows", tag: "workflow", auth: "session",
    summary: "Процессы согласования программы и распоряжений по ее направлениям, с историей и заключениями",
    params: IdParams,
    response: z.object({ items: z.array(Workflow) }),
    handler: async (ctx, { params }) => ({ items: await programWorkflows(ctx.app, ctx.caller, params.id) }),
  }),
  route({
    method: "GET", path: "/api/programs/:id/diff", tag: "workflow", auth: "session",
    summary: "Сравнение двух редакций: структура, индикаторы, показатели, контрольные точки, финансирование (по умолчанию действующая редакция и текущие данные)",
    params: IdParams,
    query: z.object({ from: VersionRef.optional(), to: VersionRef.optional() }).strict(),
    response: z.object({
      from: z.object({ versionId: Uuid.nullable(), number: z.number().int().nullable(), label: z.string() }),
      to: z.object({ versionId: Uuid.nullable(), number: z.number().int().nullable(), label: z.string() }),
      changes: z.array(Change),
      summary: z.object({ total: z.number().int(), byEntity: z.record(z.string(), z.object({ added: z.number(), removed: z.number(), changed: z.number() })) }),
    }),
    handler: async (ctx, { params, query }) => diffProgramVersions(ctx.app, ctx.caller, params.id, query),
  }),
  route({
    method: "POST", path: "/api/directions/:id/orders", tag: "workflow", auth: "session", status: 201,
    summary: "Начать проект распоряжения об утверждении направления или изменений в него (соисполнитель)",
    params: IdParams, body: z.object({}).strict(), response: Workflow,
    handler: async (ctx, { params }) => startDirectionOrder(ctx.app, ctx.caller, params.id),
  }),
  route({
    method: "GET", path: "/api/versions/:id", tag: "workflow", auth: "session",
    summary: "Редакция с ее текстом (утвержденная — неизменный снимок, проект — текущие данные)",
    params: IdParams,
    response: Version.extend({ document: z.record(z.string(), z.unknown()).nullable(), live: z.boolean() }),
    handler: async (ctx, { params }) => getProgramVersion(ctx.app, ctx.caller, params.id),
  }),
  route({
    method: "GET", path: "/api/versions/:id/note", tag: "workflow", auth: "session",
    summary: "Пояснительная записка: составленная по изменениям с причинами и отредактированный текст",
    params: IdParams, response: Note,
    handler: async (ctx, { params }) => versionNote(ctx.app, ctx.caller, params.id),
  }),
  route({
    method: "PATCH", path: "/api/versions/:id/note", tag: "workflow", auth: "session",
    summary: "Причины изменений и текст пояснительной записки проекта (с версией, прочитанной клиентом)",
    params: IdParams,
    body: z.object({ version: RowVersion, reasons: z.record(z.string(), Text(4000)).optional(), text: z.string().nullable().optional() }).strict(),
    response: Note,
    handler: async (ctx, { params, body }) => saveVersionNote(ctx.app, ctx.caller, params.id, body),
  }),
  route({
    method: "GET", path: "/api/versions/:id/note.txt", tag: "workflow", auth: "session",
    summary: "Пояснительная записка текстом (файл)",
    params: IdParams, response: "binary",
    handler: async (ctx, { params }): Promise<FileResult> => {
      const { filename, text } = await exportVersionNote(ctx.app, ctx.caller, params.id);
      return { __file: true, buffer: Buffer.from(text, "utf8"), filename, contentType: "text/plain; charset=utf-8" };
    },
  }),
  route({
    method: "GET", path: "/api/workflows/:id", tag: "workflow", auth: "session",
    summary: "Процесс согласования: этап, срок, история шагов, заключения с замечаниями, доступные действия",
    params: IdParams, response: Workflow,
    handler: async (ctx, { params }) => getWorkflow(ctx.app, ctx.caller, params.id),
  }),
  route({
    method: "POST", path: "/api/workflows/:id/steps", tag: "workflow", auth: "session",
    summary: "Шаг согласования (с версией процесса): направить, заключение, повторная экспертиза, утверждение, размещение, отзыв",
    params: IdParams,
    body: z.object({ version: RowVersion, action: z.enum(WORKFLOW_ACTIONS), input: StepInput.optional() }).strict(),
    response: Workflow,
    handler: async (ctx, { params, body }) => takeWorkflowStep(ctx.app, ctx.caller, params.id, body),
  }),
  route({
    method: "GET", path: "/api/workflow/queue", tag: "workflow", auth: "session",
    summary: "Мои задачи согласования со сроками по производственному календарю и сроки 220-п на текущий год",
    response: z.object({
      today: z.string(),
      items: z.array(
        z.object({
          workflowId: Uuid, programId: Uuid, programCode: z.string(), programName: z.string(), flow: z.enum(FLOWS), kind: z.enum(WORKFLOW_KINDS),
          directionCode: z.string().nullable(), versionNumber: z.number().int(), state: z.enum(WORKFLOW_STATES), stateLabel: z.string(),
          since: z.string(), dueDate: z.string().nullable(), dueClause: z.string().nullable(), overdue: z.boolean(),
          actions: z.array(z.enum(WORKFLOW_ACTIONS)), version: z.number().int(),
        }),
      ),
      legalDeadlines: z.array(LegalDeadline),
    }),
    handler: async (ctx) => workflowQueue(ctx.app, ctx.caller),
  }),
];
