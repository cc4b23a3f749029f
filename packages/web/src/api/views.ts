/**
 * The endpoints whose response schema is still loose in the OpenAPI document (a tree or a view
 * described as `{id, version}` plus anything, or objects of unknown fields): each is called here,
 * once, and answers the page's own view type. When the server describes the view precisely, the
 * generated type replaces the view type in this one place per endpoint (and the build shows what
 * differs).
 */
import { api, type BodyOf, type InitOf, type PathsFor } from "../lib/api.ts";
import type { Notification } from "../components/Notifications.tsx";
import type { Diff, Note } from "../pages/workflow/VersionPage.tsx";
import type { ReportView } from "../pages/monitoring/ReportPanel.tsx";
import type { ProgramBudgetView } from "../pages/monitoring/FactsSections.tsx";
import type { Deadline, MetricPlanFact, OffPlanRow, OverdueCheckpoint, ProgramPlanFact, WaitingReport } from "../pages/monitoring/DashboardPage.tsx";
import type { ProgramEvaluationView, SummaryView } from "../pages/evaluation/common.ts";
import type { AuditEntry } from "../pages/audit/AuditPage.tsx";

/** The one unchecked step: a loose answer read as the page's view type. */
function asView<T>(loose: unknown): T {
  return loose as T;
}

/** GET /api/monitoring/notifications: items are `Record<string, unknown>` today. */
export async function loadNotifications(limit: number): Promise<{ items: Notification[]; unread: number }> {
  const r = await api.GET("/api/monitoring/notifications", { params: { query: { limit } } });
  return { items: asView<Notification[]>(r.items), unread: r.unread };
}

/**
 * GET /api/programs/:id/tree (`?inForce=1`: the content in force with the live facts),
 * /api/strategies/:id/tree, /api/action-plans/:id/tree: described as `{id, version}` plus anything.
 */
export async function loadTree<T extends { id: string; version: number }>(
  kind: "programs" | "strategies" | "action-plans",
  id: string,
  opts: { inForce?: boolean } = {},
): Promise<T> {
  const path = { params: { path: { id } } };
  if (kind === "strategies") return asView<T>(await api.GET("/api/strategies/{id}/tree", path));
  if (kind === "action-plans") return asView<T>(await api.GET("/api/action-plans/{id}/tree", path));
  return asView<T>(await api.GET("/api/programs/{id}/tree", { params: { path: { id }, query: opts.inForce ? { inForce: "1" } : {} } }));
}

/** GET /api/programs/:id/diff: each change's `valueKind` is any string in the schema (the domain's ValueKind here). */
export async function loadDiff(programId: string, from: string, to?: string): Promise<Diff> {
  return asView<Diff>(await api.GET("/api/programs/{id}/diff", { params: { path: { id: programId }, query: { from, to } } }));
}

/** GET /api/versions/:id/note (the explanatory note): its changes as in loadDiff. */
export async function loadNote(versionId: string): Promise<Note> {
  return asView<Note>(await api.GET("/api/versions/{id}/note", { params: { path: { id: versionId } } }));
}

/** PATCH /api/versions/:id/note: answers the note as loadNote. */
export async function saveNote(versionId: string, body: BodyOf<"patch", "/api/versions/{id}/note">): Promise<Note> {
  return asView<Note>(await api.PATCH("/api/versions/{id}/note", { params: { path: { id: versionId } }, body }));
}

/** A program's report of a period: the path of /api/monitoring/programs/:id/reports/:year/:period. */
export type ReportAt = NonNullable<InitOf<"get", "/api/monitoring/programs/{id}/reports/{year}/{period}">>["params"]["path"];

/** GET /api/monitoring/programs/:id/reports/:year/:period: its directions are passthrough objects in the schema. */
export async function loadReport(at: ReportAt): Promise<ReportView> {
  return asView<ReportView>(await api.GET("/api/monitoring/programs/{id}/reports/{year}/{period}", { params: { path: at } }));
}

