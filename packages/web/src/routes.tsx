/**
 * The pages of the app. Each entry: a path pattern, the page component (gets the path params), and
 * where it shows in the navigation (navKey = a key of NAV in app/Layout.tsx), if at all.
 * Helpers building pages add their entries here; pages are loaded by route (`lazyPage`), so the
 * first script stays small.
 */
import { lazy, type ComponentType } from "react";

export type PageProps = { params: Record<string, string> };

export interface PageRoute {
  path: string;
  /** The page: a component, or `lazyPage(() => import("./pages/…"), "Name")` to load it with its route. */
  page: ComponentType<PageProps>;
}

/**
 * A page loaded with its route (a chunk of its own): `lazyPage(() => import("./pages/X.tsx"), "XPage")`.
 * The first visit shows the page's skeleton until the chunk is there.
 */
export function lazyPage<N extends string>(load: () => Promise<Record<N, ComponentType<PageProps>>>, name: N): ComponentType<PageProps> {
  return lazy(() => load().then((m) => ({ default: m[name] }))) as unknown as ComponentType<PageProps>;
}

export const ROUTES: PageRoute[] = [
  { path: "/", page: lazyPage(() => import("./pages/HomePage.tsx"), "HomePage") },
  { path: "/programs", page: lazyPage(() => import("./pages/programs/ProgramsPage.tsx"), "ProgramsPage") },
  { path: "/programs/:id", page: lazyPage(() => import("./pages/programs/ProgramPage.tsx"), "ProgramPage") },
  { path: "/strategy", page: lazyPage(() => import("./pages/strategy/StrategyPage.tsx"), "StrategyPage") },
  { path: "/plan", page: lazyPage(() => import("./pages/plan/ActionPlanPage.tsx"), "ActionPlanPage") },
  { path: "/admin", page: lazyPage(() => import("./pages/admin/AdminPage.tsx"), "AdminPage") },
  { path: "/audit", page: lazyPage(() => import("./pages/audit/AuditPage.tsx"), "AuditPage") },
  {
    path: "/programs/:id/evaluation",
    page: lazyPage(() => import("./pages/evaluation/ProgramEvaluationPage.tsx"), "ProgramEvaluationPage"),
  },
  { path: "/evaluation", page: lazyPage(() => import("./pages/evaluation/RankingPage.tsx"), "RankingPage") },
  { path: "/evaluation/strategy", page: lazyPage(() => import("./pages/evaluation/SummaryPage.tsx"), "StrategySummaryPage") },
  { path: "/evaluation/plan", page: lazyPage(() => import("./pages/evaluation/SummaryPage.tsx"), "PlanSummaryPage") },
  { path: "/workflow", page: lazyPage(() => import("./pages/workflow/QueuePage.tsx"), "QueuePage") },
  { path: "/programs/:id/versions", page: lazyPage(() => import("./pages/workflow/VersionsPage.tsx"), "VersionsPage") },
  { path: "/versions/:id", page: lazyPage(() => import("./pages/workflow/VersionPage.tsx"), "VersionPage") },
  { path: "/monitoring", page: lazyPage(() => import("./pages/monitoring/MonitoringPage.tsx"), "MonitoringPage") },
  {
    path: "/programs/:id/monitoring/:year/:period",
    page: lazyPage(() => import("./pages/monitoring/MonitoringPage.tsx"), "MonitoringLinkPage"),
  },
  { path: "/dashboard", page: lazyPage(() => import("./pages/monitoring/DashboardPage.tsx"), "DashboardPage") },
  { path: "/account", page: lazyPage(() => import("./pages/account/AccountPage.tsx"), "AccountPage") },
  { path: "/portal", page: lazyPage(() => import("./pages/portal/PortalModerationPage.tsx"), "PortalModerationPage") },
  { path: "/portal/queue", page: lazyPage(() => import("./pages/portal/PortalQueuePage.tsx"), "PortalQueuePage") },
  { path: "/portal/discussions", page: lazyPage(() => import("./pages/portal/PortalDiscussionsPage.tsx"), "PortalDiscussionsPage") },
  { path: "/portal/council", page: lazyPage(() => import("./pages/portal/CouncilPage.tsx"), "CouncilPage") },
  { path: "/portal/qa", page: lazyPage(() => import("./pages/portal/PortalQaPage.tsx"), "PortalQaPage") },
  { path: "/portal/surveys", page: lazyPage(() => import("./pages/portal/PortalSurveysPage.tsx"), "PortalSurveysPage") },
  { path: "/control/registry", page: lazyPage(() => import("./pages/control/RegistryPage.tsx"), "RegistryPage") },
  { path: "/control/orders", page: lazyPage(() => import("./pages/control/OrdersPage.tsx"), "OrdersPage") },
  { path: "/control/orders/:id", page: lazyPage(() => import("./pages/control/OrderPage.tsx"), "OrderPage") },
  { path: "/control/appeals", page: lazyPage(() => import("./pages/control/AppealsPage.tsx"), "AppealsPage") },
  { path: "/control/templates", page: lazyPage(() => import("./pages/control/AnswerTemplatesPage.tsx"), "AnswerTemplatesPage") },
  { path: "/control/appeals/:id", page: lazyPage(() => import("./pages/control/AppealPage.tsx"), "AppealPage") },
  { path: "/control/discipline", page: lazyPage(() => import("./pages/control/DisciplinePage.tsx"), "DisciplinePage") },
  { path: "/search", page: lazyPage(() => import("./pages/search/SearchPage.tsx"), "SearchPage") },
];
