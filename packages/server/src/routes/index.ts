import type { RouteDef } from "../route.ts";
import { authRoutes } from "./auth.ts";
import { allResourceRoutes, batchRoute } from "./resources.ts";
import { systemRoutes } from "./system.ts";
import { viewRoutes } from "./views.ts";
import { monitoringRoutes } from "./monitoring.ts";
import { workflowRoutes } from "./workflow.ts";
import { evaluationRoutes } from "./evaluation.ts";
import { formRoutes } from "./forms.ts";
import { deadlineRoutes } from "./deadlines.ts";
import { portalRoutes } from "./portal.ts";
import { controlRoutes } from "./control.ts";
import { controlFileRoutes } from "./control-files.ts";
import { homeRoutes } from "./home.ts";
import { approvalRoutes } from "./approval.ts";
import { appealRoutes } from "./appeals.ts";
import { portalProposalRoutes } from "./portal-proposals.ts";
import { portalCouncilRoutes } from "./portal-council.ts";
import { portalQaRoutes } from "./portal-qa.ts";
import { auditRoutes } from "./audit.ts";
import { portalDiscussionRoutes } from "./portal-discussions.ts";
import { portalAppealRoutes } from "./portal-appeals.ts";

/**
 * The routes of the API in groups, one group per capability. The authorization test of the core
 * group is `test/authorization.test.ts`; every other group G has its own `test/authorization.G.test.ts`
 * that walks each of its routes × role × target (the core test fails if one is missing).
 */
export function routeGroups(): Record<string, RouteDef[]> {
  return {
    core: [...systemRoutes, ...authRoutes, ...viewRoutes, batchRoute, ...allResourceRoutes()],
    monitoring: monitoringRoutes,
    workflow: workflowRoutes,
    evaluation: evaluationRoutes,
    forms: formRoutes,
    deadlines: deadlineRoutes,
    portal: portalRoutes,
    control: controlRoutes,
    controlFiles: controlFileRoutes,
    home: homeRoutes,
    approval: approvalRoutes,
    appeals: appealRoutes,
    "portal-proposals": portalProposalRoutes,
    "portal-council": portalCouncilRoutes,
    portalqa: portalQaRoutes,
    audit: auditRoutes,
    "portal-discussions": portalDiscussionRoutes,
    "portal-appeals": portalAppealRoutes,
  };
}

/** Every route of the API. */
export function allRoutes(): RouteDef[] {
  return Object.values(routeGroups()).flat();
}
