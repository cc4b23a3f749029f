/**
 * The pages of the app. Each entry: a path pattern, the page component (gets the path params), and
 * where it shows in the navigation (navKey = a key of NAV in app/Layout.tsx), if at all.
 * Helpers building pages add their entries here.
 */
import type { ComponentType } from "react";
import { HomePage } from "./pages/HomePage.tsx";
import { ProgramsPage } from "./pages/programs/ProgramsPage.tsx";
import { ProgramPage } from "./pages/programs/ProgramPage.tsx";
import { StrategyPage } from "./pages/strategy/StrategyPage.tsx";
import { ActionPlanPage } from "./pages/plan/ActionPlanPage.tsx";
import { AdminPage } from "./pages/admin/AdminPage.tsx";
import { AuditPage } from "./pages/audit/AuditPage.tsx";
import { ProgramEvaluationPage } from "./pages/evaluation/ProgramEvaluationPage.tsx";
import { RankingPage } from "./pages/evaluation/RankingPage.tsx";
import { PlanSummaryPage, StrategySummaryPage } from "./pages/evaluation/SummaryPage.tsx";
import { QueuePage } from "./pages/workflow/QueuePage.tsx";
import { VersionsPage } from "./pages/workflow/VersionsPage.tsx";
import { VersionPage } from "./pages/workflow/VersionPage.tsx";
import { MonitoringLinkPage, MonitoringPage } from "./pages/monitoring/MonitoringPage.tsx";
import { DashboardPage } from "./pages/monitoring/DashboardPage.tsx";
import { AccountPage } from "./pages/account/AccountPage.tsx";
import { PortalModerationPage } from "./pages/portal/PortalModerationPage.tsx";
import { RegistryPage } from "./pages/control/RegistryPage.tsx";
import { OrdersPage } from "./pages/control/OrdersPage.tsx";
import { OrderPage } from "./pages/control/OrderPage.tsx";
import { AppealsPage } from "./pages/control/AppealsPage.tsx";
import { AppealPage } from "./pages/control/AppealPage.tsx";
import { DisciplinePage } from "./pages/control/DisciplinePage.tsx";

export interface PageRoute {
  path: string;
  page: ComponentType<{ params: Record<string, string> }>;
}

export const ROUTES: PageRoute[] = [
  { path: "/", page: HomePage },
  { path: "/programs", page: ProgramsPage },
  { path: "/programs/:id", page: ProgramPage },
  { path: "/strategy", page: StrategyPage },
  { path: "/plan", page: ActionPlanPage },
  { path: "/admin", page: AdminPage },
  { path: "/audit", page: AuditPage },
  { path: "/programs/:id/evaluation", page: ProgramEvaluationPage },
  { path: "/evaluation", page: RankingPage },
  { path: "/evaluation/strategy", page: StrategySummaryPage },
  { path: "/evaluation/plan", page: PlanSummaryPage },
  { path: "/workflow", page: QueuePage },
  { path: "/programs/:id/versions", page: VersionsPage },
  { path: "/versions/:id", page: VersionPage },
  { path: "/monitoring", page: MonitoringPage },
  { path: "/programs/:id/monitoring/:year/:period", page: MonitoringLinkPage },
  { path: "/dashboard", page: DashboardPage },
  { path: "/account", page: AccountPage },
  { path: "/portal", page: PortalModerationPage },
  { path: "/control/registry", page: RegistryPage },
  { path: "/control/orders", page: OrdersPage },
  { path: "/control/orders/:id", page: OrderPage },
  { path: "/control/appeals", page: AppealsPage },
  { path: "/control/appeals/:id", page: AppealPage },
  { path: "/control/discipline", page: DisciplinePage },
];
