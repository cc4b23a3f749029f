/**
 * Routes of the event deadlines of 220-п: the changes of the budget (5.4, 5.5) that the finance
 * department records, each with the deadlines it starts.
 */
import { budgetChanges, eventDeadlines, recordBudgetChange, recordGasRegistration } from "@orientir/app";
import { route } from "../route.ts";
import {
  BudgetChange,
  BudgetChangeBody,
  BudgetChangeList,
  EventDeadlineList,
  GasRegistration,
  GasRegistrationBody,
  IdParams,
} from "@orientir/contracts";

const TAG = "deadlines";

export const deadlineRoutes = [
  route({
    method: "GET",
    path: "/api/budget-changes",
    tag: TAG,
    auth: "session",
    summary: "Изменения бюджета и сроки, которые они начинают (220-п пп. 5.4, 5.5)",
    response: BudgetChangeList,
    handler: async (ctx) => budgetChanges(ctx.app, ctx.caller),
  }),
  route({
    method: "POST",
    path: "/api/budget-changes",
    tag: TAG,
    auth: "session",
    status: 201,
    summary: "Внести изменение бюджета: решение о бюджете № … от … или изменение сводной бюджетной росписи (управление финансов)",
    body: BudgetChangeBody,
    response: BudgetChange,
    handler: async (ctx, { body }) => recordBudgetChange(ctx.app, ctx.caller, body),
  }),
  route({
    method: "GET",
    path: "/api/event-deadlines",
    tag: TAG,
    auth: "session",
    summary: "Сроки от событий: ГАС «Управление» (4.18.1), распоряжения о направлениях (1.7, 4.19), изменения бюджета (5.4, 5.5)",
    response: EventDeadlineList,
    handler: async (ctx) => eventDeadlines(ctx.app, ctx.caller),
  }),
  route({
    method: "POST",
    path: "/api/versions/:id/gas-registration",
    tag: TAG,
    auth: "session",
    status: 201,
    summary: "Отметить размещение утвержденной программы в ГАС «Управление» (220-п п. 4.18.1; ответственный исполнитель)",
    params: IdParams,
    body: GasRegistrationBody,
    response: GasRegistration,
    handler: async (ctx, { params, body }) => recordGasRegistration(ctx.app, ctx.caller, params.id, body),
  }),
];
