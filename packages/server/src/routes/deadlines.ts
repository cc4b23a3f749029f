/**
 * Routes of the event deadlines of 220-п: the changes of the budget (5.4, 5.5) that the finance
 * department records, each with the deadlines it starts.
 */
import { z } from "zod";
import { budgetChanges, eventDeadlines, recordBudgetChange, recordGasRegistration } from "@orientir/app";
import { BUDGET_CHANGE_KINDS } from "@orientir/domain";
import { route } from "../route.ts";
import { IdParams } from "../schemas.ts";

const TAG = "deadlines";
const Obj = z.object({}).passthrough();

export const deadlineRoutes = [
  route({
    method: "GET", path: "/api/budget-changes", tag: TAG, auth: "session",
    summary: "Изменения бюджета и сроки, которые они начинают (220-п пп. 5.4, 5.5)",
    response: z.object({ items: z.array(Obj) }),
    handler: async (ctx) => budgetChanges(ctx.app, ctx.caller),
  }),
  route({
    method: "POST", path: "/api/budget-changes", tag: TAG, auth: "session", status: 201,
    summary: "Внести изменение бюджета: решение о бюджете № … от … или изменение сводной бюджетной росписи (управление финансов)",
    body: z.object({
      kind: z.enum(BUDGET_CHANGE_KINDS),
      number: z.string().max(100).nullable().optional(),
      documentDate: z.string().max(10).describe("дата решения, ГГГГ-ММ-ДД"),
      effectiveDate: z.string().max(10).describe("дата вступления в силу (изменения росписи), ГГГГ-ММ-ДД"),
      directionIds: z.array(z.string().max(64)).max(1000).optional().describe("направления, финансирование элементов которых изменилось без изменения объема программы (5.5)"),
      note: z.string().max(2000).nullable().optional(),
    }).strict(),
    response: Obj,
    handler: async (ctx, { body }) => recordBudgetChange(ctx.app, ctx.caller, body),
  }),
  route({
    method: "GET", path: "/api/event-deadlines", tag: TAG, auth: "session",
    summary: "Сроки от событий: ГАС «Управление» (4.18.1), распоряжения о направлениях (1.7, 4.19), изменения бюджета (5.4, 5.5)",
    response: z.object({ items: z.array(Obj) }),
    handler: async (ctx) => eventDeadlines(ctx.app, ctx.caller),
  }),
  route({
    method: "POST", path: "/api/versions/:id/gas-registration", tag: TAG, auth: "session", status: 201,
    summary: "Отметить размещение утвержденной программы в ГАС «Управление» (220-п п. 4.18.1; ответственный исполнитель)",
    params: IdParams,
    body: z.object({
      registeredOn: z.string().max(10).describe("дата размещения, ГГГГ-ММ-ДД"),
      note: z.string().max(2000).nullable().optional(),
    }).strict(),
    response: Obj,
    handler: async (ctx, { params, body }) => recordGasRegistration(ctx.app, ctx.caller, params.id, body),
  }),
];