/** POST …/reports/:year/:period/transitions: answers the report as loadReport. */
export async function reportTransition(at: ReportAt, body: BodyOf<"post", "/api/monitoring/programs/{id}/reports/{year}/{period}/transitions">): Promise<ReportView> {
  return asView<ReportView>(await api.POST("/api/monitoring/programs/{id}/reports/{year}/{period}/transitions", { params: { path: at }, body }));
}

/** GET /api/monitoring/programs/:id/budget: the directions and elements are `Record<string, unknown>` in the schema. */
export async function loadBudgetView(programId: string, year: number): Promise<ProgramBudgetView> {
  return asView<ProgramBudgetView>(await api.GET("/api/monitoring/programs/{id}/budget", { params: { path: { id: programId }, query: { year } } }));
}

/** GET /api/monitoring/dashboard/my-tasks: deadlines and reports are passthrough objects in the schema. */
export async function loadMyTasks(): Promise<{ today: string; items: Deadline[]; reports: WaitingReport[] }> {
  return asView(await api.GET("/api/monitoring/dashboard/my-tasks"));
}

/** GET /api/monitoring/dashboard/overdue-reports: groups of deadlines, loose as in loadMyTasks. */
export async function loadOverdueReports(): Promise<{ today: string; groups: { name: string; count: number; departmentId: string | null; role: string; items: Deadline[] }[] }> {
  return asView(await api.GET("/api/monitoring/dashboard/overdue-reports"));
}

/** GET /api/monitoring/dashboard/overdue-checkpoints: items are `Record<string, unknown>` in the schema. */
export async function loadOverdueCheckpoints(): Promise<{ today: string; items: OverdueCheckpoint[] }> {
  return asView(await api.GET("/api/monitoring/dashboard/overdue-checkpoints"));
}

/** GET /api/monitoring/dashboard/metrics-off-plan: items are `Record<string, unknown>` in the schema. */
export async function loadMetricsOffPlan(query: QueryOf<"/api/monitoring/dashboard/metrics-off-plan">): Promise<{ items: OffPlanRow[] }> {
  return asView(await api.GET("/api/monitoring/dashboard/metrics-off-plan", { params: { query } }));
}

/** GET /api/monitoring/metrics/:id/plan-fact: the months are of unknown shape in the schema. */
export async function loadMetricPlanFact(id: string, year: number): Promise<MetricPlanFact> {
  return asView(await api.GET("/api/monitoring/metrics/{id}/plan-fact", { params: { path: { id }, query: { year } } }));
}

/** GET /api/monitoring/programs/:id/plan-fact: loose as the metric's. */
export async function loadProgramPlanFact(id: string, year: number): Promise<ProgramPlanFact> {
  return asView(await api.GET("/api/monitoring/programs/{id}/plan-fact", { params: { path: { id }, query: { year } } }));
}

type QueryOf<P extends PathsFor<"get">> = NonNullable<NonNullable<InitOf<"get", P>>["params"]>["query"];

/** GET /api/programs/:id/evaluation: the trace and the indicators are loose in the schema. */
export async function loadEvaluation(programId: string, query: QueryOf<"/api/programs/{id}/evaluation">): Promise<ProgramEvaluationView> {
  return asView(await api.GET("/api/programs/{id}/evaluation", { params: { path: { id: programId }, query } }));
}

/** GET /api/strategies/:id/summary and /api/action-plans/:id/summary: loose in the schema. */
export async function loadSummary(kind: "strategy" | "plan", id: string, query: QueryOf<"/api/strategies/{id}/summary">): Promise<SummaryView> {
  const params = { path: { id }, query };
  return asView(kind === "strategy" ? await api.GET("/api/strategies/{id}/summary", { params }) : await api.GET("/api/action-plans/{id}/summary", { params }));
}

/** GET /api/audit: an entry's actor, object and before/after are passthrough fields in the schema. */
export async function loadAudit(query: QueryOf<"/api/audit">): Promise<{ items: AuditEntry[] }> {
  return asView(await api.GET("/api/audit", { params: { query } }));
}
