/**
 * What the audit log can be filtered by (issue 13, part 2): its actions as sentences and who acted
 * by name, so that the filter never asks for a code or a login. The log itself is GET /api/audit
 * (views.ts).
 */
import { auditFilters } from "@orientir/app";
import { AuditFilters } from "@orientir/contracts";
import { route } from "../route.ts";

export const auditRoutes = [
  route({
    method: "GET",
    path: "/api/audit/filters",
    tag: "audit",
    auth: "session",
    summary: "Значения фильтров журнала изменений: действия журнала словами и кто действовал по имени (как журнал)",
    response: AuditFilters,
    handler: async (ctx) => auditFilters(ctx.app, ctx.caller, ctx.lang),
  }),
];
